//! Hand-built entities and helpers shared by the `snapshot_*` tests.
//!
//! The entities are invented (no real listing) but exercise every field and flag the codec
//! has: aliases of every kind, weak and original-script names with a language, both birth
//! date shapes with partial dates, identifiers with and without country and network, ids
//! with and without the `<source>:` prefix, and non-ASCII text.

#![allow(dead_code)]

use kyc_check::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    PartialDate, SourceInfo, SourceList,
};
use kyc_check::snapshot::{format, Snapshot};
use sha2::{Digest, Sha256};

/// The fixed build time of the test snapshots.
pub const BUILT_AT: &str = "2025-01-02T03:04:05Z";

/// A small but feature-complete set of entities from three lists.
pub fn entities() -> Vec<Entity> {
    let mut person = Entity::new(
        SourceList::UnSc,
        "QDi.999",
        EntityType::Person,
        "EXAMPLE, Abu",
    );
    person.names.push(Name {
        full: "أبو المثال".to_string(),
        kind: NameKind::Aka,
        strength: AliasStrength::Strong,
        original_script: true,
        language: Some("Arabic".to_string()),
    });
    person.names.push(Name {
        full: "Abu Exemplar".to_string(),
        kind: NameKind::Fka,
        strength: AliasStrength::Weak,
        original_script: false,
        language: None,
    });
    person.names.push(Name::new("Abou Exemple", NameKind::Nka));
    person.birth_dates = vec![
        BirthDate::Date {
            date: PartialDate {
                year: 1961,
                month: Some(7),
                day: Some(28),
            },
        },
        BirthDate::Range {
            from: PartialDate {
                year: 1958,
                month: None,
                day: None,
            },
            to: PartialDate {
                year: 1963,
                month: Some(12),
                day: None,
            },
        },
    ];
    person.birth_places = vec!["Baghdad, Iraq".to_string()];
    person.nationalities = vec!["IQ".to_string(), "SY".to_string()];
    person.address_countries = vec!["SY".to_string()];
    person.identifiers = vec![Identifier {
        kind: IdentifierKind::Passport,
        label: "Passport".to_string(),
        value: "A1234567".to_string(),
        country: Some("IQ".to_string()),
        network: None,
    }];
    person.programs = vec!["Al-Qaida".to_string()];
    person.listed_on = Some("2001-10-06".to_string());
    person.remarks = Some("Invented test record: ümlaut and “quotes”.".to_string());

    let mut company = Entity::new(
        SourceList::OfacSdn,
        "40001",
        EntityType::Organization,
        "EXAMPLE TRADING LLC",
    );
    company
        .names
        .push(Name::new("EXAMPLE TRADE CO", NameKind::Aka));
    company.identifiers = vec![
        Identifier {
            kind: IdentifierKind::CryptoAddress,
            label: "Digital Currency Address - XBT".to_string(),
            value: "1ExampleAddressXXXXXXXXXXXXXXXXXXX".to_string(),
            country: None,
            network: Some("XBT".to_string()),
        },
        Identifier {
            kind: IdentifierKind::Registration,
            label: "Registration Number".to_string(),
            value: "77-0001".to_string(),
            country: Some("AE".to_string()),
            network: None,
        },
    ];
    company.address_countries = vec!["AE".to_string()];
    company.programs = vec!["SDGT".to_string(), "IRAN".to_string()];

    let mut vessel = Entity::new(
        SourceList::OfacSdn,
        "40002",
        EntityType::Vessel,
        "SEA EXAMPLE",
    );
    vessel.identifiers = vec![Identifier {
        kind: IdentifierKind::Imo,
        label: "IMO".to_string(),
        value: "9999999".to_string(),
        country: None,
        network: None,
    }];
    vessel.programs = vec!["IRAN".to_string()];

    // An id without the `<source>:` prefix is stored whole.
    let mut odd_id = Entity::new(SourceList::Eu, "1", EntityType::Aircraft, "Example Air 1");
    odd_id.id = "legacy-eu-1".to_string();

    let mut greek = Entity::new(SourceList::Eu, "13", EntityType::Person, "Παράδειγμα Όνομα");
    greek.names[0].language = Some("EL".to_string());
    greek.nationalities = vec!["GR".to_string()];
    greek.listed_on = Some("2001-10-06".to_string());

    vec![person, company, vessel, odd_id, greek]
}

/// Source infos matching [`entities`].
pub fn sources() -> Vec<SourceInfo> {
    vec![
        SourceInfo {
            source: SourceList::OfacSdn,
            format: "ofac_legacy_csv".to_string(),
            published: None,
            files: vec!["sdn.csv".to_string(), "alt.csv".to_string()],
            entity_count: 2,
            name_count: 3,
        },
        SourceInfo {
            source: SourceList::UnSc,
            format: "un_xml".to_string(),
            published: Some("2026-02-27".to_string()),
            files: vec!["consolidated.xml".to_string()],
            entity_count: 1,
            name_count: 4,
        },
        SourceInfo {
            source: SourceList::Eu,
            format: "eu_legacy_xml".to_string(),
            published: Some("2016-02-11".to_string()),
            files: vec!["global_excerpt.xml".to_string()],
            entity_count: 2,
            name_count: 2,
        },
    ]
}

/// The small test snapshot.
pub fn snapshot() -> Snapshot {
    Snapshot::build(sources(), entities(), BUILT_AT, "test")
}

/// Rewrites the prefix hash of `bytes` to match its (possibly altered) payload, as a forger
/// would, so that tests reach the section decoders.
pub fn rehash(bytes: &mut [u8]) {
    if bytes.len() < format::PREFIX_LEN {
        return;
    }
    let digest = Sha256::digest(&bytes[format::PREFIX_LEN..]);
    bytes[format::HASH_AT..format::PREFIX_LEN].copy_from_slice(&digest);
}
