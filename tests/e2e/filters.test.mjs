// Filtering and searching in the browser: search box, facet checkboxes with crossfilter
// counts, the live result count, chips and "clear all".
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

// A dataset with a country the name table does not hold, loaded with ?src=.
const place = (country, lat, lon) => ({ name: { en: country }, country, lat, lon, precision: "country" });
const countriesDataset = {
  schema_version: 1,
  events: [
    { id: "in-france", title: { en: "In France" }, category: "forum", start: "2020-01-02", precision: "exact", places: [place("FR", 46.6, 2.4)], sources: [{ file: "f.txt", language: "en", quote: "Q." }] },
    { id: "in-china", title: { en: "In China" }, category: "forum", start: "2020-01-03", precision: "exact", places: [place("CN", 35.9, 104.2)], sources: [{ file: "f.txt", language: "en", quote: "Q." }] },
  ],
};
const atlas = useServedAtlas({ extraFiles: { "/fixtures/countries.json": JSON.stringify(countriesDataset) } });

const rowIds = (page) => page.locator(".ha-table tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.eventId));

test("searching in pinyin, then ticking a category, narrows the list; clear all restores it", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  const all = (await rowIds(page)).length;

  await page.locator(".ha-search input").fill("wuxi");
  await page.locator(".ha-result-count", { hasText: `4 of ${all} events` }).waitFor();
  assert.deepEqual((await rowIds(page)).sort(), [
    "tbhc-2023",
    "tbhc-2023-digestive-disease-center",
    "tbhc-2023-parallel-conferences",
    "tbhc-2023-signings",
  ]);

  // Crossfilter: category counts are within the search results, unaffected by the category pick.
  const conferenceCount = page.locator(".ha-facet[data-facet='cat'] li", { has: page.locator("input[data-key='conference']") }).locator(".ha-count");
  assert.equal(await conferenceCount.textContent(), "2");
  await page.locator(".ha-facet input[data-facet='cat'][data-key='signing']").check();
  await page.locator(".ha-result-count", { hasText: `1 of ${all} events` }).waitFor();
  assert.deepEqual(await rowIds(page), ["tbhc-2023-signings"]);
  assert.equal(await conferenceCount.textContent(), "2");
  assert.match(await page.locator(".ha-chips").textContent(), /Category: Signing/);

  await page.locator(".ha-clear").click();
  await page.locator(".ha-result-count", { hasText: `${all} of ${all} events` }).waitFor();
  assert.equal(await page.locator(".ha-search input").inputValue(), "");
  assert.deepEqual(errors, []);
  await page.close();
});

test("Chinese search finds events by characters", async () => {
  const page = await atlas.browser.newPage({ locale: "zh-CN" });
  await page.goto(atlas.server.url);
  await page.locator(".ha-search input").fill("干细胞");
  await page.locator(".ha-result-count", { hasText: "显示" }).waitFor();
  const ids = await rowIds(page);
  assert.ok(ids.length > 0 && ids.every((id) => id.startsWith("aiia")), `got ${ids}`);
  await page.close();
});

test("matches are highlighted in the list, as text", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(atlas.server.url);
  await page.locator(".ha-search input").fill("taihu");
  await page.locator(".ha-table mark.ha-match").first().waitFor();
  const marks = await page.locator(".ha-table mark.ha-match").allTextContents();
  assert.ok(marks.length > 0 && marks.every((mark) => mark.toLowerCase() === "taihu"), `marks: ${marks}`);
  await page.close();
});

test("the date range keeps events overlapping it; a reversed range is refused with a message", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(atlas.server.url);
  const all = (await rowIds(page)).length;
  await page.locator(".ha-date-from").fill("2023-06-01");
  await page.locator(".ha-date-to").fill("2023-12-31");
  await page.locator(".ha-result-count", { hasText: `2 of ${all} events` }).waitFor();
  assert.deepEqual((await rowIds(page)).sort(), ["china-health-equipment-conference-2023", "yrd-balkan-biomed-center-launch-2023"]);

  await page.locator(".ha-date-from").fill("2024-06-01");
  await page.locator(".ha-invalid").waitFor();
  assert.equal(await page.locator(".ha-date-from").getAttribute("aria-invalid"), "true");
  // The last valid range stays in force.
  assert.match(await page.locator(".ha-result-count").textContent(), new RegExp(`^2 of ${all} events$`));

  await page.locator(".ha-clear").click();
  await page.locator(".ha-result-count", { hasText: `${all} of ${all} events` }).waitFor();
  assert.equal(await page.locator(".ha-invalid").count(), 0);
  assert.equal(await page.locator(".ha-date-from").inputValue(), "");
  await page.close();
});

test("a long facet lists its first values and can be searched for the rest", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(atlas.server.url);
  const organisations = page.locator(".ha-facet[data-facet='org']");
  assert.equal(await organisations.locator("li").count(), 12);
  assert.match(await organisations.locator(".ha-left-out").textContent(), /^\+ \d+ more/);
  await organisations.locator(".ha-facet-search").fill("jilin uni");
  await organisations.locator("li", { hasText: "Jilin University" }).waitFor();
  assert.equal(await organisations.locator("li").count(), 1);
  await organisations.locator("li input").check();
  await page.locator(".ha-result-count", { hasText: /^1 of / }).waitFor();
  assert.deepEqual(await rowIds(page), ["changchun-medicine-forum-2021"]);
  await page.close();
});

test("facet values are named in the reader's language; the keys (and links) stay the same", async () => {
  const page = await atlas.browser.newPage({ locale: "zh-CN" });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  const wuxi = page.locator(".ha-facet[data-facet='city'] li", { has: page.locator("input[data-key='Wuxi']") });
  assert.match(await wuxi.locator(".ha-facet-label").textContent(), /无锡/);
  await wuxi.locator("input").check();
  await page.waitForFunction(() => location.hash.includes("city=Wuxi"));
  assert.match(await page.locator(".ha-chips").textContent(), /城市: 无锡/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("countries are named in the reader's language, not by ISO code; the link keeps the code", async () => {
  const names = { "en-US": ["China", "Bosnia and Herzegovina"], "zh-CN": ["中国", "波斯尼亚和黑塞哥维那"], "fr-FR": ["Chine", "Bosnie-Herzégovine"] };
  for (const [locale, [china, bosnia]] of Object.entries(names)) {
    const page = await atlas.browser.newPage({ locale });
    const errors = watchForErrors(page);
    await page.goto(atlas.server.url);
    const countries = page.locator(".ha-facet[data-facet='country']");
    const value = (code) => countries.locator("li", { has: page.locator(`input[data-key='${code}']`) });
    assert.equal(await value("CN").locator(".ha-facet-label").textContent(), china);
    assert.equal(await value("BA").locator(".ha-facet-label").textContent(), bosnia);
    assert.equal(await value("BA").locator(".ha-count").textContent(), "1");
    await value("BA").locator("input").check();
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes("country=BA"));
    assert.ok((await page.locator(".ha-chips").textContent()).includes(bosnia), "the chip names the country too");
    assert.deepEqual(await rowIds(page), ["yrd-balkan-biomed-center-launch-2023"]);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("a country the table does not name is shown by its code", async () => {
  const page = await atlas.browser.newPage({ locale: "fr-FR" });
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}?src=/fixtures/countries.json`);
  const countries = page.locator(".ha-facet[data-facet='country']");
  await countries.locator("input[data-key='FR']").waitFor();
  const label = (code) => countries.locator("li", { has: page.locator(`input[data-key='${code}']`) }).locator(".ha-facet-label").textContent();
  assert.equal(await label("FR"), "FR");
  assert.equal(await label("CN"), "Chine");
  assert.deepEqual(errors, []);
  await page.close();
});
