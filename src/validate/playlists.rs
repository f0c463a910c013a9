//! playlists/: items and choice groups, and what each item refers to.

use std::collections::{BTreeMap, BTreeSet};

use super::{Validator, check_unique};
use crate::diag::{Pos, suggest};
use crate::load::raw::{RawEntry, RawPlaylist};
use crate::load::{Loaded, Sources};
use crate::model::{ChoiceGroup, Entry, Extra, Item, ItemKind, Playlist, Readiness};

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
        Some(k) => v.one_of(file, k, "item kind", ItemKind::NAMES, ItemKind::from_name)?,
        None if e.rubric.is_some() => ItemKind::Checkpoint,
        None => ItemKind::Practice,
    };
    let levels: Vec<Readiness> = e
        .levels
        .iter()
        .filter_map(|l| {
            v.one_of(
                file,
                l,
                "readiness level",
                Readiness::NAMES,
                Readiness::from_name,
            )
        })
        .collect();
    let standards = v.check_standards(file, &e.standards);
    let rubric = e.rubric.as_ref().and_then(|r| {
        let known: BTreeSet<String> = v.known.rubrics.keys().cloned().collect();
        v.check_in(file, r, &known, "rubric")
            .then(|| r.value.clone())
    });
    if kind == ItemKind::Checkpoint && rubric.is_none() && e.rubric.is_none() {
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
