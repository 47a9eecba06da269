// The package's TypeScript types (kyc_check.d.ts, from the typescript_custom_section blocks
// in src/wasm.rs) describe what the functions really return:
// - no `any` anywhere in the declarations of any target;
// - every string union equals the Rust enum serde writes (error codes, lists, methods, ...);
// - results the package really returns, for many inputs, type-check as object literals
//   (`satisfies`: a key the types lack, a missing required key or a value outside a union
//   fails), and tests/package/types/usage.ts type-checks, its mistakes rejected;
// all with `tsc --strict --noEmit`, in consumer projects where 'kyc-check' is the package
// installed from its tarball.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT, TARGETS, installPackage } from './pkg.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const USAGE = join(ROOT, 'tests', 'package', 'types', 'usage.ts');

const projects = {};
before(() => {
  for (const target of TARGETS) projects[target] = installPackage(target);
});
after(() => Object.values(projects).forEach((p) => p.cleanup()));

const declarations = (target) => join(projects[target].module, 'kyc_check.d.ts');

/** Runs tsc --strict --noEmit in `dir` on `files` with `compilerOptions`; returns its output. */
function typeCheck(dir, files, compilerOptions) {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      // skipDefaultLibCheck: TypeScript's own lib files are not checked; the package's are.
      strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'],
      skipLibCheck: false, skipDefaultLibCheck: true, types: [], ...compilerOptions,
    },
    files,
  }, null, 2));
  try {
    execFileSync(process.execPath, [TSC, '-p', dir], { cwd: dir, encoding: 'utf8' });
    return '';
  } catch (err) {
    return `${err.stdout}${err.stderr}`;
  }
}

test('the declarations use no `any` (every target)', () => {
  for (const target of TARGETS) {
    const file = declarations(target);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const found = [];
    const visit = (node) => {
      // The web target's InitOutput describes the raw wasm exports that init() resolves to
      // (externref parameters, which wasm-bindgen types `any`); the API is everything else.
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'InitOutput') return;
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${target}/kyc_check.d.ts:${line + 1}: ${source.text.split('\n')[line].trim()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    assert.deepEqual(found, [], `\`any\` in the declarations:\n${found.join('\n')}`);
  }
});

test('the bundler and nodejs declarations are the same API; web adds only init', () => {
  const bundler = readFileSync(declarations('bundler'), 'utf8');
  assert.equal(readFileSync(declarations('nodejs'), 'utf8'), bundler);
  const web = readFileSync(declarations('web'), 'utf8');
  assert.ok(web.startsWith(bundler), 'web declarations start with the shared API');
  const extra = web.slice(bundler.length);
  for (const name of ['InitInput', 'InitOutput', 'initSync', 'export default function __wbg_init']) {
    assert.ok(extra.includes(name), `web declarations declare ${name}`);
  }
});

/** The variants of `pub enum name` in a Rust file, as serde writes them (snake_case). */
function rustEnum(file, name) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const body = new RegExp(`pub enum ${name} \\{([\\s\\S]*?)\\n\\}`).exec(text)[1];
  return body.split('\n').map((l) => /^ {4}([A-Z][A-Za-z0-9]*),?$/.exec(l)?.[1]).filter(Boolean)
    .map((v) => v.replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase())).sort();
}

test('every string union of the types equals the Rust enum serde writes', () => {
  const file = declarations('bundler');
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], lib: ['lib.es2022.d.ts'] });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)));
  /** The string literals of exported type `typeName`, or of its property path `path`. */
  const literals = (typeName, ...path) => {
    const symbol = exports.find((s) => s.name === typeName);
    assert.ok(symbol, `the declarations export ${typeName}`);
    let type = checker.getDeclaredTypeOfSymbol(symbol);
    for (const key of path) {
      const property = checker.getPropertyOfType(checker.getNonNullableType(type), key);
      assert.ok(property, `${typeName} has ${path.join('.')}`);
      type = checker.getTypeOfSymbol(property);
      if (checker.isArrayType(checker.getNonNullableType(type))) {
        type = checker.getTypeArguments(checker.getNonNullableType(type))[0];
      }
    }
    const members = type.isUnion() ? type.types : [type];
    return members.filter((t) => t.isStringLiteral()).map((t) => t.value).sort();
  };
  const pairs = [
    [literals('ErrorCode'), rustEnum('src/validate/error.rs', 'ErrorCode'), 'ErrorCode'],
    [literals('RecordField'), rustEnum('src/validate/error.rs', 'Field'), 'RecordField'],
    [literals('ValidationOptions', 'date_order'), rustEnum('src/validate/birth_date.rs', 'DateOrder'), 'date_order'],
    [literals('SourceCode'), rustEnum('src/model.rs', 'SourceList'), 'SourceCode'],
    [literals('ScreeningResult', 'decision'), rustEnum('src/screen/mod.rs', 'Decision'), 'decision'],
    [literals('ScreenMatch', 'type'), rustEnum('src/model.rs', 'EntityType'), 'ScreenMatch.type'],
    [literals('EntityDetails', 'entity_type'), rustEnum('src/model.rs', 'EntityType'), 'entity_type'],
    [literals('ListedName', 'kind'), rustEnum('src/model.rs', 'NameKind'), 'ListedName.kind'],
    [literals('ListedName', 'strength'), rustEnum('src/model.rs', 'AliasStrength'), 'strength'],
    [literals('ListedIdentifier', 'kind'), rustEnum('src/model.rs', 'IdentifierKind'), 'ListedIdentifier.kind'],
    [literals('MatchMethod'), rustEnum('src/screen/score.rs', 'Method'), 'MatchMethod'],
    [literals('Adjustment', 'code'), rustEnum('src/screen/explain.rs', 'AdjustmentCode'), 'Adjustment.code'],
  ];
  for (const [typescript, rust, what] of pairs) {
    assert.ok(rust.length > 1, `found the Rust enum for ${what}`);
    assert.deepEqual(typescript, rust, `${what}: the TypeScript union differs from the Rust enum`);
  }
  // The query's type also takes the aliases the parser accepts.
  assert.deepEqual(literals('ScreenQuery', 'type'),
    [...rustEnum('src/model.rs', 'EntityType'), 'entity', 'individual'].sort());
});

// ICAO Doc 9303 Part 4, Appendix A: the specimen TD3 passport.
const ICAO_MRZ = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';

/** Real results of the nodejs package for many inputs, by the type they should have. */
function realResults() {
  const kyc = createRequire(join(projects.nodejs.dir, 'index.js'))('kyc-check');
  const today = { today: '2026-11-21' };
  const results = { RecordReport: [], FieldReport: [], Country: kyc.countries(), SnapshotInfo: [], ScreeningResult: [], EntityDetails: [] };
  results.RecordReport.push(
    kyc.validateRecord({}),
    kyc.validateRecord({
      given_name: 'Anna Maria', family_name: 'Eriksson', birth_date: '1974-08-12', email: 'anna@exämple.se',
      phone: '08 123 456 78', phone_country: 'SE', country: 'SE', nationality: 'SE', address_line1: 'Drottninggatan 1',
      city: 'Stockholm', postal_code: '111 51', mrz: ICAO_MRZ, document_type: 'passport', document_number: 'L898902C3',
      document_country: 'UTO', national_id: '811218-9876', national_id_country: 'SE', iban: 'SE45 5000 0000 0583 9825 7466',
      crypto_address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', crypto_network: 'bitcoin',
    }, { ...today, min_age: 21, date_order: 'iso', blocked_jurisdictions: ['KP'] }),
    kyc.validateRecord({ given_name: 'An1a', birth_date: '2020-01-01', email: 'x@', phone: '+999 1', country: 'KP', iban: 'DE00' }, today),
  );
  results.FieldReport.push(
    kyc.validateEmail('anna@example.se'), kyc.validateEmail('@'), kyc.validateName('Анна Ерикссон'),
    kyc.validateBirthDate('12/08/1974', { ...today, date_order: 'dmy' }), kyc.validatePhone('08 123 456 78', 'SE'),
    kyc.validatePostalCode('SE', '111 51'), kyc.validateIban('SE45 5000 0000 0583 9825 7466'),
    kyc.validateNationalId('SE', '811218-9876'), kyc.validateCryptoAddress('0x8589427373D6D84E98730D7795D8f6f8731FDA16'),
    kyc.validateMrz(ICAO_MRZ, '2010-01-01'), kyc.validateFormat('iban', 'XX'),
  );
  const bytes = readFileSync(join(ROOT, 'data', 'default.kcs'));
  results.SnapshotInfo.push(kyc.useDefaultSnapshot(), kyc.snapshotInfo(), kyc.loadSnapshot(bytes));

  // Every primary name of the sample OFAC lists, plus queries that bring out the optional
  // parts: ignored titles, notes, warnings, identifier matches, range birth dates.
  const names = ['ofac_sdn/sdn.csv', 'ofac_cons/cons_prim.csv'].flatMap((f) => readFileSync(join(ROOT, 'data', f), 'utf8')
    .split('\n').map((l) => /^\d+,"([^"]+)"/.exec(l)?.[1]).filter(Boolean));
  assert.ok(names.length >= 20, `read ${names.length} sample names`);
  const queries = [
    ...names.map((name) => ({ name })),
    { name: 'Dr. Ayman al-Zawahiri', type: 'person', birth_date: '1951-06-19', country: 'EG' },
    { name: 'Kim Jong Un', type: 'organization', birth_date: '1990' },
    { name: 'Kim', birth_date: 'not a date' },
    { name: 'Aisha Qadhafi', birth_date: '1978' },
    { name: 'Any Name', id_number: '1084010' },
    { name: 'Tornado', crypto_address: '0x8589427373D6D84E98730D7795D8f6f8731FDA16' },
  ];
  for (const query of queries) results.ScreeningResult.push(kyc.screen(query));
  results.ScreeningResult.push(
    kyc.screen({ name: 'Maria Jose Fernandez Lopez' }, { max_snapshot_age_days: 30, ...today }),
    kyc.screen({ name: 'Putin' }, { review_threshold: 0.5, block_threshold: 0.99, max_matches: 3, sources: ['ofac_sdn', 'uk_ofsi'] }),
  );
  const ids = new Set(results.ScreeningResult.flatMap((r) => r.matches.map((m) => m.id)));
  for (const id of ids) results.EntityDetails.push(kyc.entityDetails(id));
  return results;
}

test('real results type-check against the types, and usage.ts type-checks (tsc --strict)', () => {
  const results = realResults();
  // The results really contain the optional parts, so their types get checked.
  const all = JSON.stringify(results);
  for (const part of ['"warnings"', '"notes"', '"ignored":[{', '"identifier_match"', '"kind":"range"', '"details"', '"size_bytes"', '"formatted"']) {
    assert.ok(all.includes(part), `the sample results contain ${part}`);
  }
  const lines = [`import type { ${Object.keys(results).join(', ')} } from 'kyc-check';`];
  for (const [type, values] of Object.entries(results)) {
    assert.ok(values.length > 0, `results for ${type}`);
    lines.push(`export const real${type} = ${JSON.stringify(values, null, 1)} satisfies ${type}[];`);
  }
  const bundler = projects.bundler.dir;
  writeFileSync(join(bundler, 'real-results.ts'), `${lines.join('\n')}\n`);
  copyFileSync(USAGE, join(bundler, 'usage.ts'));
  const output = typeCheck(bundler, ['real-results.ts', 'usage.ts'], { module: 'esnext', moduleResolution: 'bundler' });
  assert.equal(output, '', `tsc found errors:\n${output}`);
});

test('usage.ts type-checks for the nodejs (CommonJS) and web targets too', () => {
  const node = projects.nodejs.dir;
  copyFileSync(USAGE, join(node, 'usage.ts'));
  // A Node project has no DOM types: the declarations must not need them.
  const nodeOutput = typeCheck(node, ['usage.ts'], { module: 'node16', moduleResolution: 'node16', lib: ['es2022'] });
  assert.equal(nodeOutput, '', `tsc found errors (nodejs):\n${nodeOutput}`);

  const web = projects.web.dir;
  copyFileSync(USAGE, join(web, 'usage.ts'));
  writeFileSync(join(web, 'init.ts'), [
    "import init, { initSync, screen } from 'kyc-check';",
    'await init();',
    "await init({ module_or_path: '/pkg/kyc_check_bg.wasm' });",
    'initSync({ module: new Uint8Array(0) });',
    "const decision: 'clear' | 'review' | 'block' = screen({ name: 'x' }).decision;",
    '// @ts-expect-error init() returns a promise: it must be awaited',
    'init().memory;',
    'export { decision };',
    '',
  ].join('\n'));
  const webOutput = typeCheck(web, ['usage.ts', 'init.ts'], { module: 'esnext', moduleResolution: 'bundler' });
  assert.equal(webOutput, '', `tsc found errors (web):\n${webOutput}`);
});
