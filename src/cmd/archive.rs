//! `pathfolio archive -o ARCHIVE COURSE…` and `pathfolio archive --verify ARCHIVE`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pathfolio::archive::{self, ArchiveOptions, Difference};
use pathfolio::diag::{Diagnostic, Pos, terminal_safe};
use pathfolio::render::views::human_size;

use super::{group_thousands, print_problems, summary};

pub fn create(
    courses: Vec<PathBuf>,
    out: PathBuf,
    force: bool,
    organization: Option<String>,
) -> ExitCode {
    let opts = ArchiveOptions {
        courses,
        out,
        force,
        organization,
    };
    match archive::create(&opts) {
        Ok(r) => {
            print_problems(&r.diagnostics);
            println!(
                "Archived {} course(s), {} files ({}) → {}",
                r.courses.len(),
                group_thousands(r.files),
                human_size(r.bytes),
                r.out.display()
            );
            for c in &r.courses {
                let term = if c.term.is_empty() {
                    "no term"
                } else {
                    &c.term
                };
                // Titles and terms come from the courses' files.
                println!(
                    "  data/{}/  {} ({})",
                    terminal_safe(&c.folder),
                    terminal_safe(&c.title),
                    terminal_safe(term)
                );
            }
            println!(
                "Fingerprint (SHA-256 of tagmanifest-sha256.txt): {}\nKeep it somewhere else; `pathfolio archive --verify {}` shows it again.",
                r.fingerprint,
                r.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_problems(&diags);
            eprintln!(
                "{}; no archive was written, any previous archive is unchanged.",
                summary(&diags)
            );
            ExitCode::FAILURE
        }
    }
}

pub fn verify(dir: &Path) -> ExitCode {
    let v = match archive::verify(dir) {
        Ok(v) => v,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::FAILURE;
        }
    };
    if v.findings.is_empty() {
        println!(
            "Archive OK: all {} files ({}) match manifest-sha256.txt. Fingerprint: {}",
            group_thousands(v.files),
            human_size(v.bytes),
            v.fingerprint
        );
        return ExitCode::SUCCESS;
    }
    for f in &v.findings {
        eprintln!(
            "{}",
            Diagnostic::error(dir.join(&f.path), Pos::START, f.difference.describe())
        );
    }
    let count = |d: Difference| v.findings.iter().filter(|f| f.difference == d).count();
    eprintln!(
        "{} file(s) differ from the archive's manifests: {} changed, {} missing, {} extra.",
        v.findings.len(),
        count(Difference::Changed),
        count(Difference::Missing),
        count(Difference::Extra)
    );
    ExitCode::FAILURE
}
