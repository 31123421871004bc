// Issue #23's payload split: the first render needs only the wasm, its glue and the
// stylesheets; the built-in basemap and the pinyin table are files of the build fetched after
// the first paint, from the build's own folder, under a strict CSP. Here they are held back
// until the first render is checked, then let through.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>host</title>
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<script type="module" src="/atlas/embed/health-atlas.js"></script></head>
<body><health-atlas lang="en" view="combined"></health-atlas></body></html>`;

const atlas = useServedAtlas({ prefix: "/atlas/", extraFiles: { "/host.html": HOST } });
const LATER = /\/atlas\/(basemap\/(world|china)\.topo\.json|search\/pinyin\.bin)$/;

test("the element renders, and searches in Chinese, before the basemap and the pinyin table arrive; they then apply", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 1000 } });
  const errors = watchForErrors(page);
  const held = [];
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(LATER, async (route) => {
    held.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });
  await page.goto(`${atlas.server.url.replace(/\/atlas\/$/, "")}/host.html`);
  const element = page.locator("health-atlas");
  const rows = element.locator(".ha-table tbody tr");
  await rows.first().waitFor();
  assert.equal(await rows.count(), 16);
  await element.locator(".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker").first().waitFor();
  await element.locator(".ha-timeline [data-event-id]").first().waitFor();
  assert.equal(await element.locator(".ha-basemap-country").count(), 0, "no land yet");
  assert.equal(await element.locator(".ha-basemap-failed").count(), 0, "not an error either");

  // Chinese characters need no table; the initials of 长春 (cc) do.
  const search = element.locator(".ha-search input");
  await search.fill("长春");
  await page.waitForFunction(() => {
    const rows = [...document.querySelector("health-atlas").shadowRoot.querySelectorAll(".ha-table tbody tr")];
    return rows.length > 0 && rows.length < 16;
  });
  const changchun = await rows.count();
  await search.fill("cc");
  await page.waitForFunction(() => document.querySelector("health-atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length === 0);
  assert.ok(held.includes("/atlas/search/pinyin.bin"), `asked for after the first paint: ${held.join(", ")}`);

  release();
  // The search typed before runs again with pinyin, without a keystroke.
  await page.waitForFunction(() => document.querySelector("health-atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length > 0);
  await search.fill("changchun");
  await page.waitForFunction(
    (count) => document.querySelector("health-atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length === count,
    changchun,
  );
  const ids = await rows.evaluateAll((list) => list.map((row) => row.dataset.eventId ?? row.textContent));
  assert.ok(ids.some((id) => /changchun|Changchun/.test(id)), ids.join(", "));
  await page.waitForFunction(() => document.querySelector("health-atlas").shadowRoot.querySelectorAll(".ha-basemap-country").length > 50);
  assert.equal(await element.locator(".ha-basemap-province").count(), 34);
  assert.deepEqual(held.sort(), ["/atlas/basemap/china.topo.json", "/atlas/basemap/world.topo.json", "/atlas/search/pinyin.bin"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a basemap that cannot be fetched is named above the map, and the points and search still work", async () => {
  const page = await atlas.browser.newPage({ locale: "fr-FR", viewport: { width: 1280, height: 1000 } });
  await page.route(/\/atlas\/basemap\/world\.topo\.json$/, (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto(`${atlas.server.url}embed.html?lang=fr`);
  const alert = page.locator(".ha-map .ha-basemap-failed[role='alert']");
  await alert.waitFor();
  // In the reader's language, naming the file and the reason.
  assert.match(await alert.textContent(), /^Les pays et frontières de la carte n’ont pas pu être chargés/);
  assert.match(await alert.textContent(), /basemap\/world\.topo\.json/);
  assert.match(await alert.textContent(), /404/);
  await page.locator(".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker").first().waitFor();
  assert.equal(await page.locator(".ha-basemap-country").count(), 0);
  await page.locator(".ha-search input").fill("changchun");
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll(".ha-table tbody tr").length;
    return rows > 0 && rows < 16;
  });
  await page.close();
});

// The Insights view is a wasm module of its own: not part of the first render, fetched from
// the build (hashed names, from embed/build.js) when a reader first opens the view, under the
// same strict CSP, inside the element's shadow root, and working with the atlas around it.
test("the Insights module is fetched only when the view opens, and its charts filter the element", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 1000 } });
  // Errors of the page, but the host page's own missing favicon.
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  const requested = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${atlas.server.url.replace(/\/atlas\/$/, "")}/host.html`);
  const element = page.locator("health-atlas");
  await element.locator(".ha-table tbody tr").first().waitFor();
  await element.locator(".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker").first().waitFor();
  const module = /^\/atlas\/later-[0-9a-f]{16}(_bg\.wasm|\.js)$/;
  assert.deepEqual(requested.filter((path) => module.test(path)), [], "not before the view opens");

  await element.locator(".ha-insights-switch").click();
  await element.locator(".ha-bars .ha-bar").first().waitFor();
  assert.equal(requested.filter((path) => module.test(path)).length, 2, requested.join(", "));
  // A legend entry asks the atlas for the filter: the element's filters and its list follow,
  // once (two trees on one page must not both take the click).
  await element.locator(".ha-legend-entry.ha-cat-forum").click();
  await page.waitForFunction(() => document.querySelector("health-atlas").getFilters().categories.length === 1);
  assert.deepEqual(await page.evaluate(() => document.querySelector("health-atlas").getFilters().categories), ["forum"]);
  await element.locator(".ha-legend-entry.ha-cat-forum[aria-pressed='true']").waitFor();
  // Back to the three views: they show the filtered events; the module is not fetched again.
  await element.locator(".ha-insights-switch").click();
  await element.locator(".ha-table tbody tr").first().waitFor();
  const forums = await element.locator(".ha-table tbody tr").count();
  assert.ok(forums > 0 && forums < 16, `${forums} forums`);
  await element.locator(".ha-insights-switch").click();
  await element.locator(".ha-legend-entry.ha-cat-forum[aria-pressed='true']").waitFor();
  assert.equal(requested.filter((path) => module.test(path)).length, 2, "fetched once");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an Insights module that cannot be fetched is said in the reader's language; the atlas goes on", async () => {
  const page = await atlas.browser.newPage({ locale: "fr-FR", viewport: { width: 1280, height: 1000 } });
  await page.route(/\/atlas\/later-[0-9a-f]{16}_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto(`${atlas.server.url}index.html?lang=fr#v=1&view=insights`);
  const alert = page.locator(".ha-insights-host [role='alert']");
  await alert.waitFor();
  assert.match(await alert.textContent(), /^Les graphiques n'ont pas pu être chargés :/);
  await page.locator(".ha-insights-switch").click();
  await page.locator(".ha-table tbody tr").first().waitFor();
  assert.equal(await page.locator(".ha-table tbody tr").count(), 16);
  await page.close();
});
