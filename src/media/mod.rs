//! Safe, light media: what pathfolio publishes for each image, audio, video or file.
//!
//! Every image pathfolio publishes loses its metadata (EXIF with GPS, XMP, IPTC,
//! comments, text chunks) at the container level, without re-encoding; SVGs are
//! rebuilt from a strict allowlist; large images get smaller copies for `srcset`,
//! made once and kept in a content-addressed cache (`.pathfolio-cache/` in the
//! course folder). PDFs, audio, video and office documents from students' folders
//! lose their metadata too (`meta`); a student's file that cannot be cleaned is left
//! out of the public site; plain text is copied as it is.
//!
//! The work is split so that the pure parts can be shared: `inspect` (in the
//! validate stage) reads each evidence file's header once; `plan` decides, without
//! touching the disk, which files an audience gets and under which names, so views
//! and the renderer agree; `Publisher` makes the bytes.

pub(crate) mod active;
pub(crate) mod cache;
mod inspect;
pub(crate) mod markup;
pub mod meta;
mod others;
mod plan;
mod probe;
mod publish;
mod resize;
pub(crate) mod strip;
pub mod svg;

pub(crate) use inspect::inspect;
pub(crate) use markup::{ImageMarkup, SIZES_CARD, SIZES_PAGE, markup};
pub(crate) use plan::{FilePlan, plan};
pub(crate) use probe::{probe, sniff};
pub(crate) use publish::Publisher;
// The facts `inspect` finds and the course's settings are model data (an evidence
// file's `image`, the course's `media`); media makes and reads them.
pub use crate::model::media::{Format, ImageFacts, ImageStatus, MediaConfig, MetaFacts};

/// The folder, inside the course folder, where made copies are kept between builds.
pub const CACHE_DIR: &str = ".pathfolio-cache";

thread_local! {
    static DRY_RUN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While the returned guard lives, media work on this thread is only checked:
/// images are cleaned in memory to find problems, nothing is resized, and the cache
/// is neither written nor needed (the site's image files are placeholders). `check`
/// uses it, because it must write nothing and has no site to fill.
pub fn dry_run() -> DryRun {
    DRY_RUN.set(true);
    DryRun(())
}

/// Ends the dry run when dropped.
pub struct DryRun(());

impl Drop for DryRun {
    fn drop(&mut self) {
        DRY_RUN.set(false);
    }
}

/// Whether media work on this thread is only checked (see [`dry_run`]); a renderer
/// passes it on to the threads it renders on.
pub fn is_dry_run() -> bool {
    DRY_RUN.get()
}

/// Images with more pixels than this are not published: decoding one takes memory
/// in proportion (a 1.6 KB PNG can announce 10 billion pixels), and no page needs it.
pub const MAX_MEGAPIXELS: u64 = 50;

/// The most pixels an image may have (see [`MAX_MEGAPIXELS`]).
pub const MAX_PIXELS: u64 = MAX_MEGAPIXELS * 1_000_000;

/// Limits for every image decode: the header's size is checked against
/// [`MAX_PIXELS`] before, and these hold the decoder to it whatever the file says
/// later (8 bytes a pixel: 16-bit RGBA, the largest the decoders produce).
pub fn decode_limits() -> image::Limits {
    let side = u32::try_from(MAX_PIXELS).unwrap_or(u32::MAX);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    limits
}

/// The file without metadata (raster images) or rebuilt from the allowlist (SVG).
pub fn clean(format: Format, bytes: &[u8]) -> Result<Vec<u8>, String> {
    match format {
        Format::Svg => svg::sanitize(bytes),
        _ => strip::strip(bytes),
    }
}

/// Image formats that can carry location data but that pathfolio cannot clean:
/// such files are left out of the public site.
pub const UNCLEANABLE: [&str; 12] = [
    "heic", "heif", "avif", "tif", "tiff", "dng", "jxl", "cr2", "nef", "arw", "raf", "svgz",
];

/// True when a file name ends in `.svg` (any case).
pub fn is_svg(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("svg"))
}

/// True when a file name's extension is in [`UNCLEANABLE`].
pub fn uncleanable(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    UNCLEANABLE.iter().any(|u| u.eq_ignore_ascii_case(ext))
}
