// Guided stories (issue #20): the picker opens a story at its title card; Next/Back buttons,
// ← → Home End move through it and Escape leaves; each step highlights its events on the
// timeline, the map and the list; the timeline and the map move to the step together, animated
// unless the reader prefers reduced motion; a route joins the steps' places, with an arrow on
// the leg into the step read; the address names the step (#story=…&step=3), so reloading
// it reopens the step and Back/Forward move between steps; the element takes `story=` and
// reports `health-atlas-step`; a phone (390×844) reads it; axe finds nothing in story mode in
// en, zh and fr.
import { test } from "node:test";
import assert from "node:assert/strict";
import { expectNoViolations, useServedAtlas } from "./support.mjs";

const host = (body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>host page</title>
<script type="module" src="/embed/health-atlas.js"></script></head>
<body>${body}</body></html>`;
const atlas = useServedAtlas({
  extraFiles: {
    "/favicon.ico": "",
    "/fixtures/story.html": host('<health-atlas lang="en" height="800" story="tbhc-2023-story" step="2"></health-atlas>'),
  },
});

const panel = (page) => page.locator(".ha-story");
const stepOf = (page) => panel(page).getAttribute("data-step");
const waitForStep = (page, step) =>
  page.waitForFunction((step) => document.querySelector(".ha-story")?.dataset.step === String(step), step);
/** Waits until the timeline and the map have arrived at the step shown. */
const waitForArrival = (page, step) =>
  page.locator(`.ha-story[data-step='${step}']:not([data-moving])`).waitFor();
/** The ids of the list's rows that story mode highlights. */
const focusedRows = (page) =>
  page.locator(".ha-table tbody tr.ha-story-focus").evaluateAll((rows) => rows.map((row) => row.dataset.eventId));
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

async function openStory(page, id) {
  await page.locator(".ha-stories-menu > summary").click();
  await page.locator(`.ha-stories-menu button[data-story='${id}']`).click();
  await waitForStep(page, 0);
}

test("buttons and keys move through a story, each step highlighting its events everywhere", async () => {
  const { page, errors, close } = await atlas.open();
  await openStory(page, "tbhc-2023-story");
  assert.match(await panel(page).locator(".ha-story-title").textContent(), /Taihu Bay/);
  assert.match(await panel(page).textContent(), /4 steps/);
  // The title card highlights every event of the story and dims the rest.
  assert.equal((await focusedRows(page)).length, 4);
  assert.ok(await page.locator(".ha-app.ha-story-mode").count());

  await panel(page).locator(".ha-story-next").click();
  // The timeline draws the step's event as an item once it has zoomed in to it.
  await waitForArrival(page, 1);
  assert.match(await page.locator(".ha-story > .ha-story-count").textContent(), /Step 1 of 4/);
  assert.deepEqual(await focusedRows(page), ["tbhc-2023"]);
  assert.equal(await page.locator(".ha-timeline .ha-item.ha-story-focus[data-event-id='tbhc-2023']").count(), 1);
  assert.ok(await page.locator(".ha-map .ha-story-focus").count(), "the step's place is marked on the map");
  // The step's text is announced.
  assert.match(await panel(page).locator("[aria-live]").textContent(), /Step 1 of 4\. .*Wuxi/);
  // Emphasis is an element, never markup characters; a link opens the event's card.
  assert.equal(await page.locator(".ha-story > .ha-story-text em").count(), 1);
  assert.doesNotMatch(await page.locator(".ha-story > .ha-story-text").textContent(), /[*[\]]/);

  await page.keyboard.press("ArrowRight");
  await waitForStep(page, 2);
  assert.deepEqual(await focusedRows(page), ["tbhc-2023-digestive-disease-center"]);
  await page.keyboard.press("End");
  await waitForStep(page, 4);
  assert.deepEqual(await focusedRows(page), ["tbhc-2023-parallel-conferences"]);
  assert.equal(await panel(page).locator(".ha-story-next").getAttribute("aria-disabled"), "true");
  await page.keyboard.press("ArrowLeft");
  await waitForStep(page, 3);
  await panel(page).locator(".ha-story-back").click();
  await waitForStep(page, 2);
  await panel(page).focus();
  await page.keyboard.press("Home");
  await waitForStep(page, 0);
  await page.keyboard.press("ArrowRight");
  await waitForStep(page, 1);

  await panel(page).locator(".ha-story-link").first().click();
  await page.locator(".ha-card[data-event-id='tbhc-2023']").waitFor();

  await panel(page).focus();
  await page.keyboard.press("Escape");
  await panel(page).waitFor({ state: "detached" });
  assert.equal(await page.locator(".ha-app.ha-story-mode").count(), 0);
  assert.deepEqual(await focusedRows(page), []);
  assert.deepEqual(errors, []);
  await close();
});

/** Where the timeline and the map are: the window's days and the map's centre and zoom. */
const viewsOf = (page) =>
  page.evaluate(() => ({
    window: document.querySelector(".ha-timeline-svg").dataset.window,
    map: `${document.querySelector(".ha-map-svg").dataset.center}@${document.querySelector(".ha-map-svg").dataset.zoom}`,
  }));
/** The views of a fresh page opened on a step's permalink: where that step puts them. */
async function viewsOfPermalink(id, step) {
  const { page, close } = await atlas.open({ reducedMotion: "reduce" });
  await page.goto(`${atlas.server.url}#story=${id}&step=${step}`);
  await waitForArrival(page, step);
  const views = await viewsOf(page);
  await close();
  return views;
}

test("with reduced motion the timeline and the map reach the step at once", async () => {
  const target = await viewsOfPermalink("cooperation-2017-2024", 2);
  const { page, errors, close } = await atlas.open({ reducedMotion: "reduce" });
  await openStory(page, "cooperation-2017-2024");
  await panel(page).locator(".ha-story-next").click();
  await waitForStep(page, 1);
  const before = await viewsOf(page);
  await panel(page).locator(".ha-story-next").click();
  // The first frame that shows step 2 already shows its window and view; nothing moves after.
  const atStep = await page.waitForFunction(() => {
    if (document.querySelector(".ha-story")?.dataset.step !== "2") return false;
    const map = document.querySelector(".ha-map-svg");
    return {
      moving: document.querySelector(".ha-story").hasAttribute("data-moving"),
      views: {
        window: document.querySelector(".ha-timeline-svg").dataset.window,
        map: `${map.dataset.center}@${map.dataset.zoom}`,
      },
    };
  });
  const { moving, views } = await atStep.jsonValue();
  assert.equal(moving, false);
  assert.deepEqual(views, target);
  assert.notDeepEqual(before, target, "step 2 is elsewhere than step 1");
  assert.deepEqual(errors, []);
  await close();
});

test("without reduced motion the timeline and the map move through frames to the step", async () => {
  const target = await viewsOfPermalink("cooperation-2017-2024", 2);
  const { page, errors, close } = await atlas.open();
  await openStory(page, "cooperation-2017-2024");
  await panel(page).locator(".ha-story-next").click();
  await waitForArrival(page, 1);
  const start = await viewsOf(page);
  // Every window and view the page shows on the way, as they are drawn.
  await page.evaluate(() => {
    window.__frames = [];
    const timeline = document.querySelector(".ha-timeline-svg");
    const map = document.querySelector(".ha-map-svg");
    const record = () =>
      window.__frames.push({ window: timeline.dataset.window, map: `${map.dataset.center}@${map.dataset.zoom}` });
    new MutationObserver(record).observe(timeline, { attributes: true, attributeFilter: ["data-window"] });
    new MutationObserver(record).observe(map, { attributes: true, attributeFilter: ["data-center", "data-zoom"] });
  });
  await panel(page).locator(".ha-story-next").click();
  await waitForStep(page, 2);
  await waitForArrival(page, 2);
  const frames = await page.evaluate(() => window.__frames);
  const end = await viewsOf(page);
  assert.deepEqual(end, target, "the move ends exactly where the step's permalink opens");
  const between = (key) => frames.filter((frame) => frame[key] !== start[key] && frame[key] !== target[key]);
  assert.ok(between("window").length > 0, `an intermediate window: ${JSON.stringify(frames)}`);
  assert.ok(between("map").length > 0, `an intermediate map view: ${JSON.stringify(frames)}`);
  assert.deepEqual(errors, []);
  await close();
});

test("a route joins the steps' places, with an arrow on the leg into the step, following the map", async () => {
  const { page, errors, close } = await atlas.open({ reducedMotion: "reduce" });
  await openStory(page, "cooperation-2017-2024");
  const route = page.locator(".ha-map .ha-story-route");
  const leg = route.locator(".ha-story-leg");
  assert.equal(await route.locator(".ha-story-route-line").count(), 1, "the whole route, faint");
  await panel(page).locator(".ha-story-next").click();
  await waitForArrival(page, 1);
  assert.equal(await leg.count(), 0, "no leg into the first step");
  await panel(page).locator(".ha-story-next").click();
  await waitForArrival(page, 2);
  assert.equal(await leg.count(), 1);
  assert.equal(await leg.getAttribute("data-from-step"), "1");
  assert.equal(await leg.getAttribute("data-to-step"), "2");
  const shape = () =>
    page.evaluate(() => {
      const svg = document.querySelector(".ha-map-svg");
      const leg = svg.querySelector(".ha-story-leg");
      const point = (text) => text.split(",").map(Number);
      return {
        width: Number(svg.getAttribute("width")),
        height: Number(svg.getAttribute("height")),
        from: point(leg.dataset.from),
        to: point(leg.dataset.to),
        line: leg.querySelector(".ha-story-leg-line").getAttribute("d"),
        arrow: leg.querySelector(".ha-story-leg-arrow").getAttribute("d"),
      };
    });
  const drawn = await shape();
  // Zhangjiang (Shanghai) to Wuxi, both inside the map the step framed, Wuxi to the west.
  for (const [x, y] of [drawn.from, drawn.to]) {
    assert.ok(x >= 0 && x <= drawn.width && y >= 0 && y <= drawn.height, JSON.stringify(drawn));
  }
  assert.ok(drawn.to[0] < drawn.from[0], JSON.stringify(drawn));
  assert.match(drawn.line, /^M[\d.-]+ [\d.-]+(L[\d.-]+ [\d.-]+)+$/);
  assert.match(drawn.arrow, /^M.+Z$/);
  // It follows the map: zoomed in one level about the centre, the ends are twice as far from it.
  const zoomBefore = await page.locator(".ha-map-svg").getAttribute("data-zoom");
  await page.locator(".ha-map .ha-toolbar button").first().click();
  await page.waitForFunction((zoom) => document.querySelector(".ha-map-svg").dataset.zoom !== zoom, zoomBefore);
  const zoomed = await shape();
  const [cx, cy] = [drawn.width / 2, drawn.height / 2];
  for (const end of ["from", "to"]) {
    const [x, y] = drawn[end];
    const [zx, zy] = zoomed[end];
    assert.ok(Math.abs(zx - cx - 2 * (x - cx)) < 1 && Math.abs(zy - cy - 2 * (y - cy)) < 1, `${end}: ${[x, y]} → ${[zx, zy]}`);
  }
  // It takes the theme's colours: a host's --ha-accent is the leg's colour.
  await page.evaluate(() => document.querySelector(".ha-app").style.setProperty("--ha-accent", "rgb(1, 2, 3)"));
  assert.equal(await page.locator(".ha-story-leg-line").evaluate((line) => getComputedStyle(line).stroke), "rgb(1, 2, 3)");
  assert.equal(await page.locator(".ha-story-leg-arrow").evaluate((arrow) => getComputedStyle(arrow).fill), "rgb(1, 2, 3)");
  // Drawing only: the step's text says where it is.
  assert.equal(await route.getAttribute("aria-hidden"), "true");
  assert.deepEqual(errors, []);
  await close();
});

test("the timeline and the map move to each step together", async () => {
  const { page, errors, close } = await atlas.open();
  await openStory(page, "cooperation-2017-2024");
  const where = () =>
    page.evaluate(() => ({
      timeline: [...document.querySelectorAll(".ha-timeline .ha-story-focus")].map((item) => item.dataset.eventId),
      map: document.querySelector(".ha-map svg")?.innerHTML.length,
    }));
  await panel(page).locator(".ha-story-next").click();
  await waitForArrival(page, 1);
  const first = await where();
  assert.deepEqual(first.timeline, ["zhangjiang-health-association-founding-2017"]);
  await panel(page).locator(".ha-story-next").click();
  await waitForArrival(page, 2);
  const second = await where();
  assert.deepEqual(second.timeline, ["tbhc-2023"]);
  assert.notEqual(first.map, second.map, "the map moved");
  assert.deepEqual(errors, []);
  await close();
});

test("a step's permalink reopens it, and Back and Forward move between steps", async () => {
  const { page, errors, close } = await atlas.open();
  await openStory(page, "aiia-three-days-2024");
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes("story=aiia-three-days-2024"));
  await panel(page).locator(".ha-story-next").click();
  await waitForStep(page, 1);
  await panel(page).locator(".ha-story-next").click();
  await waitForStep(page, 2);
  await panel(page).locator(".ha-story-next").click();
  await waitForStep(page, 3);
  assert.match(await hash(page), /story=aiia-three-days-2024&step=3$/);

  await page.goBack();
  await waitForStep(page, 2);
  assert.deepEqual(await focusedRows(page), ["aiia-visit-cell-center-2024-03-22"]);
  await page.goBack();
  await waitForStep(page, 1);
  await page.goForward();
  await waitForStep(page, 2);

  // A new visitor with the link lands on the step.
  const url = page.url();
  const other = await atlas.browser.newContext({ locale: "en-US" });
  const fresh = await other.newPage();
  await fresh.goto(url);
  await waitForStep(fresh, 2);
  assert.deepEqual(await focusedRows(fresh), ["aiia-visit-cell-center-2024-03-22"]);
  await other.close();

  // An unknown story is noted, not a blank page.
  await page.goto(`${atlas.server.url}#story=no-such-story&step=2`);
  await page.locator(".ha-link-notes").waitFor();
  assert.match(await page.locator(".ha-link-notes").textContent(), /no-such-story/);
  assert.equal(await panel(page).count(), 0);
  assert.deepEqual(errors, []);
  await close();
});

test("the element and the iframe take story= and the element reports health-atlas-step", async () => {
  const context = await atlas.browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__steps = [];
    document.addEventListener("health-atlas-step", (event) => window.__steps.push(event.detail));
  });
  await page.goto(`${atlas.server.url}fixtures/story.html`);
  const element = page.locator("health-atlas");
  await element.locator(".ha-story[data-step='2']").waitFor();
  await page.waitForFunction(() => window.__steps.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__steps.at(-1)), { story: "tbhc-2023-story", step: 2 });
  await element.locator(".ha-story-next").click();
  await page.waitForFunction(() => window.__steps.at(-1)?.step === 3);
  assert.deepEqual(await page.evaluate(() => window.__steps.at(-1)), { story: "tbhc-2023-story", step: 3 });
  // The attribute applies live.
  await page.evaluate(() => document.querySelector("health-atlas").setAttribute("story", "aiia-three-days-2024"));
  await page.waitForFunction(() => window.__steps.at(-1)?.story === "aiia-three-days-2024");
  await element.locator(".ha-story-leave").click();
  await page.waitForFunction(() => window.__steps.at(-1)?.story === null);
  // The host page's address is never touched.
  assert.equal(new URL(page.url()).hash, "");

  // The iframe page reads the same options from its query; view=story needs nothing more.
  await page.goto(`${atlas.server.url}embed.html?story=aiia-three-days-2024&step=3&view=story`);
  await waitForStep(page, 3);
  assert.deepEqual(await focusedRows(page), ["aiia-visit-sichuan-association-2024-03-23"]);
  await context.close();
});

/** One finger from (x, y) by dx, in steps, through the DevTools Protocol (as phone.test.mjs). */
async function swipe(context, page, { x, y, dx }, steps = 8) {
  const session = await context.newCDPSession(page);
  const at = (progress) => [{ x: x + dx * progress, y, id: 0 }];
  await session.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0) });
  for (let step = 1; step <= steps; step += 1) {
    await session.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(step / steps) });
  }
  await session.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await session.detach();
}

test("printing a story prints every step in order with its events", async () => {
  const { page, errors, close } = await atlas.open();
  await openStory(page, "tbhc-2023-story");
  await panel(page).locator(".ha-story-next").click();
  await waitForStep(page, 1);
  assert.equal(await page.locator(".ha-story-print").isVisible(), false, "not on screen");
  await page.emulateMedia({ media: "print" });
  const printed = page.locator(".ha-story-print > li");
  assert.equal(await printed.count(), 4);
  assert.ok(await printed.first().isVisible());
  const texts = await printed.allTextContents();
  texts.forEach((text, index) => assert.match(text, new RegExp(`^Step ${index + 1} of 4`)));
  assert.match(texts[2], /Signing of agreements for 62 biomedical funds/);
  assert.match(texts[2], /May 18, 2023/);
  assert.equal(await panel(page).locator(".ha-story-nav").isVisible(), false);
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(errors, []);
  await close();
});

test("a phone (390×844) reads a story with its buttons and by swiping", async () => {
  const { page, errors, close } = await atlas.open({ viewport: { width: 390, height: 844 }, phone: true });
  await openStory(page, "aiia-three-days-2024");
  await panel(page).locator(".ha-story-next").tap();
  await waitForStep(page, 1);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
  assert.ok(widths.page <= widths.window, `no horizontal scroll: ${JSON.stringify(widths)}`);
  for (const button of await panel(page).locator("button.ha-tool").all()) {
    const box = await button.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `a 44 px target: ${JSON.stringify(box)}`);
  }
  assert.deepEqual(await focusedRows(page), ["aiia-china-visit-2024"]);
  // A swipe to the left is Next, to the right Back.
  const box = await panel(page).locator(".ha-story-title").boundingBox();
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await swipe(page.context(), page, { ...middle, dx: -150 });
  await waitForStep(page, 2);
  await swipe(page.context(), page, { ...middle, dx: 150 });
  await waitForStep(page, 1);
  assert.deepEqual(errors, []);
  await close();
});

for (const locale of ["en-US", "zh-CN", "fr-FR"]) {
  test(`axe finds nothing in story mode (${locale})`, async () => {
    const { page, errors, close } = await atlas.open({ locale });
    await page.locator(".ha-stories-menu > summary").click();
    await page.locator(".ha-stories-menu button[data-story='cooperation-2017-2024']").click();
    await waitForStep(page, 0);
    for (const step of [0, 3]) {
      if (step > 0) {
        for (let at = 0; at < step; at += 1) await panel(page).locator(".ha-story-next").click();
        await waitForArrival(page, step);
      }
      await expectNoViolations(page, `${locale} step ${step}`);
    }
    assert.deepEqual(errors, []);
    await close();
  });
}
