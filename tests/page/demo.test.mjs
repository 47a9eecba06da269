// End-to-end tests of the demo page in headless Chromium: the wasm module initialises,
// answers validation and screening, and fails closed on a bad snapshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDemo, readyPage, ROOT } from './browser.mjs';

const cargoVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
let demo;

before(async () => { demo = await openDemo(); });
after(async () => { await demo?.close(); });

test('the wasm module initialises and reports its version', async () => {
  const { page, errors } = await readyPage(demo);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.status), 'ready', errors.join('\n'));
  assert.equal(await page.textContent('#version'), `kyc-check ${cargoVersion}`);
  assert.match(await page.textContent('#snapshot-status'), /sha256 [0-9a-f]{64}/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the form shows precise error codes computed by the module', async () => {
  const { page } = await readyPage(demo);
  await page.fill('input[name=email]', 'someone@@example');
  await page.fill('input[name=given_name]', 'Anna');
  await page.fill('input[name=iban]', 'GB82 WEST 1234 5698 7654 33');
  await page.click('button[type=submit]');
  await page.waitForSelector('#field-results tbody tr[data-field=email]');
  const email = await page.textContent('#field-results tr[data-field=email] .detail');
  assert.match(email, /^invalid_/);
  assert.equal(await page.textContent('#field-results tr[data-field=given_name] td.ok'), 'valid');
  assert.match(await page.textContent('#field-results tr[data-field=iban] .detail'), /invalid_checksum/);
  await page.close();
});

test('screening a listed name gives a non-clear decision with an explanation', async () => {
  const { page } = await readyPage(demo);
  await page.fill('input[name=given_name]', 'Kim');
  await page.fill('input[name=family_name]', 'Jong Un');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#screen-decision').dataset.decision);
  const decision = await page.getAttribute('#screen-decision', 'data-decision');
  assert.ok(['review', 'block'].includes(decision), `decision was ${decision}`);
  assert.ok((await page.locator('.match').count()) >= 1);
  assert.match(await page.textContent('#screen-snapshot'), /[0-9a-f]{64}/);
  await page.close();
});

test('a corrupted snapshot is refused and screening fails closed', async () => {
  const page = await demo.browser.newPage();
  // Serve the default sample snapshot with one flipped byte in place of www/snapshot.kcs.
  const corrupted = Buffer.from(readFileSync(join(ROOT, 'data/default.kcs')));
  corrupted[corrupted.length - 1] ^= 0x55;
  await page.route('**/snapshot.kcs', (route) => route.fulfill({
    status: 200, contentType: 'application/octet-stream', body: corrupted,
  }));
  await page.goto(demo.url);
  await page.waitForFunction(() => document.documentElement.dataset.status === 'ready');
  assert.match(await page.textContent('#snapshot-status'), /refused/i);
  await page.fill('input[name=given_name]', 'Jane');
  await page.fill('input[name=family_name]', 'Doe');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#screen-decision').dataset.decision);
  assert.equal(await page.getAttribute('#screen-decision', 'data-decision'), 'error');
  await page.close();
});
