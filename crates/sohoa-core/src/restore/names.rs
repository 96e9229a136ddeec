//! Personal names read through a mark slip: which form of a name's syllable was printed, when a
//! Vietnamese OCR's reading of it carries a tone or vowel mark that names seldom carry.
//!
//! The language model knows a name's syllables as words of running text, where "vân" and
//! "văn", "bửu" and "bứu" are all common or all rare; as names they are not: "Văn" is the middle
//! name of most men and "Vân" almost never a middle name, "Bửu" is a given name and "Bứu" none.
//! So inside a personal name the choice is made by how often each form is that part of a name
//! (`dictionaries/names.tsv`, counted from names in the corpora, `sohoa-build-dict
//! --names-only`) against how likely the OCR is to have read the form it shows for it (the
//! learned mark slips, `-log10 P(observed | intended)`): the form with the highest
//! `log10 P(form as a name) - slip cost` wins, the form read costing nothing. A form is changed
//! only where the counts outweigh the slip, so a rare but real name read without a slip stays.
//!
//! Only in text read by a Vietnamese OCR (the learned-slip channels): typed text's marks are
//! what its author typed.

use rustc_hash::FxHashMap;

use super::confusion::Confusions;
use super::syllable::{strip, Syllable};
use super::token::{Kind, Token};

/// Common family names, as skeletons (lowercase, no marks, đ as d): the Kinh family names that
/// most Vietnamese carry (the frequency tables of the "Vietnamese name" articles of the
/// Vietnamese and English Wikipedias) and the family names of the Thái, Mông and other peoples
/// of the northern mountain provinces, whose officials sign there (Lò, Lường, Cà, Sùng, Vàng,
/// Mùa, Thào, Hầu, Lầu). Not a list from any one document.
pub const FAMILY_NAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "truong", "lo", "luong", "quang", "ca", "tong", "ha", "dinh",
    "lam", "mai", "trinh", "dao", "cao", "thai", "chu", "ta", "vuong", "phung", "to", "lai",
    "doan", "trieu", "giang", "sung", "vang", "mua", "thao", "hau", "lau", "lu", "kim", "luu",
    "tang", "quach", "diep", "la", "khuat", "nong", "hua", "au", "van", "tieu", "bach", "thach",
    "dam", "kieu", "mac", "ong", "khong", "han", "nghiem",
];

/// Words after which a personal name follows, lowercase: forms of address ("ông", "bà", "đồng
/// chí" by its second syllable) and the last syllable of the titles a name follows ("Chủ
/// tịch", "Giám đốc", "Bí thư", "Thủ tướng", "Bộ trưởng", "Tiến sĩ", "Ủy viên"). The same
/// words tell names in the corpora, where the counts come from.
pub const BEFORE_NAME: &[&str] = &[
    "ông",
    "bà",
    "anh",
    "chị",
    "cụ",
    "cháu",
    "em",
    "thầy",
    "chí",
    "tịch",
    "đốc",
    "thư",
    "tướng",
    "trưởng",
    "sĩ",
    "viên",
];

/// Most syllables of a name: family, two middle names, given name.
pub const MAX_NAME_SYLLABLES: usize = 4;

/// Added to a count before its logarithm: a form never seen as a name is not impossible.
const SMOOTHING: f64 = 0.5;

/// How often each syllable is a middle, a given and a family name (`names.tsv`), and the
/// syllables of each skeleton.
#[derive(Debug, Default)]
pub struct NamePrior {
    counts: FxHashMap<String, [u32; 3]>,
    by_skeleton: FxHashMap<String, Vec<String>>,
}

/// Where a syllable stands in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    /// Between the family name and the given name.
    Middle,
    /// The last syllable.
    Given,
    /// The first syllable, one of [`FAMILY_NAMES`] by its skeleton.
    Family,
}

impl NamePrior {
    /// Parses `names.tsv` (syllable, middle, given and family counts; `#` comments). Malformed
    /// lines are skipped: the table only ever adds evidence.
    pub fn parse(table: &str) -> NamePrior {
        let mut p = NamePrior::default();
        for line in table.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let Some(s) = f.next() else { continue };
            let counts: Vec<u32> = f.filter_map(|n| n.trim().parse().ok()).collect();
            let [middle, given, family] = counts[..] else {
                continue;
            };
            p.by_skeleton
                .entry(strip(s))
                .or_default()
                .push(s.to_owned());
            p.counts.insert(s.to_owned(), [middle, given, family]);
        }
        p
    }

    /// Whether the table is empty (no name is ever changed).
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    fn log_count(&self, syllable: &str, part: NamePart) -> f64 {
        let n = self.counts.get(syllable).map_or(0, |c| c[part as usize]);
        (f64::from(n) + SMOOTHING).log10()
    }

    /// The form of the name syllable `read` (lowercase) that was most likely printed, when it
    /// is not `read` itself: the one maximising `log10 P(form as this part of a name) - cost of
    /// reading it as read` over the forms of the same skeleton whose letters differ from
    /// `read`'s by mark slips `slips` knows.
    pub fn likelier(&self, read: &str, part: NamePart, slips: &Confusions) -> Option<String> {
        let read = Syllable::parse(read).map_or_else(|| read.to_owned(), |s| s.render());
        let forms = self.by_skeleton.get(&strip(&read))?;
        let base = self.log_count(&read, part);
        let mut best: Option<(&str, f64)> = None;
        for form in forms.iter().filter(|f| **f != read) {
            let Some(cost) = slip_cost(&read, form, slips) else {
                continue;
            };
            let gain = self.log_count(form, part) - base - f64::from(cost);
            if gain > best.map_or(0.0, |b| b.1) {
                best = Some((form, gain));
            }
        }
        best.map(|b| b.0.to_owned())
    }
}

/// Sum of the slip costs reading `intended` as `read`, letter by letter; `None` when the words
/// differ in length or in a pair of letters that is no known slip.
fn slip_cost(read: &str, intended: &str, slips: &Confusions) -> Option<f32> {
    if read.chars().count() != intended.chars().count() {
        return None;
    }
    read.chars()
        .zip(intended.chars())
        .map(|(o, c)| {
            if o == c {
                Some(0.0)
            } else {
                slips.letter(o, c)
            }
        })
        .sum()
}

/// Whether `w` is written in title case ("Nguyễn", not "NGUYỄN" or "nguyễn"), as a name is;
/// the names table (`sohoa-dict`) counts names by the same test.
pub fn is_title(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase)
        && c.clone().next().is_some()
        && c.all(char::is_lowercase)
}

/// The personal names among `tokens` of `text`: for each, the positions (in `tokens`) of its
/// syllables, each with its part. A name is two to
/// [`MAX_NAME_SYLLABLES`] title-case words separated by spaces, the first a family name
/// ([`FAMILY_NAMES`]), no title-case word right after it, and either alone on its line (a
/// signature block's name line: nothing but non-letters beside it) or after a word of
/// [`BEFORE_NAME`]. Elsewhere such a run is as often a place or a street ("Hà Nội", "Lê Lợi").
pub fn name_syllables(text: &str, tokens: &[Token]) -> Vec<(usize, NamePart)> {
    let word = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| &text[t.span.clone()])
    };
    let gap = |i: usize| &text[tokens[i].span.end..tokens[i + 1].span.start];
    let spaced = |i: usize| i + 1 < tokens.len() && gap(i).chars().all(|c| c == ' ');
    // Whether no letter stands between token `i` and the line's edge, going `back` or forward.
    let alone_towards = |i: usize, back: bool| {
        let mut k = i;
        loop {
            let next = if back {
                k.checked_sub(1)
            } else {
                Some(k + 1).filter(|&n| n < tokens.len())
            };
            let Some(n) = next else { return true };
            let between = if back { gap(n) } else { gap(k) };
            if between.contains('\n') {
                return true;
            }
            if text[tokens[n].span.clone()]
                .chars()
                .any(char::is_alphanumeric)
            {
                return false;
            }
            k = n;
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let family = word(i)
            .filter(|w| is_title(w) && FAMILY_NAMES.contains(&strip(&w.to_lowercase()).as_str()));
        if family.is_none() {
            i += 1;
            continue;
        }
        let mut end = i;
        while spaced(end) && word(end + 1).is_some_and(is_title) {
            end += 1;
        }
        let len = end + 1 - i;
        let addressed = i > 0
            && spaced(i - 1)
            && word(i - 1).is_some_and(|w| BEFORE_NAME.contains(&w.to_lowercase().as_str()));
        let alone = alone_towards(i, true) && alone_towards(end, false);
        if (2..=MAX_NAME_SYLLABLES).contains(&len) && (addressed || alone) {
            out.push((i, NamePart::Family));
            out.extend((i + 1..end).map(|k| (k, NamePart::Middle)));
            out.push((end, NamePart::Given));
        }
        i = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::token;
    use super::*;

    const TABLE: &str = "# test\nvăn\t6917\t32\t0\nvân\t30\t109\t0\nbửu\t9\t24\t0\n\
                         bưu\t0\t4\t0\nthủy\t8\t159\t0\nthúy\t85\t59\t0\n\
                         hương\t24\t328\t0\nhường\t1\t59\t0\nphan\t0\t0\t900\n\
                         phán\t0\t2\t0\n";
    const SLIPS: &str = "â\tă\t1.732\nứ\tử\t1.631\nư\tử\t2.424\nú\tủ\t1.712\nủ\tú\t1.9\n\
                         ờ\tơ\t2.833\nă\tâ\t2.387\nả\ta\t2.603\n";

    fn likelier(read: &str, part: NamePart) -> Option<String> {
        let slips = Confusions::parse(SLIPS).expect("valid slips");
        NamePrior::parse(TABLE).likelier(read, part, &slips)
    }

    #[test]
    fn a_form_names_carry_far_more_often_wins_over_a_likely_slip() {
        // "Văn" is a middle name 200 times as often as "Vân"; â for ă is a likely slip.
        assert_eq!(likelier("vân", NamePart::Middle).as_deref(), Some("văn"));
        // "Bứu" is no name; ứ for ử is a likely slip.
        assert_eq!(likelier("bứu", NamePart::Given).as_deref(), Some("bửu"));
        // Family names are a closed list: "Phản" is none.
        assert_eq!(likelier("phản", NamePart::Family).as_deref(), Some("phan"));
        assert_eq!(likelier("phan", NamePart::Family), None);
    }

    #[test]
    fn a_real_name_stays_where_the_counts_do_not_outweigh_the_slip() {
        // "Vân" is a common given name.
        assert_eq!(likelier("vân", NamePart::Given), None);
        // Both are common names: the ratio is far under the slip's odds.
        assert_eq!(likelier("thúy", NamePart::Given), None);
        assert_eq!(likelier("hường", NamePart::Given), None);
        // "Bưu" for "Bửu" is an unlikely slip (ư for ử), and "Bưu" is a name too.
        assert_eq!(likelier("bưu", NamePart::Given), None);
        // Forms the table does not know, or no slip between them.
        assert_eq!(likelier("sơn", NamePart::Given), None);
        assert_eq!(likelier("văn", NamePart::Middle), None);
    }

    fn names(text: &str) -> Vec<(String, NamePart)> {
        let toks: Vec<Token> = token::tokens(text).collect();
        name_syllables(text, &toks)
            .into_iter()
            .map(|(k, p)| (text[toks[k].span.clone()].to_owned(), p))
            .collect()
    }

    #[test]
    fn names_are_found_on_their_own_line_or_after_an_address() {
        use NamePart::{Family, Given, Middle};
        let s = |w: &str, p| (w.to_owned(), p);
        assert_eq!(
            names("PHÓ CHỦ TỊCH\n\n\nHoàng Vân Sơn\n"),
            vec![s("Hoàng", Family), s("Vân", Middle), s("Sơn", Given)]
        );
        assert_eq!(
            names("Giao đồng chí Lâm Văn Bứu, Phó Chủ tịch."),
            vec![s("Lâm", Family), s("Văn", Middle), s("Bứu", Given)]
        );
        // A speck beside the line does not make it a sentence.
        assert_eq!(
            names(". Lê Thị Hường -"),
            vec![s("Lê", Family), s("Thị", Middle), s("Hường", Given)]
        );
    }

    #[test]
    fn places_and_runs_inside_sentences_are_no_names() {
        assert!(names("trên địa bàn Hà Nội và Lâm Đồng.").is_empty());
        assert!(names("Hà Nội, ngày 08 tháng 4 năm 2022").is_empty());
        assert!(names("đường Lê Lợi, thành phố Hồ Chí Minh").is_empty());
        // Too long to be one name.
        assert!(names("Nguyễn Văn Hùng Sơn La\n").is_empty());
    }
}
