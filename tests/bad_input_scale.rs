//! Bad input at archive scale: a decompression bomb (PNG and TIFF declaring 60,000 × 60,000
//! pixels), a PDF whose page tree loops, and a 200 MB text file each become a clear failed
//! record, next to a good document that still goes through, without exhausting memory.
//!
//! Memory is measured, not timed: each run is wrapped in GNU time (`/usr/bin/time -f %M`,
//! Debian's `time` package) and its peak RSS is compared with a run over the good document alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Runs `sohoa process -o OUT DIR` under GNU time; returns (exit code, records, peak RSS KiB).
fn process(dir: &Path, out: &Path) -> (Option<i32>, Vec<Value>, u64) {
    let rss_file = out.with_extension("rss");
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(env!("CARGO_BIN_EXE_sohoa"))
        .args(["process", "-q", "--jobs", "2", "-o"])
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

/// Peak RSS of a run over the good document alone: what any run costs.
fn baseline(tmp: &Path) -> u64 {
    let dir = tmp.join("baseline");
    std::fs::create_dir_all(&dir).unwrap();
    good_document(&dir);
    let (code, records, rss) = process(&dir, &tmp.join("baseline.jsonl"));
    assert_eq!(code, Some(0), "{records:?}");
    rss
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
    assert!(messages(r).starts_with("text larger than 64 MiB"), "{r}");
    assert!(r["source"]["bytes"].as_u64().unwrap() >= 200_000_000);
    // Reading it would cost 200 MB at least; refusing it costs nothing measurable.
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
