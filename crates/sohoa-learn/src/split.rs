//! The corpus splits: which documents may be learned from and which are held out.
//!
//! A corpus file holds documents separated by blank lines; a document is a maximal run of
//! non-blank lines (a line of only spaces counts as blank, and several blank lines in a row are
//! one separator, so ordinals do not depend on how many there are). Ordinal `i` counts from 0
//! within each file: `i % 100 == 0` is evaluation, `i % 100 == 1` is for learning OCR-confusion
//! weights, the rest builds the dictionary and language model.

/// One of the three disjoint parts of a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Held out for evaluation (`i % 100 == 0`).
    Eval,
    /// Held out for learning confusion weights (`i % 100 == 1`).
    Confusion,
    /// Dictionary and language model (everything else).
    Model,
}

impl Split {
    /// The split document `ordinal` belongs to.
    pub fn of(ordinal: usize) -> Split {
        match ordinal % 100 {
            0 => Split::Eval,
            1 => Split::Confusion,
            _ => Split::Model,
        }
    }
}

impl std::str::FromStr for Split {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "eval" => Ok(Split::Eval),
            "confusion" => Ok(Split::Confusion),
            "model" => Ok(Split::Model),
            _ => Err(format!("unknown split {s:?} (eval, confusion, model)")),
        }
    }
}

/// The documents of a corpus file with their ordinals; each is its lines joined by `\n`.
pub fn documents(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let mut lines = text.lines().peekable();
    let mut ordinal = 0;
    std::iter::from_fn(move || {
        while lines.peek().is_some_and(|l| l.trim().is_empty()) {
            lines.next();
        }
        let mut doc: Vec<&str> = Vec::new();
        while let Some(l) = lines.peek() {
            if l.trim().is_empty() {
                break;
            }
            doc.push(l);
            lines.next();
        }
        if doc.is_empty() {
            return None;
        }
        ordinal += 1;
        Some((ordinal - 1, doc.join("\n")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_runs_of_non_blank_lines() {
        let text = "\n\na\nb\n\n\n  \nc\n \nd";
        let docs: Vec<(usize, String)> = documents(text).collect();
        assert_eq!(docs, [(0, "a\nb".into()), (1, "c".into()), (2, "d".into())]);
    }

    #[test]
    fn splits_follow_the_ordinal() {
        assert_eq!(Split::of(0), Split::Eval);
        assert_eq!(Split::of(300), Split::Eval);
        assert_eq!(Split::of(101), Split::Confusion);
        assert_eq!(Split::of(2), Split::Model);
        assert_eq!(Split::of(99), Split::Model);
    }
}
