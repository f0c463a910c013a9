//! FLAC: metadata blocks come before the audio frames, each with a 4-byte header
//! (last-block flag, type, 24-bit length).
//!
//! Kept: STREAMINFO, SEEKTABLE (its offsets count from the first frame, so they stay
//! right) and CUESHEET. Removed: VORBIS_COMMENT (the tags), PICTURE (cover art),
//! APPLICATION blocks (any program's own data) and PADDING, as well as ID3 tags that
//! some programs put around a FLAC file. The frames are copied as they are.

use super::mpeg::id3v2_len;

const STREAMINFO: u8 = 0;
const SEEKTABLE: u8 = 3;
const CUESHEET: u8 = 5;

/// The FLAC without tags and pictures.
pub fn flac(b: &[u8]) -> Result<Vec<u8>, String> {
    let broken = |what: &str| format!("the FLAC file is broken ({what})");
    let start = id3v2_len(b);
    let f = b
        .get(start..)
        .filter(|f| f.starts_with(b"fLaC"))
        .ok_or_else(|| broken("no `fLaC` mark"))?;
    let mut kept: Vec<(u8, &[u8])> = Vec::new();
    let mut at = 4;
    loop {
        let h = f
            .get(at..at + 4)
            .ok_or_else(|| broken("it ends in its metadata"))?;
        let last = h[0] & 0x80 != 0;
        let kind = h[0] & 0x7F;
        let len = usize::from(h[1]) << 16 | usize::from(h[2]) << 8 | usize::from(h[3]);
        let body = f
            .get(at + 4..at + 4 + len)
            .ok_or_else(|| broken("a block runs past the end"))?;
        if kind == 127 {
            return Err(broken("an invalid block type"));
        }
        if kind == STREAMINFO && !kept.is_empty() || kind != STREAMINFO && kept.is_empty() {
            return Err(broken("STREAMINFO is not the first block"));
        }
        if matches!(kind, STREAMINFO | SEEKTABLE | CUESHEET) {
            kept.push((kind, body));
        }
        at += 4 + len;
        if last {
            break;
        }
    }
    let frames = &f[at..];
    let mut out = Vec::with_capacity(4 + frames.len() + 64);
    out.extend_from_slice(b"fLaC");
    let n = kept.len();
    for (i, (kind, body)) in kept.into_iter().enumerate() {
        let flag = if i + 1 == n { 0x80 } else { 0 };
        let len = body.len();
        out.extend_from_slice(&[flag | kind, (len >> 16) as u8, (len >> 8) as u8, len as u8]);
        out.extend_from_slice(body);
    }
    let frames_end = frames.len() - id3v1_len(frames);
    out.extend_from_slice(&frames[..frames_end]);
    Ok(out)
}

/// An ID3v1 tag at the very end. A frame can end in `TAG` by chance only if the
/// next 125 bytes also fit, so this guess is as good as every tag reader's.
fn id3v1_len(frames: &[u8]) -> usize {
    match frames.len().checked_sub(128) {
        Some(at) if frames[at..].starts_with(b"TAG") => 128,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(last: bool, kind: u8, body: &[u8]) -> Vec<u8> {
        let len = body.len();
        let mut b = vec![
            if last { 0x80 } else { 0 } | kind,
            (len >> 16) as u8,
            (len >> 8) as u8,
            len as u8,
        ];
        b.extend_from_slice(body);
        b
    }

    #[test]
    fn removes_vorbis_comments_and_pictures() {
        let info = [7u8; 34];
        let mut comment = 9u32.to_le_bytes().to_vec();
        comment.extend_from_slice(b"reference");
        comment.extend_from_slice(&1u32.to_le_bytes());
        let field = b"ARTIST=Ada Lovelace";
        comment.extend_from_slice(&(field.len() as u32).to_le_bytes());
        comment.extend_from_slice(field);
        let frames: Vec<u8> = (0..200u8).collect();
        let mut file = b"fLaC".to_vec();
        file.extend(block(false, STREAMINFO, &info));
        file.extend(block(false, 4, &comment));
        file.extend(block(false, 6, b"picture of Ada Lovelace"));
        file.extend(block(true, 1, &[0; 10]));
        file.extend_from_slice(&frames);
        let out = flac(&file).unwrap();
        assert!(super::super::find(&out, b"Lovelace").is_none());
        let mut want = b"fLaC".to_vec();
        want.extend(block(true, STREAMINFO, &info));
        want.extend_from_slice(&frames);
        assert_eq!(out, want);
    }

    #[test]
    fn refuses_broken_files() {
        assert!(flac(b"fLaC").is_err());
        assert!(flac(b"fLaC\x80\0\0\x22abc").is_err());
        assert!(flac(b"fLaC\x84\0\0\0").is_err());
    }
}
