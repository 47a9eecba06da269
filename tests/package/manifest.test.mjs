// What `npm publish` would upload for each target (target/pkg/<target>.tgz, packed by
// scripts/build-packages.sh): the package.json fields a consumer's tools read, and every
// file the entry module loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TARGETS, tarball, tarballFiles } from './pkg.mjs';

const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
const cargoField = (name) => new RegExp(`^${name} = "([^"]+)"`, 'm').exec(cargo)[1];

/** The package.json inside a target's tarball. */
const manifest = (target) => JSON.parse(execFileSync('tar', ['-xzOf', tarball(target), 'package/package.json'], { encoding: 'utf8' }));

test('package.json: name, version, licence, entry and types for every target', () => {
  for (const target of TARGETS) {
    const pkg = manifest(target);
    assert.equal(pkg.name, 'kyc-check', target);
    assert.equal(pkg.version, cargoField('version'), target);
    assert.equal(pkg.license, cargoField('license'), target);
    assert.equal(pkg.description, cargoField('description'), target);
    assert.equal(pkg.main, 'kyc_check.js', target);
    assert.equal(pkg.types, 'kyc_check.d.ts', target);
    assert.ok(pkg.files.includes('kyc_check_bg.wasm'), `${target} publishes the wasm`);
    assert.equal(pkg.dependencies, undefined, `${target} has no runtime dependencies`);
  }
  // ES modules for the browser targets, CommonJS for Node.
  assert.equal(manifest('web').type, 'module');
  assert.equal(manifest('bundler').type, 'module');
  assert.equal(manifest('nodejs').type, undefined);
  // The bundler entry instantiates the wasm on import: tree-shaking must keep it.
  assert.ok(manifest('bundler').sideEffects.includes('./kyc_check.js'));
});

test('each tarball holds exactly the package: entry, its imports, wasm, types, README, LICENSE', () => {
  const common = ['LICENSE', 'README.md', 'kyc_check.d.ts', 'kyc_check.js', 'kyc_check_bg.wasm', 'package.json'];
  assert.deepEqual(tarballFiles('web'), common);
  assert.deepEqual(tarballFiles('nodejs'), common);
  assert.deepEqual(tarballFiles('bundler'), [...common, 'kyc_check_bg.js'].sort());
  for (const target of TARGETS) {
    const entry = execFileSync('tar', ['-xzOf', tarball(target), 'package/kyc_check.js'], { encoding: 'utf8' });
    // ES imports, new URL('x', import.meta.url) (web) and `${__dirname}/x` (nodejs).
    const imports = [
      ...entry.matchAll(/(?:from|require\()\s*["']\.\/([^"']+)["']/g),
      ...entry.matchAll(/new URL\(["']([^"']+)["'], import\.meta\.url\)/g),
      ...entry.matchAll(/`\$\{__dirname\}\/([^`]+)`/g),
    ].map((m) => m[1]);
    assert.ok(imports.length > 0, `${target}: found what kyc_check.js loads`);
    for (const file of imports) assert.ok(tarballFiles(target).includes(file), `${target}: kyc_check.js loads ${file}, which is in the tarball`);
  }
});
