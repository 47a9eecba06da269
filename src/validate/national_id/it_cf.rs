//! Italian fiscal code of natural persons (codice fiscale), 16 characters: surname (3),
//! name (3), birth year (2), month letter, day (+40 for women), place code (4), check
//! letter. Decreto Ministeriale 23 dicembre 1976 (Ministero delle Finanze): odd positions
//! use the "caratteri dispari" table, even positions their plain value, check letter =
//! sum mod 26. Digits may be replaced by the letters LMNPQRSTUV (omocodia) to resolve
//! collisions.

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, pivot_year, with_person,
    FormatInfo,
};
use crate::validate::error::{ErrorCode, FieldResult};
use crate::validate::text::quote_char;

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "it_cf",
    country: "IT",
    name: "Codice fiscale (persone fisiche)",
    standard: "D.M. 23 dicembre 1976 (Ministero delle Finanze), codice fiscale check character",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Odd-position values for `0`-`9` then `A`-`Z` (D.M. 23/12/1976, "caratteri dispari").
const ODD: [u32; 36] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
    23, // A-Z
];

/// Month letters A..T for January..December.
const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";

/// Omocodia substitutes for the digits 0-9.
const OMOCODES: &[u8; 10] = b"LMNPQRSTUV";

/// Positions (0-based) that hold digits, or their omocodia letters.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed as one block: `RSSMRA85T10A562S`.
pub fn format(input: &str) -> String {
    compact(input)
}

/// The check letter for the first 15 characters (upper-case ASCII letters and digits).
fn check_letter(body: &[u8]) -> char {
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let index = if c.is_ascii_digit() {
                usize::from(c - b'0')
            } else {
                usize::from(c.wrapping_sub(b'A')) + 10
            };
            if i % 2 == 0 {
                ODD.get(index).copied().unwrap_or(0)
            } else if c.is_ascii_digit() {
                u32::from(c - b'0')
            } else {
                u32::from(c.wrapping_sub(b'A'))
            }
        })
        .sum();
    char::from(b'A' + (sum % 26) as u8)
}

/// A digit position's value, undoing omocodia.
fn digit_value(c: u8) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(u32::from(c - b'0'));
    }
    OMOCODES.iter().position(|&o| o == c).map(|p| p as u32)
}

/// Validates a codice fiscale.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_alphanumeric(),
        "a codice fiscale has letters and digits only",
    )?;
    check_len(&n, &[16], "a codice fiscale has 16 characters")?;
    let b = n.as_bytes();
    let letters_ok = [0, 1, 2, 3, 4, 5, 8, 11, 15]
        .iter()
        .all(|&i| b[i].is_ascii_uppercase());
    let digits: Option<Vec<u32>> = DIGIT_POSITIONS.iter().map(|&i| digit_value(b[i])).collect();
    let (Some(digits), true) = (digits, letters_ok) else {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a codice fiscale is 6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits and a check letter",
        ));
    };
    let month = MONTHS.iter().position(|&m| m == b[8]).map(|p| p as u32 + 1);
    let Some(month) = month else {
        return Err(err(
            ErrorCode::InvalidDate,
            format!(
                "{} is not a month letter (ABCDEHLMPRST)",
                quote_char(char::from(b[8]))
            ),
        ));
    };
    let year = pivot_year(digits[0] * 10 + digits[1]);
    let mut day = digits[2] * 10 + digits[3];
    let sex = if day > 40 {
        day -= 40;
        'F'
    } else {
        'M'
    };
    let born = birth_date(year, month, day)?;
    if check_letter(&b[..15]) != char::from(b[15]) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check letter does not verify",
        ));
    }
    let out = ok(INFO.id, n.clone(), Some(n));
    Ok(with_person(out, Some(born), Some(sex)))
}
