//! The teacher's to-grade queue (teacher audience only): work waiting for a score,
//! oldest first, by playlist and checkpoint, each checkpoint with the `export sheet`
//! command that gives the same rows (the rule is `compute::grading`).

use serde::Serialize;

use super::{LinkView, StandardRef, Views};
use crate::compute::grading::{self, Waiting};
use crate::site::paths::{self, href, item_anchor};

#[derive(Serialize)]
pub struct QueueView {
    /// Evidence items waiting (one completing two checkpoints counts once).
    pub total: usize,
    pub playlists: Vec<QueuePlaylist>,
    /// Work that claims standards but completes no checkpoint.
    pub standards_only: Vec<QueueRow>,
}

#[derive(Serialize)]
pub struct QueuePlaylist {
    pub playlist: LinkView,
    pub id: String,
    pub count: usize,
    pub checkpoints: Vec<QueueCheckpoint>,
}

#[derive(Serialize)]
pub struct QueueCheckpoint {
    /// `playlist/item`.
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    /// The item on its playlist's page.
    pub href: String,
    pub rubric: Option<LinkView>,
    /// `pathfolio export sheet PLAYLIST/ITEM --ungraded`, when the item has a
    /// rubric to score in columns (empty otherwise).
    pub sheet_command: String,
    pub rows: Vec<QueueRow>,
}

#[derive(Serialize)]
pub struct QueueRow {
    pub student: LinkView,
    pub student_id: String,
    pub evidence: LinkView,
    pub slug: String,
    pub date: String,
    /// The date in words ("Tue 3 Oct"), for the text of `<time>`.
    pub date_words: String,
    pub standards: Vec<StandardRef>,
}

impl Views<'_> {
    pub fn queue(&self) -> QueueView {
        let course = self.course;
        let q = grading::queue(course);
        QueueView {
            total: q.total,
            playlists: q
                .playlists
                .iter()
                .map(|(p, checkpoints)| {
                    let checkpoints: Vec<QueueCheckpoint> = checkpoints
                        .iter()
                        .map(|c| {
                            let item = p.items().find(|i| i.id == c.item);
                            let reference = format!("{}/{}", p.slug, c.item);
                            let rubric = item
                                .and_then(|i| i.rubric.as_deref())
                                .and_then(|r| self.rubric_link(r));
                            QueueCheckpoint {
                                sheet_command: if rubric.is_some() {
                                    format!("pathfolio export sheet {reference} --ungraded")
                                } else {
                                    String::new()
                                },
                                title: item.map_or(c.item.clone(), |i| i.title.clone()),
                                href: format!(
                                    "{}#{}",
                                    href(&paths::playlist(&p.slug)),
                                    item_anchor(&c.item)
                                ),
                                reference,
                                rubric,
                                rows: c.work.iter().map(|w| self.queue_row(w)).collect(),
                            }
                        })
                        .collect();
                    QueuePlaylist {
                        playlist: LinkView {
                            title: p.title.clone(),
                            href: href(&paths::playlist(&p.slug)),
                        },
                        id: format!("queue-{}", crate::text::slugify(&p.slug)),
                        count: checkpoints.iter().map(|c| c.rows.len()).sum(),
                        checkpoints,
                    }
                })
                .collect(),
            standards_only: q.standards_only.iter().map(|w| self.queue_row(w)).collect(),
        }
    }

    /// How many evidence items wait for a score, for the navigation.
    pub fn queue_total(&self) -> usize {
        self.course
            .students
            .iter()
            .map(|s| grading::waiting_count(self.course, s))
            .sum()
    }

    fn queue_row(&self, w: &Waiting) -> QueueRow {
        let (s, e) = (w.student, w.evidence);
        QueueRow {
            student: LinkView {
                title: s.name.clone(),
                href: href(&paths::student(&s.id)),
            },
            student_id: s.id.clone(),
            evidence: LinkView {
                title: e.title.clone(),
                href: href(&paths::evidence(&s.id, &e.slug)),
            },
            slug: e.slug.clone(),
            date: e.date.to_string(),
            date_words: self.words(Some(e.date)),
            standards: self.standard_refs(&e.standards),
        }
    }
}
