// webpack 5 (experiments.asyncWebAssembly) and other bundlers (wasm-pack build --target bundler):
// the bundler loads kyc_check_bg.wasm, so there is no init() to call.
import { validateRecord, useDefaultSnapshot, screen, entityDetails } from 'kyc-check';

useDefaultSnapshot();  // the bundled sample lists; loadSnapshot(bytes) for a real snapshot
const report = validateRecord({ email: 'anna@example.se', phone: '+46 8 123 456 78' }, { today: '2026-11-21' });
const result = screen({ name: 'Kim Jong Un', type: 'person', birth_date: '1984' });
const top = result.matches[0];
const listed = top ? entityDetails(top.id) : null;  // every listed fact, for the analyst
console.log(`phone ${report.fields.phone?.normalized}, screening ${result.decision}: ${listed?.names[0].full ?? 'no match'}`);
