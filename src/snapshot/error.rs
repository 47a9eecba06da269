//! Why a snapshot could not be loaded.

use std::fmt;

/// Why a snapshot could not be loaded (or why there is no snapshot to screen against).
///
/// Each failure has its own variant and a stable [`SnapshotError::code`], so the page, the
/// CLI and an audit log can tell a truncated download from a tampered or outdated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    /// No snapshot has been loaded yet.
    NotLoaded,
    /// The file ends before the length its prefix declares (or before the prefix ends).
    Truncated {
        /// Bytes the file should have.
        needed: u64,
        /// Bytes it has.
        available: u64,
    },
    /// The file does not start with the snapshot magic bytes: not a snapshot at all.
    BadMagic,
    /// A snapshot of a format version this build cannot read.
    UnsupportedVersion {
        /// The version the file declares.
        found: u16,
    },
    /// The payload's SHA-256 differs from the one in the prefix: the file was altered.
    HashMismatch {
        /// Lower-case hex SHA-256 stored in the file.
        expected: String,
        /// Lower-case hex SHA-256 of the payload as read.
        actual: String,
    },
    /// The hash matched but the content is malformed (a writer bug or a forged hash).
    Corrupt {
        /// The part of the file: `prefix`, `sections`, `header`, `strings`, `entities`,
        /// `remarks` or `index`.
        section: &'static str,
        /// What was wrong, with the offset inside the section.
        detail: String,
    },
    /// The snapshot keeps its remarks in a companion file (`--remarks external`) that has
    /// not been attached (`Snapshot::attach_remarks`): returned by the remarks accessors,
    /// never by screening, which does not read remarks.
    RemarksNotLoaded,
    /// `Snapshot::attach_remarks` on a snapshot whose remarks are not external.
    RemarksNotExternal {
        /// The snapshot's remarks mode (`full`, `excerpt` or `none`).
        mode: &'static str,
    },
    /// The remarks file given to `Snapshot::attach_remarks` is not the one the snapshot's
    /// header pins: `code` is `bad_magic` (not a remarks file, e.g. the snapshot itself or
    /// an error page), `unsupported_version`, `truncated` (shorter than pinned) or
    /// `hash_mismatch` (another snapshot's remarks, or altered).
    RemarksFile {
        /// The stable code, as for a snapshot file.
        code: &'static str,
        /// What was wrong (lengths, hashes).
        detail: String,
    },
}

impl SnapshotError {
    /// Stable snake_case code: `not_loaded`, `truncated`, `bad_magic`,
    /// `unsupported_version`, `hash_mismatch`, `corrupt`, `remarks_not_loaded` or
    /// `remarks_not_external` (a refused companion file has the code of its problem).
    pub fn code(&self) -> &'static str {
        match self {
            SnapshotError::NotLoaded => "not_loaded",
            SnapshotError::Truncated { .. } => "truncated",
            SnapshotError::BadMagic => "bad_magic",
            SnapshotError::UnsupportedVersion { .. } => "unsupported_version",
            SnapshotError::HashMismatch { .. } => "hash_mismatch",
            SnapshotError::RemarksFile { code, .. } => code,
            SnapshotError::Corrupt { .. } => "corrupt",
            SnapshotError::RemarksNotLoaded => "remarks_not_loaded",
            SnapshotError::RemarksNotExternal { .. } => "remarks_not_external",
        }
    }
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::NotLoaded => write!(f, "not_loaded: no watchlist snapshot is loaded"),
            SnapshotError::Truncated { needed, available } => write!(
                f,
                "truncated: snapshot file is {available} bytes, its prefix needs {needed}"
            ),
            SnapshotError::BadMagic => {
                write!(f, "bad_magic: not a kyc-check snapshot (wrong magic bytes)")
            }
            SnapshotError::UnsupportedVersion { found } => write!(
                f,
                "unsupported_version: snapshot format version {found}, this build reads version {}",
                super::format::FORMAT_VERSION
            ),
            SnapshotError::HashMismatch { expected, actual } => write!(
                f,
                "hash_mismatch: snapshot payload SHA-256 is {actual}, the file declares {expected}"
            ),
            SnapshotError::Corrupt { section, detail } => {
                write!(f, "corrupt: snapshot section `{section}`: {detail}")
            }
            SnapshotError::RemarksNotLoaded => write!(
                f,
                "remarks_not_loaded: this snapshot keeps its remarks in a companion file \
                 (.kcr) that is not loaded"
            ),
            SnapshotError::RemarksNotExternal { mode } => write!(
                f,
                "remarks_not_external: this snapshot has no remarks companion file \
                 (remarks: {mode})"
            ),
            SnapshotError::RemarksFile { code, detail } => {
                write!(f, "{code}: remarks file {detail}")
            }
        }
    }
}

impl std::error::Error for SnapshotError {}
