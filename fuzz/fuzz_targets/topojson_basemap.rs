//! Fuzzes `geo::Basemap::from_topojson` (the shipped basemap's format): never a panic, and a
//! basemap it accepts can be drawn.
#![no_main]

use health_atlas_basemap::Basemap;
use health_atlas_geo::{LonLat, MapView, Viewport, ZoomLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(basemap) = Basemap::from_topojson(&text) {
        let view = MapView::new(LonLat::new(100.0, 30.0), 3.0, ZoomLimits::default());
        let viewport = Viewport::new(320.0, 200.0);
        for feature in basemap.features.iter().take(64) {
            let _ = feature.path_data(&view, viewport);
        }
    }
});
