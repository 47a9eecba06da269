//! Replays the fuzzing inputs through the fuzz targets' own checks (`fuzz/src/harness.rs`,
//! included below), without libFuzzer, so every `cargo test` proves them again:
//! - `tests/fuzz_regressions/<target>/*`: every crash, timeout or failed property the fuzzers
//!   found (each fixed in the library; FUZZING.md lists them);
//! - `fuzz/seeds/<target>/*`: the hand-made seeds, a cheap check that the targets still run.
//!
//! A failure here is a panic or a failed assertion of the harness, named by its file.
// Native only: the harness uses the list parsers and the ZIP writer.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

/// The files under `dir/<target>/`, per target; an absent directory has none.
fn inputs(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let Ok(targets) = std::fs::read_dir(dir) else {
        return found;
    };
    for target in targets.flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        let files = std::fs::read_dir(target.path())
            .unwrap_or_else(|e| panic!("{}: {e}", target.path().display()));
        for file in files.flatten() {
            found.push((name.clone(), file.path()));
        }
    }
    found.sort();
    found
}

/// Runs each input through its target; a panic names the file.
fn replay(dir: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let inputs = inputs(&root);
    for (target, path) in &inputs {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("replaying {}", path.display());
        assert!(
            harness::run(target, &bytes),
            "{}: `{target}` is not a fuzz target (one of {:?})",
            path.display(),
            harness::TARGETS
        );
    }
    inputs.len()
}

#[test]
fn fuzz_regressions_replay_without_failure() {
    replay("tests/fuzz_regressions");
}

#[test]
fn fuzz_seeds_replay_without_failure() {
    assert!(replay("fuzz/seeds") > 0, "fuzz/seeds holds no seed");
}
