// `make bench`, map view part (issue #7: "re-cluster + redraw ≤ 16.7 ms at 100k"): the release
// build in headless Chromium with an `atlas-data generate --seed 42` dataset loaded through
// `?src=`, then pan and zoom steps on the map, each timed as one frame.
//
// - zoom step: a WheelEvent (deltaY ±100 px: half a zoom level) at the map's centre, in runs of
//   six in, then six out, so the zoom really changes rather than flickering around one level;
// - pan step: a pointer drag moving 40 px per step, always the same way, so the map keeps
//   showing new ground (a drag back and forth would only ever show what was already drawn).
//
// A step's frame time is the main thread's work for that step's frame, without the wait for
// vsync: (event handlers + microtasks, where Yew renders) + (from the frame's start, the rAF
// timestamp, to the task after that frame: style, layout, paint). The same measure as
// scripts/bench-timeline.mjs.
//
// Several builds can be compared in one run, interleaved per size, e.g. before and after a
// change: BENCH_MAP_VIEW_DIST="before=/tmp/a,after=/tmp/b" (a bare path is named "ours").
// Without it, trunk builds the working tree into target/bench-map-view-dist.
//
// Environment: BENCH_MAP_VIEW_SIZES (default 10000,100000), BENCH_MAP_VIEW_STEPS (60),
// BENCH_MAP_VIEW_ROUNDS (1; rounds alternate the builds' order), BENCH_MAP_VIEW_TIMEOUT
// (seconds per build, size and task; 180), ATLAS_DATA (the atlas-data binary;
// target/release/atlas-data).

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, serveDist } from "../tests/e2e/support.mjs";
import { ROOT, generatedDataset, median, percentile, releaseBuild } from "./bench-support.mjs";

const SIZES = (process.env.BENCH_MAP_VIEW_SIZES ?? "10000,100000").split(",").map(Number);
const STEPS = Number(process.env.BENCH_MAP_VIEW_STEPS ?? 60);
const ROUNDS = Number(process.env.BENCH_MAP_VIEW_ROUNDS ?? 1);
const WARM_UP_STEPS = 3;
const TIMEOUT_SECONDS = Number(process.env.BENCH_MAP_VIEW_TIMEOUT ?? 180);
const ATLAS_DATA = process.env.ATLAS_DATA ?? "target/release/atlas-data";
const SEED = 42;
const VIEWPORT = { width: 1280, height: 900 };
// Where the steps start: the view fitted to every event (zoom 2–3, the whole basemap on screen),
// and eastern China at zoom 5 (provinces in detail and hundreds of clusters), from a link.
const VIEWS = [
  { name: "fitted", link: "" },
  { name: "east China z5", link: "#v=1&map=116,31,5" },
];

/** The builds to time: `name=path` pairs, or one build of the working tree. */
function builds() {
  const spec = process.env.BENCH_MAP_VIEW_DIST;
  if (spec) {
    return spec.split(",").map((entry) => {
      const [name, path] = entry.includes("=") ? entry.split("=") : ["ours", entry];
      return { name, dist: resolve(path) };
    });
  }
  return [{ name: "ours", dist: releaseBuild({ dist: resolve(ROOT, "target/bench-map-view-dist") }) }];
}

// Installed in the page before its own scripts: one measured step. Runs in the browser, so it
// may use only what it defines itself.
function pageProbe() {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  // A task, not a timer: setTimeout may be clamped; a message runs as soon as the frame is done.
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });

  let drag = null;
  window.__step = async ({ kind, sign }) => {
    const element = document.querySelector(".ha-map-canvas");
    const box = element.getBoundingClientRect();
    const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
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
      // Press and move past the drag threshold (4 px): not measured.
      drag = { x: box.left + box.width - 10 };
      element.dispatchEvent(pointer("pointerdown", drag.x, 1));
      for (let move = 0; move < 2; move++) {
        drag.x -= 5;
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
    observer.observe(document.querySelector(".ha-map"), { childList: true, subtree: true, attributes: true, characterData: true });
    const start = performance.now();
    if (kind === "zoom") {
      element.dispatchEvent(
        new WheelEvent("wheel", { deltaY: 100 * sign, deltaMode: 0, clientX: centre.x, clientY: centre.y, bubbles: true, cancelable: true, composed: true }),
      );
    } else {
      // Leftwards, then back from the right edge when the pointer runs out of map.
      if (drag.x - 40 < box.left + 10) {
        element.dispatchEvent(pointer("pointerup", drag.x, 0));
        drag.x = box.left + box.width - 10;
        element.dispatchEvent(pointer("pointerdown", drag.x, 1));
      }
      drag.x -= 40;
      element.dispatchEvent(pointer("pointermove", drag.x, 1));
    }
    // Microtasks queued by the handlers (Yew's render) run before these.
    await Promise.resolve();
    await Promise.resolve();
    const handled = performance.now();
    const frameStart = await nextFrame();
    await nextTask();
    let end = performance.now();
    // Yew renders in a microtask, so the first frame shows the step. A step that changes
    // nothing on screen is that one frame's work, not a wait for a change that never comes;
    // such steps are counted.
    let frames = 1;
    while (!changed && frames < 10) {
      await nextFrame();
      frames += 1;
    }
    if (changed && frames > 1) {
      await nextTask();
      end = performance.now();
    }
    observer.disconnect();
    return { frame: handled - start + (end - Math.max(frameStart, handled)), changed };
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

/** Zoom steps go in six times, then out six times; pan steps always go the same way. */
const signOf = (kind, step) => (kind === "zoom" ? (Math.floor(step / 6) % 2 ? 1 : -1) : -1);

async function measureSteps(page, kind) {
  const samples = [];
  let unchanged = 0;
  const run = async () => {
    if (kind === "pan") await page.evaluate((args) => window.__step(args), { kind: "drag-start" });
    for (let step = 0; step < WARM_UP_STEPS + STEPS; step++) {
      const result = await page.evaluate((args) => window.__step(args), { kind, sign: signOf(kind, step) });
      if (step < WARM_UP_STEPS) continue;
      if (!result.changed) unchanged += 1;
      samples.push(result.frame);
    }
    if (kind === "pan") await page.evaluate((args) => window.__step(args), { kind: "drag-end" });
  };
  try {
    await within(TIMEOUT_SECONDS, run());
  } catch (error) {
    if (!(error instanceof Timeout)) throw error;
    if (samples.length === 0) return { failed: `no step finished in ${TIMEOUT_SECONDS} s` };
    return { samples, partial: `${samples.length} of ${STEPS} steps in ${TIMEOUT_SECONDS} s`, unchanged };
  }
  return { samples, unchanged };
}

/** Loads one build on one dataset, waits for its clusters, and times zoom and pan steps. */
async function measure(browser, server, src, link) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.addInitScript(pageProbe);
  const results = {};
  try {
    await page.goto(`${server.url}?src=${encodeURIComponent(src)}${link}`, { waitUntil: "commit" });
    // The embedded dataset draws first; the generated one's ids start with "gen-".
    await page.waitForSelector(".ha-timeline-svg g.ha-item[data-event-id^='gen-']", { timeout: TIMEOUT_SECONDS * 1000 });
    await page.waitForSelector(".ha-map-svg .ha-cluster");
    await page.locator(".ha-map-canvas").scrollIntoViewIfNeeded();
    results.clusters = await page.locator(".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker").count();
    results.zoom = await measureSteps(page, "zoom");
    results.pan = await measureSteps(page, "pan");
  } finally {
    if (errors.length) console.error(`page errors:\n  ${errors.slice(0, 5).join("\n  ")}`);
    await context.close().catch(() => {});
  }
  return results;
}

const number = (value) => (value >= 100 ? Math.round(value).toLocaleString("en") : value >= 10 ? value.toFixed(1) : value.toFixed(2));

const targets = builds();
const browser = await launchBrowser();
// samples["size|view"][task][build] = every step's frame time, over all rounds.
const samples = {};
const notes = [];
try {
  for (const size of SIZES) {
    const src = `/bench-data/events-${size}.json`;
    const data = readFileSync(generatedDataset({ size, seed: SEED, atlasData: ATLAS_DATA }));
    for (const view of VIEWS) {
      const row = (samples[`${size}|${view.name}`] = { size, view: view.name, zoom: {}, pan: {} });
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? [...targets].reverse() : targets;
        for (const { name, dist } of order) {
          const server = await serveDist({ dist, extraFiles: { [src]: data } });
          try {
            const results = await measure(browser, server, src, view.link);
            console.error(`${size} events, ${view.name}, ${name}, round ${round + 1}: ${results.clusters} clusters and markers drawn`);
            for (const task of ["zoom", "pan"]) {
              const result = results[task];
              const where = `${name} at ${size}, ${view.name}, ${task}`;
              if (result.failed) notes.push(`${where}: ${result.failed}`);
              if (result.partial) notes.push(`${where}: ${result.partial}`);
              if (result.unchanged) notes.push(`${where}: ${result.unchanged} steps changed nothing`);
              (row[task][name] ??= []).push(...(result.samples ?? []));
            }
          } finally {
            await server.close();
          }
        }
      }
    }
  }
} finally {
  console.log(`\nMap view: pan and zoom frames, headless Chromium ${browser.version()}, ${STEPS} steps per task and round, ${ROUNDS} round(s) (ms; goal ≤ 16.7)\n`);
  await browser.close();
}

const names = targets.map((target) => target.name);
const compare = names.length > 1;
console.log(`| events | start | task | ${names.map((name) => `${name} median | ${name} p95`).join(" | ")}${compare ? ` | ratio p95 (${names[0]} ÷ ${names.at(-1)}) |` : " |"}`);
console.log(`|---:|---|---|${names.map(() => "---:|---:").join("|")}${compare ? "|---:|" : "|"}`);
for (const row of Object.values(samples)) {
  for (const task of ["zoom", "pan"]) {
    const cells = names.map((name) => {
      const values = row[task][name] ?? [];
      return values.length ? `${number(median(values))} | ${number(percentile(values, 0.95))}` : "– | –";
    });
    const [first, last] = [row[task][names[0]], row[task][names.at(-1)]];
    const ratio = compare && first?.length && last?.length ? ` | ${(percentile(first, 0.95) / percentile(last, 0.95)).toFixed(1)}× |` : compare ? " | – |" : " |";
    console.log(`| ${row.size.toLocaleString("en")} | ${row.view} | ${task} step | ${cells.join(" | ")}${ratio}`);
  }
}
if (notes.length) console.log(`\nNotes: ${notes.join("; ")}.`);
