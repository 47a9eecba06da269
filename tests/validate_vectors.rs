//! Native run of the shared validation vectors (`tests/vectors/*.tsv`).

mod common;

#[test]
fn all_validation_vectors_pass_natively() {
    let checked = common::run_all_vectors();
    println!("{checked} validation vectors checked");
}
