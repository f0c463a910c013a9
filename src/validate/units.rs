//! units/: dates, standards and the files in a unit's folder.

use super::{Validator, check_unique};
use crate::load::Sources;
use crate::model::{Asset, Extra, Unit};

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
