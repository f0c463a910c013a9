//! Problems found in a course, as values with a place.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first one, so a
//! teacher sees every mistake of a run together, sorted by file and line.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is. Errors stop a build; warnings and notes do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A line and column in a file, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32) -> Pos {
        Pos {
            line: line.max(1),
            column: column.max(1),
        }
    }
}

/// One problem: `path:line:column: message` (or `path: message` for a problem
/// with the file or folder as a whole), and a hint saying how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the folder the user pointed at where possible.
    pub path: PathBuf,
    /// Where in the file; None when the problem has no line (an empty file, a
    /// folder, a file that cannot be read), rather than a made-up `1:1`.
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `pos`: a [`Pos`], or an `Option<Pos>` (`None` for the whole file).
    pub fn error(
        path: impl Into<PathBuf>,
        pos: impl Into<Option<Pos>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos: pos.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        pos: impl Into<Option<Pos>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
            Severity::Info => "note: ",
        };
        // Paths, messages and hints quote students' file names and values: escaped
        // here, where every problem is shown, so none can drive the terminal.
        write!(f, "{}", terminal_path(&self.path))?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.column)?;
        }
        write!(f, ": {label}{}", terminal_safe(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", terminal_safe(hint))?;
        }
        Ok(())
    }
}

/// `text` with every control character escaped, for printing to a terminal or a
/// log: ESC as `\e`, tab, line feed and carriage return as `\t`, `\n`, `\r`, any
/// other as `\u{7}`. A file name or YAML value from a student could otherwise
/// erase lines, move the cursor or print a fake `Built … pages`. Bidirectional
/// overrides are escaped too, since they reorder what a line seems to say.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`terminal_safe`] for a path.
pub fn terminal_path(path: &Path) -> String {
    terminal_safe(&path.display().to_string()).into_owned()
}

/// C0 and C1 controls and DEL (`char::is_control`), and the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The problems of one run, in the order they were found until `sorted()`.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Keeps only the problems `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by path, then position, then message; duplicates removed.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
        });
        self.items.dedup();
        self
    }

    /// Makes every path relative to `root` so messages stay short and stable.
    pub fn relative_to(mut self, root: &Path) -> Self {
        for d in &mut self.items {
            if let Ok(rel) = d.path.strip_prefix(root) {
                d.path = rel.to_path_buf();
            }
        }
        self
    }

    /// Turns warnings into errors (`check --strict`).
    pub fn strict(mut self) -> Self {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
        self
    }
}

/// A single problem as the problems of a run.
impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// The closest of `known` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// A hint naming the closest known value, or listing a few known values.
pub fn suggest<'a>(word: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> Option<String> {
    if let Some(best) = did_you_mean(word, known.clone()) {
        return Some(format!("did you mean `{best}`?"));
    }
    let all: Vec<&str> = known.into_iter().collect();
    match all.len() {
        0 => None,
        1..=8 => Some(format!(
            "known values: {}",
            all.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        n => Some(format!(
            "known values include {} (and {} more)",
            all[..6]
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", "),
            n - 6
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_path_line_column_and_hint() {
        let d = Diagnostic::error("units/cells.md", Pos::new(4, 12), "unknown standard `LS9`")
            .with_hint("did you mean `LS1`?");
        assert_eq!(
            d.to_string(),
            "units/cells.md:4:12: unknown standard `LS9`\n  hint: did you mean `LS1`?"
        );
    }

    #[test]
    fn control_characters_are_escaped_where_problems_are_shown() {
        assert!(matches!(terminal_safe("plain ünïcode"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_safe("a\u{1b}[2Kb\u{7}c\td\ne\u{9b}f\u{202e}g"),
            "a\\e[2Kb\\u{7}c\\td\\ne\\u{9b}f\\u{202e}g"
        );
        let d = Diagnostic::error(
            "students/eve/ev\u{1b}[2K.md",
            Pos::new(1, 1),
            "unknown standard `\u{7}X`",
        )
        .with_hint("did you mean `\u{1b}]0;`?");
        assert_eq!(
            d.to_string(),
            "students/eve/ev\\e[2K.md:1:1: unknown standard `\\u{7}X`\n  hint: did you mean `\\e]0;`?"
        );
    }

    #[test]
    fn a_problem_without_a_line_names_only_the_file() {
        let d = Diagnostic::warning("units/02-empty.md", None, "this file is empty");
        assert_eq!(
            d.to_string(),
            "units/02-empty.md: warning: this file is empty"
        );
    }

    #[test]
    fn problems_of_the_whole_file_come_first() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error("a.md", Pos::new(1, 1), "x"));
        d.push(Diagnostic::error("a.md", None, "y"));
        let lines: Vec<String> = d.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(lines, ["a.md: y", "a.md:1:1: x"]);
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let known = ["standards", "title", "order"];
        assert_eq!(did_you_mean("standard", known), Some("standards"));
        assert_eq!(did_you_mean("zzzz", known), None);
    }

    #[test]
    fn sorted_orders_by_path_then_line() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error("b.md", Pos::new(1, 1), "x"));
        d.push(Diagnostic::error("a.md", Pos::new(9, 1), "y"));
        d.push(Diagnostic::error("a.md", Pos::new(2, 1), "z"));
        let lines: Vec<String> = d.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(lines, ["a.md:2:1: z", "a.md:9:1: y", "b.md:1:1: x"]);
    }
}
