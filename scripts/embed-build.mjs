// trunk post-build hook (Trunk.toml [[hooks]]): finishes the embed files in trunk's staging
// directory, so `trunk build` and `trunk serve` both produce them.
//
// 1. embed/build.js: the hashed names trunk gave the wasm glue, the wasm and the stylesheet,
//    for the element script (embed/health-atlas.js) and the iframe page's loader, which are
//    static files and cannot know them. URLs are relative to build.js, so the embed works
//    from any origin or sub-path.
// 2. embed.html: the iframe page, a copy of index.html whose inline loader script trunk
//    injects is replaced by embed/frame.js (a strict CSP forbids inline scripts).
// 3. The pre-rendered plain list of the events (from data/events.json) for crawlers and
//    visitors without JavaScript: into index.html's and embed.html's <noscript>, and into
//    the demo page's <health-atlas> element (its light DOM, hidden once the element runs).
//
// Every dataset string is HTML-escaped here; the list holds no links.
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync, renameSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!staging) throw new Error("embed-build: TRUNK_STAGING_DIR (or a directory argument) is required");
// The studio page is built by a trunk run of its own (scripts/studio-build.mjs); the embed
// belongs to the atlas's build.
if ((process.env.TRUNK_HTML_FILE ?? "").endsWith("studio.html")) process.exit(0);
const MARKER = "<!-- health-atlas:prerendered -->";

const files = readdirSync(staging);
const find = (pattern, what) => {
  const name = files.find((file) => pattern.test(file));
  if (!name) throw new Error(`embed-build: no ${what} in ${staging} (files: ${files.join(", ")})`);
  return name;
};
const glue = find(/^health-atlas-[0-9a-f]+\.js$/, "wasm-bindgen glue (health-atlas-*.js)");
const wasm = find(/^health-atlas-[0-9a-f]+_bg\.wasm$/, "wasm (health-atlas-*_bg.wasm)");
const css = find(/^atlas-[0-9a-f]+\.css$/, "stylesheet (atlas-*.css)");

// The module of what the first render does not need (a trunk "worker", so trunk names it
// without a hash): hashed here as trunk hashes the app's files, so a browser never pairs a
// cached module with a newer app.
const hashed = (name) => {
  if (/^later-[0-9a-f]+(_bg\.wasm|\.js)$/.test(name)) return name;
  const hash = createHash("sha256").update(readFileSync(join(staging, "later_bg.wasm"))).digest("hex").slice(0, 16);
  const renamed = name.replace(/^later/, `later-${hash}`);
  renameSync(join(staging, name), join(staging, renamed));
  return renamed;
};
const laterWasmFile = files.find((file) => /^later(-[0-9a-f]+)?_bg\.wasm$/.test(file));
const laterGlueFile = files.find((file) => /^later(-[0-9a-f]+)?\.js$/.test(file));
if (!laterWasmFile || !laterGlueFile) throw new Error(`embed-build: no later module (later.js, later_bg.wasm) in ${staging}`);
// The glue first: its hash is the wasm's, read before the wasm is renamed.
const laterGlue = hashed(laterGlueFile);
const laterWasm = hashed(laterWasmFile);

mkdirSync(join(staging, "embed"), { recursive: true });
const url = (path) => `new URL(${JSON.stringify(path)}, import.meta.url).href`;
writeFileSync(
  join(staging, "embed", "build.js"),
  `// Written by scripts/embed-build.mjs at build time: this build's hashed file names.
export const glue = ${url(`../${glue}`)};
export const wasm = ${url(`../${wasm}`)};
export const styles = [${url(`../${css}`)}, ${url("./health-atlas.css")}];
export const laterGlue = ${url(`../${laterGlue}`)};
export const laterWasm = ${url(`../${laterWasm}`)};
`,
);

const escape = (text) =>
  String(text ?? "").replace(/[&<>"']/g, (character) => `&#${character.codePointAt(0)};`);
const english = (localized) => (localized && (localized.en ?? Object.values(localized)[0])) || "";
const dataset = JSON.parse(readFileSync(join(source, "data", "events.json"), "utf8"));
const events = [...(dataset.events ?? [])].sort(
  (a, b) => String(a.start).localeCompare(String(b.start)) || String(a.id).localeCompare(String(b.id)),
);
const items = events.map((event) => {
  const dates = event.end && event.end !== event.start ? `${event.start} – ${event.end}` : event.start;
  const places = (event.places ?? [])
    .map((place) => [english(place.city) || english(place.name), place.country].filter(Boolean).join(", "))
    .join("; ");
  return `<li><time datetime="${escape(event.start)}">${escape(dates)}</time> ${escape(english(event.title))}${
    places ? ` <span>(${escape(places)})</span>` : ""
  }</li>`;
});
const list = `<ul class="ha-prerendered">\n${items.join("\n")}\n</ul>`;

const inject = (path) => {
  const text = readFileSync(path, "utf8");
  // Run again on a finished build (by hand): the list is already there.
  if (text.includes('class="ha-prerendered"')) return;
  if (!text.includes(MARKER)) throw new Error(`embed-build: ${path} has no ${MARKER}`);
  // split/join, not replace(MARKER, list): a replacement string expands `$&`, `$'`, `` $` ``
  // and `$$`, which event text may hold (`US$$5`, or `$'` re-emitting the page).
  writeFileSync(path, text.split(MARKER).join(list));
};

const index = readFileSync(join(staging, "index.html"), "utf8");
const inlineLoader = /<script type="module">[\s\S]*?<\/script>/;
if (!inlineLoader.test(index)) throw new Error("embed-build: trunk's inline loader script not found in index.html");
const frame = index
  .replace("<html", '<html class="ha-frame"')
  .replace(inlineLoader, '<script type="module" src="embed/frame.js"></script>');
writeFileSync(join(staging, "embed.html"), frame);
inject(join(staging, "embed.html"));
inject(join(staging, "index.html"));
const demo = join(staging, "demo", "index.html");
if (existsSync(demo)) inject(demo);
console.log(`embed-build: embed/build.js (${glue}), embed.html, ${events.length} pre-rendered events`);
