//! Encoding single page images with their resolution recorded (PNG pHYs, JPEG JFIF density),
//! so Tesseract sees the true dpi instead of guessing.

use image::codecs::jpeg::{JpegEncoder, PixelDensity};
use image::{GrayImage, RgbImage};

use super::degrade::ScanImage;
use super::CorpusError;

fn enc_err(what: &'static str) -> impl Fn(String) -> CorpusError {
    move |reason| CorpusError::Encode { what, reason }
}

/// Packs an 8-bit page into 1 bit per pixel, MSB first, rows padded to a byte; a set bit is
/// white (PNG and PDF `DeviceGray` convention for 1-bit images).
pub fn pack_bits(img: &GrayImage) -> Vec<u8> {
    let (w, h) = img.dimensions();
    let stride = w.div_ceil(8) as usize;
    let mut out = vec![0u8; stride * h as usize];
    for (x, y, p) in img.enumerate_pixels() {
        if p.0[0] >= 128 {
            out[y as usize * stride + (x / 8) as usize] |= 0x80 >> (x % 8);
        }
    }
    out
}

/// PNG, grayscale, 1 bit per pixel when `bilevel`, with the resolution in a pHYs chunk.
///
/// # Errors
/// [`CorpusError::Encode`] if the PNG encoder fails.
pub fn png(img: &GrayImage, dpi: u32, bilevel: bool) -> Result<Vec<u8>, CorpusError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, img.width(), img.height());
    enc.set_color(png::ColorType::Grayscale);
    let ppm = (dpi as f64 / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: png::Unit::Meter,
    }));
    enc.set_compression(png::Compression::High);
    let data = if bilevel {
        enc.set_depth(png::BitDepth::One);
        pack_bits(img)
    } else {
        enc.set_depth(png::BitDepth::Eight);
        img.as_raw().clone()
    };
    let e = enc_err("png");
    let mut writer = enc.write_header().map_err(|x| e(x.to_string()))?;
    writer
        .write_image_data(&data)
        .map_err(|x| e(x.to_string()))?;
    writer.finish().map_err(|x| e(x.to_string()))?;
    Ok(out)
}

/// Baseline JPEG, grayscale, with the resolution in the JFIF header.
///
/// # Errors
/// [`CorpusError::Encode`] if the JPEG encoder fails.
pub fn jpeg(img: &GrayImage, dpi: u32, quality: u8) -> Result<Vec<u8>, CorpusError> {
    jpeg_raw(
        img.as_raw(),
        img.dimensions(),
        image::ExtendedColorType::L8,
        dpi,
        quality,
    )
}

/// Baseline JPEG in colour, with the resolution in the JFIF header.
///
/// # Errors
/// [`CorpusError::Encode`] if the JPEG encoder fails.
pub fn jpeg_rgb(img: &RgbImage, dpi: u32, quality: u8) -> Result<Vec<u8>, CorpusError> {
    jpeg_raw(
        img.as_raw(),
        img.dimensions(),
        image::ExtendedColorType::Rgb8,
        dpi,
        quality,
    )
}

fn jpeg_raw(
    raw: &[u8],
    (w, h): (u32, u32),
    colour: image::ExtendedColorType,
    dpi: u32,
    quality: u8,
) -> Result<Vec<u8>, CorpusError> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, quality);
    enc.set_pixel_density(PixelDensity::dpi(dpi.min(u16::MAX as u32) as u16));
    enc.encode(raw, w, h, colour)
        .map_err(|x| enc_err("jpeg")(x.to_string()))?;
    Ok(out)
}

/// PNG in colour (8 bits per channel), with the resolution in a pHYs chunk.
///
/// # Errors
/// [`CorpusError::Encode`] if the PNG encoder fails.
pub fn png_rgb(img: &RgbImage, dpi: u32) -> Result<Vec<u8>, CorpusError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, img.width(), img.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let ppm = (dpi as f64 / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: png::Unit::Meter,
    }));
    let e = enc_err("png");
    let mut writer = enc.write_header().map_err(|x| e(x.to_string()))?;
    writer
        .write_image_data(img.as_raw())
        .map_err(|x| e(x.to_string()))?;
    writer.finish().map_err(|x| e(x.to_string()))?;
    Ok(out)
}

/// Encodes a scan the way its variant says it is stored; returns the bytes and file extension.
///
/// # Errors
/// [`CorpusError::Encode`] if the encoder fails.
pub fn scan_file(scan: &ScanImage) -> Result<(Vec<u8>, &'static str), CorpusError> {
    match (scan.jpeg_quality, &scan.colour) {
        (Some(q), Some(rgb)) => Ok((jpeg_rgb(rgb, scan.dpi, q)?, "jpg")),
        (Some(q), None) => Ok((jpeg(&scan.pixels, scan.dpi, q)?, "jpg")),
        (None, Some(rgb)) => Ok((png_rgb(rgb, scan.dpi)?, "png")),
        (None, None) => Ok((png(&scan.pixels, scan.dpi, scan.bilevel)?, "png")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn pngs_and_jpegs_round_trip_with_resolution() {
        let mut img = GrayImage::from_pixel(37, 5, Luma([255]));
        img.put_pixel(9, 2, Luma([0]));
        for bilevel in [false, true] {
            let bytes = png(&img, 150, bilevel).unwrap();
            let back = image::load_from_memory(&bytes).unwrap().to_luma8();
            assert_eq!(back, img, "bilevel={bilevel}");
            let dec = png::Decoder::new(std::io::Cursor::new(&bytes))
                .read_info()
                .unwrap();
            let dims = dec.info().pixel_dims.unwrap();
            assert_eq!((dims.xppu as f64 * 0.0254).round(), 150.0);
        }
        let j = jpeg(&img, 200, 40).unwrap();
        assert_eq!(&j[..3], &[0xFF, 0xD8, 0xFF]);
        // JFIF density: units byte 1 (dpi) then Xdensity, big-endian, at offsets 13..16.
        assert_eq!((j[13], u16::from_be_bytes([j[14], j[15]])), (1, 200));
    }
}
