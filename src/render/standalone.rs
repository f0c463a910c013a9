//! Views only a student's own portfolio site has (a folder with `profile.md` and no
//! `course.yaml`): its standards page, grouped by the courses `portfolio.yaml` names,
//! with the student's work on each standard instead of a course's units.

use serde::Serialize;

use super::views::{LinkView, StandardRef, Views};
use crate::site::paths::standard_id;

/// One standard on a portfolio's standards page.
#[derive(Serialize)]
pub struct PortfolioStandard {
    #[serde(flatten)]
    pub standard: StandardRef,
    /// The HTML id other pages link to.
    pub id: String,
    /// The student's evidence that claims this standard, newest first.
    pub evidence: Vec<LinkView>,
}

/// The standards of one course (or one `group`), in file order.
#[derive(Serialize)]
pub struct PortfolioStandardGroup {
    pub name: String,
    pub standards: Vec<PortfolioStandard>,
}

impl Views<'_> {
    /// Every standard the portfolio knows, grouped as loaded.
    pub fn portfolio_standards(&self) -> Vec<PortfolioStandardGroup> {
        let mut groups: Vec<PortfolioStandardGroup> = Vec::new();
        for st in &self.course.standards {
            let evidence = self
                .course
                .students
                .iter()
                .flat_map(|s| {
                    s.evidence
                        .iter()
                        .filter(|e| e.standards.contains(&st.code))
                        .map(|e| {
                            let summary = self.evidence_summary(s, e);
                            LinkView {
                                title: summary.title,
                                href: summary.href,
                            }
                        })
                })
                .collect();
            let view = PortfolioStandard {
                standard: self.standard_ref(&st.code),
                id: standard_id(&st.code),
                evidence,
            };
            match groups.iter_mut().find(|g| g.name == st.group) {
                Some(g) => g.standards.push(view),
                None => groups.push(PortfolioStandardGroup {
                    name: st.group.clone(),
                    standards: vec![view],
                }),
            }
        }
        groups
    }
}
