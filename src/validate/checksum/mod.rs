//! Check-digit algorithms shared by the format modules. Each algorithm lives in its own
//! module, cites its standard, and works on ASCII digit/letter values supplied by the caller.

pub mod icao9303;
// --- identifiers (branch `ids`) ---
pub mod iso7064;
pub mod luhn;
pub mod verhoeff;
pub mod weighted;

/// The values 0-9 of an all-ASCII-digit string, or `None` if any byte is not a digit.
pub fn digit_values(s: &str) -> Option<Vec<u32>> {
    s.bytes()
        .map(|b| b.is_ascii_digit().then(|| u32::from(b - b'0')))
        .collect()
}
