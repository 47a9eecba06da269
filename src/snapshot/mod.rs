//! The watchlist snapshot: a versioned binary file with a SHA-256 integrity check and
//! per-source provenance, loaded by the screener.
//!
//! The struct below fixes the interface the screener uses; the snapshot branch owns the
//! binary format (`format.rs`) and the builder.

use crate::model::{Entity, SourceInfo};
use crate::screen::index::NameIndex;

/// Facts about a snapshot that every screening result repeats, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SnapshotHeader {
    /// Binary format version.
    pub format_version: u16,
    /// Build time, ISO 8601 UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    pub built_at: String,
    /// Free label, e.g. `sample` for the bundled hand-written sample lists.
    pub label: String,
    /// Per-source provenance: publication date, files, counts.
    pub sources: Vec<SourceInfo>,
    /// Lower-case hex SHA-256 of the payload.
    pub sha256: String,
}

/// A loaded (verified) snapshot: entities plus their precomputed screening index.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Provenance and integrity facts.
    pub header: SnapshotHeader,
    /// All listed entities.
    pub entities: Vec<Entity>,
    /// Precomputed screening index over `entities`.
    pub index: NameIndex,
}
