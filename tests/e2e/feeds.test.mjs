// Staying current (issue #22): the Subscribe menu's links to the feeds `atlas-data feeds`
// writes, a card's "Add to calendar" download (read back by Python's icalendar), and the
// upcoming view for a 300 px sidebar in each language, with a clock set to a day inside the
// data and with the real one (after the data: the most recent events, said so), axe clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expectNoViolations, useServedAtlas } from "./support.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const PYTHON = join(ROOT, "target/python/bin/python");
const EVENTS = JSON.parse(await readFile(join(ROOT, "data/events.json"), "utf8")).events;
/** A day inside the data: some events are after it. */
const INSIDE = "2023-06-01";

// The feeds of the embedded data, served at /feeds/ beside the page as the release bundle does.
const feedsDir = await mkdtemp(join(tmpdir(), "atlas-feeds-"));
execFileSync("cargo", ["run", "--quiet", "-p", "atlas-data", "--", "feeds", "--out", feedsDir], { cwd: ROOT, stdio: "inherit" });
const feedFiles = {};
for (const name of await readdir(feedsDir)) feedFiles[`/feeds/${name}`] = await readFile(join(feedsDir, name), "utf8");

const host = (body, lang = "en") => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>host page</title>
<link rel="stylesheet" href="/fixtures/sidebar.css">
<script type="module" src="/embed/health-atlas.js"></script></head>
<body><main><h1>News</h1><aside class="sidebar">${body}</aside></main></body></html>`;
const upcomingElement = (lang, limit = 3) =>
  host(`<health-atlas lang="${lang}" view="upcoming" limit="${limit}" link-to="/index.html" theme="light"></health-atlas>`, lang);

const atlas = useServedAtlas({
  ...(process.env.ATLAS_DIST ? { dist: process.env.ATLAS_DIST } : {}),
  extraFiles: {
    ...feedFiles,
    "/favicon.ico": "",
    "/fixtures/sidebar.css": "body { margin: 0; font: 16px sans-serif; } .sidebar { width: 300px; }",
    "/fixtures/upcoming-en.html": upcomingElement("en"),
    "/fixtures/upcoming-zh.html": upcomingElement("zh"),
    "/fixtures/upcoming-fr.html": upcomingElement("fr"),
    "/fixtures/feeds-option.html": host('<health-atlas lang="fr" feeds="/elsewhere/feeds" height="600"></health-atlas><health-atlas id="hidden" lang="en" feeds="none" height="600"></health-atlas>'),
  },
});

async function open(path, { today, locale = "en-US", viewport = { width: 1280, height: 900 } } = {}) {
  const context = await atlas.browser.newContext({ locale, viewport, acceptDownloads: true });
  if (today) await context.clock.setFixedTime(new Date(`${today}T12:00:00`));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(atlas.server.url + path.replace(/^\//, ""));
  return { context, page, errors };
}

/** What the upcoming view must list on `today`: the query's rule, from the data file. */
function expectedUpcoming(today, limit) {
  const last = (event) => event.end ?? event.start;
  const key = (event) => `${event.start} ${last(event)} ${event.id}`;
  const chronological = [...EVENTS].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const coming = chronological.filter((event) => last(event) >= today);
  if (coming.length) return { recent: false, ids: coming.slice(0, limit).map((event) => event.id) };
  return { recent: true, ids: chronological.reverse().slice(0, limit).map((event) => event.id) };
}

test("the Subscribe menu links to the calendar and Atom feeds in the reader's language", async () => {
  for (const [lang, locale, calendar] of [["en", "en-US", "events.ics"], ["zh", "zh-CN", "events.zh.ics"], ["fr", "fr-FR", "events.fr.ics"]]) {
    const { context, page, errors } = await open(`index.html?lang=${lang}`, { locale });
    await page.locator(".ha-table tbody tr").first().waitFor();
    await page.locator(".ha-subscribe summary").click();
    const links = page.locator(".ha-subscribe-panel a");
    await links.first().waitFor();
    const hrefs = Object.fromEntries(
      await links.evaluateAll((anchors) => anchors.map((anchor) => [anchor.dataset.feed, anchor.getAttribute("href")])),
    );
    const base = `${atlas.server.url}feeds/`;
    assert.deepEqual(hrefs, {
      webcal: `${base.replace(/^http:/, "webcal:")}${calendar}`,
      ics: `${base}${calendar}`,
      atom: `${base}events.${lang}.atom`,
    });
    for (const href of [hrefs.ics, hrefs.atom]) {
      const response = await page.request.get(href);
      assert.equal(response.status(), 200, href);
    }
    assert.ok((await (await page.request.get(hrefs.ics)).text()).startsWith("BEGIN:VCALENDAR\r\n"));
    await expectNoViolations(page, `Subscribe menu open (${lang})`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("feeds= moves the Subscribe menu's links, and feeds=none removes it", async () => {
  const { context, page, errors } = await open("fixtures/feeds-option.html", { locale: "fr-FR" });
  const first = page.locator("health-atlas").first();
  await first.locator(".ha-table tbody tr").first().waitFor();
  await first.locator(".ha-subscribe summary").click();
  const hrefs = await first.locator(".ha-subscribe-panel a").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
  const base = `${atlas.server.url}elsewhere/feeds/`;
  assert.deepEqual(hrefs, [`${base.replace(/^http:/, "webcal:")}events.fr.ics`, `${base}events.fr.ics`, `${base}events.fr.atom`]);
  await page.locator("#hidden .ha-table tbody tr").first().waitFor();
  assert.equal(await page.locator("#hidden .ha-subscribe").count(), 0);
  await expectNoViolations(page, "feeds option");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Add to calendar downloads the event as .ics that Python's icalendar reads", async () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: run scripts/ensure-tools.sh test`);
  const { context, page, errors } = await open("index.html?lang=zh#v=1&event=changchun-outsourcing-summit-2021", { locale: "zh-CN" });
  const button = page.locator(".ha-card .ha-add-to-calendar");
  await button.waitFor();
  assert.equal(await button.textContent(), "添加到日历");
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  assert.equal(download.suggestedFilename(), "changchun-outsourcing-summit-2021.ics");
  const path = await download.path();
  const ics = await readFile(path, "utf8");
  assert.ok(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75), "folded at 75 octets");
  const read = JSON.parse(
    execFileSync(PYTHON, [
      "-c",
      `import icalendar, json, sys
calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = calendar.walk("VEVENT")
print(json.dumps([{"uid": str(e["UID"]), "start": str(e.decoded("DTSTART")), "end": str(e.decoded("DTEND")),
  "summary": str(e["SUMMARY"]), "description": str(e["DESCRIPTION"]), "url": str(e.get("URL"))} for e in events]))`,
      path,
    ], { encoding: "utf8" }),
  );
  assert.equal(read.length, 1);
  const [event] = read;
  assert.equal(event.uid, "changchun-outsourcing-summit-2021@health-atlas");
  // Month precision: the whole of July 2021, and the description says only the month is known.
  assert.equal(event.start, "2021-07-01");
  assert.equal(event.end, "2021-08-01");
  assert.match(event.description, /仅知月份/);
  assert.match(event.summary, /[\u4e00-\u9fff]/);
  assert.equal(event.url, `${atlas.server.url}index.html?lang=zh#v=1&event=changchun-outsourcing-summit-2021&lang=zh`);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [lang, locale, heading] of [["en", "en-US", "Coming up"], ["zh", "zh-CN", "即将举行"], ["fr", "fr-FR", "À venir"]]) {
  test(`the upcoming view in a 300 px sidebar (${lang})`, async () => {
    for (const today of [INSIDE, undefined]) {
      const { context, page, errors } = await open(`fixtures/upcoming-${lang}.html`, { today, locale, viewport: { width: 800, height: 700 } });
      const view = page.locator("health-atlas .ha-upcoming");
      await view.locator("li").first().waitFor();
      assert.equal(await view.locator("h2").textContent(), heading);
      const clock = today ?? new Date().toISOString().slice(0, 10);
      const expected = expectedUpcoming(clock, 3);
      const ids = await view.locator("li").evaluateAll((items) => items.map((item) => item.dataset.eventId));
      assert.deepEqual(ids, expected.ids, `today ${clock}`);
      assert.equal(await view.locator("p.ha-muted").count(), expected.recent ? 1 : 0, "says when it shows past events");
      const hrefs = await view.locator("li a").evaluateAll((anchors) => anchors.map((anchor) => anchor.href));
      assert.deepEqual(hrefs, ids.map((id) => `${atlas.server.url}index.html#v=1&event=${id}&lang=${lang}`));
      // It fits the sidebar: nothing wider than 300 px.
      const widths = await page.locator("health-atlas").evaluate((element) => {
        const root = element.shadowRoot.querySelector(".ha-app");
        return { element: element.getBoundingClientRect().width, content: root.scrollWidth };
      });
      assert.ok(widths.element <= 300 && widths.content <= 300, JSON.stringify(widths));
      await expectNoViolations(page, `upcoming ${lang} ${clock}`);
      if (today) {
        // A link opens the full atlas at that event.
        await view.locator("li a").first().click();
        await page.waitForURL(/index\.html#v=1&event=/);
        await page.locator(`.ha-card[data-event-id='${ids[0]}']`).waitFor();
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}

test("the iframe page's upcoming view links out of the frame", async () => {
  const { context, page, errors } = await open("embed.html?view=upcoming&limit=2&lang=fr", { today: INSIDE });
  const items = page.locator(".ha-upcoming li");
  await items.first().waitFor();
  assert.equal(await items.count(), 2);
  assert.equal(await page.locator(".ha-upcoming li a").first().getAttribute("target"), "_top");
  assert.equal(await page.locator(".ha-timeline").count(), 0, "the upcoming view only");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the timeline opens centred on today when events come after it", async () => {
  const centreOfWindow = async (today) => {
    const { context, page } = await open("index.html", { today });
    const band = page.locator(".ha-overview-window");
    await band.waitFor();
    const [strip, window] = await Promise.all([page.locator(".ha-overview-strip svg").boundingBox(), band.boundingBox()]);
    const hash = await page.evaluate(() => location.hash);
    await context.close();
    return { centre: (window.x + window.width / 2 - strip.x) / strip.width, hash };
  };
  const inside = await centreOfWindow(INSIDE);
  const after = await centreOfWindow("2030-01-01");
  assert.ok(after.centre > 0.45 && after.centre < 0.55, `after the data: every event (${after.centre})`);
  assert.ok(inside.centre > 0.6, `inside the data: towards today, mid-2023 (${inside.centre})`);
  assert.equal(inside.hash, "", "the opening window is the default view, not written into the link");
});
