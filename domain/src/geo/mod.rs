//! The map's mathematics from `health-atlas-core` (projection, clustering, hit-testing, arcs),
//! plus decoding the basemap: that runs once per map, so it is compiled here, for size.

mod basemap;

pub use basemap::{Basemap, BasemapError, BasemapFeature, WorldBounds, WorldPath};
pub use health_atlas_core::geo::*;
