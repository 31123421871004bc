// scripts/embed-build.mjs on its own (no browser): the pre-rendered list keeps event text
// exactly, `$'`, `$$`, `$&` and `` $` `` included (String.replace with a string would
// expand them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const script = resolve(import.meta.dirname, "../../scripts/embed-build.mjs");

test("event text with $' and $$ reaches the pre-rendered list unchanged", () => {
  const root = mkdtempSync(join(tmpdir(), "embed-build-"));
  try {
    const staging = join(root, "staging");
    const source = join(root, "source");
    mkdirSync(staging);
    mkdirSync(join(source, "data"), { recursive: true });
    const title = "Fund of US$$5 M: $' and $& and $` stay";
    writeFileSync(
      join(source, "data", "events.json"),
      JSON.stringify({ schema_version: 1, events: [{ id: "a", title: { en: title }, start: "2024-01-02", places: [] }] }),
    );
    const page = `<!doctype html><html><head></head><body><noscript><!-- health-atlas:prerendered --></noscript>
<script type="module">import init from "./health-atlas-0123abcd.js"; init();</script><p>after</p></body></html>`;
    writeFileSync(join(staging, "index.html"), page);
    for (const file of ["health-atlas-0123abcd.js", "health-atlas-0123abcd_bg.wasm", "atlas-0123abcd.css", "later.js"]) {
      writeFileSync(join(staging, file), "");
    }
    writeFileSync(join(staging, "later_bg.wasm"), "the module's bytes");
    execFileSync(process.execPath, [script], {
      env: { ...process.env, TRUNK_STAGING_DIR: staging, TRUNK_SOURCE_DIR: source },
    });
    for (const name of ["index.html", "embed.html"]) {
      const written = readFileSync(join(staging, name), "utf8");
      assert.ok(written.includes("Fund of US$$5 M: $&#39; and $&#38; and $` stay"), `${name}: ${written}`);
      assert.equal(written.split("<p>after</p>").length, 2, `${name}: the page after the marker appears once`);
      assert.ok(!written.includes("health-atlas:prerendered"), name);
    }
    // The later module (trunk names a "worker" without a hash) gets its hash, which
    // embed/build.js names; a second run on the finished files changes nothing.
    const hashed = (files) => files.filter((file) => /^later/.test(file)).sort();
    const modules = hashed(readdirSync(staging));
    assert.equal(modules.length, 2, modules.join(", "));
    assert.match(modules[0], /^later-[0-9a-f]{16}\.js$/);
    assert.equal(modules[1], modules[0].replace(/\.js$/, "_bg.wasm"));
    const names = readFileSync(join(staging, "embed", "build.js"), "utf8");
    assert.ok(names.includes(`"../${modules[0]}"`) && names.includes(`"../${modules[1]}"`), names);
    execFileSync(process.execPath, [script], {
      env: { ...process.env, TRUNK_STAGING_DIR: staging, TRUNK_SOURCE_DIR: source },
    });
    assert.deepEqual(hashed(readdirSync(staging)), modules);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
