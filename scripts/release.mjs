// `make release`: the release bundle, from the release build in dist/.
//
//   target/release-bundle/health-atlas-<version>/      the files to upload, as one folder
//   target/release-bundle/health-atlas-<version>.zip   the same folder, zipped (Debian's `zip`)
//
// The folder works unchanged wherever it is put (every URL in it is relative: Trunk.toml's
// public_url, scripts/embed-build.mjs) and from another origin (CORS, DEPLOY.txt). Other
// packagings (the WordPress plugin) copy their files from the folder, not from dist/.
//
// Usage: node scripts/release.mjs [dist] [out-dir]; prints the zip's path.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const out = resolve(process.argv[3] ?? join(root, "target", "release-bundle"));

/** The app's version: the root package's `version` in Cargo.toml. */
function version(cargoToml = readFileSync(join(root, "Cargo.toml"), "utf8")) {
  const match = /\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(cargoToml);
  if (!match) throw new Error("release: no [package] version in Cargo.toml");
  return match[1];
}

const name = `health-atlas-${version()}`;
const stage = join(out, name);
const zip = join(out, `${name}.zip`);

// (basemap/ and search/: fetched after the first paint; without them no land, no pinyin search.)
const required = [
  "index.html", "embed.html", "studio.html", "studio-boot.js", "embed/health-atlas.js", "embed/build.js", "embed/frame.js", "demo/index.html",
  "basemap/world.topo.json", "basemap/china.topo.json", "search/pinyin.bin",
];
for (const file of required) {
  if (!existsSync(join(dist, file))) {
    throw new Error(`release: ${join(dist, file)} is missing: run 'make build' (trunk build --release) first`);
  }
}
const files = readdirSync(dist);
// The later module (the Insights view, the CSV and iCalendar writers, the located reader), hashed by embed-build.mjs.
if (!files.some((file) => /^later-[0-9a-f]+_bg\.wasm$/.test(file))) {
  throw new Error(`release: no later module (later-<hash>_bg.wasm) in ${dist}: run 'make build' first`);
}
if (!files.some((file) => /_bg\.wasm$/.test(file))) throw new Error(`release: no wasm in ${dist}`);
// A build made without Trunk.toml's public_url asks for its files at the site's root.
for (const page of ["index.html", "embed.html", "studio.html"]) {
  const html = readFileSync(join(dist, page), "utf8");
  const rooted = /(?:href|src|module_or_path)\s*[=:]\s*['"]?\/(?!\/)[^'"\s>]*/.exec(html);
  if (rooted) throw new Error(`release: ${page} has a root-relative URL (${rooted[0]}): the bundle must work from any folder`);
}

rmSync(stage, { recursive: true, force: true });
rmSync(zip, { force: true });
mkdirSync(stage, { recursive: true });
cpSync(dist, stage, { recursive: true });
// The events as a file next to the app: a site edits or replaces it and points the atlas at it
// (src="events.json"), without rebuilding.
cpSync(join(root, "data", "events.json"), join(stage, "events.json"));
writeFileSync(join(stage, "DEPLOY.txt"), readFileSync(join(root, "docs", "DEPLOY.txt"), "utf8").replaceAll("{version}", version()));

try {
  execFileSync("zip", ["-q", "-r", "-X", zip, name], { cwd: out, stdio: ["ignore", "inherit", "inherit"] });
} catch (error) {
  if (error.code === "ENOENT") throw new Error("release: the `zip` command is missing (Debian: apt-get install zip)");
  throw error;
}
console.log(`release: ${stage}/ and ${zip}`);
