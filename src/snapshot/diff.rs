//! What changed between two snapshots, per source list: entities added, removed, and
//! changed (same id, different content, with the parts that differ). Used by
//! `kyc-check snapshot diff` to tell compliance which customers to re-screen.

use super::builder::natural_cmp;
use super::{Snapshot, SnapshotError};
use crate::model::{Entity, SourceList};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A snapshot's identity, repeated in the diff for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotRef {
    /// Payload SHA-256.
    pub sha256: String,
    /// Build time.
    pub built_at: String,
    /// Label.
    pub label: String,
    /// Number of entities.
    pub entity_count: usize,
}

impl SnapshotRef {
    fn of(s: &Snapshot) -> SnapshotRef {
        SnapshotRef {
            sha256: s.header.sha256.clone(),
            built_at: s.header.built_at.clone(),
            label: s.header.label.clone(),
            entity_count: s.entities.len(),
        }
    }
}

/// An entity present on one side only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    /// Entity id.
    pub id: String,
    /// Primary name.
    pub name: String,
    /// Entity type code.
    #[serde(rename = "type")]
    pub entity_type: &'static str,
}

impl EntityRef {
    fn of(e: &Entity) -> EntityRef {
        EntityRef {
            id: e.id.clone(),
            name: e.primary_name().to_string(),
            entity_type: e.entity_type.code(),
        }
    }
}

/// An entity present on both sides with different content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedEntity {
    /// Entity id.
    pub id: String,
    /// Primary name in the new snapshot.
    pub name: String,
    /// Which parts differ: `type`, `names`, `birth_dates`, `birth_places`,
    /// `nationalities`, `address_countries`, `identifiers`, `programs`, `listed_on`,
    /// `remarks` (and `source` in the odd case an id moved list).
    pub parts: Vec<&'static str>,
    /// Names (full text) only in the new snapshot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names_added: Vec<String>,
    /// Names (full text) only in the old snapshot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names_removed: Vec<String>,
    /// Programmes only in the new snapshot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub programs_added: Vec<String>,
    /// Programmes only in the old snapshot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub programs_removed: Vec<String>,
}

/// Changes within one source list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceDiff {
    /// Source list code.
    pub source: &'static str,
    /// Publication date in the old snapshot (first source of that list), if stated.
    pub old_published: Option<String>,
    /// Publication date in the new snapshot, if stated.
    pub new_published: Option<String>,
    /// Count of entities of this list in the old snapshot.
    pub old_count: usize,
    /// Count in the new snapshot.
    pub new_count: usize,
    /// Entities only in the new snapshot.
    pub added: Vec<EntityRef>,
    /// Entities only in the old snapshot.
    pub removed: Vec<EntityRef>,
    /// Entities in both with different content.
    pub changed: Vec<ChangedEntity>,
    /// Entities identical in both.
    pub unchanged: usize,
}

/// Totals over all lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct DiffTotals {
    /// Entities added.
    pub added: usize,
    /// Entities removed.
    pub removed: usize,
    /// Entities changed.
    pub changed: usize,
    /// Entities unchanged.
    pub unchanged: usize,
}

/// The full diff (the JSON `kyc-check snapshot diff` prints).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotDiff {
    /// The old snapshot.
    pub old: SnapshotRef,
    /// The new snapshot.
    pub new: SnapshotRef,
    /// Totals.
    pub totals: DiffTotals,
    /// Per list, in the fixed list order; lists absent from both sides are left out.
    pub sources: Vec<SourceDiff>,
}

/// The parts of two same-id entities that differ.
pub fn changed_parts(old: &Entity, new: &Entity) -> Vec<&'static str> {
    let mut parts = Vec::new();
    let mut check = |differs: bool, part: &'static str| {
        if differs {
            parts.push(part);
        }
    };
    check(old.source != new.source, "source");
    check(old.entity_type != new.entity_type, "type");
    check(old.names != new.names, "names");
    check(old.birth_dates != new.birth_dates, "birth_dates");
    check(old.birth_places != new.birth_places, "birth_places");
    check(old.nationalities != new.nationalities, "nationalities");
    check(
        old.address_countries != new.address_countries,
        "address_countries",
    );
    check(old.identifiers != new.identifiers, "identifiers");
    check(old.programs != new.programs, "programs");
    check(old.listed_on != new.listed_on, "listed_on");
    check(old.remarks != new.remarks, "remarks");
    parts
}

/// Values in `a` and not in `b`, sorted and deduplicated.
fn only_in<'a>(
    a: impl Iterator<Item = &'a String>,
    b: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let b: BTreeSet<&String> = b.collect();
    let a: BTreeSet<&String> = a.collect();
    a.difference(&b).map(|s| (*s).clone()).collect()
}

/// Compares two snapshots (decoding every entity of both, remarks included); fails only
/// when an entity of either does not decode, or when one keeps its remarks in a remarks
/// file that is not attached ([`SnapshotError::RemarksNotLoaded`]: attach it first).
pub fn diff(old: &Snapshot, new: &Snapshot) -> Result<SnapshotDiff, SnapshotError> {
    let old_entities = old.entities.to_vec()?;
    let new_entities = new.entities.to_vec()?;
    let old_by_id: HashMap<&str, &Entity> =
        old_entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let new_by_id: HashMap<&str, &Entity> =
        new_entities.iter().map(|e| (e.id.as_str(), e)).collect();

    let mut per_source: BTreeMap<SourceList, SourceDiff> = BTreeMap::new();
    for e in &new_entities {
        let d = per_source_entry(&mut per_source, e.source, old, new);
        match old_by_id.get(e.id.as_str()) {
            None => d.added.push(EntityRef::of(e)),
            Some(o) => {
                let parts = changed_parts(o, e);
                if parts.is_empty() {
                    d.unchanged += 1;
                } else {
                    let old_names = o.names.iter().map(|n| &n.full);
                    let new_names = e.names.iter().map(|n| &n.full);
                    d.changed.push(ChangedEntity {
                        id: e.id.clone(),
                        name: e.primary_name().to_string(),
                        parts,
                        names_added: only_in(new_names.clone(), old_names.clone()),
                        names_removed: only_in(old_names, new_names),
                        programs_added: only_in(e.programs.iter(), o.programs.iter()),
                        programs_removed: only_in(o.programs.iter(), e.programs.iter()),
                    });
                }
            }
        }
    }
    for e in &old_entities {
        if !new_by_id.contains_key(e.id.as_str()) {
            per_source_entry(&mut per_source, e.source, old, new)
                .removed
                .push(EntityRef::of(e));
        }
    }

    let mut totals = DiffTotals::default();
    let mut sources: Vec<SourceDiff> = per_source.into_values().collect();
    for d in &mut sources {
        d.added.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        d.removed.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        d.changed.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        totals.added += d.added.len();
        totals.removed += d.removed.len();
        totals.changed += d.changed.len();
        totals.unchanged += d.unchanged;
    }
    Ok(SnapshotDiff {
        old: SnapshotRef::of(old),
        new: SnapshotRef::of(new),
        totals,
        sources,
    })
}

/// Number of entities of `list` in `s` (from the heads array: no decoding).
fn count_of(s: &Snapshot, list: SourceList) -> usize {
    (0..s.entities.len())
        .filter(|&i| s.entities.kind(i).is_some_and(|k| k.source == list))
        .count()
}

fn per_source_entry<'m>(
    map: &'m mut BTreeMap<SourceList, SourceDiff>,
    list: SourceList,
    old: &Snapshot,
    new: &Snapshot,
) -> &'m mut SourceDiff {
    let published = |s: &Snapshot| {
        s.header
            .sources
            .iter()
            .find(|i| i.source == list)
            .and_then(|i| i.published.clone())
    };
    map.entry(list).or_insert_with(|| SourceDiff {
        source: list.code(),
        old_published: published(old),
        new_published: published(new),
        old_count: count_of(old, list),
        new_count: count_of(new, list),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        unchanged: 0,
    })
}
