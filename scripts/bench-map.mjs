// `make bench`, map part: our cluster index (Rust → wasm, crates/geo/src/cluster.rs via src/bench/map.rs)
// against npm `supercluster` on the same generated events, in the same Node process, with the
// same radius, extent and zoom range. Times the index build and re-clustering at several zooms
// (the whole world, and a 1280×800 view around Shanghai, as a zoom step in the app recomputes),
// prints medians in ms and ratios (supercluster ÷ ours: above 1 means ours is faster), and checks
// that both give the same number of items at every zoom (0–17 over the world, and each timed
// view): ours keeps supercluster 9's fixed-point positions and arithmetic, so a difference
// means a bug (or, very rarely, the two runtimes' sin or log differing in the last bit for a
// point on a fixed-point step's edge) and fails the bench.
//
// Input: each event's first place from `atlas-data generate --count N --seed 42`. supercluster
// gets GeoJSON Point features (its documented input), ours a Float64Array of lon/lat pairs;
// building either input is not timed.
// Environment: BENCH_SIZES (default 10000,100000), BENCH_TARGET_DIR (default target).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import Supercluster from "supercluster";
import { generatedDataset, median } from "./bench-support.mjs";

const require = createRequire(import.meta.url);
const TARGET = resolve(process.env.BENCH_TARGET_DIR ?? "target");
const { BenchClusterIndex } = require(`${TARGET}/bench-pkg/health_atlas.js`);

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const SEED = 42;
const OPTIONS = { radius: 40, extent: 512, minZoom: 0, maxZoom: 16 };
const ZOOMS = [2, 4, 6, 8, 10, 12];
const WORLD = [-180, -85, 180, 85];
const BUILD_ROUNDS = 5;
const QUERY_ROUNDS = 20;

function time(run) {
  const start = performance.now();
  const result = run();
  return [performance.now() - start, result];
}

function places(size) {
  const file = generatedDataset({ size, seed: SEED, targetDir: TARGET });
  const events = JSON.parse(readFileSync(file, "utf8")).events;
  return events.map((event) => [event.places[0].lon, event.places[0].lat]);
}

// A 1280×800 px view centred on Shanghai at `zoom` (Web Mercator, 256 px tiles).
function viewAroundShanghai(zoom) {
  const size = 256 * 2 ** zoom;
  const x = 121.47 / 360 + 0.5;
  const sin = Math.sin((31.23 * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  const lon = (worldX) => Math.max(-180, Math.min(180, (worldX - 0.5) * 360));
  const lat = (worldY) => (360 * Math.atan(Math.exp(((180 - Math.max(0, Math.min(1, worldY)) * 360) * Math.PI) / 180))) / Math.PI - 90;
  return [lon(x - 640 / size), lat(y + 400 / size), lon(x + 640 / size), lat(y - 400 / size)];
}

const rows = [];
const mismatches = [];
for (const size of SIZES) {
  const points = places(size);
  const coordinates = new Float64Array(points.flat());
  const features = points.map(([lon, lat], index) => ({
    type: "Feature",
    properties: { index },
    geometry: { type: "Point", coordinates: [lon, lat] },
  }));

  const builds = { ours: [], supercluster: [] };
  let ours;
  let reference;
  for (let round = 0; round < BUILD_ROUNDS; round++) {
    ours?.free();
    let elapsed;
    [elapsed, ours] = time(() => new BenchClusterIndex(coordinates, OPTIONS.radius, OPTIONS.extent, OPTIONS.minZoom, OPTIONS.maxZoom));
    builds.ours.push(elapsed);
    [elapsed, reference] = time(() => new Supercluster(OPTIONS).load(features));
    builds.supercluster.push(elapsed);
  }
  rows.push({ size, task: "index build", ours: median(builds.ours), reference: median(builds.supercluster) });

  for (const [label, boxOf] of [
    ["world", () => WORLD],
    ["1280×800 view on Shanghai", viewAroundShanghai],
  ]) {
    const queries = { ours: [], supercluster: [] };
    for (let round = 0; round < QUERY_ROUNDS; round++) {
      for (const zoom of ZOOMS) {
        const box = boxOf(zoom);
        const [oursElapsed, oursCount] = time(() => ours.clusters(box[0], box[1], box[2], box[3], zoom));
        const [referenceElapsed, referenceItems] = time(() => reference.getClusters(box, zoom));
        queries.ours.push(oursElapsed);
        queries.supercluster.push(referenceElapsed);
        if (round === 0 && oursCount !== referenceItems.length) {
          mismatches.push(`${size} events, ${label}, zoom ${zoom}: ours ${oursCount} items, supercluster ${referenceItems.length}`);
        }
      }
    }
    rows.push({ size, task: `re-cluster on zoom (${label}, zooms ${ZOOMS.join("/")})`, ours: median(queries.ours), reference: median(queries.supercluster) });
  }
  // Not timed: the item count at every zoom the index has, over the whole world.
  for (let zoom = OPTIONS.minZoom; zoom <= OPTIONS.maxZoom + 1; zoom++) {
    const oursCount = ours.clusters(...WORLD, zoom);
    const referenceCount = reference.getClusters(WORLD, zoom).length;
    if (oursCount !== referenceCount) mismatches.push(`${size} events, world, zoom ${zoom}: ours ${oursCount} items, supercluster ${referenceCount}`);
  }
  ours.free();
}

// supercluster exports no package.json, so read it from its folder.
const superclusterVersion = JSON.parse(readFileSync(resolve("node_modules/supercluster/package.json"), "utf8")).version;
console.log(`\nHealth Atlas cluster index (wasm in Node ${process.version}) vs supercluster ${superclusterVersion}; radius ${OPTIONS.radius}, extent ${OPTIONS.extent}, zooms ${OPTIONS.minZoom}–${OPTIONS.maxZoom}; medians in ms`);
console.log("| events | task | ours | supercluster | ratio (supercluster ÷ ours) |");
console.log("|---:|---|---:|---:|---:|");
for (const row of rows) {
  console.log(`| ${row.size.toLocaleString("en")} | ${row.task} | ${row.ours.toFixed(3)} | ${row.reference.toFixed(3)} | ${(row.reference / row.ours).toFixed(2)}× |`);
}
if (mismatches.length) {
  // The world at zooms 2–12 is checked twice, timed and untimed: list each difference once.
  console.log(`\nItem counts that differ from supercluster:\n${[...new Set(mismatches)].join("\n")}`);
  process.exitCode = 1;
} else {
  console.log("\nSame number of items as supercluster at every zoom and view.");
}
