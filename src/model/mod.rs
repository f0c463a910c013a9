//! Stage 2: the course as plain, validated data, keyed by stable ids.
//!
//! Relations are stored as ids (a unit's standards are codes, an evidence item's
//! `completes` are `playlist/item` refs). The model is built by `validate`, trimmed
//! by `audience`, and only read after that.

pub mod date;
mod kinds;
mod roster;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use crate::load::Checked;

pub mod mastery;
pub mod media;
pub use date::Date;
pub use kinds::{ItemKind, Readiness};
pub use mastery::{MasteryConfig, Method, ScaleLevel};
pub use media::{ImageStatus, MediaConfig};
pub use roster::{Consent, ConsentBy, RosterEntry};

/// A user's own data from `extra:`.
pub type Extra = serde_json::Value;

/// A whole course, or a student's standalone folder (then `standalone` is true and
/// the course parts are empty).
#[derive(Debug, Clone)]
pub struct Course {
    pub root: PathBuf,
    pub standalone: bool,
    pub config: CourseConfig,
    pub standards: Vec<Standard>,
    /// In course order (`order`, then slug).
    pub units: Vec<Unit>,
    pub playlists: Vec<Playlist>,
    pub rubrics: Vec<Rubric>,
    /// Sorted by id.
    pub students: Vec<Student>,
    /// Whether the course has a roster: then publishing also needs the consent on
    /// record (SPEC §2.9). Kept in every audience: it decides, it tells nothing.
    pub has_roster: bool,
    pub resources: Vec<Asset>,
    pub statics: Vec<Asset>,
    /// The course's template overrides: (file name, text).
    pub templates: Vec<(String, String)>,
    /// What was left out for problems in students' own files (SPEC §4).
    pub withheld: Vec<Withheld>,
}

/// A student, or one evidence item, left out of the site because of a problem in
/// the student's own files; the rest of the class is built as usual.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Withheld {
    pub student: String,
    /// The evidence slug; None when the whole student is left out.
    pub evidence: Option<String>,
    /// The file or folder the problems are in.
    pub path: PathBuf,
    /// Where the teacher's scores of the withheld item are (assessments file and
    /// position): they wait for the item and are left out meanwhile.
    pub scores: Vec<(PathBuf, Option<crate::diag::Pos>)>,
}

#[derive(Debug, Clone)]
pub struct CourseConfig {
    pub title: String,
    pub code: String,
    pub term: String,
    pub language: String,
    pub description: String,
    pub teachers: Vec<Teacher>,
    pub base_url: String,
    pub theme: Theme,
    pub mastery: MasteryConfig,
    pub privacy: Privacy,
    pub media: MediaConfig,
    /// The build date: what "due", "past due" and "the current unit" are measured
    /// against (`--today`, else `as_of:`, else today in `timezone:`; see
    /// `validate::course::build_date`). The only clock a site reads (SPEC §3).
    pub today: Date,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Theme {
    /// The theme built into pathfolio.
    Default,
    /// A theme folder given as a path.
    Folder(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Teacher {
    pub name: String,
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameStyle {
    Full,
    FirstNameLastInitial,
    FirstName,
    Pseudonym,
}

impl NameStyle {
    pub const NAMES: [&'static str; 4] =
        ["full", "first_name_last_initial", "first_name", "pseudonym"];

    pub fn from_name(s: &str) -> Option<NameStyle> {
        Some(match s {
            "full" => NameStyle::Full,
            "first_name_last_initial" => NameStyle::FirstNameLastInitial,
            "first_name" => NameStyle::FirstName,
            "pseudonym" => NameStyle::Pseudonym,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Privacy {
    pub names: NameStyle,
    pub show_scores_public: bool,
    pub index_student_pages: bool,
}

#[derive(Debug, Clone)]
pub struct Standard {
    pub code: String,
    pub statement: String,
    /// The "I can" statement.
    pub student: String,
    pub group: String,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub slug: String,
    /// The Markdown file it was read from; links in its body are relative to it.
    pub source: PathBuf,
    pub title: String,
    pub order: i64,
    pub standards: Vec<String>,
    pub essential_questions: Vec<String>,
    pub success_criteria: Vec<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub draft: bool,
    pub body: String,
    /// Files beside a folder-form unit's index.md, copied next to its page.
    pub assets: Vec<Asset>,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Playlist {
    pub slug: String,
    /// The Markdown file it was read from; links in its body are relative to it.
    pub source: PathBuf,
    pub title: String,
    pub unit: Option<String>,
    pub standards: Vec<String>,
    pub due: Option<Date>,
    pub entries: Vec<Entry>,
    pub body: String,
    pub extra: Extra,
}

impl Playlist {
    /// Every item, those inside choice groups included, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.entries.iter().flat_map(|e| match e {
            Entry::Item(i) => std::slice::from_ref(i).iter(),
            Entry::Choice(c) => c.items.iter(),
        })
    }
}

#[derive(Debug, Clone)]
pub enum Entry {
    Item(Item),
    Choice(ChoiceGroup),
}

#[derive(Debug, Clone)]
pub struct ChoiceGroup {
    pub title: String,
    pub choose: u32,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub kind: ItemKind,
    pub url: Option<String>,
    /// A course resource, as its path in the site (`resources/x.pdf`).
    pub file: Option<String>,
    pub minutes: Option<u32>,
    pub required: bool,
    /// Readiness levels it suits; empty means all.
    pub levels: Vec<Readiness>,
    pub standards: Vec<String>,
    pub rubric: Option<String>,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Rubric {
    pub slug: String,
    /// The Markdown file it was read from; links in its body are relative to it.
    pub source: PathBuf,
    pub title: String,
    /// Highest first.
    pub levels: Vec<f64>,
    pub criteria: Vec<Criterion>,
    pub body: String,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub standard: Option<String>,
    /// Descriptor per level, keyed by the level as written (`"4"`).
    pub descriptors: BTreeMap<String, String>,
}

/// A student: their profile, their evidence, and the teacher's assessments of it.
#[derive(Debug, Clone)]
pub struct Student {
    pub id: String,
    /// Its profile.md; links in the about-me text are relative to it.
    pub source: PathBuf,
    /// The roster's official name when it gives one, else the profile's.
    pub name: String,
    pub pseudonym: Option<String>,
    /// The student's wish (`publish:` in the profile); with a roster the consent on
    /// record must agree (`audience::filter` decides).
    pub publish: bool,
    /// Readiness, from the roster: it may order the student's suggestions; no page
    /// a student or family reads names it.
    pub level: Option<Readiness>,
    pub interests: Vec<String>,
    pub strengths: Vec<String>,
    pub goals: Vec<String>,
    /// Modalities: the kinds of item they like.
    pub prefers: Vec<ItemKind>,
    /// The portfolio's picture: an image of their own evidence (SPEC §2.6). The
    /// audience filter drops it with the image or the item it names.
    pub avatar: Option<Avatar>,
    /// The roster entry; removed by the audience filter except for teachers.
    pub roster: Option<RosterEntry>,
    /// The student's own due dates by playlist (the roster's `extensions:`), kept
    /// wherever their progress is shown.
    pub extensions: std::collections::BTreeMap<String, Date>,
    pub about: String,
    /// Newest first.
    pub evidence: Vec<Evidence>,
    /// In date order, ties by file order.
    pub assessments: Vec<Assessment>,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub slug: String,
    /// The Markdown file it was read from; links in its body are relative to it.
    pub source: PathBuf,
    pub title: String,
    pub date: Date,
    pub unit: Option<String>,
    /// `playlist/item` refs.
    pub completes: Vec<String>,
    pub standards: Vec<String>,
    pub self_assessment: Option<RubricScores>,
    pub featured: bool,
    pub public: bool,
    pub files: Vec<EvidenceFile>,
    pub links: Vec<Link>,
    pub reflection: String,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct RubricScores {
    pub rubric: String,
    /// (criterion id, score) in the rubric's criterion order.
    pub scores: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Image,
    Audio,
    Video,
    Pdf,
    File,
}

impl MediaKind {
    /// The kind a file's extension tells.
    pub fn of(name: &str) -> MediaKind {
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" => MediaKind::Image,
            "mp3" | "ogg" | "oga" | "wav" | "m4a" | "aac" | "flac" | "opus" => MediaKind::Audio,
            "mp4" | "webm" | "ogv" | "mov" | "m4v" => MediaKind::Video,
            "pdf" => MediaKind::Pdf,
            _ => MediaKind::File,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Audio => "audio",
            MediaKind::Video => "video",
            MediaKind::Pdf => "pdf",
            MediaKind::File => "file",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EvidenceFile {
    /// Read only through [`Checked::open`]: it is the file that was checked.
    pub source: Checked,
    /// Path relative to the evidence item, with `/` separators.
    pub name: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub kind: MediaKind,
    pub size: u64,
    /// Whether it is an image that can be published clean (set by `media::inspect`).
    pub image: ImageStatus,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub title: String,
    /// None for an address that is not a web address (`javascript:`, a file path):
    /// it is shown as text, never as a link.
    pub url: Option<String>,
}

/// An image of a student's own evidence shown as their picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avatar {
    /// The evidence item's slug.
    pub evidence: String,
    /// The file's name in the item, as in [`EvidenceFile::name`].
    pub file: String,
}

/// A teacher's assessment of one student (SPEC §2.8).
#[derive(Debug, Clone)]
pub struct Assessment {
    /// File order, to break ties between equal dates.
    pub seq: usize,
    pub date: Date,
    pub target: AssessmentTarget,
    /// `playlist/item` refs this assessment marks done.
    pub completes: Vec<String>,
    /// The teacher's own note: teacher audience only, whatever the settings.
    pub note: String,
}

#[derive(Debug, Clone)]
pub enum AssessmentTarget {
    /// Scores (and feedback) on an evidence item.
    Evidence {
        evidence: String,
        scores: Option<RubricScores>,
        feedback: String,
    },
    /// A level on one standard, without an evidence item.
    Standard {
        standard: String,
        level: f64,
        /// Written to the student.
        feedback: String,
    },
}

/// A file copied into the site as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: Checked,
    /// Path in the site, `/`-separated.
    pub site_path: String,
}

impl Course {
    pub fn standard(&self, code: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.code == code)
    }
    pub fn unit(&self, slug: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.slug == slug)
    }
    pub fn playlist(&self, slug: &str) -> Option<&Playlist> {
        self.playlists.iter().find(|p| p.slug == slug)
    }
    pub fn rubric(&self, slug: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.slug == slug)
    }
    /// The scale label of a level, if the level is on the course scale.
    pub fn level_label(&self, level: f64) -> Option<&str> {
        self.config
            .mastery
            .scale
            .iter()
            .find(|s| (s.level - level).abs() < 1e-9)
            .map(|s| s.label.as_str())
    }
}

/// A level as written in files and keys: `3`, or `2.5`.
pub fn fmt_level(l: f64) -> String {
    if l.fract() == 0.0 && l.abs() < 1e15 {
        format!("{}", l as i64)
    } else {
        format!("{l}")
    }
}
