//! The native snapshot builder (order, duplicate ids, counts) and the diff.

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

mod snapshot_fixtures;

use kyc_check::model::{Entity, EntityType, Name, NameKind, SourceInfo, SourceList};
use kyc_check::snapshot::builder::build_from_sources;
use kyc_check::snapshot::diff::diff;
use kyc_check::snapshot::Snapshot;
use kyc_check::sources::ParsedSource;

fn parsed(
    source: SourceList,
    published: Option<&str>,
    file: &str,
    ids: &[(&str, &str)],
) -> ParsedSource {
    let entities: Vec<Entity> = ids
        .iter()
        .map(|(id, name)| Entity::new(source, id, EntityType::Person, *name))
        .collect();
    ParsedSource {
        info: SourceInfo {
            source,
            format: "test".to_string(),
            published: published.map(str::to_string),
            files: vec![file.to_string()],
            entity_count: entities.len() as u32,
            name_count: entities.len() as u32,
        },
        entities,
        warnings: Vec::new(),
    }
}

fn inputs() -> Vec<ParsedSource> {
    vec![
        parsed(
            SourceList::UnSc,
            Some("2026-02-27"),
            "un.xml",
            &[("QDi.10", "B"), ("QDi.9", "A")],
        ),
        parsed(
            SourceList::OfacSdn,
            Some("2024-01-01"),
            "old.csv",
            &[("306", "OLD NAME"), ("36", "AERO")],
        ),
        parsed(
            SourceList::OfacSdn,
            Some("2025-01-01"),
            "new.csv",
            &[("306", "NEW NAME"), ("1000", "Z")],
        ),
    ]
}

#[test]
fn same_inputs_in_any_order_give_identical_bytes() {
    let a = build_from_sources(inputs(), snapshot_fixtures::BUILT_AT, "t");
    let mut reversed = inputs();
    reversed.reverse();
    let b = build_from_sources(reversed, snapshot_fixtures::BUILT_AT, "t");
    assert_eq!(a.snapshot.to_bytes(), b.snapshot.to_bytes());
    // The bytes returned by the builder are the snapshot's encoding.
    assert_eq!(a.bytes, a.snapshot.to_bytes());
    assert_eq!(a.bytes, b.bytes);
}

#[test]
fn entities_are_sorted_by_list_then_natural_id() {
    let built = build_from_sources(inputs(), snapshot_fixtures::BUILT_AT, "t");
    let entities = built.snapshot.entities.to_vec().unwrap();
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ofac_sdn:36",
            "ofac_sdn:306",
            "ofac_sdn:1000",
            "un_sc:QDi.9",
            "un_sc:QDi.10"
        ]
    );
}

#[test]
fn duplicate_ids_keep_the_newest_publication_and_counts_follow() {
    let built = build_from_sources(inputs(), snapshot_fixtures::BUILT_AT, "t");
    let entities = built.snapshot.entities.to_vec().unwrap();
    let e306 = entities.iter().find(|e| e.id == "ofac_sdn:306").unwrap();
    assert_eq!(e306.primary_name(), "NEW NAME");
    // Header order: by list, newest first.
    let order: Vec<(&str, Option<&str>, u32)> = built
        .snapshot
        .header
        .sources
        .iter()
        .map(|s| (s.files[0].as_str(), s.published.as_deref(), s.entity_count))
        .collect();
    assert_eq!(
        order,
        [
            ("new.csv", Some("2025-01-01"), 2),
            ("old.csv", Some("2024-01-01"), 1),
            ("un.xml", Some("2026-02-27"), 2)
        ]
    );
    let dropped: Vec<u32> = built.sources.iter().map(|s| s.duplicates_dropped).collect();
    assert_eq!(dropped, [0, 1, 0]);
    let total: u32 = built
        .snapshot
        .header
        .sources
        .iter()
        .map(|s| s.entity_count)
        .sum();
    assert_eq!(total as usize, built.snapshot.entities.len());
    // And it loads.
    let loaded = Snapshot::from_bytes(&built.snapshot.to_bytes()).unwrap();
    assert_eq!(loaded.entities, built.snapshot.entities);
}

#[test]
fn diff_reports_added_removed_and_changed_parts_by_source() {
    let old = build_from_sources(inputs(), "2025-01-01T00:00:00Z", "old").snapshot;
    let mut next = inputs();
    // Remove UN QDi.9, add QDi.11, rename SDN 36 and give it a programme.
    next[0] = parsed(
        SourceList::UnSc,
        Some("2026-03-01"),
        "un.xml",
        &[("QDi.10", "B"), ("QDi.11", "C")],
    );
    let sdn36 = next[1]
        .entities
        .iter_mut()
        .find(|e| e.id == "ofac_sdn:36")
        .unwrap();
    sdn36.names.push(Name::new("AERO 2", NameKind::Aka));
    sdn36.programs.push("CUBA".to_string());
    let new = build_from_sources(next, "2025-02-01T00:00:00Z", "new").snapshot;

    let d = diff(&old, &new).unwrap();
    assert_eq!(d.totals.added, 1);
    assert_eq!(d.totals.removed, 1);
    assert_eq!(d.totals.changed, 1);
    assert_eq!(d.totals.unchanged, 3);
    assert_eq!(d.old.label, "old");
    assert_eq!(d.new.sha256, new.header.sha256);

    let sdn = d.sources.iter().find(|s| s.source == "ofac_sdn").unwrap();
    assert_eq!(sdn.changed.len(), 1);
    assert_eq!(sdn.changed[0].id, "ofac_sdn:36");
    assert_eq!(sdn.changed[0].parts, ["names", "programs"]);
    assert_eq!(sdn.changed[0].names_added, ["AERO 2"]);
    assert_eq!(sdn.changed[0].programs_added, ["CUBA"]);
    assert!(sdn.added.is_empty() && sdn.removed.is_empty());

    let un = d.sources.iter().find(|s| s.source == "un_sc").unwrap();
    assert_eq!(un.added.len(), 1);
    assert_eq!(un.added[0].id, "un_sc:QDi.11");
    assert_eq!(un.removed[0].id, "un_sc:QDi.9");
    assert_eq!(un.removed[0].name, "A");
    assert_eq!(un.old_published.as_deref(), Some("2026-02-27"));
    assert_eq!(un.new_published.as_deref(), Some("2026-03-01"));

    // A snapshot compared with itself has no changes.
    let same = diff(&new, &new).unwrap();
    assert_eq!(
        same.totals.added + same.totals.removed + same.totals.changed,
        0
    );
}
