//! UK lists in ../shared/watchlists/uk: OFSI consolidated list (XLSX) and FCDO UK Sanctions
//! List summary (ODS). Counts from ../shared/watchlists/README.md (section 4).

mod sources_support;

use kyc_check::model::{BirthDate, EntityType, PartialDate, SourceList};
use kyc_check::sources::{self, spreadsheet, uk_ofsi, SourceFormat};
use sources_support::{entity, has_name, shared};

#[test]
fn ofsi_xlsx_groups_rows_into_4686_designations() {
    let Some(path) = shared("uk/ofsi_conlist_2025-04-10/UK_Sanctions_List.xlsx") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        sources::detect_format(&path, &bytes[..4096]).unwrap(),
        SourceFormat::OfsiXlsx
    );
    // README: 18,796 data rows after the `Last Updated` row and the header row.
    let rows = spreadsheet::read_xlsx(&bytes, "UK_Sanctions_List.xlsx").unwrap();
    assert_eq!(rows.len(), 18_796 + 2);
    assert_eq!(rows[1].cells.len(), 36);
    drop(rows);

    let ofsi = &uk_ofsi::parse_xlsx(&bytes, "UK_Sanctions_List.xlsx").unwrap();
    assert_eq!(ofsi.info.source, SourceList::UkOfsi);
    assert_eq!(ofsi.info.format, "ofsi_xlsx");
    assert_eq!(ofsi.info.published.as_deref(), Some("2025-04-10"));
    assert_eq!(ofsi.info.entity_count, 4_686);
    let count = |t: EntityType| ofsi.entities.iter().filter(|e| e.entity_type == t).count();
    assert_eq!(count(EntityType::Person), 3_662);
    assert_eq!(count(EntityType::Organization), 1_009);
    assert_eq!(count(EntityType::Vessel), 15);

    let putin = entity(ofsi, "uk_ofsi:14196");
    assert_eq!(putin.primary_name(), "Vladimir Vladimirovich PUTIN");
    assert!(has_name(putin, "Vladimir PUTIN"));
    let cyrillic = putin.names.iter().find(|n| n.original_script).unwrap();
    assert_eq!(cyrillic.full, "Владимир Владимирович Путин");
    assert_eq!(
        putin.birth_dates,
        vec![BirthDate::Date {
            date: PartialDate {
                year: 1952,
                month: Some(10),
                day: Some(7)
            }
        }]
    );
    assert_eq!(
        putin.birth_places,
        vec!["St Petersburg (then Leningrad), Russia"]
    );
    assert_eq!(putin.programs, vec!["Russia"]);
    assert_eq!(putin.listed_on.as_deref(), Some("2022-02-25"));
}

#[test]
fn fcdo_ods_summary_has_5302_designations() {
    let Some(path) = shared("uk/fcdo_uksl_summary_2025-08-11/FCDO_SL_2025-08-11.ods") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        sources::detect_format(&path, &bytes[..4096]).unwrap(),
        SourceFormat::FcdoOds
    );
    let parsed = sources::load_paths(&[path]).unwrap();
    let fcdo = &parsed[0];
    assert_eq!(fcdo.info.source, SourceList::UkFcdo);
    assert_eq!(fcdo.info.format, "fcdo_ods");
    // README: 5,302 designations; two of them (BEL0174, RUS1467, both individuals) are
    // published without a name and are skipped with a warning naming the row.
    assert_eq!(fcdo.info.entity_count, 5_300);
    assert_eq!(fcdo.warnings.len(), 2);
    assert!(
        fcdo.warnings[0].ends_with("row 649: designation BEL0174 has no name; skipped"),
        "{:?}",
        fcdo.warnings
    );
    // README: 3,754 Individual, 1,087 Entity, 461 Ship.
    let count = |t: EntityType| fcdo.entities.iter().filter(|e| e.entity_type == t).count();
    assert_eq!(count(EntityType::Person), 3_754 - 2);
    assert_eq!(count(EntityType::Organization), 1_087);
    assert_eq!(count(EntityType::Vessel), 461);
    let first = entity(fcdo, "uk_fcdo:AFG0001");
    assert_eq!(
        first.primary_name(),
        "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE"
    );
    assert_eq!(first.entity_type, EntityType::Organization);
    assert_eq!(first.programs, vec!["Afghanistan"]);
    assert_eq!(first.listed_on.as_deref(), Some("2012-06-29"));
    // Names are trimmed of the export's surrounding whitespace.
    assert!(fcdo
        .entities
        .iter()
        .all(|e| e.primary_name() == e.primary_name().trim()));
}
