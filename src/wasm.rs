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

/// Converts a snapshot summary to a plain JavaScript object.
fn snapshot_info_to_js(info: &crate::snapshot::SnapshotInfo) -> Result<JsValue, JsError> {
    use serde::Serialize;
    info.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// A JavaScript `Error` whose message starts with the failure's code (`truncated`,
/// `bad_magic`, `unsupported_version`, `hash_mismatch`, `corrupt`, `not_loaded`).
fn snapshot_error_to_js(error: crate::snapshot::SnapshotError) -> JsError {
    JsError::new(&error.to_string())
}

/// Verifies and loads a snapshot from bytes the page fetched (a `Uint8Array`) and makes it
/// the one screening uses. Returns its summary (`label`, `built_at`, `sha256`, counts,
/// `size_bytes`, per-source `published` dates). Throws an `Error` naming the failure if the
/// file is refused; the previous snapshot is then dropped and screening refuses (fail
/// closed) until a snapshot loads.
#[wasm_bindgen(js_name = loadSnapshot)]
pub fn load_snapshot(bytes: &[u8]) -> Result<JsValue, JsError> {
    let info = crate::snapshot::load_active(bytes).map_err(snapshot_error_to_js)?;
    snapshot_info_to_js(&info)
}

/// Makes the snapshot compiled into the module (built from the hand-written sample lists,
/// label `sample`: not for screening real customers) the active one; returns its summary.
#[wasm_bindgen(js_name = useDefaultSnapshot)]
pub fn use_default_snapshot() -> Result<JsValue, JsError> {
    let info = crate::snapshot::use_default().map_err(snapshot_error_to_js)?;
    snapshot_info_to_js(&info)
}

/// The summary of the active snapshot; throws (`not_loaded` or the last load error) when
/// there is none.
#[wasm_bindgen(js_name = snapshotInfo)]
pub fn snapshot_info() -> Result<JsValue, JsError> {
    let info = crate::snapshot::active_info().map_err(snapshot_error_to_js)?;
    snapshot_info_to_js(&info)
}

// --- screening (branch `screening`) ---
