//! `pathfolio export mastery`: the mastery table for a gradebook (teacher data).

use serde::Serialize;

use crate::compute::mastery::Mastery;
use crate::compute::student_mastery;
use crate::model::Course;

/// One row: one student on one standard.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MasteryRow {
    pub student_id: String,
    pub name: String,
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
            rows.push(MasteryRow {
                student_id: s.id.clone(),
                name: s.name.clone(),
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

/// RFC 4180 CSV with a header row; opens in any spreadsheet.
pub fn to_csv(rows: &[MasteryRow]) -> String {
    let mut out = String::from("student_id,name,standard,level,label,scores,last_score,method\r\n");
    for r in rows {
        let fields = [
            r.student_id.clone(),
            r.name.clone(),
            r.standard.clone(),
            r.level.map(|l| format!("{l:.1}")).unwrap_or_default(),
            r.label.clone(),
            r.scores.to_string(),
            r.last_score.clone(),
            r.method.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Quotes a field when it needs it, and defuses spreadsheet formulas (a name
/// starting with `=` must not run as a formula when the teacher opens the file).
fn csv_field(f: &str) -> String {
    let f = if f.starts_with(['=', '+', '-', '@']) && f.parse::<f64>().is_err() {
        format!("'{f}")
    } else {
        f.to_string()
    };
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f
    }
}

/// The rows as a JSON array.
pub fn to_json(rows: &[MasteryRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("Lovelace, Ada"), "\"Lovelace, Ada\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1.5"), "-1.5");
    }
}
