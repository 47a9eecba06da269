//! Native benchmarks with divan: screening throughput on one core and on every core,
//! validation of a full record, and building a snapshot of every list in `../shared`.
//!
//! Run: `make bench` (which first writes the query set), or on its own
//! `cargo bench --bench native` after
//! `cargo run --release --example bench_queries -- target/bench/all.kcs target/negative_names.tsv target/bench`.
//! The screening benchmarks screen the same queries as the browser benchmark
//! (`target/bench/queries.json`: perturbed listed names and names on no list) against the
//! same snapshot of every list in `../shared/watchlists` (`target/bench/all.kcs`, read
//! from the file as the command-line tool reads it; built here when absent); without
//! those files they say so and measure nothing. The `bench` profile compiles at `opt-level = 3` (the release
//! profile's `"z"` is for the wasm's size).

#[path = "support/full_record.rs"]
mod full_record;
#[path = "support/lists.rs"]
mod lists;

use divan::counter::ItemsCount;
use divan::Bencher;
use kyc_check::screen::{Options, Query, Screener};
use kyc_check::snapshot::builder::build_from_sources;
use kyc_check::snapshot::Snapshot;
use kyc_check::sources::ParsedSource;
use kyc_check::validate::date::Date;
use kyc_check::validate::record::{validate_record, Options as RecordOptions};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every list in `../shared/watchlists`, parsed (the official files, read by path).
fn parse_all() -> Option<Vec<ParsedSource>> {
    let root = crate_dir().join("../shared/watchlists");
    if !root.is_dir() {
        eprintln!(
            "native bench: {} not found: list benchmarks skipped",
            root.display()
        );
        return None;
    }
    let mut parsed = Vec::new();
    for l in lists::LISTS {
        match kyc_check::sources::load_paths(&[root.join(l)]) {
            Ok(p) => parsed.extend(p),
            Err(e) => eprintln!("native bench: skipped {l}: {e}"),
        }
    }
    Some(parsed)
}

static PARSED: LazyLock<Option<Vec<ParsedSource>>> = LazyLock::new(parse_all);

/// The snapshot of every list the browser benchmark loads (`target/bench/all.kcs`, written
/// by `make bench` with the command-line tool), read from the file as the command-line
/// tool reads it; when absent, built here from the parsed lists.
static SNAPSHOT: LazyLock<Option<Snapshot>> = LazyLock::new(|| {
    let path = crate_dir().join("target/bench/all.kcs");
    if let Ok(bytes) = std::fs::read(&path) {
        return Snapshot::from_bytes(&bytes).ok();
    }
    eprintln!(
        "native bench: {} not found: screening a snapshot built here",
        path.display()
    );
    let parsed = PARSED.as_ref()?.clone();
    let outcome = build_from_sources(parsed, "2026-01-01T00:00:00Z", "bench");
    Snapshot::from_bytes(&outcome.bytes).ok()
});

/// The benchmark queries (`examples/bench_queries.rs`), names only.
static QUERIES: LazyLock<Vec<Query>> = LazyLock::new(|| {
    let path: PathBuf = crate_dir().join("target/bench/queries.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "native bench: {} not found (run `make bench`)",
            path.display()
        );
        return Vec::new();
    };
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    rows.iter()
        .filter_map(|r| r.get("name")?.as_str().map(Query::name))
        .collect()
});

/// Screening every benchmark query once, on one thread and on every core (divan's
/// `threads = 0`): queries per second from the items counter.
#[divan::bench(threads = [1, 0], sample_count = 5, sample_size = 1)]
fn screen_queries(bencher: Bencher) {
    let (Some(snapshot), queries) = (SNAPSHOT.as_ref(), &*QUERIES) else {
        return;
    };
    if queries.is_empty() {
        return;
    }
    let screener = Screener::new(snapshot);
    let options = Options::default();
    bencher.counter(ItemsCount::new(queries.len())).bench(|| {
        for q in queries {
            divan::black_box(screener.screen(q, &options));
        }
    });
}

/// One full signup record through every validator (`validate_record`).
#[divan::bench(sample_count = 200, sample_size = 100)]
fn validate_full_record(bencher: Bencher) {
    let record = full_record::full_record();
    let options = RecordOptions {
        today: Date::parse_iso("2011-06-01"),
        date_order: kyc_check::validate::birth_date::DateOrder::Dmy,
        ..RecordOptions::default()
    };
    bencher.bench(|| validate_record(divan::black_box(&record), &options));
}

/// Building the snapshot of every list from the parsed files (merge, index, encode,
/// compress the remarks, hash).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn build_snapshot_all_lists(bencher: Bencher) {
    let Some(parsed) = PARSED.as_ref() else {
        return;
    };
    bencher.with_inputs(|| parsed.clone()).bench_values(|p| {
        build_from_sources(p, "2026-01-01T00:00:00Z", "bench")
            .bytes
            .len()
    });
}
