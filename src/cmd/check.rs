//! `pathfolio check`.

use std::path::Path;
use std::process::ExitCode;

use pathfolio::{exposure, pipeline, report};

pub fn run(dir: &Path, strict: bool) -> ExitCode {
    let mut diags = pipeline::check(dir);
    // Students' files in a public repository are exposed whatever the site shows.
    diags.extend(exposure::check(dir));
    diags = diags.sorted();
    if strict {
        diags = diags.strict();
    }
    eprint!("{}", report::grouped_by_file(&diags));
    if !diags.is_empty() {
        eprintln!();
    }
    eprintln!("{}", report::count_line(&diags));
    if diags.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
