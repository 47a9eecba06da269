//! Identity-field validation: one module per field or format, shared checksum modules.
//!
//! Every validator is total: it returns `Ok(Normalized)` or `Err(ValidationError)` for any
//! input and never panics. Inputs longer than a field's documented limit are rejected with
//! `too_long` before they are scanned.

pub mod error;

pub use error::{code_name, ErrorCode, Field, FieldResult, Normalized, ValidationError};
