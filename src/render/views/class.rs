//! Views of the whole class's computed data (teacher audience): the class grid,
//! each standard's counts of students by level, each playlist's counts of students
//! by progress, a unit's proficiency counts, the students page's dashboard orders,
//! and who has done each playlist item.

use serde::Serialize;

use super::learning::LevelCell;
use super::{LinkView, StandardRef, StudentSummary, Views};
use crate::compute::StandardMastery;
use crate::compute::mastery::Mastery;
use crate::model::Student;
use crate::site::paths::{self, href};
use crate::text::slugify;

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

/// Who has done one playlist item (teacher audience): the count and the names.
#[derive(Serialize, Clone)]
pub struct DoneBy {
    pub count: usize,
    /// Students in the build.
    pub of: usize,
    pub students: Vec<LinkView>,
}

/// A column heading of the dashboard that sorts the students page by it.
#[derive(Serialize)]
pub struct SortLink {
    pub title: String,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct Proficiency {
    pub standard: StandardRef,
    pub proficient: usize,
    pub total: usize,
}

impl Views<'_> {
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
                    if pp.finished() {
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

    /// Who has done the item `id` of `p` (done as progress counts it: a checkpoint
    /// once assessed), by name; None outside the teacher audience.
    pub fn done_by(&self, p: &crate::model::Playlist, id: &str) -> Option<DoneBy> {
        if !self.policy.class_pages {
            return None;
        }
        let mut students: Vec<LinkView> = self
            .course
            .students
            .iter()
            .filter(|s| {
                self.computed
                    .progress(self.course, s)
                    .iter()
                    .any(|pp| pp.playlist == p.slug && pp.done.contains(id))
            })
            .map(|s| LinkView {
                title: s.name.clone(),
                href: href(&paths::student(&s.id)),
            })
            .collect();
        students.sort_by(|a, b| a.title.cmp(&b.title));
        Some(DoneBy {
            count: students.len(),
            of: self.course.students.len(),
            students,
        })
    }

    /// The dashboard's sortable columns besides the name: past due, to grade, and
    /// each standard; `current` is the one the page is sorted by.
    pub fn dashboard_sorts(&self, current: Option<paths::StudentsSort>) -> Vec<SortLink> {
        let mut keys = vec![
            ("Past due".to_string(), paths::StudentsSort::PastDue),
            ("To grade".to_string(), paths::StudentsSort::ToGrade),
        ];
        keys.extend(
            self.course
                .standards
                .iter()
                .map(|s| (s.code.clone(), paths::StudentsSort::Standard(&s.code))),
        );
        keys.into_iter()
            .map(|(title, key)| SortLink {
                title,
                href: href(&paths::students_by(key)),
                current: current == Some(key),
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

/// The order of `rows` (from [`Views::class_rows`]) on the students page sorted by
/// `by`: most items past due or waiting for a score first, a standard's lowest
/// level first; then by name. None: by name.
pub fn dashboard_order(
    course: &crate::model::Course,
    rows: &[(ClassRow, Vec<f64>)],
    by: Option<paths::StudentsSort>,
) -> Vec<usize> {
    let count = |r: usize, f: fn(&super::TeacherFacts) -> usize| {
        rows[r].0.student.teacher.as_ref().map_or(0, f)
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    match by {
        None => {}
        Some(paths::StudentsSort::PastDue) => {
            order.sort_by_key(|&r| std::cmp::Reverse(count(r, |t| t.past_due)))
        }
        Some(paths::StudentsSort::ToGrade) => {
            order.sort_by_key(|&r| std::cmp::Reverse(count(r, |t| t.to_grade)))
        }
        Some(paths::StudentsSort::Standard(code)) => {
            let i = course.standards.iter().position(|s| s.code == code);
            return class_order(rows, i);
        }
    }
    order
}
