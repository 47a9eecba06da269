//! `kyc-check snapshot build | info | diff`, run as a process on a tiny hand-written OFAC
//! legacy CSV set (written to a temporary directory by the test; layout per
//! ../shared/watchlists/README.md section 1: no header, `-0- ` null marker, CRLF).

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kyc-check");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "kyc-check-snapshot-cli-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes an invented SDN set: `sdn.csv` rows and `alt.csv` rows.
fn write_set(dir: &Path, sdn_rows: &[&str], alt_rows: &[&str]) {
    let join = |rows: &[&str]| rows.iter().map(|r| format!("{r}\r\n")).collect::<String>();
    std::fs::write(dir.join("sdn.csv"), join(sdn_rows)).unwrap();
    std::fs::write(dir.join("alt.csv"), join(alt_rows)).unwrap();
}

const N: &str = "-0- ";

fn sdn_row(id: u32, name: &str, kind: &str, program: &str) -> String {
    format!("{id},\"{name}\",{kind},\"{program}\",{N},{N},{N},{N},{N},{N},{N},{N}")
}

fn v1(dir: &Path) {
    let rows = [
        sdn_row(101, "EXAMPLE, Person One", "\"individual\"", "SDGT"),
        sdn_row(102, "EXAMPLE TRADING LLC", N, "IRAN"),
        sdn_row(103, "REMOVED LATER CO", N, "CUBA"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    write_set(
        dir,
        &rows,
        &[&format!("102,201,\"aka\",\"EXAMPLE TRADE CO\",{N}")],
    );
}

fn v2(dir: &Path) {
    let rows = [
        sdn_row(101, "EXAMPLE, Person One", "\"individual\"", "SDGT"),
        sdn_row(102, "EXAMPLE TRADING LLC", N, "IRAN] [SDGT"),
        sdn_row(104, "NEWLY LISTED LTD", N, "RUSSIA-EO14024"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    write_set(
        dir,
        &rows,
        &[
            &format!("102,201,\"aka\",\"EXAMPLE TRADE CO\",{N}"),
            &format!("102,202,\"fka\",\"EXAMPLE OLD NAME\",{N}"),
        ],
    );
}

fn run(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn build_is_reproducible_and_info_reports_it() {
    let dir = temp_dir("build");
    let lists = dir.join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    v1(&lists);
    let a = dir.join("a.kcs");
    let b = dir.join("b.kcs");

    let out = run(
        &[
            "snapshot",
            "build",
            "--out",
            s(&a),
            "--label",
            "t",
            "--built-at",
            "2025-06-01T00:00:00Z",
            s(&lists),
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(summary.contains("ofac_sdn"), "{summary}");
    assert!(
        summary.contains("unknown"),
        "OFAC CSV has no publication date: {summary}"
    );
    assert!(summary.contains("sha256:"), "{summary}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("4/4"), "progress on stderr: {stderr}");

    // The same time through SOURCE_DATE_EPOCH (1748736000 = 2025-06-01T00:00:00Z), files
    // named one by one: identical bytes.
    let out = run(
        &[
            "snapshot",
            "build",
            "--out",
            s(&b),
            "--label",
            "t",
            s(&lists.join("alt.csv")),
            s(&lists.join("sdn.csv")),
        ],
        &[("SOURCE_DATE_EPOCH", "1748736000")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());

    let out = run(&["snapshot", "info", s(&a)], &[]);
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["format_version"], 4);
    assert_eq!(info["remarks"], "full");
    assert_eq!(info["built_at"], "2025-06-01T00:00:00Z");
    assert_eq!(info["label"], "t");
    assert_eq!(info["entity_count"], 3);
    assert_eq!(info["name_count"], 4);
    assert_eq!(info["size_bytes"], std::fs::metadata(&a).unwrap().len());
    assert_eq!(info["sha256"].as_str().unwrap().len(), 64);
    let sections = info["section_bytes"].as_object().unwrap();
    let keys: Vec<&str> = sections.keys().map(String::as_str).collect();
    assert_eq!(keys, ["entities", "header", "index", "remarks", "strings"]);
    let body: u64 = sections.values().map(|v| v.as_u64().unwrap()).sum();
    // Prefix 46 bytes + 5 bytes of tag and length per section.
    assert_eq!(body + 46 + 5 * 5, info["size_bytes"].as_u64().unwrap());
    assert_eq!(info["sources"][0]["source"], "ofac_sdn");
    assert_eq!(info["sources"][0]["published"], serde_json::Value::Null);
    assert_eq!(
        info["sources"][0]["files"],
        serde_json::json!(["sdn.csv", "alt.csv"])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn info_refuses_a_damaged_file_with_the_error_code() {
    let dir = temp_dir("damaged");
    let lists = dir.join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    v1(&lists);
    let a = dir.join("a.kcs");
    let out = run(
        &[
            "snapshot",
            "build",
            "--out",
            s(&a),
            "--built-at",
            "2025-06-01T00:00:00Z",
            s(&lists),
        ],
        &[],
    );
    assert!(out.status.success());
    let mut bytes = std::fs::read(&a).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&a, &bytes).unwrap();
    let out = run(&["snapshot", "info", s(&a)], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hash_mismatch"));

    std::fs::write(&a, &bytes[..bytes.len() / 2]).unwrap();
    let out = run(&["snapshot", "info", s(&a)], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_lists_added_removed_and_changed() {
    let dir = temp_dir("diff");
    let (l1, l2) = (dir.join("v1"), dir.join("v2"));
    std::fs::create_dir_all(&l1).unwrap();
    std::fs::create_dir_all(&l2).unwrap();
    v1(&l1);
    v2(&l2);
    let (a, b) = (dir.join("a.kcs"), dir.join("b.kcs"));
    for (out, lists) in [(&a, &l1), (&b, &l2)] {
        let r = run(
            &[
                "snapshot",
                "build",
                "--out",
                s(out),
                "--built-at",
                "2025-06-01T00:00:00Z",
                s(lists),
            ],
            &[],
        );
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }
    let out = run(&["snapshot", "diff", s(&a), s(&b)], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        d["totals"],
        serde_json::json!({"added": 1, "removed": 1, "changed": 1, "unchanged": 1})
    );
    let sdn = &d["sources"][0];
    assert_eq!(sdn["source"], "ofac_sdn");
    assert_eq!(sdn["added"][0]["id"], "ofac_sdn:104");
    assert_eq!(sdn["added"][0]["name"], "NEWLY LISTED LTD");
    assert_eq!(sdn["removed"][0]["id"], "ofac_sdn:103");
    assert_eq!(sdn["changed"][0]["id"], "ofac_sdn:102");
    assert_eq!(
        sdn["changed"][0]["parts"],
        serde_json::json!(["names", "programs"])
    );
    assert_eq!(
        sdn["changed"][0]["names_added"],
        serde_json::json!(["EXAMPLE OLD NAME"])
    );
    assert_eq!(
        sdn["changed"][0]["programs_added"],
        serde_json::json!(["SDGT"])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["snapshot"], &[]).status.code(), Some(2));
    assert_eq!(run(&["snapshot", "build", "x"], &[]).status.code(), Some(2));
    assert_eq!(
        run(&["snapshot", "build", "--out", "/tmp/x.kcs"], &[])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(
            &[
                "snapshot",
                "build",
                "--out",
                "/tmp/x.kcs",
                "--built-at",
                "yesterday",
                "x"
            ],
            &[]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(run(&["snapshot", "diff", "a"], &[]).status.code(), Some(2));
    assert_eq!(run(&["snapshot", "frobnicate"], &[]).status.code(), Some(2));
    // A missing input is a failure, not a usage error.
    let out = run(
        &[
            "snapshot",
            "build",
            "--out",
            "/tmp/never-written.kcs",
            "--built-at",
            "2025-06-01T00:00:00Z",
            "/nonexistent/lists",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn skip_unreadable_skips_directories_without_a_readable_list() {
    let dir = temp_dir("lenient");
    let (lists, notes) = (dir.join("in/sdn"), dir.join("in/notes"));
    std::fs::create_dir_all(&lists).unwrap();
    std::fs::create_dir_all(&notes).unwrap();
    v1(&lists);
    std::fs::write(notes.join("scores.csv"), "name,score\nx,1\n").unwrap();
    let out_file = dir.join("a.kcs");
    let args = [
        "snapshot",
        "build",
        "--out",
        s(&out_file),
        "--built-at",
        "2025-06-01T00:00:00Z",
    ];

    let strict = run(&[&args[..], &[s(&dir.join("in"))]].concat(), &[]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("unknown format"));
    assert!(!out_file.exists(), "nothing written on failure");

    let lenient = run(
        &[&args[..], &["--skip-unreadable", s(&dir.join("in"))]].concat(),
        &[],
    );
    assert!(
        lenient.status.success(),
        "{}",
        String::from_utf8_lossy(&lenient.stderr)
    );
    let stderr = String::from_utf8_lossy(&lenient.stderr);
    assert!(
        stderr.contains("skipped") && stderr.contains("notes"),
        "{stderr}"
    );
    let info = run(&["snapshot", "info", s(&out_file)], &[]);
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["entity_count"], 3);
    let _ = std::fs::remove_dir_all(&dir);
}
