// The timeline in the browser: wheel zoom, the overview brush as a date filter, clicking an
// item, the keyboard journey, and selection elsewhere bringing an event into view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const atlas = useServedAtlas();

const rowIds = (page) => page.locator(".ha-table tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.eventId));
const axisUnit = (page) => page.locator(".ha-timeline-svg").getAttribute("data-unit");
const drawnIds = (page) => page.locator(".ha-timeline-svg .ha-item").evaluateAll((items) => items.map((item) => item.dataset.eventId));

async function openAtlas() {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  await page.locator(".ha-timeline-svg").waitFor();
  return { page, errors };
}

test("wheel zoom to the pointer changes the axis unit, and 'show all' restores it", async () => {
  const { page, errors } = await openAtlas();
  assert.equal(await axisUnit(page), "Years(1)");
  const box = await page.locator(".ha-timeline-canvas").boundingBox();
  // Zoom in around the right end, where the 2023–2024 events are.
  await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2);
  for (let step = 0; step < 4; step++) await page.mouse.wheel(0, -400);
  await page.waitForFunction(() => document.querySelector(".ha-timeline-svg")?.dataset.unit !== "Years(1)");
  const zoomed = await axisUnit(page);
  assert.ok(["Month", "Quarter", "Week", "Day"].includes(zoomed), zoomed);
  const ids = await drawnIds(page);
  assert.ok(ids.some((id) => id.startsWith("tbhc-2023") || id.startsWith("aiia")), `still shows the events under the pointer: ${ids}`);
  assert.ok(!ids.includes("csitf-2017"), "2017 is out of view");

  await page.locator(".ha-timeline").getByRole("button", { name: "Show all" }).click();
  await page.waitForFunction(() => document.querySelector(".ha-timeline-svg")?.dataset.unit === "Years(1)");
  assert.deepEqual(errors, []);
  await page.close();
});

test("brushing the overview sets the date range, which filters the list and fills the date fields", async () => {
  const { page, errors } = await openAtlas();
  const all = (await rowIds(page)).length;
  const strip = await page.locator(".ha-overview-strip").boundingBox();
  const y = strip.y + strip.height / 2;
  // The data spans 2017–2024; the right fifth of the strip is late 2023 onwards.
  await page.mouse.move(strip.x + strip.width * 0.8, y);
  await page.mouse.down();
  await page.mouse.move(strip.x + strip.width * 0.9, y, { steps: 4 });
  await page.mouse.move(strip.x + strip.width - 2, y, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction((count) => document.querySelectorAll(".ha-table tbody tr").length < count, all);
  const kept = await rowIds(page);
  assert.ok(kept.length > 0, "some events remain");
  assert.ok(kept.every((id) => id.includes("2023") || id.includes("2024")), kept.join(", "));
  assert.match(await page.locator(".ha-date-from").inputValue(), /^202[2-4]-\d\d-\d\d$/, "after the 2021 events");
  assert.match(await page.locator(".ha-result-count").textContent(), new RegExp(`${kept.length} of ${all} events`));

  await page.locator(".ha-clear-dates").click();
  await page.waitForFunction((count) => document.querySelectorAll(".ha-table tbody tr").length === count, all);
  assert.equal(await page.locator(".ha-date-from").inputValue(), "");
  assert.deepEqual(errors, []);
  await page.close();
});

test("clicking a timeline item opens its card; hovering it highlights the list row", async () => {
  const { page, errors } = await openAtlas();
  const item = page.locator(".ha-timeline-svg .ha-item[data-event-id='zhangjiang-health-roundtable-2017']");
  await item.hover();
  await page.locator("tr.ha-row-hovered[data-event-id='zhangjiang-health-roundtable-2017']").waitFor();
  await item.click();
  await page.locator(".ha-card[data-event-id='zhangjiang-health-roundtable-2017']").waitFor();
  assert.match(await page.locator(".ha-timeline-svg .ha-item-selected").getAttribute("data-event-id"), /roundtable/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("keyboard: arrows walk events in time order and announce them, Enter opens, + zooms", async () => {
  const { page, errors } = await openAtlas();
  await page.locator(".ha-timeline-canvas").focus();
  await page.keyboard.press("ArrowRight");
  const live = page.locator(".ha-timeline [aria-live='polite']");
  await page.waitForFunction(() => document.querySelector(".ha-timeline [aria-live='polite']")?.textContent.includes("2017"));
  const first = await live.textContent();
  assert.match(first, /19th CPC National Congress/);
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((before) => document.querySelector(".ha-timeline [aria-live='polite']")?.textContent !== before, first);
  assert.match(await live.textContent(), /China \(Shanghai\)|CSITF|Technology/i);
  await page.keyboard.press("End");
  await page.waitForFunction(() => document.querySelector(".ha-timeline [aria-live='polite']")?.textContent.includes("2024"));
  await page.keyboard.press("Enter");
  await page.locator(".ha-card[data-event-id='aiia-visit-sporcland-2024-03-24']").waitFor();

  await page.locator(".ha-timeline-canvas").focus();
  const before = await axisUnit(page);
  for (let step = 0; step < 3; step++) await page.keyboard.press("+");
  await page.waitForFunction((unit) => document.querySelector(".ha-timeline-svg")?.dataset.unit !== unit, before);
  assert.deepEqual(errors, []);
  await page.close();
});

test("selecting an event in the list brings it into the zoomed-in timeline", async () => {
  const { page, errors } = await openAtlas();
  await page.locator(".ha-timeline-canvas").focus();
  for (let step = 0; step < 8; step++) await page.keyboard.press("+");
  await page.waitForFunction(() => /Day|Hours|Week/.test(document.querySelector(".ha-timeline-svg")?.dataset.unit ?? ""));
  assert.ok(!(await drawnIds(page)).includes("changchun-medicine-forum-2021"));
  await page.locator("tr[data-event-id='changchun-medicine-forum-2021'] button").click();
  await page.locator(".ha-timeline-svg .ha-item[data-event-id='changchun-medicine-forum-2021']").waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
