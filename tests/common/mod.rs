//! Shared runner for the data-driven validation vectors in `tests/vectors/*.tsv`.
//! Included by the native tests and by the wasm tests (Node and Chromium), so every engine
//! checks exactly the same vectors.
//!
//! File format: `#` starts a comment (citations live there); blank lines are skipped; other
//! lines are `format<TAB>input<TAB>expect[<TAB>note]`, where `expect` is `ok`,
//! `ok:<normalized value>` or `err:<error_code>`. In `input`, `\t`, `\n`, `\u{XXXX}` and `\\`
//! are unescaped so invisible characters stay readable in the file.

#![allow(dead_code)]

pub mod vector_files;

use kyc_check::validate::{code_name, validate_format};

/// Unescapes `\t`, `\n`, `\\` and `\u{XXXX}` in a vector's input column.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let hex: String = chars.by_ref().take_while(|&h| h != '}').collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(decoded) => out.push(decoded),
                    None => out.push_str(&format!("\\u{{{hex}}}")),
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Checks every vector in one file; returns (vectors checked, failure descriptions).
pub fn run_vector_file(file_name: &str, contents: &str) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (line_no, line) in contents.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            failures.push(format!("{file_name}:{}: fewer than 3 columns", line_no + 1));
            continue;
        }
        let (format, input, expect) = (cols[0], unescape(cols[1]), cols[2]);
        checked += 1;
        let got = match validate_format(format, &input) {
            Some(result) => result,
            None => {
                failures.push(format!(
                    "{file_name}:{}: unknown format `{format}`",
                    line_no + 1
                ));
                continue;
            }
        };
        let ok = match (&got, expect) {
            (Ok(_), "ok") => true,
            (Ok(n), e) if e.starts_with("ok:") => n.value == e[3..],
            (Err(err), e) if e.starts_with("err:") => code_name(err.code) == e[4..],
            _ => false,
        };
        if !ok {
            let got_text = match &got {
                Ok(n) => format!("ok:{}", n.value),
                Err(e) => format!("err:{} ({})", code_name(e.code), e.message),
            };
            failures.push(format!(
                "{file_name}:{}: {format} {input:?}: expected {expect}, got {got_text}",
                line_no + 1
            ));
        }
    }
    (checked, failures)
}

/// Runs every vector file; panics with all failures listed (a test helper, not library code).
pub fn run_all_vectors() -> usize {
    let mut total = 0;
    let mut failures = Vec::new();
    for (name, contents) in vector_files::VECTOR_FILES {
        let (n, f) = run_vector_file(name, contents);
        total += n;
        failures.extend(f);
    }
    assert!(
        failures.is_empty(),
        "{} vector failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    total
}
