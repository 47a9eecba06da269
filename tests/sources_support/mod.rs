//! Helpers shared by the `tests/sources_*.rs` integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kyc_check::model::Entity;
use kyc_check::sources::ParsedSource;

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
