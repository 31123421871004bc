//! Web Mercator: longitude/latitude ↔ the world unit square ↔ screen pixels for a [`MapView`].
//!
//! Web Mercator because it is conformal (shapes of provinces and cities look right at every
//! zoom), because north stays up so drag-panning is a translation, and because it is what
//! supercluster assumes, so the clusters match the reference library exactly. Its distortion
//! near the poles does not matter for a map of events in inhabited places.
//!
//! World coordinates: x grows east from 0 (-180°) to 1 (180°), y grows south from 0 (about
//! 85.05° N) to 1. The world repeats east and west, so x may leave 0..1 on wrapped copies; a
//! point is always drawn on the copy nearest the view's centre, which is how a bounding box or a
//! view that crosses the antimeridian works.

use std::f64::consts::PI;

/// Web Mercator's latitude limit, where the world becomes a square.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;
/// The width in pixels of the whole world at zoom 0, as for web-map tiles.
pub const TILE_SIZE: f64 = 256.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub fn new(lon: f64, lat: f64) -> LonLat {
        LonLat { lon, lat }
    }

    pub fn is_valid(&self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && (-180.0..=180.0).contains(&self.lon)
            && (-90.0..=90.0).contains(&self.lat)
    }
}

/// A position in the world unit square (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldPoint {
    pub x: f64,
    pub y: f64,
}

/// A position in CSS pixels from the top-left corner of the map's viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenPoint {
    pub x: f64,
    pub y: f64,
}

impl ScreenPoint {
    pub fn new(x: f64, y: f64) -> ScreenPoint {
        ScreenPoint { x, y }
    }

    pub fn distance_squared(&self, other: ScreenPoint) -> f64 {
        (self.x - other.x).powi(2) + (self.y - other.y).powi(2)
    }
}

/// The map's size on screen in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

impl Viewport {
    pub fn new(width: f64, height: f64) -> Viewport {
        Viewport { width, height }
    }

    fn center(&self) -> ScreenPoint {
        ScreenPoint::new(self.width / 2.0, self.height / 2.0)
    }
}

/// Longitude to world x. The same formula as supercluster's `lngX`, so clusters match it.
pub fn longitude_to_x(lon: f64) -> f64 {
    lon / 360.0 + 0.5
}

/// Latitude to world y, clamped to the square. The same formula as supercluster's `latY`.
pub fn latitude_to_y(lat: f64) -> f64 {
    let sin = (lat * PI / 180.0).sin();
    let y = 0.5 - 0.25 * ((1.0 + sin) / (1.0 - sin)).ln() / PI;
    y.clamp(0.0, 1.0)
}

pub fn x_to_longitude(x: f64) -> f64 {
    (x - 0.5) * 360.0
}

pub fn y_to_latitude(y: f64) -> f64 {
    let y2 = (180.0 - y * 360.0) * PI / 180.0;
    360.0 * y2.exp().atan() / PI - 90.0
}

pub fn project(position: LonLat) -> WorldPoint {
    WorldPoint {
        x: longitude_to_x(position.lon),
        y: latitude_to_y(position.lat),
    }
}

/// The inverse of [`project`]; x outside 0..1 (a wrapped copy) gives a longitude wrapped into
/// -180..180.
pub fn unproject(point: WorldPoint) -> LonLat {
    LonLat {
        lon: wrap_longitude(x_to_longitude(point.x)),
        lat: y_to_latitude(point.y.clamp(0.0, 1.0)),
    }
}

/// Wraps any finite longitude into -180..180 (180 itself stays 180).
pub fn wrap_longitude(lon: f64) -> f64 {
    if (-180.0..=180.0).contains(&lon) {
        lon
    } else {
        (lon + 180.0).rem_euclid(360.0) - 180.0
    }
}

/// The zoom levels a view may take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomLimits {
    pub min: f64,
    pub max: f64,
}

impl Default for ZoomLimits {
    /// Zoom 1 shows the whole world in 512 px; zoom 18 is a street.
    fn default() -> Self {
        ZoomLimits { min: 1.0, max: 18.0 }
    }
}

impl ZoomLimits {
    fn clamp(&self, zoom: f64) -> f64 {
        zoom.clamp(self.min, self.max.max(self.min))
    }
}

/// A bounding box in degrees. `west > east` means it crosses the antimeridian (for example
/// Shanghai to San Francisco going east: west 121, east -122). A box at least 360° wide is the
/// whole world (`west -180, east 180`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLatBounds {
    west: f64,
    south: f64,
    east: f64,
    north: f64,
}

/// Why a bounding box was refused.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BoundsError {
    NotANumber,
    /// A longitude outside -180..180 or a latitude outside -90..90.
    OutOfRange,
    SouthAboveNorth,
}

impl std::fmt::Display for BoundsError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BoundsError::NotANumber => write!(formatter, "a bound is not a number"),
            BoundsError::OutOfRange => write!(formatter, "longitudes must be in -180..180 and latitudes in -90..90"),
            BoundsError::SouthAboveNorth => write!(formatter, "the south bound is north of the north bound"),
        }
    }
}

impl std::error::Error for BoundsError {}

impl LonLatBounds {
    pub const WORLD: LonLatBounds = LonLatBounds {
        west: -180.0,
        south: -90.0,
        east: 180.0,
        north: 90.0,
    };

    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<LonLatBounds, BoundsError> {
        if ![west, south, east, north].iter().all(|value| value.is_finite()) {
            return Err(BoundsError::NotANumber);
        }
        let longitudes = -180.0..=180.0;
        let latitudes = -90.0..=90.0;
        if !(longitudes.contains(&west)
            && longitudes.contains(&east)
            && latitudes.contains(&south)
            && latitudes.contains(&north))
        {
            return Err(BoundsError::OutOfRange);
        }
        if south > north {
            return Err(BoundsError::SouthAboveNorth);
        }
        Ok(LonLatBounds {
            west,
            south,
            east,
            north,
        })
    }

    /// The smallest box holding every valid position: on longitude, the complement of the widest
    /// empty gap around the circle, so places in China and California give a box across the
    /// Pacific rather than one across Europe. `None` when there is no valid position.
    pub fn around(positions: impl IntoIterator<Item = LonLat>) -> Option<LonLatBounds> {
        let mut longitudes = Vec::new();
        let (mut south, mut north) = (f64::INFINITY, f64::NEG_INFINITY);
        for position in positions.into_iter().filter(LonLat::is_valid) {
            longitudes.push(if position.lon == 180.0 { -180.0 } else { position.lon });
            south = south.min(position.lat);
            north = north.max(position.lat);
        }
        longitudes.sort_by(f64::total_cmp);
        let (first, last) = (*longitudes.first()?, *longitudes.last()?);
        // The gap that wraps around from the last longitude to the first is a candidate too.
        let mut widest_gap = first + 360.0 - last;
        let (mut west, mut east) = (first, last);
        for pair in longitudes.windows(2) {
            let gap = pair[1] - pair[0];
            if gap > widest_gap {
                widest_gap = gap;
                west = pair[1];
                east = pair[0];
            }
        }
        Some(LonLatBounds {
            west,
            south,
            east,
            north,
        })
    }

    pub fn west(&self) -> f64 {
        self.west
    }
    pub fn south(&self) -> f64 {
        self.south
    }
    pub fn east(&self) -> f64 {
        self.east
    }
    pub fn north(&self) -> f64 {
        self.north
    }

    pub fn crosses_antimeridian(&self) -> bool {
        self.west > self.east
    }

    /// Width in degrees of longitude, 0..=360.
    pub fn width(&self) -> f64 {
        if self.crosses_antimeridian() {
            self.east + 360.0 - self.west
        } else {
            self.east - self.west
        }
    }

    pub fn contains(&self, position: LonLat) -> bool {
        if !(self.south..=self.north).contains(&position.lat) {
            return false;
        }
        if self.crosses_antimeridian() {
            position.lon >= self.west || position.lon <= self.east
        } else {
            (self.west..=self.east).contains(&position.lon)
        }
    }

    /// The one or two boxes that do not cross the antimeridian and together cover this one.
    pub fn split_at_antimeridian(&self) -> (LonLatBounds, Option<LonLatBounds>) {
        if !self.crosses_antimeridian() {
            return (*self, None);
        }
        let eastern = LonLatBounds { east: 180.0, ..*self };
        let western = LonLatBounds { west: -180.0, ..*self };
        (eastern, Some(western))
    }
}

/// How [`MapView::fit_bounds`] frames a box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitOptions {
    /// Free space in pixels kept on every side.
    pub padding: f64,
    /// The closest zoom a fit may choose, so that one place does not fill the screen.
    pub max_zoom: f64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            padding: 24.0,
            max_zoom: 12.0,
        }
    }
}

/// A map centre and zoom. Invariant, enforced by every constructor: the centre's longitude is in
/// -180..=180, its latitude within ±[`MAX_LATITUDE`], and both and the zoom are finite.
/// (`share::MapView` is the rounded form a link carries; convert with `MapView::new`.)
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    center: LonLat,
    zoom: f64,
}

impl MapView {
    /// Normalises the centre (longitude wrapped, latitude clamped) and clamps the zoom; a value
    /// that is not finite is replaced by 0 (the centre) or by the lowest zoom.
    pub fn new(center: LonLat, zoom: f64, limits: ZoomLimits) -> MapView {
        let lon = if center.lon.is_finite() {
            wrap_longitude(center.lon)
        } else {
            0.0
        };
        let lat = if center.lat.is_finite() {
            center.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE)
        } else {
            0.0
        };
        let zoom = if zoom.is_finite() {
            limits.clamp(zoom)
        } else {
            limits.min
        };
        MapView {
            center: LonLat { lon, lat },
            zoom,
        }
    }

    pub fn center(&self) -> LonLat {
        self.center
    }

    pub fn zoom(&self) -> f64 {
        self.zoom
    }

    /// The world's width in pixels at this zoom.
    pub fn world_size(&self) -> f64 {
        TILE_SIZE * self.zoom.exp2()
    }

    fn center_world(&self) -> WorldPoint {
        project(self.center)
    }

    fn from_world_center(center: WorldPoint, zoom: f64, limits: ZoomLimits) -> MapView {
        MapView::new(
            unproject(WorldPoint {
                x: center.x,
                y: center.y.clamp(0.0, 1.0),
            }),
            zoom,
            limits,
        )
    }

    /// A world point on screen, without wrapping (the caller chose the copy).
    pub fn world_to_screen(&self, point: WorldPoint, viewport: Viewport) -> ScreenPoint {
        let center = self.center_world();
        let size = self.world_size();
        let middle = viewport.center();
        ScreenPoint {
            x: (point.x - center.x) * size + middle.x,
            y: (point.y - center.y) * size + middle.y,
        }
    }

    /// A position on screen, on the copy of the world nearest the view's centre.
    pub fn to_screen(&self, position: LonLat, viewport: Viewport) -> ScreenPoint {
        self.world_to_screen(self.nearest_copy(project(position)), viewport)
    }

    /// Moves a world point by whole worlds so that it lies within half a world of the centre.
    pub fn nearest_copy(&self, point: WorldPoint) -> WorldPoint {
        let center_x = self.center_world().x;
        WorldPoint {
            x: point.x - (point.x - center_x).round(),
            y: point.y,
        }
    }

    /// The world point under a screen point (x not wrapped, so it may leave 0..1).
    pub fn screen_to_world(&self, point: ScreenPoint, viewport: Viewport) -> WorldPoint {
        let center = self.center_world();
        let size = self.world_size();
        let middle = viewport.center();
        WorldPoint {
            x: center.x + (point.x - middle.x) / size,
            y: center.y + (point.y - middle.y) / size,
        }
    }

    pub fn to_lon_lat(&self, point: ScreenPoint, viewport: Viewport) -> LonLat {
        unproject(self.screen_to_world(point, viewport))
    }

    /// The view after dragging the map by `dx`, `dy` pixels (the content follows the pointer).
    pub fn pan_by(&self, dx: f64, dy: f64, limits: ZoomLimits) -> MapView {
        if !(dx.is_finite() && dy.is_finite()) {
            return *self;
        }
        let center = self.center_world();
        let size = self.world_size();
        MapView::from_world_center(
            WorldPoint {
                x: center.x - dx / size,
                y: center.y - dy / size,
            },
            self.zoom,
            limits,
        )
    }

    /// The view at `zoom` (clamped) that keeps the world point under `anchor` where it is, as a
    /// wheel or pinch zoom around the pointer does.
    pub fn zoom_at(&self, anchor: ScreenPoint, zoom: f64, viewport: Viewport, limits: ZoomLimits) -> MapView {
        if !(anchor.x.is_finite() && anchor.y.is_finite() && zoom.is_finite()) {
            return *self;
        }
        let zoom = limits.clamp(zoom);
        let fixed = self.screen_to_world(anchor, viewport);
        let size = TILE_SIZE * zoom.exp2();
        let middle = viewport.center();
        let center = WorldPoint {
            x: fixed.x - (anchor.x - middle.x) / size,
            y: fixed.y - (anchor.y - middle.y) / size,
        };
        MapView::from_world_center(center, zoom, limits)
    }

    /// The view with the same centre and the zoom changed by `delta` (the +/− buttons).
    pub fn zoom_by(&self, delta: f64, limits: ZoomLimits) -> MapView {
        MapView::new(self.center, self.zoom + delta, limits)
    }

    /// The view `progress` (0 to 1) of the way from `self` to `target`, for animated moves:
    /// the zoom changes linearly (so the scale changes geometrically, as a timeline window's
    /// span does), and the centre moves straight in world coordinates, the shorter way round
    /// the antimeridian. A `progress` that is not a number ends the move.
    pub fn towards(&self, target: MapView, progress: f64, limits: ZoomLimits) -> MapView {
        let progress = if progress.is_finite() {
            progress.clamp(0.0, 1.0)
        } else {
            1.0
        };
        if progress >= 1.0 {
            return target;
        }
        if progress <= 0.0 {
            return *self;
        }
        let (from, to) = (self.center_world(), target.center_world());
        let across = to.x - from.x;
        let shorter = across - across.round();
        MapView::from_world_center(
            WorldPoint {
                x: from.x + shorter * progress,
                y: from.y + (to.y - from.y) * progress,
            },
            self.zoom + (target.zoom - self.zoom) * progress,
            limits,
        )
    }

    /// The view centred on `position`, keeping the zoom (selecting an event elsewhere).
    pub fn centered_on(&self, position: LonLat, limits: ZoomLimits) -> MapView {
        MapView::new(position, self.zoom, limits)
    }

    /// What the viewport shows, in degrees. A view wider than the world gives the whole world's
    /// longitudes; a view across the antimeridian gives `west > east`.
    pub fn visible_bounds(&self, viewport: Viewport) -> LonLatBounds {
        let top_left = self.screen_to_world(ScreenPoint::new(0.0, 0.0), viewport);
        let bottom_right = self.screen_to_world(ScreenPoint::new(viewport.width, viewport.height), viewport);
        let north = y_to_latitude(top_left.y.clamp(0.0, 1.0));
        let south = y_to_latitude(bottom_right.y.clamp(0.0, 1.0));
        if bottom_right.x - top_left.x >= 1.0 {
            return LonLatBounds {
                west: -180.0,
                south,
                east: 180.0,
                north,
            };
        }
        LonLatBounds {
            west: wrap_longitude(x_to_longitude(top_left.x)),
            south,
            east: wrap_longitude(x_to_longitude(bottom_right.x)),
            north,
        }
    }

    /// The view that shows `bounds` with `options.padding` pixels to spare, at the closest zoom
    /// allowed by both the limits and `options.max_zoom`. Used for the initial view and "fit to
    /// filtered events".
    pub fn fit_bounds(bounds: &LonLatBounds, viewport: Viewport, options: FitOptions, limits: ZoomLimits) -> MapView {
        let west = longitude_to_x(bounds.west);
        let east = west + bounds.width() / 360.0;
        let top = latitude_to_y(bounds.north);
        let bottom = latitude_to_y(bounds.south);
        let available_width = (viewport.width - 2.0 * options.padding).max(1.0);
        let available_height = (viewport.height - 2.0 * options.padding).max(1.0);
        let width_zoom = (available_width / ((east - west) * TILE_SIZE)).log2();
        let height_zoom = (available_height / ((bottom - top) * TILE_SIZE)).log2();
        // A single point gives infinite zooms: the max_zoom cap then decides.
        let zoom = width_zoom.min(height_zoom).min(options.max_zoom);
        let zoom = if zoom.is_nan() { options.max_zoom } else { zoom };
        let center = WorldPoint {
            x: (west + east) / 2.0,
            y: (top + bottom) / 2.0,
        };
        MapView::from_world_center(center, zoom, limits)
    }
}

/// How much larger than the viewport a [`DrawingFrame`] is: this share of the viewport's width
/// and height on every side, so a drag of half a screen reuses what was drawn.
const FRAME_MARGIN: f64 = 0.5;
/// How many zoom levels away from its own a frame is shown scaled: beyond that, zooming in
/// would show its sub-pixel simplification and zooming out would need more than its margin.
const FRAME_ZOOM_RANGE: f64 = 1.0;

/// A view drawn once over an area larger than the viewport (its *frame*), so that nearby views
/// can show the same drawing moved and scaled by a [`FrameTransform`] instead of drawing it again:
/// the basemap's paths are written in frame pixels while the map pans and zooms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawingFrame {
    view: MapView,
    /// The area drawn, in frame pixels from its top-left corner: the viewport plus the margin.
    area: Viewport,
}

/// Frame pixels to screen pixels: `screen = frame × scale + (x, y)`, which is what the SVG
/// attribute `transform="translate(x y) scale(scale)"` does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameTransform {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

impl FrameTransform {
    pub const IDENTITY: FrameTransform = FrameTransform {
        scale: 1.0,
        x: 0.0,
        y: 0.0,
    };
}

impl DrawingFrame {
    /// The frame for drawing `view`: centred on it, at its zoom, with the margin on every side.
    pub fn around(view: MapView, viewport: Viewport) -> DrawingFrame {
        DrawingFrame::with_margin(view, viewport, FRAME_MARGIN)
    }

    /// The frame that is just `view` on `viewport`, without a margin.
    pub fn exactly(view: MapView, viewport: Viewport) -> DrawingFrame {
        DrawingFrame::with_margin(view, viewport, 0.0)
    }

    fn with_margin(view: MapView, viewport: Viewport, margin: f64) -> DrawingFrame {
        let grow = 1.0 + 2.0 * margin;
        DrawingFrame {
            view,
            area: Viewport::new(viewport.width * grow, viewport.height * grow),
        }
    }

    /// The view and area to draw the frame with (`BasemapFeature::path_data(view, area)`).
    pub fn view(&self) -> MapView {
        self.view
    }

    pub fn area(&self) -> Viewport {
        self.area
    }

    /// How this frame's drawing shows `view` on `viewport`; `None` when it cannot: the zoom is
    /// more than [`FRAME_ZOOM_RANGE`] away, or part of the world on screen is outside the area
    /// drawn. Above and below the world there is nothing to draw, so that part need not be
    /// covered. Across the antimeridian the nearest copy of the frame is used.
    pub fn transform_to(&self, view: &MapView, viewport: Viewport) -> Option<FrameTransform> {
        if (view.zoom - self.view.zoom).abs() > FRAME_ZOOM_RANGE {
            return None;
        }
        let scale = view.world_size() / self.view.world_size();
        let (frame_center, center) = (self.view.center_world(), view.center_world());
        let shift_x = frame_center.x - center.x;
        let shift_x = shift_x - shift_x.round();
        let size = view.world_size();
        let (area_middle, middle) = (self.area.center(), viewport.center());
        let transform = FrameTransform {
            scale,
            x: middle.x + shift_x * size - scale * area_middle.x,
            y: middle.y + (frame_center.y - center.y) * size - scale * area_middle.y,
        };
        // The screen's part that shows the world, in frame pixels, must lie inside the area.
        let world_top = (0.0 - center.y) * size + middle.y;
        let world_bottom = (1.0 - center.y) * size + middle.y;
        let (top, bottom) = (world_top.max(0.0), world_bottom.min(viewport.height));
        let to_frame_x = |x: f64| (x - transform.x) / scale;
        let to_frame_y = |y: f64| (y - transform.y) / scale;
        // Rounding in the transform must not refuse a frame that covers exactly.
        const SLACK: f64 = 0.5;
        let covers_x = to_frame_x(0.0) >= -SLACK && to_frame_x(viewport.width) <= self.area.width + SLACK;
        let covers_y = top >= bottom || (to_frame_y(top) >= -SLACK && to_frame_y(bottom) <= self.area.height + SLACK);
        (covers_x && covers_y).then_some(transform)
    }

    /// This frame and its transform when it can show `view`, else a new frame for `view`. The
    /// map keeps the frame between renders and calls this on each. A drag gets a frame with
    /// the margin, for the next steps in any direction. A zoom gets a frame without one, so it
    /// costs no more than drawing the view: zooming in needs no margin (a level and a half of
    /// wheel steps reuse it), and zooming out would use up a margin within a step or two.
    pub fn reused_for(self, view: MapView, viewport: Viewport) -> (DrawingFrame, FrameTransform) {
        match self.transform_to(&view, viewport) {
            Some(transform) => (self, transform),
            None => {
                let frame = if view.zoom == self.view.zoom {
                    DrawingFrame::around(view, viewport)
                } else {
                    DrawingFrame::exactly(view, viewport)
                };
                let transform = frame.transform_to(&view, viewport).unwrap_or(FrameTransform::IDENTITY);
                (frame, transform)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEWPORT: Viewport = Viewport {
        width: 800.0,
        height: 600.0,
    };

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn a_view_moves_towards_another_evenly_and_the_short_way_round() {
        let limits = ZoomLimits { min: 1.0, max: 16.0 };
        let shanghai = MapView::new(LonLat::new(121.47, 31.23), 4.0, limits);
        let wuxi = MapView::new(LonLat::new(120.31, 31.49), 8.0, limits);
        assert_eq!(shanghai.towards(wuxi, 0.0, limits), shanghai);
        assert_eq!(shanghai.towards(wuxi, 1.0, limits), wuxi);
        assert_eq!(shanghai.towards(wuxi, f64::NAN, limits), wuxi, "no number: the end");
        let half = shanghai.towards(wuxi, 0.5, limits);
        assert!(close(half.zoom(), 6.0, 1e-9), "{half:?}");
        assert!(close(half.center().lon, (121.47 + 120.31) / 2.0, 1e-9), "{half:?}");
        assert!(half.center().lat > 31.23 && half.center().lat < 31.49, "{half:?}");
        // Tokyo to Honolulu crosses the antimeridian, not the whole of Asia and Europe.
        let tokyo = MapView::new(LonLat::new(139.7, 35.7), 3.0, limits);
        let honolulu = MapView::new(LonLat::new(-157.9, 21.3), 3.0, limits);
        let midway = tokyo.towards(honolulu, 0.5, limits);
        assert!(
            midway.center().lon > 170.0 || midway.center().lon < -170.0,
            "{midway:?}"
        );
        // Every step of the way is a valid view.
        for step in 0..=20 {
            let view = tokyo.towards(honolulu, f64::from(step) / 20.0, limits);
            assert!((-180.0..=180.0).contains(&view.center().lon) && view.zoom() == 3.0);
        }
    }

    #[test]
    fn projection_round_trips_and_matches_known_values() {
        assert_eq!(project(LonLat::new(0.0, 0.0)), WorldPoint { x: 0.5, y: 0.5 });
        assert_eq!(project(LonLat::new(-180.0, 0.0)).x, 0.0);
        assert!(close(latitude_to_y(MAX_LATITUDE), 0.0, 1e-12));
        assert_eq!(latitude_to_y(90.0), 0.0);
        assert_eq!(latitude_to_y(-90.0), 1.0);
        for (lon, lat) in [(121.47, 31.23), (-122.42, 37.77), (18.41, 43.86), (-179.9, -60.0)] {
            let back = unproject(project(LonLat::new(lon, lat)));
            assert!(
                close(back.lon, lon, 1e-9) && close(back.lat, lat, 1e-9),
                "{lon},{lat} -> {back:?}"
            );
        }
    }

    #[test]
    fn screen_round_trip_and_center() {
        let view = MapView::new(LonLat::new(121.47, 31.23), 5.0, ZoomLimits::default());
        let middle = view.to_screen(LonLat::new(121.47, 31.23), VIEWPORT);
        assert!(close(middle.x, 400.0, 1e-9) && close(middle.y, 300.0, 1e-9));
        let point = ScreenPoint::new(123.0, 456.0);
        let back = view.to_screen(view.to_lon_lat(point, VIEWPORT), VIEWPORT);
        assert!(close(back.x, 123.0, 1e-6) && close(back.y, 456.0, 1e-6));
    }

    #[test]
    fn zoom_at_keeps_the_point_under_the_pointer() {
        let limits = ZoomLimits::default();
        let view = MapView::new(LonLat::new(110.0, 30.0), 4.0, limits);
        let pointer = ScreenPoint::new(650.0, 120.0);
        let under = view.to_lon_lat(pointer, VIEWPORT);
        let zoomed = view.zoom_at(pointer, 6.5, VIEWPORT, limits);
        assert_eq!(zoomed.zoom(), 6.5);
        let after = zoomed.to_screen(under, VIEWPORT);
        assert!(close(after.x, 650.0, 1e-6) && close(after.y, 120.0, 1e-6), "{after:?}");
        // Clamped to the limits, and non-finite input is ignored.
        assert_eq!(view.zoom_at(pointer, 40.0, VIEWPORT, limits).zoom(), 18.0);
        assert_eq!(view.zoom_at(pointer, f64::NAN, VIEWPORT, limits), view);
        assert_eq!(view.zoom_by(-10.0, limits).zoom(), 1.0);
    }

    #[test]
    fn pan_moves_content_with_the_pointer_and_wraps() {
        let limits = ZoomLimits::default();
        let view = MapView::new(LonLat::new(179.0, 0.0), 3.0, limits);
        let place = LonLat::new(179.0, 0.0);
        let panned = view.pan_by(-100.0, 0.0, limits);
        let on_screen = panned.to_screen(place, VIEWPORT);
        assert!(close(on_screen.x, 300.0, 1e-6), "{on_screen:?}");
        // Panning east past the antimeridian wraps the centre's longitude.
        let expected = 179.0 + 100.0 / 2048.0 * 360.0 - 360.0;
        assert!(close(panned.center().lon, expected, 1e-9), "{:?}", panned.center());
        // A place just across the antimeridian is drawn on the nearest copy, to the right.
        assert!(view.to_screen(LonLat::new(-179.0, 0.0), VIEWPORT).x > 400.0);
        // Panning far north stops at the edge of the square.
        assert!(close(view.pan_by(0.0, 1e9, limits).center().lat, MAX_LATITUDE, 1e-9));
    }

    #[test]
    fn bounds_reject_bad_input() {
        assert_eq!(LonLatBounds::new(f64::NAN, 0.0, 1.0, 1.0), Err(BoundsError::NotANumber));
        assert_eq!(LonLatBounds::new(-181.0, 0.0, 1.0, 1.0), Err(BoundsError::OutOfRange));
        assert_eq!(
            LonLatBounds::new(0.0, 10.0, 1.0, 5.0),
            Err(BoundsError::SouthAboveNorth)
        );
        let crossing = LonLatBounds::new(170.0, -10.0, -170.0, 10.0).unwrap(); // ok: valid literal
        assert!(crossing.crosses_antimeridian());
        assert_eq!(crossing.width(), 20.0);
        assert!(crossing.contains(LonLat::new(179.0, 0.0)) && crossing.contains(LonLat::new(-175.0, 0.0)));
        assert!(!crossing.contains(LonLat::new(0.0, 0.0)));
    }

    #[test]
    fn bounds_around_places_take_the_shorter_way_round() {
        // Shanghai and San Francisco: across the Pacific, not across Europe.
        let pacific = LonLatBounds::around([LonLat::new(121.47, 31.23), LonLat::new(-122.42, 37.77)]).unwrap(); // ok: two valid places
        assert_eq!((pacific.west(), pacific.east()), (121.47, -122.42));
        // Shanghai and Sarajevo: no crossing.
        let eurasia = LonLatBounds::around([LonLat::new(121.47, 31.23), LonLat::new(18.41, 43.86)]).unwrap(); // ok: two valid places
        assert_eq!((eurasia.west(), eurasia.east()), (18.41, 121.47));
        assert_eq!(LonLatBounds::around([LonLat::new(f64::NAN, 0.0)]), None);
    }

    #[test]
    fn fit_bounds_frames_china_and_a_box_across_the_antimeridian() {
        let limits = ZoomLimits::default();
        let china = LonLatBounds::new(73.5, 18.0, 135.1, 53.6).unwrap(); // ok: valid literal
        let view = MapView::fit_bounds(&china, VIEWPORT, FitOptions::default(), limits);
        for corner in [LonLat::new(73.5, 53.6), LonLat::new(135.1, 18.0)] {
            let point = view.to_screen(corner, VIEWPORT);
            assert!(
                (23.9..=776.1).contains(&point.x) && (23.9..=576.1).contains(&point.y),
                "{corner:?} -> {point:?}"
            );
        }
        // One side touches the padding exactly.
        let west = view.to_screen(LonLat::new(73.5, 40.0), VIEWPORT).x;
        let north = view.to_screen(LonLat::new(100.0, 53.6), VIEWPORT).y;
        assert!(close(west, 24.0, 1e-6) || close(north, 24.0, 1e-6), "{west} {north}");

        let pacific = LonLatBounds::new(121.47, 31.0, -122.42, 38.0).unwrap(); // ok: valid literal
        let view = MapView::fit_bounds(&pacific, VIEWPORT, FitOptions::default(), limits);
        let shanghai = view.to_screen(LonLat::new(121.47, 31.23), VIEWPORT);
        let san_francisco = view.to_screen(LonLat::new(-122.42, 37.77), VIEWPORT);
        assert!(
            shanghai.x < san_francisco.x && (0.0..=800.0).contains(&san_francisco.x),
            "{shanghai:?} {san_francisco:?}"
        );
        assert!(
            view.center().lon > 170.0 || view.center().lon < -170.0,
            "{:?}",
            view.center()
        );

        // A single place: the max_zoom cap.
        let point = LonLatBounds::new(10.0, 10.0, 10.0, 10.0).unwrap(); // ok: valid literal
        assert_eq!(
            MapView::fit_bounds(&point, VIEWPORT, FitOptions::default(), limits).zoom(),
            12.0
        );
    }

    #[test]
    fn visible_bounds_cross_the_antimeridian_and_cover_the_world_when_zoomed_out() {
        let limits = ZoomLimits { min: 0.0, max: 18.0 };
        let view = MapView::new(LonLat::new(180.0, 0.0), 4.0, limits);
        let bounds = view.visible_bounds(VIEWPORT);
        assert!(bounds.crosses_antimeridian(), "{bounds:?}");
        assert!(close(bounds.width(), 800.0 / 4096.0 * 360.0, 1e-9));
        let world = MapView::new(LonLat::new(0.0, 0.0), 0.0, limits).visible_bounds(VIEWPORT);
        assert_eq!((world.west(), world.east()), (-180.0, 180.0));
    }

    #[test]
    fn new_view_normalises_bad_numbers() {
        let view = MapView::new(LonLat::new(f64::NAN, 95.0), f64::INFINITY, ZoomLimits::default());
        assert_eq!(view.center(), LonLat::new(0.0, MAX_LATITUDE));
        assert_eq!(view.zoom(), 1.0);
        assert_eq!(
            MapView::new(LonLat::new(190.0, 0.0), 3.0, ZoomLimits::default())
                .center()
                .lon,
            -170.0
        );
    }

    /// Where a place lands on screen through a frame: drawn in the frame, then transformed.
    fn through_frame(frame: &DrawingFrame, transform: FrameTransform, position: LonLat) -> ScreenPoint {
        let drawn = frame.view().to_screen(position, frame.area());
        ScreenPoint::new(
            drawn.x * transform.scale + transform.x,
            drawn.y * transform.scale + transform.y,
        )
    }

    #[test]
    fn a_frame_shows_nearby_views_moved_and_scaled() {
        let limits = ZoomLimits { min: 1.0, max: 16.0 };
        let drawn = MapView::new(LonLat::new(110.0, 30.0), 4.0, limits);
        let frame = DrawingFrame::around(drawn, VIEWPORT);
        assert_eq!(frame.area(), Viewport::new(1600.0, 1200.0));
        let places = [
            LonLat::new(121.47, 31.23),
            LonLat::new(104.07, 30.67),
            LonLat::new(116.4, 39.9),
        ];
        let panned = drawn.pan_by(-300.0, 120.0, limits);
        let zoomed_in = drawn.zoom_at(ScreenPoint::new(200.0, 100.0), 4.9, VIEWPORT, limits);
        let zoomed_out = drawn.zoom_at(ScreenPoint::new(400.0, 300.0), 3.5, VIEWPORT, limits);
        for view in [drawn, panned, zoomed_in, zoomed_out] {
            let transform = frame.transform_to(&view, VIEWPORT).expect("covered"); // ok: checked by this test
            for place in places {
                let expected = view.to_screen(place, VIEWPORT);
                let shown = through_frame(&frame, transform, place);
                assert!(
                    close(shown.x, expected.x, 1e-6) && close(shown.y, expected.y, 1e-6),
                    "{view:?} {place:?}: {shown:?} != {expected:?}"
                );
            }
        }
        // Its own view: shifted by the margin, not scaled.
        assert_eq!(
            frame.transform_to(&drawn, VIEWPORT),
            Some(FrameTransform {
                scale: 1.0,
                x: -400.0,
                y: -300.0
            })
        );
    }

    #[test]
    fn a_frame_is_redrawn_past_its_margin_or_a_zoom_level_away() {
        let limits = ZoomLimits { min: 1.0, max: 16.0 };
        let drawn = MapView::new(LonLat::new(110.0, 30.0), 6.0, limits);
        let frame = DrawingFrame::around(drawn, VIEWPORT);
        assert!(frame
            .transform_to(&drawn.pan_by(399.0, 0.0, limits), VIEWPORT)
            .is_some());
        assert_eq!(frame.transform_to(&drawn.pan_by(401.0, 0.0, limits), VIEWPORT), None);
        assert_eq!(frame.transform_to(&drawn.pan_by(0.0, -301.0, limits), VIEWPORT), None);
        assert_eq!(
            frame.transform_to(&drawn.zoom_by(1.1, limits), VIEWPORT),
            None,
            "too coarse"
        );
        let zoomed_out = drawn.zoom_by(-0.8, limits);
        assert!(frame.transform_to(&zoomed_out, VIEWPORT).is_some());
        assert_eq!(
            frame.transform_to(&zoomed_out.pan_by(150.0, 0.0, limits), VIEWPORT),
            None,
            "zoomed out, the margin is used up sooner"
        );
        // A larger map on screen than the frame was drawn for.
        assert_eq!(frame.transform_to(&drawn, Viewport::new(1700.0, 600.0)), None);
        // `reused_for` keeps a frame that covers and draws a new one that does not.
        let nudged = drawn.pan_by(10.0, 10.0, limits);
        assert_eq!(frame.reused_for(nudged, VIEWPORT).0, frame);
        let far = drawn.pan_by(1000.0, 0.0, limits);
        let (redrawn, transform) = frame.reused_for(far, VIEWPORT);
        assert_eq!(redrawn, DrawingFrame::around(far, VIEWPORT));
        assert_eq!(transform.scale, 1.0);
        // After a zoom, just the view is drawn; zooming in further reuses it, out does not.
        let zoomed = drawn.zoom_by(1.5, limits);
        let (redrawn, transform) = frame.reused_for(zoomed, VIEWPORT);
        assert_eq!(
            (redrawn, transform),
            (DrawingFrame::exactly(zoomed, VIEWPORT), FrameTransform::IDENTITY)
        );
        let further = zoomed.zoom_at(ScreenPoint::new(100.0, 500.0), 8.0, VIEWPORT, limits);
        assert_eq!(redrawn.reused_for(further, VIEWPORT).0, redrawn);
        let back_out = zoomed.zoom_by(-0.5, limits);
        assert_eq!(
            redrawn.reused_for(back_out, VIEWPORT).0,
            DrawingFrame::exactly(back_out, VIEWPORT)
        );
    }

    #[test]
    fn a_frame_needs_to_cover_only_the_world_and_works_across_the_antimeridian() {
        let limits = ZoomLimits { min: 1.0, max: 16.0 };
        // Zoomed out, the world (512 px) is shorter than the map: above and below it is empty.
        let drawn = MapView::new(LonLat::new(0.0, 0.0), 1.0, limits);
        let frame = DrawingFrame::around(drawn, VIEWPORT);
        assert!(frame
            .transform_to(&drawn.pan_by(0.0, 250.0, limits), VIEWPORT)
            .is_some());
        // Drawn just west of the antimeridian, shown from just east of it: the nearest copy is used.
        let east = MapView::new(LonLat::new(179.9, 10.0), 5.0, limits);
        let frame = DrawingFrame::around(east, VIEWPORT);
        let west = east.pan_by(-100.0, 0.0, limits); // dragged left: the view moves east
        assert!(west.center().lon < 0.0, "across the antimeridian: {west:?}");
        let transform = frame.transform_to(&west, VIEWPORT).expect("covered"); // ok: checked by this test
        for place in [LonLat::new(179.5, 10.0), LonLat::new(-179.5, 12.0)] {
            let expected = west.to_screen(place, VIEWPORT);
            let shown = through_frame(&frame, transform, place);
            assert!(
                close(shown.x, expected.x, 1e-6) && close(shown.y, expected.y, 1e-6),
                "{place:?}"
            );
        }
    }
}
