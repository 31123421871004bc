// Loading another dataset with ?src=: success replaces the events; any failure keeps the
// embedded dataset and says what went wrong. Hostile text stays text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const source = { file: "override.txt", language: "en", quote: "Quoted." };
const goodDataset = {
  schema_version: 1,
  events: [
    {
      id: "hostile-title",
      title: { en: "<img src=x onerror=\"window.__pwned=1\">Hostile", zh: "<script>window.__pwned=1</script>" },
      category: "forum",
      start: "2020-01-02",
      precision: "exact",
      sources: [{ ...source, quote: "<img src=x onerror=\"window.__pwned=1\">" }],
    },
    { id: "second", title: { en: "Second event" }, category: "launch", start: "2021-03-04", precision: "exact", sources: [source] },
  ],
};
const badDataset = {
  schema_version: 1,
  events: [
    { id: "a", title: { en: "A" }, category: "meeting", start: "2020-01-02", precision: "exact", sources: [source] },
    { id: "b", title: { en: "B" }, category: "forum", start: "2020-01-02", precision: "exact", places: [{ name: { en: "X" }, country: "CN", lat: 95.2, lon: 0, precision: "city" }], sources: [source] },
    { id: "c", title: { en: "C" }, category: "forum", start: "2020-01-02", precision: "exact", sources: [{ ...source, url: "javascript:alert(1)" }] },
  ],
};

const atlas = useServedAtlas({
    extraFiles: {
      "/fixtures/good.json": JSON.stringify(goodDataset),
      "/fixtures/bad.json": JSON.stringify(badDataset),
    },
  });

async function embeddedRowCount(page) {
  return page.locator(".ha-table tbody tr").count();
}

test("a valid src= dataset replaces the embedded one, rendering hostile text as text", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}?src=/fixtures/good.json`);
  await page.locator(".ha-dataset-summary", { hasText: "2 events, 2020–2021" }).waitFor();
  const title = page.locator("tr[data-event-id='hostile-title'] button");
  assert.equal(await title.textContent(), "<img src=x onerror=\"window.__pwned=1\">Hostile");
  await title.click();
  await page.locator(".ha-card").waitFor();
  assert.equal(await page.locator(".ha-card .ha-quote").textContent(), "<img src=x onerror=\"window.__pwned=1\">");
  assert.equal(await page.locator(".ha-card img").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an invalid src= dataset lists its errors and keeps the embedded events", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(`${atlas.server.url}?src=/fixtures/bad.json`);
  const alert = page.locator(".ha-alert");
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /events\[0\]\.category: unknown variant `meeting`/);
  assert.match(message, /events\[2\]\.sources\[0\]\.url: "javascript:alert\(1\)" is not an http\(s\) URL/);
  assert.match(message, /Showing the built-in dataset instead/);
  assert.ok((await embeddedRowCount(page)) >= 10);
  await page.close();
});

test("a src= that cannot be fetched says so and keeps the embedded events", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(`${atlas.server.url}?src=/fixtures/missing.json`);
  const alert = page.locator(".ha-alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /missing\.json: the server answered 404/);
  assert.ok((await embeddedRowCount(page)) >= 10);
  await page.close();
});
