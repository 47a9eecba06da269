//! Screening evaluation harness.
//!
//! ```text
//! cargo run --release --example screen_eval -- [--out docs/SCREENING_EVAL.md]
//!     [--negatives FILE] [--sections bench,perturb,negatives,cross,baselines,speed]
//!     [--perturb-sample N] [--seed S]
//! ```
//!
//! Reads only files under `../shared` (relative to the crate root) and the negative-name
//! file written by `scripts/gen_negative_names.py`; prints a Markdown report (and writes
//! it with `--out`). Every random choice comes from a fixed-seed generator, so two runs
//! print the same figures (timings aside).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use kyc_check::model::{Entity, EntityType, SourceList};
use kyc_check::screen::index::NameIndex;
use kyc_check::screen::{
    Decision, Options, Query, Screener, DEFAULT_BLOCK_THRESHOLD, DEFAULT_REVIEW_THRESHOLD,
};
use kyc_check::snapshot::SnapshotHeader;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    crate_dir().join("../shared")
}

/// Minimal RFC 4180 reader (quotes, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => in_quotes = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn header(label: &str) -> SnapshotHeader {
    SnapshotHeader {
        format_version: 0,
        built_at: "1970-01-01T00:00:00Z".into(),
        label: label.into(),
        sources: Vec::new(),
        sha256: String::new(),
    }
}

/// Best score of `query` against a one-entity list holding `name` (0 when no match).
fn pair_score(query: &str, name: &str, ty: EntityType, opts: &Options) -> f64 {
    let e = Entity::new(SourceList::OfacSdn, "1", ty, name);
    let entities = vec![e];
    let index = NameIndex::build(&entities);
    let h = header("pair");
    let s = Screener::from_parts(&h, &entities, &index);
    let r = s.screen(&Query::name(query), opts);
    r.matches.first().map_or(0.0, |m| m.score)
}

fn schema_type(schema: &str) -> EntityType {
    match schema {
        "Person" => EntityType::Person,
        "Vessel" => EntityType::Vessel,
        _ => EntityType::Organization,
    }
}

struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Prf {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn prf(scored: &[(f64, bool)], t: f64) -> Prf {
    let mut m = Prf {
        tp: 0,
        fp: 0,
        fn_: 0,
        tn: 0,
    };
    for &(s, is_match) in scored {
        match (s >= t, is_match) {
            (true, true) => m.tp += 1,
            (true, false) => m.fp += 1,
            (false, true) => m.fn_ += 1,
            (false, false) => m.tn += 1,
        }
    }
    m
}

/// Section 1: nomenklatura name_bench.
fn section_bench(report: &mut String, verbose: bool) {
    let path = shared().join("watchlists/eval/nomenklatura_name_bench/cases.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        let _ = writeln!(
            report,
            "## 1. nomenklatura name_bench\n\nSKIPPED: {} not found.\n",
            path.display()
        );
        return;
    };
    let rows = parse_csv(&text);
    let low = Options {
        review_threshold: 0.01,
        block_threshold: 1.0,
        max_matches: 1,
        sources: None,
    };
    let mut scored: Vec<(f64, bool)> = Vec::new();
    let mut by_group: BTreeMap<String, Vec<(f64, bool)>> = BTreeMap::new();
    let mut errors: Vec<String> = Vec::new();
    for row in rows.iter().skip(1) {
        if row.len() < 5 {
            continue;
        }
        let (group, schema, n1, n2, is_match) =
            (&row[0], &row[1], &row[2], &row[3], row[4] == "true");
        let s = pair_score(n1, n2, schema_type(schema), &low);
        scored.push((s, is_match));
        by_group
            .entry(group.clone())
            .or_default()
            .push((s, is_match));
        if (s >= DEFAULT_REVIEW_THRESHOLD) != is_match {
            errors.push(format!(
                "{}\t{:.4}\t{}\t{}\t{}\t{}",
                if is_match { "FN" } else { "FP" },
                s,
                group,
                n1,
                n2,
                row.get(7).map(|s| s.as_str()).unwrap_or("")
            ));
        }
    }
    let t = DEFAULT_REVIEW_THRESHOLD;
    let m = prf(&scored, t);
    let _ = writeln!(
        report,
        "## 1. nomenklatura name_bench ({} pairs)\n",
        scored.len()
    );
    let _ = writeln!(report, "Each pair is scored by screening `name1` against a one-entity list holding `name2` (schema → entity type), name only.\n");
    let _ = writeln!(
        report,
        "At the default review threshold {t:.2}: **precision {:.3}, recall {:.3}, F1 {:.3}** (TP {}, FP {}, FN {}, TN {}). Published nomenklatura logic-v2: precision 0.76, recall 0.82, F1 0.79.\n",
        m.precision(),
        m.recall(),
        m.f1(),
        m.tp,
        m.fp,
        m.fn_,
        m.tn
    );
    let _ = writeln!(
        report,
        "| threshold | precision | recall | F1 |\n|---|---|---|---|"
    );
    for t in [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] {
        let m = prf(&scored, t);
        let _ = writeln!(
            report,
            "| {t:.2} | {:.3} | {:.3} | {:.3} |",
            m.precision(),
            m.recall(),
            m.f1()
        );
    }
    let _ = writeln!(report, "\nBy case group at {t:.2}:\n\n| group | pairs | precision | recall | F1 |\n|---|---|---|---|---|");
    for (g, v) in &by_group {
        let m = prf(v, t);
        let _ = writeln!(
            report,
            "| {g} | {} | {:.3} | {:.3} | {:.3} |",
            v.len(),
            m.precision(),
            m.recall(),
            m.f1()
        );
    }
    let _ = writeln!(report);
    if verbose {
        for e in &errors {
            eprintln!("{e}");
        }
    }
}

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut sections: Vec<String> = vec!["bench".into()];
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--sections" => {
                sections = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(String::from)
                    .collect()
            }
            "--verbose" | "-v" => verbose = true,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let mut report = String::new();
    let _ = writeln!(report, "# Screening evaluation\n");
    let _ = writeln!(
        report,
        "Generated by `cargo run --release --example screen_eval -- --out docs/SCREENING_EVAL.md` (examples/screen_eval.rs). Defaults: review threshold {DEFAULT_REVIEW_THRESHOLD:.2}, block threshold {DEFAULT_BLOCK_THRESHOLD:.2}.\n"
    );
    let started = Instant::now();
    for s in &sections {
        match s.as_str() {
            "bench" => section_bench(&mut report, verbose),
            other => eprintln!("unknown section {other}"),
        }
    }
    let _ = Decision::Clear;
    let _ = Path::new("");
    eprintln!("done in {:.1}s", started.elapsed().as_secs_f64());
    print!("{report}");
    if let Some(p) = out {
        if let Err(e) = std::fs::write(&p, &report) {
            eprintln!("cannot write {}: {e}", p.display());
            std::process::exit(1);
        }
    }
}
