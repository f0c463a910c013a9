//! The validate stage's look at every file a site will carry: too big, or an image
//! that cannot be cleaned. Cleaning is tried here, once, and its result kept in the
//! cache, so every problem is reported by `check` and by `build` alike, and views
//! and the renderer know which images will be there.

use std::path::Path;

use super::cache::{Cache, hash};
use super::{Format, ImageFacts, ImageStatus, MediaConfig, clean, probe, uncleanable};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::{Asset, MediaKind, Student};
use crate::render::views::human_size;

/// Sets `image` on every evidence file and reports files over the size limit and
/// images that cannot be cleaned, for the students' files and the course's own
/// (`assets`: resources, static files, unit files).
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
        size_check(config, &f.source, f.size, diags);
        let published = config.publish_uncleaned;
        f.image = status(&cache, &f.source, &f.name, f.kind, published, diags);
        if f.image == ImageStatus::NotAnImage {
            f.image = super::others::student(&cache, config, &f.source, diags);
        }
    }
    for a in assets.into_iter().filter(|a| !super::is_svg(&a.site_path)) {
        let size = std::fs::metadata(&a.source).map_or(0, |m| m.len());
        size_check(config, &a.source, size, diags);
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

fn size_check(config: &MediaConfig, path: &Path, size: u64, diags: &mut Diagnostics) {
    if size > config.max_bytes() {
        diags.push(
            Diagnostic::warning(
                path,
                Pos::START,
                format!(
                    "this file is {}, more than the {} MB allowed (media: max_file_mb); it is published anyway",
                    human_size(size),
                    config.max_file_mb
                ),
            )
            .with_hint(
                "make it smaller (a shorter or lower-resolution video, a compressed PDF), link to it instead, or raise `media: { max_file_mb: … }` in course.yaml",
            ),
        );
    }
}

/// Whether a file is an image that can be published clean, warning when it is an
/// image that cannot (which goes to the public site only when `published`).
pub(super) fn status(
    cache: &Cache,
    path: &Path,
    name: &str,
    kind: MediaKind,
    published: bool,
    diags: &mut Diagnostics,
) -> ImageStatus {
    match classify(cache, path, name, kind) {
        Ok(status) => status,
        Err(why) => {
            let svg = super::is_svg(name);
            let left_out = if svg {
                "it is left out of every site"
            } else if published {
                "it is published as it is (privacy.publish_uncleaned_media)"
            } else {
                "it is left out of the public site"
            };
            let hint = if svg {
                "save the drawing again as plain SVG, or export it as PNG"
            } else {
                "save it as JPEG or PNG (on a phone: share or export it as JPEG), then list that file instead"
            };
            diags.push(
                Diagnostic::warning(path, Pos::START, format!("{why}; {left_out}")).with_hint(hint),
            );
            ImageStatus::Unclean
        }
    }
}

/// The image status of one file without the warning: the reason it is unclean.
pub(super) fn classify(
    cache: &Cache,
    path: &Path,
    name: &str,
    kind: MediaKind,
) -> Result<ImageStatus, String> {
    if uncleanable(name) {
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        return Err(format!(
            "pathfolio cannot remove location and camera data from .{ext} images"
        ));
    }
    let (format, width, height) = match probe(path, name)? {
        Some(header) => header,
        None if kind == MediaKind::Image => {
            return Err(
                "this is not a JPEG, PNG, WebP, GIF or SVG image, whatever its name says".into(),
            );
        }
        None => return Ok(ImageStatus::NotAnImage),
    };
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let hash = hash(&bytes);
    if cache.get(&clean_name(&hash, format)).is_none() {
        let cleaned = clean(format, &bytes)?;
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
