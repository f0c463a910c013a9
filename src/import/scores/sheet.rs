//! A filled-in sheet's columns and rows, understood and checked cell by cell.

use crate::diag::{Diagnostic, Pos, suggest};
use crate::export::sheet::{LEADING, TRAILING, criterion_of};
use crate::import::table::{Row, Table};
use crate::model::{Course, Date, Rubric, Student, fmt_level};

use super::Entry;

/// A sheet's columns, understood: which rubric, which column is which criterion.
pub(super) struct Sheet<'a> {
    course: &'a Course,
    table: &'a Table,
    rubric: &'a Rubric,
    /// (column header, criterion id) in sheet order.
    criteria: Vec<(String, String)>,
}

impl<'a> Sheet<'a> {
    pub(super) fn new(
        course: &'a Course,
        table: &'a Table,
        wanted: Option<&str>,
    ) -> Result<Sheet<'a>, Diagnostic> {
        table.require(&["student", "evidence", "assessed"])?;
        let fixed = |h: &str| {
            LEADING
                .iter()
                .chain(&TRAILING)
                .any(|f| f.eq_ignore_ascii_case(h))
        };
        let criteria: Vec<(String, String)> = table
            .header
            .iter()
            .filter(|h| !fixed(h))
            .map(|h| (h.clone(), criterion_of(h).to_string()))
            .collect();
        let header_error = |h: &str, message: String| {
            let column = table
                .header
                .iter()
                .position(|x| x == h)
                .map_or(1, |i| i as u32 + 1);
            Diagnostic::error(&table.path, Pos::new(1, column), message)
        };
        let rubric = match wanted {
            Some(slug) => course.rubric(slug).ok_or_else(|| {
                let hint = suggest(slug, course.rubrics.iter().map(|r| r.slug.as_str()))
                    .unwrap_or_else(|| "use a rubric's file name".into());
                Diagnostic::error(&table.path, None, format!("there is no rubric `{slug}`"))
                    .with_hint(hint)
            })?,
            None => {
                let fits: Vec<&Rubric> = course
                    .rubrics
                    .iter()
                    .filter(|r| {
                        criteria
                            .iter()
                            .all(|(_, c)| r.criteria.iter().any(|rc| &rc.id == c))
                    })
                    .collect();
                match fits.as_slice() {
                    [one] => *one,
                    [] => {
                        let (h, c) = criteria
                            .iter()
                            .find(|(_, c)| !course.rubrics.iter().any(|r| r.criteria.iter().any(|rc| &rc.id == c)))
                            .or(criteria.first())
                            .ok_or_else(|| {
                                header_error("", "the sheet has no column of scores".into())
                                    .with_hint("make the sheet with `pathfolio export sheet PLAYLIST/ITEM`")
                            })?;
                        let all: Vec<&str> = course
                            .rubrics
                            .iter()
                            .flat_map(|r| r.criteria.iter().map(|c| c.id.as_str()))
                            .collect();
                        let hint = suggest(c, all.iter().copied()).unwrap_or_else(|| {
                            "make the sheet with `pathfolio export sheet PLAYLIST/ITEM`".into()
                        });
                        return Err(header_error(h, format!("no rubric has a criterion `{c}`"))
                            .with_hint(hint));
                    }
                    many => {
                        let names: Vec<&str> = many.iter().map(|r| r.slug.as_str()).collect();
                        return Err(Diagnostic::error(
                            &table.path,
                            Pos::new(1, 1),
                            format!("these columns fit the rubrics {}", names.join(", ")),
                        )
                        .with_hint("say which with --rubric SLUG"));
                    }
                }
            }
        };
        for (h, c) in &criteria {
            if !rubric.criteria.iter().any(|rc| &rc.id == c) {
                let hint = suggest(c, rubric.criteria.iter().map(|rc| rc.id.as_str()))
                    .unwrap_or_else(|| "use the criterion ids of that rubric".into());
                return Err(header_error(
                    h,
                    format!("the rubric `{}` has no criterion `{c}`", rubric.slug),
                )
                .with_hint(hint));
            }
        }
        Ok(Sheet {
            course,
            table,
            rubric,
            criteria,
        })
    }

    /// A row's student and new assessments; None for a row without scores.
    pub(super) fn row(
        &self,
        row: &Row,
        today: Date,
    ) -> Result<Option<(&'a Student, Vec<Entry>)>, Vec<Diagnostic>> {
        let t = self.table;
        let mut problems = Vec::new();
        let mut scores = Vec::new();
        let mut empty = Vec::new();
        for (h, c) in &self.criteria {
            match t.value(row, h) {
                None => empty.push(h),
                Some(v) => match self.level(v) {
                    Some(l) => scores.push((c.clone(), l)),
                    None => problems.push(
                        t.error(
                            row,
                            h,
                            format!("`{v}` is not a level of the rubric `{}`", self.rubric.slug),
                        )
                        .with_hint(format!("its levels are {}", levels(self.rubric))),
                    ),
                },
            }
        }
        if empty.len() == self.criteria.len() {
            return Ok(None);
        }
        for h in empty {
            problems.push(
                t.error(
                    row,
                    h,
                    format!(
                        "`{}` has no score, and other criteria of this row do",
                        criterion_of(h)
                    ),
                )
                .with_hint("fill in every criterion, or clear all of the row's scores to skip it"),
            );
        }
        let id = t.cell(row, "student");
        let student = self.course.students.iter().find(|s| s.id == id);
        if student.is_none() {
            let hint = suggest(id, self.course.students.iter().map(|s| s.id.as_str()))
                .unwrap_or_else(|| "use the student's id (their folder's name)".into());
            problems.push(
                t.error(row, "student", format!("there is no student `{id}`"))
                    .with_hint(hint),
            );
        }
        let date = match t.value(row, "assessed") {
            None => Some(today),
            Some(v) => Date::parse(v)
                .map_err(|why| {
                    problems.push(
                        t.error(row, "assessed", why)
                            .with_hint("write the date as YYYY-MM-DD, or leave it empty for the course's build date"),
                    )
                })
                .ok(),
        };
        let evidence = t.value(row, "evidence");
        if let (Some(student), Some(slug)) = (student, evidence)
            && !student.evidence.iter().any(|e| e.slug == slug)
        {
            let hint = suggest(slug, student.evidence.iter().map(|e| e.slug.as_str()))
                .unwrap_or_else(|| "use the evidence item's file or folder name, or leave it empty for a score on the criteria's standards".into());
            problems.push(
                t.error(
                    row,
                    "evidence",
                    format!("`{id}` has no evidence item `{slug}`"),
                )
                .with_hint(hint),
            );
        }
        let (Some(student), Some(date), true) = (student, date, problems.is_empty()) else {
            return Err(problems);
        };
        let feedback = t.cell(row, "feedback").to_string();
        let note = t.cell(row, "note").to_string();
        let entries = match evidence {
            Some(slug) => vec![Entry::Evidence {
                evidence: slug.to_string(),
                rubric: self.rubric.slug.clone(),
                date,
                scores,
                feedback,
                note,
            }],
            None => self.on_standards(row, scores, date, feedback, note)?,
        };
        Ok(Some((student, entries)))
    }

    /// Without an evidence item, each criterion's score is a level on its standard.
    fn on_standards(
        &self,
        row: &Row,
        scores: Vec<(String, f64)>,
        date: Date,
        feedback: String,
        note: String,
    ) -> Result<Vec<Entry>, Vec<Diagnostic>> {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for (c, level) in scores {
            let criterion = self.rubric.criteria.iter().find(|rc| rc.id == c);
            match criterion.and_then(|rc| rc.standard.clone()) {
                Some(standard) => entries.push(Entry::Standard {
                    standard,
                    date,
                    level,
                    // Said once, on the first of the row's scores.
                    feedback: if entries.is_empty() {
                        feedback.clone()
                    } else {
                        String::new()
                    },
                    note: if entries.is_empty() {
                        note.clone()
                    } else {
                        String::new()
                    },
                }),
                None => {
                    let h = self
                        .criteria
                        .iter()
                        .find(|(_, x)| x == &c)
                        .map_or("evidence", |(h, _)| h.as_str());
                    problems.push(self.table.error(row, h, format!("without an evidence item a score counts on the criterion's standard, and `{c}` has none")).with_hint("write the evidence item's slug in the `evidence` column, or give the criterion `standard:` in the rubric"));
                }
            }
        }
        if problems.is_empty() {
            Ok(entries)
        } else {
            Err(problems)
        }
    }

    /// The rubric level a cell names (`3`, `2.5`, `2,5`).
    fn level(&self, cell: &str) -> Option<f64> {
        let v: f64 = cell.replace(',', ".").parse().ok()?;
        self.rubric
            .levels
            .iter()
            .copied()
            .find(|l| (l - v).abs() < 1e-9)
    }
}

/// "1, 2, 3 and 4".
pub fn levels(rubric: &Rubric) -> String {
    let mut l: Vec<f64> = rubric.levels.clone();
    l.sort_by(f64::total_cmp);
    let words: Vec<String> = l.into_iter().map(fmt_level).collect();
    crate::text::and_list(&words)
}
