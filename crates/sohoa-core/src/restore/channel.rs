//! Which kind of text is this? Stripped, typed (marked), Vietnamese OCR or old OCR, chosen
//! from how many words carry marks, how many marked words are unknown and how many are junk.

use rustc_hash::FxHashMap;

use super::candidates::Channel;
use super::lm;
use super::syllable::{strip_char, Syllable};
use super::token::{Kind, Token};
use super::{Origin, Restorer};

/// Share of marked words that are not known syllables from which a marked text is taken for
/// Vietnamese OCR output (see `channel_for`). Chosen on the dev pages of the confusion split:
/// their OCR errors plus the words changed in their gold text taken as typed input were fewest
/// from 0 to 0.002 (513 + 27 of 12,575 words at 0.002, 526 + 27 at the old 0.004); the highest
/// of those, so that typed text with the odd unknown name stays under the stricter channel.
const MARKED_OCR_UNKNOWN: f32 = 0.002;

impl Restorer {
    /// The channel for a text of `origin`: a marked text the caller says is sohoa's own reading
    /// of copies takes the copy channel; anything else is read from the text ([`Self::channel_for`]).
    pub(super) fn channel_from(&self, text: &str, tokens: &[Token], origin: Origin) -> Channel {
        let guessed = self.channel_for(text, tokens);
        // Whether or not its unknown words pass `MARKED_OCR_UNKNOWN`, a copy's reading is OCR:
        // the caller knows it, so it is not left to a guess from the noise.
        if origin == Origin::CopyOcr && guessed.is_marked() {
            Channel::COPY_OCR
        } else {
            guessed
        }
    }

    /// Chooses the channel from how marked and how noisy the document's words are.
    pub(super) fn channel_for(&self, text: &str, tokens: &[Token]) -> Channel {
        let (mut words, mut marked, mut junk) = (0usize, 0usize, 0usize);
        let mut unknown_marked = 0usize;
        // Whether each marked word seen is a known syllable: a document repeats its words.
        let mut known_memo: FxHashMap<&str, bool> = FxHashMap::default();
        for t in tokens.iter().filter(|t| t.kind == Kind::Word) {
            let w = &text[t.span.clone()];
            if w.chars().all(char::is_alphabetic) {
                words += 1;
                // An ASCII word carries no mark: only the others are looked at letter by letter.
                if !w.is_ascii() && w.chars().any(|c| strip_char(c) != c) {
                    marked += 1;
                    let known = *known_memo.entry(w).or_insert_with(|| {
                        Syllable::parse(&w.to_lowercase())
                            .is_some_and(|s| self.model.id(&s.render()) != lm::UNK)
                    });
                    unknown_marked += usize::from(!known);
                }
            } else if w.chars().any(char::is_alphabetic) {
                junk += 1;
            }
        }
        if words == 0 {
            return Channel::STRIPPED;
        }
        let unknown = unknown_marked as f32 / marked.max(1) as f32;
        let marked = marked as f32 / words as f32;
        let junk = junk as f32 / words as f32;
        // Over 45% of words marked: Vietnamese prose marks 86% of its words (the Thai Binh plan
        // and the laws gold text: 5,601 of 6,481), so
        // even lossy OCR of a marked text stays above this, while stripped text with a few
        // typed marks (under 8%) and old OCR (marks mostly lost or turned to junk) stay below.
        if marked >= 0.45 {
            // Typed text has almost no marked word that is not a syllable; OCR of a poor scan
            // leaves some (`phạni`, `ghửơng`), and with them the slips it is known to make.
            if unknown >= MARKED_OCR_UNKNOWN {
                Channel::MARKED_OCR
            } else {
                Channel::MARKED
            }
        } else if marked < 0.08 && junk < 0.01 {
            Channel::STRIPPED
        } else {
            Channel::NOISY
        }
    }
}
