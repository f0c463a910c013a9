//! `pathfolio import roster`: the class list from the school's system into
//! roster.yaml (SPEC §2.9) and a folder for each new student.
//!
//! The school's system speaks for names, sections and `sis_id`; everything else in
//! an entry is the teacher's and is kept byte for byte. A re-import matches students
//! on `sis_id` (else on the id a plain CSV gives), so ids never change; a student who
//! left the class is reported, never deleted. Nothing is written when a row is bad.

mod edit;
mod school;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::scaffold::new::{student, student_id};
use edit::{Change, Entry, Field};
pub use school::SchoolStudent;

/// What an import will do, worked out before anything is written.
#[derive(Debug)]
pub struct Plan {
    pub roster: PathBuf,
    /// The roster's new text; equal to the old when nothing changed.
    pub text: String,
    pub changed: bool,
    pub students_dir: PathBuf,
    /// (id, name) of the students added to the roster.
    pub added: Vec<(String, String)>,
    /// The new students' folders to create: (id, name).
    pub folders: Vec<(String, String)>,
    /// (id, field, old value, new value).
    pub updated: Vec<(String, &'static str, String, String)>,
    pub unchanged: usize,
    /// Roster entries not in the school's list: (id, sis_id).
    pub left: Vec<(String, Option<String>)>,
    /// What the list came from, for the report.
    pub from: String,
    pub warnings: Diagnostics,
}

/// [`plan`] for the course at `dir`: its roster file and students folder.
pub fn plan_for_course(dir: &Path, source: &Path, classes: &[String]) -> Result<Plan, Diagnostics> {
    let places = crate::load::Places::read(dir);
    plan(&places.roster, &places.students, source, classes)
}

/// Reads the class list at `source` and the course's roster, and plans the changes.
pub fn plan(
    roster: &Path,
    students_dir: &Path,
    source: &Path,
    classes: &[String],
) -> Result<Plan, Diagnostics> {
    let list = school::read(source, classes)?;
    let text = match std::fs::read_to_string(roster) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(Diagnostics::from(Diagnostic::error(
                roster,
                None,
                format!("cannot read it: {e}"),
            )));
        }
    };
    let entries = edit::entries(roster, &text).map_err(Diagnostics::from)?;
    let folders = student_folders(students_dir);
    let mut merge = Merge::new(&entries, folders);
    let mut diags = Diagnostics::new();
    for s in &list.students {
        if let Err(d) = merge.student(s) {
            diags.push(d);
        }
    }
    if diags.has_errors() {
        diags.extend(list.warnings);
        return Err(diags);
    }
    let new_text = edit::apply(&text, &entries, &merge.changes);
    let left = entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !merge.matched.contains(i))
        .map(|(_, e)| (e.id.clone(), e.sis_id.clone()))
        .collect();
    Ok(Plan {
        roster: roster.to_path_buf(),
        changed: new_text != text,
        text: new_text,
        students_dir: students_dir.to_path_buf(),
        added: merge.added,
        folders: merge.folders,
        updated: merge.updated,
        unchanged: merge.unchanged,
        left,
        from: list.from,
        warnings: list.warnings,
    })
}

/// The names of the folders in the students folder.
fn student_folders(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect()
}

/// The school's list matched against the roster, one student at a time.
struct Merge<'a> {
    entries: &'a [Entry],
    /// Folders on disk that no roster entry names.
    free_folders: BTreeSet<String>,
    taken: BTreeSet<String>,
    matched: BTreeSet<usize>,
    changes: Vec<Change>,
    added: Vec<(String, String)>,
    folders: Vec<(String, String)>,
    updated: Vec<(String, &'static str, String, String)>,
    unchanged: usize,
    seen_sis: BTreeSet<String>,
}

impl<'a> Merge<'a> {
    fn new(entries: &'a [Entry], folders: BTreeSet<String>) -> Merge<'a> {
        let ids: BTreeSet<String> = entries.iter().map(|e| e.id.clone()).collect();
        Merge {
            entries,
            free_folders: folders.difference(&ids).cloned().collect(),
            taken: ids.union(&folders).cloned().collect(),
            matched: BTreeSet::new(),
            changes: Vec::new(),
            added: Vec::new(),
            folders: Vec::new(),
            updated: Vec::new(),
            unchanged: 0,
            seen_sis: BTreeSet::new(),
        }
    }

    fn student(&mut self, s: &SchoolStudent) -> Result<(), Diagnostic> {
        let at = |message: String| Diagnostic::error(&s.path, Pos::new(s.line, 1), message);
        if let Some(sis) = &s.sis_id
            && !self.seen_sis.insert(sis.clone())
        {
            return Err(at(format!("sis_id `{sis}` is listed twice"))
                .with_hint("each student once; delete the second row"));
        }
        let by_sis = s.sis_id.as_ref().and_then(|sis| {
            self.entries
                .iter()
                .position(|e| e.sis_id.as_ref() == Some(sis))
        });
        let by_id = || {
            s.id.as_ref()
                .and_then(|id| self.entries.iter().position(|e| &e.id == id))
        };
        match by_sis.or_else(by_id) {
            Some(i) => self.update(i, s, at),
            None => self.add(s, at),
        }
    }

    fn update(
        &mut self,
        index: usize,
        s: &SchoolStudent,
        at: impl Fn(String) -> Diagnostic,
    ) -> Result<(), Diagnostic> {
        let e = &self.entries[index];
        if !self.matched.insert(index) {
            return Err(at(format!(
                "this is the student `{}` of an earlier row again",
                e.id
            ))
            .with_hint("each student once; delete the second row"));
        }
        if let Some(id) = &s.id
            && id != &e.id
        {
            return Err(at(format!(
                "the roster has this student as `{}`, and the list says `{id}`",
                e.id
            ))
            .with_hint("a student's id never changes (it names their folder); write the roster's id in the list"));
        }
        if let (Some(theirs), Some(ours)) = (&s.sis_id, &e.sis_id)
            && theirs != ours
        {
            return Err(at(format!(
                "the roster gives `{}` the sis_id `{ours}`, and the list `{theirs}`",
                e.id
            ))
            .with_hint("correct the sis_id in roster.yaml or in the list, whichever is wrong"));
        }
        let mut changed = false;
        let fields = [
            (Field::Name, Some(&s.name), &e.name),
            (Field::Section, s.section.as_ref(), &e.section),
            (Field::SisId, s.sis_id.as_ref(), &e.sis_id),
        ];
        for (field, new, old) in fields {
            if let Some(new) = new
                && old.as_ref() != Some(new)
            {
                self.changes.push(Change::Set {
                    index,
                    field,
                    value: new.clone(),
                });
                self.updated.push((
                    e.id.clone(),
                    field.key(),
                    old.clone().unwrap_or_default(),
                    new.clone(),
                ));
                changed = true;
            }
        }
        if !changed {
            self.unchanged += 1;
        }
        Ok(())
    }

    fn add(
        &mut self,
        s: &SchoolStudent,
        at: impl Fn(String) -> Diagnostic,
    ) -> Result<(), Diagnostic> {
        let made = student_id(&s.name);
        let id = match &s.id {
            Some(id) => {
                if self.added.iter().any(|(a, _)| a == id) {
                    return Err(at(format!("the id `{id}` is given twice")).with_hint(
                        "give each student their own id, or leave the id empty to have one made",
                    ));
                }
                id.clone()
            }
            // A course that had folders before it had a roster: the folder is theirs.
            None if self.free_folders.remove(&made) => made,
            None => self.unique(&made),
        };
        if school::check_id(&id).is_err() {
            return Err(at(format!("no id can be made from the name `{}`", s.name))
                .with_hint("give the student an id in an `id` column"));
        }
        self.taken.insert(id.clone());
        self.free_folders.remove(&id);
        self.changes.push(Change::Add {
            id: id.clone(),
            name: s.name.clone(),
            sis_id: s.sis_id.clone(),
            section: s.section.clone(),
        });
        self.added.push((id.clone(), s.name.clone()));
        Ok(())
    }

    /// `ada-l`, or `ada-l2`, `ada-l3`… when it is taken.
    fn unique(&self, base: &str) -> String {
        let base = if base.is_empty() { "student" } else { base };
        (1..)
            .map(|n| {
                if n == 1 {
                    base.to_string()
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|id| !self.taken.contains(id))
            .unwrap_or_default()
    }
}

/// Adds an entry for a new student (`pathfolio new student`) to the course's roster,
/// if the course has one: a student without an entry is not published. Returns the
/// roster's path when it was changed.
pub fn add_student(dir: &Path, id: &str, name: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let roster = crate::load::Places::read(dir).roster;
    let Ok(text) = std::fs::read_to_string(&roster) else {
        return Ok(None);
    };
    let entries = edit::entries(&roster, &text)?;
    if entries.iter().any(|e| e.id == id) {
        return Ok(None);
    }
    let add = Change::Add {
        id: id.to_string(),
        name: name.to_string(),
        sis_id: None,
        section: None,
    };
    crate::write::replace_file(&roster, edit::apply(&text, &entries, &[add]).as_bytes())
        .map_err(|e| Diagnostic::error(&roster, None, format!("cannot write it: {e}")))?;
    Ok(Some(roster))
}

impl Plan {
    /// Writes the roster (all at once) and then the new students' folders.
    pub fn write(&mut self) -> Result<(), Diagnostic> {
        self.folders = self
            .added
            .iter()
            .filter(|(id, _)| !self.students_dir.join(id).exists())
            .cloned()
            .collect();
        if self.changed {
            crate::write::replace_file(&self.roster, self.text.as_bytes()).map_err(|e| {
                Diagnostic::error(&self.roster, None, format!("cannot write it: {e}"))
            })?;
        }
        for (id, name) in &self.folders {
            student(&self.students_dir, id, name).map_err(|p| {
                let d = Diagnostic::error(self.students_dir.join(id), None, p.message);
                match p.hint {
                    Some(h) => d.with_hint(h),
                    None => d,
                }
            })?;
        }
        Ok(())
    }
}
