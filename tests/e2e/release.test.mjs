// The release bundle (issue #17): `scripts/release.mjs` zips the build; the unzipped folder
// works unchanged from the site root, /atlas/ and /wp-content/uploads/health-atlas/ (every URL
// in it is relative), and from another origin with the CORS headers and CSP lines docs/deploy.md
// gives; embed/autosize.js sizes an iframe to its content, checking who asks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchBrowser, serveDist, watchForErrors } from "./support.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const DIST = resolve(process.env.ATLAS_DIST ?? process.env.E2E_DIST ?? join(ROOT, "dist"));
const VERSION = /\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))[1];
const ALL_EVENTS = 16;
const CORS = { "access-control-allow-origin": "*" };

let work;
let bundle;
let browser;
before(async () => {
  work = mkdtempSync(join(tmpdir(), "atlas-release-"));
  execFileSync("node", [join(ROOT, "scripts/release.mjs"), DIST, join(work, "out")], { stdio: "ignore" });
  // What a site owner does: unzip the archive and upload the folder.
  execFileSync("unzip", ["-q", join(work, "out", `health-atlas-${VERSION}.zip`), "-d", join(work, "unzipped")]);
  bundle = join(work, "unzipped", `health-atlas-${VERSION}`);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the zip holds the app, the iframe page, the element, its types, the demo, the studio, the events and the deploy note", () => {
  for (const file of [
    "index.html", "embed.html", "studio.html", "studio-boot.js", "embed/health-atlas.js", "embed/health-atlas.css", "embed/build.js", "embed/frame.js",
    "embed/autosize.js", "embed/health-atlas.d.ts", "demo/index.html", "events.json", "DEPLOY.txt",
    // Fetched after the first paint (issue #23).
    "basemap/world.topo.json", "basemap/china.topo.json", "search/pinyin.bin",
  ]) {
    assert.ok(existsSync(join(bundle, file)), `${file} is in the bundle`);
  }
  const note = readFileSync(join(bundle, "DEPLOY.txt"), "utf8");
  assert.match(note, new RegExp(`Health Atlas ${VERSION.replaceAll(".", "\\.")}`));
  assert.match(note, /application\/wasm/);
  assert.match(note, /Access-Control-Allow-Origin/);
  for (const page of ["index.html", "embed.html", "studio.html"]) {
    const html = readFileSync(join(bundle, page), "utf8");
    assert.doesNotMatch(html, /(?:href|src)=["']?\/[^/]/, `${page} asks for nothing at the site's root`);
  }
});

/** Opens `url` and records console errors and every failed request. */
async function open(url, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale: "en-US", viewport });
  const tab = await context.newPage();
  const errors = watchForErrors(tab);
  tab.on("response", (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  tab.on("requestfailed", (request) => errors.push(`failed ${request.url()}`));
  await tab.goto(url);
  return { context, tab, errors };
}

const rows = (scope) => scope.locator(".ha-table tbody tr");

for (const prefix of ["/", "/atlas/", "/wp-content/uploads/health-atlas/"]) {
  test(`the unzipped bundle works from ${prefix}: the app, the iframe page and the demo's element and iframe`, async () => {
    const server = await serveDist({ dist: bundle, prefix });
    try {
      for (const page of ["index.html", "embed.html"]) {
        const { context, tab, errors } = await open(server.url + page);
        await rows(tab).first().waitFor();
        assert.equal(await rows(tab).count(), ALL_EVENTS, page);
        // Interactive: a category filter narrows the list.
        await tab.locator(".ha-facet input[data-facet='cat'][data-key='forum']").check();
        await tab.waitForFunction(() => document.querySelectorAll(".ha-table tbody tr").length === 2);
        assert.deepEqual(errors, [], `${prefix}${page}`);
        await context.close();
      }
      const { context, tab, errors } = await open(`${server.url}demo/`);
      const element = tab.locator("#atlas");
      await rows(element).first().waitFor();
      assert.equal(await rows(element).count(), ALL_EVENTS);
      await rows(element).first().locator("button").click();
      await element.locator(".ha-card").waitFor();
      const frame = tab.frameLocator("#atlas-frame");
      await rows(frame).first().waitFor();
      await rows(frame).first().locator("button").click();
      await frame.locator(".ha-card").waitFor();
      // The card's permalink opens the bundle's own page, in its folder.
      assert.ok((await element.locator(".ha-card .ha-permalink").getAttribute("href")).startsWith(`${server.url}index.html#`));
      assert.deepEqual(errors, [], `${prefix}demo/`);
      await context.close();
    } finally {
      await server.close();
    }
  });
}

/** A host page on one origin embedding the bundle served from `atlas` (another origin). */
function hostPage(atlas) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${atlas.origin} 'wasm-unsafe-eval'`,
    `style-src 'self' ${atlas.origin}`,
    `connect-src 'self' ${atlas.origin}`,
    `frame-src 'self' ${atlas.origin}`,
  ].join("; ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>another site</title>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<script type="module" src="${atlas.url}embed/health-atlas.js"></script>
<script src="${atlas.url}embed/autosize.js" defer></script></head>
<body>
<health-atlas id="element" lang="en" height="600"></health-atlas>
<iframe id="frame" src="${atlas.url}embed.html?lang=en&amp;view=list" title="Health Atlas" width="600" height="400"></iframe>
<iframe id="other" src="/other.html" title="another frame" width="300" height="100"></iframe>
<iframe id="moved" src="${atlas.url}embed.html?lang=en&amp;view=list" title="moved" width="320" height="150"></iframe>
</body></html>`;
}

// Another frame on the host page that claims to be the atlas.
const OTHER_FRAME = `<!doctype html><html><head><script src="/other.js"></script></head><body>other</body></html>`;
const OTHER_SCRIPT = `setInterval(() => parent.postMessage({ type: "health-atlas:height", height: 5000 }, "*"), 50);`;

test("from another origin (CORS and the host's CSP lines): the element and the iframe run, and the iframe grows to fit", async () => {
  const atlas = await serveDist({ dist: bundle, prefix: "/atlas/", headers: CORS });
  const pages = {};
  const host = await serveDist({ dist: bundle, prefix: "/nothing-here/", extraFiles: pages });
  Object.assign(pages, {
    "/page.html": hostPage(atlas),
    "/other.html": OTHER_FRAME,
    "/other.js": OTHER_SCRIPT,
    "/favicon.ico": "",
  });
  try {
    const { context, tab, errors } = await open(`${host.origin}/page.html`);
    const element = tab.locator("#element");
    await rows(element).first().waitFor();
    assert.equal(await rows(element).count(), ALL_EVENTS);
    // The files fetched after the first paint come from the atlas's origin too (CORS, connect-src).
    await tab.waitForFunction(() => document.querySelector("#element").shadowRoot.querySelectorAll(".ha-basemap-country").length > 50);
    await element.locator(".ha-facet input[data-facet='cat'][data-key='forum']").check();
    await tab.waitForFunction(() => document.querySelector("#element").shadowRoot.querySelectorAll(".ha-table tbody tr").length === 2);
    // The Insights view's module comes from the atlas's origin on first use (script-src, CORS),
    // and its legend sets the element's filters.
    await tab.evaluate(() => document.querySelector("#element").setAttribute("view", "insights"));
    await element.locator(".ha-bars .ha-bar").first().waitFor();
    const categories = () => tab.evaluate(() => document.querySelector("#element").getFilters().categories.join());
    const before = await categories();
    await element.locator(".ha-legend-entry.ha-cat-forum").click();
    await tab.waitForFunction(
      (before) => document.querySelector("#element").getFilters().categories.join() !== before,
      before,
    );
    await tab.evaluate(() => document.querySelector("#element").setAttribute("view", "combined"));
    await rows(element).first().waitFor();

    const frame = tab.frameLocator("#frame");
    await rows(frame).first().waitFor();
    // The frame reports its content's height and autosize.js sets it: taller than the 400 px
    // it was given (the list of 16 events is), and the same as the content inside.
    await tab.waitForFunction(() => document.querySelector("#frame").getBoundingClientRect().height > 400);
    // (clientHeight: the iframe's own box, without its border.)
    const heights = () =>
      Promise.all([
        tab.locator("#frame").evaluate((node) => node.clientHeight),
        frame.locator("body").evaluate((body) => Math.ceil(body.getBoundingClientRect().height)),
      ]);
    const fits = async () => {
      let [outer, inner] = await heights();
      for (let attempt = 0; attempt < 30 && Math.abs(outer - inner) > 1; attempt += 1) {
        await tab.waitForTimeout(100);
        [outer, inner] = await heights();
      }
      assert.ok(Math.abs(outer - inner) <= 1, `iframe ${outer} px for content of ${inner} px`);
      return outer;
    };
    const fitted = await fits();
    assert.ok(fitted > 400 && fitted < 5000, `${fitted} px`);
    await rows(frame).first().locator("button").click();
    await frame.locator(".ha-card").waitFor();
    await fits();

    // The other frame's messages (right shape, wrong source or origin) resize nothing, nor
    // does the page posting to itself.
    await tab.evaluate(() => window.postMessage({ type: "health-atlas:height", height: 7000 }, "*"));
    await tab.waitForTimeout(300);
    const after = await fits();
    assert.ok(after < 5000, `${after} px`);
    assert.equal(await tab.locator("#other").evaluate((node) => node.clientHeight), 100);
    // An atlas iframe out of view is sized too (Chromium pauses its ResizeObserver); once
    // navigated to another origin (its src unchanged), that page's messages are ignored.
    await tab.waitForFunction(() => document.querySelector("#moved").clientHeight > 150);
    await tab.evaluate((url) => (document.querySelector("#moved").contentWindow.location.href = url), `${host.origin}/other.html`);
    for (let attempt = 0; attempt < 50 && tab.frames().filter((each) => each.url().endsWith("/other.html")).length < 2; attempt += 1) {
      await tab.waitForTimeout(100);
    }
    assert.equal(tab.frames().filter((each) => each.url().endsWith("/other.html")).length, 2, "the frame moved");
    const moved = await tab.locator("#moved").evaluate((node) => node.clientHeight);
    await tab.waitForTimeout(500);
    assert.equal(await tab.locator("#moved").evaluate((node) => node.clientHeight), moved);
    assert.ok(moved < 5000, `${moved} px`);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await atlas.close();
    await host.close();
  }
});

test("without CORS headers the cross-origin element cannot start, and says so", async () => {
  const atlas = await serveDist({ dist: bundle, prefix: "/atlas/" });
  const pages = {};
  const host = await serveDist({ dist: bundle, prefix: "/nothing-here/", extraFiles: pages });
  pages["/page.html"] = `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script type="module" src="${atlas.url}embed/health-atlas.js"></script></head>
<body><health-atlas lang="en"></health-atlas></body></html>`;
  try {
    const { context, tab } = await open(`${host.origin}/page.html`);
    // The module script itself is refused: the element is never defined, and the light DOM
    // (the pre-rendered list, here empty) is all a visitor gets. docs/deploy.md says why.
    await tab.waitForTimeout(500);
    assert.equal(await tab.evaluate(() => customElements.get("health-atlas") === undefined), true);
    await context.close();
  } finally {
    await atlas.close();
    await host.close();
  }
});
