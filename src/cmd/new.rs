//! `pathfolio new`.

use std::path::PathBuf;
use std::process::ExitCode;

use pathfolio::scaffold::new::{Kind, NewOptions, new_item};

use crate::cli::{NewArgs, NewKind};

/// `pathfolio new …`: an assessment from the command line, or a file from a template.
pub fn dispatch(a: NewArgs) -> ExitCode {
    if a.kind == NewKind::Assessment {
        if a.student.is_some() {
            eprintln!(
                "error: --student goes with `pathfolio new evidence`; for an assessment the student comes first: `new assessment STUDENT EVIDENCE`"
            );
            return ExitCode::from(2);
        }
        let Some(evidence) = &a.evidence else {
            eprintln!(
                "error: say which work: `pathfolio new assessment STUDENT EVIDENCE --score CRITERION=LEVEL …`"
            );
            return ExitCode::from(2);
        };
        return super::import::new_assessment(
            &a.dir,
            &pathfolio::import::scores::ByHand {
                student: &a.name,
                evidence,
                rubric: a.rubric.as_deref(),
                scores: &a.scores,
                feedback: a.feedback.as_deref().unwrap_or(""),
                note: a.note.as_deref().unwrap_or(""),
                date: a.date.as_deref(),
            },
        );
    }
    let extra = a.evidence.is_some()
        || !a.scores.is_empty()
        || a.rubric.is_some()
        || a.feedback.is_some()
        || a.note.is_some()
        || a.date.is_some();
    if extra {
        eprintln!(
            "error: a second name, --score, --rubric, --feedback, --note and --date go with `pathfolio new assessment`"
        );
        return ExitCode::from(2);
    }
    run(a.kind, a.name, a.dir, a.student)
}

fn run(kind: NewKind, name: String, dir: PathBuf, student: Option<String>) -> ExitCode {
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
