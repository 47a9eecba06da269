//! wasm tests under Node: `wasm-pack test --node -- --test wasm_node`.
#![cfg(target_arch = "wasm32")]

mod determinism;
mod wasm_cases;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "fs")]
extern "C" {
    /// Node's `fs.readFileSync(path, encoding)`.
    #[wasm_bindgen(catch, js_name = readFileSync)]
    fn read_file_sync(path: &str, encoding: &str) -> Result<String, JsValue>;
}

/// Determinism, wasm half (issue 12): the corpus of `tests/determinism` screened in
/// WebAssembly gives the very bytes `tests/screen_determinism.rs` wrote natively (`make
/// test` runs the native tests first).
#[wasm_bindgen_test]
fn screening_results_are_byte_identical_to_native() {
    let path = format!(
        "{}/{}",
        env!("CARGO_MANIFEST_DIR"),
        determinism::NATIVE_JSONL
    );
    let native = read_file_sync(&path, "utf8").unwrap_or_else(|_| {
        panic!("{path} is missing: run `cargo test --test screen_determinism` first")
    });
    let snapshot = determinism::default_snapshot();
    let wasm = determinism::jsonl(&snapshot);
    assert_eq!(wasm.lines().count(), determinism::QUERIES);
    if let Some((i, (n, w))) = native
        .lines()
        .zip(wasm.lines())
        .enumerate()
        .find(|(_, (n, w))| n != w)
    {
        panic!("result {i} differs:\nnative {n}\nwasm   {w}");
    }
    assert!(
        native == wasm,
        "the native and wasm results differ in length"
    );

    // The JavaScript API returns the same results (as values) for a sample of the corpus.
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    let options = serde_json::json!({ "review_threshold": 0.7, "max_matches": 25 });
    let to_js = |v: &serde_json::Value| {
        use serde::Serialize;
        v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .expect("JSON converts to a JS value")
    };
    for (q, line) in determinism::queries(&snapshot)
        .iter()
        .zip(wasm.lines())
        .take(300)
    {
        let query = serde_json::to_value(q).expect("a query serialises");
        let result = kyc_check::wasm::screen_js(to_js(&query), to_js(&options)).expect("screened");
        let result: serde_json::Value = serde_wasm_bindgen::from_value(result).expect("plain JSON");
        let expected: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert_eq!(as_f64(result), as_f64(expected), "{q:?}");
    }
}

/// `value` with every number as a float: JavaScript has one number type, so a score of 1
/// comes back from the JS API as the integer 1 where serde_json reads `1.0` as a float.
fn as_f64(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Number(n), Value::Number),
        Value::Array(a) => Value::Array(a.into_iter().map(as_f64).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, as_f64(v))).collect()),
        other => other,
    }
}
