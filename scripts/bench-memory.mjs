// `make bench`, memory (issue #23, goal 5): what holding a loaded and indexed dataset costs,
// ours against crossfilter2 + MiniSearch + supercluster holding the same events.
//
// Each side runs in a Node child process of its own (`--expose-gc`), so neither counts the
// other's garbage:
// - ours: the wasm bench package parses and validates the generated file, builds the catalog
//   (id index, order, facets, search index) and the cluster index of every event's first place,
//   and drops the JSON text; we report the WebAssembly memory's size (its high-water mark: a
//   wasm memory never shrinks, so it includes the text copied in while loading) and Node's
//   JavaScript heap;
// - the references: the events as JavaScript objects (JSON.parse), crossfilter2 with the seven
//   facets and their groups, MiniSearch over the same fields, supercluster over the first places.
// After a full garbage collection each reports `process.memoryUsage()`: heapUsed (the JS heap),
// external + arrayBuffers (memory outside it; ours holds its wasm memory there) and rss. The
// reference reports after crossfilter2 + supercluster and again after MiniSearch, so a MiniSearch
// build stopped at BENCH_MEMORY_TIMEOUT (seconds, default 300) still leaves a lower bound.
//
// Environment: BENCH_MEMORY_SIZES (default 100000,1000000), BENCH_MEMORY_TIMEOUT,
// BENCH_TARGET_DIR (where `make bench` put atlas-data, the wasm package and the data files),
// BENCH_PKG (the wasm package; default TARGET/bench-pkg).
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Supercluster from "supercluster";
import { generatedDataset } from "./bench-support.mjs";
import { buildCrossfilter, buildMiniSearch, eventChunks, readEvents, CHUNK, LARGEST_FILE } from "./bench-references.mjs";

const require = createRequire(import.meta.url);
const TARGET = resolve(process.env.BENCH_TARGET_DIR ?? "target");
const PKG = resolve(process.env.BENCH_PKG ?? resolve(TARGET, "bench-pkg"));
const SIZES = (process.env.BENCH_MEMORY_SIZES ?? "100000,1000000").split(",").map(Number);
const TIMEOUT = Number(process.env.BENCH_MEMORY_TIMEOUT ?? 300);
const SEED = 42;
// The map's cluster options, as scripts/bench-map.mjs gives both sides.
const CLUSTER = { radius: 40, extent: 512, minZoom: 0, maxZoom: 16 };
const MB = 1e6;

function usage() {
  global.gc();
  global.gc();
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  return { heapUsed, external, arrayBuffers, rss };
}

function oursChild(size) {
  const { BenchData, BenchEngine, BenchClusterIndex, wasm_memory_bytes } = require(`${PKG}/health_atlas.js`);
  const file = generatedDataset({ size, seed: SEED, targetDir: TARGET });
  let data;
  if (size <= LARGEST_FILE) {
    data = BenchData.parse(readFileSync(file, "utf8"));
  } else {
    data = new BenchData();
    for (const chunk of eventChunks(readFileSync(file), CHUNK)) data.append_events(chunk);
    data.check();
  }
  const engine = BenchEngine.build(data);
  const clusters = new BenchClusterIndex(engine.first_places(), CLUSTER.radius, CLUSTER.extent, CLUSTER.minZoom, CLUSTER.maxZoom);
  // Used after the measurement, so nothing is collected before it.
  const memory = usage();
  const answer = engine.filter_category("forum") + engine.search("shanghai") + clusters.clusters(-180, -85, 180, 85, 2);
  process.send({ step: "held", ...memory, wasm: wasm_memory_bytes(), answer }, () => process.disconnect());
}

function referenceChild(size) {
  const events = readEvents({ size, seed: SEED, targetDir: TARGET });
  const cf = buildCrossfilter(events);
  const points = events.map((event, index) => ({
    type: "Feature",
    properties: { index },
    geometry: { type: "Point", coordinates: [event.places[0].lon, event.places[0].lat] },
  }));
  const clusters = new Supercluster(CLUSTER).load(points);
  process.send({ step: "partial", ...usage() });
  const mini = buildMiniSearch(events);
  const memory = usage();
  const answer = cf.visible.value() + mini.search("shanghai").length + clusters.getClusters([-180, -85, 180, 85], 2).length;
  process.send({ step: "held", ...memory, answer }, () => process.disconnect());
}

// Resolves to the child's last report (`step` "held", or "partial" when it was stopped).
function run(side, size) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--child", side, String(size)], {
      execArgv: ["--expose-gc", "--max-old-space-size=16384"],
    });
    let last = null;
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      child.kill("SIGKILL");
    }, TIMEOUT * 1000);
    child.on("message", (message) => (last = message));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (last?.step === "held" || stopped) resolvePromise({ ...last, stopped });
      else reject(new Error(`${side} at ${size} events exited with ${code}`));
    });
  });
}

const mb = (bytes) => (bytes / MB).toFixed(0);

async function main() {
  console.log(`\nMemory held after loading and indexing (Node ${process.version}, after a full GC), MB`);
  console.log("| events | side | wasm memory | JS heap (heapUsed) | external + arrayBuffers | rss |");
  console.log("|---:|---|---:|---:|---:|---:|");
  for (const size of SIZES) {
    const ours = await run("ours", size);
    console.log(
      `| ${size.toLocaleString("en")} | ours (catalog, search, cluster index) | ${mb(ours.wasm)} | ${mb(ours.heapUsed)} | ${mb(ours.external + ours.arrayBuffers)} | ${mb(ours.rss)} |`,
    );
    const reference = await run("reference", size);
    const name = "crossfilter2 + MiniSearch + supercluster (+ the parsed events)";
    if (reference.step === "held") {
      console.log(`| ${size.toLocaleString("en")} | ${name} | – | ${mb(reference.heapUsed)} | ${mb(reference.external + reference.arrayBuffers)} | ${mb(reference.rss)} |`);
    } else if (reference.step === "partial") {
      console.log(
        `| ${size.toLocaleString("en")} | ${name}: MiniSearch did not finish within ${TIMEOUT} s; without it | – | > ${mb(reference.heapUsed)} | ${mb(reference.external + reference.arrayBuffers)} | > ${mb(reference.rss)} |`,
      );
    } else {
      console.log(`| ${size.toLocaleString("en")} | ${name}: did not finish within ${TIMEOUT} s | – | – | – | – |`);
    }
  }
}

if (process.argv[2] === "--child") (process.argv[3] === "ours" ? oursChild : referenceChild)(Number(process.argv[4]));
else await main();
