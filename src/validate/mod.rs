//! Identity-field validation: one module per field or format, shared checksum modules.
//!
//! Every validator is total: it returns `Ok(Normalized)` or `Err(ValidationError)` for any
//! input and never panics. Inputs longer than a field's documented limit are rejected with
//! `too_long` before they are scanned.

pub mod checksum;
pub mod country;
mod country_data;
pub mod error;

pub use error::{code_name, ErrorCode, Field, FieldResult, Normalized, ValidationError};

/// Validates `input` as the format named by `format` (the ids used in `tests/vectors/*.tsv`,
/// e.g. `iban`, `es_dni`, `email`, `phone:US`), or `None` for an unknown format id.
///
/// This is the single entry point the data-driven test vectors, the CLI and JavaScript's
/// `validateFormat` share, so every engine runs exactly the same rules.
pub fn validate_format(format: &str, input: &str) -> Option<FieldResult> {
    // --- identifiers: national ID / tax numbers, IBAN, crypto (branch `ids`) ---
    let _ = (format, input);

    // --- fields: names, dates, email, phone, country, address, MRZ (branch `fields`) ---

    None
}
