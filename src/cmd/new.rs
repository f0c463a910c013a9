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
            for p in paths {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
    }
}
