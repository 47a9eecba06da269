//! OFAC legacy CSV sets: `SDN.CSV` + `ALT.CSV` + `ADD.CSV` + `SDN_COMMENTS.CSV`, and the
//! Consolidated (non-SDN) `CONS_PRIM.CSV` + `CONS_ALT.CSV` + `CONS_ADD.CSV` +
//! `CONS_COMMENTS.CSV`.
//!
//! Layout (https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas):
//! no header row, CRLF, `-0- ` as the null marker, a trailing 0x1A byte, programs joined as
//! `A] [B`, and most facts (DOB, POB, nationality, documents, wallet addresses, weak
//! a.k.a.s) written as `; `-separated phrases inside the Remarks column. Remarks longer
//! than the column limit continue in the comments file, cut mid-word, so the overflow is
//! appended without a separator.

use std::collections::HashMap;

use super::delimited::{read_records, Record};
use super::{country_code, dates, OfacCsvPart, ParsedSource, SourceError, SourceFormat};
use crate::model::{
    AliasStrength, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind, SourceList,
};

/// One row of `SDN.CSV` / `CONS_PRIM.CSV`. `None` stands for the `-0-` null marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimaryRow {
    /// Line number in the file.
    pub line: usize,
    /// `ent_num`: OFAC's unique entry id.
    pub ent_num: String,
    /// `SDN_Name`: people as `SURNAME, Given`.
    pub name: String,
    /// `SDN_Type`: `individual`, `vessel`, `aircraft`, or null for an entity.
    pub sdn_type: Option<String>,
    /// `Program`, e.g. `SDGT] [IFSR`.
    pub program: Option<String>,
    /// `Title`.
    pub title: Option<String>,
    /// `Call_Sign` (vessels).
    pub call_sign: Option<String>,
    /// `Vess_type`.
    pub vessel_type: Option<String>,
    /// `Tonnage`.
    pub tonnage: Option<String>,
    /// `GRT`.
    pub grt: Option<String>,
    /// `Vess_flag`.
    pub vessel_flag: Option<String>,
    /// `Vess_owner`.
    pub vessel_owner: Option<String>,
    /// `Remarks`.
    pub remarks: Option<String>,
}

/// One row of `ALT.CSV` / `CONS_ALT.CSV`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AltRow {
    /// Line number in the file.
    pub line: usize,
    /// The entry the alias belongs to.
    pub ent_num: String,
    /// Alias id.
    pub alt_num: String,
    /// `aka`, `fka` or `nka`.
    pub alt_type: Option<String>,
    /// The alias.
    pub alt_name: String,
    /// Alias remarks.
    pub remarks: Option<String>,
}

/// One row of `ADD.CSV` / `CONS_ADD.CSV`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddRow {
    /// Line number in the file.
    pub line: usize,
    /// The entry the address belongs to.
    pub ent_num: String,
    /// Address id.
    pub add_num: String,
    /// Street address.
    pub address: Option<String>,
    /// City / state / postal code.
    pub city: Option<String>,
    /// Country name as OFAC writes it.
    pub country: Option<String>,
    /// Address remarks.
    pub remarks: Option<String>,
}

/// One row of `SDN_COMMENTS.CSV` / `CONS_COMMENTS.CSV`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    /// Line number in the file.
    pub line: usize,
    /// The entry whose remarks continue here.
    pub ent_num: String,
    /// The remarks overflow.
    pub remarks: String,
}

/// The files of one OFAC CSV set, as (label, bytes); only the primary file is required.
#[derive(Debug, Clone, Default)]
pub struct CsvSetFiles {
    /// `SDN.CSV` / `CONS_PRIM.CSV`.
    pub primary: Option<(String, Vec<u8>)>,
    /// `ALT.CSV` / `CONS_ALT.CSV`.
    pub alt: Option<(String, Vec<u8>)>,
    /// `ADD.CSV` / `CONS_ADD.CSV`.
    pub add: Option<(String, Vec<u8>)>,
    /// `SDN_COMMENTS.CSV` / `CONS_COMMENTS.CSV`.
    pub comments: Option<(String, Vec<u8>)>,
}

impl CsvSetFiles {
    /// Puts a file in its slot; a second file for the same slot is an error naming both.
    pub fn add(
        &mut self,
        part: OfacCsvPart,
        label: String,
        bytes: Vec<u8>,
    ) -> Result<(), SourceError> {
        let slot = match part {
            OfacCsvPart::Primary => &mut self.primary,
            OfacCsvPart::Alt => &mut self.alt,
            OfacCsvPart::Add => &mut self.add,
            OfacCsvPart::Comments => &mut self.comments,
        };
        if let Some((existing, _)) = slot {
            return Err(SourceError::in_file(
                &label,
                format!("a second OFAC CSV {part:?} file in the same set (first: {existing})"),
            ));
        }
        *slot = Some((label, bytes));
        Ok(())
    }
}

/// Recognises a file of an OFAC CSV set from its first record (column count and shape).
pub fn detect_part(head: &[u8]) -> Option<OfacCsvPart> {
    let end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let records = read_records(&head[..end], b',', "").ok()?;
    let fields = &records.first()?.fields;
    let is_id = |i: usize| {
        fields
            .get(i)
            .is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    };
    if !is_id(0) {
        return None;
    }
    match fields.len() {
        12 => {
            let kind = fields[2].trim();
            matches!(kind, "-0-" | "individual" | "vessel" | "aircraft")
                .then_some(OfacCsvPart::Primary)
        }
        5 if is_id(1) => {
            let kind = fields[2].trim().to_ascii_lowercase();
            matches!(kind.as_str(), "aka" | "fka" | "nka" | "-0-").then_some(OfacCsvPart::Alt)
        }
        6 if is_id(1) => Some(OfacCsvPart::Add),
        2 => Some(OfacCsvPart::Comments),
        _ => None,
    }
}

/// `-0-` (OFAC's null, written with a trailing space) and empty fields become `None`.
fn value(field: &str) -> Option<String> {
    let trimmed = field.trim();
    if trimmed.is_empty() || trimmed == "-0-" {
        None
    } else {
        Some(trimmed.to_string())
    }
}

fn records_with_columns(
    bytes: &[u8],
    file: &str,
    columns: usize,
    layout: &str,
) -> Result<Vec<Record>, SourceError> {
    let records = read_records(bytes, b',', file)?;
    if records.is_empty() {
        return Err(SourceError::in_file(file, "empty file"));
    }
    for record in &records {
        if record.fields.len() != columns {
            return Err(SourceError::at_line(
                file,
                record.line,
                format!(
                    "expected {columns} columns ({layout}), found {}",
                    record.fields.len()
                ),
            ));
        }
        let id = record.fields[0].trim();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SourceError::at_line(
                file,
                record.line,
                format!("ent_num `{id}` is not a number"),
            ));
        }
    }
    Ok(records)
}

/// Parses `SDN.CSV` / `CONS_PRIM.CSV` (12 columns).
pub fn parse_primary(bytes: &[u8], file: &str) -> Result<Vec<PrimaryRow>, SourceError> {
    let layout = "ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks";
    records_with_columns(bytes, file, 12, layout)?
        .into_iter()
        .map(|r| {
            let f = &r.fields;
            let name = value(&f[1])
                .ok_or_else(|| SourceError::at_line(file, r.line, "SDN_Name is empty"))?;
            Ok(PrimaryRow {
                line: r.line,
                ent_num: f[0].trim().to_string(),
                name,
                sdn_type: value(&f[2]),
                program: value(&f[3]),
                title: value(&f[4]),
                call_sign: value(&f[5]),
                vessel_type: value(&f[6]),
                tonnage: value(&f[7]),
                grt: value(&f[8]),
                vessel_flag: value(&f[9]),
                vessel_owner: value(&f[10]),
                remarks: value(&f[11]),
            })
        })
        .collect()
}

/// Parses `ALT.CSV` / `CONS_ALT.CSV` (5 columns).
pub fn parse_alt(bytes: &[u8], file: &str) -> Result<Vec<AltRow>, SourceError> {
    records_with_columns(
        bytes,
        file,
        5,
        "ent_num, alt_num, alt_type, alt_name, alt_remarks",
    )?
    .into_iter()
    .map(|r| {
        let f = &r.fields;
        let alt_name =
            value(&f[3]).ok_or_else(|| SourceError::at_line(file, r.line, "alt_name is empty"))?;
        Ok(AltRow {
            line: r.line,
            ent_num: f[0].trim().to_string(),
            alt_num: f[1].trim().to_string(),
            alt_type: value(&f[2]),
            alt_name,
            remarks: value(&f[4]),
        })
    })
    .collect()
}

/// Parses `ADD.CSV` / `CONS_ADD.CSV` (6 columns).
pub fn parse_add(bytes: &[u8], file: &str) -> Result<Vec<AddRow>, SourceError> {
    let layout = "ent_num, add_num, address, city/state/postal code, country, add_remarks";
    Ok(records_with_columns(bytes, file, 6, layout)?
        .into_iter()
        .map(|r| {
            let f = &r.fields;
            AddRow {
                line: r.line,
                ent_num: f[0].trim().to_string(),
                add_num: f[1].trim().to_string(),
                address: value(&f[2]),
                city: value(&f[3]),
                country: value(&f[4]),
                remarks: value(&f[5]),
            }
        })
        .collect())
}

/// Parses `SDN_COMMENTS.CSV` / `CONS_COMMENTS.CSV` (2 columns). The overflow text is kept
/// untrimmed: it continues a remark cut mid-word.
pub fn parse_comments(bytes: &[u8], file: &str) -> Result<Vec<CommentRow>, SourceError> {
    Ok(records_with_columns(bytes, file, 2, "ent_num, remarks")?
        .into_iter()
        .map(|r| CommentRow {
            line: r.line,
            ent_num: r.fields[0].trim().to_string(),
            remarks: if r.fields[1].trim() == "-0-" {
                String::new()
            } else {
                r.fields[1].clone()
            },
        })
        .collect())
}

fn entity_type(row: &PrimaryRow, file: &str) -> Result<EntityType, SourceError> {
    match row
        .sdn_type
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None => Ok(EntityType::Organization),
        Some("individual") => Ok(EntityType::Person),
        Some("vessel") => Ok(EntityType::Vessel),
        Some("aircraft") => Ok(EntityType::Aircraft),
        Some(other) => Err(SourceError::at_line(
            file,
            row.line,
            format!("unknown SDN_Type `{other}` (expected individual, vessel, aircraft or -0-)"),
        )),
    }
}

/// Splits OFAC's program column (`SDGT] [IFSR`, sometimes with outer brackets).
pub fn split_programs(program: &str) -> Vec<String> {
    program
        .split("] [")
        .map(|p| {
            p.trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
        })
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Name kind from OFAC's alias type (`aka`, `fka`, `nka`, also the XML's `a.k.a.`).
pub fn alias_kind(alt_type: &str) -> NameKind {
    match alt_type.to_ascii_lowercase().replace('.', "").trim() {
        "fka" => NameKind::Fka,
        "nka" => NameKind::Nka,
        _ => NameKind::Aka,
    }
}

/// Identifier labels found in OFAC remarks, longest first where one is a prefix of another.
const IDENTIFIER_LABELS: &[(&str, IdentifierKind)] = &[
    ("Vessel Registration Identification", IdentifierKind::Imo),
    ("Identification Number IMO", IdentifierKind::Imo),
    ("Company Number IMO", IdentifierKind::Imo),
    ("Diplomatic Passport", IdentifierKind::Passport),
    ("Passport", IdentifierKind::Passport),
    ("National ID No.", IdentifierKind::NationalId),
    ("National Foreign ID Number", IdentifierKind::NationalId),
    ("Personal ID Card", IdentifierKind::NationalId),
    ("Turkish Identification Number", IdentifierKind::NationalId),
    ("Kenyan ID No.", IdentifierKind::NationalId),
    ("Cedula No.", IdentifierKind::NationalId),
    ("C.U.R.P.", IdentifierKind::NationalId),
    ("D.N.I.", IdentifierKind::NationalId),
    ("SSN", IdentifierKind::NationalId),
    ("Numero de Identidad", IdentifierKind::NationalId),
    ("Citizen's Card Number", IdentifierKind::NationalId),
    ("Identification Number", IdentifierKind::NationalId),
    ("Tax ID No.", IdentifierKind::TaxId),
    ("R.F.C.", IdentifierKind::TaxId),
    ("RFC", IdentifierKind::TaxId),
    ("V.A.T. Number", IdentifierKind::TaxId),
    ("NIT #", IdentifierKind::TaxId),
    ("RUC #", IdentifierKind::TaxId),
    ("RIF #", IdentifierKind::TaxId),
    ("C.U.I.T.", IdentifierKind::TaxId),
    ("Italian Fiscal Code", IdentifierKind::TaxId),
    ("US FEIN", IdentifierKind::TaxId),
    ("Business Registration Number", IdentifierKind::Registration),
    (
        "Business Registration Document #",
        IdentifierKind::Registration,
    ),
    ("Registration Number", IdentifierKind::Registration),
    ("Registration ID", IdentifierKind::Registration),
    ("Public Registration Number", IdentifierKind::Registration),
    ("UK Company Number", IdentifierKind::Registration),
    ("Company Number", IdentifierKind::Registration),
    ("Commercial Registry Number", IdentifierKind::Registration),
    ("C.R. No.", IdentifierKind::Registration),
    ("Government Gazette Number", IdentifierKind::Registration),
    (
        "Unified Social Credit Code (USCC)",
        IdentifierKind::Registration,
    ),
    (
        "United Social Credit Code Certificate (USCCC)",
        IdentifierKind::Registration,
    ),
    ("Legal Entity Number", IdentifierKind::Registration),
    ("Trade License No.", IdentifierKind::Registration),
    ("Folio Mercantil No.", IdentifierKind::Registration),
    ("Matricula Mercantil No", IdentifierKind::Registration),
    (
        "Economic Register Number (CBLS)",
        IdentifierKind::Registration,
    ),
    ("Chamber of Commerce Number", IdentifierKind::Registration),
    ("Enterprise Number", IdentifierKind::Registration),
    (
        "Certificate of Incorporation Number",
        IdentifierKind::Registration,
    ),
    (
        "Central Registration System Number",
        IdentifierKind::Registration,
    ),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        IdentifierKind::Aircraft,
    ),
    ("Aircraft Tail Number", IdentifierKind::Aircraft),
    (
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        IdentifierKind::Aircraft,
    ),
    ("SWIFT/BIC", IdentifierKind::SwiftBic),
    ("MMSI", IdentifierKind::Other),
    ("ISIN", IdentifierKind::Other),
    ("D-U-N-S Number", IdentifierKind::Other),
];

/// Facts extracted from an OFAC Remarks text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemarkFacts {
    /// `DOB ...` / `alt. DOB ...`.
    pub birth_dates: Vec<crate::model::BirthDate>,
    /// `POB ...`.
    pub birth_places: Vec<String>,
    /// `nationality ...` and `citizen ...` (mapped with [`country_code`]).
    pub nationalities: Vec<String>,
    /// Documents, registrations and wallet addresses.
    pub identifiers: Vec<Identifier>,
    /// `a.k.a. 'X'`, `f.k.a. 'X'`, `n.k.a. 'X'`: the legacy CSV's weak aliases.
    pub aliases: Vec<(NameKind, String)>,
}

/// Extracts dates and places of birth, nationalities, identifiers and weak aliases from
/// OFAC remarks (`DOB 10 Dec 1948; POB Baghdad, Iraq; a.k.a. 'X'; Passport 123 (Iraq).`).
/// Phrases it does not know stay only in the remarks text.
pub fn parse_remarks(remarks: &str) -> RemarkFacts {
    let mut facts = RemarkFacts::default();
    let text = remarks.trim().trim_end_matches('.');
    for phrase in text.split("; ") {
        let phrase = phrase.trim();
        let phrase = phrase.strip_prefix("alt. ").unwrap_or(phrase).trim();
        if let Some(rest) = phrase.strip_prefix("DOB ") {
            if let Some(date) = dates::birth_date(rest) {
                facts.birth_dates.push(date);
            }
        } else if let Some(rest) = phrase.strip_prefix("POB ") {
            push_unique(&mut facts.birth_places, rest.trim().to_string());
        } else if let Some(rest) = phrase
            .strip_prefix("nationality ")
            .or_else(|| phrase.strip_prefix("citizen "))
        {
            push_unique(&mut facts.nationalities, country_code(rest));
        } else if let Some((kind, rest)) = [
            ("a.k.a. ", NameKind::Aka),
            ("f.k.a. ", NameKind::Fka),
            ("n.k.a. ", NameKind::Nka),
        ]
        .iter()
        .find_map(|(prefix, kind)| phrase.strip_prefix(prefix).map(|r| (*kind, r)))
        {
            let name = rest.trim().trim_matches(|c| c == '\'' || c == '"').trim();
            if !name.is_empty() {
                facts.aliases.push((kind, name.to_string()));
            }
        } else if let Some(rest) = phrase.strip_prefix("Digital Currency Address - ") {
            let mut words = rest.trim().splitn(2, ' ');
            let network = words.next().unwrap_or("").trim();
            let address = words.next().unwrap_or("").trim();
            if !network.is_empty() && !address.is_empty() {
                facts.identifiers.push(Identifier {
                    kind: IdentifierKind::CryptoAddress,
                    label: format!("Digital Currency Address - {network}"),
                    value: address.to_string(),
                    country: None,
                    network: Some(network.to_string()),
                });
            }
        } else if let Some(identifier) = identifier_phrase(phrase) {
            facts.identifiers.push(identifier);
        }
    }
    facts
}

/// `Passport A123 (Iraq) issued 01 Jan 2000 expires ...` → value `A123`, country `Iraq`.
fn identifier_phrase(phrase: &str) -> Option<Identifier> {
    let (label, kind) = IDENTIFIER_LABELS.iter().find(|(label, _)| {
        phrase
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with(' '))
    })?;
    let rest = phrase.get(label.len()..)?.trim();
    let mut end = rest.len();
    for marker in [" (", " issued", " expires"] {
        if let Some(i) = rest.find(marker) {
            end = end.min(i);
        }
    }
    let mut value = rest.get(..end)?.trim();
    if *kind == IdentifierKind::Imo {
        value = value.strip_prefix("IMO ").unwrap_or(value).trim();
    }
    if value.is_empty() {
        return None;
    }
    let country = rest
        .get(end..)
        .and_then(|tail| tail.strip_prefix(" ("))
        .and_then(|tail| tail.split_once(')'))
        .map(|(country, _)| country_code(country));
    Some(Identifier {
        kind: *kind,
        label: label.to_string(),
        value: value.to_string(),
        country,
        network: None,
    })
}

/// An identifier from an OFAC id label (`Passport`, `Tax ID No.`, `Digital Currency Address
/// - XBT`, ...) as used both in CSV remarks and in the XML `idType`; `None` for labels that
/// are not identifiers (`Website`, `Secondary sanctions risk:`, ...).
pub fn identifier_from_label(
    label: &str,
    value: &str,
    country: Option<&str>,
) -> Option<Identifier> {
    let label = label.trim();
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Some(network) = label.strip_prefix("Digital Currency Address - ") {
        return Some(Identifier {
            kind: IdentifierKind::CryptoAddress,
            label: label.to_string(),
            value: value.to_string(),
            country: None,
            network: Some(network.trim().to_string()),
        });
    }
    let (_, kind) = IDENTIFIER_LABELS
        .iter()
        .find(|(known, _)| *known == label)?;
    let value = if *kind == IdentifierKind::Imo {
        value.strip_prefix("IMO ").unwrap_or(value).trim()
    } else {
        value
    };
    Some(Identifier {
        kind: *kind,
        label: label.to_string(),
        value: value.to_string(),
        country: country.map(country_code).filter(|c| !c.is_empty()),
        network: None,
    })
}

pub(crate) fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

fn list_of(list: SourceList, file: &str) -> Result<SourceList, SourceError> {
    match list {
        SourceList::OfacSdn | SourceList::OfacConsolidated => Ok(list),
        other => Err(SourceError::in_file(
            file,
            format!("{} is not an OFAC list", other.code()),
        )),
    }
}

/// Parses one OFAC CSV set into entities. The primary file is required; every row of the
/// other files must refer to an `ent_num` of the primary file (a mismatch means files from
/// different downloads were mixed).
pub fn parse_set(list: SourceList, set: &CsvSetFiles) -> Result<ParsedSource, SourceError> {
    let Some((primary_label, primary_bytes)) = &set.primary else {
        let orphan = [&set.alt, &set.add, &set.comments]
            .into_iter()
            .flatten()
            .map(|(label, _)| label.as_str())
            .next()
            .unwrap_or("OFAC CSV set");
        let expected = if list == SourceList::OfacConsolidated {
            "cons_prim.csv"
        } else {
            "sdn.csv"
        };
        return Err(SourceError::in_file(
            orphan,
            format!("OFAC CSV file without its primary file ({expected}) in the same set"),
        ));
    };
    let list = list_of(list, primary_label)?;
    let rows = parse_primary(primary_bytes, primary_label)?;
    let mut files = vec![primary_label.clone()];
    let mut index: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    let mut remarks: Vec<Option<String>> = Vec::with_capacity(rows.len());
    let mut entities = Vec::with_capacity(rows.len());
    for row in &rows {
        if index.insert(row.ent_num.clone(), entities.len()).is_some() {
            return Err(SourceError::at_line(
                primary_label,
                row.line,
                format!("duplicate ent_num {}", row.ent_num),
            ));
        }
        let mut entity = Entity::new(
            list,
            &row.ent_num,
            entity_type(row, primary_label)?,
            &row.name,
        );
        entity.programs = row
            .program
            .as_deref()
            .map(split_programs)
            .unwrap_or_default();
        if let Some(call_sign) = &row.call_sign {
            entity.identifiers.push(Identifier {
                kind: IdentifierKind::Other,
                label: "Call Sign".to_string(),
                value: call_sign.clone(),
                country: None,
                network: None,
            });
        }
        // A vessel's flag is its nationality.
        if let Some(flag) = &row.vessel_flag {
            push_unique(&mut entity.nationalities, country_code(flag));
        }
        remarks.push(row.remarks.clone());
        entities.push(entity);
    }
    let lookup = |ent_num: &str, file: &str, line: usize| -> Result<usize, SourceError> {
        index.get(ent_num).copied().ok_or_else(|| {
            SourceError::at_line(
                file,
                line,
                format!("ent_num {ent_num} has no entry in {primary_label} (files from different downloads?)"),
            )
        })
    };
    if let Some((label, bytes)) = &set.comments {
        files.push(label.clone());
        for row in parse_comments(bytes, label)? {
            let at = lookup(&row.ent_num, label, row.line)?;
            let text = remarks[at].get_or_insert_with(String::new);
            text.push_str(&row.remarks);
        }
    }
    if let Some((label, bytes)) = &set.alt {
        files.push(label.clone());
        for row in parse_alt(bytes, label)? {
            let at = lookup(&row.ent_num, label, row.line)?;
            let kind = alias_kind(row.alt_type.as_deref().unwrap_or("aka"));
            entities[at].names.push(Name::new(row.alt_name, kind));
        }
    }
    if let Some((label, bytes)) = &set.add {
        files.push(label.clone());
        for row in parse_add(bytes, label)? {
            let at = lookup(&row.ent_num, label, row.line)?;
            if let Some(country) = &row.country {
                push_unique(&mut entities[at].address_countries, country_code(country));
            }
        }
    }
    for (entity, remark) in entities.iter_mut().zip(remarks) {
        if let Some(remark) = remark {
            apply_remarks(entity, &remark);
            entity.remarks = Some(remark.trim().to_string());
        }
    }
    let files = files
        .iter()
        .map(|f| super::base_name(std::path::Path::new(f)))
        .collect();
    Ok(ParsedSource::new(
        list,
        SourceFormat::OfacCsv {
            list,
            part: OfacCsvPart::Primary,
        },
        None,
        files,
        entities,
    ))
}

fn apply_remarks(entity: &mut Entity, remark: &str) {
    let facts = parse_remarks(remark);
    entity.birth_dates.extend(facts.birth_dates);
    for place in facts.birth_places {
        push_unique(&mut entity.birth_places, place);
    }
    for nationality in facts.nationalities {
        push_unique(&mut entity.nationalities, nationality);
    }
    entity.identifiers.extend(facts.identifiers);
    // In the legacy CSV, weak a.k.a.s live only in Remarks (strong ones are in ALT.CSV).
    for (kind, alias) in facts.aliases {
        if entity.names.iter().any(|n| n.full == alias) {
            continue;
        }
        let mut name = Name::new(alias, kind);
        name.strength = AliasStrength::Weak;
        entity.names.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BirthDate, PartialDate};

    #[test]
    fn remarks_facts() {
        let facts = parse_remarks(
            "DOB 10 Dec 1948; alt. DOB 1950; POB Baghdad, Iraq; nationality Iraq; citizen Jordan; \
             Passport A1234 (Iraq) issued 01 Jan 2000; a.k.a. 'ABU X'; \
             Digital Currency Address - XBT 1AbC; alt. Digital Currency Address - ETH 0xdead; \
             Vessel Registration Identification IMO 9187629; Tax ID No. AABA 670850 Y.",
        );
        assert_eq!(facts.birth_dates.len(), 2);
        assert_eq!(
            facts.birth_dates[0],
            BirthDate::Date {
                date: PartialDate {
                    year: 1948,
                    month: Some(12),
                    day: Some(10)
                }
            }
        );
        assert_eq!(facts.birth_places, vec!["Baghdad, Iraq"]);
        assert_eq!(
            facts.nationalities,
            vec![country_code("Iraq"), country_code("Jordan")]
        );
        assert_eq!(facts.aliases, vec![(NameKind::Aka, "ABU X".to_string())]);
        let ids: Vec<(IdentifierKind, &str, Option<&str>, Option<&str>)> = facts
            .identifiers
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.value.as_str(),
                    i.country.as_deref(),
                    i.network.as_deref(),
                )
            })
            .collect();
        let iraq = country_code("Iraq");
        assert_eq!(
            ids,
            vec![
                (IdentifierKind::Passport, "A1234", Some(iraq.as_str()), None),
                (IdentifierKind::CryptoAddress, "1AbC", None, Some("XBT")),
                (IdentifierKind::CryptoAddress, "0xdead", None, Some("ETH")),
                (IdentifierKind::Imo, "9187629", None, None),
                (IdentifierKind::TaxId, "AABA 670850 Y", None, None),
            ]
        );
    }

    #[test]
    fn programs_split() {
        assert_eq!(split_programs("SDGT] [IFSR"), vec!["SDGT", "IFSR"]);
        assert_eq!(split_programs("[CUBA]"), vec!["CUBA"]);
    }

    #[test]
    fn set_joins_alt_add_and_comments() {
        let mut set = CsvSetFiles::default();
        set.add(
            OfacCsvPart::Primary,
            "sdn.csv".into(),
            b"7,\"DOE, John\",\"individual\",\"SDGT] [IFSR\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1960; Digital Currency Addres\"\r\n\x1A".to_vec(),
        )
        .unwrap();
        set.add(
            OfacCsvPart::Alt,
            "alt.csv".into(),
            b"7,1,\"fka\",\"DOE, Jon\",-0- \r\n".to_vec(),
        )
        .unwrap();
        set.add(
            OfacCsvPart::Add,
            "add.csv".into(),
            b"7,2,-0- ,\"Paris\",\"France\",-0- \r\n".to_vec(),
        )
        .unwrap();
        set.add(
            OfacCsvPart::Comments,
            "sdn_comments.csv".into(),
            b"7,\"s - XBT 1Q2W; a.k.a. 'JD'.\"\r\n".to_vec(),
        )
        .unwrap();
        let parsed = parse_set(SourceList::OfacSdn, &set).unwrap();
        let e = &parsed.entities[0];
        assert_eq!(e.id, "ofac_sdn:7");
        assert_eq!(e.entity_type, EntityType::Person);
        assert_eq!(e.programs, vec!["SDGT", "IFSR"]);
        assert_eq!(e.names.len(), 3);
        assert_eq!(e.names[1].kind, NameKind::Fka);
        assert_eq!(e.names[2].full, "JD");
        assert_eq!(e.names[2].strength, AliasStrength::Weak);
        assert_eq!(e.identifiers[0].value, "1Q2W");
        assert_eq!(e.address_countries, vec![country_code("France")]);
        assert_eq!(
            parsed.info.files,
            vec!["sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"]
        );
        assert_eq!(parsed.info.name_count, 3);
    }

    #[test]
    fn orphan_rows_and_bad_columns_are_errors() {
        let mut set = CsvSetFiles::default();
        set.add(
            OfacCsvPart::Primary,
            "sdn.csv".into(),
            b"7,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n".to_vec(),
        )
        .unwrap();
        set.add(
            OfacCsvPart::Alt,
            "alt.csv".into(),
            b"7,1,\"aka\",\"Y\",-0- \r\n8,2,\"aka\",\"Z\",-0- \r\n".to_vec(),
        )
        .unwrap();
        let err = parse_set(SourceList::OfacSdn, &set).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("alt.csv:2: ent_num 8 has no entry"),
            "{err}"
        );
        let err = parse_primary(b"7,\"X\",-0- \r\n", "sdn.csv").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("sdn.csv:1: expected 12 columns"),
            "{err}"
        );
        let err = parse_primary(b"", "sdn.csv").unwrap_err();
        assert_eq!(err.to_string(), "sdn.csv: empty file");
    }
}
