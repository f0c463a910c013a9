//! What the teacher knows and decides about a student (`roster.yaml`, SPEC §2.9):
//! teacher audience only, except what orders the student's own suggestions.

use std::collections::BTreeMap;

use super::{Date, Readiness};

/// One student's roster entry, as validated. The audience filter removes it from
/// every build but the teacher's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterEntry {
    /// The school's id, carried into exports.
    pub sis_id: Option<String>,
    /// Class period or group of sections.
    pub section: Option<String>,
    /// Readiness as the teacher judged it (also on [`super::Student::level`]).
    pub level: Option<Readiness>,
    /// Accommodations and supports.
    pub needs: Vec<String>,
    pub notes: String,
    /// This student's own due dates, by playlist slug.
    pub extensions: BTreeMap<String, Date>,
    /// The student's own repository (`pathfolio pull`).
    pub repo: Option<String>,
    /// None: no consent on record (the student is then not published).
    pub consent: Option<Consent>,
}

/// The family's consent, as the school recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consent {
    /// May the student appear in the public build at all.
    pub publish: bool,
    /// May the student's images be published.
    pub photos: bool,
    /// May the student's audio and video be published.
    pub voice: bool,
    pub date: Option<Date>,
    pub by: Option<ConsentBy>,
}

impl RosterEntry {
    /// What the record allows in public: (publish, photos, voice). Without consent
    /// on record, nothing.
    pub fn allows(&self) -> (bool, bool, bool) {
        self.consent
            .map_or((false, false, false), |c| (c.publish, c.photos, c.voice))
    }
}

pub use super::kinds::ConsentBy;
