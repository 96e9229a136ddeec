//! The confusion table `dictionaries/confusions.tsv`: `observed<TAB>intended<TAB>cost` lines,
//! cost = -ln P(observed | intended), `#` comments. Shared by the learner (which writes it) and
//! the candidate generator (which loads it).

use std::collections::HashMap;

/// A malformed line of a confusion table.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("confusion table line {line}: {message}")]
pub struct TableError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Longest observed or intended string, in characters.
pub const MAX_CHUNK: usize = 3;

/// Costs of OCR writing `observed` where the text had `intended` (both NFC lowercase).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfusionTable {
    /// intended → observed → cost.
    by_intended: HashMap<String, HashMap<String, f64>>,
}

impl ConfusionTable {
    /// The cost of `intended` read as `observed`, if the table has it.
    pub fn cost(&self, observed: &str, intended: &str) -> Option<f64> {
        self.by_intended.get(intended)?.get(observed).copied()
    }

    /// Sets one cost.
    pub fn insert(&mut self, observed: &str, intended: &str, cost: f64) {
        self.by_intended
            .entry(intended.to_owned())
            .or_default()
            .insert(observed.to_owned(), cost);
    }

    /// Entries as (observed, intended, cost), sorted by intended then cost.
    pub fn entries(&self) -> Vec<(&str, &str, f64)> {
        let mut v: Vec<(&str, &str, f64)> = self
            .by_intended
            .iter()
            .flat_map(|(t, m)| m.iter().map(move |(o, c)| (o.as_str(), t.as_str(), *c)))
            .collect();
        v.sort_by(|a, b| a.1.cmp(b.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(b.0)));
        v
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.by_intended.values().map(HashMap::len).sum()
    }

    /// True when the table has no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Parses the TSV format.
    ///
    /// # Errors
    /// [`TableError`] for a line without three fields, a cost that is not a non-negative
    /// number, or a string longer than [`MAX_CHUNK`] characters.
    pub fn parse(text: &str) -> Result<Self, TableError> {
        let mut t = ConfusionTable::default();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let err = |message: String| TableError {
                line: i + 1,
                message,
            };
            let f: Vec<&str> = line.split('\t').collect();
            let [o, int, c] = f[..] else {
                return Err(err(format!("{} fields, expected 3", f.len())));
            };
            let cost: f64 = c
                .parse()
                .map_err(|_| err(format!("cost {c:?} is not a number")))?;
            if !(cost >= 0.0 && cost.is_finite()) {
                return Err(err(format!("cost {cost} is not a non-negative number")));
            }
            if o.chars().count() > MAX_CHUNK || int.chars().count() > MAX_CHUNK {
                return Err(err("string longer than 3 characters".into()));
            }
            t.insert(o, int, cost);
        }
        Ok(t)
    }

    /// The TSV text: `header` lines as `#` comments, then the entries.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut s = String::new();
        for h in header.lines() {
            s.push_str("# ");
            s.push_str(h);
            s.push('\n');
        }
        for (o, t, c) in self.entries() {
            s.push_str(&format!("{o}\t{t}\t{c:.3}\n"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_empty_strings_and_comments() {
        let mut t = ConfusionTable::default();
        t.insert("ir", "ư", 2.5);
        t.insert("", "̀", 1.0);
        t.insert("r", "", 6.25);
        let tsv = t.to_tsv("made by a test\nsecond line");
        assert!(tsv.starts_with("# made by a test\n# second line\n"));
        let back = ConfusionTable::parse(&tsv).unwrap();
        assert_eq!(back, t);
        assert_eq!(back.cost("ir", "ư"), Some(2.5));
        assert_eq!(back.cost("r", ""), Some(6.25));
        assert_eq!(back.cost("w", "ư"), None);
    }

    #[test]
    fn rejects_malformed_lines() {
        assert_eq!(ConfusionTable::parse("a\tb\n").unwrap_err().line, 1);
        assert!(ConfusionTable::parse("# c\na\tb\t-1\n").is_err());
        assert!(ConfusionTable::parse("a\tb\tx\n").is_err());
        assert!(ConfusionTable::parse("abcd\tb\t1\n").is_err());
    }
}
