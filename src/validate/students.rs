//! The students' files (profiles, evidence) and the teacher's assessments of them.

use std::path::{Component, Path};

use rayon::prelude::*;

use super::{Validator, check_unique};
use crate::diag::Diagnostics;
use crate::diag::{Diagnostic, suggest};
use crate::load::Loaded;
use crate::load::raw::{RawEvidence, RawFile, Text};
use crate::load::{Named, RawStudent, Scope, Sources};
use crate::model::*;

pub(super) fn students(s: &Sources, config: &CourseConfig, v: &mut Validator) -> Vec<Student> {
    let ids = check_unique(
        &mut v.diags,
        "student",
        s.students
            .iter()
            .map(|st| (st.id.as_str(), st.dir.as_path(), None)),
    );
    // A school has thousands of students: each is checked on its own core, against
    // its own copy of what the course defines, and the problems joined in order.
    let checked: Vec<(Option<Student>, Diagnostics)> = s
        .students
        .par_iter()
        .filter(|st| ids.contains(&st.id))
        .map(|st| {
            let mut own = Validator {
                diags: Diagnostics::new(),
                known: v.known.clone(),
            };
            (student(st, config, &mut own), own.diags)
        })
        .collect();
    let mut out = Vec::with_capacity(checked.len());
    for (student, diags) in checked {
        out.extend(student);
        v.diags.extend(diags);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    super::assessments::assessments(s, config, &mut out, v);
    out
}

fn student(st: &RawStudent, config: &CourseConfig, v: &mut Validator) -> Option<Student> {
    let file = st.profile.as_ref()?;
    let raw = &file.raw;
    if raw.name.value.trim().is_empty() {
        v.error(
            file,
            file.pos(&raw.name),
            "the student's name is empty",
            "write `name: ...`",
        );
    }
    if config.privacy.names == NameStyle::Pseudonym
        && raw.pseudonym.is_none()
        && raw.publish == Some(true)
    {
        v.warning(
            file,
            file.pos(&raw.name),
            "this student has no pseudonym, but the course shows pseudonyms",
            "add `pseudonym: ...`; until then the public site calls them by their id",
        );
    }
    let prefers = raw
        .prefers
        .iter()
        .filter_map(|p| v.one_of(file, p, "modality", ItemKind::NAMES, ItemKind::from_name))
        .collect();
    let slugs = check_unique(
        &mut v.diags,
        "evidence item",
        st.evidence
            .iter()
            .map(|e| (e.slug.as_str(), e.file.path.as_path(), None)),
    );
    let mut evidence: Vec<Evidence> = st
        .evidence
        .iter()
        .filter(|e| slugs.contains(&e.slug))
        .filter_map(|e| evidence_item(st, e, v))
        .collect();
    evidence.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let avatar = raw
        .avatar
        .as_ref()
        .and_then(|a| avatar(file, a, &evidence, v));
    Some(Student {
        id: st.id.clone(),
        source: file.path.clone(),
        name: raw.name.value.clone(),
        pseudonym: raw.pseudonym.clone(),
        publish: raw.publish.unwrap_or(false),
        // From the roster (`roster::apply`), never from the profile.
        level: None,
        interests: raw.interests.clone(),
        strengths: raw.strengths.clone(),
        goals: raw.goals.clone(),
        prefers,
        avatar,
        roster: None,
        extensions: Default::default(),
        about: file.body.clone(),
        evidence,
        assessments: Vec::new(),
        extra: raw.extra.clone().unwrap_or(Extra::Null),
    })
}

/// The profile's `avatar:`, if it names an image of the student's own evidence; a
/// warning otherwise (the portfolio then shows initials, and the student stays).
fn avatar<T>(
    file: &Loaded<T>,
    a: &Text,
    evidence: &[Evidence],
    v: &mut Validator,
) -> Option<Avatar> {
    let example =
        "write the evidence item's name and one of its images, such as `cell-city-map/me.png`";
    let mut warn = |message: String, hint: String| {
        v.warning(file, file.pos(a), message, hint);
        None
    };
    let Some((slug, name)) = a.value.split_once('/') else {
        return warn(
            format!("`{}` does not name an image of your evidence", a.value),
            example.into(),
        );
    };
    let Some(e) = evidence.iter().find(|e| e.slug == slug) else {
        let hint = suggest(slug, evidence.iter().map(|e| e.slug.as_str()))
            .unwrap_or_else(|| example.into());
        return warn(
            format!("there is no evidence item `{slug}` for the avatar"),
            hint,
        );
    };
    let Some(f) = e.files.iter().find(|f| f.name == name) else {
        let hint = suggest(name, e.files.iter().map(|f| f.name.as_str()))
            .unwrap_or_else(|| format!("put the image in the folder of `{slug}`"));
        return warn(
            format!("`{slug}` has no file `{name}` for the avatar"),
            hint,
        );
    };
    if f.kind != MediaKind::Image {
        return warn(
            format!("`{name}` is not an image, so it cannot be the avatar"),
            "choose a PNG, JPEG, WebP or GIF of your evidence".into(),
        );
    }
    Some(Avatar {
        evidence: slug.to_string(),
        file: name.to_string(),
    })
}

fn evidence_item(
    st: &RawStudent,
    named: &Named<RawEvidence>,
    v: &mut Validator,
) -> Option<Evidence> {
    let file = &named.file;
    let raw = &file.raw;
    let date = v.date(file, &raw.date);
    let has_course = v.known.has_course;
    let unit = raw.unit.as_ref().and_then(|u| {
        if !has_course {
            return Some(u.value.clone());
        }
        let known = v.known.units.clone();
        v.check_in(file, u, &known, "unit").then(|| u.value.clone())
    });
    let completes = if has_course {
        v.item_refs(file, &raw.completes)
    } else {
        raw.completes.iter().map(|c| c.value.clone()).collect()
    };
    let standards = v.check_standards(file, &raw.standards);
    let self_assessment = raw.self_assessment.as_ref().and_then(|sa| {
        if has_course {
            v.rubric_scores(file, &sa.rubric, &sa.scores)
        } else {
            None
        }
    });
    let files = evidence_files(st, named, v);
    let links = raw
        .links
        .iter()
        .map(|l| {
            let url = l.value.url.trim();
            let given = l.value.title.clone().filter(|t| !t.trim().is_empty());
            if is_web_address(url) {
                return Link {
                    title: given.unwrap_or_else(|| url.to_string()),
                    url: Some(url.to_string()),
                };
            }
            // Shown as text, so one careless or hostile link never stops the class.
            v.warning(
                file,
                file.pos(l),
                format!("`{url}` is not a web address; it is shown as text, not as a link"),
                "links must start with https:// (files go in `files:`)",
            );
            Link {
                title: match given {
                    Some(t) => format!("{t} ({url})"),
                    None => url.to_string(),
                },
                url: None,
            }
        })
        .collect();
    Some(Evidence {
        slug: named.slug.clone(),
        source: file.path.clone(),
        title: raw.title.value.clone(),
        date: date?,
        unit,
        completes,
        standards,
        self_assessment,
        featured: raw.featured,
        public: raw.public.unwrap_or(true),
        files,
        links,
        reflection: file.body.clone(),
        extra: raw.extra.clone().unwrap_or(Extra::Null),
    })
}

/// Whether `url` is an http(s) address with a host (any letter case).
pub(super) fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with('/') && !url.chars().any(char::is_control)
}

/// The files of an evidence item: those listed in `files:`, or by default every file
/// in its folder. Paths may not leave the student's folder.
fn evidence_files(
    st: &RawStudent,
    named: &Named<RawEvidence>,
    v: &mut Validator,
) -> Vec<EvidenceFile> {
    let file = &named.file;
    let base = named
        .folder
        .clone()
        .unwrap_or_else(|| st.dir.join("evidence"));
    let scope = Scope::student(&st.dir);
    let Some(list) = &file.raw.files else {
        let Some(folder) = &named.folder else {
            return Vec::new();
        };
        return crate::load::walk_files(folder, &scope, &mut v.diags)
            .into_iter()
            .filter(|f| f.name != "index.md")
            .map(|f| media(f.file, f.name, None, None))
            .collect();
    };
    let mut out = Vec::new();
    for f in list {
        let (name, alt, caption) = match &f.value {
            RawFile::Name(n) => (n.clone(), None, None),
            RawFile::Described { file, alt, caption } => {
                (file.clone(), alt.clone(), caption.clone())
            }
        };
        let pos = file.pos(f);
        let rel = Path::new(&name);
        if name.starts_with("file:")
            || rel.is_absolute()
            || rel.components().any(|c| {
                matches!(
                    c,
                    Component::ParentDir | Component::RootDir | Component::Prefix(_)
                )
            })
        {
            v.error(
                file,
                pos,
                format!("the file `{name}` is outside this evidence item"),
                "list files that sit beside the evidence, such as `poster.jpg`",
            );
            continue;
        }
        let path = base.join(rel);
        match scope.check(&path) {
            Ok(checked) if checked.real().is_file() => {
                out.push(media(checked, name.replace('\\', "/"), alt, caption));
            }
            Err(d) if path.exists() || path.is_symlink() => {
                // Reported where the file is named, not at the file itself.
                v.diags.push(Diagnostic {
                    path: file.path.clone(),
                    pos: Some(pos),
                    message: format!("the file `{name}`: {}", d.message),
                    ..d
                });
            }
            _ => {
                let known: Vec<String> = std::fs::read_dir(&base)
                    .map(|r| {
                        r.filter_map(|e| e.ok())
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                let hint = suggest(&name, known.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("put the file in {}", base.display()));
                v.error(file, pos, format!("the file `{name}` does not exist"), hint);
            }
        }
    }
    out
}

fn media(
    file: Checked,
    name: String,
    alt: Option<String>,
    caption: Option<String>,
) -> EvidenceFile {
    EvidenceFile {
        size: file.metadata().map(|m| m.len()).unwrap_or(0),
        source: file,
        kind: MediaKind::of(&name),
        name,
        alt,
        caption,
        image: crate::model::ImageStatus::Unchecked,
    }
}
