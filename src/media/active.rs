//! Files a browser would run: web pages, XML, scripts, web archives. From a
//! student's folder such a file is never published under its own name (on the site's
//! origin it could read every page the viewer may see); it is published as plain
//! text instead, under a name ending in `.txt` (SPEC §4).
//!
//! A file is known by its extension (any case, trailing dots and spaces ignored, as
//! some servers and systems drop them) and, when the extension does not fix a
//! harmless type, by its first bytes, as a browser sniffing an unknown type would.

use crate::load::Checked;
use std::io::Read;

/// Extensions that web servers send with a type browsers run or render as a
/// document of the site: HTML, XHTML, XML and its kin, JavaScript, web archives,
/// and compressed SVG (which cannot be sanitized).
const ACTIVE: [&str; 21] = [
    "html", "htm", "shtml", "shtm", "xhtml", "xht", "xhtm", "xml", "xsl", "xslt", "rss", "atom",
    "rdf", "js", "mjs", "cjs", "mht", "mhtml", "svgz", "hta", "swf",
];

/// Extensions with a fixed type that browsers show or download but never run, and
/// whose content is therefore not sniffed.
const HARMLESS: [&str; 36] = [
    "txt", "text", "md", "csv", "tsv", "json", "pdf", "png", "jpg", "jpeg", "gif", "webp", "avif",
    "heic", "heif", "tif", "tiff", "mp3", "ogg", "oga", "wav", "m4a", "aac", "flac", "opus", "mp4",
    "webm", "ogv", "mov", "m4v", "zip", "docx", "xlsx", "pptx", "odt", "ods",
];

/// How a file's content starts when a browser would take it for a page or a
/// document (WHATWG MIME sniffing's HTML and XML patterns, and SVG).
const SNIFFED: [&str; 19] = [
    "<!doctype html",
    "<html",
    "<head",
    "<script",
    "<iframe",
    "<h1",
    "<div",
    "<font",
    "<table",
    "<a",
    "<style",
    "<title",
    "<b",
    "<body",
    "<br",
    "<p",
    "<!--",
    "<?xml",
    "<svg",
];

/// The extension as a server would see it: lower case, without trailing dots and
/// spaces.
fn extension(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    let base = base.trim_end_matches(['.', ' ']);
    base.rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

/// True when the file `name` (read at `path`) is one a browser would run.
pub fn is_active(name: &str, file: &Checked) -> bool {
    let ext = extension(name);
    if ACTIVE.contains(&ext.as_str()) {
        return true;
    }
    if HARMLESS.contains(&ext.as_str()) || ext == "svg" {
        return false;
    }
    let mut head = Vec::with_capacity(512);
    let read = file.open().and_then(|f| f.take(512).read_to_end(&mut head));
    read.is_ok() && looks_active(&head)
}

/// True when `head`, the first bytes of a file, would be sniffed as HTML or XML.
pub fn looks_active(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C'))
        .unwrap_or(head.len());
    let head = &head[start..];
    SNIFFED.iter().any(|p| {
        head.len() > p.len()
            && head[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            && (p.starts_with("<?")
                || p.starts_with("<!--")
                || matches!(
                    head[p.len()],
                    b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/'
                ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_by_extension_in_any_case() {
        let none = &Checked::made("/nonexistent".into());
        for name in [
            "page.html",
            "x.XHTML",
            "data.xml",
            "app.js",
            "a.htm.",
            "b.Html ",
            "s/arch.mhtml",
            "m.mjs",
        ] {
            assert!(is_active(name, none), "{name}");
        }
        for name in ["notes.txt", "photo.JPG", "essay.pdf", "drawing.svg"] {
            assert!(!is_active(name, none), "{name}");
        }
    }

    #[test]
    fn known_by_content_when_the_name_says_nothing() {
        assert!(looks_active(b"\xEF\xBB\xBF  <!DOCTYPE html><p>"));
        assert!(looks_active(b"<HTML>"));
        assert!(looks_active(b"<?xml version=\"1.0\"?>"));
        assert!(looks_active(
            b"\n<svg xmlns=\"http://www.w3.org/2000/svg\">"
        ));
        assert!(looks_active(b"<p>hi"));
        assert!(!looks_active(b"<paragraph"));
        assert!(!looks_active(b"hello <html>"));
        assert!(!looks_active(b"%PDF-1.7"));
    }
}
