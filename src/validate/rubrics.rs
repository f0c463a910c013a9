//! rubrics/: criteria and level descriptors; their shape is kept for checking scores.

use std::collections::{BTreeMap, BTreeSet};

use super::{RubricShape, Validator, check_unique};
use crate::load::Sources;
use crate::model::{CourseConfig, Criterion, Extra, Rubric, fmt_level};

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
            // A level left undescribed is an empty cell on the rubric page, and a
            // student cannot see what that level looks like.
            let missing: Vec<String> = levels
                .iter()
                .map(|l| fmt_level(*l))
                .filter(|l| !descriptors.contains_key(l))
                .collect();
            if !missing.is_empty() {
                v.error(
                    file,
                    file.pos(&c.id),
                    format!(
                        "criterion `{}` does not describe {} {}",
                        c.id.value,
                        if missing.len() == 1 { "level" } else { "levels" },
                        crate::text::and_list(&missing)
                    ),
                    format!(
                        "add {} under its `descriptors:`; every criterion says what each level looks like",
                        missing.iter().map(|l| format!("`{l}: …`")).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            criteria.push(Criterion {
                id: c.id.value.clone(),
                title: c.title.clone(),
                standard,
                descriptors,
            });
        }
        v.known.rubrics.insert(
            named.slug.clone(),
            RubricShape {
                criteria: criteria.iter().map(|c| c.id.clone()).collect(),
                levels: levels.clone(),
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
