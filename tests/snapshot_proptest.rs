//! Property tests of the snapshot codec: arbitrary entities round-trip exactly, and
//! arbitrary bytes (raw, or behind a valid prefix with a matching hash) never panic the
//! decoder.

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

mod snapshot_fixtures;

use kyc_check::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    PartialDate, SourceInfo, SourceList,
};
use kyc_check::snapshot::{format, Snapshot, SnapshotError, FORMAT_VERSION, MAGIC};
use proptest::prelude::*;
use snapshot_fixtures::rehash;

fn text() -> impl Strategy<Value = String> {
    // Mostly short values with non-ASCII mixed in, like real list fields.
    prop_oneof![
        "[A-Za-z ,.'-]{0,12}",
        "\\PC{0,8}",
        Just(String::new()),
        Just("IRAN".to_string()),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn partial_date() -> impl Strategy<Value = PartialDate> {
    (
        any::<u16>(),
        prop::option::of(any::<u8>()),
        prop::option::of(any::<u8>()),
    )
        .prop_map(|(year, month, day)| PartialDate { year, month, day })
}

fn birth_date() -> impl Strategy<Value = BirthDate> {
    prop_oneof![
        partial_date().prop_map(|date| BirthDate::Date { date }),
        (partial_date(), partial_date()).prop_map(|(from, to)| BirthDate::Range { from, to }),
    ]
}

fn name() -> impl Strategy<Value = Name> {
    (
        text(),
        prop::sample::select(vec![
            NameKind::Primary,
            NameKind::Aka,
            NameKind::Fka,
            NameKind::Nka,
        ]),
        any::<bool>(),
        any::<bool>(),
        opt_text(),
    )
        .prop_map(|(full, kind, weak, original_script, language)| Name {
            full,
            kind,
            strength: if weak {
                AliasStrength::Weak
            } else {
                AliasStrength::Strong
            },
            original_script,
            language,
        })
}

fn identifier() -> impl Strategy<Value = Identifier> {
    (
        prop::sample::select(vec![
            IdentifierKind::Passport,
            IdentifierKind::NationalId,
            IdentifierKind::TaxId,
            IdentifierKind::Registration,
            IdentifierKind::Imo,
            IdentifierKind::Aircraft,
            IdentifierKind::SwiftBic,
            IdentifierKind::CryptoAddress,
            IdentifierKind::Other,
        ]),
        text(),
        text(),
        opt_text(),
        opt_text(),
    )
        .prop_map(|(kind, label, value, country, network)| Identifier {
            kind,
            label,
            value,
            country,
            network,
        })
}

fn entity() -> impl Strategy<Value = Entity> {
    (
        (
            prop::sample::select(SourceList::ALL.to_vec()),
            prop::sample::select(vec![
                EntityType::Person,
                EntityType::Organization,
                EntityType::Vessel,
                EntityType::Aircraft,
            ]),
            text(),
            any::<bool>(),
            prop::collection::vec(name(), 0..4),
            prop::collection::vec(birth_date(), 0..3),
        ),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(identifier(), 0..3),
            prop::collection::vec(text(), 0..3),
            opt_text(),
            opt_text(),
        ),
    )
        .prop_map(
            |(
                (source, entity_type, local_id, prefixed, names, birth_dates),
                (
                    birth_places,
                    nationalities,
                    address_countries,
                    identifiers,
                    programs,
                    listed_on,
                    remarks,
                ),
            )| Entity {
                id: if prefixed {
                    format!("{}:{local_id}", source.code())
                } else {
                    local_id
                },
                source,
                entity_type,
                names,
                birth_dates,
                birth_places,
                nationalities,
                address_countries,
                identifiers,
                programs,
                listed_on,
                remarks,
            },
        )
}

fn source_info() -> impl Strategy<Value = SourceInfo> {
    (
        prop::sample::select(SourceList::ALL.to_vec()),
        text(),
        opt_text(),
        prop::collection::vec(text(), 0..3),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(
            |(source, format, published, files, entity_count, name_count)| SourceInfo {
                source,
                format,
                published,
                files,
                entity_count,
                name_count,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_snapshots_round_trip(
        entities in prop::collection::vec(entity(), 0..6),
        sources in prop::collection::vec(source_info(), 0..3),
        built_at in text(),
        label in text(),
    ) {
        let built = Snapshot::build(sources.clone(), entities.clone(), &built_at, &label);
        let bytes = built.to_bytes();
        let loaded = Snapshot::from_bytes(&bytes).unwrap();
        prop_assert_eq!(&loaded.entities.to_vec().unwrap(), &entities);
        prop_assert_eq!(&loaded.header.sources, &sources);
        prop_assert_eq!(&loaded.header, &built.header);
        prop_assert_eq!(loaded.to_bytes(), bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = Snapshot::from_bytes(&bytes);
    }

    /// Random payloads behind a valid prefix and matching hash reach the section decoders:
    /// they must fail as `corrupt` (or, vanishingly rarely, decode), never panic.
    #[test]
    fn arbitrary_payloads_with_valid_hash_are_corrupt(payload in prop::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&[0; 32]);
        bytes.extend_from_slice(&payload);
        prop_assert_eq!(bytes.len(), format::PREFIX_LEN + payload.len());
        rehash(&mut bytes);
        match Snapshot::from_bytes(&bytes) {
            Ok(_) | Err(SnapshotError::Corrupt { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected {}", other),
        }
    }

    /// A valid small snapshot with a random run of bytes overwritten and the hash forged.
    #[test]
    fn overwritten_runs_with_valid_hash_never_panic(
        start in 0usize..2000,
        run in prop::collection::vec(any::<u8>(), 1..16),
    ) {
        let mut bytes = snapshot_fixtures::snapshot().to_bytes();
        let start = format::PREFIX_LEN + start % (bytes.len() - format::PREFIX_LEN);
        for (i, b) in run.iter().enumerate() {
            if let Some(slot) = bytes.get_mut(start + i) {
                *slot = *b;
            }
        }
        rehash(&mut bytes);
        match Snapshot::from_bytes(&bytes) {
            Ok(_) | Err(SnapshotError::Corrupt { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected {}", other),
        }
    }
}
