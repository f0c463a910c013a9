//! Splitting a Markdown file into its YAML front matter and its body.

use crate::diag::{Diagnostic, Pos};
use std::path::Path;

/// A Markdown file cut in two. `yaml_line` is the file line where the YAML starts,
/// so positions from the YAML parser can be shifted to the file's own lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: u32,
    pub body: &'a str,
}

/// Finds the front matter between a first line `---` and the next `---` (or `...`).
/// Text must already be normalized (no BOM, `\n` line ends).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, None, "this file is empty")
            .with_hint("start the file with a line `---`, then the fields (such as `title: ...`), then another `---`; or delete the file"));
    }
    // Both problems below are on line 1: where `---` belongs, or the `---` never closed.
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error(path, Pos::new(1, 1), "this file has no front matter")
            .with_hint("start the file with a line `---`, then the fields (such as `title: ...`), then another `---`"));
    }
    let after_open = first_line.len() + 1;
    let rest = text.get(after_open..).unwrap_or("");
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(path, Pos::new(1, 1), "the front matter never ends")
            .with_hint("add a line `---` after the last field, before the Markdown text"),
    )
}

/// The file line of the first line of the body, for messages about the body.
pub fn body_line(text: &str, body: &str) -> u32 {
    let start = text.len() - body.len();
    text[..start].matches('\n').count() as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.md")
    }

    #[test]
    fn splits_yaml_and_body() {
        let s = split(p(), "---\ntitle: A\n---\nHello\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.yaml_line, 2);
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let s = split(p(), "---\n---").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn unclosed_fence_is_an_error() {
        let e = split(p(), "---\ntitle: A\nbody").unwrap_err();
        assert!(e.message.contains("never ends"));
    }

    #[test]
    fn missing_fence_is_an_error() {
        assert!(split(p(), "title: A\n").is_err());
        assert!(split(p(), "").unwrap_err().message.contains("empty"));
        assert!(split(p(), " \n\n").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn body_line_counts_from_one() {
        let text = "---\na: 1\n---\nbody";
        let s = split(p(), text).unwrap();
        assert_eq!(body_line(text, s.body), 4);
    }
}
