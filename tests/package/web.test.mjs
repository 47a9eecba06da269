// The `--target web` package in a plain web page, no bundler: the README's web example
// (examples/npm/web.html) served next to the unpacked package and opened in headless
// Chromium. (The demo page in www/ uses the same target; tests/page/ covers it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openDemo } from '../page/browser.mjs';
import { ROOT, installPackage, readmeExample } from './pkg.mjs';

const EXAMPLE = 'examples/npm/web.html';

test('the README web example is examples/npm/web.html', () => {
  const source = readFileSync(join(ROOT, EXAMPLE), 'utf8');
  assert.equal(readmeExample(EXAMPLE), source);
  const script = /<script type="module">\n([\s\S]*?)<\/script>/.exec(source)[1];
  assert.ok(script.split('\n').filter(Boolean).length <= 10, 'the script is at most 10 lines');
});

test('the README web example runs in a plain page: init() fetches the wasm, then it screens', async () => {
  const project = installPackage('web');
  // The page's layout: index.html with the package as pkg/ beside it.
  renameSync(project.module, join(project.dir, 'pkg'));
  copyFileSync(join(ROOT, EXAMPLE), join(project.dir, 'index.html'));
  const site = await openDemo(project.dir);
  try {
    const page = await site.browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const requests = [];
    page.on('request', (req) => requests.push(new URL(req.url()).pathname));
    // (A browser's own /favicon.ico request, if any, is not the example's doing.)
    await page.goto(site.url);
    await page.waitForFunction(() => document.getElementById('out').textContent !== 'checking...', null, { timeout: 30000 });
    assert.deepEqual(errors, []);
    assert.equal(await page.textContent('#out'), 'record valid, screening block');
    assert.deepEqual(requests.filter((p) => p !== '/favicon.ico'), ['/', '/pkg/kyc_check.js', '/pkg/kyc_check_bg.wasm']);
  } finally {
    await site.close();
    project.cleanup();
  }
});
