//! `kyc-check screen`: JSON Lines name queries on stdin, one JSON result per line on stdout,
//! in input order.
//!
//! Input lines are objects `{"name", "type"?, "birth_date"?, "country"?, "id_number"?,
//! "crypto_address"?}`; blank lines are skipped. A line that is not a valid query gets an
//! error result (`{"line": N, "error": "..."}`) and the run goes on. Lines are read in
//! batches and each batch is screened on every core (`std::thread::scope` over chunks), so
//! memory stays bounded on large inputs while output order is kept. Progress and a summary
//! go to stderr.
//!
//! Fail closed: a snapshot that cannot be read or verified stops the run before any
//! result is written (exit code 2); nothing is ever reported `clear` without one.
//!
//! Exit codes: 0 every line screened; 1 some lines were malformed (their error results
//! are in the output); 2 usage error or unusable snapshot; 3 output error.

use std::ffi::OsString;
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use kyc_check::screen::{Decision, Options, Query, Screener};
use kyc_check::snapshot::Snapshot;

const USAGE: &str = "\
kyc-check screen: screen JSON Lines name queries against a snapshot

USAGE:
    kyc-check screen --snapshot FILE [OPTIONS] < queries.jsonl > results.jsonl

OPTIONS:
    --snapshot FILE         Snapshot to screen against (required; see `kyc-check snapshot build`)
    --threshold T           Review threshold, 0 < T <= 1 (default 0.83)
    --block-threshold T     Block threshold, T <= 1 (default 0.95)
    --max-matches N         Matches per result (default 10)
    --max-age-days N        Snapshot older than N days: every decision is at least review
    --threads N             Worker threads (default: every core)
    --quiet                 No progress on stderr
    -h, --help              This help

INPUT (one JSON object per line):
    {\"name\": \"Muammar Qadhafi\", \"type\": \"person\", \"birth_date\": \"1942\", \"country\": \"LY\"}
    {\"name\": \"\", \"crypto_address\": \"0x7ff9cfad3877f21d41da833e2f775db0569ee3d9\"}

OUTPUT (one JSON object per input line, same order):
    {\"decision\": \"clear|review|block\", \"matches\": [...], \"snapshot\": {\"sha256\", ...}}
    {\"line\": 7, \"error\": \"...\"}   for a malformed line
";

/// Lines screened per batch (bounded memory; each batch is split across the threads).
const BATCH: usize = 4096;

struct Args {
    snapshot: PathBuf,
    options: Options,
    threads: usize,
    quiet: bool,
}

fn parse_args(args: Vec<OsString>) -> Result<Option<Args>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut snapshot: Option<PathBuf> = None;
    let mut options = Options::default();
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut quiet = false;
    let number = |v: OsString, what: &str| -> Result<f64, String> {
        v.to_str()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .ok_or_else(|| format!("{what} expects a number"))
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("snapshot") => snapshot = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("threshold") | Long("review-threshold") => {
                options.review_threshold =
                    number(parser.value().map_err(|e| e.to_string())?, "--threshold")?
            }
            Long("block-threshold") => {
                options.block_threshold = number(
                    parser.value().map_err(|e| e.to_string())?,
                    "--block-threshold",
                )?
            }
            Long("max-matches") => {
                options.max_matches =
                    number(parser.value().map_err(|e| e.to_string())?, "--max-matches")? as usize
            }
            Long("max-age-days") => {
                let days = number(parser.value().map_err(|e| e.to_string())?, "--max-age-days")?;
                if !(0.0..=1e6).contains(&days) {
                    return Err("--max-age-days expects a number of days, 0 to 1000000".into());
                }
                options.max_snapshot_age_days = Some(days as u32);
            }
            Long("threads") => {
                threads = (number(parser.value().map_err(|e| e.to_string())?, "--threads")?
                    as usize)
                    .max(1)
            }
            Long("quiet") | Short('q') => quiet = true,
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(None);
            }
            other => return Err(other.unexpected().to_string()),
        }
    }
    let snapshot = snapshot.ok_or("screen needs --snapshot FILE")?;
    if options.block_threshold < options.review_threshold
        && options.block_threshold == Options::default().block_threshold
    {
        // `--threshold 0.97` alone: block at the review threshold rather than refusing.
        options.block_threshold = options.review_threshold;
    }
    options.validate()?;
    Ok(Some(Args {
        snapshot,
        options,
        threads,
        quiet,
    }))
}

/// The JSON output line for one input line.
fn screen_line(
    screener: &Screener,
    options: &Options,
    line_no: usize,
    line: &str,
) -> (String, Option<Decision>) {
    match serde_json::from_str::<Query>(line) {
        Ok(query) => {
            let result = screener.screen(&query, options);
            let decision = result.decision;
            match serde_json::to_string(&result) {
                Ok(s) => (s, Some(decision)),
                Err(e) => (
                    error_line(line_no, &format!("cannot serialise result: {e}")),
                    None,
                ),
            }
        }
        Err(e) => (error_line(line_no, &format!("invalid query: {e}")), None),
    }
}

fn error_line(line_no: usize, message: &str) -> String {
    serde_json::json!({ "line": line_no, "error": message }).to_string()
}

/// Runs `kyc-check screen` with the arguments after the subcommand; returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let args = match parse_args(args) {
        Ok(Some(a)) => a,
        Ok(None) => return 0,
        Err(e) => {
            eprintln!("kyc-check screen: {e}\n\n{USAGE}");
            return 2;
        }
    };
    let bytes = match std::fs::read(&args.snapshot) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "kyc-check screen: cannot read snapshot {}: {e}",
                args.snapshot.display()
            );
            return 2;
        }
    };
    let snapshot = match Snapshot::from_bytes(&bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "kyc-check screen: refusing snapshot {}: {e}",
                args.snapshot.display()
            );
            return 2;
        }
    };
    let screener = Screener::new(&snapshot);
    if !args.quiet {
        eprintln!(
            "kyc-check screen: snapshot {} ({}, built {}, sha256 {}), {} entities; {} thread(s)",
            args.snapshot.display(),
            snapshot.header.label,
            snapshot.header.built_at,
            snapshot.header.sha256,
            snapshot.entities.len(),
            args.threads
        );
    }

    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let started = Instant::now();
    let (mut total, mut errors) = (0usize, 0usize);
    let mut counts = [0usize; 3];
    let mut line_no = 0usize;
    let mut eof = false;
    while !eof {
        // Read one batch of non-blank lines.
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            let mut buf = Vec::new();
            match input.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(_) => {
                    line_no += 1;
                    let text = String::from_utf8_lossy(&buf);
                    let text = text.trim();
                    if !text.is_empty() {
                        batch.push((line_no, text.to_string()));
                    }
                }
                Err(e) => {
                    eprintln!("kyc-check screen: cannot read stdin: {e}");
                    eof = true;
                    break;
                }
            }
        }
        if batch.is_empty() {
            continue;
        }
        let results: Vec<(String, Option<Decision>)> = if args.threads > 1 && batch.len() >= 64 {
            let chunk = batch.len().div_ceil(args.threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = batch
                    .chunks(chunk)
                    .map(|c| {
                        let screener = &screener;
                        let options = &args.options;
                        s.spawn(move || {
                            c.iter()
                                .map(|(n, l)| screen_line(screener, options, *n, l))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .zip(batch.chunks(chunk))
                    .flat_map(|(h, c)| {
                        // A worker that panicked (it should not) yields error results, not a crash.
                        h.join().unwrap_or_else(|_| {
                            c.iter()
                                .map(|(n, _)| (error_line(*n, "internal error"), None))
                                .collect()
                        })
                    })
                    .collect()
            })
        } else {
            batch
                .iter()
                .map(|(n, l)| screen_line(&screener, &args.options, *n, l))
                .collect()
        };
        for (line, decision) in &results {
            if let Err(e) = writeln!(out, "{line}") {
                eprintln!("kyc-check screen: cannot write output: {e}");
                return 3;
            }
            total += 1;
            match decision {
                Some(Decision::Clear) => counts[0] += 1,
                Some(Decision::Review) => counts[1] += 1,
                Some(Decision::Block) => counts[2] += 1,
                None => errors += 1,
            }
        }
        if let Err(e) = out.flush() {
            eprintln!("kyc-check screen: cannot write output: {e}");
            return 3;
        }
        if !args.quiet {
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "  {total} lines screened ({:.0} lines/s)",
                total as f64 / secs.max(1e-9)
            );
        }
    }
    if !args.quiet {
        eprintln!(
            "kyc-check screen: {total} lines in {:.2}s: {} clear, {} review, {} block, {errors} malformed",
            started.elapsed().as_secs_f64(),
            counts[0],
            counts[1],
            counts[2]
        );
    }
    if errors > 0 {
        1
    } else {
        0
    }
}
