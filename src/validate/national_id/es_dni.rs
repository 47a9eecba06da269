//! Spanish national identity document number (DNI / NIF of Spanish nationals): 8 digits
//! and a control letter, `TRWAGMYFPDXBNJZSQVHLCKE`[number mod 23] (Ministerio del
//! Interior, "Cálculo del dígito de control del NIF/NIE"; Real Decreto 1553/2005).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "es_dni",
    country: "ES",
    name: "Documento Nacional de Identidad (DNI)",
    standard: "Real Decreto 1553/2005; Ministerio del Interior control letter (mod 23)",
    validate,
    compact,
    format,
};

/// The control letters, indexed by number mod 23.
pub(crate) const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

const DROP: &[u8] = b" -.";

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Spain prints the DNI without separators: `12345678Z`.
pub fn format(input: &str) -> String {
    compact(input)
}

/// The control letter for a number.
pub(crate) fn control_letter(number: u64) -> char {
    char::from(LETTERS[(number % 23) as usize])
}

/// Validates a DNI.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_alphanumeric(),
        "a DNI has digits and a letter only",
    )?;
    check_len(&n, &[9], "a DNI has 8 digits and a letter")?;
    let (digits, letter) = n.split_at(8);
    if !digits.bytes().all(|b| b.is_ascii_digit())
        || !letter.bytes().all(|b| b.is_ascii_uppercase())
    {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a DNI is 8 digits followed by a letter",
        ));
    }
    if !letter.starts_with(control_letter(super::number_of(digits))) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the control letter does not match the number (mod 23)",
        ));
    }
    Ok(ok(INFO.id, n.clone(), Some(n)))
}
