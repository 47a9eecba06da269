// Shared set-up for the npm package tests: the tarballs that scripts/build-packages.sh packs
// (target/pkg/<target>.tgz), installed the way npm installs them, and the README examples.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = join(ROOT, 'target', 'pkg');
export const TARGETS = ['web', 'bundler', 'nodejs'];

/** The path of a target's tarball; fails with the command to run when it is missing. */
export function tarball(target) {
  const path = join(PKG, `${target}.tgz`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`make pkg\` first`);
  return path;
}

/** The file list of a target's tarball (paths inside the package, sorted). */
export function tarballFiles(target) {
  return execFileSync('tar', ['-tzf', tarball(target)], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((p) => p.replace(/^package\//, '')).sort();
}

/**
 * A fresh consumer project in a temporary directory with the target's tarball installed by
 * `npm install` (offline: the package has no dependencies), as node_modules/kyc-check.
 * Returns { dir, module, cleanup }.
 */
export function installPackage(target) {
  const dir = mkdtempSync(join(tmpdir(), `kyc-check-${target}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${target}`, private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball(target)], { cwd: dir });
  const module = join(dir, 'node_modules', 'kyc-check');
  if (!existsSync(join(module, 'package.json'))) throw new Error(`npm install did not install ${tarball(target)}`);
  return { dir, module, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The README code block that follows the marker `<!-- example: PATH -->`, where PATH is
 * the example file it mirrors (relative to the repository).
 */
export function readmeExample(path) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marker = `<!-- example: ${path} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at + marker.length));
  if (!block) throw new Error(`README.md has no code block after ${marker}`);
  return block[1];
}

/** The bytes of the bundled default snapshot with one payload byte flipped (fails its hash). */
export function corruptedSnapshot() {
  const bytes = readFileSync(join(ROOT, 'data', 'default.kcs'));
  bytes[bytes.length - 100] ^= 0x55;
  return bytes;
}
