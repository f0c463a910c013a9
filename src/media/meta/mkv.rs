//! WebM and Matroska: a tree of EBML elements (a variable-length id, a
//! variable-length size, the data). Browsers' and Chromebooks' screen recorders
//! write WebM.
//!
//! Blanked: `Tags` (title, artist, comments, any tag) and `Attachments` (cover art,
//! any attached file) in the segment, the `Title` and `DateUTC` of the segment's
//! `Info`, and the `Name` of each track. A blanked element becomes a `Void` element
//! of the same length, so every position in the file (seek heads, cues) stays
//! right; a `CRC-32` of a changed element is computed again. The sound and pictures
//! are not touched.

const EBML: u32 = 0x1A45_DFA3;
const SEGMENT: u32 = 0x1853_8067;
const SEEK_HEAD: u32 = 0x114D_9B74;
const INFO: u32 = 0x1549_A966;
const TRACKS: u32 = 0x1654_AE6B;
const CUES: u32 = 0x1C53_BB6B;
const CLUSTER: u32 = 0x1F43_B675;
const CHAPTERS: u32 = 0x1043_A770;
const TAGS: u32 = 0x1254_C367;
const ATTACHMENTS: u32 = 0x1941_A469;
const TRACK_ENTRY: u32 = 0xAE;
const TITLE: u32 = 0x7BA9;
const DATE_UTC: u32 = 0x4461;
const NAME: u32 = 0x536E;
const CRC32: u32 = 0xBF;
const VOID: u8 = 0xEC;

/// The elements that can follow a cluster in a segment: one of them ends a
/// cluster whose size is unknown (as live recorders write them).
const SEGMENT_CHILDREN: [u32; 8] = [
    SEEK_HEAD,
    INFO,
    TRACKS,
    CUES,
    CLUSTER,
    CHAPTERS,
    TAGS,
    ATTACHMENTS,
];

/// Whether the file starts with an EBML header.
pub(crate) fn is_mkv(b: &[u8]) -> bool {
    b.starts_with(&[0x1A, 0x45, 0xDF, 0xA3])
}

/// One element's place: where it starts, where its data starts, where it ends.
#[derive(Debug, Clone, Copy)]
struct Element {
    id: u32,
    start: usize,
    data: usize,
    end: usize,
}

fn broken(what: &str) -> String {
    format!("the WebM or Matroska file is broken ({what})")
}

/// The file with its tags, attachments, title and track names blanked.
pub fn mkv(b: &[u8]) -> Result<Vec<u8>, String> {
    if !is_mkv(b) {
        return Err(broken("no EBML header"));
    }
    let mut out = b.to_vec();
    let mut segment = false;
    let mut at = 0;
    while at < b.len() {
        let e = element(b, at, b.len(), None)?;
        match e.id {
            SEGMENT => {
                segment = true;
                self::segment(b, &mut out, e)?;
            }
            EBML | 0xEC => {}
            _ => return Err(broken("an unknown element at the top level")),
        }
        at = e.end;
    }
    if !segment {
        return Err(broken("no segment"));
    }
    Ok(out)
}

fn segment(b: &[u8], out: &mut [u8], seg: Element) -> Result<(), String> {
    let mut at = seg.data;
    while at < seg.end {
        let e = element(b, at, seg.end, Some(CLUSTER))?;
        match e.id {
            TAGS | ATTACHMENTS => void(out, e),
            INFO => blank_children(b, out, e, &[TITLE, DATE_UTC])?,
            TRACKS => {
                for t in children(b, e)? {
                    if t.id == TRACK_ENTRY {
                        blank_children(b, out, t, &[NAME])?;
                    }
                }
                fix_crc(out, e, &children(b, e)?);
            }
            _ => {}
        }
        at = e.end;
    }
    Ok(())
}

/// Blanks the children of `parent` with the given ids, then fixes its CRC-32.
fn blank_children(b: &[u8], out: &mut [u8], parent: Element, ids: &[u32]) -> Result<(), String> {
    let kids = children(b, parent)?;
    for k in &kids {
        if ids.contains(&k.id) {
            void(out, *k);
        }
    }
    fix_crc(out, parent, &kids);
    Ok(())
}

/// The children of an element of known size.
fn children(b: &[u8], parent: Element) -> Result<Vec<Element>, String> {
    let mut out = Vec::new();
    let mut at = parent.data;
    while at < parent.end {
        let e = element(b, at, parent.end, None)?;
        out.push(e);
        at = e.end;
    }
    Ok(out)
}

/// A `CRC-32` element first among an element's children covers the others.
fn fix_crc(out: &mut [u8], parent: Element, kids: &[Element]) {
    if let Some(crc) = kids
        .first()
        .filter(|k| k.id == CRC32 && k.end - k.data == 4)
    {
        let sum = crc32fast::hash(&out[crc.end..parent.end]);
        out[crc.data..crc.end].copy_from_slice(&sum.to_le_bytes());
    }
}

/// Overwrites an element with a `Void` element of the same length.
fn void(out: &mut [u8], e: Element) {
    let len = e.end - e.start;
    out[e.start..e.end].fill(0);
    out[e.start] = VOID;
    if len >= 9 {
        // An 8-byte size: the marker byte 0x01, then 7 bytes of length.
        let size = (len - 9) as u64;
        out[e.start + 1] = 0x01;
        out[e.start + 2..e.start + 9].copy_from_slice(&size.to_be_bytes()[1..]);
    } else {
        // Every element has at least an id byte and a size byte.
        out[e.start + 1] = 0x80 | (len - 2) as u8;
    }
}

/// The element at `at`, which must end by `limit`. An element of unknown size is
/// allowed only for `unknown` (a cluster), and then ends where the next segment
/// child starts.
fn element(b: &[u8], at: usize, limit: usize, unknown: Option<u32>) -> Result<Element, String> {
    let (id, id_len) = vint(b, at, 4, true).ok_or_else(|| broken("a bad element id"))?;
    let id = u32::try_from(id).map_err(|_| broken("a bad element id"))?;
    let (size, size_len) = vint(b, at + id_len, 8, false).ok_or_else(|| broken("a bad size"))?;
    let data = at + id_len + size_len;
    if data > limit {
        return Err(broken("an element runs past its parent"));
    }
    let all_ones = size == (1u64 << (7 * size_len)) - 1;
    let end = if all_ones {
        if unknown != Some(id) && id != SEGMENT {
            return Err(broken("an element of unknown size"));
        }
        if id == SEGMENT {
            limit
        } else {
            cluster_end(b, data, limit)?
        }
    } else {
        usize::try_from(size)
            .ok()
            .and_then(|n| data.checked_add(n))
            .filter(|&end| end <= limit)
            .ok_or_else(|| broken("an element runs past its parent"))?
    };
    Ok(Element {
        id,
        start: at,
        data,
        end,
    })
}

/// Where a cluster of unknown size ends: at the next segment child, or at `limit`.
fn cluster_end(b: &[u8], mut at: usize, limit: usize) -> Result<usize, String> {
    while at < limit {
        let (id, _) = vint(b, at, 4, true).ok_or_else(|| broken("a bad element id"))?;
        if u32::try_from(id).is_ok_and(|id| SEGMENT_CHILDREN.contains(&id)) {
            return Ok(at);
        }
        at = element(b, at, limit, None)?.end;
    }
    Ok(limit)
}

/// A variable-length integer of at most `max` bytes at `at`: its value (with the
/// length marker kept for ids) and its length.
fn vint(b: &[u8], at: usize, max: usize, keep_marker: bool) -> Option<(u64, usize)> {
    let first = *b.get(at)?;
    let len = first.leading_zeros() as usize + 1;
    if first == 0 || len > max {
        return None;
    }
    let bytes = b.get(at..at + len)?;
    let head = if keep_marker {
        u64::from(first)
    } else {
        u64::from(first) & (0xFF >> len)
    };
    let value = bytes[1..]
        .iter()
        .fold(head, |v, &x| (v << 8) | u64::from(x));
    Some((value, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An element with a 1-byte size (the data must be shorter than 127 bytes) or,
    /// with `wide`, an 8-byte size.
    fn el(id: u32, data: &[u8], wide: bool) -> Vec<u8> {
        let id = id.to_be_bytes();
        let skip = id.iter().take_while(|&&x| x == 0).count();
        let mut out = id[skip..].to_vec();
        if wide {
            out.push(0x01);
            out.extend_from_slice(&(data.len() as u64).to_be_bytes()[1..]);
        } else {
            out.push(0x80 | data.len() as u8);
        }
        out.extend_from_slice(data);
        out
    }

    #[test]
    fn voids_tags_title_and_track_names() {
        let header = el(EBML, &el(0x4282, b"webm", false), false);
        let title = el(TITLE, b"Ada Lovelace at home", false);
        let app = el(0x4D80, b"Chrome", false);
        let mut info_body = el(CRC32, &[0; 4], false);
        info_body.extend(&title);
        info_body.extend(&app);
        let info = el(INFO, &info_body, true);
        let track = el(
            TRACK_ENTRY,
            &[el(0xD7, &[1], false), el(NAME, b"Ada's mic", false)].concat(),
            false,
        );
        let tracks = el(TRACKS, &track, false);
        let blocks: Vec<u8> = (0..100u8).collect();
        // A cluster of unknown size, as live recorders write it.
        let mut cluster = vec![0x1F, 0x43, 0xB6, 0x75, 0xFF];
        cluster.extend(el(0xE7, &[0], false));
        cluster.extend(el(0xA3, &blocks, false));
        let tags = el(
            TAGS,
            &el(0x7373, &el(0x45A3, b"ARTIST Ada Lovelace", false), false),
            false,
        );
        let body = [info, tracks, cluster, tags].concat();
        let mut seg = vec![
            0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        seg.extend(&body);
        let file = [header, seg].concat();
        let out = mkv(&file).unwrap();
        assert_eq!(out.len(), file.len());
        assert!(super::super::find(&out, b"Lovelace").is_none());
        assert!(super::super::find(&out, b"Ada's").is_none());
        assert!(super::super::find(&out, &blocks).is_some());
        assert!(super::super::find(&out, &app).is_some());
        // The output is a valid file again, and cleaning it changes nothing.
        assert_eq!(mkv(&out).unwrap(), out);
        let info = element(&out, file.len() - body.len(), out.len(), None).unwrap();
        let kids = children(&out, info).unwrap();
        assert_eq!(
            &out[kids[0].data..kids[0].end],
            &crc32fast::hash(&out[kids[0].end..info.end]).to_le_bytes()
        );
    }

    #[test]
    fn refuses_broken_files() {
        assert!(mkv(&[0x1A, 0x45, 0xDF, 0xA3, 0x80]).is_err());
        assert!(mkv(&[0x1A, 0x45, 0xDF, 0xA3, 0x85, 0]).is_err());
        assert!(mkv(&[0x1A, 0x45, 0xDF, 0xA3, 0x00]).is_err());
    }
}
