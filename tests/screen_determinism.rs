//! Determinism, native half: screens the corpus of `tests/determinism` and writes the JSON
//! lines to `target/determinism/native.jsonl`, which the wasm half (`tests/wasm_node.rs`,
//! run after this by `make test`) compares byte for byte with its own.

// Native only: writes a file.
#![cfg(not(target_arch = "wasm32"))]

mod determinism;

use std::path::Path;

#[test]
fn native_results_are_written_and_repeatable() {
    let snapshot = determinism::default_snapshot();
    let lines = determinism::jsonl(&snapshot);
    assert_eq!(lines.lines().count(), determinism::QUERIES);
    // Enough of the corpus matches for the comparison to mean something.
    let matched = lines
        .lines()
        .filter(|l| !l.contains("\"matches\":[]"))
        .count();
    assert!(
        matched > determinism::QUERIES / 5,
        "only {matched} results have matches"
    );
    // Same process, second run: same bytes.
    assert!(
        determinism::jsonl(&snapshot) == lines,
        "two native runs differ"
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(determinism::NATIVE_JSONL);
    std::fs::create_dir_all(path.parent().expect("a parent directory"))
        .expect("target/ is writable");
    std::fs::write(&path, &lines).expect("the native results are written");
    eprintln!(
        "{} results ({matched} with matches) written to {}",
        determinism::QUERIES,
        path.display()
    );
}
