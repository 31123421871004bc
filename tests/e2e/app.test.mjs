// User journeys through the release build in real Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const atlas = useServedAtlas();
const EVENTS = JSON.parse(await readFile(resolve(import.meta.dirname, "../../data/events.json"), "utf8")).events;
const lastDay = (event) => (event.end && event.end > event.start ? event.end : event.start);
/** The list's order, start, last day, id, as one string: days are ISO dates of one length. */
const listKey = (event) => `${event.start} ${lastDay(event)} ${event.id}`;

test("the shell shows the product, the dataset size and the list in date order", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  await page.locator(".ha-title").waitFor();
  assert.equal(await page.locator(".ha-title").textContent(), "Health Atlas");
  const first = EVENTS.map((event) => event.start.slice(0, 4)).sort()[0];
  const last = EVENTS.map((event) => lastDay(event).slice(0, 4)).sort().at(-1);
  assert.equal(await page.locator(".ha-dataset-summary").textContent(), `${EVENTS.length} events, ${first}–${last}`);
  // Row by row: each event once, each row's key after the previous row's.
  const ids = await page.locator(".ha-table tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.eventId));
  assert.equal(ids.length, EVENTS.length);
  const byId = new Map(EVENTS.map((event) => [event.id, event]));
  const keys = ids.map((id, row) => {
    assert.ok(byId.has(id), `row ${row} names ${id}, which is not in the data`);
    return listKey(byId.get(id));
  });
  for (let row = 1; row < keys.length; row += 1) {
    assert.ok(keys[row - 1] < keys[row], `row ${row - 1} (${keys[row - 1]}) comes before row ${row} (${keys[row]})`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("clicking an event in the list opens its card with sources; Escape closes it", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  await page.locator("tr[data-event-id='tbhc-2023'] button").click();
  const card = page.locator(".ha-card");
  await card.waitFor();
  assert.match(await card.locator(".ha-card-title").textContent(), /Taihu Bay/);
  const quotes = await card.locator(".ha-quote").allTextContents();
  assert.ok(quotes.some((quote) => quote.includes("Wuxi")), `quotes: ${quotes}`);
  assert.match(await card.locator(".ha-source-facts").first().textContent(), /002_c207809bccb23adf\.txt/);

  await page.keyboard.press("Escape");
  await card.waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a Chinese browser gets the Chinese UI, and the switcher changes language", async () => {
  const page = await atlas.browser.newPage({ locale: "zh-CN" });
  await page.goto(atlas.server.url);
  await page.locator(".ha-title").waitFor();
  assert.equal(await page.locator(".ha-title").textContent(), "健康产业地图");
  await page.locator(".ha-lang select").selectOption("fr");
  await page.locator(".ha-title", { hasText: "Atlas de la santé" }).waitFor();
  await page.close();
});
