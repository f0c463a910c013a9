//! Views of one student's computed data: mastery, progress and next steps (the class
//! grid and the course-wide counts are in `class.rs`).

use serde::Serialize;

use super::palette::step_of;
use super::{LinkView, StandardRef, Views, capitalize};
use crate::compute::StandardMastery;
use crate::compute::mastery::Mastery;
use crate::compute::progress::{self, PlaylistProgress};
use crate::model::{Student, fmt_level};
use crate::render::chart::trend_svg;
use crate::site::paths::{self, href, item_anchor, mastery_anchor};

/// A student's level on one standard, as every page shows it.
#[derive(Serialize, Clone)]
pub struct LevelCell {
    pub code: String,
    pub href: String,
    pub assessed: bool,
    /// One decimal ("3.2"), or empty when not yet assessed.
    pub value: String,
    /// The scale label, or "Not yet assessed".
    pub label: String,
    /// The scale level it rounds down to ("3"), for CSS classes; empty if none.
    pub level: String,
    pub proficient: bool,
    /// Bar width, 0–100.
    pub percent: u32,
    /// The level's 1-based step on the scale, for the `lv-<step>` colour class; 0 if none.
    pub step: usize,
    /// The standard's id on the student's mastery page.
    pub anchor: String,
}

#[derive(Serialize)]
pub struct PointView {
    pub date: String,
    pub date_words: String,
    pub value: String,
    pub label: String,
    /// The step of the scale level it rounds down to (as LevelCell), 0 if none.
    pub step: usize,
    pub source: String,
    pub evidence: Option<LinkView>,
}

#[derive(Serialize)]
pub struct MasteryRow {
    pub standard: StandardRef,
    pub id: String,
    pub cell: LevelCell,
    pub count: usize,
    pub chart_svg_html: String,
    pub points: Vec<PointView>,
}

#[derive(Serialize)]
pub struct MasteryGroup {
    pub name: String,
    pub rows: Vec<MasteryRow>,
}

#[derive(Serialize)]
pub struct ItemLink {
    pub title: String,
    pub href: String,
    pub kind_label: String,
    pub minutes: Option<u32>,
}

#[derive(Serialize)]
pub struct ChoiceStatus {
    pub title: String,
    pub choose: u32,
    pub options: usize,
    pub chosen: Vec<String>,
    pub done: bool,
    /// "2 of 4 chosen: poster, podcast".
    pub summary: String,
}

#[derive(Serialize)]
pub struct CheckpointStatus {
    pub title: String,
    pub href: String,
    pub assessed: bool,
    /// Handed in, waiting for the teacher's score.
    pub waiting: bool,
    pub value: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct PlaylistStatus {
    pub playlist: LinkView,
    /// The student's due date (YYYY-MM-DD): their own if the teacher gave one
    /// (`own_due`), else the playlist's; and in words.
    pub due: String,
    pub due_words: String,
    pub own_due: bool,
    /// The playlist's own due date in words, when the student has their own.
    pub class_due_words: String,
    /// `finished`, `past-due`, `due-today`, `on-track` or `no-due-date`, and in words.
    pub status: &'static str,
    pub status_words: &'static str,
    /// Done on the required path (must-do items and the options a choice group asks).
    pub done_count: usize,
    /// The required path's length.
    pub total_items: usize,
    /// May-do items (and extra options) done beyond the required path.
    pub extras: usize,
    pub percent: u32,
    pub must_left: Vec<ItemLink>,
    pub choices: Vec<ChoiceStatus>,
    pub checkpoints: Vec<CheckpointStatus>,
    pub minutes_left: u32,
    pub complete: bool,
}

#[derive(Serialize)]
pub struct NextStep {
    pub title: String,
    pub href: String,
    pub kind_label: String,
    pub minutes: Option<u32>,
    pub playlist_title: String,
    pub reason: String,
}

impl Views<'_> {
    pub fn level_cell(&self, m: &StandardMastery) -> LevelCell {
        let scale = &self.course.config.mastery.scale;
        let (low, high) = (
            scale.first().map_or(1.0, |s| s.level),
            scale.last().map_or(4.0, |s| s.level),
        );
        let code = m.code.clone();
        let link = self.standard_ref(&code).href;
        let anchor = mastery_anchor(&code);
        match &m.result {
            Mastery::NotYetAssessed => LevelCell {
                code,
                href: link,
                assessed: false,
                value: String::new(),
                label: "Not yet assessed".into(),
                level: String::new(),
                proficient: false,
                percent: 0,
                step: 0,
                anchor,
            },
            Mastery::Assessed {
                value,
                label,
                level,
                proficient,
                ..
            } => LevelCell {
                code,
                href: link,
                assessed: true,
                value: format!("{value:.1}"),
                label: label.clone(),
                level: fmt_level(*level),
                proficient: *proficient,
                percent: (((value - low) / (high - low).max(1e-9)).clamp(0.0, 1.0) * 100.0).round()
                    as u32,
                step: step_of(scale, *level),
                anchor,
            },
        }
    }

    /// `s`'s mastery of every standard, from the build's computed data.
    pub(super) fn mastery_of(&self, s: &Student) -> std::borrow::Cow<'_, [StandardMastery]> {
        self.computed.mastery(self.course, s)
    }

    /// The compact summary on the portfolio home: one bar per standard with a score.
    pub fn mastery_summary(&self, s: &Student) -> Vec<LevelCell> {
        self.mastery_of(s)
            .iter()
            .map(|m| self.level_cell(m))
            .collect()
    }

    pub fn mastery_groups(&self, s: &Student) -> Vec<MasteryGroup> {
        let mut groups: Vec<MasteryGroup> = Vec::new();
        for m in self.mastery_of(s).iter() {
            let std = self.course.standard(&m.code);
            let group = std.map(|s| s.group.clone()).unwrap_or_default();
            let row = MasteryRow {
                standard: self.standard_ref(&m.code),
                id: mastery_anchor(&m.code),
                cell: self.level_cell(m),
                count: m.points.len(),
                chart_svg_html: if m.points.is_empty() {
                    String::new()
                } else {
                    trend_svg(&m.points, &self.course.config.mastery.scale, &m.code)
                },
                points: m
                    .points
                    .iter()
                    .map(|p| PointView {
                        date: p.date.to_string(),
                        date_words: self.words(Some(p.date)),
                        value: fmt_level(p.value),
                        label: self.course.level_label(p.value).unwrap_or("").to_string(),
                        step: self.step_at_or_below(p.value),
                        source: p.source.clone(),
                        evidence: p.evidence.as_ref().and_then(|slug| {
                            s.evidence
                                .iter()
                                .find(|e| &e.slug == slug)
                                .map(|e| LinkView {
                                    title: e.title.clone(),
                                    href: href(&paths::evidence(&s.id, slug)),
                                })
                        }),
                    })
                    .collect(),
            };
            match groups.iter_mut().find(|g| g.name == group) {
                Some(g) => g.rows.push(row),
                None => groups.push(MasteryGroup {
                    name: group,
                    rows: vec![row],
                }),
            }
        }
        groups
    }

    fn item_link(&self, playlist: &str, id: &str) -> Option<ItemLink> {
        let p = self.course.playlist(playlist)?;
        let i = p.items().find(|i| i.id == id)?;
        Some(ItemLink {
            title: i.title.clone(),
            href: format!("{}#{}", href(&paths::playlist(playlist)), item_anchor(id)),
            kind_label: capitalize(i.kind.as_str()),
            minutes: i.minutes,
        })
    }

    pub fn progress(&self, s: &Student) -> (Vec<PlaylistStatus>, Vec<NextStep>) {
        let prog = self.computed.progress(self.course, s);
        let mastery = self.mastery_of(s);
        let next = progress::next_steps(self.course, s, &mastery, &prog, 3)
            .into_iter()
            .filter_map(|sg| {
                let link = self.item_link(&sg.playlist, &sg.item)?;
                Some(NextStep {
                    title: link.title,
                    href: link.href,
                    kind_label: link.kind_label,
                    minutes: link.minutes,
                    playlist_title: self
                        .course
                        .playlist(&sg.playlist)
                        .map(|p| p.title.clone())
                        .unwrap_or_default(),
                    reason: sg.reason,
                })
            })
            .collect();
        let statuses = prog.iter().map(|p| self.playlist_status(p)).collect();
        (statuses, next)
    }

    /// The progress on `playlist` of the student a student build is for.
    pub fn own_progress(&self, playlist: &str) -> Option<PlaylistStatus> {
        let id = self.policy.student()?;
        let s = self.course.students.iter().find(|s| s.id == id)?;
        let prog = self.computed.progress(self.course, s);
        let pr = prog.iter().find(|p| p.playlist == playlist)?;
        Some(self.playlist_status(pr))
    }

    fn playlist_status(&self, pr: &PlaylistProgress) -> PlaylistStatus {
        let p = self.course.playlist(&pr.playlist);
        let title_of = |id: &str| {
            p.and_then(|p| p.items().find(|i| i.id == id))
                .map_or(id.to_string(), |i| i.title.clone())
        };
        let choices: Vec<ChoiceStatus> = pr
            .choices
            .iter()
            .map(|c| {
                let chosen: Vec<String> = c.chosen.iter().map(|id| title_of(id)).collect();
                let summary = if chosen.is_empty() {
                    format!("0 of {} chosen yet (choose {})", c.options, c.choose)
                } else {
                    format!(
                        "{} of {} chosen: {}",
                        chosen.len(),
                        c.options,
                        chosen.join(", ")
                    )
                };
                ChoiceStatus {
                    title: c.title.clone(),
                    choose: c.choose,
                    options: c.options,
                    done: c.chosen.len() >= c.choose as usize,
                    chosen,
                    summary,
                }
            })
            .collect();
        PlaylistStatus {
            playlist: LinkView {
                title: p.map_or(pr.playlist.clone(), |p| p.title.clone()),
                href: href(&paths::playlist(&pr.playlist)),
            },
            due: pr.due.map(|d| d.0.to_string()).unwrap_or_default(),
            due_words: self.words(pr.due.map(|d| d.0)),
            own_due: pr.due.is_some_and(|d| d.1),
            class_due_words: if pr.due.is_some_and(|d| d.1) {
                self.words(p.and_then(|p| p.due))
            } else {
                String::new()
            },
            status: pr.status.name(),
            status_words: pr.status.words(),
            done_count: pr.required_done,
            total_items: pr.required,
            extras: pr.extras_done,
            percent: pr.percent(),
            must_left: pr
                .must_left
                .iter()
                .filter_map(|id| self.item_link(&pr.playlist, id))
                .collect(),
            complete: pr.finished(),
            choices,
            checkpoints: pr
                .checkpoints
                .iter()
                .map(|c| CheckpointStatus {
                    title: title_of(&c.item),
                    href: format!(
                        "{}#{}",
                        href(&paths::playlist(&pr.playlist)),
                        item_anchor(&c.item)
                    ),
                    assessed: c.level.is_some(),
                    waiting: c.level.is_none() && c.handed_in,
                    value: c.level.map(|l| format!("{l:.1}")).unwrap_or_default(),
                    label: c
                        .level
                        .map(|l| self.label_at_or_below(l))
                        .unwrap_or_default(),
                })
                .collect(),
            minutes_left: pr.minutes_left,
        }
    }

    fn step_at_or_below(&self, value: f64) -> usize {
        let scale = &self.course.config.mastery.scale;
        scale
            .iter()
            .rposition(|s| s.level <= value + 1e-9)
            .map_or(usize::from(!scale.is_empty()), |i| i + 1)
    }

    fn label_at_or_below(&self, value: f64) -> String {
        let scale = &self.course.config.mastery.scale;
        scale
            .iter()
            .rev()
            .find(|s| s.level <= value + 1e-9)
            .or(scale.first())
            .map(|s| s.label.clone())
            .unwrap_or_default()
    }
}
