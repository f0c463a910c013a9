//! View models: what templates may read (documented in docs/theming.md).
//!
//! Built from the audience-filtered course; templates never see the model itself.

use serde::Serialize;

use super::markdown::{excerpt, to_html};
use super::paths::{self, href};
use crate::audience::Policy;
use crate::model::*;
use crate::text::slugify;

#[derive(Serialize, Clone)]
pub struct SiteView {
    pub title: String,
    pub code: String,
    pub term: String,
    pub language: String,
    pub description_html: String,
    pub teachers: Vec<TeacherView>,
    pub audience: &'static str,
    pub student_id: String,
    pub show_scores: bool,
    pub has_students: bool,
    /// The student of a student build, by name (empty otherwise).
    pub student_name: String,
    pub extra: Extra,
}

#[derive(Serialize, Clone)]
pub struct TeacherView {
    pub name: String,
    pub contact: String,
}

#[derive(Serialize, Clone)]
pub struct PageView {
    pub title: String,
    pub kind: &'static str,
    pub root: String,
    pub noindex: bool,
    /// The page's absolute address (`base_url` + its path), or empty: see
    /// `render::publish::canonical`.
    pub canonical: String,
}

#[derive(Serialize, Clone)]
pub struct NavLink {
    pub title: String,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct StandardRef {
    pub code: String,
    pub statement: String,
    pub student: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct StandardView {
    #[serde(flatten)]
    pub standard: StandardRef,
    pub id: String,
    pub units: Vec<LinkView>,
    pub playlists: Vec<LinkView>,
    pub rubrics: Vec<LinkView>,
}

#[derive(Serialize)]
pub struct StandardGroup {
    pub name: String,
    pub standards: Vec<StandardView>,
}

#[derive(Serialize, Clone)]
pub struct UnitSummary {
    pub slug: String,
    pub title: String,
    pub href: String,
    pub order: i64,
    pub start: String,
    pub end: String,
    pub draft: bool,
    pub standards: Vec<String>,
}

#[derive(Serialize)]
pub struct PlaylistLink {
    pub title: String,
    pub href: String,
    pub due: String,
}

#[derive(Serialize)]
pub struct UnitView {
    #[serde(flatten)]
    pub summary: UnitSummary,
    pub body_html: String,
    pub standards: Vec<StandardRef>,
    pub essential_questions: Vec<String>,
    pub success_criteria: Vec<String>,
    pub playlists: Vec<PlaylistLink>,
    pub rubrics: Vec<LinkView>,
    pub extra: Extra,
}

#[derive(Serialize, Clone)]
pub struct ItemView {
    pub id: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub anchor: String,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    pub url: String,
    pub file_href: String,
    pub minutes: Option<u32>,
    pub required: bool,
    pub levels: Vec<String>,
    pub all_levels: bool,
    pub standards: Vec<StandardRef>,
    pub rubric: Option<LinkView>,
    pub checkpoint: bool,
}

#[derive(Serialize, Clone)]
pub struct ChoiceView {
    pub choose: u32,
    pub title: String,
    pub items: Vec<ItemView>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum EntryView {
    Item { item: Box<ItemView> },
    Choice(ChoiceView),
}

#[derive(Serialize)]
pub struct PlaylistView {
    pub slug: String,
    pub title: String,
    pub href: String,
    pub unit: Option<LinkView>,
    pub standards: Vec<StandardRef>,
    pub due: String,
    pub body_html: String,
    pub total_minutes: u32,
    pub entries: Vec<EntryView>,
    pub must_do: Vec<ItemView>,
    pub may_do: Vec<ItemView>,
    pub choice_groups: Vec<ChoiceView>,
    pub extra: Extra,
}

#[derive(Serialize)]
pub struct LevelView {
    pub level: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct CellView {
    pub level: String,
    pub descriptor: String,
}

#[derive(Serialize)]
pub struct CriterionView {
    pub id: String,
    pub title: String,
    pub standard: Option<StandardRef>,
    pub cells: Vec<CellView>,
}

#[derive(Serialize)]
pub struct RubricView {
    pub slug: String,
    pub title: String,
    pub href: String,
    pub body_html: String,
    pub levels: Vec<LevelView>,
    pub criteria: Vec<CriterionView>,
    pub used_by: Vec<LinkView>,
    pub extra: Extra,
}

#[derive(Serialize, Clone)]
pub struct StudentSummary {
    pub id: String,
    pub name: String,
    pub href: String,
    pub evidence_count: usize,
    pub featured_count: usize,
}

#[derive(Serialize)]
pub struct StudentView {
    #[serde(flatten)]
    pub summary: StudentSummary,
    pub about_html: String,
    pub interests: Vec<String>,
    pub strengths: Vec<String>,
    pub goals: Vec<String>,
    pub prefers: Vec<String>,
    pub level: String,
    pub private: serde_json::Value,
    pub extra: Extra,
    pub mastery: Option<Vec<super::learning::LevelCell>>,
    pub progress_href: String,
    pub mastery_href: String,
    /// The whole portfolio on one printable page.
    pub print_href: String,
}

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
    pub rubric: Option<LinkView>,
    pub rows: Vec<ScoreView>,
    pub feedback_html: String,
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

/// Builds views from one filtered course.
pub struct Views<'a> {
    pub course: &'a Course,
    /// What this audience is shown.
    pub policy: &'a Policy,
    /// Where links written in Markdown bodies lead in this audience's site.
    pub links: super::links::LinkMap<'a>,
    /// Mastery and progress, computed once for the whole build.
    pub computed: &'a crate::compute::Computed,
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl<'a> Views<'a> {
    pub fn site(&self) -> SiteView {
        let c = &self.course.config;
        SiteView {
            title: c.title.clone(),
            code: c.code.clone(),
            term: c.term.clone(),
            language: c.language.clone(),
            description_html: self.links.html(
                &c.description,
                2,
                &self.course.root.join("course.yaml"),
                "index.html",
            ),
            teachers: c
                .teachers
                .iter()
                .map(|t| TeacherView {
                    name: t.name.clone(),
                    contact: t.contact.clone().unwrap_or_default(),
                })
                .collect(),
            audience: self.policy.name,
            student_id: self.policy.student().unwrap_or_default().to_string(),
            show_scores: self.policy.scores,
            // A standalone portfolio has no roster page.
            has_students: !self.course.standalone && !self.course.students.is_empty(),
            student_name: self
                .policy
                .student()
                .and_then(|id| self.course.students.iter().find(|s| s.id == id))
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            extra: c.extra.clone(),
        }
    }

    pub fn standard_ref(&self, code: &str) -> StandardRef {
        let s = self.course.standard(code);
        StandardRef {
            code: code.to_string(),
            statement: s.map(|s| s.statement.clone()).unwrap_or_default(),
            student: s.map(|s| s.student.clone()).unwrap_or_default(),
            // A standalone portfolio has a standards page when it knows any standard.
            href: if s.is_some() {
                format!("standards/index.html#{}", standard_id(code))
            } else {
                String::new()
            },
        }
    }

    fn standard_refs(&self, codes: &[String]) -> Vec<StandardRef> {
        codes.iter().map(|c| self.standard_ref(c)).collect()
    }

    pub fn unit_summary(&self, u: &Unit) -> UnitSummary {
        UnitSummary {
            slug: u.slug.clone(),
            title: u.title.clone(),
            href: href(&paths::unit(&u.slug)),
            order: if u.order == i64::MAX { 0 } else { u.order },
            start: date(u.start),
            end: date(u.end),
            draft: u.draft,
            standards: u.standards.clone(),
        }
    }

    fn unit_link(&self, slug: &str) -> Option<LinkView> {
        self.course.unit(slug).map(|u| LinkView {
            title: u.title.clone(),
            href: href(&paths::unit(slug)),
        })
    }

    fn rubric_link(&self, slug: &str) -> Option<LinkView> {
        self.course.rubric(slug).map(|r| LinkView {
            title: r.title.clone(),
            href: href(&paths::rubric(slug)),
        })
    }

    pub fn standard_groups(&self) -> Vec<StandardGroup> {
        let mut groups: Vec<StandardGroup> = Vec::new();
        for s in &self.course.standards {
            let view = StandardView {
                standard: self.standard_ref(&s.code),
                id: standard_id(&s.code),
                units: self
                    .course
                    .units
                    .iter()
                    .filter(|u| u.standards.contains(&s.code))
                    .map(|u| LinkView {
                        title: u.title.clone(),
                        href: href(&paths::unit(&u.slug)),
                    })
                    .collect(),
                playlists: self
                    .course
                    .playlists
                    .iter()
                    .filter(|p| {
                        p.standards.contains(&s.code)
                            || p.items().any(|i| i.standards.contains(&s.code))
                    })
                    .map(|p| LinkView {
                        title: p.title.clone(),
                        href: href(&paths::playlist(&p.slug)),
                    })
                    .collect(),
                rubrics: self
                    .course
                    .rubrics
                    .iter()
                    .filter(|r| {
                        r.criteria
                            .iter()
                            .any(|c| c.standard.as_deref() == Some(&s.code))
                    })
                    .map(|r| LinkView {
                        title: r.title.clone(),
                        href: href(&paths::rubric(&r.slug)),
                    })
                    .collect(),
            };
            match groups.iter_mut().find(|g| g.name == s.group) {
                Some(g) => g.standards.push(view),
                None => groups.push(StandardGroup {
                    name: s.group.clone(),
                    standards: vec![view],
                }),
            }
        }
        groups
    }

    pub fn unit(&self, u: &Unit) -> UnitView {
        let standards = self.standard_refs(&u.standards);
        let success_criteria = if u.success_criteria.is_empty() {
            standards
                .iter()
                .filter(|s| !s.student.is_empty())
                .map(|s| s.student.clone())
                .collect()
        } else {
            u.success_criteria.clone()
        };
        let playlists: Vec<&Playlist> = self
            .course
            .playlists
            .iter()
            .filter(|p| p.unit.as_deref() == Some(&u.slug))
            .collect();
        let mut rubric_slugs: Vec<&str> = playlists
            .iter()
            .flat_map(|p| p.items().filter_map(|i| i.rubric.as_deref()))
            .collect();
        rubric_slugs.dedup();
        let mut seen = std::collections::BTreeSet::new();
        rubric_slugs.retain(|r| seen.insert(*r));
        UnitView {
            summary: self.unit_summary(u),
            body_html: self
                .links
                .html(&u.body, 2, &u.source, &paths::unit(&u.slug)),
            standards,
            essential_questions: u.essential_questions.clone(),
            success_criteria,
            playlists: playlists
                .iter()
                .map(|p| PlaylistLink {
                    title: p.title.clone(),
                    href: href(&paths::playlist(&p.slug)),
                    due: date(p.due),
                })
                .collect(),
            rubrics: rubric_slugs
                .iter()
                .filter_map(|r| self.rubric_link(r))
                .collect(),
            extra: u.extra.clone(),
        }
    }

    fn item(&self, p: &Playlist, i: &Item) -> ItemView {
        let levels = if i.levels.is_empty() {
            Readiness::NAMES.iter().map(|s| s.to_string()).collect()
        } else {
            i.levels.iter().map(|l| l.as_str().to_string()).collect()
        };
        ItemView {
            id: i.id.clone(),
            reference: format!("{}/{}", p.slug, i.id),
            anchor: item_anchor(&i.id),
            title: i.title.clone(),
            kind: i.kind.as_str().to_string(),
            kind_label: capitalize(i.kind.as_str()),
            url: i.url.clone().unwrap_or_default(),
            file_href: i.file.as_deref().map(href).unwrap_or_default(),
            minutes: i.minutes,
            required: i.required,
            all_levels: i.levels.is_empty() || i.levels.len() == Readiness::ALL.len(),
            levels,
            standards: self.standard_refs(&i.standards),
            rubric: i.rubric.as_deref().and_then(|r| self.rubric_link(r)),
            checkpoint: i.kind == ItemKind::Checkpoint,
        }
    }

    pub fn playlist(&self, p: &Playlist) -> PlaylistView {
        let mut entries = Vec::new();
        let (mut must_do, mut may_do, mut choice_groups) = (Vec::new(), Vec::new(), Vec::new());
        for e in &p.entries {
            match e {
                Entry::Item(i) => {
                    let v = self.item(p, i);
                    if i.required {
                        must_do.push(v.clone())
                    } else {
                        may_do.push(v.clone())
                    }
                    entries.push(EntryView::Item { item: Box::new(v) });
                }
                Entry::Choice(c) => {
                    let v = ChoiceView {
                        choose: c.choose,
                        title: c.title.clone(),
                        items: c.items.iter().map(|i| self.item(p, i)).collect(),
                    };
                    choice_groups.push(v.clone());
                    entries.push(EntryView::Choice(v));
                }
            }
        }
        PlaylistView {
            slug: p.slug.clone(),
            title: p.title.clone(),
            href: href(&paths::playlist(&p.slug)),
            unit: p.unit.as_deref().and_then(|u| self.unit_link(u)),
            standards: self.standard_refs(&p.standards),
            due: date(p.due),
            body_html: self
                .links
                .html(&p.body, 2, &p.source, &paths::playlist(&p.slug)),
            total_minutes: p.items().filter_map(|i| i.minutes).sum(),
            entries,
            must_do,
            may_do,
            choice_groups,
            extra: p.extra.clone(),
        }
    }

    pub fn rubric(&self, r: &Rubric) -> RubricView {
        RubricView {
            slug: r.slug.clone(),
            title: r.title.clone(),
            href: href(&paths::rubric(&r.slug)),
            body_html: self
                .links
                .html(&r.body, 2, &r.source, &paths::rubric(&r.slug)),
            levels: r
                .levels
                .iter()
                .map(|l| LevelView {
                    level: fmt_level(*l),
                    label: self.course.level_label(*l).unwrap_or("").to_string(),
                })
                .collect(),
            criteria: r
                .criteria
                .iter()
                .map(|c| CriterionView {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    standard: c.standard.as_deref().map(|s| self.standard_ref(s)),
                    cells: r
                        .levels
                        .iter()
                        .map(|l| {
                            let level = fmt_level(*l);
                            CellView {
                                descriptor: c.descriptors.get(&level).cloned().unwrap_or_default(),
                                level,
                            }
                        })
                        .collect(),
                })
                .collect(),
            used_by: self
                .course
                .playlists
                .iter()
                .filter(|p| p.items().any(|i| i.rubric.as_deref() == Some(&r.slug)))
                .map(|p| LinkView {
                    title: p.title.clone(),
                    href: href(&paths::playlist(&p.slug)),
                })
                .collect(),
            extra: r.extra.clone(),
        }
    }

    pub fn student_summary(&self, s: &Student) -> StudentSummary {
        StudentSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            // A standalone portfolio is the whole site: its home is the site's home.
            href: if self.course.standalone {
                "index.html".to_string()
            } else {
                href(&paths::student(&s.id))
            },
            evidence_count: s.evidence.len(),
            featured_count: s.evidence.iter().filter(|e| e.featured).count(),
        }
    }

    pub fn student(&self, s: &Student) -> StudentView {
        let scores = self.policy.scores && !self.course.standalone;
        StudentView {
            summary: self.student_summary(s),
            about_html: self.links.html(
                &s.about,
                3,
                &s.source,
                &super::links::student_home(self.course, s),
            ),
            interests: s.interests.clone(),
            strengths: s.strengths.clone(),
            goals: s.goals.clone(),
            prefers: s.prefers.iter().map(|k| k.as_str().to_string()).collect(),
            level: s.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
            private: s
                .private
                .clone()
                .unwrap_or(serde_json::Value::Object(Default::default())),
            extra: s.extra.clone(),
            mastery: scores.then(|| self.mastery_summary(s)),
            progress_href: if scores {
                href(&paths::progress(&s.id))
            } else {
                String::new()
            },
            mastery_href: if scores {
                href(&paths::mastery(&s.id))
            } else {
                String::new()
            },
            print_href: super::print::href_of(&s.id),
        }
    }

    pub fn evidence_summary(&self, s: &Student, e: &Evidence) -> EvidenceSummary {
        let dir = paths::evidence_dir(&s.id, &e.slug);
        EvidenceSummary {
            slug: e.slug.clone(),
            title: e.title.clone(),
            href: href(&paths::evidence(&s.id, &e.slug)),
            date: e.date.to_string(),
            unit: e.unit.as_deref().and_then(|u| self.unit_link(u)),
            standards: self.standard_refs(&e.standards),
            featured: e.featured,
            public: e.public,
            thumbnail: e
                .files
                .iter()
                .filter(|f| f.kind == MediaKind::Image)
                .find_map(|f| match self.media_plan(e, &dir, f) {
                    plan @ crate::media::FilePlan::Image(_) => Some(Thumbnail {
                        href: href(&format!("{dir}/{}", f.name)),
                        alt: alt_text(e, f),
                        image: crate::media::markup(&plan, crate::media::SIZES_CARD),
                    }),
                    _ => None,
                }),
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
                        rubric: scores.as_ref().and_then(|sc| self.rubric_link(&sc.rubric)),
                        rows: scores
                            .as_ref()
                            .map(|sc| self.scored(sc))
                            .unwrap_or_default(),
                        feedback_html: to_html(feedback, 4),
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
}

impl Views<'_> {
    /// What this audience gets of one evidence file (the renderer asks the same).
    fn media_plan(&self, e: &Evidence, dir: &str, f: &EvidenceFile) -> crate::media::FilePlan {
        crate::media::plan(f, e, dir, &self.course.config.media, self.policy)
    }
}

/// The note on a student's file published as text (see `media::active`).
pub const AS_TEXT: &str =
    "shown as text: web pages and scripts from students are not run on the site";

/// The HTML id of a standard on the standards page.
pub fn standard_id(code: &str) -> String {
    format!("std-{}", slugify(code))
}

/// The HTML id of a playlist item on its playlist's page.
pub fn item_anchor(id: &str) -> String {
    format!("item-{}", slugify(id))
}

fn alt_text(e: &Evidence, f: &EvidenceFile) -> String {
    if let Some(alt) = &f.alt {
        return alt.clone();
    }
    let stem = f.name.rsplit('/').next().unwrap_or(&f.name);
    let stem = stem.rsplit_once('.').map_or(stem, |(a, _)| a);
    format!("{} — {}", e.title, stem.replace(['-', '_'], " "))
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "1.2 MB", "340 KB", "12 bytes".
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} bytes"),
    }
}
