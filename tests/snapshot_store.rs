#![cfg(not(target_arch = "wasm32"))]
//! The entity store of a loaded snapshot (format 2): entities decoded one at a time, remarks
//! inflated on first use, damage in the remarks surfacing as an error on access, and
//! screening over the store giving the same results as over owned entities.

mod snapshot_fixtures;

use kyc_check::model::EntityType;
use kyc_check::screen::{Decision, Options, Query, Screener};
use kyc_check::snapshot::{format, EntityKind, Snapshot, SnapshotError};
use snapshot_fixtures::{entities, rehash, snapshot};

/// Offset in `bytes` and length of the body of the section with `tag`.
fn section(bytes: &[u8], tag: u8) -> (usize, usize) {
    let mut at = format::PREFIX_LEN;
    loop {
        let len = u32::from_le_bytes(bytes[at + 1..at + 5].try_into().unwrap()) as usize;
        if bytes[at] == tag {
            return (at + 5, len);
        }
        at += 5 + len;
    }
}

#[test]
fn every_accessor_agrees_with_the_built_entities() {
    let expected = entities();
    let loaded = Snapshot::from_bytes(&snapshot().to_bytes()).unwrap();
    let store = &loaded.entities;
    assert_eq!(store.len(), expected.len());
    assert_eq!(
        store.name_count(),
        expected.iter().map(|e| e.names.len() as u64).sum::<u64>()
    );
    for (i, e) in expected.iter().enumerate() {
        assert_eq!(
            store.kind(i),
            Some(EntityKind {
                source: e.source,
                entity_type: e.entity_type
            })
        );
        assert_eq!(*store.get(i).unwrap().unwrap(), *e);
        let mut without = e.clone();
        without.remarks = None;
        assert_eq!(*store.get_without_remarks(i).unwrap().unwrap(), without);
        assert_eq!(store.remarks(i).unwrap().as_deref(), e.remarks.as_deref());
        assert_eq!(store.position(&e.id), Some(i));
    }
    assert!(store.get(expected.len()).is_none());
    assert!(store.kind(expected.len()).is_none());
    assert_eq!(store.position("no_such:id"), None);
    assert_eq!(store.to_vec().unwrap(), expected);
    assert!(expected.iter().any(|e| e.remarks.is_some()));
}

#[test]
fn damaged_remarks_load_but_fail_on_access_never_silently() {
    let mut bytes = snapshot().to_bytes();
    let (at, len) = section(&bytes, 4);
    // Keep the raw length, replace the DEFLATE stream with a reserved block type.
    for b in &mut bytes[at + 4..at + len] {
        *b = 0xff;
    }
    rehash(&mut bytes);
    let loaded = Snapshot::from_bytes(&bytes).expect("remarks are checked on access");
    let store = &loaded.entities;
    let with_remarks = entities().iter().position(|e| e.remarks.is_some()).unwrap();
    for result in [
        store.get(with_remarks).unwrap().map(|_| ()),
        store.remarks(with_remarks).map(|_| ()),
        store.to_vec().map(|_| ()),
    ] {
        match result {
            Err(SnapshotError::Corrupt { section, .. }) => assert_eq!(section, "remarks"),
            other => panic!("expected corrupt remarks, got {other:?}"),
        }
    }
    // Screening never reads remarks: it still works, with the same results.
    assert!(store.get_without_remarks(with_remarks).unwrap().is_ok());
    let intact = Snapshot::from_bytes(&snapshot().to_bytes()).unwrap();
    for e in entities() {
        let q = Query {
            name: e.primary_name().to_string(),
            ..Query::default()
        };
        let a = Screener::new(&loaded).screen(&q, &Options::default());
        let b = Screener::new(&intact).screen(&q, &Options::default());
        assert_eq!(a.matches, b.matches);
        assert_ne!(a.decision, Decision::Clear, "{}", e.primary_name());
    }
}

/// The screener over a loaded (encoded) store and over the owned entities gives identical
/// results, with and without evidence (which is computed only for candidates that can
/// reach the threshold) and identifiers.
#[test]
fn screening_a_loaded_store_equals_screening_owned_entities() {
    let bytes = kyc_check::snapshot::default_snapshot_bytes();
    let loaded = Snapshot::from_bytes(bytes).unwrap();
    let owned = loaded.entities.to_vec().unwrap();
    let lazy = Screener::new(&loaded);
    let eager = Screener::from_parts(&loaded.header, &owned, &loaded.index);
    let mut queries = Vec::new();
    for e in &owned {
        for n in &e.names {
            queries.push(Query {
                name: n.full.clone(),
                ..Query::default()
            });
            queries.push(Query {
                name: n.full.to_lowercase(),
                birth_date: Some("1960-01-01".into()),
                country: Some("RU".into()),
                entity_type: Some(EntityType::Organization),
                ..Query::default()
            });
        }
        for i in &e.identifiers {
            queries.push(Query {
                name: "Nobody".into(),
                id_number: Some(i.value.clone()),
                crypto_address: Some(i.value.clone()),
                ..Query::default()
            });
        }
    }
    assert!(queries.len() > 100);
    for q in &queries {
        for options in [
            Options::default(),
            Options {
                review_threshold: 0.5,
                ..Options::default()
            },
        ] {
            assert_eq!(lazy.screen(q, &options), eager.screen(q, &options), "{q:?}");
        }
    }
}

#[test]
fn a_wrong_inflated_length_is_corrupt_on_access() {
    let intact = snapshot().to_bytes();
    let (at, _) = section(&intact, 4);
    let raw_len = u32::from_le_bytes(intact[at..at + 4].try_into().unwrap());
    for forged_len in [raw_len - 1, raw_len + 1] {
        let mut bytes = intact.clone();
        bytes[at..at + 4].copy_from_slice(&forged_len.to_le_bytes());
        rehash(&mut bytes);
        let loaded = Snapshot::from_bytes(&bytes).expect("the size is plausible");
        match loaded.entities.to_vec() {
            Err(SnapshotError::Corrupt { section, .. }) => assert_eq!(section, "remarks"),
            other => panic!("raw_len {forged_len}: expected corrupt remarks, got {other:?}"),
        }
    }
}
