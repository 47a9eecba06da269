//! South Korean resident registration number (주민등록번호), 13 digits `YYMMDD-GNNNNNC`:
//! birth date, a digit G for century and sex (9/0 1800s, 1/2 1900s, 3/4 2000s; 5-8 for
//! foreign residents; odd = male), and a check digit with weights 2-9,2-5:
//! C = (11 − sum mod 11) mod 10 (Resident Registration Act, Enforcement Rule). Since
//! 2020-10-05 the six digits after G are assigned at random and carry no region code or
//! check digit, so those are checked only for people born before September 2020.

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, two, with_person,
    FormatInfo,
};
use crate::validate::checksum::weighted::weighted_sum;
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "kr_rrn",
    country: "KR",
    name: "Resident registration number (주민등록번호)",
    standard:
        "Resident Registration Act (주민등록법); check digit for numbers issued before 2020-10-05",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Digits only.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// `YYMMDD-GNNNNNC`.
pub fn format(input: &str) -> String {
    super::group(compact(input), "######-#######")
}

/// Validates a resident registration number.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(&n, |c| c.is_ascii_digit(), "an RRN has digits only")?;
    check_len(&n, &[13], "an RRN has 13 digits")?;
    let d = super::digits_of(&n);
    let (century, kind) = match d[6] {
        9 | 0 => (1800, "citizen"),
        1 | 2 => (1900, "citizen"),
        3 | 4 => (2000, "citizen"),
        5 | 6 => (1900, "foreigner"),
        _ => (2000, "foreigner"),
    };
    let born = birth_date(century + two(&n, 0), two(&n, 2), two(&n, 4))?;
    // ISO dates compare correctly as strings.
    if born.as_str() < "2020-09-01" {
        // Digits 8-9 were the registration office's region code, 00-96.
        if two(&n, 7) > 96 {
            return Err(err(ErrorCode::InvalidFormat, "region code above 96"));
        }
        let sum = weighted_sum(&d[..12], &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
        if (11 - sum % 11) % 10 != d[12] {
            return Err(err(
                ErrorCode::InvalidChecksum,
                "the check digit does not verify",
            ));
        }
    }
    let sex = if d[6] % 2 == 1 { 'M' } else { 'F' };
    let formatted = format(&n);
    let out = ok(INFO.id, n, Some(formatted)).with_detail("kind", kind);
    Ok(with_person(out, Some(born), Some(sex)))
}
