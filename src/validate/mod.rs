//! Identity-field validation: one module per field or format, shared checksum modules.
//!
//! Every validator is total: it returns `Ok(Normalized)` or `Err(ValidationError)` for any
//! input and never panics. Inputs longer than a field's documented limit are rejected with
//! `too_long` before they are scanned.

pub mod checksum;
pub mod country;
mod country_data;
pub mod error;
// --- identifiers (branch `ids`) ---
pub mod crypto;
pub mod fold;
pub mod iban;
pub mod iban_registry;
pub mod national_id;

// --- fields: names, dates, email, phone, country, address, MRZ (branch `fields`) ---
pub mod address;
pub mod birth_date;
pub mod date;
pub mod email;
mod field_formats;
pub mod jurisdiction;
pub mod mrz;
pub mod name;
mod pattern;
pub mod phone;
mod phone_plan;
mod postal_data;
pub mod punycode;
pub mod record;
pub mod script;
mod script_data;
pub mod text;

pub use error::{code_name, ErrorCode, Field, FieldResult, Normalized, ValidationError};

/// Validates `input` as the format named by `format` (the ids used in `tests/vectors/*.tsv`,
/// e.g. `iban`, `es_dni`, `email`, `phone:US`), or `None` for an unknown format id.
///
/// This is the single entry point the data-driven test vectors, the CLI and JavaScript's
/// `validateFormat` share, so every engine runs exactly the same rules.
pub fn validate_format(format: &str, input: &str) -> Option<FieldResult> {
    // --- identifiers: national ID / tax numbers, IBAN, crypto (branch `ids`) ---
    let identifier = match format {
        "iban" => Some(iban::validate(input)),
        "crypto" => Some(crypto::validate(input, None)),
        _ => {
            if let Some(country) = format.strip_prefix("national_id:") {
                Some(national_id::validate(country, input))
            } else if let Some(network) = format.strip_prefix("crypto:") {
                Some(crypto::validate(input, Some(network)))
            } else {
                national_id::validate_format_id(format, input)
            }
        }
    };
    if identifier.is_some() {
        return identifier;
    }

    // --- fields: names, dates, email, phone, country, address, MRZ (branch `fields`) ---
    if let Some(result) = field_formats::validate_field_format(format, input) {
        return Some(result);
    }

    None
}
