//! A small RFC 4180 reader for the official CSV files (OFAC legacy CSV, OFSI ConList.csv,
//! EU FSF CSV with `;`).
//!
//! Why our own: the files are small, the quirks are few (CRLF or LF, a trailing DOS EOF
//! byte 0x1A, a UTF-8 BOM) and a 100-line reader that reports the line each record starts
//! on keeps error messages precise without a dependency.

use super::SourceError;

/// One record: the 1-based line it starts on and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line number (1-based) of the record's first byte.
    pub line: usize,
    /// Field values, unquoted.
    pub fields: Vec<String>,
}

/// Splits `bytes` into records. Quoted fields may contain the delimiter, `""` and line
/// breaks. Blank lines are skipped. A trailing 0x1A byte and a leading UTF-8 BOM are
/// ignored. Fields must be valid UTF-8 (the error names the line).
pub fn read_records(bytes: &[u8], delimiter: u8, file: &str) -> Result<Vec<Record>, SourceError> {
    let mut data = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // DOS end-of-file marker(s) at the very end (OFAC writes one).
    while let Some((&0x1A, rest)) = data.split_last() {
        data = rest;
    }
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field: Vec<u8> = Vec::new();
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut in_quotes = false;
    let mut quote_line = 0usize;
    // True once the current record has any content (so blank lines can be skipped).
    let mut record_started = false;
    let mut i = 0usize;
    while i < data.len() {
        let b = data[i];
        if in_quotes {
            match b {
                b'"' if data.get(i + 1) == Some(&b'"') => {
                    field.push(b'"');
                    i += 1;
                }
                b'"' => in_quotes = false,
                b'\n' => {
                    line += 1;
                    field.push(b);
                }
                _ => field.push(b),
            }
            i += 1;
            continue;
        }
        match b {
            b'"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
                record_started = true;
            }
            b'\r' if data.get(i + 1) == Some(&b'\n') => {}
            b'\n' | b'\r' => {
                if record_started {
                    fields.push(to_string(std::mem::take(&mut field), file, line)?);
                    records.push(Record {
                        line: record_line,
                        fields: std::mem::take(&mut fields),
                    });
                }
                record_started = false;
                line += 1;
                record_line = line;
            }
            _ if b == delimiter => {
                fields.push(to_string(std::mem::take(&mut field), file, line)?);
                record_started = true;
            }
            _ => {
                // Lenient: a stray quote inside an unquoted field is kept literally.
                field.push(b);
                record_started = true;
            }
        }
        i += 1;
    }
    if in_quotes {
        return Err(SourceError::at_line(
            file,
            quote_line,
            "quoted field is not closed before the end of the file",
        ));
    }
    if record_started {
        fields.push(to_string(field, file, line)?);
        records.push(Record {
            line: record_line,
            fields,
        });
    }
    Ok(records)
}

fn to_string(bytes: Vec<u8>, file: &str, line: usize) -> Result<String, SourceError> {
    String::from_utf8(bytes).map_err(|e| {
        SourceError::at_line(
            file,
            line,
            format!(
                "invalid UTF-8 (byte 0x{:02X} at field offset {})",
                e.as_bytes()
                    .get(e.utf8_error().valid_up_to())
                    .copied()
                    .unwrap_or(0),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(bytes: &[u8]) -> Vec<Vec<String>> {
        read_records(bytes, b',', "t.csv")
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn rfc4180_quoting_and_line_breaks() {
        let got = fields(b"1,\"a, b\",\"say \"\"hi\"\"\"\r\n2,\"x\r\ny\",-0- \r\n\x1A");
        assert_eq!(got[0], vec!["1", "a, b", "say \"hi\""]);
        assert_eq!(got[1], vec!["2", "x\r\ny", "-0- "]);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn record_lines_count_embedded_breaks() {
        let recs = read_records(b"a\n\"b\nc\"\nd\n\ne", b',', "t.csv").unwrap();
        let lines: Vec<usize> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4, 6]);
    }

    #[test]
    fn empty_fields_and_semicolons() {
        let recs = read_records(b"\xEF\xBB\xBFa;;b;\n", b';', "t.csv").unwrap();
        assert_eq!(recs[0].fields, vec!["a", "", "b", ""]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = read_records(b"a\nb,\"open\n", b',', "x.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.csv:2: quoted field is not closed before the end of the file"
        );
        let err = read_records(b"a\nb,\xFF\n", b',', "x.csv").unwrap_err();
        assert!(
            err.to_string().starts_with("x.csv:2: invalid UTF-8"),
            "{err}"
        );
    }
}
