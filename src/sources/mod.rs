//! Parsers for the official sanctions list formats (native only).
//!
//! One module per publisher format, each turning the published bytes into
//! [`crate::model::Entity`] values:
//! - [`ofac_csv`]: OFAC legacy CSV sets (SDN and Consolidated).
//! - [`ofac_xml`]: OFAC `SDN.XML` / `CONSOLIDATED.XML` (`sdnList` schema).
//! - [`un_xml`]: UN Security Council Consolidated List XML.
//! - [`uk_ofsi`]: HM Treasury OFSI Consolidated List (XLSX or `ConList.csv`).
//! - [`uk_fcdo`]: FCDO UK Sanctions List (ODS summary, full CSV and XML).
//! - [`eu`]: EU Financial Sanctions Files (FSF 1.1 XML, FSF CSV, legacy `<WHOLE>` XML).
//!
//! [`load_paths`] walks files and directories, detects each file's format by content
//! ([`detect_format`]), groups the multi-file OFAC CSV sets and parses everything.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Entity, SourceInfo, SourceList};

pub mod dates;
pub mod delimited;
pub mod eu;
pub mod fetch;
pub mod ofac_csv;
pub mod ofac_xml;
pub mod spreadsheet;
pub mod uk_fcdo;
pub mod uk_ofsi;
pub mod un_xml;
pub mod xml;

/// One parsed list: provenance + entities (crate::model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSource {
    /// Which list, which format, publication date, files read, counts.
    pub info: SourceInfo,
    /// The listed entities, in file order.
    pub entities: Vec<Entity>,
    /// Records the parser had to skip, each naming file and row (e.g. a published
    /// designation with an empty name, which cannot be screened). Empty for clean files.
    pub warnings: Vec<String>,
}

impl ParsedSource {
    /// Builds the provenance record from the parsed entities (counts are computed here so
    /// every parser reports them the same way).
    pub fn new(
        source: SourceList,
        format: SourceFormat,
        published: Option<String>,
        files: Vec<String>,
        entities: Vec<Entity>,
    ) -> ParsedSource {
        let name_count = entities.iter().map(|e| e.names.len()).sum::<usize>();
        ParsedSource {
            info: SourceInfo {
                source,
                format: format.code().to_string(),
                published,
                files,
                entity_count: u32::try_from(entities.len()).unwrap_or(u32::MAX),
                name_count: u32::try_from(name_count).unwrap_or(u32::MAX),
            },
            entities,
            warnings: Vec::new(),
        }
    }
}

/// Where in a file a problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Location {
    /// The whole file (empty, unreadable, unknown format).
    File,
    /// A 1-based line (CSV) .
    Line(usize),
    /// An element path, sheet cell or row (XML, XLSX, ODS).
    Element(String),
}

/// Error naming the file and the line (CSV) or element path / row (XML, XLSX, ODS).
///
/// Display: `<file>:<line>: <what>` or `<file>: <element>: <what>` or `<file>: <what>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    file: String,
    location: Location,
    message: String,
}

impl SourceError {
    /// An error about the file as a whole.
    pub fn in_file(file: &str, message: impl Into<String>) -> SourceError {
        SourceError {
            file: file.to_string(),
            location: Location::File,
            message: message.into(),
        }
    }

    /// An error at a 1-based line of a text file.
    pub fn at_line(file: &str, line: usize, message: impl Into<String>) -> SourceError {
        SourceError {
            file: file.to_string(),
            location: Location::Line(line),
            message: message.into(),
        }
    }

    /// An error at an element path (`/sdnList/sdnEntry[12]/uid`) or sheet row.
    pub fn at_element(
        file: &str,
        element: impl Into<String>,
        message: impl Into<String>,
    ) -> SourceError {
        SourceError {
            file: file.to_string(),
            location: Location::Element(element.into()),
            message: message.into(),
        }
    }

    /// The file the error is about, as given to the parser.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The line number, for errors in text files.
    pub fn line(&self) -> Option<usize> {
        match self.location {
            Location::Line(line) => Some(line),
            _ => None,
        }
    }

    /// The element path or sheet row, for errors in XML / spreadsheet files.
    pub fn element(&self) -> Option<&str> {
        match &self.location {
            Location::Element(element) => Some(element),
            _ => None,
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::File => write!(f, "{}: {}", self.file, self.message),
            Location::Line(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            Location::Element(element) => {
                write!(f, "{}: {}: {}", self.file, element, self.message)
            }
        }
    }
}

impl std::error::Error for SourceError {}

/// Which file of an OFAC legacy CSV set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OfacCsvPart {
    /// `SDN.CSV` / `CONS_PRIM.CSV`: 12 columns, one row per entry.
    Primary,
    /// `ALT.CSV` / `CONS_ALT.CSV`: 5 columns, alternate names.
    Alt,
    /// `ADD.CSV` / `CONS_ADD.CSV`: 6 columns, addresses.
    Add,
    /// `SDN_COMMENTS.CSV` / `CONS_COMMENTS.CSV`: 2 columns, remarks overflow.
    Comments,
}

/// A recognised source file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceFormat {
    /// One file of an OFAC legacy CSV set.
    OfacCsv {
        /// SDN or Consolidated (from the file name: `cons_*` is Consolidated).
        list: SourceList,
        /// Which file of the set.
        part: OfacCsvPart,
    },
    /// OFAC `sdnList` XML (`SDN.XML` or `CONSOLIDATED.XML`).
    OfacXml {
        /// SDN or Consolidated.
        list: SourceList,
    },
    /// UN SC consolidated list XML (`CONSOLIDATED_LIST` root).
    UnXml,
    /// OFSI consolidated list workbook (XLSX).
    OfsiXlsx,
    /// OFSI `ConList.csv`.
    OfsiCsv,
    /// FCDO UK Sanctions List spreadsheet (ODS).
    FcdoOds,
    /// FCDO UK Sanctions List CSV.
    FcdoCsv,
    /// FCDO UK Sanctions List XML.
    FcdoXml,
    /// EU FSF 1.1 XML (`export` root in the `http://eu.europa.ec/fpi/fsd/export` namespace).
    EuFsfXml,
    /// EU FSF CSV (semicolon separated).
    EuFsfCsv,
    /// EU legacy FSD XML (`WHOLE` root, before 2018).
    EuLegacyXml,
}

impl SourceFormat {
    /// Stable code recorded in [`SourceInfo::format`].
    pub fn code(self) -> &'static str {
        match self {
            SourceFormat::OfacCsv { .. } => "ofac_legacy_csv",
            SourceFormat::OfacXml { .. } => "ofac_xml",
            SourceFormat::UnXml => "un_xml",
            SourceFormat::OfsiXlsx => "ofsi_xlsx",
            SourceFormat::OfsiCsv => "ofsi_csv",
            SourceFormat::FcdoOds => "fcdo_ods",
            SourceFormat::FcdoCsv => "fcdo_csv",
            SourceFormat::FcdoXml => "fcdo_xml",
            SourceFormat::EuFsfXml => "eu_fsf_xml",
            SourceFormat::EuFsfCsv => "eu_fsf_csv",
            SourceFormat::EuLegacyXml => "eu_legacy_xml",
        }
    }

    /// The list this format belongs to.
    pub fn source(self) -> SourceList {
        match self {
            SourceFormat::OfacCsv { list, .. } | SourceFormat::OfacXml { list } => list,
            SourceFormat::UnXml => SourceList::UnSc,
            SourceFormat::OfsiXlsx | SourceFormat::OfsiCsv => SourceList::UkOfsi,
            SourceFormat::FcdoOds | SourceFormat::FcdoCsv | SourceFormat::FcdoXml => {
                SourceList::UkFcdo
            }
            SourceFormat::EuFsfXml | SourceFormat::EuFsfCsv | SourceFormat::EuLegacyXml => {
                SourceList::Eu
            }
        }
    }
}

/// Maps a source's country name or code to ISO 3166-1 alpha-2 when recognised (via
/// [`crate::validate::country::lookup`]: alpha-2, alpha-3, English names and list spellings
/// such as "Korea, North"), otherwise returns the trimmed source text (the model keeps
/// unrecognised text as written).
pub fn country_code(text: &str) -> String {
    let trimmed = text.trim();
    if let Some(country) = crate::validate::country::lookup(trimmed) {
        return country.alpha2.to_string();
    }
    let key = crate::validate::country::lookup_key(trimmed);
    LIST_SPELLINGS
        .iter()
        .find(|(spelling, _)| *spelling == key)
        .map(|(_, code)| (*code).to_string())
        .unwrap_or_else(|| trimmed.to_string())
}

/// Spellings the official lists use that the ISO table does not know, as lookup keys
/// (see [`crate::validate::country::lookup_key`]); found by parsing the files in
/// ../shared/watchlists and listing the unmapped values.
const LIST_SPELLINGS: &[(&str, &str)] = &[
    ("congo democratic republic", "CD"),
    ("occupied palestinian territories", "PS"),
    ("palestinian", "PS"),
    ("cote d ivoire", "CI"),
    ("st kitts nevis", "KN"),
    ("north macedonia the republic of", "MK"),
    ("china hong kong special administrative region", "HK"),
    ("russian", "RU"),
];

/// The base name of a path, for labels and provenance (no local directories leak).
pub fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Bytes of a file's start that [`detect_format`] looks at.
pub const DETECT_HEAD_LEN: usize = 64 * 1024;

/// Format detection by content (not only by name); unknown file → error naming it.
///
/// `head` is the start of the file (up to [`DETECT_HEAD_LEN`] bytes is plenty). The file
/// name only decides between look-alike formats: OFAC SDN vs Consolidated CSV sets.
pub fn detect_format(path: &Path, head: &[u8]) -> Result<SourceFormat, SourceError> {
    let label = path.display().to_string();
    let name = base_name(path).to_ascii_lowercase();
    let head_trimmed = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first_non_space = head_trimmed
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| &head_trimmed[i..])
        .unwrap_or(&[]);
    if first_non_space.is_empty() {
        return Err(SourceError::in_file(&label, "empty file"));
    }
    if head.starts_with(b"PK\x03\x04") {
        // ZIP local headers carry the entry names uncompressed near the start.
        if contains(head, b"xl/") || contains(head, b"[Content_Types].xml") {
            return Ok(SourceFormat::OfsiXlsx);
        }
        if contains(head, b"application/vnd.oasis.opendocument.spreadsheet")
            || contains(head, b"META-INF/manifest.xml")
            || contains(head, b"mimetype")
        {
            return Ok(SourceFormat::FcdoOds);
        }
        return Err(SourceError::in_file(
            &label,
            "unknown format: a ZIP archive that is neither an XLSX nor an ODS spreadsheet",
        ));
    }
    if first_non_space.starts_with(b"<") {
        return detect_xml(&label, &name, first_non_space);
    }
    let text = String::from_utf8_lossy(&head_trimmed[..head_trimmed.len().min(4096)]);
    let first_line = text.lines().next().unwrap_or("").trim();
    if let Some(part) = ofac_csv::detect_part(head_trimmed) {
        let list = if name.contains("cons") {
            SourceList::OfacConsolidated
        } else {
            SourceList::OfacSdn
        };
        return Ok(SourceFormat::OfacCsv { list, part });
    }
    if first_line.starts_with("Last Updated") && text.contains("Group ID") {
        return Ok(SourceFormat::OfsiCsv);
    }
    if first_line.contains(';') && first_line.contains("Entity_LogicalId") {
        return Ok(SourceFormat::EuFsfCsv);
    }
    if text.contains("Unique ID")
        && (text.contains("OFSI Group ID") || text.contains("Regime Name"))
    {
        return Ok(SourceFormat::FcdoCsv);
    }
    Err(SourceError::in_file(
        &label,
        "unknown format: not an OFAC, UN, OFSI, FCDO or EU sanctions list file",
    ))
}

fn detect_xml(label: &str, name: &str, xml: &[u8]) -> Result<SourceFormat, SourceError> {
    // The root element is the first start tag that is not a declaration, comment or DTD.
    let root = xml_root_name(xml).unwrap_or_default();
    let local = root.rsplit(':').next().unwrap_or(&root).to_string();
    match local.as_str() {
        "sdnList" => {
            let consolidated = name.contains("cons")
                || contains(xml, b"CONSOLIDATED")
                || contains(xml, b"Consolidated");
            let list = if consolidated && !name.starts_with("sdn") {
                SourceList::OfacConsolidated
            } else {
                SourceList::OfacSdn
            };
            Ok(SourceFormat::OfacXml { list })
        }
        "CONSOLIDATED_LIST" => Ok(SourceFormat::UnXml),
        "export" if contains(xml, b"fpi/fsd/export") => Ok(SourceFormat::EuFsfXml),
        "WHOLE" => Ok(SourceFormat::EuLegacyXml),
        "Designations" | "UKSanctionsList" => Ok(SourceFormat::FcdoXml),
        _ => Err(SourceError::in_file(
            label,
            format!("unknown format: XML with root element <{root}> is not a known sanctions list"),
        )),
    }
}

/// Name of the first real element in an XML head (skips `<?..?>`, `<!--..-->`, `<!..>`).
fn xml_root_name(xml: &[u8]) -> Option<String> {
    let mut rest = xml;
    loop {
        let start = rest.iter().position(|&b| b == b'<')?;
        rest = &rest[start..];
        if rest.starts_with(b"<?") {
            let end = find(rest, b"?>")?;
            rest = &rest[end + 2..];
        } else if rest.starts_with(b"<!--") {
            let end = find(rest, b"-->")?;
            rest = &rest[end + 3..];
        } else if rest.starts_with(b"<!") {
            let end = rest.iter().position(|&b| b == b'>')?;
            rest = &rest[end + 1..];
        } else {
            let name: Vec<u8> = rest[1..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && **b != b'>' && **b != b'/')
                .copied()
                .collect();
            return String::from_utf8(name).ok();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// Reads a whole file, naming it in the error.
pub fn read_file(path: &Path) -> Result<Vec<u8>, SourceError> {
    std::fs::read(path)
        .map_err(|e| SourceError::in_file(&path.display().to_string(), format!("cannot read: {e}")))
}

/// Files under `path` in a stable order. Inside directories, hidden files and documentation
/// (`*.md`, `*.txt`) are skipped so a list folder can carry its README; a file named
/// explicitly is always read.
fn expand(path: &Path, out: &mut Vec<PathBuf>, top: bool) -> Result<(), SourceError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        SourceError::in_file(&path.display().to_string(), format!("cannot read: {e}"))
    })?;
    if meta.is_dir() {
        let mut children: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| {
                SourceError::in_file(&path.display().to_string(), format!("cannot list: {e}"))
            })?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        children.sort();
        for child in children {
            expand(&child, out, false)?;
        }
    } else if top || !is_skipped_in_directory(path) {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn is_skipped_in_directory(path: &Path) -> bool {
    let name = base_name(path);
    let lower = name.to_ascii_lowercase();
    // `.kcs`: built snapshots (data/default.kcs sits next to the sample lists).
    name.starts_with('.')
        || lower.ends_with(".md")
        || lower.ends_with(".txt")
        || lower.ends_with(".kcs")
}

/// Detects the format of each input (file or directory, recursively), groups OFAC CSV
/// sets (sdn+alt+add+sdn_comments; cons_prim+cons_alt+cons_add+cons_comments) and parses.
///
/// OFAC CSV files are grouped per directory and list: each group needs exactly one primary
/// file; alias, address and comment files without one are an error naming them.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<ParsedSource>, SourceError> {
    let mut files = Vec::new();
    for path in paths {
        expand(path, &mut files, true)?;
    }
    let mut parsed = Vec::new();
    // (directory, list) -> part -> (label, bytes)
    let mut ofac_sets: BTreeMap<(PathBuf, SourceList), ofac_csv::CsvSetFiles> = BTreeMap::new();
    for path in files {
        let bytes = read_file(&path)?;
        let format = detect_format(&path, &bytes[..bytes.len().min(DETECT_HEAD_LEN)])?;
        let label = path.display().to_string();
        match format {
            SourceFormat::OfacCsv { list, part } => {
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let set = ofac_sets.entry((dir, list)).or_default();
                set.add(part, label, bytes)?;
            }
            other => parsed.push(parse_bytes(other, &label, &bytes)?),
        }
    }
    for ((_, list), set) in ofac_sets {
        parsed.push(ofac_csv::parse_set(list, &set)?);
    }
    parsed.sort_by_key(|p| p.info.source);
    Ok(parsed)
}

/// Parses one single-file format. OFAC CSV parts need their set: use
/// [`ofac_csv::parse_set`] (or [`load_paths`]) for those.
pub fn parse_bytes(
    format: SourceFormat,
    label: &str,
    bytes: &[u8],
) -> Result<ParsedSource, SourceError> {
    match format {
        SourceFormat::OfacCsv { list, part } => {
            let mut set = ofac_csv::CsvSetFiles::default();
            set.add(part, label.to_string(), bytes.to_vec())?;
            ofac_csv::parse_set(list, &set)
        }
        SourceFormat::OfacXml { list } => ofac_xml::parse(bytes, label, list),
        SourceFormat::UnXml => un_xml::parse(bytes, label),
        SourceFormat::OfsiXlsx => uk_ofsi::parse_xlsx(bytes, label),
        SourceFormat::OfsiCsv => uk_ofsi::parse_csv(bytes, label),
        SourceFormat::FcdoOds => uk_fcdo::parse_ods(bytes, label),
        SourceFormat::FcdoCsv => uk_fcdo::parse_csv(bytes, label),
        SourceFormat::FcdoXml => uk_fcdo::parse_xml(bytes, label),
        SourceFormat::EuFsfXml => eu::parse_fsf_xml(bytes, label),
        SourceFormat::EuFsfCsv => eu::parse_fsf_csv(bytes, label),
        SourceFormat::EuLegacyXml => eu::parse_legacy_xml(bytes, label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_names_and_codes_map_to_alpha2() {
        assert_eq!(country_code("Korea, North"), "KP");
        assert_eq!(country_code(" IRQ "), "IQ");
        assert_eq!(country_code("Iran"), "IR");
        assert_eq!(country_code("Democratic Republic of the Congo"), "CD");
        assert_eq!(country_code("Congo (Democratic Republic)"), "CD");
        assert_eq!(country_code("Cote d Ivoire"), "CI");
        assert_eq!(country_code("Atlantis"), "Atlantis");
    }

    #[test]
    fn error_display_forms() {
        assert_eq!(
            SourceError::in_file("a.csv", "empty file").to_string(),
            "a.csv: empty file"
        );
        assert_eq!(
            SourceError::at_line("a.csv", 3, "bad").to_string(),
            "a.csv:3: bad"
        );
        assert_eq!(
            SourceError::at_element("u.xml", "/CONSOLIDATED_LIST/INDIVIDUALS", "bad").to_string(),
            "u.xml: /CONSOLIDATED_LIST/INDIVIDUALS: bad"
        );
    }

    #[test]
    fn detects_by_content() {
        let p = Path::new("whatever.bin");
        assert_eq!(
            detect_format(
                p,
                b"36,\"AERO\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
            ),
            Ok(SourceFormat::OfacCsv {
                list: SourceList::OfacSdn,
                part: OfacCsvPart::Primary
            })
        );
        assert_eq!(
            detect_format(Path::new("cons_alt.csv"), b"1,2,\"aka\",\"X\",-0- \r\n"),
            Ok(SourceFormat::OfacCsv {
                list: SourceList::OfacConsolidated,
                part: OfacCsvPart::Alt
            })
        );
        assert_eq!(
            detect_format(
                p,
                b"<?xml version=\"1.0\"?>\n<!-- c -->\n<CONSOLIDATED_LIST dateGenerated=\"x\">"
            ),
            Ok(SourceFormat::UnXml)
        );
        assert_eq!(
            detect_format(p, b"<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">"),
            Ok(SourceFormat::EuFsfXml)
        );
        let err = detect_format(Path::new("notes.csv"), b"name,score\nx,1\n").unwrap_err();
        assert!(
            err.to_string().starts_with("notes.csv: unknown format"),
            "{err}"
        );
        let err = detect_format(Path::new("e.csv"), b"  \r\n").unwrap_err();
        assert_eq!(err.to_string(), "e.csv: empty file");
        let err = detect_format(Path::new("x.xml"), b"<html><body/></html>").unwrap_err();
        assert!(err.to_string().contains("<html>"), "{err}");
    }
}
