//! Snapshot benchmark (std::time only): parse + build time and file size of a snapshot of
//! every list in ../shared/watchlists that the parsers read, and native load time.
//!
//! Run: `CARGO_PROFILE_RELEASE_PANIC=unwind cargo bench --bench snapshot` (optionally
//! `-- --loads N`, default 31; `-- --file F` times the loading of an existing snapshot file
//! only, e.g. `www/bench-all.kcs`, skipping parse and build). The variable works around cargo#6313: with the release
//! profile's `panic = "abort"`, `cargo bench` builds the library twice (abort for the
//! binary, unwind for the bench) into the same file and the link can fail. Skips with a
//! message when ../shared is absent. Prints a Markdown table; the figures are copied
//! into docs/SNAPSHOT_FORMAT.md ("Measured").

use kyc_check::snapshot::builder::build_from_sources;
use kyc_check::snapshot::{format, Snapshot};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "support/lists.rs"]
mod lists;
use lists::LISTS;

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// Median and minimum: on the shared, loaded VM the minimum is the steadier figure.
fn med_min(xs: Vec<Duration>) -> String {
    let min = xs.iter().min().copied().unwrap_or_default();
    format!("{} (min {})", ms(median(xs)), ms(min))
}

/// Times loading `bytes` `loads` times and prints the load rows of the table.
fn time_loads(bytes: &[u8], loads: usize) {
    let mut load_times = Vec::with_capacity(loads);
    let mut header_times = Vec::with_capacity(loads);
    let mut hash_times = Vec::with_capacity(loads);
    let mut no_index_times = Vec::with_capacity(loads);
    let mut all_times = Vec::with_capacity(loads);
    let mut remarks_times = Vec::with_capacity(loads);
    let mut count = 0;
    for _ in 0..loads {
        let (loaded, t) = timed(|| Snapshot::from_bytes(bytes));
        count = loaded.expect("loads").entities.len();
        load_times.push(t);
        let (store, t) = timed(|| format::decode_without_index(bytes).expect("loads"));
        no_index_times.push(t);
        // The first entity with remarks inflates the whole remarks section.
        let (_, t) =
            timed(|| (0..store.len()).find(|&i| store.remarks(i).expect("remarks").is_some()));
        remarks_times.push(t);
        let (all, t) = timed(|| store.to_vec().expect("decodes"));
        assert_eq!(all.len(), count);
        all_times.push(t);
        let (_, t) = timed(|| format::read_header(bytes).expect("header"));
        header_times.push(t);
        let (_, t) = timed(|| Sha256::digest(&bytes[format::PREFIX_LEN..]));
        hash_times.push(t);
    }
    println!(
        "| file size | {} bytes ({:.2} MiB), {count} entities |",
        bytes.len(),
        bytes.len() as f64 / 1048576.0
    );
    for (name, size) in format::section_sizes(bytes).expect("sections") {
        println!("| section `{name}` | {size} bytes |");
    }
    println!(
        "| native load (`from_bytes`), median of {loads} | {} |",
        med_min(load_times)
    );
    println!(
        "| of which SHA-256 of the payload, median | {} |",
        med_min(hash_times)
    );
    println!(
        "| load without the index section (`decode_without_index`), median | {} |",
        med_min(no_index_times)
    );
    println!(
        "| first remarks access (inflates the remarks section), median | {} |",
        med_min(remarks_times)
    );
    println!(
        "| decode every entity after that (`to_vec`), median | {} |",
        med_min(all_times)
    );
    println!(
        "| verify + header only (`read_header`), median | {} |",
        med_min(header_times)
    );
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

fn main() {
    let mut loads = 31usize;
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--loads") {
        loads = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(loads)
            .max(1);
    }
    if let Some(i) = args.iter().position(|a| a == "--file") {
        let path = args.get(i + 1).expect("--file needs a path");
        let bytes = std::fs::read(path).expect("readable snapshot file");
        println!("| measure | value |");
        println!("| --- | --- |");
        time_loads(&bytes, loads);
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/watchlists");
    if !root.exists() {
        println!(
            "SKIPPED: {} is absent (../shared not available)",
            root.display()
        );
        return;
    }

    // Parse each list on its own, so one the parsers cannot read yet is reported, not fatal.
    let mut parsed = Vec::new();
    let mut parse_time = Duration::ZERO;
    let mut included = Vec::new();
    for rel in LISTS {
        let dir: PathBuf = root.join(rel);
        let (result, t) = timed(|| kyc_check::sources::load_paths(std::slice::from_ref(&dir)));
        match result {
            Ok(mut sources) => {
                parse_time += t;
                let n: usize = sources.iter().map(|s| s.entities.len()).sum();
                included.push(format!("{rel} ({n} entities, parsed in {})", ms(t)));
                parsed.append(&mut sources);
            }
            Err(e) => println!("not included: {rel}: {e}"),
        }
    }

    let (outcome, build_time) =
        timed(|| build_from_sources(parsed, "2025-06-01T00:00:00Z", "bench"));
    let snapshot = &outcome.snapshot;
    let (bytes, encode_time) = timed(|| snapshot.to_bytes());
    assert_eq!(bytes, outcome.bytes);
    let names = snapshot.entities.name_count();

    println!();
    println!("Lists included:");
    for l in &included {
        println!("- {l}");
    }
    println!();
    println!("| measure | value |");
    println!("| --- | --- |");
    println!(
        "| entities / names | {} / {} |",
        snapshot.entities.len(),
        names
    );
    println!("| parse time (all lists) | {} |", ms(parse_time));
    println!(
        "| build time (merge, sort, index, encode, hash) | {} |",
        ms(build_time)
    );
    println!("| re-encode alone (`to_bytes`) | {} |", ms(encode_time));
    println!("| parse + build | {} |", ms(parse_time + build_time));
    time_loads(&bytes, loads);
}
