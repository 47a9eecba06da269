// Page configuration. A deployment edits these defaults; the query parameters named below
// override them for one visit (e.g. `/?snapshot=snapshots/2026-12-01.kcs`).

export const CONFIG = {
  /**
   * URL of the watchlist snapshot to load (same origin: the page's Content-Security-Policy
   * allows no other). null = the sample snapshot compiled into the wasm module.
   * Query parameter: `snapshot`.
   */
  snapshotUrl: null,
  /** Expected SHA-256 (hex) of the snapshot; a different snapshot is refused. Query: `sha256`. */
  snapshotSha256: null,
  /**
   * URL of the remarks file (`.kcr`) of a snapshot built with `--remarks external`, fetched
   * on the first details view only and verified against the hash the snapshot pins.
   * null = the snapshot URL with `.kcr` instead of `.kcs`. Query parameter: `remarks`.
   */
  remarksUrl: null,
  /** Show a warning when the snapshot is older than this many days. Query: `stale_after_days`. */
  staleAfterDays: 30,
  /**
   * Refuse to give `clear` when the snapshot is older than this many days: every decision
   * is then at least `review` (null = no limit). Query: `max_age_days`.
   */
  maxSnapshotAgeDays: null,
  /** Minimum age to open an account. */
  minAge: 18,
  /** Language of the messages (a key of the table in messages.js). */
  language: 'en',
  /** Fields that must be filled in (the others are checked only when given). */
  requiredFields: [
    'given_name', 'family_name', 'birth_date', 'email', 'phone', 'country', 'nationality',
    'address_line1', 'city', 'postal_code', 'document_type', 'document_number',
    'document_country',
  ],
};

/** CONFIG with the overrides of `search` (a location.search string) applied. */
export function pageConfig(search) {
  const params = new URLSearchParams(search);
  const config = { ...CONFIG };
  const days = (value) => {
    const n = Number(value);
    return Number.isInteger(n) && n >= 0 ? n : null;
  };
  if (params.has('snapshot')) config.snapshotUrl = params.get('snapshot');
  if (params.has('sha256')) config.snapshotSha256 = params.get('sha256').toLowerCase();
  if (params.has('remarks')) config.remarksUrl = params.get('remarks');
  if (params.has('stale_after_days')) config.staleAfterDays = days(params.get('stale_after_days')) ?? config.staleAfterDays;
  // An unreadable limit is the strictest one (fail closed), not no limit.
  if (params.has('max_age_days')) config.maxSnapshotAgeDays = days(params.get('max_age_days')) ?? 0;
  return config;
}
