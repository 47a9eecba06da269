//! Downloading the official list files (`kyc-check snapshot fetch`).
//!
//! [`OFFICIAL_FILES`] is the one table of what is fetched and from where. Each file is
//! written atomically (a temporary file in the output directory, then a rename), so a
//! failed or interrupted download never leaves a half-written list where a snapshot build
//! would pick it up. Each file is reported with its size and SHA-256.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::sha256::Sha256;

use crate::model::SourceList;

/// One official file and where it is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficialFile {
    /// File name written in the output directory (and looked up under `--base-url`).
    pub name: &'static str,
    /// The publisher's URL. `{token}` is replaced by the EU FSF token (see [`fetch_files`]).
    pub url: &'static str,
    /// The list the file belongs to.
    pub list: SourceList,
    /// True when the URL needs a token (EU FSF); skipped when no token is given.
    pub needs_token: bool,
}

/// The official files, one row each.
///
/// - OFAC: Sanctions List Service exports (legacy CSV sets and `sdnList` XML).
/// - UN: the Security Council consolidated list XML, saved as `un_consolidated.xml` so it
///   cannot collide with OFAC's `CONSOLIDATED.XML` on a case-insensitive file system.
/// - OFSI: the 2022-format consolidated list CSV.
/// - FCDO: the UK Sanctions List (XML and ODS) on the FCDO sanctions list site.
/// - EU: the FSF 1.1 full XML. The Commission serves it only with a personal token, issued
///   after a free registration on the Financial Sanctions Files site
///   (<https://webgate.ec.europa.eu/fsd/fsf>); pass it with `--eu-token`.
pub const OFFICIAL_FILES: &[OfficialFile] = &[
    OfficialFile { name: "SDN.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV", list: SourceList::OfacSdn, needs_token: false },
    OfficialFile { name: "ALT.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV", list: SourceList::OfacSdn, needs_token: false },
    OfficialFile { name: "ADD.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV", list: SourceList::OfacSdn, needs_token: false },
    OfficialFile { name: "SDN_COMMENTS.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV", list: SourceList::OfacSdn, needs_token: false },
    OfficialFile { name: "CONS_PRIM.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV", list: SourceList::OfacConsolidated, needs_token: false },
    OfficialFile { name: "CONS_ALT.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ALT.CSV", list: SourceList::OfacConsolidated, needs_token: false },
    OfficialFile { name: "CONS_ADD.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ADD.CSV", list: SourceList::OfacConsolidated, needs_token: false },
    OfficialFile { name: "CONS_COMMENTS.CSV", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_COMMENTS.CSV", list: SourceList::OfacConsolidated, needs_token: false },
    OfficialFile { name: "SDN.XML", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML", list: SourceList::OfacSdn, needs_token: false },
    OfficialFile { name: "CONSOLIDATED.XML", url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML", list: SourceList::OfacConsolidated, needs_token: false },
    OfficialFile { name: "un_consolidated.xml", url: "https://scsanctions.un.org/resources/xml/en/consolidated.xml", list: SourceList::UnSc, needs_token: false },
    OfficialFile { name: "ConList.csv", url: "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv", list: SourceList::UkOfsi, needs_token: false },
    OfficialFile { name: "UK-Sanctions-List.xml", url: "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml", list: SourceList::UkFcdo, needs_token: false },
    OfficialFile { name: "UK-Sanctions-List.ods", url: "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.ods", list: SourceList::UkFcdo, needs_token: false },
    OfficialFile { name: "xmlFullSanctionsList_1_1.xml", url: "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token={token}", list: SourceList::Eu, needs_token: true },
];

/// Refuse bodies above this size (the largest official file is ~25 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The outcome of one successful download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// File name in the output directory.
    pub name: String,
    /// The URL it was read from (an EU token is replaced by `***`).
    pub url: String,
    /// Where it was written.
    pub path: PathBuf,
    /// Size in bytes.
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the content.
    pub sha256: String,
}

/// A download that failed, naming the file and the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// File name.
    pub name: String,
    /// URL (token redacted).
    pub url: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.name, self.url, self.message)
    }
}

impl std::error::Error for FetchError {}

/// What to fetch and how.
#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Fetch `BASE/<file name>` instead of the official URLs (mirrors, tests).
    pub base_url: Option<String>,
    /// EU FSF token; without it (and without `base_url`) the EU file is skipped.
    pub eu_token: Option<String>,
    /// Only these file names (empty: all).
    pub only: Vec<String>,
    /// Per-request timeout (default 120 s).
    pub timeout: Option<Duration>,
}

/// One file's result: fetched, failed, or skipped (with the reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// Downloaded and written.
    Fetched(Fetched),
    /// Not downloaded: the error names file and URL.
    Failed(FetchError),
    /// Not attempted (e.g. EU without a token).
    Skipped {
        /// File name.
        name: String,
        /// Why.
        reason: String,
    },
}

/// Downloads the selected [`OFFICIAL_FILES`] into `out` (created if missing), one at a
/// time, and returns one outcome per file. A failure of one file does not stop the others.
pub fn fetch_files(out: &Path, options: &FetchOptions) -> Vec<FetchOutcome> {
    if let Err(e) = std::fs::create_dir_all(out) {
        return vec![FetchOutcome::Failed(FetchError {
            name: out.display().to_string(),
            url: String::new(),
            message: format!("cannot create the output directory: {e}"),
        })];
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout.unwrap_or(Duration::from_secs(120))))
        .http_status_as_error(true)
        .user_agent(concat!("kyc-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut outcomes = Vec::new();
    for file in OFFICIAL_FILES {
        if !options.only.is_empty()
            && !options
                .only
                .iter()
                .any(|o| o.eq_ignore_ascii_case(file.name))
        {
            continue;
        }
        let (url, shown) = match (&options.base_url, &options.eu_token) {
            (Some(base), _) => {
                let url = format!("{}/{}", base.trim_end_matches('/'), file.name);
                (url.clone(), url)
            }
            (None, Some(token)) if file.needs_token => (
                file.url.replace("{token}", token),
                file.url.replace("{token}", "***"),
            ),
            (None, None) if file.needs_token => {
                outcomes.push(FetchOutcome::Skipped {
                    name: file.name.to_string(),
                    reason: "the EU FSF download needs a token (--eu-token)".to_string(),
                });
                continue;
            }
            (None, _) => (file.url.to_string(), file.url.to_string()),
        };
        outcomes.push(match fetch_one(&agent, &url, &out.join(file.name)) {
            Ok((bytes, sha256)) => FetchOutcome::Fetched(Fetched {
                name: file.name.to_string(),
                url: shown,
                path: out.join(file.name),
                bytes,
                sha256,
            }),
            Err(message) => FetchOutcome::Failed(FetchError {
                name: file.name.to_string(),
                url: shown,
                message,
            }),
        });
    }
    outcomes
}

/// Downloads `url` to `dest` atomically; returns (size, SHA-256 hex).
fn fetch_one(agent: &ureq::Agent, url: &str, dest: &Path) -> Result<(u64, String), String> {
    let response = agent.get(url).call().map_err(|e| e.to_string())?;
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(MAX_FILE_BYTES)
        .reader();
    let dir = dest.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.part-{}", std::process::id()));
    let result = (|| -> Result<(u64, String), String> {
        let mut file = std::fs::File::create(&temp)
            .map_err(|e| format!("cannot create {}: {e}", temp.display()))?;
        let mut hasher = Sha256::new();
        let mut total = 0u64;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = reader
                .read(&mut buffer)
                .map_err(|e| format!("download interrupted: {e}"))?;
            if n == 0 {
                break;
            }
            let chunk = &buffer[..n];
            hasher.update(chunk);
            file.write_all(chunk)
                .map_err(|e| format!("cannot write {}: {e}", temp.display()))?;
            total += n as u64;
        }
        if total == 0 {
            return Err("empty response body".to_string());
        }
        file.sync_all()
            .map_err(|e| format!("cannot flush {}: {e}", temp.display()))?;
        let sha256: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok((total, sha256))
    })();
    match result {
        Ok(done) => {
            std::fs::rename(&temp, dest).map_err(|e| {
                let _ = std::fs::remove_file(&temp);
                format!("cannot move into place {}: {e}", dest.display())
            })?;
            Ok(done)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Lower-case hex SHA-256 of a byte slice (also used by tests and reports).
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
