//! Place names from the gazetteer (`dictionaries/places.txt`): a run of capitalised words
//! whose skeleton is a known name is steered to that name's spelling, so that Tuần Giáo gets
//! its marks and Ta Ma, which has none, keeps none.

use rustc_hash::FxHashMap;

use super::syllable::{strip, Syllable};

/// Names indexed by the skeleton of their syllables (`ta ma` → [ta, ma]).
#[derive(Debug, Default)]
pub struct Places {
    /// Skeleton key → lowercase canonical syllables, or `None` when two names share the key.
    by_skeleton: FxHashMap<String, Option<Vec<String>>>,
    /// Longest name, in syllables.
    pub max_len: usize,
}

impl Places {
    /// Reads the table: one name per line, `#` comments.
    pub fn parse(text: &str) -> Places {
        let mut p = Places::default();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let Some(sylls) = line
                .split_whitespace()
                .map(|w| Syllable::parse(&w.to_lowercase()).map(|s| s.render()))
                .collect::<Option<Vec<String>>>()
            else {
                continue;
            };
            p.max_len = p.max_len.max(sylls.len());
            let key = sylls.iter().map(|s| strip(s)).collect::<Vec<_>>().join(" ");
            p.by_skeleton
                .entry(key)
                .and_modify(|e| {
                    if e.as_ref() != Some(&sylls) {
                        *e = None;
                    }
                })
                .or_insert(Some(sylls));
        }
        p
    }

    /// The unambiguous name whose skeleton is `key` (syllable skeletons joined by spaces).
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.by_skeleton.get(key)?.as_deref()
    }

    /// Number of skeleton keys.
    pub fn len(&self) -> usize {
        self.by_skeleton.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.by_skeleton.is_empty()
    }
}

/// Administrative-unit prefixes of gazetteer names ("Tỉnh Thái Bình" is also "Thái Bình").
pub const ADMIN_PREFIXES: [&str; 8] = [
    "Thành phố ",
    "Tỉnh ",
    "Huyện ",
    "Quận ",
    "Thị xã ",
    "Thị trấn ",
    "Xã ",
    "Phường ",
];

/// The place names of the gazetteer TSV, without their administrative prefix, split at ` - `
/// (Bà Rịa - Vũng Tàu gives two names), 2 to 4 well-formed syllables, sorted and unique.
pub fn names_from_gazetteer(tsv: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for field in tsv.lines().skip(1).flat_map(|l| l.split('\t')) {
        let field = field.trim();
        let name = ADMIN_PREFIXES
            .iter()
            .find_map(|p| field.strip_prefix(p))
            .unwrap_or(field);
        for part in name.split(" - ") {
            let words: Vec<&str> = part.split_whitespace().collect();
            if (2..=4).contains(&words.len())
                && words
                    .iter()
                    .all(|w| Syllable::parse(&w.to_lowercase()).is_some())
            {
                names.push(words.join(" "));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_split_stripped_and_keyed_by_skeleton() {
        let tsv = "old_province\told_district\told_ward\tnew_province\tnew_ward\n\
                   Tỉnh Bà Rịa - Vũng Tàu\tHuyện Tuần Giáo\tXã Ta Ma\tTỉnh Điện Biên\tXã Pú Nhung\n";
        let names = names_from_gazetteer(tsv);
        assert_eq!(
            names,
            vec![
                "Bà Rịa",
                "Pú Nhung",
                "Ta Ma",
                "Tuần Giáo",
                "Vũng Tàu",
                "Điện Biên"
            ]
        );
        let p = Places::parse(&names.join("\n"));
        assert_eq!(p.get("ta ma").unwrap(), ["ta", "ma"]);
        assert_eq!(p.get("tuan giao").unwrap(), ["tuần", "giáo"]);
        assert!(p.get("tuan").is_none());
        let amb = Places::parse("An Bình\nÂn Bình");
        assert!(amb.get("an binh").is_none(), "two names share the skeleton");
    }
}
