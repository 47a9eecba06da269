// Times Snapshot::from_bytes and NameIndex::decode in WebAssembly under Node (V8), through
// the plain exports of examples/index_wasm.rs (build command at the top of that file).
// Usage: node scripts/index-wasm-bench.mjs INDEX_WASM.wasm SNAPSHOT.kcs [RUNS]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [wasmPath, snapPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 15);
const module = new WebAssembly.Module(readFileSync(wasmPath));
// wasm-bindgen glue reached from the library is never called here: stub every import.
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  imports[imp.module] ??= {};
  if (imp.kind === 'function') {
    imports[imp.module][imp.name] = () => { throw new Error(`import ${imp.name} called`); };
  }
}
const { exports } = new WebAssembly.Instance(module, imports);
const bytes = readFileSync(snapPath);
const ptr = exports.bench_alloc(bytes.length);
new Uint8Array(exports.memory.buffer, ptr, bytes.length).set(bytes);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const load = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  if (!exports.bench_load()) throw new Error('snapshot does not load');
  load.push(performance.now() - t);
}
// The first identifier look-up after each load (it makes the identifier table; index
// version 6), when the module exports it.
const firstIdent = [];
for (let i = 0; exports.bench_first_identifier && i < runs; i++) {
  if (!exports.bench_load()) throw new Error('snapshot does not load');
  const t = performance.now();
  exports.bench_first_identifier();
  firstIdent.push(performance.now() - t);
}
const indexBytes = exports.bench_encode_index();
const decode = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  if (!exports.bench_decode_index()) throw new Error('index does not decode');
  decode.push(performance.now() - t);
}
console.log(JSON.stringify({
  snapshot_bytes: bytes.length,
  index_bytes: indexBytes,
  runs,
  from_bytes_ms_median: median(load),
  from_bytes_ms_min: Math.min(...load),
  index_decode_ms_median: median(decode),
  index_decode_ms_min: Math.min(...decode),
  ...(firstIdent.length ? { first_identifier_ms_median: median(firstIdent), first_identifier_ms_min: Math.min(...firstIdent) } : {}),
  wasm_memory_bytes: exports.memory.buffer.byteLength,
}, null, 2));
