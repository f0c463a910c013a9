//! Generates a synthetic course of any size for benchmarks (see benches/run.sh).
//!
//! ```sh
//! cargo run --release --example gen-course -- --students 500 --evidence-per-student 17 --seed 1 OUT
//! cargo run --release --example gen-course -- --hugo-from OUT --pages 10000 HUGO_SITE
//! ```
//!
//! The first form writes a course that `pathfolio check` accepts: 20 standards, 6
//! units, 12 playlists (must-do, may-do, a choice group and a checkpoint each), 6
//! rubrics, and per student a profile, `--evidence-per-student` items of 2–4 KB
//! Markdown (every sixth a folder with a small PNG) and an assessments file with
//! several scores per standard. The same seed gives the same files, byte for byte.
//! A teacher build has students × (evidence + 4) + 50 pages.
//!
//! The second form writes a minimal Hugo site whose `content/` holds `--pages`
//! Markdown pages with the course's own Markdown bodies (cycled), for comparison.

mod course;
mod png;
mod students;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen-course --students N --evidence-per-student K [--seed S] OUT\n       \
                     gen-course --hugo-from COURSE --pages P OUT";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(msg) => {
            println!("{msg}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<String, String> {
    let (mut students, mut evidence, mut seed, mut pages) = (None, None, 1u64, None);
    let (mut hugo_from, mut out) = (None, None);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("`{v}`: {e}"));
        match a.as_str() {
            "--students" => students = Some(number(value(&a)?)?),
            "--evidence-per-student" => evidence = Some(number(value(&a)?)?),
            "--seed" => seed = number(value(&a)?)?,
            "--pages" => pages = Some(number(value(&a)?)?),
            "--hugo-from" => hugo_from = Some(PathBuf::from(value(&a)?)),
            "-h" | "--help" => return Ok(USAGE.into()),
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            _ if out.is_none() => out = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument `{a}`")),
        }
    }
    let out = out.ok_or("give the output folder")?;
    if out.exists() && std::fs::read_dir(&out).map_or(true, |mut d| d.next().is_some()) {
        return Err(format!("{} exists and is not empty", out.display()));
    }
    if let Some(course) = hugo_from {
        let pages = pages.ok_or("--hugo-from needs --pages")?;
        return hugo_site(&course, pages as usize, &out);
    }
    let students = students.ok_or("--students is required")? as usize;
    let evidence = evidence.ok_or("--evidence-per-student is required")? as usize;
    let rng = text::Rng::new(seed);
    let plan = course::write_course(&out, &rng);
    for i in 0..students {
        students::write_student(&out, &plan, i, evidence, &rng);
    }
    Ok(format!(
        "wrote {} students × {} evidence items to {} (about {} pages for the teacher)",
        students,
        evidence,
        out.display(),
        students * (evidence + 4) + course_pages()
    ))
}

/// The teacher build's pages that are not a student's: home, standards, search,
/// units, playlists, rubrics, roster, the class grid (one by name and one per
/// standard), 404. (Each student has evidence + 4: home, progress, mastery, print.)
fn course_pages() -> usize {
    use course::{PLAYLISTS_PER_UNIT, STANDARDS, UNITS};
    3 + UNITS * (2 + PLAYLISTS_PER_UNIT) + 1 + (STANDARDS + 1) + 1
}

/// Writes `text` to `path`, creating its folder. A generator may stop on an I/O error.
pub fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create a folder");
    }
    std::fs::write(path, text).expect("write a file");
}

/// A minimal Hugo site of `pages` pages whose bodies are the course's Markdown bodies.
fn hugo_site(course: &Path, pages: usize, out: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    for sub in ["units", "playlists", "rubrics", "students"] {
        markdown_files(&course.join(sub), &mut files);
    }
    files.sort();
    let bodies: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|t| {
            match t
                .strip_prefix("---\n")
                .and_then(|r| r.split_once("\n---\n"))
            {
                Some((_, body)) => body.to_string(),
                None => t,
            }
        })
        .collect();
    if bodies.is_empty() {
        return Err(format!("no Markdown files in {}", course.display()));
    }
    write(
        &out.join("hugo.toml"),
        "baseURL = 'https://example.org/'\ntitle = 'Benchmark'\n\
         disableKinds = ['taxonomy', 'term', 'rss', 'sitemap', 'robotstxt', '404']\n",
    );
    let layout = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                  <title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>\
                  {{ .Content }}</main></body></html>\n";
    write(&out.join("layouts/single.html"), layout);
    write(&out.join("layouts/list.html"), layout);
    for i in 0..pages {
        write(
            &out.join(format!("content/p/{:03}/{i:06}.md", i / 1000)),
            &format!(
                "---\ntitle: \"Page {i}\"\n---\n{}",
                bodies[i % bodies.len()]
            ),
        );
    }
    Ok(format!(
        "wrote a Hugo site of {pages} pages ({} distinct bodies) to {}",
        bodies.len(),
        out.display()
    ))
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}
