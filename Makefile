# Dossier — two commands: `make run` and `make test`. Each installs what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

WASM_BINDGEN_VERSION := 0.2.130
# Every Rust test, and the SurrealDB test server, in one cargo invocation: one feature set,
# so `surrealdb-core` and everything under it compile once (two invocations built it twice).
CARGO_TEST := cargo test -p app -p server -p surrealdb-test-server --features app/ssr
SITE := target/site
PKG := $(SITE)/pkg

.PHONY: run run-release test setup tools browser pdftools npm site-dev site-release server-dev fuzz \
        server-release surrealdb-server test-rust test-remote-db test-cluster test-e2e bench lint fmt clean-data

## run: install what is missing, build, serve http://127.0.0.1:3000 with the demo data.
## The server is the dev build `make test` also uses (dependencies optimised, ~10 min cold);
## `make run-release` builds a fully optimised server instead (~17 min cold on 2 cores).
run: tools site-release server-dev
	@mkdir -p data
	LEPTOS_SITE_ROOT=$(SITE) ./target/debug/server

run-release: tools site-release server-release
	@mkdir -p data
	LEPTOS_SITE_ROOT=$(SITE) ./target/release/server

## test: install what is missing, then every test (Rust unit + integration, Playwright)
test: tools browser pdftools npm test-rust test-remote-db test-cluster site-dev server-dev test-e2e

# ---- tools ---------------------------------------------------------------------------
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

browser:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

# poppler's pdftotext: the one-pager tests read the PDFs back as a reader would.
pdftools:
	@command -v pdftotext >/dev/null || { apt-get update && apt-get install -y poppler-utils; }

npm: end2end/node_modules/.package-lock.json

end2end/node_modules/.package-lock.json: end2end/package.json end2end/package-lock.json
	cd end2end && npm ci --no-audit --no-fund

# ---- builds --------------------------------------------------------------------------
define bundle
	@mkdir -p $(PKG)
	wasm-bindgen --target web --no-typescript --out-dir $(PKG) --out-name dossier \
	  target/wasm32-unknown-unknown/$(1)/frontend.wasm
	cp style/main.css $(PKG)/dossier.css
	cp -r public/. $(SITE)/
endef

site-dev:
	cargo build -p frontend --lib --target wasm32-unknown-unknown
	$(call bundle,debug)

site-release:
	cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
	$(call bundle,wasm-release)

# The same cargo invocation as `test-rust` (dev-dependencies included), so `make test` and
# `make run` share one build instead of compiling every dependency twice.
server-dev:
	$(CARGO_TEST) --no-run

server-release:
	cargo build -p server --release

# A real SurrealDB server (`surreal start`), only for the ws:// tests: built by the same
# invocation as the tests (its own integration test needs the binary).
surrealdb-server: server-dev

# ---- tests ---------------------------------------------------------------------------
test-rust:
	$(CARGO_TEST)

# The kill -9 test against a remote SurrealDB over ws:// (ignored by a plain `cargo test`,
# which has no SurrealDB server to start). Same cargo invocation as test-rust: no rebuild.
test-remote-db: surrealdb-server
	SURREALDB_TEST_SERVER=$(CURDIR)/target/debug/surrealdb-test-server \
	  $(CARGO_TEST) -- --ignored remote

# Two Dossier instances on one SurrealDB server (ws://): live across instances, a kill -9
# take-over, a SurrealDB restart. Same cargo invocation as test-rust: no rebuild.
test-cluster: surrealdb-server
	SURREALDB_TEST_SERVER=$(CURDIR)/target/debug/surrealdb-test-server \
	  cargo test -p app -p server -p surrealdb-test-server --features app/ssr --test api -- --ignored cluster

test-e2e:
	cd end2end && npx playwright test

## fuzz: the provider parsers' property tests with 100,000 inputs each (`make test` runs 2,000)
fuzz:
	PROPTEST_CASES=100000 $(CARGO_TEST) parser_props

## bench: figures for the notes (account search over 100k accounts)
bench:
	cargo bench -p app --bench account_search
	cargo bench -p server --bench orchestrator
	cargo bench -p server --bench one_pager

lint:
	cargo fmt --all -- --check
	cargo clippy -p app -p server -p surrealdb-test-server --features app/ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

clean-data:
	rm -rf data
