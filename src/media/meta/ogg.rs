//! Ogg Vorbis, Opus and Speex: the tags are one header packet (the comment header),
//! which lofty rewrites empty, paginating the stream again; the audio packets are
//! copied as they are.
//!
//! Removed: every comment field (artist, title, date, location, cover pictures in
//! `METADATA_BLOCK_PICTURE`). Kept: the encoder's vendor string. A file with more
//! than one stream (a video with its sound, in `.ogv`) or of another codec cannot be
//! cleaned.

use std::io::Cursor;

use lofty::config::WriteOptions;
use lofty::tag::TagType;

/// Codecs whose first packet starts so, and that lofty knows.
const CODECS: [&[u8]; 3] = [b"\x01vorbis", b"OpusHead", b"Speex   "];

/// The Ogg file with an empty comment header.
pub fn ogg(b: &[u8]) -> Result<Vec<u8>, String> {
    let (first, len) = page(b, 0).ok_or("the Ogg file is broken (its first page)")?;
    if !CODECS.iter().any(|c| first.starts_with(c)) {
        return Err("pathfolio can clean only Vorbis, Opus and Speex sound in Ogg files".into());
    }
    if page(b, len).is_some() && b[len + 5] & 0x02 != 0 {
        return Err("the Ogg file holds more than one stream".into());
    }
    super::guarded("Ogg file", || {
        let mut file = Cursor::new(b.to_vec());
        TagType::VorbisComments
            .remove_from(&mut file, WriteOptions::default())
            .map_err(|e| format!("the Ogg file cannot be cleaned ({e})"))?;
        Ok(file.into_inner())
    })
}

/// The first packet data of the page at `at`, and where the next page starts.
fn page(b: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let h = b.get(at..at + 27)?;
    if &h[..4] != b"OggS" {
        return None;
    }
    let n = usize::from(h[26]);
    let table = b.get(at + 27..at + 27 + n)?;
    let body: usize = table.iter().map(|&s| usize::from(s)).sum();
    let start = at + 27 + n;
    let data = b.get(start..start + body)?;
    Some((data, start + body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_other_streams() {
        let mut p = b"OggS\0\x02".to_vec();
        p.extend_from_slice(&[0; 20]);
        p.push(1);
        p.push(7);
        p.extend_from_slice(b"\x80theora");
        assert!(ogg(&p).is_err());
        assert!(ogg(b"OggS").is_err());
    }
}
