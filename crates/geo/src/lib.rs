//! The map's mathematics: projection, clustering, hit-testing, arcs and a story's route. Decoding the basemap,
//! which runs once per map, is `health-atlas-basemap`, a crate of its own so that it is
//! compiled for size while this one is compiled for speed (see the workspace's Cargo.toml).
//!
//! Plain Rust: it never touches `web_sys`, `gloo` or `yew`, does no I/O and keeps no state
//! between calls, so the map component stays a thin view over these functions. Nothing here
//! panics on untrusted input (dataset positions): bad input is a
//! typed error.

mod arcs;
mod cluster;
mod hit;
mod kdtree;
mod projection;
mod route;

pub use arcs::{arc_path, great_circle, route_path};
pub use cluster::{
    ClusterError, ClusterId, ClusterIndex, ClusterIndexBuild, ClusterItem, ClusterOptions, ClusterPoint, MAX_ZOOM_LIMIT,
};
pub use hit::{hit_test, marker_radius, screen_markers, ScreenMarker};
pub use projection::{
    latitude_to_y, longitude_to_x, project, unproject, wrap_longitude, x_to_longitude, y_to_latitude, BoundsError,
    DrawingFrame, FitOptions, FrameTransform, LonLat, LonLatBounds, MapView, ScreenPoint, Viewport, WorldPoint,
    ZoomLimits, MAX_LATITUDE, TILE_SIZE,
};
pub use route::{Leg, LegShape, RouteStop, StoryRoute};
