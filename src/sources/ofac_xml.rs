//! OFAC `SDN.XML` and `CONSOLIDATED.XML` (`sdnList` schema, namespace
//! `https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML`).
//!
//! `sdnEntry` records with uid, lastName/firstName, sdnType (Individual, Entity, Vessel,
//! Aircraft), programList, akaList (type a.k.a./f.k.a./n.k.a., category strong/weak),
//! dateOfBirthList, placeOfBirthList, nationalityList, citizenshipList, idList (including
//! `Digital Currency Address - XBT` and friends), addressList, vesselInfo and remarks;
//! `publshInformation/Publish_Date` as `MM/DD/YYYY` (the element name is misspelt by OFAC).

use super::ofac_csv::{alias_kind, identifier_from_label, push_unique};
use super::xml::{self, Element};
use super::{country_code, dates, ParsedSource, SourceError, SourceFormat};
use crate::model::{
    AliasStrength, Entity, EntityType, Identifier, IdentifierKind, Name, SourceList,
};

/// Parses an OFAC `sdnList` XML file as the given list (SDN or Consolidated).
pub fn parse(bytes: &[u8], file: &str, list: SourceList) -> Result<ParsedSource, SourceError> {
    let root = xml::parse(bytes, file)?;
    if root.name != "sdnList" {
        return Err(SourceError::at_element(
            file,
            root.at(&format!("/{}", root.name)),
            "expected root element sdnList (OFAC XML)",
        ));
    }
    let published = root
        .child("publshInformation")
        .or_else(|| root.child("publishInformation"))
        .and_then(|info| info.child_text("Publish_Date"))
        .and_then(|date| {
            // MM/DD/YYYY
            let mut parts = date.split('/');
            let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
            dates::dmy(&format!("{d}/{m}/{y}"), '/')
        })
        .and_then(dates::to_iso);
    let mut entities = Vec::new();
    for entry in root.children_named("sdnEntry") {
        entities.push(entry_entity(entry, list, file)?);
    }
    Ok(ParsedSource::new(
        list,
        SourceFormat::OfacXml { list },
        published,
        vec![super::base_name(std::path::Path::new(file))],
        entities,
    ))
}

/// `LAST, First` like the CSV's SDN_Name, or the last name alone (entities, vessels).
fn full_name(element: &Element) -> Option<String> {
    match (
        element.child_text("lastName"),
        element.child_text("firstName"),
    ) {
        (Some(last), Some(first)) => Some(format!("{last}, {first}")),
        (Some(last), None) => Some(last.to_string()),
        (None, Some(first)) => Some(first.to_string()),
        (None, None) => None,
    }
}

fn entry_entity(entry: &Element, list: SourceList, file: &str) -> Result<Entity, SourceError> {
    let path = "/sdnList/sdnEntry";
    let uid = entry
        .child_text("uid")
        .ok_or_else(|| SourceError::at_element(file, entry.at(path), "sdnEntry has no uid"))?;
    let name = full_name(entry).ok_or_else(|| {
        SourceError::at_element(
            file,
            entry.at(path),
            format!("sdnEntry {uid} has no lastName"),
        )
    })?;
    let entity_type = match entry
        .child_text("sdnType")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("individual") => EntityType::Person,
        Some("vessel") => EntityType::Vessel,
        Some("aircraft") => EntityType::Aircraft,
        Some("entity") | None => EntityType::Organization,
        Some(other) => {
            return Err(SourceError::at_element(
                file,
                entry.at(&format!("{path}/sdnType")),
                format!("unknown sdnType `{other}` in sdnEntry {uid}"),
            ))
        }
    };
    let mut entity = Entity::new(list, uid, entity_type, name);
    if let Some(programs) = entry.child("programList") {
        for program in programs
            .children_named("program")
            .filter_map(Element::trimmed)
        {
            push_unique(&mut entity.programs, program.to_string());
        }
    }
    if let Some(akas) = entry.child("akaList") {
        for aka in akas.children_named("aka") {
            let Some(full) = full_name(aka) else { continue };
            let mut name = Name::new(full, alias_kind(aka.child_text("type").unwrap_or("a.k.a.")));
            if aka
                .child_text("category")
                .is_some_and(|c| c.eq_ignore_ascii_case("weak"))
            {
                name.strength = AliasStrength::Weak;
            }
            entity.names.push(name);
        }
    }
    if let Some(dobs) = entry.child("dateOfBirthList") {
        for item in dobs.children_named("dateOfBirthItem") {
            if let Some(date) = item.child_text("dateOfBirth").and_then(dates::birth_date) {
                if !entity.birth_dates.contains(&date) {
                    entity.birth_dates.push(date);
                }
            }
        }
    }
    if let Some(places) = entry.child("placeOfBirthList") {
        for item in places.children_named("placeOfBirthItem") {
            if let Some(place) = item.child_text("placeOfBirth") {
                push_unique(&mut entity.birth_places, place.to_string());
            }
        }
    }
    for (list_tag, item_tag) in [
        ("nationalityList", "nationality"),
        ("citizenshipList", "citizenship"),
    ] {
        if let Some(items) = entry.child(list_tag) {
            for item in items.children_named(item_tag) {
                if let Some(country) = item.child_text("country") {
                    push_unique(&mut entity.nationalities, country_code(country));
                }
            }
        }
    }
    if let Some(ids) = entry.child("idList") {
        for id in ids.children_named("id") {
            let (Some(label), Some(number)) = (id.child_text("idType"), id.child_text("idNumber"))
            else {
                continue;
            };
            if let Some(identifier) =
                identifier_from_label(label, number, id.child_text("idCountry"))
            {
                entity.identifiers.push(identifier);
            }
        }
    }
    if let Some(addresses) = entry.child("addressList") {
        for address in addresses.children_named("address") {
            if let Some(country) = address.child_text("country") {
                push_unique(&mut entity.address_countries, country_code(country));
            }
        }
    }
    if let Some(vessel) = entry.child("vesselInfo") {
        if let Some(call_sign) = vessel.child_text("callSign") {
            entity.identifiers.push(Identifier {
                kind: IdentifierKind::Other,
                label: "Call Sign".to_string(),
                value: call_sign.to_string(),
                country: None,
                network: None,
            });
        }
        // A vessel's flag is its nationality.
        if let Some(flag) = vessel.child_text("vesselFlag") {
            push_unique(&mut entity.nationalities, country_code(flag));
        }
    }
    entity.remarks = entry.child_text("remarks").map(str::to_string);
    Ok(entity)
}
