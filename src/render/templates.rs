//! Templates: the default theme built into the binary, a theme folder, and the
//! course's own `templates/`, each overriding the one before file by file.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Course, Theme};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, compiled in so the binary works anywhere.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "partials/nav.html",
    "partials/footer.html",
    "partials/item.html",
    "partials/evidence_card.html",
    "partials/rubric_table.html",
    "partials/level.html",
    "partials/level_cell.html",
    "partials/target.html",
    "partials/roster.html",
    "partials/level_chip.html",
    "partials/level_legend.html",
    "index.html",
    "standards.html",
    "unit.html",
    "playlist.html",
    "rubric.html",
    "students.html",
    "portfolio.html",
    "evidence.html",
    "404.html",
    "mastery.html",
    "progress.html",
    "class.html",
    "search.html",
    "partials/search_box.html",
    "print.html",
    "portfolio_standards.html",
    "to_grade.html",
    "partials/to_grade_rows.html",
    "partials/done_by.html",
    "partials/dashboard.html",
];

/// The default theme's static files, copied to `assets/`.
pub const DEFAULT_STATIC: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
    (
        "print.css",
        include_str!("../../themes/default/static/print.css"),
    ),
];

/// A static file of the theme: embedded text or a file on disk.
pub enum ThemeFile {
    Embedded(&'static str),
    /// Made from the course when it is loaded (`assets/levels.css`: the level palette).
    Generated(String),
    Disk(crate::load::Checked),
}

/// The loaded templates and the theme's static files.
pub struct Templates {
    pub tera: tera::Tera,
    pub statics: Vec<(String, ThemeFile)>,
}

/// Loads default → theme folder → course overrides. A template that does not parse
/// is reported at its file.
pub fn load(course: &Course) -> Result<Templates, Diagnostics> {
    let mut sources: Vec<(String, String, PathBuf)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, t)| {
            (
                n.to_string(),
                t.to_string(),
                Path::new("themes/default/templates").join(n),
            )
        })
        .collect();
    let mut statics: Vec<(String, ThemeFile)> = DEFAULT_STATIC
        .iter()
        .map(|(n, t)| (format!("assets/{n}"), ThemeFile::Embedded(t)))
        .collect();
    statics.push((
        "assets/levels.css".to_string(),
        ThemeFile::Generated(super::views::palette::level_css(
            &course.config.mastery.scale,
        )),
    ));
    let mut diags = Diagnostics::new();
    if let Theme::Folder(dir) = &course.config.theme {
        let scope = crate::load::Scope::teacher(std::slice::from_ref(dir));
        for f in crate::load::walk_files(&dir.join("templates"), &scope, &mut diags) {
            match crate::load::source::read_checked_text(&f.file) {
                Ok(text) => override_with(&mut sources, f.name, text, f.file.found().to_path_buf()),
                Err(d) => diags.push(d),
            }
        }
        for f in crate::load::walk_files(&dir.join("static"), &scope, &mut diags) {
            let site = format!("assets/{}", f.name);
            statics.retain(|(n, _)| n != &site);
            statics.push((site, ThemeFile::Disk(f.file)));
        }
    }
    for (name, text) in &course.templates {
        let path = course.root.join("templates").join(name);
        override_with(&mut sources, name.clone(), text.clone(), path);
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".htm", ".xml"]);
    let (today, language) = (course.config.today, course.config.language.clone());
    tera.register_filter(
        "date_words",
        move |d: &str, _: tera::Kwargs, _: &tera::State| date_words(d, today, &language),
    );
    tera.register_filter("initials", |n: &str, _: tera::Kwargs, _: &tera::State| {
        initials(n)
    });
    let all = sources.iter().map(|(n, t, _)| (n.as_str(), t.as_str()));
    if let Err(e) = tera.add_raw_templates(all) {
        // Tera names the template at fault in its message; point at that file.
        let text = e.to_string();
        let path = sources
            .iter()
            .rev()
            .find(|(n, _, _)| text.contains(&format!("'{n}'")) || text.contains(n.as_str()))
            .map_or_else(|| PathBuf::from("templates"), |(_, _, p)| p.clone());
        diags.push(template_error(&path, &e));
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Templates { tera, statics })
}

/// A `YYYY-MM-DD` text as `text::date_words` writes it ("Tue 3 Oct", the year when it
/// is not the build date's), for the `date_words` filter; anything else unchanged.
pub fn date_words(d: &str, today: crate::model::Date, language: &str) -> String {
    match crate::model::Date::parse(d) {
        Ok(date) => date.words(today, language),
        Err(_) => d.to_string(),
    }
}

/// "Ada L." as "AL": the first letters of the first and the last word, for an
/// avatar (the `initials` filter).
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &&str| w.chars().find(|c| c.is_alphanumeric());
    let mut out: String = words.first().and_then(first).into_iter().collect();
    if words.len() > 1 {
        out.extend(words.last().and_then(first));
    }
    out.to_uppercase()
}

fn override_with(
    sources: &mut Vec<(String, String, PathBuf)>,
    name: String,
    text: String,
    path: PathBuf,
) {
    sources.retain(|(n, _, _)| n != &name);
    sources.push((name, text, path));
}

/// A Tera error as a diagnostic on the template's file.
pub fn template_error(path: &Path, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error(path, None, format!("template problem: {}", msg.trim())).with_hint(
        "check the template's syntax; see docs/theming.md for the variables each page gets",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        let today = crate::model::Date::parse("2026-11-24").unwrap();
        assert_eq!(date_words("2026-10-04", today, "en"), "Sun 4 Oct");
        assert_eq!(date_words("2025-10-04", today, "en"), "Sat 4 Oct 2025");
        assert_eq!(date_words("2026-10-04", today, "de"), "2026-10-04");
        assert_eq!(date_words("2026-13-04", today, "en"), "2026-13-04");
        assert_eq!(date_words("", today, "en"), "");
        assert_eq!(initials("Ada L."), "AL");
        assert_eq!(initials("  zoë  van der Berg"), "ZB");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn every_theme_template_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    DEFAULT_TEMPLATES.iter().any(|(n, _)| *n == rel),
                    "{rel} is not in DEFAULT_TEMPLATES"
                );
            }
        }
    }
}
