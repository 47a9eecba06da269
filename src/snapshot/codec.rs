//! The compact entity codec: little-endian, length-prefixed, with a shared string table for
//! the short values that repeat across entities (programmes, countries, languages, labels,
//! listing dates).
//!
//! Written by hand instead of with a serialisation crate: the layout is documented byte by
//! byte in `docs/SNAPSHOT_FORMAT.md`, the decoder checks every length against the bytes that
//! remain (so a hostile file can neither panic it nor make it allocate more than a small
//! multiple of the file size), and nothing extra reaches the wasm build.

use super::SnapshotError;
use crate::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    PartialDate, SourceList,
};
use crate::screen::index::ListedIdent;
use std::collections::HashMap;

/// Largest number of bytes an unsigned LEB128 `u64` can take.
const MAX_VARINT_BYTES: u32 = 10;

// Entity head byte: bits 0-2 source, bits 3-4 type, then flags.
const HEAD_SOURCE_MASK: u8 = 0b0000_0111;
const HEAD_TYPE_SHIFT: u8 = 3;
const HEAD_TYPE_MASK: u8 = 0b0001_1000;
const HEAD_HAS_LISTED_ON: u8 = 1 << 5;
const HEAD_HAS_REMARKS: u8 = 1 << 6;
/// The id is `<source code>:<rest>` and only `<rest>` is stored.
const HEAD_ID_PREFIXED: u8 = 1 << 7;

/// Free-text streams of the entities section: ids, names, identifier values (each kind
/// of text stored together compresses better than the three interleaved).
pub(crate) const TEXT_STREAMS: usize = 3;
const TEXT_ID: usize = 0;
const TEXT_NAME: usize = 1;
const TEXT_VALUE: usize = 2;

/// The text streams of a record or of a section, in the order ids, names, values.
pub(crate) type Texts<'a> = [&'a [u8]; TEXT_STREAMS];

// Name flags byte.
const NAME_KIND_MASK: u8 = 0b0000_0011;
const NAME_WEAK: u8 = 1 << 2;
const NAME_ORIGINAL_SCRIPT: u8 = 1 << 3;
const NAME_HAS_LANGUAGE: u8 = 1 << 4;
const NAME_KNOWN_BITS: u8 = 0b0001_1111;

// Birth date tags and partial-date flags.
const BIRTH_DATE: u8 = 0;
const BIRTH_RANGE: u8 = 1;
const DATE_HAS_MONTH: u8 = 1;
const DATE_HAS_DAY: u8 = 2;

// Identifier head byte: bits 0-3 kind, then flags.
const IDENT_KIND_MASK: u8 = 0b0000_1111;
const IDENT_HAS_COUNTRY: u8 = 1 << 4;
const IDENT_HAS_NETWORK: u8 = 1 << 5;
const IDENT_KNOWN_BITS: u8 = 0b0011_1111;
/// Kind number of [`IdentifierKind::CryptoAddress`].
const CRYPTO_KIND: u8 = 7;

const ENTITY_TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Vessel,
    EntityType::Aircraft,
];

const NAME_KINDS: [NameKind; 4] = [
    NameKind::Primary,
    NameKind::Aka,
    NameKind::Fka,
    NameKind::Nka,
];

const IDENTIFIER_KINDS: [IdentifierKind; 9] = [
    IdentifierKind::Passport,
    IdentifierKind::NationalId,
    IdentifierKind::TaxId,
    IdentifierKind::Registration,
    IdentifierKind::Imo,
    IdentifierKind::Aircraft,
    IdentifierKind::SwiftBic,
    IdentifierKind::CryptoAddress,
    IdentifierKind::Other,
];

/// Wire number of a source list (its position in [`SourceList::ALL`]).
pub(crate) fn source_tag(source: SourceList) -> u8 {
    match source {
        SourceList::OfacSdn => 0,
        SourceList::OfacConsolidated => 1,
        SourceList::UnSc => 2,
        SourceList::UkOfsi => 3,
        SourceList::UkFcdo => 4,
        SourceList::Eu => 5,
    }
}

fn entity_type_tag(t: EntityType) -> u8 {
    match t {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Vessel => 2,
        EntityType::Aircraft => 3,
    }
}

fn name_kind_tag(k: NameKind) -> u8 {
    match k {
        NameKind::Primary => 0,
        NameKind::Aka => 1,
        NameKind::Fka => 2,
        NameKind::Nka => 3,
    }
}

fn identifier_kind_tag(k: IdentifierKind) -> u8 {
    match k {
        IdentifierKind::Passport => 0,
        IdentifierKind::NationalId => 1,
        IdentifierKind::TaxId => 2,
        IdentifierKind::Registration => 3,
        IdentifierKind::Imo => 4,
        IdentifierKind::Aircraft => 5,
        IdentifierKind::SwiftBic => 6,
        IdentifierKind::CryptoAddress => 7,
        IdentifierKind::Other => 8,
    }
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// Appends `value` as unsigned LEB128 (7 bits per byte, low group first).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a length-prefixed UTF-8 string.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Appends a presence byte (0 or 1) and, when present, the string.
pub(crate) fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

/// Every table-coded string of `entities`, most frequent first (ties in byte order), so
/// the common values get one-byte references and the table is deterministic.
pub(crate) fn collect_string_table(entities: &[Entity]) -> Vec<String> {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for e in entities {
        for_each_table_string(e, |s| *counts.entry(s).or_insert(0) += 1);
    }
    let mut table: Vec<(&str, u64)> = counts.into_iter().collect();
    table.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    table.into_iter().map(|(s, _)| s.to_string()).collect()
}

/// Calls `f` on every string of `e` that the codec stores as a string-table reference.
fn for_each_table_string<'a>(e: &'a Entity, mut f: impl FnMut(&'a str)) {
    for n in &e.names {
        if let Some(l) = &n.language {
            f(l);
        }
    }
    e.birth_places.iter().for_each(|s| f(s));
    e.nationalities.iter().for_each(|s| f(s));
    e.address_countries.iter().for_each(|s| f(s));
    for i in &e.identifiers {
        f(&i.label);
        if let Some(c) = &i.country {
            f(c);
        }
        if let Some(n) = &i.network {
            f(n);
        }
    }
    e.programs.iter().for_each(|s| f(s));
    if let Some(l) = &e.listed_on {
        f(l);
    }
}

/// Encodes the string table section body.
pub(crate) fn encode_string_table(table: &[String], out: &mut Vec<u8>) {
    put_varint(out, table.len() as u64);
    for s in table {
        put_str(out, s);
    }
}

/// Encodes entities against a string table built by [`collect_string_table`].
pub(crate) struct EntityWriter<'t> {
    refs: HashMap<&'t str, u64>,
}

impl<'t> EntityWriter<'t> {
    /// A writer for `table`.
    pub(crate) fn new(table: &'t [String]) -> EntityWriter<'t> {
        let refs = table
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u64))
            .collect();
        EntityWriter { refs }
    }

    fn put_ref(&self, out: &mut Vec<u8>, s: &str) {
        // The table was collected from these same entities (see `EntityWriter::new`), so
        // every string is present; the fallback only keeps the writer free of panics.
        debug_assert!(self.refs.contains_key(s), "string missing from the table");
        let index = self.refs.get(s).copied().unwrap_or(0);
        put_varint(out, index);
    }

    fn put_refs(&self, out: &mut Vec<u8>, list: &[String]) {
        put_varint(out, list.len() as u64);
        for s in list {
            self.put_ref(out, s);
        }
    }

    /// Encodes the entities section body (`count u32 | heads u8[count] | fields_len u32 |
    /// fields | text`) and appends each present remark, as a `str`, to `remarks` (the raw
    /// body of the remarks section, compressed by the caller).
    pub(crate) fn encode_entities(
        &self,
        entities: &[Entity],
        out: &mut Vec<u8>,
        remarks: &mut Vec<u8>,
    ) {
        out.extend_from_slice(&len_u32(entities.len()).to_le_bytes());
        out.extend(entities.iter().map(entity_head));
        let mut fields = Vec::new();
        let mut texts: [Vec<u8>; TEXT_STREAMS] = Default::default();
        for e in entities {
            self.encode_entity(e, &mut fields, &mut texts);
            if let Some(r) = &e.remarks {
                put_str(remarks, r);
            }
        }
        let [ids, names, values] = texts;
        for stream in [&fields, &ids, &names] {
            out.extend_from_slice(&len_u32(stream.len()).to_le_bytes());
        }
        for stream in [fields, ids, names, values] {
            out.extend_from_slice(&stream);
        }
    }

    /// One record: its fields (lengths, counts, flags, references, dates) into `out`, the
    /// bytes of its free-text strings into the text stream of their kind (id, names,
    /// identifier values); not the head byte (in the heads array) nor the remarks (in
    /// the remarks section).
    fn encode_entity(&self, e: &Entity, out: &mut Vec<u8>, texts: &mut [Vec<u8>; TEXT_STREAMS]) {
        let mut put_text = |out: &mut Vec<u8>, stream: usize, s: &str| {
            put_varint(out, s.len() as u64);
            if let Some(t) = texts.get_mut(stream) {
                t.extend_from_slice(s.as_bytes());
            }
        };
        put_text(out, TEXT_ID, stored_id(e).unwrap_or(&e.id));

        put_varint(out, e.names.len() as u64);
        for n in &e.names {
            let mut flags = name_kind_tag(n.kind);
            if n.strength == AliasStrength::Weak {
                flags |= NAME_WEAK;
            }
            if n.original_script {
                flags |= NAME_ORIGINAL_SCRIPT;
            }
            if n.language.is_some() {
                flags |= NAME_HAS_LANGUAGE;
            }
            out.push(flags);
            put_text(out, TEXT_NAME, &n.full);
            if let Some(l) = &n.language {
                self.put_ref(out, l);
            }
        }

        put_varint(out, e.birth_dates.len() as u64);
        for d in &e.birth_dates {
            match d {
                BirthDate::Date { date } => {
                    out.push(BIRTH_DATE);
                    put_partial_date(out, date);
                }
                BirthDate::Range { from, to } => {
                    out.push(BIRTH_RANGE);
                    put_partial_date(out, from);
                    put_partial_date(out, to);
                }
            }
        }

        self.put_refs(out, &e.birth_places);
        self.put_refs(out, &e.nationalities);
        self.put_refs(out, &e.address_countries);

        put_varint(out, e.identifiers.len() as u64);
        for i in &e.identifiers {
            let mut head = identifier_kind_tag(i.kind);
            if i.country.is_some() {
                head |= IDENT_HAS_COUNTRY;
            }
            if i.network.is_some() {
                head |= IDENT_HAS_NETWORK;
            }
            out.push(head);
            self.put_ref(out, &i.label);
            put_text(out, TEXT_VALUE, &i.value);
            if let Some(c) = &i.country {
                self.put_ref(out, c);
            }
            if let Some(n) = &i.network {
                self.put_ref(out, n);
            }
        }

        self.put_refs(out, &e.programs);
        if let Some(l) = &e.listed_on {
            self.put_ref(out, l);
        }
    }
}

/// Lengths and offsets are u32: snapshots are limited to 4 GiB (the real lists take a few
/// MB). A larger value is written as `u32::MAX`, which the reader then rejects.
pub(crate) fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// The id without its `<source code>:` prefix, when it has one (then only the rest is
/// stored and head bit 7 is set).
fn stored_id(e: &Entity) -> Option<&str> {
    e.id.strip_prefix(e.source.code())
        .and_then(|rest| rest.strip_prefix(':'))
}

/// The head byte of an entity: source, type and the flags of its optional parts.
fn entity_head(e: &Entity) -> u8 {
    let mut head = source_tag(e.source) | (entity_type_tag(e.entity_type) << HEAD_TYPE_SHIFT);
    if e.listed_on.is_some() {
        head |= HEAD_HAS_LISTED_ON;
    }
    if e.remarks.is_some() {
        head |= HEAD_HAS_REMARKS;
    }
    if stored_id(e).is_some() {
        head |= HEAD_ID_PREFIXED;
    }
    head
}

fn put_partial_date(out: &mut Vec<u8>, d: &PartialDate) {
    let mut flags = 0;
    if d.month.is_some() {
        flags |= DATE_HAS_MONTH;
    }
    if d.day.is_some() {
        flags |= DATE_HAS_DAY;
    }
    out.push(flags);
    out.extend_from_slice(&d.year.to_le_bytes());
    if let Some(m) = d.month {
        out.push(m);
    }
    if let Some(day) = d.day {
        out.push(day);
    }
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// A bounds-checked cursor over one section; every failure is `Corrupt { section, .. }`.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    section: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over the body of `section`.
    pub(crate) fn new(bytes: &'a [u8], section: &'static str) -> Reader<'a> {
        Reader {
            bytes,
            pos: 0,
            section,
        }
    }

    /// A `Corrupt` error for this section, mentioning the offset inside it.
    #[cold]
    #[inline(never)]
    pub(crate) fn corrupt(&self, what: &str) -> SnapshotError {
        SnapshotError::Corrupt {
            section: self.section,
            detail: format!("{what} at offset {} of {}", self.pos, self.bytes.len()),
        }
    }

    /// Bytes read so far.
    #[inline(always)]
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not yet read.
    #[inline(always)]
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    /// Fails unless every byte was consumed.
    pub(crate) fn finish(&self) -> Result<(), SnapshotError> {
        if self.remaining() == 0 {
            Ok(())
        } else {
            Err(self.corrupt(&format!("{} unexpected trailing bytes", self.remaining())))
        }
    }

    /// Takes the next `n` bytes.
    #[inline(always)]
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], SnapshotError> {
        if n > self.remaining() {
            return Err(self.corrupt(&format!("{n} bytes needed, {} left", self.remaining())));
        }
        let start = self.pos;
        self.pos += n;
        Ok(self.bytes.get(start..self.pos).unwrap_or_default())
    }

    /// One byte.
    #[inline(always)]
    pub(crate) fn u8(&mut self) -> Result<u8, SnapshotError> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(self.corrupt("unexpected end of section")),
        }
    }

    /// A little-endian `u16`.
    #[inline]
    pub(crate) fn u16(&mut self) -> Result<u16, SnapshotError> {
        let b = self.take(2)?;
        let b: [u8; 2] = b.try_into().map_err(|_| self.corrupt("short u16"))?;
        Ok(u16::from_le_bytes(b))
    }

    /// A little-endian `u32`.
    pub(crate) fn u32(&mut self) -> Result<u32, SnapshotError> {
        let b = self.take(4)?;
        let b: [u8; 4] = b.try_into().map_err(|_| self.corrupt("short u32"))?;
        Ok(u32::from_le_bytes(b))
    }

    /// An unsigned LEB128 value in minimal form.
    #[inline(always)]
    pub(crate) fn varint(&mut self) -> Result<u64, SnapshotError> {
        // Fast path: almost every length, count and reference fits in one byte.
        if let Some(&byte) = self.bytes.get(self.pos) {
            if byte < 0x80 {
                self.pos += 1;
                return Ok(u64::from(byte));
            }
        }
        self.varint_multi_byte()
    }

    #[inline(never)]
    fn varint_multi_byte(&mut self) -> Result<u64, SnapshotError> {
        let mut value: u64 = 0;
        for i in 0..MAX_VARINT_BYTES {
            let byte = self.u8()?;
            let group = u64::from(byte & 0x7f);
            let shift = 7 * i;
            // The tenth byte may only carry the top bit of a u64.
            if i == MAX_VARINT_BYTES - 1 && group > 1 {
                return Err(self.corrupt("varint overflows 64 bits"));
            }
            value |= group << shift;
            if byte & 0x80 == 0 {
                if byte == 0 && i > 0 {
                    return Err(self.corrupt("non-minimal varint"));
                }
                return Ok(value);
            }
        }
        Err(self.corrupt("varint longer than 10 bytes"))
    }

    /// A count of items that each take at least `min_item_bytes`, checked against the bytes
    /// left so that no caller can be made to reserve memory the input cannot fill.
    #[inline]
    pub(crate) fn count(&mut self, min_item_bytes: usize) -> Result<usize, SnapshotError> {
        let n = self.varint()?;
        let limit = self.remaining() / min_item_bytes.max(1);
        if n > limit as u64 {
            return Err(self.corrupt(&format!(
                "count {n} exceeds what the {} remaining bytes can hold",
                self.remaining()
            )));
        }
        Ok(n as usize)
    }

    /// A length-prefixed UTF-8 string borrowed from the input.
    #[inline]
    pub(crate) fn str(&mut self) -> Result<&'a str, SnapshotError> {
        let len = self.count(1)?;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).map_err(|_| self.corrupt("invalid UTF-8 in string"))
    }

    /// A length-prefixed string, owned.
    #[inline]
    pub(crate) fn string(&mut self) -> Result<String, SnapshotError> {
        self.str().map(str::to_owned)
    }

    /// A presence byte and, when 1, a string.
    pub(crate) fn opt_string(&mut self) -> Result<Option<String>, SnapshotError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(self.corrupt("presence byte is neither 0 nor 1")),
        }
    }
}

/// Decodes the string table section body into borrowed strings.
pub(crate) fn decode_string_table(bytes: &[u8]) -> Result<Vec<&str>, SnapshotError> {
    let mut r = Reader::new(bytes, "strings");
    let n = r.count(1)?;
    let mut table = Vec::with_capacity(n);
    for _ in 0..n {
        table.push(r.str()?);
    }
    r.finish()?;
    Ok(table)
}

/// Source list and entity type of an entity head byte; `None` when the source bits name
/// no list (the loader rejects such a file, so this only guards direct callers).
#[inline]
pub(crate) fn head_kind(head: u8) -> Option<(SourceList, EntityType)> {
    let source = SourceList::ALL
        .get(usize::from(head & HEAD_SOURCE_MASK))
        .copied()?;
    // Two bits, four types: every value is valid, `get` only avoids indexing.
    let entity_type = ENTITY_TYPES
        .get(usize::from((head & HEAD_TYPE_MASK) >> HEAD_TYPE_SHIFT))
        .copied()?;
    Some((source, entity_type))
}

/// True when the entity of this head byte has remarks (in the remarks section).
#[inline]
pub(crate) fn head_has_remarks(head: u8) -> bool {
    head & HEAD_HAS_REMARKS != 0
}

/// What the check of one record found: its number of names and how many bytes of the
/// fields and of the text streams it takes (the record's extent, which the loader records
/// as the start of the next one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordExtent {
    /// Names of the entity.
    pub(crate) names: u64,
    /// Bytes of the record in the fields stream.
    pub(crate) fields: usize,
    /// Bytes of the record in each text stream.
    pub(crate) text: [usize; TEXT_STREAMS],
}

/// The load-time check of one record starting at `fields[0]` and `text[0]` (the rest of
/// both streams; the record ends where its last field does): the checks of
/// [`check_record`], without error details (`None` on the first problem; the caller then
/// runs `check_record` for the message). A separate, `Option`-returning walker because
/// `Result<_, SnapshotError>` on every field made the scan of the full lists 5.5 ms in wasm.
///
/// Appends the record's identifiers to `idents` as entity `entity`: the index makes its
/// identifier table from them (index version 6).
pub(crate) fn quick_check_record<'a>(
    fields: &'a [u8],
    texts: Texts<'a>,
    head: u8,
    table_len: usize,
    entity: u32,
    idents: &mut Vec<ListedIdent<'a>>,
) -> Option<RecordExtent> {
    let mut s = Scan {
        b: fields,
        pos: 0,
        t: texts,
        tpos: [0; TEXT_STREAMS],
    };
    let table_len = table_len as u64;
    head_kind(head)?;
    s.str(TEXT_ID)?;
    let names = s.varint()?;
    for _ in 0..names {
        let flags = s.u8()?;
        if flags & !NAME_KNOWN_BITS != 0 {
            return None;
        }
        s.str(TEXT_NAME)?;
        if flags & NAME_HAS_LANGUAGE != 0 {
            s.table_ref(table_len)?;
        }
    }
    let n = s.varint()?;
    for _ in 0..n {
        let dates = match s.u8()? {
            BIRTH_DATE => 1,
            BIRTH_RANGE => 2,
            _ => return None,
        };
        for _ in 0..dates {
            let flags = s.u8()?;
            if flags & !(DATE_HAS_MONTH | DATE_HAS_DAY) != 0 {
                return None;
            }
            let len = 2 + usize::from(flags & DATE_HAS_MONTH) + usize::from(flags >> 1);
            s.take(len)?;
        }
    }
    for _ in 0..3 {
        s.table_refs(table_len)?;
    }
    let n = s.varint()?;
    for ident in 0..n {
        let ihead = s.u8()?;
        if ihead & !IDENT_KNOWN_BITS != 0
            || usize::from(ihead & IDENT_KIND_MASK) >= IDENTIFIER_KINDS.len()
        {
            return None;
        }
        s.table_ref(table_len)?;
        let value = std::str::from_utf8(s.text(TEXT_VALUE)?).ok()?;
        idents.push(ListedIdent {
            entity,
            // Fewer than the record's bytes.
            ident: ident as u32,
            crypto: ihead & IDENT_KIND_MASK == CRYPTO_KIND,
            value,
        });
        if ihead & IDENT_HAS_COUNTRY != 0 {
            s.table_ref(table_len)?;
        }
        if ihead & IDENT_HAS_NETWORK != 0 {
            s.table_ref(table_len)?;
        }
    }
    s.table_refs(table_len)?;
    if head & HEAD_HAS_LISTED_ON != 0 {
        s.table_ref(table_len)?;
    }
    Some(RecordExtent {
        names,
        fields: s.pos,
        text: s.tpos,
    })
}

/// A cursor for [`quick_check_record`]: over the fields stream, and over the text streams
/// for string bytes.
struct Scan<'a> {
    b: &'a [u8],
    pos: usize,
    t: Texts<'a>,
    tpos: [usize; TEXT_STREAMS],
}

impl<'a> Scan<'a> {
    #[inline(always)]
    fn u8(&mut self) -> Option<u8> {
        let b = *self.b.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    #[inline(always)]
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    #[inline(always)]
    fn varint(&mut self) -> Option<u64> {
        let b = self.u8()?;
        if b < 0x80 {
            return Some(u64::from(b));
        }
        // Rare (lengths >= 128): the full rules, via the ordinary reader.
        self.pos -= 1;
        let mut r = Reader::new(self.b.get(self.pos..)?, "entities");
        let before = r.remaining();
        let v = r.varint().ok()?;
        self.pos += before - r.remaining();
        Some(v)
    }

    /// The bytes of a string: its length from the fields, its bytes from text stream
    /// `stream` (not checked).
    #[inline(always)]
    fn text(&mut self, stream: usize) -> Option<&'a [u8]> {
        let n = usize::try_from(self.varint()?).ok()?;
        let at = self.tpos.get_mut(stream)?;
        let end = at.checked_add(n)?;
        let s = self.t.get(stream)?.get(*at..end)?;
        *at = end;
        Some(s)
    }

    /// A string: its length from the fields, its bytes (UTF-8) from text stream `stream`.
    #[inline(always)]
    fn str(&mut self, stream: usize) -> Option<()> {
        let s = self.text(stream)?;
        if s.is_ascii() || std::str::from_utf8(s).is_ok() {
            Some(())
        } else {
            None
        }
    }

    #[inline(always)]
    fn table_ref(&mut self, table_len: u64) -> Option<()> {
        (self.varint()? < table_len).then_some(())
    }

    #[inline(always)]
    fn table_refs(&mut self, table_len: u64) -> Option<()> {
        let n = self.varint()?;
        for _ in 0..n {
            self.table_ref(table_len)?;
        }
        Some(())
    }
}

/// Checks one entity record starting at `fields[0]` and `text[0]` without allocating
/// anything: every check of [`decode_record`] (lengths, flag bits, UTF-8, string
/// references), so a record that passes decodes without error. Returns its extent.
pub(crate) fn check_record(
    fields: &[u8],
    texts: Texts<'_>,
    head: u8,
    table_len: usize,
) -> Result<RecordExtent, SnapshotError> {
    let mut r = Reader::new(fields, "entities");
    let [mut ids, mut names_text, mut values] = texts.map(|t| Reader::new(t, "entities"));
    let table_ref = |r: &mut Reader<'_>| -> Result<(), SnapshotError> {
        let index = r.varint()?;
        if index < table_len as u64 {
            Ok(())
        } else {
            Err(r.corrupt(&format!(
                "string reference {index} outside the table of {table_len}"
            )))
        }
    };
    let table_refs = |r: &mut Reader<'_>| -> Result<(), SnapshotError> {
        let n = r.count(1)?;
        for _ in 0..n {
            table_ref(r)?;
        }
        Ok(())
    };
    if head_kind(head).is_none() {
        return Err(r.corrupt("unknown source list"));
    }
    text_str(&mut r, &mut ids)?;
    let names = r.count(2)?;
    for _ in 0..names {
        let flags = r.u8()?;
        if flags & !NAME_KNOWN_BITS != 0 {
            return Err(r.corrupt("unknown name flag bits"));
        }
        text_str(&mut r, &mut names_text)?;
        if flags & NAME_HAS_LANGUAGE != 0 {
            table_ref(&mut r)?;
        }
    }
    let n = r.count(4)?;
    for _ in 0..n {
        let dates = match r.u8()? {
            BIRTH_DATE => 1,
            BIRTH_RANGE => 2,
            _ => return Err(r.corrupt("unknown birth date tag")),
        };
        for _ in 0..dates {
            partial_date(&mut r)?;
        }
    }
    table_refs(&mut r)?;
    table_refs(&mut r)?;
    table_refs(&mut r)?;
    let n = r.count(3)?;
    for _ in 0..n {
        let ihead = r.u8()?;
        if ihead & !IDENT_KNOWN_BITS != 0 {
            return Err(r.corrupt("unknown identifier flag bits"));
        }
        if IDENTIFIER_KINDS
            .get(usize::from(ihead & IDENT_KIND_MASK))
            .is_none()
        {
            return Err(r.corrupt("unknown identifier kind"));
        }
        table_ref(&mut r)?;
        text_str(&mut r, &mut values)?;
        if ihead & IDENT_HAS_COUNTRY != 0 {
            table_ref(&mut r)?;
        }
        if ihead & IDENT_HAS_NETWORK != 0 {
            table_ref(&mut r)?;
        }
    }
    table_refs(&mut r)?;
    if head & HEAD_HAS_LISTED_ON != 0 {
        table_ref(&mut r)?;
    }
    Ok(RecordExtent {
        names: names as u64,
        fields: r.position(),
        text: [ids.position(), names_text.position(), values.position()],
    })
}

/// A string of a record: its length from the fields stream `r`, its bytes (UTF-8) from
/// the text stream `t`.
#[inline]
fn text_str<'a>(r: &mut Reader<'_>, t: &mut Reader<'a>) -> Result<&'a str, SnapshotError> {
    let len = r.varint()?;
    let len = usize::try_from(len).map_err(|_| r.corrupt("string length overflows"))?;
    let bytes = t.take(len)?;
    std::str::from_utf8(bytes).map_err(|_| t.corrupt("invalid UTF-8 in string"))
}

/// Decodes one entity record, its exact fields and text bytes (the head byte comes from
/// the heads array); remarks, which live in their own section, are left `None`.
pub(crate) fn decode_record(
    fields: &[u8],
    texts: Texts<'_>,
    head: u8,
    table: &[String],
) -> Result<Entity, SnapshotError> {
    let mut d = RecordReader {
        r: Reader::new(fields, "entities"),
        t: texts.map(|t| Reader::new(t, "entities")),
        table,
    };
    let entity = d.entity(head)?;
    d.r.finish()?;
    for t in &d.t {
        t.finish()?;
    }
    Ok(entity)
}

/// Decodes one record against the string table.
struct RecordReader<'a, 't> {
    r: Reader<'a>,
    t: [Reader<'a>; TEXT_STREAMS],
    table: &'t [String],
}

impl<'a> RecordReader<'a, '_> {
    /// A string whose bytes are in text stream `stream`.
    #[inline]
    fn text(&mut self, stream: usize) -> Result<&'a str, SnapshotError> {
        let Some(t) = self.t.get_mut(stream) else {
            return Err(self.r.corrupt("unknown text stream"));
        };
        text_str(&mut self.r, t)
    }

    #[inline]
    fn table_ref(&mut self) -> Result<String, SnapshotError> {
        let index = self.r.varint()?;
        match usize::try_from(index).ok().and_then(|i| self.table.get(i)) {
            Some(s) => Ok(s.clone()),
            None => Err(self.r.corrupt(&format!(
                "string reference {index} outside the table of {}",
                self.table.len()
            ))),
        }
    }

    #[inline]
    fn table_refs(&mut self) -> Result<Vec<String>, SnapshotError> {
        let n = self.r.count(1)?;
        let mut list = Vec::with_capacity(n);
        for _ in 0..n {
            list.push(self.table_ref()?);
        }
        Ok(list)
    }

    fn entity(&mut self, head: u8) -> Result<Entity, SnapshotError> {
        let (source, entity_type) =
            head_kind(head).ok_or_else(|| self.r.corrupt("unknown source list"))?;
        let stored_id = self.text(TEXT_ID)?;
        let id = if head & HEAD_ID_PREFIXED != 0 {
            let code = source.code();
            let mut id = String::with_capacity(code.len() + 1 + stored_id.len());
            id.push_str(code);
            id.push(':');
            id.push_str(stored_id);
            id
        } else {
            stored_id.to_owned()
        };

        // A name takes at least a flags byte and a length byte.
        let n = self.r.count(2)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            let flags = self.r.u8()?;
            if flags & !NAME_KNOWN_BITS != 0 {
                return Err(self.r.corrupt("unknown name flag bits"));
            }
            let full = self.text(TEXT_NAME)?.to_owned();
            let language = if flags & NAME_HAS_LANGUAGE != 0 {
                Some(self.table_ref()?)
            } else {
                None
            };
            let kind = NAME_KINDS
                .get(usize::from(flags & NAME_KIND_MASK))
                .copied()
                .ok_or_else(|| self.r.corrupt("unknown name kind"))?;
            names.push(Name {
                full,
                kind,
                strength: if flags & NAME_WEAK != 0 {
                    AliasStrength::Weak
                } else {
                    AliasStrength::Strong
                },
                original_script: flags & NAME_ORIGINAL_SCRIPT != 0,
                language,
            });
        }

        // A birth date takes at least a tag, a flags byte and a two-byte year.
        let n = self.r.count(4)?;
        let mut birth_dates = Vec::with_capacity(n);
        for _ in 0..n {
            let date = match self.r.u8()? {
                BIRTH_DATE => BirthDate::Date {
                    date: partial_date(&mut self.r)?,
                },
                BIRTH_RANGE => BirthDate::Range {
                    from: partial_date(&mut self.r)?,
                    to: partial_date(&mut self.r)?,
                },
                _ => return Err(self.r.corrupt("unknown birth date tag")),
            };
            birth_dates.push(date);
        }

        let birth_places = self.table_refs()?;
        let nationalities = self.table_refs()?;
        let address_countries = self.table_refs()?;

        // An identifier takes at least a head byte, a reference and a length byte.
        let n = self.r.count(3)?;
        let mut identifiers = Vec::with_capacity(n);
        for _ in 0..n {
            let ihead = self.r.u8()?;
            if ihead & !IDENT_KNOWN_BITS != 0 {
                return Err(self.r.corrupt("unknown identifier flag bits"));
            }
            let kind = IDENTIFIER_KINDS
                .get(usize::from(ihead & IDENT_KIND_MASK))
                .copied()
                .ok_or_else(|| self.r.corrupt("unknown identifier kind"))?;
            let label = self.table_ref()?;
            let value = self.text(TEXT_VALUE)?.to_owned();
            let country = if ihead & IDENT_HAS_COUNTRY != 0 {
                Some(self.table_ref()?)
            } else {
                None
            };
            let network = if ihead & IDENT_HAS_NETWORK != 0 {
                Some(self.table_ref()?)
            } else {
                None
            };
            identifiers.push(Identifier {
                kind,
                label,
                value,
                country,
                network,
            });
        }

        let programs = self.table_refs()?;
        let listed_on = if head & HEAD_HAS_LISTED_ON != 0 {
            Some(self.table_ref()?)
        } else {
            None
        };

        Ok(Entity {
            id,
            source,
            entity_type,
            names,
            birth_dates,
            birth_places,
            nationalities,
            address_countries,
            identifiers,
            programs,
            listed_on,
            remarks: None,
        })
    }
}

/// The id of a record without decoding the rest (for look-ups by id); `None` when the
/// record is damaged.
pub(crate) fn record_id<'a>(
    fields: &[u8],
    texts: Texts<'a>,
    head: u8,
) -> Option<(Option<&'static str>, &'a str)> {
    let (source, _) = head_kind(head)?;
    let stored = text_str(
        &mut Reader::new(fields, "entities"),
        &mut Reader::new(texts[TEXT_ID], "entities"),
    )
    .ok()?;
    let prefix = (head & HEAD_ID_PREFIXED != 0).then(|| source.code());
    Some((prefix, stored))
}

fn partial_date(r: &mut Reader<'_>) -> Result<PartialDate, SnapshotError> {
    let flags = r.u8()?;
    if flags & !(DATE_HAS_MONTH | DATE_HAS_DAY) != 0 {
        return Err(r.corrupt("unknown date flag bits"));
    }
    let year = r.u16()?;
    let month = if flags & DATE_HAS_MONTH != 0 {
        Some(r.u8()?)
    } else {
        None
    };
    let day = if flags & DATE_HAS_DAY != 0 {
        Some(r.u8()?)
    } else {
        None
    };
    Ok(PartialDate { year, month, day })
}
