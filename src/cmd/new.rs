//! `pathfolio new`.

use std::path::PathBuf;
use std::process::ExitCode;

use pathfolio::scaffold::new::{Kind, NewOptions, new_item};

use crate::cli::NewKind;

pub fn run(kind: NewKind, name: String, dir: PathBuf, student: Option<String>) -> ExitCode {
    if student.is_some() && kind != NewKind::Evidence {
        eprintln!("error: --student goes with `pathfolio new evidence`");
        return ExitCode::from(2);
    }
    let kind = match kind {
        NewKind::Unit => Kind::Unit,
        NewKind::Playlist => Kind::Playlist,
        NewKind::Rubric => Kind::Rubric,
        NewKind::Student => Kind::Student,
        NewKind::Evidence => Kind::Evidence,
        // Handled by `cmd::import::new_assessment` before this.
        NewKind::Assessment => return ExitCode::from(2),
    };
    let opts = NewOptions {
        kind,
        name,
        dir,
        student,
    };
    match new_item(&opts) {
        Ok(paths) => {
            for p in &paths {
                println!("{}", p.display());
            }
            if opts.kind == Kind::Student {
                return add_to_roster(&opts, &paths);
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
    }
}

/// A new student gets a roster entry too, when the course keeps a roster: without
/// one they would be left out with a warning.
fn add_to_roster(opts: &NewOptions, paths: &[PathBuf]) -> ExitCode {
    let Some(id) = paths
        .first()
        .and_then(|p| p.parent())
        .and_then(|d| d.file_name())
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return ExitCode::SUCCESS;
    };
    match pathfolio::import::roster::add_student(&opts.dir, &id, &opts.name) {
        Ok(Some(roster)) => {
            println!(
                "{} (an entry for {id}: add the family's consent there before publishing)",
                roster.display()
            );
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(d) => {
            super::print_problems([&d]);
            ExitCode::FAILURE
        }
    }
}
