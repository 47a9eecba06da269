// Supply chain (issue 12): the wasm module has no way to reach the network. A wasm module
// can only do what its imports let it do, so the test reads the import section of the built
// module (WebAssembly.Module.imports) and the JavaScript that implements those imports in
// the wasm-bindgen glue (`__wbg_get_imports`), and asserts that neither names a network API.
// The glue's own loader may fetch the .wasm file itself (`init(url)`); that code is outside
// the imports object and is not reachable from inside the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './browser.mjs';

const PKG = join(ROOT, 'www/pkg');
/** Browser and Node APIs that send or receive data over a network. */
const NETWORK = /fetch|xmlhttprequest|websocket|eventsource|sendbeacon|importscripts|rtcpeerconnection|webtransport|serviceworker|navigator|\bworker\b|\bhttp|\bnet\b|\bdgram\b|\btls\b|require\(|import\(/i;

test('the wasm module imports nothing that can reach the network', async () => {
  const bytes = readFileSync(join(PKG, 'kyc_check_bg.wasm'));
  const module = await WebAssembly.compile(bytes);
  const imports = WebAssembly.Module.imports(module);
  assert.ok(imports.length > 0, 'a wasm-bindgen module imports its glue functions');
  const modules = new Set(imports.map((i) => i.module));
  assert.deepEqual([...modules], ['./kyc_check_bg.js'], 'every import comes from the generated glue');
  for (const { name } of imports) {
    assert.doesNotMatch(name, NETWORK, `import ${name} names a network API`);
  }
  console.log(`${imports.length} imports, all from ./kyc_check_bg.js, none a network API`);
});

test('the glue functions the module imports call no network API', () => {
  const glue = readFileSync(join(PKG, 'kyc_check.js'), 'utf8');
  const start = glue.indexOf('function __wbg_get_imports(');
  assert.ok(start >= 0, 'the glue defines __wbg_get_imports');
  // The imports object ends where the next top-level function of the glue begins.
  const next = glue.slice(start + 1).search(/\n(async )?function /);
  const body = next < 0 ? glue.slice(start) : glue.slice(start, start + 1 + next);
  const names = [...body.matchAll(/^\s*(__wbg_\w+|__wbindgen_\w+)\s*:/gm)].map((m) => m[1]);
  assert.ok(names.length > 0, 'the imports object lists the glue functions');
  for (const line of body.split('\n')) {
    assert.doesNotMatch(line, NETWORK, `the imports object calls a network API: ${line.trim()}`);
  }
});
