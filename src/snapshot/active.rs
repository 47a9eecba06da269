//! The active snapshot: the one screening answers against, kept per thread (in the browser
//! there is one thread; natively each thread loads its own).
//!
//! Fail closed: the active slot holds either a verified snapshot or the error of the last
//! load. A failed load replaces (drops) the previous snapshot, so screening refuses instead
//! of silently answering from a list the caller meant to replace.

use super::{Snapshot, SnapshotError, SnapshotInfo};
use std::cell::RefCell;
use std::rc::Rc;

/// A verified snapshot and the size of the file it came from, when known.
struct Loaded {
    snapshot: Rc<Snapshot>,
    size_bytes: Option<u64>,
}

thread_local! {
    static ACTIVE: RefCell<Result<Loaded, SnapshotError>> =
        const { RefCell::new(Err(SnapshotError::NotLoaded)) };
}

fn store(state: Result<Loaded, SnapshotError>) {
    // Take the old value out first and drop it after the borrow ends, so a snapshot's drop
    // can never observe the slot borrowed.
    let old = ACTIVE.with(|slot| slot.replace(state));
    drop(old);
}

/// Makes `result` the active state: a snapshot to screen against, or the error that
/// screening will report until the next successful load.
pub fn set_active(result: Result<Snapshot, SnapshotError>) {
    store(result.map(|snapshot| Loaded {
        snapshot: Rc::new(snapshot),
        size_bytes: None,
    }));
}

/// Verifies and decodes `bytes`, builds the index tables its first query would otherwise
/// build (`NameIndex::prepare_for_queries`), and makes the result active (see
/// [`set_active`]); returns the snapshot's summary. The previous snapshot is dropped before decoding, which keeps
/// peak memory to one snapshot and means a failed load leaves none.
pub fn load_active(bytes: &[u8]) -> Result<SnapshotInfo, SnapshotError> {
    load_active_with_digest(bytes, None)
}

/// [`load_active`], given the SHA-256 of the file's payload (`bytes[format::PREFIX_LEN..]`) as
/// computed over these bytes by other trusted code (the wasm `loadSnapshotAsync` has
/// the browser's Web Crypto compute it); it must equal the stored hash, as the computed
/// one must. `None` computes it here.
pub(crate) fn load_active_with_digest(
    bytes: &[u8],
    payload_sha256: Option<[u8; 32]>,
) -> Result<SnapshotInfo, SnapshotError> {
    store(Err(SnapshotError::NotLoaded));
    let size_bytes = Some(bytes.len() as u64);
    let loaded = super::format::decode_with_digest(bytes, payload_sha256).map(|snapshot| {
        // Loaded to screen: the first query should not pay for the tables built on
        // first use (a few ms in a browser on every list), so build them now.
        snapshot.index.prepare_for_queries();
        Loaded {
            snapshot: Rc::new(snapshot),
            size_bytes,
        }
    });
    let info = match &loaded {
        Ok(l) => Ok(l.snapshot.info(l.size_bytes)),
        Err(e) => Err(e.clone()),
    };
    store(loaded);
    info
}

/// Loads the bundled default snapshot ([`super::default_snapshot_bytes`], the `sample`
/// lists) as with [`load_active`].
pub fn use_default() -> Result<SnapshotInfo, SnapshotError> {
    load_active(super::default_snapshot_bytes())
}

/// Forgets the active snapshot; screening then reports `NotLoaded`.
pub fn clear_active() {
    store(Err(SnapshotError::NotLoaded));
}

/// The active snapshot (shared, cheap to clone), or the error of the last load, or
/// [`SnapshotError::NotLoaded`].
pub fn active() -> Result<Rc<Snapshot>, SnapshotError> {
    ACTIVE.with(|slot| match &*slot.borrow() {
        Ok(loaded) => Ok(Rc::clone(&loaded.snapshot)),
        Err(e) => Err(e.clone()),
    })
}

/// Runs `f` on the active snapshot, or returns why there is none (the stored load error,
/// or [`SnapshotError::NotLoaded`]). `f` may itself load another snapshot: the slot is not
/// borrowed while it runs.
pub fn with_active<R>(f: impl FnOnce(&Snapshot) -> R) -> Result<R, SnapshotError> {
    let snapshot = active()?;
    Ok(f(&snapshot))
}

/// The summary of the active snapshot (with the file size when it was loaded from bytes).
pub fn active_info() -> Result<SnapshotInfo, SnapshotError> {
    ACTIVE.with(|slot| match &*slot.borrow() {
        Ok(loaded) => Ok(loaded.snapshot.info(loaded.size_bytes)),
        Err(e) => Err(e.clone()),
    })
}

/// Attaches a remarks companion file to the active snapshot ([`Snapshot::attach_remarks`]):
/// the error of a refused file, or why there is no active snapshot. Screening is
/// unaffected either way.
pub fn attach_active_remarks(file: &[u8]) -> Result<(), SnapshotError> {
    active()?.attach_remarks(file)
}
