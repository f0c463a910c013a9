//! `pathfolio serve`: messages around the library's preview server.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pathfolio::audience::Audience;
use pathfolio::diag::{terminal_path, terminal_safe};
use pathfolio::serve::{Preview, Rebuild, Rendered, ServeOptions};

use super::{group_thousands, print_problems, summary};

pub fn run(
    dir: PathBuf,
    audience: Audience,
    port: u16,
    today: Option<jiff::civil::Date>,
    verbose: bool,
) -> ExitCode {
    let what = audience.label();
    let opts = ServeOptions {
        dir: dir.clone(),
        audience,
        port,
        today,
    };
    let preview = match Preview::start(opts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start the preview: {e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = match preview.addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: cannot start the preview: {e}");
            return ExitCode::FAILURE;
        }
    };
    if port != 0 && addr.port() != port {
        eprintln!(
            "note: port {port} is in use, so the preview uses port {}",
            addr.port()
        );
    }
    if verbose {
        for root in preview.watched() {
            eprintln!("watching {}", terminal_path(root));
        }
    }
    report(&preview.build(), &dir, verbose, true);
    println!(
        "Serving {} ({what}) at http://{addr}/index.html — press Ctrl+C to stop",
        terminal_safe(preview.title())
    );
    match preview.run(move |r| report(&r, &dir, verbose, false)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the preview stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One line per build, and its problems.
fn report(r: &Rebuild, dir: &Path, verbose: bool, first: bool) {
    let because = match r.changed.as_slice() {
        [] => String::new(),
        [one] => format!(" after a change to {}", shown(one, dir)),
        [one, rest @ ..] => format!(
            " after changes to {} and {} more",
            shown(one, dir),
            rest.len()
        ),
    };
    let timing = match (verbose, r.to_reload) {
        (true, Some(t)) => format!(
            " (build {:.0} ms; reload sent {:.0} ms after the change was seen)",
            r.build_time.as_secs_f64() * 1000.0,
            t.as_secs_f64() * 1000.0
        ),
        (true, None) => format!(" (build {:.0} ms)", r.build_time.as_secs_f64() * 1000.0),
        _ => String::new(),
    };
    match &r.result {
        Ok((pages, warnings)) => {
            print_problems(warnings);
            let what = match r.rendered {
                Rendered::All => format!("Built {} pages", group_thousands(*pages)),
                Rendered::Students(n) => format!(
                    "Updated the pages of {n} student{} (of {} pages)",
                    if n == 1 { "" } else { "s" },
                    group_thousands(*pages)
                ),
            };
            println!(
                "{what} in {:.2} s{because}{timing}",
                r.build_time.as_secs_f64()
            );
        }
        Err(diags) => {
            print_problems(diags);
            let then = if first {
                "the browser shows them until you fix them and save"
            } else {
                "the browser shows them, and the last good version stays served"
            };
            eprintln!("{}{because}{timing}; {then}.", summary(diags));
        }
    }
}

/// A changed file as the user knows it: relative to the course folder if inside it,
/// escaped for the terminal (a student names their own files).
fn shown(path: &Path, dir: &Path) -> String {
    let course = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    terminal_path(path.strip_prefix(&course).unwrap_or(path))
}
