//! The bundled default snapshot `data/default.kcs` is exactly what the builder makes from
//! the sample lists in `data/`, so it can never drift from its sources.

use kyc_check::snapshot::builder::build_from_sources;
use kyc_check::snapshot::{
    default_snapshot_bytes, use_default, with_active, Snapshot, DEFAULT_SNAPSHOT_BUILT_AT,
    DEFAULT_SNAPSHOT_COMMAND, DEFAULT_SNAPSHOT_LABEL,
};
use std::path::Path;

#[test]
fn default_snapshot_is_rebuilt_byte_for_byte_from_data() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let parsed = kyc_check::sources::load_paths(std::slice::from_ref(&data)).expect("data/ parses");
    let rebuilt = build_from_sources(parsed, DEFAULT_SNAPSHOT_BUILT_AT, DEFAULT_SNAPSHOT_LABEL)
        .snapshot
        .to_bytes();
    let committed = std::fs::read(data.join("default.kcs")).expect("data/default.kcs exists");
    assert!(
        rebuilt == committed,
        "data/default.kcs is stale: it differs from a snapshot of data/ ({} vs {} bytes). \
         Regenerate it with:\n    {DEFAULT_SNAPSHOT_COMMAND}\nand commit it.",
        committed.len(),
        rebuilt.len()
    );
    assert!(
        default_snapshot_bytes() == committed.as_slice(),
        "the compiled-in default snapshot is not data/default.kcs: rebuild the crate"
    );
}

#[test]
fn default_snapshot_loads_and_covers_the_sample_lists() {
    let snapshot = Snapshot::from_bytes(default_snapshot_bytes()).expect("default loads");
    assert_eq!(snapshot.header.label, "sample");
    assert_eq!(snapshot.header.built_at, DEFAULT_SNAPSHOT_BUILT_AT);
    assert!(!snapshot.entities.is_empty());
    for source in &snapshot.header.sources {
        assert!(source.entity_count > 0, "{source:?}");
        assert!(
            source.files.iter().all(|f| !f.contains('/')),
            "base names only: {source:?}"
        );
    }
    let info = use_default().unwrap();
    assert_eq!(info.sha256, snapshot.header.sha256);
    assert_eq!(info.size_bytes, Some(default_snapshot_bytes().len() as u64));
    assert_eq!(
        with_active(|s| s.entities.len()).unwrap(),
        snapshot.entities.len()
    );
}
