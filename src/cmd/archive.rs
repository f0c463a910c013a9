//! `pathfolio archive -o ARCHIVE COURSE…` and `pathfolio archive --verify ARCHIVE`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pathfolio::archive::{self, ArchiveOptions, Difference};
use pathfolio::diag::{Diagnostic, terminal_safe};
use pathfolio::text::human_size;

use super::{group_thousands, print_problems, summary};

pub fn create(
    courses: Vec<PathBuf>,
    out: PathBuf,
    force: bool,
    organization: Option<String>,
    exclude_students: Vec<String>,
) -> ExitCode {
    let excluded = exclude_students.len();
    let opts = ArchiveOptions {
        courses,
        out,
        force,
        organization,
        exclude_students,
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
            if excluded > 0 {
                println!(
                    "Left out {excluded} student(s) as asked: no file of the archive holds anything of them. Copies of an earlier archive still do; replace them with this one."
                );
            }
            println!(
                "Fingerprint (SHA-256 of tagmanifest-sha256.txt): {}\nKeep it somewhere else; `pathfolio archive --verify {} --expect {}` checks the archive against it.",
                r.fingerprint,
                r.out.display(),
                r.fingerprint
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

/// `archive --verify ARCHIVE [--expect FINGERPRINT]`: exit 0 only when every file
/// matches and, if given, the fingerprint is the expected one.
pub fn verify(dir: &Path, expect: Option<&str>) -> ExitCode {
    let v = match archive::verify(dir) {
        Ok(v) => v,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::FAILURE;
        }
    };
    let differences: Vec<Diagnostic> = v
        .findings
        .iter()
        .map(|f| Diagnostic::error(dir.join(&f.path), None, f.difference.describe()))
        .collect();
    print_problems(&differences);
    let expected = expect.map(|e| e.trim().to_ascii_lowercase());
    let fingerprint_ok = expected.as_ref().is_none_or(|e| *e == v.fingerprint);
    if !fingerprint_ok {
        let found = if v.fingerprint.is_empty() {
            "it has none (tagmanifest-sha256.txt is missing)".to_string()
        } else {
            format!("it is {}", v.fingerprint)
        };
        eprintln!(
            "error: the archive's fingerprint is not {}: {found}. Its manifests were replaced since it was made, it is another archive, or the fingerprint was mistyped.",
            terminal_safe(expected.as_deref().unwrap_or_default())
        );
    }
    if v.findings.is_empty() {
        if fingerprint_ok {
            println!(
                "Archive OK: all {} files ({}) match manifest-sha256.txt. Fingerprint: {}{}",
                group_thousands(v.files),
                human_size(v.bytes),
                v.fingerprint,
                if expect.is_some() {
                    " (as expected)"
                } else {
                    ""
                }
            );
            return ExitCode::SUCCESS;
        }
        return ExitCode::FAILURE;
    }
    let count = |d: Difference| v.findings.iter().filter(|f| f.difference == d).count();
    let odd = count(Difference::Link) + count(Difference::Special);
    let oxum = v
        .findings
        .iter()
        .any(|f| matches!(f.difference, Difference::PayloadOxum { .. }));
    eprintln!(
        "{} file(s) differ from the archive's manifests: {} changed, {} missing, {} extra{}{}.",
        v.findings.len() - usize::from(oxum),
        count(Difference::Changed),
        count(Difference::Missing),
        count(Difference::Extra),
        if odd > 0 {
            format!(", {odd} link(s) or special file(s)")
        } else {
            String::new()
        },
        if oxum {
            "; Payload-Oxum does not match data/"
        } else {
            ""
        }
    );
    ExitCode::FAILURE
}
