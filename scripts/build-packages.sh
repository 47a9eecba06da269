#!/usr/bin/env bash
# Builds the npm package `kyc-check` for the three wasm-pack targets and packs each one:
#   target/pkg/web       --target web      ES module with `init()`, for a plain web page
#   target/pkg/bundler   --target bundler  ES module importing the .wasm (webpack 5, ...)
#   target/pkg/nodejs    --target nodejs   CommonJS for Node, synchronous, no `init()`
# and target/pkg/<target>.tgz, the `npm pack` tarball of each (what `npm publish` would
# upload; tests/package/ installs from these). Release profile, wasm-opt off (Cargo.toml).
# The Rust build is shared: only the first target compiles, the others reuse target/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

OUT=target/pkg
mkdir -p "$OUT"
for target in web bundler nodejs; do
  rm -rf "${OUT:?}/$target" "$OUT/$target.tgz"
  wasm-pack build --target "$target" --release --out-dir "$OUT/$target"
  # wasm-pack writes a `*` .gitignore into the package, which would also keep `npm pack`
  # from finding the files when the directory is ever copied into a git checkout.
  rm -f "$OUT/$target/.gitignore"
  tarball=$(cd "$OUT/$target" && npm pack --silent --pack-destination ..)
  mv "$OUT/$tarball" "$OUT/$target.tgz"
  printf '[pkg] %-8s %s (%s bytes)\n' "$target" "$OUT/$target.tgz" "$(stat -c %s "$OUT/$target.tgz")"
done
