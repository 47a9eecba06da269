//! The versioned binary snapshot file (`.kcs`), byte layout in `docs/SNAPSHOT_FORMAT.md`.
//!
//! ```text
//! prefix (46 bytes)  magic[8] | format_version u16 | payload_len u32 | sha256(payload)[32]
//! payload            section* in fixed order: header, strings, entities, remarks, index
//! section            tag u8 | body_len u32 | body
//! ```
//!
//! Loading checks, in this order and before decoding anything: magic, version, declared
//! length against the actual length, SHA-256 of the payload. Only then are the sections
//! parsed, with every length checked against the bytes that remain. Entity records are
//! checked by a scan that allocates nothing and kept encoded ([`super::EntityStore`]).

use super::codec::{
    collect_string_table, decode_string_table, encode_string_table, len_u32, put_opt_str, put_str,
    put_varint, source_tag, EntityWriter, Reader,
};
use super::companion::{self, RemarksCompanion, REMARKS_FILE_PREFIX_LEN};
use super::store::RemarksInput;
use super::{EntityStore, RemarksMode, Snapshot, SnapshotError, SnapshotHeader};
use crate::model::{SourceInfo, SourceList};
use crate::screen::index::{ListedIdent, NameIndex};
use crate::sha256::Sha256;

/// The first eight bytes of every snapshot. PNG-style: the high byte catches 7-bit
/// transfers, CR LF and the lone LF catch newline conversion, 0x1A stops DOS `type`.
pub const MAGIC: [u8; 8] = *b"\x89KCS\r\n\x1a\n";

/// The format version this build writes and the only one it reads.
pub const FORMAT_VERSION: u16 = 4;

/// Bytes before the payload: magic, version, payload length, payload hash.
pub const PREFIX_LEN: usize = 8 + 2 + 4 + 32;

/// Offset of the little-endian `u16` format version.
pub const VERSION_AT: usize = 8;
/// Offset of the little-endian `u32` payload length.
pub const LENGTH_AT: usize = 10;
/// Offset of the 32-byte SHA-256 of the payload.
pub const HASH_AT: usize = 14;

/// Section tags, in the order the sections must appear.
const SECTIONS: [(u8, &str); 5] = [
    (1, "header"),
    (2, "strings"),
    (3, "entities"),
    (4, "remarks"),
    (5, "index"),
];

/// Compression level of the remarks section: miniz_oxide's best (9); the stream is
/// written once per build and inflated at most once per load.
const REMARKS_LEVEL: u8 = 9;

/// Totals stored in the header section and checked against the decoded entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Number of entities.
    pub entities: u64,
    /// Number of names over all entities.
    pub names: u64,
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// Encodes `snapshot` as a complete file. The hash in the prefix is computed here; the
/// `sha256` field of the snapshot's header is not trusted.
pub(crate) fn encode(snapshot: &Snapshot) -> Vec<u8> {
    encode_files(snapshot).snapshot
}

/// A snapshot file and, with external remarks, its remarks companion file.
pub(crate) struct EncodedFiles {
    /// The `.kcs` file.
    pub snapshot: Vec<u8>,
    /// The `.kcr` file (`None` unless the remarks are external, and for a loaded snapshot
    /// whose companion is not attached).
    pub companion: Option<Vec<u8>>,
    /// What the snapshot's header pins of the companion file (remarks external only).
    pub pinned: Option<RemarksCompanion>,
}

/// Encodes `snapshot` as a complete file and, when its remarks are external, its remarks
/// companion file. For a snapshot built in memory the companion's facts in the header are
/// computed here, like the hash; a loaded snapshot writes back its header's.
pub(crate) fn encode_files(snapshot: &Snapshot) -> EncodedFiles {
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&[0; 4 + 32]); // length and hash, patched below

    let [header_tag, strings_tag, entities_tag, remarks_tag, index_tag] =
        SECTIONS.map(|(tag, _)| tag);
    let external = snapshot.header.remarks == RemarksMode::External;

    // The sections before the header is written: with external remarks the header pins
    // the companion file, which the entities produce.
    let owned_parts;
    let (table, entities, remarks, companion, pinned) =
        match (snapshot.entities.owned(), snapshot.entities.encoded_parts()) {
            (_, Some((table, entities, remarks, companion))) => {
                // A loaded snapshot: its checked sections are exactly what the encoder wrote.
                let pinned = snapshot.header.remarks_companion.clone();
                (
                    table,
                    entities,
                    remarks,
                    companion.map(<[u8]>::to_vec),
                    pinned,
                )
            }
            (owned, None) => {
                let entities = owned.unwrap_or_default();
                let table = collect_string_table(entities);
                let mut body = Vec::new();
                let mut raw = Vec::new();
                EntityWriter::new(&table).encode_entities(entities, &mut body, &mut raw);
                let stream = miniz_oxide::deflate::compress_to_vec(&raw, REMARKS_LEVEL);
                let (section, companion, pinned) = if external {
                    let (file, pinned) = companion::encode(&stream, raw.len());
                    (Vec::new(), Some(file), Some(pinned))
                } else {
                    let mut section = len_u32(raw.len()).to_le_bytes().to_vec();
                    section.extend_from_slice(&stream);
                    (section, None, None)
                };
                owned_parts = (table, body, section);
                let (table, body, section) = &owned_parts;
                (
                    table.as_slice(),
                    body.as_slice(),
                    section.as_slice(),
                    companion,
                    pinned,
                )
            }
        };

    let at = begin_section(&mut out, header_tag);
    encode_header(
        &snapshot.header,
        snapshot.counts(),
        pinned.as_ref(),
        &mut out,
    );
    end_section(&mut out, at);
    let at = begin_section(&mut out, strings_tag);
    encode_string_table(table, &mut out);
    end_section(&mut out, at);
    for (tag, body) in [(entities_tag, entities), (remarks_tag, remarks)] {
        let at = begin_section(&mut out, tag);
        out.extend_from_slice(body);
        end_section(&mut out, at);
    }

    let at = begin_section(&mut out, index_tag);
    snapshot.index.encode(&mut out);
    end_section(&mut out, at);

    let payload_len = len_u32(out.len() - PREFIX_LEN);
    let digest = payload_digest(out.get(PREFIX_LEN..).unwrap_or_default());
    out[LENGTH_AT..HASH_AT].copy_from_slice(&payload_len.to_le_bytes());
    out[HASH_AT..PREFIX_LEN].copy_from_slice(&digest);
    EncodedFiles {
        snapshot: out,
        companion: companion.filter(|_| external),
        pinned: pinned.filter(|_| external),
    }
}

fn begin_section(out: &mut Vec<u8>, tag: u8) -> usize {
    out.push(tag);
    out.extend_from_slice(&[0; 4]);
    out.len()
}

fn end_section(out: &mut [u8], body_start: usize) {
    let len = len_u32(out.len() - body_start);
    out[body_start - 4..body_start].copy_from_slice(&len.to_le_bytes());
}

fn encode_header(
    header: &SnapshotHeader,
    counts: Counts,
    companion: Option<&RemarksCompanion>,
    out: &mut Vec<u8>,
) {
    put_str(out, &header.built_at);
    put_str(out, &header.label);
    out.push(header.remarks.tag());
    put_varint(out, u64::from(header.remarks.excerpt_chars()));
    if header.remarks == RemarksMode::External {
        // Format 4: the companion file is pinned here, so the payload hash covers it.
        let (size, sha256, raw) = companion.map_or((0, [0; 32], 0), |c| {
            (c.size_bytes, unhex32(&c.sha256), c.raw_bytes)
        });
        out.extend_from_slice(&len_u32(size as usize).to_le_bytes());
        out.extend_from_slice(&sha256);
        out.extend_from_slice(&len_u32(raw as usize).to_le_bytes());
    }
    put_varint(out, counts.entities);
    put_varint(out, counts.names);
    put_varint(out, header.sources.len() as u64);
    for s in &header.sources {
        out.push(source_tag(s.source));
        put_str(out, &s.format);
        put_opt_str(out, s.published.as_deref());
        put_varint(out, s.files.len() as u64);
        for f in &s.files {
            put_str(out, f);
        }
        put_varint(out, u64::from(s.entity_count));
        put_varint(out, u64::from(s.name_count));
    }
}

/// The 32 bytes of a 64-digit hex SHA-256 (zeros where a digit is not hex).
fn unhex32(hex: &str) -> [u8; 32] {
    let digit = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(hex.as_bytes().chunks(2)) {
        *o = pair.iter().fold(0, |v, &c| (v << 4) | digit(c));
    }
    out
}

/// The payload hash stored in the prefix of an encoded file, as lower-case hex (empty if
/// `bytes` is shorter than the prefix).
pub(crate) fn stored_hash_hex(bytes: &[u8]) -> String {
    hex(bytes.get(HASH_AT..PREFIX_LEN).unwrap_or_default())
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// Checks magic, version, length and hash; returns the payload and its hex SHA-256.
/// Nothing inside the payload is looked at.
pub(crate) fn verify(bytes: &[u8]) -> Result<(&[u8], String), SnapshotError> {
    verify_with_digest(bytes, None)
}

/// [`verify`], given the payload's SHA-256 when the caller had it computed by other
/// trusted code over these very bytes (`bytes[PREFIX_LEN..]`; the wasm `loadSnapshotAsync`
/// has the browser's Web Crypto compute it, in native code): it is compared with the
/// stored hash instead of being computed again. `None` computes it here.
pub(crate) fn verify_with_digest(
    bytes: &[u8],
    payload_sha256: Option<[u8; 32]>,
) -> Result<(&[u8], String), SnapshotError> {
    let available = bytes.len() as u64;
    let truncated = |needed: u64| SnapshotError::Truncated { needed, available };

    // A short file that agrees with the magic so far is a cut-off snapshot; anything else
    // that disagrees is not a snapshot.
    let magic_len = bytes.len().min(MAGIC.len());
    if bytes.get(..magic_len) != MAGIC.get(..magic_len) {
        return Err(SnapshotError::BadMagic);
    }
    if let Some(v) = bytes.get(VERSION_AT..LENGTH_AT) {
        let found = read_u16(v, 0);
        if found != FORMAT_VERSION {
            return Err(SnapshotError::UnsupportedVersion { found });
        }
    }
    let Some(prefix) = bytes.get(..PREFIX_LEN) else {
        return Err(truncated(PREFIX_LEN as u64));
    };
    let payload_len = u64::from(read_u32(prefix, LENGTH_AT));
    let needed = PREFIX_LEN as u64 + payload_len;
    if needed > available {
        return Err(truncated(needed));
    }
    if needed < available {
        return Err(SnapshotError::Corrupt {
            section: "prefix",
            detail: format!(
                "{} bytes follow the declared {payload_len}-byte payload",
                available - needed
            ),
        });
    }
    let payload = bytes.get(PREFIX_LEN..).unwrap_or_default();
    let expected = hex(prefix.get(HASH_AT..PREFIX_LEN).unwrap_or_default());
    let actual = hex(&payload_sha256.unwrap_or_else(|| payload_digest(payload)));
    if expected != actual {
        return Err(SnapshotError::HashMismatch { expected, actual });
    }
    Ok((payload, actual))
}

/// SHA-256 of `payload`, fed in 16 KiB chunks. Same digest as one call; the chunks are for
/// browsers: V8 runs a wasm function first in its baseline compiler and swaps in optimised
/// code only between calls, so one call over the whole payload hashes it all at baseline
/// speed. Chunked, the first load of a 5.9 MB snapshot hashes in ~30 ms instead of ~280 ms
/// (measured in Node 20; later loads ~18 ms either way).
pub(crate) fn payload_digest(payload: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for chunk in payload.chunks(HASH_CHUNK) {
        hasher.update(chunk);
    }
    hasher.finalize()
}

/// Bytes hashed per call in [`payload_digest`].
const HASH_CHUNK: usize = 16 * 1024;

fn read_u16(bytes: &[u8], at: usize) -> u16 {
    let mut b = [0u8; 2];
    if let Some(s) = bytes.get(at..at + 2) {
        b.copy_from_slice(s);
    }
    u16::from_le_bytes(b)
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    if let Some(s) = bytes.get(at..at + 4) {
        b.copy_from_slice(s);
    }
    u32::from_le_bytes(b)
}

/// The five section bodies of a verified payload.
struct Sections<'a> {
    header: &'a [u8],
    strings: &'a [u8],
    entities: &'a [u8],
    remarks: &'a [u8],
    index: &'a [u8],
}

fn split_sections(payload: &[u8]) -> Result<Sections<'_>, SnapshotError> {
    let mut r = Reader::new(payload, "sections");
    let mut bodies: [&[u8]; 5] = [&[]; 5];
    for (slot, (tag, name)) in bodies.iter_mut().zip(SECTIONS) {
        let found = r.u8()?;
        if found != tag {
            return Err(r.corrupt(&format!(
                "expected section tag {tag} ({name}), found {found}"
            )));
        }
        let len = r.u32()? as usize;
        *slot = r.take(len)?;
    }
    r.finish()?;
    let [header, strings, entities, remarks, index] = bodies;
    Ok(Sections {
        header,
        strings,
        entities,
        remarks,
        index,
    })
}

fn decode_header(body: &[u8], sha256: String) -> Result<(SnapshotHeader, Counts), SnapshotError> {
    let mut r = Reader::new(body, "header");
    let built_at = r.string()?;
    let label = r.string()?;
    let remarks =
        RemarksMode::from_tag(r.u8()?).ok_or_else(|| r.corrupt("unknown remarks mode"))?;
    // Recorded for the audit trail; it must be what this build's mode keeps.
    if r.varint()? != u64::from(remarks.excerpt_chars()) {
        return Err(r.corrupt("remarks excerpt length disagrees with the mode"));
    }
    let remarks_companion = if remarks == RemarksMode::External {
        let size_bytes = u64::from(r.u32()?);
        let sha256 = hex(r.take(32)?);
        let raw_bytes = u64::from(r.u32()?);
        if size_bytes < REMARKS_FILE_PREFIX_LEN as u64 {
            return Err(r.corrupt("remarks file shorter than its prefix"));
        }
        Some(RemarksCompanion {
            sha256,
            size_bytes,
            raw_bytes,
        })
    } else {
        None
    };
    let counts = Counts {
        entities: r.varint()?,
        names: r.varint()?,
    };
    // A source takes at least: list, format length, presence, file count, two counts.
    let n = r.count(6)?;
    let mut sources = Vec::with_capacity(n);
    for _ in 0..n {
        let source = SourceList::ALL
            .get(usize::from(r.u8()?))
            .copied()
            .ok_or_else(|| r.corrupt("unknown source list"))?;
        let format = r.string()?;
        let published = r.opt_string()?;
        let file_count = r.count(1)?;
        let mut files = Vec::with_capacity(file_count);
        for _ in 0..file_count {
            files.push(r.string()?);
        }
        let entity_count =
            u32::try_from(r.varint()?).map_err(|_| r.corrupt("source entity count exceeds u32"))?;
        let name_count =
            u32::try_from(r.varint()?).map_err(|_| r.corrupt("source name count exceeds u32"))?;
        sources.push(SourceInfo {
            source,
            format,
            published,
            files,
            entity_count,
            name_count,
        });
    }
    r.finish()?;
    let header = SnapshotHeader {
        format_version: FORMAT_VERSION,
        built_at,
        label,
        sources,
        sha256,
        remarks,
        remarks_companion,
    };
    Ok((header, counts))
}

/// Verifies the file and returns the byte size of each section body, in file order
/// (`header`, `strings`, `entities`, `remarks`, `index`): where a snapshot's bytes go.
pub fn section_sizes(bytes: &[u8]) -> Result<Vec<(&'static str, usize)>, SnapshotError> {
    let (payload, _) = verify(bytes)?;
    let s = split_sections(payload)?;
    Ok(vec![
        ("header", s.header.len()),
        ("strings", s.strings.len()),
        ("entities", s.entities.len()),
        ("remarks", s.remarks.len()),
        ("index", s.index.len()),
    ])
}

/// Verifies the file and decodes only its header section (cheap: no entities).
pub fn read_header(bytes: &[u8]) -> Result<(SnapshotHeader, Counts), SnapshotError> {
    let (payload, sha256) = verify(bytes)?;
    let sections = split_sections(payload)?;
    decode_header(sections.header, sha256)
}

/// [`Snapshot::from_bytes`] without the index section (verified by the hash, not decoded):
/// the load cost of everything this module owns, for benchmarks.
#[doc(hidden)]
pub fn decode_without_index(bytes: &[u8]) -> Result<EntityStore, SnapshotError> {
    let (payload, sha256) = verify(bytes)?;
    let sections = split_sections(payload)?;
    decode_entities(&sections, sha256, &mut Vec::new()).map(|(_, entities)| entities)
}

/// The header and the entity store of verified sections, with the header's totals checked;
/// every entity's identifiers are appended to `idents` (for the index).
fn decode_entities<'a>(
    sections: &Sections<'a>,
    sha256: String,
    idents: &mut Vec<ListedIdent<'a>>,
) -> Result<(SnapshotHeader, EntityStore), SnapshotError> {
    let (header, counts) = decode_header(sections.header, sha256)?;
    let table = decode_string_table(sections.strings)?
        .into_iter()
        .map(str::to_owned)
        .collect();
    let remarks = match &header.remarks_companion {
        // External remarks: the section is empty and the header pins the companion file.
        Some(c) if sections.remarks.is_empty() => RemarksInput::External {
            raw_len: c.raw_bytes,
            stream_len: c.size_bytes - REMARKS_FILE_PREFIX_LEN as u64,
        },
        Some(_) => {
            return Err(SnapshotError::Corrupt {
                section: "remarks",
                detail: "remarks declared external, but the section is not empty".to_string(),
            })
        }
        None => RemarksInput::Section(sections.remarks),
    };
    let entities = EntityStore::load(sections.entities, remarks, table, idents)?;
    let snapshot_counts = Counts {
        entities: entities.len() as u64,
        names: entities.name_count(),
    };
    // A snapshot declared without remarks holds none (the page says so to analysts).
    if header.remarks == RemarksMode::None && entities.remarks_count() > 0 {
        return Err(SnapshotError::Corrupt {
            section: "header",
            detail: format!(
                "remarks declared left out, but {} entities have remarks",
                entities.remarks_count()
            ),
        });
    }
    // The hash proves the bytes are the writer's; this catches a writer that lied.
    if snapshot_counts != counts {
        return Err(SnapshotError::Corrupt {
            section: "header",
            detail: format!(
                "header declares {} entities and {} names, the entities section holds {} and {}",
                counts.entities, counts.names, snapshot_counts.entities, snapshot_counts.names
            ),
        });
    }
    Ok((header, entities))
}

/// Verifies a snapshot file, checks every section and decodes all but the entities, which
/// stay encoded in an [`EntityStore`] (decoded one at a time on demand).
pub(crate) fn decode(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
    decode_with_digest(bytes, None)
}

/// [`decode`], with the payload's SHA-256 computed by the caller (see
/// [`verify_with_digest`]).
pub(crate) fn decode_with_digest(
    bytes: &[u8],
    payload_sha256: Option<[u8; 32]>,
) -> Result<Snapshot, SnapshotError> {
    let (payload, sha256) = verify_with_digest(bytes, payload_sha256)?;
    let sections = split_sections(payload)?;
    // The index's identifier table is made from the entities' identifiers (index
    // version 6), collected by the entity scan.
    let mut idents = Vec::new();
    let (header, entities) = decode_entities(&sections, sha256, &mut idents)?;
    let index = NameIndex::decode(sections.index, &idents).map_err(|e| SnapshotError::Corrupt {
        section: "index",
        detail: e.0,
    })?;
    Ok(Snapshot {
        header,
        entities,
        index,
    })
}
