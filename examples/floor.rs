//! The floor for benchmarks: the least work any generator must do for these pages.
//!
//! ```sh
//! cargo run --release --example floor -- SRC OUT
//! ```
//!
//! Reads every `.md` file under SRC (the Hugo content folder that benches/run.sh
//! makes from a generated course), drops its front matter, renders it with
//! pulldown-cmark alone (the options pathfolio uses) into a one-line HTML shell and
//! writes it under OUT, on 2 threads. No sanitizing, no templates, no model: what is
//! left is reading, Markdown and writing, so pathfolio's time over this is its own.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, out] = args.as_slice() else {
        eprintln!("usage: floor SRC OUT");
        return ExitCode::from(2);
    };
    let (src, out) = (Path::new(src), Path::new(out));
    let files: Vec<PathBuf> = walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a thread pool");
    let result: Result<usize, String> = pool.install(|| {
        files
            .par_iter()
            .map(|f| render(src, out, f).map_err(|e| format!("{}: {e}", f.display())))
            .try_fold(|| 0usize, |n, r| r.map(|()| n + 1))
            .try_reduce(|| 0, |a, b| Ok(a + b))
    });
    match result {
        Ok(n) => {
            println!("rendered {n} pages into {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn render(src: &Path, out: &Path, file: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(file)?;
    let body = match text
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
    {
        Some((_, body)) => body,
        None => &text,
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut page = String::with_capacity(body.len() * 2);
    page.push_str("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>page</title></head><body><main>");
    html::push_html(&mut page, Parser::new_ext(body, options));
    page.push_str("</main></body></html>\n");
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let target = out.join(rel).join("index.html");
    std::fs::create_dir_all(target.parent().unwrap_or(out))?;
    std::fs::write(target, page)
}
