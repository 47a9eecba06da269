//! Indian Permanent Account Number (PAN), `AAAPL1234C`: three letters, the holder type,
//! the initial of the surname or name, four digits (not 0000) and a letter. The last
//! letter is a check character whose algorithm the Income Tax Department does not
//! publish, so only the structure is validated (Income Tax Act 1961 §139A; CBDT / NSDL
//! PAN structure).

use super::{check_chars, check_len, compact_with, err, fold_id, ok, FormatInfo};
use crate::validate::error::{ErrorCode, FieldResult};
use crate::validate::text::quote_char;

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "in_pan",
    country: "IN",
    name: "Permanent Account Number (PAN)",
    standard: "Income Tax Act 1961 §139A; CBDT PAN structure (no published check algorithm)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed as one block.
pub fn format(input: &str) -> String {
    compact(input)
}

/// The holder type named by the fourth character.
fn holder_type(c: u8) -> Option<&'static str> {
    Some(match c {
        b'A' => "association_of_persons",
        b'B' => "body_of_individuals",
        b'C' => "company",
        b'F' => "firm",
        b'G' => "government",
        b'H' => "hindu_undivided_family",
        b'J' => "artificial_juridical_person",
        b'L' => "local_authority",
        b'P' => "individual",
        b'T' => "trust",
        _ => return None,
    })
}

/// Validates a PAN.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c.is_ascii_uppercase(),
        "a PAN has letters and digits only",
    )?;
    check_len(&n, &[10], "a PAN has 10 characters")?;
    let b = n.as_bytes();
    let shape = b[..5].iter().all(u8::is_ascii_uppercase)
        && b[5..9].iter().all(u8::is_ascii_digit)
        && b[9].is_ascii_uppercase();
    if !shape {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a PAN is five letters, four digits and a letter",
        ));
    }
    let Some(holder) = holder_type(b[3]) else {
        return Err(err(
            ErrorCode::InvalidFormat,
            format!("{} is not a PAN holder type", quote_char(char::from(b[3]))),
        ));
    };
    if &n[5..9] == "0000" {
        return Err(err(ErrorCode::InvalidFormat, "serial 0000 is never issued"));
    }
    Ok(ok(INFO.id, n.clone(), Some(n)).with_detail("holder_type", holder))
}
