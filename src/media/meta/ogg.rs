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

    fn crc(data: &[u8]) -> u32 {
        let mut c = 0u32;
        for &b in data {
            c ^= u32::from(b) << 24;
            for _ in 0..8 {
                c = if c & 0x8000_0000 != 0 {
                    (c << 1) ^ 0x04C1_1DB7
                } else {
                    c << 1
                };
            }
        }
        c
    }

    fn page(kind: u8, granule: u64, seq: u32, packet: &[u8]) -> Vec<u8> {
        let mut p = b"OggS\0".to_vec();
        p.push(kind);
        p.extend_from_slice(&granule.to_le_bytes());
        p.extend_from_slice(&1u32.to_le_bytes());
        p.extend_from_slice(&seq.to_le_bytes());
        p.extend_from_slice(&[0; 4]);
        p.push(1);
        p.push(packet.len() as u8);
        p.extend_from_slice(packet);
        let c = crc(&p);
        p[22..26].copy_from_slice(&c.to_le_bytes());
        p
    }

    /// An Opus file of one silent frame, tagged with an artist.
    pub fn opus() -> Vec<u8> {
        let mut head = b"OpusHead\x01\x01".to_vec();
        head.extend_from_slice(&312u16.to_le_bytes());
        head.extend_from_slice(&48000u32.to_le_bytes());
        head.extend_from_slice(&[0, 0, 0]);
        let mut tags = b"OpusTags".to_vec();
        tags.extend_from_slice(&4u32.to_le_bytes());
        tags.extend_from_slice(b"test");
        tags.extend_from_slice(&1u32.to_le_bytes());
        let field = b"ARTIST=Ada Lovelace";
        tags.extend_from_slice(&(field.len() as u32).to_le_bytes());
        tags.extend_from_slice(field);
        let mut file = page(2, 0, 0, &head);
        file.extend(page(0, 0, 1, &tags));
        file.extend(page(4, 960, 2, &[0xF8, 0xFF, 0xFE]));
        file
    }

    #[test]
    fn empties_opus_tags() {
        let file = opus();
        assert_eq!(
            super::super::sniff(&file),
            super::super::Sniffed::Cleanable(super::super::Container::Ogg)
        );
        let out = ogg(&file).unwrap();
        assert!(super::super::find(&out, b"Lovelace").is_none());
        assert!(out.ends_with(&[1, 3, 0xF8, 0xFF, 0xFE]));
    }

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
