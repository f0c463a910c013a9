//! Metadata removal for the files from students' folders that are not images: PDFs,
//! audio, video and office documents. Each format's cleaner is a pure function from
//! the file's bytes to the same file without what identifies or locates its author
//! (author and title fields, tags, cover pictures, location), leaving the content
//! itself byte for byte as it was.
//!
//! The format is decided by the file's first bytes, never by its name alone: a PDF
//! renamed `.txt` is still cleaned, and a ZIP file renamed `.docx` is not trusted to
//! be a document. A binary file of a format pathfolio does not know may carry
//! anything, so it "cannot be cleaned"; plain text shows everything it holds and
//! needs no cleaning.

mod flac;
mod mkv;
mod mp4;
mod mpeg;
mod office;
mod ogg;
mod pdf;
mod riff;

pub use flac::flac;
pub use mkv::mkv;
pub use mp4::mp4;
pub use mpeg::mpeg;
pub use office::{odf, ooxml};
pub use ogg::ogg;
pub use pdf::pdf;
pub use riff::{aiff, wav};

pub use crate::model::media::Container;

/// Bump when any cleaner removes more than before.
pub const VERSION: u32 = 1;

/// What a file's bytes say about its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// A format pathfolio cleans.
    Cleanable(Container),
    /// Plain text: all it holds is in plain sight.
    Text,
    /// A binary format pathfolio cannot clean, named for messages ("a ZIP archive").
    Unknown(&'static str),
}

/// How much of a file's start decides whether it is text.
pub const TEXT_PROBE: usize = 8192;

/// The kind of a file, from its bytes.
pub fn sniff(b: &[u8]) -> Sniffed {
    use Sniffed::{Cleanable, Unknown};
    let after_id3 = &b[mpeg::id3v2_len(b).min(b.len())..];
    if b.get(..1024.min(b.len()))
        .is_some_and(|head| find(head, b"%PDF-").is_some())
    {
        Cleanable(Container::Pdf)
    } else if after_id3.starts_with(b"fLaC") {
        Cleanable(Container::Flac)
    } else if b.starts_with(b"ID3") || mpeg::is_sync(b) {
        Cleanable(Container::Mpeg)
    } else if b.starts_with(b"OggS") {
        Cleanable(Container::Ogg)
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WAVE" {
        Cleanable(Container::Wav)
    } else if riff::is_aiff(b) {
        Cleanable(Container::Aiff)
    } else if mp4::is_mp4(b) {
        Cleanable(Container::Mp4)
    } else if b.starts_with(b"PK\x03\x04") {
        match office::kind(b) {
            Some(c) => Cleanable(c),
            None => Unknown("a ZIP archive"),
        }
    } else if mkv::is_mkv(b) {
        Cleanable(Container::Matroska)
    } else if b.starts_with(b"{\\rtf") {
        // Plain text, but its `\info` group (author, company) is hidden by editors.
        Unknown("an RTF document")
    } else if is_text(&b[..b.len().min(TEXT_PROBE)]) {
        Sniffed::Text
    } else {
        Unknown("a binary file")
    }
}

/// The file without its metadata, for a format [`sniff`] recognized.
pub fn clean(container: Container, bytes: &[u8]) -> Result<Vec<u8>, String> {
    match container {
        Container::Pdf => pdf(bytes),
        Container::Mpeg => mpeg(bytes),
        Container::Flac => flac(bytes),
        Container::Ogg => ogg(bytes),
        Container::Wav => wav(bytes),
        Container::Aiff => aiff(bytes),
        Container::Mp4 => mp4(bytes),
        Container::Matroska => mkv(bytes),
        Container::Ooxml => ooxml(bytes),
        Container::Odf => odf(bytes),
    }
}

/// Sniffs and cleans: the whole path a student's file takes (the fuzz targets' way
/// in). Text comes back as it is.
pub fn strip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    match sniff(bytes) {
        Sniffed::Cleanable(c) => clean(c, bytes),
        Sniffed::Text => Ok(bytes.to_vec()),
        Sniffed::Unknown(what) => Err(format!("pathfolio cannot clean {what}")),
    }
}

/// No control characters but tab, line breaks, form feed and escape: text in any
/// ASCII-based encoding passes, binary formats almost never do.
fn is_text(head: &[u8]) -> bool {
    !head
        .iter()
        .any(|&c| matches!(c, 0..=8 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
}

/// The first position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Runs a parser from another crate, turning a panic on a hostile file into an
/// error: such a file is then "cannot be cleaned" instead of a crash.
fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(format!("the {what} is broken")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Cleanable(Container::Pdf));
        assert_eq!(
            sniff(b"fLaC\0\0\0\x22"),
            Sniffed::Cleanable(Container::Flac)
        );
        assert_eq!(
            sniff(&[0xFF, 0xFB, 0x90, 0]),
            Sniffed::Cleanable(Container::Mpeg)
        );
        assert_eq!(sniff(b"OggS\0\x02"), Sniffed::Cleanable(Container::Ogg));
        assert_eq!(
            sniff(b"RIFF\x04\0\0\0WAVE"),
            Sniffed::Cleanable(Container::Wav)
        );
        assert_eq!(
            sniff(b"\0\0\0\x14ftypisom\0\0\0\0isom"),
            Sniffed::Cleanable(Container::Mp4)
        );
        assert_eq!(
            sniff(&[0x1A, 0x45, 0xDF, 0xA3, 0x80]),
            Sniffed::Cleanable(Container::Matroska)
        );
        assert_eq!(sniff(b"print('hi')\n"), Sniffed::Text);
        assert_eq!(sniff("caf\u{e9} cr\u{e8}me".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Sniffed::Unknown("an RTF document"));
        assert_eq!(
            sniff(b"\0\x01\x02garbage"),
            Sniffed::Unknown("a binary file")
        );
        assert!(strip(b"\0\x01").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_bytes(
            kind in 0usize..11,
            body in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
        ) {
            let magic: [&[u8]; 11] = [
                b"%PDF-1.4\n", b"ID3\x03\0\0\0\0", b"\xFF\xFB", b"fLaC", b"OggS\0\x02",
                b"RIFF\0\0\0\0WAVE", b"\0\0\0\x10ftypisom", b"\x1A\x45\xDF\xA3",
                b"PK\x03\x04", b"FORM\0\0\0\0AIFF", b"",
            ];
            let file = [magic[kind], &body].concat();
            let _ = strip(&file);
            for c in [mp4, wav, aiff, mpeg, flac, mkv] {
                let _ = c(&body);
            }
        }
    }
}
