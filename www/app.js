// The signup page: a thin layer over the kyc-check wasm module (www/pkg, built by
// wasm-pack). Validation and screening run in this tab; the page sends nothing anywhere.
import init, * as kyc from './pkg/kyc_check.js';
import { pageConfig } from './config.js';
import { LIST_NAMES, errorText, format, messages } from './messages.js';

const config = pageConfig(location.search);
const text = messages(config.language);
const form = document.getElementById('signup');
const $ = (id) => document.getElementById(id);

/** Builds an element: el('p', { className: 'x' }, 'text', child, ...). */
function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const todayIso = () => new Date().toISOString().slice(0, 10);
const daysBetween = (fromIso, toIso) => Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);

// --- state ---

/** The verified snapshot's summary, or null when screening is unavailable. */
let snapshot = null;
/** Why screening is unavailable (shown instead of any decision). */
let snapshotError = 'the snapshot is still loading';
/** Fields the user has left (or all of them, after a submit): their errors are shown. */
const touched = new Set();

const fields = () => [...form.elements].filter((e) => e.name);
const labelOf = (input) => form.querySelector(`label[for="${input.id}"]`)?.firstChild?.textContent.trim() ?? input.name;

// --- validation ---

/** The record to validate: filled fields, plus required ones the user has left blank. */
function readRecord() {
  const record = {};
  for (const input of fields()) {
    const value = input.value;
    if (value.trim() !== '') record[input.name] = value;
    else if (touched.has(input.name) && config.requiredFields.includes(input.name)) record[input.name] = '';
  }
  return record;
}

/** Validates the record; national phone numbers default to the country of residence. */
function validate(record) {
  const options = { today: todayIso(), min_age: config.minAge };
  if (record.country && !record.phone_country) {
    const residence = kyc.validateRecord({ country: record.country }, options).fields.country;
    if (residence?.valid) options.default_country = residence.normalized;
  }
  return kyc.validateRecord(record, options);
}

/** Shows each touched field's errors (or its recognised value); returns the invalid inputs. */
function renderValidation(report) {
  const invalid = [];
  for (const input of fields()) {
    const result = report.fields[input.name];
    const message = $(`${input.name}-msg`);
    const show = touched.has(input.name) && result && !result.valid;
    input.setAttribute('aria-invalid', show ? 'true' : 'false');
    message.className = show ? 'msg error' : 'msg';
    message.replaceChildren();
    if (show) {
      invalid.push(input);
      const values = { label: labelOf(input), min_age: config.minAge };
      for (const error of result.errors) {
        message.append(el('span', { className: 'error-text' }, errorText(text, input.name, error, values)),
          el('code', { className: 'code' }, error.code), ' ');
      }
    } else if (result?.valid && touched.has(input.name)) {
      const shown = recognised(input.name, result);
      if (shown) message.append(el('span', { className: 'ok-text' }, shown));
    }
  }
  return invalid;
}

/** A short confirmation of what the module recognised, for fields where that helps. */
function recognised(field, result) {
  const value = result.formatted ?? result.normalized;
  switch (field) {
    case 'phone': return `✓ ${value}`;
    case 'iban': return `✓ ${value}`;
    case 'crypto_address': return result.details?.network ? `✓ ${result.details.network} address` : null;
    case 'mrz': return '✓ check digits verified';
    case 'birth_date': return result.details?.age ? `✓ age ${result.details.age}` : null;
    default: return null;
  }
}

// --- screening ---

/** Blocked-jurisdiction reasons from a validation report (country, nationality, document, region). */
function jurisdictionBlocks(report) {
  const reasons = [];
  for (const [field, result] of Object.entries(report.fields)) {
    for (const error of result.errors ?? []) {
      if (error.code === 'blocked_jurisdiction') {
        const input = form.elements.namedItem(field);
        reasons.push(`${input ? labelOf(input) : field}: ${error.message}.`);
      }
    }
  }
  return [...new Set(reasons)];
}

function setDecision(kind, message) {
  const decision = $('decision');
  decision.textContent = message;
  decision.className = `decision decision-${kind}`;
  decision.dataset.decision = kind;
}

/** Screens the typed person; a blocked jurisdiction decides first, before any name. */
function screenNow() {
  const record = readRecord();
  const report = validate(record);
  $('matches').replaceChildren();
  const blocks = jurisdictionBlocks(report);
  if (blocks.length) {
    setDecision('block', format(text['decision.jurisdiction'], { detail: blocks.join(' ') }));
    return;
  }
  const name = [record.given_name, record.family_name].filter((s) => s?.trim()).join(' ');
  if (!name && !record.crypto_address) {
    setDecision('idle', text['decision.idle']);
    return;
  }
  if (!snapshot) {
    setDecision('unavailable', format(text['decision.unavailable'], { detail: snapshotError }));
    return;
  }
  const valid = (field) => (report.fields[field]?.valid ? report.fields[field].normalized : undefined);
  const query = {
    name,
    type: 'person',
    birth_date: valid('birth_date'),
    country: valid('nationality'),
    crypto_address: record.crypto_address?.trim() || undefined,
  };
  const options = config.maxSnapshotAgeDays === null ? {} : { max_snapshot_age_days: config.maxSnapshotAgeDays, today: todayIso() };
  let result;
  try {
    result = kyc.screen(query, options);
  } catch (err) {
    setDecision('unavailable', format(text['decision.unavailable'], { detail: err?.message ?? String(err) }));
    return;
  }
  setDecision(result.decision, text[`decision.${result.decision}`]);
  const warnings = (result.warnings ?? []).map((w) => el('p', { className: 'warning' }, w));
  $('matches').replaceChildren(...warnings, ...result.matches.map(renderMatch),
    el('p', { className: 'audit' }, `Audit: snapshot ${result.snapshot.sha256} (${result.snapshot.label}, built ${result.snapshot.built_at}).`));
}

/** Lower-case, accent-free form of a word, to find the listed name's aligned words. */
const fold = (word) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The listed name with the words the query aligned to highlighted. */
function highlighted(name, alignedTokens) {
  const wanted = new Set([...alignedTokens].flatMap((t) => [fold(t), ...fold(t).split(/[\s-]+/)]));
  return name.split(/([\s,.\-]+)/).map((part) => (wanted.has(fold(part)) ? el('mark', {}, part) : part));
}

function renderMatch(match) {
  const ex = match.explanation;
  const alignedList = ex.alignment.map((p) => p.list);
  const pairs = ex.alignment.map((p) => el('li', {},
    el('mark', {}, p.query), ' ↔ ', el('mark', {}, p.list), ': ',
    `${text[`method.${p.method}`] ?? p.method} (${Number(p.score).toFixed(2)})`));
  const facts = [];
  if (ex.unmatched_query.length) facts.push(format(text['explain.unmatched_query'], { tokens: ex.unmatched_query.join(', ') }));
  if (ex.unmatched_list.length) facts.push(format(text['explain.unmatched_list'], { tokens: ex.unmatched_list.join(', ') }));
  if (ex.alignment.length) {
    facts.push(format(text['explain.coverage'], {
      query: Math.round(ex.query_coverage * 100), list: Math.round(ex.list_coverage * 100),
    }));
  }
  const adjustments = ex.adjustments.map((a) => el('li', { className: a.delta < 0 ? 'minus' : 'plus' },
    `${a.delta >= 0 ? '+' : '−'}${Math.abs(a.delta).toFixed(2)}: ${a.detail}`));
  const details = el('details', {}, el('summary', {}, text['match.details']));
  let filled = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || filled) return;
    filled = true;
    const note = (message) => el('p', { className: 'fact remarks-note' }, message);
    let entity = kyc.entityDetails(match.id);
    let unavailable = null;
    // External remarks (`--remarks external`): fetched for the first listing shown.
    if (entity?.remarks_state === 'not_loaded') {
      const loading = note(text['match.remarks_loading']);
      details.append(loading);
      try {
        await loadRemarks();
        entity = kyc.entityDetails(match.id);
      } catch (err) {
        unavailable = err?.message ?? String(err);
      }
      loading.remove();
    }
    const state = entity?.remarks_state;
    if (unavailable) {
      details.append(note(format(text['match.remarks_unavailable'], { detail: unavailable })));
    } else if (state === 'excerpt' || state === 'none') {
      // Say so when the snapshot was built with `--remarks excerpt|none`.
      details.append(note(format(text[`match.remarks_${state}`], { chars: snapshot?.remarks_excerpt_chars })));
    }
    details.append(el('pre', {}, JSON.stringify(entity, null, 2)));
  });
  return el('article', { className: 'match' },
    el('h3', {}, format(text['match.heading'], { name: match.name }), ' ',
      el('span', { className: 'score' }, format(text['match.score'], { score: Number(match.score).toFixed(3) }))),
    el('p', { className: 'alias' }, format(text['match.alias'], { alias: '' }), ...highlighted(match.matched_name, alignedList)),
    el('p', {}, format(text['match.list'], { list: LIST_NAMES[match.source] ?? match.source, id: match.id })),
    el('p', {}, format(text['match.programs'], { programs: match.programs.join(', ') || '—' })),
    pairs.length ? el('ul', { className: 'pairs' }, ...pairs) : null,
    ...facts.map((f) => el('p', { className: 'fact' }, f)),
    ...(ex.notes ?? []).map((n) => el('p', { className: 'fact' }, n)),
    adjustments.length ? el('ul', { className: 'adjustments' }, ...adjustments) : null,
    details);
}

// --- snapshot ---

/** The remarks file being attached (a promise), or null: fetched on the first details view. */
let remarksLoad = null;

/** Where the active snapshot's remarks file is: configured, else the snapshot URL with `.kcr`. */
function remarksUrl() {
  if (config.remarksUrl) return new URL(config.remarksUrl, location.href);
  const url = new URL(config.snapshotUrl, location.href);
  url.pathname = /\.kcs$/i.test(url.pathname) ? url.pathname.replace(/\.kcs$/i, '.kcr') : `${url.pathname}.kcr`;
  return url;
}

/** Fetches the remarks file and attaches it (verified against the snapshot's pinned hash): once, again after a failure. */
function loadRemarks() {
  remarksLoad ??= (async () => {
    const url = remarksUrl();
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    kyc.loadRemarks(new Uint8Array(await response.arrayBuffer()));
  })().catch((err) => {
    remarksLoad = null;
    throw err;
  });
  return remarksLoad;
}

async function loadSnapshot() {
  if (!config.snapshotUrl) return { origin: 'built-in sample', info: kyc.useDefaultSnapshot() };
  const url = new URL(config.snapshotUrl, location.href);
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  // Verified with the browser's Web Crypto SHA-256 (about 10 ms faster on every list).
  const info = await kyc.loadSnapshotAsync(new Uint8Array(await response.arrayBuffer()));
  if (config.snapshotSha256 && info.sha256 !== config.snapshotSha256) {
    throw new Error(`hash_mismatch: expected SHA-256 ${config.snapshotSha256}, got ${info.sha256}`);
  }
  return { origin: url.pathname, info };
}

function renderFooter(origin, info) {
  $('snapshot-summary').textContent = format(text['snapshot.summary'], {
    label: info.label, origin, built: info.built_at.slice(0, 10), sha: info.sha256.slice(0, 12),
    entities: info.entity_count,
  });
  $('snapshot-sources').replaceChildren(...info.sources.map((s) => el('li', {},
    format(text[s.published ? 'snapshot.source' : 'snapshot.unpublished'], { list: LIST_NAMES[s.source] ?? s.source, published: s.published }))));
  const age = daysBetween(info.built_at.slice(0, 10), todayIso());
  const warning = $('snapshot-warning');
  warning.hidden = !(age > config.staleAfterDays);
  warning.textContent = warning.hidden ? '' : format(text['snapshot.stale'], { age, max: config.staleAfterDays });
}

// --- wiring ---

function fillCountries() {
  $('country-list').replaceChildren(...kyc.countries().map((c) => el('option', { value: c.alpha2, label: c.name })));
}

function onSubmit(event) {
  event.preventDefault();
  for (const input of fields()) touched.add(input.name);
  const report = validate(readRecord());
  const invalid = renderValidation(report);
  const summary = $('form-summary');
  summary.hidden = false;
  summary.textContent = invalid.length ? format(text['summary.invalid'], { count: invalid.length }) : text['summary.valid'];
  summary.className = invalid.length ? 'summary error' : 'summary ok';
  screenNow();
  // Keyboard and screen-reader users land on what needs them: the first error, else the decision.
  if (invalid.length) invalid[0].focus();
  else $('decision').focus();
}

const JURISDICTION_FIELDS = new Set(['country', 'nationality', 'document_country', 'region', 'city', 'mrz']);

function wire() {
  form.addEventListener('submit', onSubmit);
  form.addEventListener('focusout', (event) => {
    const name = event.target.name;
    if (!name) return;
    touched.add(name);
    renderValidation(validate(readRecord()));
    if (name === 'given_name' || name === 'family_name' || JURISDICTION_FIELDS.has(name)) screenNow();
  });
  // While typing, re-check fields already shown (so a fixed error clears at once).
  form.addEventListener('input', (event) => {
    if (touched.has(event.target.name)) renderValidation(validate(readRecord()));
  });
}

async function main() {
  await init();
  $('version').textContent = `kyc-check ${kyc.version()}`;
  fillCountries();
  wire();
  try {
    const { origin, info } = await loadSnapshot();
    snapshot = info;
    renderFooter(origin, info);
    // The identifier table is built on first use (ms on the full lists): build it while
    // the user types, not during their first screening.
    setTimeout(() => kyc.prepareIdentifiers(), 0);
    setDecision('idle', text['decision.idle']);
  } catch (err) {
    // Fail closed: no verified snapshot, no screening (and never "clear").
    snapshot = null;
    snapshotError = err?.message ?? String(err);
    $('snapshot-summary').textContent = format(text['snapshot.refused'], { detail: snapshotError });
    $('snapshot-summary').className = 'error';
    setDecision('unavailable', format(text['decision.unavailable'], { detail: snapshotError }));
  }
  document.documentElement.dataset.status = 'ready';
}

main().catch((err) => {
  document.documentElement.dataset.status = 'error';
  setDecision('unavailable', format(text['decision.unavailable'], { detail: err?.message ?? String(err) }));
});
