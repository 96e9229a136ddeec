//! Caps on what a PDF unpacks, checked on the raw bytes before lopdf loads them. lopdf unpacks
//! object and cross-reference streams while it loads a file, and font, CMap and content
//! streams when a page's text is read, with no limit on their size (Flate, LZW and ASCII85,
//! chained): a 2 MB file can make it allocate gigabytes before any page is looked at. So every
//! stream that is not an image is measured first, counting its unpacked bytes without keeping
//! them and stopping just past the cap; image streams are checked against their stated pixel
//! size when their page is taken out (`pdf.rs`). A stream's stated `/Length` is trusted only
//! where the file really holds that many bytes; otherwise its data runs to `endstream`.

use std::io::Read;
use std::sync::LazyLock;

use regex::bytes::Regex;

/// Most bytes one stream that is not an image may unpack to. The largest such streams of real
/// documents are embedded font programs (a full CJK font is about 20 MB unpacked); object
/// streams, cross-reference streams, CMaps and page contents are kilobytes to a few megabytes.
pub const MAX_STREAM_BYTES: u64 = 64 << 20;

/// Checks every non-image stream of the PDF `bytes` before it is parsed.
///
/// # Errors
/// A message naming the object and what it would unpack to, for the first stream over
/// [`MAX_STREAM_BYTES`].
pub fn check_streams(bytes: &[u8]) -> Result<(), String> {
    let mut at = 0;
    while let Some(s) = next_stream(bytes, at) {
        at = s.data_end;
        if s.image {
            continue;
        }
        let data = &bytes[s.data_start..s.data_end];
        let n = unpacked_len(&s.filters, data, s.early_change, MAX_STREAM_BYTES);
        if n > MAX_STREAM_BYTES {
            return Err(format!(
                "stream {} unpacks to more than {} MiB; refused before loading the PDF",
                s.name,
                MAX_STREAM_BYTES >> 20
            ));
        }
    }
    Ok(())
}

/// How many bytes a lopdf stream unpacks to through its filters, stopping just past `cap`
/// (a stream with a filter lopdf cannot unpack counts as its stored length).
pub fn stream_unpacked_len(s: &lopdf::Stream, cap: u64) -> u64 {
    let filters: Vec<Vec<u8>> = s
        .filters()
        .map(|f| f.into_iter().map(<[u8]>::to_vec).collect())
        .unwrap_or_default();
    let early_change = s
        .dict
        .get(b"DecodeParms")
        .and_then(lopdf::Object::as_dict)
        .and_then(|p| p.get(b"EarlyChange"))
        .and_then(lopdf::Object::as_i64)
        .map_or(true, |v| v != 0);
    unpacked_len(&filters, &s.content, early_change, cap)
}

/// One stream found in the raw bytes.
struct RawStream {
    /// `N G obj` of its object, for messages.
    name: String,
    filters: Vec<Vec<u8>>,
    early_change: bool,
    image: bool,
    data_start: usize,
    data_end: usize,
}

static OBJ: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+)\s+(\d+)\s+obj\b").unwrap());
static FILTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)").unwrap());
static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/([^\s/\[\]<>()]+)").unwrap());
static LENGTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/Length\s+(\d+)(\s+\d+\s+R)?").unwrap());
static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/Subtype\s*/Image\b").unwrap());
static EARLY_OFF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/EarlyChange\s+0\b").unwrap());

/// How far before `stream` its object's `N G obj` may be: a stream dictionary is rarely over a
/// few hundred bytes.
const MAX_DICT_BYTES: usize = 64 << 10;

/// The first stream whose `stream` keyword is at or after `from`.
fn next_stream(bytes: &[u8], from: usize) -> Option<RawStream> {
    let mut at = from;
    loop {
        let k = at + find(&bytes[at..], b"stream")?;
        at = k + 6;
        // `endstream`, or a word that only ends in "stream", is not the keyword.
        if k > 0 && bytes[k - 1].is_ascii_alphabetic() {
            continue;
        }
        let before = trim_end(&bytes[..k]);
        if !before.ends_with(b">>") {
            continue;
        }
        let data_start = match bytes.get(at..) {
            Some([b'\r', b'\n', ..]) => at + 2,
            Some([b'\n' | b'\r', ..]) => at + 1,
            _ => continue,
        };
        // Never back past where this search started (the end of the previous stream's data):
        // the windows of successive streams do not overlap, so the scan stays linear in the
        // file however many streams it holds.
        let window = k.saturating_sub(MAX_DICT_BYTES).max(from);
        let (dict_start, name) = match rfind(&bytes[window..k], b"obj") {
            Some(p) => {
                let end = window + p + 3;
                let head = &bytes[end.saturating_sub(48)..end];
                let name = OBJ.captures_iter(head).last().map_or_else(
                    || "without object number".to_string(),
                    |c| String::from_utf8_lossy(&c[0]).into_owned(),
                );
                (end, name)
            }
            None => (window, "without object number".to_string()),
        };
        let dict = &bytes[dict_start..k];
        let filters = FILTER
            .captures(dict)
            .map(|c| {
                NAME.captures_iter(&c[1])
                    .map(|n| n[1].to_vec())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        // A direct /Length is used where the file holds that many bytes; an indirect one (or
        // one that runs past the end of the file) is not read: the data runs to `endstream`.
        let stated = LENGTH.captures(dict).and_then(|c| {
            let direct = c.get(2).is_none();
            let n: usize = std::str::from_utf8(&c[1]).ok()?.parse().ok()?;
            direct.then_some(n)
        });
        let data_end = match stated {
            Some(n) if data_start.checked_add(n).is_some_and(|e| e <= bytes.len()) => {
                data_start + n
            }
            _ => find(&bytes[data_start..], b"endstream").map_or(bytes.len(), |e| data_start + e),
        };
        return Some(RawStream {
            name,
            filters,
            early_change: !EARLY_OFF.is_match(dict),
            image: IMAGE.is_match(dict),
            data_start,
            data_end,
        });
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn trim_end(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &b[..n]
}

/// Unpacked size of `data` through `filters` (in decoding order), stopping just past `cap`.
/// Every stage but the last is kept (at most `cap` + 1 bytes) to feed the next; the last is
/// only counted. A filter that is not a decompression lopdf performs ends the chain.
fn unpacked_len(filters: &[Vec<u8>], data: &[u8], early_change: bool, cap: u64) -> u64 {
    let mut input: std::borrow::Cow<[u8]> = data.into();
    for (i, f) in filters.iter().enumerate() {
        let last = i + 1 == filters.len();
        let limit = cap.saturating_add(1);
        let mut keep = (!last).then(Vec::new);
        let n = match f.as_slice() {
            b"FlateDecode" | b"Fl" => inflate(&input, limit, keep.as_mut()),
            b"LZWDecode" | b"LZW" => lzw(&input, early_change, limit, keep.as_mut()),
            b"ASCII85Decode" | b"A85" => ascii85(&input, limit, keep.as_mut()),
            _ => return input.len() as u64,
        }
        .min(limit);
        if n > cap || last {
            return n;
        }
        input = keep.unwrap_or_default().into();
    }
    input.len() as u64
}

/// Writes up to `limit` bytes of `chunk` into `keep` (when kept); returns the count added.
fn take(chunk: &[u8], count: u64, limit: u64, keep: Option<&mut Vec<u8>>) -> u64 {
    if let Some(k) = keep {
        let room = limit.saturating_sub(count) as usize;
        k.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    chunk.len() as u64
}

/// Flate, as lopdf reads it: zlib, or raw deflate after the 2-byte header when zlib fails.
fn inflate(data: &[u8], limit: u64, mut keep: Option<&mut Vec<u8>>) -> u64 {
    let count = |r: &mut dyn Read, keep: Option<&mut Vec<u8>>| -> (u64, bool) {
        let mut keep = keep;
        let mut buf = vec![0u8; 64 << 10];
        let mut n = 0u64;
        while n < limit {
            match r.read(&mut buf) {
                Ok(0) => return (n, true),
                Ok(k) => n += take(&buf[..k], n, limit, keep.as_deref_mut()),
                Err(_) => return (n, false),
            }
        }
        (n, true)
    };
    let (n, ok) = count(
        &mut flate2::read::ZlibDecoder::new(data),
        keep.as_deref_mut(),
    );
    if ok || data.len() < 2 {
        return n;
    }
    if let Some(k) = keep.as_deref_mut() {
        k.clear();
    }
    let (raw, _) = count(&mut flate2::read::DeflateDecoder::new(&data[2..]), keep);
    n.max(raw)
}

/// LZW as PDF uses it (MSB first, 8-bit symbols, early change unless `EarlyChange 0`).
fn lzw(data: &[u8], early_change: bool, limit: u64, mut keep: Option<&mut Vec<u8>>) -> u64 {
    use weezl::{decode::Decoder, BitOrder, LzwStatus};
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut buf = vec![0u8; 64 << 10];
    let (mut input, mut n) = (data, 0u64);
    while n < limit {
        let r = decoder.decode_bytes(input, &mut buf);
        input = &input[r.consumed_in..];
        n += take(&buf[..r.consumed_out], n, limit, keep.as_deref_mut());
        match r.status {
            Ok(LzwStatus::Ok) if r.consumed_in + r.consumed_out > 0 => {}
            _ => break,
        }
    }
    n
}

/// ASCII85 (`z` is four zero bytes, `~>` ends the data): at most four bytes out per byte in.
fn ascii85(data: &[u8], limit: u64, mut keep: Option<&mut Vec<u8>>) -> u64 {
    let (mut n, mut group, mut len) = (0u64, 0u64, 0);
    for &c in data {
        if n >= limit {
            break;
        }
        match c {
            b'~' => break,
            b'z' if len == 0 => n += take(&[0; 4], n, limit, keep.as_deref_mut()),
            b'!'..=b'u' => {
                group = group * 85 + u64::from(c - b'!');
                len += 1;
                if len == 5 {
                    let word = (group as u32).to_be_bytes();
                    n += take(&word, n, limit, keep.as_deref_mut());
                    (group, len) = (0, 0);
                }
            }
            _ => {}
        }
    }
    if len > 1 {
        for _ in len..5 {
            group = group * 85 + 84;
        }
        let word = (group as u32).to_be_bytes();
        n += take(&word[..len - 1], n, limit, keep);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn lzw_encode(data: &[u8]) -> Vec<u8> {
        weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .encode(data)
            .unwrap()
    }

    fn pdf_with(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
        pdf.extend_from_slice(format!("7 0 obj\n<< {dict} >>\nstream\n").as_bytes());
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn every_filter_is_counted_through_its_chain() {
        let plain = b"BT /F1 12 Tf (Ke hoach) Tj ET ".repeat(1000);
        let f: Vec<Vec<u8>> = vec![b"FlateDecode".to_vec()];
        assert_eq!(unpacked_len(&f, &zlib(&plain), true, 1 << 20), 30_000);
        let l: Vec<Vec<u8>> = vec![b"LZWDecode".to_vec()];
        assert_eq!(unpacked_len(&l, &lzw_encode(&plain), true, 1 << 20), 30_000);
        let twice: Vec<Vec<u8>> = vec![b"FlateDecode".to_vec(), b"FlateDecode".to_vec()];
        assert_eq!(
            unpacked_len(&twice, &zlib(&zlib(&plain)), true, 1 << 20),
            30_000
        );
        let a85: Vec<Vec<u8>> = vec![b"ASCII85Decode".to_vec()];
        // "9jqo^" is "Man " in ASCII85; "z" four zeros.
        assert_eq!(unpacked_len(&a85, b"9jqo^z~>", true, 100), 8);
        // Stops just past the cap, whatever the stream would unpack to.
        assert_eq!(unpacked_len(&f, &zlib(&plain), true, 1000), 1001);
    }

    #[test]
    fn load_time_bombs_are_refused_before_lopdf_sees_them() {
        // 80 MiB of zeros: 80 KB of Flate, about 0.3 MB of LZW, as an object stream.
        let zeros = vec![0u8; 80 << 20];
        for (filter, data) in [
            ("/FlateDecode", zlib(&zeros)),
            ("/LZWDecode", lzw_encode(&zeros)),
            ("[/LZWDecode /FlateDecode]", lzw_encode(&zlib(&zeros))),
        ] {
            let dict = format!(
                "/Type /ObjStm /N 1 /First 4 /Length {} /Filter {filter}",
                data.len()
            );
            let err = check_streams(&pdf_with(&dict, &data)).unwrap_err();
            assert!(
                err.starts_with("stream 7 0 obj unpacks to more than 64 MiB"),
                "{filter}: {err}"
            );
            // The same bytes as an image are left to the page's pixel check.
            let image = format!("/Subtype /Image /Length {} /Filter {filter}", data.len());
            assert!(check_streams(&pdf_with(&image, &data)).is_ok(), "{filter}");
        }
    }

    #[test]
    fn a_stream_dictionary_is_looked_for_after_the_previous_stream_only() {
        // The second stream has no object header of its own (a broken file): its dictionary
        // was taken back to the first one's `7 0 obj`, so it "had" the first one's Flate
        // filter and was refused for what its raw bytes would inflate to.
        let bomb = zlib(&vec![0u8; 80 << 20]);
        let mut pdf = pdf_with("/Length 5 /Filter /FlateDecode", b"hello");
        pdf.extend_from_slice(format!("<< /Length {} >>\nstream\n", bomb.len()).as_bytes());
        pdf.extend_from_slice(&bomb);
        pdf.extend_from_slice(b"\nendstream\n");
        let first = next_stream(&pdf, 0).unwrap();
        let second = next_stream(&pdf, first.data_end).unwrap();
        assert_eq!(first.filters, [b"FlateDecode".to_vec()]);
        assert_eq!(second.name, "without object number");
        assert!(second.filters.is_empty());
        assert!(check_streams(&pdf).is_ok());
        // Many such streams: each search looks back to the previous stream, not 64 KiB (which
        // made 100,000 empty streams cost 100,000 scans of 64 KiB and four regexes over it).
        let many = b"<< >>stream\nendstream\n".repeat(100_000);
        assert!(check_streams(&many).is_ok());
    }

    #[test]
    fn a_stated_length_past_the_end_of_the_file_is_not_trusted() {
        let data = zlib(&vec![0u8; 70 << 20]);
        // Indirect, or larger than the file: the data is measured up to `endstream`.
        for length in ["9 0 R", "999999999999"] {
            let dict = format!("/Length {length} /Filter /FlateDecode");
            let pdf = pdf_with(&dict, &data);
            let s = next_stream(&pdf, 0).unwrap();
            assert_eq!(s.data_end - s.data_start, data.len() + 1, "{length}");
            assert!(check_streams(&pdf).is_err(), "{length}");
        }
        // Small streams and files with none pass.
        let ok = pdf_with("/Length 5", b"hello");
        assert!(check_streams(&ok).is_ok());
        assert!(check_streams(b"%PDF-1.4\n%%EOF\n").is_ok());
    }
}
