//! Dates that matter, measured against the build date (`CourseConfig::today`):
//! a student's own due date for a playlist, whether they are on track or past due,
//! and where a unit stands in the calendar.

use crate::model::{Course, Date, Playlist, Student, Unit};

/// Where a student stands against a playlist's due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueStatus {
    /// The required path is done (whatever the date).
    Finished,
    /// Not finished, and the due date is before the build date.
    PastDue,
    /// Not finished, due on the build date itself.
    DueToday,
    /// Not finished, due later.
    OnTrack,
    /// Not finished, and there is no due date.
    NoDueDate,
}

impl DueStatus {
    /// The words a page shows (never colour alone).
    pub fn words(self) -> &'static str {
        match self {
            DueStatus::Finished => "Finished",
            DueStatus::PastDue => "Past due",
            DueStatus::DueToday => "Due today",
            DueStatus::OnTrack => "On track",
            DueStatus::NoDueDate => "No due date",
        }
    }

    /// A word for CSS classes and themes.
    pub fn name(self) -> &'static str {
        match self {
            DueStatus::Finished => "finished",
            DueStatus::PastDue => "past-due",
            DueStatus::DueToday => "due-today",
            DueStatus::OnTrack => "on-track",
            DueStatus::NoDueDate => "no-due-date",
        }
    }
}

/// A student's due date for a playlist: their own (the roster's `extensions:`),
/// else the playlist's. The bool says whether it is their own.
pub fn due_for(student: &Student, p: &Playlist) -> Option<(Date, bool)> {
    match student.extensions.get(&p.slug) {
        Some(d) => Some((*d, true)),
        None => p.due.map(|d| (d, false)),
    }
}

/// Where a student stands in a playlist on `today`.
pub fn status(finished: bool, due: Option<Date>, today: Date) -> DueStatus {
    match due {
        _ if finished => DueStatus::Finished,
        None => DueStatus::NoDueDate,
        Some(d) if d < today => DueStatus::PastDue,
        Some(d) if d == today => DueStatus::DueToday,
        Some(_) => DueStatus::OnTrack,
    }
}

/// Where a unit stands on the build date, by its `start` and `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnitTime {
    /// The build date is within its dates (a missing date is open-ended), or the
    /// unit has no dates at all.
    Current,
    /// It ended before the build date.
    Ended,
    /// It starts after the build date.
    Upcoming,
}

pub fn unit_time(u: &Unit, today: Date) -> UnitTime {
    match (u.start, u.end) {
        (_, Some(end)) if end < today => UnitTime::Ended,
        (Some(start), _) if start > today => UnitTime::Upcoming,
        _ => UnitTime::Current,
    }
}

/// Where the unit of playlist `p` stands; a playlist without a unit (or with an
/// unknown one) is current.
pub fn playlist_time(course: &Course, p: &Playlist) -> UnitTime {
    p.unit
        .as_deref()
        .and_then(|slug| course.units.iter().find(|u| u.slug == slug))
        .map_or(UnitTime::Current, |u| unit_time(u, course.config.today))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn status_against_the_build_date() {
        let today = d("2026-10-01");
        assert_eq!(
            status(true, Some(d("2026-09-01")), today),
            DueStatus::Finished
        );
        assert_eq!(
            status(false, Some(d("2026-09-30")), today),
            DueStatus::PastDue
        );
        assert_eq!(status(false, Some(today), today), DueStatus::DueToday);
        assert_eq!(
            status(false, Some(d("2026-10-02")), today),
            DueStatus::OnTrack
        );
        assert_eq!(status(false, None, today), DueStatus::NoDueDate);
    }
}
