// Search as a reader types it: best matches first (and marked on the timeline and the map), a
// misspelling forgiven, a name typed without spaces, and a date in the query shown as a chip
// that removes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const atlas = useServedAtlas();

const rowIds = (page) => page.locator(".ha-table tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.eventId));
// The filter panel and the list may render in different frames: wait for the list itself.
const listedEvents = (page, count) =>
  page.waitForFunction((count) => document.querySelectorAll(".ha-table tbody tr").length === count, count);

test("while searching the list is in best-match order, the top results are marked, and a column can still be chosen", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  // No search: chronological, and no best-match button.
  assert.equal(await page.locator(".ha-best-match").count(), 0);

  await page.locator(".ha-search input").fill("zhangjiang");
  await page.locator(".ha-best-match[aria-pressed='true']").waitFor();
  await listedEvents(page, 2);
  // The association has Zhangjiang in its title; the earlier fair only in a tag and its summary.
  assert.deepEqual(await rowIds(page), ["zhangjiang-health-association-founding-2017", "csitf-2017"]);
  assert.equal(await page.locator(".ha-timeline .ha-item-top").count(), 2);
  assert.match(await page.locator(".ha-timeline .ha-item-top title").first().textContent(), /\(Best match\)$/);

  // Choosing the date column sorts by date; the button then offers best match back.
  await page.locator("th[data-sort-key='date'] button").click();
  await page.locator(".ha-best-match[aria-pressed='false']").waitFor();
  assert.deepEqual(await rowIds(page), ["csitf-2017", "zhangjiang-health-association-founding-2017"]);
  await page.locator(".ha-best-match").click();
  await page.locator(".ha-best-match[aria-pressed='true']").waitFor();
  assert.deepEqual(await rowIds(page), ["zhangjiang-health-association-founding-2017", "csitf-2017"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a misspelling and a name typed without spaces are found; pinyin no longer finds what its characters do not spell", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(atlas.server.url);
  const all = (await rowIds(page)).length;
  const search = page.locator(".ha-search input");
  await search.fill("changchn");
  await page.locator(".ha-result-count", { hasText: `2 of ${all} events` }).waitFor();
  assert.deepEqual((await rowIds(page)).sort(), ["changchun-medicine-forum-2021", "changchun-outsourcing-summit-2021"]);
  await search.fill("caizhongtao");
  await page.locator(".ha-result-count", { hasText: `4 of ${all} events` }).waitFor();
  assert.ok((await rowIds(page)).every((id) => id.startsWith("aiia")));
  await search.fill("taihu");
  await page.locator(".ha-result-count", { hasText: `3 of ${all} events` }).waitFor();
  const ids = await rowIds(page);
  assert.equal(ids[0], "tbhc-2023");
  assert.ok(!ids.includes("zhangjiang-health-roundtable-2017"), `got ${ids}`);
  await page.close();
});

for (const [locale, query, chip] of [
  ["en-US", "Mar 2024", "Searched period: March 2024"],
  ["fr-FR", "mars 2024", "Période recherchée: mars 2024"],
  ["zh-CN", "2024年3月", "搜索的时间: 2024年3月"],
]) {
  test(`a date in the query (${locale}) narrows to its period, shown as a chip that removes it`, async () => {
    const page = await atlas.browser.newPage({ locale });
    const errors = watchForErrors(page);
    await page.goto(atlas.server.url);
    const all = (await rowIds(page)).length;
    await page.locator(".ha-search input").fill(query);
    await page.locator(".ha-chip-period").waitFor();
    await listedEvents(page, 4);
    assert.equal((await page.locator(".ha-chip-period").textContent()).replace(/\s*×$/, ""), chip);
    assert.deepEqual((await rowIds(page)).sort(), [
      "aiia-china-visit-2024",
      "aiia-visit-cell-center-2024-03-22",
      "aiia-visit-sichuan-association-2024-03-23",
      "aiia-visit-sporcland-2024-03-24",
    ]);
    await page.locator(".ha-chip-period").click();
    await page.locator(".ha-chip-period").waitFor({ state: "detached" });
    assert.equal(await page.locator(".ha-search input").inputValue(), "");
    await listedEvents(page, all);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("a date with words narrows their matches: forum 2021", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(atlas.server.url);
  await page.locator(".ha-search input").fill("forum 2021");
  await page.locator(".ha-chip-period").waitFor();
  await listedEvents(page, 2);
  const ids = await rowIds(page);
  assert.equal(ids[0], "changchun-medicine-forum-2021");
  assert.ok(ids.every((id) => id.includes("2021")), `got ${ids}`);
  await page.locator(".ha-chip-period").click();
  await page.locator(".ha-chip-period").waitFor({ state: "detached" });
  assert.equal(await page.locator(".ha-search input").inputValue(), "forum");
  await page.close();
});
