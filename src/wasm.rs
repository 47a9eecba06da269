//! The JavaScript API (wasm-bindgen). Thin: every function converts its arguments with
//! serde-wasm-bindgen, calls the plain Rust API and converts the result back.

use wasm_bindgen::prelude::*;

/// The kyc-check version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

// --- validation (branch `fields`) ---

// --- snapshot loading (branch `snapshot`) ---

// --- screening (branch `screening`) ---
