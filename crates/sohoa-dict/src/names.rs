//! Syllables of personal names (`dictionaries/names.tsv`): how often each syllable is a middle
//! name, a given name and a family name in the corpora, for the restorer's choice between the forms
//! a tone or vowel mark slip leaves of a name (`sohoa_core::restore::names`).
//!
//! A personal name is counted where the text says it is one: after a form of address or a
//! title ([`BEFORE_NAME`]: "ông", "bà", "đồng chí", "Chủ tịch", "Giám đốc", ...), a family name
//! ([`FAMILY_NAMES`]) and then one to three more title-case syllables, the run ending there.
//! Its last syllable is the given name; those between are middle names. Without the word
//! before it, a run of capitals starting with a family-name syllable is as often a place or a
//! street ("Hà Nội", "Lê Lợi"), whose syllables are no personal names.

use std::collections::HashMap;
use std::path::Path;

use sohoa_core::restore::names::{BEFORE_NAME, FAMILY_NAMES, MAX_NAME_SYLLABLES as MAX_SYLLABLES};
use sohoa_core::restore::token::{self, Kind};

use crate::bodies::lower_syllable;
use crate::{each_training_line, io_err, BuildError, BuildOptions};

/// Middle-name, given-name and family-name counts per syllable (lowercase, canonical
/// spelling).
#[derive(Debug, Default)]
pub struct NameCounts {
    counts: HashMap<String, [u32; 3]>,
    /// Names counted.
    pub names: u64,
}

impl NameCounts {
    /// Counts the names of one line.
    pub fn line(&mut self, line: &str) {
        let toks: Vec<token::Token> = token::tokens(line).collect();
        let word = |i: usize| {
            toks.get(i)
                .filter(|t| t.kind == Kind::Word)
                .map(|t| &line[t.span.clone()])
        };
        // Whether tokens i and i + 1 are separated by spaces only (a name spans no punctuation).
        let joined = |i: usize| {
            toks.get(i + 1).is_some_and(|n| {
                line[toks[i].span.end..n.span.start]
                    .chars()
                    .all(|c| c == ' ')
            })
        };
        for i in 1..toks.len() {
            let Some(before) = word(i - 1) else { continue };
            let before = before.to_lowercase();
            if !BEFORE_NAME.contains(&before.as_str()) || !joined(i - 1) {
                continue;
            }
            let Some(family) = word(i).filter(|w| is_title(w)) else {
                continue;
            };
            if !FAMILY_NAMES.contains(&skeleton(family).as_str()) {
                continue;
            }
            let mut end = i;
            while end + 1 < toks.len() && joined(end) && word(end + 1).is_some_and(is_title) {
                end += 1;
            }
            let len = end + 1 - i;
            // A family name and a given name at least; a longer run is a name followed by
            // another proper noun, which cannot be cut apart.
            if !(2..=MAX_SYLLABLES).contains(&len) {
                continue;
            }
            let syllables: Option<Vec<String>> = (i..=end)
                .map(|k| word(k).and_then(lower_syllable))
                .collect();
            let Some(syllables) = syllables else { continue };
            self.names += 1;
            let last = syllables.len() - 1;
            for (k, s) in syllables.into_iter().enumerate() {
                // Columns: middle, given, family.
                let column = if k == 0 {
                    2
                } else if k == last {
                    1
                } else {
                    0
                };
                self.counts.entry(s).or_default()[column] += 1;
            }
        }
    }

    /// (syllable, [middle, given, family] counts), alphabetically.
    pub fn table(&self) -> Vec<(&str, [u32; 3])> {
        let mut rows: Vec<(&str, [u32; 3])> =
            self.counts.iter().map(|(s, &c)| (s.as_str(), c)).collect();
        rows.sort_unstable();
        rows
    }
}

/// Whether `w` is written in title case ("Nguyễn", not "NGUYỄN" or "nguyễn").
fn is_title(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase)
        && c.clone().next().is_some()
        && c.all(char::is_lowercase)
}

/// `w` lowercase without marks, đ as d.
fn skeleton(w: &str) -> String {
    sohoa_core::restore::syllable::strip(&w.to_lowercase())
}

/// Counts the corpora of `opts` and writes `names.tsv` into `out`; returns the number of names
/// counted.
///
/// # Errors
/// [`BuildError::Io`] when a corpus cannot be read or the table written.
pub fn write_names(opts: &BuildOptions, out: &Path) -> Result<u64, BuildError> {
    let mut counts = NameCounts::default();
    each_training_line(opts, "names", |line| counts.line(line))?;
    let mut text = format!(
        "# Syllables of personal names: syllable<TAB>times a middle name<TAB>times a given name<TAB>times\n\
         # a family name, lowercase, canonical spelling. {} names of 2-{MAX_SYLLABLES} syllables written after a form of\n\
         # address or a title and starting with a family name, in the training split of the corpora.\n\
         # Generated by `sohoa-build-dict --names-only` (crates/sohoa-dict/src/names.rs).\n",
        counts.names
    );
    for (s, [m, g, f]) in counts.table() {
        text.push_str(&format!("{s}\t{m}\t{g}\t{f}\n"));
    }
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    let path = out.join("names.tsv");
    std::fs::write(&path, text).map_err(io_err(&path))?;
    Ok(counts.names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(lines: &[&str]) -> Vec<(String, u32, u32, u32)> {
        let mut c = NameCounts::default();
        for l in lines {
            c.line(l);
        }
        c.table()
            .into_iter()
            .map(|(s, [m, g, f])| (s.to_owned(), m, g, f))
            .collect()
    }

    #[test]
    fn a_name_after_an_address_or_a_title_counts_its_middle_and_given_syllables() {
        let t = counted(&[
            "Theo ông Nguyễn Văn Hùng, Chủ tịch UBND xã.",
            "Đồng chí Trần Thị Thuý Hằng phát biểu.",
            "Phó Chủ tịch Lê Quý dự họp.",
        ]);
        let get = |s: &str| t.iter().find(|r| r.0 == s).map(|r| (r.1, r.2, r.3));
        assert_eq!(get("văn"), Some((1, 0, 0)));
        assert_eq!(get("hùng"), Some((0, 1, 0)));
        assert_eq!(get("thị"), Some((1, 0, 0)));
        // Old-style "Thuý" is counted in its canonical spelling.
        assert_eq!(get("thúy"), Some((1, 0, 0)));
        assert_eq!(get("hằng"), Some((0, 1, 0)));
        assert_eq!(get("quý"), Some((0, 1, 0)));
        // Family names in their own column.
        assert_eq!(get("nguyễn"), Some((0, 0, 1)));
        assert_eq!(get("lê"), Some((0, 0, 1)));
    }

    #[test]
    fn places_streets_and_runs_without_an_address_are_not_names() {
        let t = counted(&[
            "Tại Hà Nội, đường Lê Lợi và thành phố Hồ Chí Minh.",
            // A family name not in title case, or no family name after the address.
            "ông NGUYỄN VĂN A và bà Thanh Hương.",
            // A run too long to be one name.
            "ông Nguyễn Văn Hùng Sơn La Hà Giang.",
        ]);
        assert!(t.is_empty(), "{t:?}");
    }
}
