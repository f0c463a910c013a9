//! Work waiting for a score: evidence that completes a checkpoint or claims a
//! standard, with no assessment yet (the teacher's to-grade queue and dashboard).
//!
//! "Assessed" is one rule for the queue, the dashboard and `export sheet
//! --ungraded`: any assessment of the evidence item, whatever its rubric, so the
//! queue's rows for a checkpoint are exactly that sheet's rows.

use super::progress::PlaylistProgress;
use crate::model::{AssessmentTarget, Course, Evidence, ItemKind, Playlist, Student};

/// Whether the teacher has assessed the evidence item at all.
pub fn assessed(student: &Student, slug: &str) -> bool {
    student.assessments.iter().any(
        |a| matches!(&a.target, AssessmentTarget::Evidence { evidence, .. } if evidence == slug),
    )
}

/// One evidence item waiting for a score.
#[derive(Debug, Clone, Copy)]
pub struct Waiting<'a> {
    pub student: &'a Student,
    pub evidence: &'a Evidence,
}

/// The work waiting on one checkpoint of a playlist, oldest first.
#[derive(Debug)]
pub struct CheckpointQueue<'a> {
    /// The item's id in its playlist.
    pub item: String,
    pub work: Vec<Waiting<'a>>,
}

/// The whole queue: per playlist (course order) its checkpoints (playlist order)
/// with work waiting, and the work that claims standards without completing any
/// checkpoint. Each list is oldest first (then by student id and slug).
#[derive(Debug, Default)]
pub struct Queue<'a> {
    pub playlists: Vec<(&'a Playlist, Vec<CheckpointQueue<'a>>)>,
    pub standards_only: Vec<Waiting<'a>>,
    /// Evidence items waiting (one that completes two checkpoints counts once).
    pub total: usize,
}

/// Whether the item `playlist/item` is one the teacher scores: a `checkpoint`, or
/// any item with a rubric.
fn is_checkpoint(course: &Course, reference: &str) -> bool {
    let Some((slug, id)) = reference.split_once('/') else {
        return false;
    };
    course.playlist(slug).is_some_and(|p| {
        p.items()
            .any(|i| i.id == id && (i.kind == ItemKind::Checkpoint || i.rubric.is_some()))
    })
}

/// Whether `e` waits for a score: not assessed, and it completes a checkpoint or
/// claims a standard.
pub fn waits(course: &Course, student: &Student, e: &Evidence) -> bool {
    (!e.standards.is_empty() || e.completes.iter().any(|c| is_checkpoint(course, c)))
        && !assessed(student, &e.slug)
}

/// How many of `student`'s evidence items wait for a score.
pub fn waiting_count(course: &Course, student: &Student) -> usize {
    student
        .evidence
        .iter()
        .filter(|e| waits(course, student, e))
        .count()
}

/// The queue of the (filtered) course.
pub fn queue(course: &Course) -> Queue<'_> {
    let mut all: Vec<Waiting> = course
        .students
        .iter()
        .flat_map(|s| {
            s.evidence
                .iter()
                .filter(move |e| waits(course, s, e))
                .map(move |e| Waiting {
                    student: s,
                    evidence: e,
                })
        })
        .collect();
    all.sort_by(|a, b| {
        (a.evidence.date, &a.student.id, &a.evidence.slug).cmp(&(
            b.evidence.date,
            &b.student.id,
            &b.evidence.slug,
        ))
    });
    let mut q = Queue {
        total: all.len(),
        ..Queue::default()
    };
    for p in &course.playlists {
        let checkpoints: Vec<CheckpointQueue> = p
            .items()
            .filter_map(|i| {
                let reference = format!("{}/{}", p.slug, i.id);
                let work: Vec<Waiting> = all
                    .iter()
                    .filter(|w| w.evidence.completes.contains(&reference))
                    .copied()
                    .collect();
                (!work.is_empty() && is_checkpoint(course, &reference)).then(|| CheckpointQueue {
                    item: i.id.clone(),
                    work,
                })
            })
            .collect();
        if !checkpoints.is_empty() {
            q.playlists.push((p, checkpoints));
        }
    }
    q.standards_only = all
        .into_iter()
        .filter(|w| {
            !w.evidence
                .completes
                .iter()
                .any(|c| is_checkpoint(course, c))
        })
        .collect();
    q
}

/// Items of the required path left in the playlists that are past due for the
/// student (by the build date and their own due dates: `compute::due`).
pub fn past_due_count(progress: &[PlaylistProgress]) -> usize {
    progress
        .iter()
        .filter(|pp| pp.status == super::due::DueStatus::PastDue)
        .map(|pp| pp.required.saturating_sub(pp.required_done))
        .sum()
}
