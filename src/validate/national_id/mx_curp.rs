//! Mexican population registry key (CURP, Clave Única de Registro de Población), 18
//! characters: 4 letters from the name, birth date `YYMMDD`, sex (`H` man, `M` woman, `X`
//! non-binary), state of birth (2, `NE` = born abroad), 3 consonants, a differentiator
//! (digit for births before 2000, letter from 2000) and a check digit:
//! (10 − Σ value·(18 − i) mod 10) mod 10 over `0-9A-N&O-Z` values (RENAPO, "Instructivo
//! normativo para la asignación de la CURP", DOF 18/10/2021). Name words in RENAPO's
//! inconvenient-word list (Anexo 2) are never issued (their second letter becomes X).

use super::{
    birth_date, check_chars, check_len, compact_with, err, fold_id, ok, two, with_person,
    FormatInfo,
};
use crate::validate::error::{ErrorCode, FieldResult};

/// Registry entry.
pub const INFO: FormatInfo = FormatInfo {
    id: "mx_curp",
    country: "MX",
    name: "Clave Única de Registro de Población (CURP)",
    standard: "RENAPO Instructivo normativo para la asignación de la CURP (DOF 18/10/2021)",
    validate,
    compact,
    format,
};

const DROP: &[u8] = b" -.";

/// Check-digit alphabet; `&` stands for Ñ (index 24), which shifts O-Z by one.
const ALPHABET: &[u8; 37] = b"0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";

/// State codes (RENAPO catalogue), `NE` for born abroad.
const STATES: &[&str] = &[
    "AS", "BC", "BS", "CC", "CH", "CL", "CM", "CS", "DF", "DG", "GR", "GT", "HG", "JC", "MC", "MN",
    "MS", "NE", "NL", "NT", "OC", "PL", "QR", "QT", "SL", "SP", "SR", "TC", "TL", "TS", "VZ", "YN",
    "ZS",
];

/// RENAPO's inconvenient words (Anexo 2): never the first four letters of a CURP.
const INCONVENIENT: &[&str] = &[
    "BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE", "COGI",
    "COJA", "COJE", "COJI", "COJO", "COLA", "CULO", "FALO", "FETO", "GETA", "GUEI", "GUEY", "JETA",
    "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KAKA", "KAKO", "KOGE", "KOGI", "KOJA", "KOJE", "KOJI",
    "KOJO", "KOLA", "KULO", "LILO", "LOCA", "LOCO", "LOKA", "LOKO", "MAME", "MAMO", "MEAR", "MEAS",
    "MEON", "MIAR", "MION", "MOCO", "MOKO", "MULA", "MULO", "NACA", "NACO", "PEDA", "PEDO", "PENE",
    "PIPI", "PITO", "POPO", "PUTA", "PUTO", "QULO", "RATA", "ROBA", "ROBE", "ROBO", "RUIN", "SENO",
    "TETA", "VACA", "VAGA", "VAGO", "VAKA", "VUEI", "VUEY", "WUEI", "WUEY",
];

/// Upper case, no separators.
pub fn compact(input: &str) -> String {
    compact_with(input, DROP)
}

/// Printed as one block.
pub fn format(input: &str) -> String {
    compact(input)
}

fn check_digit(body: &[u8]) -> u32 {
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = ALPHABET.iter().position(|a| a == c).unwrap_or(0) as u32;
            v * (18 - i as u32)
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Validates a CURP.
pub fn validate(input: &str) -> FieldResult {
    let n = fold_id(input, DROP)?;
    check_chars(
        &n,
        |c| c.is_ascii_digit() || c.is_ascii_uppercase(),
        "a CURP has letters and digits only",
    )?;
    check_len(&n, &[18], "a CURP has 18 characters")?;
    let b = n.as_bytes();
    let shape = b[..4].iter().all(u8::is_ascii_uppercase)
        && b[4..10].iter().all(u8::is_ascii_digit)
        && b[10..16].iter().all(u8::is_ascii_uppercase)
        && b[16].is_ascii_alphanumeric()
        && b[17].is_ascii_digit();
    if !shape {
        return Err(err(
            ErrorCode::InvalidFormat,
            "a CURP is 4 letters, 6 digits, 6 letters, a letter or digit and a digit",
        ));
    }
    if INCONVENIENT.contains(&&n[..4]) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "RENAPO never issues these first four letters",
        ));
    }
    let sex = match b[10] {
        b'H' => Some('M'),
        b'M' => Some('F'),
        b'X' => None,
        _ => return Err(err(ErrorCode::InvalidFormat, "sex must be H, M or X")),
    };
    if !STATES.contains(&&n[11..13]) {
        return Err(err(
            ErrorCode::InvalidFormat,
            format!("{} is not a Mexican state code", &n[11..13]),
        ));
    }
    let century = if b[16].is_ascii_digit() { 1900 } else { 2000 };
    let born = birth_date(century + two(&n, 4), two(&n, 6), two(&n, 8))?;
    if check_digit(&b[..17]) != u32::from(b[17] - b'0') {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the check digit does not verify",
        ));
    }
    Ok(with_person(
        ok(INFO.id, n.clone(), Some(n)),
        Some(born),
        sex,
    ))
}
