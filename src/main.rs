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
        } => match Command::build_options(dir, out, audience, student, base_url) {
            Ok(opts) => cmd::build::run(&opts, quiet),
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
        },
        Command::Check { dir, strict } => cmd::check::run(&dir, strict),
        Command::Export {
            what: cli::ExportWhat::Mastery { dir, format, out },
        } => cmd::export::mastery(&dir, format == cli::ExportFormat::Json, out.as_deref()),
        Command::Import {
            what: cli::ImportWhat::Case { file, dir, force },
        } => cmd::import::case(&file, &dir, force),
    }
}
