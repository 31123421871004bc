// `make bench`: the filter-and-search engine (Rust → wasm, run in Node) against the reference
// JavaScript libraries on the same generated data, in the same process: crossfilter2 for
// filters with group counts, MiniSearch (with a CJK bigram tokenizer) for search.
// Prints medians in milliseconds and ratios (reference ÷ ours: above 1 means we are faster).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import crossfilter from "crossfilter2";
import MiniSearch from "minisearch";

const require = createRequire(import.meta.url);
const { BenchEngine } = require("../target/bench-pkg/health_atlas.js");

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const SEED = 42;
const CATEGORY_CLICKS = ["conference", "forum", "signing", "launch", ""];
const KEYSTROKES = ["w", "wu", "wux", "wuxi", "c", "co", "con", "conf", "无", "无锡", "上海", "上海健康", "sh", "shanghai"];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run) {
  const start = performance.now();
  const result = run();
  return [performance.now() - start, result];
}

function dataset(size) {
  mkdirSync("target/bench-data", { recursive: true });
  const file = `target/bench-data/events-${size}-${SEED}.json`;
  if (!existsSync(file)) {
    execFileSync("target/release/atlas-data", ["generate", "--count", String(size), "--seed", String(SEED), "-o", file], { stdio: "inherit" });
  }
  return readFileSync(file, "utf8");
}

// Same text the Rust index sees for ranking purposes: titles and summaries in every language.
const isHan = (char) => /\p{Script=Han}/u.test(char);
function cjkTokenize(text) {
  const tokens = [];
  for (const run of text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").split(/[^\p{L}\p{N}]+/u)) {
    if (!run) continue;
    let latin = "";
    const chars = [...run];
    for (let index = 0; index < chars.length; index++) {
      const char = chars[index];
      if (isHan(char)) {
        if (latin) tokens.push(latin), (latin = "");
        tokens.push(char);
        if (index + 1 < chars.length && isHan(chars[index + 1])) tokens.push(char + chars[index + 1]);
      } else latin += char;
    }
    if (latin) tokens.push(latin);
  }
  return tokens;
}

const rows = [];
function report(size, task, ours, reference, referenceName) {
  rows.push({ size, task, ours, reference, referenceName, ratio: reference / ours });
}

for (const size of SIZES) {
  const json = dataset(size);

  // Index build: ours parses, validates and indexes from the JSON text; the references get
  // JSON.parse plus their own build, so both start from the same bytes.
  const builds = { ours: [], crossfilter: [], minisearch: [] };
  let engine;
  let cf;
  let dimensions;
  let mini;
  for (let round = 0; round < 3; round++) {
    engine?.free();
    let elapsed;
    [elapsed, engine] = time(() => new BenchEngine(json));
    builds.ours.push(elapsed);
    [elapsed, [cf, dimensions]] = time(() => {
      const events = JSON.parse(json).events;
      const filter = crossfilter(events);
      const made = {
        category: filter.dimension((event) => event.category),
        country: filter.dimension((event) => event.places.map((place) => place.country), true),
        city: filter.dimension((event) => event.places.map((place) => place.city?.en ?? ""), true),
        organisation: filter.dimension((event) => event.organisations.map((org) => org.name.en ?? ""), true),
        tag: filter.dimension((event) => event.tags, true),
      };
      for (const dimension of Object.values(made)) dimension.groupAll = dimension.group();
      return [filter, made];
    });
    builds.crossfilter.push(elapsed);
    [elapsed, mini] = time(() => {
      const events = JSON.parse(json).events;
      const index = new MiniSearch({
        fields: ["title", "summary"],
        tokenize: cjkTokenize,
        searchOptions: { prefix: true, combineWith: "AND" },
      });
      index.addAll(
        events.map((event, id) => ({
          id,
          title: Object.values(event.title).join(" "),
          summary: Object.values(event.summary ?? {}).join(" "),
        })),
      );
      return index;
    });
    builds.minisearch.push(elapsed);
  }
  report(size, "index build (facets + search)", median(builds.ours), median(builds.crossfilter) + median(builds.minisearch), "crossfilter2 + MiniSearch");

  // One filter change with all facet counts.
  const clicks = { ours: [], crossfilter: [] };
  for (let round = 0; round < 4; round++) {
    for (const category of CATEGORY_CLICKS) {
      clicks.ours.push(time(() => engine.filter_category(category))[0]);
      clicks.crossfilter.push(
        time(() => {
          if (category) dimensions.category.filterExact(category);
          else dimensions.category.filterAll();
          let values = 0;
          for (const dimension of Object.values(dimensions)) values += dimension.groupAll.all().length;
          return values + cf.allFiltered().length;
        })[0],
      );
    }
  }
  report(size, "filter change + all counts", median(clicks.ours), median(clicks.crossfilter), "crossfilter2");

  // Search keystrokes.
  const searches = { ours: [], minisearch: [] };
  for (let round = 0; round < 3; round++) {
    for (const query of KEYSTROKES) {
      searches.ours.push(time(() => engine.search(query))[0]);
      searches.minisearch.push(time(() => mini.search(query).length)[0]);
    }
  }
  report(size, "search keystroke", median(searches.ours), median(searches.minisearch), "MiniSearch");
  engine.free();
}

console.log("\nHealth Atlas filter & search engine (wasm in Node " + process.version + ") vs reference libraries; medians in ms");
console.log("| events | task | ours | reference | reference ms | ratio (ref ÷ ours) |");
console.log("|---:|---|---:|---|---:|---:|");
for (const row of rows) {
  console.log(
    `| ${row.size.toLocaleString("en")} | ${row.task} | ${row.ours.toFixed(2)} | ${row.referenceName} | ${row.reference.toFixed(2)} | ${row.ratio.toFixed(2)}× |`,
  );
}
