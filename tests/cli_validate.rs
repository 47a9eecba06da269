//! Runs the built `kyc-check validate` binary on JSON Lines input and checks its real output.
#![cfg(not(target_arch = "wasm32"))] // native only: runs a child process

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `kyc-check validate ARGS` with `stdin`; returns (exit code, stdout lines as JSON).
fn run(args: &[&str], stdin: &str) -> (i32, Vec<Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kyc-check"))
        .arg("validate")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kyc-check");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    (output.status.code().unwrap_or(-1), lines)
}

fn code(report: &Value, field: &str) -> String {
    report["fields"][field]["errors"][0]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn valid_record_gives_normalized_values_and_exit_0() {
    let input = r#"{"id":"a1","given_name":"Anna Maria","family_name":"Eriksson","birth_date":"1974-08-12","email":"anna@Example.SE","country":"Sweden"}"#;
    let (status, reports) = run(&["--today", "2026-01-01"], &format!("{input}\n"));
    assert_eq!(status, 0);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r["id"], "a1");
    assert_eq!(r["valid"], true);
    assert_eq!(r["fields"]["email"]["normalized"], "anna@example.se");
    assert_eq!(r["fields"]["country"]["normalized"], "SE");
    assert_eq!(r["fields"]["birth_date"]["details"]["age"], "51");
}

#[test]
fn malformed_line_gets_record_error_and_run_goes_on() {
    let input = "{\"given_name\":\"Anna\"}\nthis is not json\n\n[1,2]\n{\"nickname\":\"x\"}\n{\"given_name\":\"B0b\"}\n";
    let (status, reports) = run(&["--today", "2026-01-01"], input);
    assert_eq!(status, 1);
    assert_eq!(
        reports.len(),
        5,
        "blank line skipped, every other line answered"
    );
    assert_eq!(reports[0]["valid"], true);
    assert_eq!(code(&reports[1], "record"), "invalid_format");
    assert!(reports[1]["fields"]["record"]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("line 2:"));
    assert_eq!(code(&reports[2], "record"), "invalid_format");
    assert_eq!(code(&reports[3], "record"), "invalid_format");
    assert_eq!(code(&reports[4], "given_name"), "digit_in_name");
}

#[test]
fn flags_and_per_line_options_apply() {
    let input = concat!(
        r#"{"birth_date":"2006-06-01"}"#,
        "\n",
        r#"{"birth_date":"2006-06-01","options":{"min_age":21}}"#,
        "\n",
        r#"{"birth_date":"01/06/2006","options":{"date_order":"dmy"}}"#,
        "\n",
    );
    let (status, reports) = run(&["--today", "2026-01-01", "--min-age", "19"], input);
    assert_eq!(status, 1);
    assert_eq!(reports[0]["valid"], true, "19 on 2026-01-01");
    assert_eq!(code(&reports[1], "birth_date"), "too_young");
    assert_eq!(
        reports[2]["fields"]["birth_date"]["normalized"],
        "2006-06-01"
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    let (status, reports) = run(&["--today", "2026-02-30"], "");
    assert_eq!(status, 2);
    assert!(reports.is_empty());
    let (status, _) = run(&["--frobnicate"], "");
    assert_eq!(status, 2);
    let (status, _) = run(&["--min-age", "eighteen"], "");
    assert_eq!(status, 2);
}

#[test]
fn default_country_and_blocked_jurisdictions_flags() {
    let input = concat!(
        r#"{"phone":"030 123456"}"#,
        "\n",
        r#"{"country":"Cuba"}"#,
        "\n",
        r#"{"country":"RU"}"#,
        "\n",
    );
    let (_, reports) = run(&["--today", "2026-01-01", "--default-country", "DE"], input);
    assert_eq!(reports[0]["fields"]["phone"]["normalized"], "+4930123456");
    assert_eq!(code(&reports[1], "country"), "blocked_jurisdiction");
    assert_eq!(reports[2]["valid"], true);

    let (status, reports) = run(&["--blocked-jurisdictions", "RU,UA-43"], input);
    assert_eq!(status, 1);
    assert_eq!(
        code(&reports[0], "phone"),
        "invalid_format",
        "no default country"
    );
    assert_eq!(reports[1]["valid"], true, "Cuba no longer blocked");
    assert_eq!(code(&reports[2], "country"), "blocked_jurisdiction");
}
