//! Chinese citizen identity number (公民身份号码, resident identity card), 18 characters:
//! address code (6, first two digits the province), birth date `YYYYMMDD`, sequence (3,
//! odd for men) and an ISO 7064 MOD 11-2 check character 0-9 or `X` (GB 11643-1999).
//! Province codes from GB/T 2260; 71, 81, 82 and 83 are used for Taiwan, Hong Kong and
//! Macao residents.

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, sex_from_parity, two,
    with_person, FormatInfo,
};
use crate::validate::checksum::iso7064;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "cn_ric",
    country: "CN",
    name: "Resident identity card number (公民身份号码)",
    standard: "GB 11643-1999; ISO/IEC 7064 MOD 11-2; province codes GB/T 2260",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed as one block.
pub fn format(input: &str) -> String {
    compact(input)
}

fn is_province(code: u32) -> bool {
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83)
}

/// Validates a resident identity number.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c == 'X',
        "a resident ID has digits and a final X only",
    )?;
    check_len(&n, &[18], "a resident ID has 18 characters")?;
    if !n[..17].bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "only the last character may be X",
        ));
    }
    if !is_province(two(&n, 0)) {
        return Err(err(
            ErrorCode::InvalidFormat,
            format!("{} is not a province code (GB/T 2260)", &n[..2]),
        ));
    }
    let year = super::number_of(&n[6..10]) as u32;
    let born = birth_date(year, two(&n, 10), two(&n, 12))?;
    if iso7064::mod_11_2_check_char(&n[..17]) != n[17..].chars().next() {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check character does not verify (ISO 7064 MOD 11-2)",
        ));
    }
    let sex = sex_from_parity(super::digits_of(&n[16..17])[0]);
    Ok(with_person(
        ok(INFO.id, n.clone(), Some(n)),
        Some(born),
        Some(sex),
    ))
}
