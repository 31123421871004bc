//! The map's part of the app state: the view (centre and zoom), the map's size on screen, the
//! cluster index of the filtered events, the links drawn between places, and the "only events
//! in the map view" restriction: the filters applied again among the events in view
//! (`Catalog::select_within`), so the list, the timeline and the facet counts follow the map.
//!
//! Plain Rust over `geo` and `query`, tested natively: the map component only draws what is
//! here and dispatches actions. Nothing here touches the browser.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::rc::Rc;

use fixedbitset::FixedBitSet;

use health_atlas_basemap::Basemap;
use health_atlas_explore::query::{Catalog, Filters, Selection};
use health_atlas_geo::{
    ClusterIndex, ClusterItem, ClusterOptions, ClusterPoint, FitOptions, LonLat, LonLatBounds, MapView, ScreenPoint,
    Viewport, ZoomLimits,
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

impl MapClusters {
    /// Clusters the places of the events set in `visible`.
    pub fn new(events: &[Event], visible: &FixedBitSet) -> MapClusters {
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
        let index = match ClusterIndex::new(points, cluster_options()) {
            Ok(index) => index,
            // Positions are checked above, so only more than 2^32 points could fail: show none.
            Err(_) => ClusterIndex::new(Vec::new(), cluster_options()).expect("no points"), // ok: constant options
        };
        MapClusters { index, first_point }
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
pub fn map_links(events: &[Event]) -> Vec<MapLink> {
    let mut links = Vec::new();
    for (index, event) in events.iter().enumerate() {
        let mut positions = event_positions(event);
        let Some(first) = positions.next() else { continue };
        let mut seen = vec![first];
        for other in positions {
            if seen.iter().any(|&known| same_place(known, other)) {
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

    let index_of_id: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(index, event)| (event.id.as_str(), index))
        .collect();
    // Parent index → its parts, in one pass (not `parts_of` per parent, which is quadratic).
    let mut parts: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, event) in events.iter().enumerate() {
        for relation in &event.relations {
            if relation.kind != RelationKind::PartOf {
                continue;
            }
            if let Some(&parent) = index_of_id.get(relation.target.as_str()) {
                parts.entry(parent).or_default().push(index);
            }
        }
    }
    let mut parents: Vec<_> = parts.into_iter().collect();
    // Hash order is arbitrary; links are drawn in dataset order so the drawing is stable.
    parents.sort_unstable_by_key(|(parent, _)| *parent);
    for (parent, mut members) in parents {
        members.sort_by(|&a, &b| {
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
/// loads and when it fails, so the map is never blank.
#[derive(Clone, Debug, Default)]
pub enum BasemapSource {
    #[default]
    Shipped,
    Loading {
        url: String,
    },
    Loaded {
        url: String,
        basemap: Rc<Basemap>,
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
#[derive(Clone, Debug, Default)]
pub enum ShippedBasemap {
    #[default]
    Loading,
    Loaded(Rc<Basemap>),
    Failed {
        url: String,
        errors: super::LoadErrors,
    },
}

/// Compared by identity, as [`BasemapSource`].
impl PartialEq for ShippedBasemap {
    fn eq(&self, other: &ShippedBasemap) -> bool {
        match (self, other) {
            (ShippedBasemap::Loading, ShippedBasemap::Loading) => true,
            (ShippedBasemap::Loaded(basemap), ShippedBasemap::Loaded(other)) => Rc::ptr_eq(basemap, other),
            (
                ShippedBasemap::Failed { url, errors },
                ShippedBasemap::Failed {
                    url: other_url,
                    errors: other,
                },
            ) => url == other_url && errors == other,
            _ => false,
        }
    }
}

/// Compared by identity for a decoded basemap: thousands of points, replaced, never mutated.
impl PartialEq for BasemapSource {
    fn eq(&self, other: &BasemapSource) -> bool {
        match (self, other) {
            (BasemapSource::Shipped, BasemapSource::Shipped) => true,
            (BasemapSource::Loading { url }, BasemapSource::Loading { url: other }) => url == other,
            (
                BasemapSource::Loaded { url, basemap },
                BasemapSource::Loaded {
                    url: other_url,
                    basemap: other,
                },
            ) => url == other_url && Rc::ptr_eq(basemap, other),
            (
                BasemapSource::Failed { url, errors },
                BasemapSource::Failed {
                    url: other_url,
                    errors: other,
                },
            ) => url == other_url && errors == other,
            _ => false,
        }
    }
}

/// What the map shows and how it narrows the app's selection. Replaced, never mutated; the
/// `Rc`s are compared by identity (see `State`'s `PartialEq`).
#[derive(Clone, Debug)]
pub struct MapState {
    pub view: MapView,
    /// The map's size on screen; `None` until it is laid out.
    pub viewport: Option<Viewport>,
    /// "Only events in the map view": the app's selection keeps only events with a place in view.
    pub only_in_view: bool,
    /// The visitor has not moved the map yet, so a new size or dataset refits it.
    pub untouched: bool,
    /// The catalog `clusters` and `links` were built from.
    pub catalog: Rc<Catalog>,
    /// The filter engine's result before the map's own narrowing: what the map clusters.
    pub filtered: Rc<Selection>,
    /// What the map made the app's selection: `filtered`, or the filters applied among the
    /// events in view, counts included.
    pub shown: Rc<Selection>,
    /// The view and size `shown` was narrowed for (`None` when it is not narrowed, or must be
    /// narrowed again because `filtered` changed).
    shown_for: Option<(MapView, Viewport)>,
    /// The events with a place in that view, whatever the filters: a pan that keeps the same
    /// events in view keeps `shown`. A cache of `shown_for`, so left out of `PartialEq`.
    in_view: Option<Rc<FixedBitSet>>,
    /// `filtered`'s events clustered; rebuilt when `filtered` or the catalog changes.
    pub clusters: Rc<MapClusters>,
    /// Every link of the dataset; rebuilt with the catalog, drawn when one of its events passes.
    pub links: Rc<Vec<MapLink>>,
    /// The basemap drawn under the events; kept when the dataset changes.
    pub basemap: BasemapSource,
    /// The built-in basemap, drawn unless `basemap` is a maintainer's file that loaded.
    pub shipped: ShippedBasemap,
}

impl PartialEq for MapState {
    fn eq(&self, other: &MapState) -> bool {
        self.view == other.view
            && self.viewport == other.viewport
            && self.only_in_view == other.only_in_view
            && self.untouched == other.untouched
            && Rc::ptr_eq(&self.catalog, &other.catalog)
            && Rc::ptr_eq(&self.filtered, &other.filtered)
            && Rc::ptr_eq(&self.shown, &other.shown)
            && self.shown_for == other.shown_for
            && Rc::ptr_eq(&self.clusters, &other.clusters)
            && Rc::ptr_eq(&self.links, &other.links)
            && self.basemap == other.basemap
            && self.shipped == other.shipped
    }
}

impl MapState {
    /// The map for a catalog and the engine's result, fitted to all the catalog's events.
    pub fn new(
        catalog: &Rc<Catalog>,
        filtered: Rc<Selection>,
        viewport: Option<Viewport>,
        only_in_view: bool,
    ) -> MapState {
        let size = viewport.unwrap_or(DEFAULT_VIEWPORT);
        let map = MapState {
            view: fit_view(catalog.events(), |_| true, size).unwrap_or_else(|| world_view(size)),
            viewport,
            only_in_view,
            untouched: true,
            catalog: Rc::clone(catalog),
            clusters: Rc::new(MapClusters::new(catalog.events(), &filtered.visible)),
            links: Rc::new(map_links(catalog.events())),
            shown: Rc::clone(&filtered),
            shown_for: None,
            in_view: None,
            basemap: BasemapSource::Shipped,
            shipped: ShippedBasemap::Loading,
            filtered,
        };
        // "Only in view" needs the filters: `narrowed` applies it (the state always calls it).
        map
    }

    /// The size to compute with: the real one once known.
    pub fn size(&self) -> Viewport {
        self.viewport.unwrap_or(DEFAULT_VIEWPORT)
    }

    /// Whether `selection` is one the map knows: the engine's result it clusters, or what it
    /// narrowed that to. Any other is a new result of the filter engine.
    pub fn knows(&self, selection: &Rc<Selection>) -> bool {
        Rc::ptr_eq(selection, &self.filtered) || Rc::ptr_eq(selection, &self.shown)
    }

    /// After the filters changed: new clusters for the new result (the same ones if the
    /// visible events did not change).
    pub fn with_filtered(&self, filtered: Rc<Selection>) -> MapState {
        let clusters = if filtered.visible == self.filtered.visible {
            Rc::clone(&self.clusters)
        } else {
            Rc::new(MapClusters::new(self.catalog.events(), &filtered.visible))
        };
        MapState {
            filtered,
            clusters,
            shown_for: None,
            ..self.clone()
        }
    }

    /// The map moved by the visitor (or for them): it is no longer refitted automatically.
    pub fn with_view(&self, view: MapView) -> MapState {
        if view == self.view {
            return self.clone();
        }
        MapState {
            view,
            untouched: false,
            ..self.clone()
        }
    }

    /// With another basemap (or the state of loading one).
    pub fn with_basemap(&self, basemap: BasemapSource) -> MapState {
        MapState {
            basemap,
            ..self.clone()
        }
    }

    /// With the built-in basemap loaded or failed.
    pub fn with_shipped_basemap(&self, shipped: ShippedBasemap) -> MapState {
        MapState {
            shipped,
            ..self.clone()
        }
    }

    /// With "only events in the map view" on or off (the narrowing follows in `narrowed`).
    pub fn showing_only_in_view(&self, only_in_view: bool) -> MapState {
        MapState {
            only_in_view,
            ..self.clone()
        }
    }

    /// Zoomed by `delta` levels around `anchor` (the centre when `None`).
    pub fn zoomed(&self, delta: f64, anchor: Option<ScreenPoint>) -> MapState {
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

    /// Dragged by `dx`, `dy` pixels.
    pub fn panned(&self, dx: f64, dy: f64) -> MapState {
        self.with_view(self.view.pan_by(dx, dy, MAP_ZOOM_LIMITS))
    }

    /// The map laid out at a new size; refitted to all events while the visitor has not moved it.
    pub fn resized(&self, viewport: Viewport) -> MapState {
        let is_size = |value: f64| value.is_finite() && value > 0.0;
        if !(is_size(viewport.width) && is_size(viewport.height)) {
            return self.clone();
        }
        let view = if self.untouched {
            fit_view(self.catalog.events(), |_| true, viewport).unwrap_or(self.view)
        } else {
            self.view
        };
        MapState {
            view,
            viewport: Some(viewport),
            ..self.clone()
        }
    }

    /// Fits all events, or those that pass the filters (before the map's own narrowing, which
    /// would make "fit" a no-op). `None` when there is no place to fit.
    pub fn fitted(&self, fit: MapFit) -> Option<MapState> {
        let events = self.catalog.events();
        let view = match fit {
            MapFit::All => fit_view(events, |_| true, self.size())?,
            MapFit::Filtered => fit_view(events, |event| self.filtered.visible.contains(event), self.size())?,
        };
        Some(self.with_view(view))
    }

    /// Brings an event selected elsewhere into view: unchanged when one of its places is
    /// already well inside the map, else centred on its first place at the same zoom.
    pub fn revealing(&self, event: &Event) -> MapState {
        let size = self.size();
        let inside = |position: LonLat| {
            let point = self.view.to_screen(position, size);
            (REVEAL_MARGIN..=size.width - REVEAL_MARGIN).contains(&point.x)
                && (REVEAL_MARGIN..=size.height - REVEAL_MARGIN).contains(&point.y)
        };
        let mut positions = event_positions(event).peekable();
        let Some(&first) = positions.peek() else {
            return self.clone();
        };
        if positions.any(inside) {
            return self.clone();
        }
        self.with_view(self.view.centered_on(first, MAP_ZOOM_LIMITS))
    }

    /// `shown` brought up to date: `filtered` itself, or, when "only in view" is on, `filters`
    /// applied among the events with a place in view (`Catalog::select_within`: the visible
    /// events and the facet counts both within the view). Redone only when the view, the size
    /// or `filtered` changed, and a pan that keeps the same events in view keeps `shown`;
    /// `current` (the app's selection) is kept instead of an equal new one, so the list and
    /// timeline do not re-render for nothing.
    pub fn narrowed(self, filters: &Filters, current: &Rc<Selection>) -> MapState {
        if !self.only_in_view {
            return MapState {
                shown: Rc::clone(&self.filtered),
                shown_for: None,
                in_view: None,
                ..self
            };
        }
        let size = self.size();
        if self.shown_for == Some((self.view, size)) {
            return self;
        }
        let in_view = events_in_bounds(self.catalog.events(), &self.view.visible_bounds(size));
        if self.shown_for.is_some() && self.in_view.as_deref() == Some(&in_view) {
            return MapState {
                shown_for: Some((self.view, size)),
                ..self
            };
        }
        let selection = self.catalog.select_within(filters, Some(&in_view));
        let shown = if selection == **current {
            Rc::clone(current)
        } else {
            Rc::new(selection)
        };
        MapState {
            shown,
            shown_for: Some((self.view, size)),
            in_view: Some(Rc::new(in_view)),
            ..self
        }
    }
}

/// The events with a place inside `bounds`, whether or not they pass the filters.
fn events_in_bounds(events: &[Event], bounds: &LonLatBounds) -> FixedBitSet {
    let mut kept = FixedBitSet::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        if event_positions(event).any(|position| bounds.contains(position)) {
            kept.insert(index);
        }
    }
    kept
}

/// The view that shows the places of the events `include` keeps; `None` when they have none.
fn fit_view(events: &[Event], include: impl Fn(usize) -> bool, viewport: Viewport) -> Option<MapView> {
    let positions = events
        .iter()
        .enumerate()
        .filter(|(index, _)| include(*index))
        .flat_map(|(_, event)| event_positions(event));
    let bounds = LonLatBounds::around(positions)?;
    Some(MapView::fit_bounds(&bounds, viewport, MAP_FIT, MAP_ZOOM_LIMITS))
}

/// The whole world, for a dataset without places.
fn world_view(viewport: Viewport) -> MapView {
    MapView::fit_bounds(&LonLatBounds::WORLD, viewport, MAP_FIT, MAP_ZOOM_LIMITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Rc<Catalog> {
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
        Rc::new(Catalog::new(dataset))
    }

    fn everything(catalog: &Catalog) -> Rc<Selection> {
        Rc::new(catalog.select(&health_atlas_explore::query::Filters::default()))
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
        let links = map_links(catalog.events());
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

    #[test]
    fn the_initial_view_fits_every_place_and_a_new_size_refits_until_moved() {
        let catalog = catalog();
        let map = MapState::new(&catalog, everything(&catalog), None, false);
        let bounds = map.view.visible_bounds(DEFAULT_VIEWPORT);
        for event in catalog.events() {
            assert!(event_positions(event).all(|position| bounds.contains(position)));
        }
        let wide = Viewport::new(1600.0, 480.0);
        let resized = map.resized(wide);
        assert_eq!(resized.viewport, Some(wide));
        assert_ne!(resized.view, map.view, "refitted for the wider map");
        let moved = resized.panned(100.0, 0.0);
        assert!(!moved.untouched);
        let resized_again = moved.resized(DEFAULT_VIEWPORT);
        assert_eq!(resized_again.view, moved.view, "a moved map keeps its view");
        // A size that is not a size changes nothing.
        assert_eq!(moved.resized(Viewport::new(f64::NAN, 0.0)), moved);
    }

    #[test]
    fn revealing_centres_an_event_out_of_view_and_keeps_one_in_view() {
        let catalog = catalog();
        let map = MapState::new(&catalog, everything(&catalog), None, false);
        let partners = &catalog.events()[3];
        assert_eq!(map.revealing(partners), map, "already in view");
        // Far in on Beijing: Banja Luka and Shanghai are both out of view.
        let beijing = map.with_view(MapView::new(LonLat::new(116.4, 39.9), 10.0, MAP_ZOOM_LIMITS));
        let revealed = beijing.revealing(partners);
        assert!((revealed.view.center().lon - 121.47).abs() < 1e-9);
        assert!((revealed.view.center().lat - 31.23).abs() < 1e-9);
        assert_eq!(revealed.view.zoom(), 10.0);
        let no_place = &catalog.events()[0];
        assert_eq!(beijing.revealing(no_place), beijing);
    }

    fn count(selection: &Selection, facet: health_atlas_explore::query::Facet, key: &str) -> Option<usize> {
        selection
            .counts_of(facet)
            .iter()
            .find(|value| value.key == key)
            .map(|value| value.count)
    }

    #[test]
    fn only_in_view_keeps_the_events_with_a_place_in_view_and_counts_within_it() {
        use health_atlas_explore::query::Facet;
        let catalog = catalog();
        let all = everything(&catalog);
        let none = Filters::default();
        let map = MapState::new(&catalog, Rc::clone(&all), None, true).narrowed(&none, &all);
        assert_eq!(
            map.shown.visible_count(),
            3,
            "the fitted view shows every event with a place"
        );
        let beijing = map
            .with_view(MapView::new(LonLat::new(116.4, 39.9), 8.0, MAP_ZOOM_LIMITS))
            .narrowed(&none, &all);
        assert_eq!(beijing.shown.visible.ones().collect::<Vec<_>>(), vec![1]);
        // The counts are the view's: one visit stop in Beijing, the Shanghai signing is out.
        assert_eq!(count(&all, Facet::Category, "signing"), Some(1));
        assert_eq!(count(&beijing.shown, Facet::Category, "signing"), Some(0));
        assert_eq!(count(&beijing.shown, Facet::Category, "delegation_visit"), Some(1));
        assert_eq!(count(&beijing.shown, Facet::Country, "BA"), Some(0));
        assert!(beijing.knows(&beijing.shown) && beijing.knows(&all));
        // The same events in view again: the same selection, so nothing re-renders.
        let shown = Rc::clone(&beijing.shown);
        let nudged = beijing.panned(5.0, 5.0).narrowed(&none, &shown);
        assert!(Rc::ptr_eq(&nudged.shown, &shown));
        // With a category chosen, its own counts are still what choosing would give in view
        // (crossfilter), and the other facets count the chosen events in view.
        let mut signings = Filters::default();
        signings.toggle(Facet::Category, "signing");
        let filtered = Rc::new(catalog.select(&signings));
        let chosen = nudged
            .with_filtered(Rc::clone(&filtered))
            .narrowed(&signings, &filtered);
        assert_eq!(chosen.shown.visible_count(), 0);
        assert_eq!(count(&chosen.shown, Facet::Category, "delegation_visit"), Some(1));
        assert_eq!(count(&chosen.shown, Facet::Country, "CN"), Some(0));
        // Turned off, it is the engine's result itself.
        let off = MapState {
            only_in_view: false,
            ..nudged
        }
        .narrowed(&none, &shown);
        assert!(Rc::ptr_eq(&off.shown, &all));
    }

    #[test]
    fn a_new_result_reclusters_only_when_its_events_differ() {
        let catalog = catalog();
        let all = everything(&catalog);
        let map = MapState::new(&catalog, Rc::clone(&all), None, false);
        let same_events = map.with_filtered(Rc::new((*all).clone()));
        assert!(Rc::ptr_eq(&same_events.clusters, &map.clusters));
        let mut beijing_only = (*all).clone();
        beijing_only.visible.clear();
        beijing_only.visible.insert(1);
        let narrowed = map
            .with_filtered(Rc::new(beijing_only))
            .narrowed(&Filters::default(), &all);
        assert_eq!(narrowed.clusters.index.len(), 1);
        assert!(!narrowed.knows(&all));
    }

    #[test]
    fn fit_filtered_frames_the_filtered_events_and_refuses_none() {
        let catalog = catalog();
        let all = everything(&catalog);
        let map = MapState::new(&catalog, Rc::clone(&all), None, false);
        let mut beijing_only = (*all).clone();
        beijing_only.visible.clear();
        beijing_only.visible.insert(1);
        let fitted = map
            .with_filtered(Rc::new(beijing_only))
            .fitted(MapFit::Filtered)
            .expect("Beijing has a place");
        assert_eq!(
            fitted.view.zoom(),
            MAP_FIT.max_zoom,
            "one place: the fit's closest zoom"
        );
        assert!((fitted.view.center().lon - 116.4).abs() < 1e-6);
        assert!(!fitted.untouched);
        let mut nothing = (*all).clone();
        nothing.visible.clear();
        assert!(map.with_filtered(Rc::new(nothing)).fitted(MapFit::Filtered).is_none());
    }
}
