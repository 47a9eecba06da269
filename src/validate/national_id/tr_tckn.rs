//! Turkish identification number (T.C. Kimlik No), 11 digits, first not 0:
//! d10 = ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10 and d11 = (d1+...+d10) mod 10
//! (Nüfus ve Vatandaşlık İşleri Genel Müdürlüğü; Law 5490 on civil registration).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "tr_tckn",
    country: "TR",
    name: "T.C. Kimlik Numarası",
    standard: "Nüfus Hizmetleri Kanunu 5490; NVİ TCKN check digits",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed as 11 plain digits.
pub fn format(input: &str) -> String {
    compact(input)
}

/// Validates a TCKN.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "a TCKN has digits only")?;
    check_len(&n, &[11], "a TCKN has 11 digits")?;
    let d: Vec<i64> = super::digits_of(&n).into_iter().map(i64::from).collect();
    if d[0] == 0 {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a TCKN does not start with 0",
        ));
    }
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    let c10 = (odd * 7 - even).rem_euclid(10);
    let c11 = d[..10].iter().sum::<i64>() % 10;
    if d[9] != c10 || d[10] != c11 {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digits do not verify",
        ));
    }
    Ok(ok(INFO.id, n.clone(), Some(n)))
}
