// The `--target nodejs` package, installed from its tarball into a fresh project and loaded
// with require(): validation, screening on the bundled sample snapshot, fail-closed loading,
// and the README's Node example run as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, corruptedSnapshot, installPackage, readmeExample } from './pkg.mjs';

const EXAMPLE = 'examples/npm/node.cjs';

let project;
let kyc;
before(() => {
  project = installPackage('nodejs');
  kyc = createRequire(join(project.dir, 'index.js'))('kyc-check');
});
after(() => project?.cleanup());

/** The primary name of OFAC SDN sample entry `uid` in data/, as the list writes it ("KIM, Jong Un"). */
function sampleSdnName(uid) {
  const line = readFileSync(join(ROOT, 'data/ofac_sdn/sdn.csv'), 'utf8')
    .split('\n').find((l) => l.startsWith(`${uid},`));
  return /^\d+,"([^"]+)"/.exec(line)[1];
}

test('require("kyc-check") gives the synchronous API, no init()', () => {
  assert.equal(typeof kyc.validateRecord, 'function');
  assert.equal(typeof kyc.screen, 'function');
  assert.equal(kyc.default, undefined);
  const cargoVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(kyc.version(), cargoVersion);
});

test('validateRecord reports each field, with codes and normalised values', () => {
  const report = kyc.validateRecord({
    given_name: 'Anna', family_name: 'Eriksson', birth_date: '2012-01-01',
    email: 'anna@example.se', phone: '+46 8 123 456 78', iban: 'SE45 5000 0000 0583 9825 7467',
  }, { today: '2026-11-21' });
  assert.equal(report.valid, false);
  assert.equal(report.fields.email.valid, true);
  assert.equal(report.fields.phone.normalized, '+46812345678');
  assert.deepEqual(report.fields.birth_date.errors.map((e) => e.code), ['too_young']);
  assert.deepEqual(report.fields.iban.errors.map((e) => e.code), ['invalid_checksum']);
  assert.throws(() => kyc.validateRecord({ emial: 'x' }), /unknown field `emial`/);
  // The options argument may be left out.
  assert.equal(kyc.validateRecord({ email: 'anna@example.se' }).valid, true);
});

test('screening on the bundled sample snapshot: a listed name is flagged, a clean name is clear', () => {
  const info = kyc.useDefaultSnapshot();
  assert.equal(info.label, 'sample');
  assert.match(info.sha256, /^[0-9a-f]{64}$/);

  // "KIM, Jong Un" in data/ofac_sdn/sdn.csv, typed as a customer would.
  const [family, given] = sampleSdnName(990001).split(', ');
  const listed = kyc.screen({ name: `${given} ${family}`, type: 'person', birth_date: '1984' });
  assert.ok(['review', 'block'].includes(listed.decision), listed.decision);
  assert.equal(listed.matches[0].id, 'ofac_sdn:990001');
  assert.equal(listed.matches[0].explanation.alignment.length, 3);
  assert.equal(listed.snapshot.sha256, info.sha256);
  assert.equal(kyc.entityDetails(listed.matches[0].id).names[0].full, 'KIM, Jong Un');
  assert.equal(kyc.entityDetails('no_such:id'), null);

  // A lower-case, unordered alias of another entry is still found.
  const alias = kyc.screen({ name: 'zawahiri ayman al' });
  assert.ok(['review', 'block'].includes(alias.decision), alias.decision);
  assert.equal(alias.matches[0].id, 'ofac_sdn:990023');

  const clean = kyc.screen({ name: 'Maria Jose Fernandez Lopez' });
  assert.equal(clean.decision, 'clear');
  assert.deepEqual(clean.matches, []);
});

test('a refused snapshot fails closed: loadSnapshot throws, then screen throws', () => {
  kyc.useDefaultSnapshot();
  assert.throws(() => kyc.loadSnapshot(corruptedSnapshot()), /hash_mismatch/);
  assert.throws(() => kyc.screen({ name: 'Maria Jose Fernandez Lopez' }), /screening refused/);
  assert.throws(() => kyc.snapshotInfo(), /hash_mismatch/);
  const bytes = readFileSync(join(ROOT, 'data/default.kcs'));
  assert.throws(() => kyc.loadSnapshot(bytes.subarray(0, 40)), /truncated/);
  assert.throws(() => kyc.screen({ name: 'Maria Jose Fernandez Lopez' }), /screening refused/);
  // A good snapshot (a Node Buffer is a Uint8Array) brings screening back.
  assert.equal(kyc.loadSnapshot(bytes).size_bytes, bytes.length);
  assert.equal(kyc.screen({ name: 'Maria Jose Fernandez Lopez' }).decision, 'clear');
});

test('loadSnapshotAsync verifies with Web Crypto and loads like loadSnapshot', async () => {
  const bytes = readFileSync(join(ROOT, 'data/default.kcs'));
  const info = await kyc.loadSnapshotAsync(bytes);
  assert.deepEqual(info, kyc.loadSnapshot(bytes));
  await assert.rejects(kyc.loadSnapshotAsync(corruptedSnapshot()), /hash_mismatch/);
  assert.throws(() => kyc.screen({ name: 'Maria Jose Fernandez Lopez' }), /screening refused/);
  await assert.rejects(kyc.loadSnapshotAsync(bytes.subarray(0, 40)), /truncated/);
  assert.equal((await kyc.loadSnapshotAsync(bytes)).sha256, info.sha256);
  assert.equal(kyc.screen({ name: 'Maria Jose Fernandez Lopez' }).decision, 'clear');
});

test('the README Node example is examples/npm/node.cjs, and it runs as written', () => {
  const source = readFileSync(join(ROOT, EXAMPLE), 'utf8');
  assert.equal(readmeExample(EXAMPLE), source);
  assert.ok(source.split('\n').filter(Boolean).length <= 10, 'the example is at most 10 lines');
  const script = join(project.dir, 'example.cjs');
  copyFileSync(join(ROOT, EXAMPLE), script);

  const out = execFileSync(process.execPath, [script], { cwd: project.dir, encoding: 'utf8' });
  assert.match(out, /^snapshot sample [0-9a-f]{12}: record valid, screening block\n/);
  assert.match(out, /\n {2}1 ofac_sdn:990001 KIM, Jong Un \(DPRK3\)\n/);

  const bad = join(project.dir, 'corrupted.kcs');
  writeFileSync(bad, corruptedSnapshot());
  const refused = spawnSync(process.execPath, [script, bad], { cwd: project.dir, encoding: 'utf8' });
  assert.notEqual(refused.status, 0);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /hash_mismatch/);
});
