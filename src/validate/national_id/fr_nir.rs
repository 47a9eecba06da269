//! French social security number (NIR, numéro d'inscription au répertoire), 15 characters:
//! sex (1), birth year (2), birth month (2), department (2, `2A`/`2B` for Corsica), commune
//! (3), order number (3), key (2). INSEE: key = 97 − (first 13 digits mod 97), with 2A read
//! as 19 and 2B as 18 (decree 2020-1335 / INSEE "numéro d'inscription au répertoire").

use super::{check_chars, check_len, compact_with, err, fold_id, ok, with_person, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "fr_nir",
    country: "FR",
    name: "Numéro d'inscription au répertoire (NIR, social security number)",
    standard: "INSEE NIR structure; key = 97 - (NIR mod 97), Corsica 2A=19, 2B=18",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `2 95 10 99 126 111 93`.
pub fn format(input: &str) -> String {
    let c = compact(input);
    if !c.is_ascii() {
        return c;
    }
    super::group(c, "# ## ## ## ### ### ##")
}

/// Validates a NIR.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c == 'A' || c == 'B',
        "a NIR has digits (and 2A/2B for Corsica) only",
    )?;
    check_len(&n, &[15], "a NIR has 15 characters")?;
    let dept = &n[5..7];
    let corsica = match dept {
        "2A" => Some("19"),
        "2B" => Some("18"),
        _ => None,
    };
    let digits_elsewhere = n[..5]
        .bytes()
        .chain(n[7..].bytes())
        .all(|b| b.is_ascii_digit());
    if !digits_elsewhere || (corsica.is_none() && !dept.bytes().all(|b| b.is_ascii_digit())) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "only the department (positions 6-7) may be 2A or 2B",
        ));
    }
    // 1 and 2 are men and women; 3, 4, 7 and 8 are provisional numbers (foreign-born
    // people being registered) whose first digit is not a reliable sex marker.
    let sex = match n.as_bytes()[0] {
        b'1' => Some('M'),
        b'2' => Some('F'),
        b'3' | b'4' | b'7' | b'8' => None,
        _ => {
            return Err(err(
                ErrorCode::InvalidFormat,
                "the first digit (sex) must be 1, 2, 3, 4, 7 or 8",
            ))
        }
    };
    let body = format!("{}{}{}", &n[..5], corsica.unwrap_or(dept), &n[7..13]);
    let expected = 97 - super::number_of(&body) % 97;
    if super::number_of(&n[13..]) != expected {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the key does not verify (97 - NIR mod 97)",
        ));
    }
    let formatted = format(&n);
    Ok(with_person(ok(INFO.id, n, Some(formatted)), None, sex))
}
