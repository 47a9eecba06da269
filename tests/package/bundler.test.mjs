// The `--target bundler` package, installed from its tarball: the README's bundler example
// (examples/npm/bundler.mjs) bundled by webpack 5 and run in headless Chromium, and the same
// example imported by Node through the WebAssembly ES module integration the target is
// written for (`import * as wasm from './kyc_check_bg.wasm'`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpack from 'webpack';
import { openDemo } from '../page/browser.mjs';
import { ROOT, installPackage, readmeExample } from './pkg.mjs';

const EXAMPLE = 'examples/npm/bundler.mjs';
// What the example prints: the phone normalised, the decision and the listed primary name.
const EXPECTED = 'phone +46812345678, screening block: KIM, Jong Un';

let project;
before(() => {
  project = installPackage('bundler');
  copyFileSync(join(ROOT, EXAMPLE), join(project.dir, 'main.mjs'));
});
after(() => project?.cleanup());

test('the README bundler example is examples/npm/bundler.mjs', () => {
  const source = readFileSync(join(ROOT, EXAMPLE), 'utf8');
  assert.equal(readmeExample(EXAMPLE), source);
  assert.ok(source.split('\n').filter(Boolean).length <= 10, 'the example is at most 10 lines');
});

test('webpack 5 bundles the example and it runs in Chromium', async () => {
  const dist = join(project.dir, 'dist');
  const stats = await new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: project.dir,
      entry: './main.mjs',
      output: { path: dist, filename: 'main.js' },
      // The one setting the bundler target needs (webpack's ES module integration for wasm).
      experiments: { asyncWebAssembly: true },
      target: 'web',
      devtool: false,
      optimization: { minimize: false },
      performance: { hints: false },
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.ok(readdirSync(dist).some((f) => f.endsWith('.wasm')), 'webpack emitted the wasm');
  // (An empty icon: no /favicon.ico request, whose 404 would be logged to the console.)
  writeFileSync(join(dist, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="main.js"></script>\n');

  const site = await openDemo(dist);
  try {
    const page = await site.browser.newPage();
    const errorsInPage = [];
    page.on('pageerror', (err) => errorsInPage.push(err.message));
    const logged = page.waitForEvent('console', { predicate: (m) => m.type() === 'log', timeout: 30000 });
    await page.goto(site.url);
    assert.equal((await logged).text(), EXPECTED);
    assert.deepEqual(errorsInPage, []);
  } finally {
    await site.close();
  }
});

test('Node imports the bundler package through the wasm ES module integration', () => {
  const out = execFileSync(process.execPath, ['--experimental-wasm-modules', '--no-warnings', 'main.mjs'], {
    cwd: project.dir, encoding: 'utf8',
  });
  assert.equal(out, `${EXPECTED}\n`);
});
