//! What `pathfolio serve` does when one evidence file is saved, timed: the site is
//! built in memory (as `serve` starts), then the file is edited, and the site is
//! brought up to date the way `serve` does it (`pipeline::live`). benches/run.sh runs it.
//!
//!     cargo run --release --example live-edit -- COURSE EVIDENCE_FILE
//!
//! Prints `full SECONDS`, then `update SECONDS PAGES` for each of three edits.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pathfolio::audience::Audience;
use pathfolio::pipeline::live::Live;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [course, evidence] = args.as_slice() else {
        eprintln!("usage: live-edit COURSE EVIDENCE_FILE");
        return ExitCode::from(2);
    };
    let (course, evidence) = (Path::new(course), PathBuf::from(evidence));
    let mut live = Live::new(course, &Audience::Teacher);
    let t = Instant::now();
    let mut site = match live.full() {
        Ok((site, _)) => site,
        Err(d) => {
            eprintln!("the course does not build: {d:?}");
            return ExitCode::FAILURE;
        }
    };
    println!("full {:.3}", t.elapsed().as_secs_f64());
    // The watcher names files by their real path.
    let Ok(real) = std::fs::canonicalize(&evidence) else {
        eprintln!("no file {}", evidence.display());
        return ExitCode::FAILURE;
    };
    for run in 1..=3 {
        let Ok(mut text) = std::fs::read_to_string(&real) else {
            return ExitCode::FAILURE;
        };
        text.push_str(&format!("\nEdited in the preview, run {run}.\n"));
        if std::fs::write(&real, text).is_err() {
            return ExitCode::FAILURE;
        }
        let t = Instant::now();
        match live.update(std::slice::from_ref(&real)) {
            Some(Ok((update, _))) => update.apply_to(&mut site),
            Some(Err(d)) => {
                eprintln!("the update failed: {d:?}");
                return ExitCode::FAILURE;
            }
            None => {
                eprintln!("the change was not updated in place");
                return ExitCode::FAILURE;
            }
        }
        println!("update {:.3} {}", t.elapsed().as_secs_f64(), site.pages);
    }
    ExitCode::SUCCESS
}
