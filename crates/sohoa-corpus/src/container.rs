//! Multi-page containers of scans: TIFF (one IFD per page) and scanned PDF (one full-page
//! image per page, stored as DCT/JPEG, Flate or CCITT G4, no text layer).

use std::io::{Cursor, Write};

use fax::{encoder::Encoder, Color, VecWriter};
use tiff::encoder::{colortype, compression::DeflateLevel, Compression, Rational, TiffEncoder};
use tiff::tags::ResolutionUnit;

use super::degrade::ScanImage;
use super::encode::{jpeg, jpeg_rgb, pack_bits};
use super::CorpusError;

/// How a PDF stores its page images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfImageEncoding {
    /// JPEG (`/DCTDecode`), the usual scanner output.
    Dct,
    /// Zlib (`/FlateDecode`), 8-bit gray or 1-bit for bilevel pages.
    Flate,
    /// CCITT Group 4 fax (`/CCITTFaxDecode`, K = -1), 1 bit: pages are binarised first.
    G4,
}

impl std::str::FromStr for PdfImageEncoding {
    type Err = CorpusError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "dct" | "jpeg" => Ok(PdfImageEncoding::Dct),
            "flate" => Ok(PdfImageEncoding::Flate),
            "g4" | "ccitt" => Ok(PdfImageEncoding::G4),
            _ => Err(CorpusError::UnknownName {
                kind: "PDF image encoding",
                name: s.to_string(),
                expected: "dct, flate, g4".into(),
            }),
        }
    }
}

fn tiff_err(e: tiff::TiffError) -> CorpusError {
    CorpusError::Encode {
        what: "tiff",
        reason: e.to_string(),
    }
}

/// A multi-page TIFF, 8-bit gray, Deflate-compressed, with each page's resolution.
///
/// # Errors
/// [`CorpusError::Encode`] if the TIFF encoder fails.
pub fn tiff(pages: &[ScanImage]) -> Result<Vec<u8>, CorpusError> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut enc = TiffEncoder::new(&mut out)
            .map_err(tiff_err)?
            .with_compression(Compression::Deflate(DeflateLevel::Best));
        for page in pages {
            let res = Rational { n: page.dpi, d: 1 };
            if let Some(rgb) = &page.colour {
                let (w, h) = rgb.dimensions();
                let mut img = enc.new_image::<colortype::RGB8>(w, h).map_err(tiff_err)?;
                img.resolution(ResolutionUnit::Inch, res);
                img.write_data(rgb.as_raw()).map_err(tiff_err)?;
            } else {
                let (w, h) = page.pixels.dimensions();
                let mut img = enc.new_image::<colortype::Gray8>(w, h).map_err(tiff_err)?;
                img.resolution(ResolutionUnit::Inch, res);
                img.write_data(page.pixels.as_raw()).map_err(tiff_err)?;
            }
        }
    }
    Ok(out.into_inner())
}

/// CCITT Group 4 (T.6) data of a page; pixels under 128 are black.
pub fn g4(page: &image::GrayImage) -> Vec<u8> {
    let (w, h) = page.dimensions();
    let mut enc = Encoder::new(VecWriter::new());
    for y in 0..h {
        let row = (0..w).map(|x| {
            if page.get_pixel(x, y).0[0] < 128 {
                Color::Black
            } else {
                Color::White
            }
        });
        // VecWriter never fails: its error type is Infallible.
        let _ = enc.encode_line(row, w as u16);
    }
    match enc.finish() {
        Ok(writer) => writer.finish(),
        Err(never) => match never {},
    }
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// A scanned PDF: one page per image, sized from the image's pixels and dpi, no text layer.
///
/// # Errors
/// [`CorpusError::Encode`] if a page image cannot be encoded.
pub fn pdf(pages: &[ScanImage], encoding: PdfImageEncoding) -> Result<Vec<u8>, CorpusError> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // Object numbers: 1 catalog, 2 page tree, then per page: page, contents, image.
    let page_ids: Vec<usize> = (0..pages.len()).map(|i| 3 + 3 * i).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    for (page, &id) in pages.iter().zip(&page_ids) {
        let (w, h) = page.pixels.dimensions();
        let wpt = w as f64 * 72.0 / page.dpi as f64;
        let hpt = h as f64 * 72.0 / page.dpi as f64;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.2} {hpt:.2}] \
                 /Resources << /XObject << /Im0 {} 0 R >> >> /Contents {} 0 R >>",
                id + 2,
                id + 1
            )
            .into_bytes(),
        );
        let content = format!("q {wpt:.2} 0 0 {hpt:.2} 0 0 cm /Im0 Do Q");
        objects.push(stream(String::new(), content.as_bytes()));
        let quality = page.jpeg_quality.unwrap_or(75);
        let (dict, data) = match (encoding, &page.colour) {
            (PdfImageEncoding::Dct, Some(rgb)) => (
                "/BitsPerComponent 8 /Filter /DCTDecode".to_string(),
                jpeg_rgb(rgb, page.dpi, quality)?,
            ),
            (PdfImageEncoding::Flate, Some(rgb)) => (
                "/BitsPerComponent 8 /Filter /FlateDecode".to_string(),
                zlib(rgb.as_raw()),
            ),
            (PdfImageEncoding::Dct, None) => (
                "/BitsPerComponent 8 /Filter /DCTDecode".to_string(),
                jpeg(&page.pixels, page.dpi, quality)?,
            ),
            (PdfImageEncoding::Flate, None) if page.bilevel => (
                "/BitsPerComponent 1 /Filter /FlateDecode".to_string(),
                zlib(&pack_bits(&page.pixels)),
            ),
            (PdfImageEncoding::Flate, None) => (
                "/BitsPerComponent 8 /Filter /FlateDecode".to_string(),
                zlib(page.pixels.as_raw()),
            ),
            (PdfImageEncoding::G4, _) => (
                format!(
                    "/BitsPerComponent 1 /Filter /CCITTFaxDecode \
                     /DecodeParms << /K -1 /Columns {w} /Rows {h} /BlackIs1 false >>"
                ),
                g4(&page.pixels),
            ),
        };
        let space = match (encoding, &page.colour) {
            (PdfImageEncoding::G4, _) | (_, None) => "DeviceGray",
            (_, Some(_)) => "DeviceRGB",
        };
        objects.push(stream(
            format!(
                "/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{space} {dict}"
            ),
            &data,
        ));
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    Ok(out)
}

fn stream(dict: String, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    fn scan(dpi: u32, shade: u8) -> ScanImage {
        let mut pixels = GrayImage::from_pixel(64, 40, Luma([255]));
        for x in 10..30 {
            pixels.put_pixel(x, 20, Luma([shade]));
        }
        ScanImage {
            pixels,
            colour: None,
            dpi,
            bilevel: false,
            jpeg_quality: None,
        }
    }

    #[test]
    fn tiff_holds_every_page_with_its_resolution() {
        let bytes = tiff(&[scan(300, 0), scan(150, 0)]).unwrap();
        let mut dec = tiff::decoder::Decoder::new(Cursor::new(bytes)).unwrap();
        let mut n = 1;
        assert_eq!(dec.dimensions().unwrap(), (64, 40));
        while dec.more_images() {
            dec.next_image().unwrap();
            n += 1;
        }
        assert_eq!(n, 2);
    }

    #[test]
    fn g4_decodes_back_to_the_page() {
        let page = scan(300, 0).pixels;
        let data = g4(&page);
        let mut rows = Vec::new();
        fax::decoder::decode_g4(data.into_iter(), 64, Some(40), |t: &[u16]| {
            rows.push(fax::decoder::pels(t, 64).collect::<Vec<_>>())
        });
        assert_eq!(rows.len(), 40);
        let black: usize = rows[20].iter().filter(|c| **c == Color::Black).count();
        assert_eq!(black, 20);
        assert!(rows[0].iter().all(|c| *c == Color::White));
    }

    #[test]
    fn pdf_is_well_formed_for_each_encoding() {
        for enc in [
            PdfImageEncoding::Dct,
            PdfImageEncoding::Flate,
            PdfImageEncoding::G4,
        ] {
            let bytes = pdf(&[scan(300, 0), scan(200, 0)], enc).unwrap();
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            assert_eq!(doc.get_pages().len(), 2, "{enc:?}");
        }
    }
}
