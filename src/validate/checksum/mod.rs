//! Check-digit algorithms shared by the format modules. Each algorithm lives in its own
//! module, cites its standard, and works on ASCII digit/letter values supplied by the caller.

pub mod icao9303;
// --- identifiers (branch `ids`) ---
pub mod iso7064;
pub mod luhn;
pub mod verhoeff;
pub mod weighted;
