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

pub mod active;
pub(crate) mod cache;
pub mod embeds;
mod inspect;
pub mod markup;
pub mod meta;
mod others;
mod plan;
mod probe;
mod publish;
mod resize;
pub mod strip;
pub mod svg;

pub use inspect::inspect;
pub use markup::{ImageMarkup, SIZES_CARD, SIZES_PAGE, markup};
pub use plan::{FilePlan, ImagePlan, Output, Sized, plan};
pub use probe::{probe, sniff};
pub use publish::Publisher;

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

/// `media:` in course.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaConfig {
    /// Link the full-size image ("Download the original") in every audience, not
    /// only the teacher's. The linked file is full size but still without metadata.
    pub link_originals: bool,
    /// Files bigger than this are not published, with a warning (`limits:
    /// max_file_mb` in course.yaml; GitHub Pages refuses files over 100 MB).
    pub max_file_mb: u64,
    /// Widths of the copies made of large images, in pixels; the largest is also the
    /// width of the image shown on the page.
    pub image_widths: Vec<u32>,
    /// `privacy.publish_uncleaned_media`: students' files whose metadata cannot be
    /// removed go to the public site too (as they are) instead of being left out.
    pub publish_uncleaned: bool,
}

impl Default for MediaConfig {
    fn default() -> Self {
        MediaConfig {
            link_originals: false,
            max_file_mb: 100,
            image_widths: vec![480, 1200],
            publish_uncleaned: false,
        }
    }
}

impl MediaConfig {
    /// The size limit in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_file_mb.saturating_mul(1024 * 1024)
    }

    /// The configured widths, smallest first, each once.
    pub fn widths(&self) -> Vec<u32> {
        let mut w = self.image_widths.clone();
        w.sort_unstable();
        w.dedup();
        w
    }
}

/// The image formats pathfolio can publish safely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Gif,
    Svg,
}

impl Format {
    /// Formats that pathfolio makes smaller copies of. GIFs are left at their size
    /// (they are often animated, and small); SVGs scale by themselves.
    pub fn resizable(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::Webp)
    }

    /// The extension of files pathfolio writes in this format (cache names).
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
            Format::Svg => "svg",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
            Format::Gif => "GIF",
            Format::Svg => "SVG",
        }
    }
}

/// What an image file's header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFacts {
    pub format: Format,
    /// Size as shown, after the EXIF orientation is applied; 0 for an SVG.
    pub width: u32,
    pub height: u32,
    /// SHA-256 of the original file: the key of its copies in the cache.
    pub hash: String,
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

/// What can be published of a file, as `inspect` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageStatus {
    /// Not looked at yet: treated like `Unclean`, so nothing slips through.
    Unchecked,
    /// Not an image, and nothing to clean (plain text, or a course's own file):
    /// copied as it is.
    NotAnImage,
    /// A student's file that is not an image and whose metadata is removed (PDF,
    /// audio, video, office document).
    Stripped(MetaFacts),
    /// An image pathfolio can clean.
    Ready(ImageFacts),
    /// A file pathfolio cannot clean (an unknown format or a broken file): left out
    /// of the public site unless `publish_uncleaned` says otherwise.
    Unclean,
    /// Over a limit (file size, or an image's pixels): left out of every site.
    Withheld,
    /// A file a browser would run (a web page, XML, a script, an SVG that cannot be
    /// cleaned): published as plain text (see [`active`]).
    Active,
}

/// A student's file that loses its metadata: how, and the key of its clean copy in
/// the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaFacts {
    pub container: meta::Container,
    /// SHA-256 of the original file.
    pub hash: String,
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
