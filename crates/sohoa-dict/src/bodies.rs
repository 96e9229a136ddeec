//! Names of bodies and titles (`dictionaries/bodies.txt`): the fixed phrases the corpora write
//! after a head word of the state's vocabulary (Sở Nội vụ, Ủy ban nhân dân, Ban Thi đua,
//! Chủ tịch Ủy ban nhân dân), found by counting, for the restorer to steer a run of OCR words
//! to when every word of the name is among their candidates (`sohoa_core::restore::bodies`).
//!
//! A name is a phrase after a head (the head included) that (a) the training documents write
//! at least [`MIN_COUNT`] times, (b) whose last word is what usually comes next (at least
//! [`SHARE`] of the phrase one word shorter), and (c) that usually ends there (no single next
//! word takes [`SHARE`] of it): a collocation closed on both sides. Only title-case uses are
//! counted, and after a one-syllable head the next word must be capitalised (`Sở Nội vụ`,
//! `Bộ Tài chính`), so that verbs such as `Ban hành` are not taken for bodies.

use std::collections::HashMap;
use std::path::Path;

use sohoa_core::restore::syllable::Syllable;
use sohoa_core::restore::token::{self, Kind};

use crate::{each_training_line, io_err, BuildError, BuildOptions};

/// Head words of bodies, offices, titles and awards (Decree 30's issuing bodies and signature
/// titles, the awards of the Law on Emulation and Commendation), as written in title case.
const HEADS: [&str; 52] = [
    "Ủy ban",
    "Hội đồng",
    "Sở",
    "Ban",
    "Bộ",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Vụ",
    "Phòng",
    "Văn phòng",
    "Trung tâm",
    "Thanh tra",
    "Kho bạc",
    "Viện",
    "Tòa án",
    "Công an",
    "Mặt trận",
    "Hội",
    "Liên đoàn",
    "Đoàn",
    "Liên minh",
    "Đảng ủy",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Ngân hàng",
    "Bảo hiểm",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Giám đốc",
    "Phó Giám đốc",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Bí thư",
    "Chánh Văn phòng",
    "Thủ trưởng",
    "Bộ trưởng",
    "Thứ trưởng",
    "Thủ tướng",
    "Cục trưởng",
    "Chánh án",
    "Viện trưởng",
    "Huân chương",
    "Huy chương",
    "Bằng khen",
    "Giấy khen",
    "Cờ thi đua",
    "Chiến sĩ thi đua",
    "Kỷ niệm chương",
    "Giải thưởng",
    "Anh hùng",
];

/// Least number of uses of a name in the training documents.
pub const MIN_COUNT: u32 = 30;
/// Share of uses that makes a word the usual continuation (see the module comment).
pub const SHARE: f64 = 0.5;
/// Longest name kept, in syllables (phrases one longer are counted, to see whether it ends).
pub const MAX_SYLLABLES: usize = 8;
/// Shortest name kept, in syllables: two-syllable phrases are too often ordinary words.
pub const MIN_SYLLABLES: usize = 3;

/// Phrase counts after the heads, keyed by lowercase syllables joined by spaces, with the most
/// used cased spelling of each.
#[derive(Debug, Default)]
pub struct BodyCounts {
    counts: HashMap<String, (u32, HashMap<String, u32>)>,
    /// Heads as lowercase syllables.
    heads: Vec<Vec<String>>,
}

impl BodyCounts {
    /// Empty counts over the head words (`HEADS`).
    pub fn new() -> BodyCounts {
        BodyCounts {
            counts: HashMap::new(),
            heads: HEADS
                .iter()
                .map(|h| {
                    h.split(' ')
                        .map(|w| lower_syllable(w).unwrap_or_default())
                        .collect()
                })
                .collect(),
        }
    }

    /// Counts the phrases of one line.
    pub fn line(&mut self, line: &str) {
        // Runs of words separated by spaces only: a name never spans punctuation.
        let toks: Vec<token::Token> = token::tokens(line).collect();
        let mut words: Vec<(&str, String)> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let w = &line[t.span.clone()];
            let joined = i > 0
                && line[toks[i - 1].span.end..t.span.start]
                    .chars()
                    .all(|c| c == ' ');
            let syl = if t.kind == Kind::Word {
                lower_syllable(w)
            } else {
                None
            };
            if !joined || syl.is_none() {
                self.run(&words);
                words.clear();
            }
            if let Some(s) = syl {
                words.push((w, s));
            }
        }
        self.run(&words);
    }

    /// Counts the phrases after each head in one run of words.
    fn run(&mut self, words: &[(&str, String)]) {
        let title = |w: &str| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
        };
        for at in 0..words.len() {
            if !title(words[at].0) {
                continue;
            }
            for head in &self.heads {
                let n = head.len();
                if at + n > words.len()
                    || words[at..at + n].iter().zip(head).any(|(w, h)| w.1 != *h)
                {
                    continue;
                }
                if n == 1 && !words.get(at + 1).is_some_and(|w| title(w.0)) {
                    continue;
                }
                for len in n..=(MAX_SYLLABLES + 1).min(words.len() - at) {
                    let key = words[at..at + len]
                        .iter()
                        .map(|w| w.1.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let spelled = words[at..at + len]
                        .iter()
                        .map(|w| w.0)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let e = self.counts.entry(key).or_default();
                    e.0 += 1;
                    *e.1.entry(spelled).or_insert(0) += 1;
                }
            }
        }
    }

    /// The names (most used spelling), most used first, then alphabetically.
    pub fn names(&self) -> Vec<(String, u32)> {
        let count = |k: &str| self.counts.get(k).map_or(0, |e| e.0);
        // The largest count of a phrase one word longer, per phrase.
        let mut longest_next: HashMap<&str, u32> = HashMap::new();
        for (k, e) in &self.counts {
            if let Some((shorter, _)) = k.rsplit_once(' ') {
                let m = longest_next.entry(shorter).or_insert(0);
                *m = (*m).max(e.0);
            }
        }
        let mut out: Vec<(String, u32)> = Vec::new();
        for (k, (n, spellings)) in &self.counts {
            let sylls = k.split(' ').count();
            if *n < MIN_COUNT || !(MIN_SYLLABLES..=MAX_SYLLABLES).contains(&sylls) {
                continue;
            }
            let Some((shorter, _)) = k.rsplit_once(' ') else {
                continue;
            };
            let usual_next = f64::from(*n) >= SHARE * f64::from(count(shorter));
            let ends_here = f64::from(longest_next.get(k.as_str()).copied().unwrap_or(0))
                < SHARE * f64::from(*n);
            if usual_next && ends_here {
                let best = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map_or_else(|| k.clone(), |s| s.0.clone());
                out.push((best, *n));
            }
        }
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// The word as a lowercase syllable in its canonical spelling (`Uỷ` → `ủy`), if it is one.
pub(crate) fn lower_syllable(w: &str) -> Option<String> {
    Syllable::parse(&w.to_lowercase()).map(|s| s.render())
}

/// Counts the corpora of `opts` and writes `bodies.txt` into `out`; returns the number of names.
///
/// # Errors
/// [`BuildError::Io`] when a corpus cannot be read or the table written.
pub fn write_bodies(opts: &BuildOptions, out: &Path) -> Result<usize, BuildError> {
    let mut counts = BodyCounts::new();
    each_training_line(opts, "bodies", |line| counts.line(line))?;
    let names = counts.names();
    let mut text = format!(
        "# Names of bodies and titles: phrases after a head word of bodies, offices, titles and\n\
         # awards, used at least {MIN_COUNT} times in the training split of the corpora, whose last\n\
         # word usually follows and after which the name usually ends (share {SHARE}), {MIN_SYLLABLES}-{MAX_SYLLABLES}\n\
         # syllables. Generated by `sohoa-build-dict --bodies-only` (crates/sohoa-dict/src/bodies.rs).\n"
    );
    for (name, _) in &names {
        text.push_str(name);
        text.push('\n');
    }
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    let path = out.join("bodies.txt");
    std::fs::write(&path, text).map_err(io_err(&path))?;
    Ok(names.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_phrases_after_a_head_are_names() {
        let mut c = BodyCounts::new();
        for _ in 0..15 {
            c.line("Giao Sở Nội vụ chủ trì, phối hợp Ủy ban nhân dân tỉnh.");
            c.line("Sở Nội vụ phối hợp với Ủy ban nhân dân huyện.");
            c.line("Sở Nội vụ, Sở Tư pháp và Ủy ban nhân dân xã.");
        }
        for _ in 0..40 {
            c.line("Ban hành kèm theo Quyết định này.");
        }
        let names: Vec<String> = c.names().into_iter().map(|n| n.0).collect();
        assert_eq!(names, ["Sở Nội vụ", "Ủy ban nhân dân"]);
        // Ủy ban nhân dân (45 uses) goes on with tỉnh, huyện or xã (15 each): it ends there.
        // Not names: a verb after a one-syllable head (`Ban hành`), a name cut before its usual
        // last word (`Sở Nội`), a phrase used too rarely (`Sở Tư pháp`).
        let mut rare = BodyCounts::new();
        for _ in 0..29 {
            rare.line("Sở Nội vụ chủ trì.");
        }
        assert!(rare.names().is_empty());
    }
}
