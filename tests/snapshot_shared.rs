//! Snapshots of the real official lists in ../shared/watchlists: each list alone has the
//! entity count stated in ../shared/watchlists/README.md, and one snapshot of all of them
//! round-trips with the expected per-source counts. Skips, with a printed message, when
//! ../shared is absent.

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

use kyc_check::model::SourceList;
use kyc_check::snapshot::builder::build_from_sources;
use kyc_check::snapshot::Snapshot;
use kyc_check::sources::ParsedSource;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// (directory under ../shared/watchlists, list, entity count from its README, records the
/// parser skips with a warning). FCDO publishes two designations (BEL0174, RUS1467)
/// without a name; they cannot be screened and are skipped (tests/sources_uk.rs).
const LISTS: [(&str, SourceList, usize, usize); 8] = [
    ("ofac/sdn_2024-05-03", SourceList::OfacSdn, 14_965, 0), // README 1a
    ("ofac/sdn_set_2021-07-07", SourceList::OfacSdn, 8_976, 0), // README 1c
    (
        "ofac/cons_csv_2025-12-19",
        SourceList::OfacConsolidated,
        442,
        0,
    ), // README 1d
    (
        "ofac/cons_xml_2025-03-28",
        SourceList::OfacConsolidated,
        443,
        0,
    ), // README 1e
    ("un", SourceList::UnSc, 1_003, 0),                      // README 2
    ("uk/ofsi_conlist_2025-04-10", SourceList::UkOfsi, 4_686, 0), // README 4a (Group IDs)
    (
        "uk/fcdo_uksl_summary_2025-08-11",
        SourceList::UkFcdo,
        5_302,
        2,
    ), // README 4b
    ("eu/fsf_whole_2016-02-11_excerpt", SourceList::Eu, 595, 0), // README 6
];

fn shared_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/watchlists");
    if root.exists() {
        Some(root)
    } else {
        println!(
            "SKIPPED: {} is absent (../shared not available)",
            root.display()
        );
        None
    }
}

/// Parses one list directory (every list has a parser: a failure is a test failure).
fn parse(root: &Path, rel: &str) -> Vec<ParsedSource> {
    kyc_check::sources::load_paths(&[root.join(rel)]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn each_list_alone_has_the_readme_count_and_round_trips() {
    let Some(root) = shared_root() else {
        return;
    };
    for (rel, list, readme_count, skipped) in LISTS {
        let parsed = parse(&root, rel);
        let warnings: usize = parsed.iter().map(|p| p.warnings.len()).sum();
        assert_eq!(warnings, skipped, "{rel}");
        let expected = readme_count - skipped;
        let built = build_from_sources(parsed, "2025-06-01T00:00:00Z", rel).snapshot;
        assert_eq!(built.entities.len(), expected, "{rel}");
        assert!(
            (0..built.entities.len()).all(|i| built.entities.kind(i).unwrap().source == list),
            "{rel}"
        );
        assert_eq!(built.header.sources.len(), 1, "{rel}");
        assert_eq!(
            built.header.sources[0].entity_count as usize, expected,
            "{rel}"
        );
        let loaded = Snapshot::from_bytes(&built.to_bytes()).expect(rel);
        assert_eq!(loaded.entities, built.entities, "{rel}");
        assert_eq!(loaded.header, built.header, "{rel}");
    }
}

#[test]
fn one_snapshot_of_every_list_has_the_expected_counts_per_source() {
    let Some(root) = shared_root() else {
        return;
    };
    let mut all = Vec::new();
    // Ids per list over every input: with overlapping downloads of the same list, the
    // snapshot keeps each id once.
    let mut ids: BTreeMap<SourceList, HashSet<String>> = BTreeMap::new();
    for (rel, list, readme_count, skipped) in LISTS {
        let parsed = parse(&root, rel);
        let expected = readme_count - skipped;
        let count: usize = parsed.iter().map(|p| p.entities.len()).sum();
        assert_eq!(count, expected, "{rel}");
        for p in &parsed {
            ids.entry(list)
                .or_default()
                .extend(p.entities.iter().map(|e| e.id.clone()));
        }
        all.extend(parsed);
    }
    let inputs = all.len();
    let built = build_from_sources(all, "2025-06-01T00:00:00Z", "shared").snapshot;
    let bytes = built.to_bytes();
    let loaded = Snapshot::from_bytes(&bytes).expect("the full snapshot loads");
    assert_eq!(loaded.header.sources.len(), inputs);
    let loaded_entities = loaded.entities.to_vec().expect("every entity decodes");
    for (list, expected_ids) in &ids {
        let in_snapshot: HashSet<&str> = loaded_entities
            .iter()
            .filter(|e| e.source == *list)
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(in_snapshot.len(), expected_ids.len(), "{list:?}");
        let header_count: u32 = loaded
            .header
            .sources
            .iter()
            .filter(|s| s.source == *list)
            .map(|s| s.entity_count)
            .sum();
        assert_eq!(header_count as usize, expected_ids.len(), "{list:?}");
        println!("{}: {} entities", list.code(), expected_ids.len());
    }
    assert_eq!(loaded.entities, built.entities);
    println!(
        "full snapshot: {} entities from {inputs} inputs, {} bytes, sha256 {}",
        loaded.entities.len(),
        bytes.len(),
        loaded.header.sha256
    );
}

/// The diff between two real SDN downloads (2021 set, 2024 primary file) accounts for every
/// entity exactly once.
#[test]
fn diff_of_two_real_sdn_downloads_accounts_for_every_entity() {
    let Some(root) = shared_root() else {
        return;
    };
    let old = build_from_sources(
        parse(&root, "ofac/sdn_set_2021-07-07"),
        "2021-07-07T00:00:00Z",
        "old",
    )
    .snapshot;
    let new = build_from_sources(
        parse(&root, "ofac/sdn_2024-05-03"),
        "2024-05-03T00:00:00Z",
        "new",
    )
    .snapshot;
    let d = kyc_check::snapshot::diff::diff(&old, &new).unwrap();
    assert_eq!(d.sources.len(), 1);
    let sdn = &d.sources[0];
    assert_eq!(sdn.source, "ofac_sdn");
    assert_eq!(sdn.old_count, 8_976);
    assert_eq!(sdn.new_count, 14_965);
    assert_eq!(
        sdn.added.len() + sdn.changed.len() + sdn.unchanged,
        sdn.new_count
    );
    assert_eq!(
        sdn.removed.len() + sdn.changed.len() + sdn.unchanged,
        sdn.old_count
    );
    // Spot checks: VTB Bank (designated 2022) is new; Manuel Noriega (died 2017) is gone.
    assert!(sdn
        .added
        .iter()
        .any(|e| e.id == "ofac_sdn:17013" && e.name.starts_with("VTB BANK")));
    assert!(sdn
        .removed
        .iter()
        .any(|e| e.id == "ofac_sdn:1572" && e.name.starts_with("NORIEGA")));
    // The 2024 file alone has no alias file, so the aliases of kept entities disappear:
    // reported as a change of `names` with the names removed.
    let bnc = sdn
        .changed
        .iter()
        .find(|c| c.id == "ofac_sdn:306")
        .expect("306 changed");
    assert!(bnc.parts.contains(&"names"), "{bnc:?}");
    assert!(
        bnc.names_removed
            .iter()
            .any(|n| n == "NATIONAL BANK OF CUBA"),
        "{bnc:?}"
    );
    println!(
        "2021 -> 2024 SDN: {} added, {} removed, {} changed, {} unchanged",
        sdn.added.len(),
        sdn.removed.len(),
        sdn.changed.len(),
        sdn.unchanged
    );
}
