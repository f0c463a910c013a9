//! The files as written: one `Raw…` struct per kind of file, strict about field
//! names (SPEC §2). Values that other files refer to keep their position
//! (`Spanned`) so a broken reference is reported where it was written.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A text value with its place in the file.
pub type Text = Spanned<String>;
/// A user's own data under `extra:`, passed to templates as it is.
pub type Extra = Option<serde_json::Value>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCourse {
    pub title: Text,
    pub code: Option<String>,
    pub term: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub teachers: Vec<RawTeacher>,
    pub base_url: Option<Text>,
    pub theme: Option<Text>,
    pub students_dir: Option<Text>,
    pub assessments_dir: Option<Text>,
    pub roster: Option<Text>,
    /// An IANA name: what "today" means for due dates (default UTC).
    pub timezone: Option<Text>,
    /// The date the site is built as of (a finished course pins its last day).
    pub as_of: Option<Text>,
    pub mastery: Option<RawMastery>,
    pub privacy: Option<RawPrivacy>,
    pub media: Option<RawMedia>,
    pub limits: Option<RawLimits>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeacher {
    pub name: String,
    pub contact: Option<String>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMastery {
    pub scale: Option<Vec<Spanned<RawScaleLevel>>>,
    pub proficient_at: Option<Spanned<f64>>,
    pub method: Option<Text>,
    pub decay_weight: Option<Spanned<f64>>,
    pub n_times: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScaleLevel {
    pub level: f64,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrivacy {
    pub names: Option<Text>,
    pub show_scores_public: Option<bool>,
    pub index_student_pages: Option<bool>,
    pub publish_uncleaned_media: Option<bool>,
}

/// `media:` in course.yaml (see `media::MediaConfig`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMedia {
    pub link_originals: Option<bool>,
    /// The old place of `limits: max_file_mb`, still read, with a warning.
    pub max_file_mb: Option<Spanned<u64>>,
    pub image_widths: Option<Vec<Spanned<u32>>>,
}

/// `limits:` in course.yaml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    pub max_file_mb: Option<Spanned<u64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStandard {
    pub code: Text,
    pub statement: String,
    pub student: Option<String>,
    pub group: Option<String>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    pub title: Text,
    pub order: Option<i64>,
    #[serde(default)]
    pub standards: Vec<Text>,
    #[serde(default)]
    pub essential_questions: Vec<String>,
    #[serde(default)]
    pub success_criteria: Vec<String>,
    pub start: Option<Text>,
    pub end: Option<Text>,
    #[serde(default)]
    pub draft: bool,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlaylist {
    pub title: Text,
    pub unit: Option<Text>,
    #[serde(default)]
    pub standards: Vec<Text>,
    pub due: Option<Text>,
    #[serde(default)]
    pub items: Vec<Spanned<RawEntry>>,
    pub extra: Extra,
}

/// A playlist entry: an item, or a choice group when `choose` or `items` is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    pub id: Option<Text>,
    pub title: Option<String>,
    pub kind: Option<Text>,
    pub url: Option<Text>,
    pub file: Option<Text>,
    pub minutes: Option<u32>,
    pub required: Option<bool>,
    #[serde(default)]
    pub levels: Vec<Text>,
    #[serde(default)]
    pub standards: Vec<Text>,
    pub rubric: Option<Text>,
    pub choose: Option<Spanned<u32>>,
    pub items: Option<Vec<Spanned<RawEntry>>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRubric {
    pub title: Text,
    pub levels: Option<Vec<Spanned<f64>>>,
    #[serde(default)]
    pub criteria: Vec<Spanned<RawCriterion>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: Text,
    pub title: String,
    pub standard: Option<Text>,
    #[serde(default)]
    pub descriptors: BTreeMap<String, Spanned<String>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub name: Text,
    pub pseudonym: Option<String>,
    pub publish: Option<bool>,
    /// The teacher's, in the roster now (SPEC §2.6): read only to say where it goes.
    pub level: Option<Text>,
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub prefers: Vec<Text>,
    /// An image of the student's own evidence for the portfolio's header:
    /// `EVIDENCE-SLUG/FILE` (SPEC §2.6).
    pub avatar: Option<Text>,
    /// The teacher's, in the roster now (SPEC §2.6): read only to say where it goes.
    pub private: Option<Spanned<serde_json::Value>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub title: Text,
    pub date: Text,
    pub unit: Option<Text>,
    #[serde(default)]
    pub completes: Vec<Text>,
    #[serde(default)]
    pub standards: Vec<Text>,
    pub self_assessment: Option<RawSelfAssessment>,
    #[serde(default)]
    pub featured: bool,
    pub public: Option<bool>,
    pub files: Option<Vec<Spanned<RawFile>>>,
    #[serde(default)]
    pub links: Vec<Spanned<RawLink>>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSelfAssessment {
    pub rubric: Text,
    #[serde(default)]
    pub scores: BTreeMap<String, Spanned<f64>>,
}

/// A file of an evidence item: a bare file name, or one with alt text and a caption.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawFile {
    Name(String),
    Described {
        file: String,
        alt: Option<String>,
        caption: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub title: Option<String>,
    pub url: String,
}

/// One entry of `assessments/<student-id>.yaml`: an evidence item scored with a
/// rubric, or a level on one standard.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub evidence: Option<Text>,
    pub rubric: Option<Text>,
    pub date: Option<Text>,
    pub scores: Option<BTreeMap<String, Spanned<f64>>>,
    pub feedback: Option<String>,
    pub standard: Option<Text>,
    pub level: Option<Spanned<f64>>,
    pub note: Option<String>,
    #[serde(default)]
    pub completes: Vec<Text>,
    pub extra: Extra,
}

/// One entry of `roster.yaml` (SPEC §2.9): what the teacher knows and decides
/// about one student.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRosterEntry {
    pub id: Text,
    pub name: Option<Text>,
    /// Text as written, also when it looks like a number (`sis_id: 00123`).
    pub sis_id: Option<Text>,
    pub section: Option<Text>,
    pub level: Option<Text>,
    #[serde(default)]
    pub needs: Vec<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub extensions: BTreeMap<String, Spanned<String>>,
    pub repo: Option<Text>,
    pub consent: Option<Spanned<RawConsent>>,
    pub extra: Extra,
}

/// `consent:` of a roster entry: the family's consent as the school recorded it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConsent {
    pub publish: Option<bool>,
    pub photos: Option<bool>,
    pub voice: Option<bool>,
    pub date: Option<Text>,
    pub by: Option<Text>,
}
