// `make bench`, insights part: the Insights view's numbers (Rust → wasm, crates/explore/src/insights
// via src/bench/insights.rs) in Node. On a filter click the app already computes the selection and
// every facet's counts; the time bars, the ranked values and the network are what the Insights
// view adds. Prints medians in ms over a cycle of category filters at each size, each chart's
// ratio to the facet counting, and the 150-node network layout (from scratch, and settling from
// the previous layout as after a filter change) against its 200 ms goal.
// Environment: BENCH_SIZES (default 10000,100000), BENCH_TARGET_DIR (default target).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { generatedDataset, median } from "./bench-support.mjs";

const require = createRequire(import.meta.url);
const TARGET = resolve(process.env.BENCH_TARGET_DIR ?? "target");
const { BenchData, BenchInsights, BenchLayout } = require(`${TARGET}/bench-pkg/health_atlas.js`);

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const CATEGORIES = ["", "conference", "forum", "summit", "launch", "signing", "policy"];
const ROUNDS = 5;
const FRAME_MS = 16.7;
const LAYOUT_GOAL_MS = 200;

function timed(run) {
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const category of CATEGORIES) {
      const start = performance.now();
      run(category);
      times.push(performance.now() - start);
    }
  }
  return median(times);
}

const rows = [];
for (const size of SIZES) {
  const file = generatedDataset({ size, seed: 42, targetDir: TARGET });
  const events = JSON.parse(readFileSync(file, "utf8")).events;
  const data = new BenchData();
  for (let start = 0; start < events.length; start += 20000) {
    data.append_events(JSON.stringify(events.slice(start, start + 20000)));
  }
  const engine = BenchInsights.build(data);
  const facets = timed((category) => engine.facet_counts(category));
  for (const [task, run] of [
    ["time bars", (category) => engine.time_bars(category)],
    ["ranked (4 facets, incl. the selection)", (category) => engine.ranked(category)],
    ["network (150 nodes)", (category) => engine.network(category)],
  ]) {
    const ms = timed(run);
    rows.push({ size, task, ms: ms.toFixed(2), "facet counts ms": facets.toFixed(2), ratio: (ms / facets).toFixed(2) });
  }
  engine.free();
}
console.table(rows);
const bars = rows.filter((row) => row.task === "time bars" && row.size === Math.max(...SIZES))[0];
console.log(`time bars at ${bars.size} events: ${bars.ms} ms (one frame is ${FRAME_MS} ms): ${Number(bars.ms) <= FRAME_MS ? "within" : "OVER"} a frame`);

const layoutRows = [];
for (const settle of [false, true]) {
  const bench = new BenchLayout(150, settle);
  const times = [];
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    bench.run();
    times.push(performance.now() - start);
  }
  const ms = median(times);
  layoutRows.push({ layout: settle ? "150 nodes, from the previous layout" : "150 nodes, from scratch", ms: ms.toFixed(1), goal: LAYOUT_GOAL_MS, within: ms <= LAYOUT_GOAL_MS });
  bench.free();
}
console.table(layoutRows);
if (layoutRows.some((row) => !row.within) || Number(bars.ms) > FRAME_MS) process.exitCode = 1;
