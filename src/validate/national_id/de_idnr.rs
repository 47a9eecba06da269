//! German tax identification number (Steuerliche Identifikationsnummer, IdNr), 11 digits.
//! Rules from the Bundeszentralamt für Steuern specification (§139b AO): the first digit is
//! not 0; among the first ten digits exactly one digit occurs twice or three times (three
//! times not in direct succession), the others at most once; the eleventh digit is the ISO
//! 7064 MOD 11,10 check digit.

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::iso7064;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "de_idnr",
    country: "DE",
    name: "Steuerliche Identifikationsnummer (IdNr)",
    standard: "§139b Abgabenordnung; BZSt IdNr specification; ISO/IEC 7064 MOD 11,10",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -./";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `12 345 678 901`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "## ### ### ###")
}

/// Validates an IdNr.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "an IdNr has digits only")?;
    check_len(&n, &[11], "an IdNr has 11 digits")?;
    let b = n.as_bytes();
    if b[0] == b'0' {
        return Err(err(
            ErrorCode::InvalidFormat,
            "an IdNr does not start with 0",
        ));
    }
    let mut counts = [0u8; 10];
    for &d in &b[..10] {
        counts[usize::from(d - b'0')] += 1;
    }
    let repeated: Vec<usize> = (0..10).filter(|&d| counts[d] > 1).collect();
    let triple_in_a_row = b[..10].windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    let distribution_ok = match repeated.as_slice() {
        [d] => counts[*d] == 2 || (counts[*d] == 3 && !triple_in_a_row),
        _ => false,
    };
    if !distribution_ok {
        return Err(err(
            ErrorCode::InvalidFormat,
            "exactly one digit must occur twice or three times in the first ten digits",
        ));
    }
    if !iso7064::mod_11_10_is_valid(&n) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digit does not verify (ISO 7064 MOD 11,10)",
        ));
    }
    let formatted = format(&n);
    Ok(ok(INFO.id, n, Some(formatted)))
}
