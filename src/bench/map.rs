//! The map's cluster index exported to JavaScript for `make bench` (scripts/bench-map.mjs), so
//! it is timed in the same runtime as npm `supercluster`. Compiled only with the `bench` feature.

use wasm_bindgen::prelude::*;

use health_atlas_geo::{ClusterIndex, ClusterOptions, ClusterPoint, LonLat, LonLatBounds};

#[wasm_bindgen]
pub struct BenchClusterIndex {
    index: ClusterIndex,
}

#[wasm_bindgen]
impl BenchClusterIndex {
    /// Builds the index from longitudes and latitudes interleaved (`[lon0, lat0, lon1, …]`);
    /// point `i` stands for event `i`. Errors become a JS string.
    #[wasm_bindgen(constructor)]
    pub fn new(
        coordinates: &[f64],
        radius: f64,
        extent: f64,
        min_zoom: u8,
        max_zoom: u8,
    ) -> Result<BenchClusterIndex, String> {
        let points = coordinates
            .chunks_exact(2)
            .enumerate()
            .map(|(event, pair)| ClusterPoint {
                position: LonLat::new(pair[0], pair[1]),
                event: event as u32,
            })
            .collect();
        let options = ClusterOptions {
            radius,
            extent,
            min_zoom,
            max_zoom,
            ..ClusterOptions::default()
        };
        let index = ClusterIndex::new(points, options).map_err(|error| error.to_string())?;
        Ok(BenchClusterIndex { index })
    }

    /// The clusters in a box at a zoom (what a zoom step recomputes); returns how many items,
    /// after summing their counts so the work cannot be skipped.
    pub fn clusters(&self, west: f64, south: f64, east: f64, north: f64, zoom: f64) -> Result<u32, String> {
        let bounds = LonLatBounds::new(west, south, east, north).map_err(|error| error.to_string())?;
        let items = self.index.clusters(&bounds, zoom);
        let events: u32 = items.iter().map(|item| item.count()).sum();
        std::hint::black_box(events);
        Ok(items.len() as u32)
    }
}
