//! Resource bounds (issue 12): every input of up to 1 MB — random, one huge token, many
//! tokens, invisible characters, deep JSON — gives `too_long` or a result from every
//! validator, `validate_record` and `screen`; an over-long screening query is never
//! `clear`. No timing here (tests assert behaviour): `examples/bounds_bench.rs` measures
//! the worst-case time per input.

// Native only: the wasm build runs the same bounds through its API in tests/wasm_cases.
#![cfg(not(target_arch = "wasm32"))]

mod bounds;

use kyc_check::screen::{Decision, Options, Screener, MAX_NAME_BYTES};
use kyc_check::snapshot::{default_snapshot_bytes, Snapshot};
use kyc_check::validate::record::{validate_record, Options as RecordOptions, Record};
use kyc_check::validate::{validate_format, ErrorCode};

#[test]
fn every_validator_says_too_long_to_a_megabyte() {
    let ids = bounds::format_ids();
    for (label, input) in bounds::inputs() {
        assert!(input.len() > 1000 * 1000, "{label}");
        for id in &ids {
            let result = validate_format(id, &input).unwrap_or_else(|| panic!("{id} is a format"));
            match result {
                Err(e) => assert_eq!(e.code, ErrorCode::TooLong, "{id} on {label}: {e:?}"),
                Ok(n) => panic!("{id} accepted 1 MB of {label}: {n:?}"),
            }
        }
    }
}

#[test]
fn records_of_a_megabyte_are_refused_or_report_too_long() {
    let options = RecordOptions::default();
    for (label, json) in bounds::records() {
        match serde_json::from_str::<Record>(&json) {
            // Deep nesting and unknown keys are refused by the parser (its recursion limit
            // stops nesting before the stack does).
            Err(_) => {}
            Ok(record) => {
                let report = validate_record(&record, &options);
                assert!(!report.valid, "{label}");
                let too_long = serde_json::to_string(&report).expect("a report serialises");
                assert!(
                    too_long.contains("too_long"),
                    "{label}: no too_long in the report"
                );
            }
        }
    }
}

#[test]
fn screening_a_megabyte_gives_a_result_never_clear() {
    let snapshot = Snapshot::from_bytes(default_snapshot_bytes()).expect("default snapshot");
    let screener = Screener::new(&snapshot);
    for (label, query) in bounds::screen_queries() {
        let result = screener.screen(&query, &Options::default());
        let over_bound = query.name.len() > MAX_NAME_BYTES
            || [&query.id_number, &query.crypto_address]
                .iter()
                .any(|v| v.as_ref().is_some_and(|v| v.len() > 256))
            || label.contains("one over the token bound")
            || label.contains("one token at the byte bound");
        if over_bound {
            assert_ne!(
                result.decision,
                Decision::Clear,
                "{label}: {:?}",
                result.warnings
            );
            assert!(
                result.warnings.iter().any(|w| w.starts_with("too_long")),
                "{label}: {:?}",
                result.warnings
            );
        }
        // No warning repeats the over-long input.
        assert!(
            result.warnings.iter().all(|w| w.len() < 400),
            "{label}: a warning repeats the input"
        );
        if label.starts_with("birth_date") {
            assert!(result
                .warnings
                .iter()
                .any(|w| w.starts_with("birth_date ignored")));
        }
    }
}

#[test]
fn options_of_a_megabyte_are_refused_without_echo() {
    let today = "2".repeat(bounds::MB);
    let options = Options {
        today: Some(today),
        ..Options::default()
    };
    let err = options.validate().expect_err("a 1 MB date is refused");
    assert!(err.len() < 200, "{err}");
}
