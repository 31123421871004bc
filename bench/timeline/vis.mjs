// The vis-timeline side of the timeline benchmark (scripts/bench-timeline.mjs): fetch the
// dataset named by ?src= (the app's JSON schema), turn every event into a vis-timeline item and
// draw it with the options a typical user would pick. The bench serves the standalone ESM build
// (which bundles vis-data and injects its own CSS) at /vendor/vis-timeline.mjs.
import { DataSet, Timeline } from "/vendor/vis-timeline.mjs";

const DAY = 24 * 60 * 60 * 1000;
const parameters = new URLSearchParams(location.search);

/** "2020-01-02" as local midnight, as the app reads dates: calendar days, never UTC. */
function localDay(text) {
  const [year, month, day] = text.split("-").map(Number);
  return new Date(year, month - 1, day);
}

/** One vis-timeline item per event: a point for a single day, a range for several days. */
function itemOf(event) {
  const item = { id: event.id, content: event.title.en ?? Object.values(event.title)[0], start: localDay(event.start) };
  if (event.end && event.end !== event.start) {
    // The dataset's end is the last day, included; vis-timeline's end is exclusive.
    item.end = new Date(localDay(event.end).getTime() + DAY);
  }
  return item;
}

const response = await fetch(parameters.get("src"));
const dataset = await response.json();
const itemList = dataset.events.map(itemOf);
const items = new DataSet(itemList);
// The app's first view: the dataset's extent with 5% either side. (vis-timeline's own fit
// would allow for its labels' widths and open at the 30-year limit here.)
let first = Infinity;
let last = -Infinity;
for (const item of itemList) {
  first = Math.min(first, item.start.getTime());
  last = Math.max(last, item.end ? item.end.getTime() : item.start.getTime() + DAY);
}
const margin = (last - first) * 0.05;
const container = document.getElementById("timeline");
// The bench gives it the app's drawing area.
container.style.width = parameters.get("width") ?? "";
// Library defaults (stack, zoomable, moveable, no groups), plus a fixed height as any page that
// embeds it sets, and zoom limits like the app's: one day to thirty years.
window.visTimeline = new Timeline(container, items, {
  stack: true,
  start: new Date(first - margin),
  end: new Date(last + margin),
  height: parameters.get("height") ?? "400px",
  zoomMin: DAY,
  zoomMax: 30 * 365.25 * DAY,
});
