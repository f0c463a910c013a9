//! `pathfolio check`.

use std::path::Path;
use std::process::ExitCode;

use pathfolio::build;

use super::{print_problems, summary};

pub fn run(dir: &Path, strict: bool) -> ExitCode {
    let mut diags = build::check(dir);
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
