//! Resource bounds (issue 12): every input of up to 1 MB — random, one huge token, many
//! tokens, invisible characters, deep JSON — gives `too_long` or a result from every
//! validator, `validate_record` and `screen`; an over-long screening query is never
//! `clear`. No timing here (tests assert behaviour): `examples/bounds_bench.rs` measures
//! the worst-case time per input.

// Native only: the wasm build runs the same bounds through its API in tests/wasm_cases.
#![cfg(not(target_arch = "wasm32"))]

mod bounds;

use kyc_check::screen::work::{WorkMeter, MAX_QUERY_WORK};
use kyc_check::screen::{Decision, Options, Query, Screener, ScreeningResult, MAX_NAME_BYTES};
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

/// Whether screening reports that the query reached the work limit.
fn work_limited(r: &ScreeningResult) -> bool {
    r.warnings.iter().any(|w| w.starts_with("work_limit"))
}

/// The work limit: a query over it is only partly screened, says so with `work_limit`
/// and is never `clear` (a listed name is not `block` either: what was left unscreened is
/// unknown); the units a query spends are the same on every run, whatever was prepared
/// before (so are its results, natively and in wasm).
#[test]
fn the_work_limit_fails_closed_and_is_deterministic() {
    let snapshot = Snapshot::from_bytes(default_snapshot_bytes()).expect("default snapshot");
    let screener = Screener::new(&snapshot);
    let options = Options::default();
    for (name, decision) in [
        ("Ordinary Customer Name", Decision::Clear),
        ("Aisha Muammar QADHAFI", Decision::Block),
    ] {
        let query = Query::name(name);
        let free = screener.screen(&query, &options);
        assert_eq!(free.decision, decision, "{name}");
        assert!(!work_limited(&free), "{name}: {:?}", free.warnings);
        let mut meter = WorkMeter::unlimited();
        assert_eq!(screener.screen_metered(&query, &options, &mut meter), free);
        let spent = meter.spent();
        assert!(
            spent > 0 && spent < MAX_QUERY_WORK / 10,
            "{name}: {spent} units"
        );
        let mut again = WorkMeter::unlimited();
        screener.screen_metered(&query, &options, &mut again);
        assert_eq!((again.spent(), again.counts()), (spent, meter.counts()));
        // Just enough: the same result. One unit short, or none at all: review.
        let mut exact = WorkMeter::with_limit(spent);
        assert_eq!(screener.screen_metered(&query, &options, &mut exact), free);
        for limit in [spent - 1, spent / 2, 1, 0] {
            let mut short = WorkMeter::with_limit(limit);
            let r = screener.screen_metered(&query, &options, &mut short);
            assert!(work_limited(&r), "{name} at {limit}: {:?}", r.warnings);
            assert!(
                r.decision == Decision::Review || r.decision == Decision::Block,
                "{name} at {limit}: {:?}",
                r.decision
            );
            assert_ne!(r.decision, Decision::Clear, "{name} at {limit}");
        }
    }
}

/// Every pathological name within the size bounds either stays within the work limit or
/// says it was cut (never `clear` then), and its units do not depend on what ran before.
#[test]
fn pathological_names_are_metered() {
    let snapshot = Snapshot::from_bytes(default_snapshot_bytes()).expect("default snapshot");
    let screener = Screener::new(&snapshot);
    let options = Options::default();
    for (label, name) in bounds::pathological_names() {
        let query = Query::name(name);
        let mut first = WorkMeter::default();
        let r = screener.screen_metered(&query, &options, &mut first);
        let mut second = WorkMeter::default();
        assert_eq!(
            screener.screen_metered(&query, &options, &mut second),
            r,
            "{label}"
        );
        assert_eq!(first.spent(), second.spent(), "{label}");
        if first.exhausted() {
            assert!(work_limited(&r), "{label}: {:?}", r.warnings);
            assert_ne!(r.decision, Decision::Clear, "{label}");
        }
    }
}

/// Past the work limit, a listed name typed exactly as listed is still scored: the
/// longest official names (state institutes of 15-20 words, over the limit) stay `block`.
#[test]
fn a_listed_name_in_full_is_found_past_the_work_limit() {
    let snapshot = Snapshot::from_bytes(default_snapshot_bytes()).expect("default snapshot");
    let screener = Screener::new(&snapshot);
    let options = Options::default();
    let query = Query::name("AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI");
    let mut none = WorkMeter::with_limit(0);
    let r = screener.screen_metered(&query, &options, &mut none);
    assert!(work_limited(&r), "{:?}", r.warnings);
    assert_eq!(r.decision, Decision::Block, "{:?}", r.matches);
    assert!(r
        .matches
        .iter()
        .any(|m| m.matched_name == "AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI" && m.score == 1.0));
    // With no work allowed at all, the reading is not even prepared: a name spelled
    // otherwise is not scored, and the decision is review, never clear.
    let r = screener.screen_metered(
        &Query::name("AISHA MUAMAR QADHAFI"),
        &options,
        &mut WorkMeter::with_limit(0),
    );
    assert_eq!(r.decision, Decision::Review);
    assert!(r.matches.is_empty());
}
