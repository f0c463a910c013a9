//! What `media` finds out about a file and what course.yaml says about media, as
//! plain data the model holds (an evidence file's `image`, the course's `media`);
//! `media` makes and reads these, the model and the views only carry them.

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
    /// cleaned): published as plain text (see `media::active`).
    Active,
}

/// A student's file that loses its metadata: how, and the key of its clean copy in
/// the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaFacts {
    pub container: Container,
    /// SHA-256 of the original file.
    pub hash: String,
}

/// A format whose metadata pathfolio removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Container {
    Pdf,
    /// MP3 (or AAC in ADTS) with ID3, APE and Lyrics3 tags.
    Mpeg,
    Flac,
    /// Ogg Vorbis, Opus or Speex audio.
    Ogg,
    Wav,
    /// AIFF and AIFF-C.
    Aiff,
    /// MP4, MOV, M4A, 3GP: the ISO base media file format and QuickTime.
    Mp4,
    /// WebM and Matroska (mkv, mka).
    Matroska,
    /// Word, Excel and PowerPoint files (docx, xlsx, pptx).
    Ooxml,
    /// OpenDocument files (odt, ods, odp).
    Odf,
}

impl Container {
    /// A short name for cache file names; change it (or `VERSION`) when the cleaner
    /// changes what it removes, so no old copy is reused.
    pub fn tag(self) -> &'static str {
        match self {
            Container::Pdf => "pdf",
            Container::Mpeg => "mpeg",
            Container::Flac => "flac",
            Container::Ogg => "ogg",
            Container::Wav => "wav",
            Container::Aiff => "aiff",
            Container::Mp4 => "mp4",
            Container::Matroska => "mkv",
            Container::Ooxml => "ooxml",
            Container::Odf => "odf",
        }
    }
}
