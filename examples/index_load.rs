//! Load-time measurement of a snapshot file: full `Snapshot::from_bytes` (hash + entities +
//! index), `NameIndex::decode` of its index section alone, and the first identifier
//! look-up of a decoded index (which makes the identifier table), median of several runs.
//!
//! `cargo run --release --example index_load -- FILE.kcs [RUNS]`

use std::time::Instant;

use kyc_check::screen::index::{listed_identifiers, NameIndex};
use kyc_check::snapshot::Snapshot;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: index_load FILE.kcs [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(9);
    let bytes = std::fs::read(&path).expect("reads the snapshot file");
    let mut load = Vec::new();
    let mut snap = None;
    for _ in 0..runs {
        let t = Instant::now();
        let s = Snapshot::from_bytes(&bytes).expect("snapshot loads");
        load.push(t.elapsed().as_secs_f64() * 1e3);
        snap = Some(s);
    }
    let Some(snap) = snap else { return };
    let mut index_bytes = Vec::new();
    snap.index.encode(&mut index_bytes);
    let entities = snap.entities.to_vec().expect("entities decode");
    let identifiers = listed_identifiers(&entities);
    let mut decode = Vec::new();
    let mut first_ident = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let idx = NameIndex::decode(&index_bytes, &identifiers).expect("index decodes");
        decode.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(idx.find_identifier("A1234567", false));
        first_ident.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&idx);
    }
    println!(
        "file {} bytes, {} entities, {} names, {} tokens",
        bytes.len(),
        snap.entities.len(),
        snap.index.name_count(),
        snap.index.vocabulary_size()
    );
    println!("index section: {} bytes", index_bytes.len());
    println!(
        "Snapshot::from_bytes median of {runs}: {:.1} ms",
        median(load)
    );
    println!(
        "NameIndex::decode    median of {runs}: {:.1} ms",
        median(decode)
    );
    println!(
        "first find_identifier median of {runs}: {:.1} ms",
        median(first_ident)
    );
}
