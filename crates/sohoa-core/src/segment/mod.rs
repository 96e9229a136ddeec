//! Segment: restored text → [`Segmented`] (header, legal bases, section tree, campaign facts).
//!
//! The document is cut into four regions, top to bottom: header (up to the first legal basis or
//! section), preamble (legal bases and the sentence that issues the plan), body (from the first
//! section marker to "Nơi nhận"), and footer (recipients and signature). Each region has its
//! own module; every step is a single pass over its lines, so the whole stays linear.

mod campaign;
mod dates;
mod doctypes;
pub mod facts;
mod header;
pub mod kinds;
mod legal;
pub mod lines;
pub mod model;
mod names;
pub mod numbering;
mod recipients;
mod signer;

pub use model::*;

use lines::{join, skel, Line, Skeleton};
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
/// assert_eq!(s.sections[0].kinds, [sohoa::segment::SectionKind::Purpose]);
/// ```
pub fn segment(text: &str) -> Segmented {
    segment_counted(text).0
}

/// [`segment`], also returning the number of work units (lines and items visited), which the
/// linearity tests compare across input sizes.
pub fn segment_counted(text: &str) -> (Segmented, usize) {
    let mut work = 0usize;
    let lines = lines::split(text);
    work += lines.len();

    let (pre_end, body_start) = regions(&lines, &mut work);
    let body_end = footer_start(&lines, body_start, &mut work);

    let mut header = header::parse(&lines, pre_end).header;
    let preamble = &lines[pre_end..body_start];
    let legal_bases = legal::parse(preamble, &mut work);
    let opening = join(preamble);
    if header.issuer.is_none() || header.doc_type.is_none() {
        issuing_sentence(&opening, &mut header);
    }

    let numbering::Tree {
        mut sections,
        heading_colon,
    } = numbering::tree(&lines[body_start..body_end], &mut work);
    kinds::assign(&mut sections);

    let campaign = campaign::extract(header.title.as_deref(), &opening, &sections);
    let units = facts::units(&sections, &heading_colon);
    work += units.len();
    let award_forms = facts::awards::extract(&units, &mut work);
    let quotas = facts::quotas::extract(&units, &mut work);
    let goals = facts::goals::extract(&units, &mut work);
    let criteria = facts::criteria::extract(&units, &mut work);
    let timeline = facts::timeline::extract(&units, &mut work);

    let footer = &lines[body_end..];
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

/// Finds where the header ends (first legal basis, or first section) and where the body's
/// first section starts.
fn regions(lines: &[Line], work: &mut usize) -> (usize, usize) {
    let mut pre_end = None;
    for (i, l) in lines.iter().enumerate().take(HEADER_MAX_LINES) {
        *work += 1;
        if legal::is_opener(&l.text) || skel(&l.text).starts_with("de ") {
            pre_end = Some(i);
            break;
        }
        if numbering::marker(&l.text).is_some_and(|m| m.marker == Marker::Roman) {
            pre_end = Some(i);
            break;
        }
    }
    let from = pre_end.unwrap_or(0);
    let mut body_start = None;
    for (i, l) in lines.iter().enumerate().skip(from) {
        *work += 1;
        if let Some(m) = numbering::marker(&l.text) {
            if matches!(m.marker, Marker::Roman | Marker::Decimal(1)) {
                body_start = Some(i);
                break;
            }
        }
    }
    let body_start = body_start.unwrap_or(from);
    let pre_end = pre_end.unwrap_or(body_start.min(HEADER_MAX_LINES).min(lines.len()));
    (pre_end.min(body_start), body_start)
}

/// The first line of the footer: "Nơi nhận", else the recipients list ending in "- Lưu".
fn footer_start(lines: &[Line], body_start: usize, work: &mut usize) -> usize {
    let mut luu = None;
    for i in (body_start..lines.len()).rev() {
        *work += 1;
        let k = skel(&lines[i].text);
        if k.starts_with("noi nhan") {
            return i;
        }
        if luu.is_none() && (k.starts_with("- luu") || k.starts_with("-luu")) {
            luu = Some(i);
        }
    }
    let Some(mut i) = luu else {
        return lines.len();
    };
    // Walk up over the "- ..." lines: the line above them is the (garbled) "Nơi nhận".
    while i > body_start {
        *work += 1;
        let t = &lines[i - 1].text;
        if t.is_empty() || t.starts_with(['-', '–']) {
            i -= 1;
        } else {
            return i - 1;
        }
    }
    i
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
        header.doc_type = doctypes::DOC_TYPES
            .iter()
            .map(|&(_, n)| n)
            .find(|n| after.starts_with(&skel(n)))
            .map(str::to_string);
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
