//! Malformed inputs: every failure names the file and the line or element, and nothing
//! panics (byte-level mutations of the sample lists, truncations, random bytes).

mod sources_support;

use std::path::{Path, PathBuf};

use kyc_check::sources::{self, dates, detect_format, ofac_csv, parse_bytes, uk_ofsi, un_xml};
use proptest::prelude::*;
use sources_support::{data, shared};

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kyc-check-malformed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn load_error(name: &str, bytes: &[u8]) -> String {
    let path = write_temp(name, bytes);
    let err = sources::load_paths(std::slice::from_ref(&path))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&path.display().to_string()),
        "error does not name the file: {err}"
    );
    err
}

#[test]
fn empty_file_is_named() {
    let err = load_error("empty.csv", b"");
    assert!(err.ends_with("empty.csv: empty file"), "{err}");
}

#[test]
fn unknown_file_is_refused() {
    let err = load_error("notes.txt", b"hello, world\n");
    assert!(err.contains("unknown format"), "{err}");
    let err = load_error("page.xml", b"<?xml version=\"1.0\"?><html/>");
    assert!(err.contains("root element <html>"), "{err}");
}

#[test]
fn missing_columns_name_the_line() {
    let sdn = std::fs::read(data("ofac_sdn/sdn.csv")).unwrap();
    let mut text = String::from_utf8(sdn).unwrap();
    // Drop the Remarks column of the third record.
    let lines: Vec<&str> = text.split("\r\n").collect();
    let broken = lines[2].rsplit_once(",\"").unwrap().0.to_string();
    text = text.replacen(lines[2], &broken, 1);
    let err = load_error("sdn.csv", text.as_bytes());
    assert!(err.contains("sdn.csv:3: expected 12 columns"), "{err}");

    let err = uk_ofsi::parse_csv(
        b"Last Updated,01/01/2025\r\nName 6,Group Type\r\nX,Entity\r\n",
        "ConList.csv",
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "ConList.csv:2: missing column `Group ID` in the header row"
    );
}

#[test]
fn bad_encoding_names_the_line() {
    let mut bytes = std::fs::read(data("ofac_sdn/alt.csv")).unwrap();
    // Latin-1 "é" in the 4th record.
    let fourth = bytes
        .split(|&b| b == b'\n')
        .take(3)
        .map(|l| l.len() + 1)
        .sum::<usize>();
    bytes.insert(fourth + 15, 0xE9);
    let err = ofac_csv::parse_alt(&bytes, "alt.csv")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("alt.csv:4: invalid UTF-8"), "{err}");

    let mut xml = std::fs::read(data("un/consolidated.xml")).unwrap();
    let at = xml.windows(6).position(|w| w == b"SADDAM").unwrap();
    xml[at] = 0xFF;
    let err = un_xml::parse(&xml, "consolidated.xml")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("consolidated.xml:9: invalid UTF-8"),
        "{err}"
    );
}

#[test]
fn invalid_xml_names_element_and_line() {
    let xml = std::fs::read_to_string(data("un/consolidated.xml")).unwrap();
    // Truncated file: cut inside the second INDIVIDUAL.
    let cut = xml.find("SAIF-AL ISLAM").unwrap();
    let err = un_xml::parse(&xml.as_bytes()[..cut], "consolidated.xml")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "consolidated.xml: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/FIRST_NAME (line "
        ),
        "{err}"
    );
    assert!(err.contains("truncated"), "{err}");
    // Mismatched end tag.
    let broken = xml.replacen("</SECOND_NAME>", "</SECOND>", 1);
    let err = un_xml::parse(broken.as_bytes(), "consolidated.xml")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "consolidated.xml: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL/SECOND_NAME (line 10)"
        ),
        "{err}"
    );
    // A record without its name.
    let nameless = xml
        .replacen("<FIRST_NAME>SADDAM</FIRST_NAME>", "", 1)
        .replacen("<SECOND_NAME>HUSSEIN</SECOND_NAME>", "", 1)
        .replacen("<THIRD_NAME>AL-TIKRITI</THIRD_NAME>", "", 1);
    let err = un_xml::parse(nameless.as_bytes(), "consolidated.xml")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "consolidated.xml: /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL (line 6): record IQi.001 has no FIRST_NAME"
    );
}

#[test]
fn truncated_xlsx_names_the_file() {
    let Some(path) = shared("uk/ofsi_conlist_2025-04-10/UK_Sanctions_List.xlsx") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    for cut in [100, 100_000, bytes.len() / 2, bytes.len() - 10] {
        let err = load_error("UK_Sanctions_List.xlsx", &bytes[..cut]);
        assert!(err.contains("UK_Sanctions_List.xlsx: "), "{err}");
    }
}

/// The small sample files, for mutation.
fn samples() -> Vec<(String, Vec<u8>)> {
    [
        "ofac_sdn/sdn.csv",
        "ofac_sdn/alt.csv",
        "ofac_cons/cons_prim.csv",
        "un/consolidated.xml",
        "uk/ConList.csv",
        "eu/fsf.xml",
    ]
    .iter()
    .map(|rel| {
        (
            Path::new(rel)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            std::fs::read(data(rel)).unwrap(),
        )
    })
    .collect()
}

/// Detects and parses; a result either way is fine, a panic is not.
fn parse_anything(name: &str, bytes: &[u8]) {
    if let Ok(format) = detect_format(Path::new(name), &bytes[..bytes.len().min(65_536)]) {
        let _ = parse_bytes(format, name, bytes);
    }
}

proptest! {
    // 200 cases by default; PROPTEST_CASES=N for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn mutated_samples_never_panic(
        which in 0usize..6,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let (name, mut bytes) = samples().swap_remove(which);
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        parse_anything(&name, &bytes);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in 0usize..4) {
        let name = ["x.csv", "x.xml", "cons_prim.csv", "x.xlsx"][ext];
        parse_anything(name, &bytes);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        parse_anything("x.xlsx", &zip);
    }

    #[test]
    fn dates_never_panic(text in "\\PC{0,40}") {
        let _ = dates::birth_date(&text);
        let _ = dates::single(&text);
        let _ = dates::dmy(&text, '/');
    }
}
