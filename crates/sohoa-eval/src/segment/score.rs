//! Per-field scoring of one segmentation against its expected record.
//!
//! Scalars count a true positive when predicted and equal, a false positive when predicted and
//! different (plus a false negative when the gold has a value), a false negative when missed.
//! Lists are matched as multisets of keys, so order does not matter and duplicates count.

use std::collections::BTreeMap;

use serde::Serialize;

use super::fixture::Expected;
use sohoa_core::segment::lines::skel;
use sohoa_core::segment::Segmented;

/// Counts for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Correct predictions.
    pub tp: usize,
    /// Wrong or spurious predictions.
    pub fp: usize,
    /// Missed gold values.
    pub fn_: usize,
}

impl Score {
    /// tp / (tp + fp); 1 when nothing was predicted and nothing expected.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, self.fn_ == 0)
    }
    /// tp / (tp + fn); 1 when nothing was expected and nothing predicted.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, self.fp == 0)
    }
    /// Adds another count.
    pub fn add(&mut self, o: Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(n: usize, d: usize, empty_ok: bool) -> f64 {
    if d == 0 {
        if empty_ok {
            1.0
        } else {
            0.0
        }
    } else {
        n as f64 / d as f64
    }
}

fn scalar(pred: Option<&str>, gold: Option<&str>) -> Score {
    match (pred, gold) {
        (Some(p), Some(g)) if p.trim() == g.trim() => Score {
            tp: 1,
            fp: 0,
            fn_: 0,
        },
        (Some(_), Some(_)) => Score {
            tp: 0,
            fp: 1,
            fn_: 1,
        },
        (Some(_), None) => Score {
            tp: 0,
            fp: 1,
            fn_: 0,
        },
        (None, Some(_)) => Score {
            tp: 0,
            fp: 0,
            fn_: 1,
        },
        (None, None) => Score::default(),
    }
}

fn multiset(mut pred: Vec<String>, gold: Vec<String>) -> Score {
    let mut s = Score::default();
    for g in gold {
        match pred.iter().position(|p| *p == g) {
            Some(i) => {
                pred.swap_remove(i);
                s.tp += 1;
            }
            None => s.fn_ += 1,
        }
    }
    s.fp = pred.len();
    s
}

/// Kinds compared as a set: their order in a heading carries no meaning.
fn section_key(number: &str, kinds: &[String]) -> String {
    let mut k = kinds.to_vec();
    k.sort();
    format!("{number}|{}", k.join(","))
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// Scores `got` against `want`, one entry per field.
pub fn score(want: &Expected, got: &Segmented) -> BTreeMap<String, Score> {
    let mut m: BTreeMap<String, Score> = BTreeMap::new();
    let (h, w) = (&got.header, &want.header);
    let hs = |p: &Option<String>, g: &Option<String>| scalar(p.as_deref(), g.as_deref());
    m.insert("header.issuer".into(), hs(&h.issuer, &w.issuer));
    m.insert(
        "header.issuer_parent".into(),
        hs(&h.issuer_parent, &w.issuer_parent),
    );
    m.insert("header.number".into(), hs(&h.number, &w.number));
    m.insert("header.type_code".into(), hs(&h.type_code, &w.type_code));
    m.insert(
        "header.issuer_code".into(),
        hs(&h.issuer_code, &w.issuer_code),
    );
    m.insert("header.doc_type".into(), hs(&h.doc_type, &w.doc_type));
    m.insert("header.place".into(), hs(&h.place, &w.place));
    m.insert("header.date".into(), hs(&h.date, &w.date));
    // Titles are compared on their letters and digits only: case, marks, spacing and
    // punctuation are the copy's presentation (a capital subject, "PHÒNG,CHỐNG" for "PHÒNG,
    // CHỐNG"), the words are the subject.
    let letters = |t: &Option<String>| {
        t.as_deref().map(|t| {
            skel(t)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
    };
    m.insert(
        "header.title".into(),
        scalar(letters(&h.title).as_deref(), letters(&w.title).as_deref()),
    );
    let kind = |k: Option<sohoa_core::segment::DocKind>| k.map(|k| k.as_str().to_string());
    m.insert(
        "header.kind".into(),
        scalar(kind(h.kind).as_deref(), kind(w.kind).as_deref()),
    );
    let motto = |b: bool| Some(if b { "yes" } else { "no" });
    m.insert(
        "header.motto".into(),
        scalar(motto(h.motto), motto(w.motto)),
    );

    let (c, wc) = (&got.campaign, &want.campaign);
    m.insert("campaign.name".into(), hs(&c.name, &wc.name));
    let year = |y: Option<i32>| y.map(|y| y.to_string());
    m.insert(
        "campaign.period".into(),
        scalar(
            year(c.period.start)
                .map(|s| format!("{s}-{}", opt(&c.period.end)))
                .as_deref(),
            year(wc.period.start)
                .map(|s| format!("{s}-{}", opt(&wc.period.end)))
                .as_deref(),
        ),
    );
    m.insert("campaign.scope".into(), hs(&c.scope, &wc.scope));
    m.insert("campaign.theme".into(), hs(&c.theme, &wc.theme));

    let basis = |t: &Option<String>, n: &Option<String>, d: &Option<String>, i: &Option<String>| {
        format!("{}|{}|{}|{}", opt(t), opt(n), opt(d), opt(i))
    };
    m.insert(
        "legal_bases".into(),
        multiset(
            got.legal_bases
                .iter()
                .map(|b| basis(&b.doc_type, &b.number, &b.date, &b.issuer))
                .collect(),
            want.legal_bases
                .iter()
                .map(|b| basis(&b.doc_type, &b.number, &b.date, &b.issuer))
                .collect(),
        ),
    );
    // The numbers alone: the figure the targets are stated on (type, date and issuer of a
    // basis are scored together above).
    let numbers = |v: Vec<Option<String>>| v.into_iter().flatten().collect::<Vec<String>>();
    m.insert(
        "legal_bases.number".into(),
        multiset(
            numbers(got.legal_bases.iter().map(|b| b.number.clone()).collect()),
            numbers(want.legal_bases.iter().map(|b| b.number.clone()).collect()),
        ),
    );
    m.insert(
        "sections".into(),
        multiset(
            got.sections
                .iter()
                .filter(|s| !s.number.is_empty())
                .map(|s| {
                    let kinds: Vec<String> =
                        s.kinds.iter().map(|k| k.as_str().to_string()).collect();
                    section_key(&s.number, &kinds)
                })
                .collect(),
            want.sections
                .iter()
                .map(|s| section_key(&s.number, &s.kinds))
                .collect(),
        ),
    );
    m.insert(
        "award_forms".into(),
        multiset(
            got.award_forms
                .iter()
                .map(|a| {
                    format!(
                        "{}|{}|{}|{}",
                        a.category.as_str(),
                        a.form,
                        opt(&a.class),
                        opt(&a.authority)
                    )
                })
                .collect(),
            want.award_forms
                .iter()
                .map(|a| {
                    format!(
                        "{}|{}|{}|{}",
                        a.category,
                        a.form,
                        opt(&a.class),
                        opt(&a.authority)
                    )
                })
                .collect(),
        ),
    );
    m.insert(
        "quotas".into(),
        multiset(
            got.quotas
                .iter()
                .map(|q| {
                    format!(
                        "{}|{}|{}|{}",
                        q.count,
                        q.bound.as_str(),
                        q.who.map(|w| w.as_str()).unwrap_or_default(),
                        q.occasion.map(|o| o.as_str()).unwrap_or_default()
                    )
                })
                .collect(),
            want.quotas
                .iter()
                .map(|q| {
                    format!(
                        "{}|{}|{}|{}",
                        q.count,
                        q.bound,
                        opt(&q.who),
                        opt(&q.occasion)
                    )
                })
                .collect(),
        ),
    );
    m.insert(
        "goals".into(),
        multiset(
            got.goals
                .iter()
                .map(|g| {
                    format!(
                        "{:.2}|{}|{}",
                        g.value.unwrap_or(f64::NAN),
                        opt(&g.unit),
                        opt(&g.year)
                    )
                })
                .collect(),
            want.goals
                .iter()
                .map(|g| format!("{:.2}|{}|{}", g.value, g.unit, opt(&g.year)))
                .collect(),
        ),
    );
    // A criterion matches when its text starts with the gold's first words (folded) and it
    // applies to the same subjects.
    let mut crit = Score::default();
    let mut used = vec![false; got.criteria.len()];
    for g in &want.criteria {
        let starts = skel(&g.starts);
        let hit = got.criteria.iter().enumerate().position(|(i, c)| {
            !used[i] && skel(&c.text).starts_with(&starts) && c.applies_to == g.applies_to
        });
        match hit {
            Some(i) => {
                used[i] = true;
                crit.tp += 1;
            }
            None => crit.fn_ += 1,
        }
    }
    crit.fp = used.iter().filter(|u| !**u).count();
    m.insert("criteria".into(), crit);
    m.insert(
        "timeline".into(),
        multiset(
            got.timeline
                .iter()
                .map(|t| format!("{}|{}|{}", opt(&t.year), opt(&t.quarter), opt(&t.date)))
                .collect(),
            want.timeline
                .iter()
                .map(|t| format!("{}|{}|{}", opt(&t.year), opt(&t.quarter), opt(&t.date)))
                .collect(),
        ),
    );
    let (s, ws) = (
        got.signer.clone().unwrap_or_default(),
        want.signer.clone().unwrap_or_default(),
    );
    let authority = |a: Option<sohoa_core::segment::SignerAuthority>| a.map(|a| a.as_str());
    m.insert(
        "signer.authority".into(),
        scalar(authority(s.authority), authority(ws.authority)),
    );
    m.insert("signer.title".into(), hs(&s.title, &ws.title));
    m.insert("signer.name".into(), hs(&s.name, &ws.name));
    m.insert(
        "recipients".into(),
        multiset(got.recipients.clone(), want.recipients.clone()),
    );
    m.retain(|field, _| want.scores(field));
    m
}
