// Every human-readable text the page builds from kyc-check's machine-readable codes, in one
// place so it can be translated: copy `en` to another language and pass its key in the page
// config (`language`). Templates may use {label} (the field's label) and {detail} (the
// module's English message, for facts such as which check digit failed).

/** English texts. Keys: `<field>.<code>` (most specific), else `<code>`. */
const en = {
  // Validation error codes (src/validate/error.rs).
  required: '{label} is required.',
  too_long: '{label} is too long.',
  too_short: '{label} is too short.',
  invalid_length: '{label} has the wrong number of characters.',
  invalid_character: '{label} contains a character that is not allowed.',
  invalid_format: '{label} is not in the expected format.',
  invalid_checksum: '{label} has a wrong check digit: please check it for a typo.',
  control_character: '{label} contains an invisible or control character.',
  unsupported_country: 'This format is not supported for that country.',
  digit_in_name: 'A name cannot contain digits.',
  symbol_in_name: 'A name cannot contain emoji or symbols.',
  mixed_script: 'A word mixes alphabets (for example Latin and Cyrillic look-alikes).',
  invalid_date: 'This is not a real date. Use YYYY-MM-DD.',
  future_date: 'This date is in the future.',
  too_young: 'You must be at least {min_age} years old to open an account.',
  too_old: 'Please check the year: this birth date is implausibly early.',
  local_part_too_long: 'The part before @ is longer than 64 characters.',
  invalid_domain: 'The part after @ is not a valid domain.',
  unknown_calling_code: 'This country calling code does not exist.',
  invalid_number_for_country: 'This is not a valid phone number for its country.',
  unknown_country: 'Choose a country from the list (a name or an ISO code such as DE).',
  blocked_jurisdiction: 'We cannot serve this jurisdiction: {detail}.',
  invalid_postal_code: 'This postal code does not have the format used in that country.',
  document_expired: 'This document has expired.',
  mismatch: '{label} does not match the document: {detail}.',
  name_mismatch: 'The name in the document differs from the name you typed.',
  birth_date_mismatch: 'The birth date in the document differs from the one you typed.',
  nationality_mismatch: 'The nationality in the document differs from the one you chose.',
  sex_mismatch: 'The sex in the document differs from the one given.',
  unknown_country_code: 'The country code at the start is not a known one.',
  network_mismatch: 'This address does not belong to that network.',
  unknown_network: 'This is not an address of any supported network.',
  // Field-specific texts, where the generic one would be vague.
  'email.invalid_format': 'Enter an email address like name@example.com.',
  'phone.invalid_format': 'Enter the number with its country code (+44 …) or choose the phone country.',
  'birth_date.invalid_format': 'Enter the date as YYYY-MM-DD.',
  'mrz.invalid_checksum': 'A check digit in the MRZ is wrong ({detail}): type the lines exactly as printed.',
  'mrz.invalid_format': 'This is not a passport or ID-card MRZ: paste its two or three lines.',
  'mrz.invalid_length': 'Each MRZ line must have the exact length printed on the document.',
  'iban.invalid_checksum': "This IBAN's check digits are wrong: please check it for a typo.",
  'iban.invalid_length': 'This IBAN has the wrong length for its country.',
  'crypto_address.invalid_checksum': "This wallet address's checksum is wrong: copy it again.",

  // Screening.
  'decision.clear': 'Decision: clear. The name is not on any sanctions list in this snapshot.',
  'decision.review': 'Decision: review. A possible match on a sanctions list: a compliance analyst must check it before the account opens.',
  'decision.block': 'Decision: block. A match on a sanctions list: the account cannot be opened.',
  'decision.jurisdiction': 'Decision: block. {detail} Names were not screened.',
  'decision.unavailable': 'Screening unavailable: {detail}. No decision can be made until a verified snapshot loads.',
  'decision.idle': 'No screening yet: enter a name.',
  'match.heading': '{name}',
  'match.alias': 'Matched listed name: {alias}',
  'match.list': 'List: {list} (entry {id})',
  'match.programs': 'Programmes: {programs}',
  'match.score': 'Score {score}',
  'match.details': 'Show the listing',
  'match.remarks_excerpt': 'Remarks are truncated in this snapshot (first {chars} characters of each, cut ones end with “…”): see the official list for the full text.',
  'match.remarks_none': 'Remarks are left out of this snapshot: see the official list for them.',
  'match.remarks_loading': 'Loading the remarks…',
  'match.remarks_unavailable': 'Remarks are unavailable: {detail}. Screening is unaffected.',
  'method.exact': 'same word',
  'method.fuzzy': 'spelled alike',
  'method.phonetic': 'sounds alike',
  'method.initial': 'initial',
  'method.translit': 'same name in another alphabet',
  'method.glued': 'written together',
  'method.legal_family': 'same legal form',
  'method.doubled': 'doubled letter',
  'method.nickname': 'nickname',
  'explain.pair': '“{query}” ↔ “{list}”: {how} ({score})',
  'explain.unmatched_query': 'Your words not in the listed name: {tokens}',
  'explain.unmatched_list': 'Listed words you did not type: {tokens}',
  'explain.coverage': 'Coverage: {query}% of your name, {list}% of the listed name.',

  // Snapshot footer.
  'snapshot.loading': 'Loading the watchlist snapshot…',
  'snapshot.summary': 'Watchlist snapshot “{label}” ({origin}), built {built}, SHA-256 {sha}…, {entities} listed entries.',
  'snapshot.source': '{list}: published {published}',
  'snapshot.unpublished': '{list}: publication date not stated in the file',
  'snapshot.stale': 'Warning: this snapshot is {age} days old (older than {max} days). Sanctions lists change weekly: load a newer snapshot before relying on it.',
  'snapshot.refused': 'The watchlist snapshot could not be loaded ({detail}). Screening is unavailable.',
  'summary.invalid': 'Please correct the highlighted fields ({count}).',
  'summary.valid': 'All fields are valid.',
};

/** Display names of the source lists. */
export const LIST_NAMES = {
  ofac_sdn: 'OFAC SDN List',
  ofac_consolidated: 'OFAC Consolidated (non-SDN) List',
  un_sc: 'UN Security Council Consolidated List',
  uk_ofsi: 'UK OFSI Consolidated List',
  uk_fcdo: 'UK Sanctions List (FCDO)',
  eu: 'EU Financial Sanctions List',
};

const LANGUAGES = { en };

/** The message table for `language` (English when unknown). */
export function messages(language = 'en') {
  return LANGUAGES[language] ?? en;
}

/** Fills {placeholders} of `template` from `values`. */
export function format(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

/** The text for a validation error `{ code, message }` of `field`, labelled `label`. */
export function errorText(table, field, error, values = {}) {
  const template = table[`${field}.${error.code}`] ?? table[error.code];
  const detail = error.message ?? '';
  return template ? format(template, { label: 'This field', ...values, detail }) : detail;
}
