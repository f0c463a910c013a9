//! Stage 3: turn the raw files into the validated model, checking every reference.
//!
//! Every problem becomes a diagnostic at the place it was written; what is broken is
//! left out of the model so later stages never see a dangling reference.

mod assessments;
mod course;
mod links;
mod playlists;
mod portfolio;
mod roster;
mod rubrics;
mod standards;
mod students;
mod units;
pub mod usage;
mod withhold;

pub(crate) use course::build_date;
pub use withhold::for_build;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Pos, suggest};
use crate::load::{Loaded, Sources};
use crate::model::{Asset, Course, Date, fmt_level};

/// Builds the model from what `load` read. The model is returned even when there
/// are errors, so `check` can go on looking; a build must not use it then.
pub fn validate(sources: &Sources) -> (Course, Diagnostics) {
    let mut v = Validator::default();
    v.known.has_course = !sources.standalone;
    v.known.broken = sources.broken.clone();
    let mut config = course::course_config(sources, &mut v);
    let mut standards = standards::standards(sources, &mut v);
    portfolio::apply(sources, &mut config, &mut standards, &mut v);
    let rubrics = rubrics::rubrics(sources, &config, &mut v);
    let units = units::units(sources, &mut v);
    let playlists = playlists::playlists(sources, &mut v);
    let resources = assets(&sources.resources);
    let statics = assets(&sources.statics);
    let mut students = students::students(sources, &config, &mut v);
    roster::apply(sources, &mut students, &mut v);
    let unit_assets = units.iter().flat_map(|u| &u.assets);
    let assets = resources.iter().chain(&statics).chain(unit_assets);
    crate::media::inspect(
        &sources.root,
        &config.media,
        &mut students,
        assets,
        &mut v.diags,
    );
    let mut course = Course {
        root: sources.root.clone(),
        standalone: sources.standalone,
        config,
        standards,
        units,
        playlists,
        rubrics,
        students,
        has_roster: sources.has_roster,
        resources,
        statics,
        templates: sources.templates.clone(),
        withheld: Vec::new(),
    };
    // Links last: they may lead to anything the other files define.
    v.diags.extend(links::check(sources, &course));
    withhold::withhold(sources, &mut course, &v.diags);
    (course, v.diags)
}

/// Files copied as they are (resources/, static/), at their place in the site.
fn assets(list: &[(crate::load::Checked, String)]) -> Vec<Asset> {
    list.iter()
        .map(|(source, site_path)| Asset {
            source: source.clone(),
            site_path: site_path.clone(),
        })
        .collect()
}

/// What the files define, for checking what other files refer to.
#[derive(Default, Clone)]
struct Known {
    /// None in a standalone student folder without standards.yaml: codes are free.
    standards: Option<BTreeSet<String>>,
    units: BTreeSet<String>,
    /// Playlist slug → its item ids.
    playlists: BTreeMap<String, BTreeSet<String>>,
    rubrics: BTreeMap<String, RubricShape>,
    /// False in a standalone student folder: there are no units, playlists or rubrics.
    has_course: bool,
    /// Files that exist but failed to load: already reported, so not "unknown" again.
    broken: crate::load::Broken,
}

impl Known {
    /// Whether `name` is a unit, playlist or rubric whose file failed to load.
    fn is_broken(&self, what: &str, name: &str) -> bool {
        let b = &self.broken;
        match what {
            "unit" => b.units.contains(name),
            "playlist" => b.playlists.contains(name),
            "rubric" => b.rubrics.contains(name),
            _ => false,
        }
    }
}

#[derive(Clone)]
struct RubricShape {
    criteria: Vec<String>,
    /// Highest first.
    levels: Vec<f64>,
}

#[derive(Default)]
struct Validator {
    diags: Diagnostics,
    known: Known,
}

impl Validator {
    fn error<T>(
        &mut self,
        file: &Loaded<T>,
        pos: impl Into<Option<Pos>>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error(&file.path, pos, message).with_hint(hint));
    }

    fn warning<T>(
        &mut self,
        file: &Loaded<T>,
        pos: impl Into<Option<Pos>>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::warning(&file.path, pos, message).with_hint(hint));
    }

    /// Checks that `value` names one of `known`; reports it where it was written.
    fn check_in<T>(
        &mut self,
        file: &Loaded<T>,
        value: &Spanned<String>,
        known: &BTreeSet<String>,
        what: &str,
    ) -> bool {
        if known.contains(&value.value) {
            return true;
        }
        if !self.known.is_broken(what, &value.value) {
            self.unknown(file, value, what, known.iter().map(String::as_str));
        }
        false
    }

    /// Reads `value` as one of a fixed list of `names` (a kind, a level, a style):
    /// `parse` gives what it names, or None for an unknown name, which is reported
    /// with the nearest of `names` as a hint.
    fn one_of<T, K>(
        &mut self,
        file: &Loaded<T>,
        value: &Spanned<String>,
        what: &str,
        names: &[&str],
        parse: impl FnOnce(&str) -> Option<K>,
    ) -> Option<K> {
        let found = parse(&value.value);
        if found.is_none() {
            self.unknown(file, value, what, names.iter().copied());
        }
        found
    }

    /// Reports `value` as an unknown `what`, with a did-you-mean hint from `names`.
    fn unknown<'a, T>(
        &mut self,
        file: &Loaded<T>,
        value: &Spanned<String>,
        what: &str,
        names: impl IntoIterator<Item = &'a str> + Clone,
    ) {
        let hint = suggest(&value.value, names)
            .unwrap_or_else(|| format!("there is no {what} yet; add it first"));
        self.error(
            file,
            file.pos(value),
            format!("unknown {what} `{}`", value.value),
            hint,
        );
    }

    /// Checks `playlist/item` refs (an evidence item's or an assessment's
    /// `completes:`); returns those that name an item.
    fn item_refs<T>(&mut self, file: &Loaded<T>, refs: &[Spanned<String>]) -> Vec<String> {
        let mut out = Vec::new();
        for c in refs {
            let Some((playlist, item)) = c.value.split_once('/') else {
                self.error(
                    file,
                    file.pos(c),
                    format!("`{}` does not name a playlist item", c.value),
                    "write `<playlist>/<item-id>`, such as `food-webs/poster`",
                );
                continue;
            };
            match self.known.playlists.get(playlist) {
                None if self.known.is_broken("playlist", playlist) => {}
                None => {
                    let hint = suggest(playlist, self.known.playlists.keys().map(String::as_str))
                        .unwrap_or_else(|| "check the playlist's file name".into());
                    self.error(
                        file,
                        file.pos(c),
                        format!("unknown playlist `{playlist}`"),
                        hint,
                    );
                }
                Some(items) if !items.contains(item) => {
                    let hint = suggest(item, items.iter().map(String::as_str))
                        .unwrap_or_else(|| "use an item id from that playlist".into());
                    self.error(
                        file,
                        file.pos(c),
                        format!("the playlist `{playlist}` has no item `{item}`"),
                        hint,
                    );
                }
                Some(_) => out.push(c.value.clone()),
            }
        }
        out
    }

    fn check_standard<T>(&mut self, file: &Loaded<T>, code: &Spanned<String>) -> bool {
        let Some(known) = self.known.standards.take() else {
            return true;
        };
        let ok = self.check_in(file, code, &known, "standard");
        self.known.standards = Some(known);
        ok
    }

    fn check_standards<T>(&mut self, file: &Loaded<T>, codes: &[Spanned<String>]) -> Vec<String> {
        codes
            .iter()
            .filter(|c| self.check_standard(file, c))
            .map(|c| c.value.clone())
            .collect()
    }

    fn date<T>(&mut self, file: &Loaded<T>, value: &Spanned<String>) -> Option<Date> {
        match Date::parse(&value.value) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(
                    file,
                    file.pos(value),
                    msg,
                    "write dates as YYYY-MM-DD, such as 2026-09-08",
                );
                None
            }
        }
    }

    /// Checks a score against a range; `what` names the scale for the message.
    fn score_in_range<T>(
        &mut self,
        file: &Loaded<T>,
        score: &Spanned<f64>,
        low: f64,
        high: f64,
        what: &str,
    ) -> bool {
        let s = score.value;
        if s.is_finite() && s >= low && s <= high {
            return true;
        }
        self.error(
            file,
            file.pos(score),
            format!("the score {s} is outside {what} ({low} to {high})"),
            format!("use a level from {low} to {high}"),
        );
        false
    }

    /// Checks rubric scores keyed by criterion id; returns them in criterion order.
    fn rubric_scores<T>(
        &mut self,
        file: &Loaded<T>,
        rubric: &Spanned<String>,
        scores: &BTreeMap<String, Spanned<f64>>,
    ) -> Option<crate::model::RubricScores> {
        let names: BTreeSet<String> = self.known.rubrics.keys().cloned().collect();
        if !self.check_in(file, rubric, &names, "rubric") {
            return None;
        }
        let shape = self.known.rubrics.get(&rubric.value)?.clone();
        let criteria: BTreeSet<String> = shape.criteria.iter().cloned().collect();
        let mut ok = Vec::new();
        for (criterion, score) in scores {
            if !criteria.contains(criterion) {
                let hint = suggest(criterion, shape.criteria.iter().map(String::as_str))
                    .unwrap_or_else(|| "use the criterion ids of that rubric".into());
                self.error(
                    file,
                    file.pos(score),
                    format!(
                        "the rubric `{}` has no criterion `{criterion}`",
                        rubric.value
                    ),
                    hint,
                );
            } else if shape.levels.iter().any(|l| (l - score.value).abs() < 1e-9) {
                ok.push((criterion.clone(), score.value));
            } else {
                let levels: Vec<String> =
                    shape.levels.iter().rev().map(|l| fmt_level(*l)).collect();
                let levels = crate::text::and_list(&levels);
                self.error(
                    file,
                    file.pos(score),
                    format!(
                        "the score {} is not a level of the rubric `{}`",
                        fmt_level(score.value),
                        rubric.value
                    ),
                    format!("its levels are {levels}"),
                );
            }
        }
        ok.sort_by_key(|(c, _)| shape.criteria.iter().position(|x| x == c));
        Some(crate::model::RubricScores {
            rubric: rubric.value.clone(),
            scores: ok,
        })
    }
}

/// Reports ids that collide, exactly or when case is ignored (macOS and Windows
/// file systems ignore case, so `Cells` and `cells` would overwrite each other).
fn check_unique<'a>(
    diags: &mut Diagnostics,
    what: &str,
    items: impl IntoIterator<Item = (&'a str, &'a Path, Option<Pos>)>,
) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, (String, std::path::PathBuf)> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    for (id, path, pos) in items {
        let key = id.to_lowercase();
        if let Some((first, first_path)) = seen.get(&key) {
            let msg = if first == id {
                format!("the {what} `{id}` is defined twice")
            } else {
                format!("the {what} `{id}` differs from `{first}` only in upper/lower case")
            };
            diags.push(Diagnostic::error(path, pos, msg).with_hint(format!(
                "the other one is in {}; give each a different name",
                first_path.display()
            )));
        } else {
            seen.insert(key, (id.to_string(), path.to_path_buf()));
            ids.insert(id.to_string());
        }
    }
    ids
}
