// `make screenshots`: the README's pictures, taken from the release build in dist/ with the
// end-to-end tests' static server and Debian's Chromium (tests/e2e/support.mjs).
//
//   docs/screenshot.png         desktop, 1440×1200: filters, timeline, map, the list's first
//                               rows and an event's card
//   docs/screenshot-phone.png   phone, 390×844 (touch, 2× pixels): the compact layout, map tab
//
// The pictures depend on nothing but the build: a fixed viewport, language, time zone and
// light theme; a fixed clock, because the timeline marks today and opens on it when events
// come after it; reduced motion; and each is taken only once the timeline's items, the map's
// points and the basemap's countries and provinces (fetched after the first paint) are drawn,
// and two pictures in a row are the same. So running it twice on the same build gives the
// same pixels, and a change in the picture is a change in the app.
//
// Usage: node scripts/screenshots.mjs [dist] [out-dir]   (defaults: dist/ and docs/)
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchBrowser, serveDist, watchForErrors } from "../tests/e2e/support.mjs";

const root = resolve(import.meta.dirname, "..");
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const out = resolve(process.argv[3] ?? join(root, "docs"));

// A day after every event of data/events.json, so the timeline opens on the whole dataset.
const TODAY = new Date("2025-01-15T12:00:00Z");
// The event whose card the desktop picture shows (its link, as a reader would open it).
const EVENT = "tbhc-2023";

const LIST = ".ha-table tbody tr";
const TIMELINE = ".ha-timeline-svg .ha-item";
const POINTS = ".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker";
const LAND = ".ha-basemap .ha-basemap-country";
const PROVINCES = ".ha-basemap .ha-basemap-province";

// Each picture: the link it opens and what must be drawn before it is taken.
const SHOTS = [
  {
    file: "screenshot.png",
    hash: `#v=1&event=${EVENT}`,
    context: { viewport: { width: 1440, height: 1200 }, deviceScaleFactor: 1 },
    drawn: [LIST, TIMELINE, POINTS, LAND, PROVINCES, `.ha-card[data-event-id='${EVENT}']`],
  },
  {
    file: "screenshot-phone.png",
    hash: "#v=1&view=map",
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    drawn: ['[role="tab"][aria-selected="true"]:has-text("Map")', POINTS, LAND, PROVINCES],
  },
];

/** Waits until every part of the page a picture shows is drawn, fonts included. */
async function drawn(page, selectors) {
  for (const selector of selectors) await page.locator(selector).first().waitFor({ state: "visible" });
  await page.evaluate(async () => {
    await document.fonts.ready;
    // Two frames: the last state change is rendered and painted.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/**
 * The page's picture once two in a row are the same, as Playwright's own screenshot assertion
 * does: work the app does after its parts are drawn (a layer settling, a late label) must not
 * make two runs differ.
 */
async function settledScreenshot(page) {
  let last = await page.screenshot({ animations: "disabled", caret: "hide" });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await page.waitForTimeout(250);
    const next = await page.screenshot({ animations: "disabled", caret: "hide" });
    if (next.equals(last)) return next;
    last = next;
  }
  throw new Error("the page kept changing: no two screenshots in a row were the same");
}

const server = await serveDist({ dist });
const browser = await launchBrowser();
let failed = false;
try {
  mkdirSync(out, { recursive: true });
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      ...shot.context,
      locale: "en-US",
      timezoneId: "UTC",
      colorScheme: "light",
      reducedMotion: "reduce",
    });
    await context.clock.setFixedTime(TODAY);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(server.url + shot.hash);
    await drawn(page, shot.drawn);
    const path = join(out, shot.file);
    writeFileSync(path, await settledScreenshot(page));
    await context.close();
    if (errors.length > 0) {
      failed = true;
      console.error(`screenshots: ${shot.file}: the page reported errors:\n  ${errors.join("\n  ")}`);
    } else {
      console.log(`screenshots: ${path}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) process.exit(1);
