//! `pathfolio import scores FILE.csv`: a filled-in sheet of `export sheet` into the
//! teacher's `assessments/<id>.yaml` files (SPEC §2.8).
//!
//! Every cell is checked first (the student, the evidence item, the date, each score
//! against the rubric's levels); with any problem nothing is written. A row without
//! scores is skipped; a row the files already hold (same evidence or standard, rubric,
//! date and scores) is skipped, so importing a sheet twice changes nothing; any other
//! row is a new, dated assessment appended to the file, never an edit of an old one.

mod by_hand;
mod sheet;
mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::import::table::Table;
use crate::model::{AssessmentTarget, Course, Date, Student, fmt_level};
pub use by_hand::ByHand;
use by_hand::by_hand;
use sheet::Sheet;
pub use yaml::Entry;

/// Why an import cannot go on.
#[derive(Debug)]
pub enum Failure {
    /// The course's own files have errors; scores are checked against them.
    Course(Diagnostics),
    /// The sheet or the command line has problems.
    Input(Diagnostics),
}

/// `import scores FILE`: the sheet checked against the course at `dir`.
pub fn from_sheet(dir: &Path, file: &Path, rubric: Option<&str>) -> Result<Plan, Failure> {
    against_course(dir, |course| {
        plan(course, file, rubric, course.config.today)
    })
}

/// `new assessment`: the assessment checked against the course at `dir`.
pub fn from_command_line(dir: &Path, a: &ByHand) -> Result<Plan, Failure> {
    against_course(dir, |course| by_hand(course, a, course.config.today))
}

/// The plan `check` makes against the whole course at `dir` as the teacher sees it
/// (an empty date is the course's build date), into its assessments folder.
fn against_course(
    dir: &Path,
    check: impl FnOnce(&Course) -> Result<Plan, Diagnostics>,
) -> Result<Plan, Failure> {
    let (course, diags) = crate::pipeline::load_course(dir);
    if diags.has_errors() {
        return Err(Failure::Course(diags));
    }
    let mut plan = check(&course).map_err(Failure::Input)?;
    plan.dir = crate::load::Places::read(dir).assessments;
    Ok(plan)
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
    let table = Table::read(path).map_err(Diagnostics::from)?;
    let sheet = Sheet::new(course, &table, rubric).map_err(Diagnostics::from)?;
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
    Err(diags.into_iter().collect::<Diagnostics>().sorted())
}
