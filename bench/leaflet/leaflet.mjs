// The Leaflet side of the map benchmark (scripts/bench-leaflet.mjs): fetch the dataset named by
// ?src= (the app's JSON schema), put a marker at every distinct place of every event into one
// leaflet.markercluster group and draw it on a map without tiles, framed as the app frames a
// new dataset. The bench serves Leaflet's and markercluster's UMD builds, which define the
// global `L`.
/* global L */

const parameters = new URLSearchParams(location.search);
const container = document.getElementById("map");
// The bench gives it the app's map size.
if (parameters.has("width")) container.style.width = parameters.get("width");
if (parameters.has("height")) container.style.height = parameters.get("height");

/** The app's "fit to data" box: latitudes' extent; on longitude, the complement of the widest
 * empty gap around the circle (geo::LonLatBounds::around). East may exceed 180 when the box
 * crosses the antimeridian, which Leaflet accepts. */
function boundsAround(places) {
  const longitudes = places.map(([, lon]) => (lon === 180 ? -180 : lon)).sort((a, b) => a - b);
  let south = Infinity;
  let north = -Infinity;
  for (const [lat] of places) {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  let widestGap = longitudes[0] + 360 - longitudes[longitudes.length - 1];
  let west = longitudes[0];
  let east = longitudes[longitudes.length - 1];
  for (let index = 1; index < longitudes.length; index++) {
    const gap = longitudes[index] - longitudes[index - 1];
    if (gap > widestGap) {
      widestGap = gap;
      west = longitudes[index];
      east = longitudes[index - 1];
    }
  }
  if (east < west) east += 360;
  return L.latLngBounds([south, west], [north, east]);
}

// The app's zoom limits (markercluster needs a maximum, which a tile layer would otherwise
// give) and fractional zooms, as the app's fit; no animations, which would only delay the
// first draw.
const map = L.map(container, { minZoom: 1, maxZoom: 16, zoomSnap: 0, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false });
const response = await fetch(parameters.get("src"));
const dataset = JSON.parse(await response.text());

// One marker per distinct place of an event, as the app's map has one point per place.
const places = [];
for (const event of dataset.events) {
  const seen = new Set();
  for (const place of event.places) {
    const key = `${place.lat},${place.lon}`;
    if (seen.has(key)) continue;
    seen.add(key);
    places.push([place.lat, place.lon]);
  }
}
// The app's MAP_FIT: 40 px of padding, no closer than zoom 8.
map.fitBounds(boundsAround(places), { padding: [40, 40], maxZoom: 8, animate: false });
// The app's cluster radius is 25 CSS px (50 at a 512 px tile extent); chunked loading as the
// library recommends for thousands of markers, without idle time between chunks.
const group = L.markerClusterGroup({ chunkedLoading: true, chunkDelay: 0, maxClusterRadius: 25, animate: false });
map.addLayer(group);
group.addLayers(places.map((latLng) => L.marker(latLng)));
window.leafletMap = map;
