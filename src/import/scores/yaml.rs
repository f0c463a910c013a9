//! New assessments written as a teacher would write them, appended to the end of
//! `assessments/<id>.yaml`; what was there (comments included) stays byte for byte.

use crate::model::{Date, fmt_level};

/// One new entry of an assessments file (SPEC §2.8).
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// Scores of an evidence item with a rubric.
    Evidence {
        evidence: String,
        rubric: String,
        date: Date,
        /// (criterion, level) in the rubric's order.
        scores: Vec<(String, f64)>,
        feedback: String,
        note: String,
    },
    /// A level on a standard, without an evidence item.
    Standard {
        standard: String,
        date: Date,
        level: f64,
        feedback: String,
        note: String,
    },
}

impl Entry {
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        let (feedback, note) = match self {
            Entry::Evidence {
                evidence,
                rubric,
                date,
                scores,
                feedback,
                note,
            } => {
                let scores: Vec<String> = scores
                    .iter()
                    .map(|(c, l)| format!("{}: {}", scalar(c), fmt_level(*l)))
                    .collect();
                out.push_str(&format!("- evidence: {}\n", scalar(evidence)));
                out.push_str(&format!("  rubric: {}\n", scalar(rubric)));
                out.push_str(&format!("  date: {date}\n"));
                out.push_str(&format!("  scores: {{ {} }}\n", scores.join(", ")));
                (feedback, note)
            }
            Entry::Standard {
                standard,
                date,
                level,
                feedback,
                note,
            } => {
                out.push_str(&format!("- standard: {}\n", scalar(standard)));
                out.push_str(&format!("  date: {date}\n"));
                out.push_str(&format!("  level: {}\n", fmt_level(*level)));
                (feedback, note)
            }
        };
        for (key, text) in [("feedback", feedback), ("note", note)] {
            if !text.trim().is_empty() {
                out.push_str(&format!("  {key}: {}\n", quoted(text.trim())));
            }
        }
        out
    }
}

/// An id as it is when YAML reads it back as the same text, else quoted.
fn scalar(id: &str) -> String {
    let plain = id.chars().next().is_some_and(char::is_alphabetic)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !matches!(
            id.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain { id.to_string() } else { quoted(id) }
}

/// A YAML double-quoted string; JSON's string syntax is a subset of it, so line
/// breaks and quotes in feedback survive as `\n` and `\"`.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// `text` with `entries` added at its end.
pub fn append(text: &str, entries: &[Entry]) -> String {
    let yaml: String = entries.iter().map(Entry::to_yaml).collect();
    crate::import::list_file::append(text, &yaml)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Date {
        Date::parse("2026-10-02").unwrap()
    }

    #[test]
    fn entries_are_appended_and_what_was_there_stays() {
        let old = "# Ada\n- standard: LS2-2   # oral\n  date: 2026-09-30\n  level: 3";
        let new = append(
            old,
            &[Entry::Evidence {
                evidence: "food-web".into(),
                rubric: "model".into(),
                date: date(),
                scores: vec![("accuracy".into(), 3.0), ("true".into(), 2.5)],
                feedback: "Great \"arrows\".\nNext: label producers.".into(),
                note: String::new(),
            }],
        );
        assert_eq!(
            new,
            format!(
                "{old}\n- evidence: food-web\n  rubric: model\n  date: 2026-10-02\n  scores: {{ accuracy: 3, \"true\": 2.5 }}\n  feedback: \"Great \\\"arrows\\\".\\nNext: label producers.\"\n"
            )
        );
        assert!(new.starts_with(old));
    }

    #[test]
    fn an_empty_file_becomes_a_list() {
        let e = Entry::Standard {
            standard: "LS2-2".into(),
            date: date(),
            level: 3.0,
            feedback: String::new(),
            note: "Said it well.".into(),
        };
        for old in ["", "[]\n", "# none yet\n"] {
            let new = append(old, std::slice::from_ref(&e));
            assert!(
                new.ends_with(
                    "- standard: LS2-2\n  date: 2026-10-02\n  level: 3\n  note: \"Said it well.\"\n"
                ),
                "{new:?}"
            );
            assert!(!new.contains("[]"));
        }
    }
}
