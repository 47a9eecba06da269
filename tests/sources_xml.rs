//! UN SC XML and OFAC XML in ../shared/watchlists: counts from
//! ../shared/watchlists/README.md (sections 1e and 2) and spot checks of real entries.

mod sources_support;

use kyc_check::model::{
    AliasStrength, BirthDate, EntityType, IdentifierKind, NameKind, PartialDate, SourceList,
};
use kyc_check::sources::{self, SourceFormat};
use sources_support::{entity, has_name, shared};

#[test]
fn un_consolidated_list() {
    let Some(path) = shared("un/consolidated.xml") else {
        return;
    };
    let head = std::fs::read(&path).unwrap();
    assert_eq!(
        sources::detect_format(&path, &head[..4096]).unwrap(),
        SourceFormat::UnXml
    );
    let parsed = sources::load_paths(&[path]).unwrap();
    let un = &parsed[0];
    assert_eq!(un.info.source, SourceList::UnSc);
    assert_eq!(un.info.format, "un_xml");
    assert_eq!(un.info.published.as_deref(), Some("2026-02-27"));
    assert_eq!(un.info.entity_count, 1_003);
    let people: Vec<_> = un
        .entities
        .iter()
        .filter(|e| e.entity_type == EntityType::Person)
        .collect();
    assert_eq!(people.len(), 730);
    assert_eq!(
        un.entities
            .iter()
            .filter(|e| e.entity_type == EntityType::Organization)
            .count(),
        273
    );
    // README: 2,139 individual aliases (Good 1,524, Low 615) and 613 entity aliases.
    let aliases = |t: EntityType| -> Vec<_> {
        un.entities
            .iter()
            .filter(|e| e.entity_type == t)
            .flat_map(|e| e.names.iter().filter(|n| n.kind != NameKind::Primary))
            .collect()
    };
    let individual_aliases = aliases(EntityType::Person);
    assert_eq!(individual_aliases.len(), 2_139);
    assert_eq!(
        individual_aliases
            .iter()
            .filter(|n| n.strength == AliasStrength::Weak)
            .count(),
        615
    );
    assert_eq!(aliases(EntityType::Organization).len(), 613);
    // README: 336 individuals have a NAME_ORIGINAL_SCRIPT.
    assert_eq!(
        people
            .iter()
            .filter(|e| e.names.iter().any(|n| n.original_script))
            .count(),
        336
    );
    // Ids are unique.
    let mut ids: Vec<&str> = un.entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1_003);

    let saddam = entity(un, "un_sc:IQi.001");
    assert_eq!(saddam.primary_name(), "SADDAM HUSSEIN AL-TIKRITI");
    let original = saddam.names.iter().find(|n| n.original_script).unwrap();
    assert_eq!(original.full, "صدام حسين التكريتي");
    assert!(has_name(saddam, "Abu Ali"));
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
    assert_eq!(saddam.listed_on.as_deref(), Some("2003-06-27"));
    assert_eq!(saddam.programs, vec!["Iraq"]);
    // BETWEEN FROM_YEAR/TO_YEAR ranges exist.
    assert!(un.entities.iter().any(|e| e
        .birth_dates
        .iter()
        .any(|d| matches!(d, BirthDate::Range { .. }))));
    // Passport with issuing country.
    let ngabu = entity(un, "un_sc:CDi.021");
    assert!(ngabu
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Passport && i.value == "OB 0243318"));
}

#[test]
fn ofac_consolidated_xml() {
    let Some(path) = shared("ofac/cons_xml_2025-03-28/consolidated.xml") else {
        return;
    };
    let head = std::fs::read(&path).unwrap();
    assert_eq!(
        sources::detect_format(&path, &head[..4096]).unwrap(),
        SourceFormat::OfacXml {
            list: SourceList::OfacConsolidated
        }
    );
    let parsed = sources::load_paths(&[path]).unwrap();
    let cons = &parsed[0];
    assert_eq!(cons.info.source, SourceList::OfacConsolidated);
    assert_eq!(cons.info.format, "ofac_xml");
    assert_eq!(cons.info.published.as_deref(), Some("2025-03-28"));
    assert_eq!(cons.info.entity_count, 443);
    assert_eq!(
        cons.entities
            .iter()
            .filter(|e| e.entity_type == EntityType::Organization)
            .count(),
        363
    );
    assert_eq!(
        cons.entities
            .iter()
            .filter(|e| e.entity_type == EntityType::Person)
            .count(),
        80
    );
    // README: 1,136 aka elements; 70 of them are category weak.
    let aliases: Vec<_> = cons
        .entities
        .iter()
        .flat_map(|e| e.names.iter().skip(1))
        .collect();
    assert_eq!(aliases.len(), 1_136);
    assert_eq!(
        aliases
            .iter()
            .filter(|n| n.strength == AliasStrength::Weak)
            .count(),
        70
    );
    let haniya = entity(cons, "ofac_consolidated:9639");
    assert_eq!(haniya.primary_name(), "HANIYA, Ismail Abdul Salah");
    assert!(has_name(haniya, "HANIYYA, Ismaeel"));
    assert_eq!(haniya.birth_dates[0].year_range(), (1962, 1962));
    assert_eq!(haniya.birth_places, vec!["Shati"]);
    assert!(cons.entities.iter().any(|e| e
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::TaxId)));
}
