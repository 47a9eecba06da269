//! Belgian national register number (rijksregisternummer / numéro de registre national),
//! 11 digits `YY.MM.DD-SSS.CC`: birth date, day counter (odd for men, even for women) and
//! check = 97 − (first 9 digits mod 97), computed over `2` + the 9 digits for births from
//! 2000 (Rijksregister, "Structuur van het rijksregisternummer"). BIS numbers (people not
//! in the register) add 20 (sex unknown) or 40 (sex known) to the month; a month or day of
//! 00 means the date is (partly) unknown.

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, sex_from_parity, two,
    with_person, FormatInfo,
};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "be_nn",
    country: "BE",
    name: "Rijksregisternummer / numéro de registre national (and BIS number)",
    standard: "Rijksregister: structure of the national number; check 97 - (n mod 97)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -./";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `85.07.30-033.28`, as printed on the Belgian eID card.
pub fn format(input: &str) -> String {
    super::group(compact(input), "##.##.##-###.##")
}

/// Validates a national number or BIS number.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit(),
        "a national number has digits only",
    )?;
    check_len(&n, &[11], "a national number has 11 digits")?;
    let first9 = super::number_of(&n[..9]);
    let check = super::number_of(&n[9..]);
    let century = if 97 - first9 % 97 == check {
        1900
    } else if 97 - (2_000_000_000 + first9) % 97 == check {
        2000
    } else {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digits do not verify (97 - n mod 97)",
        ));
    };
    let (mut month, day) = (two(&n, 2), two(&n, 4));
    let (kind, sex_known) = match month {
        20..=32 => {
            month -= 20;
            ("bis", false)
        }
        40..=52 => {
            month -= 40;
            ("bis", true)
        }
        _ => ("national_number", true),
    };
    if month > 12 || day > 31 {
        return Err(err(
            ErrorCode::InvalidDate,
            "the embedded birth month or day is out of range",
        ));
    }
    // Month or day 00: birth date (partly) unknown, allowed by the register.
    let born = if month > 0 && day > 0 {
        Some(birth_date(century + two(&n, 0), month, day)?)
    } else {
        None
    };
    let sex = sex_known.then(|| sex_from_parity(super::digits_of(&n[8..9])[0]));
    let formatted = format(&n);
    let out = ok(INFO.id, n, Some(formatted)).with_detail("kind", kind);
    Ok(with_person(out, born, sex))
}
