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
        let pos = e
            .location()
            .map_or(Pos::new(first_line, 1), |l| shift(l, first_line));
        explain(path, pos, &e.without_snippet().to_string())
    })
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
    if msg.starts_with("budget") || msg.contains("budget") || msg.contains("limit") {
        return Diagnostic::error(
            path,
            pos,
            format!("this YAML is too large or too deeply nested ({msg})"),
        )
        .with_hint(format!(
            "keep files small and nesting under {MAX_DEPTH} levels; anchors and aliases are limited"
        ));
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
            format!("{m}: expected a list here"),
            "write a list, such as `[A, B]` or one `- item` per line",
        ),
        m if m.contains("mapping") || m.contains("map") => (
            format!("{m}: expected fields here"),
            "write `name: value` lines, indented under this field",
        ),
        m => (
            m.to_string(),
            "check the YAML syntax near this line: indentation, colons, quotes",
        ),
    };
    Diagnostic::error(path, pos, plain).with_hint(hint)
}

fn strip_location(msg: &str) -> &str {
    match msg.rfind(" at line ") {
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
    fn alias_bomb_is_refused() {
        let mut y = String::from("title: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            y.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        assert!(parse::<serde_json::Value>(Path::new("x"), &y, 1).is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let y = format!("{}1{}", "[".repeat(500), "]".repeat(500));
        assert!(parse::<serde_json::Value>(Path::new("x"), &y, 1).is_err());
    }
}
