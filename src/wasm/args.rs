//! The object arguments of the JavaScript API (a record, a query, their options), read
//! property by property: each key is checked against the fields of its type, each value
//! against the field's type, and an error names the argument and the field
//! (`invalid query: `name` must be a string, got number`).
//!
//! Why not serde-wasm-bindgen's deserializer: it and the float formatting its error
//! messages reach weigh about 20 KB gzip of wasm (BENCHMARKS.md, "Session 12"), room the
//! screening code's inlining uses instead. The results are serialised with serde as before.
//!
//! `undefined` and `null` both mean "absent" for every field; absent fields keep their
//! defaults.

use crate::screen;
use crate::validate::birth_date::DateOrder;
use crate::validate::date::Date;
use crate::validate::record;
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsError, JsValue};

/// The own enumerable properties of `value`, the object argument named `what`, in their
/// JavaScript order.
fn entries(value: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, JsError> {
    if !value.is_object() || Array::is_array(value) {
        return Err(JsError::new(&format!(
            "invalid {what}: expected an object, got {}",
            type_name(value)
        )));
    }
    let pairs = Object::entries(value.unchecked_ref::<Object>());
    let mut out = Vec::with_capacity(pairs.length() as usize);
    for pair in pairs.iter() {
        let pair: Array = pair.unchecked_into();
        // Object.entries gives string keys only.
        let key = pair.get(0).as_string().unwrap_or_default();
        out.push((key, pair.get(1)));
    }
    Ok(out)
}

/// `typeof value`, with `null` and arrays told apart (for error messages).
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if Array::is_array(value) {
        "an array".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// True for `undefined` and `null`: the field (or optional argument) is absent.
pub(super) fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// The error for field `key` of argument `what`: `invalid {what}: `{key}`{problem}`.
fn field_error(what: &str, key: &str, problem: std::fmt::Arguments) -> JsError {
    JsError::new(&format!("invalid {what}: `{key}`{problem}"))
}

/// The error for field `key` of argument `what` whose value is not `expected`.
fn wrong_type(what: &str, key: &str, expected: &str, value: &JsValue) -> JsError {
    field_error(
        what,
        key,
        format_args!(" must be {expected}, got {}", type_name(value)),
    )
}

/// The error for a key that is not a field of argument `what` (a misspelt field is never
/// skipped silently).
fn unknown_field(what: &str, key: &str, known: &[&str]) -> JsError {
    JsError::new(&format!(
        "invalid {what}: unknown field `{key}`, expected one of {}",
        known.join(", ")
    ))
}

/// A string field.
fn string(value: &JsValue, what: &str, key: &str) -> Result<Option<String>, JsError> {
    if absent(value) {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| wrong_type(what, key, "a string", value))
}

/// A number field (finite or not: the options' own checks tell the range).
fn number(value: &JsValue, what: &str, key: &str) -> Result<Option<f64>, JsError> {
    if absent(value) {
        return Ok(None);
    }
    value
        .as_f64()
        .map(Some)
        .ok_or_else(|| wrong_type(what, key, "a number", value))
}

/// A whole-number field from 0 to `u32::MAX`.
fn whole_number(value: &JsValue, what: &str, key: &str) -> Result<Option<u32>, JsError> {
    if absent(value) {
        return Ok(None);
    }
    let expected = "a whole number from 0 to 4294967295";
    match value.as_f64() {
        Some(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => {
            Ok(Some(x as u32))
        }
        Some(_) => Err(field_error(what, key, format_args!(" must be {expected}"))),
        None => Err(wrong_type(what, key, expected, value)),
    }
}

/// An array-of-strings field.
fn strings(value: &JsValue, what: &str, key: &str) -> Result<Option<Vec<String>>, JsError> {
    if absent(value) {
        return Ok(None);
    }
    let expected = "an array of strings";
    if !Array::is_array(value) {
        return Err(wrong_type(what, key, expected, value));
    }
    let array: &Array = value.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize);
    for item in array.iter() {
        out.push(
            item.as_string()
                .ok_or_else(|| wrong_type(what, key, expected, &item))?,
        );
    }
    Ok(Some(out))
}

/// A record to validate (`KycRecord`): every field a string.
pub(super) fn record(value: &JsValue) -> Result<record::Record, JsError> {
    let what = "record";
    let mut out = record::Record::default();
    for (key, v) in entries(value, what)? {
        let text = string(&v, what, &key)?;
        match out.field_mut(&key) {
            Some(slot) => *slot = text,
            None => return Err(unknown_field(what, &key, &record::RECORD_FIELDS)),
        }
    }
    Ok(out)
}

/// Validation options (`ValidationOptions`); `undefined` or `null` gives the defaults.
pub(super) fn validation_options(value: &JsValue) -> Result<record::Options, JsError> {
    let what = "options";
    let mut out = record::Options::default();
    if absent(value) {
        return Ok(out);
    }
    for (key, v) in entries(value, what)? {
        match key.as_str() {
            "today" => {
                out.today = match string(&v, what, &key)? {
                    None => None,
                    Some(s) => Some(Date::parse_iso(&s).ok_or_else(|| {
                        field_error(
                            what,
                            &key,
                            format_args!(": `{s}` is not a real date in YYYY-MM-DD form"),
                        )
                    })?),
                }
            }
            "min_age" => {
                if let Some(n) = whole_number(&v, what, &key)? {
                    out.min_age = n;
                }
            }
            "max_age" => {
                if let Some(n) = whole_number(&v, what, &key)? {
                    out.max_age = n;
                }
            }
            "date_order" => {
                if let Some(s) = string(&v, what, &key)? {
                    out.date_order = DateOrder::parse(&s).ok_or_else(|| {
                        field_error(
                            what,
                            &key,
                            format_args!(" must be iso, dmy or mdy, got `{s}`"),
                        )
                    })?;
                }
            }
            "default_country" => out.default_country = string(&v, what, &key)?,
            "blocked_jurisdictions" => out.blocked_jurisdictions = strings(&v, what, &key)?,
            _ => return Err(unknown_field(what, &key, &record::OPTION_FIELDS)),
        }
    }
    Ok(out)
}

/// A screening query (`ScreenQuery`).
pub(super) fn query(value: &JsValue) -> Result<screen::Query, JsError> {
    let what = "query";
    let mut out = screen::Query::default();
    for (key, v) in entries(value, what)? {
        match key.as_str() {
            "name" => out.name = string(&v, what, &key)?.unwrap_or_default(),
            "type" | "entity_type" => {
                out.entity_type = match string(&v, what, &key)? {
                    None => None,
                    Some(s) => screen::parse_entity_type(&s)
                        .map_err(|e| field_error(what, &key, format_args!(": {e}")))?,
                }
            }
            "birth_date" => out.birth_date = string(&v, what, &key)?,
            "country" => out.country = string(&v, what, &key)?,
            "id_number" => out.id_number = string(&v, what, &key)?,
            "crypto_address" => out.crypto_address = string(&v, what, &key)?,
            _ => return Err(unknown_field(what, &key, &screen::QUERY_FIELDS)),
        }
    }
    Ok(out)
}

/// Screening options (`ScreenOptions`); `undefined` or `null` gives the defaults. The
/// thresholds' range is checked afterwards by [`screen::Options::validate`].
pub(super) fn screening_options(value: &JsValue) -> Result<screen::Options, JsError> {
    let what = "options";
    let mut out = screen::Options::default();
    if absent(value) {
        return Ok(out);
    }
    for (key, v) in entries(value, what)? {
        match key.as_str() {
            "review_threshold" => {
                if let Some(t) = number(&v, what, &key)? {
                    out.review_threshold = t;
                }
            }
            "block_threshold" => {
                if let Some(t) = number(&v, what, &key)? {
                    out.block_threshold = t;
                }
            }
            "max_matches" => {
                if let Some(n) = whole_number(&v, what, &key)? {
                    out.max_matches = n as usize;
                }
            }
            "sources" => {
                out.sources = match strings(&v, what, &key)? {
                    None => None,
                    Some(codes) => Some(
                        codes
                            .iter()
                            .map(|c| {
                                crate::model::SourceList::from_code(c).ok_or_else(|| {
                                    JsError::new(&format!(
                                        "invalid {what}: unknown source `{c}`, expected one of {}",
                                        crate::model::SourceList::ALL.map(|s| s.code()).join(", ")
                                    ))
                                })
                            })
                            .collect::<Result<Vec<_>, _>>()?,
                    ),
                }
            }
            "max_snapshot_age_days" => out.max_snapshot_age_days = whole_number(&v, what, &key)?,
            "today" => out.today = string(&v, what, &key)?,
            _ => return Err(unknown_field(what, &key, &screen::OPTION_FIELDS)),
        }
    }
    Ok(out)
}
