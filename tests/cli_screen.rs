//! `kyc-check screen`: JSON Lines in, one result per line out, in order; malformed lines
//! get an error result; a bad snapshot stops the run (fail closed).

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kyc-check");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "kyc-check-cli-screen-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A snapshot of the sample lists in data/ written to a temp file.
fn sample_snapshot(dir: &Path) -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let parsed = kyc_check::sources::load_paths(std::slice::from_ref(&data)).expect("data/ parses");
    let outcome =
        kyc_check::snapshot::builder::build_from_sources(parsed, "2025-01-01T00:00:00Z", "test");
    let path = dir.join("sample.kcs");
    std::fs::write(&path, outcome.bytes).expect("write snapshot");
    path
}

fn run(args: &[&str], stdin: &str) -> (i32, Vec<serde_json::Value>, String) {
    let mut child = Command::new(BIN)
        .arg("screen")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kyc-check");
    // The process may exit before reading stdin (a refused snapshot): ignore a broken pipe.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    (
        out.status.code().unwrap_or(-1),
        lines,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn screens_lines_in_order_and_survives_malformed_ones() {
    let dir = temp_dir("order");
    let snap = sample_snapshot(&dir);
    let input = concat!(
        "{\"name\": \"Kim Jong Un\", \"type\": \"person\"}\n",
        "not json\n",
        "\n",
        "{\"name\": \"Jane Q. Nobody\"}\n",
        "{\"name\": \"x\", \"type\": \"spaceship\"}\n",
        "{\"name\": \"BANK MELLI IRAN\"}\n",
    );
    let (code, lines, stderr) = run(&["--snapshot", snap.to_str().unwrap()], input);
    assert_eq!(code, 1, "malformed lines give exit code 1: {stderr}");
    assert_eq!(lines.len(), 5, "one result per non-blank line");
    assert_eq!(lines[0]["decision"], "block");
    assert_eq!(lines[0]["matches"][0]["name"], "KIM, Jong Un");
    assert!(lines[0]["snapshot"]["sha256"]
        .as_str()
        .is_some_and(|s| s.len() == 64));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("invalid query"));
    assert_eq!(lines[2]["decision"], "clear");
    assert_eq!(lines[3]["line"], 5);
    assert_eq!(lines[4]["decision"], "block");
    assert!(stderr.contains("lines"), "progress on stderr");
}

#[test]
fn many_lines_on_many_threads_keep_input_order() {
    let dir = temp_dir("threads");
    let snap = sample_snapshot(&dir);
    let names = [
        "Kim Jong Un",
        "Nobody Special",
        "Garantex Europe",
        "Ali Khamenei",
        "Maria Rossi",
    ];
    let mut input = String::new();
    for i in 0..400 {
        input.push_str(&format!("{{\"name\": \"{}\"}}\n", names[i % names.len()]));
    }
    let (code, four, _) = run(
        &[
            "--snapshot",
            snap.to_str().unwrap(),
            "--threads",
            "4",
            "--quiet",
        ],
        &input,
    );
    let (_, one, _) = run(
        &[
            "--snapshot",
            snap.to_str().unwrap(),
            "--threads",
            "1",
            "--quiet",
        ],
        &input,
    );
    assert_eq!(code, 0);
    assert_eq!(four.len(), 400);
    assert_eq!(four, one, "same results whatever the thread count");
    for (i, r) in four.iter().enumerate() {
        let expect_hit = i % names.len() != 1 && i % names.len() != 4;
        assert_eq!(r["decision"] != "clear", expect_hit, "line {i}: {r}");
    }
}

#[test]
fn identifier_and_threshold_options() {
    let dir = temp_dir("options");
    let snap = sample_snapshot(&dir);
    let input = "{\"name\": \"Someone Else\", \"crypto_address\": \"0x8589427373d6d84e98730d7795d8f6f8731fda16\"}\n";
    let (code, lines, _) = run(&["--snapshot", snap.to_str().unwrap()], input);
    assert_eq!(code, 0);
    assert_eq!(lines[0]["decision"], "block");
    assert_eq!(
        lines[0]["matches"][0]["explanation"]["adjustments"][0]["code"],
        "identifier_match"
    );
    // A strict threshold turns a fuzzy hit into clear.
    let input = "{\"name\": \"Kim Jong Unn\"}\n";
    let (_, lenient, _) = run(
        &["--snapshot", snap.to_str().unwrap(), "--threshold", "0.8"],
        input,
    );
    let (_, strict, _) = run(
        &["--snapshot", snap.to_str().unwrap(), "--threshold", "0.999"],
        input,
    );
    assert_ne!(lenient[0]["decision"], "clear");
    assert_eq!(strict[0]["decision"], "clear");
    let (code, _, _) = run(
        &["--snapshot", snap.to_str().unwrap(), "--threshold", "1.5"],
        input,
    );
    assert_eq!(code, 2);
}

#[test]
fn refuses_to_screen_without_a_valid_snapshot() {
    let dir = temp_dir("failclosed");
    let snap = sample_snapshot(&dir);
    let mut bytes = std::fs::read(&snap).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    let bad = dir.join("bad.kcs");
    std::fs::write(&bad, &bytes).unwrap();
    let (code, lines, stderr) = run(
        &["--snapshot", bad.to_str().unwrap()],
        "{\"name\": \"Nobody\"}\n",
    );
    assert_eq!(code, 2);
    assert!(lines.is_empty(), "no result at all, never `clear`");
    assert!(stderr.contains("refusing snapshot"), "{stderr}");
    let (code, lines, _) = run(
        &["--snapshot", dir.join("missing.kcs").to_str().unwrap()],
        "{\"name\": \"Nobody\"}\n",
    );
    assert_eq!(code, 2);
    assert!(lines.is_empty());
    let (code, _, _) = run(&[], "{\"name\": \"Nobody\"}\n");
    assert_eq!(code, 2, "--snapshot is required");
}
