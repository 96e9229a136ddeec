//! Ingest reads what the corpus renderer writes: PNG/JPEG sizes, multi-page TIFF and scanned
//! PDF pages decode back to the rendered scans (tests of `sohoa_core::ingest` over real
//! containers, kept beside the renderer so the runtime crate needs no encoder).

mod image_sizes {
    use sohoa_core::ingest::image::*;

    #[test]
    fn reads_png_and_jpeg_sizes_without_decoding() {
        let img = image::GrayImage::new(123, 45);
        let png = sohoa_corpus::encode::png(&img, 300, false).unwrap();
        assert_eq!(dimensions(&png), Some((123, 45)));
        let jpg = sohoa_corpus::encode::jpeg(&img, 300, 80).unwrap();
        assert_eq!(dimensions(&jpg), Some((123, 45)));
        assert_eq!(dimensions(b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(dimensions(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 1]), None);
    }
}

mod tiff_pages {
    use image::{GrayImage, Luma};
    use sohoa_core::ingest::tiff::*;
    use sohoa_corpus::{container, ScanImage};

    fn scan(w: u32, h: u32, dpi: u32, dot: u32) -> ScanImage {
        let mut pixels = GrayImage::from_pixel(w, h, Luma([255]));
        pixels.put_pixel(dot, 1, Luma([0]));
        ScanImage {
            pixels,
            colour: None,
            dpi,
            bilevel: false,
            jpeg_quality: None,
        }
    }

    #[test]
    fn each_page_is_cut_out_with_its_size_and_resolution() {
        let scans = [scan(40, 30, 300, 3), scan(20, 10, 150, 7)];
        let bytes = container::tiff(&scans).unwrap();
        let pages = pages(&bytes).unwrap();
        assert_eq!(pages.len(), 2);
        for (p, s) in pages.iter().zip(&scans) {
            assert_eq!(
                (p.width, p.height, p.dpi),
                (s.pixels.width(), s.pixels.height(), Some(s.dpi))
            );
            let single = p.extract(&bytes).unwrap();
            let img = image::load_from_memory(&single).unwrap().to_luma8();
            assert_eq!(img, s.pixels);
        }
    }

    #[test]
    fn a_looping_directory_chain_ends() {
        let mut bytes = container::tiff(&[scan(8, 8, 300, 1)]).unwrap();
        // Point the last "next IFD" field back at the first directory.
        let first = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        let n = u16::from_le_bytes([bytes[first], bytes[first + 1]]) as usize;
        let next_at = first + 2 + 12 * n;
        bytes[next_at..next_at + 4].copy_from_slice(&(first as u32).to_le_bytes());
        assert_eq!(pages(&bytes).unwrap().len(), 1);
    }
}

mod pdf_pages {
    use image::{GrayImage, Luma};
    use sohoa_core::ingest::pdf::*;
    use sohoa_core::ingest::PageInput;
    use sohoa_core::Stage;
    use sohoa_corpus::{container, container::PdfImageEncoding, ScanImage};

    fn scan() -> ScanImage {
        let mut pixels = GrayImage::from_pixel(48, 32, Luma([255]));
        for x in 5..20 {
            pixels.put_pixel(x, 9, Luma([0]));
        }
        ScanImage {
            pixels,
            colour: None,
            dpi: 150,
            bilevel: true,
            jpeg_quality: None,
        }
    }

    #[test]
    fn flate_and_g4_pages_decode_back_to_the_scan() {
        let s = scan();
        for enc in [
            PdfImageEncoding::Flate,
            PdfImageEncoding::G4,
            PdfImageEncoding::Dct,
        ] {
            let pdf = container::pdf(&[s.clone(), s.clone()], enc).unwrap();
            let pages: Vec<_> = pages(&pdf, 150.0).unwrap().collect();
            assert_eq!(pages.len(), 2, "{enc:?}");
            for p in pages {
                let PageInput::Image { bytes, dpi, .. } = p.unwrap() else {
                    panic!("{enc:?}: expected an image page");
                };
                assert_eq!(dpi, Some(150), "{enc:?}");
                let pix = sohoa_core::ocr::pix::Pix::decode(&bytes).expect("Leptonica reads it");
                assert_eq!((pix.width(), pix.height()), (48, 32), "{enc:?}");
                let g = pix.to_gray8().unwrap();
                assert!(g.pixel(10, 9) < 100, "{enc:?}: stroke lost");
                assert!(g.pixel(30, 20) > 200, "{enc:?}: paper not white");
            }
        }
    }

    #[test]
    fn oversized_image_is_refused_from_its_dictionary() {
        let pdf = container::pdf(&[scan()], PdfImageEncoding::Flate).unwrap();
        let pages: Vec<_> = pages(&pdf, 0.001).unwrap().collect();
        let e = pages[0].as_ref().unwrap_err();
        assert_eq!((e.stage, e.page), (Stage::Decode, Some(1)));
        assert!(e.message.contains("megapixels"), "{}", e.message);
    }
}
