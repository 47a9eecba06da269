//! Canadian Social Insurance Number, 9 digits `NNN NNN NNN` with a Luhn check digit; the
//! first digit is the province of registration, never 0 or 8, and 9 marks temporary
//! residents (Employment and Social Development Canada, "Social Insurance Number – Code
//! of Practice"; Employment Insurance Act).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::luhn;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "ca_sin",
    country: "CA",
    name: "Social Insurance Number (SIN)",
    standard: "ESDC Social Insurance Number Code of Practice; Luhn",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `046 454 286`, as printed by Service Canada.
pub fn format(input: &str) -> String {
    super::group(compact(input), "### ### ###")
}

/// Validates a SIN.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "a SIN has digits only")?;
    check_len(&n, &[9], "a SIN has 9 digits")?;
    if n.starts_with(['0', '8']) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a SIN does not start with 0 or 8",
        ));
    }
    if !luhn::is_valid(&n) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digit does not verify (Luhn)",
        ));
    }
    let kind = if n.starts_with('9') {
        "temporary_resident"
    } else {
        "permanent"
    };
    let formatted = format(&n);
    Ok(ok(INFO.id, n, Some(formatted)).with_detail("kind", kind))
}
