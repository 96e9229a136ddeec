//! The OCR confusion table (`dictionaries/confusions.tsv`): what OCR writes for what was printed,
//! and how unlikely that is.
//!
//! Lines are `observed<TAB>intended<TAB>cost` (short NFC lowercase strings, either may be empty
//! for an insertion or deletion; cost ≥ 0, lower = more likely); `#` starts a comment.

use rustc_hash::FxHashMap;

use super::candidates::Prepared;

/// Why a confusion table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfusionError {
    /// A line that is not `observed<TAB>intended<TAB>cost`.
    #[error("confusions.tsv line {line}: {reason}")]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

/// Confusions indexed by their observed string.
#[derive(Debug, Clone, Default)]
pub struct Confusions {
    /// observed → (intended, cost), cheapest first.
    by_observed: FxHashMap<String, Vec<(String, f32)>>,
    /// Longest observed string, in characters.
    pub max_observed: usize,
    /// (observed, intended) → cost for entries of one character a side, for letter lookups.
    single: FxHashMap<(char, char), f32>,
    /// Confusions of a capital at the start of a word (intended written in capitals in the
    /// table, `p → Đ`), by observed string, with the intended side in lowercase.
    initial: FxHashMap<String, Vec<(String, f32)>>,
    /// Both lists of each observed string, prepared for the candidates once here instead of
    /// for every word.
    prepared: FxHashMap<String, Prepared>,
}

impl Confusions {
    /// Parses the TSV text of a table.
    ///
    /// # Errors
    /// [`ConfusionError::BadLine`] for a malformed line.
    pub fn parse(text: &str) -> Result<Confusions, ConfusionError> {
        let mut c = Confusions::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: &str| ConfusionError::BadLine {
                line: n + 1,
                reason: reason.to_owned(),
            };
            let mut f = line.split('\t');
            let (Some(obs), Some(int), Some(cost), None) = (f.next(), f.next(), f.next(), f.next())
            else {
                return Err(bad("expected three tab-separated fields"));
            };
            let cost: f32 = cost
                .trim()
                .parse()
                .map_err(|_| bad("cost is not a number"))?;
            if !(cost >= 0.0 && cost.is_finite()) {
                return Err(bad("cost must be a non-negative number"));
            }
            if obs == int {
                continue;
            }
            c.max_observed = c.max_observed.max(obs.chars().count());
            if int.chars().any(char::is_uppercase) {
                c.initial
                    .entry(obs.to_owned())
                    .or_default()
                    .push((int.to_lowercase(), cost));
                continue;
            }
            let (mut o1, mut i1) = (obs.chars(), int.chars());
            if let (Some(o), None, Some(i), None) = (o1.next(), o1.next(), i1.next(), i1.next()) {
                let slot = c.single.entry((o, i)).or_insert(cost);
                *slot = slot.min(cost);
            }
            c.by_observed
                .entry(obs.to_owned())
                .or_default()
                .push((int.to_owned(), cost));
        }
        for v in c.by_observed.values_mut().chain(c.initial.values_mut()) {
            v.sort_by(|a, b| a.1.total_cmp(&b.1));
        }
        let prepared: Vec<(String, Prepared)> = (c.by_observed.keys())
            .chain(c.initial.keys())
            .map(|key| {
                let p = Prepared::new(key, c.intended(key), c.intended_initial(key));
                (key.clone(), p)
            })
            .collect();
        c.prepared.extend(prepared);
        Ok(c)
    }

    /// The intended strings OCR may have read as `observed`, with their costs.
    pub fn intended(&self, observed: &str) -> &[(String, f32)] {
        self.by_observed.get(observed).map_or(&[], Vec::as_slice)
    }

    /// The intended strings OCR may have read as `observed` at the start of a capitalised
    /// word (beyond those of [`Confusions::intended`]), with their costs.
    pub fn intended_initial(&self, observed: &str) -> &[(String, f32)] {
        self.initial.get(observed).map_or(&[], Vec::as_slice)
    }

    /// The entries of the observed string `observed`, both lists, prepared for the candidates.
    pub fn prepared(&self, observed: &str) -> Option<&Prepared> {
        self.prepared.get(observed)
    }

    /// Whether some entry for a capital starting a word ([`Confusions::intended_initial`])
    /// applies at the start of the lowercase word `lower`: if none does, the word written with
    /// a capital has the same candidates as written in lowercase.
    pub fn has_initial_at_start(&self, lower: &str) -> bool {
        !self.initial.is_empty()
            && lower
                .char_indices()
                .take(self.max_observed)
                .any(|(i, c)| self.initial.contains_key(&lower[..i + c.len_utf8()]))
    }

    /// The cost of the letter `intended` read as `observed`, if the table has that entry.
    pub fn letter(&self, observed: char, intended: char) -> Option<f32> {
        self.single.get(&(observed, intended)).copied()
    }

    /// Number of observed strings in the table.
    pub fn len(&self) -> usize {
        self.by_observed.len()
    }

    /// True when the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.by_observed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_rejects_bad_lines() {
        let c = Confusions::parse("# c\n6\tô\t0.3\n6\tơ\t0.6\n\tg\t1.5\nir\tư\t0.8\n").unwrap();
        assert_eq!(c.intended("6")[0], ("ô".to_owned(), 0.3));
        assert_eq!(c.intended("").len(), 1);
        assert_eq!(c.max_observed, 2);
        assert_eq!(c.letter('6', 'ô'), Some(0.3));
        assert_eq!(c.letter('i', 'ư'), None);
        let c = Confusions::parse("p\tĐ\t0.5\np\tđ\t3\n").unwrap();
        assert_eq!(c.intended("p"), [("đ".to_owned(), 3.0)]);
        assert_eq!(c.intended_initial("p"), [("đ".to_owned(), 0.5)]);
        assert!(c.has_initial_at_start("pho"));
        assert!(!c.has_initial_at_start("ho"));
        assert!(Confusions::parse("6\tô\n").is_err());
        assert!(Confusions::parse("6\tô\t-1\n").is_err());
    }
}
