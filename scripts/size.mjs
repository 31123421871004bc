// Prints the release payload in dist/ as raw / gzip / brotli bytes (max compression),
// using Node's built-in zlib so no extra tool is needed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const kinds = /\.(wasm|js|css|html|json)$/;
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (kinds.test(name)) files.push(path);
  }
})(dist);
files.sort();

const row = (name, raw, gzip, brotli) =>
  console.log(`${name.padEnd(40)} ${String(raw).padStart(10)} ${String(gzip).padStart(10)} ${String(brotli).padStart(10)}`);
row("file", "raw", "gzip", "brotli");
const total = { raw: 0, gzip: 0, brotli: 0 };
const brotliOf = new Map();
for (const file of files) {
  const bytes = readFileSync(file);
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  row(relative(dist, file), sizes.raw, sizes.gzip, sizes.brotli);
  for (const key of Object.keys(total)) total[key] += sizes[key];
  brotliOf.set(relative(dist, file), sizes.brotli);
}
row("TOTAL", total.raw, total.gzip, total.brotli);

// The embed's budget (issue #8): what a host page downloads for <health-atlas>: the element
// script and its stylesheet, the wasm and its glue, the app stylesheet, and the basemap files
// if the map ever fetches them instead of embedding them in the wasm. Not the demo pages.
const EMBED_BUDGET = 400_000;
const inEmbed = (path) =>
  /^(health-atlas-[0-9a-f]+(_bg\.wasm|\.js)|atlas-[0-9a-f]+\.css|embed\/(health-atlas\.(js|css)|build\.js)|basemap\/.+)$/.test(path);
const embedBytes = [...brotliOf].filter(([path]) => inEmbed(path)).reduce((sum, [, bytes]) => sum + bytes, 0);
console.log(
  `embed (element) brotli: ${embedBytes.toLocaleString("en")} of ${EMBED_BUDGET.toLocaleString("en")} bytes: ` +
    (embedBytes <= EMBED_BUDGET ? "fits" : `OVER by ${(embedBytes - EMBED_BUDGET).toLocaleString("en")}`),
);
