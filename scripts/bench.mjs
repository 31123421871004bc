// `make bench`: the filter-and-search engine (Rust → wasm, run in Node) against the reference
// JavaScript libraries on the same generated data, in the same process: crossfilter2 for
// filters with group counts, MiniSearch (with a CJK bigram tokenizer) for search.
// Prints medians in milliseconds and ratios (reference ÷ ours: above 1 means we are faster).
//
// Each size is timed in three parts, each against its JavaScript counterpart:
// - load: JSON text → checked events (ours parses and validates; the reference is JSON.parse);
// - index build: from already-parsed events (ours: the catalog, i.e. id index, order, facets
//   and search; the references: crossfilter2's dimensions and groups plus MiniSearch's addAll);
// - one filter change with every facet's counts, and one search keystroke.
//
// Ours runs first, in this process; then each reference runs in a child process of its own,
// which reads the same file, builds, and times its queries. A reference step (build, or the
// queries after it) that takes longer than BENCH_REFERENCE_TIMEOUT seconds (default 300) is
// stopped and reported as "did not finish within N s", so a size where MiniSearch takes many
// minutes (1M events) still prints a full table; the ratio is then a lower bound.
//
// Before the timings, the judged queries (data/search-judgments.json) are run on the built-in
// events by both engines, and their precision@5, recall and nDCG@10 printed side by side (as
// `cargo test -p health-atlas-domain judged` computes them for ours).
//
// Environment: BENCH_SIZES (default 10000,100000), BENCH_REFERENCE_TIMEOUT (seconds, default
// 300), BENCH_TARGET_DIR (default target: where `make bench` put atlas-data, the wasm package
// and the cached data files), BENCH_SEARCH_ONLY=1 (the judged queries and the search
// keystroke only: no load, filter or crossfilter2 timings), BENCH_PKG (default
// TARGET/bench-pkg: the wasm package, so two builds can be timed one after the other),
// BENCH_LOAD_ONLY=1 (time the load only: no index build, queries or references),
// BENCH_LOAD_ROUNDS (default 3; more rounds also print a p95).
// A file whose JSON text is longer than V8's longest string (2^29 - 24 UTF-16 units, about
// 600,000 generated events) cannot be read as one string: above LARGEST_FILE events both
// sides parse it in chunks of events cut from the bytes, and get the same events.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { constants } from "node:buffer";
import { generatedDataset, median, percentile } from "./bench-support.mjs";
import { buildCrossfilter, buildMiniSearch, eventChunks, readEvents as readGenerated, CHUNK, LARGEST_FILE } from "./bench-references.mjs";

const require = createRequire(import.meta.url);
const TARGET = resolve(process.env.BENCH_TARGET_DIR ?? "target");

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const LOAD_ONLY = process.env.BENCH_LOAD_ONLY === "1";
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
const PKG = resolve(process.env.BENCH_PKG ?? resolve(TARGET, "bench-pkg"));
const REFERENCE_TIMEOUT = Number(process.env.BENCH_REFERENCE_TIMEOUT ?? 300);
const SEED = 42;
const CATEGORY_CLICKS = ["conference", "forum", "signing", "launch", ""];
// Typing, with misspellings among them: both engines forgive typos (ours: 1 edit from 4 letters,
// 2 from 8; MiniSearch: fuzzy 0.2).
const KEYSTROKES = ["w", "wu", "wux", "wuxi", "c", "co", "con", "conf", "无", "无锡", "上海", "上海健康", "sh", "shanghai", "shangai", "changchn", "conferance", "venu"];
const SEARCH_ONLY = process.env.BENCH_SEARCH_ONLY === "1";

function time(run) {
  const start = performance.now();
  const result = run();
  return [performance.now() - start, result];
}

// A reference's part of one size, in a child process (`bench.mjs --reference NAME SIZE`): it
// reports each step to the parent as it ends, and the parent stops it when a step overruns.
function runReferenceChild(name, size) {
  const events = readGenerated({ size, seed: SEED, targetDir: TARGET });
  process.send({ step: "loaded" });
  // One round for the largest sizes (MiniSearch alone takes minutes).
  const rounds = size >= 1_000_000 ? 1 : 3;
  if (name === "crossfilter2") {
    const builds = [];
    let cf;
    for (let round = 0; round < rounds; round++) {
      cf = undefined;
      let elapsed;
      [elapsed, cf] = time(() => buildCrossfilter(events));
      builds.push(elapsed);
    }
    process.send({ step: "build", ms: median(builds) });
    const clicks = [];
    for (let round = 0; round < 4; round++) {
      for (const category of CATEGORY_CLICKS) {
        clicks.push(
          time(() => {
            if (category) cf.dimensions.category.filterExact(category);
            else cf.dimensions.category.filterAll();
            let counted = 0;
            for (const group of cf.groups) for (const { value } of group.all()) counted += value;
            return counted + cf.visible.value();
          })[0],
        );
      }
    }
    process.send({ step: "queries", ms: median(clicks) }, () => process.disconnect());
  } else {
    const builds = [];
    let mini;
    for (let round = 0; round < rounds; round++) {
      mini = undefined;
      let elapsed;
      [elapsed, mini] = time(() => buildMiniSearch(events));
      builds.push(elapsed);
    }
    process.send({ step: "build", ms: median(builds) });
    const searches = [];
    for (let round = 0; round < 3; round++) {
      for (const query of KEYSTROKES) searches.push(time(() => mini.search(query).length)[0]);
    }
    process.send({ step: "queries", ms: median(searches) }, () => process.disconnect());
  }
}

// Runs one reference's child for `size`: resolves to its build and query medians, `null` for
// a step that did not finish within REFERENCE_TIMEOUT seconds (or was not reached).
function runReference(name, size) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--reference", name, String(size)]);
    const result = { build: null, queries: null, stopped: null };
    let timer;
    const expect = (step) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        result.stopped = step;
        child.kill("SIGKILL");
      }, REFERENCE_TIMEOUT * 1000);
    };
    child.on("message", (message) => {
      if (message.step === "loaded") expect("build");
      else if (message.step === "build") {
        result.build = message.ms;
        expect("queries");
      } else if (message.step === "queries") {
        result.queries = message.ms;
        clearTimeout(timer);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (result.stopped === null && result.queries === null) reject(new Error(`${name} at ${size} events exited with ${code}`));
      else resolvePromise(result);
    });
  });
}

// The measures of one query's results, as domain/src/query/judged.rs defines them.
function measures(found, judged) {
  const grade = (id) => (judged.must.includes(id) ? 2 : judged.also.includes(id) ? 1 : 0);
  const relevant = judged.must.length + judged.also.length;
  const top = found.slice(0, 5);
  const precision = top.length === 0 ? 0 : top.filter((id) => grade(id) > 0).length / top.length;
  const recall = found.filter((id) => grade(id) > 0).length / relevant;
  const gain = (g) => 2 ** g - 1;
  const dcg = found.slice(0, 10).reduce((sum, id, rank) => sum + gain(grade(id)) / Math.log2(rank + 2), 0);
  const ideal = [...judged.must.map(() => 2), ...judged.also.map(() => 1)].slice(0, 10);
  const idealDcg = ideal.reduce((sum, g, rank) => sum + gain(g) / Math.log2(rank + 2), 0);
  return { precision, recall, ndcg: dcg / idealDcg };
}

// Both engines on the judged queries over the built-in events: mean precision@5, recall and
// nDCG@10, overall and per kind of query.
function judgedRelevance(BenchData, BenchEngine) {
  const json = readFileSync(new URL("../data/events.json", import.meta.url), "utf8");
  const { queries } = JSON.parse(readFileSync(new URL("../data/search-judgments.json", import.meta.url), "utf8"));
  const engine = BenchEngine.build(BenchData.parse(json));
  const events = JSON.parse(json).events;
  const mini = buildMiniSearch(events);
  const engines = {
    ours: (query) => engine.best_match_ids(query),
    MiniSearch: (query) => mini.search(query).map((hit) => events[hit.id].id),
  };
  const sums = {};
  for (const judged of queries) {
    for (const [name, run] of Object.entries(engines)) {
      const result = measures(run(judged.query), judged);
      for (const group of ["all", judged.kind]) {
        const key = `${name}\t${group}`;
        sums[key] ??= { precision: 0, recall: 0, ndcg: 0, count: 0 };
        for (const measure of ["precision", "recall", "ndcg"]) sums[key][measure] += result[measure];
        sums[key].count += 1;
      }
    }
  }
  engine.free();
  const groups = ["all", ...new Set(queries.map((judged) => judged.kind))];
  console.log(`\nJudged queries (${queries.length}, data/search-judgments.json) on the built-in events: ours vs MiniSearch (CJK bigrams, prefix, fuzzy 0.2)`);
  console.log("| queries | n | P@5 ours | P@5 MiniSearch | recall ours | recall MiniSearch | nDCG@10 ours | nDCG@10 MiniSearch |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const group of groups) {
    const ours = sums[`ours\t${group}`];
    const reference = sums[`MiniSearch\t${group}`];
    const cell = (sum, measure) => (sum[measure] / sum.count).toFixed(3);
    console.log(
      `| ${group} | ${ours.count} | ${cell(ours, "precision")} | ${cell(reference, "precision")} | ${cell(ours, "recall")} | ${cell(reference, "recall")} | ${cell(ours, "ndcg")} | ${cell(reference, "ndcg")} |`,
    );
  }
}

const rows = [];
const notes = [];
// `reference` is null when the reference did not finish; `atLeast` is then a lower bound on
// its time (the cap plus any finished part), which makes the ratio a lower bound too.
function report(size, task, ours, reference, referenceName, atLeast = null) {
  const ratio = reference !== null ? reference / ours : atLeast !== null ? atLeast / ours : null;
  rows.push({ size, task, ours, reference, referenceName, atLeast, ratio });
}
const p95s = [];

function stoppedNote(name, result, size) {
  if (result.stopped) notes.push(`${size.toLocaleString("en")} events: ${name} ${result.stopped} did not finish within ${REFERENCE_TIMEOUT} s and was stopped.`);
}

async function main() {
  const { BenchData, BenchEngine } = require(`${PKG}/health_atlas.js`);
  if (!LOAD_ONLY) judgedRelevance(BenchData, BenchEngine);
  for (const size of SIZES) {
    let data;
    if (SEARCH_ONLY) {
      data = BenchData.parse(readFileSync(generatedDataset({ size, seed: SEED, targetDir: TARGET }), "utf8"));
    } else if (size <= LARGEST_FILE) {
      const json = readFileSync(generatedDataset({ size, seed: SEED, targetDir: TARGET }), "utf8");
      const loads = { ours: [], reference: [] };
      for (let round = 0; round < LOAD_ROUNDS; round++) {
        data?.free();
        let elapsed;
        [elapsed, data] = time(() => BenchData.parse(json));
        loads.ours.push(elapsed);
        loads.reference.push(time(() => JSON.parse(json).events.length)[0]);
      }
      report(size, "load: JSON text → events (ours also validates)", median(loads.ours), median(loads.reference), "JSON.parse");
      if (LOAD_ROUNDS >= 10) {
        const [ours, reference] = [percentile(loads.ours, 0.95), percentile(loads.reference, 0.95)];
        p95s.push(`${size.toLocaleString("en")} events, load p95 of ${LOAD_ROUNDS} rounds: ours ${ours.toFixed(2)} ms, JSON.parse ${reference.toFixed(2)} ms, ${(reference / ours).toFixed(2)}×`);
      }
    } else {
      // Too long for one string: parse the file event chunk by event chunk, on both sides.
      const buffer = readFileSync(generatedDataset({ size, seed: SEED, targetDir: TARGET }));
      notes.push(
        `${size.toLocaleString("en")} events: the JSON file is ${(buffer.length / 1e6).toFixed(0)} MB, longer than V8's longest string ` +
          `(${(constants.MAX_STRING_LENGTH / 2 ** 20).toFixed(0)} Mi UTF-16 units), so it is read in chunks of ${CHUNK.toLocaleString("en")} events: ` +
          `load is the sum over chunks (ours: serde per chunk, then the dataset rules once), one round.`,
      );
      data = new BenchData();
      let ours = 0;
      let reference = 0;
      let parsed = 0;
      for (const chunk of eventChunks(buffer, CHUNK)) {
        ours += time(() => data.append_events(chunk))[0];
        let elapsed;
        let events;
        [elapsed, events] = time(() => JSON.parse(chunk));
        reference += elapsed;
        parsed += events.length;
      }
      ours += time(() => data.check())[0];
      if (data.len() !== size || parsed !== size) throw new Error(`read ${data.len()} and ${parsed} events of ${size}`);
      report(size, "load: JSON text → events (ours also validates)", ours, reference, "JSON.parse");
    }

    if (LOAD_ONLY) {
      data.free();
      continue;
    }
    // Index build from parsed events. One round for the largest sizes.
    const rounds = size >= 1_000_000 ? 1 : 3;
    const builds = [];
    let engine;
    for (let round = 0; round < rounds; round++) {
      engine?.free();
      engine = undefined;
      const copy = data.copy();
      let elapsed;
      [elapsed, engine] = time(() => BenchEngine.build(copy));
      builds.push(elapsed);
    }
    data.free();
    const clicks = [];
    for (let round = 0; round < (SEARCH_ONLY ? 0 : 4); round++) {
      for (const category of CATEGORY_CLICKS) clicks.push(time(() => engine.filter_category(category))[0]);
    }
    const searches = [];
    for (let round = 0; round < 3; round++) {
      for (const query of KEYSTROKES) searches.push(time(() => engine.search(query))[0]);
    }
    engine.free();

    // The references, one child process each, after ours (the machine's cores are not shared
    // between the two sides).
    const minisearch = await runReference("minisearch", size);
    if (SEARCH_ONLY) {
      stoppedNote("MiniSearch", minisearch, size);
      report(size, "search keystroke (ranked hits, typos forgiven)", median(searches), minisearch.queries, "MiniSearch", minisearch.stopped === "queries" ? REFERENCE_TIMEOUT * 1000 : null);
      notes.push(`${size.toLocaleString("en")} events: our index build (catalog and search) took ${median(builds).toFixed(0)} ms (median of ${rounds}).`);
      continue;
    }
    const crossfilter2 = await runReference("crossfilter2", size);
    const stopped = (name, result) => stoppedNote(name, result, size);
    stopped("crossfilter2", crossfilter2);
    stopped("MiniSearch", minisearch);
    const buildOf = (result) => result.build ?? (result.stopped === "build" ? REFERENCE_TIMEOUT * 1000 : null);
    const bothBuilt = crossfilter2.build !== null && minisearch.build !== null;
    report(
      size,
      "index build (facets + search) from parsed events",
      median(builds),
      bothBuilt ? crossfilter2.build + minisearch.build : null,
      "crossfilter2 + MiniSearch",
      bothBuilt ? null : buildOf(crossfilter2) + buildOf(minisearch),
    );
    const queriesAtLeast = (result) => (result.stopped === "queries" ? REFERENCE_TIMEOUT * 1000 : null);
    report(size, "filter change + all facet counts", median(clicks), crossfilter2.queries, "crossfilter2", queriesAtLeast(crossfilter2));
    report(size, "search keystroke (ranked hits, typos forgiven)", median(searches), minisearch.queries, "MiniSearch", queriesAtLeast(minisearch));
  }

  console.log(`\nHealth Atlas filter & search engine (wasm in Node ${process.version}) vs reference libraries; medians in ms`);
  console.log("| events | task | ours | reference | reference ms | ratio (ref ÷ ours) |");
  console.log("|---:|---|---:|---|---:|---:|");
  for (const row of rows) {
    const referenceMs =
      row.reference !== null ? row.reference.toFixed(2) : row.atLeast !== null ? `did not finish within ${REFERENCE_TIMEOUT} s` : "not run";
    const ratio = row.ratio === null ? "–" : row.reference !== null ? `${row.ratio.toFixed(2)}×` : `> ${row.ratio.toFixed(0)}×`;
    console.log(`| ${row.size.toLocaleString("en")} | ${row.task} | ${row.ours.toFixed(2)} | ${row.referenceName} | ${referenceMs} | ${ratio} |`);
  }
  for (const line of p95s) console.log(`\n${line}`);
  for (const note of notes) console.log(`\nNote: ${note}`);
}

if (process.argv[2] === "--reference") runReferenceChild(process.argv[3], Number(process.argv[4]));
else await main();
