//! Calendar dates as the files write them: `YYYY-MM-DD`.

use std::fmt;

/// A real calendar date. Ordered, so scores can be sorted by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible dates such as `2026-02-30`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let t = text.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let ok_shape = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
        if !ok_shape {
            return Err(format!("`{t}` is not a date in the form YYYY-MM-DD"));
        }
        let year: i32 = parts[0]
            .parse()
            .map_err(|_| format!("`{t}` has a bad year"))?;
        let month: u8 = parts[1]
            .parse()
            .map_err(|_| format!("`{t}` has a bad month"))?;
        let day: u8 = parts[2]
            .parse()
            .map_err(|_| format!("`{t}` has a bad day"))?;
        if !(1..=12).contains(&month) {
            return Err(format!("`{t}` has no month {month}"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!(
                "`{t}` is not a real date: that month has {} days",
                days_in_month(year, month)
            ));
        }
        Ok(Date { year, month, day })
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// The same day as jiff's calendar date (a `Date` is always a real one).
    pub fn civil(self) -> jiff::civil::Date {
        jiff::civil::Date::new(self.year as i16, self.month as i8, self.day as i8)
            .unwrap_or(jiff::civil::Date::MIN)
    }

    /// "Tue 3 Oct" (with the year when it is not `today`'s) in English, the ISO date
    /// in other languages (`text::date_words`).
    pub fn words(self, today: Date, language: &str) -> String {
        crate::text::date_words(self.civil(), today.civil(), language)
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(d: jiff::civil::Date) -> Date {
        Date {
            year: i32::from(d.year()),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d = Date::parse("2026-09-08").unwrap();
        assert_eq!(d.to_string(), "2026-09-08");
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-04-31",
            "26-1-1",
            "2026/01/01",
            "soon",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_chronologically() {
        assert!(Date::parse("2026-09-30").unwrap() < Date::parse("2026-10-01").unwrap());
    }
}
