//! Secondary evidence: birth date, country and entity type raise or lower a name score.
//!
//! Values (nomenklatura's logic uses the same magnitudes for conflicts):
//! - birth date: same full date +0.05; birth year within the listed year(s) +0.02; same
//!   year but a different full date -0.10; year outside every listed year -0.15, or -0.25
//!   when both sides state full dates. People only; nothing when either side has no date.
//! - country (ISO alpha-2): among the entity's nationalities or address countries +0.03,
//!   otherwise -0.10 (only when the entity has at least one alpha-2 country).
//! - entity type: a stated type different from the listed one -0.20.
//!
//! [`max_bonus`] is the most the evidence of a query can add; the candidate index
//! lowers its threshold by it so that evidence never lifts a name the index skipped.

use crate::model::{BirthDate, Entity, EntityType, PartialDate};
use crate::screen::explain::{Adjustment, AdjustmentCode};

/// Full date of birth match.
pub const DOB_EXACT_BONUS: f64 = 0.05;
/// Birth year match.
pub const DOB_YEAR_BONUS: f64 = 0.02;
/// Same year, different full date.
pub const DOB_DAY_CONFLICT: f64 = -0.10;
/// Birth year conflict.
pub const DOB_YEAR_CONFLICT: f64 = -0.15;
/// Birth year conflict when both sides state full dates.
pub const DOB_FULL_CONFLICT: f64 = -0.25;
/// Country match.
pub const COUNTRY_BONUS: f64 = 0.03;
/// Country conflict.
pub const COUNTRY_CONFLICT: f64 = -0.10;
/// Entity type conflict.
pub const TYPE_CONFLICT: f64 = -0.20;
/// Weak alias penalty.
pub const WEAK_ALIAS: f64 = -0.05;

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date); `None` otherwise.
pub fn parse_birth_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Option<u32> {
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    let year = num(parts.first()?, 4)?;
    if !(1800..=2200).contains(&year) {
        return None;
    }
    let month = match parts.get(1) {
        Some(p) => Some(num(p, 2).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.get(2) {
        Some(p) => {
            let d = num(p, 2)?;
            let m = month?;
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let max = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=max).contains(&d) {
                return None;
            }
            Some(d)
        }
        None => None,
    };
    if parts.len() > 3 {
        return None;
    }
    Some(PartialDate {
        year: year as u16,
        month: month.map(|m| m as u8),
        day: day.map(|d| d as u8),
    })
}

/// Parses an ISO 3166-1 alpha-2 code (any case); `None` otherwise.
pub fn parse_country(s: &str) -> Option<String> {
    let t = s.trim();
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        Some(t.to_ascii_uppercase())
    } else {
        None
    }
}

fn is_full(d: &PartialDate) -> bool {
    d.month.is_some() && d.day.is_some()
}

fn fmt_date(d: &PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{:04}-{:02}-{:02}", d.year, m, day),
        (Some(m), None) => format!("{:04}-{:02}", d.year, m),
        _ => format!("{:04}", d.year),
    }
}

fn fmt_birth(b: &BirthDate) -> String {
    match b {
        BirthDate::Date { date } => fmt_date(date),
        BirthDate::Range { from, to } => format!("{}..{}", fmt_date(from), fmt_date(to)),
    }
}

/// The most the evidence in a query can add to a score.
pub fn max_bonus(dob: Option<&PartialDate>, country: Option<&str>) -> f64 {
    let mut b = 0.0;
    if dob.is_some() {
        b += DOB_EXACT_BONUS;
    }
    if country.is_some() {
        b += COUNTRY_BONUS;
    }
    b
}

/// The adjustments the evidence of a query makes for `entity`, in a fixed order.
pub fn adjustments(
    entity: &Entity,
    dob: Option<&PartialDate>,
    country: Option<&str>,
    entity_type: Option<EntityType>,
) -> Vec<Adjustment> {
    let mut out = Vec::new();
    if let Some(q) = dob {
        if entity.entity_type == EntityType::Person && !entity.birth_dates.is_empty() {
            out.push(birth_adjustment(q, &entity.birth_dates));
        }
    }
    if let Some(c) = country {
        let mut codes: Vec<&str> = entity
            .nationalities
            .iter()
            .chain(&entity.address_countries)
            .map(|s| s.as_str())
            .filter(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
            .collect();
        crate::sort::sort(&mut codes);
        codes.dedup();
        if !codes.is_empty() {
            if codes.contains(&c) {
                out.push(Adjustment {
                    code: AdjustmentCode::CountryMatch,
                    delta: COUNTRY_BONUS,
                    detail: format!("{c} is listed"),
                });
            } else {
                out.push(Adjustment {
                    code: AdjustmentCode::CountryConflict,
                    delta: COUNTRY_CONFLICT,
                    detail: format!("{c} not in listed countries {}", codes.join(", ")),
                });
            }
        }
    }
    if let Some(t) = entity_type {
        if t != entity.entity_type {
            out.push(Adjustment {
                code: AdjustmentCode::EntityTypeConflict,
                delta: TYPE_CONFLICT,
                detail: format!(
                    "query is a {}, listed entity is a {}",
                    t.code(),
                    entity.entity_type.code()
                ),
            });
        }
    }
    out
}

fn birth_adjustment(q: &PartialDate, listed: &[BirthDate]) -> Adjustment {
    let listed_text = listed.iter().map(fmt_birth).collect::<Vec<_>>().join(", ");
    let exact = is_full(q)
        && listed.iter().any(|b| match b {
            BirthDate::Date { date } => is_full(date) && date == q,
            BirthDate::Range { .. } => false,
        });
    if exact {
        return Adjustment {
            code: AdjustmentCode::BirthDateMatch,
            delta: DOB_EXACT_BONUS,
            detail: format!("{} listed", fmt_date(q)),
        };
    }
    let covering: Vec<&BirthDate> = listed
        .iter()
        .filter(|b| {
            let (from, to) = b.year_range();
            (from..=to).contains(&q.year)
        })
        .collect();
    if !covering.is_empty() {
        // Same year; a conflict only if both sides state full dates that differ.
        let all_full_different = is_full(q)
            && covering.iter().all(|b| match b {
                BirthDate::Date { date } => is_full(date) && date != q,
                BirthDate::Range { .. } => false,
            });
        if all_full_different {
            return Adjustment {
                code: AdjustmentCode::BirthDateConflict,
                delta: DOB_DAY_CONFLICT,
                detail: format!("{} vs listed {}", fmt_date(q), listed_text),
            };
        }
        return Adjustment {
            code: AdjustmentCode::BirthYearMatch,
            delta: DOB_YEAR_BONUS,
            detail: format!("{} within listed {}", q.year, listed_text),
        };
    }
    let both_full = is_full(q)
        && listed
            .iter()
            .any(|b| matches!(b, BirthDate::Date { date } if is_full(date)));
    Adjustment {
        code: AdjustmentCode::BirthYearConflict,
        delta: if both_full {
            DOB_FULL_CONFLICT
        } else {
            DOB_YEAR_CONFLICT
        },
        detail: format!("{} vs listed {}", fmt_date(q), listed_text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceList;

    fn pd(y: u16, m: Option<u8>, d: Option<u8>) -> PartialDate {
        PartialDate {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn parses_dates() {
        assert_eq!(parse_birth_date("1942"), Some(pd(1942, None, None)));
        assert_eq!(
            parse_birth_date("1942-06-07"),
            Some(pd(1942, Some(6), Some(7)))
        );
        assert_eq!(parse_birth_date("2001-02-29"), None);
        assert_eq!(
            parse_birth_date("2000-02-29"),
            Some(pd(2000, Some(2), Some(29)))
        );
        assert_eq!(parse_birth_date("07/06/1942"), None);
        assert_eq!(parse_birth_date("1942-6-7"), None);
        assert_eq!(parse_country(" ly "), Some("LY".into()));
        assert_eq!(parse_country("LBY"), None);
    }

    #[test]
    fn birth_evidence() {
        let mut e = Entity::new(SourceList::OfacSdn, "1", EntityType::Person, "X");
        e.birth_dates.push(BirthDate::Date {
            date: pd(1942, Some(6), Some(7)),
        });
        let a = |e: &Entity, q: PartialDate| adjustments(e, Some(&q), None, None)[0].clone();
        assert_eq!(
            a(&e, pd(1942, Some(6), Some(7))).code,
            AdjustmentCode::BirthDateMatch
        );
        assert_eq!(
            a(&e, pd(1942, None, None)).code,
            AdjustmentCode::BirthYearMatch
        );
        assert_eq!(
            a(&e, pd(1942, Some(1), Some(1))).code,
            AdjustmentCode::BirthDateConflict
        );
        assert_eq!(a(&e, pd(1950, Some(1), Some(1))).delta, DOB_FULL_CONFLICT);
        assert_eq!(a(&e, pd(1950, None, None)).delta, DOB_YEAR_CONFLICT);
        e.birth_dates = vec![BirthDate::Range {
            from: pd(1940, None, None),
            to: pd(1945, None, None),
        }];
        assert_eq!(
            a(&e, pd(1942, Some(6), Some(7))).code,
            AdjustmentCode::BirthYearMatch
        );
    }

    #[test]
    fn country_and_type_evidence() {
        let mut e = Entity::new(SourceList::OfacSdn, "1", EntityType::Person, "X");
        assert!(adjustments(&e, None, Some("LY"), None).is_empty());
        e.nationalities.push("LY".into());
        assert_eq!(
            adjustments(&e, None, Some("LY"), None)[0].code,
            AdjustmentCode::CountryMatch
        );
        assert_eq!(
            adjustments(&e, None, Some("FR"), None)[0].code,
            AdjustmentCode::CountryConflict
        );
        assert_eq!(
            adjustments(&e, None, None, Some(EntityType::Vessel))[0].code,
            AdjustmentCode::EntityTypeConflict
        );
    }
}
