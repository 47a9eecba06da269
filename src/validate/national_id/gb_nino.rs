//! UK National Insurance number, `AA 99 99 99 A`. No check digit; HMRC National Insurance
//! Manual NIM39110: the first letter is not D, F, I, Q, U or V; the second is not D, F, I,
//! O, Q, U or V; the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated; the suffix
//! is A, B, C or D.

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "gb_nino",
    country: "GB",
    name: "National Insurance number (NINO)",
    standard: "HMRC National Insurance Manual NIM39110",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";
const UNUSED_PREFIXES: &[&str] = &["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

/// Upper case, no spaces.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `AB 12 34 56 C`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "## ## ## ## #")
}

/// Validates a NINO.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_alphanumeric(),
        "a NINO has letters and digits only",
    )?;
    check_len(&n, &[9], "a NINO has 9 characters (AA999999A)")?;
    let b = n.as_bytes();
    let shape = b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..8].iter().all(u8::is_ascii_digit)
        && (b'A'..=b'D').contains(&b[8]);
    if !shape {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a NINO is two letters, six digits and a suffix A-D",
        ));
    }
    if b"DFIQUV".contains(&b[0]) || b"DFIOQUV".contains(&b[1]) {
        return Err(err(
            ErrorCode::InvalidFormat,
            format!("prefix {} uses a letter HMRC never allocates", &n[..2]),
        ));
    }
    if UNUSED_PREFIXES.contains(&&n[..2]) {
        return Err(err(
            ErrorCode::InvalidFormat,
            format!("prefix {} is not allocated", &n[..2]),
        ));
    }
    let formatted = format(&n);
    Ok(ok(INFO.id, n, Some(formatted)))
}
