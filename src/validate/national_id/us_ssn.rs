//! US Social Security Number, `AAA-GG-SSSS`. No check digit: the Social Security
//! Administration never issues area 000, 666 or 900-999 (SSA "Social Security Number
//! Randomization", 2011), group 00 or serial 0000, and a few numbers were published and
//! voided (078-05-1120, the 1938 Woolworth wallet insert; 219-09-9999, an SSA pamphlet;
//! 457-55-5462, publicised in advertising).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "us_ssn",
    country: "US",
    name: "Social Security Number (SSN)",
    standard: "SSA Program Operations Manual RM 10201; SSN randomization (2011)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";
const VOIDED: &[&str] = &["078051120", "219099999", "457555462"];

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `AAA-GG-SSSS`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "###-##-####")
}

/// Validates an SSN.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "an SSN has digits only")?;
    check_len(&n, &[9], "an SSN has 9 digits")?;
    let (area, group, serial) = (&n[..3], &n[3..5], &n[5..]);
    if area == "000" || area == "666" || area.starts_with('9') {
        return Err(err(
            ErrorCode::InvalidFormat,
            format!("area number {area} is never issued"),
        ));
    }
    if group == "00" || serial == "0000" {
        return Err(err(
            ErrorCode::InvalidFormat,
            "group 00 and serial 0000 are never issued",
        ));
    }
    if VOIDED.contains(&n.as_str()) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a published sample number voided by the SSA",
        ));
    }
    let formatted = format!("{area}-{group}-{serial}");
    Ok(ok(INFO.id, n, Some(formatted)))
}
