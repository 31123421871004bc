#!/usr/bin/env bash
# Builds the WordPress plugin's zip: integrations/wordpress/health-atlas/ plus the atlas's
# release files (the element script, its stylesheet, the wasm and its glue, the iframe page,
# the standalone page its permalinks open) under atlas/, with the version from Cargo.toml.
#
# Usage: scripts/wordpress-zip.sh <release dir: dist/ or an unzipped release bundle> <zip to write>
set -euo pipefail
cd "$(dirname "$0")/.."

source_dir="${1:?usage: $0 <release dir> <zip>}"
zip_path="${2:?usage: $0 <release dir> <zip>}"
version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"

if [ ! -f "$source_dir/embed/health-atlas.js" ] || [ ! -f "$source_dir/embed/build.js" ]; then
  echo "wordpress-zip: $source_dir/embed/health-atlas.js or embed/build.js is missing: build the release first (make build)" >&2
  exit 1
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
plugin="$stage/health-atlas"
cp -R integrations/wordpress/health-atlas "$plugin"
mkdir -p "$plugin/atlas"
# Everything the release has except the demo page (a host page of its own, not needed here)
# and the studio (the maintainers' editor, studio.html and its own wasm: not for a site's pages).
(cd "$source_dir" && tar --exclude=./demo --exclude=./studio.html --exclude='./studio-*' -cf - .) | (cd "$plugin/atlas" && tar -xf -)

sed -i -E "s/^( \* Version: +).*/\1$version/" "$plugin/health-atlas.php"
sed -i -E "s/define\( 'HEALTH_ATLAS_VERSION', '[^']*' \)/define( 'HEALTH_ATLAS_VERSION', '$version' )/" "$plugin/health-atlas.php"
sed -i -E "s/^Stable tag: .*/Stable tag: $version/" "$plugin/readme.txt"
grep -q "Version: *$version\$" "$plugin/health-atlas.php" || { echo "wordpress-zip: could not set the version" >&2; exit 1; }

mkdir -p "$(dirname "$zip_path")"
zip_path="$(cd "$(dirname "$zip_path")" && pwd)/$(basename "$zip_path")"
rm -f "$zip_path"
(cd "$stage" && zip -q -r -X "$zip_path" health-atlas)
echo "wordpress-zip: $zip_path ($(du -k "$zip_path" | cut -f1) KB, version $version, from $source_dir)"
