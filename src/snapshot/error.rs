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
    /// The remarks companion file given to `Snapshot::attach_remarks` was refused.
    RemarksFile(RemarksFileError),
}

/// Why a remarks companion file (`.kcr`) was refused: it is not the file the snapshot's
/// header pins. Codes as for a snapshot file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemarksFileError {
    /// Not a remarks companion file (wrong magic bytes): e.g. the snapshot itself, or an
    /// error page served instead of the file.
    BadMagic,
    /// A companion file layout version this build cannot read.
    UnsupportedVersion {
        /// The version the file declares.
        found: u16,
    },
    /// Shorter than the length the snapshot's header pins (a cut-off download).
    Truncated {
        /// Bytes the snapshot's header pins.
        needed: u64,
        /// Bytes the file has.
        available: u64,
    },
    /// The SHA-256 of the whole file differs from the one the snapshot's header pins:
    /// the companion of another snapshot, or an altered file.
    HashMismatch {
        /// Lower-case hex SHA-256 the snapshot pins.
        expected: String,
        /// Lower-case hex SHA-256 of the file as read.
        actual: String,
    },
}

impl SnapshotError {
    /// Stable snake_case code: `not_loaded`, `truncated`, `bad_magic`,
    /// `unsupported_version`, `hash_mismatch`, `corrupt`, `remarks_not_loaded` or
    /// `remarks_not_external` (a refused companion file has the code of its problem).
    pub fn code(&self) -> &'static str {
        match self {
            SnapshotError::NotLoaded => "not_loaded",
            SnapshotError::Truncated { .. }
            | SnapshotError::RemarksFile(RemarksFileError::Truncated { .. }) => "truncated",
            SnapshotError::BadMagic | SnapshotError::RemarksFile(RemarksFileError::BadMagic) => {
                "bad_magic"
            }
            SnapshotError::UnsupportedVersion { .. }
            | SnapshotError::RemarksFile(RemarksFileError::UnsupportedVersion { .. }) => {
                "unsupported_version"
            }
            SnapshotError::HashMismatch { .. }
            | SnapshotError::RemarksFile(RemarksFileError::HashMismatch { .. }) => "hash_mismatch",
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
            SnapshotError::RemarksFile(e) => {
                write!(f, "{}: remarks file ", self.code())?;
                match e {
                    RemarksFileError::BadMagic => {
                        write!(f, "is not a kyc-check remarks file (wrong magic bytes)")
                    }
                    RemarksFileError::UnsupportedVersion { found } => write!(
                        f,
                        "version {found}, this build reads version {}",
                        super::companion::REMARKS_FILE_VERSION
                    ),
                    RemarksFileError::Truncated { needed, available } => {
                        write!(f, "is {available} bytes, the snapshot pins {needed}")
                    }
                    RemarksFileError::HashMismatch { expected, actual } => write!(
                        f,
                        "SHA-256 is {actual}, the snapshot pins {expected} (another \
                         snapshot's remarks, or altered)"
                    ),
                }
            }
        }
    }
}

impl std::error::Error for SnapshotError {}
