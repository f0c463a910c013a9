//! YAML through serde-saphyr, with its errors turned into plain-words diagnostics.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, Location, Options};

use crate::diag::{Diagnostic, Pos, suggest};

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
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_saphyr::from_str_with_options(source, options()).map_err(|e| {
        let at = e
            .location()
            .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
        let mut d = explain(path, Pos::START, &e.without_snippet().to_string());
        let (line, column) = if d.message.starts_with("a tab character") {
            first_tab(yaml, at.0).unwrap_or(at)
        } else if d.message.starts_with("the required field") {
            mapping_start(yaml, at)
        } else if d.message.starts_with("a quoted value") {
            open_quote(yaml, at.0).unwrap_or(at)
        } else {
            at
        };
        d.pos = Pos::new(line as u32 + first_line - 1, column as u32);
        d
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

/// Turns a serde-saphyr message into words a teacher can act on.
fn explain(path: &Path, pos: Pos, raw: &str) -> Diagnostic {
    let msg = strip_location(raw);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, known) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = known
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|k| k.trim_matches('`'))
            .filter(|k| !k.is_empty() && !k.starts_with("there are no fields"))
            .collect();
        let hint = suggest(field, known.iter().copied())
            .map(|h| format!("{h} Your own data can go under `extra:`."))
            .unwrap_or_else(|| "your own data can go under `extra:`".into());
        return Diagnostic::error(path, pos, format!("unknown field `{field}`")).with_hint(hint);
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(
            path,
            pos,
            format!("the required field `{field}` is missing"),
        )
        .with_hint(format!("add a line `{field}: ...`"));
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return Diagnostic::error(path, pos, format!("the field `{key}` is given twice"))
            .with_hint("keep only one of them");
    }
    if msg.contains("found a tab") || msg.contains("tab") && msg.contains("indent") {
        return Diagnostic::error(path, pos, "a tab character is used for indentation")
            .with_hint("YAML indentation must use spaces; replace the tab with spaces");
    }
    if let Some(breach) = msg.strip_prefix("budget breached: ") {
        return budget_breached(path, pos, breach);
    }
    if msg.contains("recursion limit") {
        return budget_breached(path, pos, "Depth");
    }
    if msg.contains("budget") || msg.contains("limit") {
        return Diagnostic::error(path, pos, "this YAML is too large or too complex to read")
            .with_hint(format!(
                "keep files small and nesting under {MAX_DEPTH} levels; anchors and aliases (`&a`, `*a`) are limited"
            ));
    }
    if msg.starts_with("mapping values are not allowed") {
        return Diagnostic::error(path, pos, "a `: ` inside a value, or a field indented too far")
            .with_hint("put a value that contains `: ` in quotes (`title: \"Cells: a tour\"`), and line fields up under each other");
    }
    if msg.contains("quoted scalar") {
        return Diagnostic::error(path, pos, "a quoted value never ends")
            .with_hint("close the quote on the same line, such as `title: \"My unit\"`");
    }
    if msg.starts_with("unexpected character") {
        return Diagnostic::error(path, pos, "an unexpected (perhaps invisible) character")
            .with_hint("delete and retype this part of the line; control characters often come from copying text out of other programs");
    }
    if msg.contains("':' indicator") {
        return Diagnostic::error(path, pos, "a `:` in an unexpected place")
            .with_hint("is a `[` or `{` on a line above left open? Close every `[` with `]` and `{` with `}`, and put values that contain `:` in quotes");
    }
    if msg.starts_with("unclosed bracket") {
        return Diagnostic::error(path, pos, format!("{msg}: a list or group is not closed"))
            .with_hint("close every `[` with `]` and every `{` with `}`");
    }
    let (plain, hint) = match msg {
        m if m.starts_with("expected string") => (
            "expected text here".to_string(),
            "write a single value, such as `title: My unit`",
        ),
        m if m.contains("invalid i64")
            || m.contains("invalid u32")
            || m.contains("invalid u64") =>
        {
            (
                "expected a whole number here".to_string(),
                "write a number such as `3`",
            )
        }
        m if m.contains("invalid f64") => (
            "expected a number here".to_string(),
            "write a number such as `3` or `2.5`",
        ),
        m if m.contains("invalid bool") || m.contains("expected bool") => (
            "expected `true` or `false` here".to_string(),
            "write `true` or `false`",
        ),
        m if m.contains("sequence") => (
            "expected a list here".to_string(),
            "write a list, such as `[A, B]` or one `- item` per line",
        ),
        m if m.contains("mapping") || m.contains("map") => (
            "expected fields (`name: value` lines) here".to_string(),
            "write `name: value` lines, indented under this field",
        ),
        m => (
            m.to_string(),
            "check the YAML syntax near this line: indentation, colons, quotes",
        ),
    };
    Diagnostic::error(path, pos, plain).with_hint(hint)
}

/// A budget breach (serde-saphyr prints it as `Depth { depth: 65 }`) in plain words.
fn budget_breached(path: &Path, pos: Pos, breach: &str) -> Diagnostic {
    let kind = breach.split([' ', '{']).next().unwrap_or(breach);
    let what = match kind {
        "Depth" => format!("this YAML is nested more than {MAX_DEPTH} levels deep"),
        "Aliases" | "Anchors" => "this YAML uses too many anchors or aliases (`&a`, `*a`)".into(),
        "Nodes" | "Events" => {
            "this YAML has too many values (aliases may repeat them without end)".into()
        }
        "ScalarBytes" => "this YAML holds too much text".into(),
        _ => "this YAML is too large or too complex to read".into(),
    };
    Diagnostic::error(path, pos, what).with_hint(format!(
        "keep files small and nesting under {MAX_DEPTH} levels; each `*alias` copies its anchor, so use them sparingly"
    ))
}

/// Drops serde-saphyr's own `at line L, column C` (and anything after it): the
/// diagnostic carries the position.
fn strip_location(msg: &str) -> &str {
    match msg.find(" at line ") {
        Some(i) if msg[i..].contains(", column ") => &msg[..i],
        _ => msg,
    }
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
        assert_eq!(e.pos, Pos::new(3, 1));
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
        assert_eq!(err("order: 1\nstandards: [a]\n").pos, Pos::new(2, 1));
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
        assert_eq!(e.pos, Pos::new(4, 5), "{e}");
        // A tab: at the tab itself, even when the parser stops on the line before.
        let e = err("title: x\nstandards:\n\t- a\n");
        assert_eq!(
            (e.pos, e.message.contains("tab")),
            (Pos::new(4, 1), true),
            "{e}"
        );
    }

    #[test]
    fn syntax_errors_are_in_plain_words() {
        assert!(err("title: a: b\n").message.contains("`: ` inside a value"));
        let e = err("title: \"open\norder: 1\n");
        assert_eq!(
            (e.message.contains("never ends"), e.pos),
            (true, Pos::new(2, 8))
        );
        assert_eq!(err("title: [a]\n").message, "expected text here");
        assert!(!err("title: x\nstandards: a\n").message.contains("sequence"));
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
