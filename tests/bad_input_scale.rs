//! Bad input at archive scale: a decompression bomb (PNG and TIFF declaring 60,000 × 60,000
//! pixels), a PDF whose page tree loops, and a 200 MB text file each become a clear failed
//! record, next to a good document that still goes through, without exhausting memory.
//!
//! And every hostile input of "a batch an operator can trust" (issue 15), one test each named
//! after its defect, then all of them in one run held under the memory bound the README states.
//!
//! Memory is measured, not timed: each run is wrapped in GNU time (`/usr/bin/time -f %M`,
//! Debian's `time` package) and its peak RSS is compared with a run over the good document alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Runs `sohoa process -o OUT DIR` under GNU time; returns (exit code, records, peak RSS KiB).
fn process(dir: &Path, out: &Path) -> (Option<i32>, Vec<Value>, u64) {
    process_with(dir, out, &[])
}

/// [`process`] with extra options.
fn process_with(dir: &Path, out: &Path, extra: &[&str]) -> (Option<i32>, Vec<Value>, u64) {
    let rss_file = out.with_extension("rss");
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(env!("CARGO_BIN_EXE_sohoa"))
        .args(["process", "-q", "--jobs", "2"])
        .args(extra)
        .arg("-o")
        .arg(out)
        .arg(dir)
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX")
        .status()
        .expect("/usr/bin/time runs (apt-get install time)");
    let records = std::fs::read_to_string(out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rss = std::fs::read_to_string(&rss_file)
        .unwrap()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("GNU time wrote the peak RSS");
    (status.code(), records, rss)
}

fn good_document(dir: &Path) {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text/thai-binh-2023-plan.txt");
    std::fs::copy(seed, dir.join("good.txt")).unwrap();
}

fn record<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["source"]["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no record for {name}"))
}

fn messages(r: &Value) -> String {
    r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Peak RSS of a run over the good document alone: what any run costs. Measured once per test
/// binary (in a process of its own, so the tests running beside it do not change it).
fn baseline(_tmp: &Path) -> u64 {
    static BASELINE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *BASELINE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("baseline");
        std::fs::create_dir_all(&dir).unwrap();
        good_document(&dir);
        let (code, records, rss) = process(&dir, &tmp.path().join("baseline.jsonl"));
        assert_eq!(code, Some(0), "{records:?}");
        rss
    })
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// A 60 KB PNG declaring 60,000 × 60,000 8-bit grey pixels (3.6 GB decoded) whose one IDAT
/// holds the first row: valid up to where a decoder would have to allocate the whole image.
fn png_bomb() -> Vec<u8> {
    const SIDE: u32 = 60_000;
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&crc32(&[kind, data].concat()).to_be_bytes());
        c
    };
    let mut ihdr = SIDE.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale, deflate, no filter, no interlace
    let row = vec![0u8; SIDE as usize + 1]; // filter byte + one row
                                            // zlib with one stored (uncompressed) deflate block, not final: more rows "follow".
    let mut z = vec![0x78, 0x01, 0x00];
    z.extend_from_slice(&(row.len() as u16).to_le_bytes());
    z.extend_from_slice(&(!(row.len() as u16)).to_le_bytes());
    z.extend_from_slice(&row);
    z.extend_from_slice(&adler32(&row).to_be_bytes());
    [
        &b"\x89PNG\r\n\x1a\n"[..],
        &chunk(b"IHDR", &ihdr),
        &chunk(b"IDAT", &z),
        &chunk(b"IEND", &[]),
    ]
    .concat()
}

/// A tiny TIFF declaring 60,000 × 60,000 8-bit grey pixels in one uncompressed strip.
fn tiff_bomb() -> Vec<u8> {
    const SIDE: u32 = 60_000;
    let entries: [(u16, u16, u32); 9] = [
        (256, 4, SIDE),               // ImageWidth
        (257, 4, SIDE),               // ImageLength
        (258, 3, 8),                  // BitsPerSample
        (259, 3, 1),                  // Compression: none
        (262, 3, 1),                  // Photometric: black is zero
        (273, 4, 8 + 2 + 9 * 12 + 4), // StripOffsets: right after the IFD
        (277, 3, 1),                  // SamplesPerPixel
        (278, 4, SIDE),               // RowsPerStrip
        (279, 4, SIDE * SIDE / 16),   // StripByteCounts (declared, not present)
    ];
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    t.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, kind, value) in entries {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        if kind == 3 {
            t.extend_from_slice(&(value as u16).to_le_bytes());
            t.extend_from_slice(&[0, 0]);
        } else {
            t.extend_from_slice(&value.to_le_bytes());
        }
    }
    t.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    t.extend_from_slice(&[0u8; 4096]); // the start of the strip
    t
}

/// A well-formed PDF (correct xref) whose page tree's Kids contain the tree itself, after a
/// real page when `with_page`.
fn looping_pdf(with_page: bool) -> Vec<u8> {
    let kids = if with_page { "3 0 R 2 0 R" } else { "2 0 R" };
    let tree = format!("<< /Type /Pages /Kids [{kids}] /Count 2 >>");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        tree.as_str(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn run_with(name: &str, bytes: &[u8]) -> (Value, u64, u64) {
    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    std::fs::write(dir.join(name), bytes).unwrap();
    let (code, records, rss) = process(&dir, &tmp.path().join("out.jsonl"));
    assert_eq!(
        code,
        Some(2),
        "one failed document gives exit code 2: {records:?}"
    );
    assert_eq!(records.len(), 2);
    assert_eq!(record(&records, "good.txt")["status"], "ok");
    (record(&records, name).clone(), rss, base)
}

/// The bomb must be refused from its header: a clear message naming its size, and a peak
/// memory far below the 3.6 GB its pixels would take.
fn assert_refused_bomb(name: &str, bytes: &[u8]) {
    let (r, rss, base) = run_with(name, bytes);
    let why = messages(&r);
    assert_eq!(r["status"], "failed", "{r}");
    assert!(
        why.contains("60000") || why.contains("60 000") || why.contains("3600"),
        "the error should say how large the image claims to be: {why}"
    );
    assert!(
        rss < base + 256 * 1024,
        "peak RSS {rss} KiB against {base} KiB for the good document alone"
    );
}

#[test]
fn png_decompression_bomb_is_a_failed_record() {
    assert_refused_bomb("bomb.png", &png_bomb());
}

#[test]
fn tiff_decompression_bomb_is_a_failed_record() {
    assert_refused_bomb("bomb.tif", &tiff_bomb());
}

#[test]
fn pdf_whose_page_tree_only_loops_is_a_failed_record() {
    let (r, rss, base) = run_with("loop.pdf", &looping_pdf(false));
    assert_eq!(r["status"], "failed", "{r}");
    let why = messages(&r);
    assert!(why.contains("page tree loops"), "{why}");
    assert!(
        rss < base + 256 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn pdf_with_a_page_and_a_looping_page_tree_is_reported() {
    let (r, rss, base) = run_with("loop.pdf", &looping_pdf(true));
    assert_ne!(r["status"], "ok", "{r}");
    let why = messages(&r);
    assert!(!why.is_empty(), "a looping page tree must be reported: {r}");
    assert!(
        rss < base + 256 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn a_200_mb_text_file_is_refused_before_it_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    let huge: PathBuf = dir.join("huge.txt");
    {
        use std::io::Write;
        let line = "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;\n".repeat(1000);
        let mut f = std::io::BufWriter::new(std::fs::File::create(&huge).unwrap());
        while f.get_ref().metadata().unwrap().len() < 200_000_000 {
            f.write_all(line.as_bytes()).unwrap();
            f.flush().unwrap();
        }
    }
    let (code, records, rss) = process(&dir, &tmp.path().join("out.jsonl"));
    assert_eq!(code, Some(2));
    assert_eq!(record(&records, "good.txt")["status"], "ok");
    let r = record(&records, "huge.txt");
    assert_eq!(r["status"], "failed");
    assert!(messages(r).starts_with("text larger than 4 MiB"), "{r}");
    assert!(r["source"]["bytes"].as_u64().unwrap() >= 200_000_000);
    // Reading it would cost 200 MB at least; refusing it costs nothing measurable.
    assert!(
        rss < base + 32 * 1024,
        "peak RSS {rss} KiB against {base} KiB for the good document alone"
    );
}

#[test]
fn sixty_mb_one_line_text_and_a_million_short_lines_took_gigabytes() {
    // Issue 15: a 60 MB one-line text (under the old 64 MiB cap) took 4.2 GB, and 1,000,000
    // short lines (17 MB) 2 GB. The default cap refuses both from their size, and what a text
    // under the cap costs no longer depends on its line breaks (the 4 MB tests below).
    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    std::fs::write(dir.join("one-line.txt"), long_text(60_000_000, true)).unwrap();
    std::fs::write(
        dir.join("short-lines.txt"),
        "Thi đua năm 2025\n".repeat(1_000_000),
    )
    .unwrap();
    let (code, records, rss) = process(&dir, &tmp.path().join("out.jsonl"));
    assert_eq!(code, Some(2));
    assert_eq!(record(&records, "good.txt")["status"], "ok");
    for name in ["one-line.txt", "short-lines.txt"] {
        let r = record(&records, name);
        assert_eq!(r["status"], "failed", "{r}");
        assert!(messages(r).starts_with("text larger than 4 MiB"), "{r}");
    }
    assert!(
        rss < base + 32 * 1024,
        "peak RSS {rss} KiB against {base} KiB for the good document alone"
    );
}

/// A long scanned PDF whose pages are Flate images: each unpacks to 8.7 MB of raw pixels (gray
/// A4 at 300 dpi). The pages are taken out a few at a time, so memory does not grow with the
/// page count (all 48 at once would be 418 MB).
#[test]
fn a_long_flate_pdf_is_read_without_holding_every_page() {
    use sohoa_corpus::{container, container::PdfImageEncoding, ScanImage};
    let mut page = image::GrayImage::from_pixel(2480, 3508, image::Luma([255]));
    for y in 400..460 {
        for x in 300..2100 {
            page.put_pixel(x, y, image::Luma([0]));
        }
    }
    let pages: Vec<ScanImage> = (0..48)
        .map(|_| ScanImage {
            pixels: page.clone(),
            colour: None,
            dpi: 300,
            bilevel: false,
            jpeg_quality: None,
        })
        .collect();
    let pdf = container::pdf(&pages, PdfImageEncoding::Flate).unwrap();
    drop(pages);
    assert!(
        pdf.len() < 8 << 20,
        "the PDF itself is small: {} bytes",
        pdf.len()
    );

    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("long.pdf"), &pdf).unwrap();
    let (code, records, rss) = process(&dir, &tmp.path().join("out.jsonl"));
    assert_eq!(code, Some(0), "{records:?}");
    let r = record(&records, "long.pdf");
    assert_eq!(r["ocr"]["pages"].as_array().unwrap().len(), 48, "{r}");
    // Two OCR engines and a window of four pages in flight (each page with its decoded and
    // preprocessed copies) stay well under the 418 MB the unpacked pages alone would take.
    assert!(
        rss < base + 300 * 1024,
        "peak RSS {rss} KiB against {base} KiB for a text document alone"
    );
    eprintln!("long Flate PDF: peak RSS {rss} KiB, text-only baseline {base} KiB");
}

/// A PDF of `objects` (object 1 the catalog) with a correct cross-reference table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(o);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// `size` zero bytes, Flate-compressed (about 1,000 to 1).
fn flate_bomb(size: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..size >> 20 {
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap()
}

const PAGE_TREE: &str = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";

/// A one-page PDF whose page image declares 1000 × 1000 grey pixels (1 MB) but whose Flate
/// data inflates to `size` bytes.
fn pdf_image_bomb(size: usize) -> Vec<u8> {
    pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        PAGE_TREE.as_bytes().to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        stream(
            "/Type /XObject /Subtype /Image /Width 1000 /Height 1000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
            &flate_bomb(size),
        ),
        stream("", b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
    ])
}

/// A one-page PDF whose page content stream inflates to `size` bytes.
fn pdf_content_bomb(size: usize) -> Vec<u8> {
    pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        PAGE_TREE.as_bytes().to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &flate_bomb(size)),
    ])
}

/// `data` in ASCII85 (groups of four bytes as five characters, `z` for four zeros, `~>` at the
/// end).
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 5 / 4 + 8);
    for group in data.chunks(4) {
        let mut word = [0u8; 4];
        word[..group.len()].copy_from_slice(group);
        let mut v = u32::from_be_bytes(word);
        if v == 0 && group.len() == 4 {
            out.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = b'!' + (v % 85) as u8;
            v /= 85;
        }
        out.extend_from_slice(&digits[..group.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}

/// The PDFs whose streams lopdf unpacked whole while loading or reading text, before any page
/// check (issue 15, session 5): 80 MiB of zeros as an object stream in Flate (80 KB), in LZW
/// (in pieces of 4096 codes, as PDF writers reset the table), and as a page's content stream in
/// ASCII85 over Flate.
fn pdf_load_bombs() -> Vec<(&'static str, Vec<u8>)> {
    let zeros = vec![0u8; 80 << 20];
    let lzw = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
        .encode(&zeros)
        .unwrap();
    drop(zeros);
    let flate = flate_bomb(80 << 20);
    let object_stream = |filter: &str, data: &[u8]| {
        pdf_of(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            PAGE_TREE.as_bytes().to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
            stream(
                &format!("/Type /ObjStm /N 1 /First 4 /Filter {filter}"),
                data,
            ),
        ])
    };
    let content = pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        PAGE_TREE.as_bytes().to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("/Filter [/ASCII85Decode /FlateDecode]", &ascii85(&flate)),
    ]);
    vec![
        ("objstm-flate.pdf", object_stream("/FlateDecode", &flate)),
        ("objstm-lzw.pdf", object_stream("/LZWDecode", &lzw)),
        ("content-a85.pdf", content),
    ]
}

/// A one-page PDF whose image dictionary says 100 × 100 but whose JPEG 2000 codestream (a
/// valid main header, no data) claims 30000 × 30000.
fn pdf_jpx_claiming_30000() -> Vec<u8> {
    let side: u32 = 30_000;
    let mut siz = vec![0, 0]; // Rsiz
    for v in [side, side, 0, 0, side, side, 0, 0] {
        siz.extend_from_slice(&v.to_be_bytes());
    }
    siz.extend_from_slice(&1u16.to_be_bytes()); // one component
    siz.extend_from_slice(&[7, 1, 1]); // 8-bit, no subsampling
    let mut j2k = vec![0xFF, 0x4F, 0xFF, 0x51];
    j2k.extend_from_slice(&((siz.len() + 2) as u16).to_be_bytes());
    j2k.extend_from_slice(&siz);
    let cod = [0u8, 0, 0, 1, 0, 5, 4, 4, 0, 1];
    j2k.extend_from_slice(&[0xFF, 0x52, 0, (cod.len() + 2) as u8]);
    j2k.extend_from_slice(&cod);
    let mut qcd = vec![0x40];
    qcd.extend_from_slice(&[8 << 3; 16]);
    j2k.extend_from_slice(&[0xFF, 0x5C, 0, (qcd.len() + 2) as u8]);
    j2k.extend_from_slice(&qcd);
    j2k.extend_from_slice(&[0xFF, 0x90, 0, 10, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0x93]);
    j2k.extend_from_slice(&[0; 64]);
    j2k.extend_from_slice(&[0xFF, 0xD9]);
    pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        PAGE_TREE.as_bytes().to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        stream(
            "/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /JPXDecode",
            &j2k,
        ),
        stream("", b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
    ])
}

/// A TIFF of `pages` white `side` × `side` grey pages that all point at one uncompressed strip.
fn tiff_sharing_one_strip(pages: usize, side: u32) -> Vec<u8> {
    let strip_len = side * side;
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&0u32.to_le_bytes()); // first IFD, set below
    let strip_at = t.len() as u32;
    t.resize(t.len() + strip_len as usize, 255);
    let entries = |next: u32| {
        let fields: [(u16, u16, u32); 9] = [
            (256, 4, side),
            (257, 4, side),
            (258, 3, 8),
            (259, 3, 1),
            (262, 3, 1),
            (273, 4, strip_at),
            (277, 3, 1),
            (278, 4, side),
            (279, 4, strip_len),
        ];
        let mut ifd = (fields.len() as u16).to_le_bytes().to_vec();
        for (tag, kind, value) in fields {
            ifd.extend_from_slice(&tag.to_le_bytes());
            ifd.extend_from_slice(&kind.to_le_bytes());
            ifd.extend_from_slice(&1u32.to_le_bytes());
            if kind == 3 {
                ifd.extend_from_slice(&(value as u16).to_le_bytes());
                ifd.extend_from_slice(&[0, 0]);
            } else {
                ifd.extend_from_slice(&value.to_le_bytes());
            }
        }
        ifd.extend_from_slice(&next.to_le_bytes());
        ifd
    };
    let ifd_len = entries(0).len() as u32;
    let first = t.len() as u32;
    t[4..8].copy_from_slice(&first.to_le_bytes());
    for i in 0..pages as u32 {
        let next = if i + 1 < pages as u32 {
            first + (i + 1) * ifd_len
        } else {
            0
        };
        t.extend_from_slice(&entries(next));
    }
    t
}

/// A grey page with a transparent background, as some scanning tools save them: black ink
/// whose alpha is the ink's darkness, and fully transparent black everywhere else.
fn transparent_page() -> Vec<u8> {
    let page = image::open(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ocr/pages/plan-001-clean.png"),
    )
    .unwrap()
    .to_luma8();
    let rgba = image::RgbaImage::from_fn(page.width(), page.height(), |x, y| {
        image::Rgba([0, 0, 0, 255 - page.get_pixel(x, y)[0]])
    });
    let mut png = Vec::new();
    rgba.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

/// A 6000 × 6000 white PNG declaring 100 dpi, with one page of text in a corner.
fn large_low_dpi_page() -> Vec<u8> {
    let page = image::open(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ocr/pages/plan-001-clean.png"),
    )
    .unwrap()
    .to_luma8();
    let mut big = image::GrayImage::from_pixel(6000, 6000, image::Luma([255]));
    image::imageops::replace(&mut big, &page, 0, 0);
    let mut png = Vec::new();
    big.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // A pHYs chunk after IHDR (8 + 25 bytes in): 3937 pixels per metre = 100 dpi.
    let mut phys = 3937u32.to_be_bytes().to_vec();
    phys.extend_from_slice(&3937u32.to_be_bytes());
    phys.push(1);
    let mut chunk = (phys.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&phys);
    chunk.extend_from_slice(&crc32(&[&b"pHYs"[..], &phys].concat()).to_be_bytes());
    png.splice(33..33, chunk);
    png
}

/// Text of `size` bytes on one line, or on lines of a few words.
fn long_text(size: usize, one_line: bool) -> Vec<u8> {
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text/thai-binh-2023-plan.txt"),
    )
    .unwrap();
    let words: Vec<&str> = seed.split_whitespace().collect();
    let mut out = String::with_capacity(size + 64);
    let mut i = 0;
    while out.len() < size {
        out.push_str(words[i % words.len()]);
        out.push(if one_line || i % 4 != 3 { ' ' } else { '\n' });
        i += 1;
    }
    out.into_bytes()
}

/// Runs a directory holding the good document and `name` (made by `bytes`); returns the
/// record of `name`, the peak RSS and the baseline's.
fn run_one(name: &str, bytes: &[u8], extra: &[&str]) -> (Value, u64, u64) {
    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    std::fs::write(dir.join(name), bytes).unwrap();
    let (code, records, rss) = process_with(&dir, &tmp.path().join("out.jsonl"), extra);
    assert!(matches!(code, Some(0 | 2)), "{code:?} {records:?}");
    assert_eq!(records.len(), 2);
    assert_eq!(record(&records, "good.txt")["status"], "ok");
    eprintln!("{name}: peak RSS {rss} KiB, baseline {base} KiB");
    (record(&records, name).clone(), rss, base)
}

#[test]
fn tiff_pages_sharing_one_strip_held_it_once_per_page() {
    // 150 pages pointing at one 4 MB strip: cut out all at once they took 600 MB.
    let tiff = tiff_sharing_one_strip(150, 2000);
    assert!(tiff.len() < 5 << 20);
    let (r, rss, base) = run_one("shared.tif", &tiff, &[]);
    assert_eq!(r["source"]["pages"], 150, "{r}");
    assert!(
        rss < base + 200 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn pdf_image_flate_bomb_was_unpacked_whole() {
    let (r, rss, base) = run_one("bomb.pdf", &pdf_image_bomb(1 << 30), &[]);
    assert_eq!(r["status"], "failed", "{r}");
    assert!(
        messages(&r).contains("image data inflates to more than"),
        "{r}"
    );
    assert!(
        rss < base + 64 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn pdf_content_stream_flate_bomb_was_unpacked_whole() {
    let (r, rss, base) = run_one("content.pdf", &pdf_content_bomb(1 << 30), &[]);
    assert_eq!(r["status"], "failed", "{r}");
    // Refused from the stream's measured size before lopdf loads the file (or, for a stream the
    // pre-scan lets through, when the page's content is unpacked).
    let m = messages(&r);
    assert!(
        m.contains("unpacks to more than 64 MiB; refused before loading")
            || m.contains("page content inflates to more than 32 MiB"),
        "{r}"
    );
    assert!(
        rss < base + 64 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn pdf_jpeg2000_codestream_claiming_30000_squared_was_decoded() {
    let (r, rss, base) = run_one("jpx.pdf", &pdf_jpx_claiming_30000(), &[]);
    assert_eq!(r["status"], "failed", "{r}");
    assert!(messages(&r).contains("30000x30000"), "{r}");
    assert!(
        rss < base + 64 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn pdf_object_stream_lzw_and_ascii85_bombs_were_unpacked_while_loading() {
    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let bombs = pdf_load_bombs();
    for (name, bytes) in &bombs {
        assert!(
            bytes.len() < 1 << 20,
            "{name} is small: {} bytes",
            bytes.len()
        );
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let (code, records, rss) = process(&dir, &tmp.path().join("out.jsonl"));
    assert_eq!(code, Some(2), "{records:?}");
    for (name, _) in &bombs {
        let r = record(&records, name);
        assert_eq!(r["status"], "failed", "{r}");
        let m = messages(r);
        assert!(
            m.contains("unpacks to more than 64 MiB; refused before loading the PDF"),
            "{name}: {m}"
        );
    }
    // Each would unpack 80 MiB (lopdf kept them whole, and more than once).
    assert!(
        rss < base + 32 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn sparse_3_gib_file_starting_with_pdf_was_read_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    let sparse = std::fs::File::create(dir.join("sparse.pdf")).unwrap();
    use std::io::Write;
    (&sparse).write_all(b"%PDF-1.4\n").unwrap();
    sparse.set_len(3 << 30).unwrap(); // a hole: no disk used
    let (code, records, rss) = process(&dir, &tmp.path().join("out.jsonl"));
    assert_eq!(code, Some(2));
    let r = record(&records, "sparse.pdf");
    assert!(messages(r).starts_with("file larger than 512 MiB"), "{r}");
    assert!(
        rss < base + 32 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn large_page_at_low_dpi_was_upscaled_past_any_budget() {
    let (r, rss, base) = run_one("big.png", &large_low_dpi_page(), &[]);
    assert_eq!(r["status"], "ok", "{r}");
    let page = &r["ocr"]["pages"][0];
    // 6000 pixels at the declared 100 dpi would be a sheet 60 inches wide: no paper is, so the
    // page probe (`ocr::probe::plausible_dpi`) takes the resolution from the page size instead,
    // and the page is read as the 600 dpi scan it is, without upscaling.
    assert_eq!(
        (page["width"].as_u64(), page["dpi"].as_u64()),
        (Some(6000), Some(600))
    );
    assert!(r["text"].as_str().unwrap().contains("KẾ HOẠCH"), "{r}");
    // Upscaled to 300 dpi it was 324 megapixels and 1.4 GB; within the 36-megapixel budget
    // it stays near the cost of one such page.
    assert!(
        rss < base + 600 * 1024,
        "peak RSS {rss} KiB against {base} KiB"
    );
}

#[test]
fn transparent_png_was_read_as_an_empty_page() {
    let (r, _, _) = run_one("transparent.png", &transparent_page(), &[]);
    assert_eq!(r["status"], "ok", "{r}");
    let text = r["text"].as_str().unwrap();
    assert!(text.contains("KẾ HOẠCH") && text.len() > 500, "{r}");
}

#[test]
fn text_memory_depended_on_how_it_is_broken_into_lines() {
    // The same 4 MB (just under the default cap) on one line and on lines of four words.
    let (one, rss_one, base) = run_one("one-line.txt", &long_text(4_000_000, true), &[]);
    let (short, rss_short, _) = run_one("short-lines.txt", &long_text(4_000_000, false), &[]);
    assert_eq!(
        (&one["status"], &short["status"]),
        (&"ok".into(), &"ok".into())
    );
    // Restoration works in 256 KiB chunks and segmentation cuts lines at 16 KiB, so neither
    // holds the one line whole: both cost a few bytes per byte (measured 30 and 25 MB over the
    // baseline; the one line took 57 MB while segmentation copied and folded it whole, and 280 MB
    // before restoration was chunked).
    for rss in [rss_one, rss_short] {
        assert!(
            rss < base + 48 * 1024,
            "peak RSS {rss} KiB against {base} KiB (one line {rss_one}, short lines {rss_short})"
        );
    }
}

#[test]
fn text_of_near_empty_lines_cost_30_to_60_bytes_per_byte() {
    // 4 MB (just under the default cap) as 4,000,000 empty lines and as one word per line
    // (about 660,000 lines): segmentation held a record per line (32 bytes and the line's own
    // allocation, then a copy of each body line), so these cost 30 bytes per byte (measured
    // +133 MB and +115 MB over the baseline) where the same bytes of prose on lines of four
    // words cost 7 (+27 MB). A line now costs its text and a 4-byte offset: measured +26 MB
    // and +74 MB (the one-word lines still cost more than prose in restoration's review list
    // and the record, not in segmentation).
    let words = long_text(4_000_000, true);
    let one_word_lines: Vec<u8> = words
        .iter()
        .map(|&b| if b == b' ' { b'\n' } else { b })
        .collect();
    let empty_lines = vec![b'\n'; 4_000_000];
    let (word, rss_word, base) = run_one("word-lines.txt", &one_word_lines, &[]);
    let (empty, rss_empty, _) = run_one("empty-lines.txt", &empty_lines, &[]);
    assert_eq!(word["status"], "ok", "{word}");
    assert!(
        word["text"].as_str().unwrap().lines().count() > 600_000,
        "one word per line"
    );
    assert_eq!(empty["status"], "ok", "{}", messages(&empty));
    assert_eq!(empty["text"].as_str().unwrap().len(), 4_000_000);
    assert!(
        rss_empty < base + 48 * 1024,
        "empty lines: peak RSS {rss_empty} KiB against {base} KiB"
    );
    assert!(
        rss_word < base + 96 * 1024,
        "one-word lines: peak RSS {rss_word} KiB against {base} KiB"
    );
}

/// The bound the README states: 100 MB, plus the input in flight (`--max-input-mb`), plus per
/// worker 12 MB per megapixel of the largest page allowed (`--max-megapixels`) and 32 bytes per
/// byte of the largest text allowed (`--max-text-mb`).
fn readme_bound_kib(jobs: u64, max_input_mb: u64, max_megapixels: u64, max_text_mb: u64) -> u64 {
    let mb = 1024;
    100 * mb + max_input_mb * mb + jobs * (12 * max_megapixels * mb + 32 * max_text_mb * mb)
}

#[test]
fn a_run_over_every_bad_input_stays_under_the_readme_bound() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    // The shared-strip TIFF has 20 pages here (its own test above has 150): enough to hold its
    // strip 20 times over if pages were cut out all at once, without OCR'ing 100 blank pages.
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("shared.tif", tiff_sharing_one_strip(20, 2000)),
        ("image-bomb.pdf", pdf_image_bomb(1 << 30)),
        ("content-bomb.pdf", pdf_content_bomb(1 << 30)),
        ("jpx.pdf", pdf_jpx_claiming_30000()),
        ("bomb.png", png_bomb()),
        ("bomb.tif", tiff_bomb()),
        ("big.png", large_low_dpi_page()),
        ("transparent.png", transparent_page()),
        ("one-line.txt", long_text(4_000_000, true)),
        ("short-lines.txt", long_text(4_000_000, false)),
        (
            "checksums.md5",
            b"d41d8cd98f00b204e9800998ecf8427e  a.tif\n".repeat(10),
        ),
    ];
    files.extend(pdf_load_bombs());
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let sparse = std::fs::File::create(dir.join("sparse.pdf")).unwrap();
    sparse.set_len(3 << 30).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    let status = Command::new("mkfifo")
        .arg(dir.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(status.success());
    let (code, records, rss) = process_with(
        &dir,
        &tmp.path().join("out.jsonl"),
        &[
            "--max-megapixels",
            "40",
            "--max-input-mb",
            "64",
            "--max-text-mb",
            "4",
        ],
    );
    assert_eq!(code, Some(2));
    assert_eq!(records.len(), files.len() + 4, "every input has a record");
    let bound = readme_bound_kib(2, 64, 40, 4);
    eprintln!("every bad input: peak RSS {rss} KiB, bound {bound} KiB");
    assert!(
        rss < bound,
        "peak RSS {rss} KiB over the README bound {bound} KiB"
    );
}

/// `unit` repeated after `head` up to `size` bytes.
fn repeated(head: &str, unit: &str, size: usize) -> Vec<u8> {
    let mut out = String::from(head);
    while out.len() + unit.len() <= size {
        out.push_str(unit);
    }
    out.into_bytes()
}

#[test]
fn text_layouts_that_build_lists_stay_under_the_readme_text_bound() {
    // The layouts that cost most per byte, each 4 MB (just under the default text cap): lines
    // of one letter (a review entry per word), one-word bullets (a section each, up to the
    // cap of one per 64 bytes), award-form bullets under an awards heading (sections that
    // also feed the facts), and one-letter recipients after "Nơi nhận" (a recipient each, up
    // to the cap of one per 64 bytes). Measured alone with -j 1 (peak over the good document's
    // run): 28, 28, 31 and 14 bytes per byte; the recipients took 18 before their cap.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    let size = 4_000_000;
    let files = [
        ("letters.txt", repeated("", "a\n", size)),
        ("bullets.txt", repeated("", "- a\n", size)),
        (
            "awards.txt",
            repeated("I. HÌNH THỨC KHEN THƯỞNG\n", "- Bằng khen\n", size),
        ),
        (
            "recipients.txt",
            repeated(
                "KẾ HOẠCH\nThi đua năm 2025\nI. MỤC ĐÍCH\nNâng cao chất lượng.\nNơi nhận:\n",
                "- a\n",
                size,
            ),
        ),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    // Two workers, each holding one of the texts at a time; pages play no part (1 megapixel).
    let (code, records, rss) = process_with(
        &dir,
        &tmp.path().join("out.jsonl"),
        &[
            "--max-megapixels",
            "1",
            "--max-input-mb",
            "8",
            "--max-text-mb",
            "4",
        ],
    );
    assert_eq!(code, Some(0), "{records:?}");
    assert_eq!(records.len(), files.len() + 1);
    let recipients = &record(&records, "recipients.txt")["recipients"];
    let n = recipients.as_array().unwrap().len();
    assert!(
        (1_000..=size / 64).contains(&n),
        "{n} recipients of 999,997 items: capped"
    );
    let bound = readme_bound_kib(2, 8, 1, 4);
    eprintln!("list-building layouts: peak RSS {rss} KiB, bound {bound} KiB");
    assert!(
        rss < bound,
        "peak RSS {rss} KiB over the README bound {bound} KiB"
    );
}
