// The element's JavaScript API (issue #17; embed/health-atlas.d.ts): filters read and set as an
// object, an event selected, the visible events read, changes subscribed to; bad arguments
// are TypeErrors with a clear message, and the element keeps working after them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const ALL_EVENTS = 16;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const atlas = useServedAtlas({
  headers: { "content-security-policy": CSP },
  ...(process.env.ATLAS_DIST ? { dist: process.env.ATLAS_DIST } : {}),
  extraFiles: {
    "/favicon.ico": "",
    "/fixtures/api.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API</title>
<script type="module" src="/embed/health-atlas.js"></script></head>
<body><health-atlas id="atlas" lang="en" height="700"></health-atlas></body></html>`,
  },
});

async function open() {
  const context = await atlas.browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const errors = watchForErrors(tab);
  await tab.goto(`${atlas.server.url}fixtures/api.html`);
  await tab.evaluate(() => document.querySelector("#atlas").ready);
  return { context, tab, errors };
}

const rowCount = (tab) => tab.evaluate(() => document.querySelector("#atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length);
const EMPTY = { categories: [], organisations: [], people: [], countries: [], regions: [], cities: [], tags: [], q: "", from: null, to: null };

test("getFilters, setFilters and visibleEvents: the DOM follows, and the change event reports it", async () => {
  const { context, tab, errors } = await open();
  assert.deepEqual(await tab.evaluate(() => document.querySelector("#atlas").getFilters()), EMPTY);
  assert.equal((await tab.evaluate(() => document.querySelector("#atlas").visibleEvents())).length, ALL_EVENTS);
  await tab.evaluate(() => {
    const element = document.querySelector("#atlas");
    window.__changes = [];
    window.__unsubscribe = element.onChange((change) => window.__changes.push(change));
    element.setFilters({ categories: ["forum"] });
  });
  await tab.waitForFunction(() => document.querySelector("#atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length === 2);
  // The filter panel shows what was set.
  assert.equal(await tab.locator("#atlas .ha-facet input[data-facet='cat'][data-key='forum']").isChecked(), true);
  const visible = await tab.evaluate(() => document.querySelector("#atlas").visibleEvents());
  assert.equal(visible.length, 2);
  assert.ok(visible.every((event) => event.category === "forum" && typeof event.title.en === "string" && /^\d{4}-\d\d-\d\d$/.test(event.start)));
  const shownIds = await tab.locator("#atlas .ha-table tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.eventId).sort());
  assert.deepEqual(visible.map((event) => event.id).sort(), shownIds);
  assert.deepEqual(await tab.evaluate(() => document.querySelector("#atlas").getFilters()), { ...EMPTY, categories: ["forum"] });
  await tab.waitForFunction(() => window.__changes.length > 0);
  assert.deepEqual(await tab.evaluate(() => window.__changes.at(-1)), {
    filters: { ...EMPTY, categories: ["forum"] },
    selected: null,
    visible: 2,
  });

  // A visitor's click is reported the same way; a search and dates are set as an object.
  await tab.locator("#atlas .ha-facet input[data-facet='cat'][data-key='forum']").uncheck();
  await tab.waitForFunction(() => window.__changes.at(-1).visible === 16);
  await tab.evaluate(() => document.querySelector("#atlas").setFilters({ q: "Wuxi", from: "2020-01-01", to: null }));
  await tab.waitForFunction((all) => {
    const count = document.querySelector("#atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length;
    return count > 0 && count < all;
  }, ALL_EVENTS);
  const filters = await tab.evaluate(() => document.querySelector("#atlas").getFilters());
  assert.deepEqual(filters, { ...EMPTY, q: "Wuxi", from: "2020-01-01" });
  assert.equal(await tab.locator("#atlas .ha-search input").inputValue(), "Wuxi");
  assert.equal((await tab.evaluate(() => document.querySelector("#atlas").visibleEvents())).length, await rowCount(tab));

  // Unsubscribed: no more calls.
  const heard = await tab.evaluate(() => {
    window.__unsubscribe();
    const before = window.__changes.length;
    document.querySelector("#atlas").setFilters({});
    return before;
  });
  await tab.waitForFunction((all) => document.querySelector("#atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length === all, ALL_EVENTS);
  assert.equal(await tab.evaluate(() => window.__changes.length), heard);
  assert.deepEqual(errors, []);
  await context.close();
});

test("selectEvent opens and closes an event's card", async () => {
  const { context, tab, errors } = await open();
  const [first] = await tab.evaluate(() => document.querySelector("#atlas").visibleEvents());
  await tab.evaluate(() => {
    window.__selected = [];
    document.querySelector("#atlas").addEventListener("health-atlas-select", (event) => window.__selected.push(event.detail.id));
  });
  await tab.evaluate((id) => document.querySelector("#atlas").selectEvent(id), first.id);
  await tab.locator("#atlas .ha-card").waitFor();
  assert.equal(await tab.locator("#atlas .ha-card .ha-card-title").textContent(), first.title.en);
  await tab.waitForFunction(() => window.__selected.length === 1);
  await tab.evaluate(() => document.querySelector("#atlas").selectEvent(null));
  await tab.locator("#atlas .ha-card").waitFor({ state: "detached" });
  assert.deepEqual(await tab.evaluate(() => window.__selected), [first.id, null]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("bad arguments throw TypeErrors that say what is wrong, change nothing, and never break the element", async () => {
  const { context, tab, errors } = await open();
  const thrown = await tab.evaluate(() => {
    const element = document.querySelector("#atlas");
    const attempts = {
      notAnObject: () => element.setFilters("forum"),
      anArray: () => element.setFilters(["forum"]),
      nothing: () => element.setFilters(),
      unknownKey: () => element.setFilters({ category: ["forum"] }),
      notAList: () => element.setFilters({ categories: "forum" }),
      notAString: () => element.setFilters({ categories: ["forum", 3] }),
      unknownValue: () => element.setFilters({ categories: ["forum", "picnic"] }),
      badDate: () => element.setFilters({ from: "2023-13-01" }),
      reversed: () => element.setFilters({ from: "2024-01-01", to: "2023-01-01" }),
      numberId: () => element.selectEvent(42),
      unknownId: () => element.selectEvent("no-such-event"),
      notAFunction: () => element.onChange("later"),
    };
    const results = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      try {
        attempt();
        results[name] = "did not throw";
      } catch (error) {
        results[name] = `${error.constructor.name}: ${error.message}`;
      }
    }
    return results;
  });
  const expected = {
    notAnObject: 'TypeError: setFilters: expected an object such as { categories: ["forum"], q: "wuxi", from: "2023-01-01" }, got a string',
    anArray: 'TypeError: setFilters: expected an object such as { categories: ["forum"], q: "wuxi", from: "2023-01-01" }, got an array',
    nothing: 'TypeError: setFilters: expected an object such as { categories: ["forum"], q: "wuxi", from: "2023-01-01" }, got undefined',
    unknownKey: 'TypeError: setFilters: unknown key "category"; expected one of categories, organisations, people, countries, regions, cities, tags, q, from, to',
    notAList: 'TypeError: setFilters: categories: expected an array of strings, such as ["forum"], got a string',
    notAString: "TypeError: setFilters: categories: invalid type: floating point `3.0`, expected a string",
    unknownValue: 'TypeError: setFilters: categories: "picnic" is not a value of this dataset',
    badDate: 'TypeError: setFilters: from: "2023-13-01" is not a date (YYYY-MM-DD)',
    reversed: "TypeError: setFilters: to: ends before from",
    numberId: "TypeError: selectEvent: expected an event id (a string) or null, got a number",
    unknownId: 'TypeError: selectEvent: no event with the id "no-such-event" in this dataset',
    notAFunction: "TypeError: onChange: expected a function, got string",
  };
  for (const [name, message] of Object.entries(expected)) {
    if (message instanceof RegExp) assert.match(thrown[name], message, name);
    else assert.equal(thrown[name], message, name);
  }
  // Nothing changed, and the element still works.
  assert.equal(await rowCount(tab), ALL_EVENTS);
  assert.deepEqual(await tab.evaluate(() => document.querySelector("#atlas").getFilters()), EMPTY);
  await tab.evaluate(() => document.querySelector("#atlas").setFilters({ categories: ["forum"] }));
  await tab.waitForFunction(() => document.querySelector("#atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length === 2);
  assert.deepEqual(errors, [], "no panic, no console error");
  await context.close();
});
