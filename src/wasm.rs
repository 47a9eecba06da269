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

#[wasm_bindgen(typescript_custom_section)]
const SCREEN_TS: &'static str = r#"
/** A name to screen, with optional secondary evidence. */
export interface ScreenQuery {
  /** The name as entered (any script, any order, with or without titles). */
  name: string;
  /** Entity type: a different listed type lowers the score. */
  type?: "person" | "individual" | "organization" | "entity" | "vessel" | "aircraft";
  /** Birth date `YYYY` or `YYYY-MM-DD` (people): raises or lowers the score. */
  birth_date?: string;
  /** ISO 3166-1 alpha-2 nationality or residence country: raises or lowers the score. */
  country?: string;
  /** A document number: an exact match is a hit (block) whatever the name. */
  id_number?: string;
  /** A crypto wallet address: an exact match is a hit (block) whatever the name. */
  crypto_address?: string;
}

/** Source list codes. */
export type SourceCode = "ofac_sdn" | "ofac_consolidated" | "un_sc" | "uk_ofsi" | "uk_fcdo" | "eu";

/** Screening options (all optional; defaults documented in docs/SCREENING.md). */
export interface ScreenOptions {
  /** Score from which a match is reported and the decision is at least `review` (default 0.83). */
  review_threshold?: number;
  /** Score from which the decision is `block` (default 0.95). */
  block_threshold?: number;
  /** Most matches returned (default 10); the decision considers all. */
  max_matches?: number;
  /** Only screen these lists. */
  sources?: SourceCode[];
}

/** How two tokens matched. */
export type MatchMethod = "exact" | "fuzzy" | "phonetic" | "initial" | "translit" | "glued";

/** One aligned token pair of an explanation. */
export interface AlignedPair { query: string; list: string; score: number; method: MatchMethod; }

/** Secondary evidence applied to a score. */
export interface Adjustment {
  code: "birth_date_match" | "birth_year_match" | "birth_date_conflict" | "birth_year_conflict"
      | "country_match" | "country_conflict" | "entity_type_conflict" | "weak_alias" | "identifier_match";
  delta: number;
  detail: string;
}

/** Why a name matched. */
export interface Explanation {
  query_tokens: string[];
  list_tokens: string[];
  alignment: AlignedPair[];
  unmatched_query: string[];
  unmatched_list: string[];
  ignored: { side: "query" | "list"; token: string; reason: string }[];
  query_coverage: number;
  list_coverage: number;
  name_score: number;
  adjustments: Adjustment[];
  notes?: string[];
}

/** One matched listed entity. */
export interface ScreenMatch {
  id: string;
  source: SourceCode;
  type: "person" | "organization" | "vessel" | "aircraft";
  /** Primary name. */
  name: string;
  /** The listed name (primary or alias) that matched. */
  matched_name: string;
  /** 0..1, rounded to 4 decimals. */
  score: number;
  programs: string[];
  explanation: Explanation;
}

/** The result of screening one query. */
export interface ScreeningResult {
  decision: "clear" | "review" | "block";
  /** Best first: score descending, then id. */
  matches: ScreenMatch[];
  /** The snapshot the decision was made against (audit trail). */
  snapshot: { sha256: string; built_at: string; label: string; sources: { source: SourceCode; published: string | null }[] };
  warnings?: string[];
}

/**
 * Screens a name against the active snapshot (see `loadSnapshot`, `useDefaultSnapshot`).
 * Throws when there is no valid snapshot (fail closed: never `clear` without one), or when
 * the query or options are malformed.
 */
export function screen(query: ScreenQuery, options?: ScreenOptions): ScreeningResult;
"#;

/// Screens `query` against the active snapshot; see the TypeScript declaration above.
#[wasm_bindgen(js_name = screen, skip_typescript)]
pub fn screen_js(query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    use serde::Serialize;
    let query: crate::screen::Query = serde_wasm_bindgen::from_value(query)
        .map_err(|e| JsError::new(&format!("invalid query: {e}")))?;
    let options: crate::screen::Options = if options.is_undefined() || options.is_null() {
        crate::screen::Options::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("invalid options: {e}")))?
    };
    options
        .validate()
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))?;
    let result = crate::snapshot::with_active(|snapshot| {
        crate::screen::Screener::new(snapshot).screen(&query, &options)
    })
    .map_err(|e| JsError::new(&format!("{e} (screening refused: no valid snapshot)")))?;
    result
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
