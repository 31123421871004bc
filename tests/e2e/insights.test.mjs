// The Insights view (issue #21): the charts follow the filters and set them. Dragging across
// the time bars sets the dates, a segment filters by its category, a ranked bar toggles its
// value, a network node filters to its events; the keyboard does the same; each chart has a
// table and downloads as SVG, PNG and CSV; axe finds nothing in each language, wide and on a phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { expectNoViolations, useServedAtlas } from "./support.mjs";

// ATLAS_DIST lets a contributor test their own build (trunk build --dist …); make e2e uses dist/.
const atlas = useServedAtlas({ dist: process.env.ATLAS_DIST });
const EVENTS = JSON.parse(await readFile(resolve(import.meta.dirname, "../../data/events.json"), "utf8")).events;

const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

async function openInsights(options = {}) {
  const opened = await atlas.open(options);
  if (options.phone) {
    await opened.page.locator("#ha-tab-insights").tap();
  } else {
    await opened.page.locator(".ha-insights-switch").click();
  }
  await opened.page.locator(".ha-insights").waitFor();
  await opened.page.locator(".ha-bars .ha-bar").first().waitFor();
  return opened;
}

/** The bars the data needs, by the view's rule: months up to 24, quarters up to 96 months, else years. */
function expectedBars(firstMonth, lastMonth) {
  const months = lastMonth - firstMonth + 1;
  const size = months <= 24 ? 1 : months <= 96 ? 3 : 12;
  return Math.floor(lastMonth / size) - Math.floor(firstMonth / size) + 1;
}
const monthOf = (day) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
/** "2023 Q3" → its first and last day. */
function quarterDays(label) {
  const [, year, quarter] = label.match(/^(\d{4}) Q(\d)/);
  const first = `${year}-${String(3 * quarter - 2).padStart(2, "0")}-01`;
  const last = new Date(Date.UTC(Number(year), 3 * quarter, 0)).toISOString().slice(0, 10);
  return [first, last];
}

test("the view has its link, and its bars count every event by period and category", async () => {
  const { page, errors, close } = await openInsights();
  await page.waitForFunction(() => location.hash.includes("view=insights"));
  const months = EVENTS.map((event) => monthOf(event.start));
  const bars = await page.locator(".ha-bars .ha-bar").count();
  assert.equal(bars, expectedBars(Math.min(...months), Math.max(...months)));
  const summary = await page.locator("#ha-insight-time .ha-insight-summary").textContent();
  assert.match(summary, new RegExp(`^${EVENTS.length} events from`));
  // The table has the same numbers: its totals add up to every event.
  await page.locator("#ha-insight-time").getByRole("button", { name: "Show as table" }).click();
  const totals = await page.locator("#ha-insight-time tbody tr td:last-child").allTextContents();
  assert.equal(totals.length, bars);
  assert.equal(totals.map(Number).reduce((a, b) => a + b, 0), EVENTS.length);
  await page.locator("#ha-insight-time").getByRole("button", { name: "Show as chart" }).click();
  // A link sets the view and its filters.
  await page.goto(atlas.server.url + "#v=1&view=insights&cat=forum");
  await page.locator(".ha-insights .ha-bars").waitFor();
  assert.equal(await page.locator(".ha-legend-entry.ha-cat-forum").getAttribute("aria-pressed"), "true");
  assert.deepEqual(errors, []);
  await close();
});

test("dragging across the bars sets the dates and the bars zoom to them", async () => {
  const { page, errors, close } = await openInsights();
  const bars = page.locator(".ha-bars .ha-bar-slot");
  const count = await bars.count();
  const first = await bars.nth(count - 4).boundingBox();
  const last = await bars.nth(count - 2).boundingBox();
  await page.mouse.move(first.x + first.width / 2, first.y + first.height - 2);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width / 2, last.y + last.height - 2, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(() => location.hash.includes("from="));
  const link = await hash(page);
  const from = link.match(/from=(\d{4}-\d{2}-01)/)?.[1];
  const to = link.match(/to=(\d{4}-\d{2}-\d{2})/)?.[1];
  assert.ok(from && to, link);
  // The bars now cover the chosen dates only, at a finer step.
  const expected = expectedBars(monthOf(from), monthOf(to));
  await page.waitForFunction((expected) => document.querySelectorAll(".ha-bars .ha-bar").length === expected, expected);
  assert.ok(expected > 3, `${expected} bars for ${from}–${to}`);
  await page.getByRole("button", { name: "Clear dates" }).click();
  await page.waitForFunction(() => !location.hash.includes("from="));
  assert.deepEqual(errors, []);
  await close();
});

test("the keyboard chooses dates too: arrows, Shift with an arrow, Enter", async () => {
  const { page, errors, close } = await openInsights();
  await page.locator(".ha-bars").focus();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  // The choice is announced: "2023 Q3 – 2023 Q4".
  const live = page.locator(".ha-bars-live");
  await page.waitForFunction(() => document.querySelector(".ha-bars-live").textContent.includes("–"));
  const [first, last] = (await live.textContent()).split(" – ");
  const [from] = quarterDays(first);
  const [, to] = quarterDays(last);
  assert.ok(from < to, `${first} – ${last}`);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash.includes("from="));
  const link = await hash(page);
  assert.match(link, new RegExp(`from=${from}&to=${to}`));
  assert.deepEqual(errors, []);
  await close();
});

test("clicking a segment filters by its category, and the legend toggles it back", async () => {
  const { page, errors, close } = await openInsights();
  const segment = page.locator(".ha-bars .ha-seg.ha-cat-conference").first();
  await segment.click();
  await page.waitForFunction(() => location.hash.includes("cat=conference"));
  const legend = page.locator(".ha-legend-entry.ha-cat-conference");
  assert.equal(await legend.getAttribute("aria-pressed"), "true");
  // The other categories stay drawn (crossfilter: a chart ignores its own selection), dimmed.
  assert.ok((await page.locator(".ha-bars .ha-seg.ha-dim").count()) > 0);
  assert.equal(await page.locator(".ha-bars .ha-seg.ha-cat-conference.ha-dim").count(), 0);
  await legend.press("Enter");
  await page.waitForFunction(() => !location.hash.includes("cat=conference"));
  assert.deepEqual(errors, []);
  await close();
});

test("a ranked bar toggles its value, and show more lists more", async () => {
  const { page, errors, close } = await openInsights();
  const cities = page.locator("#ha-insight-city .ha-rank");
  const before = await cities.count();
  const name = await cities.first().locator(".ha-rank-name").textContent();
  const count = Number(await cities.first().locator(".ha-rank-count").textContent());
  await cities.first().click();
  await page.waitForFunction((city) => decodeURIComponent(location.hash).includes(`city=${city}`), name);
  assert.equal(await cities.first().getAttribute("aria-pressed"), "true");
  assert.match(await page.locator(".ha-result-count").first().textContent(), new RegExp(`^${count} of`));
  await cities.first().click();
  await page.waitForFunction(() => !location.hash.includes("city="));
  const more = page.locator("#ha-insight-org").getByRole("button", { name: /^Show \d+ more/ });
  if (await more.count()) {
    const shown = await page.locator("#ha-insight-org .ha-rank").count();
    await more.click();
    await page.waitForFunction((shown) => document.querySelectorAll("#ha-insight-org .ha-rank").length > shown, shown);
  }
  assert.ok(before > 0);
  assert.deepEqual(errors, []);
  await close();
});

test("the network: pointing shows neighbours, a click filters to that node's events", async () => {
  const { page, errors, close } = await openInsights();
  const node = page.locator(".ha-network .ha-node").first().locator("circle, rect").first();
  // Nodes of one event's clique can overlap: point at whichever is on top there.
  await node.hover({ force: true });
  await page.locator(".ha-network-neighbours", { hasText: "Appears with" }).waitFor();
  const name = await page.locator(".ha-network .ha-node title").first().textContent();
  await node.click({ force: true });
  await page.waitForFunction(() => /(org|person)=/.test(location.hash));
  assert.equal(await page.locator(".ha-network .ha-node-selected").count(), 1, name);
  // Nodes keep their places when the filters change (the layout starts from the previous one).
  // (Within the drawing: the charts above it change height with the filters.)
  const position = async () => {
    const node = await page.locator(".ha-network .ha-node").nth(1).locator("circle, rect").first().boundingBox();
    const drawing = await page.locator(".ha-network").boundingBox();
    return { x: node.x - drawing.x, y: node.y - drawing.y };
  };
  const before = await position();
  // The keyboard: the drawing is focusable, Enter toggles the node it is on (the one clicked).
  await page.locator(".ha-network").press("Enter");
  await page.waitForFunction(() => !/(org|person)=/.test(location.hash));
  const after = await position();
  assert.ok(Math.hypot(after.x - before.x, after.y - before.y) < 40, JSON.stringify({ before, after }));
  // Zoom buttons change the drawing's scale.
  await page.locator("#ha-insight-network").getByRole("button", { name: "Zoom in" }).click();
  const zoomed = await position();
  assert.notDeepEqual(zoomed, after);
  assert.deepEqual(errors, []);
  await close();
});

test("each chart downloads as CSV, SVG and PNG", async () => {
  const { page, errors, close } = await openInsights();
  const frame = page.locator("#ha-insight-time");
  const take = async (name) => {
    const [download] = await Promise.all([page.waitForEvent("download"), frame.getByRole("button", { name, exact: true }).click()]);
    return download;
  };
  const csv = await take("CSV");
  assert.equal(csv.suggestedFilename(), "events-over-time.csv");
  const text = await readFile(await csv.path(), "utf8");
  assert.match(text.split("\n")[0], /^Period,first,last,Conference/);
  const svg = await take("SVG");
  assert.match(await readFile(await svg.path(), "utf8"), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = await take("PNG");
  assert.equal(png.suggestedFilename(), "events-over-time.png");
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG file");
  assert.deepEqual(errors, []);
  await close();
});

for (const [locale, lang] of [
  ["en-US", "en"],
  ["zh-CN", "zh"],
  ["fr-FR", "fr"],
]) {
  test(`axe finds nothing on the view in ${lang}, wide and at 390×844`, async () => {
    for (const phone of [false, true]) {
      const { page, close } = await openInsights(phone ? { locale, phone, viewport: { width: 390, height: 844 } } : { locale });
      await page.locator(".ha-network .ha-node").first().waitFor();
      await expectNoViolations(page, `${lang} ${phone ? "phone" : "wide"}`);
      // With the tables shown, and a filter set from a chart.
      for (const button of await page.locator(".ha-insight-tools > button[aria-pressed]").all()) await button.click();
      await expectNoViolations(page, `${lang} ${phone ? "phone" : "wide"}, tables`);
      if (phone) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      }
      await close();
    }
  });
}
