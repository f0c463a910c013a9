//! The validate stage's look at every file a site will carry: over a limit, a file
//! a browser would run, or an image that cannot be cleaned. Cleaning is tried here,
//! once, and its result kept in the cache, so every problem is reported by `check`
//! and by `build` alike, and views and the renderer know which files will be there.
//! Limits are decided from the file system's size and the image header, before the
//! file is read.

use std::path::Path;

use crate::load::Checked;

use super::cache::{Cache, hash};
use super::{
    Format, ImageFacts, ImageStatus, MAX_MEGAPIXELS, MAX_PIXELS, MediaConfig, active, clean, probe,
    uncleanable,
};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::{Asset, MediaKind, Student};
use crate::site::paths::text_name;
use crate::text::human_size;

/// Sets `image` on every evidence file and reports files over the size limit, files
/// published as text, and images that cannot be cleaned, for the students' files and
/// the course's own (`assets`: resources, static files, unit files).
pub fn inspect<'a>(
    root: &Path,
    config: &MediaConfig,
    students: &mut [Student],
    assets: impl IntoIterator<Item = &'a Asset>,
    diags: &mut Diagnostics,
) {
    let cache = Cache::new(root);
    for f in students
        .iter_mut()
        .flat_map(|s| s.evidence.iter_mut())
        .flat_map(|e| e.files.iter_mut())
    {
        f.image = if too_large(config, &f.source, f.size, diags) {
            ImageStatus::Withheld
        } else if active::is_active(&f.name, &f.source) {
            diags.push(as_text_note(f.source.found(), &f.name));
            ImageStatus::Active
        } else {
            let published = config.publish_uncleaned;
            match status(&cache, &f.source, &f.name, f.kind, published, diags) {
                ImageStatus::NotAnImage => super::others::student(&cache, config, &f.source, diags),
                s => s,
            }
        };
    }
    for a in assets.into_iter().filter(|a| !super::is_svg(&a.site_path)) {
        let size = a.source.metadata().map_or(0, |m| m.len());
        if too_large(config, &a.source, size, diags) {
            continue;
        }
        let s = status(
            &cache,
            &a.source,
            &a.site_path,
            MediaKind::of(&a.site_path),
            false,
            diags,
        );
        if s == ImageStatus::NotAnImage {
            super::others::teacher(&a.source, diags);
        }
    }
}

/// Whether a file is over the size limit (`size` as the file system says, read
/// before the file), with a warning when it is.
fn too_large(config: &MediaConfig, file: &Checked, size: u64, diags: &mut Diagnostics) -> bool {
    let path = file.found();
    if size <= config.max_bytes() {
        return false;
    }
    let sparse = match allocated(file) {
        Some(on_disk) if on_disk < size / 16 => format!(
            " (a sparse file: it takes only {} on disk)",
            human_size(on_disk)
        ),
        _ => String::new(),
    };
    diags.push(
        Diagnostic::warning(
            path,
            None,
            format!(
                "this file is {}{sparse}, more than the {} MB allowed (limits: max_file_mb); it is not published",
                human_size(size),
                config.max_file_mb
            ),
        )
        .with_hint(
            "make it smaller (a shorter or lower-resolution video, a compressed PDF), link to it instead, or raise `limits: { max_file_mb: … }` in course.yaml (GitHub Pages refuses files over 100 MB)",
        ),
    );
    true
}

/// Bytes the file takes on disk, where the system tells.
#[cfg(unix)]
fn allocated(file: &Checked) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    file.metadata().ok().map(|m| m.blocks().saturating_mul(512))
}

#[cfg(not(unix))]
fn allocated(_: &Checked) -> Option<u64> {
    None
}

/// The note that a student's file is published as text.
fn as_text_note(path: &Path, name: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Info,
        ..Diagnostic::warning(
            path,
            None,
            format!(
                "a web page or script from a student is published as text (`{}`), not run on the site",
                text_name(name)
            ),
        )
    }
    .with_hint("to show how it looks, add a screenshot or save it as PDF")
}

/// Why a file is not published as an image.
pub(super) enum Refused {
    /// An image pathfolio cannot clean, and why.
    Unclean(String),
    /// An image with more than [`MAX_PIXELS`]: its width and height.
    Pixels(u32, u32),
}

/// Whether a file is an image that can be published clean, warning when it is an
/// image that cannot (which goes to the public site only when `published`).
pub(super) fn status(
    cache: &Cache,
    file: &Checked,
    name: &str,
    kind: MediaKind,
    published: bool,
    diags: &mut Diagnostics,
) -> ImageStatus {
    let path = file.found();
    match classify(cache, file, name, kind) {
        Ok(status) => status,
        Err(Refused::Pixels(width, height)) => {
            diags.push(
                Diagnostic::warning(
                    path,
                    None,
                    format!(
                        "the image is {width}×{height} pixels; the limit is {MAX_MEGAPIXELS} megapixels; it is not published"
                    ),
                )
                .with_hint("make it smaller (a phone's photo has about 12 megapixels) and list that file instead"),
            );
            ImageStatus::Withheld
        }
        Err(Refused::Unclean(why)) if super::is_svg(name) => {
            diags.push(
                Diagnostic::warning(
                    path,
                    None,
                    format!(
                        "{why}; it is published as text (`{}`), not as an image",
                        text_name(name)
                    ),
                )
                .with_hint("save the drawing again as plain SVG, or export it as PNG"),
            );
            ImageStatus::Active
        }
        Err(Refused::Unclean(why)) => {
            let left_out = if published {
                "it is published as it is (privacy.publish_uncleaned_media)"
            } else {
                "it is left out of the public site"
            };
            diags.push(
                Diagnostic::warning(path, None, format!("{why}; {left_out}"))
                .with_hint("save it as JPEG or PNG (on a phone: share or export it as JPEG), then list that file instead"),
            );
            ImageStatus::Unclean
        }
    }
}

/// The image status of one file without the warning: why it is refused. An image's
/// pixels are counted from its header, before the file is read.
pub(super) fn classify(
    cache: &Cache,
    file: &Checked,
    name: &str,
    kind: MediaKind,
) -> Result<ImageStatus, Refused> {
    if uncleanable(name) {
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        return Err(Refused::Unclean(format!(
            "pathfolio cannot remove location and camera data from .{ext} images"
        )));
    }
    let (format, width, height) = match probe(file, name).map_err(Refused::Unclean)? {
        Some(header) => header,
        None if kind == MediaKind::Image => {
            return Err(Refused::Unclean(
                "this is not a JPEG, PNG, WebP, GIF or SVG image, whatever its name says".into(),
            ));
        }
        None => return Ok(ImageStatus::NotAnImage),
    };
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refused::Pixels(width, height));
    }
    let bytes = file
        .read()
        .map_err(|e| Refused::Unclean(format!("cannot read the file: {e}")))?;
    let hash = hash(&bytes);
    if cache.get(&clean_name(&hash, format)).is_none() {
        let cleaned = clean(format, &bytes).map_err(Refused::Unclean)?;
        cache.put(&clean_name(&hash, format), &cleaned);
    }
    Ok(ImageStatus::Ready(ImageFacts {
        format,
        width,
        height,
        hash,
    }))
}

/// The cache name of the clean, full-size copy of an image.
pub(super) fn clean_name(hash: &str, format: Format) -> String {
    format!("{hash}.{}", format.ext())
}
