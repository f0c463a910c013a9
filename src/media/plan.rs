//! Which files an audience gets for one evidence file, and under which names. Pure:
//! the views (for `<img>` markup) and the renderer (for the files) ask the same
//! question and get the same answer.
//!
//! For an image `photo.jpg` in `students/ada/evidence/poster/`:
//!
//! - `photo.jpg` is the image shown: clean, and no wider than the largest
//!   `image_widths` (a larger photo is scaled down to that width);
//! - `photo.480w.jpg` (one per smaller width) are the other `srcset` copies;
//! - `photo.original.jpg` is the full-size clean image, when the original is linked
//!   and the shown image is a scaled-down copy (otherwise the shown image is the
//!   original and is linked itself).

use super::{ImageFacts, ImageStatus, MediaConfig, MetaFacts};
use crate::audience::{Policy, Uncleaned};
use crate::model::{Evidence, EvidenceFile, MediaKind};

/// What is published for one evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilePlan {
    /// Copied as it is: plain text, and (outside the public site, or with
    /// `publish_uncleaned`) files that cannot be cleaned.
    Copy,
    /// Copied without its metadata: a student's PDF, audio, video or document.
    Stripped(MetaFacts),
    /// Not published to this audience: a file that cannot be cleaned, or a file
    /// over a limit.
    Omit,
    /// A file a browser would run, copied as it is under a name that shows it as
    /// plain text (`path`, ending in `.txt`).
    Text { path: String },
    /// A clean image and its copies.
    Image(ImagePlan),
}

/// How a published image file is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The original without its metadata, at full size.
    Clean,
    /// A copy encoded anew at the file's width and height.
    Resize,
}

/// One published image file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sized {
    /// Path in the site, `/`-separated.
    pub path: String,
    /// 0 for an SVG.
    pub width: u32,
    pub height: u32,
    pub output: Output,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePlan {
    pub facts: ImageFacts,
    /// The image shown on the page, at the file's own name.
    pub shown: Sized,
    /// Smaller copies for `srcset`, smallest first.
    pub smaller: Vec<Sized>,
    /// The full-size clean image, when it is linked; may be `shown` itself.
    pub original: Option<Sized>,
}

impl ImagePlan {
    /// Every file to write, each once.
    pub fn files(&self) -> Vec<&Sized> {
        let mut out: Vec<&Sized> = vec![&self.shown];
        out.extend(&self.smaller);
        if let Some(o) = self.original.as_ref().filter(|o| o.path != self.shown.path) {
            out.push(o);
        }
        out
    }
}

/// The plan for file `f` of evidence item `e`, whose folder in the site is `dir`.
pub fn plan(
    f: &EvidenceFile,
    e: &Evidence,
    dir: &str,
    config: &MediaConfig,
    policy: &Policy,
) -> FilePlan {
    let taken = |name: &str| e.files.iter().any(|other| other.name == name);
    let facts = match &f.image {
        ImageStatus::NotAnImage => return FilePlan::Copy,
        ImageStatus::Stripped(m) => return FilePlan::Stripped(m.clone()),
        ImageStatus::Ready(facts) => facts.clone(),
        ImageStatus::Withheld => return FilePlan::Omit,
        ImageStatus::Active => {
            // A student's own file of that name wins; this one is then left out.
            let name = crate::site::paths::text_name(&f.name);
            return if taken(&name) {
                FilePlan::Omit
            } else {
                FilePlan::Text {
                    path: format!("{dir}/{name}"),
                }
            };
        }
        ImageStatus::Unchecked | ImageStatus::Unclean => {
            // An SVG not checked stays out of every site: opened on its own it could
            // run script. Other files that cannot be cleaned may go to private builds.
            // A file never inspected stays out of the public site all the same.
            let svg = super::is_svg(&f.name);
            let copied = match policy.uncleaned {
                Uncleaned::Copied => true,
                Uncleaned::Unclean => f.image == ImageStatus::Unclean,
                Uncleaned::LeftOut => false,
            };
            return if svg || !copied {
                FilePlan::Omit
            } else {
                FilePlan::Copy
            };
        }
    };
    let named = |suffix: &str| match f.name.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => format!("{stem}.{suffix}.{ext}"),
        _ => format!("{}.{suffix}", f.name),
    };
    let scaled = |w: u32| {
        let h = (u64::from(facts.height) * u64::from(w) + u64::from(facts.width) / 2)
            / u64::from(facts.width.max(1));
        (w, u32::try_from(h).unwrap_or(u32::MAX).max(1))
    };
    let resizable = facts.format.resizable() && f.kind == MediaKind::Image;
    let widths = config.widths();
    let shown_size = match widths.last() {
        Some(&max) if resizable && facts.width > max => Some(scaled(max)),
        _ => None,
    };
    let shown = match shown_size {
        Some((width, height)) => Sized {
            path: format!("{dir}/{}", f.name),
            width,
            height,
            output: Output::Resize,
        },
        None => Sized {
            path: format!("{dir}/{}", f.name),
            width: facts.width,
            height: facts.height,
            output: Output::Clean,
        },
    };
    let smaller = if resizable {
        widths
            .iter()
            .filter(|&&w| w < shown.width)
            .map(|&w| (named(&format!("{w}w")), scaled(w)))
            .filter(|(name, _)| !taken(name))
            .map(|(name, (width, height))| Sized {
                path: format!("{dir}/{name}"),
                width,
                height,
                output: Output::Resize,
            })
            .collect()
    } else {
        Vec::new()
    };
    let original = match (policy.originals, shown.output) {
        (false, _) => None,
        (true, Output::Clean) => Some(shown.clone()),
        (true, Output::Resize) => {
            let name = named("original");
            (!taken(&name)).then(|| Sized {
                path: format!("{dir}/{name}"),
                width: facts.width,
                height: facts.height,
                output: Output::Clean,
            })
        }
    };
    FilePlan::Image(ImagePlan {
        facts,
        shown,
        smaller,
        original,
    })
}
