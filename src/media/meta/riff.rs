//! WAV and AIFF: files of chunks (4-byte id, 32-bit length — little-endian in WAV,
//! big-endian in AIFF —, data padded to an even length).
//!
//! Kept: the chunks that describe or hold the sound (WAV: `fmt `, `data`, `fact`,
//! `cue `, `smpl`, `inst`, `plst`; AIFF: `COMM`, `SSND`, `FVER`, `MARK`, `INST`) and
//! padding. Every other chunk (WAV: LIST/INFO with artist, name, date and software,
//! `id3 `/`ID3 ` tags, `bext` with its originator, XMP in `_PMX`, iXML; AIFF: `NAME`,
//! `AUTH`, `(c) `, `ANNO`, `COMT`, `ID3 `, `APPL`; anything unknown) is overwritten in
//! place by a filler chunk (`JUNK`, in AIFF `FLLR`) of the same length filled with
//! zeros, so every offset in the file stays right.

const WAV_KEEP: [&[u8; 4]; 10] = [
    b"fmt ", b"data", b"fact", b"cue ", b"smpl", b"inst", b"plst", b"JUNK", b"junk", b"PAD ",
];
const AIFF_KEEP: [&[u8; 4]; 6] = [b"COMM", b"SSND", b"FVER", b"MARK", b"INST", b"FLLR"];

/// The WAV with its metadata chunks blanked.
pub fn wav(b: &[u8]) -> Result<Vec<u8>, String> {
    if b.len() < 12 || &b[..4] != b"RIFF" || &b[8..12] != b"WAVE" {
        return Err("the WAV file is broken (no RIFF WAVE header)".into());
    }
    chunks(b, &Layout::WAV)
}

/// The AIFF (or AIFF-C) with its metadata chunks blanked.
pub fn aiff(b: &[u8]) -> Result<Vec<u8>, String> {
    if !is_aiff(b) {
        return Err("the AIFF file is broken (no FORM AIFF header)".into());
    }
    chunks(b, &Layout::AIFF)
}

pub(crate) fn is_aiff(b: &[u8]) -> bool {
    b.len() >= 12 && &b[..4] == b"FORM" && (&b[8..12] == b"AIFF" || &b[8..12] == b"AIFC")
}

/// How one of the two formats writes its chunks.
struct Layout {
    name: &'static str,
    big_endian: bool,
    keep: &'static [&'static [u8; 4]],
    sound: &'static [u8; 4],
    filler: &'static [u8; 4],
}

impl Layout {
    const WAV: Layout = Layout {
        name: "WAV",
        big_endian: false,
        keep: &WAV_KEEP,
        sound: b"data",
        filler: b"JUNK",
    };
    const AIFF: Layout = Layout {
        name: "AIFF",
        big_endian: true,
        keep: &AIFF_KEEP,
        sound: b"SSND",
        filler: b"FLLR",
    };
}

/// Blanks every chunk after the 12-byte header that `layout` does not keep.
fn chunks(b: &[u8], layout: &Layout) -> Result<Vec<u8>, String> {
    let broken = |what: &str| format!("the {} file is broken ({what})", layout.name);
    let mut out = b.to_vec();
    let mut at = 12;
    while at < b.len() {
        let h = b
            .get(at..at + 8)
            .ok_or_else(|| broken("it ends in a chunk header"))?;
        let id: &[u8; 4] = h[..4].try_into().unwrap_or(&[0; 4]);
        let size = [h[4], h[5], h[6], h[7]];
        let len = if layout.big_endian {
            u32::from_be_bytes(size)
        } else {
            u32::from_le_bytes(size)
        } as usize;
        let end = at + 8 + len;
        if end > b.len() {
            // Recorders that were stopped early leave the sound chunk's length too
            // large (or 0xFFFFFFFF): the sound then runs to the end of the file.
            if id == layout.sound {
                break;
            }
            return Err(broken("a chunk runs past the end"));
        }
        if !layout.keep.contains(&id) {
            out[at..at + 4].copy_from_slice(layout.filler);
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

    #[test]
    fn blanks_aiff_name_and_author() {
        let be = |id: &[u8; 4], body: &[u8]| {
            let mut c = id.to_vec();
            c.extend_from_slice(&(body.len() as u32).to_be_bytes());
            c.extend_from_slice(body);
            if body.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let sound: Vec<u8> = (0..=255u8).collect();
        let mut body = b"AIFF".to_vec();
        body.extend(be(
            b"COMM",
            &[
                0, 1, 0, 0, 0, 64, 0, 16, 0x40, 0x0E, 0xAC, 0x44, 0, 0, 0, 0, 0, 0,
            ],
        ));
        body.extend(be(b"NAME", b"Ada Lovelace"));
        body.extend(be(b"AUTH", b"Ada Lovelace!"));
        body.extend(be(b"SSND", &sound));
        let file = be(b"FORM", &body);
        assert!(is_aiff(&file));
        let out = aiff(&file).unwrap();
        assert_eq!(out.len(), file.len());
        assert!(super::super::find(&out, b"Lovelace").is_none());
        assert!(super::super::find(&out, &sound).is_some());
    }
}
