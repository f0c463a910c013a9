//! Metadata removal at the container level: the compressed picture data is copied
//! byte for byte, only the metadata around it is left out. Each format keeps an
//! allowlist of what a picture needs to look right (colour profile, transparency,
//! animation); everything else, known or not, is dropped.

use image::metadata::Orientation;

use super::Format;
use super::probe::sniff;

/// The file without its metadata. Fails on a file that is not a JPEG, PNG, WebP or
/// GIF, or whose structure is broken (it is then not published: a broken file might
/// hide metadata where a browser would not look for it, but other programs would).
pub fn strip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    match sniff(bytes) {
        Some(Format::Jpeg) => jpeg(bytes),
        Some(Format::Png) => png(bytes),
        Some(Format::Webp) => webp(bytes),
        Some(Format::Gif) => gif(bytes),
        _ => Err("not a JPEG, PNG, WebP or GIF image".into()),
    }
}

fn be16(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]).into())
}

/// Keeps SOI, JFIF (APP0 `JFIF`), ICC profiles (APP2 `ICC_PROFILE`), Adobe colour
/// info (APP14), tables, frame and scan headers with their data, and EOI; ends at the
/// first EOI, so pictures that phones append after it (with their own EXIF) go too.
/// EXIF, XMP, IPTC (APP13), MPF, comments and all other APP segments are dropped,
/// except that an EXIF orientation other than "upright" is written back as a tiny
/// EXIF segment holding only that one value, so the photo is not shown sideways.
pub fn jpeg(b: &[u8]) -> Result<Vec<u8>, String> {
    let broken = |what: &str| format!("the JPEG is broken ({what})");
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation = None;
    let mut header_end = None;
    let mut i = 2;
    loop {
        if b.get(i) != Some(&0xFF) {
            return Err(broken("no marker where one belongs"));
        }
        while b.get(i) == Some(&0xFF) {
            i += 1;
        }
        let marker = *b.get(i).ok_or_else(|| broken("it ends early"))?;
        i += 1;
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                break;
            }
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                continue;
            }
            _ => {}
        }
        let len = be16(b, i).ok_or_else(|| broken("it ends early"))?;
        let end = i + len;
        if len < 2 || end > b.len() {
            return Err(broken("a segment runs past the end"));
        }
        let body = &b[i + 2..end];
        let keep = match marker {
            0xE0 => body.starts_with(b"JFIF\0"),
            0xE1 => {
                if let Some(o) = body
                    .strip_prefix(b"Exif\0\0")
                    .and_then(Orientation::from_exif_chunk)
                {
                    orientation = Some(o);
                }
                false
            }
            0xE2 => body.starts_with(b"ICC_PROFILE\0"),
            0xEE => body.starts_with(b"Adobe"),
            0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if !keep {
            i = end;
            continue;
        }
        if header_end.is_none() && marker != 0xE0 {
            header_end = Some(out.len());
        }
        out.extend_from_slice(&b[i - 2..end]);
        i = end;
        if marker == 0xDA {
            // Entropy-coded data: copy up to the next marker that is not a stuffed
            // 0xFF00 or a restart marker.
            let start = i;
            while i + 1 < b.len() && (b[i] != 0xFF || matches!(b[i + 1], 0x00 | 0xD0..=0xD7)) {
                i += 1;
            }
            if i + 1 >= b.len() {
                // A cut-off file: browsers show what is there, so keep it and end it.
                out.extend_from_slice(&b[start..]);
                out.extend_from_slice(&[0xFF, 0xD9]);
                break;
            }
            out.extend_from_slice(&b[start..i]);
        }
    }
    if let Some(o) = orientation.filter(|o| *o != Orientation::NoTransforms) {
        let at = header_end.unwrap_or(2);
        out.splice(at..at, orientation_segment(o.to_exif()));
    }
    Ok(out)
}

/// An APP1 EXIF segment holding only the orientation (big-endian TIFF, one IFD entry).
pub fn orientation_segment(value: u8) -> Vec<u8> {
    let mut tiff = b"MM\0\x2A\0\0\0\x08\0\x01".to_vec();
    tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, value, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    let mut seg = vec![0xFF, 0xE1];
    let len = (2 + 6 + tiff.len()) as u16;
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

/// PNG chunks a picture needs; text (tEXt, zTXt, iTXt), eXIf, tIME and unknown
/// ancillary chunks are dropped. An unknown critical chunk cannot be dropped safely,
/// so such a file is refused.
const PNG_KEEP: [&[u8; 4]; 18] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI",
];

pub fn png(b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = b[..8].to_vec();
    let mut i = 8;
    loop {
        let head = b.get(i..i + 8).ok_or("the PNG ends without IEND")?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        let end = i
            .checked_add(12)
            .and_then(|e| e.checked_add(len))
            .filter(|e| *e <= b.len())
            .ok_or("a PNG chunk runs past the end")?;
        if PNG_KEEP.contains(&&kind) {
            out.extend_from_slice(&b[i..end]);
        } else if kind[0].is_ascii_uppercase() {
            return Err(format!(
                "the PNG has a chunk pathfolio does not know ({})",
                String::from_utf8_lossy(&kind)
            ));
        }
        i = end;
        if &kind == b"IEND" {
            return Ok(out);
        }
    }
}

/// WebP (RIFF) chunks: keeps VP8X, ICCP, ANIM, ANMF, ALPH, VP8, VP8L; drops EXIF,
/// XMP and unknown chunks, clears the EXIF and XMP flags in VP8X and fixes the RIFF
/// size.
pub fn webp(b: &[u8]) -> Result<Vec<u8>, String> {
    let riff_end = (u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize)
        .checked_add(8)
        .filter(|e| *e <= b.len())
        .ok_or("the WebP is shorter than its header says")?;
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    let mut i = 12;
    while i + 8 <= riff_end {
        let kind = &b[i..i + 4];
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let end = (i + 8)
            .checked_add(len + (len & 1))
            .filter(|e| *e <= riff_end)
            .ok_or("a WebP chunk runs past the end")?;
        let keep = matches!(
            kind,
            b"VP8X" | b"ICCP" | b"ANIM" | b"ANMF" | b"ALPH" | b"VP8 " | b"VP8L"
        );
        if keep {
            let at = out.len();
            out.extend_from_slice(&b[i..end]);
            if kind == b"VP8X" && len >= 1 {
                out[at + 8] &= !(0x08 | 0x04);
            }
        }
        i = end;
    }
    let size = u32::try_from(out.len() - 8).map_err(|_| "the WebP is too big")?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Ok(out)
}

/// GIF blocks: keeps the screen descriptor, colour tables, images, graphic control
/// and the looping (NETSCAPE2.0 / ANIMEXTS1.0) extensions; drops comments, plain
/// text and every other application extension (XMP lives in one).
pub fn gif(b: &[u8]) -> Result<Vec<u8>, String> {
    let short = || "the GIF ends early".to_string();
    let table = |flags: u8| {
        if flags & 0x80 != 0 {
            3usize << ((flags & 7) + 1)
        } else {
            0
        }
    };
    let mut i = 13 + table(*b.get(10).ok_or_else(short)?);
    let mut out = b.get(..i).ok_or_else(short)?.to_vec();
    // The end of the data sub-blocks starting at `at`.
    let sub_blocks = |mut at: usize| -> Result<usize, String> {
        loop {
            let n = *b.get(at).ok_or_else(short)? as usize;
            at += 1 + n;
            if n == 0 {
                return Ok(at);
            }
        }
    };
    loop {
        match *b.get(i).ok_or_else(short)? {
            0x3B => {
                out.push(0x3B);
                return Ok(out);
            }
            0x2C => {
                let flags = *b.get(i + 9).ok_or_else(short)?;
                let end = sub_blocks(i + 10 + table(flags) + 1)?;
                out.extend_from_slice(b.get(i..end).ok_or_else(short)?);
                i = end;
            }
            0x21 => {
                let label = *b.get(i + 1).ok_or_else(short)?;
                let end = sub_blocks(i + 2)?;
                let block = b.get(i..end).ok_or_else(short)?;
                let looping = label == 0xFF
                    && (block.get(3..14) == Some(b"NETSCAPE2.0")
                        || block.get(3..14) == Some(b"ANIMEXTS1.0"));
                if label == 0xF9 || looping {
                    out.extend_from_slice(block);
                }
                i = end;
            }
            _ => return Err("the GIF has a block pathfolio does not know".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orientation_note_is_read_back_by_decoders() {
        let seg = orientation_segment(6);
        assert_eq!(seg.len(), 2 + 2 + 6 + 26);
        let o = Orientation::from_exif_chunk(&seg[10..]);
        assert_eq!(o, Some(Orientation::Rotate90));
    }

    #[test]
    fn broken_files_are_refused_not_published() {
        for bad in [
            &b"\xFF\xD8\xFF\xE1\x00"[..],
            b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR",
            b"RIFF\xff\xff\xff\x7fWEBP",
            b"GIF89a\x01\0\x01\0\x80\0\0",
            b"plain text",
        ] {
            assert!(strip(bad).is_err(), "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_bytes(
            kind in 0usize..4,
            body in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
        ) {
            let magic: [&[u8]; 4] =
                [b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBP", b"GIF89a"];
            let _ = strip(&[magic[kind], &body].concat());
            let _ = crate::media::svg::sanitize(&body);
        }
    }
}
