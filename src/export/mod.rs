//! Teacher data out: `export mastery` (the mastery table for a gradebook) and
//! `export sheet` (a spreadsheet for scoring one checkpoint, `sheet`).

use std::borrow::Cow;

use serde::Serialize;

pub mod sheet;

use crate::compute::mastery::Mastery;
use crate::compute::student_mastery;
use crate::model::Course;

/// One row: one student on one standard.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MasteryRow {
    pub student_id: String,
    pub name: String,
    /// The school's id and section from the roster (empty without one), so a
    /// gradebook import can match the student.
    pub sis_id: String,
    pub section: String,
    pub standard: String,
    /// One decimal, or `None` when not yet assessed.
    pub level: Option<f64>,
    pub label: String,
    pub scores: usize,
    /// Date of the last score (`YYYY-MM-DD`), empty when there is none.
    pub last_score: String,
    pub method: String,
}

/// Every student × every standard, students by id, standards in standards.yaml order.
/// Call it on the unfiltered (teacher) course: this is the teacher's own data.
pub fn mastery_rows(course: &Course) -> Vec<MasteryRow> {
    let method = course.config.mastery.method.name().to_string();
    let mut rows = Vec::new();
    for s in &course.students {
        for m in student_mastery(course, s) {
            let (level, label) = match &m.result {
                Mastery::NotYetAssessed => (None, "Not yet assessed".to_string()),
                Mastery::Assessed { value, label, .. } => (Some(*value), label.clone()),
            };
            let roster = s.roster.as_ref();
            rows.push(MasteryRow {
                student_id: s.id.clone(),
                name: s.name.clone(),
                sis_id: roster.and_then(|r| r.sis_id.clone()).unwrap_or_default(),
                section: roster.and_then(|r| r.section.clone()).unwrap_or_default(),
                standard: m.code.clone(),
                level,
                label,
                scores: m.points.len(),
                last_score: m
                    .points
                    .last()
                    .map(|p| p.date.to_string())
                    .unwrap_or_default(),
                method: method.clone(),
            });
        }
    }
    rows
}

/// RFC 4180 CSV (CRLF line ends) with a header row; opens in any spreadsheet.
/// Text fields are defused (see [`defuse`]); the two number columns are ours.
pub fn to_csv(rows: &[MasteryRow]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "student_id",
        "name",
        "sis_id",
        "section",
        "standard",
        "level",
        "label",
        "scores",
        "last_score",
        "method",
    ];
    // Writing into a Vec cannot fail; a failure would only lose rows, never panic.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record([
            defuse(&r.student_id).as_ref(),
            &defuse(&r.name),
            &defuse(&r.sis_id),
            &defuse(&r.section),
            &defuse(&r.standard),
            &r.level.map(|l| format!("{l:.1}")).unwrap_or_default(),
            &defuse(&r.label),
            &r.scores.to_string(),
            &defuse(&r.last_score),
            &defuse(&r.method),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A text field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
/// leading tab or carriage return, which some spreadsheets skip before `=`) gets a
/// `'` in front, as OWASP advises, so a student named `=HYPERLINK(…)` stays text
/// when the teacher opens the file.
pub(crate) fn defuse(field: &str) -> Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// The rows as a JSON array.
pub fn to_json(rows: &[MasteryRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str) -> MasteryRow {
        MasteryRow {
            student_id: "ada-l".into(),
            name: name.into(),
            sis_id: "=1".into(),
            section: "P3".into(),
            standard: "LS1".into(),
            level: Some(2.5),
            label: "Proficient".into(),
            scores: 3,
            last_score: "2026-01-09".into(),
            method: "mean".into(),
        }
    }

    #[test]
    fn csv_quotes_and_defuses() {
        for (name, cell) in [
            ("plain", "plain"),
            ("Lovelace, Ada", "\"Lovelace, Ada\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("-1.5", "'-1.5"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "\"'\r=1+1\""),
        ] {
            let csv = to_csv(&[row(name)]);
            let line = csv.split_once("\r\n").unwrap().1;
            assert_eq!(
                line,
                format!("ada-l,{cell},'=1,P3,LS1,2.5,Proficient,3,2026-01-09,mean\r\n"),
                "{name:?}"
            );
        }
    }
}
