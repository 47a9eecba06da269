//! The watchlist entity model shared by the source parsers, the snapshot format and the
//! screening engine.
//!
//! Every parser (`crate::sources`) produces [`Entity`] values; the snapshot
//! (`crate::snapshot`) stores them; the screener (`crate::screen`) matches queries against
//! their [`Name`]s and secondary facts. Field values keep the source's own wording where no
//! safe normalisation exists (free-text places of birth, remarks), so an analyst can always
//! trace a match back to the official record.

use serde::{Deserialize, Serialize};

/// The official list an entity was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceList {
    /// OFAC Specially Designated Nationals list (SDN.CSV set or SDN.XML).
    OfacSdn,
    /// OFAC Consolidated (non-SDN) list (CONS_*.CSV set or CONSOLIDATED.XML).
    OfacConsolidated,
    /// United Nations Security Council Consolidated List (XML).
    UnSc,
    /// HM Treasury OFSI Consolidated List of Financial Sanctions Targets.
    UkOfsi,
    /// FCDO UK Sanctions List.
    UkFcdo,
    /// EU Consolidated Financial Sanctions List (Financial Sanctions Files).
    Eu,
}

crate::serde_table::serialize_unit_enum!(SourceList, SOURCE_LIST_NAMES);

/// The serialised (snake_case) names of [`SourceList`]'s variants, in declaration order.
pub(crate) const SOURCE_LIST_NAMES: [&str; SourceList::Eu as usize + 1] = [
    "ofac_sdn",
    "ofac_consolidated",
    "un_sc",
    "uk_ofsi",
    "uk_fcdo",
    "eu",
];

impl SourceList {
    /// Every source, in a fixed order (used for stable output ordering).
    pub const ALL: [SourceList; 6] = [
        SourceList::OfacSdn,
        SourceList::OfacConsolidated,
        SourceList::UnSc,
        SourceList::UkOfsi,
        SourceList::UkFcdo,
        SourceList::Eu,
    ];

    /// Stable snake_case code, also used as the prefix of [`Entity::id`].
    pub fn code(self) -> &'static str {
        match self {
            SourceList::OfacSdn => "ofac_sdn",
            SourceList::OfacConsolidated => "ofac_consolidated",
            SourceList::UnSc => "un_sc",
            SourceList::UkOfsi => "uk_ofsi",
            SourceList::UkFcdo => "uk_fcdo",
            SourceList::Eu => "eu",
        }
    }

    /// Parses a code produced by [`SourceList::code`].
    pub fn from_code(code: &str) -> Option<SourceList> {
        SourceList::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What kind of thing is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A natural person.
    Person,
    /// A company, group, government body or other organisation.
    Organization,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
}

crate::serde_table::serialize_unit_enum!(EntityType, ENTITY_TYPE_NAMES);

/// The serialised (snake_case) names of [`EntityType`]'s variants, in declaration order.
pub(crate) const ENTITY_TYPE_NAMES: [&str; EntityType::Aircraft as usize + 1] =
    ["person", "organization", "vessel", "aircraft"];

impl EntityType {
    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Vessel => "vessel",
            EntityType::Aircraft => "aircraft",
        }
    }

    /// Parses a code produced by [`EntityType::code`] (also accepts `individual` and `entity`).
    pub fn from_code(code: &str) -> Option<EntityType> {
        match code {
            "person" | "individual" => Some(EntityType::Person),
            "organization" | "organisation" | "entity" => Some(EntityType::Organization),
            "vessel" => Some(EntityType::Vessel),
            "aircraft" => Some(EntityType::Aircraft),
            _ => None,
        }
    }
}

/// How a name relates to the entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The primary (listed) name.
    Primary,
    /// "also known as".
    Aka,
    /// "formerly known as".
    Fka,
    /// "now known as".
    Nka,
}

crate::serde_table::serialize_unit_enum!(NameKind, NAME_KIND_NAMES);

/// The serialised (snake_case) names of [`NameKind`]'s variants, in declaration order.
pub(crate) const NAME_KIND_NAMES: [&str; NameKind::Nka as usize + 1] =
    ["primary", "aka", "fka", "nka"];

/// How much weight a list gives an alias. OFAC "weak aka", UN "Low" quality and OFSI
/// "Low quality" aliases are [`AliasStrength::Weak`]: they are screened, but a match on a
/// weak alias alone is reported with that caveat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasStrength {
    /// A strong (good-quality) name.
    Strong,
    /// A weak / low-quality alias.
    Weak,
}

/// One name of an entity, exactly as the list writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The full name as written by the source (for people, OFAC writes `SURNAME, Given`).
    pub full: String,
    /// Primary name or alias kind.
    pub kind: NameKind,
    /// Alias strength.
    pub strength: AliasStrength,
    /// True when this is the name in its original (non-Latin) script, e.g. the UN
    /// `NAME_ORIGINAL_SCRIPT` or the OFSI `Name Non-Latin Script` column.
    pub original_script: bool,
    /// Language or script label given by the source, if any (e.g. `Arabic`, `BG`).
    pub language: Option<String>,
}

impl Name {
    /// A strong name of the given kind with no language tag.
    pub fn new(full: impl Into<String>, kind: NameKind) -> Name {
        Name {
            full: full.into(),
            kind,
            strength: AliasStrength::Strong,
            original_script: false,
            language: None,
        }
    }
}

/// A calendar date some parts of which may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// Month 1-12, when known.
    pub month: Option<u8>,
    /// Day 1-31, when known (only together with a month).
    pub day: Option<u8>,
}

/// A birth date as precise as the source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BirthDate {
    /// A single (possibly partial: year or year-month) date.
    Date {
        /// The date.
        date: PartialDate,
    },
    /// "between YEAR and YEAR" / "circa" ranges, inclusive.
    Range {
        /// First possible date.
        from: PartialDate,
        /// Last possible date.
        to: PartialDate,
    },
}

impl BirthDate {
    /// Inclusive range of possible birth years.
    pub fn year_range(&self) -> (u16, u16) {
        match self {
            BirthDate::Date { date } => (date.year, date.year),
            BirthDate::Range { from, to } => (from.year, to.year),
        }
    }
}

/// What an identifier number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    /// Passport number.
    Passport,
    /// National identity card or number.
    NationalId,
    /// Tax identification number.
    TaxId,
    /// Company registration number.
    Registration,
    /// IMO ship or company number.
    Imo,
    /// Aircraft serial or tail number.
    Aircraft,
    /// SWIFT/BIC code.
    SwiftBic,
    /// Crypto wallet address ("Digital Currency Address - XBT" and similar).
    CryptoAddress,
    /// Any other identifier; the label is in [`Identifier::label`].
    Other,
}

crate::serde_table::serialize_unit_enum!(IdentifierKind, IDENTIFIER_KIND_NAMES);

/// The serialised (snake_case) names of [`IdentifierKind`]'s variants, in declaration order.
pub(crate) const IDENTIFIER_KIND_NAMES: [&str; IdentifierKind::Other as usize + 1] = [
    "passport",
    "national_id",
    "tax_id",
    "registration",
    "imo",
    "aircraft",
    "swift_bic",
    "crypto_address",
    "other",
];

/// A document, registration or wallet identifier of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    /// Identifier kind.
    pub kind: IdentifierKind,
    /// The source's own label (e.g. `Passport`, `Digital Currency Address - ETH`).
    pub label: String,
    /// The number or address as written by the source.
    pub value: String,
    /// Issuing country, ISO 3166-1 alpha-2 when recognised, otherwise the source's text.
    pub country: Option<String>,
    /// For crypto addresses: the network ticker given by the source (`XBT`, `ETH`, `USDT`, ...).
    pub network: Option<String>,
}

/// One listed person, organisation, vessel or aircraft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id: `<source code>:<source's own id>`, e.g. `ofac_sdn:306` or `un_sc:QDi.430`.
    pub id: String,
    /// The list this entity comes from.
    pub source: SourceList,
    /// What is listed.
    pub entity_type: EntityType,
    /// All names; `names[0]` is the primary name.
    pub names: Vec<Name>,
    /// Birth dates (people) or build/registration dates are not mixed in here.
    pub birth_dates: Vec<BirthDate>,
    /// Places of birth as written by the source.
    pub birth_places: Vec<String>,
    /// Nationalities and citizenships: ISO 3166-1 alpha-2 when recognised, else source text.
    pub nationalities: Vec<String>,
    /// Countries of the entity's addresses: ISO 3166-1 alpha-2 when recognised, else source text.
    pub address_countries: Vec<String>,
    /// Documents, registrations, wallet addresses.
    pub identifiers: Vec<Identifier>,
    /// Sanctions programmes or regimes (e.g. `SDGT`, `IRAN`, `Al-Qaida`).
    pub programs: Vec<String>,
    /// Listing date (ISO 8601 `YYYY-MM-DD`) when the source gives one.
    pub listed_on: Option<String>,
    /// Free-text remarks from the source.
    pub remarks: Option<String>,
}

impl Entity {
    /// A new entity with only an id, type and primary name; other facts empty.
    pub fn new(
        source: SourceList,
        source_id: &str,
        entity_type: EntityType,
        primary_name: impl Into<String>,
    ) -> Entity {
        Entity {
            id: format!("{}:{}", source.code(), source_id),
            source,
            entity_type,
            names: vec![Name::new(primary_name, NameKind::Primary)],
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            address_countries: Vec::new(),
            identifiers: Vec::new(),
            programs: Vec::new(),
            listed_on: None,
            remarks: None,
        }
    }

    /// The primary name (the first name; empty string if a malformed entity has none).
    pub fn primary_name(&self) -> &str {
        self.names.first().map(|n| n.full.as_str()).unwrap_or("")
    }
}

/// Provenance of one parsed source file set, recorded in the snapshot header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Which list.
    pub source: SourceList,
    /// The format that was parsed, e.g. `ofac_legacy_csv`, `un_xml`, `ofsi_xlsx`.
    pub format: String,
    /// Publication date as stated in the file (ISO 8601), or `None` when the file states
    /// none (the OFAC legacy CSVs carry no date).
    pub published: Option<String>,
    /// File names that were read (base names only: no local paths leak into snapshots).
    pub files: Vec<String>,
    /// Number of entities parsed.
    pub entity_count: u32,
    /// Number of names (primary + aliases + original-script) parsed.
    pub name_count: u32,
}
