// Builds the map's offline basemap in www/basemap/ from npm packages only (no network at run
// time, no tile server). Run with `node scripts/basemap.mjs` after `npm ci`; the output is
// committed, so the app build does not need this script.
//
// - world.topo.json: countries from Natural Earth via npm `world-atlas` (countries-110m by default), with
//   Chinese and French names from npm `i18n-iso-countries`, keyed by ISO 3166-1 numeric code.
// - china.topo.json: China's provinces from npm `echarts@4.9.0` (map/json/china.json, a
//   compressed GeoJSON decoded here as echarts' own parseGeoJson does), plus the two additions
//   echarts itself makes to its "china" map at run time (lib/coord/geo/fix/nanhai.js: the South
//   China Sea islands inset; fix/diaoyuIsland.js: a polygon added to Taiwan). English and French
//   province names come from npm `iso-3166-2` (ISO 3166-2:CN), keyed by the first two digits of
//   the administrative code. No geometry or name is edited by hand.
//
// Both are simplified (topology-preserving, spherical area) and quantized with topojson-server /
// topojson-simplify / topojson-client. The script prints raw / gzip / brotli sizes and fails when
// the basemap exceeds its budget of 150 KB brotli.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { topology } from "topojson-server";
import { presimplify, simplify, quantile } from "topojson-simplify";
import { feature, quantize } from "topojson-client";
import countries from "i18n-iso-countries";
import iso31662 from "iso-3166-2";

const require = createRequire(import.meta.url);
const OUT = "www/basemap";
const BUDGET_BROTLI = 150 * 1024;
// Keep this fraction of the arc points with the largest spherical triangle areas.
const WORLD_RESOLUTION = process.env.BASEMAP_WORLD_RESOLUTION ?? "110m";
const WORLD_KEEP = Number(process.env.BASEMAP_WORLD_KEEP ?? 0.4);
const CHINA_KEEP = Number(process.env.BASEMAP_CHINA_KEEP ?? 0.2);
// Quantization after simplification: 6,000 steps across the world is about 7 km, a pixel at
// zoom 5; China's extent is six times smaller, so its steps are about 1.2 km.
const QUANTIZATION = Number(process.env.BASEMAP_QUANTIZATION ?? 6e3);

countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
countries.registerLocale(require("i18n-iso-countries/langs/zh.json"));
countries.registerLocale(require("i18n-iso-countries/langs/fr.json"));

const versionOf = (name) => require(`${name}/package.json`).version;

// The world: Natural Earth countries, names in three languages.
function worldCollection() {
  // 110m: the map shows countries for context; China is drawn from its provinces on top.
  const atlas = require(`world-atlas/countries-${WORLD_RESOLUTION}.json`);
  const collection = feature(atlas, atlas.objects.countries);
  for (const country of collection.features) {
    const numeric = country.id;
    const alpha2 = numeric ? countries.numericToAlpha2(numeric) : undefined;
    country.properties = {
      name_en: country.properties.name,
      ...(numeric && countries.getName(numeric, "zh") ? { name_zh: countries.getName(numeric, "zh") } : {}),
      // French is left out where it is the English name: the app falls back to English.
      ...(numeric && countries.getName(numeric, "fr") && countries.getName(numeric, "fr") !== country.properties.name
        ? { name_fr: countries.getName(numeric, "fr") }
        : {}),
      ...(alpha2 ? { iso: alpha2 } : {}),
    };
  }
  return collection;
}

// echarts' decoder for its "UTF8Encoding" GeoJSON (lib/coord/geo/parseGeoJson.js, decode and
// decodePolygon): each coordinate pair is two characters, zigzag- and delta-encoded from the
// geometry's encodeOffsets, scaled by UTF8Scale (1024 when absent).
function decodeEchartsGeoJson(json) {
  if (!json.UTF8Encoding) return json;
  const scale = json.UTF8Scale ?? 1024;
  const decodeRing = (text, offsets) => {
    const ring = [];
    let previousX = offsets[0];
    let previousY = offsets[1];
    for (let index = 0; index < text.length; index += 2) {
      let x = text.charCodeAt(index) - 64;
      let y = text.charCodeAt(index + 1) - 64;
      x = (x >> 1) ^ -(x & 1);
      y = (y >> 1) ^ -(y & 1);
      x += previousX;
      y += previousY;
      previousX = x;
      previousY = y;
      ring.push([x / scale, y / scale]);
    }
    return ring;
  };
  for (const province of json.features) {
    const geometry = province.geometry;
    if (geometry.type === "Polygon") {
      geometry.coordinates = geometry.coordinates.map((ring, index) => decodeRing(ring, geometry.encodeOffsets[index]));
    } else if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map((polygon, index) =>
        polygon.map((ring, ringIndex) => decodeRing(ring, geometry.encodeOffsets[index][ringIndex])),
      );
    }
    delete geometry.encodeOffsets;
  }
  json.UTF8Encoding = false;
  return json;
}

// Runs echarts' own run-time fixes for the "china" map against stand-in regions, so their
// geometry comes from the echarts source rather than from a copy in this script.
function echartsChinaFixes() {
  const regions = [];
  require("echarts/lib/coord/geo/fix/nanhai.js")("china", regions);
  const insets = regions.map((region) => ({
    type: "Feature",
    properties: { name_zh: region.name, cp: region.center, inset: true },
    geometry: { type: "MultiPolygon", coordinates: region.geometries.map((part) => [part.exterior]) },
  }));
  const taiwan = { name: "台湾", geometries: [] };
  require("echarts/lib/coord/geo/fix/diaoyuIsland.js")("china", taiwan);
  return { insets, taiwanAdditions: taiwan.geometries.map((part) => [part.exterior]) };
}

function chinaCollections() {
  const json = decodeEchartsGeoJson(JSON.parse(readFileSync(require.resolve("echarts/map/json/china.json"), "utf8")));
  const { insets, taiwanAdditions } = echartsChinaFixes();
  const subdivisions = iso31662.country("CN").sub;
  for (const province of json.features) {
    const iso = `CN-${String(province.id).slice(0, 2)}`;
    const isoName = subdivisions[iso]?.name;
    if (province.properties.name === "台湾" && taiwanAdditions.length) {
      const geometry = province.geometry;
      if (geometry.type === "Polygon") geometry.coordinates = [geometry.coordinates];
      geometry.type = "MultiPolygon";
      geometry.coordinates.push(...taiwanAdditions);
    }
    province.properties = {
      name_zh: province.properties.name,
      ...(isoName ? { name_en: isoName, iso } : {}),
      cp: province.properties.cp,
    };
  }
  return { provinces: json, insets: { type: "FeatureCollection", features: insets } };
}

// Simplify keeping `keep` of the points (by spherical area), then quantize and delta-encode.
function build(objects, keep) {
  const topo = presimplify(topology(objects, 1e6));
  // quantile sorts weights in descending order, so its p is the fraction of points kept.
  const simplified = simplify(topo, quantile(topo, keep));
  const quantized = quantize(simplified, QUANTIZATION);
  // Drop presimplify's weights (the third number of each position) and round the transform.
  quantized.arcs = quantized.arcs.map((arc) => arc.map(([x, y]) => [x, y]));
  return quantized;
}

function sizes(text) {
  const bytes = Buffer.from(text);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

mkdirSync(OUT, { recursive: true });
const outputs = {
  "world.topo.json": build({ countries: worldCollection() }, WORLD_KEEP),
  "china.topo.json": build(chinaCollections(), CHINA_KEEP),
};
const total = { raw: 0, gzip: 0, brotli: 0 };
console.log(`${"file".padEnd(28)} ${"raw".padStart(9)} ${"gzip".padStart(9)} ${"brotli".padStart(9)}`);
for (const [name, topo] of Object.entries(outputs)) {
  const text = JSON.stringify(topo);
  writeFileSync(`${OUT}/${name}`, text);
  const size = sizes(text);
  for (const key of Object.keys(total)) total[key] += size[key];
  console.log(`${name.padEnd(28)} ${String(size.raw).padStart(9)} ${String(size.gzip).padStart(9)} ${String(size.brotli).padStart(9)}`);
}
console.log(`${"total".padEnd(28)} ${String(total.raw).padStart(9)} ${String(total.gzip).padStart(9)} ${String(total.brotli).padStart(9)}`);
console.log(
  `sources: world-atlas ${versionOf("world-atlas")}, echarts ${versionOf("echarts")}, i18n-iso-countries ${versionOf("i18n-iso-countries")}, iso-3166-2 ${versionOf("iso-3166-2")}; keep world ${WORLD_KEEP}, china ${CHINA_KEEP}, quantization ${QUANTIZATION}`,
);
if (total.brotli > BUDGET_BROTLI) {
  console.error(`basemap is ${total.brotli} bytes brotli, over the ${BUDGET_BROTLI} byte budget`);
  process.exit(1);
}
