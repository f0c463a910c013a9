//! `pathfolio import case`.

use std::path::Path;
use std::process::ExitCode;

use pathfolio::import::case;
use pathfolio::load::source::read_text;

pub fn case(file: &Path, dir: &Path, force: bool) -> ExitCode {
    let target = dir.join("standards.yaml");
    if target.exists() && !force {
        eprintln!(
            "error: {} already exists; nothing was written\n  hint: add --force to replace it",
            target.display()
        );
        return ExitCode::FAILURE;
    }
    let result = read_text(file).and_then(|text| case::read(file, &text));
    match result {
        Ok((title, standards)) => {
            match std::fs::write(&target, case::to_yaml(&title, &standards)) {
                Ok(()) => {
                    println!(
                        "Wrote {} standards to {}",
                        standards.len(),
                        target.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", target.display());
                    ExitCode::FAILURE
                }
            }
        }
        Err(d) => {
            super::print_problems([&d]);
            ExitCode::FAILURE
        }
    }
}
