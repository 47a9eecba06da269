//! Remarks kept in a companion file (`--remarks external`, format 4): the snapshot pins the
//! `.kcr` file by length and SHA-256; until it is attached the remarks accessors say
//! "not loaded" (never an empty remark) while screening is unaffected; every wrong,
//! damaged or cut file is refused with its own error and changes nothing.

// Native only: uses sha2 and serde_json directly (the wasm cases are in tests/wasm_cases).
#![cfg(not(target_arch = "wasm32"))]

mod snapshot_fixtures;

use kyc_check::screen::{Options, Query, Screener};
use kyc_check::snapshot::companion::{
    REMARKS_FILE_MAGIC, REMARKS_FILE_PREFIX_LEN, REMARKS_FILE_VERSION,
};
use kyc_check::snapshot::{format, RemarksMode, Snapshot, SnapshotError};
use sha2::{Digest, Sha256};
use snapshot_fixtures::{entities, rehash, sources, BUILT_AT};

/// The fixture built with `mode`: snapshot, file, remarks file.
fn build(mode: RemarksMode) -> (Snapshot, Vec<u8>, Option<Vec<u8>>) {
    Snapshot::build_files(sources(), entities(), BUILT_AT, "test", mode)
}

/// The fixture with external remarks: the snapshot file and its remarks file.
fn external_files() -> (Vec<u8>, Vec<u8>) {
    let (_, bytes, remarks) = build(RemarksMode::External);
    (
        bytes,
        remarks.expect("external remarks give a remarks file"),
    )
}

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

/// Offset of the remarks mode byte in the header of `bytes`.
fn mode_at(bytes: &[u8]) -> usize {
    let body = format::PREFIX_LEN + 5;
    let label_at = body + 1 + bytes[body] as usize;
    label_at + 1 + bytes[label_at] as usize
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Index of an entity with remarks and of one without.
fn with_and_without_remarks() -> (usize, usize) {
    let e = entities();
    (
        e.iter().position(|e| e.remarks.is_some()).unwrap(),
        e.iter().position(|e| e.remarks.is_none()).unwrap(),
    )
}

#[test]
fn round_trip_with_the_remarks_file_attached() {
    let (built, bytes, remarks) = build(RemarksMode::External);
    let remarks = remarks.unwrap();
    let loaded = Snapshot::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.header, built.header);
    assert_eq!(loaded.header.remarks, RemarksMode::External);

    // The header pins the whole remarks file: what `sha256sum FILE.kcr` prints.
    let pinned = loaded.header.remarks_companion.clone().unwrap();
    assert_eq!(pinned.sha256, hex(&Sha256::digest(&remarks)));
    assert_eq!(pinned.size_bytes, remarks.len() as u64);
    assert_eq!(&remarks[..8], &REMARKS_FILE_MAGIC);
    assert_eq!(&remarks[8..10], &REMARKS_FILE_VERSION.to_le_bytes());

    // Same DEFLATE stream as the remarks section of the `full` snapshot; that section is
    // empty here.
    let (_, full_bytes, none) = build(RemarksMode::Full);
    assert!(none.is_none());
    let (at, len) = section(&full_bytes, 4);
    let raw_len = u32::from_le_bytes(full_bytes[at..at + 4].try_into().unwrap());
    assert_eq!(
        &remarks[REMARKS_FILE_PREFIX_LEN..],
        &full_bytes[at + 4..at + len]
    );
    assert_eq!(pinned.raw_bytes, u64::from(raw_len));
    assert_eq!(section(&bytes, 4).1, 0);
    assert!(bytes.len() + remarks.len() < full_bytes.len() + 100);

    // Before attaching: the remarks are "not loaded", never silently absent.
    let (with, without) = with_and_without_remarks();
    let store = &loaded.entities;
    assert_eq!(store.remarks(with), Err(SnapshotError::RemarksNotLoaded));
    assert_eq!(
        store.get(with).unwrap().err(),
        Some(SnapshotError::RemarksNotLoaded)
    );
    assert_eq!(store.to_vec().err(), Some(SnapshotError::RemarksNotLoaded));
    // An entity without remarks has none, whether or not the file is attached.
    assert_eq!(store.remarks(without).unwrap(), None);
    assert!(store.get(without).unwrap().is_ok());
    assert!(store.get_without_remarks(with).unwrap().is_ok());
    assert_eq!(SnapshotError::RemarksNotLoaded.code(), "remarks_not_loaded");
    // Re-encoding needs no remarks file: the snapshot alone.
    assert_eq!(loaded.to_bytes(), bytes);
    assert_eq!(loaded.to_files(), (bytes.clone(), None));

    loaded.attach_remarks(&remarks).unwrap();
    assert_eq!(loaded.entities.to_vec().unwrap(), entities());
    assert_eq!(loaded.to_files(), (bytes.clone(), Some(remarks.clone())));
    // Attaching again is harmless; clones share the attached remarks.
    loaded.attach_remarks(&remarks).unwrap();
    assert_eq!(loaded.clone().entities.to_vec().unwrap(), entities());

    let info = serde_json::to_value(loaded.info(None)).unwrap();
    assert_eq!(info["remarks"], "external");
    assert_eq!(info["remarks_companion"]["sha256"], pinned.sha256);
    assert_eq!(info["remarks_companion"]["size_bytes"], remarks.len());
    let full_info = serde_json::to_value(build(RemarksMode::Full).0.info(None)).unwrap();
    assert!(full_info.get("remarks_companion").is_none());
}

#[test]
fn builds_are_deterministic() {
    let (a, ra) = external_files();
    let (b, rb) = external_files();
    assert_eq!((a, ra), (b, rb));
}

#[test]
fn a_wrong_file_is_refused_and_changes_nothing() {
    let (bytes, remarks) = external_files();
    let loaded = Snapshot::from_bytes(&bytes).unwrap();
    let (with, _) = with_and_without_remarks();

    // Another snapshot's remarks file: same layout, other content.
    let mut other_entities = entities();
    // Longer than this one's remarks: a cut-off file would be `truncated` instead.
    let numbers: Vec<String> = (0..100u32).map(|i| (i * 7919 % 1000).to_string()).collect();
    other_entities[with].remarks = Some(numbers.join(" "));
    let (_, _, other) = Snapshot::build_files(
        sources(),
        other_entities,
        BUILT_AT,
        "test",
        RemarksMode::External,
    );
    let other = other.unwrap();
    assert!(other.len() > remarks.len());
    let mut longer = remarks.clone();
    longer.push(0);
    let cases: [(&str, &[u8], &str); 5] = [
        ("the snapshot itself", &bytes, "bad_magic"),
        (
            "an HTML error page",
            b"<!doctype html><title>404</title>",
            "bad_magic",
        ),
        ("another snapshot's remarks", &other, "hash_mismatch"),
        ("one byte more", &longer, "hash_mismatch"),
        ("empty", b"", "truncated"),
    ];
    for (what, file, code) in cases {
        let err = loaded.attach_remarks(file).unwrap_err();
        assert_eq!(err.code(), code, "{what}: {err}");
        assert!(err.to_string().starts_with(code), "{err}");
        assert!(err.to_string().contains("remarks file"), "{err}");
        assert_eq!(
            loaded.entities.remarks(with),
            Err(SnapshotError::RemarksNotLoaded)
        );
    }
    loaded.attach_remarks(&remarks).unwrap();
    assert!(loaded.entities.remarks(with).unwrap().is_some());
}

/// Every single-byte change of the remarks file (each byte XOR each of the 255 non-zero
/// values) is refused, with the error kind of where it is.
#[test]
fn every_single_byte_change_is_refused() {
    let (bytes, remarks) = external_files();
    let loaded = Snapshot::from_bytes(&bytes).unwrap();
    let mut tampered = remarks.clone();
    let mut refused = 0usize;
    for at in 0..remarks.len() {
        for mask in 1..=255u8 {
            tampered[at] ^= mask;
            let result = loaded.attach_remarks(&tampered);
            tampered[at] ^= mask;
            let expected = match at {
                0..8 => "bad_magic",
                8..10 => "unsupported_version",
                _ => "hash_mismatch",
            };
            match result {
                Err(e) => assert_eq!(e.code(), expected, "byte {at} ^ {mask:#04x}: {e}"),
                Ok(()) => panic!("byte {at} ^ {mask:#04x} was accepted"),
            }
            refused += 1;
        }
    }
    assert_eq!(refused, remarks.len() * 255);
    assert_eq!(
        loaded.entities.to_vec().err(),
        Some(SnapshotError::RemarksNotLoaded),
        "no refused file was attached"
    );
}

/// A file cut anywhere (inside the magic included) is `truncated`.
#[test]
fn every_truncation_is_refused() {
    let (bytes, remarks) = external_files();
    let loaded = Snapshot::from_bytes(&bytes).unwrap();
    for len in 0..remarks.len() {
        match loaded.attach_remarks(&remarks[..len]) {
            Err(SnapshotError::RemarksFile { code, detail }) => {
                assert_eq!(code, "truncated", "cut at {len}: {detail}");
                let expected = format!("is {len} bytes, the snapshot pins {}", remarks.len());
                assert_eq!(detail, expected);
            }
            other => panic!("cut at {len}: expected truncated, got {other:?}"),
        }
    }
}

#[test]
fn attaching_to_a_snapshot_without_external_remarks_is_refused() {
    let (_, remarks) = external_files();
    for mode in [RemarksMode::Full, RemarksMode::Excerpt, RemarksMode::None] {
        let (_, bytes, none) = build(mode);
        assert!(none.is_none());
        let loaded = Snapshot::from_bytes(&bytes).unwrap();
        let err = loaded.attach_remarks(&remarks).unwrap_err();
        assert_eq!(err, SnapshotError::RemarksNotExternal { mode: mode.name() });
        assert_eq!(err.code(), "remarks_not_external");
        // And the built (in-memory) snapshot too.
        assert_eq!(
            build(mode).0.attach_remarks(&remarks).unwrap_err().code(),
            "remarks_not_external"
        );
    }
}

/// A remarks file whose hash the (forged) snapshot pins but whose stream does not inflate
/// to the pinned remarks: `corrupt` on attach and on every later access, never a silently
/// missing remark; screening still works.
#[test]
fn a_pinned_but_corrupt_stream_is_corrupt_on_every_access() {
    let (mut bytes, remarks) = external_files();
    let mut forged = remarks.clone();
    for b in &mut forged[REMARKS_FILE_PREFIX_LEN..] {
        *b = 0xff; // a reserved DEFLATE block type
    }
    // Header: mode byte, excerpt length (one byte, 0), size u32, SHA-256, raw length u32.
    let sha_at = mode_at(&bytes) + 2 + 4;
    assert_eq!(
        &bytes[sha_at..sha_at + 32],
        Sha256::digest(&remarks).as_slice()
    );
    bytes[sha_at..sha_at + 32].copy_from_slice(&Sha256::digest(&forged));
    rehash(&mut bytes);
    let loaded = Snapshot::from_bytes(&bytes).unwrap();
    let (with, _) = with_and_without_remarks();
    for result in [
        loaded.attach_remarks(&forged),
        loaded.entities.remarks(with).map(|_| ()),
        loaded.entities.to_vec().map(|_| ()),
    ] {
        match result {
            Err(SnapshotError::Corrupt { section, .. }) => assert_eq!(section, "remarks"),
            other => panic!("expected corrupt remarks, got {other:?}"),
        }
    }
    let e = &entities()[with];
    let q = Query {
        name: e.primary_name().to_string(),
        ..Query::default()
    };
    let result = Screener::new(&loaded).screen(&q, &Options::default());
    assert!(result.matches.iter().any(|m| m.id == e.id));
}

/// Header sizes that cannot hold the pinned remarks, and a remarks section that is not
/// empty although the remarks are external, are refused at load.
#[test]
fn forged_headers_are_refused() {
    let (bytes, _) = external_files();
    let size_at = mode_at(&bytes) + 2;
    let raw_at = size_at + 4 + 32;
    let raw = u32::from_le_bytes(bytes[raw_at..raw_at + 4].try_into().unwrap());
    let size = u32::from_le_bytes(bytes[size_at..size_at + 4].try_into().unwrap());
    for (at, value, section) in [
        (size_at, 9u32, "header"), // shorter than the file's prefix
        (raw_at, 0, "remarks"),    // no bytes for the remarks
        (raw_at, (size - 10) * 1032 + 1, "remarks"), // more than DEFLATE can expand to
    ] {
        let mut forged = bytes.clone();
        forged[at..at + 4].copy_from_slice(&value.to_le_bytes());
        rehash(&mut forged);
        match Snapshot::from_bytes(&forged) {
            Err(SnapshotError::Corrupt { section: s, .. }) => assert_eq!(s, section, "{value}"),
            other => panic!("{value}: expected corrupt {section}, got {other:?}"),
        }
    }
    assert!(raw > 0);

    // One byte in the remarks section of an external snapshot.
    let (at, len) = section(&bytes, 4);
    assert_eq!(len, 0);
    let mut forged = bytes[..at].to_vec();
    forged.push(0);
    forged.extend_from_slice(&bytes[at..]);
    forged[at - 4..at].copy_from_slice(&1u32.to_le_bytes());
    let payload_len = (forged.len() - format::PREFIX_LEN) as u32;
    forged[format::LENGTH_AT..format::HASH_AT].copy_from_slice(&payload_len.to_le_bytes());
    rehash(&mut forged);
    match Snapshot::from_bytes(&forged) {
        Err(SnapshotError::Corrupt { section, detail }) => {
            assert_eq!(section, "remarks");
            assert!(detail.contains("external"), "{detail}");
        }
        other => panic!("expected corrupt remarks, got {other:?}"),
    }
}

/// Screening never reads remarks: the same results in every mode, external remarks
/// attached or not (the snapshot's identity aside).
#[test]
fn screening_is_identical_in_every_mode() {
    let (_, remarks) = external_files();
    let loads: Vec<Snapshot> = [
        RemarksMode::Full,
        RemarksMode::Excerpt,
        RemarksMode::None,
        RemarksMode::External,
        RemarksMode::External,
    ]
    .iter()
    .enumerate()
    .map(|(k, &mode)| {
        let loaded = Snapshot::from_bytes(&build(mode).1).unwrap();
        if k == 4 {
            loaded.attach_remarks(&remarks).unwrap();
        }
        loaded
    })
    .collect();
    let mut queries = Vec::new();
    for e in entities() {
        for n in &e.names {
            queries.push(Query {
                name: n.full.clone(),
                ..Query::default()
            });
        }
        for i in &e.identifiers {
            queries.push(Query {
                name: "Nobody".into(),
                id_number: Some(i.value.clone()),
                ..Query::default()
            });
        }
    }
    let options = Options {
        review_threshold: 0.5,
        ..Options::default()
    };
    for q in &queries {
        let results: Vec<_> = loads
            .iter()
            .map(|s| {
                let r = Screener::new(s).screen(q, &options);
                (r.decision, r.matches, r.warnings)
            })
            .collect();
        for r in &results[1..] {
            assert_eq!(r, &results[0], "{q:?}");
        }
    }
}
