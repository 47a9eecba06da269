//! FCDO UK Sanctions List: the ODS summary export, the full CSV and the XML.
//!
//! - ODS summary (one sheet `UK_Sanction_List`, 8 columns): Unique ID, OFSI Group ID, Name,
//!   Regime Name, Type (Individual / Entity / Ship), Designation source, Date Designated
//!   (`dd-mm-yyyy`), Sanctions Imposed. Primary names only.
//! - Full CSV: a `Report Date: ...` line, then a header row and one row per name, grouped by
//!   Unique ID: Name 1..Name 6, Name type (Primary Name, Primary Name Variation, Alias),
//!   Alias strength, Name non-latin script, Non-latin script type / language, Regime Name,
//!   `Designation Type` (also seen as `Individual, Entity, Ship`), Date Designated, D.O.B,
//!   Nationality(/ies), Passport number, National Identifier number, Address Country, Town /
//!   Country of birth, IMO number, Business registration number (s), Current believed flag
//!   of ship, Other Information. Column names are matched case-insensitively.
//! - XML: `Designations/Designation` with UniqueID, Names/Name (Name1..Name6, NameType,
//!   AliasStrength), NonLatinNames/NonLatinName, RegimeName, IndividualEntityShip,
//!   DateDesignated, Addresses/Address/AddressCountry and nested individual, entity and ship
//!   details (DOB, Nationality, PassportNumber, NationalIdentifierNumber, IMONumber, ...),
//!   looked up by element name at any depth because their nesting is not formally published.

use std::collections::HashMap;

use super::delimited::read_records;
use super::ofac_csv::push_unique;
use super::spreadsheet::{csv_table, read_ods, sheet_table, TableRow};
use super::uk_ofsi::split_numbered;
use super::xml::{self, Element};
use super::{country_code, dates, ParsedSource, SourceError, SourceFormat};
use crate::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    PartialDate, SourceList,
};

/// Parses the FCDO UK Sanctions List spreadsheet (ODS).
pub fn parse_ods(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let rows = sheet_table(read_ods(bytes, file)?);
    parse_table(&rows, file, SourceFormat::FcdoOds)
}

/// Parses the FCDO UK Sanctions List CSV (UTF-8).
pub fn parse_csv(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let rows = csv_table(read_records(bytes, b',', file)?);
    parse_table(&rows, file, SourceFormat::FcdoCsv)
}

/// FCDO dates: `dd/mm/yyyy`, `dd-mm-yyyy`, with `dd`/`mm`/`00` for unknown parts.
fn fcdo_date(text: &str) -> Option<PartialDate> {
    let cleaned = text.trim().replace("dd", "00").replace("mm", "00");
    dates::dmy(&cleaned, '/')
        .or_else(|| dates::dmy(&cleaned, '-'))
        .or_else(|| dates::single(&cleaned))
}

fn entity_type(text: &str) -> Option<EntityType> {
    match text.trim().to_ascii_lowercase().as_str() {
        "individual" => Some(EntityType::Person),
        "entity" => Some(EntityType::Organization),
        "ship" => Some(EntityType::Vessel),
        _ => None,
    }
}

fn name_kind(text: &str) -> NameKind {
    match text.trim().to_ascii_lowercase().as_str() {
        "primary name" => NameKind::Primary,
        "formerly known as" | "fka" => NameKind::Fka,
        _ => NameKind::Aka,
    }
}

fn strength(text: Option<&str>) -> AliasStrength {
    match text.map(str::to_ascii_lowercase) {
        Some(s) if s.contains("low") || s.contains("weak") => AliasStrength::Weak,
        _ => AliasStrength::Strong,
    }
}

/// Values of a multi-valued cell: `(1) a (2) b` or `a|b`.
fn values(text: Option<&str>) -> Vec<String> {
    split_numbered(text.unwrap_or(""))
        .iter()
        .flat_map(|v| v.split('|'))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Header lookup by case-insensitive name, with alternatives.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn get(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.0.get(&n.to_ascii_lowercase()).copied())
    }
}

fn parse_table(
    rows: &[TableRow],
    file: &str,
    format: SourceFormat,
) -> Result<ParsedSource, SourceError> {
    let rows: Vec<&TableRow> = rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(SourceError::in_file(file, "empty file"));
    }
    let header_at = rows
        .iter()
        .position(|r| {
            r.cells
                .iter()
                .any(|c| c.trim().eq_ignore_ascii_case("Unique ID"))
        })
        .ok_or_else(|| {
            rows[0].error(
                file,
                "no header row with a `Unique ID` column (not a UK Sanctions List file?)",
            )
        })?;
    let mut published = None;
    for row in &rows[..header_at] {
        if let Some(text) = row.get(Some(0)) {
            if let Some(date) = text
                .strip_prefix("Report Date")
                .map(|d| d.trim_start_matches(':'))
            {
                published = fcdo_date(date).and_then(dates::to_iso);
            }
        }
    }
    let header = rows[header_at];
    let columns = Columns(
        header
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.trim().to_ascii_lowercase(), i))
            .collect(),
    );
    let type_column = columns
        .get(&["Designation Type", "Individual, Entity, Ship", "Type"])
        .ok_or_else(|| header.error(file, "missing column `Designation Type` (or `Type`)"))?;
    let has_name = columns.get(&["Name", "Name 6"]).is_some();
    if !has_name {
        return Err(header.error(file, "missing column `Name` (or `Name 6`)"));
    }
    let id_column = columns.get(&["Unique ID"]);
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<&TableRow>> = HashMap::new();
    for row in &rows[header_at + 1..] {
        let id = row
            .get(id_column)
            .ok_or_else(|| row.error(file, "empty Unique ID"))?;
        groups
            .entry(id.to_string())
            .or_insert_with(|| {
                order.push(id.to_string());
                Vec::new()
            })
            .push(row);
    }
    let mut entities = Vec::with_capacity(order.len());
    let mut warnings = Vec::new();
    for id in &order {
        let Some(group) = groups.get(id) else {
            continue;
        };
        // The published list has designations without any name (two in the August 2025
        // ODS); they cannot be screened, so they are reported and skipped.
        if group.iter().all(|r| row_name(r, &columns).is_none()) {
            let row = group
                .first()
                .map(|r| r.error(file, format!("designation {id} has no name; skipped")));
            if let Some(warning) = row {
                warnings.push(warning.to_string());
            }
            continue;
        }
        entities.push(row_group_entity(id, group, &columns, type_column, file)?);
    }
    let mut parsed = ParsedSource::new(
        SourceList::UkFcdo,
        format,
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    );
    parsed.warnings = warnings;
    Ok(parsed)
}

fn row_name(row: &TableRow, columns: &Columns) -> Option<String> {
    if let Some(name) = row.get(columns.get(&["Name"])) {
        return Some(name.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let parts: Vec<&str> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"]
        .iter()
        .filter_map(|c| row.get(columns.get(&[c])))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn row_group_entity(
    id: &str,
    rows: &[&TableRow],
    columns: &Columns,
    type_column: usize,
    file: &str,
) -> Result<Entity, SourceError> {
    let name_type = |row: &TableRow| row.get(columns.get(&["Name type"])).map(name_kind);
    let primary = rows
        .iter()
        .find(|r| name_type(r) == Some(NameKind::Primary))
        .or_else(|| rows.first())
        .copied()
        .ok_or_else(|| SourceError::in_file(file, format!("designation {id} has no rows")))?;
    let name = row_name(primary, columns)
        .ok_or_else(|| primary.error(file, format!("designation {id}: the name is empty")))?;
    let kind_text = primary.get(Some(type_column)).unwrap_or("");
    let kind = entity_type(kind_text).ok_or_else(|| {
        primary.error(
            file,
            format!("designation {id}: unknown type `{kind_text}`"),
        )
    })?;
    let mut entity = Entity::new(SourceList::UkFcdo, id, kind, name);
    for row in rows {
        let is_primary = std::ptr::eq(*row, primary);
        let row_kind = name_type(row).unwrap_or(NameKind::Aka);
        let row_strength = strength(row.get(columns.get(&["Alias strength"])));
        if !is_primary {
            if let Some(full) = row_name(row, columns) {
                let kind = if row_kind == NameKind::Primary {
                    NameKind::Aka
                } else {
                    row_kind
                };
                add_name(&mut entity, full, kind, row_strength, false, None);
            }
        }
        if let Some(original) = row.get(columns.get(&["Name non-latin script"])) {
            let language = row
                .get(columns.get(&["Non-latin script language"]))
                .or_else(|| row.get(columns.get(&["Non-latin script type"])))
                .map(str::to_string);
            add_name(
                &mut entity,
                original.to_string(),
                row_kind,
                row_strength,
                true,
                language,
            );
        }
        for dob in values(row.get(columns.get(&["D.O.B", "DOB"]))) {
            if let Some(date) = fcdo_date(&dob) {
                push_date(&mut entity.birth_dates, BirthDate::Date { date });
            }
        }
        let place: Vec<&str> = [["Town of birth"], ["Country of birth"]]
            .iter()
            .filter_map(|c| row.get(columns.get(c)))
            .collect();
        if !place.is_empty() {
            push_unique(&mut entity.birth_places, place.join(", "));
        }
        for nationality in values(row.get(columns.get(&["Nationality(/ies)", "Nationality"]))) {
            push_unique(&mut entity.nationalities, country_code(&nationality));
        }
        if let Some(flag) = row.get(columns.get(&["Current believed flag of ship"])) {
            push_unique(&mut entity.nationalities, country_code(flag));
        }
        for country in values(row.get(columns.get(&["Address Country"]))) {
            push_unique(&mut entity.address_countries, country_code(&country));
        }
        for (names, kind, label) in [
            (
                &["Passport number"][..],
                IdentifierKind::Passport,
                "Passport",
            ),
            (
                &["National Identifier number"][..],
                IdentifierKind::NationalId,
                "National Identifier",
            ),
            (&["IMO number"][..], IdentifierKind::Imo, "IMO number"),
            (
                &[
                    "Business registration number (s)",
                    "Business registration number(s)",
                ][..],
                IdentifierKind::Registration,
                "Business registration number",
            ),
        ] {
            for value in values(row.get(columns.get(names))) {
                push_identifier(&mut entity, kind, label, &value);
            }
        }
        if let Some(regime) = row.get(columns.get(&["Regime Name", "Regime"])) {
            push_unique(&mut entity.programs, regime.to_string());
        }
        if entity.listed_on.is_none() {
            entity.listed_on = row
                .get(columns.get(&["Date Designated"]))
                .and_then(fcdo_date)
                .and_then(dates::to_iso);
        }
        if entity.remarks.is_none() {
            entity.remarks = row
                .get(columns.get(&["Other Information"]))
                .map(str::to_string);
        }
    }
    Ok(entity)
}

fn add_name(
    entity: &mut Entity,
    full: String,
    kind: NameKind,
    strength: AliasStrength,
    original_script: bool,
    language: Option<String>,
) {
    if full.is_empty()
        || entity
            .names
            .iter()
            .any(|n| n.full == full && n.original_script == original_script)
    {
        return;
    }
    entity.names.push(Name {
        full,
        kind,
        strength,
        original_script,
        language,
    });
}

fn push_date(list: &mut Vec<BirthDate>, date: BirthDate) {
    if !list.contains(&date) {
        list.push(date);
    }
}

fn push_identifier(entity: &mut Entity, kind: IdentifierKind, label: &str, value: &str) {
    let value = if kind == IdentifierKind::Imo {
        value.trim().trim_start_matches("IMO").trim()
    } else {
        value.trim()
    };
    if value.is_empty() {
        return;
    }
    let identifier = Identifier {
        kind,
        label: label.to_string(),
        value: value.to_string(),
        country: None,
        network: None,
    };
    if !entity.identifiers.contains(&identifier) {
        entity.identifiers.push(identifier);
    }
}

/// Every descendant element with this local name, depth first.
fn descendants<'a>(element: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for child in &element.children {
        if child.name == name {
            out.push(child);
        }
        descendants(child, name, out);
    }
}

fn descendant_texts<'a>(element: &'a Element, name: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    descendants(element, name, &mut found);
    found.into_iter().filter_map(Element::trimmed).collect()
}

/// Parses the FCDO UK Sanctions List XML (`Designations` root).
pub fn parse_xml(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let root = xml::parse(bytes, file)?;
    if root.name != "Designations" {
        return Err(SourceError::at_element(
            file,
            root.at(&format!("/{}", root.name)),
            "expected root element Designations (UK Sanctions List XML)",
        ));
    }
    let published = root
        .child_text("DateGenerated")
        .and_then(fcdo_date)
        .and_then(dates::to_iso);
    let mut entities = Vec::new();
    for designation in root.children_named("Designation") {
        let path = "/Designations/Designation";
        let id = designation.child_text("UniqueID").ok_or_else(|| {
            SourceError::at_element(file, designation.at(path), "Designation has no UniqueID")
        })?;
        let kind_text = designation.child_text("IndividualEntityShip").unwrap_or("");
        let kind = entity_type(kind_text).ok_or_else(|| {
            SourceError::at_element(
                file,
                designation.at(path),
                format!("designation {id}: unknown IndividualEntityShip `{kind_text}`"),
            )
        })?;
        let mut names: Vec<(String, NameKind, AliasStrength)> = Vec::new();
        if let Some(list) = designation.child("Names") {
            for name in list.children_named("Name") {
                let parts: Vec<&str> = ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"]
                    .iter()
                    .filter_map(|p| name.child_text(p))
                    .collect();
                if parts.is_empty() {
                    continue;
                }
                names.push((
                    parts.join(" "),
                    name_kind(name.child_text("NameType").unwrap_or("")),
                    strength(name.child_text("AliasStrength")),
                ));
            }
        }
        let primary_at = names
            .iter()
            .position(|(_, k, _)| *k == NameKind::Primary)
            .unwrap_or(0);
        let Some((primary, _, _)) = names.get(primary_at).cloned() else {
            return Err(SourceError::at_element(
                file,
                designation.at(path),
                format!("designation {id} has no Names/Name"),
            ));
        };
        let mut entity = Entity::new(SourceList::UkFcdo, id, kind, primary);
        for (i, (full, kind, strength)) in names.into_iter().enumerate() {
            if i != primary_at {
                let kind = if kind == NameKind::Primary {
                    NameKind::Aka
                } else {
                    kind
                };
                add_name(&mut entity, full, kind, strength, false, None);
            }
        }
        let mut non_latin = Vec::new();
        descendants(designation, "NonLatinName", &mut non_latin);
        for name in non_latin {
            if let Some(full) = name.child_text("NameNonLatinScript") {
                let language = name
                    .child_text("NonLatinScriptLanguage")
                    .or_else(|| name.child_text("NonLatinScriptType"))
                    .map(str::to_string);
                add_name(
                    &mut entity,
                    full.to_string(),
                    NameKind::Primary,
                    AliasStrength::Strong,
                    true,
                    language,
                );
            }
        }
        for dob in descendant_texts(designation, "DOB") {
            if let Some(date) = fcdo_date(dob) {
                push_date(&mut entity.birth_dates, BirthDate::Date { date });
            }
        }
        let mut births = Vec::new();
        descendants(designation, "BirthDetails", &mut births);
        for birth in births {
            let place: Vec<&str> = ["TownOfBirth", "CountryOfBirth"]
                .iter()
                .flat_map(|t| descendant_texts(birth, t))
                .collect();
            if !place.is_empty() {
                push_unique(&mut entity.birth_places, place.join(", "));
            }
        }
        for tag in ["Nationality", "CurrentBelievedFlagOfShip"] {
            for country in descendant_texts(designation, tag) {
                push_unique(&mut entity.nationalities, country_code(country));
            }
        }
        for country in descendant_texts(designation, "AddressCountry") {
            push_unique(&mut entity.address_countries, country_code(country));
        }
        for (tag, kind, label) in [
            ("PassportNumber", IdentifierKind::Passport, "Passport"),
            (
                "NationalIdentifierNumber",
                IdentifierKind::NationalId,
                "National Identifier",
            ),
            ("IMONumber", IdentifierKind::Imo, "IMO number"),
            (
                "BusinessRegistrationNumber",
                IdentifierKind::Registration,
                "Business registration number",
            ),
        ] {
            for value in descendant_texts(designation, tag) {
                push_identifier(&mut entity, kind, label, value);
            }
        }
        if let Some(regime) = designation.child_text("RegimeName") {
            entity.programs.push(regime.to_string());
        }
        entity.listed_on = designation
            .child_text("DateDesignated")
            .and_then(fcdo_date)
            .and_then(dates::to_iso);
        entity.remarks = designation
            .child_text("OtherInformation")
            .map(str::to_string);
        entities.push(entity);
    }
    Ok(ParsedSource::new(
        SourceList::UkFcdo,
        SourceFormat::FcdoXml,
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_designations() {
        let xml = "<?xml version=\"1.0\"?><Designations><DateGenerated>08/10/2026</DateGenerated>\
<Designation><DateDesignated>25/01/2001</DateDesignated><UniqueID>AFG0006</UniqueID>\
<Names><Name><Name1>MOHAMMAD</Name1><Name2>HASSAN</Name2><Name6>AKHUND</Name6><NameType>Primary Name</NameType></Name>\
<Name><Name6>Mullah Mohammad Hassan</Name6><NameType>Alias</NameType><AliasStrength>Weak</AliasStrength></Name></Names>\
<NonLatinNames><NonLatinName><NameNonLatinScript>محمد حسن آخوند</NameNonLatinScript><NonLatinScriptLanguage>Pashto</NonLatinScriptLanguage></NonLatinName></NonLatinNames>\
<RegimeName>Afghanistan</RegimeName><IndividualEntityShip>Individual</IndividualEntityShip>\
<IndividualDetails><Individual><DOBs><DOB>dd/mm/1950</DOB><DOB>27/08/1955</DOB></DOBs>\
<Nationalities><Nationality>Afghanistan</Nationality></Nationalities></Individual></IndividualDetails>\
</Designation></Designations>";
        let parsed = parse_xml(xml.as_bytes(), "UK_Sanctions_List.xml").unwrap();
        assert_eq!(parsed.info.published.as_deref(), Some("2026-10-08"));
        let e = &parsed.entities[0];
        assert_eq!(e.id, "uk_fcdo:AFG0006");
        assert_eq!(e.primary_name(), "MOHAMMAD HASSAN AKHUND");
        assert_eq!(e.names[1].strength, AliasStrength::Weak);
        assert!(e.names[2].original_script);
        assert_eq!(e.birth_dates.len(), 2);
        assert_eq!(e.birth_dates[0].year_range(), (1950, 1950));
        assert_eq!(e.listed_on.as_deref(), Some("2001-01-25"));
    }

    #[test]
    fn csv_rows_grouped_by_unique_id() {
        let csv = "Report Date: 23-Sep-2026\r\n\
Last Updated,Unique ID,OFSI Group ID,Name 6,Name 1,Name type,Alias strength,Regime Name,Designation Type,Date Designated,D.O.B,Nationality(/ies),IMO number\r\n\
01/03/2022,RUS0001,1,PETROV,Ivan,Primary Name,,Russia,Individual,01/03/2022,01/02/1970,Russia,\r\n\
01/03/2022,RUS0001,1,PETROFF,,Alias,Weak,Russia,Individual,01/03/2022,,,\r\n\
15/05/2023,RUS0004,2,OCEAN STAR,,Primary Name,,Russia,Ship,15/05/2023,,,IMO1234567\r\n";
        let parsed = parse_csv(csv.as_bytes(), "UK_Sanctions_List.csv").unwrap();
        assert_eq!(parsed.info.published.as_deref(), Some("2026-09-23"));
        assert_eq!(parsed.entities.len(), 2);
        assert_eq!(parsed.entities[0].names.len(), 2);
        assert_eq!(parsed.entities[1].entity_type, EntityType::Vessel);
        assert_eq!(parsed.entities[1].identifiers[0].value, "1234567");
    }
}
