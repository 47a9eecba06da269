//! The JavaScript API (wasm-bindgen). Thin: every function reads its arguments (strings
//! directly, objects with [`args`]), calls the plain Rust API and converts the result back
//! with serde-wasm-bindgen.

mod args;

use wasm_bindgen::prelude::*;

/// The kyc-check version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

// --- validation (branch `fields`) ---

#[wasm_bindgen(typescript_custom_section)]
const VALIDATION_TYPES: &'static str = r#"
/**
 * A stable error code (`ErrorCode` in src/validate/error.rs, serialised in snake_case).
 * New codes may be added in later versions; existing ones never change meaning.
 */
export type ErrorCode =
  | "required" | "too_long" | "too_short" | "invalid_length" | "invalid_character"
  | "invalid_format" | "invalid_checksum" | "control_character" | "unsupported_country"
  | "digit_in_name" | "symbol_in_name" | "mixed_script" | "invalid_date" | "future_date"
  | "too_young" | "too_old" | "local_part_too_long" | "invalid_domain"
  | "unknown_calling_code" | "invalid_number_for_country" | "unknown_country"
  | "blocked_jurisdiction" | "invalid_postal_code" | "document_expired" | "mismatch"
  | "name_mismatch" | "birth_date_mismatch" | "nationality_mismatch" | "sex_mismatch"
  | "unknown_country_code" | "network_mismatch" | "unknown_network";
/** One error: a stable snake_case code and an English message. */
export interface ValidationErrorEntry { code: ErrorCode; message: string; }
/** The outcome for one field. */
export interface FieldReport {
  valid: boolean;
  /** Canonical value (E.164 phone, NFC name, ISO date, alpha-2 country, ...). */
  normalized?: string;
  /** Display form, when it differs from `normalized`. */
  formatted?: string;
  /** Extra facts: scripts, age, ascii_domain, network, ... */
  details?: Record<string, string>;
  errors: ValidationErrorEntry[];
}
/** A field of a report: a `KycRecord` key, or `record` for the record as a whole. */
export type RecordField = keyof KycRecord | "record";
/** The outcome for a whole record: one report per field that was given or cross-checked. */
export interface RecordReport { valid: boolean; fields: { [F in RecordField]?: FieldReport }; }
/** A signup record; every field is optional. */
export interface KycRecord {
  given_name?: string; family_name?: string; full_name?: string; birth_date?: string;
  email?: string; phone?: string; phone_country?: string; country?: string;
  nationality?: string; address_line1?: string; city?: string; region?: string;
  postal_code?: string; mrz?: string; document_type?: string; document_number?: string;
  document_country?: string; national_id?: string; national_id_country?: string;
  iban?: string; crypto_address?: string; crypto_network?: string;
}
/** Validation options; every key is optional. */
export interface ValidationOptions {
  /** Reference date YYYY-MM-DD (default: today, UTC). */
  today?: string;
  min_age?: number;
  max_age?: number;
  date_order?: "iso" | "dmy" | "mdy";
  default_country?: string;
  blocked_jurisdictions?: string[];
}
"#;

/// Converts a Rust value to a plain JSON-compatible JavaScript object.
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// A required string argument, or a JavaScript error naming it.
fn string_arg(value: &JsValue, name: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| JsError::new(&format!("{name} must be a string")))
}

/// An optional string argument (`undefined` and `null` are `None`).
fn optional_string_arg(value: &JsValue, name: &str) -> Result<Option<String>, JsError> {
    if args::absent(value) {
        Ok(None)
    } else {
        string_arg(value, name).map(Some)
    }
}

/// A field result as a `FieldReport` object.
fn field_report(result: crate::validate::FieldResult) -> Result<JsValue, JsError> {
    to_js(&crate::validate::record::FieldReport::from_result(result))
}

/// Validates a whole record (`KycRecord`) with optional `ValidationOptions`; returns a
/// `RecordReport`. Throws on an argument that is not a record or options object.
#[wasm_bindgen(js_name = validateRecord, unchecked_return_type = "RecordReport")]
pub fn validate_record(
    #[wasm_bindgen(unchecked_param_type = "KycRecord")] record: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidationOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let record = args::record(&record)?;
    let options = args::validation_options(&options)?;
    to_js(&crate::validate::record::validate_record(&record, &options))
}

/// Validates an email address (WHATWG grammar, 64/254 limits, IDN domains).
#[wasm_bindgen(js_name = validateEmail, unchecked_return_type = "FieldReport")]
pub fn validate_email(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsError> {
    field_report(crate::validate::email::validate_email(&string_arg(
        &input, "input",
    )?))
}

/// Validates a personal name (any script); `details.scripts` lists the scripts used.
#[wasm_bindgen(js_name = validateName, unchecked_return_type = "FieldReport")]
pub fn validate_name(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsError> {
    field_report(crate::validate::name::validate_name(&string_arg(
        &input, "input",
    )?))
}

/// Validates a date of birth with optional `ValidationOptions` (today, min_age, max_age,
/// date_order).
#[wasm_bindgen(js_name = validateBirthDate, unchecked_return_type = "FieldReport")]
pub fn validate_birth_date(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidationOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    use crate::validate::birth_date::{validate_birth_date, BirthDateRules};
    let input = string_arg(&input, "input")?;
    let options = args::validation_options(&options)?;
    let rules = BirthDateRules {
        order: options.date_order,
        today: options
            .today
            .unwrap_or_else(crate::validate::date::Date::today_utc),
        min_age: options.min_age,
        max_age: options.max_age,
    };
    field_report(validate_birth_date(&input, &rules))
}

/// Normalises a phone number to E.164; `defaultCountry` (e.g. `"US"`) applies to numbers
/// written without `+`.
#[wasm_bindgen(js_name = validatePhone, unchecked_return_type = "FieldReport")]
pub fn validate_phone(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(js_name = defaultCountry, unchecked_optional_param_type = "string")]
    default_country: JsValue,
) -> Result<JsValue, JsError> {
    let input = string_arg(&input, "input")?;
    let default_country = optional_string_arg(&default_country, "defaultCountry")?;
    field_report(crate::validate::phone::validate_phone(
        &input,
        default_country.as_deref(),
    ))
}

/// Validates a postal code for `country` (ISO 3166-1 alpha-2, alpha-3 or English name).
#[wasm_bindgen(js_name = validatePostalCode, unchecked_return_type = "FieldReport")]
pub fn validate_postal_code(
    #[wasm_bindgen(unchecked_param_type = "string")] country: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsError> {
    use crate::validate::{country, Field};
    let country_text = string_arg(&country, "country")?;
    let input = string_arg(&input, "input")?;
    let result = country::validate(Field::Country, &country_text)
        .and_then(|cc| crate::validate::address::validate_postal_code(&cc.value, &input));
    field_report(result)
}

/// Validates an IBAN (ISO 13616: MOD 97-10 and the country's BBAN format).
#[wasm_bindgen(js_name = validateIban, unchecked_return_type = "FieldReport")]
pub fn validate_iban(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsError> {
    field_report(crate::validate::iban::validate(&string_arg(
        &input, "input",
    )?))
}

/// Validates a national ID or tax number of `country` (ISO 3166-1 alpha-2, alpha-3 or
/// English name); details carry the embedded birth date and sex where the format has them.
#[wasm_bindgen(js_name = validateNationalId, unchecked_return_type = "FieldReport")]
pub fn validate_national_id(
    #[wasm_bindgen(unchecked_param_type = "string")] country: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsError> {
    use crate::validate::{country, Field};
    let country_text = string_arg(&country, "country")?;
    let input = string_arg(&input, "input")?;
    let result = country::validate(Field::NationalIdCountry, &country_text)
        .and_then(|cc| crate::validate::national_id::validate(&cc.value, &input));
    field_report(result)
}

/// Validates a crypto wallet address, optionally against a `network` (e.g. `"bitcoin"`,
/// `"ethereum"`); details give the network and address kind.
#[wasm_bindgen(js_name = validateCryptoAddress, unchecked_return_type = "FieldReport")]
pub fn validate_crypto_address(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] network: JsValue,
) -> Result<JsValue, JsError> {
    let input = string_arg(&input, "input")?;
    let network = optional_string_arg(&network, "network")?;
    field_report(crate::validate::crypto::validate(
        &input,
        network.as_deref(),
    ))
}

/// Parses and verifies a passport, ID card or visa MRZ (lines separated by newlines);
/// `today` (YYYY-MM-DD, default the current date) decides expiry.
#[wasm_bindgen(js_name = validateMrz, unchecked_return_type = "FieldReport")]
pub fn validate_mrz(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] today: JsValue,
) -> Result<JsValue, JsError> {
    let input = string_arg(&input, "input")?;
    let today = if args::absent(&today) {
        crate::validate::date::Date::today_utc()
    } else {
        let text = string_arg(&today, "today")?;
        crate::validate::date::Date::parse_iso(&text)
            .ok_or_else(|| JsError::new("today must be a date in YYYY-MM-DD form"))?
    };
    field_report(crate::validate::mrz::validate_mrz(&input, today))
}

/// Validates `input` as the format with id `format` (e.g. `email`, `phone:US`, `iban`,
/// `birth_date@2026-01-01`); throws for an unknown format id.
#[wasm_bindgen(js_name = validateFormat, unchecked_return_type = "FieldReport")]
pub fn validate_format(
    #[wasm_bindgen(unchecked_param_type = "string")] format: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsError> {
    let format = string_arg(&format, "format")?;
    let input = string_arg(&input, "input")?;
    match crate::validate::validate_format(&format, &input) {
        Some(result) => field_report(result),
        None => Err(JsError::new(&format!("unknown format `{format}`"))),
    }
}

/// Every ISO 3166-1 country the validators know, sorted by alpha-2 code (for country
/// pickers: the page fills its `<datalist>` from this).
#[wasm_bindgen(unchecked_return_type = "Country[]")]
pub fn countries() -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Entry {
        alpha2: &'static str,
        alpha3: &'static str,
        name: &'static str,
    }
    let list: Vec<Entry> = crate::validate::country::all()
        .iter()
        .map(|c| Entry {
            alpha2: c.alpha2,
            alpha3: c.alpha3,
            name: c.name,
        })
        .collect();
    to_js(&list)
}

// --- snapshot loading (branch `snapshot`) ---

#[wasm_bindgen(typescript_custom_section)]
const SNAPSHOT_TS: &'static str = r#"
/** One ISO 3166-1 country (see `countries`). */
export interface Country { alpha2: string; alpha3: string; name: string; }

/** Provenance of one source list in a snapshot. */
export interface SnapshotSource {
  source: SourceCode;
  /** The format parsed, e.g. `ofac_legacy_csv`, `un_xml`, `ofsi_xlsx`, `eu_fsf_xml`. */
  format: string;
  /** Publication date stated in the file (`YYYY-MM-DD`), or null (OFAC CSVs state none). */
  published: string | null;
  /** Base names of the files read. */
  files: string[];
  entity_count: number;
  name_count: number;
}

/** The summary of a verified snapshot (`loadSnapshot`, `useDefaultSnapshot`, `snapshotInfo`). */
export interface SnapshotInfo {
  format_version: number;
  /** Build time, ISO 8601 UTC (`2025-06-01T00:00:00Z`). */
  built_at: string;
  /** Free label (`sample` for the bundled default snapshot). */
  label: string;
  /** Lower-case hex SHA-256 of the payload: the snapshot's identity in audit records. */
  sha256: string;
  entity_count: number;
  name_count: number;
  /** File size in bytes, when loaded from bytes. */
  size_bytes?: number;
  sources: SnapshotSource[];
  /**
   * What the snapshot keeps of the entities' remarks (`snapshot build --remarks`);
   * `external`: in a companion file (`.kcr`) that `loadRemarks` attaches.
   */
  remarks: "full" | "excerpt" | "none" | "external";
  /** Characters each excerpt keeps, when `remarks` is `excerpt` (cut ones end with " …"). */
  remarks_excerpt_chars?: number;
  /** The companion file the snapshot pins, when `remarks` is `external`. */
  remarks_companion?: { sha256: string; size_bytes: number; raw_bytes: number };
}

/** A partial date: the year, and the month and day when known (else null). */
export interface PartialDate { year: number; month: number | null; day: number | null; }

/** A listed birth date: one (partial) date or an inclusive range. */
export type ListedBirthDate =
  | { kind: "date"; date: PartialDate }
  | { kind: "range"; from: PartialDate; to: PartialDate };

/** One name of a listed entity. */
export interface ListedName {
  full: string;
  kind: "primary" | "aka" | "fka" | "nka";
  strength: "strong" | "weak";
  original_script: boolean;
  language: string | null;
}

/** A document, registration or wallet address of a listed entity. */
export interface ListedIdentifier {
  kind: "passport" | "national_id" | "tax_id" | "registration" | "imo" | "aircraft"
      | "swift_bic" | "crypto_address" | "other";
  label: string;
  value: string;
  country: string | null;
  network: string | null;
}

/** Every fact of one listed entity (`entityDetails`). */
export interface EntityDetails {
  id: string;
  source: SourceCode;
  entity_type: "person" | "organization" | "vessel" | "aircraft";
  /** `names[0]` is the primary name. */
  names: ListedName[];
  birth_dates: ListedBirthDate[];
  birth_places: string[];
  nationalities: string[];
  address_countries: string[];
  identifiers: ListedIdentifier[];
  programs: string[];
  listed_on: string | null;
  /** The remarks; null when the entity has none, or see `remarks_state`. */
  remarks: string | null;
  /**
   * `loaded`: `remarks` is complete; `not_loaded`: the entity has remarks in the
   * snapshot's companion file, not attached yet (`loadRemarks`); `excerpt`: cut
   * (`--remarks excerpt`); `none`: left out of the snapshot (`--remarks none`).
   */
  remarks_state: "loaded" | "not_loaded" | "excerpt" | "none";
}
"#;

/// A JavaScript `Error` whose message starts with the failure's code (`truncated`,
/// `bad_magic`, `unsupported_version`, `hash_mismatch`, `corrupt`, `not_loaded`,
/// `remarks_not_external`).
fn snapshot_error_to_js(error: crate::snapshot::SnapshotError) -> JsError {
    JsError::new(&error.to_string())
}

/// Verifies and loads a snapshot from bytes the page fetched (a `Uint8Array`) and makes it
/// the one screening uses. Returns its summary (`label`, `built_at`, `sha256`, counts,
/// `size_bytes`, per-source `published` dates). Throws an `Error` naming the failure if the
/// file is refused; the previous snapshot is then dropped and screening refuses (fail
/// closed) until a snapshot loads.
#[wasm_bindgen(js_name = loadSnapshot, unchecked_return_type = "SnapshotInfo")]
pub fn load_snapshot(bytes: &[u8]) -> Result<JsValue, JsError> {
    let info = crate::snapshot::load_active(bytes).map_err(snapshot_error_to_js)?;
    to_js(&info)
}

/// `loadSnapshot`, with the SHA-256 that verifies the file computed by the platform's Web
/// Crypto (`crypto.subtle.digest`, native code: about 2 ms for a snapshot of every list,
/// where the module's own hashing takes about 10 ms of the load). The module's copy of the
/// bytes and the digest's are taken in the same turn, before anything else can run, so
/// they are the same bytes. Where Web Crypto is missing (an insecure origin, an old
/// runtime) or fails, the module hashes the bytes itself, as `loadSnapshot` does. Resolves
/// to the same summary and rejects with the same errors; the snapshot active before stays
/// active until the load completes.
#[wasm_bindgen(js_name = loadSnapshotAsync, unchecked_return_type = "Promise<SnapshotInfo>")]
pub fn load_snapshot_async(bytes: js_sys::Uint8Array) -> js_sys::Promise {
    let owned = bytes.to_vec();
    let prefix = crate::snapshot::format::PREFIX_LEN as u32;
    // Web Crypto copies its input when called (the standard's `digest`, step 2).
    let digest = (bytes.length() >= prefix)
        .then(|| start_web_crypto_sha256(&bytes.subarray(prefix, bytes.length())))
        .flatten()
        .unwrap_or_else(|| js_sys::Promise::resolve(&JsValue::NULL));
    let finish = Closure::once_into_js(move |digest: JsValue| -> Result<JsValue, JsValue> {
        let digest = digest
            .dyn_ref::<js_sys::ArrayBuffer>()
            .map(|buffer| js_sys::Uint8Array::new(buffer))
            .filter(|d| d.length() == 32)
            .map(|d| {
                let mut out = [0u8; 32];
                d.copy_to(&mut out);
                out
            });
        let info = crate::snapshot::active::load_active_with_digest(&owned, digest)
            .map_err(|e| JsValue::from(snapshot_error_to_js(e)))?;
        to_js(&info).map_err(JsValue::from)
    });
    // `then(onFulfilled, onRejected)` through `Function.call`: js-sys types the
    // callbacks as returning nothing, and `finish` resolves to the summary.
    let then = |promise: &JsValue, on_fulfilled: &JsValue, on_rejected: &JsValue| {
        js_sys::Reflect::get(promise, &JsValue::from_str("then"))
            .and_then(|f| f.dyn_into::<js_sys::Function>())
            .and_then(|f| f.call2(promise, on_fulfilled, on_rejected))
    };
    // A digest that rejects reaches `finish` as a value that is no buffer: the module
    // computes the digest then.
    match then(&digest, &finish, &finish) {
        Ok(p) => p.unchecked_into(),
        Err(e) => js_sys::Promise::reject(&e),
    }
}

/// Starts `globalThis.crypto.subtle.digest("SHA-256", data)`; `None` where there is no
/// such function or it throws.
fn start_web_crypto_sha256(data: &js_sys::Uint8Array) -> Option<js_sys::Promise> {
    use js_sys::{Function, Reflect};
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).ok()?;
    let digest: Function = Reflect::get(&subtle, &JsValue::from_str("digest"))
        .ok()?
        .dyn_into()
        .ok()?;
    digest
        .call2(&subtle, &JsValue::from_str("SHA-256"), data)
        .ok()?
        .dyn_into()
        .ok()
}

/// Builds the active snapshot's identifier look-up table now (5-8 ms on every list), so
/// that the first screening with an `id_number` or `crypto_address` does not pay for it;
/// a page calls it once after `loadSnapshot`, when idle. Does nothing without a snapshot.
#[wasm_bindgen(js_name = prepareIdentifiers)]
pub fn prepare_identifiers() {
    if let Ok(snapshot) = crate::snapshot::active() {
        snapshot.index.prepare_identifiers();
    }
}

/// Makes the snapshot compiled into the module (built from the hand-written sample lists,
/// label `sample`: not for screening real customers) the active one; returns its summary.
#[wasm_bindgen(js_name = useDefaultSnapshot, unchecked_return_type = "SnapshotInfo")]
pub fn use_default_snapshot() -> Result<JsValue, JsError> {
    let info = crate::snapshot::use_default().map_err(snapshot_error_to_js)?;
    to_js(&info)
}

/// The summary of the active snapshot; throws (`not_loaded` or the last load error) when
/// there is none.
#[wasm_bindgen(js_name = snapshotInfo, unchecked_return_type = "SnapshotInfo")]
pub fn snapshot_info() -> Result<JsValue, JsError> {
    let info = crate::snapshot::active_info().map_err(snapshot_error_to_js)?;
    to_js(&info)
}

/// Every fact of one listed entity of the active snapshot, by id (as in a screening
/// match's `id`): names, dates, places, countries, identifiers, programmes, listing date,
/// remarks and `remarks_state`; `null` when no entity has this id. The first call inflates
/// the snapshot's compressed remarks (tens of ms for the full lists), so screening never
/// pays for them; with external remarks not attached yet, `remarks` is null and
/// `remarks_state` is `not_loaded` for an entity that has remarks. Throws when there is no
/// valid snapshot or the entity's bytes do not decode (`corrupt`).
#[wasm_bindgen(js_name = entityDetails, unchecked_return_type = "EntityDetails | null")]
pub fn entity_details(id: &str) -> Result<JsValue, JsError> {
    use crate::snapshot::{RemarksMode, SnapshotError};
    let details = crate::snapshot::with_active(|snapshot| {
        let entities = &snapshot.entities;
        let Some(i) = entities.position(id) else {
            return Ok(None);
        };
        let Some(entity) = entities.get_without_remarks(i) else {
            return Ok(None);
        };
        let mut entity = entity?.into_owned();
        let state = match entities.remarks(i) {
            Err(SnapshotError::RemarksNotLoaded) => "not_loaded",
            other => {
                entity.remarks = other?.map(std::borrow::Cow::into_owned);
                match snapshot.header.remarks {
                    RemarksMode::Excerpt => "excerpt",
                    RemarksMode::None => "none",
                    RemarksMode::Full | RemarksMode::External => "loaded",
                }
            }
        };
        Ok(Some((entity, state)))
    })
    .map_err(snapshot_error_to_js)?
    .map_err(snapshot_error_to_js)?;
    let Some((entity, state)) = details else {
        return Ok(JsValue::NULL);
    };
    let object = to_js(&entity)?;
    reflect_set(&object, &"remarks_state".into(), &state.into());
    Ok(object)
}

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set`: adds `remarks_state` to the serialised entity (cheaper in code than
    /// a second serialisation of the entity type).
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
}

/// Attaches the remarks companion file (`.kcr`, a `Uint8Array`) of the active snapshot,
/// whose `remarks` is `external`: verified against the length and SHA-256 the snapshot
/// pins, then inflated. Afterwards `entityDetails` gives every remark (`remarks_state`
/// `loaded`). Throws an `Error` naming the failure: `bad_magic` (not a remarks file),
/// `truncated`, `hash_mismatch` (another snapshot's remarks, or altered), `corrupt`,
/// `remarks_not_external`, `not_loaded`. Screening is unaffected either way.
#[wasm_bindgen(js_name = loadRemarks)]
pub fn load_remarks(bytes: &[u8]) -> Result<(), JsError> {
    crate::snapshot::attach_active_remarks(bytes).map_err(snapshot_error_to_js)
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
  /**
   * Oldest acceptable snapshot, in days since its build date. An older snapshot never
   * gives `clear`: the decision is at least `review`, with a `snapshot_expired` warning.
   */
  max_snapshot_age_days?: number;
  /** The date the snapshot age is measured at, `YYYY-MM-DD` (default: today, UTC). */
  today?: string;
}

/** How two tokens matched. */
export type MatchMethod = "exact" | "fuzzy" | "phonetic" | "initial" | "translit" | "glued" | "legal_family" | "doubled" | "nickname";

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
 * the query or options are malformed. Bounded work on any input: a name over 1,024 bytes
 * (or a reading of it over 64 words) or an identifier over 256 bytes is not screened, and
 * the decision is `review` with a `too_long` warning (docs/SCREENING.md, "Bounds").
 */
export function screen(query: ScreenQuery, options?: ScreenOptions): ScreeningResult;

/**
 * The same result as `screen`, found by scoring every listed name instead of through the
 * index: for audits ("the index missed nothing") and benchmarks. Hundreds of times slower.
 */
export function screenExhaustive(query: ScreenQuery, options?: ScreenOptions): ScreeningResult;
"#;

/// Screens `query` against the active snapshot; see the TypeScript declaration above.
#[wasm_bindgen(js_name = screen, skip_typescript)]
pub fn screen_js(query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    screen_with(query, options, false)
}

/// Screens `query` by scoring every listed name; see the TypeScript declaration above.
#[wasm_bindgen(js_name = screenExhaustive, skip_typescript)]
pub fn screen_exhaustive_js(query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    screen_with(query, options, true)
}

fn screen_with(query: JsValue, options: JsValue, exhaustive: bool) -> Result<JsValue, JsError> {
    use serde::Serialize;
    let query = args::query(&query)?;
    let options = args::screening_options(&options)?;
    options
        .validate()
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))?;
    let result = crate::snapshot::with_active(|snapshot| {
        let screener = crate::screen::Screener::new(snapshot);
        if exhaustive {
            screener.screen_exhaustive(&query, &options)
        } else {
            screener.screen(&query, &options)
        }
    })
    .map_err(|e| JsError::new(&format!("{e} (screening refused: no valid snapshot)")))?;
    result
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
