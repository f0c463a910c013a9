//! YAML through serde-saphyr, with its errors turned into plain-words diagnostics.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{
    Budget, DefaultMessageFormatter, Error, ExternalMessageSource, Location, MessageFormatter,
    Options,
};

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

/// The error itself, without the snippet or alias wrappers serde-saphyr may put
/// around it.
fn original(mut e: &Error) -> &Error {
    loop {
        match e.without_snippet() {
            Error::AliasError { error, .. } => e = error,
            other => return other,
        }
    }
}

/// A problem in a teacher's words, and where it is shown.
struct Problem {
    message: String,
    hint: String,
    place: Place,
}

/// Where a problem is shown when the parser stops somewhere else than where the
/// teacher should look.
enum Place {
    /// Where serde-saphyr reports it.
    Reported,
    /// At the first tab in an indentation, at or after the reported line: the
    /// parser may stop on the value before it.
    FirstTab,
    /// At the first line of the mapping that lacks a field; the parser reports
    /// its last key.
    MappingStart,
    /// At the quote that opens a value which never closes.
    OpeningQuote,
}

impl Problem {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            hint: hint.into(),
            place: Place::Reported,
        }
    }

    fn at(mut self, place: Place) -> Problem {
        self.place = place;
        self
    }
}

/// Turns serde-saphyr's error (its variant and fields, not its display text,
/// which may change in any release) into words a teacher can act on.
fn explain(e: &Error) -> Problem {
    match e {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let hint = suggest(field, expected.iter().copied())
                .map(|h| format!("{h} Your own data can go under `extra:`."))
                .unwrap_or_else(|| "your own data can go under `extra:`".into());
            Problem::new(format!("unknown field `{field}`"), hint)
        }
        Error::SerdeMissingField { field, .. } => Problem::new(
            format!("the required field `{field}` is missing"),
            format!("add a line `{field}: ...`"),
        )
        .at(Place::MappingStart),
        Error::DuplicateMappingKey { key, .. } => Problem::new(
            match key {
                Some(key) => format!("the field `{key}` is given twice"),
                None => "a field is given twice".into(),
            },
            "keep only one of them",
        ),
        Error::Budget { breach, .. } => budget_breached(breach),
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => too_complex(),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => syntax(scan.kind(), e),
            _ => unexplained(e),
        },
        Error::Unexpected { expected, .. } => match *expected {
            "string scalar" => Shape::Text.expected(),
            "sequence start" => Shape::List.expected(),
            "mapping start" | "empty mapping start" | "mapping end" | "empty mapping end" => {
                Shape::Fields.expected()
            }
            _ => unexplained(e),
        },
        Error::InvalidScalar { ty, .. } => match *ty {
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
            | "u128" | "usize" => Shape::WholeNumber.expected(),
            "f32" | "f64" | "floating point" => Shape::Number.expected(),
            "boolean" => Shape::Bool.expected(),
            _ => unexplained(e),
        },
        Error::InvalidBooleanStrict { .. } => Shape::Bool.expected(),
        Error::SerdeInvalidType { expected, .. } | Error::SerdeInvalidValue { expected, .. } => {
            // Serde's words for what a visitor wanted: `a sequence`, `a map`, …
            if expected.contains("sequence") {
                Shape::List.expected()
            } else if expected.contains("map") {
                Shape::Fields.expected()
            } else {
                unexplained(e)
            }
        }
        _ => unexplained(e),
    }
}

/// A YAML syntax error, by the parser's kind of error.
fn syntax(kind: &ErrorKind, e: &Error) -> Problem {
    use ErrorKind as K;
    match kind {
        K::TabInIndentation | K::TabInBlockIndentation | K::TabInPlainScalar => Problem::new(
            "a tab character is used for indentation",
            "YAML indentation must use spaces; replace the tab with spaces",
        )
        .at(Place::FirstTab),
        K::RecursionLimitExceeded => nested_too_deep(),
        K::AnchorCountOverflow
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::InputByteLimitExceeded { .. } => too_complex(),
        K::MappingValueNotAllowed => Problem::new(
            "a `: ` inside a value, or a field indented too far",
            "put a value that contains `: ` in quotes (`title: \"Cells: a tour\"`), and line fields up under each other",
        ),
        K::UnclosedQuotedScalar
        | K::InvalidQuotedScalarIndent
        | K::DocumentIndicatorInQuotedScalar
        | K::InvalidTrailingSingleQuotedScalar
        | K::InvalidTrailingDoubleQuotedScalar
        | K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => Problem::new(
            "a quoted value never ends",
            "close the quote on the same line, such as `title: \"My unit\"`",
        )
        .at(Place::OpeningQuote),
        K::UnexpectedCharacter { .. } => Problem::new(
            "an unexpected (perhaps invisible) character",
            "delete and retype this part of the line; control characters often come from copying text out of other programs",
        ),
        K::InvalidColonPlacement => Problem::new(
            "a `:` in an unexpected place",
            "is a `[` or `{` on a line above left open? Close every `[` with `]` and `{` with `}`, and put values that contain `:` in quotes",
        ),
        K::UnclosedFlowCollection { open } => Problem::new(
            format!("unclosed bracket '{open}': a list or group is not closed"),
            "close every `[` with `]` and every `{` with `}`",
        ),
        K::UnexpectedEofFlowSequence
        | K::UnexpectedEofBlockSequence
        | K::ExpectedFlowSequenceSeparator
        | K::BlockSequenceEntryNotAllowed => Shape::List.expected(),
        K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping
        | K::UnexpectedEofBlockMapping
        | K::ExpectedBlockMappingKey
        | K::ExpectedFlowMappingSeparator
        | K::MappingKeyNotAllowed
        | K::FlowMappingValueAdjacentCollection => Shape::Fields.expected(),
        _ => unexplained(e),
    }
}

/// What a value should have been.
enum Shape {
    Text,
    WholeNumber,
    Number,
    Bool,
    List,
    Fields,
}

impl Shape {
    fn expected(self) -> Problem {
        let (message, hint) = match self {
            Shape::Text => (
                "expected text here",
                "write a single value, such as `title: My unit`",
            ),
            Shape::WholeNumber => ("expected a whole number here", "write a number such as `3`"),
            Shape::Number => (
                "expected a number here",
                "write a number such as `3` or `2.5`",
            ),
            Shape::Bool => ("expected `true` or `false` here", "write `true` or `false`"),
            Shape::List => (
                "expected a list here",
                "write a list, such as `[A, B]` or one `- item` per line",
            ),
            Shape::Fields => (
                "expected fields (`name: value` lines) here",
                "write `name: value` lines, indented under this field",
            ),
        };
        Problem::new(message, hint)
    }
}

/// A budget breach in plain words.
fn budget_breached(breach: &BudgetBreach) -> Problem {
    let what = match breach {
        BudgetBreach::Depth { .. } => return nested_too_deep(),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
            "this YAML uses too many anchors or aliases (`&a`, `*a`)"
        }
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
            "this YAML has too many values (aliases may repeat them without end)"
        }
        BudgetBreach::ScalarBytes { .. } => "this YAML holds too much text",
        _ => "this YAML is too large or too complex to read",
    };
    Problem::new(what, budget_hint())
}

/// Deeper than [`MAX_DEPTH`], as the budget or the parser's own flow limit finds it.
fn nested_too_deep() -> Problem {
    Problem::new(
        format!("this YAML is nested more than {MAX_DEPTH} levels deep"),
        budget_hint(),
    )
}

fn budget_hint() -> String {
    format!(
        "keep files small and nesting under {MAX_DEPTH} levels; each `*alias` copies its anchor, so use them sparingly"
    )
}

/// Any other limit of the parser.
fn too_complex() -> Problem {
    Problem::new(
        "this YAML is too large or too complex to read",
        format!(
            "keep files small and nesting under {MAX_DEPTH} levels; anchors and aliases (`&a`, `*a`) are limited"
        ),
    )
}

/// A problem with no plainer words here: serde-saphyr's own message, without its
/// location (the diagnostic carries that).
fn unexplained(e: &Error) -> Problem {
    Problem::new(
        DefaultMessageFormatter.format_message(e),
        "check the YAML syntax near this line: indentation, colons, quotes",
    )
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
