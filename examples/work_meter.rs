//! Measures the work meter (`screen::work`) against time, to calibrate and check the
//! work limit of one query.
//!
//! ```text
//! cargo run --release --example work_meter -- SNAPSHOT.kcs QUERIES.jsonl [REPEATS]
//! cargo run --release --example work_meter -- SNAPSHOT.kcs --listed
//! cargo run --release --example work_meter -- SNAPSHOT.kcs --tail-rows QUERIES.jsonl
//! cargo run --release --example work_meter -- SNAPSHOT.kcs --same-rows
//! ```
//!
//! With a query file (one `{"name": ...}` per line): one line per query with the steps of
//! each kind, the units spent, the best of `REPEATS` (default 5) wall-clock times in
//! ms (all without a limit) and the units spent with the limit (where it stops),
//! tab-separated, for fitting the weights of `Step::units` (the units of the limit
//! should follow the time). With `--listed`: every indexed name of the snapshot screened
//! as a query, and the distribution of the units they spend (none may reach the limit).
//! With `--tail-rows`: the rows of walking the words that begin with another letter
//! than the query word's (a tail bucket and the subtrees of the word's next letters) in
//! the edit-distance lookup of every distinct word of 4 or more letters of the queries,
//! by word length, partner length and budget, beside the rows
//! `fuzzy::other_letter_rows_charged` charges for them (calibrated on these). With
//! `--same-rows`: for every fifth word of 4 or more letters of the vocabulary as a query
//! word, the rows of walking the words that begin with its own letter, by partner length,
//! beside how many such words there are (what `fuzzy::same_letter_rows_charged` is
//! calibrated on), tab-separated.

use kyc_check::screen::work::{Step, WorkMeter, MAX_QUERY_WORK};
use kyc_check::screen::{Options, Query, Screener};
use kyc_check::snapshot::Snapshot;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(snapshot_path), Some(what)) = (args.first(), args.get(1)) else {
        eprintln!("usage: work_meter SNAPSHOT.kcs (QUERIES.jsonl [REPEATS] | --listed)");
        std::process::exit(2);
    };
    let bytes = std::fs::read(snapshot_path).expect("the snapshot reads");
    let snapshot = Snapshot::from_bytes(&bytes).expect("the snapshot loads");
    let screener = Screener::new(&snapshot);
    let options = Options::default();
    // The first query builds the tables made on first use: not part of any figure.
    screener.screen(&Query::name("Warm Up"), &options);
    let unlimited = |q: &Query| {
        let mut meter = WorkMeter::unlimited();
        screener.screen_metered(q, &options, &mut meter);
        meter
    };

    if what == "--listed" {
        let mut spent: Vec<(u64, String)> = Vec::new();
        for i in 0..snapshot.index.name_count() as u32 {
            let Some(name) = snapshot.index.name(i) else {
                continue;
            };
            let Some(Ok(entity)) = snapshot.entities.get_without_remarks(name.entity as usize)
            else {
                continue;
            };
            let Some(n) = entity.names.get(name.name as usize) else {
                continue;
            };
            let meter = unlimited(&Query::name(n.full.clone()));
            spent.push((meter.spent(), n.full.clone()));
        }
        spent.sort();
        let at = |p: f64| spent[((spent.len() - 1) as f64 * p) as usize].0;
        println!(
            "{} listed names as queries: units p50 {} p99 {} p99.9 {} max {} (limit {MAX_QUERY_WORK})",
            spent.len(),
            at(0.5),
            at(0.99),
            at(0.999),
            at(1.0)
        );
        let over = spent.iter().filter(|(u, _)| *u > MAX_QUERY_WORK).count();
        println!(
            "over the limit: {over} ({:.2} %)",
            over as f64 * 100.0 / spent.len().max(1) as f64
        );
        for (u, n) in spent.iter().rev().take(10) {
            println!("  {u}\t{n}");
        }
        return;
    }

    if what == "--tail-rows" {
        let path = args
            .get(2)
            .expect("usage: work_meter SNAPSHOT.kcs --tail-rows QUERIES.jsonl");
        let text = std::fs::read_to_string(path).expect("the query file reads");
        let mut words: Vec<String> = Vec::new();
        for line in text.lines() {
            let Ok(query) = serde_json::from_str::<Query>(line) else {
                continue;
            };
            let variants = kyc_check::screen::normalize::query_variants(&query.name);
            for token in variants.into_iter().flatten() {
                let t = token.text;
                if t.len() >= 4 && t.bytes().all(|c| c.is_ascii_lowercase()) {
                    words.push(t);
                }
            }
        }
        words.sort();
        words.dedup();
        // Per word length: the rows of each tail bucket walked.
        let mut by_len: std::collections::BTreeMap<(usize, usize, usize), Vec<usize>> =
            Default::default();
        for w in &words {
            for (len, k, rows) in snapshot.index.other_letter_walk_rows(w) {
                let key = (w.len(), len + 2 - w.len(), k);
                by_len.entry(key).or_default().push(rows);
            }
        }
        println!("length\tpartner-length+2\tedits\twords\tp50\tp90\tmax\tcharged");
        for ((m, dl, k), mut rows) in by_len {
            if rows.is_empty() {
                continue;
            }
            rows.sort_unstable();
            let at = |p: f64| rows[((rows.len() - 1) as f64 * p) as usize];
            println!(
                "{m}\t{dl}\t{k}\t{}\t{}\t{}\t{}\t{}",
                rows.len(),
                at(0.5),
                at(0.9),
                at(1.0),
                kyc_check::screen::fuzzy::other_letter_rows_charged(m, m + dl - 2, k)
            );
        }
        return;
    }

    if what == "--same-rows" {
        // Every 5th vocabulary word of 4 or more letters as a query word.
        let words: Vec<String> = (0..snapshot.index.vocabulary_size() as u32)
            .step_by(5)
            .filter_map(|id| snapshot.index.token(id))
            .map(|t| t.text.clone())
            .filter(|t| t.len() >= 4 && t.bytes().all(|c| c.is_ascii_lowercase()))
            .collect();
        println!("length\tpartner\tedits\twords\trows");
        for w in &words {
            for (len, k, n, rows) in snapshot.index.same_letter_walk_rows(w) {
                println!("{}\t{len}\t{k}\t{n}\t{rows}", w.len());
            }
        }
        return;
    }

    let repeats: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(what).expect("the query file reads");
    let kinds: Vec<String> = Step::ALL.iter().map(|s| format!("{s:?}")).collect();
    println!("{}\tunits\tbest_ms\tlimited_units\tname", kinds.join("\t"));
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(query) = serde_json::from_str::<Query>(line) else {
            continue;
        };
        let meter = unlimited(&query);
        // With the limit: where the query stops (past the limit by its last step).
        let mut limited = WorkMeter::default();
        screener.screen_metered(&query, &options, &mut limited);
        let best = (0..repeats.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(screener.screen_metered(
                    &query,
                    &options,
                    &mut WorkMeter::unlimited(),
                ));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .fold(f64::INFINITY, f64::min);
        let counts: Vec<String> = meter.counts().iter().map(|c| c.to_string()).collect();
        let name: String = query.name.chars().take(60).collect();
        println!(
            "{}\t{}\t{best:.4}\t{}\t{}",
            counts.join("\t"),
            meter.spent(),
            limited.spent(),
            name.replace(['\t', '\n'], " ")
        );
    }
}
