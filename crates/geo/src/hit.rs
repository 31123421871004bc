//! Hit-testing: which drawn marker or cluster is under a screen point.
//!
//! The view draws at most a few thousand items (clusters keep it so even at 100k events), so a
//! linear scan over what is on screen is simpler than another index and fast enough.

use super::cluster::ClusterItem;
use super::projection::{MapView, ScreenPoint, Viewport};

/// Something drawn on the map: where, and how big its symbol is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenMarker {
    pub item: ClusterItem,
    pub at: ScreenPoint,
    /// The symbol's radius in pixels.
    pub radius: f64,
}

/// The symbol radius for an item: points are fixed; clusters grow with the log of their count so
/// that 10 000 events do not cover a province.
pub fn marker_radius(item: &ClusterItem) -> f64 {
    match item {
        ClusterItem::Point { .. } => 6.0,
        ClusterItem::Cluster { count, .. } => 10.0 + 3.0 * f64::from(*count).log10(),
    }
}

/// Projects the items of one zoom level for drawing.
pub fn screen_markers(items: &[ClusterItem], view: &MapView, viewport: Viewport) -> Vec<ScreenMarker> {
    items
        .iter()
        .map(|item| ScreenMarker {
            item: *item,
            at: view.to_screen(item.position(), viewport),
            radius: marker_radius(item),
        })
        .collect()
}

/// The index of the marker under `point`: the one whose edge is nearest, among those whose
/// symbol is within `tolerance` pixels (a finger needs more than a mouse). Ties go to the marker
/// drawn last, which is on top. `None` when nothing is close enough or the point is not finite.
pub fn hit_test(markers: &[ScreenMarker], point: ScreenPoint, tolerance: f64) -> Option<usize> {
    if !(point.x.is_finite() && point.y.is_finite()) {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for (index, marker) in markers.iter().enumerate() {
        let gap = marker.at.distance_squared(point).sqrt() - marker.radius;
        if gap <= tolerance && best.is_none_or(|(_, best_gap)| gap <= best_gap) {
            best = Some((index, gap));
        }
    }
    best.map(|(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClusterId, LonLat, ZoomLimits};

    fn marker(x: f64, y: f64, radius: f64, event: u32) -> ScreenMarker {
        ScreenMarker {
            item: ClusterItem::Point {
                event,
                position: LonLat::new(0.0, 0.0),
            },
            at: ScreenPoint::new(x, y),
            radius,
        }
    }

    #[test]
    fn nearest_within_tolerance_and_topmost_on_ties() {
        let markers = [
            marker(100.0, 100.0, 6.0, 0),
            marker(120.0, 100.0, 6.0, 1),
            marker(100.0, 100.0, 6.0, 2),
        ];
        assert_eq!(hit_test(&markers, ScreenPoint::new(101.0, 100.0), 4.0), Some(2));
        assert_eq!(hit_test(&markers, ScreenPoint::new(118.0, 103.0), 4.0), Some(1));
        // 12 px from the first marker's centre: 6 px from its edge, beyond a 4 px tolerance.
        assert_eq!(hit_test(&markers, ScreenPoint::new(100.0, 112.0), 4.0), None);
        assert_eq!(hit_test(&markers, ScreenPoint::new(100.0, 112.0), 8.0), Some(2));
        assert_eq!(hit_test(&markers, ScreenPoint::new(f64::NAN, 0.0), 100.0), None);
        assert_eq!(hit_test(&[], ScreenPoint::new(0.0, 0.0), 100.0), None);
    }

    #[test]
    fn big_clusters_are_bigger_targets() {
        let cluster = ClusterItem::Cluster {
            id: ClusterId::from_u64(1),
            position: LonLat::new(121.47, 31.23),
            count: 1000,
        };
        assert_eq!(marker_radius(&cluster), 19.0);
        let view = MapView::new(LonLat::new(121.47, 31.23), 5.0, ZoomLimits::default());
        let viewport = Viewport::new(800.0, 600.0);
        let markers = screen_markers(&[cluster], &view, viewport);
        assert_eq!(hit_test(&markers, ScreenPoint::new(415.0, 310.0), 0.0), Some(0));
        assert_eq!(hit_test(&markers, ScreenPoint::new(420.0, 310.0), 0.0), None);
    }
}
