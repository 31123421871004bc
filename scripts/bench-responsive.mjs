// `make bench`, responsiveness while a large dataset loads (issue #23, goal 3: no main-thread
// task over 50 ms while a 100k dataset loads, and a click answered within 100 ms, p95).
//
// The app's own page opens `/?src=` with an `atlas-data generate --seed 42` dataset, in headless
// Chromium at 1280×800, as the Leaflet bench does. While it loads, a visitor clicks the page's
// title every BENCH_RESPONSIVE_CLICK_EVERY ms (a real input event through the DevTools protocol,
// queued by the browser like a mouse's). Measured in the page:
// - long tasks (PerformanceObserver "longtask": any main-thread task over 50 ms), from the
//   moment the dataset's text has arrived (its body's stream reads its end) to the first draw
//   (the map shows every point, timeline and list show the dataset, then a frame), and in the
//   2 s after it (what the page does after its first paint: the search index, the basemap);
// - each click's delay to the next paint: for its press and for its click event, from the
//   event's time stamp (when the browser received it, before any queueing on a busy main
//   thread) to the end of the frame after its handlers ran (a requestAnimationFrame, then one
//   task), the longer of the two, for the clicks pressed in the same span; and, as a check,
//   the Event Timing API's latency of those interactions over 16 ms (what INP reports);
// - whether the page showed its progress (the status with a `<progress>`) while loading.
//
// Prints, per build: the median first draw, long tasks (count, longest, total) per load, the
// click delays' median, p95 and maximum over every load's clicks, and the first draw's slices
// as the loader marks them (User Timing marks `health-atlas:parse`, `…:catalog`, `…:unfiltered`,
// `…:render`).
//
// Environment: BENCH_RESPONSIVE_SIZE (default 100000), BENCH_RESPONSIVE_ROUNDS (5),
// BENCH_RESPONSIVE_CLICK_EVERY (ms between clicks; 100), BENCH_RESPONSIVE_TIMEOUT (seconds per
// load; 90), BENCH_TARGET_DIR (where atlas-data is built and the datasets go; target),
// BENCH_RESPONSIVE_DIST (a release build, or "name=DIR,name=DIR" to compare builds in one run,
// the loads alternating; default target/bench-timeline-dist, which bench-timeline.mjs builds).

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, serveDist } from "../tests/e2e/support.mjs";
import { ROOT, generatedDataset, median, percentile } from "./bench-support.mjs";

const TARGET = resolve(ROOT, process.env.BENCH_TARGET_DIR ?? "target");
const SIZE = Number(process.env.BENCH_RESPONSIVE_SIZE ?? 100000);
const ROUNDS = Number(process.env.BENCH_RESPONSIVE_ROUNDS ?? 5);
const CLICK_EVERY = Number(process.env.BENCH_RESPONSIVE_CLICK_EVERY ?? 100);
const TIMEOUT_SECONDS = Number(process.env.BENCH_RESPONSIVE_TIMEOUT ?? 90);
const AFTER_DRAW_MS = 2000;
const SEED = 42;
const VIEWPORT = { width: 1280, height: 800 };

const BUILDS = (process.env.BENCH_RESPONSIVE_DIST ?? "target/bench-timeline-dist").split(",").map((entry) => {
  const [name, dir] = entry.includes("=") ? entry.split("=") : ["ours", entry];
  return { name, dist: resolve(ROOT, dir) };
});

/** The points the map clusters: the distinct places of each event (as the Leaflet bench). */
function pointCount(text) {
  let count = 0;
  for (const event of JSON.parse(text).events) count += new Set(event.places.map((place) => `${place.lat},${place.lon}`)).size;
  return count;
}

// Installed before the page's own scripts. Runs in the browser: it may use only what it defines.
function pageProbe({ datasetPath, expected }) {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  const probe = { arrived: null, drawn: null, longTasks: [], clicks: [], eventTimings: [], progressSeen: false };
  window.__responsive = probe;

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
  // Event Timing's entries of each interaction (pointer down, up, click): INP's latency of
  // an interaction is the longest of them (those over 16 ms are reported).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.interactionId) probe.eventTimings.push({ id: entry.interactionId, start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "event", durationThreshold: 16, buffered: true });

  // Every press and click: from its time stamp to the end of the frame after its handlers
  // (this listener runs first, in the capture phase at the window; the app's own run in the
  // same task). The press is the one that waits for a busy main thread (the browser holds
  // the release until the press is handled); the interaction's delay is the longer of the two.
  let pressed = null;
  for (const type of ["pointerdown", "click"]) {
    window.addEventListener(
      type,
      (event) => {
        const start = event.timeStamp;
        const interaction = type === "pointerdown" ? (pressed = { start, delays: [] }) : pressed;
        nextFrame()
          .then(nextTask)
          .then(() => {
            interaction?.delays.push(performance.now() - start);
            if (type === "click" && interaction) probe.clicks.push({ start: interaction.start, delay: Math.max(...interaction.delays) });
          });
      },
      true,
    );
  }

  // The app reads the dataset's body as a stream: its last chunk marks the text's arrival.
  const datasetStreams = new WeakSet();
  const datasetReaders = new WeakSet();
  const body = Object.getOwnPropertyDescriptor(Response.prototype, "body");
  Object.defineProperty(Response.prototype, "body", {
    ...body,
    get() {
      const stream = body.get.call(this);
      if (stream && new URL(this.url).pathname === datasetPath) datasetStreams.add(stream);
      return stream;
    },
  });
  const getReader = ReadableStream.prototype.getReader;
  ReadableStream.prototype.getReader = function (...options) {
    const reader = getReader.apply(this, options);
    if (datasetStreams.has(this)) datasetReaders.add(reader);
    return reader;
  };
  const readChunk = ReadableStreamDefaultReader.prototype.read;
  ReadableStreamDefaultReader.prototype.read = function () {
    return readChunk.call(this).then((chunk) => {
      if (chunk.done && datasetReaders.has(this)) probe.arrived = performance.now();
      return chunk;
    });
  };

  const mapShows = () => {
    let total = 0;
    for (const item of document.querySelectorAll(".ha-map-svg .ha-markers [data-count]")) total += Number(item.getAttribute("data-count"));
    return total + document.querySelectorAll(".ha-map-svg .ha-markers [data-event-id^='gen-']").length;
  };
  const drawn = () =>
    mapShows() >= expected &&
    document.querySelector(".ha-list [data-event-id^='gen-']") !== null &&
    document.querySelector(".ha-timeline-svg [data-event-id^='gen-']") !== null;
  window.__firstDraw = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(".ha-status progress")) probe.progressSeen = true;
      if (probe.arrived === null || !drawn()) return;
      observer.disconnect();
      nextFrame()
        .then(nextTask)
        .then(() => {
          probe.drawn = performance.now();
          resolve();
        });
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

function within(seconds, promise) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish in ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One load of `src` with clicks all along; what the probe saw. */
async function oneLoad(browser, server, { src, expected, at }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.addInitScript(pageProbe, { datasetPath: src, expected });
  try {
    await page.goto(`${server.url}?src=${encodeURIComponent(src)}`, { waitUntil: "commit" });
    // Click the title (no control: the click costs the page only its own dispatch) from the
    // start until AFTER_DRAW_MS after the first draw, at the place found beforehand
    // (asking the page where it is would wait for a busy main thread).
    let finished = false;
    const done = within(TIMEOUT_SECONDS, page.evaluate(() => window.__firstDraw))
      .then(() => sleep(AFTER_DRAW_MS))
      .finally(() => (finished = true));
    const clicking = (async () => {
      while (!finished) {
        await page.mouse.click(at.x, at.y);
        await sleep(CLICK_EVERY);
      }
    })();
    await done;
    await clicking;
    // The last click's frame.
    await sleep(200);
    const probe = await page.evaluate(() => ({
      ...window.__responsive,
      marks: Object.fromEntries(performance.getEntriesByType("mark").filter((mark) => mark.name.startsWith("health-atlas:")).map((mark) => [mark.name.slice("health-atlas:".length), mark.startTime])),
    }));
    if (process.env.BENCH_RESPONSIVE_DEBUG) console.error(JSON.stringify({ marks: probe.marks, arrived: probe.arrived, drawn: probe.drawn, longTasks: probe.longTasks, clicks: probe.clicks.map((click) => [Math.round(click.start), Math.round(click.delay)]) }));
    return probe;
  } finally {
    if (errors.length) console.error(`page errors:\n  ${errors.slice(0, 5).join("\n  ")}`);
    await context.close().catch(() => {});
  }
}

/** Where the page's title is (on the embedded events: the layout is the same). */
async function titlePosition(browser, server) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    const box = await page.locator(".ha-title").first().boundingBox();
    return { x: box.x + 4, y: box.y + box.height / 2 };
  } finally {
    await context.close();
  }
}

/** The long tasks and clicks of one load, in its two spans. */
function summarise(probe) {
  const { arrived, drawn } = probe;
  const span = (from, to) => ({
    tasks: probe.longTasks.filter((task) => task.start + task.duration > from && task.start < to),
    clicks: probe.clicks.filter((click) => click.start >= from && click.start < to).map((click) => click.delay),
    timings: [
      ...probe.eventTimings
        .filter((timing) => timing.start >= from && timing.start < to)
        .reduce((longest, timing) => longest.set(timing.id, Math.max(longest.get(timing.id) ?? 0, timing.duration)), new Map())
        .values(),
    ],
  });
  // The slices the loader marks (a build without the marks has none): each from its mark to
  // the next one, the last to the first draw.
  const names = ["parse", "catalog", "unfiltered", "render"];
  const slices = {};
  names.forEach((name, index) => {
    const end = index + 1 < names.length ? probe.marks[names[index + 1]] : drawn;
    if (probe.marks[name] !== undefined && end !== undefined) slices[name] = end - probe.marks[name];
  });
  return {
    firstDraw: drawn - arrived,
    slices,
    loading: span(arrived, drawn),
    after: span(drawn, drawn + AFTER_DRAW_MS),
    progressSeen: probe.progressSeen,
  };
}

const text = readFileSync(generatedDataset({ size: SIZE, seed: SEED, targetDir: TARGET }));
const src = `/bench-data/events-${SIZE}.json`;
const expected = pointCount(text);
const browser = await launchBrowser();
const results = new Map(BUILDS.map((build) => [build.name, []]));
try {
  const servers = new Map();
  for (const build of BUILDS) servers.set(build.name, await serveDist({ dist: build.dist, extraFiles: { [src]: text } }));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so that a change in the machine's load hits every build alike.
      const order = round % 2 ? [...BUILDS].reverse() : BUILDS;
      for (const build of order) {
        const server = servers.get(build.name);
        const at = await titlePosition(browser, server);
        const load = summarise(await oneLoad(browser, server, { src, expected, at }));
        results.get(build.name).push(load);
        const longest = Math.max(0, ...load.loading.tasks.map((task) => task.duration));
        console.error(
          `${build.name} round ${round + 1}: first draw ${Math.round(load.firstDraw)} ms, ${load.loading.tasks.length} long tasks (longest ${Math.round(longest)} ms), ${load.loading.clicks.length} clicks`,
        );
      }
    }
  } finally {
    for (const server of servers.values()) await server.close();
  }
} finally {
  console.log(
    `\nResponsive while loading: ${SIZE.toLocaleString("en")} events (${expected.toLocaleString("en")} points) through ?src=, headless Chromium ${browser.version()}, ${ROUNDS} loads per build, a click every ${CLICK_EVERY} ms; load average ${(await import("node:os")).loadavg().map((load) => load.toFixed(1)).join(" ")}\n`,
  );
  await browser.close();
}

const ms = (value) => (value === undefined || Number.isNaN(value) ? "–" : Math.round(value).toLocaleString("en"));
console.log("| build | span | first draw median (ms) | long tasks per load (median) | longest task (ms, median / max) | long tasks' total (ms, median) | clicks | click → paint median / p95 / max (ms) | Event Timing max (ms) | progress shown |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
for (const [name, loads] of results) {
  for (const spanName of ["loading", "after"]) {
    const spans = loads.map((load) => load[spanName]);
    const longest = spans.map((span) => Math.max(0, ...span.tasks.map((task) => task.duration)));
    const totals = spans.map((span) => span.tasks.reduce((sum, task) => sum + task.duration, 0));
    const clicks = spans.flatMap((span) => span.clicks);
    const timings = spans.flatMap((span) => span.timings);
    const label = spanName === "loading" ? "text → first draw" : `${AFTER_DRAW_MS / 1000} s after`;
    console.log(
      `| ${name} | ${label} | ${spanName === "loading" ? ms(median(loads.map((load) => load.firstDraw))) : ""} | ${median(spans.map((span) => span.tasks.length))} | ${ms(median(longest))} / ${ms(Math.max(...longest))} | ${ms(median(totals))} | ${clicks.length} | ${clicks.length ? `${ms(median(clicks))} / ${ms(percentile(clicks, 0.95))} / ${ms(Math.max(...clicks))}` : "–"} | ${timings.length ? ms(Math.max(...timings)) : "< 16"} | ${spanName === "loading" ? (loads.every((load) => load.progressSeen) ? "yes" : "no") : ""} |`,
    );
  }
}

console.log("\nThe slices of the first draw (medians, ms): each from the loader's mark (`health-atlas:…`) to the next, the last to the first draw\n");
console.log("| build | parse | catalog | unfiltered (clusters) | reducer + render + frame |");
console.log("|---|---:|---:|---:|---:|");
for (const [name, loads] of results) {
  const slice = (key) => {
    const values = loads.map((load) => load.slices[key]).filter((value) => value !== undefined);
    return values.length ? ms(median(values)) : "–";
  };
  console.log(`| ${name} | ${slice("parse")} | ${slice("catalog")} | ${slice("unfiltered")} | ${slice("render")} |`);
}
