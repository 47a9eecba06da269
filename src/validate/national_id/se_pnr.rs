//! Swedish personal identity number (personnummer) and coordination number
//! (samordningsnummer): `YYMMDD-NNNC`, `YYMMDD+NNNC` (age 100 or more) or `YYYYMMDDNNNC`;
//! Luhn over the last 10 digits; the second-to-last digit is odd for men; coordination
//! numbers add 60 to the day (Skatteverket SKV 704, "Personnummer"; SKV 707,
//! "Samordningsnummer").
//!
//! `value` is the unambiguous 12-digit form `YYYYMMDDNNNC` (Skatteverket's recommended
//! storage form); `formatted` the 10-digit form with `-` or `+`.

use super::{
    birth_date, check_chars, compact_with, err, fold_id, ok, pivot_year, sex_from_parity, two,
    with_person, FormatInfo, REFERENCE_YEAR,
};
use crate::validate::checksum::luhn;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "se_pnr",
    country: "SE",
    name: "Personnummer / samordningsnummer",
    standard: "Skatteverket SKV 704 (personnummer) and SKV 707 (samordningsnummer); Luhn",
    validate,
    compact,
    format,
};

// `-` and `+` carry meaning (age under / over 100), so they are kept.
const DROP: &[u8] = b" .";

/// Digits with the `-`/`+` separator as typed.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `YYMMDD-NNNC` (or `+` from age 100); the input unchanged if it does not validate.
pub fn format(input: &str) -> String {
    match validate(input) {
        Ok(n) => n.formatted.unwrap_or(n.value),
        Err(_) => compact(input),
    }
}

/// Validates a personnummer or samordningsnummer.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c == '-' || c == '+',
        "a personnummer has digits and a - or + separator only",
    )?;
    let digit_count = n.bytes().filter(u8::is_ascii_digit).count();
    if digit_count != 10 && digit_count != 12 {
        return Err(err(
            ErrorCode::InvalidLength,
            "a personnummer has 10 digits (YYMMDD-NNNC) or 12 (YYYYMMDDNNNC)",
        ));
    }
    // The separator, if any, sits before the last four digits.
    let (digits, plus) = match n.len().checked_sub(5).map(|i| (i, n.as_bytes()[i])) {
        Some((i, sep @ (b'-' | b'+'))) => (format!("{}{}", &n[..i], &n[i + 1..]), sep == b'+'),
        _ => (n.clone(), false),
    };
    if digits.len() != digit_count {
        return Err(err(
            ErrorCode::InvalidFormat,
            "only one - or + separator, before the last four digits",
        ));
    }
    let short = &digits[digits.len() - 10..];
    let year = if digits.len() == 12 {
        super::number_of(&digits[..4]) as u32
    } else {
        let y = pivot_year(two(short, 0));
        if plus {
            y - 100
        } else {
            y
        }
    };
    let mut day = two(short, 4);
    let kind = if day > 60 {
        day -= 60;
        "samordningsnummer"
    } else {
        "personnummer"
    };
    let born = birth_date(year, two(short, 2), day)?;
    if !luhn::is_valid(short) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digit does not verify (Luhn)",
        ));
    }
    let sep = if REFERENCE_YEAR.saturating_sub(year) >= 100 {
        '+'
    } else {
        '-'
    };
    let formatted = format!("{}{sep}{}", &short[..6], &short[6..]);
    let sex = sex_from_parity(super::digits_of(&short[8..9])[0]);
    let value = format!("{year:04}{}", &short[2..]);
    let out = ok(INFO.id, value, Some(formatted)).with_detail("kind", kind);
    Ok(with_person(out, Some(born), Some(sex)))
}
