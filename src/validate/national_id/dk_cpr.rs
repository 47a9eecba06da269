//! Danish civil registration number (CPR-nummer), `DDMMYY-SSSS`. The mod-11 check was
//! abandoned in October 2007 (numbers without it are issued), so only the date is
//! validated; the first serial digit with the year fixes the century, and the last digit is
//! odd for men (CPR-kontoret, "Personnummeret i CPR-systemet", 2008).

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, sex_from_parity, two,
    with_person, FormatInfo,
};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "dk_cpr",
    country: "DK",
    name: "CPR-nummer",
    standard: "CPR-kontoret: Personnummeret i CPR-systemet (2008); no check digit since 2007",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `DDMMYY-SSSS`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "######-####")
}

/// Validates a CPR number (date and century only).
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "a CPR number has digits only")?;
    check_len(&n, &[10], "a CPR number has 10 digits")?;
    let yy = two(&n, 4);
    let d = super::digits_of(&n);
    // CPR-kontoret's century table: 7th digit and two-digit year.
    let century = match (d[6], yy) {
        (0..=3, _) => 1900,
        (4 | 9, 0..=36) => 2000,
        (4 | 9, _) => 1900,
        (5..=8, 0..=57) => 2000,
        (5..=8, _) => 1800,
        _ => return Err(err(ErrorCode::InvalidFormat, "not a CPR number")),
    };
    let born = birth_date(century + yy, two(&n, 2), two(&n, 0))?;
    let formatted = format(&n);
    let sex = sex_from_parity(d[9]);
    Ok(with_person(
        ok(INFO.id, n, Some(formatted)),
        Some(born),
        Some(sex),
    ))
}
