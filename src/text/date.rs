//! Today's date as the person at the keyboard reads their calendar: a piece of
//! work written at 8 pm in Chicago is dated that day, not the next one (UTC).

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Today in the system's time zone (`TZ`, else the system setting; UTC when
/// neither can be read).
///
/// SPEC §2.1's course `timezone:` is not read yet (see `load/raw.rs`); once it is,
/// callers that have the course pass its zone to [`date_at`] instead.
pub fn today() -> Date {
    date_at(Timestamp::now(), &TimeZone::system())
}

/// The calendar date in `zone` at `instant`.
pub fn date_at(instant: Timestamp, zone: &TimeZone) -> Date {
    zone.to_datetime(instant).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::offset;

    #[test]
    fn the_date_is_the_one_in_the_zone() {
        // 02:30 UTC on 2 March is still 1 March in Chicago (UTC-6 in winter).
        let t: Timestamp = "2026-03-02T02:30:00Z".parse().unwrap();
        let date = |hours| date_at(t, &TimeZone::fixed(offset(hours))).to_string();
        assert_eq!(date(0), "2026-03-02");
        assert_eq!(date(-6), "2026-03-01");
        assert_eq!(date(14), "2026-03-02");
        // Across a year and a leap day.
        let t: Timestamp = "2025-01-01T03:00:00Z".parse().unwrap();
        assert_eq!(
            date_at(t, &TimeZone::fixed(offset(-5))).to_string(),
            "2024-12-31"
        );
        let t: Timestamp = "2024-03-01T01:00:00Z".parse().unwrap();
        assert_eq!(
            date_at(t, &TimeZone::fixed(offset(-8))).to_string(),
            "2024-02-29"
        );
    }
}
