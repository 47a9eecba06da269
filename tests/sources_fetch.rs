//! `snapshot fetch` against a local HTTP server on 127.0.0.1 that serves the real files in
//! ../shared/watchlists under their official names: the bytes written must be identical,
//! each reported with its SHA-256; a missing file fails alone, naming file and URL.

mod sources_support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;

use kyc_check::sources::fetch::{fetch_files, sha256_hex, FetchOptions, FetchOutcome};
use sources_support::shared;

/// Official name → file in ../shared/watchlists.
fn served_files() -> Option<HashMap<&'static str, PathBuf>> {
    let pairs = [
        ("SDN.CSV", "ofac/sdn_set_2021-07-07/sdn.csv"),
        ("ALT.CSV", "ofac/sdn_set_2021-07-07/alt.csv"),
        ("ADD.CSV", "ofac/sdn_set_2021-07-07/add.csv"),
        (
            "SDN_COMMENTS.CSV",
            "ofac/sdn_set_2021-07-07/sdn_comments.csv",
        ),
        ("CONS_PRIM.CSV", "ofac/cons_csv_2025-12-19/cons_prim.csv"),
        (
            "CONSOLIDATED.XML",
            "ofac/cons_xml_2025-03-28/consolidated.xml",
        ),
        ("un_consolidated.xml", "un/consolidated.xml"),
        (
            "UK-Sanctions-List.ods",
            "uk/fcdo_uksl_summary_2025-08-11/FCDO_SL_2025-08-11.ods",
        ),
    ];
    let mut map = HashMap::new();
    for (name, rel) in pairs {
        map.insert(name, shared(rel)?);
    }
    Some(map)
}

/// Serves `connections` requests (one per connection) and stops: GET /<name> → the file,
/// anything else → 404.
fn serve(files: HashMap<&'static str, PathBuf>, connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .trim_start_matches('/');
            match files.get(path) {
                Some(file) => {
                    let body = std::fs::read(file).unwrap();
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                }
                None => {
                    let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
                }
            }
        }
    });
    base
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kyc-check-fetch-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn fetch_writes_identical_bytes_and_reports_sha256() {
    let Some(files) = served_files() else { return };
    let names: Vec<String> = files.keys().map(|n| n.to_string()).collect();
    // One extra request for ConList.csv, which the server does not have.
    let base = serve(files.clone(), names.len() + 1);
    let out = temp_dir("lib");
    let mut only = names.clone();
    only.push("ConList.csv".to_string());
    let outcomes = fetch_files(
        &out,
        &FetchOptions {
            base_url: Some(base.clone()),
            only,
            ..Default::default()
        },
    );
    let mut fetched = 0;
    for outcome in &outcomes {
        match outcome {
            FetchOutcome::Fetched(f) => {
                let expected = std::fs::read(&files[f.name.as_str()]).unwrap();
                let written = std::fs::read(out.join(&f.name)).unwrap();
                assert!(written == expected, "{} differs", f.name);
                assert_eq!(f.bytes, expected.len() as u64);
                assert_eq!(f.sha256, sha256_hex(&expected));
                assert_eq!(f.url, format!("{base}/{}", f.name));
                fetched += 1;
            }
            FetchOutcome::Failed(e) => {
                assert_eq!(e.name, "ConList.csv");
                assert!(
                    e.to_string().contains("ConList.csv: http://127.0.0.1:"),
                    "{e}"
                );
                assert!(e.message.contains("404"), "{e}");
                assert!(!out.join("ConList.csv").exists());
            }
            FetchOutcome::Skipped { name, .. } => panic!("unexpected skip of {name}"),
        }
    }
    assert_eq!(fetched, names.len());
    // README hash of the 2021 sdn.csv, checked end to end.
    let sdn = outcomes.iter().find_map(|o| match o {
        FetchOutcome::Fetched(f) if f.name == "SDN.CSV" => Some(f),
        _ => None,
    });
    assert_eq!(
        sdn.unwrap().sha256,
        "2a08fac873a3be0b92208f8874b2e7c138b7938190eeeb7ef991c15ba60e855b"
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".part-"))
        .collect();
    assert!(leftovers.is_empty());
    // The fetched directory parses: the SDN CSV set (4 files) and the other lists.
    let parsed = kyc_check::sources::load_paths(std::slice::from_ref(&out)).unwrap();
    assert!(parsed.iter().any(|p| p.info.entity_count == 8_976));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn cli_fetch_reports_each_file_and_fails_on_errors() {
    let Some(files) = served_files() else { return };
    let base = serve(files, 2);
    let out = temp_dir("cli");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kyc-check"))
        .args(["snapshot", "fetch", "--out"])
        .arg(&out)
        .args([
            "--base-url",
            &base,
            "--only",
            "SDN_COMMENTS.CSV",
            "--only",
            "SDN.XML",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("ok      SDN_COMMENTS.CSV"), "{stdout}");
    assert!(
        stdout.contains("sha256 ca007d3fbb52990034c52318f9d108ae357fa18295d8743f7f2a3bb407191836"),
        "{stdout}"
    );
    assert!(stderr.contains("error   SDN.XML: "), "{stderr}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn eu_file_is_skipped_without_a_token() {
    let out = temp_dir("eu");
    let outcomes = fetch_files(
        &out,
        &FetchOptions {
            only: vec!["xmlFullSanctionsList_1_1.xml".into()],
            ..Default::default()
        },
    );
    assert!(
        matches!(&outcomes[..], [FetchOutcome::Skipped { name, .. }] if name == "xmlFullSanctionsList_1_1.xml")
    );
    let _ = std::fs::remove_dir_all(&out);
}
