// Turns one `make bench` run (target/bench: native.txt from divan, browser.json from
// www/bench.html, sizes.txt) into the Markdown tables of BENCHMARKS.md, with the ratios
// computed from that same run. Usage: node scripts/bench-report.mjs target/bench
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'target/bench';
const browser = JSON.parse(readFileSync(join(dir, 'browser.json'), 'utf8'));
// The smallest time step the page could see (Chromium: 100 us, 5 us when cross-origin isolated):
// a ratio never divides by less.
const timerStepMs = (browser.timer_step_us ?? 100) / 1000;
const native = readFileSync(join(dir, 'native.txt'), 'utf8');
const sizes = readFileSync(join(dir, 'sizes.txt'), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split(' ')).map(([file, raw, gzip]) => ({ file, raw: +raw, gzip: +gzip }));

const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const pct = (v) => (v == null ? 'n/a' : `${(100 * v).toFixed(1)} %`);

/** Median column of a divan row (and of its throughput line when it has one). */
function divan(label) {
  const lines = native.split('\n');
  const i = lines.findIndex((l) => l.includes(label));
  if (i < 0) return null;
  const cols = (l) => l.split('│').map((c) => c.trim());
  // Columns: fastest, slowest, median, mean, samples, iters (the label and tree glyphs
  // before them vary): the median is the fourth from the right.
  const median = (l) => { const c = cols(l); return c[c.length - 4]; };
  const next = lines[i + 1] && /item\/s/.test(lines[i + 1]) ? lines[i + 1] : null;
  return { median: median(lines[i]), throughput: next ? median(next) : null };
}
const perSec = (s) => (s ? Number(s.replace(/[^0-9.]/g, '')) * (/K\s?item/.test(s) ? 1000 : 1) : NaN);

const ours = browser.kyc_check;
const fuse = browser.fuse;
const oursOnFuse = browser.kyc_check_on_fuse_sample;
const ex = browser.exhaustive;
const t1 = divan('t=1');
const tAll = divan('t=2') ?? divan('t=');
const qps1 = perSec(t1?.throughput);
const threads = cpus().length;
const qpsAll = perSec(tAll?.throughput) * threads;
const size = (name) => sizes.find((s) => s.file.endsWith(name));
const wasm = size('kyc_check_bg.wasm');
const sample = size('default.kcs');
const all = size('all.kcs');
// The remarks file of `--remarks external` (fetched only by the details view).
const remarksFile = size('all.kcr');
const page = sizes.filter((s) => !/all\.kc[sr]$/.test(s.file) && !s.file.endsWith('default.kcs'));
const pageRaw = page.reduce((n, s) => n + s.raw, 0);
const pageGzip = page.reduce((n, s) => n + s.gzip, 0);

const out = [];
out.push(`Measured ${new Date().toISOString().slice(0, 10)} by \`make bench\` on this machine: ${threads} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.chromium} (timer step ${browser.timer_step_us ?? 100} µs${browser.cross_origin_isolated ? ', page cross-origin isolated' : ''}). Snapshot of every list in ../shared: ${browser.entities} entities, ${browser.snapshot_bytes.toLocaleString('en')} bytes. ${browser.queries} queries (half perturbed listed names, half Faker names on no list).`);
out.push('');
out.push('| measure | kyc-check | alternative | ratio | target |');
out.push('| --- | --- | --- | --- | --- |');
// The mean as well: it shows changes smaller than the timer's step (0.1 ms before the page
// was cross-origin isolated, 5 us since).
out.push(`| browser screening p50 / p95 / p99 per query (${ours.count} queries; mean) | ${ms(ours.p50_ms)} / ${ms(ours.p95_ms)} / ${ms(ours.p99_ms)} ms (mean ${ours.mean_ms.toFixed(3)} ms) | | | p50 ≤ 0.3 ms, p99 ≤ 2 ms |`);
if (browser.kyc_check_second_pass) {
  const again = browser.kyc_check_second_pass;
  out.push(`| the same queries a second time (wasm optimised by V8, first-use tables built) | ${ms(again.p50_ms)} / ${ms(again.p95_ms)} / ${ms(again.p99_ms)} ms (mean ${again.mean_ms.toFixed(3)} ms) | | | |`);
}
if (fuse) {
  out.push(`| Fuse.js 7.5.0 (default options, ${fuse.names} names), every ${fuse.stride}th query (${fuse.count}): median per query | ${ms(oursOnFuse.p50_ms)} ms | ${ms(fuse.p50_ms)} ms | **${(fuse.p50_ms / Math.max(oursOnFuse.p50_ms, timerStepMs)).toFixed(0)}×** faster | ≥ 500× |`);
  out.push(`| listed targets found on that sample (Fuse: in its top 10) | ${oursOnFuse.listed_found} / ${oursOnFuse.listed_queries} | ${fuse.listed_found} / ${fuse.listed_queries} | | more than Fuse.js |`);
  out.push(`| names on no list flagged on that sample (Fuse: any result) | ${oursOnFuse.not_listed_flagged} / ${oursOnFuse.not_listed_queries} | ${fuse.not_listed_flagged} / ${fuse.not_listed_queries} | | |`);
}
if (ex) {
  out.push(`| exhaustive scan with the same scorer, every ${ex.stride}th query (${ex.count}): median | ${ms(ours.p50_ms)} ms | ${ms(ex.p50_ms)} ms | **${(ex.p50_ms / Math.max(ours.p50_ms, timerStepMs)).toFixed(0)}×** faster | |`);
  out.push(`| indexed result identical to the exhaustive one | ${ex.identical_to_indexed} / ${ex.count} | | | all |`);
}
out.push(`| recall on all listed queries / false alarms on all others | ${pct(ours.recall)} / ${pct(ours.not_listed_flagged / ours.not_listed_queries)} | | | |`);
out.push(`| snapshot load in Chromium (\`loadSnapshotAsync\`: Web Crypto SHA-256), median of ${browser.loads} (first) | ${ms(browser.load_ms_median)} ms (${ms(browser.load_ms_first)} ms) | | | ≤ 30 ms |`);
if (browser.load_sync_ms_median != null) {
  out.push(`| snapshot load in Chromium (\`loadSnapshot\`: SHA-256 in wasm), median of ${browser.loads} | ${ms(browser.load_sync_ms_median)} ms | | | |`);
}
out.push(`| wasm linear memory: start / after loads / after ${browser.queries_screened_total} queries | ${(browser.wasm_memory_bytes_at_start / 2 ** 20).toFixed(1)} / ${(browser.wasm_memory_bytes_after_loads / 2 ** 20).toFixed(1)} / ${(browser.wasm_memory_bytes_after_queries / 2 ** 20).toFixed(1)} MiB | | | ≤ 64 MB |`);
out.push(`| native screening, one core (divan median) | ${qps1.toFixed(0)} queries/s | | | ≥ 10,000 /s per core |`);
out.push(`| native screening, all ${threads} cores | ${qpsAll.toFixed(0)} queries/s | | | |`);
out.push(`| native validation of a full record (divan median) | ${divan('validate_full_record')?.median} | | | |`);
out.push(`| native snapshot build, every list (divan median) | ${divan('build_snapshot_all_lists')?.median} | | | |`);
out.push(`| wasm code (\`kyc_check_bg.wasm\` less the embedded sample snapshot) | ${kb(wasm.raw - sample.raw)} raw / ${kb(wasm.gzip - sample.gzip)} gzip | | | ≤ 300 KB gzip |`);
out.push(`| snapshot of every list${remarksFile ? ' (what screening loads: remarks external)' : ''} | ${kb(all.raw)} raw / ${kb(all.gzip)} gzip | | | ≤ 1.5 MB gzip |`);
if (remarksFile) out.push(`| its remarks file (\`all.kcr\`, fetched on the first details view only) | ${kb(remarksFile.raw)} raw / ${kb(remarksFile.gzip)} gzip | | | |`);
out.push(`| page weight (HTML, JS, CSS, wasm with the sample snapshot) | ${kb(pageRaw)} raw / ${kb(pageGzip)} gzip | | | |`);
if (browser.stress?.length) {
  const worst = browser.stress.reduce((a, b) => (b.best_ms > a.best_ms ? b : a));
  const others = browser.stress
    .filter((s) => s !== worst)
    .sort((a, b) => b.best_ms - a.best_ms)
    .slice(0, 3)
    .map((s) => `${s.label} ${s.best_ms.toFixed(1)} ms`)
    .join(', ');
  out.push(`| browser, pathological names within the bounds (${browser.stress.length}, best of 5 each) | worst ${worst.best_ms.toFixed(1)} ms (${worst.label}); ${others} | | | ≤ 5 ms (hardening) |`);
}
console.log(out.join('\n'));
