//! Sanctions name screening: normalisation, candidate index, scoring and explanations.
//!
//! ```text
//! query name ──normalize──► tokens ──index.candidates──► names that can reach the
//!   threshold ──score (assignment of tokens)──► name score ──evidence──► match score
//! ```
//!
//! - [`normalize`]: the one normalisation used at index build and query time.
//! - [`translit`]: compact transliteration tables for non-Latin scripts.
//! - [`phonetic`]: phonetic keys and consonant skeletons.
//! - [`given_names`]: hand-written table of given-name hypocorisms and equivalents.
//! - [`score`]: token similarity, assignment and the name score.
//! - [`index`]: the index stored in the snapshot; exact candidate generation.
//! - [`evidence`]: birth date, country and entity type adjustments.
//! - [`explain`]: the machine-readable explanation of each match.
//! - [`work`]: the deterministic bound on the work of one query.
//!
//! Thresholds and their justification: docs/SCREENING.md and docs/SCREENING_EVAL.md.

pub mod evidence;
pub mod explain;
pub mod fuzzy;
pub mod given_names;
pub mod glue;
pub mod index;
pub mod inline;
pub mod normalize;
pub mod phonetic;
pub mod score;
pub mod translit;
pub mod work;

#[cfg(test)]
pub(crate) mod testing;

use serde::{Deserialize, Deserializer, Serialize};

use crate::model::{Entity, EntityType, IdentifierKind, SourceList};
use crate::snapshot::{EntityStore, Snapshot, SnapshotError, SnapshotHeader};
use crate::validate::date::Date;
use explain::{round4, Adjustment, AdjustmentCode, Explanation};
use index::{NameIndex, PreparedQuery};
use score::TokInfo;
use std::borrow::Cow;
use std::collections::HashMap;
use work::{Step, WorkMeter};

/// Default review threshold (justified in docs/SCREENING_EVAL.md).
pub const DEFAULT_REVIEW_THRESHOLD: f64 = 0.83;
/// Default block threshold.
pub const DEFAULT_BLOCK_THRESHOLD: f64 = 0.95;
/// Default number of matches returned.
pub const DEFAULT_MAX_MATCHES: usize = 10;

/// Longest name screened, in UTF-8 bytes (three times the longest listed name, 346 bytes). A
/// longer name is not screened: the decision is `review` with a `too_long` warning, never
/// `clear`, and nothing scans the name (bounded time on any input).
pub const MAX_NAME_BYTES: usize = 1024;
/// Most tokens of one reading of a name (a listed person or company name has a handful; the
/// longest listed name, a UK entry holding every alias in one field, has 53). A reading
/// with more is not screened: `review` with a `too_long` warning.
pub const MAX_NAME_TOKENS: usize = 24;
/// Longest token of one reading, in bytes (a word of 64 letters is no name). A reading
/// with a longer token is not screened: `review`, `too_long` warning.
pub const MAX_TOKEN_BYTES: usize = 64;
/// Longest `id_number` or `crypto_address` looked up, in UTF-8 bytes; a longer one is not
/// looked up (`review`, `too_long` warning).
pub const MAX_IDENTIFIER_BYTES: usize = 256;
/// Longest `birth_date`, `country` or `today` value read, in bytes; a longer one is ignored
/// with a warning that does not repeat it.
pub const MAX_EVIDENCE_BYTES: usize = 64;
/// Most candidate names scored per reading of a query: the bound on screening time (see
/// docs/SCREENING.md, "Bounds"). When more names could reach the threshold, the ones with
/// the highest score bound are scored and the decision is at least `review`, with a
/// `candidates_truncated` warning: a truncated search never reports `clear`.
pub const MAX_CANDIDATES: usize = 20_000;

/// Most names spelled exactly like a reading that are still scored once the reading is
/// over the work limit ([`work::MAX_QUERY_WORK`]); the others are left to the review the
/// limit already forces.
pub const MAX_SPELLED_AFTER_LIMIT: usize = 64;

/// What to screen. Only `name` is usually given; the rest is optional evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// The name as entered (any script, any order, with or without titles).
    #[serde(default)]
    pub name: String,
    /// `person` (or `individual`), `organization` (or `entity`), `vessel`, `aircraft`.
    #[serde(
        rename = "type",
        alias = "entity_type",
        default,
        deserialize_with = "de_entity_type",
        skip_serializing_if = "Option::is_none"
    )]
    pub entity_type: Option<EntityType>,
    /// Birth date `YYYY` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Country (nationality or residence), ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// A document number (passport, national ID, registration...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// A crypto wallet address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crypto_address: Option<String>,
}

/// The keys of a [`Query`] object: its serialised names, and the `entity_type` alias of
/// `type`.
pub const QUERY_FIELDS: [&str; 7] = [
    "name",
    "type",
    "entity_type",
    "birth_date",
    "country",
    "id_number",
    "crypto_address",
];

/// The keys of an [`Options`] object, as serialised.
pub const OPTION_FIELDS: [&str; 6] = [
    "review_threshold",
    "block_threshold",
    "max_matches",
    "sources",
    "max_snapshot_age_days",
    "today",
];

fn de_entity_type<'de, D: Deserializer<'de>>(d: D) -> Result<Option<EntityType>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    match s {
        None => Ok(None),
        Some(s) => parse_entity_type(&s).map_err(serde::de::Error::custom),
    }
}

/// A query's entity type as typed: a code of [`EntityType::from_code`] in any case, with
/// spaces around; blank is no type.
pub fn parse_entity_type(s: &str) -> Result<Option<EntityType>, String> {
    let code = s.trim();
    if code.is_empty() {
        return Ok(None);
    }
    EntityType::from_code(code.to_ascii_lowercase().as_str())
        .map(Some)
        .ok_or_else(|| format!("unknown type `{s}` (person, organization, vessel, aircraft)"))
}

impl Query {
    /// A query with only a name.
    pub fn name(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            ..Query::default()
        }
    }
}

/// Screening options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Score from which a match is reported and the decision is at least `review`.
    pub review_threshold: f64,
    /// Score from which the decision is `block`.
    pub block_threshold: f64,
    /// Most matches returned (the decision considers all).
    pub max_matches: usize,
    /// Only screen these lists (all when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<SourceList>>,
    /// Oldest acceptable snapshot, in whole days from its build date to `today`. An older
    /// snapshot (or one whose build date cannot be read) never gives `clear`: the decision
    /// is at least `review`, with a `snapshot_expired` warning (fail closed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_snapshot_age_days: Option<u32>,
    /// The date snapshot age is measured at, `YYYY-MM-DD` (default: today, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            review_threshold: DEFAULT_REVIEW_THRESHOLD,
            block_threshold: DEFAULT_BLOCK_THRESHOLD,
            max_matches: DEFAULT_MAX_MATCHES,
            sources: None,
            max_snapshot_age_days: None,
            today: None,
        }
    }
}

impl Options {
    /// Checks the thresholds: finite, in (0, 1], review <= block.
    pub fn validate(&self) -> Result<(), String> {
        let ok = |t: f64| t.is_finite() && t > 0.0 && t <= 1.0;
        if !ok(self.review_threshold) {
            return Err(format!(
                "review_threshold must be in (0, 1], got {}",
                show_number(self.review_threshold)
            ));
        }
        if !ok(self.block_threshold) {
            return Err(format!(
                "block_threshold must be in (0, 1], got {}",
                show_number(self.block_threshold)
            ));
        }
        if let Some(today) = &self.today {
            if today.len() > MAX_EVIDENCE_BYTES {
                return Err(format!(
                    "today must be a date YYYY-MM-DD, got {} bytes",
                    today.len()
                ));
            }
            if Date::parse_iso(today).is_none() {
                return Err(format!("today must be a date YYYY-MM-DD, got `{today}`"));
            }
        }
        if self.review_threshold > self.block_threshold {
            return Err("review_threshold must not exceed block_threshold".to_string());
        }
        Ok(())
    }
}

/// `x` for an error message, in decimal with up to 9 decimals, without `f64`'s `Display`:
/// its shortest-digits algorithms weigh about 9 KB gzip of wasm, and nothing else in the
/// wasm formats a float.
fn show_number(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    let size = x.abs();
    if size >= 1e9 {
        return format!("{sign}1e9 or more in magnitude");
    }
    let nanos = (size * 1e9).round() as u64;
    if nanos == 0 && size > 0.0 {
        return format!("{sign}1e-9 or less in magnitude");
    }
    let sign = if nanos == 0 { "" } else { sign };
    let (whole, frac) = (nanos / 1_000_000_000, nanos % 1_000_000_000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:09}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// The screening decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// No match at or above the review threshold.
    Clear,
    /// A match needs an analyst's review.
    Review,
    /// A match at or above the block threshold, or an exact identifier match.
    Block,
}

/// One matched listed entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// Entity id (`ofac_sdn:306`).
    pub id: String,
    /// Source list.
    pub source: SourceList,
    /// Listed type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Primary name.
    pub name: String,
    /// The name (primary or alias) that matched, as listed.
    pub matched_name: String,
    /// Score 0..1, rounded to 4 decimals.
    pub score: f64,
    /// Programmes / regimes.
    pub programs: Vec<String>,
    /// Why.
    pub explanation: Explanation,
}

/// A source's provenance as repeated in each result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Source list.
    pub source: SourceList,
    /// Publication date stated by the file, if any.
    pub published: Option<String>,
}

/// The snapshot a result was computed against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRef {
    /// SHA-256 of the snapshot payload.
    pub sha256: String,
    /// Build time.
    pub built_at: String,
    /// Label.
    pub label: String,
    /// Sources and publication dates.
    pub sources: Vec<SourceRef>,
}

impl SnapshotRef {
    /// The reference of a snapshot header.
    pub fn of(h: &SnapshotHeader) -> SnapshotRef {
        SnapshotRef {
            sha256: h.sha256.clone(),
            built_at: h.built_at.clone(),
            label: h.label.clone(),
            sources: h
                .sources
                .iter()
                .map(|s| SourceRef {
                    source: s.source,
                    published: s.published.clone(),
                })
                .collect(),
        }
    }
}

/// The result of screening one query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningResult {
    /// Clear, review or block.
    pub decision: Decision,
    /// Matches at or above the review threshold, best first (score desc, then id).
    pub matches: Vec<Match>,
    /// The snapshot used.
    pub snapshot: SnapshotRef,
    /// Problems with the query that did not stop screening (e.g. an unparsable birth
    /// date, which is then ignored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Screens queries against one snapshot.
#[derive(Debug, Clone, Copy)]
pub struct Screener<'a> {
    header: &'a SnapshotHeader,
    entities: Entities<'a>,
    index: &'a NameIndex,
}

/// The entities a screener reads: a snapshot's store (decoded on demand) or a plain slice
/// (evaluation tools that build an index over parsed lists).
#[derive(Clone, Copy)]
enum Entities<'a> {
    Slice(&'a [Entity]),
    Store(&'a EntityStore),
}

impl std::fmt::Debug for Entities<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The entities themselves would be megabytes of output.
        write!(f, "Entities({})", self.len())
    }
}

impl<'a> Entities<'a> {
    fn len(&self) -> usize {
        match self {
            Entities::Slice(s) => s.len(),
            Entities::Store(s) => s.len(),
        }
    }

    /// Source and type without decoding.
    fn kind(&self, i: u32) -> Option<(SourceList, EntityType)> {
        match self {
            Entities::Slice(s) => s.get(i as usize).map(|e| (e.source, e.entity_type)),
            Entities::Store(s) => s.kind(i as usize).map(|k| (k.source, k.entity_type)),
        }
    }

    /// The entity (remarks possibly left out), decoded when stored encoded.
    fn get(&self, i: u32) -> Option<Result<Cow<'a, Entity>, SnapshotError>> {
        match self {
            Entities::Slice(s) => s.get(i as usize).map(|e| Ok(Cow::Borrowed(e))),
            Entities::Store(s) => s.get_without_remarks(i as usize),
        }
    }
}

/// Entities decoded during one screening, each at most once, and the decoding failures.
/// A failure is never skipped silently: it becomes a warning and the decision can no
/// longer be `clear` (fail closed).
struct Decoded<'a> {
    entities: Entities<'a>,
    cache: HashMap<u32, Cow<'a, Entity>>,
    failures: Vec<String>,
}

impl<'a> Decoded<'a> {
    fn new(entities: Entities<'a>) -> Decoded<'a> {
        Decoded {
            entities,
            cache: HashMap::new(),
            failures: Vec::new(),
        }
    }

    /// Entity `i`, or `None` (with the failure recorded) when it does not decode.
    fn get(&mut self, i: u32) -> Option<&Entity> {
        if !self.cache.contains_key(&i) {
            match self.entities.get(i)? {
                Ok(e) => {
                    self.cache.insert(i, e);
                }
                Err(e) => {
                    self.failures
                        .push(format!("listed entity {i} could not be decoded ({e})"));
                    return None;
                }
            }
        }
        self.cache.get(&i).map(|e| &**e)
    }
}

/// The best name of one entity.
struct Best {
    final_score: f64,
    name_pos: u32,
    expl: Explanation,
    ident: bool,
}

/// Entity position -> [`Best`], handed out in entity order like the `BTreeMap` it
/// replaces: a vector and a hash map of slots instead of a B-tree instantiated for these
/// types (wasm size).
#[derive(Default)]
struct BestByEntity {
    slots: HashMap<u32, usize>,
    items: Vec<(u32, Best)>,
}

impl BestByEntity {
    /// The best name of `entity` so far.
    fn get(&self, entity: &u32) -> Option<&Best> {
        let &slot = self.slots.get(entity)?;
        self.items.get(slot).map(|(_, b)| b)
    }

    /// The best name of `entity` so far, to change.
    fn get_mut(&mut self, entity: &u32) -> Option<&mut Best> {
        let &slot = self.slots.get(entity)?;
        self.items.get_mut(slot).map(|(_, b)| b)
    }

    /// Sets the best name of `entity`, replacing any earlier one.
    fn insert(&mut self, entity: u32, best: Best) {
        match self
            .slots
            .get(&entity)
            .and_then(|&slot| self.items.get_mut(slot))
        {
            Some(item) => item.1 = best,
            None => {
                self.slots.insert(entity, self.items.len());
                self.items.push((entity, best));
            }
        }
    }

    /// Every entity's best name, by entity position.
    fn into_sorted(self) -> Vec<(u32, Best)> {
        let mut items = self.items;
        crate::sort::sort_by_key(&mut items, |(entity, _)| *entity);
        items
    }
}

impl<'a> Screener<'a> {
    /// A screener over a loaded snapshot.
    pub fn new(snapshot: &'a Snapshot) -> Screener<'a> {
        Screener {
            header: &snapshot.header,
            entities: Entities::Store(&snapshot.entities),
            index: &snapshot.index,
        }
    }

    /// A screener over parts (the index must have been built from these entities).
    pub fn from_parts(
        header: &'a SnapshotHeader,
        entities: &'a [Entity],
        index: &'a NameIndex,
    ) -> Screener<'a> {
        Screener {
            header,
            entities: Entities::Slice(entities),
            index,
        }
    }

    /// Screens one query, within the work limit [`work::MAX_QUERY_WORK`].
    pub fn screen(&self, query: &Query, options: &Options) -> ScreeningResult {
        self.screen_metered(query, options, &mut WorkMeter::default())
    }

    /// [`Screener::screen`] charging the work to `meter` (its limit applies): a caller
    /// can read the units spent, per kind of step (benchmarks, the calibration of the
    /// limit).
    pub fn screen_metered(
        &self,
        query: &Query,
        options: &Options,
        meter: &mut WorkMeter,
    ) -> ScreeningResult {
        self.run(query, options, false, meter)
    }

    /// Screens one query by scoring every listed name (no candidate pruning, no work
    /// limit). Returns the same result as [`Screener::screen`] for every query within
    /// the work limit; used to prove it, and as an evaluation baseline.
    pub fn screen_exhaustive(&self, query: &Query, options: &Options) -> ScreeningResult {
        self.run(query, options, true, &mut WorkMeter::unlimited())
    }

    fn run(
        &self,
        query: &Query,
        options: &Options,
        exhaustive: bool,
        meter: &mut WorkMeter,
    ) -> ScreeningResult {
        let mut warnings = Vec::new();
        let options = match options.validate() {
            Ok(()) => options.clone(),
            Err(e) => {
                warnings.push(format!("invalid options ({e}): defaults used"));
                Options {
                    sources: options.sources.clone(),
                    max_matches: options.max_matches,
                    max_snapshot_age_days: options.max_snapshot_age_days,
                    ..Options::default()
                }
            }
        };
        // Bounds (fail closed): an over-long field is not read, and the decision can no
        // longer be `clear`.
        let mut not_screened = false;
        let name_too_long = query.name.len() > MAX_NAME_BYTES;
        if name_too_long {
            not_screened = true;
            warnings.push(format!(
                "too_long: the name is {} bytes, over the {MAX_NAME_BYTES}-byte limit: not screened",
                query.name.len()
            ));
        }
        let dob = match bounded_evidence("birth_date", query.birth_date.as_deref(), &mut warnings)
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match evidence::parse_birth_date(s) {
                Some(d) => Some(d),
                None => {
                    warnings.push(format!(
                        "birth_date `{s}` ignored: expected YYYY or YYYY-MM-DD"
                    ));
                    None
                }
            },
        };
        let country = match bounded_evidence("country", query.country.as_deref(), &mut warnings)
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match evidence::parse_country(s) {
                Some(c) => Some(c),
                None => {
                    warnings.push(format!(
                        "country `{s}` ignored: expected an ISO 3166-1 alpha-2 code"
                    ));
                    None
                }
            },
        };
        let source_ok = |source: SourceList| {
            options
                .sources
                .as_ref()
                .map_or(true, |s| s.contains(&source))
        };
        let expired = options
            .max_snapshot_age_days
            .and_then(|max| self.expiry(max, options.today.as_deref()));
        let mut decoded = Decoded::new(self.entities);

        // entity position -> best
        let mut best = BestByEntity::default();

        // Identifier hits: a match whatever the name.
        let mut ident_hits: Vec<(u32, Adjustment)> = Vec::new();
        for (value, crypto) in [
            (query.id_number.as_deref(), false),
            (query.crypto_address.as_deref(), true),
        ] {
            let Some(value) = value else {
                continue;
            };
            // The length first: nothing scans an over-long value (not even `trim`).
            if value.len() > MAX_IDENTIFIER_BYTES {
                not_screened = true;
                warnings.push(format!(
                    "too_long: the {} is {} bytes, over the {MAX_IDENTIFIER_BYTES}-byte limit: not looked up",
                    if crypto { "crypto_address" } else { "id_number" },
                    value.len()
                ));
                continue;
            }
            if value.trim().is_empty() {
                continue;
            }
            for hit in self.index.find_identifier(value, crypto) {
                let Some(e) = decoded.get(hit.entity) else {
                    continue;
                };
                let Some(id) = e.identifiers.get(hit.ident as usize) else {
                    continue;
                };
                let what = if crypto {
                    "crypto address".to_string()
                } else {
                    format!("{} number", id.label)
                };
                ident_hits.push((
                    hit.entity,
                    Adjustment {
                        code: AdjustmentCode::IdentifierMatch,
                        delta: 1.0,
                        detail: format!(
                            "{what} {} matches exactly: a hit whatever the name",
                            id.value
                        ),
                    },
                ));
            }
        }

        let variants = if name_too_long {
            Vec::new()
        } else {
            normalize::query_variants(&query.name)
        };
        let bonus = evidence::max_bonus(dob.as_ref(), country.as_deref());
        let threshold = options.review_threshold - bonus;
        let mut screened_any = false;
        let mut matches_seen = index::MatchCache::new(variants.len() > 1);
        let mut work_limited = false;
        for tokens in variants {
            if tokens.is_empty() {
                continue;
            }
            screened_any = true;
            if work_limited {
                continue;
            }
            if tokens.len() > MAX_NAME_TOKENS {
                not_screened = true;
                warnings.push(format!(
                    "too_long: a reading of the name has {} words, over the {MAX_NAME_TOKENS}-word limit: not screened",
                    tokens.len()
                ));
                continue;
            }
            if let Some(long) = tokens.iter().find(|t| t.text.len() > MAX_TOKEN_BYTES) {
                not_screened = true;
                warnings.push(format!(
                    "too_long: a reading of the name has a word of {} bytes, over the {MAX_TOKEN_BYTES}-byte limit: not screened",
                    long.text.len()
                ));
                continue;
            }
            // The names spelled exactly like the reading, once looked up (past the limit).
            let mut spelled: Option<Vec<u32>> = None;
            let q = match self.index.prepare_metered(tokens, meter) {
                Ok(q) => q,
                Err(tokens) => {
                    work_limited = true;
                    // Too many items to prepare within the limit. A reading spelled
                    // exactly like a listed name is still prepared (its cost is bounded
                    // by the lists' own names) for the scoring below.
                    let names = self.index.names_spelled(&tokens, MAX_SPELLED_AFTER_LIMIT);
                    if names.is_empty() {
                        continue;
                    }
                    spelled = Some(names);
                    self.index.prepare(tokens)
                }
            };
            let cands = if exhaustive {
                index::Candidates::all(self.index.name_count())
            } else {
                self.index.candidates_cached(
                    &q,
                    threshold,
                    MAX_CANDIDATES,
                    &mut matches_seen,
                    meter,
                )
            };
            let reading_limited = cands.work_limited;
            work_limited |= reading_limited;
            if cands.dropped > 0 {
                not_screened = true;
                warnings.push(format!(
                    "candidates_truncated: {} more names could reach the threshold than the {MAX_CANDIDATES} scored",
                    cands.dropped
                ));
            }
            // Scores name `nid` (`direct`: similarities computed, not taken from the
            // index's lookups) and keeps it when it reaches the review threshold.
            let mut score_name = |nid: u32, direct: bool| {
                let Some(name) = self.index.name(nid) else {
                    return;
                };
                let Some((source, entity_type)) = self.entities.kind(name.entity) else {
                    return;
                };
                if !source_ok(source) {
                    return;
                }
                let ns = if direct {
                    self.index.score_exhaustive(&q, nid, entity_type)
                } else {
                    self.index.score(&q, &cands, nid, entity_type)
                };
                let Some(ns) = ns else { return };
                if ns.score <= 0.0 {
                    return;
                }
                // Evidence adds at most `bonus` (the weak-alias and conflict adjustments
                // only subtract), so a name that cannot reach the review threshold even so
                // is dropped here, before its entity is decoded. `round4` and `clamp` are
                // monotone, so this drops exactly names the final check below would drop;
                // the 1e-9 absorbs a different summation order.
                if round4((ns.score + bonus + 1e-9).clamp(0.0, 1.0)) < options.review_threshold {
                    return;
                }
                let Some(entity) = decoded.get(name.entity) else {
                    return;
                };
                let mut adj = Vec::new();
                if name.weak {
                    adj.push(Adjustment {
                        code: AdjustmentCode::WeakAlias,
                        delta: evidence::WEAK_ALIAS,
                        detail: "matched a weak / low-quality alias".to_string(),
                    });
                }
                adj.extend(evidence::adjustments(
                    entity,
                    dob.as_ref(),
                    country.as_deref(),
                    query.entity_type,
                ));
                let total: f64 = ns.score + adj.iter().map(|a| a.delta).sum::<f64>();
                let final_score = round4(total.clamp(0.0, 1.0));
                if final_score < options.review_threshold {
                    return;
                }
                let better = match best.get(&name.entity) {
                    None => true,
                    Some(b) => {
                        final_score > b.final_score
                            || (final_score == b.final_score && name.name < b.name_pos)
                    }
                };
                if better {
                    let mut expl = self.explain(&q, nid, &ns);
                    expl.adjustments = adj;
                    best.insert(
                        name.entity,
                        Best {
                            final_score,
                            name_pos: name.name,
                            expl,
                            ident: false,
                        },
                    );
                }
            };
            let mut scoring_limited = false;
            for &nid in &cands.names {
                if reading_limited {
                    // The few names that cover the most of the query, scored past the
                    // limit (see `index::AFTER_LIMIT_SCORED`): the likeliest matches are
                    // still reported.
                    score_name(nid, true);
                    continue;
                }
                if meter.exhausted() {
                    scoring_limited = true;
                    break;
                }
                let Some(name) = self.index.name(nid) else {
                    continue;
                };
                meter.charge(Step::Scored, 1);
                meter.charge(Step::Pair, q.items.len() * name.tokens.len());
                score_name(nid, exhaustive);
            }
            if reading_limited || scoring_limited {
                work_limited = true;
                // Past the limit, the few names spelled exactly like this reading are
                // still scored (outside the meter): a listed name typed in full is found
                // whatever its length.
                let spelled = spelled.unwrap_or_else(|| {
                    self.index.names_spelled(&q.tokens, MAX_SPELLED_AFTER_LIMIT)
                });
                for nid in spelled {
                    score_name(nid, true);
                }
            }
        }
        // Work charged after the last check (the final bounds or scores) counts too, so
        // "over the limit" means exactly that the units spent exceed it.
        if work_limited || meter.exhausted() {
            not_screened = true;
            warnings.push(format!(
                "work_limit: the name needs more than the {} work units a query may spend: only partly screened",
                meter.limit()
            ));
        }
        if !screened_any && ident_hits.is_empty() && !name_too_long {
            warnings.push("the name has no letters or digits to screen".to_string());
        }
        for (ent, adj) in ident_hits {
            let Some((source, _)) = self.entities.kind(ent) else {
                continue;
            };
            if !source_ok(source) {
                continue;
            }
            match best.get_mut(&ent) {
                Some(b) => {
                    if !b.ident {
                        b.expl.adjustments.push(adj);
                        b.final_score = 1.0;
                        b.ident = true;
                    }
                }
                None => {
                    let expl = Explanation {
                        query_tokens: normalize::normalize_name(&query.name, None)
                            .into_iter()
                            .map(|t| t.text)
                            .collect(),
                        list_tokens: Vec::new(),
                        alignment: Vec::new(),
                        unmatched_query: Vec::new(),
                        unmatched_list: Vec::new(),
                        ignored: Vec::new(),
                        query_coverage: 0.0,
                        list_coverage: 0.0,
                        name_score: 0.0,
                        adjustments: vec![adj],
                        notes: vec!["matched on an identifier, not on the name".to_string()],
                    };
                    best.insert(
                        ent,
                        Best {
                            final_score: 1.0,
                            name_pos: 0,
                            expl,
                            ident: true,
                        },
                    );
                }
            }
        }

        let mut matches: Vec<(bool, Match)> = best
            .into_sorted()
            .into_iter()
            .filter_map(|(ent, b)| {
                let e = decoded.get(ent)?;
                let matched_name = e
                    .names
                    .get(b.name_pos as usize)
                    .map(|n| n.full.clone())
                    .unwrap_or_else(|| e.primary_name().to_string());
                Some((
                    b.ident,
                    Match {
                        id: e.id.clone(),
                        source: e.source,
                        entity_type: e.entity_type,
                        name: e.primary_name().to_string(),
                        matched_name,
                        score: b.final_score,
                        programs: e.programs.clone(),
                        explanation: b.expl,
                    },
                ))
            })
            .collect();
        crate::sort::sort_by(&mut matches, |a, b| {
            b.1.score
                .partial_cmp(&a.1.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.1.id.cmp(&b.1.id))
        });
        let decision = if matches
            .iter()
            .any(|(ident, m)| *ident || m.score >= options.block_threshold)
        {
            Decision::Block
        } else if matches
            .iter()
            .any(|(_, m)| m.score >= options.review_threshold)
        {
            Decision::Review
        } else if !decoded.failures.is_empty() || expired.is_some() || not_screened {
            // Some candidate could not be checked, the lists are older than the caller
            // accepts, or part of the query was over a bound: never report that as clear.
            Decision::Review
        } else {
            Decision::Clear
        };
        warnings.append(&mut decoded.failures);
        warnings.extend(expired);
        let matches: Vec<Match> = matches
            .into_iter()
            .map(|(_, m)| m)
            .take(options.max_matches)
            .collect();
        ScreeningResult {
            decision,
            matches,
            snapshot: SnapshotRef::of(self.header),
            warnings,
        }
    }

    /// The `snapshot_expired` warning when the snapshot was built more than `max_days`
    /// before `today` (default: today, UTC), or when either date cannot be read.
    fn expiry(&self, max_days: u32, today: Option<&str>) -> Option<String> {
        let today = match today.map(Date::parse_iso) {
            Some(Some(t)) => t,
            Some(None) => {
                return Some(
                    "snapshot_expired: `today` cannot be read, so the age is unknown".into(),
                )
            }
            None => Date::today_utc(),
        };
        let built = self.header.built_at.get(..10).and_then(Date::parse_iso);
        let Some(built) = built else {
            return Some(format!(
                "snapshot_expired: build date `{}` cannot be read, so its age is unknown",
                self.header.built_at
            ));
        };
        let age = today.days_since_epoch() - built.days_since_epoch();
        (age > i64::from(max_days)).then(|| {
            format!(
                "snapshot_expired: built {built}, {age} days before {today}; the maximum age is {max_days} days"
            )
        })
    }

    fn explain(&self, q: &PreparedQuery, nid: u32, ns: &score::NameScore) -> Explanation {
        let list: Vec<&TokInfo> = self.index.name_tokens(nid);
        let query: Vec<&TokInfo> = q.infos.iter().collect();
        explain::explain(&query, &list, ns)
    }
}

/// `value` when it is at most [`MAX_EVIDENCE_BYTES`] long; otherwise `None`, with a
/// warning that gives its length, not its text.
fn bounded_evidence<'q>(
    field: &str,
    value: Option<&'q str>,
    warnings: &mut Vec<String>,
) -> Option<&'q str> {
    let value = value?;
    if value.len() > MAX_EVIDENCE_BYTES {
        warnings.push(format!(
            "{field} ignored: {} bytes, over the {MAX_EVIDENCE_BYTES}-byte limit",
            value.len()
        ));
        return None;
    }
    Some(value)
}

/// True when `kind` is matched through `Query::crypto_address` rather than `id_number`.
pub fn is_crypto(kind: IdentifierKind) -> bool {
    kind == IdentifierKind::CryptoAddress
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_number_prints_what_display_prints_for_plain_decimals() {
        for x in [
            1.5,
            -0.2,
            2.0,
            80.0,
            0.83,
            1.000001,
            -3.25,
            0.000000001,
            123456789.5,
        ] {
            assert_eq!(show_number(x), format!("{x}"), "{x}");
        }
        assert_eq!(show_number(f64::NAN), "NaN");
        assert_eq!(show_number(f64::INFINITY), "inf");
        assert_eq!(show_number(f64::NEG_INFINITY), "-inf");
        assert_eq!(show_number(-0.0), "0");
        assert_eq!(show_number(1e300), "1e9 or more in magnitude");
        assert_eq!(show_number(-1e-12), "-1e-9 or less in magnitude");
        let e = Options {
            review_threshold: 1.5,
            ..Options::default()
        };
        assert_eq!(
            e.validate(),
            Err("review_threshold must be in (0, 1], got 1.5".to_string())
        );
    }

    /// The key lists the JavaScript API reads objects by are the serialised names.
    #[test]
    fn field_lists_are_the_serialised_names() {
        let query = Query {
            name: "x".into(),
            entity_type: Some(EntityType::Person),
            birth_date: Some("1970".into()),
            country: Some("IR".into()),
            id_number: Some("1".into()),
            crypto_address: Some("a".into()),
        };
        let keys = |v: serde_json::Value| -> Vec<String> {
            v.as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        };
        let mut expected: Vec<String> = keys(serde_json::to_value(&query).unwrap());
        expected.push("entity_type".into());
        let mut listed: Vec<String> = QUERY_FIELDS.iter().map(|s| s.to_string()).collect();
        expected.sort();
        listed.sort();
        assert_eq!(listed, expected);

        let options = Options {
            sources: Some(vec![SourceList::Eu]),
            max_snapshot_age_days: Some(1),
            today: Some("2026-01-01".into()),
            ..Options::default()
        };
        let mut expected = keys(serde_json::to_value(&options).unwrap());
        let mut listed: Vec<String> = OPTION_FIELDS.iter().map(|s| s.to_string()).collect();
        expected.sort();
        listed.sort();
        assert_eq!(listed, expected);
    }

    #[test]
    fn entity_types_parse_in_any_case_and_blank_is_none() {
        assert_eq!(
            parse_entity_type(" Individual "),
            Ok(Some(EntityType::Person))
        );
        assert_eq!(parse_entity_type("  "), Ok(None));
        assert!(parse_entity_type("robot").is_err());
    }
}
