//! Machine readable zones of travel documents (ICAO Doc 9303, 8th edition):
//! TD1 ID cards (3 × 30, Part 5), TD2 cards (2 × 36, Part 6), TD3 passports (2 × 44,
//! Part 4), and machine readable visas MRV-A (2 × 44) and MRV-B (2 × 36) (Part 7).
//!
//! Parsing verifies every check digit (Part 3 §4.9, [`icao9303`]) and the composite check
//! digit, resolves the long document number rule (Part 5 §4.2.4 note j, Part 6 §4.2.4: a `<`
//! in the check position means the number continues in the optional data, followed by its
//! check digit), and reads names (Part 3 §4.6: primary `<<` secondary identifier, `<` between
//! name parts), nationality, sex, birth and expiry dates. [`cross_check`] compares the zone
//! with typed fields, transliterating typed names with the Part 3 §6 rules.

use super::checksum::icao9303;
use super::date::Date;
use super::error::{ErrorCode, Field, FieldResult, Normalized, ValidationError};
use super::{country, fold, text};
use crate::unicode_norm::UnicodeNormalization;
use crate::unicode_norm::{decompose_canonical, is_combining_mark};

/// Longest raw input in bytes (`too_long` beyond, without scanning): three 30-character
/// lines or two 44-character lines plus generous room for spaces and line breaks.
pub const MAX_INPUT_BYTES: usize = 400;

/// The MRZ layouts of ICAO Doc 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrzFormat {
    /// ID-1 size card, 3 lines of 30 (Part 5).
    Td1,
    /// ID-2 size card, 2 lines of 36 (Part 6).
    Td2,
    /// Passport book, 2 lines of 44 (Part 4).
    Td3,
    /// Full-page visa, 2 lines of 44 (Part 7).
    MrvA,
    /// Visa fitting a TD2 page area, 2 lines of 36 (Part 7).
    MrvB,
}

impl MrzFormat {
    /// Lower-case id used in reports: `td1`, `td2`, `td3`, `mrv_a`, `mrv_b`.
    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "td1",
            MrzFormat::Td2 => "td2",
            MrzFormat::Td3 => "td3",
            MrzFormat::MrvA => "mrv_a",
            MrzFormat::MrvB => "mrv_b",
        }
    }
}

/// The fields of a parsed, checksum-verified MRZ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mrz {
    /// Layout.
    pub format: MrzFormat,
    /// The MRZ lines, upper-case, without spaces.
    pub lines: Vec<String>,
    /// Document code with fillers removed (`P`, `I`, `ID`, `V`, `AC`, ...).
    pub document_code: String,
    /// Issuing state or organisation code with fillers removed (`UTO`, `D` for Germany).
    pub issuing_state: String,
    /// Primary identifier (surname), parts separated by spaces.
    pub primary_identifier: String,
    /// Secondary identifier (given names), parts separated by spaces.
    pub secondary_identifier: String,
    /// True when the name field is full, so the name may have been truncated.
    pub name_truncated: bool,
    /// Document number, fillers removed, long numbers joined.
    pub document_number: String,
    /// Nationality code with fillers removed.
    pub nationality: String,
    /// The nationality as ISO 3166-1 alpha-2, when the code maps to one ([`code_to_alpha2`]).
    pub nationality_alpha2: Option<&'static str>,
    /// Date of birth as printed (`YYMMDD`, `<` for unknown parts).
    pub birth_date_raw: String,
    /// Date of birth, century resolved so it is not after `today` (None if partly unknown).
    pub birth_date: Option<Date>,
    /// Sex: `M`, `F`, or `X` (unspecified, printed `<` or `X`).
    pub sex: char,
    /// Expiry date (None if not printed).
    pub expiry_date: Option<Date>,
    /// Optional data (personal number for TD3), fillers removed.
    pub optional_data: String,
    /// Second optional data field (TD1 line 2), fillers removed.
    pub optional_data_2: String,
}

fn err(code: ErrorCode, message: impl Into<String>) -> ValidationError {
    ValidationError::new(Field::Mrz, code, message)
}

/// Characters `from..=to` (1-based, as Doc 9303 numbers them) of an ASCII line; empty when
/// out of range (never, once line lengths are checked).
fn span(line: &[u8], from: usize, to: usize) -> &[u8] {
    line.get(from.saturating_sub(1)..to).unwrap_or(&[])
}

/// One character (1-based position).
fn at(line: &[u8], pos: usize) -> u8 {
    line.get(pos.saturating_sub(1)).copied().unwrap_or(b'<')
}

/// ASCII text with trailing (and for codes, all) fillers turned into nothing.
fn strip_fillers(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .trim_end_matches('<')
        .replace('<', "")
}

/// Verifies one check digit over `data`; `<` is accepted as the check digit of an all-filler
/// field (Part 4 §4.2.2.2 note for the personal number).
fn verify(data: &[u8], check: u8, what: &str) -> Result<(), ValidationError> {
    let expected = icao9303::check_digit(data)
        .ok_or_else(|| err(ErrorCode::InvalidCharacter, "character outside A-Z, 0-9, <"))?;
    let ok = check == b'0' + expected || (check == b'<' && data.iter().all(|&c| c == b'<'));
    if ok {
        Ok(())
    } else {
        Err(err(
            ErrorCode::InvalidChecksum,
            format!(
                "{what} check digit is `{}`, expected {expected}",
                char::from(check)
            ),
        ))
    }
}

/// Splits the input into MRZ lines: line breaks separate lines; spaces are dropped (OCR
/// inserts them); letters are upper-cased; a single unbroken string of 90, 88 or 72
/// characters is split into its lines.
fn split_lines(input: &str) -> Result<Vec<Vec<u8>>, ValidationError> {
    text::check_length(Field::Mrz, input, MAX_INPUT_BYTES)?;
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for raw in input.split(['\n', '\r']) {
        let mut line = Vec::with_capacity(44);
        for c in raw.chars() {
            // Fast path: an MRZ is ASCII; only copy-pasted or OCR'd text needs folding.
            if c.is_ascii_alphanumeric() || c == '<' {
                line.push(c.to_ascii_uppercase() as u8);
                continue;
            }
            let c = text::fold_char(c);
            if text::is_space(c) {
                continue;
            }
            if text::is_control_or_format(c) {
                return Err(fold::invisible_character_error(Field::Mrz, c));
            }
            let c = c.to_ascii_uppercase();
            if !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<') {
                return Err(err(
                    ErrorCode::InvalidCharacter,
                    format!("`{c}` is not an MRZ character (A-Z, 0-9, <)"),
                ));
            }
            line.push(c as u8);
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return Err(err(ErrorCode::Required, "MRZ is blank"));
    }
    if lines.len() == 1 {
        let one = lines.remove(0);
        let width = match one.len() {
            90 => 30,
            88 => 44,
            72 => 36,
            n => {
                return Err(err(
                    ErrorCode::InvalidLength,
                    format!("{n} characters on one line; an MRZ has 2 or 3 lines"),
                ))
            }
        };
        lines = one.chunks(width).map(<[u8]>::to_vec).collect();
    }
    Ok(lines)
}

/// Reads the name field: primary identifier `<<` secondary identifier.
fn parse_name(field: &[u8]) -> (String, String, bool) {
    let truncated = field.last().is_some_and(|&c| c != b'<');
    let text = String::from_utf8_lossy(field);
    let text = text.trim_end_matches('<');
    // The first `<<` (ASCII, so both sides are whole characters).
    let (primary, secondary) = match text.as_bytes().windows(2).position(|w| w == b"<<") {
        Some(i) => (
            text.get(..i).unwrap_or(text),
            text.get(i + 2..).unwrap_or(""),
        ),
        None => (text, ""),
    };
    let words = |s: &str| -> String {
        s.split('<')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    (words(primary), words(secondary), truncated)
}

/// Two-digit-year date `YYMMDD`; `None` when it holds fillers (unknown parts). Birth dates
/// take the latest century that keeps them at or before `today`; expiry dates are 20YY
/// unless that is more than 50 years after `today`.
fn parse_yymmdd(
    raw: &[u8],
    today: Date,
    is_birth: bool,
    what: &str,
) -> Result<Option<Date>, ValidationError> {
    if raw.contains(&b'<') {
        return Ok(None);
    }
    let digits: Option<Vec<u8>> = raw
        .iter()
        .map(|&c| c.is_ascii_digit().then(|| c - b'0'))
        .collect();
    let d = digits
        .filter(|d| d.len() == 6)
        .ok_or_else(|| err(ErrorCode::InvalidFormat, format!("{what} is not YYMMDD")))?;
    let (yy, mm, dd) = (
        i32::from(d[0] * 10 + d[1]),
        d[2] * 10 + d[3],
        d[4] * 10 + d[5],
    );
    let mut year = 2000 + yy;
    if is_birth {
        if Date::new(year, mm, dd).is_some_and(|date| date > today) {
            year -= 100;
        }
    } else if year > today.year() + 50 {
        year -= 100;
    }
    Date::new(year, mm, dd).map(Some).ok_or_else(|| {
        err(
            ErrorCode::InvalidDate,
            format!(
                "{what} {} is not a calendar date",
                String::from_utf8_lossy(raw)
            ),
        )
    })
}

/// Document number with the long-number rule: when the check position holds `<` and the
/// optional data starts with more characters, those (up to the next `<`, less the last
/// character, which is the check digit) continue the number.
fn document_number(
    number: &[u8],
    check: u8,
    optional: &[u8],
) -> Result<(String, usize), ValidationError> {
    if check != b'<' || optional.first().map_or(true, |&c| c == b'<') {
        verify(number, check, "document number")?;
        return Ok((strip_fillers(number), 0));
    }
    let extra_len = optional.iter().take_while(|&&c| c != b'<').count();
    let (extra, long_check) = match optional.get(..extra_len) {
        Some([rest @ .., last]) => (rest, *last),
        _ => (&[][..], b'<'),
    };
    let mut full = number.to_vec();
    full.extend_from_slice(extra);
    verify(&full, long_check, "document number")?;
    Ok((strip_fillers(&full), extra_len))
}

/// Parses and verifies an MRZ (every check digit and the composite). `today` resolves the
/// century of two-digit birth and expiry years.
pub fn parse_mrz(input: &str, today: Date) -> Result<Mrz, ValidationError> {
    let lines = split_lines(input)?;
    let lens: Vec<usize> = lines.iter().map(Vec::len).collect();
    let is_visa = lines.first().is_some_and(|l| l.first() == Some(&b'V'));
    let format = match (lens.as_slice(), is_visa) {
        ([30, 30, 30], _) => MrzFormat::Td1,
        ([36, 36], false) => MrzFormat::Td2,
        ([36, 36], true) => MrzFormat::MrvB,
        ([44, 44], false) => MrzFormat::Td3,
        ([44, 44], true) => MrzFormat::MrvA,
        _ => {
            let shape: Vec<String> = lens.iter().map(usize::to_string).collect();
            return Err(err(
                ErrorCode::InvalidLength,
                format!(
                    "lines of {} characters; expected 3×30 (TD1), 2×36 (TD2, MRV-B) or 2×44 (TD3, MRV-A)",
                    shape.join("+")
                ),
            ));
        }
    };
    let empty = Vec::new();
    let l1 = lines.first().unwrap_or(&empty).as_slice();
    let l2 = lines.get(1).unwrap_or(&empty).as_slice();
    let document_code = strip_fillers(span(l1, 1, 2));
    let issuing_state = strip_fillers(span(l1, 3, 5));

    let (number_raw, number_check, long_number_area, nationality, birth, birth_check);
    let (sex, expiry, expiry_check, name_field, optional, optional_2);
    match format {
        MrzFormat::Td1 => {
            let l3 = lines.get(2).unwrap_or(&empty).as_slice();
            number_raw = span(l1, 6, 14);
            number_check = at(l1, 15);
            birth = span(l2, 1, 6);
            birth_check = at(l2, 7);
            sex = at(l2, 8);
            expiry = span(l2, 9, 14);
            expiry_check = at(l2, 15);
            nationality = span(l2, 16, 18);
            optional = span(l1, 16, 30);
            long_number_area = optional;
            optional_2 = span(l2, 19, 29);
            name_field = span(l3, 1, 30);
        }
        _ => {
            let width = l2.len();
            number_raw = span(l2, 1, 9);
            number_check = at(l2, 10);
            nationality = span(l2, 11, 13);
            birth = span(l2, 14, 19);
            birth_check = at(l2, 20);
            sex = at(l2, 21);
            expiry = span(l2, 22, 27);
            expiry_check = at(l2, 28);
            optional = match format {
                MrzFormat::Td3 => span(l2, 29, 42),
                MrzFormat::Td2 => span(l2, 29, 35),
                _ => span(l2, 29, width),
            };
            // Visas have no long-number rule; TD3 numbers fit in 9 characters.
            long_number_area = match format {
                MrzFormat::Td2 => optional,
                _ => &[],
            };
            optional_2 = &[];
            name_field = span(l1, 6, width);
        }
    }

    if !matches!(sex, b'M' | b'F' | b'X' | b'<') {
        return Err(err(
            ErrorCode::InvalidFormat,
            format!("sex `{}` is not M, F, X or <", char::from(sex)),
        ));
    }
    let (document_number, long_len) = document_number(number_raw, number_check, long_number_area)?;
    verify(birth, birth_check, "birth date")?;
    verify(expiry, expiry_check, "expiry date")?;
    match format {
        MrzFormat::Td3 => {
            verify(span(l2, 29, 42), at(l2, 43), "personal number")?;
            let mut composite = span(l2, 1, 10).to_vec();
            composite.extend_from_slice(span(l2, 14, 20));
            composite.extend_from_slice(span(l2, 22, 43));
            verify(&composite, at(l2, 44), "composite")?;
        }
        MrzFormat::Td2 => {
            let mut composite = span(l2, 1, 10).to_vec();
            composite.extend_from_slice(span(l2, 14, 20));
            composite.extend_from_slice(span(l2, 22, 35));
            verify(&composite, at(l2, 36), "composite")?;
        }
        MrzFormat::Td1 => {
            let mut composite = span(l1, 6, 30).to_vec();
            composite.extend_from_slice(span(l2, 1, 7));
            composite.extend_from_slice(span(l2, 9, 15));
            composite.extend_from_slice(span(l2, 19, 29));
            verify(&composite, at(l2, 30), "composite")?;
        }
        MrzFormat::MrvA | MrzFormat::MrvB => {}
    }
    let birth_date = parse_yymmdd(birth, today, true, "birth date")?;
    let expiry_date = parse_yymmdd(expiry, today, false, "expiry date")?;
    let (primary_identifier, secondary_identifier, name_truncated) = parse_name(name_field);
    if primary_identifier.is_empty() {
        return Err(err(ErrorCode::InvalidFormat, "the name field is empty"));
    }
    // With a long document number, the optional data starts after the number's tail, its
    // check digit and a filler.
    let optional = if long_len > 0 {
        optional.get(long_len + 1..).unwrap_or(&[])
    } else {
        optional
    };
    Ok(Mrz {
        format,
        lines: lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect(),
        document_code,
        issuing_state,
        primary_identifier,
        secondary_identifier,
        name_truncated,
        document_number,
        nationality_alpha2: code_to_alpha2(&strip_fillers(nationality)),
        nationality: strip_fillers(nationality),
        birth_date_raw: String::from_utf8_lossy(birth).into_owned(),
        birth_date,
        sex: if sex == b'<' { 'X' } else { char::from(sex) },
        expiry_date,
        optional_data: strip_fillers(optional),
        optional_data_2: strip_fillers(optional_2),
    })
}

/// Maps an MRZ nationality or issuing-state code to ISO 3166-1 alpha-2 where one applies
/// (Part 3 §5: `D` is Germany; GBD, GBN, GBO, GBP, GBS are classes of British nationals).
pub fn code_to_alpha2(code: &str) -> Option<&'static str> {
    match code {
        "D" => Some("DE"),
        "GBD" | "GBN" | "GBO" | "GBP" | "GBS" => Some("GB"),
        // MRZ codes are upper-case already: compare directly, no case folding needed.
        _ => country::all()
            .iter()
            .find(|c| c.alpha3 == code)
            .map(|c| c.alpha2),
    }
}

impl Mrz {
    /// True when the document expired before `today` (valid through its expiry date).
    pub fn is_expired(&self, today: Date) -> bool {
        self.expiry_date.is_some_and(|expiry| expiry < today)
    }

    /// The normalised report form: the MRZ lines joined by `\n`, fields as details.
    pub fn to_normalized(&self) -> Normalized {
        let mut n = Normalized::new(self.lines.join("\n"))
            .with_detail("format", self.format.name())
            .with_detail("document_code", self.document_code.clone())
            .with_detail("issuing_state", self.issuing_state.clone())
            .with_detail("document_number", self.document_number.clone())
            .with_detail("primary_identifier", self.primary_identifier.clone())
            .with_detail("secondary_identifier", self.secondary_identifier.clone())
            .with_detail("nationality", self.nationality.clone())
            .with_detail("sex", self.sex.to_string());
        if let Some(d) = self.birth_date {
            n = n.with_detail("birth_date", d.to_string());
        }
        if let Some(d) = self.expiry_date {
            n = n.with_detail("expiry_date", d.to_string());
        }
        if !self.optional_data.is_empty() {
            n = n.with_detail("optional_data", self.optional_data.clone());
        }
        if !self.optional_data_2.is_empty() {
            n = n.with_detail("optional_data_2", self.optional_data_2.clone());
        }
        n
    }
}

/// Parses an MRZ and rejects an expired document (`document_expired`).
pub fn validate_mrz(input: &str, today: Date) -> FieldResult {
    let mrz = parse_mrz(input, today)?;
    if mrz.is_expired(today) {
        return Err(expired_error(&mrz));
    }
    Ok(mrz.to_normalized())
}

/// The `document_expired` error for `mrz`.
pub fn expired_error(mrz: &Mrz) -> ValidationError {
    let expiry = mrz.expiry_date.map(|d| d.to_string()).unwrap_or_default();
    err(
        ErrorCode::DocumentExpired,
        format!("the document expired on {expiry}"),
    )
}

/// Transliterates typed name text to MRZ characters (Doc 9303 Part 3 §6): upper case, the
/// Part 3 Latin substitutions (Ä→AE, Ö→OE, Ü→UE, Å→AA, ß→SS, Ø→OE, Æ→AE, Œ→OE, Þ→TH,
/// Ĳ→IJ, Ñ→N) when `german_style` is true, otherwise plain diacritic removal (Ä→A); the
/// Part 3 Cyrillic table; apostrophes dropped and hyphens, spaces and other separators to
/// `<`. Returns `None` for a character with no transliteration (another script).
pub fn transliterate(name: &str, german_style: bool) -> Option<String> {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.nfc() {
        if c.is_ascii_alphabetic() {
            out.push(c.to_ascii_uppercase());
            continue;
        }
        // Upper-case without allocating; ß (upper-cased "SS") is handled below.
        let mut upper = crate::unicode_norm::to_uppercase(c);
        let c = match (upper.next(), upper.next()) {
            (Some(u), None) => u,
            _ => c,
        };
        let special = match c {
            'Ä' if german_style => Some("AE"),
            'Ö' if german_style => Some("OE"),
            'Ü' if german_style => Some("UE"),
            'Å' if german_style => Some("AA"),
            'ß' | 'ẞ' => Some("SS"),
            'Ø' => Some("OE"),
            'Æ' => Some("AE"),
            'Œ' => Some("OE"),
            'Þ' => Some("TH"),
            'Ĳ' => Some("IJ"),
            'Ð' | 'Đ' => Some("D"),
            'Ł' => Some("L"),
            'ı' => Some("I"),
            '\'' | '\u{2019}' | '\u{02BC}' | '.' => Some(""),
            ' ' | '-' | '\u{00B7}' | ',' => Some("<"),
            _ => cyrillic(c),
        };
        if let Some(s) = special {
            out.push_str(s);
            continue;
        }
        // Plain diacritic removal: keep the base letter of the canonical decomposition.
        let mut ok = true;
        decompose_canonical(c, |d| {
            if d.is_ascii_uppercase() {
                out.push(d);
            } else if !is_combining_mark(d) {
                ok = false;
            }
        });
        if !ok {
            return None;
        }
    }
    Some(out)
}

/// Doc 9303 Part 3 §6 Table B: Cyrillic to Latin (upper case input).
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' => "G",
        'Ґ' => "G",
        'Д' => "D",
        'Е' | 'Ё' | 'Э' => "E",
        'Є' => "IE",
        'Ж' => "ZH",
        'З' => "Z",
        'И' | 'І' | 'Ї' | 'Й' => "I",
        'К' => "K",
        'Л' => "L",
        'М' => "M",
        'Н' => "N",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'У' => "U",
        'Ў' => "U",
        'Ф' => "F",
        'Х' => "KH",
        'Ц' => "TS",
        'Ч' => "CH",
        'Ш' => "SH",
        'Щ' => "SHCH",
        'Ъ' => "IE",
        'Ы' => "Y",
        'Ь' => "",
        'Ю' => "IU",
        'Я' => "IA",
        _ => return None,
    })
}

/// Words of an MRZ-transliterated name.
fn words(mrz_text: &str) -> Vec<&str> {
    mrz_text.split('<').filter(|w| !w.is_empty()).collect()
}

/// True when a typed name (transliterated both ways) agrees with the MRZ identifier `mrz`
/// (space-separated words). A truncated MRZ name only has to be a prefix. `None` when the
/// typed name cannot be transliterated (no comparison possible).
fn name_agrees(typed: &str, mrz: &str, truncated: bool) -> Option<bool> {
    let mut comparable = false;
    for german_style in [true, false] {
        let Some(t) = transliterate(typed, german_style) else {
            continue;
        };
        comparable = true;
        let typed_words = words(&t).join(" ");
        if typed_words == mrz || (truncated && !mrz.is_empty() && typed_words.starts_with(mrz)) {
            return Some(true);
        }
    }
    comparable.then_some(false)
}

/// Typed values to compare with a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedIdentity<'a> {
    /// Typed given name.
    pub given_name: Option<&'a str>,
    /// Typed family name.
    pub family_name: Option<&'a str>,
    /// Typed full name (compared when given and family names are absent).
    pub full_name: Option<&'a str>,
    /// Typed birth date.
    pub birth_date: Option<Date>,
    /// Typed nationality, ISO 3166-1 alpha-2.
    pub nationality: Option<&'a str>,
    /// Typed document number.
    pub document_number: Option<&'a str>,
    /// Typed issuing country, ISO 3166-1 alpha-2.
    pub document_country: Option<&'a str>,
}

/// Compares an MRZ with typed values: `name_mismatch`, `birth_date_mismatch`,
/// `nationality_mismatch` and `mismatch` (document number or issuing country). Birth dates
/// are compared on YYMMDD, as printed, so the century guess never matters.
pub fn cross_check(mrz: &Mrz, typed: &TypedIdentity) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let name_pairs = [
        (
            typed.family_name,
            mrz.primary_identifier.as_str(),
            "family name",
        ),
        (
            typed.given_name,
            mrz.secondary_identifier.as_str(),
            "given name",
        ),
    ];
    for (typed_name, mrz_name, what) in name_pairs {
        let Some(typed_name) = typed_name else {
            continue;
        };
        // Only the last identifier in the field can be cut short.
        let truncated =
            mrz.name_truncated && (what == "given name" || mrz.secondary_identifier.is_empty());
        if name_agrees(typed_name, mrz_name, truncated) == Some(false) {
            errors.push(err(
                ErrorCode::NameMismatch,
                format!("typed {what} `{typed_name}` does not match `{mrz_name}` in the MRZ"),
            ));
        }
    }
    if let (Some(full), None, None) = (typed.full_name, typed.given_name, typed.family_name) {
        if let Some(false) = full_name_agrees(full, mrz) {
            errors.push(err(
                ErrorCode::NameMismatch,
                format!(
                    "typed name `{full}` does not match `{} {}` in the MRZ",
                    mrz.secondary_identifier, mrz.primary_identifier
                ),
            ));
        }
    }
    if let Some(typed_birth) = typed.birth_date {
        let yymmdd = format!(
            "{:02}{:02}{:02}",
            typed_birth.year().rem_euclid(100),
            typed_birth.month(),
            typed_birth.day()
        );
        let agrees = mrz
            .birth_date_raw
            .bytes()
            .zip(yymmdd.bytes())
            .all(|(m, t)| m == b'<' || m == t);
        if !agrees {
            errors.push(err(
                ErrorCode::BirthDateMismatch,
                format!(
                    "typed birth date {typed_birth} does not match {} in the MRZ",
                    mrz.birth_date_raw
                ),
            ));
        }
    }
    if let Some(nat) = typed.nationality {
        if mrz.nationality_alpha2 != Some(nat) {
            errors.push(err(
                ErrorCode::NationalityMismatch,
                format!(
                    "typed nationality {nat} does not match {} in the MRZ",
                    mrz.nationality
                ),
            ));
        }
    }
    if let Some(number) = typed.document_number {
        let compact: String = number
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact != mrz.document_number {
            errors.push(err(
                ErrorCode::Mismatch,
                format!(
                    "typed document number does not match {} in the MRZ",
                    mrz.document_number
                ),
            ));
        }
    }
    if let Some(issuer) = typed.document_country {
        if code_to_alpha2(&mrz.issuing_state) != Some(issuer) {
            errors.push(err(
                ErrorCode::Mismatch,
                format!(
                    "typed document country {issuer} does not match {} in the MRZ",
                    mrz.issuing_state
                ),
            ));
        }
    }
    errors
}

/// A typed full name agrees when its words are the MRZ's words in some order (either
/// transliteration); a truncated MRZ only needs its words present, the last as a prefix.
fn full_name_agrees(full: &str, mrz: &Mrz) -> Option<bool> {
    let mut mrz_words: Vec<&str> = mrz
        .primary_identifier
        .split(' ')
        .chain(mrz.secondary_identifier.split(' '))
        .filter(|w| !w.is_empty())
        .collect();
    crate::sort::sort(&mut mrz_words);
    let mut comparable = false;
    for german_style in [true, false] {
        let Some(t) = transliterate(full, german_style) else {
            continue;
        };
        comparable = true;
        let mut typed_words = words(&t);
        crate::sort::sort(&mut typed_words);
        if typed_words == mrz_words {
            return Some(true);
        }
        if mrz.name_truncated
            && mrz_words
                .iter()
                .all(|m| typed_words.iter().any(|t| t.starts_with(m)))
        {
            return Some(true);
        }
    }
    comparable.then_some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse_iso("2010-01-01").unwrap()
    }

    // ICAO Doc 9303 Part 4 Appendix A (TD3 passport specimen).
    const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    // ICAO Doc 9303 Part 5 Appendix A (TD1 specimen).
    const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    // ICAO Doc 9303 Part 11 Appendix D.2 (TD1 with a 12-character document number).
    const TD1_LONG: &str = "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<";

    #[test]
    fn td3_specimen() {
        let m = parse_mrz(TD3, today()).unwrap();
        assert_eq!(m.format, MrzFormat::Td3);
        assert_eq!(m.document_code, "P");
        assert_eq!(m.issuing_state, "UTO");
        assert_eq!(m.primary_identifier, "ERIKSSON");
        assert_eq!(m.secondary_identifier, "ANNA MARIA");
        assert_eq!(m.document_number, "L898902C3");
        assert_eq!(m.birth_date, Date::parse_iso("1974-08-12"));
        assert_eq!(m.expiry_date, Date::parse_iso("2012-04-15"));
        assert_eq!(m.sex, 'F');
        assert_eq!(m.optional_data, "ZE184226B");
        assert!(!m.is_expired(today()));
        assert!(m.is_expired(Date::parse_iso("2012-04-16").unwrap()));
    }

    #[test]
    fn td1_specimens_and_long_number() {
        let m = parse_mrz(TD1, today()).unwrap();
        assert_eq!(m.document_number, "D23145890");
        assert_eq!(m.secondary_identifier, "ANNA MARIA");
        let long = parse_mrz(TD1_LONG, today()).unwrap();
        assert_eq!(long.document_number, "D23145890734");
        assert_eq!(long.optional_data, "");
        assert_eq!(long.birth_date, Date::parse_iso("1934-07-12"));
        assert_eq!(long.sex, 'M');
    }

    #[test]
    fn check_digit_errors_are_specific() {
        let bad = TD3.replace("L898902C36", "L898902C35");
        let e = parse_mrz(&bad, today()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidChecksum);
        assert!(e.message.contains("document number"), "{}", e.message);
        let bad = TD3.replace("<<<<<10", "<<<<<11");
        let e = parse_mrz(&bad, today()).unwrap_err();
        assert!(e.message.contains("composite"), "{}", e.message);
    }

    #[test]
    fn transliteration_follows_part_3() {
        assert_eq!(
            transliterate("Jürgen Müller", true).unwrap(),
            "JUERGEN<MUELLER"
        );
        assert_eq!(
            transliterate("Jürgen Müller", false).unwrap(),
            "JURGEN<MULLER"
        );
        assert_eq!(transliterate("Strauß", true).unwrap(), "STRAUSS");
        assert_eq!(transliterate("Åsa Øberg", true).unwrap(), "AASA<OEBERG");
        assert_eq!(
            transliterate("O'Brien-Núñez", true).unwrap(),
            "OBRIEN<NUNEZ"
        );
        assert_eq!(transliterate("Щукин", true).unwrap(), "SHCHUKIN");
        assert_eq!(transliterate("山田", true), None);
    }

    #[test]
    fn cross_checks() {
        let m = parse_mrz(TD3, today()).unwrap();
        let good = TypedIdentity {
            given_name: Some("Anna María"),
            family_name: Some("Eriksson"),
            birth_date: Date::parse_iso("1974-08-12"),
            document_number: Some("L898902C3"),
            ..TypedIdentity::default()
        };
        assert!(cross_check(&m, &good).is_empty());
        let bad = TypedIdentity {
            given_name: Some("Anna"),
            birth_date: Date::parse_iso("1974-08-13"),
            nationality: Some("SE"),
            ..TypedIdentity::default()
        };
        let codes: Vec<ErrorCode> = cross_check(&m, &bad).iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            [
                ErrorCode::NameMismatch,
                ErrorCode::BirthDateMismatch,
                ErrorCode::NationalityMismatch
            ]
        );
        let full = TypedIdentity {
            full_name: Some("Anna Maria Eriksson"),
            ..TypedIdentity::default()
        };
        assert!(cross_check(&m, &full).is_empty());
    }
}
