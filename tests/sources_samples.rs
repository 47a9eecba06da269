//! The project's own sample lists in data/ (see data/README.md) parse through every path.

mod sources_support;

use kyc_check::model::{
    AliasStrength, BirthDate, EntityType, IdentifierKind, NameKind, PartialDate, SourceList,
};
use kyc_check::sources;
use sources_support::{data, entity, has_name};

#[test]
fn ofac_sdn_sample_set() {
    let parsed = sources::load_paths(&[data("ofac_sdn")]).unwrap();
    assert_eq!(parsed.len(), 1);
    let sdn = &parsed[0];
    assert_eq!(sdn.info.source, SourceList::OfacSdn);
    assert_eq!(sdn.info.entity_count, 23);
    assert_eq!(
        sdn.info.files,
        vec!["sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"]
    );

    let kim = entity(sdn, "ofac_sdn:990001");
    assert_eq!(kim.primary_name(), "KIM, Jong Un");
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
    assert!(has_name(kim, "KIM, Jong-un"));

    let khamenei = entity(sdn, "ofac_sdn:990002");
    assert_eq!(khamenei.birth_places, vec!["Mashhad, Iran"]);
    let weak = khamenei
        .names
        .iter()
        .find(|n| n.full == "KHAMENEI, Ayatollah Ali")
        .unwrap();
    assert_eq!(weak.strength, AliasStrength::Weak);

    let bank = entity(sdn, "ofac_sdn:990003");
    assert_eq!(bank.entity_type, EntityType::Organization);
    assert_eq!(bank.programs, vec!["IRAN", "SDGT", "IFSR"]);
    assert!(bank
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::SwiftBic && i.value == "MELIIRTH"));
    assert_eq!(bank.address_countries.len(), 2);

    // Remarks continued in sdn_comments.csv: the last weak alias is completed there.
    let lazarus = entity(sdn, "ofac_sdn:990005");
    assert!(has_name(lazarus, "APT38"));
    assert!(lazarus
        .remarks
        .as_deref()
        .unwrap()
        .ends_with("Linked To: RECONNAISSANCE GENERAL BUREAU."));

    let tornado = entity(sdn, "ofac_sdn:990007");
    let eth: Vec<_> = tornado
        .identifiers
        .iter()
        .filter(|i| i.network.as_deref() == Some("ETH"))
        .collect();
    assert_eq!(eth.len(), 3);
    assert_eq!(eth[0].value, "0x8589427373D6D84E98730D7795D8f6f8731FDA16");
    let samsam = entity(sdn, "ofac_sdn:990008");
    assert_eq!(samsam.identifiers[0].kind, IdentifierKind::CryptoAddress);
    assert_eq!(samsam.identifiers[0].network.as_deref(), Some("XBT"));

    let saif = entity(sdn, "ofac_sdn:990010");
    assert!(saif
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Passport && i.value == "B014995"));
    let aisha = entity(sdn, "ofac_sdn:990011");
    assert_eq!(aisha.birth_dates[0].year_range(), (1977, 1979));

    let vessel = entity(sdn, "ofac_sdn:990016");
    assert_eq!(vessel.entity_type, EntityType::Vessel);
    assert!(vessel
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Imo && i.value == "9116412"));
    assert!(vessel
        .names
        .iter()
        .any(|n| n.full == "GRACE 1" && n.kind == NameKind::Fka));
    let aircraft = entity(sdn, "ofac_sdn:990018");
    assert_eq!(aircraft.entity_type, EntityType::Aircraft);
    assert!(aircraft
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Aircraft && i.value == "EP-MNF"));

    let chapo = entity(sdn, "ofac_sdn:990021");
    assert_eq!(chapo.birth_dates.len(), 2);
}

#[test]
fn ofac_consolidated_sample_set() {
    let parsed = sources::load_paths(&[data("ofac_cons")]).unwrap();
    let cons = &parsed[0];
    assert_eq!(cons.info.source, SourceList::OfacConsolidated);
    assert_eq!(cons.info.entity_count, 5);
    let rosneft = entity(cons, "ofac_consolidated:990502");
    assert!(rosneft
        .remarks
        .as_deref()
        .unwrap()
        .contains("Website www.rosneft.com; Linked To: ROSNEFTEGAZ."));
    let huawei = entity(cons, "ofac_consolidated:990503");
    assert_eq!(huawei.identifiers[0].kind, IdentifierKind::Registration);
}

#[test]
fn un_sample() {
    let parsed = sources::load_paths(&[data("un/consolidated.xml")]).unwrap();
    let un = &parsed[0];
    assert_eq!(un.info.entity_count, 6);
    assert_eq!(un.info.published.as_deref(), Some("2025-01-15"));
    let saif = entity(un, "un_sc:LYi.011");
    assert_eq!(saif.primary_name(), "SAIF-AL ISLAM QADHAFI");
    assert!(saif
        .names
        .iter()
        .any(|n| n.original_script && n.full == "سيف الإسلام القذافي"));
    assert!(saif
        .names
        .iter()
        .any(|n| n.full == "Seif el-Islam" && n.strength == AliasStrength::Weak));
    let akhund = entity(un, "un_sc:TAi.002");
    assert_eq!(akhund.birth_dates[0].year_range(), (1955, 1958));
    let komid = entity(un, "un_sc:KPe.001");
    assert!(komid
        .names
        .iter()
        .any(|n| n.full == "CHANGGWANG SINYONG CORPORATION" && n.kind == NameKind::Fka));
}

#[test]
fn ofsi_csv_sample() {
    let parsed = sources::load_paths(&[data("uk/ConList.csv")]).unwrap();
    let ofsi = &parsed[0];
    assert_eq!(ofsi.info.source, SourceList::UkOfsi);
    assert_eq!(ofsi.info.format, "ofsi_csv");
    assert_eq!(ofsi.info.published.as_deref(), Some("2025-01-15"));
    assert_eq!(ofsi.info.entity_count, 6);
    let putin = entity(ofsi, "uk_ofsi:99001");
    assert_eq!(putin.primary_name(), "Vladimir Vladimirovich PUTIN");
    assert!(putin
        .names
        .iter()
        .any(|n| n.original_script && n.full == "Владимир Владимирович Путин"));
    let komid = entity(ofsi, "uk_ofsi:99003");
    assert_eq!(komid.entity_type, EntityType::Organization);
    let korean = komid.names.iter().find(|n| n.original_script).unwrap();
    assert_eq!(korean.full, "조선광업개발무역회사");
    assert_eq!(korean.language.as_deref(), Some("Korean"));
    assert!(komid
        .names
        .iter()
        .any(|n| n.full == "CHANGGWANG SINYONG CORPORATION" && n.kind == NameKind::Fka));
    let saif = entity(ofsi, "uk_ofsi:99004");
    assert!(saif
        .names
        .iter()
        .any(|n| n.full == "Seif GHADDAFI" && n.strength == AliasStrength::Weak));
    assert!(saif
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Passport && i.value == "B014995"));
    let akhund = entity(ofsi, "uk_ofsi:99006");
    assert_eq!(akhund.birth_dates.len(), 2);
}

#[test]
fn whole_data_directory_loads() {
    let parsed = sources::load_paths(&[data("")]).unwrap();
    let lists: Vec<SourceList> = parsed.iter().map(|p| p.info.source).collect();
    assert!(lists.contains(&SourceList::OfacSdn));
    assert!(lists.contains(&SourceList::OfacConsolidated));
    assert!(lists.contains(&SourceList::UnSc));
    assert!(lists.contains(&SourceList::UkOfsi));
    assert!(lists.contains(&SourceList::Eu));
    assert_eq!(parsed.len(), 5);
}
