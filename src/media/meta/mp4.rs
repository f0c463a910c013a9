//! MP4, MOV, M4A, 3GP: a tree of boxes (32-bit size, 4-byte type, or size 1 and a
//! 64-bit size after the type; size 0 runs to the end of the file).
//!
//! Blanked, at the top level and inside `moov` and each `trak`: `udta` (QuickTime
//! and 3GPP user data: `©xyz` location, `loci`, `auth`, `©nam`, `©ART`, the iTunes
//! `meta`/`ilst` tags of M4A files, cover art, phone makers' own boxes), `meta`
//! (Apple's `com.apple.quicktime.location.ISO6709`, make, model, software) and
//! `uuid` (XMP and makers' own data). A blanked box keeps its size and gets the type
//! `free` with its content zeroed, so every chunk offset (`stco`, `co64`) still
//! points at the same sound and picture: the file's size and media data are
//! unchanged. Timed metadata tracks (such as an action camera's GPS track) are part
//! of the media and are not removed.

/// Boxes whose content is metadata.
const BLANK: [&[u8; 4]; 3] = [b"udta", b"meta", b"uuid"];

/// Boxes that hold others that may be metadata.
const WALK: [&[u8; 4]; 2] = [b"moov", b"trak"];

/// Types that can start a QuickTime or ISO file.
const FIRST: [&[u8; 4]; 7] = [
    b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot",
];

/// How deep boxes are walked: the top level, `moov`, `trak`.
const MAX_DEPTH: usize = 3;

/// Whether the file starts with a box type of these formats.
pub(crate) fn is_mp4(b: &[u8]) -> bool {
    b.len() >= 8 && FIRST.iter().any(|t| &b[4..8] == *t)
}

/// The file with its metadata boxes blanked.
pub fn mp4(b: &[u8]) -> Result<Vec<u8>, String> {
    if !is_mp4(b) {
        return Err("not an MP4 or QuickTime file".into());
    }
    let mut out = b.to_vec();
    let mut moov = false;
    walk(b, 0, b.len(), 0, &mut out, &mut moov)?;
    if !moov {
        // Without a movie box the file is unfinished, or something else.
        return Err("the video has no `moov` box (it may be unfinished)".into());
    }
    Ok(out)
}

/// Blanks the metadata boxes among those from `start` to `end`.
fn walk(
    b: &[u8],
    start: usize,
    end: usize,
    depth: usize,
    out: &mut [u8],
    moov: &mut bool,
) -> Result<(), String> {
    let broken = |what: &str| format!("the MP4 file is broken ({what})");
    let mut at = start;
    while at < end {
        let h = b
            .get(at..at + 8)
            .filter(|_| at + 8 <= end)
            .ok_or_else(|| broken("a box header is cut off"))?;
        let size32 = u32::from_be_bytes([h[0], h[1], h[2], h[3]]);
        let kind: &[u8; 4] = h[4..8].try_into().unwrap_or(&[0; 4]);
        let (header, size) = match size32 {
            0 => (8, end - at),
            1 => {
                let l = b
                    .get(at + 8..at + 16)
                    .filter(|_| at + 16 <= end)
                    .ok_or_else(|| broken("a box header is cut off"))?;
                let large = u64::from_be_bytes(l.try_into().unwrap_or([0; 8]));
                (16, usize::try_from(large).unwrap_or(usize::MAX))
            }
            n => (8, n as usize),
        };
        if size < header || size > end - at {
            return Err(broken("a box's size does not fit"));
        }
        let box_end = at + size;
        if depth == 0 && kind == b"moov" {
            *moov = true;
        }
        if kind == b"cmov" {
            return Err(
                "the video's header is compressed (`cmov`), which pathfolio cannot read".into(),
            );
        }
        if BLANK.contains(&kind) {
            out[at + 4..at + 8].copy_from_slice(b"free");
            out[at + header..box_end].fill(0);
        } else if WALK.contains(&kind) && depth < MAX_DEPTH {
            walk(b, at + header, box_end, depth + 1, out, moov)?;
        }
        at = box_end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(body);
        b
    }

    #[test]
    fn blanks_location_and_tags() {
        let ftyp = boxed(b"ftyp", b"isom\0\0\0\0isom");
        let media: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let mdat = boxed(b"mdat", &media);
        let xyz = boxed(b"\xA9xyz", b"\0\x12\x15\xc7+51.5074-000.1278/");
        let name = boxed(b"\xA9ART", b"Ada Lovelace");
        let mut udta_body = xyz.clone();
        udta_body.extend(name);
        let udta = boxed(b"udta", &udta_body);
        let stco = boxed(b"stco", &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 36]);
        let mut trak_body = stco.clone();
        trak_body.extend(boxed(b"meta", b"\0\0\0\0Ada Lovelace"));
        let trak = boxed(b"trak", &trak_body);
        let mut moov_body = boxed(b"mvhd", &[0; 20]);
        moov_body.extend(trak);
        moov_body.extend(udta);
        let moov = boxed(b"moov", &moov_body);
        let mut file = ftyp;
        file.extend(&mdat);
        file.extend(&moov);
        let out = mp4(&file).unwrap();
        assert_eq!(out.len(), file.len());
        assert!(super::super::find(&out, b"Lovelace").is_none());
        assert!(super::super::find(&out, b"+51.5074").is_none());
        assert!(super::super::find(&out, &stco).is_some());
        assert!(super::super::find(&out, &mdat).is_some());
    }

    #[test]
    fn refuses_broken_sizes() {
        let mut file = boxed(b"ftyp", b"isom");
        file.extend_from_slice(&[0, 0, 0, 9, b'm', b'o', b'o', b'v']);
        assert!(mp4(&file).is_err());
        let mut file = boxed(b"ftyp", b"isom");
        file.extend_from_slice(&[
            0, 0, 0, 1, b'm', b'o', b'o', b'v', 0xFF, 0, 0, 0, 0, 0, 0, 0,
        ]);
        assert!(mp4(&file).is_err());
        let mut file = boxed(b"ftyp", b"isom");
        file.extend_from_slice(&[0, 0, 0, 4, b'm', b'o', b'o', b'v']);
        assert!(mp4(&file).is_err());
        assert!(mp4(&boxed(b"ftyp", b"isom")).is_err());
    }
}
