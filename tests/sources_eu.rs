//! EU lists: the 2016 legacy XML excerpt in ../shared/watchlists/eu (README section 6; no
//! real FSF 1.1 XML or CSV file is available in ../shared, so those formats are exercised
//! with the data/ sample and unit tests).

mod sources_support;

use kyc_check::model::{
    AliasStrength, BirthDate, EntityType, IdentifierKind, PartialDate, SourceList,
};
use kyc_check::sources::{self, SourceFormat};
use sources_support::{data, entity, has_name, shared};

#[test]
fn legacy_excerpt_has_595_entities() {
    let Some(path) = shared("eu/fsf_whole_2016-02-11_excerpt/global_excerpt.xml") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        sources::detect_format(&path, &bytes[..4096]).unwrap(),
        SourceFormat::EuLegacyXml
    );
    let parsed = sources::load_paths(&[path]).unwrap();
    let eu = &parsed[0];
    assert_eq!(eu.info.source, SourceList::Eu);
    assert_eq!(eu.info.format, "eu_legacy_xml");
    assert_eq!(eu.info.published.as_deref(), Some("2016-02-11"));
    assert_eq!(eu.info.entity_count, 595);
    assert!(eu.warnings.is_empty());
    let count = |t: EntityType| eu.entities.iter().filter(|e| e.entity_type == t).count();
    assert_eq!(count(EntityType::Person), 319);
    assert_eq!(count(EntityType::Organization), 276);
    // README: IRQ 292, TAQA 155, AFG 108, TERR 22, COD 16, ZWE 2.
    let programme = |p: &str| eu.entities.iter().filter(|e| e.programs == [p]).count();
    assert_eq!(programme("IRQ"), 292);
    assert_eq!(programme("TAQA"), 155);
    assert_eq!(programme("AFG"), 108);

    let saddam = entity(eu, "eu:13");
    assert_eq!(saddam.primary_name(), "Saddam Hussein Al-Tikriti");
    assert!(has_name(saddam, "Abu Ali"));
    assert!(saddam
        .names
        .iter()
        .any(|n| n.full == "Abou Ali" && n.language.as_deref() == Some("FR")));
    assert_eq!(
        saddam.birth_dates,
        vec![BirthDate::Date {
            date: PartialDate {
                year: 1937,
                month: Some(4),
                day: Some(28)
            }
        }]
    );
    assert_eq!(saddam.birth_places, vec!["al-Awja, near Tikrit, IRQ"]);
    let mugabe = entity(eu, "eu:1");
    assert!(mugabe
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Passport && i.value == "AD001095"));
    // Bulgarian-language variants are in Cyrillic.
    assert!(eu.entities.iter().any(|e| e
        .names
        .iter()
        .any(|n| n.original_script && n.language.as_deref() == Some("BG"))));
    // "1957 (approximative)" style dates become ranges.
    assert!(eu.entities.iter().any(|e| e
        .birth_dates
        .iter()
        .any(|d| matches!(d, BirthDate::Range { .. }))));
}

#[test]
fn fsf_xml_sample() {
    let parsed = sources::load_paths(&[data("eu/fsf.xml")]).unwrap();
    let eu = &parsed[0];
    assert_eq!(eu.info.format, "eu_fsf_xml");
    assert_eq!(eu.info.published.as_deref(), Some("2025-01-15"));
    assert_eq!(eu.info.entity_count, 7);
    let putin = entity(eu, "eu:990001");
    assert_eq!(putin.primary_name(), "Vladimir Vladimirovich Putin");
    let cyrillic = putin.names.iter().find(|n| n.original_script).unwrap();
    assert_eq!(cyrillic.full, "Владимир Владимирович Путин");
    assert_eq!(cyrillic.language.as_deref(), Some("RU"));
    assert_eq!(putin.nationalities, vec!["RU"]);
    assert_eq!(putin.listed_on.as_deref(), Some("2022-02-25"));
    let lavrov = entity(eu, "eu:990002");
    assert!(lavrov
        .names
        .iter()
        .any(|n| n.language.as_deref() == Some("EL") && n.original_script));
    let saddam = entity(eu, "eu:990003");
    assert!(saddam
        .names
        .iter()
        .any(|n| n.full == "Abu Ali" && n.strength == AliasStrength::Weak));
    let akhund = entity(eu, "eu:990005");
    assert_eq!(akhund.birth_dates[0].year_range(), (1955, 1958));
    let sber = entity(eu, "eu:990006");
    assert_eq!(sber.entity_type, EntityType::Organization);
    assert!(sber
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::SwiftBic && i.value == "SABRRUMM"));
    assert_eq!(sber.address_countries, vec!["RU"]);
}
