//! The `pathfolio` command: parse arguments, call the library, print, set the exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use pathfolio::build;
use pathfolio::diag::Diagnostics;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            dir,
            out,
            audience,
            student,
            base_url,
            quiet,
        } => {
            let opts = match Command::build_options(dir, out, audience, student, base_url) {
                Ok(o) => o,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    return ExitCode::from(2);
                }
            };
            match build::build(&opts) {
                Ok(report) => {
                    print_problems(&report.diagnostics);
                    if !quiet {
                        println!(
                            "Built {} pages for {} students in {:.2} s → {}",
                            group_thousands(report.pages),
                            report.students,
                            report.elapsed.as_secs_f64(),
                            report.out.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print_problems(&diags);
                    eprintln!(
                        "{}; nothing was written, the previous site is unchanged.",
                        summary(&diags)
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { dir, strict } => {
            let mut diags = build::check(&dir);
            if strict {
                diags = diags.strict();
            }
            print_problems(&diags);
            eprintln!("{}", summary(&diags));
            if diags.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

fn print_problems(diags: &Diagnostics) {
    for d in diags.iter() {
        eprintln!("{d}");
    }
}

fn summary(diags: &Diagnostics) -> String {
    let (e, w) = (diags.error_count(), diags.warning_count());
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(e, "error"), plural(w, "warning"))
}

fn group_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
