//! The entities of a snapshot, decoded one at a time on demand.
//!
//! A loaded snapshot keeps its entities section as bytes (format version 2: a heads array,
//! an offset table and the records, see `docs/SNAPSHOT_FORMAT.md`) instead of ~330,000
//! owned strings: loading then costs a checking scan instead of a full decode, and the
//! screener decodes only the few candidates that can reach the review threshold. Remarks
//! (72 % of the text) stay deflate-compressed until someone asks for them, or, with
//! `--remarks external`, in a remarks file attached when someone needs them.

use super::codec::{self, Reader, Texts, TEXT_STREAMS};
use super::companion::REMARKS_FILE_PREFIX_LEN;
use super::SnapshotError;
use crate::model::{Entity, EntityType, SourceList};
use crate::screen::index::ListedIdent;
use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// Source list and type of one entity: what candidate filtering needs, read from one byte
/// without decoding the entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityKind {
    /// The list the entity comes from.
    pub source: SourceList,
    /// What is listed.
    pub entity_type: EntityType,
}

/// The entities of a snapshot: owned (a snapshot built in memory) or encoded (a loaded
/// snapshot, decoded entity by entity). Both behave the same; equality compares the
/// decoded entities.
#[derive(Clone)]
pub struct EntityStore {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    Owned(Vec<Entity>),
    // Arc: cloning a snapshot must not copy megabytes.
    Encoded(Arc<Encoded>),
}

/// A verified entities section and the still-compressed remarks section.
struct Encoded {
    table: Vec<String>,
    /// The entities section body: `count u32 | heads u8[count] | fields_len u32 |
    /// ids_len u32 | names_len u32 | fields | ids | names | values`.
    body: Box<[u8]>,
    count: usize,
    heads_at: usize,
    /// Start in `body` of the fields stream and of the three text streams.
    streams_at: [usize; 1 + TEXT_STREAMS],
    /// Where each record starts in the fields stream and in each text stream (`count +
    /// 1` entries, the last one the ends of the streams): derived by the load scan, which
    /// walks every record anyway, instead of being stored (format 3).
    starts: Vec<[u32; 1 + TEXT_STREAMS]>,
    names: u64,
    /// Entities whose head says they have remarks.
    with_remarks: usize,
    /// The remarks section body: `raw_len u32 | deflate stream`; empty when the remarks
    /// are external.
    remarks: Box<[u8]>,
    /// External remarks (`--remarks external`): `raw_len` pinned by the header, and the
    /// verified companion file once attached.
    external: Option<ExternalRemarks>,
    /// Inflated once, on the first request for remarks (after the companion file is
    /// attached, for external remarks).
    inflated: OnceLock<Result<Remarks, SnapshotError>>,
}

/// Remarks kept in a companion file, attached after loading.
struct ExternalRemarks {
    raw_len: usize,
    /// The whole companion file, verified against the header before it is set.
    file: OnceLock<Box<[u8]>>,
}

/// Where a loaded snapshot's remarks are, as [`EntityStore::load`] receives them.
pub(crate) enum RemarksInput<'a> {
    /// The remarks section body: `raw_len u32 | deflate stream`.
    Section(&'a [u8]),
    /// In a companion file attached later: the inflated length and the length of its
    /// DEFLATE stream, as the header pins them.
    External {
        /// Bytes of the inflated remarks.
        raw_len: u64,
        /// Bytes of the companion file's DEFLATE stream.
        stream_len: u64,
    },
}

/// The inflated remarks: the raw bytes and, per entity, the byte range of its remark.
struct Remarks {
    raw: Vec<u8>,
    ranges: Vec<Option<(u32, u32)>>,
}

/// The fewest bytes an entity takes: its head byte and, in the fields stream, eight
/// one-byte values (id length and seven list counts).
const MIN_BYTES_PER_ENTITY: usize = 9;

/// DEFLATE cannot expand more than 1032:1; a larger declared raw size is a forged file.
const MAX_DEFLATE_RATIO: usize = 1032;

fn corrupt(section: &'static str, detail: String) -> SnapshotError {
    SnapshotError::Corrupt { section, detail }
}

impl Encoded {
    #[inline]
    fn head(&self, i: usize) -> Option<u8> {
        if i >= self.count {
            return None;
        }
        self.body.get(self.heads_at + i).copied()
    }

    /// The fields bytes and the text bytes of entity `i` (bounds were checked at load;
    /// `None` only past the end).
    #[inline]
    fn record(&self, i: usize) -> Option<(&[u8], Texts<'_>)> {
        let start = self.starts.get(i)?;
        let end = self.starts.get(i.checked_add(1)?)?;
        let part = |k: usize| -> Option<&[u8]> {
            let at = *self.streams_at.get(k)?;
            let s = at.checked_add(*start.get(k)? as usize)?;
            let e = at.checked_add(*end.get(k)? as usize)?;
            self.body.get(s..e)
        };
        Some((part(0)?, [part(1)?, part(2)?, part(3)?]))
    }

    fn decode(&self, i: usize) -> Option<Result<Entity, SnapshotError>> {
        let head = self.head(i)?;
        let Some((fields, texts)) = self.record(i) else {
            return Some(Err(corrupt(
                "entities",
                format!("entity {i}: record outside the section"),
            )));
        };
        Some(codec::decode_record(fields, texts, head, &self.table).map_err(|e| with_entity(e, i)))
    }

    fn remarks(&self) -> Result<&Remarks, SnapshotError> {
        // Not cached: attaching the companion file later makes them available.
        if self
            .external
            .as_ref()
            .is_some_and(|x| x.file.get().is_none())
        {
            return Err(SnapshotError::RemarksNotLoaded);
        }
        self.inflated
            .get_or_init(|| self.inflate())
            .as_ref()
            .map_err(Clone::clone)
    }

    fn inflate(&self) -> Result<Remarks, SnapshotError> {
        let mut r = Reader::new(&self.remarks, "remarks");
        let (raw_len, stream) = match &self.external {
            Some(x) => {
                let file = x.file.get().map_or(&[][..], |f| &f[..]);
                let stream = file.get(REMARKS_FILE_PREFIX_LEN..).unwrap_or_default();
                (x.raw_len, stream)
            }
            None => (r.u32()? as usize, r.take(r.remaining())?),
        };
        // Exactly `raw_len` bytes, reserved fallibly: a forged size (at most DEFLATE's
        // 1032:1 of the stream, checked at load) is an error, not an aborting allocation.
        let mut raw: Vec<u8> = Vec::new();
        raw.try_reserve_exact(raw_len).map_err(|_| {
            corrupt(
                "remarks",
                format!("cannot allocate {raw_len} bytes for the inflated remarks"),
            )
        })?;
        raw.resize(raw_len, 0);
        let written = miniz_oxide::inflate::decompress_slice_iter_to_slice(
            &mut raw,
            std::iter::once(stream),
            false,
            true,
        )
        .map_err(|status| corrupt("remarks", format!("deflate stream: {status:?}")))?;
        if written != raw_len {
            return Err(corrupt(
                "remarks",
                format!("inflated {written} bytes, {raw_len} declared"),
            ));
        }
        let mut ranges = Vec::with_capacity(self.count);
        let mut r = Reader::new(&raw, "remarks");
        for i in 0..self.count {
            let has = self.head(i).is_some_and(codec::head_has_remarks);
            if has {
                let s = r.str()?;
                // The text ends where the reader now stands.
                let end = raw_len - r.remaining();
                let start = end - s.len();
                ranges.push(Some((codec::len_u32(start), codec::len_u32(end))));
            } else {
                ranges.push(None);
            }
        }
        r.finish()?;
        Ok(Remarks { raw, ranges })
    }

    fn remark(&self, i: usize) -> Result<Option<&str>, SnapshotError> {
        if !self.head(i).is_some_and(codec::head_has_remarks) {
            return Ok(None);
        }
        let remarks = self.remarks()?;
        let range = remarks.ranges.get(i).copied().flatten();
        let text = range
            .and_then(|(s, e)| remarks.raw.get(s as usize..e as usize))
            .and_then(|b| std::str::from_utf8(b).ok());
        match text {
            Some(t) => Ok(Some(t)),
            None => Err(corrupt("remarks", format!("entity {i}: remark missing"))),
        }
    }
}

/// Prefixes a `Corrupt` detail with the entity position.
fn with_entity(e: SnapshotError, i: usize) -> SnapshotError {
    match e {
        SnapshotError::Corrupt { section, detail } => SnapshotError::Corrupt {
            section,
            detail: format!("entity {i}: {detail}"),
        },
        other => other,
    }
}

impl EntityStore {
    /// Checks an entities section and a remarks section of a verified payload and keeps
    /// them for decoding on demand. Every record is walked once without allocating (all
    /// offsets, lengths, flag bits, UTF-8 and string references), so later decoding cannot
    /// fail on entity records; the remarks stream is only size-checked here and inflated on
    /// first use (its errors are then returned by every call that needs remarks).
    ///
    /// Appends every identifier of every record to `idents` (entity and identifier order),
    /// borrowed from `body`: the screening index makes its identifier table from them.
    pub(crate) fn load<'a>(
        body: &'a [u8],
        remarks: RemarksInput<'_>,
        table: Vec<String>,
        idents: &mut Vec<ListedIdent<'a>>,
    ) -> Result<EntityStore, SnapshotError> {
        let mut r = Reader::new(body, "entities");
        let count = r.u32()? as usize;
        if count > r.remaining() / MIN_BYTES_PER_ENTITY {
            return Err(r.corrupt(&format!(
                "count {count} exceeds what the {} remaining bytes can hold",
                r.remaining()
            )));
        }
        let heads_at = 4;
        let heads = r.take(count)?;
        let fields_len = r.u32()? as usize;
        let ids_len = r.u32()? as usize;
        let names_len = r.u32()? as usize;
        let fields_at = heads_at + count + 12;
        let fields = r.take(fields_len)?;
        let ids = r.take(ids_len)?;
        let names_text = r.take(names_len)?;
        let values = r.take(r.remaining())?;
        let streams: [&[u8]; 1 + TEXT_STREAMS] = [fields, ids, names_text, values];
        let mut streams_at = [fields_at; 1 + TEXT_STREAMS];
        for k in 1..streams_at.len() {
            streams_at[k] = streams_at[k - 1] + streams[k - 1].len();
        }

        // Records are back to back in every stream: each starts where the previous one's
        // walk ended.
        let mut starts: Vec<[u32; 1 + TEXT_STREAMS]> = Vec::with_capacity(count + 1);
        let mut names = 0u64;
        let mut with_remarks = 0usize;
        let mut at = [0usize; 1 + TEXT_STREAMS];
        let rest = |at: &[usize; 1 + TEXT_STREAMS], k: usize| -> &[u8] {
            streams[k].get(at[k]..).unwrap_or_default()
        };
        for (i, &head) in heads.iter().enumerate() {
            starts.push(at.map(codec::len_u32));
            let fields_rest = rest(&at, 0);
            let texts: Texts<'_> = [rest(&at, 1), rest(&at, 2), rest(&at, 3)];
            let extent = match codec::quick_check_record(
                fields_rest,
                texts,
                head,
                table.len(),
                i as u32,
                idents,
            ) {
                Some(x) => x,
                // The detailed walker names the problem.
                None => {
                    let e = codec::check_record(fields_rest, texts, head, table.len())
                        .err()
                        .unwrap_or_else(|| corrupt("entities", "invalid record".to_string()));
                    return Err(with_entity(e, i));
                }
            };
            names += extent.names;
            at[0] += extent.fields;
            for (a, t) in at[1..].iter_mut().zip(extent.text) {
                *a += t;
            }
            if codec::head_has_remarks(head) {
                with_remarks += 1;
            }
        }
        starts.push(at.map(codec::len_u32));
        let used: usize = at.iter().sum();
        let present: usize = streams.iter().map(|s| s.len()).sum();
        if at.iter().zip(&streams).any(|(&a, s)| a != s.len()) {
            return Err(corrupt(
                "entities",
                format!(
                    "{} stream bytes after the last entity",
                    present.saturating_sub(used)
                ),
            ));
        }

        let (section, external) = match remarks {
            RemarksInput::Section(section) => (section, None),
            RemarksInput::External {
                raw_len,
                stream_len,
            } => (&[][..], Some((raw_len, stream_len))),
        };
        let mut rr = Reader::new(section, "remarks");
        let (raw_len, stream_len) = match external {
            Some(sizes) => sizes,
            None => (u64::from(rr.u32()?), rr.remaining() as u64),
        };
        // Each remark is at least its one-byte length; the raw size must be inflatable.
        let with_remarks_len = with_remarks as u64;
        if raw_len < with_remarks_len
            || (with_remarks == 0 && raw_len != 0)
            || raw_len > stream_len.saturating_mul(MAX_DEFLATE_RATIO as u64)
        {
            return Err(rr.corrupt(&format!(
                "{raw_len} raw bytes declared for {with_remarks} remarks in a {stream_len}-byte stream"
            )));
        }
        // At most 1032 x a u32-sized stream: fits a usize on 64-bit; on wasm32 a size
        // past usize cannot be allocated anyway.
        let raw_len = usize::try_from(raw_len).unwrap_or(usize::MAX);

        Ok(EntityStore {
            repr: Repr::Encoded(Arc::new(Encoded {
                table,
                body: body.into(),
                count,
                heads_at,
                streams_at,
                starts,
                names,
                with_remarks,
                remarks: section.into(),
                external: external.map(|_| ExternalRemarks {
                    raw_len,
                    file: OnceLock::new(),
                }),
                inflated: OnceLock::new(),
            })),
        })
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Owned(v) => v.len(),
            Repr::Encoded(e) => e.count,
        }
    }

    /// True when there are no entities.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of names over all entities (counted at load for an encoded store).
    pub fn name_count(&self) -> u64 {
        match &self.repr {
            Repr::Owned(v) => v.iter().map(|e| e.names.len() as u64).sum(),
            Repr::Encoded(e) => e.names,
        }
    }

    /// Number of entities with remarks (from the heads, without inflating anything).
    pub(crate) fn remarks_count(&self) -> usize {
        match &self.repr {
            Repr::Owned(v) => v.iter().filter(|e| e.remarks.is_some()).count(),
            Repr::Encoded(e) => e.with_remarks,
        }
    }

    /// Source list and type of entity `i`, without decoding it; `None` past the end.
    #[inline]
    pub fn kind(&self, i: usize) -> Option<EntityKind> {
        match &self.repr {
            Repr::Owned(v) => v.get(i).map(|e| EntityKind {
                source: e.source,
                entity_type: e.entity_type,
            }),
            Repr::Encoded(e) => {
                codec::head_kind(e.head(i)?).map(|(source, entity_type)| EntityKind {
                    source,
                    entity_type,
                })
            }
        }
    }

    /// Entity `i` with everything, remarks included (inflating the remarks section on the
    /// first call); `None` past the end, an error when its bytes do not decode, and
    /// [`SnapshotError::RemarksNotLoaded`] when it has remarks in a remarks file that is
    /// not attached yet (`--remarks external`).
    pub fn get(&self, i: usize) -> Option<Result<Cow<'_, Entity>, SnapshotError>> {
        match &self.repr {
            Repr::Owned(v) => v.get(i).map(|e| Ok(Cow::Borrowed(e))),
            Repr::Encoded(enc) => Some(enc.decode(i)?.and_then(|mut e| {
                e.remarks = enc.remark(i)?.map(str::to_owned);
                Ok(Cow::Owned(e))
            })),
        }
    }

    /// Entity `i` for screening: like [`EntityStore::get`], but remarks are `None` when
    /// they would have to be inflated (screening never reads them).
    pub fn get_without_remarks(&self, i: usize) -> Option<Result<Cow<'_, Entity>, SnapshotError>> {
        match &self.repr {
            Repr::Owned(v) => v.get(i).map(|e| Ok(Cow::Borrowed(e))),
            Repr::Encoded(enc) => Some(enc.decode(i)?.map(Cow::Owned)),
        }
    }

    /// The remarks of entity `i` (`Ok(None)` when it has none or is past the end;
    /// [`SnapshotError::RemarksNotLoaded`] when they are in a remarks file not attached
    /// yet).
    pub fn remarks(&self, i: usize) -> Result<Option<Cow<'_, str>>, SnapshotError> {
        match &self.repr {
            Repr::Owned(v) => Ok(v
                .get(i)
                .and_then(|e| e.remarks.as_deref())
                .map(Cow::Borrowed)),
            Repr::Encoded(enc) => enc.remark(i).map(|r| r.map(Cow::Borrowed)),
        }
    }

    /// Position of the entity with this id (a scan of the ids only; no other decoding).
    pub fn position(&self, id: &str) -> Option<usize> {
        match &self.repr {
            Repr::Owned(v) => v.iter().position(|e| e.id == id),
            Repr::Encoded(enc) => (0..enc.count).find(|&i| {
                let Some((prefix, rest)) = enc
                    .head(i)
                    .zip(enc.record(i))
                    .and_then(|(h, (fields, texts))| codec::record_id(fields, texts, h))
                else {
                    return false;
                };
                match prefix {
                    None => rest == id,
                    Some(p) => id
                        .strip_prefix(p)
                        .and_then(|r| r.strip_prefix(':'))
                        .is_some_and(|r| r == rest),
                }
            }),
        }
    }

    /// Every entity in order, remarks included.
    pub fn iter(&self) -> impl Iterator<Item = Result<Cow<'_, Entity>, SnapshotError>> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    /// Every entity decoded into an owned vector (native users: diff, tests); the first
    /// decoding error, if any (with external remarks not attached:
    /// [`SnapshotError::RemarksNotLoaded`]).
    pub fn to_vec(&self) -> Result<Vec<Entity>, SnapshotError> {
        self.iter().map(|e| e.map(Cow::into_owned)).collect()
    }

    /// The owned entities, when this store was built in memory (the encoder's input).
    pub(crate) fn owned(&self) -> Option<&[Entity]> {
        match &self.repr {
            Repr::Owned(v) => Some(v),
            Repr::Encoded(_) => None,
        }
    }

    /// The string table and the section bodies of a loaded store, written back verbatim
    /// by the encoder (they are exactly what it would write for these entities).
    /// With external remarks, the companion file when it is attached (written back
    /// verbatim too).
    #[allow(clippy::type_complexity)]
    pub(crate) fn encoded_parts(&self) -> Option<(&[String], &[u8], &[u8], Option<&[u8]>)> {
        match &self.repr {
            Repr::Owned(_) => None,
            Repr::Encoded(e) => {
                let companion = e.external.as_ref().and_then(|x| x.file.get());
                Some((&e.table, &e.body, &e.remarks, companion.map(|f| &f[..])))
            }
        }
    }

    /// Attaches a remarks companion file that [`super::Snapshot::attach_remarks`] has
    /// verified against the header, and inflates it (a stream that does not inflate to
    /// exactly the pinned remarks is `corrupt`, from here and from every later access, as
    /// for a remarks section). Attaching again is a no-op: only the pinned file verifies.
    /// A store built in memory holds its remarks already.
    pub(crate) fn attach_remarks(&self, file: &[u8]) -> Result<(), SnapshotError> {
        let Repr::Encoded(enc) = &self.repr else {
            return Ok(());
        };
        let Some(external) = &enc.external else {
            return Err(SnapshotError::RemarksNotExternal { mode: "full" });
        };
        // A second attach would set the same verified bytes: keep the first.
        let _ = external.file.set(file.into());
        enc.remarks().map(|_| ())
    }
}

impl From<Vec<Entity>> for EntityStore {
    fn from(entities: Vec<Entity>) -> EntityStore {
        EntityStore {
            repr: Repr::Owned(entities),
        }
    }
}

impl PartialEq for EntityStore {
    /// Equal when both decode to the same entities (a decoding error is never equal).
    fn eq(&self, other: &EntityStore) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| matches!((a, b), (Ok(a), Ok(b)) if a == b))
    }
}

impl fmt::Debug for EntityStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
