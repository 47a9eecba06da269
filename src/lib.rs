//! # kyc-check
//!
//! On-device KYC checks for a signup form: identity-field validation ([`validate`]) and
//! sanctions-list name screening ([`screen`]) against a bundled, verifiable watchlist
//! [`snapshot`]. The same Rust code runs natively (library and `kyc-check` CLI) and in the
//! browser through the thin `wasm` surface, so a form, a server and a batch job apply
//! identical rules and get identical results.
//!
//! Layout (one obvious place for each thing):
//! - [`validate`]: one module per field or format, shared checksum modules.
//! - [`model`]: the watchlist entity model.
//! - `sources` (native only): parsers for the official list formats.
//! - [`snapshot`]: the versioned, hashed binary snapshot format (and, natively, its builder).
//! - [`screen`]: normalisation, index, scoring and explanations.
//! - `sha256`: the SHA-256 of snapshot identities, remarks files and Base58Check.
//! - `unicode_norm`: Unicode normalisation and case mapping from compact tables (wasm size).
//! - `wasm` (wasm32 only): the JavaScript API.

#![forbid(unsafe_code)]

pub mod model;
pub mod screen;
pub(crate) mod serde_table;
pub(crate) mod sha256;
pub mod snapshot;
pub(crate) mod sort;
#[cfg(not(target_arch = "wasm32"))]
pub mod sources;
pub(crate) mod unicode_norm;
pub mod validate;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The crate version, as reported by the CLI and by `version()` in JavaScript.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
