//! Spanish foreigner identity number (NIE, número de identidad de extranjero): `X`, `Y` or
//! `Z`, 7 digits and a control letter; the prefix counts as 0, 1 or 2 and the letter is
//! computed as for the DNI (Orden INT/2058/2008; Ministerio del Interior).

use super::es_dni::control_letter;
use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "es_nie",
    country: "ES",
    name: "Número de Identidad de Extranjero (NIE)",
    standard: "Orden INT/2058/2008; X/Y/Z = 0/1/2, DNI control letter (mod 23)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed without separators: `X2482300W`.
pub fn format(input: &str) -> String {
    compact(input)
}

/// Validates a NIE.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_alphanumeric(),
        "a NIE has letters and digits only",
    )?;
    check_len(&n, &[9], "a NIE has 9 characters (X1234567L)")?;
    let prefix = match n.as_bytes()[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return Err(err(ErrorCode::InvalidFormat, "a NIE starts with X, Y or Z")),
    };
    let (digits, letter) = (&n[1..8], &n[8..]);
    if !digits.bytes().all(|b| b.is_ascii_digit())
        || !letter.bytes().all(|b| b.is_ascii_uppercase())
    {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a NIE is X/Y/Z, 7 digits and a letter",
        ));
    }
    let number = prefix * 10_000_000 + super::number_of(digits);
    if !letter.starts_with(control_letter(number)) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the control letter does not match the number (mod 23)",
        ));
    }
    Ok(ok(INFO.id, n.clone(), Some(n)))
}
