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

/// A date as people read it: "Tue 3 Oct" in English, with the year when it is not
/// the year of `today` (the build date): "Fri 9 Oct 2026". Other languages get the
/// ISO date (`2026-10-09`), which every reader can read, rather than English words.
pub fn date_words(date: Date, today: Date, language: &str) -> String {
    let english = language.is_empty()
        || language.eq_ignore_ascii_case("en")
        || language
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("en-"));
    if !english {
        return date.to_string();
    }
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS[date.weekday().to_monday_zero_offset() as usize];
    let month = MONTHS[(date.month() as usize).saturating_sub(1) % 12];
    if date.year() == today.year() {
        format!("{day} {} {month}", date.day())
    } else {
        format!("{day} {} {month} {}", date.day(), date.year())
    }
}

/// The calendar date in `zone` at `instant`.
pub fn date_at(instant: Timestamp, zone: &TimeZone) -> Date {
    zone.to_datetime(instant).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::offset;

    #[test]
    fn dates_in_words() {
        let today = date(2026, 10, 1);
        assert_eq!(date_words(date(2023, 10, 3), today, "en"), "Tue 3 Oct 2023");
        assert_eq!(date_words(date(2026, 10, 9), today, "en-US"), "Fri 9 Oct");
        assert_eq!(date_words(date(2027, 1, 4), today, "EN"), "Mon 4 Jan 2027");
        assert_eq!(date_words(date(2026, 10, 9), today, "fr"), "2026-10-09");
        assert_eq!(date_words(date(2026, 10, 9), today, "eng"), "2026-10-09");
    }

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
