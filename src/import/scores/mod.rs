//! `pathfolio import scores FILE.csv`: a filled-in sheet of `export sheet` into the
//! teacher's `assessments/<id>.yaml` files (SPEC §2.8).
//!
//! Every cell is checked first (the student, the evidence item, the date, each score
//! against the rubric's levels); with any problem nothing is written. A row without
//! scores is skipped; a row the files already hold (same evidence or standard, rubric,
//! date and scores) is skipped, so importing a sheet twice changes nothing; any other
//! row is a new, dated assessment appended to the file, never an edit of an old one.

mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Pos, suggest};
use crate::export::sheet::{LEADING, TRAILING, criterion_of};
use crate::import::table::{Row, Table};
use crate::model::{AssessmentTarget, Course, Date, Rubric, Student, fmt_level};
pub use yaml::Entry;

/// Why an import cannot go on.
#[derive(Debug)]
pub enum Failure {
    /// The course's own files have errors; scores are checked against them.
    Course(Diagnostics),
    /// The sheet or the command line has problems.
    Input(Diagnostics),
}

/// `import scores FILE`: the course at `dir` is loaded and the sheet checked against it.
pub fn from_sheet(
    dir: &Path,
    file: &Path,
    rubric: Option<&str>,
    today: Date,
) -> Result<Plan, Failure> {
    let course = teacher_course(dir)?;
    let mut plan = plan(&course, file, rubric, today).map_err(Failure::Input)?;
    plan.dir = crate::load::Places::read(dir).assessments;
    Ok(plan)
}

/// `new assessment`: the course at `dir` is loaded and the assessment checked against it.
pub fn from_command_line(dir: &Path, a: &ByHand, today: Date) -> Result<Plan, Failure> {
    let course = teacher_course(dir)?;
    let mut plan = by_hand(&course, a, today).map_err(Failure::Input)?;
    plan.dir = crate::load::Places::read(dir).assessments;
    Ok(plan)
}

/// The whole course, as the teacher sees it.
fn teacher_course(dir: &Path) -> Result<Course, Failure> {
    let (course, diags) = crate::pipeline::load_course(dir);
    if diags.has_errors() {
        return Err(Failure::Course(diags));
    }
    Ok(course)
}

/// What an import will write, worked out before anything is written.
#[derive(Debug, Default)]
pub struct Plan {
    /// The assessments folder the entries go to.
    pub dir: PathBuf,
    /// New assessments by student id, in sheet order.
    pub entries: BTreeMap<String, Vec<Entry>>,
    /// Rows without any score.
    pub empty: usize,
    /// Rows the files already hold.
    pub already: usize,
}

impl Plan {
    pub fn added(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    /// Appends each student's new assessments to their file.
    pub fn write(&self) -> Result<Vec<PathBuf>, Diagnostic> {
        let dir = self.dir.as_path();
        let fail = |path: &Path, e: std::io::Error| {
            Diagnostic::error(path, None, format!("cannot write it: {e}"))
        };
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        let mut written = Vec::new();
        for (student, entries) in &self.entries {
            let path = dir.join(format!("{student}.yaml"));
            let old = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => return Err(fail(&path, e)),
            };
            crate::write::replace_file(&path, yaml::append(&old, entries).as_bytes())
                .map_err(|e| fail(&path, e))?;
            written.push(path);
        }
        Ok(written)
    }

    /// Adds `entry` for `student` unless the files (or an earlier row) hold it.
    fn add(&mut self, student: &Student, entry: Entry) {
        let planned = self.entries.get(&student.id);
        if holds(student, &entry) || planned.is_some_and(|p| p.contains(&entry)) {
            self.already += 1;
        } else {
            self.entries
                .entry(student.id.clone())
                .or_default()
                .push(entry);
        }
    }
}

/// Whether the student's assessments already hold this one (feedback aside).
fn holds(student: &Student, entry: &Entry) -> bool {
    student
        .assessments
        .iter()
        .any(|a| match (&a.target, entry) {
            (
                AssessmentTarget::Evidence {
                    evidence,
                    scores: Some(s),
                    ..
                },
                Entry::Evidence {
                    evidence: e,
                    rubric,
                    date,
                    scores,
                    ..
                },
            ) => {
                evidence == e
                    && &s.rubric == rubric
                    && a.date == *date
                    && same_scores(&s.scores, scores)
            }
            (
                AssessmentTarget::Standard {
                    standard, level, ..
                },
                Entry::Standard {
                    standard: st,
                    date,
                    level: l,
                    ..
                },
            ) => standard == st && a.date == *date && level == l,
            _ => false,
        })
}

fn same_scores(a: &[(String, f64)], b: &[(String, f64)]) -> bool {
    let sorted = |s: &[(String, f64)]| {
        let mut v: Vec<(String, String)> =
            s.iter().map(|(c, l)| (c.clone(), fmt_level(*l))).collect();
        v.sort();
        v
    };
    sorted(a) == sorted(b)
}

/// Reads the sheet at `path` against the (validated, whole) course.
fn plan(
    course: &Course,
    path: &Path,
    rubric: Option<&str>,
    today: Date,
) -> Result<Plan, Diagnostics> {
    let table = Table::read(path).map_err(one)?;
    let sheet = Sheet::new(course, &table, rubric).map_err(one)?;
    let mut plan = Plan::default();
    let mut diags = Vec::new();
    for row in &table.rows {
        match sheet.row(row, today) {
            Ok(Some((student, entries))) => {
                for e in entries {
                    plan.add(student, e);
                }
            }
            Ok(None) => plan.empty += 1,
            Err(mut problems) => diags.append(&mut problems),
        }
    }
    if diags.is_empty() {
        return Ok(plan);
    }
    let mut all = Diagnostics::new();
    for d in diags {
        all.push(d);
    }
    Err(all.sorted())
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

/// A sheet's columns, understood: which rubric, which column is which criterion.
struct Sheet<'a> {
    course: &'a Course,
    table: &'a Table,
    rubric: &'a Rubric,
    /// (column header, criterion id) in sheet order.
    criteria: Vec<(String, String)>,
}

impl<'a> Sheet<'a> {
    fn new(
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
    fn row(
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
                            .with_hint("write the date as YYYY-MM-DD, or leave it empty for today"),
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
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

/// One assessment given on the command line (`pathfolio new assessment`), checked
/// as a one-row sheet would be.
pub struct ByHand<'a> {
    pub student: &'a str,
    pub evidence: &'a str,
    pub rubric: Option<&'a str>,
    /// `CRITERION=LEVEL`.
    pub scores: &'a [String],
    pub feedback: &'a str,
    pub note: &'a str,
    pub date: Option<&'a str>,
}

fn by_hand(course: &Course, a: &ByHand, today: Date) -> Result<Plan, Diagnostics> {
    let here = PathBuf::from("pathfolio new assessment");
    let problem = |m: String, h: String| one(Diagnostic::error(&here, None, m).with_hint(h));
    let Some(student) = course.students.iter().find(|s| s.id == a.student) else {
        let hint = suggest(a.student, course.students.iter().map(|s| s.id.as_str()))
            .unwrap_or_else(|| "use the student's id (their folder's name)".into());
        return Err(problem(
            format!("there is no student `{}`", a.student),
            hint,
        ));
    };
    let Some(evidence) = student.evidence.iter().find(|e| e.slug == a.evidence) else {
        let hint = suggest(a.evidence, student.evidence.iter().map(|e| e.slug.as_str()))
            .unwrap_or_else(|| "use the evidence item's file or folder name".into());
        return Err(problem(
            format!("`{}` has no evidence item `{}`", a.student, a.evidence),
            hint,
        ));
    };
    // The rubric: as given, else that of a checkpoint the work completes, else the
    // one the student assessed themself with.
    let from_items: Vec<&str> = evidence
        .completes
        .iter()
        .filter_map(|c| c.split_once('/'))
        .filter_map(|(p, i)| {
            course
                .playlist(p)?
                .items()
                .find(|x| x.id == i)?
                .rubric
                .as_deref()
        })
        .collect();
    let rubric = a
        .rubric
        .or(from_items.first().copied())
        .or(evidence.self_assessment.as_ref().map(|s| s.rubric.as_str()));
    let Some(rubric) = rubric.and_then(|r| course.rubric(r)).or(None) else {
        let slugs: Vec<&str> = course.rubrics.iter().map(|r| r.slug.as_str()).collect();
        return Err(problem(
            format!("which rubric scores `{}`?", a.evidence),
            match a.rubric {
                Some(r) => suggest(r, slugs.iter().copied())
                    .unwrap_or_else(|| format!("there is no rubric `{r}`")),
                None => format!(
                    "the work completes no checkpoint with a rubric; give --rubric (one of: {})",
                    slugs.join(", ")
                ),
            },
        ));
    };
    let mut given = BTreeMap::new();
    for s in a.scores {
        let Some((c, l)) = s.split_once('=') else {
            return Err(problem(
                format!("`--score {s}` is not CRITERION=LEVEL"),
                format!(
                    "such as --score {}=3",
                    rubric
                        .criteria
                        .first()
                        .map_or("accuracy", |c| c.id.as_str())
                ),
            ));
        };
        given.insert(c.trim().to_string(), l.trim().to_string());
    }
    let missing: Vec<String> = rubric
        .criteria
        .iter()
        .filter(|c| !given.contains_key(&c.id))
        .map(|c| format!("--score {}=LEVEL", c.id))
        .collect();
    if !missing.is_empty() {
        return Err(problem(
            format!(
                "give a score for each criterion of the rubric `{}`",
                rubric.slug
            ),
            format!("add {} (levels: {})", missing.join(" "), levels(rubric)),
        ));
    }
    // A one-row sheet, so the command line is checked as a sheet's cells are.
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["student".to_string(), "evidence".into(), "assessed".into()];
    let mut row = vec![
        a.student.to_string(),
        a.evidence.to_string(),
        a.date.unwrap_or("").to_string(),
    ];
    for (c, l) in &given {
        header.push(c.clone());
        row.push(l.clone());
    }
    header.extend(["feedback".into(), "note".into()]);
    row.extend([a.feedback.to_string(), a.note.to_string()]);
    let _ = w.write_record(&header);
    let _ = w.write_record(&row);
    let bytes = w.into_inner().unwrap_or_default();
    let table = Table::parse(&here, &bytes).map_err(one)?;
    let strip = |mut d: Diagnostic| {
        d.pos = None;
        d
    };
    let sheet = Sheet::new(course, &table, Some(&rubric.slug)).map_err(|d| one(strip(d)))?;
    let mut plan = Plan::default();
    match sheet.row(&table.rows[0], today) {
        Ok(Some((student, entries))) => entries.into_iter().for_each(|e| plan.add(student, e)),
        Ok(None) => plan.empty += 1,
        Err(problems) => {
            let mut all = Diagnostics::new();
            problems.into_iter().for_each(|d| all.push(strip(d)));
            return Err(all);
        }
    }
    Ok(plan)
}
