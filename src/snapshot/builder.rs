//! Building a snapshot from parsed official lists (native only).
//!
//! The output is a function of the inputs' content and the build time alone: sources are
//! put in a fixed order, duplicate ids are resolved by a fixed rule, and entities are
//! sorted, so the same files give byte-identical snapshots whatever order they were named
//! in.

use super::{RemarksMode, Snapshot};
use crate::model::{Entity, SourceInfo};
use crate::sources::ParsedSource;
use std::cmp::Ordering;
use std::collections::HashSet;

/// What the builder did with one parsed source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceOutcome {
    /// The source's provenance with the counts of what was kept.
    pub info: SourceInfo,
    /// Entities dropped because an earlier source (in builder order) had the same id.
    pub duplicates_dropped: u32,
}

/// The result of [`build_from_sources`].
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    /// The snapshot.
    pub snapshot: Snapshot,
    /// Its encoded file (`snapshot.to_bytes()`, computed once while building).
    pub bytes: Vec<u8>,
    /// Its remarks companion file (`.kcr`) when the remarks are external, else `None`.
    pub remarks_file: Option<Vec<u8>>,
    /// Per source, in the order stored in the header.
    pub sources: Vec<SourceOutcome>,
}

/// Order of parsed sources: by list, then the most recently published first (unknown
/// dates last), then by file names. This order decides which copy of a duplicated id wins.
fn source_order(a: &SourceInfo, b: &SourceInfo) -> Ordering {
    a.source
        .cmp(&b.source)
        .then_with(|| match (&a.published, &b.published) {
            (Some(x), Some(y)) => y.cmp(x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| a.files.cmp(&b.files))
        .then_with(|| a.format.cmp(&b.format))
}

/// Compares ids so that digit runs compare by value: `ofac_sdn:36` < `ofac_sdn:306`, and
/// `QDi.9` < `QDi.10`. Ties (e.g. `07` vs `7`) fall back to byte order, so the order is
/// total and deterministic.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(cx), Some(cy)) if cx.is_ascii_digit() && cy.is_ascii_digit() => {
                let dx = x.iter().take_while(|c| c.is_ascii_digit()).count();
                let dy = y.iter().take_while(|c| c.is_ascii_digit()).count();
                let (nx, ny) = (&x[..dx], &y[..dy]);
                let nx_trim = trim_zeros(nx);
                let ny_trim = trim_zeros(ny);
                let by_value = nx_trim
                    .len()
                    .cmp(&ny_trim.len())
                    .then_with(|| nx_trim.cmp(ny_trim));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                x = &x[dx..];
                y = &y[dy..];
            }
            (Some(cx), Some(cy)) => {
                if cx != cy {
                    return cx.cmp(cy);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&d| d == b'0').count();
    &digits[zeros..]
}

/// Entity order in a snapshot: by list, then by id ([`natural_cmp`]).
pub fn entity_order(a: &Entity, b: &Entity) -> Ordering {
    a.source
        .cmp(&b.source)
        .then_with(|| natural_cmp(&a.id, &b.id))
}

/// Builds a snapshot from parsed sources.
///
/// - Sources are ordered by list, newest publication first, then file names.
/// - An id seen again (in the same or a later source in that order) is dropped and
///   counted: the newest copy of a list wins.
/// - Each source's counts are recomputed over the entities kept.
/// - Entities are sorted by list and natural id order.
pub fn build_from_sources(parsed: Vec<ParsedSource>, built_at: &str, label: &str) -> BuildOutcome {
    build_from_sources_with_remarks(parsed, built_at, label, RemarksMode::Full)
}

/// [`build_from_sources`], keeping of each remark what `remarks` says (the mode is
/// recorded in the header; `external` also gives the remarks companion file).
pub fn build_from_sources_with_remarks(
    mut parsed: Vec<ParsedSource>,
    built_at: &str,
    label: &str,
    remarks: RemarksMode,
) -> BuildOutcome {
    parsed.sort_by(|a, b| source_order(&a.info, &b.info));
    let mut seen: HashSet<String> = HashSet::new();
    let mut outcomes = Vec::with_capacity(parsed.len());
    let mut entities = Vec::new();
    for source in parsed {
        let mut info = source.info;
        let mut kept = 0u64;
        let mut names = 0u64;
        let mut duplicates = 0u32;
        for entity in source.entities {
            if seen.contains(&entity.id) {
                duplicates = duplicates.saturating_add(1);
                continue;
            }
            seen.insert(entity.id.clone());
            kept += 1;
            names += entity.names.len() as u64;
            entities.push(entity);
        }
        info.entity_count = u32::try_from(kept).unwrap_or(u32::MAX);
        info.name_count = u32::try_from(names).unwrap_or(u32::MAX);
        outcomes.push(SourceOutcome {
            info,
            duplicates_dropped: duplicates,
        });
    }
    entities.sort_by(entity_order);
    let infos = outcomes.iter().map(|o| o.info.clone()).collect();
    let (snapshot, bytes, remarks_file) =
        Snapshot::build_files(infos, entities, built_at, label, remarks);
    BuildOutcome {
        snapshot,
        bytes,
        remarks_file,
        sources: outcomes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_compares_digit_runs_by_value() {
        let mut ids = vec![
            "ofac_sdn:306",
            "ofac_sdn:36",
            "ofac_sdn:1000",
            "un_sc:QDi.10",
            "un_sc:QDi.9",
            "x:007",
            "x:7",
            "x:a",
            "x:",
        ];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            [
                "ofac_sdn:36",
                "ofac_sdn:306",
                "ofac_sdn:1000",
                "un_sc:QDi.9",
                "un_sc:QDi.10",
                "x:",
                "x:007",
                "x:7",
                "x:a",
            ]
        );
    }
}
