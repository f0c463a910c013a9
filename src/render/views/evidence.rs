//! Views of a student's evidence: cards, full pages, their files and scores.

use serde::Serialize;

use super::{LinkView, StandardRef, Views};
use crate::markdown::{excerpt, to_html};
use crate::model::*;
use crate::site::paths::{self, href, item_anchor};
use crate::text::human_size;

#[derive(Serialize, Clone)]
pub struct Thumbnail {
    pub href: String,
    pub alt: String,
    /// `srcset`, `sizes`, `width`, `height`, `original_href` (see `media::markup`).
    #[serde(flatten)]
    pub image: crate::media::ImageMarkup,
}

#[derive(Serialize, Clone)]
pub struct EvidenceSummary {
    pub slug: String,
    pub title: String,
    pub href: String,
    pub date: String,
    /// The date in words ("Tue 3 Oct"), for the text of `<time>`.
    pub date_words: String,
    pub unit: Option<LinkView>,
    pub standards: Vec<StandardRef>,
    pub featured: bool,
    pub public: bool,
    pub thumbnail: Option<Thumbnail>,
    pub excerpt: String,
}

#[derive(Serialize, Clone)]
pub struct MediaView {
    pub kind: &'static str,
    pub href: String,
    pub name: String,
    pub alt: String,
    pub caption: String,
    pub size: String,
    /// Why the file is shown differently, in plain words ("shown as text: …"), or
    /// empty.
    pub note: String,
    /// `srcset`, `sizes`, `width`, `height`, `original_href` (see `media::markup`).
    #[serde(flatten)]
    pub image: crate::media::ImageMarkup,
}

#[derive(Serialize, Clone)]
pub struct ExternalLink {
    pub title: String,
    /// None: shown as text (an address that is not a web address).
    pub url: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct CompletedItem {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct ScoreView {
    pub criterion: String,
    pub standard: Option<StandardRef>,
    pub level: String,
    pub label: String,
    pub descriptor: String,
}

#[derive(Serialize, Clone)]
pub struct ScoredRubric {
    pub rubric: Option<LinkView>,
    pub rows: Vec<ScoreView>,
}

#[derive(Serialize, Clone)]
pub struct AssessmentView {
    pub date: String,
    pub date_words: String,
    pub rubric: Option<LinkView>,
    pub rows: Vec<ScoreView>,
    pub feedback_html: String,
    /// The teacher's own note: empty in every build but the teacher's.
    pub note: String,
}

#[derive(Serialize, Clone)]
pub struct EvidenceView {
    #[serde(flatten)]
    pub summary: EvidenceSummary,
    pub reflection_html: String,
    /// Whether `reflection_html` has links relative to the evidence page, so that
    /// another page showing the item must render the reflection again.
    #[serde(skip)]
    pub links_from_page: bool,
    pub media: Vec<MediaView>,
    pub links: Vec<ExternalLink>,
    pub completes: Vec<CompletedItem>,
    pub self_assessment: Option<ScoredRubric>,
    pub assessments: Vec<AssessmentView>,
}

impl Views<'_> {
    pub fn evidence_summary(&self, s: &Student, e: &Evidence) -> EvidenceSummary {
        let dir = paths::evidence_dir(&s.id, &e.slug);
        EvidenceSummary {
            slug: e.slug.clone(),
            title: e.title.clone(),
            href: href(&paths::evidence(&s.id, &e.slug)),
            date: e.date.to_string(),
            date_words: self.words(Some(e.date)),
            unit: e.unit.as_deref().and_then(|u| self.unit_link(u)),
            standards: self.standard_refs(&e.standards),
            featured: e.featured,
            public: e.public,
            thumbnail: e
                .files
                .iter()
                .filter(|f| f.kind == MediaKind::Image)
                .find_map(|f| self.thumbnail(e, &dir, f, alt_text(e, f))),
            excerpt: excerpt(&e.reflection, 160),
        }
    }

    fn scored(&self, scores: &RubricScores) -> Vec<ScoreView> {
        let rubric = self.course.rubric(&scores.rubric);
        scores
            .scores
            .iter()
            .map(|(criterion, level)| {
                let c = rubric.and_then(|r| r.criteria.iter().find(|c| &c.id == criterion));
                let key = fmt_level(*level);
                ScoreView {
                    criterion: c.map_or_else(|| criterion.clone(), |c| c.title.clone()),
                    standard: c
                        .and_then(|c| c.standard.as_deref())
                        .map(|s| self.standard_ref(s)),
                    label: self.course.level_label(*level).unwrap_or("").to_string(),
                    descriptor: c
                        .and_then(|c| c.descriptors.get(&key))
                        .cloned()
                        .unwrap_or_default(),
                    level: key,
                }
            })
            .collect()
    }

    /// The view of an evidence item for its own page; `summary` is its
    /// [`Views::evidence_summary`], made once for all the student's pages.
    pub fn evidence(&self, s: &Student, e: &Evidence, summary: EvidenceSummary) -> EvidenceView {
        let dir = paths::evidence_dir(&s.id, &e.slug);
        let show_scores = self.policy.scores;
        let assessments = if show_scores {
            s.assessments
                .iter()
                .filter_map(|a| match &a.target {
                    AssessmentTarget::Evidence {
                        evidence,
                        scores,
                        feedback,
                    } if evidence == &e.slug => Some(AssessmentView {
                        date: a.date.to_string(),
                        date_words: self.words(Some(a.date)),
                        rubric: scores.as_ref().and_then(|sc| self.rubric_link(&sc.rubric)),
                        rows: scores
                            .as_ref()
                            .map(|sc| self.scored(sc))
                            .unwrap_or_default(),
                        feedback_html: to_html(feedback, 4),
                        note: a.note.clone(),
                    }),
                    _ => None,
                })
                .collect()
        } else {
            Vec::new()
        };
        let page = paths::evidence(&s.id, &e.slug);
        let (reflection_html, links_from_page) =
            self.links.html_on(&e.reflection, 3, &e.source, &page);
        EvidenceView {
            summary,
            reflection_html,
            links_from_page,
            media: e
                .files
                .iter()
                .filter_map(|f| {
                    let plan = self.media_plan(e, &dir, f);
                    let (kind, path, note) = match &plan {
                        crate::media::FilePlan::Omit => return None,
                        crate::media::FilePlan::Text { path } => {
                            (MediaKind::File, path.clone(), AS_TEXT.to_string())
                        }
                        _ => (f.kind, format!("{dir}/{}", f.name), String::new()),
                    };
                    Some(MediaView {
                        kind: kind.name(),
                        href: href(&path),
                        name: f.name.clone(),
                        alt: alt_text(e, f),
                        caption: f.caption.clone().unwrap_or_default(),
                        size: human_size(f.size),
                        note,
                        image: crate::media::markup(&plan, crate::media::SIZES_PAGE),
                    })
                })
                .collect(),
            links: e
                .links
                .iter()
                .map(|l| ExternalLink {
                    title: l.title.clone(),
                    url: l.url.clone(),
                })
                .collect(),
            completes: e
                .completes
                .iter()
                .map(|r| {
                    let (p, i) = r.split_once('/').unwrap_or((r, ""));
                    let playlist = self.course.playlist(p);
                    let title = playlist
                        .and_then(|pl| {
                            pl.items()
                                .find(|x| x.id == i)
                                .map(|x| format!("{}: {}", pl.title, x.title))
                        })
                        .unwrap_or_else(|| r.clone());
                    CompletedItem {
                        reference: r.clone(),
                        title,
                        href: if playlist.is_some() {
                            format!("{}#{}", href(&paths::playlist(p)), item_anchor(i))
                        } else {
                            String::new()
                        },
                    }
                })
                .collect(),
            self_assessment: if show_scores {
                e.self_assessment.as_ref().map(|sa| ScoredRubric {
                    rubric: self.rubric_link(&sa.rubric),
                    rows: self.scored(sa),
                })
            } else {
                None
            },
            assessments,
        }
    }

    /// What this audience gets of one evidence file (the renderer asks the same).
    /// The student's avatar as published with its evidence item, if it is; beside
    /// their name it says nothing more, so it has no alt text.
    pub fn avatar(&self, s: &Student) -> Option<Thumbnail> {
        let a = s.avatar.as_ref()?;
        let e = s.evidence.iter().find(|e| e.slug == a.evidence)?;
        let f = e.files.iter().find(|f| f.name == a.file)?;
        let dir = paths::evidence_dir(&s.id, &e.slug);
        self.thumbnail(e, &dir, f, String::new())
    }

    /// The image `f` of `e` (in the site folder `dir`) at card size, if it is
    /// published as an image.
    fn thumbnail(
        &self,
        e: &Evidence,
        dir: &str,
        f: &EvidenceFile,
        alt: String,
    ) -> Option<Thumbnail> {
        match self.media_plan(e, dir, f) {
            plan @ crate::media::FilePlan::Image(_) => Some(Thumbnail {
                href: href(&format!("{dir}/{}", f.name)),
                alt,
                image: crate::media::markup(&plan, crate::media::SIZES_CARD),
            }),
            _ => None,
        }
    }

    fn media_plan(&self, e: &Evidence, dir: &str, f: &EvidenceFile) -> crate::media::FilePlan {
        crate::media::plan(f, e, dir, &self.course.config.media, self.policy)
    }
}

/// The note on a student's file published as text (see `media::active`).
pub const AS_TEXT: &str =
    "shown as text: web pages and scripts from students are not run on the site";

fn alt_text(e: &Evidence, f: &EvidenceFile) -> String {
    if let Some(alt) = &f.alt {
        return alt.clone();
    }
    let stem = f.name.rsplit('/').next().unwrap_or(&f.name);
    let stem = stem.rsplit_once('.').map_or(stem, |(a, _)| a);
    format!("{} — {}", e.title, stem.replace(['-', '_'], " "))
}
