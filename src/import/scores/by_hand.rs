//! `pathfolio new assessment`: one assessment from the command line.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics, suggest};
use crate::import::table::Table;
use crate::model::{Course, Date};

use super::Plan;
use super::sheet::{Sheet, levels};

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

pub(super) fn by_hand(course: &Course, a: &ByHand, today: Date) -> Result<Plan, Diagnostics> {
    let here = PathBuf::from("pathfolio new assessment");
    let problem =
        |m: String, h: String| Diagnostics::from(Diagnostic::error(&here, None, m).with_hint(h));
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
    let table = Table::parse(&here, &bytes).map_err(Diagnostics::from)?;
    let strip = |mut d: Diagnostic| {
        d.pos = None;
        d
    };
    let sheet =
        Sheet::new(course, &table, Some(&rubric.slug)).map_err(|d| Diagnostics::from(strip(d)))?;
    let mut plan = Plan::default();
    match sheet.row(&table.rows[0], today) {
        Ok(Some((student, entries))) => entries.into_iter().for_each(|e| plan.add(student, e)),
        Ok(None) => plan.empty += 1,
        Err(problems) => {
            return Err(problems.into_iter().map(strip).collect());
        }
    }
    Ok(plan)
}
