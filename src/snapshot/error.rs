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
        /// The part of the file: `prefix`, `sections`, `header`, `strings`, `entities` or
        /// `index`.
        section: &'static str,
        /// What was wrong, with the offset inside the section.
        detail: String,
    },
}

impl SnapshotError {
    /// Stable snake_case code: `not_loaded`, `truncated`, `bad_magic`,
    /// `unsupported_version`, `hash_mismatch` or `corrupt`.
    pub fn code(&self) -> &'static str {
        match self {
            SnapshotError::NotLoaded => "not_loaded",
            SnapshotError::Truncated { .. } => "truncated",
            SnapshotError::BadMagic => "bad_magic",
            SnapshotError::UnsupportedVersion { .. } => "unsupported_version",
            SnapshotError::HashMismatch { .. } => "hash_mismatch",
            SnapshotError::Corrupt { .. } => "corrupt",
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
        }
    }
}

impl std::error::Error for SnapshotError {}
