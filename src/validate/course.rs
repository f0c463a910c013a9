//! course.yaml: the course's settings, checked and filled in with defaults.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::Validator;
use crate::load::raw::RawCourse;
use crate::load::{Loaded, Sources};
use crate::model::{
    CourseConfig, Date, Extra, MasteryConfig, MediaConfig, Method, NameStyle, Privacy, ScaleLevel,
    Teacher, Theme,
};

/// The build date of a course when no `--today` is given: its `as_of:`, else today
/// in its `timezone:` (UTC when there is none, or when either is wrong: validation
/// reports that). The one rule: validation sets `CourseConfig::today` with it and
/// the build stamp hashes it (`pipeline::build_date`), so both agree.
pub(crate) fn build_date(raw: Option<&RawCourse>) -> Date {
    let as_of = raw
        .and_then(|r| r.as_of.as_ref())
        .and_then(|d| Date::parse(&d.value).ok());
    as_of.unwrap_or_else(|| {
        let zone = raw
            .and_then(|r| r.timezone.as_ref())
            .and_then(|z| TimeZone::get(&z.value).ok())
            .unwrap_or(TimeZone::UTC);
        crate::text::date_at(Timestamp::now(), &zone).into()
    })
}

/// `timezone:` must name a zone of the IANA database; `as_of:` must be a date.
fn dates<T>(file: &Loaded<T>, raw: &RawCourse, v: &mut Validator) {
    if let Some(zone) = &raw.timezone
        && TimeZone::get(&zone.value).is_err()
    {
        let db = jiff::tz::db();
        let names: Vec<String> = db.available().map(|n| n.as_str().to_string()).collect();
        let hint = match crate::diag::did_you_mean(&zone.value, names.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "write an IANA time zone name, such as `America/Chicago` or `Europe/Paris` (default UTC)".into(),
        };
        v.error(
            file,
            file.pos(zone),
            format!("unknown time zone `{}`", zone.value),
            hint,
        );
    }
    if let Some(as_of) = &raw.as_of {
        v.date(file, as_of);
    }
}

pub(super) fn course_config(s: &Sources, v: &mut Validator) -> CourseConfig {
    let mut config = CourseConfig {
        title: String::new(),
        code: String::new(),
        term: String::new(),
        language: "en".into(),
        description: String::new(),
        teachers: Vec::new(),
        base_url: String::new(),
        theme: Theme::Default,
        mastery: MasteryConfig::default(),
        privacy: Privacy {
            names: NameStyle::FirstNameLastInitial,
            show_scores_public: false,
            index_student_pages: false,
        },
        media: MediaConfig::default(),
        today: build_date(None),
        extra: Extra::Null,
    };
    let Some(file) = &s.course else {
        return config;
    };
    let raw = &file.raw;
    dates(file, raw, v);
    config.today = build_date(Some(raw));
    config.title = raw.title.value.clone();
    if config.title.trim().is_empty() {
        v.error(
            file,
            file.pos(&raw.title),
            "the course title is empty",
            "write `title: Biology 9` or similar",
        );
    }
    config.code = raw.code.clone().unwrap_or_default();
    config.term = raw.term.clone().unwrap_or_default();
    if let Some(lang) = &raw.language {
        config.language = lang.clone();
    }
    config.description = raw.description.clone().unwrap_or_default();
    config.teachers = raw
        .teachers
        .iter()
        .map(|t| Teacher {
            name: t.name.clone(),
            contact: t.contact.clone(),
        })
        .collect();
    if let Some(url) = &raw.base_url {
        config.base_url = url.value.clone();
        let u = url.value.as_str();
        if !(u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/')) {
            v.error(
                file,
                file.pos(url),
                format!("`{u}` is not a web address or a path"),
                "write `https://you.github.io/course/` or `/course/`",
            );
        }
    }
    if let Some(theme) = &raw.theme
        && theme.value != "default"
    {
        let path = s.root.join(&theme.value);
        if !inside(&s.root, &path) {
            v.error(
                file,
                file.pos(theme),
                format!("the theme `{}` is outside the course folder", theme.value),
                "pathfolio reads only the course's own files: copy the theme into the course (such as `themes/mine`) and write that path",
            );
        } else if path.join("templates").is_dir() {
            config.theme = Theme::Folder(path);
        } else {
            v.error(
                file,
                file.pos(theme),
                format!("there is no theme `{}`", theme.value),
                "use `default`, or the path of a folder that has a templates/ folder",
            );
        }
    }
    if let Some(dir) = &raw.students_dir
        && !s.students_dir.is_dir()
    {
        v.error(
            file,
            file.pos(dir),
            format!("the students folder `{}` does not exist", dir.value),
            "create it, or fix the path (relative to course.yaml)",
        );
    }
    if let Some(m) = &raw.mastery {
        mastery(file, m, &mut config.mastery, v);
    }
    if let Some(p) = &raw.privacy {
        if let Some(names) = &p.names
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
        config.privacy.show_scores_public = p.show_scores_public.unwrap_or(false);
        config.privacy.index_student_pages = p.index_student_pages.unwrap_or(false);
        config.media.publish_uncleaned = p.publish_uncleaned_media.unwrap_or(false);
    }
    if let Some(m) = &raw.media {
        media(file, m, &mut config.media, v);
    }
    if let Some(mb) = raw.limits.as_ref().and_then(|l| l.max_file_mb.as_ref()) {
        max_file_mb(file, mb, &mut config.media, v);
    }
    config.extra = raw.extra.clone().unwrap_or(Extra::Null);
    config
}

/// `limits: max_file_mb` (or its old place, `media: max_file_mb`): at least 1 MB.
fn max_file_mb<T>(
    file: &Loaded<T>,
    mb: &serde_saphyr::Spanned<u64>,
    out: &mut MediaConfig,
    v: &mut Validator,
) {
    if mb.value == 0 {
        v.error(
            file,
            file.pos(mb),
            "max_file_mb must be at least 1",
            "the default is 100 (MB), GitHub Pages' own limit",
        );
    } else {
        out.max_file_mb = mb.value;
    }
}

/// `media:`: image widths between 16 and 8192 pixels; a size limit, read from here
/// (its old place) unless `limits:` gives one.
fn media<T>(
    file: &Loaded<T>,
    m: &crate::load::raw::RawMedia,
    out: &mut MediaConfig,
    v: &mut Validator,
) {
    out.link_originals = m.link_originals.unwrap_or(false);
    if let Some(mb) = &m.max_file_mb {
        v.warning(
            file,
            file.pos(mb),
            "`media: max_file_mb` has moved to `limits: max_file_mb`",
            format!(
                "write `limits: {{ max_file_mb: {} }}` instead (a larger file is now left out, not published)",
                mb.value
            ),
        );
        max_file_mb(file, mb, out, v);
    }
    if let Some(widths) = &m.image_widths {
        out.image_widths.clear();
        for w in widths {
            if (16..=8192).contains(&w.value) {
                out.image_widths.push(w.value);
            } else {
                v.error(
                    file,
                    file.pos(w),
                    format!(
                        "the image width {} is not between 16 and 8192 pixels",
                        w.value
                    ),
                    "the default widths are [480, 1200]",
                );
            }
        }
    }
}

fn mastery<T>(
    file: &Loaded<T>,
    m: &crate::load::raw::RawMastery,
    out: &mut MasteryConfig,
    v: &mut Validator,
) {
    if let Some(scale) = &m.scale {
        if scale.is_empty() {
            v.error(
                file,
                None,
                "the mastery scale is empty",
                "list levels such as `- { level: 1, label: Beginning }`",
            );
        } else {
            let mut levels: Vec<ScaleLevel> = scale
                .iter()
                .map(|l| ScaleLevel {
                    level: l.value.level,
                    label: l.value.label.clone(),
                })
                .collect();
            levels.sort_by(|a, b| a.level.total_cmp(&b.level));
            for pair in levels.windows(2) {
                if pair[0].level == pair[1].level {
                    v.error(
                        file,
                        file.pos(&scale[0]),
                        format!("the level {} is on the scale twice", pair[0].level),
                        "give each level once",
                    );
                }
            }
            out.scale = levels;
        }
    }
    if let Some(p) = &m.proficient_at {
        out.proficient_at = p.value;
    }
    if let Some(method) = &m.method
        && let Some(m) = v.one_of(
            file,
            method,
            "mastery method",
            &Method::NAMES,
            Method::from_name,
        )
    {
        out.method = m;
    }
    if let Some(w) = &m.decay_weight {
        if !(w.value > 0.0 && w.value <= 1.0) {
            v.error(
                file,
                file.pos(w),
                format!("decay_weight {} must be more than 0 and at most 1", w.value),
                "a common choice is 0.65",
            );
        } else {
            out.decay_weight = w.value;
        }
    }
    if let Some(n) = &m.n_times {
        if n.value == 0 {
            v.error(
                file,
                file.pos(n),
                "n_times must be at least 1",
                "a common choice is 2",
            );
        } else {
            out.n_times = n.value;
        }
    }
}

/// Whether `path` (symlinks resolved) is `root` or inside it.
fn inside(root: &std::path::Path, path: &std::path::Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(r), Ok(p)) => p.starts_with(r),
        // A path that does not exist reads nothing; refuse it only if it climbs out.
        _ => path.strip_prefix(root).is_ok_and(|rel| {
            rel.components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        }),
    }
}
