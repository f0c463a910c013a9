//! serde-saphyr's errors in a teacher's words: read from the error's variant and
//! fields, never from its display text, which may change in any release.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{DefaultMessageFormatter, Error, ExternalMessageSource, MessageFormatter};

use super::MAX_DEPTH;
use crate::diag::suggest;

/// The error itself, without the snippet or alias wrappers serde-saphyr may put
/// around it.
pub(super) fn original(mut e: &Error) -> &Error {
    loop {
        match e.without_snippet() {
            Error::AliasError { error, .. } => e = error,
            other => return other,
        }
    }
}

/// A problem in a teacher's words, and where it is shown.
pub(super) struct Problem {
    pub message: String,
    pub hint: String,
    pub place: Place,
}

/// Where a problem is shown when the parser stops somewhere else than where the
/// teacher should look.
pub(super) enum Place {
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
pub(super) fn explain(e: &Error) -> Problem {
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
