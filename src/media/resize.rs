//! Smaller copies of an image, made with the `image` crate. A copy is encoded anew
//! from pixels, so it carries no metadata at all; the EXIF orientation is applied to
//! the pixels first and the colour profile is carried over.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader};

use super::Format;

/// JPEG quality of the copies: visually the same as a phone's photo at a third of
/// the bytes.
const JPEG_QUALITY: u8 = 82;

/// Copies of `source` (the original file's bytes) at each `(width, height)`, in the
/// order given; sizes are in display orientation. Give the largest first: each copy
/// is made from the one before it, which is faster and looks the same.
pub fn resize(source: &[u8], format: Format, sizes: &[(u32, u32)]) -> Result<Vec<Vec<u8>>, String> {
    let fail = |e: image::ImageError| format!("cannot make a smaller copy ({e})");
    let mut reader = ImageReader::new(Cursor::new(source))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image ({e})"))?;
    reader.limits(super::decode_limits());
    let mut decoder = reader.into_decoder().map_err(fail)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > super::MAX_PIXELS {
        return Err(format!("the image is {width}×{height} pixels"));
    }
    let orientation = decoder.orientation().map_err(fail)?;
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(fail)?;
    img.apply_orientation(orientation);
    let mut out = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes {
        img = img.resize_exact(w.max(1), h.max(1), FilterType::CatmullRom);
        out.push(encode(&img, format, icc.clone()).map_err(fail)?);
    }
    Ok(out)
}

fn encode(img: &DynamicImage, format: Format, icc: Option<Vec<u8>>) -> image::ImageResult<Vec<u8>> {
    let mut buf = Vec::new();
    match format {
        Format::Jpeg => with_icc(
            JpegEncoder::new_with_quality(&mut buf, JPEG_QUALITY),
            img,
            icc,
        )?,
        Format::Png => with_icc(PngEncoder::new(&mut buf), img, icc)?,
        // The image crate writes lossless WebP only; it keeps the file's type (and
        // name) the same as the original's.
        _ => with_icc(WebPEncoder::new_lossless(&mut buf), img, icc)?,
    }
    Ok(buf)
}

fn with_icc(
    mut encoder: impl ImageEncoder,
    img: &DynamicImage,
    icc: Option<Vec<u8>>,
) -> image::ImageResult<()> {
    if let Some(icc) = icc {
        // A format that cannot carry a profile simply goes without.
        let _ = encoder.set_icc_profile(icc);
    }
    img.write_with_encoder(encoder)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `width`×`height` whose pixels are not there (a few bytes of IDAT).
    fn claiming(width: u32, height: u32) -> Vec<u8> {
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(&[0; 3], 1, 1, image::ExtendedColorType::Rgb8)
            .expect("encode");
        // IHDR's width and height follow the signature, length and type (16 bytes);
        // its CRC (over type and data) is made again.
        png[16..20].copy_from_slice(&width.to_be_bytes());
        png[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        png
    }

    fn crc(bytes: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg());
            }
        }
        !c
    }

    #[test]
    fn an_image_over_the_pixel_limit_is_refused_before_decoding() {
        // 100000 × 100000 would be 30 GB of pixels; the decode is refused instead.
        let err = resize(&claiming(100_000, 100_000), Format::Png, &[(10, 10)]).unwrap_err();
        assert!(err.contains("100000"), "{err}");
        // Wide and short, within the width limit but over the pixel count.
        assert!(resize(&claiming(60_000, 1_000), Format::Png, &[(10, 10)]).is_err());
        // A real small image still works.
        assert!(resize(&claiming(1, 1), Format::Png, &[(1, 1)]).is_ok());
    }
}
