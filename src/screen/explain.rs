//! The explanation attached to every match: which query tokens met which listed tokens,
//! how and how well, what was left over or ignored, and which secondary evidence moved
//! the score. The structure is stable and machine-readable (it is part of the JSON
//! output) so that compliance analysts and their tools can audit each decision.

use serde::{Deserialize, Serialize};

use crate::screen::normalize::TokenClass;
use crate::screen::score::{Method, NameScore, TokInfo};

/// Rounds to 4 decimals, the precision of every number in results (determinism).
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// One aligned token pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedPair {
    /// Normalised query token(s) (space-separated when several were glued).
    pub query: String,
    /// Normalised list token(s).
    pub list: String,
    /// Similarity 0..1.
    pub score: f64,
    /// How they matched.
    pub method: Method,
}

/// A token that did not count, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoredToken {
    /// `query` or `list`.
    pub side: String,
    /// The normalised token.
    pub token: String,
    /// Why: `title` (honorific, ignored for people).
    pub reason: String,
}

/// What a piece of secondary evidence did to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentCode {
    /// Same full date of birth.
    BirthDateMatch,
    /// Birth year within the listed year(s).
    BirthYearMatch,
    /// Same birth year but a different full date.
    BirthDateConflict,
    /// Birth year outside every listed year.
    BirthYearConflict,
    /// Country among the entity's nationalities or address countries.
    CountryMatch,
    /// Country not among the entity's (known) countries.
    CountryConflict,
    /// The query's entity type differs from the listed type.
    EntityTypeConflict,
    /// The matched name is a weak / low-quality alias.
    WeakAlias,
    /// An identifier (document number or crypto address) matched exactly.
    IdentifierMatch,
}

crate::serde_table::serialize_unit_enum!(AdjustmentCode, ADJUSTMENT_CODE_NAMES);

/// The serialised (snake_case) names of [`AdjustmentCode`]'s variants, in declaration order.
pub(crate) const ADJUSTMENT_CODE_NAMES: [&str; AdjustmentCode::IdentifierMatch as usize + 1] = [
    "birth_date_match",
    "birth_year_match",
    "birth_date_conflict",
    "birth_year_conflict",
    "country_match",
    "country_conflict",
    "entity_type_conflict",
    "weak_alias",
    "identifier_match",
];

/// One score adjustment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    /// What it is.
    pub code: AdjustmentCode,
    /// Change applied to the score (positive raises).
    pub delta: f64,
    /// Human-readable detail (the values compared).
    pub detail: String,
}

/// The explanation of one match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The query as normalised tokens.
    pub query_tokens: Vec<String>,
    /// The matched listed name as normalised tokens.
    pub list_tokens: Vec<String>,
    /// Token alignment, in query order.
    pub alignment: Vec<AlignedPair>,
    /// Query tokens with no partner (each lowers the score).
    pub unmatched_query: Vec<String>,
    /// Listed-name tokens with no partner (each lowers the score, middle names less).
    pub unmatched_list: Vec<String>,
    /// Tokens that did not count.
    pub ignored: Vec<IgnoredToken>,
    /// Share of the query's weight that matched.
    pub query_coverage: f64,
    /// Share of the listed name's weight that matched.
    pub list_coverage: f64,
    /// Name score before adjustments.
    pub name_score: f64,
    /// Secondary evidence, in a fixed order.
    pub adjustments: Vec<Adjustment>,
    /// Remarks (e.g. only weak tokens matched).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn join(tokens: &[&TokInfo], positions: &[usize]) -> String {
    positions
        .iter()
        .filter_map(|&p| tokens.get(p))
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the explanation of a name score.
pub fn explain(query: &[&TokInfo], list: &[&TokInfo], s: &NameScore) -> Explanation {
    let alignment = s
        .pairs
        .iter()
        .map(|p| AlignedPair {
            query: join(query, &p.query),
            list: join(list, &p.list),
            score: round4(p.sim),
            method: p.method,
        })
        .collect();
    let ignored = s
        .ignored
        .iter()
        .map(|&(is_query, pos)| {
            let tok = if is_query {
                query.get(pos)
            } else {
                list.get(pos)
            };
            let reason = match tok.map(|t| t.class) {
                Some(TokenClass::Title) => "title",
                _ => "zero_weight",
            };
            IgnoredToken {
                side: if is_query { "query" } else { "list" }.to_string(),
                token: tok.map(|t| t.text.clone()).unwrap_or_default(),
                reason: reason.to_string(),
            }
        })
        .collect();
    let mut notes = Vec::new();
    if s.weak_only {
        notes.push("only weak tokens (legal forms, generic words, particles, initials) matched: name score set to 0".to_string());
    }
    if s.legal_conflict {
        notes.push("the legal forms differ in nature (e.g. AG against GmbH: two legal persons): name score x 0.85".to_string());
    }
    if s.initial_conflict {
        notes.push("each name has an initial the other lacks (two different middle initials): name score x 0.9".to_string());
    }
    if s.nasab_reversed {
        notes.push("`X bin Y` in the query is `Y bin X` in the list (father and son swapped): name score x 0.8".to_string());
    }
    Explanation {
        query_tokens: query.iter().map(|t| t.text.clone()).collect(),
        list_tokens: list.iter().map(|t| t.text.clone()).collect(),
        alignment,
        unmatched_query: s
            .unmatched_query
            .iter()
            .filter_map(|&p| query.get(p))
            .map(|t| t.text.clone())
            .collect(),
        unmatched_list: s
            .unmatched_list
            .iter()
            .filter_map(|&p| list.get(p))
            .map(|t| t.text.clone())
            .collect(),
        ignored,
        query_coverage: round4(s.query_coverage),
        list_coverage: round4(s.list_coverage),
        name_score: round4(s.score),
        adjustments: Vec::new(),
        notes,
    }
}
