// Node.js, CommonJS (wasm-pack build --target nodejs): synchronous, no init() to await.
const { readFileSync } = require('node:fs');
const { validateRecord, useDefaultSnapshot, loadSnapshot, screen } = require('kyc-check');

const file = process.argv[2];  // a snapshot from `kyc-check snapshot build`, else the bundled sample
const info = file ? loadSnapshot(readFileSync(file)) : useDefaultSnapshot();  // throws if refused
const report = validateRecord({ given_name: 'Anna', family_name: 'Eriksson', birth_date: '1974-08-12' }, { today: '2026-11-21' });
const result = screen({ name: 'Kim Jong Un', type: 'person', birth_date: '1984' });
console.log(`snapshot ${info.label} ${info.sha256.slice(0, 12)}: record ${report.valid ? 'valid' : 'invalid'}, screening ${result.decision}`);
for (const m of result.matches) console.log(`  ${m.score} ${m.id} ${m.matched_name} (${m.programs.join(', ')})`);
