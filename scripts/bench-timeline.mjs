// `make bench`, timeline part (issue #6): the app's timeline against npm vis-timeline 8 on the
// same generated datasets, in the same headless Chromium run. For each size it measures, for
// both libraries:
//
// - first draw: from navigation start (performance.timeOrigin) until the first item of the
//   loaded dataset is in the DOM and the frame showing it has been produced (one
//   requestAnimationFrame, then one task). Both pages fetch the same JSON from the same loopback
//   server; ours also starts its wasm and builds its indexes, vis-timeline loads its bundle and
//   builds a DataSet: each page's whole cost until the reader sees the timeline.
// - zoom step: a WheelEvent (deltaY ±100 px, alternating in and out) dispatched on the timeline
//   at its centre; pan step: a pointer drag moving ±50 px per step (both libraries pan by drag;
//   vis-timeline's horizontal wheel is off by default and zooms instead).
//   A step's frame time is the main thread's work for that frame, without the wait for vsync:
//   (event handlers + microtasks) + (from the frame's start, the rAF timestamp, to the task after
//   that frame). vis-timeline redraws in its own requestAnimationFrame; ours renders in a
//   microtask: both land in the first frame after the event, and both are counted whole.
//
// Prints medians and 95th percentiles in milliseconds, and ratios (vis-timeline ÷ ours: above 1
// means ours is faster). A library that does not finish within the time limit is reported so.
//
// Environment: BENCH_TIMELINE_SIZES (default 1000,10000,100000), BENCH_TIMELINE_STEPS (30),
// BENCH_TIMELINE_TIMEOUT (seconds per library, size and phase; 120), ATLAS_DATA (the
// atlas-data binary; target/release/atlas-data), BENCH_TIMELINE_DIST (an existing release build;
// if unset, trunk builds one into target/bench-timeline-dist).

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, serveDist } from "../tests/e2e/support.mjs";
import { ROOT, generatedDataset, median, percentile, releaseBuild } from "./bench-support.mjs";

const SIZES = (process.env.BENCH_TIMELINE_SIZES ?? "1000,10000,100000").split(",").map(Number);
const STEPS = Number(process.env.BENCH_TIMELINE_STEPS ?? 30);
const WARM_UP_STEPS = 3;
const TIMEOUT_SECONDS = Number(process.env.BENCH_TIMELINE_TIMEOUT ?? 120);
const ATLAS_DATA = process.env.ATLAS_DATA ?? "target/release/atlas-data";
const SEED = 42;
const VIEWPORT = { width: 1280, height: 800 };

/** What the bench needs to know about each side's page. */
const LIBRARIES = {
  ours: {
    name: "Health Atlas",
    path: (src) => `/?src=${encodeURIComponent(src)}`,
    // The embedded dataset draws first; only an item of the loaded one counts.
    firstItem: ".ha-timeline-svg g.ha-item[data-event-id^='gen-']",
    itemCount: ".ha-timeline-svg g.ha-item",
    target: ".ha-timeline-canvas",
    root: ".ha-timeline",
  },
  vis: {
    name: "vis-timeline",
    path: (src, area) => `/bench/timeline/vis.html?src=${encodeURIComponent(src)}&width=${area.width}px&height=${area.height}px`,
    firstItem: "#timeline .vis-item",
    itemCount: "#timeline .vis-item-content",
    target: "#timeline .vis-panel.vis-center",
    root: "#timeline",
  },
};

// Installed in every page before its own scripts: records the first draw, and offers one
// measured step. Runs in the browser, so it may use only what it defines itself.
function pageProbe(firstItemSelector) {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  // A task, not a timer: setTimeout may be clamped; a message runs as soon as the frame is done.
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });

  window.__firstDraw = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(firstItemSelector)) return;
      observer.disconnect();
      const inDom = performance.now();
      nextFrame()
        .then(nextTask)
        .then(() => resolve({ inDom, drawn: performance.now() }));
    });
    observer.observe(document, { childList: true, subtree: true });
  });

  let drag = null;
  window.__step = async ({ kind, sign, target, root }) => {
    const element = document.querySelector(target);
    const box = element.getBoundingClientRect();
    const centre = { x: box.left + box.width / 2, y: box.top + Math.min(box.height / 2, 60) };
    const pointer = (type, x, buttons) =>
      new PointerEvent(type, {
        pointerId: 1,
        pointerType: "mouse",
        isPrimary: true,
        button: type === "pointermove" ? -1 : 0,
        buttons,
        clientX: x,
        clientY: centre.y,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
    if (kind === "drag-start") {
      // Press and move past both libraries' drag thresholds (4 and 5 px): not measured.
      drag = { x: centre.x };
      element.dispatchEvent(pointer("pointerdown", drag.x, 1));
      for (let move = 0; move < 3; move++) {
        drag.x += 5;
        element.dispatchEvent(pointer("pointermove", drag.x, 1));
        await nextFrame();
      }
      await nextTask();
      return null;
    }
    if (kind === "drag-end") {
      element.dispatchEvent(pointer("pointerup", drag.x, 0));
      drag = null;
      await nextFrame();
      await nextTask();
      return null;
    }

    // Start from a quiet main thread, just after a frame.
    await nextFrame();
    await nextTask();
    let changed = false;
    const observer = new MutationObserver(() => (changed = true));
    observer.observe(document.querySelector(root), { childList: true, subtree: true, attributes: true, characterData: true });
    const start = performance.now();
    if (kind === "zoom") {
      element.dispatchEvent(
        new WheelEvent("wheel", { deltaY: 100 * sign, deltaMode: 0, clientX: centre.x, clientY: centre.y, bubbles: true, cancelable: true, composed: true }),
      );
    } else {
      drag.x += 50 * sign;
      element.dispatchEvent(pointer("pointermove", drag.x, 1));
    }
    // Microtasks queued by the handlers (Yew's render) run before these.
    await Promise.resolve();
    await Promise.resolve();
    const handled = performance.now();
    const frameStart = await nextFrame();
    let frames = 1;
    while (!changed && frames < 10) {
      await nextFrame();
      frames += 1;
    }
    await nextTask();
    const end = performance.now();
    observer.disconnect();
    return {
      frame: handled - start + (end - Math.max(frameStart, handled)),
      latency: end - start,
      frames,
      changed,
    };
  };
}

class Timeout extends Error {}

function within(seconds, promise) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`did not finish in ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Runs `count` measured steps (after a few unmeasured ones) within the time limit. */
async function measureSteps(page, library, kind) {
  const samples = [];
  const latencies = [];
  let unchanged = 0;
  const run = async () => {
    if (kind === "pan") await page.evaluate((args) => window.__step(args), { kind: "drag-start", target: library.target });
    for (let step = 0; step < WARM_UP_STEPS + STEPS; step++) {
      const sign = step % 2 ? 1 : -1;
      const result = await page.evaluate((args) => window.__step(args), { kind, sign, target: library.target, root: library.root });
      if (step < WARM_UP_STEPS) continue;
      if (!result.changed) unchanged += 1;
      samples.push(result.frame);
      latencies.push(result.latency);
    }
    if (kind === "pan") await page.evaluate((args) => window.__step(args), { kind: "drag-end", target: library.target });
  };
  try {
    await within(TIMEOUT_SECONDS, run());
  } catch (error) {
    if (!(error instanceof Timeout)) throw error;
    const done = [...samples];
    if (done.length === 0) return { failed: `no step finished in ${TIMEOUT_SECONDS} s` };
    // Reported over the steps done, and marked: the rest were not measured.
    return { median: median(done), p95: percentile(done, 0.95), partial: `${done.length} of ${STEPS} steps in ${TIMEOUT_SECONDS} s` };
  }
  return { median: median(samples), p95: percentile(samples, 0.95), latency: median(latencies), unchanged };
}

/** Loads one library's page on one dataset and measures first draw, zoom and pan. */
async function measure(browser, server, library, src, area) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.addInitScript(pageProbe, library.firstItem);
  const results = {};
  try {
    await page.goto(server.url.replace(/\/$/, "") + library.path(src, area), { waitUntil: "commit" });
    try {
      const draw = await within(TIMEOUT_SECONDS, page.evaluate(() => window.__firstDraw));
      results.firstDraw = { median: draw.drawn, p95: draw.drawn };
    } catch (error) {
      if (!(error instanceof Timeout)) throw error;
      results.firstDraw = { failed: error.message };
      return results;
    }
    results.area = await page.locator(library.firstItem).first().evaluate((item) => {
      const svg = item.closest("svg");
      return svg ? { width: svg.clientWidth, height: svg.clientHeight } : null;
    });
    results.items = await page.locator(library.itemCount).count();
    results.zoom = await measureSteps(page, library, "zoom");
    results.pan = await measureSteps(page, library, "pan");
  } finally {
    if (errors.length) console.error(`${library.name}: page errors:\n  ${errors.slice(0, 5).join("\n  ")}`);
    await context.close().catch(() => {});
  }
  return results;
}

const number = (value) =>
  value >= 100 ? Math.round(value).toLocaleString("en") : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const mark = (result) => (result.partial ? "†" : "");
const cell = (result, key) => (result.failed ? result.failed : number(result[key]) + mark(result));
const ratio = (ours, vis, key) =>
  ours.failed || vis.failed ? "–" : `${(vis[key] / ours[key]).toFixed(1)}×${mark(ours) || mark(vis)}`;

const dist = releaseBuild({ existing: process.env.BENCH_TIMELINE_DIST, dist: resolve(ROOT, "target/bench-timeline-dist") });
const vendor = {
  "/vendor/vis-timeline.mjs": readFileSync(resolve(ROOT, "node_modules/vis-timeline/standalone/esm/vis-timeline-graph2d.min.mjs")),
  "/bench/timeline/vis.html": readFileSync(resolve(ROOT, "bench/timeline/vis.html")),
  "/bench/timeline/vis.mjs": readFileSync(resolve(ROOT, "bench/timeline/vis.mjs")),
};
const browser = await launchBrowser();
const rows = [];
try {
  for (const size of SIZES) {
    const src = `/bench-data/events-${size}.json`;
    const server = await serveDist({ dist, extraFiles: { ...vendor, [src]: readFileSync(generatedDataset({ size, seed: SEED, atlasData: ATLAS_DATA })) } });
    try {
      const ours = await measure(browser, server, LIBRARIES.ours, src, null);
      // vis-timeline gets the same drawing area as ours.
      const area = ours.area ?? { width: VIEWPORT.width, height: 232 };
      const vis = await measure(browser, server, LIBRARIES.vis, src, area);
      console.error(`${size} events: drawn items ours ${ours.items ?? "–"}, vis-timeline ${vis.items ?? "–"}`);
      for (const [task, key] of [["first draw", "firstDraw"], ["zoom step", "zoom"], ["pan step", "pan"]]) {
        const [mine, theirs] = [ours[key] ?? { failed: "not run" }, vis[key] ?? { failed: "not run" }];
        if (mine.unchanged || theirs.unchanged) {
          console.error(`${size} ${task}: steps without a DOM change: ours ${mine.unchanged ?? 0}, vis-timeline ${theirs.unchanged ?? 0}`);
        }
        rows.push({ size, task, ours: mine, vis: theirs });
      }
    } finally {
      await server.close();
    }
  }
} finally {
  console.log(`\nTimeline: Health Atlas vs vis-timeline ${JSON.parse(readFileSync(resolve(ROOT, "node_modules/vis-timeline/package.json"))).version}, headless Chromium ${browser.version()}, ${STEPS} steps per task (ms; ratio = vis-timeline ÷ ours)\n`);
  await browser.close();
}

const single = (task) => task === "first draw";
console.log("| events | task | ours median | ours p95 | vis-timeline median | vis-timeline p95 | ratio median | ratio p95 |");
console.log("|---:|---|---:|---:|---:|---:|---:|---:|");
for (const { size, task, ours, vis } of rows) {
  const p95 = (result) => (single(task) ? "" : cell(result, "p95"));
  console.log(
    `| ${size.toLocaleString("en")} | ${task} | ${cell(ours, "median")} | ${p95(ours)} | ${cell(vis, "median")} | ${p95(vis)} | ${ratio(ours, vis, "median")} | ${single(task) ? "" : ratio(ours, vis, "p95")} |`,
  );
}
const partial = rows.flatMap(({ size, task, ours, vis }) =>
  [["ours", ours], ["vis-timeline", vis]].filter(([, result]) => result.partial).map(([name, result]) => `${name} at ${size.toLocaleString("en")}, ${task}: ${result.partial}`),
);
if (partial.length) console.log(`\n† did not finish; median and p95 over the steps done (${partial.join("; ")}).`);
