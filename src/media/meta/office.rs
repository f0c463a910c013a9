//! Office documents: ZIP files of XML parts. Every part is copied as it is
//! (compressed bytes and all, so an OpenDocument's `mimetype` stays first and
//! stored), except:
//!
//! - the document properties, rewritten empty: in Word, Excel and PowerPoint files
//!   `docProps/core.xml` (author, last modified by, title, subject, keywords, dates),
//!   `docProps/app.xml` (company, manager, template) and `docProps/custom.xml`
//!   (whichever part `_rels/.rels` names as such); in OpenDocument files `meta.xml`
//!   (initial creator, creator, dates, statistics, user fields);
//! - pictures, sound and video inside the document (`.jpg`, `.png`, `.mp4`, `.mp3`,
//!   `.wav` …): cleaned as they would be on their own; those of other formats are
//!   copied as they are;
//! - what is not in the ZIP's central directory, and the ZIP comment, left out.
//!
//! Names in comments and tracked changes are part of the document and are kept.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::Container;

const CORE_EMPTY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
"#;
const APP_EMPTY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>
"#;
const CUSTOM_EMPTY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>
"#;
const ODF_META_EMPTY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>
"#;

/// Parts inside a document bigger than this are refused rather than unpacked.
const MAX_PART: u64 = 512 * 1024 * 1024;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Which office format a ZIP file is, if any.
pub(crate) fn kind(b: &[u8]) -> Option<Container> {
    let mut zip = ZipArchive::new(Cursor::new(b)).ok()?;
    if zip.index_for_name("[Content_Types].xml").is_some() {
        return Some(Container::Ooxml);
    }
    let mut first = zip.by_index(0).ok()?;
    if first.name().ok()? != "mimetype" {
        return None;
    }
    let mut head = [0u8; 34];
    first.read_exact(&mut head).ok()?;
    (&head == b"application/vnd.oasis.opendocument").then_some(Container::Odf)
}

/// A Word, Excel or PowerPoint file without its document properties.
pub fn ooxml(b: &[u8]) -> Result<Vec<u8>, String> {
    super::guarded("document", || {
        let mut zip = open(b)?;
        let mut blank: Vec<(String, &str)> = vec![
            ("docProps/core.xml".into(), CORE_EMPTY),
            ("docProps/app.xml".into(), APP_EMPTY),
            ("docProps/custom.xml".into(), CUSTOM_EMPTY),
        ];
        if let Some(rels) = read_part(&mut zip, "_rels/.rels")? {
            blank.extend(property_parts(&rels));
        }
        rewrite(&mut zip, &blank)
    })
}

/// An OpenDocument file without its `meta.xml`.
pub fn odf(b: &[u8]) -> Result<Vec<u8>, String> {
    super::guarded("document", || {
        let mut zip = open(b)?;
        rewrite(&mut zip, &[("meta.xml".into(), ODF_META_EMPTY)])
    })
}

fn open(b: &[u8]) -> Result<Archive<'_>, String> {
    ZipArchive::new(Cursor::new(b)).map_err(|e| format!("the document cannot be read ({e})"))
}

/// The parts that `_rels/.rels` names as document properties, with their empty
/// content.
fn property_parts(rels: &[u8]) -> Vec<(String, &'static str)> {
    let Ok(text) = std::str::from_utf8(rels) else {
        return Vec::new();
    };
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("Relationship"))
        .filter_map(|n| {
            let kind = n.attribute("Type")?;
            let empty = if kind.ends_with("/core-properties") {
                CORE_EMPTY
            } else if kind.ends_with("/extended-properties") {
                APP_EMPTY
            } else if kind.ends_with("/custom-properties") {
                CUSTOM_EMPTY
            } else {
                return None;
            };
            let target = n.attribute("Target")?.trim_start_matches('/');
            Some((target.to_string(), empty))
        })
        .collect()
}

/// The contents of a part, or None when there is no such part.
fn read_part(zip: &mut Archive<'_>, name: &str) -> Result<Option<Vec<u8>>, String> {
    let Some(i) = zip.index_for_name(name) else {
        return Ok(None);
    };
    read_index(zip, i).map(Some)
}

fn read_index(zip: &mut Archive<'_>, i: usize) -> Result<Vec<u8>, String> {
    let unreadable =
        |e: &dyn std::fmt::Display| format!("a part of the document cannot be read ({e})");
    let f = zip.by_index(i).map_err(|e| unreadable(&e))?;
    if f.size() > MAX_PART {
        return Err("a part of the document is too large to clean".into());
    }
    let mut out = Vec::with_capacity(usize::try_from(f.size()).unwrap_or(0).min(1 << 20));
    f.take(MAX_PART + 1)
        .read_to_end(&mut out)
        .map_err(|e| unreadable(&e))?;
    if out.len() as u64 > MAX_PART {
        return Err("a part of the document is too large to clean".into());
    }
    Ok(out)
}

/// The archive again: parts named in `blank` replaced by their empty content, media
/// parts cleaned, every other part copied raw.
fn rewrite(zip: &mut Archive<'_>, blank: &[(String, &str)]) -> Result<Vec<u8>, String> {
    let failed = |e: zip::result::ZipError| format!("the document cannot be written again ({e})");
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let (name, method) = {
            let f = zip.by_index_raw(i).map_err(failed)?;
            let name = f.name().map_err(failed)?.into_owned();
            (name, f.compression())
        };
        let replaced = match blank.iter().find(|(n, _)| *n == name) {
            Some((_, empty)) => Some(empty.as_bytes().to_vec()),
            None => match media(&name) {
                Some(clean) => Some(clean(&read_index(zip, i)?).map_err(|e| {
                    format!("`{name}` inside the document cannot be cleaned ({e})")
                })?),
                None => None,
            },
        };
        match replaced {
            Some(bytes) => {
                let method = match method {
                    CompressionMethod::Stored => CompressionMethod::Stored,
                    _ => CompressionMethod::Deflated,
                };
                let options = SimpleFileOptions::default()
                    .compression_method(method)
                    .last_modified_time(DateTime::default());
                out.start_file(name.as_str(), options).map_err(failed)?;
                out.write_all(&bytes).map_err(|e| failed(e.into()))?;
            }
            None => {
                let f = zip.by_index_raw(i).map_err(failed)?;
                out.raw_copy_file(f).map_err(failed)?;
            }
        }
    }
    Ok(out.finish().map_err(failed)?.into_inner())
}

type Cleaner = fn(&[u8]) -> Result<Vec<u8>, String>;

/// How a picture, sound or video inside a document is cleaned, by its name.
fn media(name: &str) -> Option<Cleaner> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" | "png" | "webp" | "gif" => picture as Cleaner,
        "mp4" | "m4v" | "mov" | "m4a" | "3gp" => super::mp4,
        "mp3" => super::mpeg,
        "webm" | "mkv" => super::mkv,
        "wav" => super::wav,
        "aif" | "aiff" => super::aiff,
        _ => return None,
    })
}

/// A picture under a raster name; one of another format is left as it is, like the
/// formats that pathfolio does not clean.
fn picture(b: &[u8]) -> Result<Vec<u8>, String> {
    match crate::media::sniff(b) {
        Some(_) => crate::media::strip::strip(b),
        None => Ok(b.to_vec()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A ZIP with the given parts; the first stored, the others deflated.
    pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (i, (name, body)) in parts.iter().enumerate() {
            let method = if i == 0 {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            w.write_all(body).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn parts(b: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = ZipArchive::new(Cursor::new(b)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut body = Vec::new();
                f.read_to_end(&mut body).unwrap();
                (f.name().unwrap().into_owned(), body)
            })
            .collect()
    }

    pub const CORE: &[u8] = br#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ada Lovelace</dc:creator><cp:lastModifiedBy>Ada Lovelace</cp:lastModifiedBy></cp:coreProperties>"#;

    pub fn docx() -> Vec<u8> {
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<Relationships/>"),
            (
                "word/document.xml",
                b"<w:document>The analytical engine</w:document>",
            ),
            ("docProps/core.xml", CORE),
            (
                "docProps/app.xml",
                b"<Properties><Company>Lovelace Ltd</Company></Properties>",
            ),
        ])
    }

    #[test]
    fn empties_ooxml_properties() {
        let file = docx();
        assert_eq!(kind(&file), Some(Container::Ooxml));
        let out = ooxml(&file).unwrap();
        let before = parts(&file);
        let after = parts(&out);
        assert_eq!(
            after.iter().map(|p| &p.0).collect::<Vec<_>>(),
            before.iter().map(|p| &p.0).collect::<Vec<_>>()
        );
        assert_eq!(after[2], before[2]);
        assert!(
            after
                .iter()
                .all(|(_, b)| super::super::find(b, b"Lovelace").is_none())
        );
    }

    #[test]
    fn empties_odf_meta_and_keeps_mimetype_first_and_stored() {
        let file = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content>Notes</office:document-content>"),
            ("meta.xml", b"<office:document-meta><meta:initial-creator>Ada Lovelace</meta:initial-creator></office:document-meta>"),
        ]);
        assert_eq!(kind(&file), Some(Container::Odf));
        let out = odf(&file).unwrap();
        assert_eq!(&out[30..38], b"mimetype");
        assert_eq!(
            &out[38..38 + 39],
            b"application/vnd.oasis.opendocument.text"
        );
        let after = parts(&out);
        assert_eq!(after[1], parts(&file)[1]);
        assert!(
            after
                .iter()
                .all(|(_, b)| super::super::find(b, b"Lovelace").is_none())
        );
        assert_eq!(kind(&zip_of(&[("a.txt", b"hi")])), None);
    }
}
