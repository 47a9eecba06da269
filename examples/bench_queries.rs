//! Writes the benchmarks' query set and name list for a snapshot, so that the native
//! benchmark (`benches/native.rs`) and the browser benchmark (`www/bench.html`, which also
//! runs Fuse.js and an exhaustive scan) screen exactly the same queries.
//!
//! ```text
//! cargo run --release --example bench_queries -- SNAPSHOT.kcs NEGATIVES.tsv OUT_DIR [N]
//! ```
//!
//! - `OUT_DIR/queries.json`: `N` queries (default 2400), half listed names with one
//!   perturbation each (the ten kinds of `examples/support/perturb.rs`, round robin, over a
//!   fixed-seed sample of entities with a Latin-script strong name), half names that are
//!   not listed (from `NEGATIVES.tsv`, written by `scripts/gen_negative_names.py`, taken
//!   evenly across its locales), interleaved. Each is `{"name", "expect", "kind"}` where
//!   `expect` is the listed entity id the query was made from, or `null`.
//! - `OUT_DIR/names.json`: every indexed name as `[entity id, name]` (what Fuse.js
//!   searches).
//! - `OUT_DIR/stress.json`: the pathological names within the resource bounds
//!   (`tests/bounds`, as `bounds_bench` runs them natively) as `{"label", "name"}`, timed
//!   one by one in the browser.

#[path = "../tests/bounds/mod.rs"]
mod bounds;
#[path = "support/perturb.rs"]
mod perturb;

use kyc_check::model::{AliasStrength, EntityType};
use kyc_check::snapshot::Snapshot;
use perturb::{is_latin_name, perturb, Rng, PERTURBATIONS};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn fail(msg: &str) -> ! {
    eprintln!("bench_queries: {msg}");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        fail("usage: bench_queries SNAPSHOT.kcs NEGATIVES.tsv OUT_DIR [N]");
    }
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2400);
    let bytes = std::fs::read(&args[0]).unwrap_or_else(|e| fail(&format!("{}: {e}", args[0])));
    let snapshot = Snapshot::from_bytes(&bytes).unwrap_or_else(|e| fail(&format!("{e}")));
    let negatives_text = std::fs::read_to_string(&args[1]).unwrap_or_else(|e| {
        fail(&format!(
            "{}: {e} (run `python3 scripts/gen_negative_names.py {}`)",
            args[1], args[1]
        ))
    });
    let out_dir = PathBuf::from(&args[2]);
    std::fs::create_dir_all(&out_dir).unwrap_or_else(|e| fail(&format!("{e}")));

    // Names only: a snapshot with external remarks needs no remarks file here.
    let entities: Vec<_> = (0..snapshot.entities.len())
        .filter_map(|i| snapshot.entities.get_without_remarks(i))
        .map(|e| e.map(std::borrow::Cow::into_owned))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| fail(&format!("{e}")));
    let mut names_json = String::from("[\n");
    for e in &entities {
        for nm in &e.names {
            let _ = writeln!(names_json, "[{},{}],", json_str(&e.id), json_str(&nm.full));
        }
    }
    if names_json.ends_with(",\n") {
        names_json.truncate(names_json.len() - 2);
        names_json.push('\n');
    }
    names_json.push(']');

    // Listed: a fixed-seed walk over entities with a strong Latin name, one perturbation
    // each, kinds in turn (a kind that does not apply to the name passes to the next).
    let mut rng = Rng(0x6b79_635f_6265_6e63);
    let mut listed: Vec<(String, String, &'static str)> = Vec::new();
    let mut kind = 0;
    let mut guard = 0;
    while listed.len() < n / 2 && guard < n * 200 && !entities.is_empty() {
        guard += 1;
        let e = &entities[rng.below(entities.len())];
        let strong: Vec<&str> = e
            .names
            .iter()
            .filter(|nm| {
                !nm.original_script
                    && nm.strength == AliasStrength::Strong
                    && is_latin_name(&nm.full)
            })
            .map(|nm| nm.full.as_str())
            .collect();
        if strong.is_empty() {
            continue;
        }
        let name = strong[rng.below(strong.len())];
        let person = e.entity_type == EntityType::Person;
        for _ in 0..PERTURBATIONS.len() {
            let k = PERTURBATIONS[kind % PERTURBATIONS.len()];
            kind += 1;
            if let Some(q) = perturb(k, name, person, &mut rng) {
                listed.push((q, e.id.clone(), k));
                break;
            }
        }
    }

    // Not listed: evenly across the locales of the negatives file.
    let mut by_locale: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in negatives_text.lines() {
        if let Some((loc, name)) = line.split_once('\t') {
            by_locale.entry(loc).or_default().push(name);
        }
    }
    let locales: Vec<&Vec<&str>> = by_locale.values().collect();
    let mut others: Vec<&str> = Vec::new();
    let mut row = 0;
    while others.len() < n - listed.len() && !locales.is_empty() {
        let mut added = false;
        for l in &locales {
            if others.len() >= n - listed.len() {
                break;
            }
            if let Some(&name) = l.get(row * 7) {
                others.push(name);
                added = true;
            }
        }
        if !added {
            break;
        }
        row += 1;
    }

    let mut queries = String::from("[\n");
    let (mut li, mut oi) = (0, 0);
    while li < listed.len() || oi < others.len() {
        if li < listed.len() && (li <= oi || oi >= others.len()) {
            let (q, id, k) = &listed[li];
            let _ = writeln!(
                queries,
                "{{\"name\":{},\"expect\":{},\"kind\":\"{k}\"}},",
                json_str(q),
                json_str(id)
            );
            li += 1;
        } else {
            let _ = writeln!(
                queries,
                "{{\"name\":{},\"expect\":null,\"kind\":\"not_listed\"}},",
                json_str(others[oi])
            );
            oi += 1;
        }
    }
    if queries.ends_with(",\n") {
        queries.truncate(queries.len() - 2);
        queries.push('\n');
    }
    queries.push(']');
    let mut stress = String::from("[\n");
    for (label, name) in bounds::pathological_names() {
        let _ = writeln!(
            stress,
            "{{\"label\":{},\"name\":{}}},",
            json_str(&label),
            json_str(&name)
        );
    }
    if stress.ends_with(",\n") {
        stress.truncate(stress.len() - 2);
        stress.push('\n');
    }
    stress.push(']');
    for (file, text) in [
        ("queries.json", &queries),
        ("names.json", &names_json),
        ("stress.json", &stress),
    ] {
        let path = out_dir.join(file);
        std::fs::write(&path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    }
    eprintln!(
        "bench_queries: {} listed + {} not listed queries, {} names -> {}",
        listed.len(),
        others.len(),
        entities.iter().map(|e| e.names.len()).sum::<usize>(),
        out_dir.display()
    );
}
