//! roster.yaml changed as a teacher would change it by hand: a new student is a new
//! entry at the end, a new name or section replaces just that value, and every other
//! byte (the teacher's fields, comments, order) stays as it was.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::Diagnostic;
use crate::import::list_file;
use crate::load::yaml;
use crate::scaffold::yaml_quote;

/// The fields of a roster entry the school's list speaks for; the rest of the
/// entry is the teacher's and is not read here.
#[derive(Debug, Deserialize)]
struct Loose {
    id: Spanned<Scalar>,
    name: Option<Spanned<Scalar>>,
    sis_id: Option<Spanned<Scalar>>,
    section: Option<Spanned<Scalar>>,
}

/// `sis_id: 100234` and `sis_id: "100234"` are the same id.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(n) => n.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

/// One entry of the roster as it is now.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub name: Option<String>,
    pub sis_id: Option<String>,
    pub section: Option<String>,
    /// Byte ranges of the values, to replace them; and of the id's line, to add after it.
    name_at: Option<Span>,
    section_at: Option<Span>,
    sis_id_at: Option<Span>,
    id_at: Span,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

fn span<T>(s: &Spanned<T>) -> Option<Span> {
    let span = s.referenced.span();
    let start = span.byte_offset()? as usize;
    Some(Span {
        start,
        end: start + span.byte_len()? as usize,
    })
}

/// The roster's entries; an empty or missing file has none.
pub fn entries(path: &Path, text: &str) -> Result<Vec<Entry>, Diagnostic> {
    if !list_file::has_entries(text) {
        return Ok(Vec::new());
    }
    let loose: Vec<Loose> = yaml::parse(path, text, 1)?;
    loose
        .into_iter()
        .map(|l| {
            let broken = || {
                Diagnostic::error(
                    path,
                    yaml::shift(l.id.referenced, 1),
                    "this entry cannot be updated in place",
                )
                .with_hint("write the entry as a block (`- id: …` with one field per line)")
            };
            Ok(Entry {
                id: l.id.value.text(),
                name: l.name.as_ref().map(|n| n.value.text()),
                sis_id: l.sis_id.as_ref().map(|n| n.value.text()),
                section: l.section.as_ref().map(|n| n.value.text()),
                name_at: l
                    .name
                    .as_ref()
                    .map(|n| span(n).ok_or_else(broken))
                    .transpose()?,
                section_at: l
                    .section
                    .as_ref()
                    .map(|n| span(n).ok_or_else(broken))
                    .transpose()?,
                sis_id_at: l
                    .sis_id
                    .as_ref()
                    .map(|n| span(n).ok_or_else(broken))
                    .transpose()?,
                id_at: span(&l.id).ok_or_else(broken)?,
            })
        })
        .collect()
}

/// A change to the roster text.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A new value of a field of the existing entry `index`.
    Set {
        index: usize,
        field: Field,
        value: String,
    },
    /// A new entry at the end.
    Add {
        id: String,
        name: String,
        sis_id: Option<String>,
        section: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    SisId,
    Section,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::SisId => "sis_id",
            Field::Section => "section",
        }
    }
}

/// The text with `changes` made; the entries are those `entries` read from `text`.
pub fn apply(text: &str, entries: &[Entry], changes: &[Change]) -> String {
    // Edits in place, from the end of the file back, so earlier offsets stay right.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut added = String::new();
    for change in changes {
        match change {
            Change::Set {
                index,
                field,
                value,
            } => {
                let e = &entries[*index];
                let at = match field {
                    Field::Name => e.name_at,
                    Field::SisId => e.sis_id_at,
                    Field::Section => e.section_at,
                };
                match at {
                    Some(at) => edits.push((at.start, at.end, yaml_quote(value))),
                    None => edits.push(after_id(text, e.id_at, field.key(), value)),
                }
            }
            Change::Add {
                id,
                name,
                sis_id,
                section,
            } => {
                added.push_str(&format!("- id: {id}\n  name: {}\n", yaml_quote(name)));
                if let Some(s) = sis_id {
                    added.push_str(&format!("  sis_id: {}\n", yaml_quote(s)));
                }
                if let Some(s) = section {
                    added.push_str(&format!("  section: {}\n", yaml_quote(s)));
                }
            }
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, with) in edits {
        out.replace_range(start..end, &with);
    }
    if !added.is_empty() {
        if out.trim().is_empty() {
            out = HEADER.to_string();
        }
        out = list_file::append(&out, &added);
    }
    out
}

/// The top of a roster.yaml the import starts.
const HEADER: &str = "\
# The class list (roster.yaml): the teacher's file. Keep it out of any public repository.
# `pathfolio import roster` updates name, sis_id and section; every other field is yours:
#   level: approaching | meeting | exceeding      (readiness; never shown to students)
#   needs: [extended time]                        notes: …   (teacher audience only)
#   extensions: { PLAYLIST: YYYY-MM-DD }          repo: https://…
#   consent: { publish: true, photos: true, voice: true, date: YYYY-MM-DD, by: guardian }
# A student is in the public site only with consent.publish and the profile's publish: true.
";

/// A new `key: value` for an entry that has no such field: on its own line after
/// the `id:` line, lined up with `id`; or inside the braces of a flow entry.
fn after_id(text: &str, id: Span, key: &str, value: &str) -> (usize, usize, String) {
    let line_start = text[..id.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..id.start];
    if before.contains('{') {
        return (id.end, id.end, format!(", {key}: {}", yaml_quote(value)));
    }
    let key_col = before
        .rfind("id")
        .map_or(2, |i| before[..i].chars().count());
    let line_end = text[id.end..]
        .find('\n')
        .map_or(text.len(), |i| id.end + i + 1);
    let mut line = String::new();
    if line_end == text.len() && !text.ends_with('\n') {
        line.push('\n');
    }
    line.push_str(&format!(
        "{}{key}: {}\n",
        " ".repeat(key_col),
        yaml_quote(value)
    ));
    (line_end, line_end, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROSTER: &str = "# Period 3\n- id: ada-l   # the folder\n  name: Ada L\n  sis_id: 100234\n  notes: Strong in discussion.  # mine\n- {id: mateo-g, name: \"Mateo G\"}\n";

    #[test]
    fn values_are_replaced_and_added_in_place_and_the_rest_stays() {
        let path = Path::new("roster.yaml");
        let e = entries(path, ROSTER).unwrap();
        assert_eq!(e[0].sis_id.as_deref(), Some("100234"));
        assert_eq!(e[1].name.as_deref(), Some("Mateo G"));
        let changes = [
            Change::Set {
                index: 0,
                field: Field::Name,
                value: "Ada Lovelace".into(),
            },
            Change::Set {
                index: 0,
                field: Field::Section,
                value: "P3".into(),
            },
            Change::Set {
                index: 1,
                field: Field::SisId,
                value: "7".into(),
            },
            Change::Add {
                id: "zoe-b".into(),
                name: "Zoë Bravo".into(),
                sis_id: None,
                section: Some("P4".into()),
            },
        ];
        let out = apply(ROSTER, &e, &changes);
        assert_eq!(
            out,
            "# Period 3\n- id: ada-l   # the folder\n  section: \"P3\"\n  name: \"Ada Lovelace\"\n  sis_id: 100234\n  notes: Strong in discussion.  # mine\n- {id: mateo-g, sis_id: \"7\", name: \"Mateo G\"}\n- id: zoe-b\n  name: \"Zoë Bravo\"\n  section: \"P4\"\n"
        );
        let again = entries(path, &out).unwrap();
        assert_eq!(again[0].section.as_deref(), Some("P3"));
        assert_eq!(again[2].id, "zoe-b");
    }

    #[test]
    fn an_empty_roster_gets_its_first_entries() {
        let path = Path::new("roster.yaml");
        for text in ["", "# the class\n", "[]\n"] {
            let e = entries(path, text).unwrap();
            assert!(e.is_empty());
            let add = Change::Add {
                id: "a".into(),
                name: "A".into(),
                sis_id: None,
                section: None,
            };
            let out = apply(text, &e, &[add]);
            assert_eq!(entries(path, &out).unwrap().len(), 1, "{out:?}");
        }
    }
}
