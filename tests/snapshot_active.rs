//! The active snapshot slot: fail closed on a refused load, report the stored error.
//! (Each test runs on its own thread, so each starts with an empty slot.)

mod snapshot_fixtures;

use kyc_check::snapshot::{
    active_info, clear_active, load_active, set_active, with_active, Snapshot, SnapshotError,
};

#[test]
fn nothing_is_loaded_at_start() {
    assert_eq!(with_active(|_| ()).unwrap_err(), SnapshotError::NotLoaded);
    assert_eq!(active_info().unwrap_err(), SnapshotError::NotLoaded);
}

#[test]
fn a_loaded_snapshot_is_active_with_its_size() {
    let bytes = snapshot_fixtures::snapshot().to_bytes();
    let info = load_active(&bytes).unwrap();
    assert_eq!(info.size_bytes, Some(bytes.len() as u64));
    assert_eq!(info.entity_count, 5);
    assert_eq!(info.label, "test");
    assert_eq!(with_active(|s| s.entities.len()).unwrap(), 5);
    assert_eq!(active_info().unwrap(), info);
}

#[test]
fn a_refused_load_drops_the_previous_snapshot() {
    let bytes = snapshot_fixtures::snapshot().to_bytes();
    load_active(&bytes).unwrap();
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0x55;
    let err = load_active(&damaged).unwrap_err();
    assert_eq!(err.code(), "hash_mismatch");
    // Screening now reports the load error, not the old snapshot.
    assert_eq!(with_active(|_| ()).unwrap_err(), err);
    assert_eq!(active_info().unwrap_err(), err);
    // A good load recovers.
    load_active(&bytes).unwrap();
    assert!(with_active(|_| ()).is_ok());
}

#[test]
fn set_active_stores_errors_and_snapshots() {
    set_active(Err(SnapshotError::BadMagic));
    assert_eq!(with_active(|_| ()).unwrap_err(), SnapshotError::BadMagic);
    set_active(Ok(snapshot_fixtures::snapshot()));
    let info = active_info().unwrap();
    assert_eq!(info.size_bytes, None);
    assert_eq!(with_active(|s| s.header.label.clone()).unwrap(), "test");
    set_active(Snapshot::from_bytes(b"garbage!"));
    assert_eq!(with_active(|_| ()).unwrap_err(), SnapshotError::BadMagic);
    clear_active();
    assert_eq!(with_active(|_| ()).unwrap_err(), SnapshotError::NotLoaded);
}

#[test]
fn loading_from_inside_with_active_does_not_panic() {
    let bytes = snapshot_fixtures::snapshot().to_bytes();
    load_active(&bytes).unwrap();
    let inner = with_active(|_| load_active(b"not a snapshot").unwrap_err()).unwrap();
    assert_eq!(inner, SnapshotError::BadMagic);
    assert_eq!(with_active(|_| ()).unwrap_err(), SnapshotError::BadMagic);
}
