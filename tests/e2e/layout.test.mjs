// Layout by container (issue #17): the element and the iframe page choose their layout from the
// width they are given, never from the window. In a 650 px column of a 1280 px page they are
// compact (views as tabs, filters in a drawer) with the map inside their box; at 1100 px they
// keep the side-by-side layout; at 320 px they are still usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const ALL_EVENTS = 16;
const column = (width, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>column ${width}</title>
<style>body { margin: 0; } .column { width: ${width}px; margin: 0 auto; }</style>
<script type="module" src="/embed/health-atlas.js"></script></head>
<body><div class="column" id="column">${body}</div></body></html>`;
const element = '<health-atlas id="atlas" lang="en" height="640"></health-atlas>';
const frame = '<iframe id="frame" src="/embed.html?lang=en" title="Health Atlas" width="100%" height="640"></iframe>';

const atlas = useServedAtlas({
  ...(process.env.ATLAS_DIST ? { dist: process.env.ATLAS_DIST } : {}),
  extraFiles: {
    "/favicon.ico": "",
    "/fixtures/650.html": column(650, element),
    "/fixtures/1100.html": column(1100, element),
    "/fixtures/320.html": column(320, element),
    "/fixtures/frame-650.html": column(650, frame),
    "/fixtures/frame-1100.html": column(1100, frame),
  },
});

async function open(path, viewport = { width: 1280, height: 900 }) {
  const context = await atlas.browser.newContext({ locale: "en-US", viewport });
  const tab = await context.newPage();
  const errors = watchForErrors(tab);
  await tab.goto(atlas.server.url + path.replace(/^\//, ""));
  return { context, tab, errors };
}

const box = (locator) => locator.evaluate((node) => node.getBoundingClientRect().toJSON());
const inside = (inner, outer) =>
  inner.left >= outer.left - 1 && inner.top >= outer.top - 1 && inner.right <= outer.right + 1 && inner.bottom <= outer.bottom + 1;

test("in a 650 px column of a 1280 px page the element is compact, and the map fits in its box", async () => {
  const { context, tab, errors } = await open("/fixtures/650.html");
  const host = tab.locator("#atlas");
  await host.locator(".ha-table tbody tr").first().waitFor();
  assert.equal(await host.locator(".ha-app").evaluate((app) => app.classList.contains("ha-compact")), true);
  await host.getByRole("tablist").waitFor();
  assert.equal(await host.locator(".ha-views > .ha-filters, .ha-layout > .ha-filters").count(), 0, "no filter sidebar");
  assert.equal(await host.locator(".ha-drawer").isHidden(), true, "the filters wait in a drawer");

  await host.locator("#ha-tab-map").click();
  const map = host.locator(".ha-map-svg");
  await map.waitFor();
  const [mapBox, hostBox] = [await box(host.locator(".ha-map-canvas")), await box(host)];
  assert.equal(Math.round(hostBox.width), 650);
  assert.ok(inside(mapBox, hostBox), `the map ${JSON.stringify(mapBox)} is inside the element ${JSON.stringify(hostBox)}`);
  assert.ok(mapBox.height >= 200, `the map is ${mapBox.height} px high`);

  // The drawer opens, filters, and closes back to the tabs.
  await host.locator(".ha-filters-button").click();
  await host.locator(".ha-drawer .ha-facet input[data-facet='cat'][data-key='forum']").check();
  await host.locator(".ha-show-results").click();
  await host.locator("#ha-tab-list").click();
  await tab.waitForFunction(() => document.querySelector("#atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a 1100 px container keeps the side-by-side layout, and narrowing the container (not the window) compacts it", async () => {
  const { context, tab, errors } = await open("/fixtures/1100.html");
  const host = tab.locator("#atlas");
  await host.locator(".ha-table tbody tr").first().waitFor();
  assert.equal(await host.getByRole("tablist").count(), 0);
  const [filters, views] = [await box(host.locator(".ha-filters")), await box(host.locator(".ha-views"))];
  assert.ok(filters.right <= views.left + 1, "the filter panel is beside the views");
  assert.ok(Math.abs(filters.top - views.top) < 2, "on the same row");
  assert.equal(await host.locator(".ha-timeline").count(), 1);
  assert.equal(await host.locator(".ha-map").count(), 1);

  await tab.locator("#column").evaluate((column) => column.style.setProperty("width", "600px"));
  await host.getByRole("tablist").waitFor();
  assert.equal(await tab.evaluate(() => window.innerWidth), 1280, "the window did not change");
  await tab.locator("#column").evaluate((column) => column.style.setProperty("width", "1100px"));
  await host.getByRole("tablist").waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("at 320 px the element is compact, nothing overflows sideways, and every view and the drawer work", async () => {
  const { context, tab, errors } = await open("/fixtures/320.html");
  const host = tab.locator("#atlas");
  await host.locator(".ha-table tbody tr").first().waitFor();
  await host.getByRole("tablist").waitFor();
  const overflow = () => host.locator(".ha-embed-root").evaluate((root) => root.scrollWidth - root.clientWidth);
  assert.ok((await overflow()) <= 1, `the list overflows by ${await overflow()} px`);
  for (const view of ["timeline", "map"]) {
    await host.locator(`#ha-tab-${view}`).click();
    await host.locator(`#ha-panel-${view} svg`).first().waitFor();
    assert.ok((await overflow()) <= 1, `${view}: overflows by ${await overflow()} px`);
  }
  await host.locator("#ha-tab-list").click();
  await host.locator(".ha-table tbody tr").first().locator("button").click();
  await host.locator(".ha-card").waitFor();
  await host.locator(".ha-card .ha-close").click();
  await host.locator(".ha-filters-button").click();
  await host.locator(".ha-drawer .ha-facet input[data-facet='cat'][data-key='forum']").check();
  await host.locator(".ha-show-results").click();
  await tab.waitForFunction(() => document.querySelector("#atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the iframe page follows the iframe's width: compact at 650 px, side by side at 1100 px", async () => {
  for (const [path, compact] of [["/fixtures/frame-650.html", true], ["/fixtures/frame-1100.html", false]]) {
    const { context, tab, errors } = await open(path);
    const inner = tab.frameLocator("#frame");
    await inner.locator(".ha-table tbody tr").first().waitFor();
    assert.equal(await inner.locator(".ha-app").evaluate((app) => app.classList.contains("ha-compact")), compact, path);
    assert.equal(await inner.getByRole("tablist").count(), compact ? 1 : 0, path);
    if (!compact) assert.equal(await inner.locator(".ha-table tbody tr").count(), ALL_EVENTS);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
