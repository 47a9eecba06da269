//! Reading the first worksheet of an XLSX (OFSI) or ODS (FCDO) workbook as rows of text.
//!
//! Both are ZIP archives of XML parts. The sheet parts are large (the OFSI sheet XML is
//! ~13 MB), so they are streamed with `quick-xml` rather than built into a tree.
//! XLSX: `xl/sharedStrings.xml` holds the text, `xl/worksheets/sheetN.xml` the cells
//! (`t="s"` shared string index, `t="inlineStr"`, `t="str"` or a number in `<v>`).
//! ODS: `content.xml`, `table:table-row` / `table:table-cell` with `text:p` paragraphs and
//! `number-columns-repeated` / `number-rows-repeated` run lengths.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::SourceError;

/// One worksheet row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based row number in the sheet.
    pub row: usize,
    /// Cell texts by column (missing cells are empty strings).
    pub cells: Vec<String>,
}

/// Where a table row came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowPlace {
    /// A CSV line.
    Line(usize),
    /// A worksheet row.
    Row(usize),
}

/// A row of a tabular source (CSV line or worksheet row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// Where it came from.
    pub place: RowPlace,
    /// Cell texts.
    pub cells: Vec<String>,
}

impl TableRow {
    /// An error located at this row: `file:LINE: ..` or `file: row N: ..`.
    pub fn error(&self, file: &str, message: impl Into<String>) -> SourceError {
        match self.place {
            RowPlace::Line(line) => SourceError::at_line(file, line, message),
            RowPlace::Row(row) => SourceError::at_element(file, format!("row {row}"), message),
        }
    }

    /// The trimmed cell at `column`, if non-empty.
    pub fn get(&self, column: Option<usize>) -> Option<&str> {
        let text = self.cells.get(column?)?.trim();
        (!text.is_empty()).then_some(text)
    }
}

/// Sheet rows as table rows.
pub fn sheet_table(rows: Vec<SheetRow>) -> Vec<TableRow> {
    rows.into_iter()
        .map(|r| TableRow {
            place: RowPlace::Row(r.row),
            cells: r.cells,
        })
        .collect()
}

/// CSV records as table rows.
pub fn csv_table(records: Vec<super::delimited::Record>) -> Vec<TableRow> {
    records
        .into_iter()
        .map(|r| TableRow {
            place: RowPlace::Line(r.line),
            cells: r.fields,
        })
        .collect()
}

/// Upper bounds that keep a hostile or corrupted workbook from exhausting memory.
const MAX_COLUMNS: usize = 1_000;
const MAX_PART_BYTES: u64 = 512 * 1024 * 1024;

fn open_zip<'a>(
    bytes: &'a [u8],
    file: &str,
    kind: &str,
) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>, SourceError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        SourceError::in_file(file, format!("not a readable {kind} (ZIP) archive: {e}"))
    })
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    file: &str,
) -> Result<Option<Vec<u8>>, SourceError> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(SourceError::at_element(
                file,
                name,
                format!("cannot open part: {e}"),
            ))
        }
    };
    let mut out =
        Vec::with_capacity(usize::try_from(entry.size().min(MAX_PART_BYTES)).unwrap_or(0));
    entry
        .by_ref()
        .take(MAX_PART_BYTES)
        .read_to_end(&mut out)
        .map_err(|e| {
            SourceError::at_element(
                file,
                name,
                format!("cannot decompress part (truncated file?): {e}"),
            )
        })?;
    Ok(Some(out))
}

fn line_of(bytes: &[u8], offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    1 + bytes[..end].iter().filter(|&&b| b == b'\n').count()
}

fn xml_error(
    file: &str,
    part: &str,
    bytes: &[u8],
    offset: u64,
    e: impl std::fmt::Display,
) -> SourceError {
    SourceError::at_element(
        file,
        format!("{part} (line {})", line_of(bytes, offset)),
        format!("invalid XML: {e}"),
    )
}

fn utf8<'a>(bytes: &'a [u8], file: &str, part: &str) -> Result<&'a str, SourceError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        SourceError::at_element(
            file,
            format!("{part} (line {})", line_of(bytes, e.valid_up_to() as u64)),
            "invalid UTF-8",
        )
    })
}

fn attr(start: &BytesStart<'_>, local: &str) -> Option<String> {
    start.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> String {
    if r.is_char_ref() {
        r.resolve_char_ref()
            .ok()
            .flatten()
            .map(String::from)
            .unwrap_or_default()
    } else {
        quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
            .unwrap_or("")
            .to_string()
    }
}

/// Column index from a cell reference such as `AJ12` (0-based: A = 0).
fn column_index(reference: &str) -> Option<usize> {
    let mut index = 0usize;
    let mut letters = 0;
    for c in reference.chars().take_while(|c| c.is_ascii_alphabetic()) {
        index = index
            .checked_mul(26)?
            .checked_add((c.to_ascii_uppercase() as u8 - b'A') as usize + 1)?;
        letters += 1;
    }
    (letters > 0).then(|| index - 1)
}

/// The first worksheet of an XLSX workbook.
pub fn read_xlsx(bytes: &[u8], file: &str) -> Result<Vec<SheetRow>, SourceError> {
    let mut archive = open_zip(bytes, file, "XLSX")?;
    let sheet_name = first_xlsx_sheet(&mut archive, file)?;
    let shared = match read_part(&mut archive, "xl/sharedStrings.xml", file)? {
        Some(part) => shared_strings(&part, file)?,
        None => Vec::new(),
    };
    let sheet = read_part(&mut archive, &sheet_name, file)?.ok_or_else(|| {
        SourceError::at_element(file, sheet_name.as_str(), "worksheet part is missing")
    })?;
    xlsx_rows(&sheet, &shared, file, &sheet_name)
}

/// The part name of the workbook's first sheet (via workbook.xml and its relationships),
/// falling back to `xl/worksheets/sheet1.xml`.
fn first_xlsx_sheet(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    file: &str,
) -> Result<String, SourceError> {
    let fallback = "xl/worksheets/sheet1.xml".to_string();
    let (Some(workbook), Some(rels)) = (
        read_part(archive, "xl/workbook.xml", file)?,
        read_part(archive, "xl/_rels/workbook.xml.rels", file)?,
    ) else {
        return Ok(fallback);
    };
    let workbook = super::xml::parse(&workbook, &format!("{file}: xl/workbook.xml"))?;
    let Some(rel_id) = workbook
        .child("sheets")
        .and_then(|s| s.child("sheet"))
        .and_then(|s| s.attr("id"))
    else {
        return Ok(fallback);
    };
    let rels = super::xml::parse(&rels, &format!("{file}: xl/_rels/workbook.xml.rels"))?;
    let target = rels
        .children_named("Relationship")
        .find(|r| r.attr("Id") == Some(rel_id))
        .and_then(|r| r.attr("Target"));
    Ok(match target {
        Some(t) if t.starts_with('/') => t.trim_start_matches('/').to_string(),
        Some(t) => format!("xl/{t}"),
        None => fallback,
    })
}

fn shared_strings(part: &[u8], file: &str) -> Result<Vec<String>, SourceError> {
    let name = "xl/sharedStrings.xml";
    let text = utf8(part, file, name)?;
    let mut reader = Reader::from_str(text);
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    // Text counts only inside <t> (phonetic runs <rPh> are skipped).
    let mut in_t = false;
    let mut in_phonetic = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "si" => current = Some(String::new()),
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "si" => strings.push(current.take().unwrap_or_default()),
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Ok(Event::Text(t)) if in_t && !in_phonetic => {
                if let Some(s) = current.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) if in_t && !in_phonetic => {
                if let Some(s) = current.as_mut() {
                    s.push_str(&resolve_ref(&r));
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(xml_error(file, name, part, reader.error_position(), e)),
        }
    }
    Ok(strings)
}

fn xlsx_rows(
    part: &[u8],
    shared: &[String],
    file: &str,
    name: &str,
) -> Result<Vec<SheetRow>, SourceError> {
    let text = utf8(part, file, name)?;
    let mut reader = Reader::from_str(text);
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut row: Option<SheetRow> = None;
    // Current cell: (column, type attribute), value text, whether inside <v> or <t>.
    let mut cell: Option<(usize, String)> = None;
    let mut value = String::new();
    let mut in_value = false;
    let mut closed = false;
    loop {
        let position = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "row" => row = Some(new_row(&e, rows.last().map(|r| r.row))),
                "c" => {
                    cell = Some(cell_start(&e, row.as_ref()));
                    value.clear();
                }
                "v" | "t" => in_value = cell.is_some(),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "row" => rows.push(new_row(&e, rows.last().map(|r| r.row))),
                "c" => {}
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "row" => {
                    if let Some(done) = row.take() {
                        rows.push(done);
                    }
                }
                "c" => {
                    if let (Some((column, kind)), Some(current)) = (cell.take(), row.as_mut()) {
                        let text = match kind.as_str() {
                            "s" => {
                                let index: usize = value.trim().parse().map_err(|_| {
                                    SourceError::at_element(
                                        file,
                                        format!(
                                            "{name} (line {}) row {}",
                                            line_of(part, position),
                                            current.row
                                        ),
                                        format!("shared string index `{value}` is not a number"),
                                    )
                                })?;
                                shared.get(index).cloned().ok_or_else(|| {
                                    SourceError::at_element(
                                        file,
                                        format!(
                                            "{name} (line {}) row {}",
                                            line_of(part, position),
                                            current.row
                                        ),
                                        format!(
                                            "shared string {index} does not exist ({} strings)",
                                            shared.len()
                                        ),
                                    )
                                })?
                            }
                            _ => std::mem::take(&mut value),
                        };
                        set_cell(current, column, text);
                    }
                }
                "v" | "t" => in_value = false,
                "sheetData" => closed = true,
                _ => {}
            },
            Ok(Event::Text(t)) if in_value => value.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if in_value => value.push_str(&resolve_ref(&r)),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(xml_error(file, name, part, reader.error_position(), e)),
        }
    }
    if !closed {
        return Err(SourceError::at_element(
            file,
            format!("{name} (line {})", line_of(part, part.len() as u64)),
            "worksheet ends before </sheetData> (truncated file?)",
        ));
    }
    Ok(rows)
}

fn new_row(e: &BytesStart<'_>, previous: Option<usize>) -> SheetRow {
    let row = attr(e, "r")
        .and_then(|r| r.parse().ok())
        .unwrap_or(previous.unwrap_or(0) + 1);
    SheetRow {
        row,
        cells: Vec::new(),
    }
}

fn cell_start(e: &BytesStart<'_>, row: Option<&SheetRow>) -> (usize, String) {
    let column = attr(e, "r")
        .and_then(|r| column_index(&r))
        .unwrap_or_else(|| row.map(|r| r.cells.len()).unwrap_or(0));
    (column, attr(e, "t").unwrap_or_default())
}

fn set_cell(row: &mut SheetRow, column: usize, text: String) {
    if column >= MAX_COLUMNS {
        return;
    }
    if row.cells.len() <= column {
        row.cells.resize(column + 1, String::new());
    }
    row.cells[column] = text;
}

/// The first table (sheet) of an ODS spreadsheet.
pub fn read_ods(bytes: &[u8], file: &str) -> Result<Vec<SheetRow>, SourceError> {
    let mut archive = open_zip(bytes, file, "ODS")?;
    let name = "content.xml";
    let part = read_part(&mut archive, name, file)?
        .ok_or_else(|| SourceError::at_element(file, name, "content.xml part is missing"))?;
    let text = utf8(&part, file, name)?;
    let mut reader = Reader::from_str(text);
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut next_row = 1usize;
    let mut row: Option<(SheetRow, usize)> = None; // (row, rows repeated)
    let mut pending_empty = 0usize;
    let mut cell: Option<(String, usize)> = None; // (text, columns repeated)
    let mut paragraphs = 0usize;
    let mut in_paragraph = 0usize;
    let mut table_depth = 0usize;
    let mut tables_done = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => return Err(xml_error(file, name, &part, reader.error_position(), e)),
        };
        // Only the first table is read.
        let in_first_table = table_depth > 0 && tables_done == 0;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "table" => table_depth += 1,
                "table-row" if in_first_table => {
                    let repeat = attr(&e, "number-rows-repeated")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(1);
                    pending_empty = 0;
                    row = Some((
                        SheetRow {
                            row: next_row,
                            cells: Vec::new(),
                        },
                        repeat,
                    ));
                }
                "table-cell" | "covered-table-cell" if in_first_table => {
                    let repeat = attr(&e, "number-columns-repeated")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(1);
                    cell = Some((String::new(), repeat));
                    paragraphs = 0;
                }
                "p" if cell.is_some() => {
                    if paragraphs > 0 {
                        if let Some((text, _)) = cell.as_mut() {
                            text.push('\n');
                        }
                    }
                    paragraphs += 1;
                    in_paragraph += 1;
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "table-cell" | "covered-table-cell" if in_first_table => {
                    let repeat = attr(&e, "number-columns-repeated")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(1);
                    if let Some((current, _)) = row.as_mut() {
                        push_cells(current, &mut pending_empty, String::new(), repeat);
                    }
                }
                "table-row" if in_first_table => {
                    let repeat: usize = attr(&e, "number-rows-repeated")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(1);
                    next_row = next_row.saturating_add(repeat);
                }
                "s" => {
                    if let Some((text, _)) = cell.as_mut() {
                        let count: usize = attr(&e, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        text.extend(std::iter::repeat(' ').take(count.min(1_000)));
                    }
                }
                "tab" => {
                    if let Some((text, _)) = cell.as_mut() {
                        text.push('\t');
                    }
                }
                "line-break" => {
                    if let Some((text, _)) = cell.as_mut() {
                        text.push('\n');
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "p" => in_paragraph = in_paragraph.saturating_sub(1),
                "table" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        tables_done += 1;
                    }
                }
                "table-cell" | "covered-table-cell" => {
                    if let (Some((text, repeat)), Some((current, _))) = (cell.take(), row.as_mut())
                    {
                        push_cells(current, &mut pending_empty, text, repeat);
                    }
                }
                "table-row" => {
                    if let Some((done, repeat)) = row.take() {
                        let has_text = done.cells.iter().any(|c| !c.trim().is_empty());
                        if has_text {
                            rows.push(done);
                        }
                        // Repeated rows with text are real duplicates; empty runs (often
                        // a million rows) only advance the counter.
                        next_row = next_row.saturating_add(repeat);
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                // Whitespace between the cell's tags is layout, not content.
                if let Some((text, _)) = cell.as_mut() {
                    if in_paragraph > 0 {
                        text.push_str(&t.xml10_content());
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some((text, _)) = cell.as_mut() {
                    if in_paragraph > 0 {
                        text.push_str(&resolve_ref(&r));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if tables_done == 0 {
        return Err(SourceError::at_element(
            file,
            format!("{name} (line {})", line_of(&part, part.len() as u64)),
            "no complete table:table element (empty or truncated spreadsheet?)",
        ));
    }
    Ok(rows)
}

/// Appends a (repeated) cell. Empty cells are only counted in `pending` and materialised
/// when a later cell has text: rows end with runs of thousands of empty cells.
fn push_cells(row: &mut SheetRow, pending: &mut usize, text: String, repeat: usize) {
    if text.is_empty() {
        *pending = pending.saturating_add(repeat.max(1));
        return;
    }
    let empties = (*pending).min(MAX_COLUMNS.saturating_sub(row.cells.len()));
    row.cells
        .extend(std::iter::repeat(String::new()).take(empties));
    *pending = 0;
    for _ in 0..repeat.max(1) {
        if row.cells.len() >= MAX_COLUMNS {
            return;
        }
        row.cells.push(text.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_index("A1"), Some(0));
        assert_eq!(column_index("Z9"), Some(25));
        assert_eq!(column_index("AA1"), Some(26));
        assert_eq!(column_index("AJ18798"), Some(35));
        assert_eq!(column_index("12"), None);
    }

    #[test]
    fn not_a_zip() {
        let err = read_xlsx(b"PK\x03\x04garbage", "x.xlsx").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.xlsx: not a readable XLSX (ZIP) archive"),
            "{err}"
        );
    }
}
