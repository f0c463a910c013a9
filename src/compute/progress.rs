//! A student's progress through the playlists, and what to do next.
//!
//! "Next for you" ranks the items a student has not done by a fixed rule, so that a
//! teacher can explain every suggestion. Units are placed by their `start`/`end`
//! against the build date (`compute::due`; a unit without dates, and a playlist
//! without a unit, count as current):
//! 1. the current units' required items: must-do items, and options of a choice
//!    group not yet satisfied;
//! 2. then required items not done from units that have ended;
//! 3. then the current units' may-do items on a standard where the student is below
//!    `proficient_at` (or not yet assessed);
//! 4. then their other may-do items;
//! 5. then items of units that have not started, in the same order (required,
//!    weak standard, other).
//!
//! An ended unit's may-do items are never suggested. A required item whose playlist
//! is past due for the student (by its `due`, or the student's own date from the
//! roster's `extensions`) says "past due" first.
//!
//! Within a tier, an item gains a point for suiting the student's readiness `level`,
//! one for being a kind the student `prefers`, and one for mentioning one of their
//! `interests`; ties keep course order (unit order, then playlist, then item).

use std::collections::BTreeSet;

use super::StandardMastery;
use super::due::{self, DueStatus, UnitTime};
use super::mastery::Mastery;
use crate::model::{AssessmentTarget, Course, Date, Entry, Item, ItemKind, Playlist, Student};

/// Where a student stands in one playlist.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaylistProgress {
    pub playlist: String,
    /// Ids of the items done (see [`done_items`]).
    pub done: BTreeSet<String>,
    /// Must-do items not done yet (outside choice groups).
    pub must_left: Vec<String>,
    pub choices: Vec<ChoiceProgress>,
    pub checkpoints: Vec<CheckpointProgress>,
    /// Minutes of must-do items and of the options still needed in choice groups.
    pub minutes_left: u32,
    pub total_items: usize,
    /// The required path: the must-do items and `choose` options of each choice
    /// group. Progress is counted on it; may-do items are extras.
    pub required: usize,
    /// How much of the required path is done (a choice group counts at most `choose`).
    pub required_done: usize,
    /// Items done beyond the required path: may-do items, and options chosen past
    /// what a choice group asks.
    pub extras_done: usize,
    /// The student's due date: their own (the roster's `extensions`) or the
    /// playlist's; and whether it is their own.
    pub due: Option<(Date, bool)>,
    /// Finished, past due, due today or on track, on the build date.
    pub status: DueStatus,
}

impl PlaylistProgress {
    /// Whether the required path is done.
    pub fn finished(&self) -> bool {
        self.required_done >= self.required
    }

    /// The required path done, in whole percent (100 only when it is finished).
    pub fn percent(&self) -> u32 {
        if self.required == 0 {
            return if self.done.is_empty() { 0 } else { 100 };
        }
        let p = (self.required_done * 100 / self.required) as u32;
        if self.finished() { 100 } else { p.min(99) }
    }
}

/// Minutes of the required path: the must-do items, and the quickest `choose`
/// options of each choice group (an item without minutes counts 0).
pub fn required_minutes(p: &Playlist) -> u32 {
    p.entries
        .iter()
        .map(|e| match e {
            Entry::Item(i) if i.required => i.minutes.unwrap_or(0),
            Entry::Item(_) => 0,
            Entry::Choice(c) => {
                let mut m: Vec<u32> = c.items.iter().map(|i| i.minutes.unwrap_or(0)).collect();
                m.sort_unstable();
                m.iter().take(c.choose as usize).sum()
            }
        })
        .sum()
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceProgress {
    pub title: String,
    pub choose: u32,
    pub options: usize,
    /// Ids of the options done.
    pub chosen: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckpointProgress {
    pub item: String,
    /// Mean of the rubric scores on evidence that completes it, if assessed.
    pub level: Option<f64>,
    /// Whether the student's evidence completes it (handed in; with no level yet,
    /// it waits for a score).
    pub handed_in: bool,
}

/// One suggestion of "Next for you".
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub playlist: String,
    pub item: String,
    /// Why, in words: "must-do in Food Webs; you like to watch".
    pub reason: String,
}

/// The student's progress in every playlist, in course order.
pub fn progress(course: &Course, student: &Student) -> Vec<PlaylistProgress> {
    course
        .playlists
        .iter()
        .map(|p| playlist_progress(course, student, p))
        .collect()
}

fn playlist_progress(course: &Course, student: &Student, p: &Playlist) -> PlaylistProgress {
    let done = done_items(student, p);
    let mut must_left = Vec::new();
    let mut choices = Vec::new();
    let mut minutes_left = 0;
    let (mut required, mut required_done, mut extras_done) = (0, 0, 0);
    for e in &p.entries {
        match e {
            Entry::Item(i) if i.required => {
                required += 1;
                if done.contains(&i.id) {
                    required_done += 1;
                } else {
                    must_left.push(i.id.clone());
                    minutes_left += i.minutes.unwrap_or(0);
                }
            }
            Entry::Item(i) => extras_done += usize::from(done.contains(&i.id)),
            Entry::Choice(c) => {
                let chosen: Vec<String> = c
                    .items
                    .iter()
                    .filter(|i| done.contains(&i.id))
                    .map(|i| i.id.clone())
                    .collect();
                let asked = (c.choose as usize).min(c.items.len());
                required += asked;
                required_done += chosen.len().min(asked);
                extras_done += chosen.len().saturating_sub(asked);
                let missing = asked.saturating_sub(chosen.len());
                let mut open: Vec<u32> = c
                    .items
                    .iter()
                    .filter(|i| !done.contains(&i.id))
                    .map(|i| i.minutes.unwrap_or(0))
                    .collect();
                open.sort_unstable();
                minutes_left += open.iter().take(missing).sum::<u32>();
                choices.push(ChoiceProgress {
                    title: c.title.clone(),
                    choose: c.choose,
                    options: c.items.len(),
                    chosen,
                });
            }
        }
    }
    let checkpoints = p
        .items()
        .filter(|i| i.kind == ItemKind::Checkpoint)
        .map(|i| {
            let item_ref = format!("{}/{}", p.slug, i.id);
            CheckpointProgress {
                item: i.id.clone(),
                level: checkpoint_level(student, &item_ref),
                handed_in: student
                    .evidence
                    .iter()
                    .any(|e| e.completes.contains(&item_ref)),
            }
        })
        .collect();
    let due = due::due_for(student, p);
    let finished = required_done >= required;
    PlaylistProgress {
        playlist: p.slug.clone(),
        status: due::status(finished, due.map(|d| d.0), course.config.today),
        due,
        total_items: p.items().count(),
        done,
        must_left,
        choices,
        checkpoints,
        minutes_left,
        required,
        required_done,
        extras_done,
    }
}

/// The items of playlist `p` that `student` has done: those their evidence
/// `completes` and those an assessment `completes` (SPEC §2.8). A checkpoint is
/// assessed work: the student's own evidence completes it once the teacher has
/// assessed that evidence.
fn done_items(student: &Student, p: &Playlist) -> BTreeSet<String> {
    let prefix = format!("{}/", p.slug);
    let checkpoint = |id: &str| {
        p.items()
            .any(|i| i.id == id && i.kind == ItemKind::Checkpoint)
    };
    let assessed = |slug: &str| {
        student.assessments.iter().any(|a| {
            matches!(&a.target, AssessmentTarget::Evidence { evidence, .. } if evidence == slug)
        })
    };
    let mut done = BTreeSet::new();
    for e in &student.evidence {
        for id in e.completes.iter().filter_map(|c| c.strip_prefix(&prefix)) {
            if !checkpoint(id) || assessed(&e.slug) {
                done.insert(id.to_string());
            }
        }
    }
    for a in &student.assessments {
        done.extend(
            a.completes
                .iter()
                .filter_map(|c| c.strip_prefix(&prefix))
                .map(str::to_string),
        );
    }
    done
}

fn checkpoint_level(student: &Student, item_ref: &str) -> Option<f64> {
    let evidence: Vec<&str> = student
        .evidence
        .iter()
        .filter(|e| e.completes.iter().any(|c| c == item_ref))
        .map(|e| e.slug.as_str())
        .collect();
    let mut latest = None;
    for a in &student.assessments {
        if let AssessmentTarget::Evidence {
            evidence: ev,
            scores: Some(s),
            ..
        } = &a.target
            && evidence.contains(&ev.as_str())
            && !s.scores.is_empty()
        {
            let mean = s.scores.iter().map(|(_, v)| v).sum::<f64>() / s.scores.len() as f64;
            latest = Some((mean * 10.0).round() / 10.0);
        }
    }
    latest
}

/// Up to `max` suggestions, ranked by the rule in this module's documentation.
pub fn next_steps(
    course: &Course,
    student: &Student,
    mastery: &[StandardMastery],
    progress: &[PlaylistProgress],
    max: usize,
) -> Vec<Suggestion> {
    let proficient_at = course.config.mastery.proficient_at;
    let below = |code: &str| {
        mastery
            .iter()
            .find(|m| m.code == code)
            .map(|m| match &m.result {
                Mastery::NotYetAssessed => ("not yet assessed".to_string(), true),
                Mastery::Assessed { value, label, .. } => (label.clone(), *value < proficient_at),
            })
    };
    let today = course.config.today;
    let language = &course.config.language;
    let mut candidates: Vec<(u8, i32, usize, Suggestion)> = Vec::new();
    let mut order = 0;
    for (p, prog) in course.playlists.iter().zip(progress) {
        let time = due::playlist_time(course, p);
        for e in &p.entries {
            let (items, open_choice): (Vec<&Item>, bool) = match e {
                Entry::Item(i) => (vec![i], false),
                Entry::Choice(c) => {
                    let chosen = c.items.iter().filter(|i| prog.done.contains(&i.id)).count();
                    (c.items.iter().collect(), chosen < c.choose as usize)
                }
            };
            for item in items {
                order += 1;
                if prog.done.contains(&item.id) || (matches!(e, Entry::Choice(_)) && !open_choice) {
                    continue;
                }
                let mut reasons = Vec::new();
                let weak: Vec<(String, String)> = item
                    .standards
                    .iter()
                    .chain(&p.standards)
                    .filter_map(|code| {
                        below(code)
                            .filter(|(_, b)| *b)
                            .map(|(label, _)| (code.clone(), label))
                    })
                    .collect();
                let required = matches!(e, Entry::Item(i) if i.required) || open_choice;
                if required {
                    reasons.extend(date_reason(prog, time, today, language));
                }
                let tier = if matches!(e, Entry::Item(i) if i.required) {
                    reasons.push(format!("must-do in {}", p.title));
                    0
                } else if open_choice {
                    reasons.push(format!("one of your choices in {}", p.title));
                    0
                } else if !weak.is_empty() {
                    1
                } else {
                    2
                };
                let rank = match (time, tier) {
                    (UnitTime::Current, 0) => 0,
                    (UnitTime::Ended, 0) => 1,
                    (UnitTime::Current, t) => 1 + t,
                    (UnitTime::Upcoming, t) => 4 + t,
                    // An ended unit's may-do items are over.
                    (UnitTime::Ended, _) => continue,
                };
                if let Some((code, label)) = weak.first() {
                    if label == "not yet assessed" {
                        reasons.push(format!("you are not yet assessed on {code}"));
                    } else {
                        reasons.push(format!("you are {label} on {code}"));
                    }
                }
                let mut fit = 0;
                // Readiness is the teacher's judgement: it may order the suggestions,
                // but no page a student or family reads names it (SPEC §2.6, §4).
                if let Some(level) = &student.level
                    && !item.levels.is_empty()
                    && item.levels.contains(level)
                {
                    fit += 1;
                }
                if student.prefers.contains(&item.kind) {
                    fit += 1;
                    reasons.push(format!("you like to {}", likes(item.kind)));
                }
                let title = item.title.to_lowercase();
                if let Some(interest) = student
                    .interests
                    .iter()
                    .find(|i| !i.is_empty() && title.contains(&i.to_lowercase()))
                {
                    fit += 1;
                    reasons.push(format!("it matches your interest in {interest}"));
                }
                if reasons.is_empty() {
                    reasons.push(format!("a may-do in {}", p.title));
                }
                candidates.push((
                    rank,
                    -fit,
                    order,
                    Suggestion {
                        playlist: p.slug.clone(),
                        item: item.id.clone(),
                        reason: join_reasons(&reasons),
                    },
                ));
            }
        }
    }
    candidates.sort_by_key(|a| (a.0, a.1, a.2));
    candidates.into_iter().take(max).map(|c| c.3).collect()
}

/// What the dates say about a required item not done: "past due since …" when the
/// student's due date has passed; "its unit has ended" when the unit is over but the
/// student's own date is still ahead (or there is none).
fn date_reason(
    prog: &PlaylistProgress,
    time: UnitTime,
    today: Date,
    language: &str,
) -> Option<String> {
    match (prog.status, prog.due) {
        (DueStatus::PastDue, Some((d, mine))) => Some(format!(
            "past due: {} {}",
            if mine {
                "your own due date was"
            } else {
                "it was due"
            },
            d.words(today, language)
        )),
        (DueStatus::DueToday, Some(_)) => Some("due today".into()),
        _ if time == UnitTime::Ended => Some(match prog.due {
            Some((d, mine)) => format!(
                "its unit has ended; {} {}",
                if mine { "your own due date is" } else { "due" },
                d.words(today, language)
            ),
            None => "its unit has ended".into(),
        }),
        _ => None,
    }
}

/// What a student who `prefers` a kind of item likes to do, as a verb phrase.
fn likes(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Checkpoint => "show what you know in checkpoints",
        ItemKind::Offline => "work away from the screen",
        other => other.as_str(),
    }
}

fn join_reasons(reasons: &[String]) -> String {
    let mut s = reasons.join("; ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s
}
