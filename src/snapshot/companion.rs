//! The remarks companion file (`.kcr`) of a snapshot built with `--remarks external`.
//!
//! ```text
//! magic    8 bytes  89 4B 43 52 0D 0A 1A 0A   ("\x89KCR\r\n\x1a\n")
//! version  u16le    REMARKS_FILE_VERSION (1)
//! stream   ...      raw DEFLATE of the remarks, to the end of the file: the same bytes as
//!                   the stream of the remarks section of a `--remarks full` snapshot
//! ```
//!
//! The snapshot's header pins the whole file (its length and SHA-256, and the inflated
//! length), so the snapshot's own identity covers the remarks exactly; the file needs no
//! checksum of its own. The magic, PNG-style like the snapshot's, makes a wrong file (the
//! snapshot itself, an HTML error page) a clear `bad_magic` instead of a hash mismatch.
//! Layout and checks: `docs/SNAPSHOT_FORMAT.md`, "Remarks companion file".

use super::format::{hex, payload_digest};
use super::SnapshotError;

/// The first eight bytes of every remarks companion file ("KCR": kyc-check remarks).
pub const REMARKS_FILE_MAGIC: [u8; 8] = *b"\x89KCR\r\n\x1a\n";

/// The companion file layout version this build writes and the only one it reads.
pub const REMARKS_FILE_VERSION: u16 = 1;

/// Bytes before the DEFLATE stream: magic and version.
pub const REMARKS_FILE_PREFIX_LEN: usize = 8 + 2;

/// What a snapshot header records of its remarks companion file (remarks mode `external`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RemarksCompanion {
    /// Lower-case hex SHA-256 of the whole companion file (`sha256sum FILE.kcr`).
    pub sha256: String,
    /// Length of the companion file in bytes.
    pub size_bytes: u64,
    /// Length of the inflated remarks in bytes.
    pub raw_bytes: u64,
}

/// The companion file holding `stream` (the deflated remarks) and what a header records
/// of it, given the inflated length `raw_len`.
pub(crate) fn encode(stream: &[u8], raw_len: usize) -> (Vec<u8>, RemarksCompanion) {
    let mut file = Vec::with_capacity(REMARKS_FILE_PREFIX_LEN + stream.len());
    file.extend_from_slice(&REMARKS_FILE_MAGIC);
    file.extend_from_slice(&REMARKS_FILE_VERSION.to_le_bytes());
    file.extend_from_slice(stream);
    let pinned = RemarksCompanion {
        sha256: hex(&payload_digest(&file)),
        size_bytes: file.len() as u64,
        raw_bytes: raw_len as u64,
    };
    (file, pinned)
}

/// Checks `file` against what the snapshot pins, in this order: magic (of the bytes
/// present), version, length (a shorter file is `truncated`), SHA-256 of the whole file
/// (which also refuses a longer file). Returns the DEFLATE stream.
pub(crate) fn verify<'a>(
    file: &'a [u8],
    pinned: &RemarksCompanion,
) -> Result<&'a [u8], SnapshotError> {
    let refuse = |code, detail| Err(SnapshotError::RemarksFile { code, detail });
    let magic_len = file.len().min(REMARKS_FILE_MAGIC.len());
    if file.get(..magic_len) != REMARKS_FILE_MAGIC.get(..magic_len) {
        return refuse(
            "bad_magic",
            "is not a kyc-check remarks file (wrong magic bytes)".to_string(),
        );
    }
    if let Some(v) = file.get(8..REMARKS_FILE_PREFIX_LEN) {
        let found = u16::from_le_bytes([v[0], v[1]]);
        if found != REMARKS_FILE_VERSION {
            return refuse(
                "unsupported_version",
                format!("version {found}, this build reads version {REMARKS_FILE_VERSION}"),
            );
        }
    }
    if (file.len() as u64) < pinned.size_bytes || file.len() < REMARKS_FILE_PREFIX_LEN {
        return refuse(
            "truncated",
            format!(
                "is {} bytes, the snapshot pins {}",
                file.len(),
                pinned.size_bytes
            ),
        );
    }
    let actual = hex(&payload_digest(file));
    if actual != pinned.sha256 || file.len() as u64 != pinned.size_bytes {
        return refuse(
            "hash_mismatch",
            format!(
                "SHA-256 is {actual}, the snapshot pins {} (another snapshot's remarks, or \
                 altered)",
                pinned.sha256
            ),
        );
    }
    Ok(file.get(REMARKS_FILE_PREFIX_LEN..).unwrap_or_default())
}
