//! Segment: restored text → [`Segmented`] (header, legal bases, section tree, campaign facts).
//!
//! The document is cut into four regions, top to bottom: header (up to the first legal basis or
//! section), preamble (legal bases and the sentence that issues the plan), body (from the first
//! section marker to "Nơi nhận"), and footer (recipients and signature). Each region has its
//! own module; every step is a single pass over its lines, so the whole stays linear.

mod campaign;
pub mod dates;
mod doctypes;
pub mod facts;
mod header;
pub mod kinds;
mod legal;
pub mod lines;
pub mod model;
mod names;
pub mod numbering;
mod ocr;
mod recipients;
mod signer;

pub use model::*;

use lines::{skel, Lines, Skeleton, View};
use numbering::Marker;

/// How far down a header can reach before we stop looking for one: a Decree 30 header is about
/// 10 lines, and a web copy that breaks every cell over two or three lines (sonla_68,
/// thainguyen_29 in dev-docs) takes about 30; further down is body.
const HEADER_MAX_LINES: usize = 40;

/// Segments a restored document.
///
/// # Examples
/// ```
/// let s = sohoa_core::segment::segment("KẾ HOẠCH\nThi đua\nI. MỤC ĐÍCH\nNội dung");
/// assert_eq!(s.header.doc_type.as_deref(), Some("Kế hoạch"));
/// assert_eq!(s.sections[0].kinds, [sohoa_core::segment::SectionKind::Purpose]);
/// ```
pub fn segment(text: &str) -> Segmented {
    segment_counted(text).0
}

/// [`segment`], also returning the number of work units (lines and items visited), which the
/// linearity tests compare across input sizes.
pub fn segment_counted(text: &str) -> (Segmented, usize) {
    let mut work = 0usize;
    let owned = Lines::new(text);
    let lines = owned.all();
    work += lines.len();

    let limit = header_limit(lines, &mut work);
    // The header's lines are a few (`limit` is at most HEADER_MAX_LINES): owned copies.
    let parsed = header::parse(&lines.slice(0..limit).to_vec(), limit);
    let mut header = parsed.header;
    let body_start = body_start(lines, parsed.end, &mut work);
    let (body_end, footer_end) = footer(lines, body_start, &mut work);

    let preamble = lines.slice(parsed.end.min(body_start)..body_start);
    let mut legal_bases = legal::parse(preamble, &mut work);
    let opening = preamble.join();
    if header.issuer.is_none() || header.doc_type.is_none() {
        issuing_sentence(&opening, &mut header);
    }
    complete_issuer(lines, &mut header, &mut work);
    // The votes read the document's start, as far as an issuer's name is looked for.
    header::one_name_spelling(&mut header, lines::prefix(text, ISSUER_SEARCH_BYTES));
    // The motto alone is not a header: running text may quote the national name.
    header.found = header.issuer.is_some() || header.number.is_some() || header.kind.is_some();

    let numbering::Tree {
        mut sections,
        heading_colon,
    } = numbering::tree(lines.slice(body_start..body_end), &mut work);
    kinds::assign(&mut sections);
    legal_bases.extend(legal::from_sections(&sections, &mut work));

    let campaign = campaign::extract(header.title.as_deref(), &opening, &sections);
    let units = facts::units(&sections, &heading_colon);
    work += units.len();
    let award_forms = facts::awards::extract(&units, &mut work);
    let quotas = facts::quotas::extract(&units, &mut work);
    let goals = facts::goals::extract(&units, &mut work);
    let criteria = facts::criteria::extract(&units, &mut work);
    let timeline = facts::timeline::extract(&units, &mut work);

    let footer = lines.slice(body_end..footer_end);
    let rec = recipients::parse(footer, &mut work);
    let signer = signer::parse(footer, rec.run_in_name, &mut work);

    let segmented = Segmented {
        header,
        campaign,
        legal_bases,
        sections,
        goals,
        criteria,
        award_forms,
        quotas,
        timeline,
        signer,
        recipients: rec.recipients,
    };
    (segmented, work)
}

/// The header cannot reach past the first legal basis or top-level part (nor past
/// [`HEADER_MAX_LINES`]).
/// The line right after the type line is the subject (Decree 30, art. 8: the type name, then
/// the subject, then the body), even when it reads like a basis opening ("KẾ HOẠCH" / "Thực
/// hiện Chương trình mỗi xã một sản phẩm ..."): plans are often named after what they carry
/// out. A "Căn cứ" line is no subject, so it still ends the header there. Nor can it reach the
/// footer, which opens with "Nơi nhận:" (Decree 30, art. 8): a text that starts there (the last
/// page of a scan, read on its own) has no header, and its signature block is not one.
fn header_limit(lines: View<'_>, work: &mut usize) -> usize {
    let mut after_type = false;
    for (i, l) in lines.iter().enumerate().take(HEADER_MAX_LINES) {
        *work += 1;
        if l.is_blank() {
            continue;
        }
        if ocr::recipients_heading(&skel(l.text)) {
            return i;
        }
        let subject = std::mem::replace(
            &mut after_type,
            doctypes::kind_for_heading(l.text).is_some(),
        );
        let opener = legal::is_opener(l.text) && (!subject || skel(l.text).starts_with("can cu"));
        if opener || skel(l.text).starts_with("de ") {
            return i;
        }
        if numbering::marker(l.text).is_some_and(|m| m.marker.is_major()) {
            return i;
        }
    }
    lines.len().min(HEADER_MAX_LINES)
}

/// The body starts at the first top-level part ("I.", "Điều 1.", "PHẦN I", "A.") or the first
/// "1." after the header; with neither (a letter without numbered parts, or a copy cut before
/// them), after the run of legal-basis paragraphs that follows the header.
fn body_start(lines: View<'_>, from: usize, work: &mut usize) -> usize {
    for (i, l) in lines.iter().enumerate().skip(from) {
        *work += 1;
        if let Some(m) = numbering::marker(l.text) {
            if m.marker.is_major() || m.marker == Marker::Decimal(1) {
                return i;
            }
        }
    }
    after_bases(lines, from, work)
}

/// The first line after the legal bases that follow `from` (with no basis opening within
/// [`HEADER_MAX_LINES`] of it, `from` itself: the lines between a header and its first basis
/// are the decision's authority line, "ỦY BAN NHÂN DÂN TỈNH"). A basis paragraph
/// opens with "Căn cứ ..." (or "Thực hiện <document>") and runs on until a line ends a
/// sentence (".", ";" or ":" after a word a sentence can end on, `legal::closes_sentence`) and the next line starts a new one with a capital that is not
/// itself an opener nor the next document of a list ("...; / Quyết định số ..."): the decree's preamble lists one cited document per paragraph, each closed
/// by ";" and the last by "." or the issuing sentence.
fn after_bases(lines: View<'_>, from: usize, work: &mut usize) -> usize {
    let first = lines
        .iter()
        .enumerate()
        .skip(from)
        .take(HEADER_MAX_LINES)
        .find(|(_, l)| legal::is_opener(l.text));
    let Some((first, _)) = first else {
        return from.min(lines.len());
    };
    *work += first - from;
    let mut in_basis = false;
    let mut prev_closed = true;
    for (i, l) in lines.iter().enumerate().skip(first) {
        *work += 1;
        if l.is_blank() {
            continue;
        }
        if legal::is_opener(l.text) {
            in_basis = true;
        } else if !in_basis
            || (prev_closed
                && l.text.chars().next().is_some_and(char::is_uppercase)
                && !legal::continues_list(l.text))
        {
            return i;
        }
        prev_closed = legal::closes_sentence(l.text);
    }
    lines.len()
}

/// Lines a signature block spans from its heading to the signer's name ("CHỦ TỊCH" /
/// "(Đã ký)" / seal / name).
const SIGNATURE_LINES: usize = 5;

/// The footer's first line and the line after it. The footer starts at "Nơi nhận", else at the
/// recipients list ending in "- Lưu", else at a signature heading standing alone after the body
/// ("CHỦ TỊCH"); in that last case it ends at the signer's name, because what follows belongs
/// to another document of the same copy (an attached decision or plan).
fn footer(lines: View<'_>, body_start: usize, work: &mut usize) -> (usize, usize) {
    let mut luu = None;
    let mut signature = None;
    for (i, line) in lines.iter().enumerate().skip(body_start) {
        *work += 1;
        let k = skel(line.text);
        if ocr::recipients_heading(&k) {
            return (i, lines.len());
        }
        if luu.is_none() && ocr::filing_item(&k) {
            luu = Some(i);
        }
        if signature.is_none() && luu.is_none() && signer::is_signature_line(line.text) {
            signature = Some(i);
        }
    }
    if let Some(mut i) = luu {
        // Walk up over the "- ..." lines: the line above them is the (garbled) "Nơi nhận".
        while i > body_start {
            *work += 1;
            let t = lines.get(i - 1).text;
            if t.is_empty() || t.starts_with(['-', '–']) {
                i -= 1;
            } else {
                return (i - 1, lines.len());
            }
        }
        return (i, lines.len());
    }
    let Some(s) = signature else {
        return (lines.len(), lines.len());
    };
    let name = lines
        .iter()
        .enumerate()
        .skip(s + 1)
        .take(SIGNATURE_LINES)
        .find(|(_, l)| recipients::looks_like_name(l.text))
        .map_or(lines.len(), |(i, _)| i + 1);
    (s, name)
}

/// Administrative levels (Law 77/2015/QH13 on local government), as skeletons.
const LEVELS: &[&str] = &[
    "thanh pho",
    "thi xa",
    "thi tran",
    "tinh",
    "huyen",
    "quan",
    "xa",
    "phuong",
];
/// How far into the document an issuer's full name is looked for.
const ISSUER_SEARCH_BYTES: usize = 20_000;

/// A header that kept only the kind of body ("ỦY BAN NHÂN DÂN", its second line lost by the
/// copy) is completed from the document: the level and place named together in it ("CHỦ TỊCH
/// ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", "tỉnh Lạng Sơn"), the place being the one of the date
/// line. A level alone is not enough: a provincial body may date its documents from a city.
fn complete_issuer(lines: View<'_>, header: &mut Header, work: &mut usize) {
    let (Some(issuer), Some(place)) = (header.issuer.as_deref(), header.place.as_deref()) else {
        return;
    };
    let k = skel(issuer);
    if !["uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"].contains(&k.as_str()) {
        return;
    }
    let mut text = String::new();
    for l in lines.iter() {
        *work += 1;
        if text.len() > ISSUER_SEARCH_BYTES {
            break;
        }
        text.push_str(l.text);
        text.push(' ');
    }
    let hay = skel(&text);
    let place_k = skel(place);
    let found = LEVELS
        .iter()
        .find(|level| hay.contains(&format!("{level} {place_k}")));
    if let Some(level) = found {
        let written = match *level {
            "thanh pho" => "thành phố",
            "thi xa" => "thị xã",
            "thi tran" => "thị trấn",
            "tinh" => "tỉnh",
            "huyen" => "huyện",
            "quan" => "quận",
            "xa" => "xã",
            _ => "phường",
        };
        header.issuer = Some(format!("{issuer} {written} {place}"));
    }
}

/// "Sở Kế hoạch và Đầu tư (gọi là Sở) ban hành Kế hoạch ..." names the issuer and type when the
/// scan lost the header.
fn issuing_sentence(opening: &str, header: &mut model::Header) {
    let sk = Skeleton::new(opening);
    let Some(at) = sk.text.find(" ban hanh ") else {
        return;
    };
    let after = &sk.text[at + " ban hanh ".len()..];
    if header.doc_type.is_none() {
        header.doc_type = doctypes::cited_names()
            .into_iter()
            .find(|n| after.starts_with(&skel(n)))
            .map(str::to_string);
        header.kind = header.doc_type.as_deref().and_then(doctypes::kind_for_name);
    }
    if header.issuer.is_none() {
        // The sentence starts after the previous sentence's end.
        let before = &opening[..sk.orig(at)];
        let start = before.rfind(['.', ';', ',']).map_or(0, |i| i + 1);
        let mut issuer = before[start..].trim().to_string();
        if let Some(p) = issuer.find('(') {
            issuer.truncate(p);
        }
        let issuer = issuer.trim().to_string();
        let words = issuer.split_whitespace().count();
        // A body's name is 2 to about 10 words ("Ban Chấp hành Đảng bộ tỉnh Đồng Tháp Khóa
        // XI"); a longer run before "ban hành" is a sentence, not a name.
        if (2..=12).contains(&words) && issuer.chars().next().is_some_and(char::is_uppercase) {
            header.issuer = Some(issuer);
        }
    }
}
