//! TIFF containers: walks the IFD chain (loop-safe), reads each page's size and resolution from
//! its tags, and cuts each page out as a single-page TIFF with its own strips or tiles, so a
//! page can be checked, decoded and failed on its own without decoding the others.
//!
//! A page is cut out only when asked for ([`TiffPage::extract`]): several pages may point at
//! the same strip, so cutting all out at once could hold the strip once per page (a 2 MB file
//! of 3,000 pages sharing a 1.5 MB strip would take 4.5 GB).

use std::collections::HashSet;

/// One page found in a TIFF.
#[derive(Debug, Clone, PartialEq)]
pub struct TiffPage {
    /// Width in pixels (tag 256).
    pub width: u32,
    /// Height in pixels (tag 257).
    pub height: u32,
    /// Resolution from XResolution/ResolutionUnit, when present and plausible.
    pub dpi: Option<u32>,
    /// The page's directory entries (or why its directory could not be read), to cut it out.
    entries: Result<Vec<Entry>, String>,
    little_endian: bool,
}

impl TiffPage {
    /// The page as a stand-alone TIFF cut out of `data` (the file it was found in), or why it
    /// could not be cut out.
    ///
    /// # Errors
    /// A message when the page's tags or image data are missing, inconsistent, past the end of
    /// the file, or larger than any encoding of its pixels could be.
    pub fn extract(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        let entries = self.entries.as_ref().map_err(Clone::clone)?;
        Reader {
            data,
            le: self.little_endian,
        }
        .extract(entries)
    }
}

/// Pages of a multi-page TIFF. `Err` only when the header itself is unreadable.
///
/// # Errors
/// A message when the file is not a classic TIFF (BigTIFF is not supported) or its first
/// directory cannot be read.
pub fn pages(data: &[u8]) -> Result<Vec<TiffPage>, String> {
    let le = match data.get(..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return Err("not a classic TIFF header (BigTIFF is not supported)".into()),
    };
    let r = Reader { data, le };
    let mut next = r.u32(4).ok_or("truncated TIFF header")? as usize;
    let mut seen = HashSet::new();
    let mut pages = Vec::new();
    while next != 0 {
        // A directory chain that points back at itself would otherwise never end.
        if !seen.insert(next) || pages.len() >= 100_000 {
            break;
        }
        let Some(ifd) = r.ifd(next) else {
            if pages.is_empty() {
                return Err(format!("unreadable TIFF directory at offset {next}"));
            }
            pages.push(TiffPage {
                width: 0,
                height: 0,
                dpi: None,
                entries: Err(format!("unreadable TIFF directory at offset {next}")),
                little_endian: le,
            });
            break;
        };
        let width = r.scalar(&ifd.entries, 256).unwrap_or(0);
        let height = r.scalar(&ifd.entries, 257).unwrap_or(0);
        pages.push(TiffPage {
            width,
            height,
            dpi: r.dpi(&ifd.entries),
            entries: Ok(ifd.entries),
            little_endian: le,
        });
        next = ifd.next;
    }
    Ok(pages)
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    tag: u16,
    typ: u16,
    count: u32,
    /// Offset in the file of the value (inline values point into the entry itself).
    at: usize,
}

struct Ifd {
    entries: Vec<Entry>,
    next: usize,
}

struct Reader<'a> {
    data: &'a [u8],
    le: bool,
}

fn type_size(typ: u16) -> Option<usize> {
    match typ {
        1 | 2 | 6 | 7 => Some(1),
        3 | 8 => Some(2),
        4 | 9 | 11 | 13 => Some(4),
        5 | 10 | 12 => Some(8),
        _ => None,
    }
}

impl Reader<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.data.get(at..at + 2)?.try_into().ok()?;
        Some(if self.le {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.data.get(at..at + 4)?.try_into().ok()?;
        Some(if self.le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    fn ifd(&self, at: usize) -> Option<Ifd> {
        let n = self.u16(at)? as usize;
        let mut entries = Vec::with_capacity(n);
        for i in 0..n {
            let e = at + 2 + 12 * i;
            let typ = self.u16(e + 2)?;
            let count = self.u32(e + 4)?;
            let size = type_size(typ).unwrap_or(1).checked_mul(count as usize)?;
            let value_at = if size <= 4 {
                e + 8
            } else {
                self.u32(e + 8)? as usize
            };
            entries.push(Entry {
                tag: self.u16(e)?,
                typ,
                count,
                at: value_at,
            });
        }
        let next = self.u32(at + 2 + 12 * n)? as usize;
        Some(Ifd { entries, next })
    }

    fn values(&self, e: &Entry) -> Option<Vec<u32>> {
        (0..e.count as usize)
            .map(|i| match e.typ {
                3 => self.u16(e.at + 2 * i).map(u32::from),
                4 | 13 => self.u32(e.at + 4 * i),
                1 => self.data.get(e.at + i).map(|&b| u32::from(b)),
                _ => None,
            })
            .collect()
    }

    fn scalar(&self, entries: &[Entry], tag: u16) -> Option<u32> {
        let e = entries.iter().find(|e| e.tag == tag)?;
        self.values(e)?.first().copied()
    }

    fn dpi(&self, entries: &[Entry]) -> Option<u32> {
        let e = entries.iter().find(|e| e.tag == 282 && e.typ == 5)?;
        let (n, d) = (self.u32(e.at)?, self.u32(e.at + 4)?);
        if d == 0 {
            return None;
        }
        let per_unit = n as f64 / d as f64;
        let dpi = match self.scalar(entries, 296).unwrap_or(2) {
            3 => per_unit * 2.54,
            _ => per_unit,
        };
        (50.0..=2400.0).contains(&dpi).then(|| dpi.round() as u32)
    }

    /// A stand-alone single-page TIFF holding this directory's tags and image data.
    fn extract(&self, entries: &[Entry]) -> Result<Vec<u8>, String> {
        let (off_tag, cnt_tag) = if entries.iter().any(|e| e.tag == 324) {
            (324, 325)
        } else {
            (273, 279)
        };
        let find = |tag| entries.iter().find(|e| e.tag == tag);
        let offsets = find(off_tag)
            .and_then(|e| self.values(e))
            .ok_or("page has no strip or tile offsets")?;
        let counts = find(cnt_tag)
            .and_then(|e| self.values(e))
            .ok_or("page has no strip or tile byte counts")?;
        if offsets.len() != counts.len() {
            return Err("strip offsets and byte counts disagree".into());
        }
        // No encoding of the page's pixels is much larger than the pixels themselves: more
        // image data than twice that (plus room for headers of tiny pages) is not this page's.
        let scalar = |tag| self.scalar(entries, tag).unwrap_or(0) as u64;
        let bits = scalar(258).max(1) * scalar(277).max(1);
        let raw = (scalar(256) * scalar(257) * bits).div_ceil(8);
        let declared: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        if declared > 2 * raw + (64 << 10) {
            return Err(format!(
                "image data of {declared} bytes for a {}x{} page of at most {raw} bytes",
                scalar(256),
                scalar(257)
            ));
        }
        let mut chunks = Vec::with_capacity(offsets.len());
        for (&o, &c) in offsets.iter().zip(&counts) {
            let chunk = self
                .data
                .get(o as usize..(o as usize).saturating_add(c as usize))
                .ok_or("image data lies past the end of the file")?;
            chunks.push(chunk);
        }
        // Pointers to other directories (sub-IFDs, EXIF, GPS) would dangle in the copy.
        let kept: Vec<&Entry> = entries
            .iter()
            .filter(|e| !matches!(e.tag, 330 | 34665 | 34853 | 400))
            .collect();
        let w16 = |v: u16| {
            if self.le {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let w32 = |v: u32| {
            if self.le {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let ifd_len = 2 + 12 * kept.len() + 4;
        let mut blob_at = 8 + ifd_len;
        // Out-of-line values first, then image data; the offsets array is written last.
        let mut blobs: Vec<Vec<u8>> = Vec::new();
        let mut value_fields: Vec<[u8; 4]> = Vec::new();
        let mut offsets_blob: Option<usize> = None;
        for e in &kept {
            let (typ, count) = if e.tag == off_tag {
                (4u16, offsets.len() as u32)
            } else {
                (e.typ, e.count)
            };
            let size = type_size(typ).ok_or("unknown TIFF field type")? * count as usize;
            let raw = if e.tag == off_tag {
                vec![0u8; size]
            } else {
                self.data
                    .get(e.at..e.at + size)
                    .ok_or("tag value past end of file")?
                    .to_vec()
            };
            if size <= 4 {
                let mut f = [0u8; 4];
                f[..size].copy_from_slice(&raw);
                value_fields.push(f);
                if e.tag == off_tag {
                    offsets_blob = Some(usize::MAX);
                }
            } else {
                if e.tag == off_tag {
                    offsets_blob = Some(blobs.len());
                }
                value_fields.push(w32(blob_at as u32));
                blob_at += size + (size & 1);
                let mut raw = raw;
                if size & 1 == 1 {
                    raw.push(0);
                }
                blobs.push(raw);
            }
        }
        let mut chunk_offsets = Vec::with_capacity(chunks.len());
        let mut at = blob_at;
        for c in &chunks {
            chunk_offsets.push(at as u32);
            at += c.len();
        }
        let off_bytes: Vec<u8> = chunk_offsets.iter().flat_map(|&o| w32(o)).collect();
        match offsets_blob {
            Some(usize::MAX) => {
                let i = kept.iter().position(|e| e.tag == off_tag).unwrap_or(0);
                value_fields[i].copy_from_slice(&off_bytes[..4]);
            }
            Some(i) => blobs[i]
                .splice(..off_bytes.len(), off_bytes.iter().copied())
                .for_each(drop),
            None => {}
        }
        let mut out = Vec::with_capacity(at);
        out.extend_from_slice(if self.le { b"II*\0" } else { b"MM\0*" });
        out.extend_from_slice(&w32(8));
        out.extend_from_slice(&w16(kept.len() as u16));
        for (e, field) in kept.iter().zip(&value_fields) {
            let (typ, count) = if e.tag == off_tag {
                (4u16, offsets.len() as u32)
            } else {
                (e.typ, e.count)
            };
            out.extend_from_slice(&w16(e.tag));
            out.extend_from_slice(&w16(typ));
            out.extend_from_slice(&w32(count));
            out.extend_from_slice(field);
        }
        out.extend_from_slice(&w32(0));
        for b in &blobs {
            out.extend_from_slice(b);
        }
        for c in &chunks {
            out.extend_from_slice(c);
        }
        Ok(out)
    }
}
