//! Image headers: format and size, read without decoding (and without reading more
//! of a large photo than its header).

use crate::load::Checked;
use std::io::{BufReader, Read, Seek, SeekFrom};

use image::metadata::Orientation;

use super::Format;

/// The raster format that a file's first bytes announce, whatever its name says.
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some(Format::Gif)
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some(Format::Webp)
    } else {
        None
    }
}

/// Format, width and height (as shown) of an image file: `Ok(None)` for a file that
/// is not an image pathfolio publishes (a PDF, a video), `Err` for an image whose
/// header is broken. SVGs are known by their extension (their size is given as 0);
/// raster images by their first bytes.
pub fn probe(file: &Checked, name: &str) -> Result<Option<(Format, u32, u32)>, String> {
    let svg = super::is_svg(name);
    let file = file
        .open()
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let mut r = BufReader::new(file);
    let mut head = [0u8; 30];
    let n = read_up_to(&mut r, &mut head).map_err(|e| format!("cannot read the file: {e}"))?;
    let head = &head[..n];
    let Some(format) = sniff(head) else {
        return Ok(svg.then_some((Format::Svg, 0, 0)));
    };
    let (width, height) = match format {
        Format::Jpeg => jpeg_size(&mut r)?,
        Format::Png if n >= 24 && &head[12..16] == b"IHDR" => {
            (be32(&head[16..]), be32(&head[20..]))
        }
        Format::Gif if n >= 10 => (le16(&head[6..]).into(), le16(&head[8..]).into()),
        Format::Webp => webp_size(head)?,
        _ => return Err("the file ends inside its header".into()),
    };
    if width == 0 || height == 0 {
        return Err(format!("the {} header gives no size", format.name()));
    }
    Ok(Some((format, width, height)))
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}
fn le16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}
fn le24(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], 0])
}

/// Walks the JPEG segments up to the frame header; an EXIF orientation of 5–8
/// (a phone held upright) swaps width and height, as browsers show it.
fn jpeg_size<R: Read + Seek>(r: &mut R) -> Result<(u32, u32), String> {
    let broken = |e: std::io::Error| format!("the JPEG header is broken ({e})");
    r.seek(SeekFrom::Start(2)).map_err(broken)?;
    let mut orientation = Orientation::NoTransforms;
    loop {
        let mut b = [0u8; 1];
        r.read_exact(&mut b).map_err(broken)?;
        if b[0] != 0xFF {
            return Err("the JPEG header is broken (no marker where one belongs)".into());
        }
        let mut marker = 0xFF;
        while marker == 0xFF {
            r.read_exact(&mut b).map_err(broken)?;
            marker = b[0];
        }
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            continue;
        }
        if matches!(marker, 0xD9 | 0xDA) {
            return Err("the JPEG has no frame header".into());
        }
        let mut len = [0u8; 2];
        r.read_exact(&mut len).map_err(broken)?;
        let len = u16::from_be_bytes(len);
        if len < 2 {
            return Err("the JPEG header is broken (a segment is too short)".into());
        }
        let body_len = u64::from(len - 2);
        let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if sof || marker == 0xE1 {
            let mut body = vec![0u8; usize::from(len - 2)];
            r.read_exact(&mut body).map_err(broken)?;
            if sof {
                if body.len() < 5 {
                    return Err("the JPEG frame header is too short".into());
                }
                let h = u32::from(u16::from_be_bytes([body[1], body[2]]));
                let w = u32::from(u16::from_be_bytes([body[3], body[4]]));
                return Ok(match orientation.to_exif() {
                    5..=8 => (h, w),
                    _ => (w, h),
                });
            }
            if let Some(o) = body
                .strip_prefix(b"Exif\0\0")
                .and_then(Orientation::from_exif_chunk)
            {
                orientation = o;
            }
        } else {
            r.seek(SeekFrom::Current(body_len as i64)).map_err(broken)?;
        }
    }
}

fn webp_size(head: &[u8]) -> Result<(u32, u32), String> {
    let short = || "the WebP header is too short".to_string();
    let chunk = head.get(12..16).ok_or_else(short)?;
    let data = head.get(20..).ok_or_else(short)?;
    match chunk {
        b"VP8 " if data.len() >= 10 && data[3..6] == [0x9D, 0x01, 0x2A] => Ok((
            u32::from(le16(&data[6..]) & 0x3FFF),
            u32::from(le16(&data[8..]) & 0x3FFF),
        )),
        b"VP8L" if data.len() >= 5 && data[0] == 0x2F => {
            let bits = u32::from_le_bytes([data[1], data[2], data[3], data[4]]);
            Ok(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        b"VP8X" if data.len() >= 10 => Ok((le24(&data[4..]) + 1, le24(&data[7..]) + 1)),
        _ => Err("the WebP header is not one pathfolio knows".into()),
    }
}
