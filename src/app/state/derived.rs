//! The one derivation step: filters → selection → shown. What the views read about "which
//! events" is computed here from the state's inputs (the catalog, the filters, the map's view
//! and its "only in view" choice) and nowhere else, so each derived value has one writer and
//! no input is ever inferred from a derived value.

use std::rc::Rc;

use fixedbitset::FixedBitSet;

use super::map::{events_in_bounds, map_links, MapClusters, MapClustersBuild, MapLink, MapState};
use crate::app::shared::Shared;
use health_atlas_explore::query::{Catalog, Filters, Selection};
use health_atlas_geo::{MapView, Viewport};

/// The derived part of the state, built by [`Derived::new`] and [`Derived::next`] only (its
/// fields are private):
/// 1. `filtered`: the filters applied to the catalog, the filter engine's result;
/// 2. `clusters`: `filtered`'s events clustered for the map, and `links`, the catalog's links;
/// 3. `shown`: the app's selection (the list, the timeline, the facet counts): `filtered`,
///    or with "only in view" the filters applied among the events with a place in the map
///    view (`Catalog::select_within`: the visible events and the counts both within the view).
///
/// Every step reuses the previous value when its inputs did not change, and keeps the
/// previous `Shared` for an equal new value, so nothing re-renders for nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// The inputs of `filtered`: a new catalog or new filters run the engine again.
    catalog: Shared<Catalog>,
    filters: Filters,
    filtered: Shared<Selection>,
    clusters: Shared<MapClusters>,
    links: Shared<Vec<MapLink>>,
    shown: Shared<Selection>,
    /// The view and size `shown` was narrowed for; `None` when it is `filtered` itself.
    narrowed_for: Option<(MapView, Viewport)>,
    /// The events with a place in that view, whatever the filters: a pan that keeps the same
    /// events in view keeps `shown`.
    in_view: Option<Shared<FixedBitSet>>,
}

/// Whether the text search runs again with unchanged filters: the pinyin table arrived after
/// a search was typed, and now finds Chinese text by pinyin too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Search {
    AsBefore,
    RunAgain,
}

/// What a dataset shows with no filter set and "only in view" off: the starting point of a new
/// dataset's derivation, built by the loader before it hands the dataset over, so that
/// [`Derived::next`] only redoes what the reader's filters and view change. In steps, with the
/// browser given a turn between them: the filter engine's result and the map's points when
/// made, the cluster index (the largest part) a zoom level per [`UnfilteredBuild::step`], then
/// the links.
pub struct UnfilteredBuild {
    catalog: Shared<Catalog>,
    filtered: Shared<Selection>,
    clusters: MapClustersBuild,
    links: Option<Shared<Vec<MapLink>>>,
}

impl UnfilteredBuild {
    pub fn new(catalog: &Shared<Catalog>) -> UnfilteredBuild {
        let filtered = Shared::new(catalog.select(&Filters::default()));
        UnfilteredBuild {
            catalog: catalog.clone(),
            clusters: MapClustersBuild::new(catalog.events(), &filtered.visible),
            filtered,
            links: None,
        }
    }

    /// One more level of the cluster index, then the links; false once all are built.
    pub fn step(&mut self) -> bool {
        if self.clusters.step() {
            return true;
        }
        if self.links.is_none() {
            self.links = Some(Shared::new(map_links(&self.catalog)));
            return true;
        }
        false
    }

    pub fn finish(mut self) -> Derived {
        while self.step() {}
        let UnfilteredBuild {
            catalog,
            filtered,
            clusters,
            links,
        } = self;
        Derived {
            clusters: Shared::new(clusters.finish()),
            links: links.unwrap_or_default(),
            catalog,
            shown: filtered.clone(),
            filtered,
            filters: Filters::default(),
            narrowed_for: None,
            in_view: None,
        }
    }
}

impl Derived {
    /// Everything derived afresh.
    pub fn new(catalog: &Shared<Catalog>, filters: &Filters, map: &MapState) -> Derived {
        let filtered = Shared::new(catalog.select(filters));
        let (shown, narrowed_for, in_view) = narrow(catalog, filters, map, &filtered, None);
        Derived {
            catalog: catalog.clone(),
            filters: filters.clone(),
            clusters: Shared::new(MapClusters::new(catalog.events(), &filtered.visible)),
            links: Shared::new(map_links(catalog)),
            filtered,
            shown,
            narrowed_for,
            in_view,
        }
    }

    /// The derived part for the inputs given, reusing what they leave unchanged: an equal
    /// value (`==`) when nothing changed, which is almost every action.
    pub fn next(&self, catalog: &Shared<Catalog>, filters: &Filters, map: &MapState, search: Search) -> Derived {
        let same_catalog = self.catalog == *catalog;
        let run_again = search == Search::RunAgain && !filters.text.trim().is_empty();
        let same_query = same_catalog && self.filters == *filters && !run_again;
        let filtered = if same_query {
            self.filtered.clone()
        } else {
            kept_if_equal(catalog.select(filters), same_catalog.then_some(&self.filtered))
        };
        let clusters = if same_catalog && filtered.visible == self.filtered.visible {
            self.clusters.clone()
        } else {
            Shared::new(MapClusters::new(catalog.events(), &filtered.visible))
        };
        let links = if same_catalog {
            self.links.clone()
        } else {
            Shared::new(map_links(catalog))
        };
        let previous = same_catalog.then_some((self, same_query));
        let (shown, narrowed_for, in_view) = narrow(catalog, filters, map, &filtered, previous);
        Derived {
            catalog: catalog.clone(),
            filters: filters.clone(),
            filtered,
            clusters,
            links,
            shown,
            narrowed_for,
            in_view,
        }
    }

    /// The filter engine's result, before the map's narrowing: what the map clusters.
    pub fn filtered(&self) -> &Shared<Selection> {
        &self.filtered
    }

    /// The app's selection: what the list, the timeline and the counts show.
    pub fn shown(&self) -> &Shared<Selection> {
        &self.shown
    }

    /// The events with a place in the map view when "only in view" narrows `shown`: the
    /// insights' charts count within it too.
    pub fn in_view(&self) -> Option<&Shared<FixedBitSet>> {
        self.in_view.as_ref()
    }

    pub fn clusters(&self) -> &Shared<MapClusters> {
        &self.clusters
    }

    /// Every link of the dataset; drawn while one of its events passes the filters.
    pub fn links(&self) -> &Shared<Vec<MapLink>> {
        &self.links
    }
}

type Narrowed = (
    Shared<Selection>,
    Option<(MapView, Viewport)>,
    Option<Shared<FixedBitSet>>,
);

/// `shown` and what it was narrowed for. `previous` is the last derivation over the same
/// catalog, and whether its query (filters, search) is also the same: then an unchanged view,
/// or a moved one with the same events in view, keeps its `shown`.
fn narrow(
    catalog: &Catalog,
    filters: &Filters,
    map: &MapState,
    filtered: &Shared<Selection>,
    previous: Option<(&Derived, bool)>,
) -> Narrowed {
    if !map.only_in_view {
        return (filtered.clone(), None, None);
    }
    let key = (map.view, map.size());
    let same_query = previous
        .filter(|(_, same_query)| *same_query)
        .map(|(derived, _)| derived);
    if let Some(previous) = same_query.filter(|previous| previous.narrowed_for == Some(key)) {
        return (previous.shown.clone(), Some(key), previous.in_view.clone());
    }
    let in_view = events_in_bounds(catalog.events(), &map.view.visible_bounds(key.1));
    if let Some(previous) = same_query {
        if let Some(known) = previous.in_view.as_ref().filter(|known| Rc::as_ref(known) == &in_view) {
            return (previous.shown.clone(), Some(key), Some(known.clone()));
        }
    }
    let selection = catalog.select_within(filters, Some(&in_view));
    let shown = kept_if_equal(selection, previous.map(|(derived, _)| &derived.shown));
    (shown, Some(key), Some(Shared::new(in_view)))
}

/// `selection`, or `before` when it is equal: the views compare by identity.
fn kept_if_equal(selection: Selection, before: Option<&Shared<Selection>>) -> Shared<Selection> {
    match before {
        Some(before) if ***before == selection => before.clone(),
        _ => Shared::new(selection),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::MapAction;
    use health_atlas_explore::query::Facet;
    use health_atlas_geo::LonLat;

    fn catalog() -> Shared<Catalog> {
        Shared::new(Catalog::new(
            health_atlas_dataset::embedded_dataset().expect("the embedded dataset is valid"),
        ))
    }

    fn move_to(map: &MapState, catalog: &Catalog, lon: f64, lat: f64, zoom: f64) -> MapState {
        let view = MapView::new(LonLat::new(lon, lat), zoom, crate::app::state::MAP_ZOOM_LIMITS);
        map.apply(MapAction::SetView(view), catalog.events(), &FixedBitSet::new())
    }

    #[test]
    fn the_unfiltered_start_derives_what_a_fresh_derivation_does() {
        let catalog = catalog();
        let mut build = UnfilteredBuild::new(&catalog);
        let mut steps = 0;
        while build.step() {
            steps += 1;
        }
        assert!(steps > 1, "the cluster index is built a level per step");
        let start = build.finish();
        let same_values = |derived: &Derived, fresh: &Derived| {
            assert_eq!(**derived.filtered, **fresh.filtered);
            assert_eq!(**derived.shown, **fresh.shown);
            assert_eq!(derived.narrowed_for, fresh.narrowed_for);
            assert_eq!(
                derived.in_view.as_deref().map(|set| &**set),
                fresh.in_view.as_deref().map(|set| &**set)
            );
            assert_eq!(derived.clusters.index.len(), fresh.clusters.index.len());
            assert_eq!(**derived.links, **fresh.links);
        };
        let unmoved = MapState::new(catalog.events(), None);
        let next = start.next(&catalog, &Filters::default(), &unmoved, Search::AsBefore);
        same_values(&next, &Derived::new(&catalog, &Filters::default(), &unmoved));
        assert!(next.clusters == start.clusters, "its cluster index is kept");
        // With a filter set and "only in view" on, it is only a start: the values are a fresh
        // derivation's.
        let mut forums = Filters::default();
        forums.toggle(Facet::Category, "forum");
        let moved = move_to(&unmoved, &catalog, 121.47, 31.23, 9.0);
        let only = moved.apply(MapAction::ShowOnlyInView(true), catalog.events(), &FixedBitSet::new());
        let next = start.next(&catalog, &forums, &only, Search::AsBefore);
        same_values(&next, &Derived::new(&catalog, &forums, &only));
        assert!(next.clusters != start.clusters);
        assert!(next.shown.visible_count() < catalog.len());
    }

    #[test]
    fn unchanged_inputs_derive_an_equal_value_and_reuse_everything() {
        let catalog = catalog();
        let filters = Filters::default();
        let map = MapState::new(catalog.events(), None);
        let derived = Derived::new(&catalog, &filters, &map);
        assert_eq!(derived.next(&catalog, &filters, &map, Search::AsBefore), derived);
        // Without a search, "run the search again" changes nothing either.
        assert_eq!(derived.next(&catalog, &filters, &map, Search::RunAgain), derived);
        // A moved map without "only in view" leaves the selection alone.
        let moved = move_to(&map, &catalog, 121.47, 31.23, 9.0);
        assert_eq!(derived.next(&catalog, &filters, &moved, Search::AsBefore), derived);
        assert!(derived.shown() == derived.filtered());
    }

    #[test]
    fn a_filter_change_that_empties_the_selection_empties_the_clusters_too() {
        let catalog = catalog();
        let map = MapState::new(catalog.events(), None);
        let derived = Derived::new(&catalog, &Filters::default(), &map);
        assert!(!derived.clusters().index.is_empty());
        let nothing = Filters {
            text: "no event says this".into(),
            ..Filters::default()
        };
        let empty = derived.next(&catalog, &nothing, &map, Search::AsBefore);
        assert_eq!(empty.shown().visible_count(), 0);
        assert_eq!(empty.clusters().index.len(), 0);
        assert!(
            empty.links() == derived.links(),
            "links are the catalog's, not the filters'"
        );
        // Back to no filters: an equal result is a new value only where it must be.
        let back = empty.next(&catalog, &Filters::default(), &map, Search::AsBefore);
        assert_eq!(back.shown().visible_count(), derived.shown().visible_count());
    }

    #[test]
    fn a_map_move_narrows_the_list_only_in_view() {
        let catalog = catalog();
        let filters = Filters::default();
        let map = MapState::new(catalog.events(), None);
        let only = map.apply(MapAction::ShowOnlyInView(true), catalog.events(), &FixedBitSet::new());
        let derived = Derived::new(&catalog, &filters, &map);
        let everything = derived.shown().visible_count();
        let narrowed = derived.next(&catalog, &filters, &only, Search::AsBefore);
        assert!(
            narrowed.filtered() == derived.filtered(),
            "the engine's result is not redone"
        );
        assert!(narrowed.clusters() == derived.clusters(), "nor the clusters");
        let in_fitted_view = narrowed.shown().visible_count();
        assert!(in_fitted_view < everything, "events without a place leave the list");
        let changchun = move_to(&only, &catalog, 125.32, 43.82, 9.0);
        let there = narrowed.next(&catalog, &filters, &changchun, Search::AsBefore);
        assert_eq!(there.shown().visible_count(), 2);
        // A nudge that keeps the same events in view keeps the same selection.
        let nudged = changchun.apply(
            MapAction::Pan { dx: 2.0, dy: 2.0 },
            catalog.events(),
            &FixedBitSet::new(),
        );
        let still = there.next(&catalog, &filters, &nudged, Search::AsBefore);
        assert!(still.shown() == there.shown());
        // A filter within the view: one forum there; the map still clusters every forum.
        let mut forums = Filters::default();
        forums.toggle(Facet::Category, "forum");
        let forum = still.next(&catalog, &forums, &nudged, Search::AsBefore);
        assert_eq!(forum.shown().visible_count(), 1);
        assert!(forum.clusters().index.len() > 1);
        // Turned off: the engine's result itself.
        let off = nudged.apply(MapAction::ShowOnlyInView(false), catalog.events(), &FixedBitSet::new());
        let whole = forum.next(&catalog, &forums, &off, Search::AsBefore);
        assert!(whole.shown() == whole.filtered());
    }

    #[test]
    fn a_new_catalog_rebuilds_everything() {
        let catalog = catalog();
        let filters = Filters::default();
        let map = MapState::new(catalog.events(), None);
        let derived = Derived::new(&catalog, &filters, &map);
        let other = Shared::new(Catalog::new(health_atlas_model::generate::generate(50, 7)));
        let rebuilt = derived.next(&other, &filters, &map, Search::AsBefore);
        assert_eq!(rebuilt.clusters().index.len(), 50);
        assert!(rebuilt.links() != derived.links());
        assert_eq!(rebuilt.shown().visible_count(), 50);
    }
}
