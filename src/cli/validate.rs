//! `kyc-check validate`: validates JSON Lines identity records from stdin and writes one
//! JSON report per line to stdout.
//!
//! Each input line is a JSON object with the fields of `kyc_check::validate::record::Record`;
//! it may also carry an `"options"` object (overriding the command-line options for that
//! line) and an `"id"` (any JSON value, echoed in the report). A line that is not a JSON
//! object, or has unknown fields, gets a report with one `record` error and the run goes on.
//! Exit code: 0 when every record is valid, 1 when any is not, 2 on a usage or I/O error.

use kyc_check::validate::record::{validate_record, Options, Record, RecordReport};
use kyc_check::validate::ErrorCode;
use serde_json::{Map, Value};
use std::ffi::OsString;
use std::io::{self, BufRead, BufWriter, Write};

const USAGE: &str = "\
kyc-check validate: validate JSON Lines identity records from stdin

USAGE:
    kyc-check validate [OPTIONS] < records.jsonl > reports.jsonl

Each line is a JSON object such as
    {\"id\": 7, \"given_name\": \"Anna\", \"birth_date\": \"1974-08-12\", \"country\": \"SE\"}
and may carry an \"options\" object with the keys below (snake_case) for that line only.

OPTIONS:
    --today YYYY-MM-DD             Reference date for ages and expiry (default: today, UTC)
    --min-age N                    Minimum age in years (default 18)
    --max-age N                    Maximum plausible age in years (default 120)
    --date-order iso|dmy|mdy       How birth dates are written (default iso)
    --default-country CC           Country for national phone numbers
    --blocked-jurisdictions LIST   Comma-separated blocked jurisdictions replacing the
                                   default list (\"\" blocks none)
    -h, --help                     Print this help

Exit status: 0 all records valid, 1 some record invalid, 2 usage or I/O error.
";

/// Runs `kyc-check validate` with the arguments after the subcommand; returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let base = match parse_args(args) {
        Ok(Some(base)) => base,
        Ok(None) => {
            print!("{USAGE}");
            return 0;
        }
        Err(message) => {
            eprintln!("kyc-check validate: {message}\n\n{USAGE}");
            return 2;
        }
    };
    // Check the command-line options once, up front, so a bad flag is a usage error.
    if let Err(e) = serde_json::from_value::<Options>(Value::Object(base.clone())) {
        eprintln!("kyc-check validate: {e}");
        return 2;
    }
    match process(io::stdin().lock(), io::stdout().lock(), &base) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("kyc-check validate: {e}");
            2
        }
    }
}

/// Parses the flags into an options object (`None` for `--help`).
fn parse_args(args: Vec<OsString>) -> Result<Option<Map<String, Value>>, String> {
    use lexopt::Arg::{Long, Short};
    let mut parser = lexopt::Parser::from_args(args);
    let mut options = Map::new();
    let text = |v: OsString| {
        v.into_string()
            .map_err(|_| "option value is not valid UTF-8".to_string())
    };
    let number = |v: OsString, flag: &str| -> Result<Value, String> {
        let s = v
            .into_string()
            .map_err(|_| "option value is not valid UTF-8".to_string())?;
        s.parse::<u32>()
            .map(Value::from)
            .map_err(|_| format!("{flag} expects a whole number of years, got `{s}`"))
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        let flag = match arg {
            Short('h') | Long("help") => return Ok(None),
            Long(name) => name.to_string(),
            other => return Err(other.unexpected().to_string()),
        };
        const FLAGS: [&str; 6] = [
            "today",
            "min-age",
            "max-age",
            "date-order",
            "default-country",
            "blocked-jurisdictions",
        ];
        if !FLAGS.contains(&flag.as_str()) {
            return Err(format!("unknown option `--{flag}`"));
        }
        let value = parser.value().map_err(|e| e.to_string())?;
        let (key, json) = match flag.as_str() {
            "today" => ("today", Value::String(text(value)?)),
            "min-age" => ("min_age", number(value, "--min-age")?),
            "max-age" => ("max_age", number(value, "--max-age")?),
            "date-order" => ("date_order", Value::String(text(value)?)),
            "default-country" => ("default_country", Value::String(text(value)?)),
            "blocked-jurisdictions" => {
                let list = text(value)?
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect();
                ("blocked_jurisdictions", Value::Array(list))
            }
            _ => return Err(format!("unknown option `--{flag}`")),
        };
        options.insert(key.to_string(), json);
    }
    Ok(Some(options))
}

/// Validates every line of `input`, writing one report per non-blank line. Returns whether
/// every record was valid.
pub fn process(
    mut input: impl BufRead,
    output: impl Write,
    base: &Map<String, Value>,
) -> io::Result<bool> {
    let mut out = BufWriter::new(output);
    let mut all_valid = true;
    let mut line = Vec::new();
    let mut line_no = 0usize;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        line_no += 1;
        let report = match std::str::from_utf8(&line) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => validate_line(text, base, line_no),
            Err(_) => line_report(
                RecordReport::record_error(
                    ErrorCode::InvalidFormat,
                    format!("line {line_no}: not valid UTF-8"),
                ),
                None,
            ),
        };
        all_valid &= report.get("valid") == Some(&Value::Bool(true));
        serde_json::to_writer(&mut out, &report)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(all_valid)
}

/// Validates one JSON line into a report object.
fn validate_line(text: &str, base: &Map<String, Value>, line_no: usize) -> Value {
    let bad = |message: String| {
        RecordReport::record_error(
            ErrorCode::InvalidFormat,
            format!("line {line_no}: {message}"),
        )
    };
    let mut object = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return line_report(bad("a record must be a JSON object".into()), None),
        Err(e) => return line_report(bad(format!("malformed JSON: {e}")), None),
    };
    let id = object.remove("id");
    let mut options = base.clone();
    match object.remove("options") {
        Some(Value::Object(overrides)) => options.extend(overrides),
        Some(Value::Null) | None => {}
        Some(_) => return line_report(bad("\"options\" must be a JSON object".into()), id),
    }
    let options = match serde_json::from_value::<Options>(Value::Object(options)) {
        Ok(options) => options,
        Err(e) => return line_report(bad(format!("invalid options: {e}")), id),
    };
    match serde_json::from_value::<Record>(Value::Object(object)) {
        Ok(record) => line_report(validate_record(&record, &options), id),
        Err(e) => line_report(bad(format!("invalid record: {e}")), id),
    }
}

/// A report as JSON, with the line's `id` echoed when it had one.
fn line_report(report: RecordReport, id: Option<Value>) -> Value {
    let mut value = serde_json::to_value(&report).unwrap_or(Value::Null);
    if let (Some(id), Value::Object(map)) = (id, &mut value) {
        map.insert("id".into(), id);
    }
    value
}
