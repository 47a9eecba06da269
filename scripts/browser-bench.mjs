// Runs www/bench.html in headless Debian Chromium and prints the JSON result.
//
// Usage: node scripts/browser-bench.mjs [SNAPSHOT.kcs] [QUERY_DIR] [--fuse-stride N]
//          [--exhaustive-stride N] [--per-query N] [--out FILE.json]
// --per-query N adds each query's best of N times (`per_query_ms`, query order): what the
// weights of the work meter (src/screen/work.rs) are fitted to for the browser.
// SNAPSHOT defaults to www/snapshot.kcs; QUERY_DIR (queries.json and names.json written by
// `cargo run --release --example bench_queries`) is optional. Files outside www/ are copied
// into www/bench-data/ (ignored by git) so the page can fetch them; Fuse.js comes from
// node_modules (devDependency pinned in package-lock.json). `make bench` runs all of it.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { openDemo, ROOT } from '../tests/page/browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const fuseStride = option('--fuse-stride', '1');
const exhaustiveStride = option('--exhaustive-stride', '1');
const out = option('--out', null);
const perQuery = option('--per-query', '0');
const [snapshotArg, queryDir] = args;

const www = join(ROOT, 'www');
const data = join(www, 'bench-data');
mkdirSync(data, { recursive: true });
const serve = (file) => {
  const abs = resolve(file);
  if (abs.startsWith(www + '/')) return abs.slice(www.length + 1);
  copyFileSync(abs, join(data, basename(abs)));
  return `bench-data/${basename(abs)}`;
};

const params = new URLSearchParams({
  snapshot: snapshotArg ? serve(snapshotArg) : 'snapshot.kcs',
  fuse_stride: fuseStride,
  exhaustive_stride: exhaustiveStride,
  per_query: perQuery,
});
if (queryDir) {
  params.set('queries', serve(join(queryDir, 'queries.json')));
  params.set('names', serve(join(queryDir, 'names.json')));
  if (existsSync(join(queryDir, 'stress.json'))) params.set('stress', serve(join(queryDir, 'stress.json')));
  const fuse = join(ROOT, 'node_modules', 'fuse.js', 'dist', 'fuse.mjs');
  if (existsSync(fuse)) params.set('fuse', serve(fuse));
}

const demo = await openDemo();
try {
  const page = await demo.browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error(m.text()); });
  await page.goto(`${demo.url}bench.html?${params}`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 0, polling: 1000 });
  const result = await page.evaluate(() => window.benchResult);
  result.chromium = demo.browser.version();
  const text = JSON.stringify(result, null, 2);
  if (out) writeFileSync(out, text + '\n');
  console.log(text);
  if (result.error) process.exitCode = 1;
} finally {
  await demo.close();
}
