//! Helpers shared by the `tests/sources_*.rs` integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kyc_check::model::Entity;
use kyc_check::sources::{self, ParsedSource, SourceFormat};

/// `../shared/watchlists/<rel>` next to the crate, or `None` (with a printed notice) when the
/// shared folder is absent, so the tests skip instead of failing on a machine without it.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/watchlists")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        println!(
            "SKIPPED: {} is absent (../shared not available)",
            path.display()
        );
        None
    }
}

/// `data/<rel>` inside the crate (the project's own sample lists).
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(rel)
}

/// The entity with this id; panics with the id when missing.
pub fn entity<'a>(parsed: &'a ParsedSource, id: &str) -> &'a Entity {
    parsed
        .entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("entity {id} not found"))
}

/// True when the entity has a name exactly equal to `full`.
pub fn has_name(entity: &Entity, full: &str) -> bool {
    entity.names.iter().any(|n| n.full == full)
}

/// Loads one list (a file, or a directory holding one OFAC CSV set) and returns it,
/// asserting that exactly one list came out.
pub fn load_one(path: &Path) -> ParsedSource {
    let mut parsed = sources::load_paths(&[path.to_path_buf()])
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(parsed.len(), 1, "{}: expected one list", path.display());
    parsed.remove(0)
}

/// Asserts that the start of the file is detected as `expected`, then loads it.
pub fn load_detected(path: &Path, expected: SourceFormat) -> ParsedSource {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let head = &bytes[..bytes.len().min(4096)];
    assert_eq!(sources::detect_format(path, head).unwrap(), expected);
    load_one(path)
}
