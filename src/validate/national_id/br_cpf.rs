//! Brazilian individual taxpayer number (CPF, Cadastro de Pessoas Físicas), 11 digits
//! `NNN.NNN.NNN-DD`: two mod-11 check digits, weights 10..2 then 11..2, a remainder below 2
//! giving 0 (Receita Federal, Instrução Normativa RFB 1548/2015). Numbers of one repeated
//! digit pass the arithmetic but are never issued.

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::checksum::weighted::{mod11_complement_0_if_below_2, weighted_sum};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "br_cpf",
    country: "BR",
    name: "Cadastro de Pessoas Físicas (CPF)",
    standard: "Receita Federal IN RFB 1548/2015; two mod-11 check digits",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -./";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `390.533.447-05`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "###.###.###-##")
}

/// Validates a CPF.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "a CPF has digits only")?;
    check_len(&n, &[11], "a CPF has 11 digits")?;
    let d = super::digits_of(&n);
    if d.iter().all(|&x| x == d[0]) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a CPF of one repeated digit is never issued",
        ));
    }
    let d1 = mod11_complement_0_if_below_2(weighted_sum(&d[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]));
    let d2 =
        mod11_complement_0_if_below_2(weighted_sum(&d[..10], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]));
    if d[9] != d1 || d[10] != d2 {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digits do not verify (mod 11)",
        ));
    }
    let formatted = format(&n);
    Ok(ok(INFO.id, n, Some(formatted)))
}
