//! Irish Personal Public Service Number (PPSN), 7 digits, a check letter and optionally a
//! second letter: check = `WABCDEFGHIJKLMNOPQRSTUV`[(Σ digit·(8 − i) + 9·value(second))
//! mod 23], where the second letter counts (A = 1, B = 2, H = 8) only for the 2013 format;
//! the older suffixes W (married women), T and X are not part of the check (Department of
//! Social Protection; Revenue, "PPSN format from 2013").

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::weighted::weighted_sum;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "ie_pps",
    country: "IE",
    name: "Personal Public Service Number (PPSN)",
    standard: "Department of Social Protection PPSN; check letter mod 23 (2013 format)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";
const ALPHABET: &[u8; 23] = b"WABCDEFGHIJKLMNOPQRSTUV";

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed as one block.
pub fn format(input: &str) -> String {
    compact(input)
}

/// Validates a PPSN.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c.is_ascii_uppercase(),
        "a PPSN has digits and letters only",
    )?;
    check_len(&n, &[8, 9], "a PPSN has 7 digits and 1 or 2 letters")?;
    let b = n.as_bytes();
    let second = b.get(8).copied();
    let shape = b[..7].iter().all(u8::is_ascii_digit)
        && (b'A'..=b'W').contains(&b[7])
        && second.map_or(true, |c| b"ABHWTX".contains(&c));
    if !shape {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a PPSN is 7 digits, a check letter and optionally A, B, H, W, T or X",
        ));
    }
    let mut sum = weighted_sum(&super::digits_of(&n[..7]), &[8, 7, 6, 5, 4, 3, 2]);
    if let Some(c @ (b'A' | b'B' | b'H')) = second {
        sum += 9 * ALPHABET.iter().position(|&a| a == c).unwrap_or(0) as u32;
    }
    if ALPHABET[(sum % 23) as usize] != b[7] {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check letter does not verify (mod 23)",
        ));
    }
    Ok(ok(INFO.id, n.clone(), Some(n)))
}
