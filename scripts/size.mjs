// Prints the release payload in dist/ as raw / gzip / brotli bytes (max compression),
// using Node's built-in zlib so no extra tool is needed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const kinds = /\.(wasm|js|css|html|json|bin)$/;
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

// The embed's budget (issue #8): what a host page downloads for <health-atlas> before its first
// render: the element script and its stylesheet, build.js, the wasm and its glue, the app
// stylesheet. Not the demo pages. Issue #23 aims lower (the goal). The files the app fetches
// after the first paint (the built-in basemap, the pinyin table) come on top: "total".
const EMBED_BUDGET = 400_000;
const FIRST_RENDER_GOAL = 300_000;
const firstRender = (path) =>
  /^(health-atlas-[0-9a-f]+(_bg\.wasm|\.js)|atlas-[0-9a-f]+\.css|embed\/(health-atlas\.(js|css)|build\.js)|snippets\/health-atlas-[^/]+\/.+\.js)$/.test(path);
// The module of what the first render does not need: fetched the first time a reader opens
// the Insights view or downloads a CSV or iCalendar file.
const onFirstUse = (path) => /^later-[0-9a-f]+(_bg\.wasm|\.js)$/.test(path);
const later = (path) => /^(basemap\/[^/]+\.topo\.json|search\/pinyin\.bin)$/.test(path);
const sum = (keep) => [...brotliOf].filter(([path]) => keep(path)).reduce((total, [, bytes]) => total + bytes, 0);
const first = sum(firstRender);
const lazily = sum(later);
const insights = sum(onFirstUse);
const bytes = (count) => count.toLocaleString("en");
console.log(
  `embed (element) first render, brotli: ${bytes(first)} of ${bytes(EMBED_BUDGET)} bytes: ` +
    (first <= EMBED_BUDGET ? "fits" : `OVER by ${bytes(first - EMBED_BUDGET)}`) +
    ` (goal ${bytes(FIRST_RENDER_GOAL)}: ` +
    (first <= FIRST_RENDER_GOAL ? "met" : `${bytes(first - FIRST_RENDER_GOAL)} to go`) +
    ")",
);
console.log(
  `embed (element) total, brotli: ${bytes(first + lazily)} (${bytes(lazily)} fetched after the first paint: the basemap, the pinyin table)`,
);
console.log(
  `embed (element) on first use, brotli: ${bytes(insights)} (the later module: the Insights view, the CSV and iCalendar writers, the located problems of a refused dataset)`,
);

// The studio page (studio.html, issue #19): its own wasm, glue, loader and stylesheet, which
// the atlas and the embed never load. Its preview loads the element on top (the figures above).
const studio = (path) => /^studio(\.html|-boot\.js|-[0-9a-f]+(_bg\.wasm|\.js|\.css))$/.test(path);
const studioFiles = [...brotliOf.keys()].filter(studio);
if (studioFiles.length > 0) {
  console.log(`studio page, brotli: ${bytes(sum(studio))} (${studioFiles.join(", ")}; its preview adds the element's first render)`);
} else {
  console.log("studio page: not in this build (make build builds it)");
}
