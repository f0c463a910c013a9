//! What templates need for `<img srcset sizes width height>` and the link to the
//! original, from an image's plan (documented in docs/theming.md).

use serde::Serialize;

use super::plan::FilePlan;
use crate::site::paths::href;

/// `sizes` of an image on an evidence page: the width of the page's column.
pub const SIZES_PAGE: &str = "(min-width: 62rem) 59rem, 100vw";
/// `sizes` of a thumbnail on a portfolio card (cards are at least 16rem wide, and
/// about 19rem in three columns on a wide screen).
pub const SIZES_CARD: &str = "(min-width: 40rem) 20rem, 100vw";

/// One `srcset` candidate: an href from the site root and its width in pixels.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct SrcView {
    pub href: String,
    pub width: u32,
}

/// The image fields of a media item or a thumbnail; empty for other files.
#[derive(Serialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageMarkup {
    /// The copies, smallest first, the shown image last; empty when there is only
    /// one size.
    pub srcset: Vec<SrcView>,
    /// The `sizes` attribute to go with `srcset` (empty without one).
    pub sizes: String,
    /// Size of the shown image (none for SVG and other files), for `width` and
    /// `height` attributes so the page does not jump while images load.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The full-size image, when this audience may download it; else empty.
    pub original_href: String,
}

/// The markup fields for a file's plan; `sizes` is one of the `SIZES_` constants.
pub fn markup(plan: &FilePlan, sizes: &str) -> ImageMarkup {
    let FilePlan::Image(p) = plan else {
        return ImageMarkup::default();
    };
    let has_size = p.shown.width > 0 && p.shown.height > 0;
    let srcset: Vec<SrcView> = if p.smaller.is_empty() {
        Vec::new()
    } else {
        p.smaller
            .iter()
            .chain(std::iter::once(&p.shown))
            .map(|s| SrcView {
                href: href(&s.path),
                width: s.width,
            })
            .collect()
    };
    ImageMarkup {
        sizes: if srcset.is_empty() {
            String::new()
        } else {
            sizes.to_string()
        },
        srcset,
        width: has_size.then_some(p.shown.width),
        height: has_size.then_some(p.shown.height),
        original_href: p
            .original
            .as_ref()
            .map(|o| href(&o.path))
            .unwrap_or_default(),
    }
}
