//! The watchlist snapshot: a versioned binary file with a SHA-256 integrity check and
//! per-source provenance, loaded by the screener.
//!
//! The struct below fixes the interface the screener uses; the snapshot branch owns the
//! binary format (`format.rs`) and the builder.

use crate::model::{Entity, SourceInfo};
use crate::screen::index::NameIndex;
pub use companion::RemarksCompanion;

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
    /// What the snapshot keeps of the entities' remarks (format 3 header; full unless the
    /// snapshot was built with `--remarks excerpt|none|external`).
    #[serde(default)]
    pub remarks: RemarksMode,
    /// With remarks `external` (format 4), the companion file the header pins: its
    /// SHA-256 and length, and the inflated length; `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks_companion: Option<RemarksCompanion>,
}

/// A loaded (verified) snapshot: entities plus their precomputed screening index.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Provenance and integrity facts.
    pub header: SnapshotHeader,
    /// All listed entities: owned when built in memory, decoded on demand when loaded.
    pub entities: EntityStore,
    /// Precomputed screening index over `entities`.
    pub index: NameIndex,
}

// --- snapshot branch: format, codec, active snapshot, builder ---

pub mod active;
#[cfg(not(target_arch = "wasm32"))]
pub mod builder;
mod codec;
pub mod companion;
#[cfg(not(target_arch = "wasm32"))]
pub mod diff;
pub mod error;
pub mod format;
pub mod remarks;
pub mod store;

pub use active::{
    active, active_info, attach_active_remarks, clear_active, load_active, set_active, use_default,
    with_active,
};
pub use error::SnapshotError;
pub use format::{FORMAT_VERSION, MAGIC};
pub use remarks::RemarksMode;
pub use store::{EntityKind, EntityStore};

/// The one place the default snapshot's build time is written (a macro so that
/// [`DEFAULT_SNAPSHOT_COMMAND`] can embed it).
macro_rules! default_snapshot_built_at {
    () => {
        "2025-06-01T00:00:00Z"
    };
}

/// Build time of the bundled default snapshot (`data/default.kcs`): fixed, so rebuilding
/// it from `data/` gives identical bytes (`tests/snapshot_default.rs` checks that).
pub const DEFAULT_SNAPSHOT_BUILT_AT: &str = default_snapshot_built_at!();

/// Label of the bundled default snapshot: it holds the hand-written sample lists only.
pub const DEFAULT_SNAPSHOT_LABEL: &str = "sample";

/// The command that regenerates `data/default.kcs` (quoted in the drift test's message).
pub const DEFAULT_SNAPSHOT_COMMAND: &str = concat!(
    "cargo run --release -- snapshot build --label sample --built-at ",
    default_snapshot_built_at!(),
    " --out data/default.kcs data/"
);

/// The bundled default snapshot, built from the sample lists in `data/` and compiled in,
/// so the wasm module can screen without fetching anything (`useDefaultSnapshot()`).
pub fn default_snapshot_bytes() -> &'static [u8] {
    include_bytes!("../../data/default.kcs")
}

/// Summary of a snapshot for `kyc-check snapshot info`, `loadSnapshot()` and
/// `snapshotInfo()`: the header plus counts and, when known, the file size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SnapshotInfo {
    /// Binary format version.
    pub format_version: u16,
    /// Build time, ISO 8601 UTC.
    pub built_at: String,
    /// Free label (`sample` for the bundled default snapshot).
    pub label: String,
    /// Lower-case hex SHA-256 of the payload: the snapshot's identity in audit records.
    pub sha256: String,
    /// Number of entities.
    pub entity_count: u64,
    /// Number of names (primary, aliases, original-script) over all entities.
    pub name_count: u64,
    /// Size of the snapshot file in bytes, when the snapshot was loaded from bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<u64>,
    /// Per-source provenance: publication date (or null), files, counts.
    pub sources: Vec<SourceInfo>,
    /// What the snapshot keeps of the remarks: `full`, `excerpt`, `none` or `external`.
    pub remarks: RemarksMode,
    /// Characters an excerpt keeps (`--remarks excerpt`), else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks_excerpt_chars: Option<u32>,
    /// The remarks companion file the snapshot pins (`--remarks external`), else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks_companion: Option<RemarksCompanion>,
}

impl SnapshotInfo {
    /// The summary of a header with the given totals.
    pub fn new(
        header: &SnapshotHeader,
        counts: format::Counts,
        size_bytes: Option<u64>,
    ) -> SnapshotInfo {
        SnapshotInfo {
            format_version: header.format_version,
            built_at: header.built_at.clone(),
            label: header.label.clone(),
            sha256: header.sha256.clone(),
            entity_count: counts.entities,
            name_count: counts.names,
            size_bytes,
            sources: header.sources.clone(),
            remarks: header.remarks,
            remarks_excerpt_chars: (header.remarks == RemarksMode::Excerpt)
                .then(|| header.remarks.excerpt_chars()),
            remarks_companion: header.remarks_companion.clone(),
        }
    }
}

impl Snapshot {
    /// Builds a snapshot from entities in the given order: computes the screening index
    /// with [`NameIndex::build`] and the payload SHA-256. `built_at` is ISO 8601 UTC.
    ///
    /// The source infos are stored as given; the native builder
    /// (`builder::build_from_sources`) sorts, deduplicates and counts for you.
    pub fn build(
        sources: Vec<SourceInfo>,
        entities: Vec<Entity>,
        built_at: &str,
        label: &str,
    ) -> Snapshot {
        Snapshot::build_encoded(sources, entities, built_at, label).0
    }

    /// [`Snapshot::build`], also returning the encoded file it had to produce to compute
    /// the hash (identical to `to_bytes()`), so a writer need not encode twice.
    pub fn build_encoded(
        sources: Vec<SourceInfo>,
        entities: Vec<Entity>,
        built_at: &str,
        label: &str,
    ) -> (Snapshot, Vec<u8>) {
        Snapshot::build_encoded_with_remarks(sources, entities, built_at, label, RemarksMode::Full)
    }

    /// [`Snapshot::build_encoded`], keeping of each entity's remarks what `remarks` says
    /// (all, an excerpt or nothing; recorded in the header). Screening is unaffected: it
    /// never reads remarks. With [`RemarksMode::External`] the bytes are the snapshot
    /// alone: use [`Snapshot::build_files`] for its remarks companion file too.
    pub fn build_encoded_with_remarks(
        sources: Vec<SourceInfo>,
        entities: Vec<Entity>,
        built_at: &str,
        label: &str,
        remarks: RemarksMode,
    ) -> (Snapshot, Vec<u8>) {
        let (snapshot, bytes, _) =
            Snapshot::build_files(sources, entities, built_at, label, remarks);
        (snapshot, bytes)
    }

    /// [`Snapshot::build_encoded_with_remarks`], also returning the remarks companion file
    /// (`.kcr`) when `remarks` is [`RemarksMode::External`] (else `None`). The snapshot's
    /// header pins that file (`remarks_companion`), and the snapshot built in memory keeps
    /// the remarks.
    pub fn build_files(
        sources: Vec<SourceInfo>,
        mut entities: Vec<Entity>,
        built_at: &str,
        label: &str,
        remarks: RemarksMode,
    ) -> (Snapshot, Vec<u8>, Option<Vec<u8>>) {
        if !matches!(remarks, RemarksMode::Full | RemarksMode::External) {
            for e in &mut entities {
                e.remarks = e
                    .remarks
                    .take()
                    .and_then(|r| remarks.apply(&r).map(|c| c.into_owned()));
            }
        }
        let index = NameIndex::build(&entities);
        let mut snapshot = Snapshot {
            header: SnapshotHeader {
                format_version: FORMAT_VERSION,
                built_at: built_at.to_string(),
                label: label.to_string(),
                sources,
                sha256: String::new(),
                remarks,
                remarks_companion: None,
            },
            entities: entities.into(),
            index,
        };
        let files = format::encode_files(&snapshot);
        snapshot.header.sha256 = format::stored_hash_hex(&files.snapshot);
        snapshot.header.remarks_companion = files.pinned;
        (snapshot, files.snapshot, files.companion)
    }

    /// Encodes the snapshot as a `.kcs` file (format [`FORMAT_VERSION`]); deterministic:
    /// equal snapshots give identical bytes. The hash is recomputed, not copied from
    /// `header.sha256`.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::encode(self)
    }

    /// Verifies and decodes a `.kcs` file. Magic, version, length and SHA-256 are checked
    /// before anything is decoded; every failure is a distinct [`SnapshotError`], and no
    /// input can make this panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
        format::decode(bytes)
    }

    /// The snapshot file and, when its remarks are external, its remarks companion file
    /// (`None` while a loaded snapshot's companion is not attached). Deterministic, like
    /// [`Snapshot::to_bytes`].
    pub fn to_files(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let files = format::encode_files(self);
        (files.snapshot, files.companion)
    }

    /// Attaches the remarks companion file (`.kcr`) of a snapshot whose remarks are
    /// external, after checking it against what the header pins: magic (`bad_magic`: not a
    /// remarks file), version, length (`truncated`), SHA-256 of the whole file
    /// (`hash_mismatch`: another snapshot's remarks, or altered), then that it inflates to
    /// the pinned remarks (`corrupt`). Until then the remarks accessors return
    /// [`SnapshotError::RemarksNotLoaded`] for entities that have remarks; screening never
    /// needs them. A refused file changes nothing. Clones of the snapshot share the
    /// attached remarks.
    pub fn attach_remarks(&self, file: &[u8]) -> Result<(), SnapshotError> {
        let pinned = match &self.header.remarks_companion {
            Some(pinned) if self.header.remarks == RemarksMode::External => pinned,
            _ => {
                return Err(SnapshotError::RemarksNotExternal {
                    mode: self.header.remarks.name(),
                })
            }
        };
        companion::verify(file, pinned)?;
        self.entities.attach_remarks(file)
    }

    /// Entity and name totals.
    pub fn counts(&self) -> format::Counts {
        format::Counts {
            entities: self.entities.len() as u64,
            names: self.entities.name_count(),
        }
    }

    /// The summary reported by `snapshot info` and `snapshotInfo()`.
    pub fn info(&self, size_bytes: Option<u64>) -> SnapshotInfo {
        SnapshotInfo::new(&self.header, self.counts(), size_bytes)
    }
}
