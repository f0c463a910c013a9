//! PDF, read and written again with lopdf: the pages' content streams, fonts and
//! images are copied as they are; the file's layout (object order, cross-reference
//! table) may change.
//!
//! Removed: the document information dictionary (the trailer's `/Info`: author,
//! title, subject, keywords, creator, producer, dates), every `/Metadata` stream
//! (XMP, on the catalog, pages or images), every `/PieceInfo` (programs' private
//! data), the author (`/T`) of each comment annotation, objects left over from
//! earlier saves that nothing refers to, and the EXIF, XMP and comments inside
//! embedded JPEG photos (as for images). An encrypted PDF cannot be cleaned.

use lopdf::{Dictionary, Document, Object, Stream};

/// The PDF without its metadata.
pub fn pdf(b: &[u8]) -> Result<Vec<u8>, String> {
    super::guarded("PDF", || {
        let mut doc = Document::load_mem(b).map_err(|e| format!("the PDF cannot be read ({e})"))?;
        if doc.is_encrypted() || doc.was_encrypted() {
            return Err("the PDF is encrypted".into());
        }
        doc.trailer.remove(b"Info");
        for obj in doc.objects.values_mut() {
            match obj {
                Object::Dictionary(d) => scrub(d),
                Object::Stream(s) => {
                    scrub(&mut s.dict);
                    jpeg(s)?;
                }
                _ => {}
            }
        }
        doc.prune_objects();
        let mut out = Vec::with_capacity(b.len());
        doc.save_to(&mut out)
            .map_err(|e| format!("the PDF cannot be written again ({e})"))?;
        Ok(out)
    })
}

fn scrub(d: &mut Dictionary) {
    d.remove(b"Metadata");
    d.remove(b"PieceInfo");
    // A comment's `/T` is its author's name (a form field's `/T` is its name, and
    // stays).
    let markup = match d.get(b"Subtype") {
        Ok(Object::Name(n)) => MARKUP.contains(&n.as_slice()),
        _ => false,
    };
    if markup {
        d.remove(b"T");
    }
}

/// The annotations that are comments, with an author.
const MARKUP: [&[u8]; 16] = [
    b"Text",
    b"FreeText",
    b"Line",
    b"Square",
    b"Circle",
    b"Polygon",
    b"PolyLine",
    b"Highlight",
    b"Underline",
    b"Squiggly",
    b"StrikeOut",
    b"Caret",
    b"Stamp",
    b"Ink",
    b"FileAttachment",
    b"Redact",
];

/// A photo stored as a JPEG (`/DCTDecode` alone) loses its metadata segments.
fn jpeg(s: &mut Stream) -> Result<(), String> {
    let dct = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"DCTDecode",
        Ok(Object::Array(a)) => matches!(a.as_slice(), [Object::Name(n)] if n == b"DCTDecode"),
        _ => false,
    };
    if dct && s.content.starts_with(&[0xFF, 0xD8]) {
        let clean = crate::media::strip::jpeg(&s.content)
            .map_err(|e| format!("a photo inside the PDF cannot be cleaned ({e})"))?;
        s.set_content(clean);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A one-page PDF by Ada Lovelace, with an XMP stream and a drawing.
    pub fn sample() -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"BT /F1 12 Tf 72 712 Td (Notes on the engine) Tj ET".to_vec(),
        ));
        let note = doc.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Text",
            "T" => Object::string_literal("Ada Lovelace"),
            "Contents" => Object::string_literal("check this"),
        });
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "Annots" => vec![note.into()],
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        let xmp = doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            b"<x:xmpmeta><dc:creator>Ada Lovelace</dc:creator></x:xmpmeta>".to_vec(),
        ));
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => pages_id,
            "Metadata" => xmp,
        });
        let info = doc.add_object(dictionary! {
            "Author" => Object::string_literal("Ada Lovelace"),
            "Title" => Object::string_literal("Lovelace notes"),
        });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn removes_info_and_xmp() {
        let file = sample();
        assert!(super::super::find(&file, b"Lovelace").is_some());
        let out = pdf(&file).unwrap();
        assert!(super::super::find(&out, b"Lovelace").is_none());
        let doc = Document::load_mem(&out).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        assert!(super::super::find(&out, b"check this").is_some());
        let drawing = b"stream\nBT /F1 12 Tf 72 712 Td (Notes on the engine) Tj ET\nendstream";
        assert!(super::super::find(&out, drawing).is_some());
    }

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert!(pdf(b"%PDF-1.4\nnothing else").is_err());
        assert!(pdf(b"").is_err());
    }
}
