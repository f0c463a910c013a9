//! `pathfolio build`.

use std::process::ExitCode;

use pathfolio::build::{self, BuildOptions};

use super::{group_thousands, print_problems, summary};

pub fn run(opts: &BuildOptions, quiet: bool) -> ExitCode {
    match build::build(opts) {
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
