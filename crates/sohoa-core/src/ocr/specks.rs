//! Dust and toner specks on a binarised page (a photocopy, a copy of a copy): dots no larger
//! than a full stop that stand clear of all other ink. Tesseract reads them as lone ".", "'",
//! "-", "_" and "`" at the ends of lines and before words, which breaks the header fields and
//! the signer's name apart. A dot that belongs to the text never stands clear: a full stop,
//! a colon or a comma follows its letter closely, and every Vietnamese mark (the dot of "i",
//! the dot below "ạ", a tone mark over a circumflex) sits within a fraction of a letter's
//! height of the letter it marks.

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

/// [`remove_specks`] with the sizes of [`SPECK_MAX_MM`], [`CLUSTER_MAX_MM`] and
/// [`CLEARANCE_MM`] at `dpi`.
pub fn remove_specks_at(width: usize, height: usize, gray: &mut [u8], dpi: u32) -> usize {
    remove_specks(
        width,
        height,
        gray,
        mm_to_px(SPECK_MAX_MM, dpi),
        mm_to_px(CLUSTER_MAX_MM, dpi),
        mm_to_px(CLEARANCE_MM, dpi),
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
