#!/usr/bin/env bash
# Installs, idempotently and only from package registries (crates.io, npm, Debian apt),
# the tools Health Atlas needs. Each step first checks whether the right version is
# already there and skips itself if so, so running this twice costs a few seconds.
#
# Usage: scripts/ensure-tools.sh serve   # what `make serve` needs
#        scripts/ensure-tools.sh test    # what `make test` needs (adds wasm-pack, Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-test}"
TRUNK_VERSION="0.21.14"
WASM_PACK_VERSION="0.15.1"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

log() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }
timed() {
  local label="$1"; shift
  local start=$SECONDS
  "$@"
  log "$label took $((SECONDS - start)) s"
}

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in
# Cargo.lock, or the generated JS glue will not match the compiled wasm.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "wasm32-unknown-unknown target: present"
  else
    timed "rustup target add wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
    log "trunk $TRUNK_VERSION: present"
  else
    # trunk 0.22 needs a newer rustc than this project's machines have.
    timed "cargo install trunk $TRUNK_VERSION" cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local version
  version="$(wasm_bindgen_version)"
  if [ -z "$version" ]; then
    log "Cargo.lock has no wasm-bindgen entry; run 'cargo generate-lockfile' first" >&2
    exit 1
  fi
  if wasm-bindgen --version 2>/dev/null | grep -q " $version\$" \
    && command -v wasm-bindgen-test-runner >/dev/null; then
    log "wasm-bindgen-cli $version: present"
  else
    # Without --locked: the CLI's own lockfile pins crates that do not build with a current
    # rustc, so cargo resolves the CLI's dependencies afresh.
    timed "cargo install wasm-bindgen-cli $version" cargo install wasm-bindgen-cli --version "$version" --force
  fi
}

ensure_wasm_pack() {
  if wasm-pack --version 2>/dev/null | grep -q "wasm-pack $WASM_PACK_VERSION"; then
    log "wasm-pack $WASM_PACK_VERSION: present"
  else
    timed "cargo install wasm-pack $WASM_PACK_VERSION" cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
  fi
}

# Fuzzing (make fuzz, and make test's smoke pass) needs cargo-fuzz and a nightly toolchain.
# Without nightly this says so and goes on: scripts/fuzz.sh then skips, saying why.
ensure_cargo_fuzz() {
  if ! cargo +nightly --version >/dev/null 2>&1; then
    log "cargo-fuzz: NOT INSTALLED: no nightly toolchain (rustup toolchain install nightly); fuzzing will be skipped"
  elif cargo fuzz --version >/dev/null 2>&1; then
    log "cargo-fuzz: present ($(cargo fuzz --version 2>/dev/null))"
  else
    timed "cargo install cargo-fuzz" cargo install --locked cargo-fuzz
  fi
}

ensure_npm() {
  # package-lock.json pins every JS tool (binaryen's wasm-opt, playwright-core, axe-core,
  # benchmark references); `npm ci` reinstalls only when the lock changed.
  if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    log "npm packages: present"
  else
    timed "npm ci" npm ci --no-audit --no-fund
  fi
}

# Installs Debian packages (one apt-get update for the lot), as root or through sudo.
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  timed "apt-get install $*" bash -c \
    "$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $*"
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    log "chromium + chromedriver: present ($(chromium --version 2>/dev/null | head -1))"
  else
    apt_install chromium chromium-driver
  fi
}

# Chinese text in the end-to-end screenshots (and axe's contrast checks of it) needs a CJK
# font; the app itself only names system fonts and downloads none.
ensure_cjk_fonts() {
  if dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed"; then
    log "fonts-noto-cjk: present"
  else
    apt_install fonts-noto-cjk
  fi
}

# The WordPress plugin's end-to-end test (tests/wordpress/run.sh) runs a real WordPress:
# Debian's package with Apache, PHP and MariaDB, started and stopped by the test itself
# (none is enabled as a service here). zip builds the plugin's zip.
ensure_wordpress() {
  local missing=()
  for package in wordpress apache2 libapache2-mod-php php-mysql mariadb-server zip; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} = 0 ]; then
    log "wordpress, apache2, libapache2-mod-php, php-mysql, mariadb-server, zip: present"
  else
    apt_install "${missing[@]}"
  fi
}

# make release zips the bundle, and its end-to-end test unzips it as a site owner would.
ensure_zip() {
  if command -v zip >/dev/null && command -v unzip >/dev/null; then
    log "zip + unzip: present"
  else
    apt_install zip unzip
  fi
}

# The independent parsers `make feeds-check` reads the feeds back with (scripts/check-feeds.py):
# PyPI's icalendar and feedparser, pinned, in a virtual environment of the repository's own
# (target/python), so the system's Python stays untouched. And openpyxl, the other program
# whose workbooks the studio's end-to-end test opens and whose reader checks the studio's.
PYTHON_ICALENDAR_VERSION="7.3.2"
PYTHON_FEEDPARSER_VERSION="6.0.14"
PYTHON_OPENPYXL_VERSION="3.1.5"
ensure_python_feed_checkers() {
  local python=target/python/bin/python
  if "$python" -c "import icalendar, feedparser, openpyxl, sys; sys.exit(not (icalendar.__version__ == '$PYTHON_ICALENDAR_VERSION' and feedparser.__version__ == '$PYTHON_FEEDPARSER_VERSION' and openpyxl.__version__ == '$PYTHON_OPENPYXL_VERSION'))" 2>/dev/null; then
    log "python icalendar $PYTHON_ICALENDAR_VERSION + feedparser $PYTHON_FEEDPARSER_VERSION + openpyxl $PYTHON_OPENPYXL_VERSION: present"
    return
  fi
  if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    apt_install python3-venv
  fi
  [ -x "$python" ] || timed "python3 -m venv target/python" python3 -m venv target/python
  timed "pip install icalendar feedparser openpyxl" "$python" -m pip install --quiet --disable-pip-version-check \
    "icalendar==$PYTHON_ICALENDAR_VERSION" "feedparser==$PYTHON_FEEDPARSER_VERSION" "openpyxl==$PYTHON_OPENPYXL_VERSION"
}

case "$want" in
  serve)
    ensure_target; ensure_wasm_bindgen; ensure_trunk; ensure_npm ;;
  test)
    ensure_target; ensure_chromium; ensure_cjk_fonts; ensure_wordpress; ensure_zip; ensure_npm; ensure_wasm_bindgen; ensure_wasm_pack; ensure_trunk; ensure_cargo_fuzz; ensure_python_feed_checkers ;;
  *)
    echo "usage: $0 serve|test" >&2; exit 2 ;;
esac
