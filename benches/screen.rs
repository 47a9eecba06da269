//! Screening benchmark (std::time only): median time per query natively against a
//! snapshot of every list in ../shared/watchlists.
//!
//! Run: `CARGO_PROFILE_RELEASE_PANIC=unwind cargo bench --bench screen` (optionally
//! `-- --queries N`, default 2000; the variable works around cargo#6313, see
//! benches/snapshot.rs). Skips with a message when ../shared is absent. Queries are
//! deterministic: listed names with one typo each (every 7th entity) mixed with names that
//! are not listed. Prints the build, index and per-query figures.

use kyc_check::screen::{Decision, Options, Query, Screener};
use kyc_check::snapshot::builder::build_from_sources;
use kyc_check::snapshot::Snapshot;
use std::path::Path;
use std::time::Instant;

const LISTS: [&str; 8] = [
    "ofac/sdn_2024-05-03",
    "ofac/sdn_set_2021-07-07",
    "ofac/cons_csv_2025-12-19",
    "ofac/cons_xml_2025-03-28",
    "un",
    "uk/ofsi_conlist_2025-04-10",
    "uk/fcdo_uksl_summary_2025-08-11",
    "eu/fsf_whole_2016-02-11_excerpt",
];

/// Names that are not on the lists (hand-picked common names from many countries).
const OTHERS: [&str; 20] = [
    "Maria Garcia",
    "John Smith",
    "Wei Zhang",
    "Anna Müller",
    "Olga Petrova",
    "Ahmed Khalil",
    "Priya Sharma",
    "Kenji Tanaka",
    "Fatma Yilmaz",
    "Jean Dupont",
    "Lucas Oliveira",
    "Ngozi Okafor",
    "Sofia Rossi",
    "Jan Kowalski",
    "Emma Johansson",
    "Mehmet Demir",
    "Nguyen Van An",
    "Sara Cohen",
    "Ivan Horvat",
    "Lars Nielsen",
];

fn main() {
    let mut n_queries = 2000usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--queries" {
            n_queries = args
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(n_queries);
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/watchlists");
    if !root.is_dir() {
        println!("screen bench SKIPPED: {} not found", root.display());
        return;
    }
    let t = Instant::now();
    let mut parsed = Vec::new();
    for l in LISTS {
        match kyc_check::sources::load_paths(&[root.join(l)]) {
            Ok(p) => parsed.extend(p),
            Err(e) => println!("skipped {l}: {e}"),
        }
    }
    let parse = t.elapsed();
    let t = Instant::now();
    let outcome = build_from_sources(parsed, "2025-01-01T00:00:00Z", "bench");
    let build = t.elapsed();
    let t = Instant::now();
    let snapshot = Snapshot::from_bytes(&outcome.bytes).expect("snapshot loads");
    let load = t.elapsed();
    let mut index_bytes = Vec::new();
    snapshot.index.encode(&mut index_bytes);

    // Deterministic queries: every 7th entity's primary name with one adjacent swap in its
    // longest word, then the names not on the lists.
    let mut queries: Vec<Query> = Vec::new();
    let mut k = 0;
    while queries.len() < n_queries * 3 / 4 && k < snapshot.entities.len() {
        let name = match snapshot.entities.get(k) {
            Some(Ok(e)) => e.primary_name().to_string(),
            _ => break,
        };
        k += 7;
        let mut words: Vec<String> = name.split_whitespace().map(String::from).collect();
        if let Some(w) = words.iter_mut().max_by_key(|w| w.chars().count()) {
            let mut c: Vec<char> = w.chars().collect();
            if c.len() >= 4 {
                c.swap(1, 2);
                *w = c.into_iter().collect();
            }
        }
        queries.push(Query::name(words.join(" ")));
    }
    let mut i = 0;
    while queries.len() < n_queries {
        queries.push(Query::name(OTHERS[i % OTHERS.len()]));
        i += 1;
    }
    let screener = Screener::new(&snapshot);
    let options = Options::default();
    let mut times: Vec<f64> = Vec::with_capacity(queries.len());
    let mut flagged = 0;
    let all = Instant::now();
    for q in &queries {
        let t = Instant::now();
        let r = screener.screen(q, &options);
        times.push(t.elapsed().as_secs_f64() * 1e6);
        if r.decision != Decision::Clear {
            flagged += 1;
        }
    }
    let total = all.elapsed().as_secs_f64();
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!("| measure | value |\n|---|---|");
    println!("| lists parsed | {:.2} s |", parse.as_secs_f64());
    println!(
        "| snapshot built (index included) | {:.2} s, {} entities, {} names, {} tokens |",
        build.as_secs_f64(),
        snapshot.entities.len(),
        snapshot.index.name_count(),
        snapshot.index.vocabulary_size()
    );
    println!("| encoded index | {} bytes |", index_bytes.len());
    println!(
        "| snapshot load (verify + decode + derive lookups) | {:.0} ms |",
        load.as_secs_f64() * 1000.0
    );
    println!("| queries | {} ({} flagged) |", queries.len(), flagged);
    println!("| median per query | {:.0} µs |", pct(0.5));
    println!(
        "| p90 / p99 per query | {:.0} / {:.0} µs |",
        pct(0.9),
        pct(0.99)
    );
    println!(
        "| throughput, one thread | {:.0} queries/s |",
        queries.len() as f64 / total
    );
}
