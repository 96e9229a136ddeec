//! Dust and toner specks on a binarised page (a photocopy, a copy of a copy): dots no larger
//! than a full stop that stand clear of all other ink. Tesseract reads them as lone ".", "'",
//! "-", "_" and "`" at the ends of lines and before words, which breaks the header fields and
//! the signer's name apart. A dot that belongs to the text never stands clear: a full stop,
//! a colon or a comma follows its letter closely, and every Vietnamese mark (the dot of "i",
//! the dot below "ạ", a tone mark over a circumflex) sits within a fraction of a letter's
//! height of the letter it marks. A dot alone in the middle of a word gap is dust too
//! ([`remove_gap_specks`]): punctuation hugs its word, a hyphen is wider than a dot.

/// Largest speck, in millimetres on the paper (each side of its box): a full stop of 13-14 pt
/// type (Decree 30's body size) is about 0.45 mm; specks of toner dust are 0.2-0.5 mm.
pub const SPECK_MAX_MM: f32 = 0.6;
/// Largest cluster of specks fallen together (each no larger than [`SPECK_MAX_MM`]), in
/// millimetres each way: two or three grains of toner. A lone hyphen, the smallest mark that
/// may stand a space away from its words ("- Như trên"), is over 1 mm wide even in the 11 pt
/// of a recipients list.
pub const CLUSTER_MAX_MM: f32 = 1.0;
/// Clear paper, in millimetres, a speck has around its box on every side. The farthest a
/// mark of 13-14 pt type stands from its letter is about 0.1 em (0.5 mm; the dot of "i", a
/// tone mark over a capital); the dots of a leader line stand 0.7 mm apart.
pub const CLEARANCE_MM: f32 = 0.8;

/// Millimetres at `dpi` in whole pixels (at least one).
fn mm_to_px(mm: f32, dpi: u32) -> usize {
    ((mm / 25.4 * dpi as f32).round() as usize).max(1)
}

/// One 8-connected blot of ink: its box (inclusive) and, while it is speck-sized, its pixels.
struct Blot {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    pixels: Vec<usize>,
}

impl Blot {
    fn fits(&self, max_side: usize) -> bool {
        self.x1 - self.x0 < max_side && self.y1 - self.y0 < max_side
    }
}

/// Labels the page's blots (ink darker than 128); `labels` gets each ink pixel's blot index
/// plus one (0 on paper).
fn blots(
    width: usize,
    height: usize,
    gray: &[u8],
    max_side: usize,
    labels: &mut [u32],
) -> Vec<Blot> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for start in 0..width * height {
        if labels[start] != 0 || gray[start] >= 128 {
            continue;
        }
        out.push(Blot {
            x0: usize::MAX,
            y0: usize::MAX,
            x1: 0,
            y1: 0,
            pixels: Vec::new(),
        });
        let label = out.len() as u32;
        let blot = out.last_mut().expect("just pushed");
        labels[start] = label;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % width, i / width);
            (blot.x0, blot.y0) = (blot.x0.min(x), blot.y0.min(y));
            (blot.x1, blot.y1) = (blot.x1.max(x), blot.y1.max(y));
            // Pixels are kept only while the blot is speck-sized: print is most of the ink.
            if blot.fits(max_side) {
                blot.pixels.push(i);
            }
            for ny in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                    let j = ny * width + nx;
                    if labels[j] == 0 && gray[j] < 128 {
                        labels[j] = label;
                        stack.push(j);
                    }
                }
            }
        }
        if !blot.fits(max_side) {
            blot.pixels = Vec::new();
        }
    }
    out
}

/// The root of `i` in a union-find forest.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Whitens, in `gray` (`width` × `height`, one byte a pixel, ink darker than 128), the dust
/// on the page: every cluster of blots (8-connected ink) each at most `max_side` pixels each
/// way, lying within `clearance` pixels of each other, whose box together is at most
/// `max_cluster` pixels each way, when no other ink
/// lies within `clearance` pixels of any of them. A full stop, a comma, a colon, the dot of
/// "i" and every tone mark have their letter within that distance; two or three grains of
/// toner fallen together do not. Returns how many clusters were removed.
pub fn remove_specks(
    width: usize,
    height: usize,
    gray: &mut [u8],
    max_side: usize,
    max_cluster: usize,
    clearance: usize,
) -> usize {
    if width == 0 || height == 0 || gray.len() != width * height {
        return 0;
    }
    let mut labels = vec![0u32; width * height];
    let blots = blots(width, height, gray, max_side, &mut labels);
    // Clusters of speck-sized blots near each other; a blot near larger ink is print.
    let mut parent: Vec<usize> = (0..blots.len()).collect();
    let mut near_print = vec![false; blots.len()];
    for (b, blot) in blots.iter().enumerate() {
        if blot.pixels.is_empty() {
            continue;
        }
        for y in blot.y0.saturating_sub(clearance)..=(blot.y1 + clearance).min(height - 1) {
            for x in blot.x0.saturating_sub(clearance)..=(blot.x1 + clearance).min(width - 1) {
                let l = labels[y * width + x];
                if l == 0 || l as usize - 1 == b {
                    continue;
                }
                let other = l as usize - 1;
                if blots[other].pixels.is_empty() {
                    near_print[b] = true;
                } else {
                    let (ra, rb) = (root(&mut parent, b), root(&mut parent, other));
                    parent[ra] = rb;
                }
            }
        }
    }
    // Each cluster's box and whether any member is near print.
    let mut clusters: std::collections::HashMap<usize, (usize, usize, usize, usize, bool)> =
        std::collections::HashMap::new();
    for (b, blot) in blots.iter().enumerate() {
        if blot.pixels.is_empty() {
            continue;
        }
        let r = root(&mut parent, b);
        let c = clusters
            .entry(r)
            .or_insert((blot.x0, blot.y0, blot.x1, blot.y1, false));
        *c = (
            c.0.min(blot.x0),
            c.1.min(blot.y0),
            c.2.max(blot.x1),
            c.3.max(blot.y1),
            c.4 || near_print[b],
        );
    }
    let is_dust = |&(x0, y0, x1, y1, near): &(usize, usize, usize, usize, bool)| {
        !near && x1 - x0 < max_cluster && y1 - y0 < max_cluster
    };
    for (b, blot) in blots.iter().enumerate() {
        if blot.pixels.is_empty() {
            continue;
        }
        let r = root(&mut parent, b);
        if is_dust(&clusters[&r]) {
            for &i in &blot.pixels {
                gray[i] = 255;
            }
        }
    }
    clusters.values().filter(|c| is_dust(c)).count()
}

/// Least clear paper, in millimetres, on each side of a dot standing in a word gap for it to be
/// dust: a colon or a closing quote follows its letter, an opening quote precedes its word, at
/// a letter's spacing (under 0.2 mm at 13-14 pt). A full stop or a comma may stand farther
/// from its letter on a copy, and is told by its height instead (it sits on the line's foot).
pub const GAP_SIDE_MIN_MM: f32 = 0.3;
/// Widest word gap, in millimetres, looked across for the words on either side: a justified
/// line of 13-14 pt type widens a word space (0.25 em, 1.2 mm) to at most about 2 mm.
pub const GAP_MAX_MM: f32 = 2.5;
/// Paper, in millimetres, a dot in a word gap has above and below its own columns: the dots
/// of a colon stand an x-height apart (1.2-1.4 mm at 13-14 pt), a tone mark within 0.5 mm
/// of its letter.
pub const GAP_COLUMN_CLEAR_MM: f32 = 1.5;

/// Distance in pixels from the blot `b` (box `x0..=x1`, rows `rows`) to the nearest ink in
/// `dir` (-1 left, 1 right) within `max` pixels, and that ink's blot label; `None` when the
/// paper is clear that far.
fn nearest_side(
    width: usize,
    labels: &[u32],
    b: u32,
    (x0, x1): (usize, usize),
    rows: std::ops::RangeInclusive<usize>,
    dir: isize,
    max: usize,
) -> Option<(usize, u32)> {
    let mut best: Option<(usize, u32)> = None;
    for y in rows {
        for d in 1..=max {
            let x = if dir < 0 {
                match x0.checked_sub(d) {
                    Some(x) => x,
                    None => break,
                }
            } else {
                x1 + d
            };
            if x >= width {
                break;
            }
            let l = labels[y * width + x];
            if l != 0 && l != b {
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, l));
                }
                break;
            }
        }
    }
    best
}

/// Whitens, in `gray`, the dots no larger than `max_side` pixels that stand alone in a word
/// gap: paper for `column_clear` pixels above and below the dot's columns (no letter, tone
/// mark or second dot of a colon over or under it), at least `side_min` pixels of paper on its
/// left and on its right, on both sides, within `gap_max`, a letter larger than a dot and
/// wholly on that side (the words it stands between), and its foot above the foot of those
/// letters by more than `side_min` (a full stop and a comma sit on the line's foot: dust
/// there is left). Print puts no such dot there: an opening quote precedes its word closely,
/// a hyphen or dash is wider than a dot, a mark over "U" has the same letter on both sides,
/// and the dots of a leader line have dots, not words, beside them. Tesseract reads such
/// dust as a "-", "." or "'" glued between the two words ("đơn.vị", "Trần-Anh"), which the
/// clearance of [`remove_specks`] cannot reach (a word gap is narrower than it on both
/// sides). Returns how many dots were removed.
pub fn remove_gap_specks(
    width: usize,
    height: usize,
    gray: &mut [u8],
    max_side: usize,
    column_clear: usize,
    (side_min, gap_max): (usize, usize),
) -> usize {
    if width == 0 || height == 0 || gray.len() != width * height {
        return 0;
    }
    let mut labels = vec![0u32; width * height];
    let blots = blots(width, height, gray, max_side, &mut labels);
    let mut removed = 0;
    for (b, blot) in blots.iter().enumerate() {
        if blot.pixels.is_empty() {
            continue;
        }
        let label = b as u32 + 1;
        let above = blot.y0.saturating_sub(column_clear)..blot.y0;
        let below = blot.y1 + 1..(blot.y1 + 1 + column_clear).min(height);
        let nothing_over_or_under = above.chain(below).all(|y| {
            (blot.x0..=blot.x1).all(|x| {
                let l = labels[y * width + x];
                l == 0 || l == label
            })
        });
        if !nothing_over_or_under {
            continue;
        }
        let rows = blot.y0.saturating_sub(column_clear)..=(blot.y1 + column_clear).min(height - 1);
        // The letter beside the dot on one side: larger than a dot, far enough, and wholly on
        // that side (a mark over the hollow of "U" has the same letter on both sides).
        let letter_beside = |dir: isize| {
            nearest_side(
                width,
                &labels,
                label,
                (blot.x0, blot.x1),
                rows.clone(),
                dir,
                gap_max,
            )
            .map(|(d, l)| (d, &blots[l as usize - 1]))
            .filter(|&(d, b)| {
                d > side_min
                    && b.pixels.is_empty()
                    && if dir < 0 {
                        b.x1 < blot.x0
                    } else {
                        b.x0 > blot.x1
                    }
            })
            .map(|(_, b)| b)
        };
        let (Some(left), Some(right)) = (letter_beside(-1), letter_beside(1)) else {
            continue;
        };
        // A dot reaching down to the foot of the letters beside it is where a full stop or a
        // comma sits: dust there cannot be told from them, and is left.
        let foot = left.y1.min(right.y1);
        if blot.y1 + side_min < foot {
            for &i in &blot.pixels {
                gray[i] = 255;
            }
            removed += 1;
        }
    }
    removed
}

/// [`remove_specks`] with the sizes of [`SPECK_MAX_MM`], [`CLUSTER_MAX_MM`] and
/// [`CLEARANCE_MM`] at `dpi`, then [`remove_gap_specks`] with [`GAP_COLUMN_CLEAR_MM`],
/// [`GAP_SIDE_MIN_MM`] and [`GAP_MAX_MM`]. Returns how many specks were removed.
pub fn remove_specks_at(width: usize, height: usize, gray: &mut [u8], dpi: u32) -> usize {
    let clear = remove_specks(
        width,
        height,
        gray,
        mm_to_px(SPECK_MAX_MM, dpi),
        mm_to_px(CLUSTER_MAX_MM, dpi),
        mm_to_px(CLEARANCE_MM, dpi),
    );
    clear
        + remove_gap_specks(
            width,
            height,
            gray,
            mm_to_px(SPECK_MAX_MM, dpi),
            mm_to_px(GAP_COLUMN_CLEAR_MM, dpi),
            (mm_to_px(GAP_SIDE_MIN_MM, dpi), mm_to_px(GAP_MAX_MM, dpi)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page `w` × `h` with black rectangles (x, y, width, height).
    fn page(w: usize, h: usize, blots: &[(usize, usize, usize, usize)]) -> Vec<u8> {
        let mut px = vec![255u8; w * h];
        for &(x, y, bw, bh) in blots {
            for yy in y..y + bh {
                for xx in x..x + bw {
                    px[yy * w + xx] = 0;
                }
            }
        }
        px
    }

    #[test]
    fn a_lone_speck_goes_and_a_mark_beside_its_letter_stays() {
        // 150 dpi: a speck may be 4 px wide, 5 px of clear paper around it.
        let (w, h) = (80, 40);
        let letter = (10, 15, 3, 12); // a stem
        let dot_of_i = (10, 11, 3, 2); // 2 px above it
        let full_stop = (16, 24, 3, 3); // 3 px after a letter
        let speck = (50, 10, 3, 3);
        let mut px = page(w, h, &[letter, dot_of_i, full_stop, speck]);
        let removed = remove_specks_at(w, h, &mut px, 150);
        assert_eq!(removed, 1);
        assert_eq!(px, page(w, h, &[letter, dot_of_i, full_stop]));
    }

    #[test]
    fn a_blot_larger_than_a_full_stop_stays_however_alone() {
        let (w, h) = (60, 40);
        let hyphen = (20, 20, 9, 2);
        let mut px = page(w, h, &[hyphen]);
        assert_eq!(remove_specks_at(w, h, &mut px, 150), 0);
        assert_eq!(px, page(w, h, &[hyphen]));
    }

    #[test]
    fn grains_fallen_together_go_as_one_speck_and_page_edges_are_safe() {
        let (w, h) = (40, 30);
        let pair = [(10, 10, 1, 1), (12, 11, 1, 1)];
        let corner = (0, 0, 2, 2);
        let mut px = page(w, h, &[pair[0], pair[1], corner]);
        assert_eq!(remove_specks_at(w, h, &mut px, 150), 2);
        assert_eq!(px, page(w, h, &[]));
    }

    /// Two words of 13 pt at 150 dpi (x-height 12 px) with a gap of 8 px between them
    /// (x 20..28), and `extra` blots.
    fn two_words(extra: &[(usize, usize, usize, usize)]) -> Vec<(usize, usize, usize, usize)> {
        let mut b = vec![(4, 20, 16, 12), (28, 20, 16, 12)];
        b.extend_from_slice(extra);
        b
    }

    #[test]
    fn a_dot_alone_in_a_word_gap_goes() {
        // "đơn.vị": a grain in the middle of the gap, 3 px of paper on either side, at the
        // middle of the x-height or above it.
        let (w, h) = (60, 50);
        for dust in [(23, 25, 2, 2), (23, 18, 2, 2)] {
            let mut px = page(w, h, &two_words(&[dust]));
            assert_eq!(remove_specks_at(w, h, &mut px, 150), 1, "{dust:?}");
            assert_eq!(px, page(w, h, &two_words(&[])));
        }
    }

    #[test]
    fn punctuation_and_marks_in_or_beside_a_word_gap_stay() {
        let (w, h) = (60, 50);
        let cases: [&[(usize, usize, usize, usize)]; 7] = [
            // a full stop and a comma after their letter, at a letter's spacing or wider
            &[(21, 29, 3, 3)],
            &[(21, 29, 2, 5)],
            &[(23, 29, 2, 3)],
            // a grain on the line's foot, where a full stop sits
            &[(23, 30, 2, 2)],
            // an opening quote close before its word
            &[(25, 17, 2, 3)],
            // a colon set a space after its word: two dots an x-height apart
            &[(23, 20, 2, 2), (23, 30, 2, 2)],
            // a tone mark over the next word's first letter, moved into the gap by the copier
            &[(24, 14, 2, 2), (23, 19, 4, 1)],
        ];
        for extra in cases {
            let all = two_words(extra);
            let mut px = page(w, h, &all);
            remove_specks_at(w, h, &mut px, 150);
            assert_eq!(px, page(w, h, &all), "{extra:?}");
        }
        // A tone mark over the hollow of "U": paper under it down to the letter's foot, and
        // the same letter on both sides.
        let u = [
            (4, 20, 3, 12),
            (14, 20, 3, 12),
            (4, 29, 13, 3),
            (9, 14, 2, 2),
        ];
        let mut px = page(w, h, &u);
        remove_specks_at(w, h, &mut px, 150);
        assert_eq!(px, page(w, h, &u));
        // Leader dots: each has dots, not words, beside it.
        let leader: Vec<_> = (0..8).map(|i| (4 + 5 * i, 30, 2, 2)).collect();
        let mut px = page(w, h, &leader);
        remove_specks_at(w, h, &mut px, 150);
        assert_eq!(px, page(w, h, &leader));
    }

    #[test]
    fn a_tone_mark_over_a_circumflex_stays_with_its_letter() {
        // "ế" at 150 dpi: the acute is farther from the letter than the clearance, but the
        // circumflex it sits on is near the letter.
        let (w, h) = (40, 40);
        let letter = (10, 20, 8, 9);
        let circumflex = (11, 16, 3, 2);
        let acute = (14, 10, 2, 2);
        let marked = [letter, circumflex, acute];
        let mut px = page(w, h, &marked);
        assert_eq!(remove_specks_at(w, h, &mut px, 150), 0);
        assert_eq!(px, page(w, h, &marked));
    }
}
