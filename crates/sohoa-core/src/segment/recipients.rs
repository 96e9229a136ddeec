//! Recipients: the "Nơi nhận:" list, one string per "- ..." line.
//!
//! In a flattened two-column footer the signer's title sits at the end of a recipients line
//! ("- Phòng Văn hóa và Thông tin huyện; CHỦ TỊCH"), and OCR may run the signer's name into the
//! last line ("- Lưu: VT, VP. Trương Hoa Châu"); both are cut off here.

use super::lines::{is_upper, skel, View};
use crate::restore::names::FAMILY_NAMES;

/// Whether `s` reads as a personal name: 2-5 capitalised words of letters.
pub fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    // Vietnamese personal names are two to four words (family, middle, given), five with a
    // compound middle name.
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
        })
}

/// Whether `s` is a name that starts with a known family name (stricter, for run-in names).
pub fn looks_like_surname_first(s: &str) -> bool {
    looks_like_name(s)
        && s.split_whitespace()
            .next()
            .is_some_and(|w| FAMILY_NAMES.contains(&skel(w).as_str()))
}

/// Byte offset where a trailing run of two or more capital words starts, when the words before
/// it end a recipient (";" or ",").
fn trailing_capitals(item: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = item
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let mut first = words.len();
    while first > 0 {
        let w = words[first - 1].1;
        let letters = w.chars().filter(|c| c.is_alphabetic());
        if w.chars().any(char::is_alphabetic) && letters.clone().all(char::is_uppercase) {
            first -= 1;
        } else {
            break;
        }
    }
    let run = words.len() - first;
    if run >= 2 && first > 0 && words[first - 1].1.ends_with([';', ',']) {
        Some(words[first].0)
    } else {
        None
    }
}

/// Recipients a footer always may hold, whatever its size: far more than any distribution list
/// (a provincial plan sends to a few dozen bodies; the longest list of the samples and the
/// development half of dev-docs has 9).
const MIN_MAX_RECIPIENTS: usize = 1_000;
/// Beyond [`MIN_MAX_RECIPIENTS`], a footer holds at most one recipient per this many bytes of
/// its text, as the body holds one section per 64 bytes ([`super::numbering`]): a text of
/// one-letter items after "Nơi nhận" ("- a", a recipient per 4 bytes) otherwise became a
/// million-entry list. Past the cap, a "- ..." line is running text of the last recipient, so
/// nothing is lost and memory stays that of the text.
const BYTES_PER_RECIPIENT: usize = 64;

/// Recipients and, if OCR ran it into the list, the signer's name.
pub struct Parsed {
    /// One entry per "- ..." line.
    pub recipients: Vec<String>,
    /// A name cut off the end of a recipients line.
    pub run_in_name: Option<String>,
}

/// Parses the lines after the body (from the "Nơi nhận" line on).
pub fn parse(tail: View<'_>, work: &mut usize) -> Parsed {
    let mut recipients: Vec<String> = Vec::new();
    let mut run_in_name = None;
    let mut in_list = false;
    let mut closed = false;
    let max_recipients = MIN_MAX_RECIPIENTS.max(tail.text_bytes() / BYTES_PER_RECIPIENT);
    for line in tail.iter() {
        *work += 1;
        if line.is_blank() || closed {
            continue;
        }
        let text = line.text;
        if super::ocr::recipients_heading(&skel(text)) {
            in_list = true;
            continue;
        }
        let Some(item) = text.strip_prefix(['-', '–', '—']) else {
            // A wrapped recipient continues on a plain line; capitals or a name end the list.
            if in_list && !recipients.is_empty() && !is_upper(text) && !looks_like_name(text) {
                if let Some(last) = recipients.last_mut() {
                    last.push(' ');
                    last.push_str(text.trim_end_matches([';', ',', '.']));
                }
            }
            continue;
        };
        in_list = true;
        let mut item = item.trim().to_string();
        // Cut a right-hand column in capitals ("...; KT. CHỦ TỊCH") off the end.
        if let Some(at) = trailing_capitals(&item) {
            item.truncate(at);
        }
        // Cut a run-in name after the last ";" or ".".
        if let Some(at) = item.rfind([';', '.']) {
            let after = item[at + 1..].trim().to_string();
            if !after.is_empty() && (is_upper(&after) || looks_like_surname_first(&after)) {
                if looks_like_surname_first(&after) {
                    run_in_name = Some(after);
                }
                item.truncate(at + 1);
            }
        }
        let item = item
            .trim_end_matches([';', ',', '.', ' '])
            .trim()
            .to_string();
        if item.is_empty() {
            continue;
        }
        let last = skel(&item).starts_with("luu");
        let full = recipients.len() >= max_recipients;
        match recipients.last_mut() {
            Some(previous) if full => {
                previous.push_str(" - ");
                previous.push_str(&item);
            }
            _ => recipients.push(item),
        }
        if last {
            closed = true;
        }
    }
    Parsed {
        recipients,
        run_in_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines::Lines;

    #[test]
    fn cuts_title_column_and_run_in_name() {
        let lines = Lines::new(
            "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Sở Nội vụ;\n- Phòng Văn hóa huyện; CHỦ TỊCH\n- Lưu: VT, VP. Trương Hoa Châu",
        );
        let mut work = 0;
        let p = parse(lines.all(), &mut work);
        assert_eq!(
            p.recipients,
            ["Sở Nội vụ", "Phòng Văn hóa huyện", "Lưu: VT, VP"]
        );
        assert_eq!(p.run_in_name.as_deref(), Some("Trương Hoa Châu"));
    }

    #[test]
    fn recipient_list_after_noi_nhan_was_uncapped() {
        // One-letter items, a recipient per 4 bytes: the first MIN_MAX_RECIPIENTS are
        // recipients, the rest running text of the last one, and "- Lưu" still closes the list.
        let n = MIN_MAX_RECIPIENTS + 500;
        let text = format!("Nơi nhận:\n{}- Lưu: VT.\nsau", "- a;\n".repeat(n));
        let lines = Lines::new(&text);
        let mut work = 0;
        let p = parse(lines.all(), &mut work);
        assert_eq!(p.recipients.len(), MIN_MAX_RECIPIENTS);
        let last = p.recipients.last().unwrap();
        assert_eq!(last.matches(" - a").count(), 500, "nothing lost");
        assert!(last.ends_with(" - Lưu: VT"), "{}", &last[last.len() - 20..]);
        // A footer as long as a real one keeps every recipient.
        let real = format!("Nơi nhận:\n{}- Lưu: VT.", "- Sở Nội vụ tỉnh;\n".repeat(40));
        let lines = Lines::new(&real);
        assert_eq!(parse(lines.all(), &mut work).recipients.len(), 41);
    }
}
