//! Index = exhaustive scan on real lists: the UN consolidated list and the EU excerpt in
//! ../shared (skipped with a message when the folder is absent). The evaluation harness
//! repeats this on every list (examples/screen_eval.rs, section 6).

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

mod screen_common;

use kyc_check::screen::{Options, Query, Screener};
use screen_common::{perturb, snapshot, Rng};
use std::path::Path;

#[test]
fn index_equals_exhaustive_on_real_lists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/watchlists");
    if !root.is_dir() {
        eprintln!(
            "SKIPPED index_equals_exhaustive_on_real_lists: {} not found",
            root.display()
        );
        return;
    }
    let mut entities = Vec::new();
    for dir in ["un", "eu/fsf_whole_2016-02-11_excerpt"] {
        let parsed = kyc_check::sources::load_paths(&[root.join(dir)]).expect("list parses");
        entities.extend(parsed.into_iter().flat_map(|p| p.entities));
    }
    assert!(entities.len() > 1500);
    let mut rng = Rng(2024);
    let mut queries: Vec<String> = Vec::new();
    for _ in 0..30 {
        let e = &entities[rng.below(entities.len())];
        let n = &e.names[rng.below(e.names.len())];
        queries.push(perturb(&n.full, &mut rng));
    }
    // Original-script names, glue and split cases, short and weak-only queries.
    queries.extend(
        [
            "محمد علي",
            "عبد الله",
            "Abdulrahman",
            "Abd al Rahman",
            "binladen",
            "Kim Jong Un",
            "KIMJONGUN",
            "al-Qaida",
            "Ali",
            "Mohammed Ahmed",
            "Trading LLC",
            "J. K.",
            "Dr. Ayman al-Zawahiri",
            "Ig0r",
            "Ри Мён Су",
            "김정은",
            "Youssef Mohammed",
            "Ibrahim Hassan",
            "Abraham Hasan",
            "Joseph Kony",
            "Sasha Ivanov",
        ]
        .map(String::from),
    );
    let snap = snapshot(entities);
    let s = Screener::new(&snap);
    for t in [0.6, 0.82] {
        let opts = Options {
            review_threshold: t,
            block_threshold: 1.0,
            max_matches: usize::MAX,
            sources: None,
            ..Options::default()
        };
        for q in &queries {
            let query = Query::name(q.clone());
            assert_eq!(
                s.screen(&query, &opts),
                s.screen_exhaustive(&query, &opts),
                "{q:?} at {t}"
            );
        }
    }
}
