// The map in the browser: the embedded basemap with the network blocked, clusters that zoom in
// and split, a list for events at one place, markers that open the card and bring the event
// into the timeline, selection elsewhere panning the map, and a maintainer's own GeoJSON
// basemap (basemap= on the page and on the element; a bad file keeps the built-in one).
// ATLAS_DIST=/path/to/dist runs against another build than dist/ (a private build while
// others rebuild dist/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const basemap = JSON.parse(readFileSync(new URL("./fixtures/basemap.geojson", import.meta.url), "utf8"));
// The second feature's geometry type misspelt: the file is refused with its feature named.
const badBasemap = structuredClone(basemap);
badBasemap.features[1].geometry.type = "Polygn";

const atlas = useServedAtlas({
  ...(process.env.ATLAS_DIST ? { dist: process.env.ATLAS_DIST } : {}),
  extraFiles: {
    // Browsers ask every page for one; the element's host page has no icon of its own.
    "/favicon.ico": "",
    "/fixtures/basemap.geojson": JSON.stringify(basemap),
    "/fixtures/bad-basemap.geojson": JSON.stringify(badBasemap),
    "/fixtures/element.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<script type="module" src="/embed/health-atlas.js"></script></head>
<body><health-atlas lang="en" view="map" basemap="/fixtures/basemap.geojson"></health-atlas></body></html>`,
  },
});

const mapZoom = async (page) => Number(await page.locator(".ha-map-svg").getAttribute("data-zoom"));
const clusterCounts = (page) =>
  page.locator(".ha-map-svg .ha-cluster").evaluateAll((clusters) => clusters.map((cluster) => Number(cluster.dataset.count)).sort((a, b) => a - b));
// Every event has one category, so the category counts add up to the events counted.
const categoryCountSum = (page) =>
  page.locator(".ha-facet[data-facet='cat'] .ha-count").evaluateAll((counts) => counts.reduce((sum, count) => sum + Number(count.textContent), 0));
const timelineIds = (page) => page.locator(".ha-timeline-svg .ha-item").evaluateAll((items) => items.map((item) => item.dataset.eventId));

async function openAtlas({ blockOtherOrigins = false } = {}) {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 1000 } });
  const errors = watchForErrors(page);
  const refused = [];
  if (blockOtherOrigins) {
    const origin = new URL(atlas.server.url).origin;
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin) return route.continue();
      refused.push(url.href);
      return route.abort("internetdisconnected");
    });
  }
  await page.goto(atlas.server.url);
  await page.locator(".ha-map-svg .ha-cluster").first().waitFor();
  return { page, errors, refused };
}

test("the basemap renders from the app itself with every other origin blocked", async () => {
  const { page, errors, refused } = await openAtlas({ blockOtherOrigins: true });
  // The initial view fits the data: China and the partner city in Bosnia and Herzegovina. The
  // basemap is a file of the build, fetched after the first paint.
  await page.waitForFunction(() => document.querySelectorAll(".ha-basemap .ha-basemap-country").length > 50);
  const countries = await page.locator(".ha-basemap .ha-basemap-country").count();
  const provinces = await page.locator(".ha-basemap .ha-basemap-province").count();
  assert.ok(countries > 50, `${countries} countries drawn`);
  assert.equal(provinces, 34, "all of China's provincial-level divisions are in view");
  const labels = await page.locator(".ha-map-labels text").allTextContents();
  assert.ok(labels.includes("China") && labels.includes("Mongolia"), labels.join(", "));
  await page.locator(".ha-map-svg .ha-map-marker[data-event-id='yrd-balkan-biomed-center-launch-2023']").waitFor();
  assert.match(await page.locator(".ha-map-attribution").textContent(), /Natural Earth · Apache ECharts/);
  assert.deepEqual(refused, [], "the page asked nothing of any other origin");
  assert.deepEqual(errors, []);
  await page.close();
});

test("clicking a cluster zooms in until it splits; events at one place open as a list", async () => {
  const { page, errors } = await openAtlas();
  const zoomBefore = await mapZoom(page);
  const countsBefore = await clusterCounts(page);
  // Shanghai and Wuxi, 130 km apart, are one cluster at the initial zoom.
  const biggest = Math.max(...countsBefore);
  assert.ok(biggest >= 9, `counts ${countsBefore}`);
  await page.locator(`.ha-map-svg .ha-cluster[data-count='${biggest}']`).click();
  await page.waitForFunction((zoom) => Number(document.querySelector(".ha-map-svg")?.dataset.zoom) > zoom, zoomBefore);
  await page.waitForFunction(
    (biggest) => ![...document.querySelectorAll(".ha-map-svg .ha-cluster")].some((cluster) => Number(cluster.dataset.count) === biggest),
    biggest,
  );
  const countsAfter = await clusterCounts(page);
  assert.ok(countsAfter.includes(4), `Wuxi's four events: ${countsAfter}`);

  // Wuxi's four events share one place: its cluster lists them instead of zooming.
  const zoomAfter = await mapZoom(page);
  await page.locator(".ha-map-svg .ha-cluster-place[data-count='4']").click();
  const items = page.locator(".ha-map-popover .ha-map-popover-item");
  await items.first().waitFor();
  assert.equal(await items.count(), 4);
  assert.equal(await mapZoom(page), zoomAfter, "listing does not zoom");
  await page.locator(".ha-map-popover-item[data-event-id='tbhc-2023-signings']").click();
  await page.locator(".ha-card[data-event-id='tbhc-2023-signings']").waitFor();
  await page.locator(".ha-map-svg .ha-cluster-selected[data-count='4']").waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("clicking a marker opens its card and brings it into the timeline; hovering it highlights the list row", async () => {
  const { page, errors } = await openAtlas();
  const id = "yrd-balkan-biomed-center-launch-2023";
  // Zoom the timeline into its start (2017), so the December 2023 event is out of its view.
  const timeline = await page.locator(".ha-timeline-canvas").boundingBox();
  await page.mouse.move(timeline.x + 4, timeline.y + timeline.height / 2);
  for (let step = 0; step < 4; step++) await page.mouse.wheel(0, -400);
  await page.waitForFunction(() => document.querySelector(".ha-timeline-svg")?.dataset.unit !== "Years(1)");
  assert.ok(!(await timelineIds(page)).includes(id), "out of the timeline's view before the click");

  const marker = page.locator(`.ha-map-svg .ha-map-marker[data-event-id='${id}']`);
  await marker.hover();
  await page.locator(`tr.ha-row-hovered[data-event-id='${id}']`).waitFor();
  await marker.click();
  await page.locator(`.ha-card[data-event-id='${id}']`).waitFor();
  await page.locator(`.ha-timeline-svg .ha-item-selected[data-event-id='${id}']`).waitFor();
  await page.locator(`.ha-map-svg .ha-map-marker-selected[data-event-id='${id}']`).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("selecting an event in the list pans the map to it and marks the cluster holding it", async () => {
  const { page, errors } = await openAtlas();
  // Zoom far in around the middle of the initial view (Central Asia): no event is in view.
  await page.locator(".ha-map-canvas").focus();
  for (let step = 0; step < 4; step++) await page.keyboard.press("+");
  await page.waitForFunction(() => document.querySelectorAll(".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker").length === 0);
  const zoom = await mapZoom(page);

  await page.locator("tr[data-event-id='changchun-medicine-forum-2021'] button").click();
  await page.locator(".ha-card[data-event-id='changchun-medicine-forum-2021']").waitFor();
  // Changchun's two events share a place, so the cluster holding the forum is marked.
  const marked = page.locator(".ha-map-svg .ha-cluster-selected");
  await marked.waitFor();
  assert.equal(await marked.getAttribute("data-count"), "2");
  assert.equal(await mapZoom(page), zoom, "panned, not zoomed");
  const map = await page.locator(".ha-map-svg").boundingBox();
  const cluster = await marked.boundingBox();
  const middle = { x: cluster.x + cluster.width / 2, y: cluster.y + cluster.height / 2 };
  assert.ok(Math.abs(middle.x - (map.x + map.width / 2)) < 2 && Math.abs(middle.y - (map.y + map.height / 2)) < 2, "centred");
  assert.deepEqual(errors, []);
  await page.close();
});

test("wheel zooms to the pointer, dragging pans, and 'only events in the map view' narrows the list and the counts", async () => {
  const { page, errors } = await openAtlas();
  const rows = () => page.locator(".ha-table tbody tr").count();
  const all = await rows();
  assert.equal(await categoryCountSum(page), all, "every event counted once");
  const box = await page.locator(".ha-map-canvas").boundingBox();
  const banjaLuka = await page.locator(".ha-map-svg .ha-map-marker").first().boundingBox();
  const at = { x: banjaLuka.x + banjaLuka.width / 2, y: banjaLuka.y + banjaLuka.height / 2 };
  const zoom = await mapZoom(page);
  await page.mouse.move(at.x, at.y);
  for (let step = 0; step < 3; step++) await page.mouse.wheel(0, -200);
  await page.waitForFunction((zoom) => Number(document.querySelector(".ha-map-svg")?.dataset.zoom) >= zoom + 2.5, zoom);
  const after = await page.locator(".ha-map-svg .ha-map-marker").first().boundingBox();
  assert.ok(Math.abs(after.x + after.width / 2 - at.x) < 3, "the place under the pointer stays under it");

  assert.equal(await categoryCountSum(page), all, "moving the map alone changes no count");

  await page.locator(".ha-only-in-view").check();
  await page.waitForFunction(() => document.querySelectorAll(".ha-table tbody tr").length === 1);
  assert.equal(await page.locator(".ha-table tbody tr").getAttribute("data-event-id"), "yrd-balkan-biomed-center-launch-2023");
  // The facet counts are the view's too: only the one event in view is counted.
  await page.waitForFunction(
    () => [...document.querySelectorAll(".ha-facet[data-facet='cat'] .ha-count")].reduce((sum, count) => sum + Number(count.textContent), 0) === 1,
  );
  const countOf = (facet, key) => page.locator(`input[data-facet='${facet}'][data-key='${key}'] ~ .ha-count`).textContent();
  assert.equal(await countOf("country", "BA"), "1", "Banja Luka's event");

  // Drag Banja Luka out of view to the left: nothing is left in view, so the list empties.
  await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelectorAll(".ha-table tbody tr").length === 0);
  assert.equal(await categoryCountSum(page), 0, "nothing in view, nothing counted");
  await page.locator(".ha-only-in-view").uncheck();
  await page.waitForFunction((all) => document.querySelectorAll(".ha-table tbody tr").length === all, all);
  assert.equal(await categoryCountSum(page), all);
  assert.deepEqual(errors, []);
  await page.close();
});

test("basemap= draws a maintainer's GeoJSON instead of the built-in basemap, with its credit line", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 1000 } });
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}?basemap=/fixtures/basemap.geojson`);
  await page.locator(".ha-map-svg .ha-cluster").first().waitFor();
  await page.waitForFunction(() => document.querySelector(".ha-map-attribution")?.textContent === "Test basemap: two boxes and a line");
  // Two boxes and a line, all in the view fitted to China and Banja Luka; nothing built in.
  assert.equal(await page.locator(".ha-basemap .ha-basemap-country").count(), 3);
  assert.equal(await page.locator(".ha-basemap .ha-basemap-province").count(), 0);
  const labels = await page.locator(".ha-map-labels text").allTextContents();
  assert.ok(labels.includes("Eastland") && !labels.includes("China"), labels.join(", "));
  await page.locator(".ha-map-svg .ha-map-marker[data-event-id='yrd-balkan-biomed-center-launch-2023']").waitFor();
  assert.equal(await page.locator(".ha-basemap-failed").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a bad basemap= file is named with its feature and what was expected, and the built-in basemap stays", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 1000 } });
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}?basemap=/fixtures/bad-basemap.geojson`);
  const alert = page.locator(".ha-map .ha-basemap-failed[role='alert']");
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /built-in one is shown/);
  assert.match(message, /\/fixtures\/bad-basemap\.geojson.*features\[1\]: "Polygn" is not a GeoJSON geometry type/);
  await page.waitForFunction(() => document.querySelectorAll(".ha-basemap .ha-basemap-country").length > 50);
  assert.ok((await page.locator(".ha-basemap .ha-basemap-country").count()) > 50, "the built-in countries");
  assert.match(await page.locator(".ha-map-attribution").textContent(), /Natural Earth/);
  await page.locator(".ha-map-svg .ha-cluster").first().waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("<health-atlas basemap=…> draws the GeoJSON basemap in its Shadow DOM", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 1000 } });
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}fixtures/element.html`);
  // Locators pierce the open shadow root.
  await page.waitForFunction(
    () => document.querySelector("health-atlas")?.shadowRoot?.querySelector(".ha-map-attribution")?.textContent === "Test basemap: two boxes and a line",
  );
  assert.equal(await page.locator("health-atlas .ha-basemap .ha-basemap-country").count(), 3);
  // Removing the attribute brings the built-in basemap back.
  await page.evaluate(() => document.querySelector("health-atlas").removeAttribute("basemap"));
  await page.waitForFunction(() => document.querySelector("health-atlas").shadowRoot.querySelectorAll(".ha-basemap .ha-basemap-country").length > 50);
  assert.deepEqual(errors, []);
  await page.close();
});
