//! South African identity number, 13 digits `YYMMDD SSSS C A Z`: birth date, sequence
//! (0000-4999 female, 5000-9999 male), citizenship (0 citizen, 1 permanent resident), a
//! formerly racial digit now always 8 or 9, and a Luhn check digit (Identification Act 68
//! of 1997; Department of Home Affairs).

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, pivot_year, two,
    with_person, FormatInfo,
};
use crate::validate::checksum::luhn;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "za_id",
    country: "ZA",
    name: "South African identity number",
    standard: "Identification Act 68 of 1997 (Department of Home Affairs); Luhn",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `750330 5044 08 9`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "###### #### ## #")
}

/// Validates an identity number.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "an ID number has digits only")?;
    check_len(&n, &[13], "an ID number has 13 digits")?;
    let d = super::digits_of(&n);
    let citizenship = match d[10] {
        0 => "citizen",
        1 => "permanent_resident",
        _ => {
            return Err(err(
                ErrorCode::InvalidFormat,
                "the 11th digit (citizenship) must be 0 or 1",
            ))
        }
    };
    let born = birth_date(pivot_year(two(&n, 0)), two(&n, 2), two(&n, 4))?;
    if !luhn::is_valid(&n) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digit does not verify (Luhn)",
        ));
    }
    let sex = if d[6] >= 5 { 'M' } else { 'F' };
    let formatted = format(&n);
    let out = ok(INFO.id, n, Some(formatted)).with_detail("citizenship", citizenship);
    Ok(with_person(out, Some(born), Some(sex)))
}
