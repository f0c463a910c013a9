//! `pathfolio build`.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use pathfolio::pipeline::{self, BuildOptions, BuildReport, Phase, Step};

use super::{group_thousands, print_problems, summary};

pub fn run(opts: &BuildOptions, quiet: bool, verbose: bool, timings: bool) -> ExitCode {
    // A bar only where a person watches; logs and pipes get plain lines.
    let bar = (!quiet && !verbose && std::io::stderr().is_terminal()).then(step_bar);
    let mut took_each = Vec::new();
    let mut progress = |phase: Phase| {
        if let Phase::Done(step, took) = phase {
            took_each.push((step, took));
        }
        match (phase, &bar) {
            (Phase::Start(step), Some(bar)) => bar.set_message(format!("{}…", step.name())),
            (Phase::Done(_, _), Some(bar)) => bar.inc(1),
            (Phase::Done(step, took), None) if verbose => {
                eprintln!("{:<10} {:>7.3} s", step.name(), took.as_secs_f64());
            }
            _ => {}
        }
    };
    let result = pipeline::build_with(opts, &mut progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if timings {
        print_timings(&took_each, result.as_ref().ok().map(|r| r.elapsed));
    }
    match result {
        Ok(
            report @ BuildReport {
                up_to_date: Some(warnings),
                ..
            },
        ) => {
            if !quiet {
                println!(
                    "Nothing changed since the last build: {} pages for {} students are up to date in {} (checked in {:.2} s; --force builds anyway)",
                    group_thousands(report.pages),
                    report.students,
                    report.out.display(),
                    report.elapsed.as_secs_f64()
                );
            }
            if warnings > 0 {
                eprintln!(
                    "That build had {warnings} warning{}: `pathfolio check` lists them.",
                    if warnings == 1 { "" } else { "s" }
                );
            }
            ExitCode::SUCCESS
        }
        Ok(report) => {
            print_problems(&report.diagnostics);
            if !quiet {
                let withheld = match report.withheld {
                    0 => String::new(),
                    1 => "; 1 item withheld (warnings above)".into(),
                    n => format!("; {n} items withheld (warnings above)"),
                };
                println!(
                    "Built {} pages for {} students in {:.2} s → {}{withheld}",
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

/// The `--timings` table on stderr: one `step seconds` line per finished step, for
/// people and for scripts (benches/run.sh reads it).
fn print_timings(steps: &[(Step, Duration)], total: Option<Duration>) {
    eprintln!("{:<12} {:>9}", "step", "seconds");
    for (step, took) in steps {
        eprintln!("{:<12} {:>9.3}", step.name(), took.as_secs_f64());
    }
    if let Some(total) = total {
        eprintln!("{:<12} {:>9.3}", "total", total.as_secs_f64());
    }
}

/// A bar over the build's steps, on stderr.
fn step_bar() -> ProgressBar {
    let bar = ProgressBar::new(Step::ALL.len() as u64);
    let style = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}
