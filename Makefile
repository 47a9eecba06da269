# The two commands of the README:
#   make demo   build everything and serve the demo signup page
#   make test   run every test (what .ci/run calls)
# Both start with scripts/bootstrap.sh (idempotent, pinned tool set-up).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
# A directory of official list files; empty = the hand-written sample lists in data/.
WATCHLISTS ?=
CLI := target/release/kyc-check
WASM_PKG := www/pkg

.PHONY: demo test bootstrap cli snapshot wasm size serve lint unit wasm-test page-test bench pkg pkg-test fuzz-smoke fuzz

demo: bootstrap cli snapshot wasm size serve

test: bootstrap lint unit fuzz-smoke wasm-test wasm size page-test pkg pkg-test
	@echo "make test: all suites passed"

bootstrap:
	@bash scripts/bootstrap.sh

cli:
	cargo build --release --bin kyc-check

# www/snapshot.kcs is what the page loads; without $(WATCHLISTS) it is the sample lists.
snapshot: cli
	$(CLI) snapshot build --out www/snapshot.kcs $(if $(WATCHLISTS),--label official --skip-unreadable $(WATCHLISTS),--label sample data)

wasm:
	wasm-pack build --target web --release --out-dir $(WASM_PKG)
	@rm -f $(WASM_PKG)/.gitignore

size:
	@bash scripts/size-report.sh

serve:
	@echo "kyc-check demo: http://127.0.0.1:$(PORT)/   (Ctrl-C to stop)"
	node scripts/serve.mjs www $(PORT)

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo deny --locked check licenses bans sources

unit:
	@mkdir -p target
	cargo test 2>&1 | tee target/cargo-test.log
	@grep -E '^test result:' target/cargo-test.log | awk '{p+=$$4; f+=$$6} END {printf "cargo-test: %d passed, %d failed\n", p, f}'

wasm-test:
	wasm-pack test --node -- --test wasm_node
	wasm-pack test --headless --chrome -- --test wasm_browser

page-test:
	node --test tests/page/

# The npm package for the three wasm-pack targets (web, bundler, nodejs) in target/pkg/,
# each also packed as target/pkg/<target>.tgz; pkg-test installs and uses those tarballs.
pkg:
	@bash scripts/build-packages.sh

pkg-test:
	node --test tests/package/

# Every benchmark of BENCHMARKS.md (native divan, browser with Fuse.js and an exhaustive
# scan, sizes, memory) in one run; report in target/bench/report.md. Needs ../shared.
bench: bootstrap
	@bash scripts/bench.sh

# Fuzzing (FUZZING.md): every cargo-fuzz target for a few seconds over its seeds; `make fuzz`
# runs each for FUZZ_SECONDS (default 600), one at a time, niced.
FUZZ_SECONDS ?= 600
fuzz-smoke:
	bash scripts/fuzz.sh smoke

fuzz: bootstrap
	bash scripts/fuzz.sh long $(FUZZ_SECONDS)
