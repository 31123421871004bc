// User journeys through the release build in real Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const atlas = useServedAtlas();

test("the shell shows the product, the dataset size and the list in date order", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  await page.locator(".ha-title").waitFor();
  assert.equal(await page.locator(".ha-title").textContent(), "Health Atlas");
  assert.match(await page.locator(".ha-dataset-summary").textContent(), /^\d+ events, 2017–2024$/);
  const dates = await page.locator(".ha-table tbody .ha-cell-date").allTextContents();
  assert.ok(dates.length >= 10, `expected the seed events, got ${dates.length}`);
  assert.match(dates[0], /2017/);
  assert.match(dates.at(-1), /2024/);
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
