//! Test cases run inside the wasm module, once under Node (`tests/wasm_node.rs`) and once in
//! headless Chromium (`tests/wasm_browser.rs`), against the JavaScript-facing API.

use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../common/mod.rs"]
mod common;

#[wasm_bindgen_test]
fn version_matches_the_crate() {
    assert_eq!(kyc_check::wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn shared_validation_vectors_pass_in_wasm() {
    // The same tests/vectors/*.tsv files the native tests read, compiled in.
    let checked = common::run_all_vectors();
    assert!(
        checked
            == common::vector_files::VECTOR_FILES
                .iter()
                .map(|(_, c)| count_vectors(c))
                .sum::<usize>()
    );
}

fn count_vectors(contents: &str) -> usize {
    contents
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count()
}

/// Converts JSON to the plain JavaScript object a page would pass.
fn js(value: serde_json::Value) -> wasm_bindgen::JsValue {
    use serde::Serialize;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("JSON converts to a JS value")
}

/// Converts a JavaScript result back to JSON for assertions.
fn json(value: wasm_bindgen::JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(value).expect("result is plain JSON")
}

#[wasm_bindgen_test]
fn validate_record_reports_each_field_with_stable_codes() {
    let record = js(serde_json::json!({
        "given_name": "Anna María",
        "family_name": "Eriksson",
        "birth_date": "2010-05-01",
        "email": "anna@@example.com",
        "iban": "GB82 WEST 1234 5698 7654 33",
        "country": "Sweden",
    }));
    let options = js(serde_json::json!({ "today": "2026-11-21" }));
    let report = json(kyc_check::wasm::validate_record(record, options).expect("record accepted"));
    assert_eq!(report["valid"], false);
    let fields = &report["fields"];
    assert_eq!(fields["given_name"]["valid"], true);
    assert_eq!(fields["given_name"]["normalized"], "Anna María");
    assert_eq!(fields["country"]["normalized"], "SE");
    assert_eq!(fields["birth_date"]["errors"][0]["code"], "too_young");
    assert_eq!(fields["iban"]["errors"][0]["code"], "invalid_checksum");
    assert_eq!(fields["email"]["valid"], false);
}

#[wasm_bindgen_test]
fn bad_arguments_throw_instead_of_trapping() {
    let not_a_record = wasm_bindgen::JsValue::from_f64(42.0);
    assert!(
        kyc_check::wasm::validate_record(not_a_record, wasm_bindgen::JsValue::UNDEFINED).is_err()
    );
    let misspelt = js(serde_json::json!({ "emial": "a@b.co" }));
    assert!(kyc_check::wasm::validate_record(misspelt, wasm_bindgen::JsValue::UNDEFINED).is_err());
    let unknown_format = kyc_check::wasm::validate_format("no_such_format".into(), "x".into());
    assert!(unknown_format.is_err());
}

/// The message of the error `result` holds (a `JsError` as a JavaScript `Error`).
fn error_message<T>(result: Result<T, wasm_bindgen::JsError>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => {
            let value = wasm_bindgen::JsValue::from(e);
            js_sys::Reflect::get(&value, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_default()
        }
    }
}

/// Object arguments are read field by field (src/wasm/args.rs): each error names the
/// argument and the field; `null` and `undefined` are absent; nothing unknown is skipped.
#[wasm_bindgen_test]
fn object_arguments_are_checked_field_by_field() {
    use kyc_check::wasm::{screen_js, validate_record};
    use wasm_bindgen::JsValue;
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    let query = |v| screen_js(js(v), JsValue::UNDEFINED);
    let cases = [
        (query(serde_json::json!({ "name": 7 })), "invalid query: `name` must be a string, got number"),
        (query(serde_json::json!({ "nme": "x" })), "invalid query: unknown field `nme`, expected one of name, type, entity_type, birth_date, country, id_number, crypto_address"),
        (query(serde_json::json!({ "name": "x", "type": "robot" })), "invalid query: `type`: unknown type `robot` (person, organization, vessel, aircraft)"),
        (query(serde_json::json!(["x"])), "invalid query: expected an object, got an array"),
        (screen_js(JsValue::from_str("x"), JsValue::UNDEFINED), "invalid query: expected an object, got string"),
        (screen_js(js(serde_json::json!({ "name": "x" })), js(serde_json::json!({ "max_matches": 2.5 }))), "invalid options: `max_matches` must be a whole number from 0 to 4294967295"),
        (screen_js(js(serde_json::json!({ "name": "x" })), js(serde_json::json!({ "sources": ["ofac"] }))), "invalid options: unknown source `ofac`, expected one of ofac_sdn, ofac_consolidated, un_sc, uk_ofsi, uk_fcdo, eu"),
        (screen_js(js(serde_json::json!({ "name": "x" })), js(serde_json::json!({ "review_threshold": 1.5 }))), "invalid options: review_threshold must be in (0, 1], got 1.5"),
        (validate_record(js(serde_json::json!({ "email": ["a@b.co"] })), JsValue::UNDEFINED), "invalid record: `email` must be a string, got an array"),
        (validate_record(js(serde_json::json!({})), js(serde_json::json!({ "date_order": "ydm" }))), "invalid options: `date_order` must be iso, dmy or mdy, got `ydm`"),
        (validate_record(js(serde_json::json!({})), js(serde_json::json!({ "today": "2026-02-30" }))), "invalid options: `today`: `2026-02-30` is not a real date in YYYY-MM-DD form"),
        (validate_record(js(serde_json::json!({})), js(serde_json::json!({ "blocked_jurisdictions": ["IR", 1] }))), "invalid options: `blocked_jurisdictions` must be an array of strings, got number"),
    ];
    for (result, expected) in cases {
        assert_eq!(error_message(result), expected);
    }
    // `null` is absent: the defaults apply.
    let result = screen_js(
        js(serde_json::json!({ "name": "Kim Jong Un", "type": null, "country": null })),
        js(serde_json::json!({ "max_matches": null, "sources": null })),
    );
    assert!(result.is_ok());
    let report = validate_record(
        js(serde_json::json!({ "email": "anna@example.se", "phone": null })),
        js(serde_json::json!({ "min_age": 21, "today": "2026-01-01" })),
    );
    assert!(report.is_ok());
}

#[wasm_bindgen_test]
fn snapshot_loading_verifies_and_fails_closed() {
    let info = json(kyc_check::wasm::use_default_snapshot().expect("default snapshot loads"));
    assert_eq!(info["label"], "sample");
    assert_eq!(info["sha256"].as_str().map(str::len), Some(64));

    // One flipped byte: refused with a hash error, and no snapshot stays active.
    let mut bytes = kyc_check::snapshot::default_snapshot_bytes().to_vec();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    let refused = kyc_check::wasm::load_snapshot(&bytes);
    assert!(refused.is_err());
    assert!(
        kyc_check::wasm::snapshot_info().is_err(),
        "a refused load must leave no active snapshot"
    );

    // Wrong magic and truncation are refused too.
    assert!(kyc_check::wasm::load_snapshot(b"not a snapshot at all").is_err());
    let whole = kyc_check::snapshot::default_snapshot_bytes();
    assert!(kyc_check::wasm::load_snapshot(&whole[..whole.len() / 2]).is_err());

    // A good snapshot loads again.
    let reloaded = json(kyc_check::wasm::load_snapshot(whole).expect("intact bytes load"));
    assert_eq!(reloaded["sha256"], info["sha256"]);
}

/// `loadSnapshotAsync` (the SHA-256 from Web Crypto, in Node and in Chromium) loads what
/// `loadSnapshot` loads and refuses what it refuses, leaving no snapshot active.
#[wasm_bindgen_test]
async fn async_loading_verifies_like_the_sync_load() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let load = |bytes: &[u8]| {
        JsFuture::from(kyc_check::wasm::load_snapshot_async(
            js_sys::Uint8Array::from(bytes),
        ))
    };
    let whole = kyc_check::snapshot::default_snapshot_bytes();
    let sync = json(kyc_check::wasm::load_snapshot(whole).expect("loads"));
    let info = json(load(whole).await.expect("loads asynchronously"));
    assert_eq!(info, sync);

    let mut bytes = whole.to_vec();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    let refused = load(&bytes).await.expect_err("a flipped byte is refused");
    let message = refused.unchecked_into::<js_sys::Error>().message();
    assert!(
        String::from(message).starts_with("hash_mismatch"),
        "refused for its hash"
    );
    assert!(kyc_check::wasm::snapshot_info().is_err());
    let refused = load(&whole[..20])
        .await
        .expect_err("a cut-off file is refused");
    assert!(
        String::from(refused.unchecked_into::<js_sys::Error>().message()).starts_with("truncated")
    );
    assert!(kyc_check::wasm::snapshot_info().is_err());
    assert_eq!(json(load(whole).await.expect("loads again")), sync);
}

#[wasm_bindgen_test]
fn entity_details_decode_one_entity_with_its_remarks() {
    use kyc_check::snapshot::Snapshot;
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    let snapshot = Snapshot::from_bytes(kyc_check::snapshot::default_snapshot_bytes()).unwrap();
    let entities = &snapshot.entities;
    let i = (0..entities.len())
        .find(|&i| entities.remarks(i).unwrap().is_some())
        .expect("the sample lists have remarks");
    let expected = entities.get(i).unwrap().unwrap().into_owned();
    let details = json(kyc_check::wasm::entity_details(&expected.id).unwrap());
    assert_eq!(details["id"], expected.id.as_str());
    assert_eq!(details["remarks"], expected.remarks.as_deref().unwrap());
    assert_eq!(
        details["names"].as_array().map(Vec::len),
        Some(expected.names.len())
    );
    assert!(kyc_check::wasm::entity_details("no_such:id")
        .unwrap()
        .is_null());
    assert_eq!(details["remarks_state"], "loaded");
}

/// External remarks (`--remarks external`): `entityDetails` says `not_loaded` until
/// `loadRemarks` attaches the verified remarks file; a wrong, cut or altered file is
/// refused with its code and changes nothing; screening is the same throughout.
#[wasm_bindgen_test]
fn external_remarks_are_attached_on_demand() {
    use kyc_check::snapshot::{attach_active_remarks, RemarksMode, Snapshot};
    use kyc_check::wasm::{entity_details, load_remarks, load_snapshot, screen_js};
    let sample = Snapshot::from_bytes(kyc_check::snapshot::default_snapshot_bytes()).unwrap();
    let entities = sample.entities.to_vec().unwrap();
    let build = |mode| {
        let h = &sample.header;
        Snapshot::build_files(h.sources.clone(), entities.clone(), &h.built_at, "t", mode)
    };
    let (_, kcs, kcr) = build(RemarksMode::External);
    let kcr = kcr.expect("a remarks file");
    let with = entities.iter().find(|e| e.remarks.is_some()).unwrap();
    let without = entities.iter().find(|e| e.remarks.is_none()).unwrap();
    let query = || js(serde_json::json!({ "name": with.primary_name() }));
    let screened =
        || json(screen_js(query(), wasm_bindgen::JsValue::UNDEFINED).unwrap())["matches"].clone();

    let info = json(load_snapshot(&kcs).expect("loads without its remarks"));
    assert_eq!(info["remarks"], "external");
    assert_eq!(info["remarks_companion"]["size_bytes"], kcr.len());
    let before = screened();
    assert!(before.as_array().is_some_and(|m| !m.is_empty()));
    let details = json(entity_details(&with.id).unwrap());
    assert_eq!(details["remarks_state"], "not_loaded");
    assert!(details["remarks"].is_null());
    assert_eq!(details["names"][0]["full"], with.primary_name());
    let details = json(entity_details(&without.id).unwrap());
    assert_eq!(details["remarks_state"], "loaded", "no remarks to load");

    let mut tampered = kcr.clone();
    *tampered.last_mut().unwrap() ^= 1;
    for (file, code) in [
        (&kcs[..], "bad_magic"),
        (&kcr[..kcr.len() - 1], "truncated"),
        (&tampered[..], "hash_mismatch"),
    ] {
        assert!(load_remarks(file).is_err(), "{code}");
        assert_eq!(attach_active_remarks(file).unwrap_err().code(), code);
        let details = json(entity_details(&with.id).unwrap());
        assert_eq!(details["remarks_state"], "not_loaded", "{code}");
    }
    load_remarks(&kcr).expect("the pinned remarks file attaches");
    let details = json(entity_details(&with.id).unwrap());
    assert_eq!(details["remarks_state"], "loaded");
    assert_eq!(details["remarks"], with.remarks.as_deref().unwrap());
    assert_eq!(screened(), before);

    // Snapshots without external remarks: nothing to attach; excerpt and none say so.
    for (mode, state) in [
        (RemarksMode::Excerpt, "excerpt"),
        (RemarksMode::None, "none"),
    ] {
        load_snapshot(&build(mode).1).unwrap();
        assert!(load_remarks(&kcr).is_err());
        assert_eq!(
            attach_active_remarks(&kcr).unwrap_err().code(),
            "remarks_not_external"
        );
        assert_eq!(
            json(entity_details(&with.id).unwrap())["remarks_state"],
            state
        );
        assert_eq!(screened(), before);
    }
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    assert!(load_remarks(&kcr).is_err());
}

#[wasm_bindgen_test]
fn screening_explains_matches_and_fails_closed() {
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    let query =
        js(serde_json::json!({ "name": "Jong Un KIM", "type": "person", "birth_date": "1984" }));
    let result = json(
        kyc_check::wasm::screen_js(query, wasm_bindgen::JsValue::UNDEFINED).expect("screened"),
    );
    assert_eq!(result["decision"], "block");
    let top = &result["matches"][0];
    assert_eq!(top["source"], "ofac_sdn");
    assert_eq!(top["type"], "person");
    assert!(top["explanation"]["alignment"]
        .as_array()
        .is_some_and(|a| a.len() == 3));
    assert_eq!(
        result["snapshot"]["sha256"].as_str().map(str::len),
        Some(64)
    );

    // Same input, same output (deterministic scores and ordering).
    let again = json(
        kyc_check::wasm::screen_js(
            js(serde_json::json!({ "name": "Jong Un KIM", "type": "person", "birth_date": "1984" })),
            wasm_bindgen::JsValue::UNDEFINED,
        )
        .expect("screened"),
    );
    assert_eq!(again, result);

    // An unrelated name is clear.
    let clear = json(
        kyc_check::wasm::screen_js(
            js(serde_json::json!({ "name": "Maria Jose Fernandez Lopez" })),
            wasm_bindgen::JsValue::UNDEFINED,
        )
        .expect("screened"),
    );
    assert_eq!(clear["decision"], "clear");

    // A refused snapshot leaves screening unable to answer: an error, never `clear`.
    assert!(kyc_check::wasm::load_snapshot(b"garbage").is_err());
    assert!(screening_is_refused());
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads again");
}

#[wasm_bindgen_test]
fn an_expired_snapshot_gives_review_not_clear() {
    // The default snapshot is built 2025-06-01; with a 30-day limit it is expired by July.
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    let query = || js(serde_json::json!({ "name": "Maria Jose Fernandez Lopez" }));
    let fresh = json(
        kyc_check::wasm::screen_js(
            query(),
            js(serde_json::json!({ "max_snapshot_age_days": 30, "today": "2025-06-15" })),
        )
        .expect("screened"),
    );
    assert_eq!(fresh["decision"], "clear");
    for options in [
        serde_json::json!({ "max_snapshot_age_days": 30, "today": "2025-07-15" }),
        // No `today`: the age is measured at JavaScript's Date.now().
        serde_json::json!({ "max_snapshot_age_days": 30 }),
    ] {
        let stale = json(kyc_check::wasm::screen_js(query(), js(options)).expect("screened"));
        assert_eq!(stale["decision"], "review");
        assert!(stale["warnings"][0]
            .as_str()
            .is_some_and(|w| w.starts_with("snapshot_expired")));
    }
}

#[wasm_bindgen_test]
fn a_missing_or_empty_snapshot_leaves_screening_refused() {
    // A missing file fetched as nothing, or only the start of a header: refused, and
    // screening throws until a valid snapshot loads (fail closed, never `clear`).
    for bytes in [
        &b""[..],
        &kyc_check::snapshot::default_snapshot_bytes()[..8],
    ] {
        assert!(kyc_check::wasm::load_snapshot(bytes).is_err());
        assert!(kyc_check::wasm::snapshot_info().is_err());
        assert!(screening_is_refused());
    }
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads again");
}

#[wasm_bindgen_test]
fn a_megabyte_of_input_gives_too_long_or_review_never_clear() {
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    let big = "a\u{200B}".repeat(1 << 18);
    let result = json(
        kyc_check::wasm::screen_js(
            js(serde_json::json!({ "name": big })),
            wasm_bindgen::JsValue::UNDEFINED,
        )
        .expect("screened"),
    );
    assert_eq!(result["decision"], "review");
    assert!(result["warnings"][0]
        .as_str()
        .is_some_and(|w| w.starts_with("too_long")));
    let report = json(
        kyc_check::wasm::validate_format("iban".into(), big.as_str().into()).expect("validated"),
    );
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"][0]["code"], "too_long");
}

/// True when `screen` throws for a plain name (no valid snapshot: fail closed).
fn screening_is_refused() -> bool {
    kyc_check::wasm::screen_js(
        js(serde_json::json!({ "name": "Maria Jose Fernandez Lopez" })),
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .is_err()
}

#[wasm_bindgen_test]
fn preparing_identifiers_changes_no_result() {
    // Without a snapshot it does nothing (and does not throw).
    kyc_check::snapshot::clear_active();
    kyc_check::wasm::prepare_identifiers();
    let query = || js(serde_json::json!({ "name": "Jong Un KIM", "id_number": "648 A 0123" }));
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads");
    let lazy = json(
        kyc_check::wasm::screen_js(query(), wasm_bindgen::JsValue::UNDEFINED).expect("screened"),
    );
    kyc_check::wasm::use_default_snapshot().expect("default snapshot loads again");
    kyc_check::wasm::prepare_identifiers();
    let prepared = json(
        kyc_check::wasm::screen_js(query(), wasm_bindgen::JsValue::UNDEFINED).expect("screened"),
    );
    assert_eq!(lazy, prepared);
    assert_eq!(prepared["decision"], "block");
}
