// Browser benchmark: snapshot load time and wasm memory, and screening time per query.
// Results are put in window.benchResult (read by scripts/browser-bench.mjs) and shown.
import init, * as kyc from './pkg/kyc_check.js';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const QUERIES = [
  'Kim Jong Un', 'Muammar Qadhafi', 'Jane Smith', 'Bank Melli Iran', 'Osama bin Laden',
  'Maria Garcia Lopez', 'Ali Hosseini Khamenei', 'Lazarus Group', 'John Michael Doe',
  'Viktor Bout', 'Wei Zhang', 'Oleg Deripaska', 'Иван Петров', 'محمد علي', 'Ahmed Hassan',
];

async function run() {
  const params = new URLSearchParams(location.search);
  const file = params.get('snapshot') ?? 'snapshot.kcs';
  const loads = Number(params.get('loads') ?? 15);
  const wasm = await init();
  const bytes = new Uint8Array(await (await fetch(file, { cache: 'no-store' })).arrayBuffer());
  const loadMs = [];
  let info = null;
  for (let i = 0; i < loads; i++) {
    const t0 = performance.now();
    info = kyc.loadSnapshot(bytes);
    loadMs.push(performance.now() - t0);
  }
  const memoryBytes = wasm.memory.buffer.byteLength;
  const screenMs = [];
  for (let round = 0; round < 5; round++) {
    for (const name of QUERIES) {
      const t0 = performance.now();
      kyc.screen({ name });
      screenMs.push(performance.now() - t0);
    }
  }
  return {
    snapshot: file,
    snapshot_bytes: bytes.length,
    sha256: info.sha256,
    entities: (info.sources ?? []).reduce((n, s) => n + s.entity_count, 0),
    loads,
    load_ms_median: median(loadMs),
    load_ms_first: loadMs[0],
    load_ms_max: Math.max(...loadMs),
    wasm_memory_bytes_after_loads: memoryBytes,
    screen_queries: screenMs.length,
    screen_ms_median: median(screenMs),
    screen_ms_max: Math.max(...screenMs),
    user_agent: navigator.userAgent,
  };
}

run().then((result) => {
  window.benchResult = result;
  document.getElementById('out').textContent = JSON.stringify(result, null, 2);
}, (err) => {
  window.benchResult = { error: String(err?.message ?? err) };
  document.getElementById('out').textContent = `failed: ${err?.message ?? err}`;
});
