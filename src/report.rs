//! Problems as they are shown: one list format for every command and for serve's
//! overlay, and `pathfolio check`'s grouping by file and count.

use std::fmt::Write as _;

use crate::diag::{Diagnostic, Diagnostics, Severity, terminal_path};

/// Every problem as `path:line:column: message` (`path: message` for one without a
/// line), each followed by its hint line, each ending in a line break: the one
/// format problems are shown in, on a terminal or in serve's overlay.
pub fn list<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(out, "{d}");
    }
    out
}

/// One block per file: a header line (`In units/01-cells.md: 1 error, 1 warning`),
/// then the file's problems as [`list`] shows them, so every line stays one an
/// editor can jump to. Blocks are separated by a blank line.
pub fn grouped_by_file(diags: &Diagnostics) -> String {
    let all: Vec<&Diagnostic> = diags.iter().collect();
    let mut out = String::new();
    for group in all.chunk_by(|a, b| a.path == b.path) {
        if !out.is_empty() {
            out.push('\n');
        }
        let counts = counts(group.iter().copied());
        let _ = writeln!(
            out,
            "In {}: {}",
            terminal_path(&group[0].path),
            counts.words()
        );
        out.push_str(&list(group.iter().copied()));
    }
    out
}

/// `3 errors, 2 warnings, 1 note in 4 files`, or `No problems found.`
pub fn count_line(diags: &Diagnostics) -> String {
    let c = counts(diags.iter());
    if c.total() == 0 {
        return "No problems found.".into();
    }
    let mut files: Vec<&std::path::Path> = diags.iter().map(|d| d.path.as_path()).collect();
    files.sort();
    files.dedup();
    format!("{} in {}", c.all_words(), plural(files.len(), "file"))
}

#[derive(Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    notes: usize,
}

impl Counts {
    fn total(&self) -> usize {
        self.errors + self.warnings + self.notes
    }

    /// Only the kinds there are: `1 error, 1 warning`.
    fn words(&self) -> String {
        let parts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.notes, "note"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| plural(n, w))
        .collect();
        parts.join(", ")
    }

    /// Every kind, zeros too, so the line always reads the same way.
    fn all_words(&self) -> String {
        format!(
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note")
        )
    }
}

fn counts<'a>(diags: impl Iterator<Item = &'a Diagnostic>) -> Counts {
    let mut c = Counts::default();
    for d in diags {
        match d.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Info => c.notes += 1,
        }
    }
    c
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    fn sample() -> Diagnostics {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error("a.md", Pos::new(2, 1), "bad").with_hint("fix it"));
        d.push(Diagnostic::warning("a.md", Pos::new(5, 3), "odd"));
        d.push(Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error("b.md", None, "fyi")
        });
        d.sorted()
    }

    #[test]
    fn groups_by_file_with_a_header_each() {
        assert_eq!(
            grouped_by_file(&sample()),
            "In a.md: 1 error, 1 warning\na.md:2:1: bad\n  hint: fix it\na.md:5:3: warning: odd\n\nIn b.md: 1 note\nb.md: note: fyi\n"
        );
    }

    #[test]
    fn list_is_each_problem_then_its_hint() {
        assert_eq!(
            list(&sample()),
            "a.md:2:1: bad\n  hint: fix it\na.md:5:3: warning: odd\nb.md: note: fyi\n"
        );
    }

    #[test]
    fn counts_every_kind_and_the_files() {
        assert_eq!(
            count_line(&sample()),
            "1 error, 1 warning, 1 note in 2 files"
        );
        assert_eq!(count_line(&Diagnostics::new()), "No problems found.");
    }
}
