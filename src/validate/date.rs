//! A proleptic Gregorian civil date, leap years and age computation, shared by the birth date
//! validator, the MRZ parser and the national-ID cross-checks.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian). Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// True for Gregorian leap years: divisible by 4, except centuries not divisible by 400.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, or `None` when it does not exist (month 13, 30 February, 29 February 2023).
    /// Years are limited to 1..=9999, the range ISO 8601 writes with four digits.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Year (1-9999).
    pub fn year(self) -> i32 {
        self.year
    }

    /// Month (1-12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of month (1-31).
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses exactly `YYYY-MM-DD` (ISO 8601 extended calendar date), the form used in
    /// options, reports and the CLI.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = parse_digits(&b[0..4])?;
        let month = parse_digits(&b[5..7])?;
        let day = parse_digits(&b[8..10])?;
        Date::new(year as i32, month as u8, day as u8)
    }

    /// Completed years of age on `today` for someone born on `self` (negative if `today` is
    /// earlier). Someone born on 29 February has their birthday on 1 March in common years,
    /// the reading used by most civil codes (e.g. UK, Germany) for coming of age.
    pub fn age_on(self, today: Date) -> i32 {
        let mut age = today.year - self.year;
        let birthday_this_year = if self.month == 2 && self.day == 29 && !is_leap_year(today.year) {
            (3, 1)
        } else {
            (self.month, self.day)
        };
        if (today.month, today.day) < birthday_this_year {
            age -= 1;
        }
        age
    }

    /// Days since 1970-01-01 (negative before), for arithmetic on dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, or `None` outside years 1..=9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days algorithm.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// Today's date in UTC from the system clock (natively) or JavaScript's `Date.now()`
    /// (in the browser). Validators never call this themselves: callers pass `today` so
    /// results are reproducible; it only fills in an omitted option.
    pub fn today_utc() -> Date {
        let fallback = Date {
            year: 1970,
            month: 1,
            day: 1,
        };
        Date::from_days_since_epoch(now_millis().div_euclid(86_400_000)).unwrap_or(fallback)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn now_millis() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(0))
        .unwrap_or(0)
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// JavaScript's `Date.now()`: milliseconds since the Unix epoch.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

#[cfg(target_arch = "wasm32")]
fn now_millis() -> i64 {
    // std's SystemTime panics on wasm32-unknown-unknown; ask JavaScript instead.
    date_now() as i64
}

/// Parses 1-4 ASCII digits.
fn parse_digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a real date in YYYY-MM-DD form"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2000) && is_leap_year(2024));
        assert!(!is_leap_year(1900) && !is_leap_year(2023));
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 4, 31).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
        assert!(Date::new(0, 1, 1).is_none());
    }

    #[test]
    fn iso_parsing_is_strict() {
        assert_eq!(d("1990-01-31").to_string(), "1990-01-31");
        assert!(Date::parse_iso("1990-1-31").is_none());
        assert!(Date::parse_iso("1990-02-30").is_none());
        assert!(Date::parse_iso("１990-01-31").is_none());
    }

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(d("2000-06-15").age_on(d("2018-06-14")), 17);
        assert_eq!(d("2000-06-15").age_on(d("2018-06-15")), 18);
        assert_eq!(d("2004-02-29").age_on(d("2022-02-28")), 17);
        assert_eq!(d("2004-02-29").age_on(d("2022-03-01")), 18);
        assert_eq!(d("2004-02-29").age_on(d("2024-02-29")), 20);
    }

    #[test]
    fn epoch_day_round_trip() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        for days in [-719_162, -1, 0, 59, 11_016, 20_000, 2_932_896] {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days);
        }
        assert_eq!(Date::from_days_since_epoch(2_932_897), None); // 10000-01-01
    }
}
