//! Long texts restored in bounded chunks. Restoration holds a token list, a lattice and a
//! decoding table for each stretch of text it decodes (about 70 bytes per byte), and a stretch
//! runs to the next blank line, so a text without blank lines (one 60 MB line) would be held
//! whole. Cutting the text into chunks of at most [`CHUNK_BYTES`] at the most natural boundary
//! (a blank line, else a line end, else a sentence end, else a space) bounds that memory by the
//! chunk size whatever the text's lines look like; what a document keeps is its restored text
//! and the review summary.

use unicode_normalization::char::is_combining_mark;

use crate::restore::{summarise, RestorationSummary, Restorer};
use crate::text::SourceText;

/// Most bytes restored at once: 256 KiB, seven times the largest plan among the samples and
/// dev-docs (35 KB), so a real document is one chunk and restored exactly as a whole; a chunk
/// costs about 70 bytes per byte while it is decoded (18 MB).
pub const CHUNK_BYTES: usize = 256 << 10;

/// The end of the first chunk of `text`: all of it when it fits in `max` bytes, else the best
/// boundary in the second half of the first `max` bytes (so every chunk is at least half full
/// and the work stays linear): just after a blank line, else after a line end, else after a
/// sentence end (`.`, `;`, `!`, `?` and a space), else after a space, else the last character
/// boundary.
pub fn chunk_end(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    let mut limit = max.max(8);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text.as_bytes()[limit / 2..limit];
    let after = |found: Option<usize>, len: usize| found.map(|i| limit / 2 + i + len);
    let rfind = |needle: &[u8]| window.windows(needle.len()).rposition(|w| w == needle);
    after(rfind(b"\n\n"), 2)
        .or_else(|| after(window.iter().rposition(|&b| b == b'\n'), 1))
        .or_else(|| {
            let sentence = window
                .windows(2)
                .rposition(|w| matches!(w[0], b'.' | b';' | b'!' | b'?') && w[1] == b' ');
            after(sentence, 2)
        })
        .or_else(|| after(window.iter().rposition(|&b| b == b' '), 1))
        .unwrap_or_else(|| {
            // Never between a letter and its combining marks, nor inside a CR LF.
            let mut end = limit;
            while let Some(c) = text[end..].chars().next() {
                let prev = text[..end].chars().next_back();
                let joined = is_combining_mark(c) || (prev == Some('\r') && c == '\n');
                if !joined || end <= limit / 2 {
                    break;
                }
                end -= prev.map_or(1, char::len_utf8);
            }
            end
        })
}

/// The chunks of `text`, in order; they join back to `text`.
pub fn chunks(text: &str, max: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (chunk, tail) = rest.split_at(chunk_end(rest, max));
        rest = tail;
        Some(chunk)
    })
}

/// Restores plain `text` chunk by chunk ([`CHUNK_BYTES`]): the restored text and the summary
/// of the whole, with review lines and columns counted in the whole text. A text of one chunk
/// is restored exactly as [`Restorer::restore`] restores it.
pub fn restore_plain(restorer: &Restorer, text: &str) -> (String, RestorationSummary) {
    restore_plain_in(restorer, text, CHUNK_BYTES)
}

fn restore_plain_in(restorer: &Restorer, text: &str, max: usize) -> (String, RestorationSummary) {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut summary = RestorationSummary::default();
    // Lines before the chunk, and characters of its first line that precede it.
    let (mut lines_before, mut column_before) = (0, 0);
    for chunk in chunks(text, max) {
        let source = SourceText::from_plain(chunk);
        let restored = restorer.restore(&source);
        let part = summarise(&restored, &source);
        out.push_str(&restored.text);
        summary.tokens += part.tokens;
        summary.changed += part.changed;
        summary.uncertain += part.uncertain;
        summary.review.extend(part.review.into_iter().map(|mut r| {
            if r.line == 1 {
                r.column += column_before;
            }
            r.line += lines_before;
            r
        }));
        // Counted in the chunk as restoration saw it (line ends made `\n`, NFC).
        let seen = &source.text;
        lines_before += seen.matches('\n').count();
        column_before = match seen.rfind('\n') {
            Some(i) => seen[i + 1..].chars().count(),
            None => column_before + seen.chars().count(),
        };
    }
    (out, summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_at_the_most_natural_boundary_and_join_back() {
        let para = "Kế hoạch thi đua. Năm 2025 toàn tỉnh.\nDòng hai của đoạn.\n\n";
        let text = para.repeat(50);
        for max in [20, 64, 100, 1000] {
            let parts: Vec<&str> = chunks(&text, max).collect();
            assert_eq!(parts.concat(), text, "max {max}");
            assert!(parts.iter().all(|p| p.len() <= max.max(8)), "max {max}");
        }
        // A blank line is preferred to a line end, a line end to a sentence, that to a space.
        let end = chunk_end(&text, 100);
        assert!(text[..end].ends_with("\n\n"), "{:?}", &text[..end]);
        let one_line = "Kế hoạch thi đua. Năm 2025 toàn tỉnh thi đua ".repeat(40);
        let end = chunk_end(&one_line, 100);
        assert!(one_line[..end].ends_with(". "), "{:?}", &one_line[..end]);
        let words = "thi đua yêu nước ".repeat(40);
        assert!(words[..chunk_end(&words, 100)].ends_with(' '));
        // No boundary at all: cut at a character boundary, never inside a character.
        let solid = "đ".repeat(100);
        let end = chunk_end(&solid, 101);
        assert_eq!(end, 100);
    }

    #[test]
    fn chunked_restoration_keeps_text_and_review_positions() {
        let r = crate::restore::shared();
        let line = "ke hoach thi dua nam 2025 cua uy ban nhan dan tinh. ";
        let text = format!("{}\n{}", line.repeat(30), line.repeat(30));
        let (whole, summary) = restore_plain(r, &text);
        // Small chunks cut the one long line at sentence ends: the same words restored.
        let (chunked, small) = restore_plain_in(r, &text, 200);
        assert_eq!(whole, r.restore_str(&text));
        assert_eq!(chunked.lines().count(), 2);
        let words = |s: &str| s.split_whitespace().count();
        assert_eq!(words(&chunked), words(&whole));
        assert!(
            chunked.starts_with("kế hoạch thi đua năm 2025 của ủy ban"),
            "{chunked}"
        );
        assert_eq!(small.tokens, summary.tokens);
        // Every review entry points at its word in the whole text.
        let lines: Vec<&str> = text.lines().collect();
        for e in &small.review {
            let at: String = lines[e.line - 1].chars().skip(e.column - 1).collect();
            assert!(at.starts_with(&e.source), "{e:?}");
        }
    }
}
