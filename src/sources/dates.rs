//! Birth-date and listing-date parsing shared by the list parsers.
//!
//! The lists write dates in many ways: OFAC `10 Dec 1948`, `circa 1951`, `1960 to 1962`;
//! UN `1955-07-01` or a bare year or a FROM_YEAR/TO_YEAR pair; OFSI `dd/mm/yyyy` with `00`
//! for unknown parts; FCDO `dd-mm-yyyy`; EU legacy free text such as `1957 (approximative)`.
//! Everything returns `None` rather than guessing when the text is not a date.

use crate::model::{BirthDate, PartialDate};

/// Years outside this window are treated as typos, not dates.
const MIN_YEAR: u16 = 1800;
const MAX_YEAR: u16 = 2100;

/// Month number from an English month name or its 3-letter abbreviation.
pub fn month_from_name(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let position = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // Reject things like "Mayor": the rest must be the rest of the full month name.
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let full = FULL[position];
    if full.starts_with(&lower) || lower == "sept" {
        Some(position as u8 + 1)
    } else {
        None
    }
}

/// A partial date from numbers, `0` meaning unknown; `None` when out of range.
pub fn partial(year: u16, month: u8, day: u8) -> Option<PartialDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) || month > 12 || day > 31 {
        return None;
    }
    let month = (month != 0).then_some(month);
    // A day without a month says nothing useful.
    let day = if month.is_some() && day != 0 {
        Some(day)
    } else {
        None
    };
    Some(PartialDate { year, month, day })
}

fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A year written alone (`1958`).
pub fn year(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    if text.len() != 4 {
        return None;
    }
    partial(number(text)?, 0, 0)
}

/// ISO 8601 `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a time part after `T` is ignored).
pub fn iso(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    let date = text.split('T').next().unwrap_or(text);
    let mut parts = date.split('-');
    let y = parts.next()?;
    if y.len() != 4 {
        return None;
    }
    let m = parts.next().map(number::<u8>).unwrap_or(Some(0))?;
    let d = parts.next().map(number::<u8>).unwrap_or(Some(0))?;
    if parts.next().is_some() {
        return None;
    }
    partial(number(y)?, m, d)
}

/// Day-month-year with a separator (`/` OFSI, `-` FCDO, `.`), `00`/`0` for unknown parts.
pub fn dmy(text: &str, separator: char) -> Option<PartialDate> {
    let mut parts = text.trim().split(separator);
    let d = number::<u8>(parts.next()?.trim())?;
    let m = number::<u8>(parts.next()?.trim())?;
    let y = parts.next()?.trim();
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    partial(number(y)?, m, d)
}

/// The listing-date form used in provenance: ISO `YYYY-MM-DD` from a partial date with all
/// parts known, else `None`.
pub fn to_iso(date: PartialDate) -> Option<String> {
    Some(format!(
        "{:04}-{:02}-{:02}",
        date.year, date.month?, date.day?
    ))
}

/// A single date in any of the written forms: `10 Dec 1948`, `Dec 1948`, `December 10,
/// 1948`, `1948-12-10`, `10/12/1948`, `10.12.1948`, `1948`.
pub fn single(text: &str) -> Option<PartialDate> {
    let text = text.trim().trim_end_matches('.').trim();
    if let Some(date) = iso(text) {
        return Some(date);
    }
    for separator in ['/', '.', '-'] {
        if text.contains(separator) {
            if let Some(date) = dmy(text, separator) {
                return Some(date);
            }
        }
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [y] if !y.contains(['-', '/']) => year(y),
        [m, y] => partial(number(y)?, month_from_name(m)?, 0).filter(|_| y.len() == 4),
        [d, m, y] if number::<u8>(d).is_some() => {
            partial(number(y)?, month_from_name(m)?, number(d)?).filter(|_| y.len() == 4)
        }
        [m, d, y] => partial(number(y)?, month_from_name(m)?, number(d)?).filter(|_| y.len() == 4),
        // "23-Sep-2026", "23/Sep/2026": try again with the separators as spaces.
        [one] if one.contains(['-', '/']) => single(&one.replace(['-', '/'], " ")),
        _ => None,
    }
}

/// "circa" widens a date to the years either side: the lists use it for "we are not sure
/// of the year", and a screener comparing birth years must not call such a date a conflict.
fn widen(date: PartialDate) -> BirthDate {
    BirthDate::Range {
        from: PartialDate {
            year: date.year.saturating_sub(1).max(MIN_YEAR),
            month: None,
            day: None,
        },
        to: PartialDate {
            year: (date.year + 1).min(MAX_YEAR),
            month: None,
            day: None,
        },
    }
}

/// A birth date written as free text: a single date, `circa X`, `approximately X`,
/// `X (approximative)`, `X to Y`, `between X and Y`, `X-Y` (years). `None` when nothing
/// date-like is found.
pub fn birth_date(text: &str) -> Option<BirthDate> {
    let text = text.trim().trim_end_matches('.').trim();
    let lower = text.to_ascii_lowercase();
    let mut approximate = false;
    let mut body: &str = text;
    for prefix in [
        "circa ",
        "approximately ",
        "approx. ",
        "approx ",
        "about ",
        "ca. ",
        "c. ",
    ] {
        if lower.starts_with(prefix) {
            approximate = true;
            body = text.get(prefix.len()..).unwrap_or("");
            break;
        }
    }
    let body_lower = body.to_ascii_lowercase();
    for suffix in [
        "(approximative)",
        "(approximately)",
        "(approx.)",
        "(approx)",
        "(circa)",
    ] {
        if body_lower.ends_with(suffix) {
            approximate = true;
            body = body.get(..body.len() - suffix.len()).unwrap_or("").trim();
            break;
        }
    }
    let body_lower = body.to_ascii_lowercase();
    if let Some(rest) = body_lower.strip_prefix("between ") {
        if let Some((a, b)) = rest.split_once(" and ") {
            let start = "between ".len();
            let a = body.get(start..start + a.len()).unwrap_or("");
            let b = body.get(body.len() - b.len()..).unwrap_or("");
            return range(a, b, approximate);
        }
    }
    if let Some((a, b)) = body_lower.split_once(" to ") {
        let a = body.get(..a.len()).unwrap_or("");
        let b = body.get(body.len() - b.len()..).unwrap_or("");
        return range(a, b, approximate);
    }
    // "1951-1953" (two bare years) is a range; "1951-03-02" is ISO and handled by `single`.
    if let Some((a, b)) = body.split_once('-') {
        if let (Some(from), Some(to)) = (year(a), year(b)) {
            return ordered(from, to, approximate);
        }
    }
    let date = single(body)?;
    Some(if approximate {
        widen(date)
    } else {
        BirthDate::Date { date }
    })
}

fn range(a: &str, b: &str, approximate: bool) -> Option<BirthDate> {
    ordered(single(a)?, single(b)?, approximate)
}

fn ordered(from: PartialDate, to: PartialDate, approximate: bool) -> Option<BirthDate> {
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    if approximate {
        let (
            BirthDate::Range {
                from: wide_from, ..
            },
            BirthDate::Range { to: wide_to, .. },
        ) = (widen(from), widen(to))
        else {
            return None;
        };
        return Some(BirthDate::Range {
            from: wide_from,
            to: wide_to,
        });
    }
    Some(BirthDate::Range { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: Option<u8>, day: Option<u8>) -> PartialDate {
        PartialDate { year, month, day }
    }

    #[test]
    fn ofac_forms() {
        assert_eq!(
            birth_date("10 Dec 1948"),
            Some(BirthDate::Date {
                date: d(1948, Some(12), Some(10))
            })
        );
        assert_eq!(
            birth_date("Dec 1948"),
            Some(BirthDate::Date {
                date: d(1948, Some(12), None)
            })
        );
        assert_eq!(
            birth_date("1948"),
            Some(BirthDate::Date {
                date: d(1948, None, None)
            })
        );
        assert_eq!(
            birth_date("circa 1958"),
            Some(BirthDate::Range {
                from: d(1957, None, None),
                to: d(1959, None, None)
            })
        );
        assert_eq!(
            birth_date("1960 to 1962"),
            Some(BirthDate::Range {
                from: d(1960, None, None),
                to: d(1962, None, None)
            })
        );
        assert_eq!(
            birth_date("01 Jan 1960 to 31 Dec 1962"),
            Some(BirthDate::Range {
                from: d(1960, Some(1), Some(1)),
                to: d(1962, Some(12), Some(31))
            })
        );
        assert_eq!(
            birth_date("circa 1951-1953"),
            Some(BirthDate::Range {
                from: d(1950, None, None),
                to: d(1954, None, None)
            })
        );
    }

    #[test]
    fn other_forms() {
        assert_eq!(
            birth_date("Between 1955 and 1958"),
            Some(BirthDate::Range {
                from: d(1955, None, None),
                to: d(1958, None, None)
            })
        );
        assert_eq!(
            birth_date("1957 (approximative)"),
            Some(BirthDate::Range {
                from: d(1956, None, None),
                to: d(1958, None, None)
            })
        );
        assert_eq!(dmy("00/00/1960", '/'), Some(d(1960, None, None)));
        assert_eq!(dmy("00/05/1960", '/'), Some(d(1960, Some(5), None)));
        assert_eq!(dmy("13-04-1971", '-'), Some(d(1971, Some(4), Some(13))));
        assert_eq!(iso("1955-07-01"), Some(d(1955, Some(7), Some(1))));
        assert_eq!(
            iso("2026-02-27T00:00:09.554Z"),
            Some(d(2026, Some(2), Some(27)))
        );
        assert_eq!(
            single("December 10, 1948"),
            Some(d(1948, Some(12), Some(10)))
        );
    }

    #[test]
    fn rejects_non_dates() {
        for text in [
            "",
            "unknown",
            "19",
            "Mayor 1960",
            "1960 to",
            "32/13/1960",
            "0999",
            "99999",
        ] {
            assert_eq!(birth_date(text), None, "{text}");
        }
    }
}
