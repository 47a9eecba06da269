//! The determinism corpus (issue 12): 10,000 queries made deterministically from the names
//! of the default snapshot (as listed, perturbed, re-cased, with invisible characters and
//! homoglyphs) and from names on no list, screened against the default snapshot; each
//! result is one line of JSON. `tests/screen_determinism.rs` writes the native lines to
//! `target/determinism/native.jsonl`; `tests/wasm_node.rs` screens the same queries in
//! WebAssembly under Node and requires byte-identical lines.

#![allow(dead_code)]

#[path = "../screen_common/mod.rs"]
mod screen_common;

use kyc_check::screen::{Options, Query, Screener};
use kyc_check::snapshot::{default_snapshot_bytes, Snapshot};
use screen_common::{perturb, Rng, FAMILY, GIVEN};

/// Number of queries screened.
pub const QUERIES: usize = 10_000;

/// Where the native run leaves its lines for the wasm run, relative to the crate root.
pub const NATIVE_JSONL: &str = "target/determinism/native.jsonl";

/// The queries, the same on every platform.
pub fn queries(snapshot: &Snapshot) -> Vec<Query> {
    let mut listed: Vec<String> = Vec::new();
    for i in 0..snapshot.entities.len() {
        if let Some(Ok(e)) = snapshot.entities.get(i) {
            listed.extend(e.names.iter().map(|n| n.full.clone()));
        }
    }
    let mut rng = Rng(0xde7e_2026);
    let mut out = Vec::with_capacity(QUERIES);
    while out.len() < QUERIES {
        let name = match rng.below(6) {
            0 => rng.pick(&listed).clone(),
            1 | 2 => {
                let base: String = rng.pick(&listed).clone();
                perturb(&base, &mut rng)
            }
            3 => {
                // Re-cased, with a zero-width joiner and a Cyrillic look-alike.
                let base = rng.pick(&listed).to_uppercase();
                base.replacen('A', "\u{0410}", 1)
                    .replacen('O', "O\u{200D}", 1)
            }
            _ => format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY)),
        };
        let mut q = Query::name(name);
        match rng.below(5) {
            0 => q.birth_date = Some(format!("{}", 1940 + rng.below(60))),
            1 => q.country = Some((*rng.pick(&["RU", "IR", "KP", "SY", "DE", "US"])).to_string()),
            2 => {
                q.entity_type = Some(*rng.pick(&[
                    kyc_check::model::EntityType::Person,
                    kyc_check::model::EntityType::Organization,
                ]))
            }
            _ => {}
        }
        out.push(q);
    }
    out
}

/// The default snapshot.
pub fn default_snapshot() -> Snapshot {
    Snapshot::from_bytes(default_snapshot_bytes()).expect("the default snapshot loads")
}

/// Every query's result as one line of JSON, newline-terminated.
pub fn jsonl(snapshot: &Snapshot) -> String {
    let screener = Screener::new(snapshot);
    // A lower review threshold than the default, so that many results carry matches with
    // scores and explanations to compare.
    let options = Options {
        review_threshold: 0.7,
        max_matches: 25,
        ..Options::default()
    };
    let mut out = String::new();
    for q in queries(snapshot) {
        let result = screener.screen(&q, &options);
        out.push_str(&serde_json::to_string(&result).expect("a result serialises"));
        out.push('\n');
    }
    out
}
