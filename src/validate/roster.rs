//! The roster (SPEC §2.9): the teacher's record of each student, checked and
//! joined to the students; and the teacher's fields a profile may no longer hold.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_saphyr::Spanned;

use super::{Validator, check_unique};
use crate::diag::{Diagnostic, suggest};
use crate::load::Sources;
use crate::load::raw::{RawConsent, RawRosterEntry};
use crate::model::*;

type RosterFile = crate::load::Loaded<Vec<Spanned<RawRosterEntry>>>;

/// Checks the roster and puts each entry on its student: the official name, the
/// readiness level, the record. Also warns about profiles that still hold the
/// teacher's fields, and (with a roster) about students it does not list.
pub(super) fn apply(s: &Sources, students: &mut [Student], v: &mut Validator) {
    let roster_name = shown(&s.roster_path, &s.root);
    moved_fields(s, &roster_name, v);
    let Some(file) = &s.roster else {
        return;
    };
    let ids = check_unique(
        &mut v.diags,
        "roster entry",
        file.raw.iter().map(|e| {
            (
                e.value.id.value.as_str(),
                file.path.as_path(),
                Some(file.pos(&e.value.id)),
            )
        }),
    );
    let mut sis_ids: BTreeMap<String, u32> = BTreeMap::new();
    let folders: BTreeSet<&str> = s.students.iter().map(|st| st.id.as_str()).collect();
    let playlists: BTreeSet<String> = v.known.playlists.keys().cloned().collect();
    // By id: the entry and the official name it gives.
    let mut entries: BTreeMap<&str, (RosterEntry, Option<String>)> = BTreeMap::new();
    for e in &file.raw {
        let raw = &e.value;
        if let Some(sis) = &raw.sis_id {
            let text = sis.value.clone();
            if let Some(line) = sis_ids.get(&text) {
                v.error(
                    file,
                    file.pos(sis),
                    format!("the sis_id `{text}` is given twice (also on line {line})"),
                    "each student has their own id in the school's system",
                );
            } else {
                sis_ids.insert(text, file.pos(sis).line);
            }
        }
        let entry = entry(file, raw, &playlists, v);
        let id = raw.id.value.as_str();
        // A second entry of an id is reported by `check_unique`; the first counts.
        if !ids.contains(id) || entries.contains_key(id) {
            continue;
        }
        if !folders.contains(&id) && s.students_dir.is_dir() {
            let hint = suggest(id, folders.iter().copied()).unwrap_or_else(|| {
                format!("add the folder {id}/ in the students folder, or remove this entry")
            });
            v.warning(
                file,
                file.pos(&raw.id),
                format!("the roster lists `{id}`, but there is no student folder `{id}`"),
                hint,
            );
        }
        let name = raw
            .name
            .as_ref()
            .map(|n| n.value.trim().to_string())
            .filter(|n| !n.is_empty());
        entries.insert(id, (entry, name));
    }
    for st in students.iter_mut() {
        let Some((entry, name)) = entries.remove(st.id.as_str()) else {
            let path = s.students_dir.join(&st.id);
            v.diags.push(
                Diagnostic::warning(
                    &path,
                    None,
                    format!(
                        "`{}` has no entry in {roster_name}; they are left out of the public build",
                        st.id
                    ),
                )
                .with_hint(format!(
                    "add `- id: {}` with the family's `consent:` to {roster_name}",
                    st.id
                )),
            );
            continue;
        };
        if let Some(name) = name {
            st.name = name;
        }
        st.level = entry.level;
        st.extensions = entry.extensions.clone();
        st.roster = Some(entry);
    }
}

/// One roster entry, its problems reported where they are written.
fn entry(
    file: &RosterFile,
    raw: &RawRosterEntry,
    playlists: &BTreeSet<String>,
    v: &mut Validator,
) -> RosterEntry {
    if raw.id.value.trim().is_empty() {
        v.error(
            file,
            file.pos(&raw.id),
            "this roster entry has an empty `id`",
            "write the student's folder name, such as `id: ada-l`",
        );
    }
    if let Some(name) = raw.name.as_ref().filter(|n| n.value.trim().is_empty()) {
        v.error(
            file,
            file.pos(name),
            "the official name is empty",
            "write the name, or leave `name:` out to use the profile's",
        );
    }
    let level = raw.level.as_ref().and_then(|l| {
        v.one_of(
            file,
            l,
            "readiness level",
            Readiness::NAMES,
            Readiness::from_name,
        )
    });
    let mut extensions = BTreeMap::new();
    for (slug, date) in &raw.extensions {
        let at = Spanned {
            value: slug.clone(),
            referenced: date.referenced,
            defined: date.defined,
        };
        let known = v.check_in(file, &at, playlists, "playlist");
        if let Some(d) = v.date(file, date)
            && known
        {
            extensions.insert(slug.clone(), d);
        }
    }
    let repo = raw.repo.as_ref().and_then(|r| {
        if super::students::is_web_address(r.value.trim()) {
            return Some(r.value.trim().to_string());
        }
        v.error(
            file,
            file.pos(r),
            format!("`{}` is not a web address", r.value),
            "write the repository's address, such as https://github.com/bio9-2026/ada-portfolio",
        );
        None
    });
    RosterEntry {
        sis_id: raw.sis_id.as_ref().map(|s| s.value.clone()),
        section: raw.section.as_ref().map(|s| s.value.clone()),
        level,
        needs: raw.needs.clone(),
        notes: raw.notes.as_deref().unwrap_or_default().trim().to_string(),
        extensions,
        repo,
        consent: raw.consent.as_ref().map(|c| consent(file, &c.value, v)),
    }
}

fn consent(file: &RosterFile, raw: &RawConsent, v: &mut Validator) -> Consent {
    let publish = raw.publish.unwrap_or(false);
    Consent {
        publish,
        // Images, audio and video go with publishing unless the family said no.
        photos: raw.photos.unwrap_or(publish),
        voice: raw.voice.unwrap_or(publish),
        date: raw.date.as_ref().and_then(|d| v.date(file, d)),
        by: raw.by.as_ref().and_then(|b| {
            v.one_of(
                file,
                b,
                "consent giver",
                ConsentBy::NAMES,
                ConsentBy::from_name,
            )
        }),
    }
}

/// `level:` and `private:` in a profile are the teacher's (SPEC §2.6): ignored,
/// with a warning saying where they go.
fn moved_fields(s: &Sources, roster_name: &str, v: &mut Validator) {
    for st in &s.students {
        let Some(file) = &st.profile else { continue };
        let id = &st.id;
        if let Some(level) = &file.raw.level {
            v.warning(
                file,
                file.pos(level),
                format!(
                    "`level:` is the teacher's and is ignored here; move `level: {}` to the roster entry of {id} in {roster_name}",
                    level.value
                ),
                "readiness is the teacher's judgement: a student can neither read nor change it",
            );
        }
        if let Some(private) = &file.raw.private {
            v.warning(
                file,
                file.pos(private),
                format!(
                    "`private:` is ignored in a profile (a student can read it); move it to `notes:` or `needs:` of the roster entry of {id} in {roster_name}"
                ),
                "notes about a student are the teacher's and live in the roster",
            );
        }
    }
}

/// A path for messages: relative to the course when inside it.
fn shown(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let text = rel.to_string_lossy();
    if text.is_empty() {
        "roster.yaml".into()
    } else {
        text.replace('\\', "/")
    }
}
