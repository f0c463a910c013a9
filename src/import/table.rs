//! A CSV file read by column name, with each cell's place in the file, so a bad
//! cell is reported as `file:row:column`: the row as a spreadsheet numbers it (the
//! header is row 1), which is not the text line when a cell holds a line break.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos};

/// One CSV file: its header names and its rows.
pub struct Table {
    pub path: PathBuf,
    columns: HashMap<String, usize>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

pub struct Row {
    /// The spreadsheet's row number (the header is row 1).
    pub line: u32,
    cells: Vec<String>,
}

impl Table {
    /// Reads `path`; a file that is not CSV is one error at the place it breaks.
    pub fn read(path: &Path) -> Result<Table, Diagnostic> {
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error(path, None, format!("cannot read the file: {e}"))
                .with_hint("give the folder of the school's export, or a .csv file")
        })?;
        Table::parse(path, &bytes)
    }

    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Table, Diagnostic> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let broken = |e: csv::Error| {
            let pos = e.position().map(|p| Pos::new(line_of(p), 1));
            Diagnostic::error(
                path,
                pos,
                format!("this is not a CSV file the tool can read: {e}"),
            )
            .with_hint("save it from the spreadsheet as CSV (UTF-8)")
        };
        let header: Vec<String> = reader
            .headers()
            .map_err(broken)?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_ascii_lowercase(), i))
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(broken)?;
            let line = record.position().map_or(0, row_number);
            if record.iter().all(str::is_empty) {
                continue;
            }
            let cells = record.iter().map(str::to_string).collect();
            rows.push(Row { line, cells });
        }
        Ok(Table {
            path: path.to_path_buf(),
            columns,
            header,
            rows,
        })
    }

    /// The column's index, whatever the case of its header.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.get(&name.to_ascii_lowercase()).copied()
    }

    /// An error when a column the import needs is missing.
    pub fn require(&self, names: &[&str]) -> Result<(), Diagnostic> {
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| self.column(n).is_none())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Diagnostic::error(
            &self.path,
            Pos::new(1, 1),
            format!("the header has no column `{}`", missing.join("`, `")),
        )
        .with_hint(format!("its columns are: {}", self.header.join(", "))))
    }

    /// The cell of `row` in column `name`; empty when the column or cell is absent.
    pub fn cell<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.column(name)
            .and_then(|i| row.cells.get(i))
            .map_or("", String::as_str)
    }

    /// A non-empty cell, or None.
    pub fn value<'a>(&self, row: &'a Row, name: &str) -> Option<&'a str> {
        Some(self.cell(row, name)).filter(|v| !v.is_empty())
    }

    /// An error at the cell of `row` in column `name` (or the row's start).
    pub fn error(&self, row: &Row, name: &str, message: impl Into<String>) -> Diagnostic {
        let column = self.column(name).map_or(1, |i| i as u32 + 1);
        Diagnostic::error(&self.path, Pos::new(row.line, column), message)
    }
}

/// A record's row as a spreadsheet shows it: csv counts records from 0, the header
/// included.
fn row_number(p: &csv::Position) -> u32 {
    u32::try_from(p.record() + 1).unwrap_or(u32::MAX)
}

fn line_of(p: &csv::Position) -> u32 {
    u32::try_from(p.line()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_found_by_header_and_rows_keep_their_line() {
        let t = Table::parse(
            Path::new("x.csv"),
            "\u{feff}Name, id\n\nAda Lovelace,ada-l\n\"Grace\nHopper\",grace-h\nAlan\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.cell(&t.rows[0], "name"), "Ada Lovelace");
        assert_eq!(t.rows[0].line, 2);
        // A cell with a line break is one row of the spreadsheet.
        assert_eq!(t.rows[2].line, 4);
        assert_eq!(t.value(&t.rows[2], "id"), None);
        let e = t.error(&t.rows[1], "id", "bad");
        assert_eq!(e.pos, Some(Pos::new(3, 2)));
        assert!(t.require(&["name", "sis_id"]).is_err());
    }
}
