//! Date of birth.
//!
//! Accepts ISO 8601 calendar dates (`1990-01-31`, basic form `19900131`) or the day/month
//! orders used on forms (`31/01/1990`, `01.31.1990`), as the caller's [`DateOrder`] says: a
//! date such as `03/04/1990` is ambiguous, so the order is never guessed. Separators are `-`,
//! `/`, `.` or spaces (en dashes and full-width digits are folded first); years must have
//! four digits. The date must exist, must not be after `today`, and the age on `today` must
//! lie between `min_age` (default 18) and `max_age` (default 120) inclusive. `today` is
//! always supplied by the caller so results are reproducible.

use super::date::Date;
use super::error::{ErrorCode, Field, FieldResult, Normalized, ValidationError};
use super::text;
use serde::{Deserialize, Serialize};

/// Longest raw input in bytes (`too_long` beyond).
pub const MAX_INPUT_BYTES: usize = 64;
/// Default minimum age in completed years.
pub const DEFAULT_MIN_AGE: u32 = 18;
/// Default maximum plausible age in completed years.
pub const DEFAULT_MAX_AGE: u32 = 120;

/// The order of day, month and year in a typed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Year, month, day (ISO 8601).
    #[default]
    Iso,
    /// Day, month, year (most of the world).
    Dmy,
    /// Month, day, year (United States).
    Mdy,
}

impl DateOrder {
    /// Parses `iso`, `dmy` or `mdy` (case-insensitive).
    pub fn parse(s: &str) -> Option<DateOrder> {
        match s.to_ascii_lowercase().as_str() {
            "iso" | "ymd" => Some(DateOrder::Iso),
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            _ => None,
        }
    }
}

/// The rules a birth date is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthDateRules {
    /// How the date is written.
    pub order: DateOrder,
    /// The reference date for "future" and age.
    pub today: Date,
    /// Minimum age in completed years.
    pub min_age: u32,
    /// Maximum plausible age in completed years.
    pub max_age: u32,
}

impl BirthDateRules {
    /// ISO order and the default ages, relative to `today`.
    pub fn new(today: Date) -> BirthDateRules {
        BirthDateRules {
            order: DateOrder::Iso,
            today,
            min_age: DEFAULT_MIN_AGE,
            max_age: DEFAULT_MAX_AGE,
        }
    }
}

fn err(code: ErrorCode, message: impl Into<String>) -> ValidationError {
    ValidationError::new(Field::BirthDate, code, message)
}

/// Splits a date into its numeric parts; returns `None` for anything but digits and single
/// separators.
fn split_parts(s: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = s.split(['-', '/', '.', ' ']).collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        Some(parts)
    } else {
        None
    }
}

/// Parses a typed date in `order` into (year, month, day) digits, checking only the shape.
fn parse_shape(s: &str, order: DateOrder) -> Option<(u32, u32, u32)> {
    let num = |p: &str| p.parse::<u32>().ok();
    let parts = split_parts(s)?;
    match (order, parts.as_slice()) {
        (DateOrder::Iso, [ymd]) if ymd.len() == 8 => {
            Some((num(&ymd[0..4])?, num(&ymd[4..6])?, num(&ymd[6..8])?))
        }
        (DateOrder::Iso, [y, m, d]) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((num(y)?, num(m)?, num(d)?))
        }
        (DateOrder::Dmy, [d, m, y]) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((num(y)?, num(m)?, num(d)?))
        }
        (DateOrder::Mdy, [m, d, y]) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((num(y)?, num(m)?, num(d)?))
        }
        _ => None,
    }
}

/// Parses a typed date in `order` into a real calendar date, without age rules.
pub fn parse_date(input: &str, order: DateOrder) -> Result<Date, ValidationError> {
    let folded = text::fold_code(Field::BirthDate, input, MAX_INPUT_BYTES)?;
    let expected = match order {
        DateOrder::Iso => "YYYY-MM-DD",
        DateOrder::Dmy => "DD/MM/YYYY",
        DateOrder::Mdy => "MM/DD/YYYY",
    };
    let (y, m, d) = parse_shape(&folded, order).ok_or_else(|| {
        err(
            ErrorCode::InvalidFormat,
            format!("expected a date written {expected}"),
        )
    })?;
    // y < 10000, m and d < 100 by shape, so the casts are lossless.
    Date::new(y as i32, m as u8, d as u8).ok_or_else(|| {
        err(
            ErrorCode::InvalidDate,
            format!("{y:04}-{m:02}-{d:02} is not a calendar date"),
        )
    })
}

/// Validates a date of birth against `rules`. The normalised value is `YYYY-MM-DD`;
/// `details.age` is the age in completed years on `rules.today`.
pub fn validate_birth_date(input: &str, rules: &BirthDateRules) -> FieldResult {
    let date = parse_date(input, rules.order)?;
    check_age(date, rules)
}

/// Applies the future/min/max age rules to a parsed birth date.
pub fn check_age(date: Date, rules: &BirthDateRules) -> FieldResult {
    if date > rules.today {
        return Err(err(
            ErrorCode::FutureDate,
            format!("{date} is after today ({})", rules.today),
        ));
    }
    let age = date.age_on(rules.today);
    // Compared in i64: an option above i32::MAX must not wrap to a negative age.
    if i64::from(age) < i64::from(rules.min_age) {
        return Err(err(
            ErrorCode::TooYoung,
            format!("age {age} is below the minimum of {}", rules.min_age),
        ));
    }
    if i64::from(age) > i64::from(rules.max_age) {
        return Err(err(
            ErrorCode::TooOld,
            format!("age {age} is above the maximum of {}", rules.max_age),
        ));
    }
    Ok(Normalized::new(date.to_string()).with_detail("age", age.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(order: DateOrder) -> BirthDateRules {
        BirthDateRules {
            order,
            ..BirthDateRules::new(Date::parse_iso("2026-01-01").unwrap())
        }
    }

    fn check(input: &str, order: DateOrder) -> Result<String, ErrorCode> {
        validate_birth_date(input, &rules(order))
            .map(|n| n.value)
            .map_err(|e| e.code)
    }

    #[test]
    fn orders_and_separators() {
        assert_eq!(check("1990-01-31", DateOrder::Iso).unwrap(), "1990-01-31");
        assert_eq!(check("19900131", DateOrder::Iso).unwrap(), "1990-01-31");
        assert_eq!(check("31/01/1990", DateOrder::Dmy).unwrap(), "1990-01-31");
        assert_eq!(check("31.1.1990", DateOrder::Dmy).unwrap(), "1990-01-31");
        assert_eq!(check("01/31/1990", DateOrder::Mdy).unwrap(), "1990-01-31");
        assert_eq!(check("1990–01–31", DateOrder::Iso).unwrap(), "1990-01-31");
        assert_eq!(
            check("１９９０-０１-３１", DateOrder::Iso).unwrap(),
            "1990-01-31"
        );
        assert_eq!(check("31 01 1990", DateOrder::Dmy).unwrap(), "1990-01-31");
    }

    #[test]
    fn rejections() {
        assert_eq!(
            check("31/01/90", DateOrder::Dmy),
            Err(ErrorCode::InvalidFormat)
        );
        assert_eq!(
            check("1990-01-31", DateOrder::Dmy),
            Err(ErrorCode::InvalidFormat)
        );
        assert_eq!(
            check("1990--01-31", DateOrder::Iso),
            Err(ErrorCode::InvalidFormat)
        );
        assert_eq!(
            check("1990-02-29", DateOrder::Iso),
            Err(ErrorCode::InvalidDate)
        );
        assert_eq!(
            check("2026-01-02", DateOrder::Iso),
            Err(ErrorCode::FutureDate)
        );
        assert_eq!(
            check("2008-01-02", DateOrder::Iso),
            Err(ErrorCode::TooYoung)
        );
        assert_eq!(check("2008-01-01", DateOrder::Iso).unwrap(), "2008-01-01");
        assert_eq!(check("1905-01-01", DateOrder::Iso), Err(ErrorCode::TooOld));
        assert_eq!(check("1905-01-02", DateOrder::Iso).unwrap(), "1905-01-02");
        assert_eq!(check("", DateOrder::Iso), Err(ErrorCode::Required));
    }

    /// Regression: age limits above i32::MAX were cast with `as i32` and wrapped negative,
    /// so `min_age: 4294967295` let every adult through and `max_age` rejected everyone.
    #[test]
    fn age_limits_above_i32_do_not_wrap() {
        let date = Date::parse_iso("1990-01-31").unwrap();
        let mut r = rules(DateOrder::Iso);
        r.min_age = u32::MAX;
        assert_eq!(
            check_age(date, &r).map_err(|e| e.code),
            Err(ErrorCode::TooYoung)
        );
        r.min_age = 0;
        r.max_age = u32::MAX;
        assert!(check_age(date, &r).is_ok());
    }
}
