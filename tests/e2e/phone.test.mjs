// Phones (issue #9), with Playwright's touch emulation: the views are tabs (the ARIA tabs
// pattern, arrow keys included), the filters a drawer that keeps focus until closed, and the
// timeline and the map follow a finger: one drags, two pinch. Touches are sent through the Chrome
// DevTools Protocol, so the page gets real touch input (and the pointer events it makes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServedAtlas } from "./support.mjs";

// ATLAS_DIST lets a contributor test their own build (trunk build --dist …); make e2e uses dist/.
const atlas = useServedAtlas({ dist: process.env.ATLAS_DIST });

const openPhone = (viewport = { width: 390, height: 844 }) => atlas.open({ viewport, phone: true });

/** Moves fingers from their start points by (dx, dy) each, in steps, through the DevTools Protocol. */
async function touchGesture(context, page, fingers, steps = 8) {
  const session = await context.newCDPSession(page);
  const at = (progress) =>
    fingers.map(({ x, y, dx = 0, dy = 0 }, id) => ({ x: x + dx * progress, y: y + dy * progress, id }));
  await session.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0) });
  for (let step = 1; step <= steps; step++) {
    await session.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(step / steps) });
  }
  await session.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await session.detach();
}

/** Where each minor tick label of the timeline is drawn: label → x. */
const tickPositions = (page) =>
  page.locator(".ha-timeline-svg .ha-tick:not(.ha-tick-major) text").evaluateAll((texts) =>
    Object.fromEntries(texts.map((text) => [text.textContent, Number(text.getAttribute("x"))])),
  );

test("a finger drags the timeline sideways and two fingers pinch it", async () => {
  const { page, errors, context, close } = await openPhone();
  await page.locator("#ha-tab-timeline").tap();
  await page.locator(".ha-timeline-svg .ha-tick text").first().waitFor();
  const canvas = await page.locator(".ha-timeline-canvas").boundingBox();
  const y = canvas.y + canvas.height / 2;
  const before = await tickPositions(page);

  await touchGesture(context, page, [{ x: canvas.x + 80, y, dx: 120 }]);
  await page.waitForFunction(
    (earlier) => {
      const texts = [...document.querySelectorAll(".ha-timeline-svg .ha-tick:not(.ha-tick-major) text")];
      return texts.some((text) => text.textContent in earlier && Number(text.getAttribute("x")) !== earlier[text.textContent]);
    },
    before,
  );
  const after = await tickPositions(page);
  const shifts = Object.keys(after).filter((label) => label in before).map((label) => after[label] - before[label]);
  assert.ok(shifts.length > 0, "a tick label is in view before and after");
  for (const shift of shifts) assert.ok(shift > 90 && shift < 150, `dragged 120 px right, ticks moved ${shift}`);
  assert.equal(await page.locator(".ha-card").count(), 0, "a drag is not a tap: no event opened");

  // Pinch out (fingers apart) zooms in: a finer axis unit (at phone width the axis starts in
  // steps of two years).
  const unitBefore = await page.locator(".ha-timeline-svg").getAttribute("data-unit");
  assert.equal(unitBefore, "Years(2)");
  const middle = canvas.x + canvas.width / 2;
  await touchGesture(context, page, [
    { x: middle - 30, y, dx: -110 },
    { x: middle + 30, y, dx: 110 },
  ], 10);
  await page.waitForFunction(() => !/^Years\([2-9]/.test(document.querySelector(".ha-timeline-svg")?.dataset.unit));
  assert.deepEqual(errors, []);
  await close();
});

test("a finger drags the map and two fingers pinch-zoom it", async () => {
  const { page, errors, context, close } = await openPhone();
  await page.locator("#ha-tab-map").tap();
  const marker = page.locator(".ha-map-svg .ha-map-marker").first();
  await marker.waitFor();
  const canvas = await page.locator(".ha-map-canvas").boundingBox();
  const before = await marker.boundingBox();
  const zoom = Number(await page.locator(".ha-map-svg").getAttribute("data-zoom"));

  // Drag from a spot without a marker (the top left corner is open sea or land, not Asia).
  await touchGesture(context, page, [{ x: canvas.x + 30, y: canvas.y + 30, dx: 60, dy: 40 }]);
  await page.waitForFunction(
    (x) => Math.abs(document.querySelector(".ha-map-svg .ha-map-marker").getBoundingClientRect().x - x) > 30,
    before.x,
  );
  const after = await marker.boundingBox();
  assert.ok(Math.abs(after.x - before.x - 60) < 12 && Math.abs(after.y - before.y - 40) < 12, `marker moved by ${after.x - before.x}, ${after.y - before.y}`);
  assert.equal(await page.locator(".ha-card").count(), 0, "a drag is not a tap");

  const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  await touchGesture(context, page, [
    { x: middle.x - 25, y: middle.y, dx: -80 },
    { x: middle.x + 25, y: middle.y, dx: 80 },
  ], 10);
  await page.waitForFunction((zoom) => Number(document.querySelector(".ha-map-svg")?.dataset.zoom) > zoom + 0.5, zoom);
  assert.deepEqual(errors, []);
  await close();
});

test("phone tabs follow the ARIA tabs pattern and the page never scrolls sideways", async () => {
  const { page, errors, close } = await openPhone({ width: 360, height: 640 });
  const selectedTab = () => page.getByRole("tab", { selected: true }).getAttribute("id");
  assert.equal(await selectedTab(), "ha-tab-list");
  assert.deepEqual(
    await page.getByRole("tab").evaluateAll((tabs) => tabs.map((tab) => [tab.id, tab.tabIndex, tab.getAttribute("aria-controls")])),
    [
      ["ha-tab-timeline", -1, "ha-panel-timeline"],
      ["ha-tab-map", -1, "ha-panel-map"],
      ["ha-tab-list", 0, "ha-panel-list"],
      ["ha-tab-insights", -1, "ha-panel-insights"],
    ],
  );
  await page.locator("#ha-tab-list").focus();
  await page.keyboard.press("ArrowLeft");
  await page.locator("#ha-panel-map .ha-map").waitFor();
  assert.equal(await selectedTab(), "ha-tab-map");
  assert.equal(await page.evaluate(() => document.activeElement.id), "ha-tab-map");
  assert.equal(await page.locator("#ha-panel-list").isHidden(), true);
  await page.keyboard.press("Home");
  await page.locator("#ha-panel-timeline .ha-timeline").waitFor();
  await page.keyboard.press("End");
  await page.locator("#ha-panel-insights .ha-insights").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "ha-tab-insights");
  // The chosen view is in the link, like any view change.
  await page.keyboard.press("ArrowRight");
  await page.locator("#ha-panel-timeline .ha-timeline").waitFor();
  await page.waitForFunction(() => location.hash.includes("view=timeline"));

  // Wider than a phone, the same page shows every view at once and no tabs.
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.locator(".ha-views .ha-map").waitFor();
  assert.equal(await page.getByRole("tablist").count(), 0);
  assert.equal(await page.locator(".ha-views .ha-timeline, .ha-views .ha-list").count(), 2);
  assert.equal(await page.locator(".ha-filters").isVisible(), true);
  assert.deepEqual(errors, []);
  await close();
});

test("the filter drawer keeps focus inside until it is closed, then gives it back", async () => {
  const { page, errors, close } = await openPhone({ width: 360, height: 640 });
  const focused = () => page.evaluate(() => document.activeElement.className);
  await page.locator(".ha-filters-button").tap();
  await page.locator(".ha-drawer .ha-search input").waitFor();
  assert.equal(await page.locator(".ha-drawer").getAttribute("role"), "dialog");
  assert.equal(await focused(), "ha-close", "focus starts on the close button");
  // Shift+Tab from the first control wraps to the last, Tab from the last back to the first.
  await page.keyboard.press("Shift+Tab");
  assert.match(await focused(), /ha-show-results/);
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "ha-close");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.type), "search");
  await page.keyboard.type("wuxi");
  await page.locator(".ha-show-results", { hasText: "4 of 16 events" }).waitFor();
  await page.locator(".ha-show-results").tap();
  await page.locator(".ha-drawer").waitFor({ state: "hidden" });
  assert.match(await focused(), /ha-filters-button/);
  assert.equal(await page.locator(".ha-filters-button").innerText(), "Filters (1)");
  assert.equal(await page.locator(".ha-phone-count").innerText(), "4 of 16 events");
  assert.equal(await page.locator(".ha-table tbody tr").count(), 4);
  assert.deepEqual(errors, []);
  await close();
});
