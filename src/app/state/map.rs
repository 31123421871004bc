//! The map's part of the app state and its sub-reducer: the view (centre and zoom), the map's
//! size on screen, the basemaps and the "only events in the map view" choice, changed only by
//! [`MapState::apply`]. Also the map's derived data, built in `derived.rs`: the cluster index
//! of the filtered events ([`MapClusters`]) and the links drawn between places ([`map_links`]).
//!
//! Plain Rust over `geo`, tested natively: the map component only draws what is here and
//! dispatches actions. Nothing here touches the browser.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use fixedbitset::FixedBitSet;

use crate::app::shared::Shared;
use health_atlas_basemap::Basemap;
use health_atlas_explore::query::Catalog;
use health_atlas_geo::{
    ClusterIndex, ClusterIndexBuild, ClusterItem, ClusterOptions, ClusterPoint, FitOptions, LonLat, LonLatBounds,
    MapView, ScreenPoint, Viewport, ZoomLimits,
};
use health_atlas_model::{Event, RelationKind};

/// The zooms the map allows. The top is the cluster index's `max_zoom`, so that at every zoom
/// events at one place are one cluster (opened as a list) rather than markers drawn on top of
/// each other.
pub const MAP_ZOOM_LIMITS: ZoomLimits = ZoomLimits { min: 1.0, max: 16.0 };

/// How "fit" frames events: room for the markers at the edges, and no closer than a region,
/// so one city alone still shows where it is.
pub const MAP_FIT: FitOptions = FitOptions {
    padding: 40.0,
    max_zoom: 8.0,
};

/// The size assumed before the map is laid out (and in native tests).
pub const DEFAULT_VIEWPORT: Viewport = Viewport {
    width: 800.0,
    height: 480.0,
};

/// How far inside the edge (px) an event must be to count as "in view" when selected
/// elsewhere: a marker cut in half by the edge is not revealed.
const REVEAL_MARGIN: f64 = 24.0;

fn cluster_options() -> ClusterOptions {
    ClusterOptions {
        max_zoom: MAP_ZOOM_LIMITS.max as u8,
        // 25 CSS pixels at the view's zoom: clusters (10–25 px radius) just touch.
        radius: 50.0,
        ..ClusterOptions::default()
    }
}

/// Which events "fit" brings into view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapFit {
    All,
    Filtered,
}

/// The places of an event that can be drawn: those with a valid longitude and latitude.
pub fn event_positions(event: &Event) -> impl Iterator<Item = LonLat> + '_ {
    event
        .places
        .iter()
        .map(|place| LonLat::new(place.lon, place.lat))
        .filter(LonLat::is_valid)
}

/// The cluster index over the filtered events' places. An event with several places has a
/// point at each; every point names its event (an index into `catalog.events()`), so a
/// cluster's leaves are events, and `points_of` goes back from an event to its points.
pub struct MapClusters {
    pub index: ClusterIndex,
    /// Event `i`'s points in the index are `first_point[i]..first_point[i + 1]`.
    first_point: Vec<u32>,
}

impl fmt::Debug for MapClusters {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "MapClusters({} points)", self.index.len())
    }
}

/// [`MapClusters::new`] one zoom level per [`MapClustersBuild::step`] (`ClusterIndexBuild`),
/// for the loader, which gives the browser a turn between steps.
pub struct MapClustersBuild {
    index: ClusterIndexBuild,
    first_point: Vec<u32>,
}

impl MapClustersBuild {
    /// The points of the events set in `visible`; the index is built by the steps.
    pub fn new(events: &[Event], visible: &FixedBitSet) -> MapClustersBuild {
        let mut points = Vec::new();
        let mut first_point = Vec::with_capacity(events.len() + 1);
        for (index, event) in events.iter().enumerate() {
            first_point.push(points.len() as u32);
            if visible.contains(index) {
                // Two places of one event at one spot (two institutions in a city) are one
                // point, so that a cluster's count is a count of events.
                let start = points.len();
                for position in event_positions(event) {
                    if points[start..]
                        .iter()
                        .all(|point: &ClusterPoint| !same_place(point.position, position))
                    {
                        points.push(ClusterPoint {
                            position,
                            event: index as u32,
                        });
                    }
                }
            }
        }
        first_point.push(points.len() as u32);
        let index = match ClusterIndexBuild::new(points, cluster_options()) {
            Ok(index) => index,
            // Positions are checked above, so only more than 2^32 points could fail: show none.
            Err(_) => ClusterIndexBuild::new(Vec::new(), cluster_options()).expect("no points"), // ok: constant options
        };
        MapClustersBuild { index, first_point }
    }

    /// Builds one more level of the index; false once all are built.
    pub fn step(&mut self) -> bool {
        self.index.step()
    }

    pub fn finish(self) -> MapClusters {
        MapClusters {
            index: self.index.finish(),
            first_point: self.first_point,
        }
    }
}

impl MapClusters {
    /// Clusters the places of the events set in `visible`.
    pub fn new(events: &[Event], visible: &FixedBitSet) -> MapClusters {
        MapClustersBuild::new(events, visible).finish()
    }

    /// The index's points for event `event` (empty when it is filtered out or has no place).
    pub fn points_of(&self, event: usize) -> Range<usize> {
        match (self.first_point.get(event), self.first_point.get(event + 1)) {
            (Some(&start), Some(&end)) => start as usize..end as usize,
            _ => 0..0,
        }
    }

    /// What shows event `event` at `zoom`: its markers, or the clusters that hold them.
    pub fn items_showing(&self, event: usize, zoom: f64) -> impl Iterator<Item = ClusterItem> + '_ {
        self.points_of(event)
            .filter_map(move |point| self.index.item_containing(point, zoom))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// One event at two places: a partnership between them (Shanghai ↔ Banja Luka).
    Partnership,
    /// The parts of an event (`part_of`) at different places, in date order: a visit's route.
    Route,
}

/// A line drawn between places for a relation.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLink {
    pub kind: LinkKind,
    /// At least two stops, consecutive ones at different places.
    pub stops: Vec<LonLat>,
    /// The events the link belongs to (an index into `catalog.events()`): the event itself
    /// for a partnership; the parent, then its parts, for a route. The link is drawn while
    /// any of them passes the filters, and highlighted with them.
    pub events: Vec<u32>,
}

/// Two places this close (degrees) are the same place: a venue and its city's centre.
const SAME_PLACE: f64 = 1e-3;

fn same_place(first: LonLat, second: LonLat) -> bool {
    (first.lon - second.lon).abs() < SAME_PLACE && (first.lat - second.lat).abs() < SAME_PLACE
}

/// The links to draw for a dataset: an arc from an event's first place to each of its other
/// places, and for every event with parts, the route through the parts' first places ordered
/// by date (parts at the parent's place or with no place add no stop).
pub fn map_links(catalog: &Catalog) -> Vec<MapLink> {
    let events = catalog.events();
    let mut links = Vec::new();
    // The places after the first: empty for most events, so nothing is allocated for them.
    let mut seen: Vec<LonLat> = Vec::new();
    for (index, event) in events.iter().enumerate() {
        let mut positions = event_positions(event);
        let Some(first) = positions.next() else { continue };
        seen.clear();
        for other in positions {
            if same_place(first, other) || seen.iter().any(|&known| same_place(known, other)) {
                continue;
            }
            seen.push(other);
            links.push(MapLink {
                kind: LinkKind::Partnership,
                stops: vec![first, other],
                events: vec![index as u32],
            });
        }
    }

    // Parent index → its parts, in one pass (not `parts_of` per parent, which is quadratic).
    let mut parts: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, event) in events.iter().enumerate() {
        for relation in &event.relations {
            if relation.kind != RelationKind::PartOf {
                continue;
            }
            // The catalog's table of ids (a repeated id is its last event's, as a map's would be).
            if let Some(parent) = catalog.position(&relation.target) {
                parts.entry(parent).or_default().push(index);
            }
        }
    }
    let mut parents: Vec<_> = parts.into_iter().collect();
    // Hash order is arbitrary; links are drawn in dataset order so the drawing is stable.
    health_atlas_model::order::sort_by_key(&mut parents, |(parent, _)| *parent);
    for (parent, mut members) in parents {
        health_atlas_model::order::sort_by(&mut members, |&a, &b| {
            let (first, second) = (&events[a], &events[b]);
            (first.start, first.last_day(), &first.id).cmp(&(second.start, second.last_day(), &second.id))
        });
        let mut stops: Vec<LonLat> = Vec::new();
        for &member in &members {
            if let Some(position) = event_positions(&events[member]).next() {
                if stops.last().is_none_or(|&last| !same_place(last, position)) {
                    stops.push(position);
                }
            }
        }
        if stops.len() >= 2 {
            let mut linked = vec![parent as u32];
            linked.extend(members.iter().map(|&member| member as u32));
            links.push(MapLink {
                kind: LinkKind::Route,
                stops,
                events: linked,
            });
        }
    }
    links
}

/// Which basemap the map draws: the shipped one, or a maintainer's GeoJSON from `basemap=`
/// (the page's query or the element's attribute). The shipped one is drawn while a file
/// loads and when it fails, so the map is never blank. A decoded basemap (thousands of
/// points, replaced, never mutated) is compared by identity.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum BasemapSource {
    #[default]
    Shipped,
    Loading {
        url: String,
    },
    Loaded {
        url: String,
        basemap: Shared<Basemap>,
    },
    /// The file could not be fetched or read; `errors` say where and what was expected.
    Failed {
        url: String,
        errors: super::LoadErrors,
    },
}

/// The built-in basemap (`www/basemap/`): a file of the build, not part of the wasm, fetched
/// just after the first paint. The events' points are drawn without it meanwhile, and if it
/// fails, with the reason above the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ShippedBasemap {
    #[default]
    Loading,
    Loaded(Shared<Basemap>),
    Failed {
        url: String,
        errors: super::LoadErrors,
    },
}

/// The map's own part of the state: where it looks, how large it is, what it draws under
/// the events, and whether it narrows the app's selection to its view. Every value is a
/// valid map: what depends on the catalog and the filters (clusters, links, the narrowed
/// selection) is derived from it in `derived.rs`, never stored here.
#[derive(Clone, Debug, PartialEq)]
pub struct MapState {
    pub view: MapView,
    /// The map's size on screen; `None` until it is laid out.
    pub viewport: Option<Viewport>,
    /// "Only events in the map view": the app's selection keeps only events with a place in view.
    pub only_in_view: bool,
    /// The visitor has not moved the map yet, so a new size or dataset refits it.
    pub untouched: bool,
    /// The basemap drawn under the events; kept when the dataset changes.
    pub basemap: BasemapSource,
    /// The built-in basemap, drawn unless `basemap` is a maintainer's file that loaded.
    pub shipped: ShippedBasemap,
}

/// What the reader (or the app, for them) does to the map.
#[derive(Clone, Debug, PartialEq)]
pub enum MapAction {
    /// Zoom by `delta` levels (positive zooms in) keeping the place under `anchor` (CSS
    /// pixels in the map; its centre when `None`) where it is.
    Zoom {
        delta: f64,
        anchor: Option<ScreenPoint>,
    },
    /// Drag by pixels (the content follows the pointer).
    Pan {
        dx: f64,
        dy: f64,
    },
    SetView(MapView),
    Fit(MapFit),
    /// The map's size on screen, once laid out and whenever it changes.
    Resize(Viewport),
    /// "Only events in the map view": narrows the list, timeline and counts to the map.
    ShowOnlyInView(bool),
    /// A `basemap=` file is loading, loaded or failed (the shipped basemap is drawn meanwhile).
    SetBasemap(BasemapSource),
    /// The built-in basemap arrived (or could not), after the first paint.
    ShippedBasemap(ShippedBasemap),
    /// Bring an event selected elsewhere into view: these are its places.
    Reveal(Vec<LonLat>),
}

impl MapState {
    /// The map of `events` at `viewport` (the default size until laid out), fitted to all of them.
    pub fn new(events: &[Event], viewport: Option<Viewport>) -> MapState {
        MapState::around(events_bounds(events, |_| true).as_ref(), viewport)
    }

    /// As [`MapState::new`], with the events' [`events_bounds`] worked out beforehand.
    fn around(bounds: Option<&LonLatBounds>, viewport: Option<Viewport>) -> MapState {
        let size = viewport.unwrap_or(DEFAULT_VIEWPORT);
        MapState {
            view: bounds.map_or_else(|| world_view(size), |bounds| fit_bounds(bounds, size)),
            viewport,
            only_in_view: false,
            untouched: true,
            basemap: BasemapSource::Shipped,
            shipped: ShippedBasemap::Loading,
        }
    }

    /// The size to compute with: the real one once known.
    pub fn size(&self) -> Viewport {
        self.viewport.unwrap_or(DEFAULT_VIEWPORT)
    }

    /// The next map after `action`, over the catalog's `events` of which `filtered` pass the
    /// filters (for "fit filtered"). A no-op gives an equal value (the caller keeps its state).
    pub fn apply(&self, action: MapAction, events: &[Event], filtered: &FixedBitSet) -> MapState {
        match action {
            MapAction::Zoom { delta, anchor } => self.zoomed(delta, anchor),
            MapAction::Pan { dx, dy } => self.with_view(self.view.pan_by(dx, dy, MAP_ZOOM_LIMITS)),
            MapAction::SetView(view) => self.with_view(view),
            MapAction::Fit(fit) => {
                let view = match fit {
                    MapFit::All => fit_view(events, |_| true, self.size()),
                    MapFit::Filtered => fit_view(events, |event| filtered.contains(event), self.size()),
                };
                view.map_or_else(|| self.clone(), |view| self.with_view(view))
            }
            MapAction::Resize(viewport) => self.resized(viewport, events),
            MapAction::ShowOnlyInView(only_in_view) => MapState {
                only_in_view,
                ..self.clone()
            },
            MapAction::SetBasemap(basemap) => MapState {
                basemap,
                ..self.clone()
            },
            MapAction::ShippedBasemap(shipped) => MapState {
                shipped,
                ..self.clone()
            },
            MapAction::Reveal(places) => self.revealing(&places),
        }
    }

    /// The map for new events (another dataset) within `bounds` (their [`events_bounds`]): an
    /// untouched map is fitted to them; a view the visitor or a link chose (a `map=` link
    /// waiting for its `src=` dataset) is kept.
    pub fn for_new_events(&self, bounds: Option<&LonLatBounds>) -> MapState {
        if !self.untouched {
            return self.clone();
        }
        MapState {
            view: MapState::around(bounds, self.viewport).view,
            ..self.clone()
        }
    }

    /// The map moved by the visitor (or for them): it is no longer refitted automatically.
    fn with_view(&self, view: MapView) -> MapState {
        if view == self.view {
            return self.clone();
        }
        MapState {
            view,
            untouched: false,
            ..self.clone()
        }
    }

    /// Zoomed by `delta` levels around `anchor` (the centre when `None`).
    fn zoomed(&self, delta: f64, anchor: Option<ScreenPoint>) -> MapState {
        if !delta.is_finite() {
            return self.clone();
        }
        let size = self.size();
        let anchor = anchor.unwrap_or(ScreenPoint::new(size.width / 2.0, size.height / 2.0));
        self.with_view(
            self.view
                .zoom_at(anchor, self.view.zoom() + delta, size, MAP_ZOOM_LIMITS),
        )
    }

    /// The map laid out at a new size; refitted to all events while the visitor has not moved it.
    fn resized(&self, viewport: Viewport, events: &[Event]) -> MapState {
        let is_size = |value: f64| value.is_finite() && value > 0.0;
        if !(is_size(viewport.width) && is_size(viewport.height)) {
            return self.clone();
        }
        let view = if self.untouched {
            fit_view(events, |_| true, viewport).unwrap_or(self.view)
        } else {
            self.view
        };
        MapState {
            view,
            viewport: Some(viewport),
            ..self.clone()
        }
    }

    /// Brings an event selected elsewhere into view: unchanged when one of its places is
    /// already well inside the map, else centred on its first place at the same zoom.
    fn revealing(&self, places: &[LonLat]) -> MapState {
        let size = self.size();
        let inside = |position: &LonLat| {
            let point = self.view.to_screen(*position, size);
            (REVEAL_MARGIN..=size.width - REVEAL_MARGIN).contains(&point.x)
                && (REVEAL_MARGIN..=size.height - REVEAL_MARGIN).contains(&point.y)
        };
        match places.first() {
            Some(_) if places.iter().any(inside) => self.clone(),
            Some(&first) => self.with_view(self.view.centered_on(first, MAP_ZOOM_LIMITS)),
            None => self.clone(),
        }
    }
}

/// The events with a place inside `bounds`, whether or not they pass the filters.
pub(super) fn events_in_bounds(events: &[Event], bounds: &LonLatBounds) -> FixedBitSet {
    let mut kept = FixedBitSet::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        if event_positions(event).any(|position| bounds.contains(position)) {
            kept.insert(index);
        }
    }
    kept
}

/// The view that shows the places of the events `include` keeps; `None` when they have none.
pub(super) fn fit_view(events: &[Event], include: impl Fn(usize) -> bool, viewport: Viewport) -> Option<MapView> {
    Some(fit_bounds(&events_bounds(events, include)?, viewport))
}

/// The smallest box around the places of the events `include` keeps (`None`: no place).
pub fn events_bounds(events: &[Event], include: impl Fn(usize) -> bool) -> Option<LonLatBounds> {
    let positions = events
        .iter()
        .enumerate()
        .filter(|(index, _)| include(*index))
        .flat_map(|(_, event)| event_positions(event));
    LonLatBounds::around(positions)
}

fn fit_bounds(bounds: &LonLatBounds, viewport: Viewport) -> MapView {
    MapView::fit_bounds(bounds, viewport, MAP_FIT, MAP_ZOOM_LIMITS)
}

/// The whole world, for a dataset without places.
fn world_view(viewport: Viewport) -> MapView {
    MapView::fit_bounds(&LonLatBounds::WORLD, viewport, MAP_FIT, MAP_ZOOM_LIMITS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_explore::query::Catalog;

    fn catalog() -> Catalog {
        let json = r#"{"schema_version": 1, "events": [
            {"id": "visit", "title": {"en": "Visit"}, "category": "delegation_visit", "start": "2024-03-20",
             "precision": "exact", "places": [], "sources": []},
            {"id": "stop-b", "title": {"en": "B"}, "category": "delegation_visit", "start": "2024-03-23",
             "precision": "exact", "relations": [{"kind": "part_of", "target": "visit"}], "sources": [],
             "places": [{"name": {"en": "Beijing"}, "country": "CN", "lat": 39.9, "lon": 116.4, "precision": "city"}]},
            {"id": "stop-a", "title": {"en": "A"}, "category": "delegation_visit", "start": "2024-03-21",
             "precision": "exact", "relations": [{"kind": "part_of", "target": "visit"}], "sources": [],
             "places": [{"name": {"en": "Shanghai"}, "country": "CN", "lat": 31.23, "lon": 121.47, "precision": "city"}]},
            {"id": "partners", "title": {"en": "Partners"}, "category": "signing", "start": "2023-12-09",
             "precision": "exact", "sources": [],
             "places": [{"name": {"en": "Shanghai"}, "country": "CN", "lat": 31.23, "lon": 121.47, "precision": "city"},
                        {"name": {"en": "Banja Luka"}, "country": "BA", "lat": 44.77, "lon": 17.19, "precision": "city"}]}
        ]}"#;
        // Read without the dataset rules (these events cite no sources): only places matter here.
        let dataset: health_atlas_model::Dataset = serde_json::from_str(json).expect("the test dataset parses");
        Catalog::new(dataset)
    }

    fn everything(catalog: &Catalog) -> health_atlas_explore::query::Selection {
        catalog.select(&health_atlas_explore::query::Filters::default())
    }

    #[test]
    fn every_place_is_a_point_and_points_lead_back_to_their_event() {
        let catalog = catalog();
        let clusters = MapClusters::new(catalog.events(), &everything(&catalog).visible);
        assert_eq!(clusters.index.len(), 4);
        assert_eq!(clusters.points_of(0), 0..0, "no place, no point");
        assert_eq!(clusters.points_of(3), 2..4, "two places, two points");
        assert_eq!(clusters.points_of(99), 0..0);
        // Far in, Banja Luka is a marker naming its event, and Shanghai stays a cluster of the
        // two events there: one place, so it opens as a list rather than splitting.
        let items: Vec<_> = clusters.items_showing(3, 16.0).collect();
        assert_eq!(items.len(), 2);
        assert!(matches!(items[0], ClusterItem::Cluster { count: 2, .. }), "{items:?}");
        assert!(matches!(items[1], ClusterItem::Point { event: 3, .. }), "{items:?}");
        if let ClusterItem::Cluster { id, .. } = items[0] {
            assert!(clusters
                .index
                .expansion_zoom(id)
                .is_ok_and(|zoom| zoom > MAP_ZOOM_LIMITS.max as u8));
            assert_eq!(
                clusters.index.leaves(id, 10, 0).map(|mut leaves| {
                    leaves.sort_unstable();
                    leaves
                }),
                Ok(vec![2, 3])
            );
        }
        // At zoom 1, Shanghai's two events share one cluster.
        let shanghai = clusters.items_showing(2, 1.0).next();
        assert!(
            matches!(shanghai, Some(ClusterItem::Cluster { count, .. }) if count >= 2),
            "{shanghai:?}"
        );
    }

    #[test]
    fn two_places_of_one_event_at_one_spot_are_one_point() {
        let mut dataset = catalog().dataset().clone();
        let mut same_city = dataset.events[3].places[1].clone();
        same_city.lat += 0.0001;
        dataset.events[3].places.push(same_city);
        let clusters = MapClusters::new(&dataset.events, &FixedBitSet::with_capacity_and_blocks(4, [0b1111]));
        assert_eq!(clusters.points_of(3), 2..4, "Shanghai and Banja Luka, once each");
    }

    #[test]
    fn filtered_out_events_are_not_clustered() {
        let catalog = catalog();
        let mut visible = FixedBitSet::with_capacity(4);
        visible.insert(1);
        let clusters = MapClusters::new(catalog.events(), &visible);
        assert_eq!(clusters.index.len(), 1);
        assert_eq!(clusters.points_of(1), 0..1);
        assert_eq!(clusters.points_of(3), 1..1);
    }

    #[test]
    fn links_are_partnerships_between_places_and_routes_in_date_order() {
        let catalog = catalog();
        let links = map_links(&catalog);
        assert_eq!(links.len(), 2, "{links:?}");
        assert_eq!(links[0].kind, LinkKind::Partnership);
        assert_eq!(
            links[0].stops,
            vec![LonLat::new(121.47, 31.23), LonLat::new(17.19, 44.77)]
        );
        assert_eq!(links[0].events, vec![3]);
        assert_eq!(links[1].kind, LinkKind::Route);
        // Shanghai (21 March) before Beijing (23 March), whatever the dataset order.
        assert_eq!(
            links[1].stops,
            vec![LonLat::new(121.47, 31.23), LonLat::new(116.4, 39.9)]
        );
        assert_eq!(links[1].events, vec![0, 2, 1]);
    }

    fn apply(map: &MapState, action: MapAction, catalog: &Catalog) -> MapState {
        map.apply(action, catalog.events(), &everything(catalog).visible)
    }

    #[test]
    fn the_initial_view_fits_every_place_and_a_new_size_refits_until_moved() {
        let catalog = catalog();
        let map = MapState::new(catalog.events(), None);
        let bounds = map.view.visible_bounds(DEFAULT_VIEWPORT);
        for event in catalog.events() {
            assert!(event_positions(event).all(|position| bounds.contains(position)));
        }
        let wide = Viewport::new(1600.0, 480.0);
        let resized = apply(&map, MapAction::Resize(wide), &catalog);
        assert_eq!(resized.viewport, Some(wide));
        assert_ne!(resized.view, map.view, "refitted for the wider map");
        let moved = apply(&resized, MapAction::Pan { dx: 100.0, dy: 0.0 }, &catalog);
        assert!(!moved.untouched);
        let resized_again = apply(&moved, MapAction::Resize(DEFAULT_VIEWPORT), &catalog);
        assert_eq!(resized_again.view, moved.view, "a moved map keeps its view");
        // A size that is not a size changes nothing.
        assert_eq!(
            apply(&moved, MapAction::Resize(Viewport::new(f64::NAN, 0.0)), &catalog),
            moved
        );
    }

    #[test]
    fn revealing_centres_an_event_out_of_view_and_keeps_one_in_view() {
        let catalog = catalog();
        let map = MapState::new(catalog.events(), None);
        let partners = MapAction::Reveal(event_positions(&catalog.events()[3]).collect());
        assert_eq!(apply(&map, partners.clone(), &catalog), map, "already in view");
        // Far in on Beijing: Banja Luka and Shanghai are both out of view.
        let beijing = apply(
            &map,
            MapAction::SetView(MapView::new(LonLat::new(116.4, 39.9), 10.0, MAP_ZOOM_LIMITS)),
            &catalog,
        );
        let revealed = apply(&beijing, partners, &catalog);
        assert!((revealed.view.center().lon - 121.47).abs() < 1e-9);
        assert!((revealed.view.center().lat - 31.23).abs() < 1e-9);
        assert_eq!(revealed.view.zoom(), 10.0);
        assert_eq!(
            apply(&beijing, MapAction::Reveal(Vec::new()), &catalog),
            beijing,
            "no place"
        );
    }

    #[test]
    fn fit_filtered_frames_the_filtered_events_and_refuses_none() {
        let catalog = catalog();
        let map = MapState::new(catalog.events(), None);
        let mut beijing_only = FixedBitSet::with_capacity(4);
        beijing_only.insert(1);
        let fitted = map.apply(MapAction::Fit(MapFit::Filtered), catalog.events(), &beijing_only);
        assert_eq!(
            fitted.view.zoom(),
            MAP_FIT.max_zoom,
            "one place: the fit's closest zoom"
        );
        assert!((fitted.view.center().lon - 116.4).abs() < 1e-6);
        assert!(!fitted.untouched);
        let nothing = FixedBitSet::with_capacity(4);
        assert_eq!(
            map.apply(MapAction::Fit(MapFit::Filtered), catalog.events(), &nothing),
            map
        );
        let all = apply(&fitted, MapAction::Fit(MapFit::All), &catalog);
        assert_eq!(all.view, map.view);
    }

    #[test]
    fn zoom_keeps_the_anchor_and_refuses_nonsense() {
        let catalog = catalog();
        let map = MapState::new(catalog.events(), None);
        let anchor = ScreenPoint::new(100.0, 100.0);
        let under = map.view.to_lon_lat(anchor, DEFAULT_VIEWPORT);
        let zoomed = apply(
            &map,
            MapAction::Zoom {
                delta: 1.0,
                anchor: Some(anchor),
            },
            &catalog,
        );
        assert!((zoomed.view.zoom() - map.view.zoom() - 1.0).abs() < 1e-9);
        let still = zoomed.view.to_lon_lat(anchor, DEFAULT_VIEWPORT);
        assert!((still.lon - under.lon).abs() < 1e-6 && (still.lat - under.lat).abs() < 1e-6);
        let nan = MapAction::Zoom {
            delta: f64::NAN,
            anchor: None,
        };
        assert_eq!(apply(&zoomed, nan, &catalog), zoomed);
    }

    #[test]
    fn new_events_refit_an_untouched_map_and_keep_a_chosen_view_and_the_basemaps() {
        let catalog = catalog();
        let world = MapState::new(&[], None);
        let basemap = BasemapSource::Loading { url: "b.json".into() };
        let with_basemap = apply(&world, MapAction::SetBasemap(basemap.clone()), &catalog);
        let bounds = events_bounds(catalog.events(), |_| true);
        let refitted = with_basemap.for_new_events(bounds.as_ref());
        assert_eq!(refitted.view, MapState::new(catalog.events(), None).view);
        assert_eq!(refitted.basemap, basemap);
        let chosen = MapView::new(LonLat::new(10.0, 50.0), 4.0, MAP_ZOOM_LIMITS);
        let moved = apply(&with_basemap, MapAction::SetView(chosen), &catalog);
        assert_eq!(moved.for_new_events(bounds.as_ref()).view, chosen);
        let only = apply(&moved, MapAction::ShowOnlyInView(true), &catalog);
        assert!(only.only_in_view);
        assert_eq!(only.view, chosen);
    }
}
