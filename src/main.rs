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
        Command::New(args) => cmd::new::dispatch(args),
        Command::Export { what } => cmd::export::dispatch(what),
        Command::Import { what } => cmd::import::dispatch(what),
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
