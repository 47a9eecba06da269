//! The `.kcs` snapshot format: round trip, determinism, and rejection of every damaged file
//! (exhaustive single-byte changes and truncations of a small snapshot) with the right
//! error kind and without panicking.

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

mod snapshot_fixtures;

use kyc_check::snapshot::{format, Snapshot, SnapshotError, FORMAT_VERSION, MAGIC};
use snapshot_fixtures::{entities, rehash, snapshot, sources, BUILT_AT};

#[test]
fn round_trip_keeps_every_field() {
    let built = snapshot();
    let bytes = built.to_bytes();
    let loaded = Snapshot::from_bytes(&bytes).expect("a freshly built snapshot loads");
    assert_eq!(loaded.header, built.header);
    assert_eq!(loaded.entities.to_vec().unwrap(), entities());
    assert_eq!(loaded.index, built.index);
    assert_eq!(loaded.header.sources, sources());
    assert_eq!(loaded.header.built_at, BUILT_AT);
    assert_eq!(loaded.header.label, "test");
    assert_eq!(loaded.header.format_version, FORMAT_VERSION);
    // Re-encoding the loaded snapshot gives the same file.
    assert_eq!(loaded.to_bytes(), bytes);
}

#[test]
fn header_hash_is_the_sha256_of_the_payload() {
    use sha2::{Digest, Sha256};
    let built = snapshot();
    let bytes = built.to_bytes();
    let payload_hash: String = Sha256::digest(&bytes[format::PREFIX_LEN..])
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(built.header.sha256, payload_hash);
    assert_eq!(built.header.sha256.len(), 64);
    assert_eq!(&bytes[..8], &MAGIC);
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), FORMAT_VERSION);
    let declared = u32::from_le_bytes(bytes[10..14].try_into().unwrap()) as usize;
    assert_eq!(declared, bytes.len() - format::PREFIX_LEN);
}

#[test]
fn build_is_deterministic() {
    let a = snapshot().to_bytes();
    let b = snapshot().to_bytes();
    assert_eq!(a, b);
    // A different build time changes the bytes and the hash.
    let c = Snapshot::build(sources(), entities(), "2025-01-02T03:04:06Z", "test");
    assert_ne!(c.to_bytes(), a);
    assert_ne!(c.header.sha256, snapshot().header.sha256);
}

#[test]
fn empty_snapshot_round_trips() {
    let empty = Snapshot::build(Vec::new(), Vec::new(), BUILT_AT, "");
    let loaded = Snapshot::from_bytes(&empty.to_bytes()).unwrap();
    assert!(loaded.entities.is_empty());
    assert_eq!(loaded.header, empty.header);
}

#[test]
fn read_header_gives_counts_without_decoding_entities() {
    let built = snapshot();
    let (header, counts) = format::read_header(&built.to_bytes()).unwrap();
    assert_eq!(header, built.header);
    assert_eq!(counts.entities, 5);
    assert_eq!(counts.names, 4 + 2 + 1 + 1 + 1);
    let info = built.info(Some(123));
    assert_eq!(info.entity_count, 5);
    assert_eq!(info.size_bytes, Some(123));
}

/// The error kind each byte of the file must produce when it alone is changed.
fn expected_kind_for_flip(bytes: &[u8], at: usize, flipped: u8) -> &'static str {
    if at < format::VERSION_AT {
        "bad_magic"
    } else if at < format::LENGTH_AT {
        "unsupported_version"
    } else if at < format::HASH_AT {
        let mut len = [0u8; 4];
        len.copy_from_slice(&bytes[format::LENGTH_AT..format::HASH_AT]);
        len[at - format::LENGTH_AT] = flipped;
        let declared = u32::from_le_bytes(len) as usize;
        if declared > bytes.len() - format::PREFIX_LEN {
            "truncated"
        } else {
            // Shorter than the file: the bytes after it are refused.
            "corrupt"
        }
    } else {
        "hash_mismatch"
    }
}

#[test]
fn every_single_byte_change_is_rejected_with_the_right_error() {
    let bytes = snapshot().to_bytes();
    let mut checked = 0usize;
    for at in 0..bytes.len() {
        for mask in 1..=255u8 {
            let mut damaged = bytes.clone();
            damaged[at] ^= mask;
            let expected = expected_kind_for_flip(&bytes, at, damaged[at]);
            let err = match Snapshot::from_bytes(&damaged) {
                Ok(_) => panic!("byte {at} ^ {mask:#04x} was accepted"),
                Err(e) => e,
            };
            assert_eq!(
                err.code(),
                expected,
                "byte {at} ^ {mask:#04x}: got {err}, expected {expected}"
            );
            if let SnapshotError::UnsupportedVersion { found } = err {
                assert_ne!(found, FORMAT_VERSION);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, bytes.len() * 255);
    eprintln!(
        "{} bytes x 255 values = {checked} damaged files rejected",
        bytes.len()
    );
}

#[test]
fn every_truncation_is_rejected_as_truncated() {
    let bytes = snapshot().to_bytes();
    for len in 0..bytes.len() {
        match Snapshot::from_bytes(&bytes[..len]) {
            Err(SnapshotError::Truncated { needed, available }) => {
                assert_eq!(available, len as u64);
                assert!(needed > available, "cut at {len}: needed {needed}");
            }
            other => panic!("cut at {len}: expected truncated, got {other:?}"),
        }
    }
}

#[test]
fn appended_bytes_are_rejected() {
    let mut bytes = snapshot().to_bytes();
    bytes.push(0);
    let err = Snapshot::from_bytes(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            SnapshotError::Corrupt {
                section: "prefix",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn unknown_versions_are_refused_before_anything_else() {
    let bytes = snapshot().to_bytes();
    // 1 to 3: files of the previous layouts are refused, not misread.
    for version in [0u16, 1, 2, 3, 5, 255, 256, u16::MAX] {
        let mut other = bytes.clone();
        other[8..10].copy_from_slice(&version.to_le_bytes());
        // Even with a hash that matches, the version check comes first.
        rehash(&mut other);
        assert_eq!(
            Snapshot::from_bytes(&other).unwrap_err(),
            SnapshotError::UnsupportedVersion { found: version }
        );
        // A future version refuses even when cut short after the version field.
        assert_eq!(
            Snapshot::from_bytes(&other[..12]).unwrap_err(),
            SnapshotError::UnsupportedVersion { found: version }
        );
    }
}

#[test]
fn wrong_magic_is_refused() {
    let not_snapshots: [&[u8]; 6] = [
        b"{\"entities\": []}",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00", // gzip
        b"PK\x03\x04",                       // zip / xlsx
        b"<?xml version=\"1.0\"?>",
        b"KCS",
        b"\x89KCS\n\x1a\n\x00", // CRLF converted to LF in transfer
    ];
    for bytes in not_snapshots {
        assert_eq!(
            Snapshot::from_bytes(bytes).unwrap_err(),
            SnapshotError::BadMagic,
            "{bytes:?}"
        );
    }
    // A real snapshot with one magic byte changed.
    let mut bytes = snapshot().to_bytes();
    bytes[1] = b'X';
    assert_eq!(
        Snapshot::from_bytes(&bytes).unwrap_err(),
        SnapshotError::BadMagic
    );
}

#[test]
fn empty_input_is_truncated() {
    assert!(matches!(
        Snapshot::from_bytes(&[]),
        Err(SnapshotError::Truncated { .. })
    ));
}

/// With a forged (recomputed) hash, damage reaches the section decoders: every payload byte
/// changed by every single-bit mask and by 0xFF must load to a valid snapshot or fail as
/// `corrupt`, and never panic; a snapshot that loads must then decode every entity, remarks
/// included (inflated on access), or fail as `corrupt` there. (Nine masks, not 255: each
/// case is a full decode.)
#[test]
fn forged_hash_damage_never_panics_and_is_corrupt_or_valid() {
    let bytes = snapshot().to_bytes();
    let mut corrupt = 0usize;
    let mut still_valid = 0usize;
    let mut corrupt_on_access = 0usize;
    for at in format::PREFIX_LEN..bytes.len() {
        for mask in [1u8, 2, 4, 8, 16, 32, 64, 128, 255] {
            let mut damaged = bytes.clone();
            damaged[at] ^= mask;
            rehash(&mut damaged);
            match Snapshot::from_bytes(&damaged) {
                Ok(s) => match s.entities.to_vec() {
                    Ok(_) => still_valid += 1,
                    Err(SnapshotError::Corrupt { section, .. }) => {
                        // Only the remarks stream is checked on access rather than at load.
                        assert_eq!(section, "remarks", "byte {at} ^ {mask:#04x}");
                        corrupt_on_access += 1;
                    }
                    Err(other) => panic!("byte {at} ^ {mask:#04x}: unexpected {other}"),
                },
                Err(SnapshotError::Corrupt { .. }) => corrupt += 1,
                Err(other) => panic!("byte {at} ^ {mask:#04x}: unexpected {other}"),
            }
        }
    }
    eprintln!(
        "forged damage: {corrupt} corrupt at load, {corrupt_on_access} corrupt remarks on \
         access, {still_valid} decoded to another snapshot"
    );
    assert!(corrupt > 0);
}

/// Section lengths and counts that claim far more than the file holds are refused without
/// attempting the allocation.
#[test]
fn absurd_counts_are_refused_without_allocating() {
    let empty = Snapshot::build(Vec::new(), Vec::new(), BUILT_AT, "").to_bytes();
    // Layout of the empty snapshot's payload: header section (tag, len, body), strings
    // section, entities section (tag, len, body = u32 count 0), remarks section, index.
    let payload = &empty[format::PREFIX_LEN..];
    let header_len = u32::from_le_bytes(payload[1..5].try_into().unwrap()) as usize;
    let strings_at = 5 + header_len;
    let strings_len =
        u32::from_le_bytes(payload[strings_at + 1..strings_at + 5].try_into().unwrap()) as usize;
    let entities_at = strings_at + 5 + strings_len;
    assert_eq!(payload[entities_at], 3, "entities section tag");

    // Replace the entity count (u32 0) with the largest u32.
    let mut forged = empty.clone();
    let count_at = format::PREFIX_LEN + entities_at + 5;
    assert_eq!(&forged[count_at..count_at + 4], &[0, 0, 0, 0]);
    forged[count_at..count_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    rehash(&mut forged);
    match Snapshot::from_bytes(&forged) {
        Err(SnapshotError::Corrupt { section, detail }) => {
            assert_eq!(section, "entities");
            assert!(detail.contains("count"), "{detail}");
        }
        other => panic!("expected corrupt entities, got {other:?}"),
    }

    // A remarks section declaring more raw bytes than DEFLATE can expand to. The empty
    // entities body is the count and the three stream lengths (format 3), all 0.
    let remarks_at = entities_at + 5 + 16;
    assert_eq!(payload[remarks_at], 4, "remarks section tag");
    let mut forged = empty.clone();
    let raw_len_at = format::PREFIX_LEN + remarks_at + 5;
    forged[raw_len_at..raw_len_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    rehash(&mut forged);
    match Snapshot::from_bytes(&forged) {
        Err(SnapshotError::Corrupt { section, .. }) => assert_eq!(section, "remarks"),
        other => panic!("expected corrupt remarks, got {other:?}"),
    }

    // A section length larger than the payload.
    let mut forged = empty.clone();
    forged[format::PREFIX_LEN + 1..format::PREFIX_LEN + 5].copy_from_slice(&u32::MAX.to_le_bytes());
    rehash(&mut forged);
    assert!(matches!(
        Snapshot::from_bytes(&forged),
        Err(SnapshotError::Corrupt {
            section: "sections",
            ..
        })
    ));
}

#[test]
fn errors_have_distinct_codes_and_readable_messages() {
    let errors = [
        SnapshotError::NotLoaded,
        SnapshotError::Truncated {
            needed: 10,
            available: 5,
        },
        SnapshotError::BadMagic,
        SnapshotError::UnsupportedVersion { found: 9 },
        SnapshotError::HashMismatch {
            expected: "aa".into(),
            actual: "bb".into(),
        },
        SnapshotError::Corrupt {
            section: "entities",
            detail: "x".into(),
        },
    ];
    let mut codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
    for e in &errors {
        assert!(e.to_string().starts_with(e.code()), "{e}");
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
}

/// Byte offset (in the file) of the entities section body.
fn entities_body_at(bytes: &[u8]) -> usize {
    let mut at = format::PREFIX_LEN;
    for tag in 1..3u8 {
        assert_eq!(bytes[at], tag);
        at += 5 + u32::from_le_bytes(bytes[at + 1..at + 5].try_into().unwrap()) as usize;
    }
    assert_eq!(bytes[at], 3, "entities section tag");
    at + 5
}

/// Format 3 derives each record's place in the fields and text streams at load; forged
/// stream lengths (bytes moved from one stream to the next, or beyond the section) must
/// be refused as corrupt entities, never panic or decode shifted records.
#[test]
fn forged_stream_lengths_are_refused() {
    let bytes = snapshot().to_bytes();
    let body = entities_body_at(&bytes);
    let count = u32::from_le_bytes(bytes[body..body + 4].try_into().unwrap()) as usize;
    let lens_at = body + 4 + count;
    for stream in 0..3 {
        for delta in [-1i64, 1, 1 << 20, -(1 << 20)] {
            let at = lens_at + 4 * stream;
            let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as i64;
            let Ok(forged_len) = u32::try_from(len + delta) else {
                continue;
            };
            let mut forged = bytes.clone();
            forged[at..at + 4].copy_from_slice(&forged_len.to_le_bytes());
            rehash(&mut forged);
            match Snapshot::from_bytes(&forged) {
                Err(SnapshotError::Corrupt { section, .. }) => assert_eq!(section, "entities"),
                other => {
                    panic!("stream {stream} length {delta:+}: expected corrupt, got {other:?}")
                }
            }
        }
    }
}

/// `--remarks excerpt|none`: the mode is in the header (and `snapshot info`), remarks are
/// cut to an excerpt or left out, and nothing else changes.
#[test]
fn remarks_modes_are_recorded_and_applied() {
    use kyc_check::snapshot::remarks::{excerpt, REMARKS_EXCERPT_CHARS};
    use kyc_check::snapshot::RemarksMode;
    let mut with_long = entities();
    let long = "word ".repeat(100);
    with_long[0].remarks = Some(long.clone());
    let full = Snapshot::build_encoded_with_remarks(
        sources(),
        with_long.clone(),
        BUILT_AT,
        "test",
        RemarksMode::Full,
    );
    for mode in [RemarksMode::Full, RemarksMode::Excerpt, RemarksMode::None] {
        let (built, bytes) = Snapshot::build_encoded_with_remarks(
            sources(),
            with_long.clone(),
            BUILT_AT,
            "test",
            mode,
        );
        let loaded = Snapshot::from_bytes(&bytes).unwrap();
        assert_eq!(loaded.header.remarks, mode);
        assert_eq!(loaded.header, built.header);
        let info = serde_json::to_value(loaded.info(None)).unwrap();
        assert_eq!(info["remarks"], mode.name());
        let decoded = loaded.entities.to_vec().unwrap();
        for (d, original) in decoded.iter().zip(&with_long) {
            let expected = match mode {
                RemarksMode::Full => original.remarks.clone(),
                RemarksMode::Excerpt => original
                    .remarks
                    .as_deref()
                    .map(|r| excerpt(r, REMARKS_EXCERPT_CHARS as usize).into_owned()),
                RemarksMode::None => None,
            };
            assert_eq!(d.remarks, expected);
            let mut without = d.clone();
            without.remarks = original.remarks.clone();
            assert_eq!(&without, original, "only remarks differ");
        }
        assert_eq!(
            loaded.index, full.0.index,
            "the index does not depend on remarks"
        );
        if mode == RemarksMode::Excerpt {
            let cut = decoded[0].remarks.as_deref().unwrap();
            assert!(cut.ends_with(" \u{2026}"), "{cut}");
            assert!(cut.chars().count() <= REMARKS_EXCERPT_CHARS as usize + 2);
            assert_eq!(info["remarks_excerpt_chars"], REMARKS_EXCERPT_CHARS);
        }
    }
}

/// A header whose excerpt length disagrees with its remarks mode, or with an unknown mode,
/// is refused.
#[test]
fn forged_remarks_mode_is_refused() {
    let bytes = snapshot().to_bytes();
    // Header body: built_at str, label str, then the mode byte and the excerpt length.
    let body = format::PREFIX_LEN + 5;
    let built_at_len = bytes[body] as usize;
    let label_at = body + 1 + built_at_len;
    let mode_at = label_at + 1 + bytes[label_at] as usize;
    assert_eq!(bytes[mode_at], 0, "full");
    for (mode, chars) in [(3u8, 0u8), (1, 0), (0, 5), (2, 200)] {
        let mut forged = bytes.clone();
        forged[mode_at] = mode;
        forged[mode_at + 1] = chars;
        rehash(&mut forged);
        match Snapshot::from_bytes(&forged) {
            Err(SnapshotError::Corrupt { section, .. }) => assert_eq!(section, "header"),
            other => panic!("mode {mode}, {chars} chars: expected corrupt header, got {other:?}"),
        }
    }
}

/// A snapshot whose header says remarks were left out but which holds some is refused.
#[test]
fn remarks_declared_none_but_present_are_refused() {
    let bytes = snapshot().to_bytes();
    let body = format::PREFIX_LEN + 5;
    let label_at = body + 1 + bytes[body] as usize;
    let mode_at = label_at + 1 + bytes[label_at] as usize;
    let mut forged = bytes.clone();
    forged[mode_at] = 2;
    rehash(&mut forged);
    match Snapshot::from_bytes(&forged) {
        Err(SnapshotError::Corrupt { section, detail }) => {
            assert_eq!(section, "header");
            assert!(detail.contains("remarks"), "{detail}");
        }
        other => panic!("expected corrupt header, got {other:?}"),
    }
}
