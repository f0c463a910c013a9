//! A student's own portfolio folder: `portfolio.yaml` settings and the standards of
//! the courses it names (docs/publishing.md, "A student's own portfolio").
//!
//! Each course's standards join the portfolio's, grouped under the course's title,
//! so a piece of work shows the "I can" statements of whichever course it was for.

use std::collections::BTreeSet;

use super::Validator;
use crate::load::Sources;
use crate::load::portfolio::Portfolio;
use crate::model::{CourseConfig, Extra, NameStyle, Standard};

/// Applies portfolio.yaml to a standalone folder's settings and standards; does
/// nothing for a course.
pub(super) fn apply(
    s: &Sources,
    config: &mut CourseConfig,
    standards: &mut Vec<Standard>,
    v: &mut Validator,
) {
    if !s.standalone {
        return;
    }
    warn_unpublished(s, v);
    let Some(p) = &s.portfolio else {
        return;
    };
    settings(p, config, v);
    merge_standards(p, standards, v);
    let broken = p.broken || s.broken.standards;
    v.known.standards = if broken || standards.is_empty() {
        None
    } else {
        Some(standards.iter().map(|st| st.code.clone()).collect())
    };
}

/// A student's own public build leaves out a profile without `publish: true`,
/// which would leave an empty site: say so before it happens.
fn warn_unpublished(s: &Sources, v: &mut Validator) {
    let Some(profile) = s.students.first().and_then(|st| st.profile.as_ref()) else {
        return;
    };
    if profile.raw.publish != Some(true) {
        let id = &s.students[0].id;
        v.warning(
            profile,
            profile.pos(&profile.raw.name),
            "this portfolio is not published: its public site leaves you out",
            format!("add `publish: true` to profile.md to publish it (keep one piece of work private with `public: false`), or build a private preview with `pathfolio build --audience student --student {id}`"),
        );
    }
}

fn settings(p: &Portfolio, config: &mut CourseConfig, v: &mut Validator) {
    let file = &p.file;
    let raw = &file.raw;
    if let Some(title) = &raw.title {
        if title.value.trim().is_empty() {
            v.error(
                file,
                file.pos(title),
                "the title is empty",
                "write `title: My portfolio`, or leave the line out",
            );
        }
        config.title = title.value.clone();
    }
    if let Some(lang) = &raw.language {
        config.language = lang.clone();
    }
    if let Some(url) = &raw.base_url {
        let u = url.value.as_str();
        if u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/') {
            config.base_url = url.value.clone();
        } else {
            v.error(
                file,
                file.pos(url),
                format!("`{u}` is not a web address or a path"),
                "write `https://you.github.io/portfolio/` or `/portfolio/`",
            );
        }
    }
    if let Some(privacy) = &raw.privacy {
        if let Some(names) = &privacy.names
            && let Some(n) = v.one_of(
                file,
                names,
                "name style",
                &NameStyle::NAMES,
                NameStyle::from_name,
            )
        {
            config.privacy.names = n;
        }
        if let Some(index) = privacy.index_student_pages {
            config.privacy.index_student_pages = index;
        }
        if let Some(publish) = privacy.publish_uncleaned_media {
            config.media.publish_uncleaned = publish;
        }
    }
    config.extra = raw.extra.clone().unwrap_or(Extra::Null);
}

/// Adds each course's standards after the folder's own standards.yaml. A code that
/// is already known keeps its first meaning, with a warning where it is repeated.
fn merge_standards(p: &Portfolio, standards: &mut Vec<Standard>, v: &mut Validator) {
    let mut seen: BTreeSet<String> = standards.iter().map(|s| s.code.to_lowercase()).collect();
    for course in &p.courses {
        let Some(file) = &course.standards else {
            continue;
        };
        for st in &file.raw {
            let st = &st.value;
            let code = &st.code.value;
            if !seen.insert(code.to_lowercase()) {
                let first = standards
                    .iter()
                    .find(|s| s.code.eq_ignore_ascii_case(code))
                    .map_or_else(String::new, |s| s.group.clone());
                v.warning(
                    file,
                    file.pos(&st.code),
                    format!("the standard `{code}` is also in {}", describe(&first)),
                    "your work shows the first one; a piece of work cannot tell two standards with one code apart",
                );
                continue;
            }
            let group = match st.group.as_deref().filter(|g| !g.trim().is_empty()) {
                Some(g) => format!("{} · {g}", course.title),
                None => course.title.clone(),
            };
            standards.push(Standard {
                code: code.clone(),
                statement: st.statement.clone(),
                student: st.student.clone().unwrap_or_default(),
                group,
                extra: st.extra.clone().unwrap_or(Extra::Null),
            });
        }
    }
}

fn describe(group: &str) -> String {
    if group.is_empty() {
        "the standards beside profile.md".into()
    } else {
        format!("“{group}”")
    }
}
