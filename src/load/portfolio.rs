//! `portfolio.yaml`: the settings of a student's own portfolio folder (one with
//! `profile.md` and no `course.yaml`), and the standards of the courses it names.
//!
//! ```yaml
//! title: Ada's portfolio
//! base_url: https://ada.github.io/portfolio/
//! courses:
//!   - path: ../bio9                          # a course folder: its title and standards.yaml
//!   - standards: ../chem/standards.yaml      # or just a standards file
//!     title: Chemistry
//! ```
//!
//! Strict like every file (unknown fields are errors; `extra:` is free). Paths are
//! relative to the folder that holds portfolio.yaml. Only reading happens here; what
//! the entries mean is `validate::portfolio`'s job.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::raw::{Extra, RawStandard, Text};
use super::{Loaded, source, yaml};
use crate::diag::{Diagnostic, Diagnostics};

/// The file name, beside `profile.md`.
pub const FILE: &str = "portfolio.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPortfolio {
    /// The site's title; default "<name>’s portfolio".
    pub title: Option<Text>,
    pub language: Option<String>,
    /// Where the portfolio will be published, as in course.yaml.
    pub base_url: Option<Text>,
    #[serde(default)]
    pub courses: Vec<Spanned<RawPortfolioCourse>>,
    pub privacy: Option<RawPortfolioPrivacy>,
    pub extra: Extra,
}

/// One course the student took: a course folder (`path`) or a standards file
/// (`standards`), exactly one of the two.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPortfolioCourse {
    pub path: Option<Text>,
    pub standards: Option<Text>,
    /// How the course is named on the standards page; default: the course's title.
    pub title: Option<String>,
    pub extra: Extra,
}

/// The privacy settings that make sense for one student's own site.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPortfolioPrivacy {
    pub names: Option<Text>,
    pub index_student_pages: Option<bool>,
    pub publish_uncleaned_media: Option<bool>,
}

/// Only the title of a course.yaml: the course's own file is the teacher's, so the
/// rest of it is not judged from a student's folder.
#[derive(Debug, Deserialize)]
struct CourseTitle {
    title: Option<String>,
}

/// A course entry as read: its title, and its standards file when that could be read.
#[derive(Debug)]
pub struct CourseStandards {
    pub title: String,
    pub standards: Option<Loaded<Vec<Spanned<RawStandard>>>>,
}

/// portfolio.yaml and what its entries point at.
#[derive(Debug)]
pub struct Portfolio {
    pub file: Loaded<RawPortfolio>,
    pub courses: Vec<CourseStandards>,
    /// True when some entry could not be read (its problem is reported): standard
    /// codes are then not checked, as with a broken standards.yaml.
    pub broken: bool,
}

/// Reads `root/portfolio.yaml`, if there is one, and the files its courses name.
pub fn read(root: &Path, diags: &mut Diagnostics) -> Option<Portfolio> {
    let path = root.join(FILE);
    if !path.is_file() {
        return None;
    }
    let file: Loaded<RawPortfolio> = read_yaml(&path).map_err(|d| diags.push(d)).ok()?;
    let mut courses = Vec::new();
    let mut broken = false;
    for c in &file.raw.courses {
        let pos = file.pos(c);
        let c = &c.value;
        let (standards_path, course_dir, given) = match (&c.path, &c.standards) {
            (Some(dir), None) => (
                root.join(&dir.value).join("standards.yaml"),
                Some(root.join(&dir.value)),
                dir,
            ),
            (None, Some(std)) => (root.join(&std.value), None, std),
            _ => {
                diags.push(
                    Diagnostic::error(&path, pos, "a course needs either `path:` or `standards:`")
                        .with_hint("write `- path: ../my-course` (a course folder) or `- standards: ../my-course/standards.yaml`"),
                );
                broken = true;
                continue;
            }
        };
        if let Some(dir) = &course_dir
            && !dir.join("course.yaml").is_file()
        {
            diags.push(
                Diagnostic::error(&path, file.pos(given), format!("there is no course folder at `{}`", given.value))
                    .with_hint("give the path of a folder with course.yaml, relative to portfolio.yaml (such as `../bio9`)"),
            );
            broken = true;
            continue;
        }
        if !standards_path.is_file() {
            let what = match course_dir {
                Some(_) => format!("the course at `{}` has no standards.yaml", given.value),
                None => format!("there is no standards file at `{}`", given.value),
            };
            diags.push(
                Diagnostic::error(&path, file.pos(given), what)
                    .with_hint("check the path; it is relative to portfolio.yaml"),
            );
            broken = true;
            continue;
        }
        let title = c
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| {
                let dir = course_dir.as_ref()?;
                let yaml_path = dir.join("course.yaml");
                let text = source::read_text(&yaml_path).ok()?;
                yaml::parse::<CourseTitle>(&yaml_path, &text, 1).ok()?.title
            });
        let title = title.unwrap_or_else(|| fallback_title(&standards_path, course_dir.as_deref()));
        let standards = match read_yaml(&standards_path) {
            Ok(l) => Some(l),
            Err(d) => {
                diags.push(d);
                broken = true;
                None
            }
        };
        courses.push(CourseStandards { title, standards });
    }
    Some(Portfolio {
        file,
        courses,
        broken,
    })
}

/// The folder's name when nothing else names the course.
fn fallback_title(standards: &Path, course_dir: Option<&Path>) -> String {
    let dir: PathBuf = match course_dir {
        Some(d) => d.to_path_buf(),
        None => standards
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    std::fs::canonicalize(&dir)
        .unwrap_or(dir)
        .file_name()
        .map_or_else(|| "Course".into(), |n| n.to_string_lossy().into_owned())
}

fn read_yaml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Loaded<T>, Diagnostic> {
    let text = source::read_text(path)?;
    let raw = yaml::parse::<T>(path, &text, 1)?;
    Ok(Loaded {
        path: path.to_path_buf(),
        yaml_line: 1,
        raw,
        body: String::new(),
        body_line: 1,
    })
}
