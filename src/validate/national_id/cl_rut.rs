//! Chilean tax and identity number (RUT / RUN, Rol Único Tributario), `12.345.678-5`: a
//! body of up to 8 digits and a check character: weights 2,3,4,5,6,7 repeating from the
//! right, 11 − (sum mod 11), where 11 is `0` and 10 is `K` (Servicio de Impuestos
//! Internos; Servicio de Registro Civil e Identificación).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "cl_rut",
    country: "CL",
    name: "Rol Único Tributario / Rol Único Nacional (RUT/RUN)",
    standard: "Servicio de Impuestos Internos (SII) RUT check digit, mod 11 (K = 10)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits and check character, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `12.531.909-2`.
pub fn format(input: &str) -> String {
    let c = compact(input);
    if c.len() < 2 || !c.is_ascii() {
        return c;
    }
    let (body, check) = c.split_at(c.len() - 1);
    let mut grouped = String::new();
    for (i, ch) in body.chars().enumerate() {
        if i > 0 && (body.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("{grouped}-{check}")
}

/// The check character for a digit body.
fn check_char(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .rev()
        .zip([2u32, 3, 4, 5, 6, 7].iter().cycle())
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    match 11 - sum % 11 {
        11 => '0',
        10 => 'K',
        d => char::from(b'0' + d as u8),
    }
}

/// Validates a RUT.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c == 'K',
        "a RUT has digits and a check character 0-9 or K only",
    )?;
    check_len(&n, &[8, 9], "a RUT has 7 or 8 digits and a check character")?;
    let (body, check) = n.split_at(n.len() - 1);
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "K may only be the check character",
        ));
    }
    if !check.starts_with(check_char(body)) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check character does not verify (mod 11)",
        ));
    }
    let formatted = format(&n);
    Ok(ok(INFO.id, n, Some(formatted)))
}
