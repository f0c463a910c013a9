//! Reading one text file the way a teacher's editor may have saved it.

use std::path::Path;

use crate::diag::{Diagnostic, Pos};

/// Larger files are refused: no course needs a 4 MB Markdown file, and a cap keeps
/// a hostile student folder from exhausting memory.
pub const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a UTF-8 text file, dropping a byte-order mark and turning CRLF and lone CR
/// line ends into LF, so that line numbers match what an editor shows.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    read_open(path, file)
}

/// [`read_text`] for a file that passed its containment check, opened as checked;
/// problems are reported at the path as found.
pub fn read_checked_text(file: &super::Checked) -> Result<String, Diagnostic> {
    let path = file.found();
    let opened = file.open().map_err(|e| io_error(path, &e))?;
    read_open(path, opened)
}

fn read_open(path: &Path, file: std::fs::File) -> Result<String, Diagnostic> {
    use std::io::Read;
    let meta = file.metadata().map_err(|e| io_error(path, &e))?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(Diagnostic::error(
            path,
            None,
            format!(
                "file is too large ({} KB; the limit is {} KB)",
                meta.len() / 1024,
                MAX_TEXT_BYTES / 1024
            ),
        )
        .with_hint("split it into smaller files, or keep large media as separate files"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Read at most one byte past the limit: the file may grow after its size was read.
    file.take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, &e))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let pos = position_at_end(valid);
            return Err(
                Diagnostic::error(path, pos, "the file is not valid UTF-8 text").with_hint(
                    "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)",
                ),
            );
        }
    };
    Ok(normalize(&text))
}

/// Drops a BOM and normalizes line ends to `\n`.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

fn position_at_end(valid: &[u8]) -> Pos {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    Pos::new(line as u32, column as u32)
}

/// A file-system error as a diagnostic on that file.
pub fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("cannot read this file: {e}"))
        .with_hint("check that the file exists and that you may read it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_bom_and_crlf() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.md");
        std::fs::write(&p, b"ok\nab\xff").unwrap();
        let err = read_text(&p).unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(2, 3)));
        assert!(err.message.contains("UTF-8"));
    }
}
