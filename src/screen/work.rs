//! The work meter: a deterministic bound on the work of one screening query.
//!
//! Screening charges each of its costly steps to a [`WorkMeter`]: preparing a query item,
//! a row of the edit-distance walk, comparing a query item with a vocabulary token,
//! visiting a posting (directly or for a list-side glue), bounding a reached name, scoring
//! a candidate. The weights make one unit about ten machine instructions (fitted natively
//! with callgrind over ordinary and pathological queries; docs/SCREENING.md, "Bounds and
//! evasion"). A query may spend [`MAX_QUERY_WORK`] units; past that its remaining readings,
//! lookups and candidates are not screened, it gets a `work_limit` warning and it is never
//! `clear`. The meter counts steps, not time, so a query stops at the same point on every
//! machine, natively and in wasm, and screening stays deterministic.

/// Units one query may spend (about 16 million instructions natively; in Chromium here
/// the pathological names take at most 2.7 ms, where they took up to 9.5 ms without it).
/// Real names stay below it: none of 25,600 generated names that are not listed reaches
/// it on the 71,443 names of every list file; crafted inputs (two dozen long or common
/// words) and the longest official names do. docs/SCREENING.md, "Bounds and evasion",
/// has the figures and the trade-off.
pub const MAX_QUERY_WORK: u64 = 1_600_000;

/// A kind of step screening charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A query item prepared: its phonetic key, skeleton and given-name groups, and the
    /// lookups that decide whether a glued or split item is kept.
    Item,
    /// A row of the edit-distance walk (`fuzzy::FuzzyWords::within`); the search of the
    /// words beginning with another letter than the query word's is charged calibrated
    /// rows (`fuzzy::other_letter_rows_charged`), walked or looked up.
    WalkRow,
    /// A comparison of a query item with a vocabulary token found by a lookup (so
    /// usually alike), or of a query word with a run of a name's tokens (list-side glue).
    Comparison,
    /// A comparison of a query word with a token of a name already reached (most are
    /// rejected at once).
    Glance,
    /// A posting visited: a name reached through a matched token, or looked at for a
    /// list-side glue.
    Posting,
    /// A token (of the query or of the name) of a reached name whose score is bounded
    /// exactly (past the linear pre-test).
    Bound,
    /// A candidate name scored.
    Scored,
    /// A (query item, listed token) pair of a scored name.
    Pair,
    /// A skeleton string visited by the search of a pattern with too many expansions to
    /// look up one by one (a long Arabic, Hebrew or Thai word).
    Skeleton,
}

impl Step {
    /// Every kind, in the order of [`WorkMeter::counts`].
    pub const ALL: [Step; 9] = [
        Step::Item,
        Step::WalkRow,
        Step::Comparison,
        Step::Glance,
        Step::Posting,
        Step::Bound,
        Step::Scored,
        Step::Pair,
        Step::Skeleton,
    ];

    /// Units one step of this kind costs.
    pub const fn units(self) -> u64 {
        match self {
            Step::Item => 1_100,
            Step::WalkRow => 21,
            Step::Comparison => 70,
            Step::Glance => 155,
            Step::Posting => 14,
            Step::Bound => 22,
            Step::Scored => 100,
            Step::Pair => 150,
            Step::Skeleton => 20,
        }
    }
}

/// The work spent by one query, against its limit.
#[derive(Debug, Clone)]
pub struct WorkMeter {
    spent: u64,
    limit: u64,
    /// Steps of each kind charged, in the order of [`Step::ALL`].
    counts: [u64; Step::ALL.len()],
}

impl Default for WorkMeter {
    /// A meter with the limit [`MAX_QUERY_WORK`].
    fn default() -> WorkMeter {
        WorkMeter::with_limit(MAX_QUERY_WORK)
    }
}

impl WorkMeter {
    /// A meter that allows `limit` units (`u64::MAX`: no limit).
    pub fn with_limit(limit: u64) -> WorkMeter {
        WorkMeter {
            spent: 0,
            limit,
            counts: [0; Step::ALL.len()],
        }
    }

    /// A meter without a limit (the exhaustive reference path, tests).
    pub fn unlimited() -> WorkMeter {
        WorkMeter::with_limit(u64::MAX)
    }

    /// Charges `count` steps of kind `step`.
    pub fn charge(&mut self, step: Step, count: usize) {
        let count = count as u64;
        if let Some(c) = self.counts.get_mut(step as usize) {
            *c = c.saturating_add(count);
        }
        self.spent = self
            .spent
            .saturating_add(count.saturating_mul(step.units()));
    }

    /// How many more steps of kind `step` fit within the limit.
    pub fn affordable(&self, step: Step) -> usize {
        let left = self.limit.saturating_sub(self.spent);
        usize::try_from(left / step.units().max(1)).unwrap_or(usize::MAX)
    }

    /// Whether the work spent is over the limit: the caller stops screening.
    pub fn exhausted(&self) -> bool {
        self.spent > self.limit
    }

    /// Units spent so far.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// The units this meter allows.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Steps charged so far, per kind in the order of [`Step::ALL`].
    pub fn counts(&self) -> [u64; Step::ALL.len()] {
        self.counts
    }
}
