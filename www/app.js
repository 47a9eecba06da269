// The demo signup page: a thin layer over the kyc-check wasm module (www/pkg, built by
// wasm-pack). All validation and screening runs here, in the tab.
import init, * as kyc from './pkg/kyc_check.js';

const $ = (sel) => document.querySelector(sel);
const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};
const todayIso = () => new Date().toISOString().slice(0, 10);

/** Loads www/snapshot.kcs (built by `make demo`), else the snapshot compiled into the wasm. */
async function loadSnapshot() {
  let response = null;
  try {
    response = await fetch('snapshot.kcs', { cache: 'no-store' });
  } catch {
    response = null;
  }
  if (response && response.ok) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { origin: 'snapshot.kcs', info: kyc.loadSnapshot(bytes) };
  }
  return { origin: 'built-in default', info: kyc.useDefaultSnapshot() };
}

function describeSnapshot(info) {
  const sources = (info.sources ?? [])
    .map((s) => `${s.source} (${s.published ?? 'date unknown'}, ${s.entity_count} entities)`)
    .join('; ');
  return `label “${info.label}”, built ${info.built_at}, sha256 ${info.sha256}. Sources: ${sources}`;
}

function readForm() {
  const record = {};
  for (const input of $('#signup').querySelectorAll('input, textarea')) {
    if (input.value.trim() !== '') record[input.name] = input.value;
  }
  return record;
}

function renderValidation(report) {
  $('#record-verdict').textContent = report.valid ? 'All filled fields are valid.' : 'Some fields need attention.';
  $('#record-verdict').className = `status ${report.valid ? 'decision-clear' : 'decision-block'}`;
  const body = $('#field-results tbody');
  body.replaceChildren();
  for (const [field, result] of Object.entries(report.fields ?? {})) {
    const norm = result.normalized;
    const shown = result.valid
      ? (typeof norm === 'object' && norm !== null ? (norm.formatted ?? norm.value) : String(norm ?? ''))
      : result.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
    body.append(el('tr', { dataset: { field } },
      el('td', {}, field),
      el('td', { className: result.valid ? 'ok' : 'bad' }, result.valid ? 'valid' : 'invalid'),
      el('td', { className: 'detail' }, shown)));
  }
}

function renderExplanation(explanation) {
  const rows = (explanation.alignment ?? []).map((p) => el('tr', {},
    el('td', {}, p.query), el('td', {}, p.list), el('td', {}, p.method),
    el('td', {}, Number(p.score).toFixed(3))));
  const parts = [el('table', { className: 'alignment' },
    el('thead', {}, el('tr', {}, el('th', {}, 'query token'), el('th', {}, 'list token'),
      el('th', {}, 'how'), el('th', {}, 'score'))),
    el('tbody', {}, ...rows))];
  const unmatched = [...(explanation.unmatched_query ?? []).map((t) => `query “${t}”`),
    ...(explanation.unmatched_list ?? []).map((t) => `list “${t}”`)];
  if (unmatched.length) parts.push(el('div', {}, `unmatched: ${unmatched.join(', ')}`));
  for (const a of explanation.adjustments ?? []) {
    parts.push(el('div', { className: a.delta < 0 ? 'bad' : 'ok' },
      `${a.delta >= 0 ? '+' : ''}${Number(a.delta).toFixed(2)} ${a.code}: ${a.detail}`));
  }
  parts.push(el('details', {}, el('summary', {}, 'full explanation (JSON)'),
    el('pre', {}, JSON.stringify(explanation, null, 2))));
  return parts;
}

function renderScreening(result) {
  const decision = $('#screen-decision');
  decision.textContent = `Decision: ${result.decision} (${result.matches.length} match${result.matches.length === 1 ? '' : 'es'})`;
  decision.className = `status decision-${result.decision}`;
  decision.dataset.decision = result.decision;
  $('#matches').replaceChildren(...result.matches.map((m) => el('div', { className: 'match' },
    el('strong', {}, `${m.name} `), `(${m.type}, ${m.source}, ${m.id}) score ${Number(m.score).toFixed(3)}`,
    el('div', {}, `matched name: ${m.matched_name}; programs: ${(m.programs ?? []).join(', ')}`),
    ...renderExplanation(m.explanation))));
  const dates = (result.snapshot?.sources ?? []).map((x) => `${x.source} ${x.published ?? 'date unknown'}`).join(', ');
  $('#screen-snapshot').textContent = `Audit: snapshot sha256 ${result.snapshot?.sha256 ?? '?'} (label ${result.snapshot?.label}, built ${result.snapshot?.built_at}; ${dates})`;
}

function fullName(record) {
  return record.full_name ?? [record.given_name, record.family_name].filter(Boolean).join(' ');
}

async function main() {
  await init();
  $('#version').textContent = `kyc-check ${kyc.version()}`;
  try {
    const { origin, info } = await loadSnapshot();
    $('#snapshot-status').textContent = `Watchlist snapshot (${origin}): ${describeSnapshot(info)}`;
  } catch (err) {
    // Fail closed: with no verified snapshot the module refuses to screen.
    $('#snapshot-status').textContent = `Snapshot refused: ${err?.message ?? err}. Screening is disabled.`;
    $('#snapshot-status').className = 'status error';
  }
  $('#signup').addEventListener('submit', (event) => {
    event.preventDefault();
    const record = readForm();
    renderValidation(kyc.validateRecord(record, { today: todayIso() }));
    const name = fullName(record);
    if (!name) return;
    try {
      renderScreening(kyc.screen({
        name,
        type: 'person',
        birth_date: record.birth_date,
        country: record.nationality,
        id_number: record.national_id,
        crypto_address: record.crypto_address,
      }));
    } catch (err) {
      $('#screen-decision').textContent = `Screening refused: ${err?.message ?? err}`;
      $('#screen-decision').className = 'status error';
      $('#screen-decision').dataset.decision = 'error';
    }
  });
  document.documentElement.dataset.status = 'ready';
}

main().catch((err) => {
  document.documentElement.dataset.status = 'error';
  $('#snapshot-status').textContent = `kyc-check failed to start: ${err?.message ?? err}`;
  $('#snapshot-status').className = 'status error';
});
