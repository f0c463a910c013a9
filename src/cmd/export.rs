//! `pathfolio export mastery` and `export sheet`.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use pathfolio::diag::terminal_safe;
use pathfolio::export::sheet::{self, Rows};
use pathfolio::{export, pipeline};

use super::{print_problems, summary};
use crate::cli::{ExportFormat, ExportWhat};

/// `pathfolio export …`.
pub fn dispatch(what: ExportWhat) -> ExitCode {
    match what {
        ExportWhat::Mastery { dir, format, out } => {
            mastery(&dir, format == ExportFormat::Json, out.as_deref())
        }
        ExportWhat::Sheet {
            item,
            dir,
            ungraded,
            all,
            out,
        } => {
            let rows = match (ungraded, all) {
                (true, _) => Rows::Ungraded,
                (_, true) => Rows::All,
                _ => Rows::Submitted,
            };
            sheet(&dir, &item, rows, out.as_deref())
        }
    }
}

fn mastery(dir: &Path, json: bool, out: Option<&Path>) -> ExitCode {
    let (course, diags) = pipeline::load_course(dir);
    if diags.has_errors() {
        print_problems(&diags);
        eprintln!("{}; nothing was exported.", summary(&diags));
        return ExitCode::FAILURE;
    }
    let rows = export::mastery_rows(&course);
    let text = if json {
        export::to_json(&rows)
    } else {
        export::to_csv(&rows)
    };
    deliver(dir, out, &text, rows.len())
}

fn sheet(dir: &Path, item: &str, rows: Rows, out: Option<&Path>) -> ExitCode {
    let (course, diags) = pipeline::load_course(dir);
    if diags.has_errors() {
        print_problems(&diags);
        eprintln!("{}; nothing was exported.", summary(&diags));
        return ExitCode::FAILURE;
    }
    match sheet::sheet(&course, item, rows) {
        Ok(table) => deliver(dir, out, &sheet::to_csv(&table), table.len() - 1),
        Err(d) => {
            print_problems([&d]);
            ExitCode::FAILURE
        }
    }
}

/// Teacher data to standard output (escaped on a terminal) or to a file that is
/// not inside the public site.
fn deliver(dir: &Path, out: Option<&Path>, text: &str, rows: usize) -> ExitCode {
    let Some(out) = out else {
        if std::io::stdout().is_terminal() {
            // Shown, not saved: students' names may hold control characters.
            for line in text.lines() {
                println!("{}", terminal_safe(line));
            }
        } else {
            print!("{text}");
        }
        return ExitCode::SUCCESS;
    };
    if let Some(site) = pipeline::public_site_containing(dir, out) {
        eprintln!(
            "error: {} is inside the public site folder {}; this is teacher data and is never written there",
            out.display(),
            site.display()
        );
        return ExitCode::FAILURE;
    }
    match std::fs::write(out, text) {
        Ok(()) => {
            eprintln!("Wrote {rows} rows to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
