//! Test cases run inside the wasm module, once under Node (`tests/wasm_node.rs`) and once in
//! headless Chromium (`tests/wasm_browser.rs`), against the JavaScript-facing API.

use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../common/mod.rs"]
mod common;

#[wasm_bindgen_test]
fn version_matches_the_crate() {
    assert_eq!(kyc_check::wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn shared_validation_vectors_pass_in_wasm() {
    // The same tests/vectors/*.tsv files the native tests read, compiled in.
    let checked = common::run_all_vectors();
    assert!(
        checked
            == common::vector_files::VECTOR_FILES
                .iter()
                .map(|(_, c)| count_vectors(c))
                .sum::<usize>()
    );
}

fn count_vectors(contents: &str) -> usize {
    contents
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count()
}
