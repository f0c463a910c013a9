//! `pathfolio new unit|playlist|rubric|student|evidence NAME`: one new file (a
//! student: a folder) with its front matter filled in from the course around it.

use std::path::{Path, PathBuf};

use super::{Problem, write_new, yaml_quote};
use crate::diag::suggest;
use crate::load::{self, Sources, split_order_prefix};
use crate::model::{MasteryConfig, fmt_level};
use crate::text::{self, slugify};

/// What `new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Unit,
    Playlist,
    Rubric,
    Student,
    Evidence,
}

/// The arguments of `pathfolio new`.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub kind: Kind,
    /// The title (a student's name), which also gives the file name.
    pub name: String,
    /// The course folder; for evidence, a student's folder (or inside it) unless
    /// `student` is given.
    pub dir: PathBuf,
    /// The student an evidence item is for, by id, in the course at `dir`.
    pub student: Option<String>,
}

/// Writes the new file(s) and returns what was written; an existing file or folder
/// is never replaced.
pub fn new_item(opts: &NewOptions) -> Result<Vec<PathBuf>, Problem> {
    let slug = match opts.kind {
        Kind::Student => student_id(&opts.name),
        _ => slugify(&opts.name),
    };
    if slug.is_empty() {
        return Err(Problem::new(format!(
            "`{}` has no letters or digits to make a file name from",
            opts.name
        ))
        .with_hint("give a name with words, such as \"Food Webs\""));
    }
    let title = yaml_quote(opts.name.trim());
    let (path, text) = match opts.kind {
        Kind::Evidence => return evidence(opts, &slug, &title),
        Kind::Student => return student(&course(&opts.dir)?.students_dir, &slug, &title),
        Kind::Unit => unit(&course(&opts.dir)?, &slug, &title)?,
        Kind::Playlist => playlist(&course(&opts.dir)?, &slug, &title)?,
        Kind::Rubric => rubric(&course(&opts.dir)?, &slug, &title)?,
    };
    create(&path, &text)?;
    Ok(vec![path])
}

/// The course at `dir`, as read: only read, not validated, so nothing is written
/// (problems in it do not matter here).
fn course(dir: &Path) -> Result<Sources, Problem> {
    if !dir.join("course.yaml").is_file() {
        return Err(
            Problem::new(format!("there is no course.yaml in `{}`", dir.display()))
                .with_hint("run this in the course folder, or give it with --dir"),
        );
    }
    Ok(load::load(dir).0)
}

fn create(path: &Path, text: &str) -> Result<(), Problem> {
    if path.exists() || !write_new(path, text)? {
        return Err(Problem::new(format!("`{}` already exists", path.display()))
            .with_hint("nothing was written; choose another name"));
    }
    Ok(())
}

fn taken(what: &str, slug: &str, path: &Path) -> Problem {
    Problem::new(format!(
        "there is already a {what} `{slug}`: {}",
        path.display()
    ))
    .with_hint("nothing was written; choose another name")
}

/// `units/NN-<slug>.md`: the next order, with a prefix as wide as the others'.
fn unit(s: &Sources, slug: &str, title: &str) -> Result<(PathBuf, String), Problem> {
    if let Some(u) = s.units.iter().find(|u| u.slug == slug) {
        return Err(taken("unit", slug, &u.file.path));
    }
    let order = s
        .units
        .iter()
        .filter_map(|u| u.file.raw.order.or(u.prefix_order))
        .max()
        .unwrap_or(0)
        + 1;
    let names: Vec<String> = s.units.iter().map(|u| item_name(&u.file.path)).collect();
    let widths: Vec<usize> = names
        .iter()
        .filter(|n| split_order_prefix(n).0.is_some())
        .filter_map(|n| n.split_once('-').map(|(digits, _)| digits.len()))
        .collect();
    // Prefixes unless every existing unit does without them.
    let file = if widths.is_empty() && !names.is_empty() {
        format!("{slug}.md")
    } else {
        let width = widths.into_iter().max().unwrap_or(2);
        format!("{order:0width$}-{slug}.md")
    };
    let text = include_str!("new/unit.md")
        .replace("{{title}}", title)
        .replace("{{order}}", &order.to_string())
        .replace("{{standard_example}}", &standard_example(s));
    Ok((s.root.join("units").join(file), text))
}

/// `playlists/<slug>.md`, for the last unit.
fn playlist(s: &Sources, slug: &str, title: &str) -> Result<(PathBuf, String), Problem> {
    if let Some(p) = s.playlists.iter().find(|p| p.slug == slug) {
        return Err(taken("playlist", slug, &p.file.path));
    }
    let last_unit = s
        .units
        .iter()
        .max_by_key(|u| (u.file.raw.order.or(u.prefix_order), &u.slug));
    let unit_line = last_unit.map_or(String::new(), |u| format!("unit: {}\n", u.slug));
    let text = include_str!("new/playlist.md")
        .replace("{{title}}", title)
        .replace("{{slug}}", slug)
        .replace("{{unit_line}}", &unit_line)
        .replace("{{standard_example}}", &standard_example(s));
    Ok((s.root.join("playlists").join(format!("{slug}.md")), text))
}

/// `rubrics/<slug>.md`, one criterion with a descriptor per level of the course scale.
fn rubric(s: &Sources, slug: &str, title: &str) -> Result<(PathBuf, String), Problem> {
    if let Some(r) = s.rubrics.iter().find(|r| r.slug == slug) {
        return Err(taken("rubric", slug, &r.file.path));
    }
    let mut descriptors = String::new();
    let mut scale: Vec<(f64, String)> = match s
        .course
        .as_ref()
        .and_then(|c| c.raw.mastery.as_ref()?.scale.as_ref())
    {
        Some(levels) => levels
            .iter()
            .map(|l| (l.value.level, l.value.label.clone()))
            .collect(),
        None => MasteryConfig::default()
            .scale
            .into_iter()
            .map(|l| (l.level, l.label))
            .collect(),
    };
    scale.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (level, label) in scale {
        descriptors.push_str(&format!(
            "      {}: {}\n",
            fmt_level(level),
            yaml_quote(&format!("What {label} work looks like."))
        ));
    }
    let standard_line = first_standard(s).map_or(String::new(), |code| {
        format!("    standard: {code}               # the standard this criterion scores\n")
    });
    let text = include_str!("new/rubric.md")
        .replace("{{title}}", title)
        .replace("{{standard_line}}", &standard_line)
        .replace("{{descriptors}}", &descriptors);
    Ok((s.root.join("rubrics").join(format!("{slug}.md")), text))
}

/// `<students_dir>/<id>/profile.md` and an empty `evidence/` folder.
pub fn student(students_dir: &Path, id: &str, name: &str) -> Result<Vec<PathBuf>, Problem> {
    let dir = students_dir.join(id);
    if dir.exists() {
        return Err(Problem::new(format!(
            "there is already a student folder `{}`",
            dir.display()
        ))
        .with_hint("nothing was written; give the student's name with a different last initial, or create the folder by hand"));
    }
    let profile = dir.join("profile.md");
    create(
        &profile,
        &include_str!("new/profile.md").replace("{{name}}", name),
    )?;
    // An empty folder is lost in git; .gitkeep keeps it (load skips hidden files).
    let keep = dir.join("evidence").join(".gitkeep");
    create(&keep, "")?;
    Ok(vec![profile, dir.join("evidence")])
}

/// `evidence/<slug>.md` in a student's folder, dated today.
fn evidence(opts: &NewOptions, slug: &str, title: &str) -> Result<Vec<PathBuf>, Problem> {
    let student_dir = match &opts.student {
        Some(id) => {
            let sources = course(&opts.dir)?;
            let dir = sources.students_dir.join(id);
            if !dir.join("profile.md").is_file() {
                let ids: Vec<&str> = sources.students.iter().map(|s| s.id.as_str()).collect();
                let hint = suggest(id, ids.iter().copied())
                    .unwrap_or_else(|| "add the student first: `pathfolio new student NAME`".into());
                return Err(Problem::new(format!("there is no student `{id}`")).with_hint(hint));
            }
            dir
        }
        None => find_student_dir(&opts.dir).ok_or_else(|| {
            Problem::new(format!("`{}` is not a student's folder", opts.dir.display()))
                .with_hint("run this in a student's folder (the one with profile.md), or give --student ID in the course folder")
        })?,
    };
    let folder = student_dir.join("evidence");
    let existing = folder.join(slug);
    if existing.exists() {
        return Err(taken("evidence item", slug, &existing));
    }
    let path = folder.join(format!("{slug}.md"));
    let text = include_str!("new/evidence.md")
        .replace("{{title}}", title)
        .replace("{{slug}}", slug)
        // The course's `timezone:` (SPEC §2.1) would decide "today" here once it is read.
        .replace("{{date}}", &text::today().to_string());
    create(&path, &text)?;
    Ok(vec![path])
}

/// The student folder `dir` is, or is inside (its `evidence/`, or an evidence folder).
fn find_student_dir(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    let candidates = [
        Some(dir.as_path()),
        dir.parent().filter(|_| dir.ends_with("evidence")),
        dir.parent()
            .filter(|p| p.ends_with("evidence"))
            .and_then(Path::parent),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|d| d.join("profile.md").is_file())
        .map(Path::to_path_buf)
}

/// "Ada Lovelace" → `ada-l`: page addresses show ids, so they should not give away a
/// full name. A single word is used as it is ("ada-l" → `ada-l`).
pub fn student_id(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [first, .., last] => {
            let initial: String = slugify(last).chars().take(1).collect();
            let first = slugify(first);
            if initial.is_empty() {
                first
            } else {
                format!("{first}-{initial}")
            }
        }
        _ => slugify(name),
    }
}

/// A unit's file or folder name (`01-cells` for `units/01-cells.md` or `units/01-cells/index.md`).
fn item_name(path: &Path) -> String {
    let p = if path.file_name().is_some_and(|n| n == "index.md") {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    p.file_stem()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}

fn first_standard(s: &Sources) -> Option<String> {
    let file = s.standards.as_ref()?;
    Some(file.raw.first()?.value.code.value.clone())
}

/// `, such as [CODE]` from the course's own standards, or nothing.
fn standard_example(s: &Sources) -> String {
    first_standard(s).map_or(String::new(), |c| format!(", such as [{c}]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn student_ids_hide_the_last_name() {
        assert_eq!(student_id("Ada Lovelace"), "ada-l");
        assert_eq!(student_id("Zoë María Bravo"), "zoë-b");
        assert_eq!(student_id("ada-l"), "ada-l");
        assert_eq!(student_id("Ada !!"), "ada");
    }

    #[test]
    fn item_names_of_files_and_folders() {
        assert_eq!(item_name(Path::new("c/units/01-cells.md")), "01-cells");
        assert_eq!(item_name(Path::new("c/units/02-eco/index.md")), "02-eco");
    }
}
