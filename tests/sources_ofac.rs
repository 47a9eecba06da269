//! OFAC legacy CSV sets in ../shared/watchlists/ofac: counts from
//! ../shared/watchlists/README.md (section 1) and spot checks of real entries.

mod sources_support;

use kyc_check::model::{
    AliasStrength, BirthDate, EntityType, IdentifierKind, NameKind, PartialDate, SourceList,
};
use kyc_check::sources::{self, ofac_csv, OfacCsvPart, SourceFormat};
use sources_support::{entity, has_name, shared};

#[test]
fn sdn_2024_primary_file_has_14965_entries() {
    let Some(dir) = shared("ofac/sdn_2024-05-03") else {
        return;
    };
    let parsed = sources::load_paths(&[dir]).unwrap();
    assert_eq!(parsed.len(), 1);
    let sdn = &parsed[0];
    assert_eq!(sdn.info.source, SourceList::OfacSdn);
    assert_eq!(sdn.info.format, "ofac_legacy_csv");
    assert_eq!(sdn.info.published, None);
    assert_eq!(sdn.info.files, vec!["sdn.csv"]);
    assert_eq!(sdn.info.entity_count, 14_965);
    let count = |t: EntityType| sdn.entities.iter().filter(|e| e.entity_type == t).count();
    // README: 6,854 individuals, 6,884 entities, 851 vessels, 376 aircraft.
    assert_eq!(count(EntityType::Person), 6_854);
    assert_eq!(count(EntityType::Organization), 6_884);
    assert_eq!(count(EntityType::Vessel), 851);
    assert_eq!(count(EntityType::Aircraft), 376);
    // README: 75 distinct program codes.
    let mut programs: Vec<&str> = sdn
        .entities
        .iter()
        .flat_map(|e| e.programs.iter().map(String::as_str))
        .collect();
    programs.sort_unstable();
    programs.dedup();
    assert_eq!(programs.len(), 75);

    let kim = entity(sdn, "ofac_sdn:20157");
    assert_eq!(kim.primary_name(), "KIM, Jong Un");
    assert_eq!(kim.entity_type, EntityType::Person);
    assert_eq!(kim.programs, vec!["DPRK3"]);
    assert_eq!(
        kim.birth_dates,
        vec![BirthDate::Date {
            date: PartialDate {
                year: 1984,
                month: Some(1),
                day: Some(8)
            }
        }]
    );
    // Weak a.k.a. written in Remarks.
    let bnc = entity(sdn, "ofac_sdn:306");
    assert_eq!(bnc.names[1].full, "BNC");
    assert_eq!(bnc.names[1].strength, AliasStrength::Weak);
}

#[test]
fn sdn_2021_set_joins_four_files() {
    let Some(dir) = shared("ofac/sdn_set_2021-07-07") else {
        return;
    };
    let parsed = sources::load_paths(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(parsed.len(), 1);
    let sdn = &parsed[0];
    assert_eq!(sdn.info.entity_count, 8_976);
    assert_eq!(
        sdn.info.files,
        vec!["sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"]
    );
    let count = |t: EntityType| sdn.entities.iter().filter(|e| e.entity_type == t).count();
    assert_eq!(count(EntityType::Person), 4_620);
    assert_eq!(count(EntityType::Organization), 3_673);
    assert_eq!(count(EntityType::Vessel), 406);
    assert_eq!(count(EntityType::Aircraft), 277);

    // README: 11,910 alias rows for 4,139 entries (aka 11,523, fka 369, nka 18).
    let alt = ofac_csv::parse_alt(&std::fs::read(dir.join("alt.csv")).unwrap(), "alt.csv").unwrap();
    assert_eq!(alt.len(), 11_910);
    let strong: Vec<_> = sdn
        .entities
        .iter()
        .flat_map(|e| e.names.iter().skip(1))
        .filter(|n| n.strength == AliasStrength::Strong)
        .collect();
    assert_eq!(strong.len(), 11_910);
    assert_eq!(
        strong.iter().filter(|n| n.kind == NameKind::Aka).count(),
        11_523
    );
    assert_eq!(
        strong.iter().filter(|n| n.kind == NameKind::Fka).count(),
        369
    );
    assert_eq!(
        strong.iter().filter(|n| n.kind == NameKind::Nka).count(),
        18
    );
    let with_alias = sdn
        .entities
        .iter()
        .filter(|e| {
            e.names
                .iter()
                .any(|n| n.strength == AliasStrength::Strong && n.kind != NameKind::Primary)
        })
        .count();
    assert_eq!(with_alias, 4_139);
    // README: 13,837 address rows, 5 comment rows.
    let add = ofac_csv::parse_add(&std::fs::read(dir.join("add.csv")).unwrap(), "add.csv").unwrap();
    assert_eq!(add.len(), 13_837);
    let comments =
        ofac_csv::parse_comments(&std::fs::read(dir.join("sdn_comments.csv")).unwrap(), "c")
            .unwrap();
    assert_eq!(comments.len(), 5);

    // Strong alias from ALT.CSV, address countries from ADD.CSV.
    let bnc = entity(sdn, "ofac_sdn:306");
    assert_eq!(bnc.primary_name(), "BANCO NACIONAL DE CUBA");
    assert!(has_name(bnc, "NATIONAL BANK OF CUBA"));
    assert_eq!(bnc.address_countries.len(), 4);
    // Lazarus Group: weak a.k.a.s from Remarks.
    let lazarus = entity(sdn, "ofac_sdn:27307");
    assert!(has_name(lazarus, "HIDDEN COBRA"));
    assert!(lazarus
        .names
        .iter()
        .filter(|n| n.kind == NameKind::Aka)
        .all(|n| n.strength == AliasStrength::Weak));
    // Remarks overflow from sdn_comments.csv completes a cut "Digital Currency Addres|s - ETH".
    let e = entity(sdn, "ofac_sdn:29703");
    let eth: Vec<_> = e
        .identifiers
        .iter()
        .filter(|i| i.kind == IdentifierKind::CryptoAddress && i.network.as_deref() == Some("ETH"))
        .collect();
    assert_eq!(eth.len(), 1);
    assert_eq!(eth[0].value, "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c");
    assert!(e
        .remarks
        .as_deref()
        .unwrap()
        .contains("Digital Currency Address - ETH 0x8576"));
    // Crypto addresses with network and a Chinese ID card.
    let yan = entity(sdn, "ofac_sdn:25308");
    assert!(yan
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::CryptoAddress
            && i.network.as_deref() == Some("XBT")
            && i.value == "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"));
    assert!(yan
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::NationalId && i.value == "421002197703250019"));
    assert_eq!(yan.birth_places, vec!["Wuhan City, Hubei, China"]);
}

#[test]
fn consolidated_csv_set_has_442_entries() {
    let Some(dir) = shared("ofac/cons_csv_2025-12-19") else {
        return;
    };
    let parsed = sources::load_paths(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(parsed.len(), 1);
    let cons = &parsed[0];
    assert_eq!(cons.info.source, SourceList::OfacConsolidated);
    assert_eq!(cons.info.entity_count, 442);
    assert_eq!(
        cons.info.files,
        vec![
            "cons_prim.csv",
            "cons_comments.csv",
            "cons_alt.csv",
            "cons_add.csv"
        ]
    );
    let count = |t: EntityType| cons.entities.iter().filter(|e| e.entity_type == t).count();
    assert_eq!(count(EntityType::Person), 79);
    assert_eq!(count(EntityType::Organization), 363);
    // README: 1,073 alias rows (aka 932, fka 141).
    let strong = cons
        .entities
        .iter()
        .flat_map(|e| e.names.iter().skip(1))
        .filter(|n| n.strength == AliasStrength::Strong)
        .count();
    assert_eq!(strong, 1_073);
    let haniya = entity(cons, "ofac_consolidated:9639");
    assert_eq!(haniya.primary_name(), "HANIYA, Ismail Abdul Salah");
    assert_eq!(haniya.programs, vec!["NS-PLC"]);
    assert_eq!(haniya.birth_dates[0].year_range(), (1962, 1962));
    assert_eq!(haniya.birth_places, vec!["Shati"]);
}

#[test]
fn newer_alias_and_address_files_parse_but_need_their_primary() {
    let Some(dir) = shared("ofac/sdn_aux_2026-06-02") else {
        return;
    };
    let alt = ofac_csv::parse_alt(&std::fs::read(dir.join("alt.csv")).unwrap(), "alt.csv").unwrap();
    assert_eq!(alt.len(), 20_260);
    let add = ofac_csv::parse_add(&std::fs::read(dir.join("add.csv")).unwrap(), "add.csv").unwrap();
    assert_eq!(add.len(), 24_776);
    let head = std::fs::read(dir.join("alt.csv")).unwrap();
    assert_eq!(
        sources::detect_format(&dir.join("alt.csv"), &head[..4096]).unwrap(),
        SourceFormat::OfacCsv {
            list: SourceList::OfacSdn,
            part: OfacCsvPart::Alt
        }
    );
    // Without sdn.csv the set is refused, naming the file.
    let err = sources::load_paths(&[dir]).unwrap_err();
    assert!(
        err.to_string()
            .contains("alt.csv: OFAC CSV file without its primary file (sdn.csv)"),
        "{err}"
    );
}

#[test]
fn mixing_sets_from_different_downloads_is_refused() {
    let (Some(new_alt), Some(old_sdn)) = (
        shared("ofac/sdn_aux_2026-06-02/alt.csv"),
        shared("ofac/sdn_2024-05-03/sdn.csv"),
    ) else {
        return;
    };
    let mut set = ofac_csv::CsvSetFiles::default();
    set.add(
        OfacCsvPart::Primary,
        "sdn.csv".into(),
        std::fs::read(old_sdn).unwrap(),
    )
    .unwrap();
    set.add(
        OfacCsvPart::Alt,
        "alt.csv".into(),
        std::fs::read(new_alt).unwrap(),
    )
    .unwrap();
    let err = ofac_csv::parse_set(SourceList::OfacSdn, &set).unwrap_err();
    assert_eq!(err.file(), "alt.csv");
    assert!(err.line().is_some());
    assert!(err.message().contains("has no entry in sdn.csv"), "{err}");
}
