#!/usr/bin/env bash
# Installs everything the two README commands need, on a fresh Debian machine that has only
# rustup, Node/npm and apt. Idempotent (each step checks first) and pinned. It downloads no
# browser and no prebuilt binary: tools are compiled from crates.io, Chromium comes from
# Debian's packages, page-test dependencies from the npm lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_PACK_VERSION=0.15.1
# Supply-chain check of `make lint` (licenses, bans, sources; no advisory DB, no network).
CARGO_DENY_VERSION=0.20.2
# cargo-fuzz drives the libFuzzer targets of fuzz/ (make fuzz-smoke, FUZZING.md).
CARGO_FUZZ_VERSION=0.13.2
# wasm-pack uses a wasm-bindgen CLI on PATH only when its version equals the wasm-bindgen
# crate in Cargo.lock exactly; otherwise it tries to download one (and fails offline).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '[bootstrap] %s\n' "$*" >&2; }

command -v cargo >/dev/null || { say "cargo not found: install rustup (https://rustup.rs) first"; exit 1; }
command -v npm >/dev/null || { say "npm not found: install Node.js 20+ and npm first"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

mkdir -p target

# The two cargo installs and the apt install are independent: run apt in the background.
apt_pid=
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian chromium and chromium-driver (background)"
    ( apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver ) \
      > target/bootstrap-apt.log 2>&1 &
    apt_pid=$!
  else
    say "chromium and chromedriver are missing: install them, e.g. 'sudo apt-get install chromium chromium-driver'"
    exit 1
  fi
fi
if ! wasm-pack --version 2>/dev/null | grep -qF "$WASM_PACK_VERSION"; then
  say "installing wasm-pack $WASM_PACK_VERSION from crates.io"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi
if ! cargo fuzz --version 2>/dev/null | grep -qF " $CARGO_FUZZ_VERSION"; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qF " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io"
  # --locked fails for this crate; the exact version pin (=) is what matters.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if ! cargo deny --version 2>/dev/null | grep -qF " $CARGO_DENY_VERSION"; then
  say "installing cargo-deny $CARGO_DENY_VERSION from crates.io"
  cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
fi

if [ -n "$apt_pid" ]; then
  if ! wait "$apt_pid"; then
    say "apt-get install chromium chromium-driver failed; log:"; cat target/bootstrap-apt.log >&2; exit 1
  fi
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.kyc-check-stamp ] || [ package-lock.json -nt node_modules/.kyc-check-stamp ]; then
  say "npm ci (page-test dependencies, from package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error >&2
  touch node_modules/.kyc-check-stamp
fi
say "ok: $(wasm-pack --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(cargo fuzz --version), $(chromium --version 2>/dev/null | head -1)"
