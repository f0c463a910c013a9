//! MP3 (and AAC in ADTS): tags live before and after the audio frames, never among
//! them, so cutting them off leaves every frame as it was.
//!
//! Removed: ID3v2 tags at the start (all of them: artist, title, comments, cover
//! pictures, private frames), and at the end an ID3v1 `TAG` block (with its
//! "enhanced" `TAG+` block), APE tags, Lyrics3v2 blocks and ID3v2 tags with a footer.

/// The length of the ID3v2 tags at the start of `b` (0 if none); it may exceed
/// `b.len()` for a truncated file.
pub(crate) fn id3v2_len(b: &[u8]) -> usize {
    let mut at = 0;
    while let Some(len) = b.get(at..).and_then(id3v2_at) {
        at += len;
    }
    at
}

/// The length of the ID3v2 tag starting `b`, header and footer included.
fn id3v2_at(b: &[u8]) -> Option<usize> {
    if b.len() < 10 || &b[..3] != b"ID3" || b[3] == 0xFF || b[4] == 0xFF {
        return None;
    }
    let size = syncsafe(&b[6..10])?;
    let footer = if b[5] & 0x10 != 0 { 10 } else { 0 };
    Some(10 + size + footer)
}

/// A 28-bit "syncsafe" integer (7 bits per byte).
fn syncsafe(b: &[u8]) -> Option<usize> {
    if b.iter().any(|&x| x & 0x80 != 0) {
        return None;
    }
    Some(b.iter().fold(0usize, |n, &x| (n << 7) | usize::from(x)))
}

/// An MPEG audio frame (or ADTS) sync word: eleven set bits.
pub(crate) fn is_sync(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] == 0xFF && b[1] & 0xE0 == 0xE0
}

/// The MP3 without its tags. Fails when what is left does not start with an audio
/// frame: then something pathfolio does not know sits in front of the audio.
pub fn mpeg(b: &[u8]) -> Result<Vec<u8>, String> {
    let start = id3v2_len(b);
    if start > b.len() {
        return Err("the MP3's ID3 tag runs past the end of the file".into());
    }
    let mut audio = &b[start..];
    // Some encoders pad between the tag and the first frame.
    let zeros = audio.iter().take_while(|&&x| x == 0).count();
    audio = &audio[zeros..];
    if !is_sync(audio) {
        return Err("the MP3 does not start with an audio frame after its tags".into());
    }
    let end = trailing_tags_start(audio);
    Ok(audio[..end].to_vec())
}

/// Where the tags at the end of the file begin (`b.len()` if there are none).
fn trailing_tags_start(b: &[u8]) -> usize {
    let mut end = b.len();
    loop {
        let t = &b[..end];
        let cut = id3v1(t)
            .or_else(|| ape(t))
            .or_else(|| lyrics3(t))
            .or_else(|| id3v2_footer(t));
        match cut {
            // Never cut into the first frame's header.
            Some(n) if n > 0 && n <= end.saturating_sub(4) => end -= n,
            _ => return end,
        }
    }
}

/// `TAG` 128 bytes from the end, and `TAG+` 227 bytes before it.
fn id3v1(t: &[u8]) -> Option<usize> {
    let at = t.len().checked_sub(128)?;
    if &t[at..at + 3] != b"TAG" {
        return None;
    }
    let plus = at.checked_sub(227).is_some_and(|p| &t[p..p + 4] == b"TAG+");
    Some(if plus { 128 + 227 } else { 128 })
}

/// An APE tag's 32-byte footer `APETAGEX` at the end; its size counts the items and
/// the footer, and a header of 32 more bytes when flag bit 31 says so.
fn ape(t: &[u8]) -> Option<usize> {
    let at = t.len().checked_sub(32)?;
    let f = &t[at..];
    if &f[..8] != b"APETAGEX" {
        return None;
    }
    let size = u32::from_le_bytes([f[12], f[13], f[14], f[15]]) as usize;
    let flags = u32::from_le_bytes([f[20], f[21], f[22], f[23]]);
    let header = if flags & 0x8000_0000 != 0 { 32 } else { 0 };
    size.checked_add(header).filter(|&n| n >= 32)
}

/// A Lyrics3v2 block: `LYRICSBEGIN`, fields, a six-digit size, `LYRICS200`.
fn lyrics3(t: &[u8]) -> Option<usize> {
    let at = t.len().checked_sub(15)?;
    if &t[at + 6..] != b"LYRICS200" {
        return None;
    }
    let digits = std::str::from_utf8(&t[at..at + 6]).ok()?;
    let size: usize = digits.parse().ok()?;
    let n = size + 15;
    let begin = t.len().checked_sub(n)?;
    t[begin..].starts_with(b"LYRICSBEGIN").then_some(n)
}

/// An ID3v2.4 tag appended at the end, found by its footer `3DI`.
fn id3v2_footer(t: &[u8]) -> Option<usize> {
    let at = t.len().checked_sub(10)?;
    let f = &t[at..];
    if &f[..3] != b"3DI" {
        return None;
    }
    Some(syncsafe(&f[6..10])? + 20)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A tiny "MP3": frames that are only a sync word and filler.
    pub fn frames() -> Vec<u8> {
        let mut f = Vec::new();
        for i in 0..8u8 {
            f.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
            f.extend(std::iter::repeat_n(i, 100));
        }
        f
    }

    /// An ID3v2.3 tag with one text frame.
    pub fn id3_tag(frame: &[u8; 4], text: &str) -> Vec<u8> {
        let mut body = Vec::new();
        body.extend_from_slice(frame);
        body.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
        body.extend_from_slice(&[0, 0, 0]);
        body.extend_from_slice(text.as_bytes());
        let n = body.len();
        let mut tag = b"ID3\x03\x00\x00".to_vec();
        tag.extend([
            (n >> 21) as u8 & 0x7F,
            (n >> 14) as u8 & 0x7F,
            (n >> 7) as u8 & 0x7F,
            n as u8 & 0x7F,
        ]);
        tag.extend(body);
        tag
    }

    #[test]
    fn removes_id3v2_id3v1_and_ape() {
        let audio = frames();
        let mut file = id3_tag(b"TPE1", "Ada Lovelace");
        file.extend_from_slice(&audio);
        let mut ape = b"Artist\0Ada Lovelace".to_vec();
        let size = ape.len() as u32 + 32;
        ape.extend_from_slice(b"APETAGEX");
        ape.extend_from_slice(&2000u32.to_le_bytes());
        ape.extend_from_slice(&size.to_le_bytes());
        ape.extend_from_slice(&1u32.to_le_bytes());
        ape.extend_from_slice(&0u32.to_le_bytes());
        ape.extend_from_slice(&[0; 8]);
        file.extend_from_slice(&ape);
        let mut v1 = b"TAGAda Lovelace".to_vec();
        v1.resize(128, 0);
        file.extend_from_slice(&v1);
        let out = mpeg(&file).unwrap();
        assert_eq!(out, audio);
        assert!(crate::media::meta::find(&out, b"Lovelace").is_none());
    }

    #[test]
    fn refuses_what_is_not_audio() {
        assert!(mpeg(b"ID3\x03\0\0\0\0\0\x02ab").is_err());
        assert!(mpeg(b"ID3\x03\0\0\0\0\x7F\x7F").is_err());
        assert!(mpeg(&[0xFF, 0xFB]).is_ok());
    }
}
