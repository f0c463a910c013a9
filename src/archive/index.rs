//! Where each course goes in an archive, and the archive's own index page.
//!
//! The year of a course is the first four-digit number from 1900 to 2199 in its
//! `term`: `2026-27` → 2026 (the year the school year starts), `Fall 2026` → 2026,
//! `Spring 2027` → 2027. A course without such a number is listed under "Other terms".

use crate::text::{escape_html, slugify};

/// One course in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub code: String,
    pub term: String,
    pub teachers: Vec<String>,
    /// `<term-slug>/<course-slug>`, the course's folder inside `data/`.
    pub folder: String,
}

/// The year a term belongs to, by the rule above.
pub fn year_of(term: &str) -> Option<u32> {
    let b = term.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let digits = &b[i..i + 4];
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if alone && digits.iter().all(u8::is_ascii_digit) {
            let y: u32 = term[i..i + 4].parse().ok()?;
            (1900..2200).contains(&y).then_some(y)
        } else {
            None
        }
    })
}

/// The stable folder of a course: `<term-slug>/<code-or-title-slug>`.
pub fn folder(term: &str, code: &str, title: &str) -> String {
    let or = |s: String, fallback: &str| {
        if s.is_empty() {
            fallback.to_string()
        } else {
            s
        }
    };
    let term = or(slugify(term), "no-term");
    let course = if code.trim().is_empty() {
        or(slugify(title), "course")
    } else {
        or(slugify(code), "course")
    };
    format!("{term}/{course}")
}

/// The archive's home page: courses by year (newest first), then term, then title.
/// Self-contained (styles inline, no scripts, no requests to other sites).
pub fn page(entries: &[Entry], organization: Option<&str>, date: &str) -> String {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |e: &Entry| {
            (
                std::cmp::Reverse(year_of(&e.term)),
                e.term.clone(),
                e.title.clone(),
            )
        };
        // Undated terms (None) sort last: Reverse puts Some(_) before None.
        key(a).cmp(&key(b))
    });
    let heading = match organization {
        Some(org) if !org.trim().is_empty() => {
            format!("{} — course archive", escape_html(org.trim()))
        }
        _ => "Course archive".to_string(),
    };
    let mut body = String::new();
    let mut year: Option<Option<u32>> = None;
    let mut term: Option<&str> = None;
    for e in &sorted {
        let y = year_of(&e.term);
        if year != Some(y) {
            if year.is_some() {
                body.push_str("</ul>\n</section>\n");
            }
            let label = y.map_or("Other terms".to_string(), |y| y.to_string());
            let id = y.map_or("other".to_string(), |y| format!("year-{y}"));
            body.push_str(&format!(
                "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{label}</h2>\n"
            ));
            year = Some(y);
            term = None;
        }
        if term != Some(e.term.as_str()) {
            if term.is_some() {
                body.push_str("</ul>\n");
            }
            let t = if e.term.is_empty() {
                "No term given"
            } else {
                &e.term
            };
            body.push_str(&format!(
                "<h3>{}</h3>\n<ul class=\"courses\">\n",
                escape_html(t)
            ));
            term = Some(e.term.as_str());
        }
        let code = if e.code.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"code\">{}</span>", escape_html(&e.code))
        };
        let teachers = if e.teachers.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"teachers\">— {}</span>",
                escape_html(&e.teachers.join(", "))
            )
        };
        body.push_str(&format!(
            "  <li><a href=\"{}/index.html\">{}</a>{code}{teachers}</li>\n",
            escape_html(&crate::site::paths::href(&e.folder)),
            escape_html(&e.title)
        ));
    }
    if year.is_some() {
        body.push_str("</ul>\n</section>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="generator" content="pathfolio">
<title>{heading}</title>
<style>
body {{ font: 1.05rem/1.5 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; color: #1d1d1f; background: #fff; }}
h1 {{ font-size: 1.8rem; }} h2 {{ border-bottom: 2px solid #d0d4da; margin-top: 2rem; }}
h3 {{ font-size: 1.1rem; margin-bottom: 0.25rem; }}
.courses {{ padding-left: 1.2rem; }} .code, .teachers, .note {{ color: #4a4f57; }}
a {{ color: #0b5cad; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p class="note">Read-only copies of the public course sites, as they were on {date}. Every file is listed with its SHA-256 in the archive's <code>manifest-sha256.txt</code>.</p>
{body}</main>
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_from_terms() {
        assert_eq!(year_of("2026-27"), Some(2026));
        assert_eq!(year_of("2026/2027"), Some(2026));
        assert_eq!(year_of("Fall 2026"), Some(2026));
        assert_eq!(year_of("Spring 2027"), Some(2027));
        assert_eq!(year_of("Term 3"), None);
        assert_eq!(year_of("12345"), None);
        assert_eq!(year_of(""), None);
    }

    #[test]
    fn folders_are_stable_slugs() {
        assert_eq!(folder("2026-27", "BIO9", "Biology 9"), "2026-27/bio9");
        assert_eq!(
            folder("Fall 2026", "", "Art & Design"),
            "fall-2026/art-design"
        );
        assert_eq!(folder("", "", "!!"), "no-term/course");
    }

    #[test]
    fn index_groups_by_year_newest_first() {
        let e = |term: &str, title: &str| Entry {
            title: title.into(),
            code: String::new(),
            term: term.into(),
            teachers: vec![],
            folder: folder(term, "", title),
        };
        let html = page(
            &[
                e("2025-26", "Old"),
                e("Fall 2026", "New <b>"),
                e("Term X", "Odd"),
            ],
            Some("Hill School"),
            "2026-11-22",
        );
        let new = html.find("2026</h2>").unwrap();
        let old = html.find("2025</h2>").unwrap();
        let other = html.find("Other terms").unwrap();
        assert!(new < old && old < other, "{html}");
        assert!(html.contains("New &lt;b&gt;") && html.contains("Hill School"));
        assert!(
            html.contains(r#"href="fall-2026/new-b/index.html""#),
            "{html}"
        );
    }
}
