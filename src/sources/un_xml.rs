//! UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`, schema
//! https://www.un.org/sc/resources/sc-sanctions.xsd).
//!
//! `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY` records. Names are split over
//! FIRST_NAME..FOURTH_NAME (joined in that order, as the UN prints them); aliases carry a
//! QUALITY of `Good` / `Low` (individuals) or `a.k.a.` / `f.k.a.` (entities); the name in
//! its original script is in NAME_ORIGINAL_SCRIPT; dates of birth are `EXACT` /
//! `APPROXIMATELY` / `BETWEEN` with DATE, YEAR or FROM_YEAR + TO_YEAR.

use super::ofac_csv::push_unique;
use super::xml::{self, Element};
use super::{country_code, dates, ParsedSource, SourceError, SourceFormat};
use crate::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    SourceList,
};

/// Parses a UN SC consolidated list XML file.
pub fn parse(bytes: &[u8], file: &str) -> Result<ParsedSource, SourceError> {
    let root = xml::parse(bytes, file)?;
    if root.name != "CONSOLIDATED_LIST" {
        return Err(SourceError::at_element(
            file,
            root.at(&format!("/{}", root.name)),
            "expected root element CONSOLIDATED_LIST (UN SC list)",
        ));
    }
    let published = root
        .attr("dateGenerated")
        .and_then(dates::iso)
        .and_then(dates::to_iso);
    let mut entities = Vec::new();
    for (group, record, entity_type) in [
        ("INDIVIDUALS", "INDIVIDUAL", EntityType::Person),
        ("ENTITIES", "ENTITY", EntityType::Organization),
    ] {
        for list in root.children_named(group) {
            for element in list.children_named(record) {
                let path = format!("/CONSOLIDATED_LIST/{group}/{record}");
                entities.push(record_entity(element, entity_type, file, &path)?);
            }
        }
    }
    Ok(ParsedSource::new(
        SourceList::UnSc,
        SourceFormat::UnXml,
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    ))
}

fn record_entity(
    element: &Element,
    entity_type: EntityType,
    file: &str,
    path: &str,
) -> Result<Entity, SourceError> {
    let id = element
        .child_text("REFERENCE_NUMBER")
        .or_else(|| element.child_text("DATAID"))
        .ok_or_else(|| {
            SourceError::at_element(
                file,
                element.at(path),
                "record has no REFERENCE_NUMBER or DATAID",
            )
        })?;
    let name: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|part| element.child_text(part))
        .collect();
    if name.is_empty() {
        return Err(SourceError::at_element(
            file,
            element.at(path),
            format!("record {id} has no FIRST_NAME"),
        ));
    }
    let mut entity = Entity::new(SourceList::UnSc, id, entity_type, name.join(" "));
    if let Some(original) = element.child_text("NAME_ORIGINAL_SCRIPT") {
        let mut name = Name::new(original, NameKind::Primary);
        name.original_script = true;
        entity.names.push(name);
    }
    let alias_tag = if entity_type == EntityType::Person {
        "INDIVIDUAL_ALIAS"
    } else {
        "ENTITY_ALIAS"
    };
    for alias in element.children_named(alias_tag) {
        let Some(full) = alias.child_text("ALIAS_NAME") else {
            continue;
        };
        let quality = alias.child_text("QUALITY").unwrap_or("");
        let (kind, strength) = match quality.to_ascii_lowercase().as_str() {
            "low" => (NameKind::Aka, AliasStrength::Weak),
            "f.k.a." | "fka" => (NameKind::Fka, AliasStrength::Strong),
            "n.k.a." | "nka" => (NameKind::Nka, AliasStrength::Strong),
            _ => (NameKind::Aka, AliasStrength::Strong),
        };
        let mut name = Name::new(full, kind);
        name.strength = strength;
        entity.names.push(name);
        if let Some(date) = alias
            .child_text("DATE_OF_BIRTH")
            .and_then(dates::birth_date)
        {
            push_date(&mut entity.birth_dates, date);
        }
    }
    for dob in element.children_named("INDIVIDUAL_DATE_OF_BIRTH") {
        if let Some(date) = birth_date(dob) {
            push_date(&mut entity.birth_dates, date);
        }
    }
    for place in element.children_named("INDIVIDUAL_PLACE_OF_BIRTH") {
        let parts: Vec<&str> = ["CITY", "STATE_PROVINCE", "COUNTRY"]
            .iter()
            .filter_map(|p| place.child_text(p))
            .collect();
        if !parts.is_empty() {
            push_unique(&mut entity.birth_places, parts.join(", "));
        }
    }
    for nationality in element.children_named("NATIONALITY") {
        for value in nationality
            .children_named("VALUE")
            .filter_map(Element::trimmed)
        {
            push_unique(&mut entity.nationalities, country_code(value));
        }
    }
    for tag in ["INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS"] {
        for address in element.children_named(tag) {
            if let Some(country) = address.child_text("COUNTRY") {
                push_unique(&mut entity.address_countries, country_code(country));
            }
        }
    }
    for document in element.children_named("INDIVIDUAL_DOCUMENT") {
        let Some(number) = document.child_text("NUMBER") else {
            continue;
        };
        let label = document
            .child_text("TYPE_OF_DOCUMENT")
            .unwrap_or("Document");
        let lower = label.to_lowercase();
        let kind = if lower.contains("passport")
            || lower.contains("pasaporte")
            || lower.contains("passeport")
        {
            IdentifierKind::Passport
        } else if lower.contains("national identification") || lower.contains("identity") {
            IdentifierKind::NationalId
        } else {
            IdentifierKind::Other
        };
        let country = document
            .child_text("ISSUING_COUNTRY")
            .or_else(|| document.child_text("COUNTRY_OF_ISSUE"))
            .map(country_code);
        entity.identifiers.push(Identifier {
            kind,
            label: label.to_string(),
            value: number.to_string(),
            country,
            network: None,
        });
    }
    if let Some(program) = element.child_text("UN_LIST_TYPE") {
        entity.programs.push(program.to_string());
    }
    entity.listed_on = element
        .child_text("LISTED_ON")
        .and_then(dates::iso)
        .and_then(dates::to_iso);
    entity.remarks = element.child_text("COMMENTS1").map(str::to_string);
    Ok(entity)
}

fn push_date(list: &mut Vec<BirthDate>, date: BirthDate) {
    if !list.contains(&date) {
        list.push(date);
    }
}

/// `EXACT` DATE or YEAR, `APPROXIMATELY` (widened like OFAC's "circa"), `BETWEEN`
/// FROM_YEAR and TO_YEAR.
fn birth_date(dob: &Element) -> Option<BirthDate> {
    let kind = dob
        .child_text("TYPE_OF_DATE")
        .unwrap_or("EXACT")
        .to_ascii_uppercase();
    if let (Some(from), Some(to)) = (
        dob.child_text("FROM_YEAR").and_then(dates::year),
        dob.child_text("TO_YEAR").and_then(dates::year),
    ) {
        let (from, to) = if to < from { (to, from) } else { (from, to) };
        return Some(BirthDate::Range { from, to });
    }
    let text = dob.child_text("DATE").or_else(|| dob.child_text("YEAR"))?;
    let date = dates::iso(text)?;
    if kind == "APPROXIMATELY" {
        dates::birth_date(&format!("circa {}", date.year))
    } else {
        Some(BirthDate::Date { date })
    }
}
