//! Brazilian company taxpayer number (CNPJ), 14 characters `NN.NNN.NNN/NNNN-DD`: root (8),
//! establishment (4, `0001` = head office), two mod-11 check digits with weights
//! 5,4,3,2,9,8,7,6,5,4,3,2 and 6,5,4,3,2,9,8,7,6,5,4,3,2, a remainder below 2 giving 0.
//! From July 2026 the first 12 characters may be letters (Receita Federal, Instrução
//! Normativa RFB 2229/2024, "CNPJ alfanumérico"): each character counts as its ASCII code
//! minus 48, so digits keep their value and `A` = 17 ... `Z` = 42.

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::weighted::{mod11_complement_0_if_below_2, weighted_sum};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "br_cnpj",
    country: "BR",
    name: "Cadastro Nacional da Pessoa Jurídica (CNPJ, numeric and alphanumeric)",
    standard: "Receita Federal IN RFB 2229/2024 (alphanumeric CNPJ from July 2026); mod 11",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -./";
const W1: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const W2: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `12.ABC.345/01DE-35`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "##.###.###/####-##")
}

/// Validates a CNPJ (numeric or alphanumeric).
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c.is_ascii_uppercase(),
        "a CNPJ has digits and (from 2026) letters only",
    )?;
    check_len(&n, &[14], "a CNPJ has 14 characters")?;
    let b = n.as_bytes();
    if !b[12..].iter().all(u8::is_ascii_digit) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "the two check characters of a CNPJ are digits",
        ));
    }
    if b.iter().all(|&c| c == b[0]) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a CNPJ of one repeated character is never issued",
        ));
    }
    // ASCII code − 48: digits 0-9, letters A=17 ... Z=42.
    let v: Vec<u32> = b.iter().map(|&c| u32::from(c) - 48).collect();
    let d1 = mod11_complement_0_if_below_2(weighted_sum(&v[..12], &W1));
    let d2 = mod11_complement_0_if_below_2(weighted_sum(&v[..13], &W2));
    if v[12] != d1 || v[13] != d2 {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digits do not verify (mod 11)",
        ));
    }
    let formatted = format(&n);
    let kind = if b.iter().any(u8::is_ascii_uppercase) {
        "alphanumeric"
    } else {
        "numeric"
    };
    Ok(ok(INFO.id, n, Some(formatted)).with_detail("kind", kind))
}
