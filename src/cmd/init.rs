//! `pathfolio init`.

use std::path::Path;
use std::process::ExitCode;

use pathfolio::scaffold;

pub fn run(dir: &Path, force: bool) -> ExitCode {
    match scaffold::init(dir, force) {
        Ok(report) => {
            for path in &report.kept {
                eprintln!("kept {} (it was there already)", path.display());
            }
            println!(
                "Created a course with {} files in {}",
                report.written.len(),
                dir.display()
            );
            println!("Next: pathfolio build {}", dir.display());
            println!(
                "  then open {} in a browser.",
                dir.join("public/index.html").display()
            );
            println!("To publish on GitHub Pages, edit .github/workflows/pages.yml first.");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
    }
}
