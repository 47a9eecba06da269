//! Polish PESEL, 11 digits `YYMMDDZZZXQ`: birth date with the century in the month (+80 for
//! 1800s, +0 1900s, +20 2000s, +40 2100s, +60 2200s), serial, sex digit (odd = male) and a
//! check digit with weights 1,3,7,9,1,3,7,9,1,3: Q = (10 − sum mod 10) mod 10 (Ustawa o
//! ewidencji ludności, 2010; Ministerstwo Cyfryzacji PESEL specification).

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, sex_from_parity, two,
    with_person, FormatInfo,
};
use crate::validate::checksum::weighted::weighted_sum;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "pl_pesel",
    country: "PL",
    name: "PESEL",
    standard: "Ustawa o ewidencji ludności (2010); PESEL weights 1,3,7,9",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// PESEL is printed as 11 plain digits.
pub fn format(input: &str) -> String {
    compact(input)
}

/// Validates a PESEL.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "a PESEL has digits only")?;
    check_len(&n, &[11], "a PESEL has 11 digits")?;
    let encoded_month = two(&n, 2);
    let (century, month) = match encoded_month {
        81..=92 => (1800, encoded_month - 80),
        1..=12 => (1900, encoded_month),
        21..=32 => (2000, encoded_month - 20),
        41..=52 => (2100, encoded_month - 40),
        61..=72 => (2200, encoded_month - 60),
        _ => {
            return Err(err(
                ErrorCode::InvalidDate,
                format!("month field {encoded_month:02} is not a month in any century"),
            ))
        }
    };
    let born = birth_date(century + two(&n, 0), month, two(&n, 4))?;
    let d = super::digits_of(&n);
    let sum = weighted_sum(&d[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    if (10 - sum % 10) % 10 != d[10] {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digit does not verify",
        ));
    }
    let sex = sex_from_parity(d[9]);
    Ok(with_person(
        ok(INFO.id, n.clone(), Some(n)),
        Some(born),
        Some(sex),
    ))
}
