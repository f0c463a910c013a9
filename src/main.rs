//! The `pathfolio` command: parse arguments, hand them to `cmd`, return its exit code.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            dir,
            out,
            audience,
            student,
            base_url,
            quiet,
            verbose,
            timings,
            force,
            strict,
            today,
        } => match Command::build_options(dir, out, audience, student, base_url) {
            Ok(opts) => cmd::build::run(
                &pathfolio::pipeline::BuildOptions {
                    force,
                    strict,
                    today,
                    ..opts
                },
                quiet,
                verbose,
                timings,
            ),
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
        },
        Command::Serve {
            dir,
            port,
            audience,
            student,
            verbose,
            today,
        } => match Command::build_options(dir, None, audience, student, None) {
            Ok(opts) => cmd::serve::run(opts.dir, opts.audience, port, today, verbose),
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
        },
        Command::Check { dir, strict } => cmd::check::run(&dir, strict),
        Command::Init { dir, force } => cmd::init::run(&dir, force),
        Command::New {
            kind: cli::NewKind::Assessment,
            name,
            dir,
            student,
            evidence,
            scores,
            rubric,
            feedback,
            note,
            date,
        } => {
            if student.is_some() {
                eprintln!(
                    "error: --student goes with `pathfolio new evidence`; for an assessment the student comes first: `new assessment STUDENT EVIDENCE`"
                );
                return ExitCode::from(2);
            }
            let Some(evidence) = evidence else {
                eprintln!(
                    "error: say which work: `pathfolio new assessment STUDENT EVIDENCE --score CRITERION=LEVEL …`"
                );
                return ExitCode::from(2);
            };
            cmd::import::new_assessment(
                &dir,
                &pathfolio::import::scores::ByHand {
                    student: &name,
                    evidence: &evidence,
                    rubric: rubric.as_deref(),
                    scores: &scores,
                    feedback: feedback.as_deref().unwrap_or(""),
                    note: note.as_deref().unwrap_or(""),
                    date: date.as_deref(),
                },
            )
        }
        Command::New {
            kind,
            name,
            dir,
            student,
            evidence,
            scores,
            rubric,
            feedback,
            note,
            date,
        } => {
            let extra = evidence.is_some()
                || !scores.is_empty()
                || rubric.is_some()
                || feedback.is_some()
                || note.is_some()
                || date.is_some();
            if extra {
                eprintln!(
                    "error: a second name, --score, --rubric, --feedback, --note and --date go with `pathfolio new assessment`"
                );
                return ExitCode::from(2);
            }
            cmd::new::run(kind, name, dir, student)
        }
        Command::Export {
            what: cli::ExportWhat::Mastery { dir, format, out },
        } => cmd::export::mastery(&dir, format == cli::ExportFormat::Json, out.as_deref()),
        Command::Export {
            what:
                cli::ExportWhat::Sheet {
                    item,
                    dir,
                    ungraded,
                    all,
                    out,
                },
        } => {
            let rows = match (ungraded, all) {
                (true, _) => pathfolio::export::sheet::Rows::Ungraded,
                (_, true) => pathfolio::export::sheet::Rows::All,
                _ => pathfolio::export::sheet::Rows::Submitted,
            };
            cmd::export::sheet(&dir, &item, rows, out.as_deref())
        }
        Command::Import {
            what:
                cli::ImportWhat::Scores {
                    file,
                    dir,
                    rubric,
                    dry_run,
                },
        } => cmd::import::scores(&file, &dir, rubric.as_deref(), dry_run),
        Command::Import {
            what: cli::ImportWhat::Case { file, dir, force },
        } => cmd::import::case(&file, &dir, force),
        Command::Import {
            what:
                cli::ImportWhat::Roster {
                    source,
                    dir,
                    classes,
                    dry_run,
                },
        } => cmd::import::roster(&source, &dir, &classes, dry_run),
        Command::Archive {
            courses,
            out,
            verify,
            expect,
            force,
            organization,
            exclude_students,
        } => match (verify, out) {
            (Some(archive), _) => cmd::archive::verify(&archive, expect.as_deref()),
            (None, Some(out)) => {
                cmd::archive::create(courses, out, force, organization, exclude_students)
            }
            (None, None) => ExitCode::from(2),
        },
    }
}
