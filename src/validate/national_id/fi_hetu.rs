//! Finnish personal identity code (henkilötunnus, HETU), `DDMMYYCZZZQ`: birth date,
//! century sign (`+` 1800s; `-`, `Y`, `X`, `W`, `V`, `U` 1900s; `A`, `B`, `C`, `D`, `E`,
//! `F` 2000s, the extra signs since 2023), individual number 002-899 (900-999 temporary,
//! odd for men) and a check character `0123456789ABCDEFHJKLMNPRSTUVWXY`[DDMMYYZZZ mod 31]
//! (Digital and Population Data Services Agency (DVV); Väestötietojärjestelmälaki 128/2010
//! as amended 2023).

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, sex_from_parity, two,
    with_person, FormatInfo,
};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "fi_hetu",
    country: "FI",
    name: "Henkilötunnus (HETU)",
    standard: "DVV personal identity code; check character mod 31; century signs of 2023",
    validate,
    compact,
    format,
};

const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

// The century sign is part of the value, so `-` is kept.
const DROP: &[u8] = b" .";

/// Upper case, spaces removed, century sign kept.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed as one block: `131052-308T`.
pub fn format(input: &str) -> String {
    compact(input)
}

/// Validates a HETU.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_alphanumeric() || c == '-' || c == '+',
        "a HETU has digits, a century sign and a check character only",
    )?;
    check_len(&n, &[11], "a HETU has 11 characters (DDMMYY-NNNC)")?;
    let b = n.as_bytes();
    let century = match b[6] {
        b'+' => 1800,
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
        b'A'..=b'F' => 2000,
        _ => {
            return Err(err(
                ErrorCode::InvalidFormat,
                "the 7th character must be a century sign (+, -, Y-U, A-F)",
            ))
        }
    };
    if !b[..6].iter().chain(&b[7..10]).all(u8::is_ascii_digit) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a HETU is 6 digits, a century sign, 3 digits and a check character",
        ));
    }
    let born = birth_date(century + two(&n, 4), two(&n, 2), two(&n, 0))?;
    let individual = super::number_of(&n[7..10]) as u32;
    if individual < 2 {
        return Err(err(
            ErrorCode::InvalidFormat,
            "individual numbers start at 002",
        ));
    }
    let number = super::number_of(&format!("{}{}", &n[..6], &n[7..10]));
    if CHECK_CHARS[(number % 31) as usize] != b[10] {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check character does not verify (mod 31)",
        ));
    }
    let kind = if individual >= 900 {
        "temporary"
    } else {
        "permanent"
    };
    let out = ok(INFO.id, n.clone(), Some(n)).with_detail("kind", kind);
    Ok(with_person(
        out,
        Some(born),
        Some(sex_from_parity(individual)),
    ))
}
