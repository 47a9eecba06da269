//! Australian tax file number (TFN), 9 digits (older numbers 8): weighted sum ≡ 0 (mod 11)
//! with weights 1,4,3,7,5,8,6,9,10 for 9 digits and 10,7,8,4,6,3,5,1 for 8 digits
//! (Australian Taxation Office TFN algorithm, as supplied to software developers).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::weighted::weighted_sum;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "au_tfn",
    country: "AU",
    name: "Tax file number (TFN)",
    standard: "ATO TFN check algorithm (weighted sum mod 11)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `123 456 782` (8-digit: `123 456 78`).
pub fn format(input: &str) -> String {
    let c = compact(input);
    let template = if c.len() == 8 {
        "### ### ##"
    } else {
        "### ### ###"
    };
    super::group(c, template)
}

/// Validates a TFN.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "a TFN has digits only")?;
    check_len(&n, &[8, 9], "a TFN has 9 (older: 8) digits")?;
    let d = super::digits_of(&n);
    let weights: &[u32] = if d.len() == 9 {
        &[1, 4, 3, 7, 5, 8, 6, 9, 10]
    } else {
        &[10, 7, 8, 4, 6, 3, 5, 1]
    };
    if weighted_sum(&d, weights) % 11 != 0 {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the number does not verify (weighted sum mod 11)",
        ));
    }
    let formatted = format(&n);
    Ok(ok(INFO.id, n, Some(formatted)))
}
