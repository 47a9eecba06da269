//! Indian Aadhaar number (UIDAI), 12 digits, first digit 2-9, last digit a Verhoeff check
//! digit (UIDAI, "Aadhaar Number – Structure"; Aadhaar (Enrolment and Update) Regulations
//! 2016). UIDAI also excludes palindromic numbers.

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::verhoeff;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "in_aadhaar",
    country: "IN",
    name: "Aadhaar number",
    standard: "UIDAI Aadhaar number structure; Verhoeff check digit",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `2341 2341 2346`, as printed on the Aadhaar letter and card.
pub fn format(input: &str) -> String {
    super::group(compact(input), "#### #### ####")
}

/// Validates an Aadhaar number.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit(),
        "an Aadhaar number has digits only",
    )?;
    check_len(&n, &[12], "an Aadhaar number has 12 digits")?;
    if n.starts_with(['0', '1']) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "an Aadhaar number does not start with 0 or 1",
        ));
    }
    if n.bytes().eq(n.bytes().rev()) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "palindromic Aadhaar numbers are not issued",
        ));
    }
    if !verhoeff::is_valid(&n) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digit does not verify (Verhoeff)",
        ));
    }
    let formatted = format(&n);
    Ok(ok(INFO.id, n, Some(formatted)))
}
