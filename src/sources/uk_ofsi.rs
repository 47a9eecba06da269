//! HM Treasury OFSI Consolidated List of Financial Sanctions Targets (2022 format), as the
//! XLSX workbook or `ConList.csv`.
//!
//! Both renditions have a leading `Last Updated | dd/mm/yyyy` row, then a header row with
//! the columns Name 6 (surname or entity name), Name 1..Name 5 (given names), Title, Name
//! Non-Latin Script, Non-Latin Script Type / Language, DOB (`dd/mm/yyyy`, `00` for unknown
//! parts), Town / Country of Birth, Nationality, Passport Number / Details, National
//! Identification Number / Details, Position, Address 1..6, Post/Zip Code, Country, Other
//! Information, Group Type (Individual, Entity, Ship), Alias Type (Primary name, Primary
//! name variation, AKA, FKA), Alias Quality (Good quality, Low quality), Regime, Listed On,
//! UK Sanctions List Date Designated, Last Updated, Group ID. One row per name: rows are
//! grouped by Group ID into one entity. Multi-valued cells are numbered `(1) a (2) b`.

use std::collections::HashMap;

use super::delimited::read_records;
use super::ofac_csv::push_unique;
use super::spreadsheet::{csv_table, read_xlsx, sheet_table, TableRow};
use super::{country_code, dates, ParsedSource, SourceError, SourceFormat};
use crate::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    SourceList,
};

/// Parses the OFSI consolidated list workbook (XLSX).
pub fn parse_xlsx(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let rows = sheet_table(read_xlsx(bytes, file)?);
    parse_table(&rows, file, SourceFormat::OfsiXlsx)
}

/// Parses OFSI `ConList.csv` (UTF-8).
pub fn parse_csv(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let rows = csv_table(read_records(bytes, b',', file)?);
    parse_table(&rows, file, SourceFormat::OfsiCsv)
}

/// Splits OFSI's numbered multi-value cells: `(1) 223611 (2) C00146605` → both numbers.
pub fn split_numbered(text: &str) -> Vec<String> {
    let text = text.trim();
    if !text.starts_with("(1)") {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_string()]
        };
    }
    let mut parts = Vec::new();
    let mut rest = &text[3..];
    let mut n = 2;
    loop {
        let marker = format!("({n})");
        match rest.find(&marker) {
            Some(at) => {
                parts.push(rest[..at].trim().to_string());
                rest = &rest[at + marker.len()..];
                n += 1;
            }
            None => {
                parts.push(rest.trim().to_string());
                break;
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// Column positions by header name.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn get(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }
}

const REQUIRED: [&str; 3] = ["Name 6", "Group Type", "Group ID"];

fn parse_table(
    rows: &[TableRow],
    file: &str,
    format: SourceFormat,
) -> Result<ParsedSource, SourceError> {
    let mut rows = rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    let Some(first) = rows.next() else {
        return Err(SourceError::in_file(file, "empty file"));
    };
    let mut published = None;
    let header = if first.get(Some(0)) == Some("Last Updated") {
        published = first
            .get(Some(1))
            .and_then(|d| dates::dmy(d, '/'))
            .and_then(dates::to_iso);
        rows.next()
            .ok_or_else(|| first.error(file, "no header row after `Last Updated`"))?
    } else {
        first
    };
    let columns = Columns(
        header
            .cells
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim().to_string(), i))
            .collect(),
    );
    for required in REQUIRED {
        if columns.get(required).is_none() {
            return Err(header.error(
                file,
                format!("missing column `{required}` in the header row"),
            ));
        }
    }
    let group_column = columns.get("Group ID");
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<&TableRow>> = HashMap::new();
    for row in rows {
        let Some(group) = row.get(group_column) else {
            return Err(row.error(file, "empty Group ID"));
        };
        let entry = groups.entry(group.to_string()).or_insert_with(|| {
            order.push(group.to_string());
            Vec::new()
        });
        entry.push(row);
    }
    let mut entities = Vec::with_capacity(order.len());
    for group in &order {
        let Some(group_rows) = groups.get(group) else {
            continue;
        };
        entities.push(group_entity(group, group_rows, &columns, file)?);
    }
    Ok(ParsedSource::new(
        SourceList::UkOfsi,
        format,
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    ))
}

/// `Name 1 .. Name 5` then `Name 6` (the surname or the entity's name).
fn row_name(row: &TableRow, columns: &Columns) -> Option<String> {
    let parts: Vec<&str> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"]
        .iter()
        .filter_map(|c| row.get(columns.get(c)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn group_entity(
    group: &str,
    rows: &[&TableRow],
    columns: &Columns,
    file: &str,
) -> Result<Entity, SourceError> {
    let alias_type = |row: &TableRow| {
        row.get(columns.get("Alias Type"))
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let primary = rows
        .iter()
        .find(|r| alias_type(r) == "primary name")
        .or_else(|| rows.first())
        .copied()
        .ok_or_else(|| SourceError::in_file(file, format!("group {group} has no rows")))?;
    let primary_name = row_name(primary, columns)
        .ok_or_else(|| primary.error(file, format!("group {group}: the name columns are empty")))?;
    let entity_type = match primary
        .get(columns.get("Group Type"))
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("individual") => EntityType::Person,
        Some("entity") => EntityType::Organization,
        Some("ship") => EntityType::Vessel,
        other => {
            return Err(primary.error(
                file,
                format!(
                    "group {group}: unknown Group Type `{}`",
                    other.unwrap_or("")
                ),
            ))
        }
    };
    let mut entity = Entity::new(SourceList::UkOfsi, group, entity_type, primary_name);
    // The primary row first, then the others in file order.
    let ordered =
        std::iter::once(primary).chain(rows.iter().copied().filter(|r| !std::ptr::eq(*r, primary)));
    for row in ordered {
        let is_primary = std::ptr::eq(row, primary);
        let kind = match alias_type(row).as_str() {
            "primary name" => NameKind::Primary,
            "fka" => NameKind::Fka,
            "nka" => NameKind::Nka,
            _ => NameKind::Aka,
        };
        let strength = match row.get(columns.get("Alias Quality")) {
            Some(q) if q.to_ascii_lowercase().starts_with("low") => AliasStrength::Weak,
            _ => AliasStrength::Strong,
        };
        if !is_primary {
            if let Some(full) = row_name(row, columns) {
                add_name(
                    &mut entity,
                    full,
                    if kind == NameKind::Primary {
                        NameKind::Aka
                    } else {
                        kind
                    },
                    strength,
                    false,
                    None,
                );
            }
        }
        if let Some(original) = row.get(columns.get("Name Non-Latin Script")) {
            let language = row
                .get(columns.get("Non-Latin Script Language"))
                .or_else(|| row.get(columns.get("Non-Latin Script Type")))
                .map(str::to_string);
            add_name(
                &mut entity,
                original.to_string(),
                kind,
                strength,
                true,
                language,
            );
        }
        for dob in split_numbered(row.get(columns.get("DOB")).unwrap_or("")) {
            if let Some(date) = dates::dmy(&dob, '/') {
                let date = BirthDate::Date { date };
                if !entity.birth_dates.contains(&date) {
                    entity.birth_dates.push(date);
                }
            }
        }
        let place: Vec<&str> = ["Town of Birth", "Country of Birth"]
            .iter()
            .filter_map(|c| row.get(columns.get(c)))
            .collect();
        if !place.is_empty() {
            push_unique(&mut entity.birth_places, place.join(", "));
        }
        for nationality in split_numbered(row.get(columns.get("Nationality")).unwrap_or("")) {
            push_unique(&mut entity.nationalities, country_code(&nationality));
        }
        for (column, kind, label) in [
            ("Passport Number", IdentifierKind::Passport, "Passport"),
            (
                "National Identification Number",
                IdentifierKind::NationalId,
                "National Identification Number",
            ),
        ] {
            for value in split_numbered(row.get(columns.get(column)).unwrap_or("")) {
                let identifier = Identifier {
                    kind,
                    label: label.to_string(),
                    value,
                    country: None,
                    network: None,
                };
                if !entity.identifiers.contains(&identifier) {
                    entity.identifiers.push(identifier);
                }
            }
        }
        if let Some(country) = row.get(columns.get("Country")) {
            push_unique(&mut entity.address_countries, country_code(country));
        }
        if let Some(regime) = row.get(columns.get("Regime")) {
            push_unique(&mut entity.programs, regime.to_string());
        }
        if entity.listed_on.is_none() {
            entity.listed_on = row
                .get(columns.get("Listed On"))
                .and_then(|d| dates::dmy(d, '/'))
                .and_then(dates::to_iso);
        }
        if entity.remarks.is_none() {
            entity.remarks = row
                .get(columns.get("Other Information"))
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
    if entity
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_cells() {
        assert_eq!(
            split_numbered("(1) 223611 (2) C00146605"),
            vec!["223611", "C00146605"]
        );
        assert_eq!(split_numbered("C389664"), vec!["C389664"]);
        assert!(split_numbered(" ").is_empty());
    }

    #[test]
    fn csv_groups_rows_by_group_id() {
        let csv = "Last Updated,10/04/2025\r\n\
Name 6,Name 1,Name 2,Name Non-Latin Script,Non-Latin Script Language,DOB,Nationality,Passport Number,Group Type,Alias Type,Alias Quality,Regime,Listed On,Group ID\r\n\
DOE,John,,,,00/00/1960,(1) France (2) Spain,(1) A1 (2) B2,Individual,Primary name,,Russia,01/03/2022,42\r\n\
DOE,Jon,,ДОУ Джон,Russian,,,,Individual,AKA,Low quality,Russia,01/03/2022,42\r\n\
ACME,,,,,,,,Entity,Primary name,,Russia,,43\r\n";
        let parsed = parse_csv(csv.as_bytes(), "ConList.csv").unwrap();
        assert_eq!(parsed.info.published.as_deref(), Some("2025-04-10"));
        assert_eq!(parsed.entities.len(), 2);
        let doe = &parsed.entities[0];
        assert_eq!(doe.id, "uk_ofsi:42");
        assert_eq!(doe.primary_name(), "John DOE");
        assert_eq!(doe.names[1].full, "Jon DOE");
        assert_eq!(doe.names[1].strength, AliasStrength::Weak);
        assert!(doe.names[2].original_script);
        assert_eq!(doe.names[2].language.as_deref(), Some("Russian"));
        assert_eq!(doe.birth_dates[0].year_range(), (1960, 1960));
        assert_eq!(doe.nationalities.len(), 2);
        assert_eq!(doe.identifiers.len(), 2);
        assert_eq!(doe.listed_on.as_deref(), Some("2022-03-01"));
    }

    #[test]
    fn missing_group_id_column_is_an_error() {
        let err = parse_csv(
            b"Last Updated,10/04/2025\nName 6,Group Type\nX,Entity\n",
            "ConList.csv",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "ConList.csv:2: missing column `Group ID` in the header row"
        );
    }
}
