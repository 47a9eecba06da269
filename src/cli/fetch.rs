//! `kyc-check snapshot fetch`: download the official list files into a directory.

use std::ffi::OsString;
use std::path::PathBuf;

use kyc_check::sources::fetch::{fetch_files, FetchOptions, FetchOutcome, OFFICIAL_FILES};

const USAGE: &str = "\
kyc-check snapshot fetch: download the official sanctions list files

USAGE:
    kyc-check snapshot fetch --out DIR [--base-url URL] [--only NAME]... [--eu-token TOKEN]

OPTIONS:
    --out DIR          Directory to write the files to (created if missing)
    --base-url URL     Fetch URL/<file name> instead of the official URLs (a mirror)
    --only NAME        Fetch only this file (repeatable), e.g. --only SDN.CSV
    --eu-token TOKEN   EU Financial Sanctions Files token (without it the EU file is skipped)
    --list             Print the official files and URLs, then exit
    -h, --help         Print this help

Each file is written atomically (temporary file, then rename) and reported with its size
and SHA-256. The exit code is 1 when any file failed.
";

/// Runs `kyc-check snapshot fetch` with the arguments after `fetch`; returns the exit code.
pub fn run_fetch(args: Vec<OsString>) -> i32 {
    match parse(args) {
        Ok(Some((out, options))) => run(&out, &options),
        Ok(None) => 0,
        Err(message) => {
            eprintln!("kyc-check snapshot fetch: {message}\n\n{USAGE}");
            2
        }
    }
}

fn parse(args: Vec<OsString>) -> Result<Option<(PathBuf, FetchOptions)>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut out = None;
    let mut options = FetchOptions::default();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("out") => out = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?)),
            Long("base-url") => options.base_url = Some(string(parser.value())?),
            Long("only") => options.only.push(string(parser.value())?),
            Long("eu-token") => options.eu_token = Some(string(parser.value())?),
            Long("list") => {
                for file in OFFICIAL_FILES {
                    println!("{:<30} {:<18} {}", file.name, file.list.code(), file.url);
                }
                return Ok(None);
            }
            Short('h') | Long("help") => {
                print!("{USAGE}");
                return Ok(None);
            }
            other => return Err(other.unexpected().to_string()),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    for only in &options.only {
        if !OFFICIAL_FILES
            .iter()
            .any(|f| f.name.eq_ignore_ascii_case(only))
        {
            return Err(format!(
                "--only {only}: not one of the official files (see --list)"
            ));
        }
    }
    Ok(Some((out, options)))
}

fn string(value: Result<OsString, lexopt::Error>) -> Result<String, String> {
    value
        .map_err(|e| e.to_string())?
        .into_string()
        .map_err(|_| "argument is not valid UTF-8".to_string())
}

fn run(out: &std::path::Path, options: &FetchOptions) -> i32 {
    let mut failed = 0;
    for outcome in fetch_files(out, options) {
        match outcome {
            FetchOutcome::Fetched(f) => {
                println!(
                    "ok      {:<30} {:>12} bytes  sha256 {}",
                    f.name, f.bytes, f.sha256
                );
            }
            FetchOutcome::Failed(e) => {
                failed += 1;
                eprintln!("error   {e}");
            }
            FetchOutcome::Skipped { name, reason } => println!("skipped {name:<30} {reason}"),
        }
    }
    if failed > 0 {
        eprintln!("kyc-check snapshot fetch: {failed} file(s) failed");
        1
    } else {
        0
    }
}
