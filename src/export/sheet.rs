//! `pathfolio export sheet PLAYLIST/ITEM`: a spreadsheet for scoring one checkpoint,
//! a row per evidence item that completes it and a column per rubric criterion. The
//! teacher fills it in and `pathfolio import scores` reads it back (`import::scores`).
//!
//! A row of work already scored carries its latest assessment (date, scores,
//! feedback), so importing the sheet unchanged adds nothing.

use crate::diag::{Diagnostic, suggest};
use crate::model::{AssessmentTarget, Course, Date, Evidence, Rubric, Student, fmt_level};

/// The columns before the criteria.
pub const LEADING: [&str; 5] = ["student", "name", "evidence", "submitted", "assessed"];
/// The columns after the criteria.
pub const TRAILING: [&str; 2] = ["feedback", "note"];

/// Which rows the sheet has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// Every evidence item that completes the checkpoint.
    Submitted,
    /// Only those without an assessment yet.
    Ungraded,
    /// Every item, and a row for each student who has none.
    All,
}

/// A criterion's column: its id and the rubric's levels, lowest first
/// (`accuracy (1, 2, 3, 4)`), so the levels are in front of the teacher.
pub fn criterion_header(id: &str, levels: &[f64]) -> String {
    let mut levels: Vec<f64> = levels.to_vec();
    levels.sort_by(f64::total_cmp);
    let levels: Vec<String> = levels.into_iter().map(fmt_level).collect();
    format!("{id} ({})", levels.join(", "))
}

/// The criterion id of a column header written by [`criterion_header`].
pub fn criterion_of(header: &str) -> &str {
    header.split(" (").next().unwrap_or(header).trim()
}

/// The sheet as rows of cells, the header first.
pub fn sheet(course: &Course, target: &str, rows: Rows) -> Result<Vec<Vec<String>>, Diagnostic> {
    let rubric = checkpoint(course, target)?;
    // Work not scored yet is assessed "today": the course's build date.
    let today = course.config.today;
    let mut header: Vec<String> = LEADING.iter().map(|s| s.to_string()).collect();
    header.extend(
        rubric
            .criteria
            .iter()
            .map(|c| criterion_header(&c.id, &rubric.levels)),
    );
    header.extend(TRAILING.iter().map(|s| s.to_string()));
    let mut out = vec![header];
    for student in &course.students {
        let mut work: Vec<&Evidence> = student
            .evidence
            .iter()
            .filter(|e| e.completes.iter().any(|c| c == target))
            .collect();
        work.sort_by_key(|e| (e.date, e.slug.clone()));
        for e in &work {
            let latest = latest(student, &e.slug, &rubric.slug);
            if rows == Rows::Ungraded && assessed(student, &e.slug) {
                continue;
            }
            out.push(row(student, Some(e), latest, rubric, today));
        }
        if work.is_empty() && rows == Rows::All {
            out.push(row(student, None, None, rubric, today));
        }
    }
    Ok(out)
}

/// The rubric of the item `PLAYLIST/ITEM`.
fn checkpoint<'a>(course: &'a Course, target: &str) -> Result<&'a Rubric, Diagnostic> {
    let problem = |message: String, hint: String| {
        Err(Diagnostic::error(course.root.join("playlists"), None, message).with_hint(hint))
    };
    let Some((slug, id)) = target.split_once('/') else {
        return problem(
            format!("`{target}` does not name a playlist item"),
            "write PLAYLIST/ITEM, such as `food-webs/checkpoint-1`".into(),
        );
    };
    let Some(playlist) = course.playlist(slug) else {
        let hint = suggest(slug, course.playlists.iter().map(|p| p.slug.as_str()))
            .unwrap_or_else(|| "use a playlist's file name".into());
        return problem(format!("there is no playlist `{slug}`"), hint);
    };
    let Some(item) = playlist.items().find(|i| i.id == id) else {
        let ids: Vec<&str> = playlist.items().map(|i| i.id.as_str()).collect();
        let hint = suggest(id, ids.iter().copied()).unwrap_or_else(|| "use an item's `id`".into());
        return problem(format!("the playlist `{slug}` has no item `{id}`"), hint);
    };
    let Some(rubric) = item.rubric.as_deref().and_then(|r| course.rubric(r)) else {
        let with: Vec<String> = course
            .playlists
            .iter()
            .flat_map(|p| {
                p.items()
                    .filter(|i| i.rubric.is_some())
                    .map(move |i| format!("{}/{}", p.slug, i.id))
            })
            .collect();
        return problem(
            format!("the item `{target}` has no rubric, so there is nothing to score in columns"),
            if with.is_empty() {
                "give the checkpoint `rubric: SLUG` in its playlist".into()
            } else {
                format!("items with a rubric: {}", with.join(", "))
            },
        );
    };
    Ok(rubric)
}

/// Whether the teacher has assessed the evidence item at all (one rule with the
/// teacher's to-grade queue).
pub use crate::compute::grading::assessed;

/// An assessment as a sheet row shows it.
#[derive(Clone, Copy)]
struct Scored<'a> {
    date: Date,
    scores: &'a [(String, f64)],
    feedback: &'a str,
    note: &'a str,
}

/// The newest assessment of the item with this rubric.
fn latest<'a>(student: &'a Student, slug: &str, rubric: &str) -> Option<Scored<'a>> {
    student
        .assessments
        .iter()
        .rev()
        .find_map(|a| match &a.target {
            AssessmentTarget::Evidence {
                evidence,
                scores: Some(s),
                feedback,
            } if evidence == slug && s.rubric == rubric => Some(Scored {
                date: a.date,
                scores: s.scores.as_slice(),
                feedback: feedback.as_str(),
                note: a.note.as_str(),
            }),
            _ => None,
        })
}

fn row(
    student: &Student,
    evidence: Option<&Evidence>,
    latest: Option<Scored>,
    rubric: &Rubric,
    today: Date,
) -> Vec<String> {
    let mut cells = vec![
        student.id.clone(),
        student.name.clone(),
        evidence.map_or(String::new(), |e| e.slug.clone()),
        evidence.map_or(String::new(), |e| e.date.to_string()),
        latest.map_or(today, |l| l.date).to_string(),
    ];
    for c in &rubric.criteria {
        let score = latest.and_then(|l| l.scores.iter().find(|(id, _)| id == &c.id));
        cells.push(score.map_or(String::new(), |(_, s)| fmt_level(*s)));
    }
    cells.push(latest.map_or(String::new(), |l| l.feedback.to_string()));
    cells.push(latest.map_or(String::new(), |l| l.note.to_string()));
    cells
}

/// RFC 4180 CSV with CRLF line ends; text a spreadsheet would run is defused.
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| super::defuse(c).into_owned()));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
