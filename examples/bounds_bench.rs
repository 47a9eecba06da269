//! Worst-case time of the resource bounds (issue 12): every 1 MB input of
//! `tests/bounds` through every validator, `validate_record` and `screen`, and the
//! pathological screening queries within the bounds.
//!
//! ```text
//! cargo run --release --example bounds_bench -- [SNAPSHOT.kcs] [REPEATS]
//! ```
//!
//! Screens against SNAPSHOT (e.g. every list: `kyc-check snapshot build --skip-unreadable
//! --out /tmp/all.kcs ../shared/watchlists`) or the default snapshot. Prints the slowest
//! inputs of each kind, each the best of REPEATS runs (default 3: the machine is shared, so
//! the best run is the one least disturbed).

#[path = "../tests/bounds/mod.rs"]
mod bounds;

use kyc_check::screen::{Options, Screener};
use kyc_check::snapshot::{default_snapshot_bytes, Snapshot};
use kyc_check::validate::record::{validate_record, Options as RecordOptions, Record};
use kyc_check::validate::validate_format;
use std::time::Instant;

fn best_of<F: FnMut()>(repeats: usize, mut f: F) -> f64 {
    (0..repeats.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn report(kind: &str, mut times: Vec<(f64, String)>) {
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (max, label) = times.first().cloned().unwrap_or_default();
    println!("{kind}: {} inputs, max {max:.3} ms ({label})", times.len());
    for (t, l) in times.iter().skip(1).take(4) {
        println!("    {t:.3} ms  {l}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = match args.first() {
        Some(path) if !path.chars().all(|c| c.is_ascii_digit()) => {
            std::fs::read(path).expect("the snapshot file reads")
        }
        _ => default_snapshot_bytes().to_vec(),
    };
    let repeats = args
        .iter()
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(3);
    let snapshot = Snapshot::from_bytes(&bytes).expect("the snapshot loads");
    println!(
        "snapshot {} ({} entities), best of {repeats}",
        snapshot.header.label,
        snapshot.entities.len()
    );

    let ids = bounds::format_ids();
    let mut validators = Vec::new();
    for (label, input) in bounds::inputs() {
        for id in &ids {
            let t = best_of(repeats, || {
                std::hint::black_box(validate_format(id, &input));
            });
            validators.push((t, format!("{id} on 1 MB of {label}")));
        }
    }
    report("validators (1 MB)", validators);

    let options = RecordOptions::default();
    let mut records = Vec::new();
    for (label, json) in bounds::records() {
        let t = best_of(repeats, || {
            if let Ok(record) = serde_json::from_str::<Record>(&json) {
                std::hint::black_box(validate_record(&record, &options));
            }
        });
        records.push((t, format!("JSON parse + validate_record: {label}")));
    }
    report("records (1 MB JSON)", records);

    let screener = Screener::new(&snapshot);
    let mut big = Vec::new();
    let mut within = Vec::new();
    let pathological: Vec<String> = bounds::pathological_names()
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    for (label, query) in bounds::screen_queries() {
        let t = best_of(repeats, || {
            std::hint::black_box(screener.screen(&query, &Options::default()));
        });
        if pathological.contains(&label) {
            within.push((t, label));
        } else {
            big.push((t, label));
        }
    }
    report("screen (1 MB fields)", big);
    report("screen (pathological names within the bounds)", within);
}
