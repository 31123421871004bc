// `make bench`, map part in the browser (issue #7): the app's map against npm leaflet +
// leaflet.markercluster (bench/leaflet/, no tile layer) on the same generated datasets, in the
// same headless Chromium, at the same map size.
//
// First draw, for both pages: from the moment the dataset's text has arrived (the page's
// `Response.text()` promise resolves, or its body's stream reads its end: both patched by the
// probe below) until the map shows every
// point of that dataset (the counts of the drawn clusters plus the single markers add up to
// the number of points; for ours, its timeline and list show the dataset too) and the frame
// showing it has been produced (one requestAnimationFrame,
// then one task). Network, script loading and wasm start-up are before that moment, so neither
// page is charged for them. After it, each page does all its own work on the text: ours (the
// app's own page, `/?src=`) parses and validates it (serde), builds the catalog and facets,
// clusters the places and renders the page (filters, timeline, map and list: on a wide screen
// every view is shown; the map cannot draw before the catalog exists anyway), in slices with the
// browser free between them; its search index comes after the first paint; the
// reference JSON.parses it, makes one L.marker per place, fits the same box as the app (same
// padding and zoom cap, fractional zoom) and adds the markers with one chunked `addLayers` (no
// idle time between chunks) at the app's cluster radius (25 px). Both pages are 1280×800 and
// the reference's map gets the size ours has.
//
// Prints medians over the rounds and the ratio (Leaflet ÷ ours: above 1 means ours is faster).
// A run that does not finish within the time limit is reported so and ends that size.
//
// Environment: BENCH_LEAFLET_SIZES (default 10000,100000), BENCH_LEAFLET_ROUNDS (5),
// BENCH_LEAFLET_TIMEOUT (seconds per run; 60), BENCH_TARGET_DIR (where atlas-data is built and
// the datasets go; target), BENCH_LEAFLET_DIST (an existing release build; if unset, trunk
// builds one into $BENCH_TARGET_DIR/bench-leaflet-dist), BENCH_LEAFLET_PROFILE (a folder: the
// first round of each page is recorded with the DevTools CPU profiler into
// <page>-<size>.cpuprofile there, and the functions with the most self time between the text's
// arrival and the first draw are printed; a release build has no function names, so profile a
// build whose wasm kept its name section).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, serveDist } from "../tests/e2e/support.mjs";
import { ROOT, generatedDataset, median, releaseBuild } from "./bench-support.mjs";

const TARGET = resolve(ROOT, process.env.BENCH_TARGET_DIR ?? "target");
const SIZES = (process.env.BENCH_LEAFLET_SIZES ?? "10000,100000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_LEAFLET_ROUNDS ?? 5);
const TIMEOUT_SECONDS = Number(process.env.BENCH_LEAFLET_TIMEOUT ?? 60);
const PROFILE = process.env.BENCH_LEAFLET_PROFILE ? resolve(process.env.BENCH_LEAFLET_PROFILE) : null;
const SEED = 42;
const VIEWPORT = { width: 1280, height: 800 };

const PAGES = {
  ours: {
    name: "Health Atlas",
    path: (src) => `/?src=${encodeURIComponent(src)}`,
    map: ".ha-map-svg",
  },
  leaflet: {
    name: "Leaflet.markercluster",
    path: (src, size) => `/bench/leaflet/leaflet.html?src=${encodeURIComponent(src)}&width=${size.width}px&height=${size.height}px`,
    map: "#map",
  },
};

/** The points both maps cluster: the distinct places of each event. */
function pointCount(text) {
  let count = 0;
  for (const event of JSON.parse(text).events) count += new Set(event.places.map((place) => `${place.lat},${place.lon}`)).size;
  return count;
}

// Installed in every page before its own scripts: notes when the dataset's text arrives and
// when the map first shows all of it. Runs in the browser, so it may use only what it defines.
function pageProbe({ datasetPath, expected, library }) {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  // A task, not a timer: setTimeout may be clamped; a message runs as soon as the frame is done.
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });

  // Ours reads the body as a stream (`body.getReader()`, chunk by chunk, for its progress
  // bar), Leaflet's page as text: the last chunk read, or the text's promise, marks it.
  let arrived = null;
  for (const read of ["text", "arrayBuffer"]) {
    const original = Response.prototype[read];
    Response.prototype[read] = function () {
      const isDataset = new URL(this.url).pathname === datasetPath;
      return original.call(this).then((body) => {
        if (isDataset) arrived = performance.now();
        return body;
      });
    };
  }
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
      if (chunk.done && datasetReaders.has(this)) arrived = performance.now();
      return chunk;
    });
  };

  // How many points the map shows: the clusters' counts plus the single markers.
  const shown =
    library === "ours"
      ? () => {
          let total = 0;
          for (const item of document.querySelectorAll(".ha-map-svg .ha-markers [data-count]")) total += Number(item.getAttribute("data-count"));
          return total + document.querySelectorAll(".ha-map-svg .ha-markers [data-event-id^='gen-']").length;
        }
      : () => {
          let total = 0;
          for (const item of document.querySelectorAll("#map .marker-cluster")) total += Number(item.textContent);
          return total + document.querySelectorAll("#map .leaflet-marker-icon:not(.marker-cluster)").length;
        };

  // Ours is drawn when its timeline and list show the dataset too (issue #23: the whole page).
  const rest =
    library === "ours"
      ? () =>
          document.querySelector(".ha-list [data-event-id^='gen-']") !== null &&
          document.querySelector(".ha-timeline-svg [data-event-id^='gen-']") !== null
      : () => true;

  window.__firstDraw = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (arrived === null || shown() < expected || !rest()) return;
      observer.disconnect();
      const inDom = performance.now();
      nextFrame()
        .then(nextTask)
        .then(() => resolve({ arrived, inDom, drawn: performance.now() }));
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
}

class Timeout extends Error {}

function within(seconds, promise) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`did not finish in ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Prints the functions with the most self time in [from, to] (performance.now() ms) of `profile`. */
function summarise(name, profile, { from, to, stoppedAt }) {
  // The profile's clock is not the page's: count back from its end, which is when it stopped.
  const end = profile.endTime;
  const [start, finish] = [end - (stoppedAt - from) * 1000, end - (stoppedAt - to) * 1000];
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let time = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index];
    if (time < start || time > finish) return;
    const { functionName, url } = nodes.get(id).callFrame;
    const key = `${functionName || "(anonymous)"}${url ? ` ${url.split("/").pop()}` : ""}`;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.error(`\n${name}: self time between the text's arrival and the first draw (${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [key, micros] of top) console.error(`${(micros / 1000).toFixed(1).padStart(8)} ms  ${key}`);
}

/** One page load: the first draw and what it drew. */
async function firstDraw(browser, server, library, { src, expected, size, profile }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const profiler = profile ? await context.newCDPSession(page) : null;
  if (profiler) {
    await profiler.send("Profiler.enable");
    await profiler.send("Profiler.setSamplingInterval", { interval: 100 });
    await profiler.send("Profiler.start");
  }
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.addInitScript(pageProbe, { datasetPath: src, expected, library: library === PAGES.ours ? "ours" : "leaflet" });
  try {
    await page.goto(server.url.replace(/\/$/, "") + library.path(src, size), { waitUntil: "commit" });
    const draw = await within(TIMEOUT_SECONDS, page.evaluate(() => window.__firstDraw));
    if (profiler) {
      const stoppedAt = await page.evaluate(() => performance.now());
      const { profile: recorded } = await profiler.send("Profiler.stop");
      mkdirSync(PROFILE, { recursive: true });
      writeFileSync(resolve(PROFILE, `${profile}.cpuprofile`), JSON.stringify(recorded));
      summarise(profile, recorded, { from: draw.arrived, to: draw.drawn, stoppedAt });
    }
    const map = await page.locator(library.map).first().evaluate((element) => ({
      width: element.clientWidth,
      height: element.clientHeight,
      zoom: element.dataset.zoom ? Number(element.dataset.zoom) : window.leafletMap?.getZoom(),
      items: element.querySelectorAll(".ha-markers > g, .leaflet-marker-icon").length,
    }));
    return { time: draw.drawn - draw.arrived, arrivedAt: draw.arrived, ...map };
  } catch (error) {
    if (!(error instanceof Timeout)) throw error;
    return { failed: error.message };
  } finally {
    if (errors.length) console.error(`${library.name}: page errors:\n  ${errors.slice(0, 5).join("\n  ")}`);
    await context.close().catch(() => {});
  }
}

const dist = releaseBuild({ existing: process.env.BENCH_LEAFLET_DIST, dist: resolve(TARGET, "bench-leaflet-dist") });
const vendor = {
  "/bench/leaflet/leaflet.html": readFileSync(resolve(ROOT, "bench/leaflet/leaflet.html")),
  "/bench/leaflet/leaflet.mjs": readFileSync(resolve(ROOT, "bench/leaflet/leaflet.mjs")),
  "/vendor/leaflet/leaflet.js": readFileSync(resolve(ROOT, "node_modules/leaflet/dist/leaflet.js")),
  "/vendor/leaflet/leaflet.css": readFileSync(resolve(ROOT, "node_modules/leaflet/dist/leaflet.css")),
  "/vendor/leaflet/images/marker-icon.png": readFileSync(resolve(ROOT, "node_modules/leaflet/dist/images/marker-icon.png")),
  "/vendor/leaflet/images/marker-icon-2x.png": readFileSync(resolve(ROOT, "node_modules/leaflet/dist/images/marker-icon-2x.png")),
  "/vendor/leaflet/images/marker-shadow.png": readFileSync(resolve(ROOT, "node_modules/leaflet/dist/images/marker-shadow.png")),
};
for (const file of ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"]) {
  vendor[`/vendor/leaflet.markercluster/${file}`] = readFileSync(resolve(ROOT, "node_modules/leaflet.markercluster/dist", file));
}
const version = (name) => JSON.parse(readFileSync(resolve(ROOT, "node_modules", name, "package.json"), "utf8")).version;

const browser = await launchBrowser();
const rows = [];
try {
  for (const size of SIZES) {
    const src = `/bench-data/events-${size}.json`;
    const text = readFileSync(generatedDataset({ size, seed: SEED, targetDir: TARGET }));
    const expected = pointCount(text);
    const server = await serveDist({ dist, extraFiles: { ...vendor, [src]: text } });
    const times = { ours: [], leaflet: [] };
    const failed = {};
    let drawn = {};
    try {
      // Alternate the two pages so that a change in the machine's load hits both alike.
      for (let round = 0; round < ROUNDS && !failed.ours && !failed.leaflet; round++) {
        const profile = (page) => (PROFILE && round === 0 ? `${page}-${size}` : null);
        const ours = await firstDraw(browser, server, PAGES.ours, { src, expected, profile: profile("ours") });
        if (ours.failed) failed.ours = ours.failed;
        else times.ours.push(ours.time);
        // The reference gets the same map size as ours.
        const mapSize = ours.width ? { width: ours.width, height: ours.height } : { width: 800, height: 480 };
        const leaflet = await firstDraw(browser, server, PAGES.leaflet, { src, expected, size: mapSize, profile: profile("leaflet") });
        if (leaflet.failed) failed.leaflet = leaflet.failed;
        else times.leaflet.push(leaflet.time);
        if (round === 0) drawn = { ours, leaflet };
      }
    } finally {
      await server.close();
    }
    const describe = (result) => (result.failed ? "–" : `${result.width}×${result.height} px, zoom ${result.zoom?.toFixed(2)}, ${result.items} clusters and markers`);
    console.error(`${size} events (${expected} points): ours ${describe(drawn.ours)}; Leaflet ${describe(drawn.leaflet)}`);
    rows.push({ size, ours: times.ours, leaflet: times.leaflet, failed });
  }
} finally {
  console.log(
    `\nMap first draw: Health Atlas vs leaflet ${version("leaflet")} + leaflet.markercluster ${version("leaflet.markercluster")}, headless Chromium ${browser.version()}, from the dataset's text arriving to every point drawn (ms; ratio = Leaflet ÷ ours)\n`,
  );
  await browser.close();
}

const cell = (values, failure) => (failure ? failure : values.length ? `${Math.round(median(values)).toLocaleString("en")} (${values.length} runs)` : "not run");
console.log("| events | ours median | Leaflet.markercluster median | ratio |");
console.log("|---:|---:|---:|---:|");
for (const { size, ours, leaflet, failed } of rows) {
  const ratio = ours.length && leaflet.length && !failed.ours && !failed.leaflet ? `${(median(leaflet) / median(ours)).toFixed(1)}×` : "–";
  console.log(`| ${size.toLocaleString("en")} | ${cell(ours, failed.ours)} | ${cell(leaflet, failed.leaflet)} | ${ratio} |`);
}
