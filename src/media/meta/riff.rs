//! WAV: a RIFF file of chunks (4-byte id, 32-bit little-endian length, data padded
//! to an even length).
//!
//! Kept: the chunks that describe or hold the sound (`fmt `, `data`, `fact`, `cue `,
//! `smpl`, `inst`, `plst`) and padding. Every other chunk (LIST/INFO with artist,
//! name, date and software; `id3 `/`ID3 ` tags; `bext` with its originator; XMP in
//! `_PMX`; iXML; anything unknown) is overwritten in place by a `JUNK` chunk of the
//! same length filled with zeros, so every offset in the file stays right.

const KEEP: [&[u8; 4]; 10] = [
    b"fmt ", b"data", b"fact", b"cue ", b"smpl", b"inst", b"plst", b"JUNK", b"junk", b"PAD ",
];

/// The WAV with its metadata chunks blanked.
pub fn wav(b: &[u8]) -> Result<Vec<u8>, String> {
    let broken = |what: &str| format!("the WAV file is broken ({what})");
    if b.len() < 12 || &b[..4] != b"RIFF" || &b[8..12] != b"WAVE" {
        return Err(broken("no RIFF WAVE header"));
    }
    let mut out = b.to_vec();
    let mut at = 12;
    while at < b.len() {
        let h = b
            .get(at..at + 8)
            .ok_or_else(|| broken("it ends in a chunk header"))?;
        let id: &[u8; 4] = h[..4].try_into().unwrap_or(&[0; 4]);
        let len = u32::from_le_bytes([h[4], h[5], h[6], h[7]]) as usize;
        let end = at + 8 + len;
        if end > b.len() {
            // Recorders that were stopped early leave the data chunk's length too
            // large (or 0xFFFFFFFF): the sound then runs to the end of the file.
            if id == b"data" {
                break;
            }
            return Err(broken("a chunk runs past the end"));
        }
        if !KEEP.contains(&id) {
            out[at..at + 4].copy_from_slice(b"JUNK");
            out[at + 8..end].fill(0);
        }
        at = end + (len & 1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(id: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut c = id.to_vec();
        c.extend_from_slice(&(body.len() as u32).to_le_bytes());
        c.extend_from_slice(body);
        if body.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    #[test]
    fn blanks_list_info_and_id3() {
        let fmt = [
            1u8, 0, 1, 0, 0x44, 0xAC, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0,
        ];
        let sound: Vec<u8> = (0..=255u8).collect();
        let mut info = b"INFO".to_vec();
        info.extend(chunk(b"IART", b"Ada Lovelace"));
        let mut body = b"WAVE".to_vec();
        body.extend(chunk(b"fmt ", &fmt));
        body.extend(chunk(b"LIST", &info));
        body.extend(chunk(b"id3 ", b"ID3 Ada Lovelace!"));
        body.extend(chunk(b"data", &sound));
        let file = chunk(b"RIFF", &body);
        let out = wav(&file).unwrap();
        assert_eq!(out.len(), file.len());
        assert!(super::super::find(&out, b"Lovelace").is_none());
        assert!(super::super::find(&out, b"LIST").is_none());
        assert_eq!(&out[out.len() - 256..], &sound[..]);
        assert!(wav(&file[..30]).is_err());
    }
}
