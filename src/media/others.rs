//! The files that are not images: whether a student's can be cleaned of metadata
//! (and the clean copy, made once and kept in the cache), and which of the course's
//! own would carry metadata that pathfolio leaves in them.

use super::cache::{Cache, hash};
use super::meta::{self, Container, Sniffed};
use super::{ImageStatus, MediaConfig, MetaFacts};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Checked;
use crate::site::Content;

/// The status of a student's file that is not an image: `Stripped` for a format
/// whose metadata is removed (the clean copy is made now and kept in the cache),
/// `NotAnImage` for plain text, `Unclean` (with a warning, unless such files are
/// published anyway) for everything else.
pub(super) fn student(
    cache: &Cache,
    config: &MediaConfig,
    file: &Checked,
    diags: &mut Diagnostics,
) -> ImageStatus {
    let path = file.found();
    match try_student(cache, file) {
        Ok(status) => status,
        Err(why) => {
            if !config.publish_uncleaned {
                diags.push(
                    Diagnostic::warning(
                        path,
                        None,
                        format!(
                            "this file could not be cleaned of metadata ({why}); it is left out of the public site"
                        ),
                    )
                    .with_hint(
                        "save it as PDF, MP3, MP4 or plain text, or set `privacy: { publish_uncleaned_media: true }` in course.yaml to publish such files as they are",
                    ),
                );
            }
            ImageStatus::Unclean
        }
    }
}

fn try_student(cache: &Cache, file: &Checked) -> Result<ImageStatus, String> {
    let bytes = match read(file)? {
        Read::Text => return Ok(ImageStatus::NotAnImage),
        Read::Whole(bytes) => bytes,
    };
    let container = match meta::sniff(&bytes) {
        Sniffed::Text => return Ok(ImageStatus::NotAnImage),
        Sniffed::Unknown(what) => {
            return Err(format!("pathfolio cannot remove metadata from {what}"));
        }
        Sniffed::Cleanable(c) => c,
    };
    let hash = hash(&bytes);
    let name = clean_name(&hash, container);
    if cache.get(&name).is_none() {
        let cleaned = meta::clean(container, &bytes)?;
        cache.put(&name, &cleaned);
    }
    Ok(ImageStatus::Stripped(MetaFacts { container, hash }))
}

/// Files bigger than this are not read whole to be cleaned.
const MAX_CLEAN: u64 = 1 << 30;

enum Read {
    /// Plain text, known from its start: not read further.
    Text,
    Whole(Vec<u8>),
}

/// A file's start, and the whole file when the start is not plain text (a format is
/// told for sure only from the whole: a ZIP's directory is at its end).
fn read(source: &Checked) -> Result<Read, String> {
    use std::io::Read as _;
    let unreadable = |e: std::io::Error| format!("cannot read the file: {e}");
    let (mut file, mut head) = head(source).map_err(unreadable)?;
    if meta::sniff(&head) == Sniffed::Text {
        return Ok(Read::Text);
    }
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_CLEAN {
        return Err(format!(
            "it is larger than the {} GB that pathfolio cleans",
            MAX_CLEAN >> 30
        ));
    }
    file.read_to_end(&mut head).map_err(unreadable)?;
    Ok(Read::Whole(head))
}

/// The open file and its first bytes.
fn head(source: &Checked) -> std::io::Result<(std::fs::File, Vec<u8>)> {
    use std::io::Read as _;
    let mut file = source.open()?;
    let mut head = Vec::with_capacity(meta::TEXT_PROBE);
    (&mut file)
        .take(meta::TEXT_PROBE as u64)
        .read_to_end(&mut head)?;
    Ok((file, head))
}

/// Warns about a course's own file that would keep metadata pathfolio cannot
/// remove. The teacher's files are published as they are, so this is only said.
pub(super) fn teacher(file: &Checked, diags: &mut Diagnostics) {
    let path = file.found();
    // Only a ZIP file needs reading whole, to tell an office document.
    let bytes = match head(file) {
        Ok((_, h)) if h.starts_with(b"PK\x03\x04") => match read(file) {
            Ok(Read::Whole(b)) => b,
            _ => return,
        },
        Ok((_, h)) => h,
        Err(_) => return,
    };
    if let Sniffed::Unknown(what) = meta::sniff(&bytes)
        && !harmless(&bytes)
    {
        diags.push(
            Diagnostic::warning(
                path,
                None,
                format!(
                    "this file could not be cleaned of metadata (pathfolio cannot remove metadata from {what}); it is published as it is"
                ),
            )
            .with_hint(
                "if it may name or locate someone (a student's work, a photo), save it as PDF or plain text instead",
            ),
        );
    }
}

/// Binary formats a site needs that carry no personal metadata: web fonts, icons,
/// WebAssembly.
fn harmless(b: &[u8]) -> bool {
    const MAGIC: [&[u8]; 7] = [
        b"wOFF",
        b"wOF2",
        b"\0\x01\0\0",
        b"OTTO",
        b"true",
        b"\0\0\x01\0",
        b"\0asm",
    ];
    MAGIC.iter().any(|m| b.starts_with(m))
}

/// The clean copy of a student's file: from the cache, or made now (and kept in
/// memory when the cache cannot be written). None when the file changed into one
/// that cannot be cleaned since it was inspected.
pub(super) fn clean_copy(cache: &Cache, source: &Checked, facts: &MetaFacts) -> Option<Content> {
    let name = clean_name(&facts.hash, facts.container);
    if let Some(p) = cache.get(&name) {
        return Some(Content::Copy(Checked::made(p)));
    }
    let bytes = source.read().ok()?;
    let cleaned = meta::clean(facts.container, &bytes).ok()?;
    let name = clean_name(&hash(&bytes), facts.container);
    Some(match cache.put(&name, &cleaned) {
        Some(p) => Content::Copy(Checked::made(p)),
        None => Content::Bytes(cleaned),
    })
}

/// The cache name of a file's clean copy.
fn clean_name(hash: &str, container: Container) -> String {
    format!("{hash}.meta{}.{}", meta::VERSION, container.tag())
}
