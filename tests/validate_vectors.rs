//! Native run of the shared validation vectors (`tests/vectors/*.tsv`).

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[test]
fn all_validation_vectors_pass_natively() {
    let checked = common::run_all_vectors();
    println!("{checked} validation vectors checked");
}
