// The reference libraries' side of `make bench`, shared by scripts/bench.mjs (speed) and
// scripts/bench-memory.mjs (memory): crossfilter2 and MiniSearch set up as ours is (the same
// facets, fields, weights and tokenizer), and the generated events as they get them.
import { readFileSync } from "node:fs";
import crossfilter from "crossfilter2";
import MiniSearch from "minisearch";
import { generatedDataset } from "./bench-support.mjs";

// Above this, the generated JSON (about 880 bytes an event) no longer fits in one JS string.
export const LARGEST_FILE = 400_000;
export const CHUNK = 50_000;

// The same folding as ours (NFKD, marks dropped, lower case), Han unigrams and bigrams.
const isHan = (char) => /\p{Script=Han}/u.test(char);
export function cjkTokenize(text) {
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

const texts = (localized) => Object.values(localized ?? {}).join(" ");
const key = (localized) => localized?.en || localized?.zh || localized?.fr || "";

// crossfilter2 with the same seven facets as ours, each with its group counts, and a count
// of the records passing every filter (ours returns the visible count).
export function buildCrossfilter(events) {
  const filter = crossfilter(events);
  const dimensions = {
    category: filter.dimension((event) => event.category),
    organisation: filter.dimension((event) => (event.organisations ?? []).map((org) => key(org.name)), true),
    person: filter.dimension((event) => (event.people ?? []).map((person) => key(person.name)), true),
    country: filter.dimension((event) => (event.places ?? []).map((place) => place.country), true),
    region: filter.dimension((event) => (event.places ?? []).map((place) => key(place.region)), true),
    city: filter.dimension((event) => (event.places ?? []).map((place) => key(place.city)), true),
    tag: filter.dimension((event) => event.tags ?? [], true),
  };
  const groups = Object.values(dimensions).map((dimension) => dimension.group());
  return { dimensions, groups, visible: filter.groupAll() };
}

// MiniSearch over the texts ours indexes (titles, summaries, names, places, tags), with
// field weights (title 4, names 2, the rest 1), prefix search, typo tolerance and AND.
export function buildMiniSearch(events) {
  const index = new MiniSearch({
    fields: ["title", "summary", "names", "places"],
    tokenize: cjkTokenize,
    searchOptions: { prefix: true, fuzzy: 0.2, combineWith: "AND", boost: { title: 4, names: 2 } },
  });
  index.addAll(
    events.map((event, id) => ({
      id,
      title: texts(event.title),
      summary: texts(event.summary),
      names: [...(event.organisations ?? []), ...(event.people ?? [])].map((entry) => texts(entry.name)).join(" "),
      places: [...(event.places ?? []).flatMap((place) => [place.name, place.city, place.region].map(texts)), ...(event.tags ?? [])].join(" "),
    })),
  );
  return index;
}

// The events of an `atlas-data generate` file as JSON arrays of `perChunk` events, found by
// scanning the bytes (strings and nesting tracked): the file's only array is `events`.
export function* eventChunks(buffer, perChunk) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let end = -1;
  let count = 0;
  for (let index = 0; index < buffer.length; index++) {
    const byte = buffer[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (depth === 2 && start < 0) start = index;
      depth++;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
      if (depth === 2) {
        end = index + 1;
        if (++count === perChunk) {
          yield `[${buffer.toString("utf8", start, end)}]`;
          [start, count] = [-1, 0];
        }
      } else if (depth === 1 && start >= 0) {
        yield `[${buffer.toString("utf8", start, end)}]`;
        start = -1;
      }
    }
  }
}

// The events of a generated file as JavaScript objects, as the references get them: one
// JSON.parse, or chunk by chunk above LARGEST_FILE.
export function readEvents({ size, seed, targetDir }) {
  const file = generatedDataset({ size, seed, targetDir });
  if (size <= LARGEST_FILE) return JSON.parse(readFileSync(file, "utf8")).events;
  const events = [];
  for (const chunk of eventChunks(readFileSync(file), CHUNK)) for (const event of JSON.parse(chunk)) events.push(event);
  return events;
}

