//! A story's route on the map: one stop per step that has a place, in step order, and the leg
//! that arrives at the step being read, with an arrowhead halfway along it so its direction
//! shows whichever end is off screen.
//!
//! A step's stop is the centre of its events' places (one place per event, its first, as the
//! visits' routes take it), averaged on the sphere so that places either side of the
//! antimeridian meet in the Pacific, not in Africa. Steps without a place are skipped: the leg
//! into the next step with one starts from the last place before it. The leg's line is a great
//! circle, like every link of the map, projected for the view it is drawn in.

use super::arcs::{great_circle, path_data, screen_polyline, SAMPLES};
use super::projection::{LonLat, MapView, ScreenPoint, Viewport};

/// Two stops this close (degrees) are one place: a leg between them would be a dot.
const SAME_PLACE: f64 = 1e-3;
/// The arrowhead's length along the line and its width, in CSS pixels.
const ARROW_LENGTH: f64 = 12.0;
const ARROW_WIDTH: f64 = 10.0;

/// Where a step is on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RouteStop {
    /// The step's number: 1 is the first.
    pub step: usize,
    pub position: LonLat,
}

/// The stops of a story, in step order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryRoute {
    stops: Vec<RouteStop>,
}

/// The way from one step's place to a later step's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leg {
    pub from: RouteStop,
    pub to: RouteStop,
}

/// A leg drawn for a view: its line and arrowhead as SVG path data, and its two ends on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct LegShape {
    pub line: String,
    /// A closed triangle pointing the way the story goes; empty when the leg is too short on
    /// screen to have a direction.
    pub arrow: String,
    pub start: ScreenPoint,
    pub end: ScreenPoint,
}

impl StoryRoute {
    /// The route of a story whose step `i + 1` is about events at `places[i]` (the places
    /// that are valid positions; a step with none has no stop).
    pub fn new(places: &[Vec<LonLat>]) -> StoryRoute {
        let stops = places
            .iter()
            .enumerate()
            .filter_map(|(index, positions)| {
                Some(RouteStop {
                    step: index + 1,
                    position: centre_of(positions)?,
                })
            })
            .collect();
        StoryRoute { stops }
    }

    pub fn stops(&self) -> &[RouteStop] {
        &self.stops
    }

    /// The stops' positions for a line through them all, a stop at the place of the one
    /// before it left out.
    pub fn line(&self) -> Vec<LonLat> {
        let mut positions: Vec<LonLat> = Vec::with_capacity(self.stops.len());
        for stop in &self.stops {
            if positions.last().is_none_or(|&last| !same_place(last, stop.position)) {
                positions.push(stop.position);
            }
        }
        positions
    }

    /// The leg that arrives at `step` (1 is the first): from the last earlier step with a
    /// place. `None` on the title card (0), at a step without a place, at the first place of
    /// the story, and when the step is where the one before it was.
    pub fn leg_into(&self, step: usize) -> Option<Leg> {
        let arrival = self.stops.iter().position(|stop| stop.step == step)?;
        let from = *self.stops.get(arrival.checked_sub(1)?)?;
        let to = self.stops[arrival];
        (!same_place(from.position, to.position)).then_some(Leg { from, to })
    }
}

impl Leg {
    /// The leg drawn for `view`: a great circle from stop to stop, continuous across the
    /// antimeridian, with the arrowhead at the middle of its length on screen.
    pub fn shape(&self, view: &MapView, viewport: Viewport) -> LegShape {
        let points = screen_polyline(
            &great_circle(self.from.position, self.to.position, SAMPLES),
            view,
            viewport,
        );
        let start = points.first().copied().unwrap_or(ScreenPoint::new(0.0, 0.0));
        let end = points.last().copied().unwrap_or(start);
        LegShape {
            line: path_data(&points),
            arrow: arrow_at_middle(&points),
            start,
            end,
        }
    }
}

/// The centre of `positions` on the sphere; `None` without any valid one.
fn centre_of(positions: &[LonLat]) -> Option<LonLat> {
    let valid: Vec<LonLat> = positions.iter().copied().filter(LonLat::is_valid).collect();
    match valid.as_slice() {
        [] => None,
        [only] => Some(*only),
        _ => {
            let mut sum = [0.0; 3];
            for position in &valid {
                let (lon, lat) = (position.lon.to_radians(), position.lat.to_radians());
                sum[0] += lat.cos() * lon.cos();
                sum[1] += lat.cos() * lon.sin();
                sum[2] += lat.sin();
            }
            let horizontal = sum[0].hypot(sum[1]);
            // Places that cancel out (antipodes) have no centre: the first one stands for them.
            if horizontal < 1e-12 && sum[2].abs() < 1e-12 {
                return valid.first().copied();
            }
            Some(LonLat::new(
                sum[1].atan2(sum[0]).to_degrees(),
                sum[2].atan2(horizontal).to_degrees(),
            ))
        }
    }
}

fn same_place(first: LonLat, second: LonLat) -> bool {
    (first.lon - second.lon).abs() < SAME_PLACE && (first.lat - second.lat).abs() < SAME_PLACE
}

/// An arrowhead on the polyline halfway along its length, pointing towards its end.
fn arrow_at_middle(points: &[ScreenPoint]) -> String {
    let lengths: Vec<f64> = points
        .windows(2)
        .map(|pair| (pair[1].x - pair[0].x).hypot(pair[1].y - pair[0].y))
        .collect();
    let total: f64 = lengths.iter().sum();
    if !(total.is_finite() && total > ARROW_LENGTH) {
        return String::new();
    }
    let mut left = total / 2.0;
    for (index, &length) in lengths.iter().enumerate() {
        if left > length || length <= 0.0 {
            left -= length;
            continue;
        }
        let (from, to) = (points[index], points[index + 1]);
        let (dx, dy) = ((to.x - from.x) / length, (to.y - from.y) / length);
        let middle = ScreenPoint::new(from.x + dx * left, from.y + dy * left);
        let tip = ScreenPoint::new(middle.x + dx * ARROW_LENGTH / 2.0, middle.y + dy * ARROW_LENGTH / 2.0);
        let back = ScreenPoint::new(middle.x - dx * ARROW_LENGTH / 2.0, middle.y - dy * ARROW_LENGTH / 2.0);
        let (nx, ny) = (-dy * ARROW_WIDTH / 2.0, dx * ARROW_WIDTH / 2.0);
        let mut data = path_data(&[
            tip,
            ScreenPoint::new(back.x + nx, back.y + ny),
            ScreenPoint::new(back.x - nx, back.y - ny),
        ]);
        data.push('Z');
        return data;
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ZoomLimits;

    const SHANGHAI: LonLat = LonLat {
        lon: 121.47,
        lat: 31.23,
    };
    const WUXI: LonLat = LonLat {
        lon: 120.31,
        lat: 31.49,
    };
    const BANJA_LUKA: LonLat = LonLat { lon: 17.19, lat: 44.77 };

    fn numbers(data: &str) -> Vec<f64> {
        data.split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter(|part| !part.is_empty())
            .map(|part| part.parse().unwrap())
            .collect()
    }

    #[test]
    fn steps_without_a_place_are_skipped_and_legs_join_the_places_in_step_order() {
        // Step 1 in Shanghai, step 2 nowhere, step 3 in Wuxi, step 4 in Wuxi again, step 5 in
        // Banja Luka and Shanghai (a partnership: its centre, somewhere in between).
        let route = StoryRoute::new(&[
            vec![SHANGHAI],
            vec![],
            vec![WUXI],
            vec![WUXI],
            vec![BANJA_LUKA, SHANGHAI],
        ]);
        let steps: Vec<usize> = route.stops().iter().map(|stop| stop.step).collect();
        assert_eq!(steps, [1, 3, 4, 5]);
        assert_eq!(route.leg_into(0), None, "the title card");
        assert_eq!(route.leg_into(1), None, "the first place has no leg into it");
        assert_eq!(route.leg_into(2), None, "no place, no leg");
        let leg = route.leg_into(3).unwrap();
        assert_eq!((leg.from.step, leg.to.step), (1, 3), "from the last step with a place");
        assert_eq!((leg.from.position, leg.to.position), (SHANGHAI, WUXI));
        assert_eq!(route.leg_into(4), None, "the same place as the step before");
        let far = route.leg_into(5).unwrap();
        assert_eq!(far.from.position, WUXI);
        assert!(far.to.position.lon > 17.19 && far.to.position.lon < 121.47, "{far:?}");
        assert!(
            far.to.position.lat > 44.77,
            "a great circle's middle bows north: {far:?}"
        );
        assert_eq!(route.leg_into(6), None);
        assert_eq!(route.line(), [SHANGHAI, WUXI, far.to.position]);
        assert_eq!(StoryRoute::new(&[]).leg_into(1), None);
    }

    #[test]
    fn the_centre_of_places_across_the_antimeridian_is_in_the_pacific() {
        let route = StoryRoute::new(&[vec![LonLat::new(179.0, 0.0), LonLat::new(-179.0, 0.0)]]);
        let centre = route.stops()[0].position;
        assert!(centre.lon.abs() > 179.9 && centre.lat.abs() < 1e-9, "{centre:?}");
        // Not a place at all is no stop.
        assert!(StoryRoute::new(&[vec![LonLat::new(f64::NAN, 0.0)]]).stops().is_empty());
    }

    #[test]
    fn a_leg_follows_the_view_and_its_arrow_points_the_way_the_story_goes() {
        let limits = ZoomLimits { min: 1.0, max: 16.0 };
        let viewport = Viewport::new(800.0, 600.0);
        let leg = StoryRoute::new(&[vec![SHANGHAI], vec![WUXI]]).leg_into(2).unwrap();
        let view = MapView::new(LonLat::new(120.9, 31.36), 8.0, limits);
        let shape = leg.shape(&view, viewport);
        // Both ends on screen where the view puts the two cities; Wuxi is west of Shanghai.
        let (start, end) = (view.to_screen(SHANGHAI, viewport), view.to_screen(WUXI, viewport));
        assert!((shape.start.x - start.x).abs() < 1e-6 && (shape.end.y - end.y).abs() < 1e-6);
        assert!(shape.end.x < shape.start.x);
        for point in [shape.start, shape.end] {
            assert!(
                (0.0..=800.0).contains(&point.x) && (0.0..=600.0).contains(&point.y),
                "{point:?}"
            );
        }
        assert!(shape.line.starts_with('M') && shape.line.matches('L').count() == SAMPLES);
        // The arrow's tip is its first point and lies west of the middle of the leg.
        let arrow = numbers(&shape.arrow);
        assert_eq!(arrow.len(), 6, "{}", shape.arrow);
        assert!(shape.arrow.ends_with('Z'));
        let middle_x = (shape.start.x + shape.end.x) / 2.0;
        assert!(
            arrow[0] < middle_x && arrow[2] > arrow[0] && arrow[4] > arrow[0],
            "{arrow:?}"
        );
        // Panned by 100 px: every point moves by 100 px.
        let panned = leg.shape(&view.pan_by(100.0, 0.0, limits), viewport);
        assert!((panned.start.x - shape.start.x - 100.0).abs() < 1e-6);
        assert!((numbers(&panned.arrow)[0] - arrow[0] - 100.0).abs() < 0.11);
        // Zoomed far out, the leg is a few pixels long: no arrow that would hide it.
        let world = leg.shape(&MapView::new(LonLat::new(120.9, 31.36), 1.0, limits), viewport);
        assert_eq!(world.arrow, "");
    }
}
