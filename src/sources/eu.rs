//! EU Consolidated Financial Sanctions List (Financial Sanctions Files, FSF).
//!
//! - FSF 1.1 XML: `<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate=..>`
//!   with `sanctionEntity logicalId=..` records holding `subjectType code=person|enterprise`,
//!   `regulation programme= publicationDate=`, `nameAlias wholeName= strong= nameLanguage=`,
//!   `birthdate birthdate= year= yearRangeFrom= yearRangeTo= circa= city= countryIso2Code=`,
//!   `citizenship countryIso2Code=`, `identification number= identificationTypeCode=
//!   countryIso2Code=`, `address countryIso2Code=` and `remark` elements.
//! - FSF CSV (1.0 / 1.1): `;`-separated with a header row (fileGenerationDate;
//!   Entity_LogicalId; ...; NameAlias_WholeName; ...; BirthDate_BirthDate; ...), one row per
//!   sub-record, grouped by Entity_LogicalId.
//! - Legacy FSD XML (until 2018): `<WHOLE Date="dd/mm/yyyy">` with `ENTITY Id= Type=P|E
//!   programme= reg_date= remark=` and child `NAME` (WHOLENAME, LANGUAGE), `BIRTH` (DATE as
//!   free text, PLACE, COUNTRY alpha-3), `CITIZEN`, `PASSPORT` (NUMBER with the document type in
//!   parentheses), `ADDRESS` records. Entity `Id` equals the FSF `logicalId`.
//!
//! Names in a non-Latin script (the EU publishes Cyrillic and Greek language variants) are
//! flagged `original_script`, with the language code.

use std::collections::HashMap;

use super::delimited::read_records;
use super::ofac_csv::push_unique;
use super::spreadsheet::{csv_table, TableRow};
use super::xml::{self, Element};
use super::{country_code, dates, ParsedSource, SourceError, SourceFormat};
use crate::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    SourceList,
};

/// True when a name contains letters outside the Latin script (Cyrillic, Greek, Arabic...).
fn non_latin(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_alphabetic()
            && !matches!(c as u32, 0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF)
    })
}

fn add_name(entity: &mut Entity, full: &str, strength: AliasStrength, language: Option<&str>) {
    let full = full.split_whitespace().collect::<Vec<_>>().join(" ");
    if full.is_empty() || entity.names.iter().any(|n| n.full == full) {
        return;
    }
    let original_script = non_latin(&full);
    // A name in another script is the same name, written differently: same kind as primary.
    let kind = if original_script {
        NameKind::Primary
    } else {
        NameKind::Aka
    };
    entity.names.push(Name {
        full,
        kind,
        strength,
        original_script,
        language: language.filter(|l| !l.is_empty()).map(str::to_string),
    });
}

fn subject_type(text: &str) -> Option<EntityType> {
    match text.trim().to_ascii_lowercase().as_str() {
        "person" | "p" => Some(EntityType::Person),
        "enterprise" | "e" | "entity" | "organisation" | "organization" => {
            Some(EntityType::Organization)
        }
        "vessel" => Some(EntityType::Vessel),
        "aircraft" => Some(EntityType::Aircraft),
        _ => None,
    }
}

fn identification_kind(code: &str, description: &str) -> IdentifierKind {
    let code = code.to_ascii_lowercase();
    let description = description.to_ascii_lowercase();
    match code.as_str() {
        "passport" => IdentifierKind::Passport,
        "id" | "nationalid" => IdentifierKind::NationalId,
        "tax" | "fiscalcode" => IdentifierKind::TaxId,
        "regnumber" => IdentifierKind::Registration,
        "swiftbic" => IdentifierKind::SwiftBic,
        "imo" => IdentifierKind::Imo,
        _ if description.contains("passport") => IdentifierKind::Passport,
        _ if description.contains("identi") && description.contains("national") => {
            IdentifierKind::NationalId
        }
        _ if description.contains("swift") => IdentifierKind::SwiftBic,
        _ if description.contains("imo") => IdentifierKind::Imo,
        _ if description.contains("registration") => IdentifierKind::Registration,
        _ if description.contains("tax") => IdentifierKind::TaxId,
        _ => IdentifierKind::Other,
    }
}

fn push_identifier(entity: &mut Entity, identifier: Identifier) {
    if !identifier.value.is_empty() && !entity.identifiers.contains(&identifier) {
        entity.identifiers.push(identifier);
    }
}

fn push_date(entity: &mut Entity, date: BirthDate) {
    if !entity.birth_dates.contains(&date) {
        entity.birth_dates.push(date);
    }
}

/// An FSF birthdate from its parts: full date, or year, or a year range, widened if circa.
fn fsf_birth_date(
    full: Option<&str>,
    year: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    circa: bool,
) -> Option<BirthDate> {
    if let (Some(from), Some(to)) = (from.and_then(dates::year), to.and_then(dates::year)) {
        let (from, to) = if to < from { (to, from) } else { (from, to) };
        return Some(BirthDate::Range { from, to });
    }
    let date = full
        .and_then(dates::iso)
        .or_else(|| year.and_then(dates::year))?;
    if circa {
        dates::birth_date(&format!("circa {}", date.year))
    } else {
        Some(BirthDate::Date { date })
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Parses an FSF 1.1 XML export.
pub fn parse_fsf_xml(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let root = xml::parse(bytes, file)?;
    if root.name != "export" {
        return Err(SourceError::at_element(
            file,
            root.at(&format!("/{}", root.name)),
            "expected root element export (EU FSF XML)",
        ));
    }
    let published = root
        .attr("generationDate")
        .and_then(dates::iso)
        .and_then(dates::to_iso);
    let mut entities = Vec::new();
    let mut warnings = Vec::new();
    for record in root.children_named("sanctionEntity") {
        let path = "/export/sanctionEntity";
        let id = non_empty(record.attr("logicalId")).ok_or_else(|| {
            SourceError::at_element(file, record.at(path), "sanctionEntity has no logicalId")
        })?;
        let subject = record.child("subjectType");
        let code = subject
            .and_then(|s| s.attr("code").or_else(|| s.attr("classificationCode")))
            .unwrap_or("");
        let entity_type = subject_type(code).ok_or_else(|| {
            SourceError::at_element(
                file,
                record.at(&format!("{path}/subjectType")),
                format!("sanctionEntity {id}: unknown subjectType `{code}`"),
            )
        })?;
        let mut aliases = record.children_named("nameAlias").filter_map(|alias| {
            let whole = non_empty(alias.attr("wholeName"))
                .map(str::to_string)
                .or_else(|| {
                    let parts: Vec<&str> = ["firstName", "middleName", "lastName"]
                        .iter()
                        .filter_map(|a| non_empty(alias.attr(a)))
                        .collect();
                    (!parts.is_empty()).then(|| parts.join(" "))
                })?;
            let strength = if alias.attr("strong") == Some("false") {
                AliasStrength::Weak
            } else {
                AliasStrength::Strong
            };
            Some((whole, strength, alias.attr("nameLanguage")))
        });
        let Some((primary, _, primary_language)) = aliases.next() else {
            warnings.push(
                SourceError::at_element(
                    file,
                    record.at(path),
                    format!("sanctionEntity {id} has no name; skipped"),
                )
                .to_string(),
            );
            continue;
        };
        let mut entity = Entity::new(SourceList::Eu, id, entity_type, primary.trim());
        if let Some(language) = non_empty(primary_language) {
            entity.names[0].language = Some(language.to_string());
        }
        for (name, strength, language) in aliases {
            add_name(&mut entity, &name, strength, language);
        }
        for regulation in record.children_named("regulation") {
            if let Some(programme) = non_empty(regulation.attr("programme")) {
                push_unique(&mut entity.programs, programme.to_string());
            }
            if entity.listed_on.is_none() {
                entity.listed_on = regulation
                    .attr("publicationDate")
                    .and_then(dates::iso)
                    .and_then(dates::to_iso);
            }
        }
        for birth in record.children_named("birthdate") {
            let circa = birth.attr("circa") == Some("true");
            if let Some(date) = fsf_birth_date(
                non_empty(birth.attr("birthdate")),
                non_empty(birth.attr("year")),
                non_empty(birth.attr("yearRangeFrom")),
                non_empty(birth.attr("yearRangeTo")),
                circa,
            ) {
                push_date(&mut entity, date);
            }
            let place: Vec<&str> = ["city", "place", "region", "countryDescription"]
                .iter()
                .filter_map(|a| non_empty(birth.attr(a)))
                .filter(|p| *p != "UNKNOWN")
                .collect();
            if !place.is_empty() {
                push_unique(&mut entity.birth_places, place.join(", "));
            }
        }
        for citizenship in record.children_named("citizenship") {
            if let Some(country) = country_attr(citizenship) {
                push_unique(&mut entity.nationalities, country);
            }
        }
        for address in record.children_named("address") {
            if let Some(country) = country_attr(address) {
                push_unique(&mut entity.address_countries, country);
            }
        }
        for identification in record.children_named("identification") {
            let Some(number) = non_empty(identification.attr("number"))
                .or_else(|| non_empty(identification.attr("latinNumber")))
            else {
                continue;
            };
            let code = identification.attr("identificationTypeCode").unwrap_or("");
            let description = identification
                .attr("identificationTypeDescription")
                .unwrap_or("");
            push_identifier(
                &mut entity,
                Identifier {
                    kind: identification_kind(code, description),
                    label: if description.is_empty() {
                        code
                    } else {
                        description
                    }
                    .to_string(),
                    value: number.to_string(),
                    country: country_attr(identification),
                    network: None,
                },
            );
        }
        entity.remarks = record.child_text("remark").map(str::to_string);
        entities.push(entity);
    }
    let mut parsed = ParsedSource::new(
        SourceList::Eu,
        SourceFormat::EuFsfXml,
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    );
    parsed.warnings = warnings;
    Ok(parsed)
}

/// `countryIso2Code` (ISO alpha-2, `00` = unknown) or else `countryDescription`.
fn country_attr(element: &Element) -> Option<String> {
    non_empty(element.attr("countryIso2Code"))
        .filter(|c| *c != "00")
        .map(|c| c.to_ascii_uppercase())
        .or_else(|| {
            non_empty(element.attr("countryDescription"))
                .filter(|c| *c != "UNKNOWN")
                .map(country_code)
        })
}

/// Parses an FSF CSV file (`;`-separated, header row, rows grouped by Entity_LogicalId).
pub fn parse_fsf_csv(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let rows = csv_table(read_records(bytes, b';', file)?);
    let mut iter = rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    let header = iter
        .next()
        .ok_or_else(|| SourceError::in_file(file, "empty file"))?;
    let columns: HashMap<String, usize> = header
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.trim().to_string(), i))
        .collect();
    let col = |name: &str| columns.get(name).copied();
    for required in ["Entity_LogicalId", "NameAlias_WholeName"] {
        if col(required).is_none() {
            return Err(header.error(
                file,
                format!("missing column `{required}` in the header row"),
            ));
        }
    }
    let mut published = None;
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<&TableRow>> = HashMap::new();
    for row in iter {
        let id = row
            .get(col("Entity_LogicalId"))
            .ok_or_else(|| row.error(file, "empty Entity_LogicalId"))?;
        if published.is_none() {
            published = row.get(col("fileGenerationDate")).and_then(|d| {
                dates::iso(d)
                    .or_else(|| dates::dmy(d, '/'))
                    .and_then(dates::to_iso)
            });
        }
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
        let name_of = |row: &TableRow| -> Option<String> {
            row.get(col("NameAlias_WholeName"))
                .map(str::to_string)
                .or_else(|| {
                    let parts: Vec<&str> = [
                        "NameAlias_FirstName",
                        "NameAlias_MiddleName",
                        "NameAlias_LastName",
                    ]
                    .iter()
                    .filter_map(|c| row.get(col(c)))
                    .collect();
                    (!parts.is_empty()).then(|| parts.join(" "))
                })
        };
        let Some((first_row, primary)) = group.iter().find_map(|r| name_of(r).map(|n| (*r, n)))
        else {
            if let Some(row) = group.first() {
                warnings.push(
                    row.error(file, format!("entity {id} has no name; skipped"))
                        .to_string(),
                );
            }
            continue;
        };
        let type_text = first_row
            .get(col("Entity_SubjectType_ClassificationCode"))
            .filter(|t| subject_type(t).is_some())
            .or_else(|| first_row.get(col("Entity_SubjectType")))
            .unwrap_or("");
        let entity_type = subject_type(type_text).ok_or_else(|| {
            first_row.error(
                file,
                format!("entity {id}: unknown subject type `{type_text}`"),
            )
        })?;
        let mut entity = Entity::new(SourceList::Eu, id, entity_type, primary);
        for row in group {
            if let Some(name) = name_of(row) {
                let strength = match row.get(col("NameAlias_Strong")) {
                    Some(s) if s.eq_ignore_ascii_case("false") => AliasStrength::Weak,
                    _ => AliasStrength::Strong,
                };
                add_name(
                    &mut entity,
                    &name,
                    strength,
                    row.get(col("NameAlias_NameLanguage")),
                );
            }
            if let Some(programme) = row.get(col("Entity_Regulation_Programme")) {
                push_unique(&mut entity.programs, programme.to_string());
            }
            if entity.listed_on.is_none() {
                entity.listed_on = row
                    .get(col("Entity_Regulation_PublicationDate"))
                    .or_else(|| row.get(col("Entity_DesignationDate")))
                    .and_then(dates::iso)
                    .and_then(dates::to_iso);
            }
            let circa = row
                .get(col("BirthDate_Circa"))
                .is_some_and(|c| c == "1" || c.eq_ignore_ascii_case("true"));
            if let Some(date) = fsf_birth_date(
                row.get(col("BirthDate_BirthDate")),
                row.get(col("BirthDate_Year")),
                row.get(col("BirthDate_YearRangeFrom")),
                row.get(col("BirthDate_YearRangeTo")),
                circa,
            ) {
                push_date(&mut entity, date);
            }
            let place: Vec<&str> = [
                "BirthDate_City",
                "BirthDate_Place",
                "BirthDate_CountryDescription",
            ]
            .iter()
            .filter_map(|c| row.get(col(c)))
            .filter(|p| *p != "UNKNOWN")
            .collect();
            if !place.is_empty() {
                push_unique(&mut entity.birth_places, place.join(", "));
            }
            let country = |iso: &str, description: &str| -> Option<String> {
                row.get(col(iso))
                    .filter(|c| *c != "00")
                    .map(|c| c.to_ascii_uppercase())
                    .or_else(|| {
                        row.get(col(description))
                            .filter(|c| *c != "UNKNOWN")
                            .map(country_code)
                    })
            };
            if let Some(c) = country(
                "Citizenship_CountryIso2Code",
                "Citizenship_CountryDescription",
            ) {
                push_unique(&mut entity.nationalities, c);
            }
            if let Some(c) = country("Address_CountryIso2Code", "Address_CountryDescription") {
                push_unique(&mut entity.address_countries, c);
            }
            if let Some(number) = row.get(col("Identification_Number")) {
                let code = row.get(col("Identification_TypeCode")).unwrap_or("");
                let description = row.get(col("Identification_TypeDescription")).unwrap_or("");
                push_identifier(
                    &mut entity,
                    Identifier {
                        kind: identification_kind(code, description),
                        label: if description.is_empty() {
                            code
                        } else {
                            description
                        }
                        .to_string(),
                        value: number.to_string(),
                        country: country(
                            "Identification_CountryIso2Code",
                            "Identification_CountryDescription",
                        ),
                        network: None,
                    },
                );
            }
            if entity.remarks.is_none() {
                entity.remarks = row.get(col("Entity_Remark")).map(str::to_string);
            }
        }
        entities.push(entity);
    }
    let mut parsed = ParsedSource::new(
        SourceList::Eu,
        SourceFormat::EuFsfCsv,
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    );
    parsed.warnings = warnings;
    Ok(parsed)
}

/// Parses the legacy FSD XML (`WHOLE` root).
pub fn parse_legacy_xml(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let root = xml::parse(bytes, file)?;
    if root.name != "WHOLE" {
        return Err(SourceError::at_element(
            file,
            root.at(&format!("/{}", root.name)),
            "expected root element WHOLE (EU legacy FSD XML)",
        ));
    }
    let published = root
        .attr("Date")
        .and_then(|d| dates::dmy(d, '/'))
        .and_then(dates::to_iso);
    let mut entities = Vec::new();
    let mut warnings = Vec::new();
    for record in root.children_named("ENTITY") {
        let path = "/WHOLE/ENTITY";
        let id = non_empty(record.attr("Id"))
            .ok_or_else(|| SourceError::at_element(file, record.at(path), "ENTITY has no Id"))?;
        let type_text = record.attr("Type").unwrap_or("");
        let entity_type = subject_type(type_text).ok_or_else(|| {
            SourceError::at_element(
                file,
                record.at(path),
                format!("ENTITY {id}: unknown Type `{type_text}`"),
            )
        })?;
        let mut names = record.children_named("NAME").filter_map(|name| {
            let whole = name
                .child_text("WHOLENAME")
                .map(str::to_string)
                .or_else(|| {
                    let parts: Vec<&str> = ["FIRSTNAME", "MIDDLENAME", "LASTNAME"]
                        .iter()
                        .filter_map(|p| name.child_text(p))
                        .collect();
                    (!parts.is_empty()).then(|| parts.join(" "))
                })?;
            Some((whole, name.child_text("LANGUAGE")))
        });
        let Some((primary, primary_language)) = names.next() else {
            warnings.push(
                SourceError::at_element(
                    file,
                    record.at(path),
                    format!("ENTITY {id} has no NAME; skipped"),
                )
                .to_string(),
            );
            continue;
        };
        let mut entity = Entity::new(SourceList::Eu, id, entity_type, primary.trim());
        entity.names[0].language = primary_language.map(str::to_string);
        entity.names[0].original_script = non_latin(&primary);
        for (name, language) in names {
            add_name(&mut entity, &name, AliasStrength::Strong, language);
        }
        if let Some(programme) = non_empty(record.attr("programme")) {
            entity.programs.push(programme.to_string());
        }
        entity.listed_on = record
            .attr("reg_date")
            .and_then(dates::iso)
            .and_then(dates::to_iso);
        entity.remarks = non_empty(record.attr("remark")).map(str::to_string);
        for birth in record.children_named("BIRTH") {
            if let Some(date) = birth.child_text("DATE").and_then(dates::birth_date) {
                push_date(&mut entity, date);
            }
            let place: Vec<String> = [
                birth.child_text("PLACE").map(str::to_string),
                birth.child_text("COUNTRY").map(str::to_string),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !place.is_empty() {
                push_unique(&mut entity.birth_places, place.join(", "));
            }
        }
        for citizen in record.children_named("CITIZEN") {
            if let Some(country) = citizen.child_text("COUNTRY") {
                push_unique(&mut entity.nationalities, country_code(country));
            }
        }
        for address in record.children_named("ADDRESS") {
            if let Some(country) = address.child_text("COUNTRY") {
                push_unique(&mut entity.address_countries, country_code(country));
            }
        }
        for passport in record.children_named("PASSPORT") {
            let Some(number) = passport.child_text("NUMBER") else {
                continue;
            };
            // "AD001095 (passport-National passport) ((passport))": the number, then the
            // document type in parentheses.
            let (value, kind_text) = match number.find(" (") {
                Some(at) => (number[..at].trim(), number[at..].trim()),
                None => (number, ""),
            };
            let lower = kind_text.to_lowercase();
            let kind = if lower.starts_with("(passport") || lower.contains("passport") {
                IdentifierKind::Passport
            } else if lower.starts_with("(id-")
                || lower.contains("identi")
                || lower.contains("tazkira")
            {
                IdentifierKind::NationalId
            } else {
                IdentifierKind::Other
            };
            let label = kind_text
                .trim_start_matches('(')
                .split(')')
                .next()
                .filter(|l| !l.is_empty())
                .unwrap_or("PASSPORT")
                .to_string();
            push_identifier(
                &mut entity,
                Identifier {
                    kind,
                    label,
                    value: value.to_string(),
                    country: passport.child_text("COUNTRY").map(country_code),
                    network: None,
                },
            );
        }
        entities.push(entity);
    }
    let mut parsed = ParsedSource::new(
        SourceList::Eu,
        SourceFormat::EuLegacyXml,
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    );
    parsed.warnings = warnings;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_detection() {
        assert!(!non_latin("Saddam Hussein Al-Tikriti"));
        assert!(!non_latin("Müller Ştefan Łukasz"));
        assert!(non_latin("Владимир Путин"));
        assert!(non_latin("Σαντάμ"));
    }

    #[test]
    fn fsf_csv_groups_rows() {
        let csv = "fileGenerationDate;Entity_LogicalId;Entity_SubjectType;Entity_SubjectType_ClassificationCode;Entity_Regulation_Programme;NameAlias_WholeName;NameAlias_NameLanguage;BirthDate_BirthDate;BirthDate_Year;Citizenship_CountryIso2Code\n\
05/08/2026;13;P;person;IRQ;Saddam Hussein Al-Tikriti;;1937-04-28;1937;IQ\n\
05/08/2026;13;P;person;IRQ;Саддам Хюсеин Ал-Тикрити;BG;;;\n\
05/08/2026;42;E;enterprise;SYR;Commercial Bank of Syria;;;;\n";
        let parsed = parse_fsf_csv(csv.as_bytes(), "fsf.csv").unwrap();
        assert_eq!(parsed.info.published.as_deref(), Some("2026-08-05"));
        assert_eq!(parsed.entities.len(), 2);
        let saddam = &parsed.entities[0];
        assert_eq!(saddam.id, "eu:13");
        assert_eq!(saddam.entity_type, EntityType::Person);
        assert!(saddam.names[1].original_script);
        assert_eq!(saddam.names[1].language.as_deref(), Some("BG"));
        assert_eq!(saddam.nationalities, vec!["IQ"]);
        assert_eq!(parsed.entities[1].entity_type, EntityType::Organization);
    }
}
