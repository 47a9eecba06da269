//! Fail closed, Rust half (issue 12; the wasm half is in tests/wasm_cases, the page half in
//! tests/page/signup.test.mjs): a missing, corrupted or expired snapshot gives an error or
//! `review`, never `clear`, for a name on no list.

// Native only: the wasm build runs the same checks through its API in tests/wasm_cases.
#![cfg(not(target_arch = "wasm32"))]

use kyc_check::screen::{Decision, Options, Query, Screener};
use kyc_check::snapshot::{
    clear_active, default_snapshot_bytes, load_active, with_active, Snapshot, SnapshotError,
};

const CLEAN_NAME: &str = "Maria Jose Fernandez Lopez";

/// Screens the clean name against the active snapshot, as the wasm `screen` does.
fn screen_active(options: &Options) -> Result<Decision, SnapshotError> {
    with_active(|s| {
        Screener::new(s)
            .screen(&Query::name(CLEAN_NAME), options)
            .decision
    })
}

#[test]
fn a_missing_snapshot_is_an_error() {
    clear_active();
    assert_eq!(
        screen_active(&Options::default()),
        Err(SnapshotError::NotLoaded)
    );
    // An empty file (a missing one read as nothing) is refused and leaves none.
    assert!(load_active(b"").is_err());
    assert!(screen_active(&Options::default()).is_err());
}

#[test]
fn a_corrupted_snapshot_is_an_error_at_every_damaged_byte() {
    let good = default_snapshot_bytes();
    assert_eq!(
        load_active(good).map(|_| ()),
        Ok(()),
        "the default snapshot loads"
    );
    assert_eq!(screen_active(&Options::default()), Ok(Decision::Clear));
    // Flip one bit at positions spread over the whole file (header, hash, payload, end)
    // and truncate at the same positions: every damaged file is refused, and screening
    // refuses until a good one loads again.
    let step = (good.len() / 97).max(1);
    for pos in (0..good.len()).step_by(step).chain([good.len() - 1]) {
        let mut damaged = good.to_vec();
        damaged[pos] ^= 0x10;
        assert!(
            Snapshot::from_bytes(&damaged).is_err(),
            "flip at {pos} accepted"
        );
        assert!(load_active(&damaged).is_err());
        assert!(screen_active(&Options::default()).is_err(), "flip at {pos}");
        assert!(
            load_active(&good[..pos]).is_err(),
            "truncation at {pos} accepted"
        );
        assert!(screen_active(&Options::default()).is_err());
        load_active(good).expect("the good snapshot loads again");
    }
}

#[test]
fn an_expired_snapshot_gives_review() {
    let snapshot = Snapshot::from_bytes(default_snapshot_bytes()).expect("loads");
    let built = snapshot
        .header
        .built_at
        .get(..10)
        .unwrap_or_default()
        .to_string();
    let screener = Screener::new(&snapshot);
    let at = |today: &str, max: u32| Options {
        max_snapshot_age_days: Some(max),
        today: Some(today.to_string()),
        ..Options::default()
    };
    let fresh = screener.screen(&Query::name(CLEAN_NAME), &at(&built, 0));
    assert_eq!(fresh.decision, Decision::Clear, "{:?}", fresh.warnings);
    // One day over the limit, years over it, and with no `today` (the clock).
    for options in [
        at("2099-12-31", 30),
        Options {
            max_snapshot_age_days: Some(0),
            ..Options::default()
        },
    ] {
        let stale = screener.screen(&Query::name(CLEAN_NAME), &options);
        assert_eq!(stale.decision, Decision::Review);
        assert!(stale
            .warnings
            .iter()
            .any(|w| w.starts_with("snapshot_expired")));
    }
    // A snapshot whose build date cannot be read has an unknown age: expired.
    let mut undated = Snapshot::from_bytes(default_snapshot_bytes()).expect("loads");
    undated.header.built_at = "sometime".into();
    let r = Screener::new(&undated).screen(&Query::name(CLEAN_NAME), &at("2025-06-01", 3650));
    assert_eq!(r.decision, Decision::Review);
}
