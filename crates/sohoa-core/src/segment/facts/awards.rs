//! Award forms (Law on Emulation and Commendation 06/2022/QH15): orders, medals, honorary
//! titles, prizes, certificates of merit and commendation, emulation titles.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{has_kind, Unit};
use crate::segment::lines::{prefix, skel, Skeleton};
use crate::segment::model::SectionKind;
use crate::segment::model::{AwardCategory, AwardForm};

use AwardCategory as C;

/// (skeleton, normalised form, category); longer phrases first so they win.
const FORMS: &[(&str, &str, AwardCategory)] = &[
    (
        "huan chuong sao vang",
        "Huân chương Sao vàng",
        C::HuanChuong,
    ),
    (
        "huan chuong ho chi minh",
        "Huân chương Hồ Chí Minh",
        C::HuanChuong,
    ),
    ("huan chuong doc lap", "Huân chương Độc lập", C::HuanChuong),
    (
        "huan chuong quan cong",
        "Huân chương Quân công",
        C::HuanChuong,
    ),
    (
        "huan chuong lao dong",
        "Huân chương Lao động",
        C::HuanChuong,
    ),
    (
        "huan chuong bao ve to quoc",
        "Huân chương Bảo vệ Tổ quốc",
        C::HuanChuong,
    ),
    (
        "huan chuong chien cong",
        "Huân chương Chiến công",
        C::HuanChuong,
    ),
    (
        "huan chuong dai doan ket dan toc",
        "Huân chương Đại đoàn kết dân tộc",
        C::HuanChuong,
    ),
    (
        "huan chuong dung cam",
        "Huân chương Dũng cảm",
        C::HuanChuong,
    ),
    (
        "huan chuong huu nghi",
        "Huân chương Hữu nghị",
        C::HuanChuong,
    ),
    ("huan chuong", "Huân chương", C::HuanChuong),
    (
        "huy chuong quan ky quyet thang",
        "Huy chương Quân kỳ quyết thắng",
        C::HuyChuong,
    ),
    (
        "huy chuong vi an ninh to quoc",
        "Huy chương Vì an ninh Tổ quốc",
        C::HuyChuong,
    ),
    (
        "huy chuong chien si ve vang",
        "Huy chương Chiến sĩ vẻ vang",
        C::HuyChuong,
    ),
    ("huy chuong huu nghi", "Huy chương Hữu nghị", C::HuyChuong),
    ("anh hung lao dong", "Anh hùng Lao động", C::DanhHieuVinhDu),
    (
        "anh hung luc luong vu trang nhan dan",
        "Anh hùng Lực lượng vũ trang nhân dân",
        C::DanhHieuVinhDu,
    ),
    (
        "ba me viet nam anh hung",
        "Bà mẹ Việt Nam anh hùng",
        C::DanhHieuVinhDu,
    ),
    ("nha giao nhan dan", "Nhà giáo nhân dân", C::DanhHieuVinhDu),
    ("nha giao uu tu", "Nhà giáo ưu tú", C::DanhHieuVinhDu),
    (
        "thay thuoc nhan dan",
        "Thầy thuốc nhân dân",
        C::DanhHieuVinhDu,
    ),
    ("thay thuoc uu tu", "Thầy thuốc ưu tú", C::DanhHieuVinhDu),
    ("nghe si nhan dan", "Nghệ sĩ nhân dân", C::DanhHieuVinhDu),
    ("nghe si uu tu", "Nghệ sĩ ưu tú", C::DanhHieuVinhDu),
    (
        "nghe nhan nhan dan",
        "Nghệ nhân nhân dân",
        C::DanhHieuVinhDu,
    ),
    ("nghe nhan uu tu", "Nghệ nhân ưu tú", C::DanhHieuVinhDu),
    (
        "giai thuong ho chi minh",
        "Giải thưởng Hồ Chí Minh",
        C::GiaiThuong,
    ),
    (
        "giai thuong nha nuoc",
        "Giải thưởng Nhà nước",
        C::GiaiThuong,
    ),
    ("ky niem chuong", "Kỷ niệm chương", C::KyNiemChuong),
    ("bang khen", "Bằng khen", C::BangKhen),
    ("giay khen", "Giấy khen", C::GiayKhen),
    (
        "chien si thi dua toan quoc",
        "Chiến sĩ thi đua toàn quốc",
        C::DanhHieuThiDua,
    ),
    (
        "chien si thi dua cap bo",
        "Chiến sĩ thi đua cấp bộ",
        C::DanhHieuThiDua,
    ),
    (
        "chien si thi dua cap tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        C::DanhHieuThiDua,
    ),
    (
        "chien si thi dua co so",
        "Chiến sĩ thi đua cơ sở",
        C::DanhHieuThiDua,
    ),
    (
        "tap the lao dong xuat sac",
        "Tập thể lao động xuất sắc",
        C::DanhHieuThiDua,
    ),
    (
        "tap the lao dong tien tien",
        "Tập thể lao động tiên tiến",
        C::DanhHieuThiDua,
    ),
    (
        "lao dong tien tien",
        "Lao động tiên tiến",
        C::DanhHieuThiDua,
    ),
    ("co thi dua", "Cờ thi đua", C::DanhHieuThiDua),
];

static CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,?\s*hang\s+(nhat|nhi|ba)\b").expect("valid regex"));
static AUTH_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[;:.()]|\s(?:cho|tang|hoac|theo|doi voi|khi|vao|neu|de)\s").expect("valid regex")
});
/// Words that open an authority named without "của" ("Giấy khen Chủ tịch UBND huyện").
const BARE_AUTHORITY: &[&str] = &[
    "chu tich",
    "thu truong",
    "giam doc",
    "thu tuong",
    "uy ban",
    "ubnd",
    "bo truong",
];

/// One award mention in a text, with where it starts (skeleton offset).
pub struct Mention {
    /// Start in the skeleton of the text.
    pub at: usize,
    /// The parsed form.
    pub form: AwardForm,
}

/// Every award mention in `text`.
pub fn mentions(text: &str) -> Vec<Mention> {
    let sk = Skeleton::new(text);
    let k = sk.text.as_str();
    let mut out = Vec::new();
    let mut i = 0;
    while i < k.len() {
        if !k.is_char_boundary(i) || (i > 0 && k.as_bytes()[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let hit = FORMS.iter().find(|(p, _, _)| {
            k[i..].starts_with(p)
                && k[i + p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        let Some(&(p, form, category)) = hit else {
            i += 1;
            continue;
        };
        let mut end = i + p.len();
        let mut award = AwardForm {
            text: String::new(),
            form: form.to_string(),
            category,
            class: None,
            authority: None,
        };
        if let Some(m) = CLASS.captures(&k[end..]) {
            let g = m.get(1).expect("group 1");
            let word = &text[sk.orig(end + g.start())..sk.orig(end + g.end())];
            award.class = Some(format!("hạng {}", crate::segment::lines::capitalize(word)));
            end += m.get(0).expect("group 0").end();
        }
        let rest = &k[end..];
        let auth_from = if let Some(r) = rest.strip_prefix(" cua ") {
            Some(end + rest.len() - r.len())
        } else {
            let r = rest.trim_start();
            BARE_AUTHORITY
                .iter()
                .any(|a| r.starts_with(a))
                .then(|| end + rest.len() - r.len())
        };
        if let Some(from) = auth_from {
            // An authority is a few words: bound the search for its end.
            let tail = prefix(&k[from..], 300);
            let stop = AUTH_STOP.find(tail).map_or(tail.len(), |m| m.start());
            let words: Vec<&str> = text[sk.orig(from)..sk.orig(from + stop)]
                .split_whitespace()
                .take(20)
                .collect();
            if !words.is_empty() {
                award.authority = Some(words.join(" ").trim_end_matches(',').to_string());
                end = from + stop;
            }
        }
        award.text = text[sk.orig(i)..sk.orig(end)].trim().to_string();
        out.push(Mention { at: i, form: award });
        i = end.max(i + 1);
    }
    out
}

fn key(a: &AwardForm) -> String {
    let auth = a
        .authority
        .as_deref()
        .map(|s| skel(s).replace("uy ban nhan dan", "ubnd"))
        .unwrap_or_default();
    format!(
        "{}|{}|{}",
        skel(&a.form),
        a.class.as_deref().unwrap_or(""),
        auth
    )
}

/// The award forms a plan names: those listed under award-form headings, or, when those
/// headings name none, every distinct form mentioned in the body.
pub fn extract(units: &[Unit<'_>], work: &mut usize) -> Vec<AwardForm> {
    let from_sections = collect(
        units
            .iter()
            .filter(|u| has_kind(u, SectionKind::AwardForms)),
        work,
    );
    if !from_sections.is_empty() {
        return from_sections;
    }
    collect(units.iter(), work)
}

fn collect<'a>(units: impl Iterator<Item = &'a Unit<'a>>, work: &mut usize) -> Vec<AwardForm> {
    let mut out: Vec<AwardForm> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut forms: HashSet<String> = HashSet::new();
    for u in units {
        *work += 1 + u.text.len() / 64;
        for m in mentions(&u.text) {
            let k = key(&m.form);
            // A bare mention adds nothing when the same form is already known with details.
            let bare = m.form.authority.is_none() && m.form.class.is_none();
            if seen.contains(&k) || (bare && forms.contains(&m.form.form)) {
                continue;
            }
            seen.insert(k);
            forms.insert(m.form.form.clone());
            out.push(m.form);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_form_class_and_authority() {
        let m = mentions("- Huân chương Lao động hạng Ba.");
        assert_eq!(m[0].form.form, "Huân chương Lao động");
        assert_eq!(m[0].form.class.as_deref(), Some("hạng Ba"));
        let m = mentions(
            "đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho không quá 01 tập thể",
        );
        assert_eq!(
            m[0].form.authority.as_deref(),
            Some("Chủ tịch Ủy ban nhân dân tỉnh")
        );
        assert_eq!(m[0].form.category, AwardCategory::BangKhen);
        let m = mentions("Giấy khen Chủ tịch UBND huyện, chủ tịch UBND xã.");
        assert_eq!(
            m[0].form.authority.as_deref(),
            Some("Chủ tịch UBND huyện, chủ tịch UBND xã")
        );
    }
}
