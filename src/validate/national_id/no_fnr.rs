//! Norwegian national identity number (fødselsnummer) and D-number, 11 digits
//! `DDMMYYIIIKK`: birth date (D-numbers add 4 to the first day digit, H-numbers 4 to the
//! first month digit), individual number whose range fixes the century and whose last digit
//! is odd for men, and two mod-11 check digits with weights 3,7,6,1,8,9,4,5,2 and
//! 5,4,3,2,7,6,5,4,3,2 (Skatteetaten / Folkeregisteret, "Fødselsnummer").

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, sex_from_parity, two,
    with_person, FormatInfo,
};
use crate::validate::checksum::weighted::weighted_sum;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "no_fnr",
    country: "NO",
    name: "Fødselsnummer / D-nummer",
    standard: "Folkeregisteret (Skatteetaten) fødselsnummer: two mod-11 check digits",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `DDMMYY IIIKK`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "###### #####")
}

/// The mod-11 check digit for `weights`, or `None` when the remainder makes it 10
/// (such numbers are never issued).
fn check_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    match 11 - weighted_sum(digits, weights) % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    }
}

/// Validates a fødselsnummer or D-number.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit(),
        "a fødselsnummer has digits only",
    )?;
    check_len(&n, &[11], "a fødselsnummer has 11 digits")?;
    let (mut day, mut month, yy) = (two(&n, 0), two(&n, 2), two(&n, 4));
    let mut kind = "fodselsnummer";
    if day > 40 {
        day -= 40;
        kind = "d_number";
    }
    if month > 40 {
        month -= 40;
        kind = "h_number";
    }
    let individual = super::number_of(&n[6..9]) as u32;
    let century = match (individual, yy) {
        (0..=499, _) => 1900,
        (500..=749, 54..=99) => 1800,
        (500..=999, 0..=39) => 2000,
        (900..=999, 40..=99) => 1900,
        _ => {
            return Err(err(
                ErrorCode::InvalidFormat,
                format!("individual number {individual:03} is not used with birth year {yy:02}"),
            ))
        }
    };
    let born = birth_date(century + yy, month, day)?;
    let d = super::digits_of(&n);
    let k1 = check_digit(&d[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
    let k2 = check_digit(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    if k1 != Some(d[9]) || k2 != Some(d[10]) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digits do not verify (mod 11)",
        ));
    }
    let formatted = format(&n);
    let sex = sex_from_parity(d[8]);
    let out = ok(INFO.id, n, Some(formatted)).with_detail("kind", kind);
    Ok(with_person(out, Some(born), Some(sex)))
}
