//! Bodies for Decree 30 renders taken from documents that already exist as text: a marked
//! text's `@body PATH FROM TO` line stands for lines FROM..=TO (1-based) of the text file at
//! PATH, with the lines a web copy broke inside a paragraph joined again. This keeps the
//! documents themselves out of the repository: only the marked header, footer and line range
//! are committed (`corpus/scan/decree/`), the text is read from `../shared/dev-docs` when
//! rendering.

use std::path::Path;

use super::CorpusError;

/// Replaces every `@body PATH FROM TO` line of `marked` by the paragraphs of those lines of
/// PATH (relative to `root`); other lines are kept as they are.
///
/// # Errors
/// [`CorpusError::Io`] when PATH cannot be read, [`CorpusError::UnknownName`] when the line
/// range is not two numbers.
pub fn expand(marked: &str, root: &Path) -> Result<String, CorpusError> {
    let mut out = String::new();
    for line in marked.lines() {
        let Some(spec) = line.trim().strip_prefix("@body ") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let parts: Vec<&str> = spec.split_whitespace().collect();
        let bad = || CorpusError::UnknownName {
            kind: "@body line",
            name: line.to_string(),
            expected: "@body PATH FROM TO".into(),
        };
        let [path, from, to] = parts[..] else {
            return Err(bad());
        };
        let (from, to): (usize, usize) = (
            from.parse().map_err(|_| bad())?,
            to.parse().map_err(|_| bad())?,
        );
        let file = root.join(path);
        let text = std::fs::read_to_string(&file).map_err(|source| CorpusError::Io {
            path: file.display().to_string(),
            source,
        })?;
        let lines: Vec<&str> = text
            .lines()
            .skip(from.saturating_sub(1))
            .take(to + 1 - from.min(to + 1))
            .collect();
        for p in paragraphs(&lines) {
            out.push_str(&p);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Whether a line begins a new part of a document: a numbered or lettered heading, a list
/// item, an article ("Điều 1."), or a sentence opening after a finished one.
fn opens_part(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let numbered = first
        .trim_end_matches(['.', ')', ':'])
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let roman = first.ends_with('.')
        && first
            .trim_end_matches('.')
            .chars()
            .all(|c| "IVXLC".contains(c));
    numbered
        || roman
        || first.starts_with(['-', '+', '*', '•'])
        || first == "Điều"
        || first == "Căn"
}

/// The paragraphs of lines copied from a web page: a line joins the one before it unless that
/// one ends a sentence or clause (`.`, `;`, `:`, `!`, `?`) or the line opens a new part.
/// Empty lines, table cell marks (`|`) and dash rules are dropped: the layout draws its own.
pub fn paragraphs(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in lines {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = line.trim_matches('|').trim().to_string();
        if line.is_empty() || line.chars().all(|c| matches!(c, '-' | '_' | '*' | '=')) {
            continue;
        }
        let joins = out.last().is_some_and(|prev| {
            !prev.ends_with(['.', ';', ':', '!', '?', '…']) && !opens_part(&line)
        });
        match out.last_mut() {
            Some(prev) if joins => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_lines_join_and_parts_stay_apart() {
        let lines = [
            "Căn cứ Quyết định số 919/QĐ-TTg",
            "ngày 01 tháng 8 năm 2022 của Thủ tướng Chính phủ;",
            "Căn cứ Kế hoạch số 3858/KH-UBND",
            "ngày 14 tháng 10 năm 2022;",
            "|",
            "-------",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục",
            "đích",
            "- Tiếp tục nêu cao tinh thần",
            "trách nhiệm.",
        ];
        assert_eq!(
            paragraphs(&lines),
            vec![
                "Căn cứ Quyết định số 919/QĐ-TTg ngày 01 tháng 8 năm 2022 của Thủ tướng Chính phủ;",
                "Căn cứ Kế hoạch số 3858/KH-UBND ngày 14 tháng 10 năm 2022;",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "- Tiếp tục nêu cao tinh thần trách nhiệm.",
            ]
        );
    }

    #[test]
    fn body_lines_are_read_from_the_named_file() {
        let dir = std::env::temp_dir().join(format!("decree-body-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("doc.txt"), "header\nMột hai\nba.\nBốn.\ntail\n").unwrap();
        let out = expand("@type KẾ HOẠCH\n@body doc.txt 2 4\n@signer A\n", &dir).unwrap();
        assert_eq!(out, "@type KẾ HOẠCH\nMột hai ba.\nBốn.\n@signer A\n");
        assert!(expand("@body missing.txt 1 2\n", &dir).is_err());
        assert!(expand("@body doc.txt one 2\n", &dir).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
