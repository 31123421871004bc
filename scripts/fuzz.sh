#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for RUNS inputs each (default 10^6: `make fuzz`;
# `make test` passes a short smoke count). Needs cargo-fuzz (scripts/ensure-tools.sh
# installs it) and a nightly toolchain; without nightly it says so and skips (exit 0), never
# silently. Prints one line per target: executions, crashes, seconds. A crash fails the run
# and leaves its input under fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-1000000}"
TARGETS="${TARGETS:-decode_url dataset_json csv_import geojson_basemap topojson_basemap search_query element_attributes studio_open}"
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED: no nightly toolchain (cargo +nightly); install one with 'rustup toolchain install nightly'" >&2
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED: cargo-fuzz is not installed; run scripts/ensure-tools.sh test (or 'cargo install --locked cargo-fuzz')" >&2
  exit 0
fi
# One build for every target; the fuzz crate has its own target directory.
cargo +nightly fuzz build ${FUZZ_BUILD_FLAGS:-} >&2
failed=0
for target in $TARGETS; do
  log="$(mktemp)"
  start=$(date +%s)
  # fuzz/corpus/<target> (not committed) grows as libFuzzer finds new paths; fuzz/seeds/<target>
  # holds a few valid inputs (a dataset, its CSV, a basemap, a link…) so it starts past the
  # JSON syntax.
  mkdir -p "fuzz/corpus/$target"
  seeds=()
  [ -d "fuzz/seeds/$target" ] && seeds=("fuzz/seeds/$target")
  if cargo +nightly fuzz run ${FUZZ_BUILD_FLAGS:-} "$target" "fuzz/corpus/$target" "${seeds[@]}" -- -runs="$RUNS" -max_len=4096 -rss_limit_mb=2048 >"$log" 2>&1; then
    status=ok
  else
    status=CRASH
    failed=1
  fi
  # libFuzzer's last "#N" line gives the executions done ("Done N runs" on success).
  executions=$(grep -oE '^(#[0-9]+|Done [0-9]+ runs)' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  crashes=$(grep -cE '^==[0-9]+==ERROR|panicked at|deadly signal' "$log" || true)
  echo "fuzz $target: $status, $executions executions, $crashes crashes, $(( $(date +%s) - start )) s"
  if [ "$status" != ok ]; then tail -40 "$log" >&2; fi
  rm -f "$log"
done
exit "$failed"
