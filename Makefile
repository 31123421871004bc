# Health Atlas — every command a contributor needs (docs/testing.md says what each runs).
# `make serve` and `make test` first install what is missing (idempotently, from crates.io /
# npm / apt only) through scripts/ensure-tools.sh; the other targets expect the tools there.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= $(shell command -v chromedriver 2>/dev/null || echo /usr/bin/chromedriver)

.PHONY: serve test tools-serve tools-test check lint unit browser build e2e screenshots size bench clean wordpress wordpress-e2e fuzz fuzz-smoke release release-dir feeds feeds-check

## serve: install what is missing, then serve the app with live reload on http://127.0.0.1:8080
serve: tools-serve
	trunk build --offline=true studio.html --dist target/studio-dist  # the studio page, copied in by the atlas's build
	@echo "Health Atlas: http://127.0.0.1:8080/ (the studio: http://127.0.0.1:8080/studio.html)"
	trunk serve --offline

## test: install what is missing, then run every check and test (what CI runs)
test: tools-test
	$(MAKE) --no-print-directory check

check: lint unit browser e2e wordpress-e2e feeds-check fuzz-smoke

tools-serve:
	@scripts/ensure-tools.sh serve

tools-test:
	@scripts/ensure-tools.sh test

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings

## unit: native tests of every crate of the workspace, the validator, the CLI
unit:
	cargo test --workspace

## browser: wasm-bindgen tests of the Yew components in headless Chromium
browser:
	wasm-pack test --headless --chrome

## fuzz: every cargo-fuzz target (fuzz/) for 10^6 inputs each; needs nightly (skipped, saying so, without)
fuzz:
	RUNS=1000000 scripts/fuzz.sh

## fuzz-smoke: a short pass of every fuzz target (2,000 inputs each), part of `make test`
fuzz-smoke:
	RUNS=2000 scripts/fuzz.sh

## build: the release payload in dist/: the studio page (its own wasm, built first into
## target/studio-dist), then the atlas, whose build copies the studio in (scripts/studio-build.mjs)
build:
	trunk build --release --offline=true studio.html --dist target/studio-dist
	trunk build --release --offline

## e2e: Playwright (playwright-core + Debian's chromium) against the release build
e2e: build
	npm run --silent e2e

## screenshots: the README's pictures (docs/screenshot.png, docs/screenshot-phone.png) from the
## release build, with the e2e tests' server and Chromium, fixed size, clock and theme
screenshots: build
	npm run --silent screenshots

## release: the release bundle, from `make build`: the folder RELEASE_DIR (the files to upload,
## working from any path; other packagings, such as the WordPress plugin, copy theirs from it)
## and RELEASE_ZIP, the same folder zipped (scripts/release.mjs; needs Debian's zip).
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
RELEASE_NAME := health-atlas-$(VERSION)
RELEASE_DIR := $(CURDIR)/target/release-bundle/$(RELEASE_NAME)
RELEASE_ZIP := $(CURDIR)/target/release-bundle/$(RELEASE_NAME).zip
release: build
	$(MAKE) --no-print-directory feeds FEEDS_DIR=dist/feeds
	node scripts/release.mjs dist target/release-bundle
	cp $(RELEASE_ZIP) $(RELEASE_NAME).zip
	@echo "release: $(RELEASE_NAME).zip"

## release-dir: prints RELEASE_DIR (for scripts that package the bundle: $$(make -s release-dir))
release-dir:
	@echo $(RELEASE_DIR)

## wordpress: the WordPress plugin, target/health-atlas-wordpress-<version>.zip, with the release files
## from WORDPRESS_SOURCE (default: trunk's dist/, built first; or an unzipped release bundle).
WORDPRESS_SOURCE ?= dist
WORDPRESS_ZIP := target/health-atlas-wordpress-$(VERSION).zip
wordpress: $(if $(filter dist,$(WORDPRESS_SOURCE)),build)
	scripts/wordpress-zip.sh $(WORDPRESS_SOURCE) $(WORDPRESS_ZIP)

## wordpress-e2e: the plugin in a real WordPress (Debian's wordpress, apache2, mariadb-server, started
## and stopped by the script on 127.0.0.1:18080), checked by Playwright. Needs root (it writes a
## config in /etc/wordpress and starts the services as their users); `make tools-test` installs them.
wordpress-e2e: wordpress
	tests/wordpress/run.sh $(WORDPRESS_ZIP)

## size: the release payload, raw / gzip / brotli, and the element's first render and total
size: build
	@node scripts/size.mjs dist

## feeds: the subscribable calendars and Atom feeds of the embedded dataset, into FEEDS_DIR
## (default dist/feeds/, beside the app; run after `make build`, which empties dist/).
## FEEDS_OPTIONS adds options, e.g. FEEDS_OPTIONS="--base-url https://example.org/atlas/ --per-category".
## The revision (every time stamp in the feeds) is the last commit of data/events.json, so
## unchanged data gives the same bytes; outside a git checkout, the data's newest day.
FEEDS_DIR ?= dist/feeds
FEEDS_OPTIONS ?=
FEEDS_REVISION = $(shell git log -1 --format=%cI -- data/events.json 2>/dev/null)
feeds:
	cargo run --quiet -p atlas-data -- feeds --out $(FEEDS_DIR) $(if $(FEEDS_REVISION),--revision $(FEEDS_REVISION)) $(FEEDS_OPTIONS)

## feeds-check: writes the feeds (every category too) into target/feeds-check and reads them back
## with Python's icalendar and feedparser (installed by `scripts/ensure-tools.sh test`)
feeds-check:
	rm -rf target/feeds-check
	$(MAKE) --no-print-directory feeds FEEDS_DIR=target/feeds-check FEEDS_OPTIONS="--base-url https://atlas.example.org/ --per-category"
	target/python/bin/python scripts/check-feeds.py target/feeds-check data/events.json

clean:
	cargo clean
	rm -rf dist node_modules

## bench: filter & search engine (wasm in Node) vs crossfilter2 and MiniSearch; prints medians and ratios;
## then the memory held at 100k and 1M events, the cluster index, the timeline, the map view's
## pan/zoom frames, the map's first draw against Leaflet.markercluster and the page's
## responsiveness while a 100k dataset loads (scripts/bench-*.mjs).
## BENCH_SIZES=10000,100000,1000000 adds 1M (about 10 min, ~10 GB); BENCH_OPT_LEVEL=3 times the wasm
## with the crates that have no opt-level of their own in Cargo.toml at opt-level 3 instead of the
## release profile's. Builds go to CARGO_TARGET_DIR if set. Method and figures: docs/benchmarks.md.
BENCH_TARGET_DIR ?= $(abspath $(or $(CARGO_TARGET_DIR),target))
bench: tools-test
	cargo build --release -p atlas-data
	$(if $(BENCH_OPT_LEVEL),CARGO_PROFILE_RELEASE_OPT_LEVEL=$(BENCH_OPT_LEVEL)) wasm-pack build --release --target nodejs --out-dir $(BENCH_TARGET_DIR)/bench-pkg --no-pack -- --features bench
	echo '{"type": "commonjs"}' > $(BENCH_TARGET_DIR)/bench-pkg/package.json  # the glue is CommonJS; the repo's package.json says "module"
	BENCH_TARGET_DIR=$(BENCH_TARGET_DIR) node --max-old-space-size=16384 scripts/bench.mjs
	BENCH_TARGET_DIR=$(BENCH_TARGET_DIR) node scripts/bench-memory.mjs  # memory held at 100k and 1M vs crossfilter2 + MiniSearch + supercluster
	BENCH_TARGET_DIR=$(BENCH_TARGET_DIR) node scripts/bench-map.mjs  # cluster index vs supercluster
	BENCH_TARGET_DIR=$(BENCH_TARGET_DIR) node scripts/bench-insights.mjs  # insights' charts vs the facet counting; 150-node layout vs 200 ms
	node scripts/bench-timeline.mjs  # timeline vs vis-timeline in headless Chromium; trunk-builds into target/bench-timeline-dist
	node scripts/bench-embed.mjs  # the element's first render on the demo page, against its 300 ms budget
	BENCH_MAP_VIEW_DIST=target/bench-timeline-dist node scripts/bench-map-view.mjs  # map pan/zoom frames at 10k and 100k, on that build
	BENCH_TARGET_DIR=$(BENCH_TARGET_DIR) BENCH_LEAFLET_DIST=target/bench-timeline-dist node scripts/bench-leaflet.mjs  # map first draw vs Leaflet.markercluster in headless Chromium, on that build
	BENCH_TARGET_DIR=$(BENCH_TARGET_DIR) BENCH_RESPONSIVE_DIST=target/bench-timeline-dist node scripts/bench-responsive.mjs  # long tasks and click delays while 100k events load, on that build
