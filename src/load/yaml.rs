//! YAML through serde-saphyr, with its errors turned into plain-words diagnostics.

use std::path::Path;

mod explain;

use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, Location, Options};

use crate::diag::{Diagnostic, Pos};
use explain::{Place, explain, original};

/// Deepest nesting a course file may use; real files stay under ten.
const MAX_DEPTH: usize = 64;

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    // `[[[…]]]` is stopped by the scanner's own limit: the same depth, the same message.
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 100_000;
    budget.max_total_scalar_bytes = 4 * 1024 * 1024;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// Parses `yaml` found in `path` starting at file line `first_line`.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    yaml: &str,
    first_line: u32,
) -> Result<T, Diagnostic> {
    // An empty document means "no fields": treat it as an empty mapping so that
    // required fields are reported as missing rather than as a parser oddity.
    let empty = yaml.trim().is_empty();
    let source = if empty { "{}" } else { yaml };
    serde_saphyr::from_str_with_options(source, options()).map_err(|e| {
        let problem = explain(original(&e));
        // Where an alias repeats a bad value, the alias: the place that was read.
        // The stand-in `{}` of an empty document has no line of the file.
        let at = e
            .location()
            .filter(|l| !empty && l.line() > 0)
            .map(|l| (l.line(), l.column().max(1)));
        let pos = at.map(|at| {
            let (line, column) = match problem.place {
                Place::Reported => at,
                Place::FirstTab => first_tab(yaml, at.0).unwrap_or(at),
                Place::MappingStart => mapping_start(yaml, at),
                Place::OpeningQuote => open_quote(yaml, at.0).unwrap_or(at),
            };
            Pos::new(line as u32 + first_line - 1, column as u32)
        });
        Diagnostic::error(path, pos, problem.message).with_hint(problem.hint)
    })
}

/// The first tab in the indentation of a line at or after `from` (1-based), as
/// (line, column): the parser may report a tab at the value before it.
fn first_tab(yaml: &str, from: u64) -> Option<(u64, u64)> {
    yaml.lines()
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .find_map(|(i, l)| {
            let indent = &l[..l.len() - l.trim_start().len()];
            indent.find('\t').map(|c| (i as u64 + 1, c as u64 + 1))
        })
}

/// The quote that opens a value which never closes: on the nearest line at or
/// before `to` (1-based) with an odd number of `"`, the first of them.
fn open_quote(yaml: &str, to: u64) -> Option<(u64, u64)> {
    let lines: Vec<&str> = yaml.lines().take(to as usize).collect();
    lines.iter().enumerate().rev().find_map(|(i, l)| {
        let quotes = l.char_indices().filter(|&(_, c)| c == '"');
        let (count, first) = quotes.fold((0, None), |(n, f), (at, _)| (n + 1, f.or(Some(at))));
        let first = first.filter(|_| count % 2 == 1)?;
        Some((i as u64 + 1, l[..first].chars().count() as u64 + 1))
    })
}

/// Where the mapping that lacks a field starts. The parser reports a missing field
/// at the mapping's last key; the teacher looks for the mapping's first line.
fn mapping_start(yaml: &str, at: (u64, u64)) -> (u64, u64) {
    let lines: Vec<&str> = yaml.lines().collect();
    let key_col = |l: &str| {
        let t = l.trim_start();
        let dash = t.strip_prefix("- ").map(str::trim_start);
        let indent = l.len() - t.len();
        (
            indent + dash.map_or(0, |d| t.len() - d.len()) + 1,
            dash.is_some(),
        )
    };
    let Some(reported) = lines.get(at.0.saturating_sub(1) as usize) else {
        return at;
    };
    let (col, _) = key_col(reported);
    // Only a block mapping whose key starts the reported line can be walked back.
    if col as u64 != at.1 {
        return at;
    }
    let mut start = at.0 as usize;
    for i in (0..at.0 as usize).rev() {
        let l = lines[i];
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let (c, item) = key_col(l);
        if c < col {
            break;
        }
        if c == col {
            start = i + 1;
            if item {
                break;
            }
        }
    }
    (start as u64, col as u64)
}

/// A parser location shifted to the file's lines.
pub fn shift(location: Location, first_line: u32) -> Pos {
    let line = location.line().max(1) as u32;
    Pos::new(line + first_line - 1, location.column() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        standards: Vec<String>,
        order: Option<i64>,
    }

    fn err(yaml: &str) -> Diagnostic {
        parse::<T>(Path::new("u.md"), yaml, 2).unwrap_err()
    }

    #[test]
    fn unknown_field_suggests_closest() {
        let e = err("title: x\nstandard: [a]\n");
        assert_eq!(e.message, "unknown field `standard`");
        assert_eq!(e.pos, Some(Pos::new(3, 1)));
        assert!(e.hint.unwrap().contains("did you mean `standards`?"));
    }

    #[test]
    fn missing_and_duplicate_and_type_errors() {
        assert!(err("order: 1\n").message.contains("`title` is missing"));
        assert!(err("title: a\ntitle: b\n").message.contains("given twice"));
        assert_eq!(
            err("title: a\norder: one\n").message,
            "expected a whole number here"
        );
    }

    #[test]
    fn problems_point_where_the_teacher_looks() {
        // A missing field: the first line of the mapping, not its last key.
        assert_eq!(err("order: 1\nstandards: [a]\n").pos, Some(Pos::new(2, 1)));
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct L {
            items: Vec<T>,
        }
        let e = parse::<L>(
            Path::new("p"),
            "items:\n  - title: a\n  - order: 2\n    standards: [x]\n",
            2,
        )
        .unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(4, 5)), "{e}");
        // A tab: at the tab itself, even when the parser stops on the line before.
        let e = err("title: x\nstandards:\n\t- a\n");
        assert_eq!(
            (e.pos, e.message.contains("tab")),
            (Some(Pos::new(4, 1)), true),
            "{e}"
        );
    }

    #[test]
    fn syntax_errors_are_in_plain_words() {
        assert!(err("title: a: b\n").message.contains("`: ` inside a value"));
        let e = err("title: \"open\norder: 1\n");
        assert_eq!(
            (e.message.contains("never ends"), e.pos),
            (true, Some(Pos::new(2, 8)))
        );
        assert_eq!(err("title: [a]\n").message, "expected text here");
        assert!(!err("title: x\nstandards: a\n").message.contains("sequence"));
    }

    #[test]
    fn each_kind_of_mistake_has_its_words() {
        let cases = [
            (
                "title: x\nstandards: [a\n",
                "unclosed bracket '[': a list",
                (3, 12),
            ),
            (
                "title: x\n@foo: 1\n",
                "an unexpected (perhaps invisible)",
                (3, 1),
            ),
            (
                "title: x\nstandards: [a, b\norder: 1\n",
                "a `:` in an unexpected place",
                (4, 6),
            ),
            ("title: x\n  order: 1\n", "a `: ` inside a value", (3, 8)),
            ("- a\n", "expected fields", (2, 1)),
            (
                "title: x\nstandards: {a: 1}\n",
                "expected a list here",
                (3, 12),
            ),
            (
                "title: x\norder: 1.5\n",
                "expected a whole number here",
                (3, 8),
            ),
            (
                "title: x\nstandards: [\"a\" b]\n",
                "a quoted value never ends",
                (3, 17),
            ),
            // No plainer words: serde-saphyr's own, without its location.
            ("title: *a\n", "alias references unknown anchor", (2, 8)),
        ];
        for (yaml, message, (line, column)) in cases {
            let e = err(yaml);
            assert!(e.message.starts_with(message), "{yaml:?}: {e}");
            assert_eq!(e.pos, Some(Pos::new(line, column)), "{yaml:?}: {e}");
            assert!(!e.message.contains(" at line "), "{e}");
        }
    }

    #[test]
    fn numbers_and_empty_documents() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct S {
            title: String,
            score: Option<f64>,
        }
        let e = parse::<S>(Path::new("u.md"), "title: x\nscore: high\n", 2).unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.pos),
            ("expected a number here", Some(Pos::new(3, 8)))
        );
        // An empty document has no line to point at.
        let e = err(" \n");
        assert_eq!(e.message, "the required field `title` is missing");
        assert_eq!(e.pos, None);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut y = String::from("title: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            y.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let e = parse::<serde_json::Value>(Path::new("x"), &y, 1).unwrap_err();
        assert!(e.message.contains("too many values"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let y = format!("{}1{}", "[".repeat(500), "]".repeat(500));
        let e = parse::<serde_json::Value>(Path::new("x"), &y, 1).unwrap_err();
        assert!(e.message.contains("more than 64 levels"), "{e}");
    }
}
