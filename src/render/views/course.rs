//! Views of the course pages: standards, units, playlists and rubrics.

use serde::Serialize;

use super::{LinkView, StandardRef, Views, capitalize, date};
use crate::model::*;
use crate::site::paths::{self, href, item_anchor, standard_id};

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
    /// The dates in words ("Tue 8 Sep"), for the text of `<time>`.
    pub start_words: String,
    pub end_words: String,
    pub draft: bool,
    pub standards: Vec<String>,
}

#[derive(Serialize)]
pub struct PlaylistLink {
    pub title: String,
    pub href: String,
    pub due: String,
    /// Must-do items outside choice groups, and minutes of the required path.
    pub must_count: usize,
    pub total_minutes: u32,
    /// The student's progress (as on the progress page) in a student build; else none.
    pub progress: Option<super::learning::PlaylistStatus>,
    pub due_words: String,
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
    /// Who has done it: teacher audience only (see `partials/done_by.html`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_by: Option<super::class::DoneBy>,
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
    pub due_words: String,
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

impl Views<'_> {
    pub fn unit_summary(&self, u: &Unit) -> UnitSummary {
        UnitSummary {
            slug: u.slug.clone(),
            title: u.title.clone(),
            href: href(&paths::unit(&u.slug)),
            order: if u.order == i64::MAX { 0 } else { u.order },
            start: date(u.start),
            end: date(u.end),
            start_words: self.words(u.start),
            end_words: self.words(u.end),
            draft: u.draft,
            standards: u.standards.clone(),
        }
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
                    must_count: p
                        .entries
                        .iter()
                        .filter(|e| matches!(e, Entry::Item(i) if i.required))
                        .count(),
                    total_minutes: crate::compute::progress::required_minutes(p),
                    progress: self.own_progress(&p.slug),
                    due_words: self.words(p.due),
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
            done_by: self.done_by(p, &i.id),
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
            due_words: self.words(p.due),
            body_html: self
                .links
                .html(&p.body, 2, &p.source, &paths::playlist(&p.slug)),
            total_minutes: crate::compute::progress::required_minutes(p),
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
}
