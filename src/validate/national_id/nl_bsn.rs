//! Dutch citizen service number (burgerservicenummer, BSN), 9 digits (8-digit numbers are
//! padded with a leading zero). "Elfproef": 9·d1 + 8·d2 + ... + 2·d8 − d9 ≡ 0 (mod 11)
//! (Wet algemene bepalingen burgerservicenummer; Logius BSN specification).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::weighted::weighted_sum;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "nl_bsn",
    country: "NL",
    name: "Burgerservicenummer (BSN)",
    standard: "Wet algemene bepalingen burgerservicenummer; elfproef (mod 11)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Nine digits (an 8-digit number gets its leading zero back).
pub fn compact(input: &str) -> String {
    let c = compact_with(input, DROP);
    if c.len() == 8 && c.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{c}")
    } else {
        c
    }
}

/// The BSN is printed as nine plain digits.
pub fn format(input: &str) -> String {
    compact(input)
}

/// Validates a BSN.
pub fn validate(input: &str) -> FieldResult {
    let mut n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "a BSN has digits only")?;
    check_len(&n, &[8, 9], "a BSN has 9 digits")?;
    if n.len() == 8 {
        n.insert(0, '0');
    }
    let d = super::digits_of(&n);
    if d.iter().all(|&x| x == 0) {
        return Err(err(ErrorCode::InvalidFormat, "000000000 is not a BSN"));
    }
    let sum = weighted_sum(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) + 11 * 10 - d[8];
    if sum % 11 != 0 {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the number fails the elfproef (mod 11)",
        ));
    }
    Ok(ok(INFO.id, n.clone(), Some(n)))
}
