//! Relations drawn between places: a great-circle arc for a partnership (Shanghai ↔ a foreign
//! university city) and a route through the ordered stops of a multi-stop visit.
//!
//! Great circles because a Shanghai–Boston link should bow north as it does on a globe; the arc
//! is sampled and projected, unwrapping longitudes so that a route across the Pacific stays in
//! one piece instead of jumping across the whole map.

use std::fmt::Write;

use super::projection::{project, LonLat, MapView, ScreenPoint, Viewport, WorldPoint};

/// Samples per arc: smooth at any zoom for the distances between cities.
pub(crate) const SAMPLES: usize = 32;

/// Points along the great circle from `from` to `to`, both included, with longitudes unwrapped
/// (they may leave -180..180 to stay continuous). Antipodal or identical places give the
/// straight segment.
pub fn great_circle(from: LonLat, to: LonLat, samples: usize) -> Vec<LonLat> {
    let samples = samples.max(1);
    let to_vector = |position: LonLat| {
        let (lon, lat) = (position.lon.to_radians(), position.lat.to_radians());
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    };
    let (a, b) = (to_vector(from), to_vector(to));
    let dot = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]).clamp(-1.0, 1.0);
    let angle = dot.acos();
    let mut points = Vec::with_capacity(samples + 1);
    let mut previous_lon = from.lon;
    for step in 0..=samples {
        let t = step as f64 / samples as f64;
        let position = if step == 0 {
            from
        } else if angle.sin().abs() < 1e-9 {
            LonLat::new(from.lon + (to.lon - from.lon) * t, from.lat + (to.lat - from.lat) * t)
        } else {
            let (wa, wb) = (((1.0 - t) * angle).sin() / angle.sin(), (t * angle).sin() / angle.sin());
            let vector = [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
            let lat = vector[2].clamp(-1.0, 1.0).asin().to_degrees();
            let mut lon = vector[1].atan2(vector[0]).to_degrees();
            // Unwrap: keep each longitude within 180° of the previous one.
            lon += 360.0 * ((previous_lon - lon) / 360.0).round();
            LonLat::new(lon, lat)
        };
        previous_lon = position.lon;
        points.push(position);
    }
    points
}

/// Screen points of a polyline in lon/lat with unwrapped longitudes: the first point goes on the
/// copy of the world nearest the view's centre, and the rest follow it continuously.
pub(crate) fn screen_polyline(positions: &[LonLat], view: &MapView, viewport: Viewport) -> Vec<ScreenPoint> {
    let Some(first) = positions.first() else {
        return Vec::new();
    };
    let shift = view.nearest_copy(project(*first)).x - project(*first).x;
    positions
        .iter()
        .map(|position| {
            // Unwrapped longitudes beyond ±180 project linearly, which is what continuity needs.
            let point = WorldPoint {
                x: position.lon / 360.0 + 0.5 + shift,
                y: project(LonLat::new(0.0, position.lat)).y,
            };
            view.world_to_screen(point, viewport)
        })
        .collect()
}

pub(crate) fn path_data(points: &[ScreenPoint]) -> String {
    let mut data = String::new();
    for (index, point) in points.iter().enumerate() {
        let command = if index == 0 { 'M' } else { 'L' };
        let _ = write!(data, "{command}{:.1} {:.1}", point.x, point.y);
    }
    data
}

/// SVG path data for a great-circle arc between two places (a partnership).
pub fn arc_path(from: LonLat, to: LonLat, view: &MapView, viewport: Viewport) -> String {
    path_data(&screen_polyline(&great_circle(from, to, SAMPLES), view, viewport))
}

/// SVG path data for a route through `stops` in the given order (sort them by date first): one
/// continuous line of great-circle legs. Empty for fewer than two stops.
pub fn route_path(stops: &[LonLat], view: &MapView, viewport: Viewport) -> String {
    if stops.len() < 2 {
        return String::new();
    }
    let mut positions: Vec<LonLat> = vec![stops[0]];
    for pair in stops.windows(2) {
        let start = *positions.last().unwrap_or(&pair[0]);
        // Each leg starts from the previous leg's unwrapped end so the whole route is continuous.
        let leg = great_circle(start, LonLat::new(pair[1].lon, pair[1].lat), SAMPLES);
        positions.extend(leg.into_iter().skip(1));
    }
    path_data(&screen_polyline(&positions, view, viewport))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ZoomLimits;

    const SHANGHAI: LonLat = LonLat {
        lon: 121.47,
        lat: 31.23,
    };
    const SAN_FRANCISCO: LonLat = LonLat {
        lon: -122.42,
        lat: 37.77,
    };
    const SARAJEVO: LonLat = LonLat { lon: 18.41, lat: 43.86 };

    #[test]
    fn great_circles_bow_towards_the_pole_and_cross_the_pacific_in_one_piece() {
        let points = great_circle(SHANGHAI, SAN_FRANCISCO, 16);
        assert_eq!(points.len(), 17);
        assert_eq!(points[0], SHANGHAI);
        let last = points[16];
        assert!(
            (last.lon - (SAN_FRANCISCO.lon + 360.0)).abs() < 1e-6 && (last.lat - SAN_FRANCISCO.lat).abs() < 1e-6,
            "{last:?}"
        );
        assert!(points.windows(2).all(|pair| (pair[1].lon - pair[0].lon).abs() < 30.0));
        let northmost = points.iter().map(|point| point.lat).fold(f64::MIN, f64::max);
        assert!(northmost > 45.0, "{northmost}");
        // Identical places: a degenerate segment, no NaN.
        assert!(great_circle(SARAJEVO, SARAJEVO, 4)
            .iter()
            .all(|point| point.lon == 18.41));
    }

    #[test]
    fn paths_are_continuous_on_screen() {
        let view = MapView::new(LonLat::new(180.0, 35.0), 3.0, ZoomLimits::default());
        let viewport = Viewport::new(800.0, 600.0);
        let data = arc_path(SHANGHAI, SAN_FRANCISCO, &view, viewport);
        assert_eq!(data.matches('M').count(), 1);
        let xs: Vec<f64> = data[1..]
            .split('L')
            .map(|pair| pair.split(' ').next().and_then(|x| x.parse().ok()).unwrap_or(f64::NAN))
            .collect();
        assert!(
            xs.windows(2).all(|pair| pair[1] > pair[0]),
            "eastwards all the way: {xs:?}"
        );
        let route = route_path(&[SARAJEVO, SHANGHAI, SAN_FRANCISCO], &view, viewport);
        assert_eq!(route.matches('L').count(), 2 * SAMPLES);
        assert_eq!(route_path(&[SHANGHAI], &view, viewport), "");
    }
}
