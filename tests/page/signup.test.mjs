// The signup page (www/) in headless Chromium, against the project's own server on
// 127.0.0.1: decisions, live validation, jurisdiction block, fail-closed snapshot loading,
// privacy (network log, offline use) and screenshots at desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDemo, readyPage, ROOT } from './browser.mjs';

const cargoVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const ARTIFACTS = join(ROOT, 'target', 'page-artifacts');
const DEFAULT_SNAPSHOT = readFileSync(join(ROOT, 'data', 'default.kcs'));

/** A record every validator accepts, for a person on no list. */
const VALID = {
  given_name: 'Anna Maria',
  family_name: 'Eriksson',
  birth_date: '1990-04-25',
  email: 'anna.eriksson@example.se',
  phone_country: 'SE',
  phone: '08 123 456 78',
  country: 'SE',
  nationality: 'SE',
  address_line1: 'Drottninggatan 1',
  city: 'Stockholm',
  postal_code: '111 51',
  document_type: 'passport',
  document_number: 'AB1234567',
  document_country: 'SE',
  iban: 'SE45 5000 0000 0583 9825 7466',
  crypto_address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
};

// ICAO Doc 9303 Part 4, Appendix A: the specimen TD3 passport of Anna Maria Eriksson.
const ICAO_MRZ = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';

let demo;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  demo = await openDemo();
});
after(async () => { await demo?.close(); });

async function fill(page, record) {
  for (const [name, value] of Object.entries(record)) {
    const selector = `#signup [name="${name}"]`;
    if (await page.evaluate((s) => document.querySelector(s).tagName, selector) === 'SELECT') {
      await page.selectOption(selector, value);
    } else {
      await page.fill(selector, value);
    }
  }
}

async function submit(page, record) {
  await fill(page, record);
  await page.click('#signup button[type=submit]');
  return (await page.textContent('[data-testid=decision]')).trim();
}

test('the form has every field, named as the validator fields, each with a label', async () => {
  const { page, errors } = await readyPage(demo);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.status), 'ready', errors.join('\n'));
  const names = await page.$$eval('#signup [name]', (els) => els.map((e) => e.name));
  assert.deepEqual(names.sort(), [
    'address_line1', 'birth_date', 'city', 'country', 'crypto_address', 'document_country',
    'document_number', 'document_type', 'email', 'family_name', 'given_name', 'iban', 'mrz',
    'nationality', 'phone', 'phone_country', 'postal_code', 'region',
  ]);
  const unlabelled = await page.$$eval('#signup [name]', (els) => els
    .filter((e) => !document.querySelector(`label[for="${e.id}"]`) || !e.getAttribute('aria-describedby'))
    .map((e) => e.name));
  assert.deepEqual(unlabelled, []);
  assert.equal(await page.textContent('#version'), `kyc-check ${cargoVersion}`);
  assert.match(await page.textContent('#privacy'), /nothing is sent/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a name on the sample list gives review, with the alias, list, programmes and aligned tokens', async () => {
  const { page } = await readyPage(demo);
  const decision = await submit(page, {
    ...VALID, given_name: 'Aiman', family_name: 'Zawahri', birth_date: '1951-06-19',
  });
  assert.match(decision, /\breview\b/);
  assert.doesNotMatch(decision, /\b(clear|block)\b/);
  const match = page.locator('#matches .match').first();
  assert.match(await match.textContent(), /AL-ZAWAH/);
  assert.match(await match.locator('.alias').textContent(), /Matched listed name: .*ZAWAH/);
  assert.match(await match.textContent(), /List: (OFAC|UN|UK|EU)/);
  assert.match(await match.textContent(), /Programmes: \S+/);
  assert.ok(await match.locator('.alias mark').count() >= 1, 'the matched alias highlights aligned words');
  assert.ok(await match.locator('.pairs mark').count() >= 2, 'aligned token pairs are highlighted');
  assert.match(await match.textContent(), /listed/, 'the birth-date evidence is explained');
  await match.locator('summary').click();
  assert.match(await match.locator('pre').textContent(), /"programs"/);
  await page.close();
});

test('a clean name gives clear, and a valid form reports no errors', async () => {
  const { page, errors } = await readyPage(demo);
  const decision = await submit(page, VALID);
  assert.match(decision, /\bclear\b/);
  assert.equal(await page.textContent('#form-summary'), 'All fields are valid.');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  assert.equal(await page.locator('#matches .match').count(), 0);
  assert.match(await page.textContent('#matches .audit'), /[0-9a-f]{64}/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Iran as the country of residence gives block, with the reason, before any name screening', async () => {
  const { page } = await readyPage(demo);
  // Leaving the country field decides at once, before a name is typed.
  await page.fill('[name=country]', 'Iran');
  await page.press('[name=country]', 'Tab');
  let decision = await page.textContent('[data-testid=decision]');
  assert.match(decision, /\bblock\b/);
  assert.match(decision, /Iran is a blocked jurisdiction/);
  // And on submit, with a clean name, the jurisdiction still decides; no name matches shown.
  decision = await submit(page, { ...VALID, country: 'IR', postal_code: '11369' });
  assert.match(decision, /\bblock\b/);
  assert.match(decision, /Country of residence: Iran is a blocked jurisdiction/);
  assert.match(decision, /Names were not screened/);
  assert.equal(await page.locator('#matches .match').count(), 0);
  assert.match(await page.textContent('#country-msg'), /blocked_jurisdiction/);
  await page.close();
});

test('each invalid field shows its message, aria-invalid and its code', async () => {
  const { page } = await readyPage(demo);
  const cases = [
    ['given_name', 'Ann4', 'digit_in_name'],
    ['family_name', 'Eriks\u200Bson', 'control_character'],
    ['birth_date', '2020-02-30', 'invalid_date'],
    ['email', 'anna@@example', 'invalid_format'],
    ['phone', '+999 123', 'unknown_calling_code'],
    ['country', 'Atlantis', 'unknown_country'],
    ['nationality', 'Narnia', 'unknown_country'],
    ['postal_code', 'ABC', 'invalid_postal_code'],
    ['document_number', 'AB#123', 'invalid_character'],
    ['iban', 'GB82 WEST 1234 5698 7654 31', 'invalid_checksum'],
    ['crypto_address', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', 'invalid_checksum'],
  ];
  await page.fill('[name=country]', 'SE');
  for (const [field, value, code] of cases) {
    await page.fill(`[name=${field}]`, value);
    await page.focus('[name=address_line1]'); // leave the field: it is validated
    if (field === 'country') await page.fill('[name=country]', 'Atlantis');
    const message = await page.textContent(`#${field}-msg`);
    assert.match(message, new RegExp(code), `${field}: ${message}`);
    assert.ok(message.replace(code, '').trim().length > 10, `${field} has human text: ${message}`);
    assert.equal(await page.getAttribute(`[name=${field}]`, 'aria-invalid'), 'true', field);
    assert.match(await page.getAttribute(`[name=${field}]`, 'aria-describedby'), new RegExp(`${field}-msg`));
    if (field === 'country') await page.fill('[name=country]', 'SE');
  }
  // Too young: the message names the minimum age.
  await page.fill('[name=birth_date]', '2015-01-01');
  await page.focus('[name=email]');
  assert.match(await page.textContent('#birth_date-msg'), /at least 18 years old/);
  // Fixing a field clears its message while typing.
  await page.fill('[name=email]', 'anna@example.com');
  assert.equal(await page.getAttribute('[name=email]', 'aria-invalid'), 'false');
  // On submit, focus moves to the first invalid field, and the blank required ones show.
  await page.click('#signup button[type=submit]');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'given_name');
  assert.match(await page.textContent('#city-msg'), /required/);
  assert.match(await page.textContent('#form-summary'), /correct the highlighted fields/);
  await page.close();
});

test('an MRZ with a wrong check digit is rejected; the ICAO specimen verifies', async () => {
  const { page } = await readyPage(demo);
  await page.fill('[name=mrz]', ICAO_MRZ.replace(/0$/, '1'));
  await page.focus('[name=iban]');
  const message = await page.textContent('#mrz-msg');
  assert.match(message, /invalid_checksum/);
  assert.match(message, /check digit/);
  assert.equal(await page.getAttribute('[name=mrz]', 'aria-invalid'), 'true');
  // The specimen expired in 2012, so it fails as expired, not on a check digit.
  await page.fill('[name=mrz]', ICAO_MRZ);
  assert.doesNotMatch(await page.textContent('#mrz-msg'), /invalid_checksum/);
  assert.match(await page.textContent('#mrz-msg'), /document_expired/);
  await page.close();
});

test('the page requests only its own static files, posts nothing, and works offline once loaded', async () => {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
  await page.goto(demo.url);
  await page.waitForFunction(() => document.documentElement.dataset.status === 'ready');
  await context.setOffline(true);
  const decision = await submit(page, { ...VALID, given_name: 'Aiman', family_name: 'Zawahri', birth_date: '1951-06-19' });
  assert.match(decision, /\breview\b/, 'screening works offline');
  await submit(page, VALID);
  assert.match(await page.textContent('[data-testid=decision]'), /\bclear\b/);
  const origin = new URL(demo.url).origin;
  const allowed = new Set(['/', '/style.css', '/app.js', '/config.js', '/messages.js', '/pkg/kyc_check.js', '/pkg/kyc_check_bg.wasm']);
  for (const r of requests) {
    const url = new URL(r.url);
    if (url.protocol === 'data:') continue; // the inline favicon
    assert.equal(url.origin, origin, `request to another origin: ${r.url}`);
    assert.ok(allowed.has(url.pathname), `unexpected request: ${r.url}`);
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
  }
  assert.ok(requests.some((r) => r.url.endsWith('.wasm')));
  await context.close();
});

test('a snapshot named by ?snapshot= is loaded and verified; a bad one leaves screening unavailable', async () => {
  const page = await demo.browser.newPage();
  const corrupted = Buffer.from(DEFAULT_SNAPSHOT);
  corrupted[corrupted.length - 1] ^= 0x55;
  await page.route('**/snapshots/good.kcs', (route) => route.fulfill({ status: 200, body: DEFAULT_SNAPSHOT }));
  await page.route('**/snapshots/corrupt.kcs', (route) => route.fulfill({ status: 200, body: corrupted }));
  const open = async (query) => {
    await page.goto(`${demo.url}?${query}`);
    await page.waitForFunction(() => document.documentElement.dataset.status === 'ready');
  };

  await open('snapshot=snapshots/good.kcs');
  assert.match(await page.textContent('#snapshot-summary'), /\/snapshots\/good\.kcs/);
  assert.match(await submit(page, VALID), /\bclear\b/);

  for (const [query, reason] of [
    ['snapshot=snapshots/corrupt.kcs', /hash|corrupt/i],
    ['snapshot=snapshots/missing.kcs', /HTTP 404/],
    ['snapshot=https://lists.example.org/latest.kcs', /fetch|Content Security|Failed/i],
    ['snapshot=snapshots/good.kcs&sha256=' + '0'.repeat(64), /hash_mismatch/],
  ]) {
    await open(query);
    assert.match(await page.textContent('#snapshot-summary'), /could not be loaded/, query);
    assert.match(await page.textContent('#snapshot-summary'), reason, query);
    const decision = await submit(page, VALID);
    assert.match(decision, /Screening unavailable/, query);
    assert.doesNotMatch(decision, /\b(clear|review|block)\b/, query);
    assert.equal(await page.getAttribute('[data-testid=decision]', 'data-decision'), 'unavailable');
  }
  await page.close();
});

/**
 * The sample lists built with `--remarks external` by the CLI (`cargo run`, so the
 * binary is current): the snapshot and its remarks file.
 */
function externalSample() {
  const dir = join(ROOT, 'target', 'page-fixtures');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'sample-external.kcs');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'kyc-check', '--', 'snapshot', 'build', '--label', 'sample',
    '--built-at', '2025-06-01T00:00:00Z', '--remarks', 'external', '--out', out, 'data'], {
    cwd: ROOT, stdio: 'pipe', env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` },
  });
  return { kcs: readFileSync(out), kcr: readFileSync(join(dir, 'sample-external.kcr')) };
}

test('external remarks: fetched on the first details view only, verified and shown; a missing or wrong file is explained', async () => {
  const { kcs, kcr } = externalSample();
  const page = await demo.browser.newPage();
  const remarksRequests = [];
  page.on('request', (r) => { if (r.url().endsWith('.kcr')) remarksRequests.push(new URL(r.url()).pathname); });
  await page.route('**/snapshots/ext.kcs', (route) => route.fulfill({ status: 200, body: kcs }));
  await page.route('**/snapshots/ext.kcr', (route) => route.fulfill({ status: 200, body: kcr }));
  await page.route('**/snapshots/wrong.kcr', (route) => route.fulfill({ status: 200, body: DEFAULT_SNAPSHOT }));
  const tampered = Buffer.from(kcr);
  tampered[tampered.length - 1] ^= 0x01;
  await page.route('**/snapshots/tampered.kcr', (route) => route.fulfill({ status: 200, body: tampered }));
  const zawahiri = { ...VALID, given_name: 'Aiman', family_name: 'Zawahri', birth_date: '1951-06-19' };
  /** Opens the page with `query`, screens Zawahiri and opens the OFAC listing's details. */
  const details = async (query) => {
    await page.goto(`${demo.url}?snapshot=snapshots/ext.kcs${query}`);
    await page.waitForFunction(() => document.documentElement.dataset.status === 'ready');
    assert.match(await submit(page, zawahiri), /\breview\b/, query);
    const match = page.locator('#matches .match', { hasText: 'ofac_sdn:990023' });
    await match.locator('summary').click();
    await match.locator('pre').waitFor();
    return { match, entity: JSON.parse(await match.locator('pre').textContent()) };
  };

  // Loading the snapshot and screening fetch no remarks.
  await page.goto(`${demo.url}?snapshot=snapshots/ext.kcs`);
  await page.waitForFunction(() => document.documentElement.dataset.status === 'ready');
  assert.match(await submit(page, zawahiri), /\breview\b/);
  assert.deepEqual(remarksRequests, []);

  const { match, entity } = await details('');
  assert.equal(entity.remarks_state, 'loaded');
  assert.match(entity.remarks, /Passport 1084010/);
  assert.equal(await match.locator('.remarks-note').count(), 0);
  assert.deepEqual(remarksRequests, ['/snapshots/ext.kcr']);
  // Another listing's details: no second download.
  const others = page.locator('#matches .match', { hasNotText: 'ofac_sdn:990023' });
  if (await others.count()) {
    await others.first().locator('summary').click();
    await others.first().locator('pre').waitFor();
    assert.match(await others.first().locator('pre').textContent(), /"remarks_state": "loaded"/);
  }
  assert.deepEqual(remarksRequests, ['/snapshots/ext.kcr']);

  for (const [query, reason] of [
    ['&remarks=snapshots/missing.kcr', /\/snapshots\/missing\.kcr: HTTP 404/],
    ['&remarks=snapshots/wrong.kcr', /bad_magic: remarks file is not a kyc-check remarks file/],
    ['&remarks=snapshots/tampered.kcr', /hash_mismatch: remarks file SHA-256/],
  ]) {
    const { match: m, entity: e } = await details(query);
    assert.equal(e.remarks_state, 'not_loaded', query);
    assert.equal(e.remarks, null, query);
    const note = await m.locator('.remarks-note').textContent();
    assert.match(note, /Remarks are unavailable: /, query);
    assert.match(note, reason, query);
    assert.match(note, /Screening is unaffected/, query);
    // Screening still answers, against the same snapshot.
    assert.match(await page.textContent('#matches .audit'), /[0-9a-f]{64}/);
  }
  await page.close();
});

test('the footer gives the snapshot dates and hash, and warns when it is stale', async () => {
  const { page } = await readyPage(demo);
  const footer = await page.textContent('#snapshot-footer');
  assert.match(footer, /built 2025-06-01/);
  assert.match(footer, /SHA-256 [0-9a-f]{12}…/);
  assert.match(footer, /UN Security Council Consolidated List: published 2025-01-15/);
  assert.match(footer, /OFAC SDN List: publication date not stated/);
  // The sample snapshot is from 2025: older than the 30-day default.
  assert.equal(await page.isVisible('#snapshot-warning'), true);
  assert.match(await page.textContent('#snapshot-warning'), /older than 30 days/);
  await page.close();
  const fresh = (await readyPage(demo, '?stale_after_days=100000')).page;
  assert.equal(await fresh.isVisible('#snapshot-warning'), false);
  await fresh.close();
});

test('with a maximum snapshot age the stale sample snapshot never gives clear', async () => {
  const { page } = await readyPage(demo, '?max_age_days=30');
  const decision = await submit(page, VALID);
  assert.match(decision, /\breview\b/);
  assert.match(await page.textContent('#matches'), /snapshot_expired/);
  await page.close();
});

test('keyboard only: Tab reaches every field and the button, Enter submits', async () => {
  const { page } = await readyPage(demo);
  await page.focus('[name=given_name]');
  const reached = new Set();
  for (let i = 0; i < 25; i++) {
    reached.add(await page.evaluate(() => document.activeElement.name || document.activeElement.tagName));
    await page.keyboard.press('Tab');
  }
  for (const name of Object.keys(VALID)) assert.ok(reached.has(name), `Tab skips ${name}`);
  assert.ok(reached.has('BUTTON'));
  await page.focus('[name=given_name]');
  await page.keyboard.type('Anna');
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#form-summary'), /correct the highlighted fields/);
  await page.close();
});

test('screenshots at desktop width and at 375 px, with no horizontal scrolling on the phone', async () => {
  for (const [width, file] of [[1280, 'signup-desktop.png'], [375, 'signup-375px.png']]) {
    const page = await demo.browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(demo.url);
    await page.waitForFunction(() => document.documentElement.dataset.status === 'ready');
    await submit(page, { ...VALID, given_name: 'Aiman', family_name: 'Zawahri', birth_date: '1951-06-19' });
    await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width}px: ${overflow}px of horizontal scrolling`);
    await page.close();
  }
});

test('text contrast meets WCAG AA (4.5:1, 3:1 for large text) after a screening with errors', async () => {
  const { page } = await readyPage(demo);
  // A state with matches, inline errors and hints on screen.
  await submit(page, { ...VALID, given_name: 'Aiman', family_name: 'Zawahri', birth_date: '1951-06-19', email: 'x@@y' });
  const { checked, failures } = await page.evaluate(() => {
    const parse = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    let checked = 0;
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const style = getComputedStyle(el);
      if (!own || style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
      checked += 1;
      const fg = lum(parse(style.color).slice(0, 3));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
    }
    return { checked, failures: out };
  });
  assert.ok(checked > 50, `only ${checked} text elements checked`);
  assert.deepEqual(failures, []);
  await page.close();
});
