//! The teacher's files: course.yaml, standards, units, playlists, rubrics.

use std::collections::{BTreeMap, BTreeSet};

use super::{RubricShape, Validator, check_unique};
use crate::diag::{Pos, suggest};
use crate::load::raw::{RawEntry, RawPlaylist};
use crate::load::{Loaded, Sources};
use crate::model::*;

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
        extra: Extra::Null,
    };
    let Some(file) = &s.course else {
        return config;
    };
    let raw = &file.raw;
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
        if let Some(names) = &p.names {
            match NameStyle::from_name(&names.value) {
                Some(n) => config.privacy.names = n,
                None => {
                    let hint = suggest(&names.value, NameStyle::NAMES)
                        .unwrap_or_else(|| format!("use one of: {}", NameStyle::NAMES.join(", ")));
                    v.error(
                        file,
                        file.pos(names),
                        format!("unknown name style `{}`", names.value),
                        hint,
                    );
                }
            }
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
    if let Some(method) = &m.method {
        match Method::from_name(&method.value) {
            Some(mm) => out.method = mm,
            None => {
                let hint = suggest(&method.value, Method::NAMES)
                    .unwrap_or_else(|| format!("use one of: {}", Method::NAMES.join(", ")));
                v.error(
                    file,
                    file.pos(method),
                    format!("unknown mastery method `{}`", method.value),
                    hint,
                );
            }
        }
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

pub(super) fn standards(s: &Sources, v: &mut Validator) -> Vec<Standard> {
    let Some(file) = &s.standards else {
        // A standards.yaml that failed to load is reported; its codes are not checked.
        if !s.standalone && !s.broken.standards {
            v.known.standards = Some(BTreeSet::new());
        }
        return Vec::new();
    };
    let ids = check_unique(
        &mut v.diags,
        "standard",
        file.raw.iter().map(|st| {
            (
                st.value.code.value.as_str(),
                file.path.as_path(),
                Some(file.pos(&st.value.code)),
            )
        }),
    );
    v.known.standards = Some(ids);
    let mut seen = BTreeSet::new();
    file.raw
        .iter()
        .filter(|st| seen.insert(st.value.code.value.to_lowercase()))
        .map(|st| {
            let st = &st.value;
            Standard {
                code: st.code.value.clone(),
                statement: st.statement.clone(),
                student: st.student.clone().unwrap_or_default(),
                group: st.group.clone().unwrap_or_default(),
                extra: st.extra.clone().unwrap_or(Extra::Null),
            }
        })
        .collect()
}

pub(super) fn rubrics(s: &Sources, config: &CourseConfig, v: &mut Validator) -> Vec<Rubric> {
    let ids = check_unique(
        &mut v.diags,
        "rubric",
        s.rubrics
            .iter()
            .map(|r| (r.slug.as_str(), r.file.path.as_path(), None)),
    );
    let mut out = Vec::new();
    for named in s.rubrics.iter().filter(|r| ids.contains(&r.slug)) {
        let file = &named.file;
        let raw = &file.raw;
        let mut levels: Vec<f64> = match &raw.levels {
            Some(l) => l.iter().map(|x| x.value).collect(),
            None => config.mastery.scale.iter().map(|s| s.level).collect(),
        };
        levels.sort_by(|a, b| b.total_cmp(a));
        levels.dedup();
        if levels.is_empty() {
            v.error(
                file,
                file.pos(&raw.title),
                "this rubric has no levels",
                "give `levels: [4, 3, 2, 1]` or a course scale",
            );
        }
        let crit_ids = check_unique(
            &mut v.diags,
            "criterion",
            raw.criteria.iter().map(|c| {
                (
                    c.value.id.value.as_str(),
                    file.path.as_path(),
                    Some(file.pos(&c.value.id)),
                )
            }),
        );
        let level_names: BTreeSet<String> = levels.iter().map(|l| fmt_level(*l)).collect();
        let mut criteria = Vec::new();
        let mut seen = BTreeSet::new();
        for c in raw.criteria.iter().map(|c| &c.value) {
            if !crit_ids.contains(&c.id.value) || !seen.insert(c.id.value.clone()) {
                continue;
            }
            let standard = c
                .standard
                .as_ref()
                .filter(|code| v.check_standard(file, code))
                .map(|c| c.value.clone());
            let mut descriptors = BTreeMap::new();
            for (level, text) in &c.descriptors {
                let key = level
                    .parse::<f64>()
                    .map(fmt_level)
                    .unwrap_or_else(|_| level.clone());
                if !level_names.contains(&key) {
                    v.error(
                        file,
                        file.pos(text),
                        format!("criterion `{}` describes level {level}, which this rubric does not have", c.id.value),
                        format!("the levels are {}", levels.iter().map(|l| fmt_level(*l)).collect::<Vec<_>>().join(", ")),
                    );
                } else {
                    descriptors.insert(key, text.value.clone());
                }
            }
            criteria.push(Criterion {
                id: c.id.value.clone(),
                title: c.title.clone(),
                standard,
                descriptors,
            });
        }
        let (low, high) = (
            levels.last().copied().unwrap_or(0.0),
            levels.first().copied().unwrap_or(0.0),
        );
        v.known.rubrics.insert(
            named.slug.clone(),
            RubricShape {
                criteria: criteria.iter().map(|c| c.id.clone()).collect(),
                low,
                high,
            },
        );
        out.push(Rubric {
            slug: named.slug.clone(),
            source: file.path.clone(),
            title: raw.title.value.clone(),
            levels,
            criteria,
            body: file.body.clone(),
            extra: raw.extra.clone().unwrap_or(Extra::Null),
        });
    }
    out
}

pub(super) fn units(s: &Sources, v: &mut Validator) -> Vec<Unit> {
    let ids = check_unique(
        &mut v.diags,
        "unit",
        s.units
            .iter()
            .map(|u| (u.slug.as_str(), u.file.path.as_path(), None)),
    );
    v.known.units = ids.clone();
    let mut out = Vec::new();
    for named in s.units.iter().filter(|u| ids.contains(&u.slug)) {
        let file = &named.file;
        let raw = &file.raw;
        let standards = v.check_standards(file, &raw.standards);
        let start = raw.start.as_ref().and_then(|d| v.date(file, d));
        let end = raw.end.as_ref().and_then(|d| v.date(file, d));
        if let (Some(a), Some(b), Some(e)) = (start, end, &raw.end)
            && b < a
        {
            v.error(
                file,
                file.pos(e),
                format!("the unit ends ({b}) before it starts ({a})"),
                "swap `start` and `end`",
            );
        }
        let assets = match &named.folder {
            Some(dir) => crate::load::walk_files(
                dir,
                &crate::load::Scope::teacher(std::slice::from_ref(&s.root)),
                &mut v.diags,
            )
            .into_iter()
            .filter(|f| f.name != "index.md")
            .map(|f| Asset {
                source: f.file,
                site_path: format!("units/{}/{}", named.slug, f.name),
            })
            .collect(),
            None => Vec::new(),
        };
        out.push(Unit {
            slug: named.slug.clone(),
            source: file.path.clone(),
            title: raw.title.value.clone(),
            order: raw.order.or(named.prefix_order).unwrap_or(i64::MAX),
            standards,
            essential_questions: raw.essential_questions.clone(),
            success_criteria: raw.success_criteria.clone(),
            start,
            end,
            draft: raw.draft,
            body: file.body.clone(),
            assets,
            extra: raw.extra.clone().unwrap_or(Extra::Null),
        });
    }
    out.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    out
}

pub(super) fn playlists(s: &Sources, v: &mut Validator) -> Vec<Playlist> {
    let ids = check_unique(
        &mut v.diags,
        "playlist",
        s.playlists
            .iter()
            .map(|p| (p.slug.as_str(), p.file.path.as_path(), None)),
    );
    // Item ids first, so evidence can refer to any playlist whatever the order.
    for named in s.playlists.iter().filter(|p| ids.contains(&p.slug)) {
        let items = item_ids(&named.file.raw);
        v.known.playlists.insert(named.slug.clone(), items);
    }
    let resources: BTreeSet<String> = s.resources.iter().map(|(_, site)| site.clone()).collect();
    let mut out = Vec::new();
    for named in s.playlists.iter().filter(|p| ids.contains(&p.slug)) {
        let file = &named.file;
        let raw = &file.raw;
        let unit = match &raw.unit {
            Some(u) => {
                let known = v.known.units.clone();
                v.check_in(file, u, &known, "unit").then(|| u.value.clone())
            }
            None => None,
        };
        let standards = v.check_standards(file, &raw.standards);
        let due = raw.due.as_ref().and_then(|d| v.date(file, d));
        let mut seen = BTreeMap::new();
        let mut entries = Vec::new();
        for e in &raw.items {
            let pos = file.pos(e);
            let e = &e.value;
            if e.choose.is_some() || e.items.is_some() {
                let group_items = e.items.as_deref().unwrap_or(&[]);
                if e.id.is_some() || e.kind.is_some() || e.url.is_some() || e.file.is_some() {
                    v.error(file, pos, "a choice group has `choose` and `items`, and no `id`, `kind`, `url` or `file` of its own", "put those fields on the items inside the group");
                }
                let choose = e.choose.as_ref().map_or(1, |c| c.value);
                if group_items.is_empty() {
                    v.error(
                        file,
                        pos,
                        "this choice group has no items",
                        "list the options under `items:`",
                    );
                } else if choose as usize > group_items.len() || choose == 0 {
                    let at = e.choose.as_ref().map_or(pos, |c| file.pos(c));
                    v.error(
                        file,
                        at,
                        format!(
                            "`choose: {choose}` but the group has {} items",
                            group_items.len()
                        ),
                        format!("choose between 1 and {}", group_items.len()),
                    );
                }
                let items = group_items
                    .iter()
                    .filter_map(|i| item(file, file.pos(i), &i.value, &mut seen, &resources, v))
                    .collect();
                entries.push(Entry::Choice(ChoiceGroup {
                    title: e.title.clone().unwrap_or_default(),
                    choose,
                    items,
                }));
            } else if let Some(i) = item(file, pos, e, &mut seen, &resources, v) {
                entries.push(Entry::Item(i));
            }
        }
        out.push(Playlist {
            slug: named.slug.clone(),
            source: file.path.clone(),
            title: raw.title.value.clone(),
            unit,
            standards,
            due,
            entries,
            body: file.body.clone(),
            extra: raw.extra.clone().unwrap_or(Extra::Null),
        });
    }
    out
}

fn item_ids(raw: &RawPlaylist) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for e in &raw.items {
        if let Some(id) = &e.value.id {
            ids.insert(id.value.clone());
        }
        for i in e.value.items.iter().flatten() {
            if let Some(id) = &i.value.id {
                ids.insert(id.value.clone());
            }
        }
    }
    ids
}

fn item(
    file: &Loaded<RawPlaylist>,
    pos: Pos,
    e: &RawEntry,
    seen: &mut BTreeMap<String, Pos>,
    resources: &BTreeSet<String>,
    v: &mut Validator,
) -> Option<Item> {
    if e.choose.is_some() || e.items.is_some() {
        v.error(
            file,
            pos,
            "choice groups cannot be nested",
            "move the inner group's items into the outer group",
        );
        return None;
    }
    let Some(id) = &e.id else {
        v.error(
            file,
            pos,
            "this playlist item has no `id`",
            "add `id: a-short-name`; evidence refers to items as `<playlist>/<id>`",
        );
        return None;
    };
    if id.value.contains('/') || id.value.trim().is_empty() {
        v.error(
            file,
            file.pos(id),
            format!("the item id `{}` may not be empty or contain `/`", id.value),
            "use letters, digits and dashes",
        );
        return None;
    }
    if let Some(first) = seen.get(&id.value) {
        v.error(
            file,
            file.pos(id),
            format!("the item id `{}` is used twice in this playlist", id.value),
            format!(
                "the first is on line {}; item ids must be unique within a playlist",
                first.line
            ),
        );
        return None;
    }
    seen.insert(id.value.clone(), file.pos(id));
    let kind = match &e.kind {
        Some(k) if KINDS.contains(&k.value.as_str()) => k.value.clone(),
        Some(k) => {
            let hint = suggest(&k.value, KINDS)
                .unwrap_or_else(|| format!("use one of: {}", KINDS.join(", ")));
            v.error(
                file,
                file.pos(k),
                format!("unknown item kind `{}`", k.value),
                hint,
            );
            return None;
        }
        None if e.rubric.is_some() => "checkpoint".into(),
        None => "practice".into(),
    };
    let levels: Vec<String> = e
        .levels
        .iter()
        .filter(|l| {
            let ok = READINESS.contains(&l.value.as_str());
            if !ok {
                let hint = suggest(&l.value, READINESS)
                    .unwrap_or_else(|| format!("use {}", READINESS.join(", ")));
                v.error(
                    file,
                    file.pos(l),
                    format!("unknown readiness level `{}`", l.value),
                    hint,
                );
            }
            ok
        })
        .map(|l| l.value.clone())
        .collect();
    let standards = v.check_standards(file, &e.standards);
    let rubric = e.rubric.as_ref().and_then(|r| {
        let known: BTreeSet<String> = v.known.rubrics.keys().cloned().collect();
        v.check_in(file, r, &known, "rubric")
            .then(|| r.value.clone())
    });
    if kind == "checkpoint" && rubric.is_none() && e.rubric.is_none() {
        v.warning(
            file,
            file.pos(id),
            format!("the checkpoint `{}` has no rubric", id.value),
            "add `rubric: <rubric-slug>` so it can be assessed",
        );
    }
    let url = e.url.as_ref().and_then(|u| {
        let ok = u.value.starts_with("https://") || u.value.starts_with("http://");
        if !ok {
            v.error(
                file,
                file.pos(u),
                format!("`{}` is not a web address", u.value),
                "write a full address starting with https://, or use `file:` for a course resource",
            );
        }
        ok.then(|| u.value.clone())
    });
    let file_ref = e.file.as_ref().and_then(|f| {
        let clean = f.value.trim_start_matches("./").to_string();
        if clean.split('/').any(|c| c == "..") || clean.starts_with('/') {
            v.error(
                file,
                file.pos(f),
                format!("the path `{}` leaves the course folder", f.value),
                "give a path inside the course, such as `resources/handout.pdf`",
            );
            return None;
        }
        if !resources.contains(&clean) {
            let hint = suggest(&clean, resources.iter().map(String::as_str))
                .unwrap_or_else(|| "put the file in the course's resources/ folder".into());
            v.error(
                file,
                file.pos(f),
                format!("the file `{}` does not exist", f.value),
                hint,
            );
            return None;
        }
        Some(clean)
    });
    Some(Item {
        id: id.value.clone(),
        title: e.title.clone().unwrap_or_else(|| id.value.clone()),
        kind,
        url,
        file: file_ref,
        minutes: e.minutes,
        required: e.required.unwrap_or(true),
        levels,
        standards,
        rubric,
        extra: e.extra.clone().unwrap_or(Extra::Null),
    })
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

pub(super) fn assets(list: &[(crate::load::Checked, String)]) -> Vec<Asset> {
    list.iter()
        .map(|(source, site_path)| Asset {
            source: source.clone(),
            site_path: site_path.clone(),
        })
        .collect()
}
