// trunk post-build hook (Trunk.toml [[hooks]]) for the studio page, studio.html, which trunk
// builds on its own (`trunk build studio.html --dist target/studio-dist`, run by `make build`
// and `make serve` before the atlas's build):
//
// - building studio.html: trunk's inline loader script is replaced by studio-boot.js, a file
//   with this build's hashed names, so the page's strict CSP (no inline script) holds;
// - building index.html: the finished studio files (studio.html, studio-*) are copied from
//   target/studio-dist into the atlas's build, so dist/ and the release bundle have both pages
//   and the atlas's build never compiles the studio. Without them the atlas's build says so.
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const page = basename(process.env.TRUNK_HTML_FILE ?? "index.html");
if (!staging) throw new Error("studio-build: TRUNK_STAGING_DIR (or a directory argument) is required");
export const STUDIO_DIST = resolve(source, "target", "studio-dist");

if (page === "studio.html") {
  const files = readdirSync(staging);
  const glue = files.find((file) => /^studio-[0-9a-f]+\.js$/.test(file));
  const wasm = files.find((file) => /^studio-[0-9a-f]+_bg\.wasm$/.test(file));
  if (!glue || !wasm) throw new Error(`studio-build: no studio glue or wasm in ${staging} (files: ${files.join(", ")})`);
  writeFileSync(
    join(staging, "studio-boot.js"),
    `// Written by scripts/studio-build.mjs: starts the studio's wasm (a file, for the page's CSP).
const bindings = await import(new URL(${JSON.stringify(`./${glue}`)}, import.meta.url).href);
await bindings.default({ module_or_path: new URL(${JSON.stringify(`./${wasm}`)}, import.meta.url).href });
`,
  );
  // trunk names every page it writes index.html; in the atlas's build this one is studio.html.
  const html = readFileSync(join(staging, "index.html"), "utf8");
  const inlineLoader = /<script type="module">[\s\S]*?<\/script>/;
  if (!inlineLoader.test(html)) throw new Error("studio-build: trunk's inline loader script not found in studio.html");
  writeFileSync(join(staging, "studio.html"), html.replace(inlineLoader, '<script type="module" src="studio-boot.js"></script>'));
  rmSync(join(staging, "index.html"));
  console.log(`studio-build: studio.html loads ${glue} through studio-boot.js`);
} else if (existsSync(join(STUDIO_DIST, "studio.html"))) {
  const copied = readdirSync(STUDIO_DIST).filter((file) => /^studio([.-]|$)/.test(file));
  for (const file of copied) copyFileSync(join(STUDIO_DIST, file), join(staging, file));
  console.log(`studio-build: copied the studio (${copied.length} files) from ${STUDIO_DIST}`);
} else {
  console.log(`studio-build: no studio in ${STUDIO_DIST}: build it first (make build does)`);
}
