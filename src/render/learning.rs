//! Views of the computed data: mastery, progress, next steps and the class grid.

use serde::Serialize;

use super::chart::trend_svg;
use super::paths::{self, href};
use super::views::palette::step_of;
use super::views::{LinkView, StandardRef, StudentSummary, Views, capitalize, item_anchor};
use crate::compute::StandardMastery;
use crate::compute::mastery::Mastery;
use crate::compute::progress::{self, PlaylistProgress};
use crate::model::{Student, fmt_level};
use crate::text::slugify;

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
    pub value: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct PlaylistStatus {
    pub playlist: LinkView,
    pub due: String,
    pub done_count: usize,
    pub total_items: usize,
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

#[derive(Serialize)]
pub struct ClassRow {
    pub student: StudentSummary,
    pub cells: Vec<LevelCell>,
}

#[derive(Serialize)]
pub struct LevelCount {
    pub label: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct StandardSummary {
    pub standard: StandardRef,
    pub id: String,
    /// The grid sorted by this standard, lowest level first.
    pub sort_href: String,
    pub counts: Vec<LevelCount>,
    pub not_assessed: usize,
    pub below: Vec<StudentSummary>,
}

#[derive(Serialize)]
pub struct PlaylistCounts {
    pub playlist: LinkView,
    pub complete: usize,
    pub in_progress: usize,
    pub not_started: usize,
}

#[derive(Serialize)]
pub struct Proficiency {
    pub standard: StandardRef,
    pub proficient: usize,
    pub total: usize,
}

/// The HTML id of a standard on a student's mastery page.
pub fn mastery_anchor(code: &str) -> String {
    format!("mastery-{}", slugify(code))
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
    fn mastery_of(&self, s: &Student) -> std::borrow::Cow<'_, [StandardMastery]> {
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
        let done_count = pr.done.len();
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
            due: p
                .and_then(|p| p.due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            done_count,
            total_items: pr.total_items,
            percent: (done_count * 100).checked_div(pr.total_items).unwrap_or(0) as u32,
            must_left: pr
                .must_left
                .iter()
                .filter_map(|id| self.item_link(&pr.playlist, id))
                .collect(),
            complete: pr.must_left.is_empty() && choices.iter().all(|c| c.done),
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

    /// The class grid's rows sorted by name, each with its sort key on every
    /// standard of the course (in course order): its level, -1 when not yet
    /// assessed. Made once; [`class_order`] sorts it for each page of the grid.
    pub fn class_rows(&self) -> Vec<(ClassRow, Vec<f64>)> {
        let mut rows: Vec<(ClassRow, Vec<f64>)> = self
            .course
            .students
            .iter()
            .map(|s| {
                let ms = self.mastery_of(s);
                let keys = self
                    .course
                    .standards
                    .iter()
                    .map(|std| {
                        ms.iter()
                            .find(|m| m.code == std.code)
                            .map_or(f64::INFINITY, |m| match m.result {
                                Mastery::Assessed { value, .. } => value,
                                Mastery::NotYetAssessed => -1.0,
                            })
                    })
                    .collect();
                let row = ClassRow {
                    student: self.student_summary(s),
                    cells: ms.iter().map(|m| self.level_cell(m)).collect(),
                };
                (row, keys)
            })
            .collect();
        rows.sort_by(|a, b| a.0.student.name.cmp(&b.0.student.name));
        rows
    }

    pub fn standard_summaries(&self) -> Vec<StandardSummary> {
        let all: Vec<(&Student, std::borrow::Cow<'_, [StandardMastery]>)> = self
            .course
            .students
            .iter()
            .map(|s| (s, self.mastery_of(s)))
            .collect();
        self.course
            .standards
            .iter()
            .enumerate()
            .map(|(i, std)| {
                let mut counts: Vec<LevelCount> = self
                    .course
                    .config
                    .mastery
                    .scale
                    .iter()
                    .map(|l| LevelCount {
                        label: l.label.clone(),
                        count: 0,
                    })
                    .collect();
                let mut not_assessed = 0;
                let mut below = Vec::new();
                for (s, ms) in &all {
                    match &ms[i].result {
                        Mastery::NotYetAssessed => not_assessed += 1,
                        Mastery::Assessed {
                            label, proficient, ..
                        } => {
                            if let Some(c) = counts.iter_mut().find(|c| &c.label == label) {
                                c.count += 1;
                            }
                            if !proficient {
                                below.push(self.student_summary(s));
                            }
                        }
                    }
                }
                StandardSummary {
                    standard: self.standard_ref(&std.code),
                    id: format!("class-{}", slugify(&std.code)),
                    sort_href: paths::class_by(&std.code),
                    counts,
                    not_assessed,
                    below,
                }
            })
            .collect()
    }

    pub fn playlist_counts(&self) -> Vec<PlaylistCounts> {
        self.course
            .playlists
            .iter()
            .map(|p| {
                let (mut complete, mut in_progress, mut not_started) = (0, 0, 0);
                for s in &self.course.students {
                    let pr = self.computed.progress(self.course, s);
                    let Some(pp) = pr.iter().find(|x| x.playlist == p.slug) else {
                        continue;
                    };
                    if pp.must_left.is_empty()
                        && pp
                            .choices
                            .iter()
                            .all(|c| c.chosen.len() >= c.choose as usize)
                    {
                        complete += 1;
                    } else if pp.done.is_empty() {
                        not_started += 1;
                    } else {
                        in_progress += 1;
                    }
                }
                PlaylistCounts {
                    playlist: LinkView {
                        title: p.title.clone(),
                        href: href(&paths::playlist(&p.slug)),
                    },
                    complete,
                    in_progress,
                    not_started,
                }
            })
            .collect()
    }

    /// Per standard of a unit: how many students are proficient (teacher audience).
    pub fn unit_proficiency(&self, codes: &[String]) -> Vec<Proficiency> {
        let all: Vec<_> = self
            .course
            .students
            .iter()
            .map(|s| self.mastery_of(s))
            .collect();
        codes
            .iter()
            .map(|code| Proficiency {
                standard: self.standard_ref(code),
                proficient: all
                    .iter()
                    .filter(|ms| {
                        ms.iter().any(|m| {
                            &m.code == code
                                && matches!(
                                    m.result,
                                    Mastery::Assessed {
                                        proficient: true,
                                        ..
                                    }
                                )
                        })
                    })
                    .count(),
                total: all.len(),
            })
            .collect()
    }
}

/// The order of `rows` (from [`Views::class_rows`]) on the grid sorted by the
/// standard at `by` (lowest level first, then by name), or by name.
pub fn class_order(rows: &[(ClassRow, Vec<f64>)], by: Option<usize>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if let Some(i) = by {
        // Rows are by name already, and the sort is stable.
        let key = |r: usize| rows[r].1.get(i).copied().unwrap_or(f64::INFINITY);
        order.sort_by(|&a, &b| key(a).total_cmp(&key(b)));
    }
    order
}
