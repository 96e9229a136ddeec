//! Why restoration wrote what it wrote: every word token's options with their channel cost and
//! language-model score around the chosen path. For error analysis (`sohoa eval restore
//! --taxonomy`), never on the restoring path.

use std::ops::Range;

use super::candidates::Channel;
use super::decode::{self, Step};
use super::token::{self, Kind, Token};
use super::{Origin, Restorer};

/// One option the decoder had for a word.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionScore {
    /// What the option writes, in the source word's case.
    pub form: String,
    /// Channel cost (before `Restorer::channel_weight`; old OCR's own weight included).
    pub cost: f32,
    /// Log10 language-model score of the terms that involve this position, the rest of the
    /// chosen path fixed (NaN for a span over several tokens or of two syllables, whose terms
    /// are others).
    pub lm: f32,
}

/// One word token: where it is, its options and the one chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// Byte range in the source text.
    pub source: Range<usize>,
    /// Index of the chosen option in `options`.
    pub chosen: usize,
    /// Every option, in lattice order.
    pub options: Vec<OptionScore>,
}

impl Restorer {
    /// The channel chosen for `text`, by name: `stripped`, `noisy` (old OCR), `marked` (typed)
    /// or `marked_ocr` (Vietnamese OCR).
    pub fn channel_name(&self, text: &str) -> &'static str {
        let tokens: Vec<Token> = token::tokens(text).collect();
        let c = self.channel_for(text, &tokens);
        [
            (Channel::STRIPPED, "stripped"),
            (Channel::NOISY, "noisy"),
            (Channel::MARKED, "marked"),
            (Channel::MARKED_OCR, "marked_ocr"),
            (Channel::COPY_OCR, "copy_ocr"),
        ]
        .into_iter()
        .find(|(k, _)| *k == c)
        .map_or("other", |(_, n)| n)
    }

    /// Every word token of `text` with the options the decoder weighed and the one it chose
    /// (the same decoding as [`Restorer::restore`]).
    pub fn explain(&self, text: &str) -> Vec<Explained> {
        self.explain_from(text, Origin::Unknown)
    }

    /// [`Restorer::explain`] for a text whose origin the caller knows (as
    /// [`Restorer::restore_from`]).
    pub fn explain_from(&self, text: &str, origin: Origin) -> Vec<Explained> {
        let tokens: Vec<Token> = token::tokens(text).collect();
        let channel = self.channel_from(text, &tokens, origin);
        let mut found = Vec::new();
        let mut scores = Vec::new();
        self.each_stretch(text, &tokens, &channel, |lat| {
            let lattice = lat.positions();
            let path = decode::viterbi_spans(
                &self.model,
                &lattice,
                &lat.spans,
                self.channel_weight,
                self.beam_for(&channel),
            );
            let units = decode::Units::of(&lattice, &lat.spans, &path);
            for (t, tok) in lat.tokens.iter().enumerate() {
                // Words, and lone numbers that may be misread words (`c6`, `6` for `ở`).
                if path[t] == Step::Covered || (tok.kind != Kind::Word && lat.choices(t).len() < 2)
                {
                    continue;
                }
                let src = &text[tok.span.clone()];
                let case = token::case_of(src);
                decode::local_scores_at(
                    &self.model,
                    lattice[t],
                    units.around(t),
                    self.channel_weight,
                    &mut scores,
                );
                let mut options: Vec<OptionScore> = lat
                    .outs(t)
                    .iter()
                    .zip(lat.choices(t))
                    .zip(&scores)
                    .map(|((o, c), s)| {
                        let mut form = String::new();
                        self.write(lat, src, case, *o, &mut form);
                        OptionScore {
                            form,
                            cost: c.cost,
                            lm: s + self.channel_weight * c.cost,
                        }
                    })
                    .collect();
                let chosen = match path[t] {
                    // A span chosen here: listed after the token's own options, its LM score
                    // not comparable with theirs (other terms), so not given.
                    Step::Span(e) => {
                        let mut form = String::new();
                        token::apply_case(&lat.span_outs[e], case, &mut form);
                        options.push(OptionScore {
                            form,
                            cost: lat.spans[e].cost,
                            lm: f32::NAN,
                        });
                        options.len() - 1
                    }
                    Step::Option(i) => i,
                    Step::Covered => continue,
                };
                found.push(Explained {
                    source: tok.span.clone(),
                    chosen,
                    options,
                });
            }
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_the_chosen_form_of_every_word() {
        let r = Restorer::default();
        let text = "Ke hoach thi dua, khen thuong";
        let ex = r.explain(text);
        assert_eq!(ex.len(), 6);
        let restored = r.restore_str(text);
        let chosen: Vec<&str> = ex
            .iter()
            .map(|e| e.options[e.chosen].form.as_str())
            .collect();
        assert_eq!(chosen.join(" "), restored.replace(',', ""));
        assert_eq!(&text[ex[0].source.clone()], "Ke");
        assert!(ex[0].options.iter().any(|o| o.form == "Kê"));
        assert_eq!(r.channel_name(text), "stripped");
    }
}
