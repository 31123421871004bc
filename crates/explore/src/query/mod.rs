//! Selecting and ordering what the views show: an indexed, read-only [`Catalog`] of a
//! dataset and the [`Filters`] a visitor sets.
//!
//! Plain Rust: it never touches the browser. The views ask it for the visible events and
//! render those; they never filter or sort on their own.

mod facets;
#[cfg(test)]
mod judged;
mod labels;
mod sort;
mod upcoming;

use facets::FacetIndexBuild;
pub use facets::{values_to_list, DateRange, Facet, FacetIndex, Filters, Selection, ValueCount, TOP_MATCHES};
pub use labels::{facet_label, FacetLabels};
pub use sort::{ListOrder, SortDirection, SortKey};
pub use upcoming::{upcoming, Upcoming, UpcomingKind};

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Datelike;
use fixedbitset::FixedBitSet;

use health_atlas_model::{Dataset, Event};
use health_atlas_search::keys::{compare_bytes, hash_str, leading_word, same_bytes, KeyTable};
use health_atlas_search::{has_pinyin_table, query_terms, split_period, SearchIndex, SearchIndexBuild};

/// A dataset with the look-ups every view needs, built once when the dataset arrives.
#[derive(Debug, PartialEq)]
pub struct Catalog {
    dataset: Dataset,
    /// Event index by id. The ids stay in the events: the table holds only indices.
    index_of_id: KeyTable,
    /// Event indices ordered by start, then end, then id: the list's and the timeline's order.
    chronological: Vec<usize>,
    facets: FacetIndex,
    /// What the data calls each facet value in each language (the filter panel's labels).
    labels: Rc<FacetLabels>,
    /// Built on first use rather than with the rest: it is most of the catalog's build (about
    /// 0.25 s at 100k events) and the first screen searches nothing. The app builds it just
    /// after the first paint ([`Catalog::prepare_search`]); a search typed before then builds
    /// it on the spot. Built again once the pinyin table arrives (it comes after the first
    /// paint: `search::install_pinyin_table`), so that pinyin then finds Chinese text.
    search: RefCell<Option<Rc<SearchIndex>>>,
}

/// A [`Catalog`] built in slices, for a caller that gives the browser a turn between them
/// (the app's loader): the chronological order in one step, then the id table, the facet
/// index and the labels `count` events per [`CatalogBuild::step`]. [`Catalog::new`] is the same
/// with one slice; a test holds the two to one result for any slice size.
pub struct CatalogBuild {
    dataset: Dataset,
    index_of_id: KeyTable,
    /// The events entered in `index_of_id` so far, from the last.
    ids_done: usize,
    chronological: Option<Vec<usize>>,
    facets: FacetIndexBuild,
    labels: FacetLabels,
}

impl CatalogBuild {
    pub fn new(dataset: Dataset) -> CatalogBuild {
        CatalogBuild {
            index_of_id: KeyTable::with_capacity(dataset.events.len()),
            dataset,
            ids_done: 0,
            chronological: None,
            facets: FacetIndexBuild::new(),
            labels: FacetLabels::default(),
        }
    }

    /// Does one slice of at most `count` events' worth of work; false once all is done.
    pub fn step(&mut self, count: usize) -> bool {
        let events = &self.dataset.events;
        // The order first: the one step that is not `count` events' worth, so that a caller
        // grouping steps into tasks meets it at a task's start.
        if self.chronological.is_none() {
            self.chronological = Some(chronological_order(events));
            return true;
        }
        if self.ids_done < events.len() {
            // Last event first: a repeated id (only in a dataset that failed validation) keeps
            // the last event with it, as inserting in order into a map would.
            let end = events.len().min(self.ids_done.saturating_add(count));
            for index in (events.len() - end..events.len() - self.ids_done).rev() {
                let id = events[index].id.as_bytes();
                self.index_of_id.get_or_insert(
                    hash_str(&events[index].id),
                    |other| same_bytes(events[other as usize].id.as_bytes(), id),
                    index as u32,
                );
            }
            self.ids_done = end;
            return true;
        }
        // The facet index and the labels over the same events.
        let from = self.facets.next;
        let more = self.facets.add(events, count);
        self.labels.add(&events[from..self.facets.next]);
        more
    }

    /// The catalog, once [`CatalogBuild::step`] has said it is done.
    pub fn finish(mut self) -> Catalog {
        while self.step(usize::MAX) {}
        let facets = self.facets.finish(&self.dataset.events);
        Catalog {
            chronological: self.chronological.unwrap_or_default(),
            dataset: self.dataset,
            index_of_id: self.index_of_id,
            facets,
            labels: Rc::new(self.labels),
            search: RefCell::new(None),
        }
    }
}

/// Event indices ordered by start, then end, then id, then position.
fn chronological_order(events: &[Event]) -> Vec<usize> {
    // Start and last day packed into one number per event, and the id's first eight bytes
    // into another, worked out once, so most comparisons are of integers (many events
    // share their days). The whole id breaks the remaining ties, then the position (only
    // equal ids tie there), which makes the order total and an unstable sort safe.
    let mut keyed: Vec<(u64, u64, usize)> = events
        .iter()
        .enumerate()
        .map(|(index, event)| {
            (
                day_pair(event.start, event.last_day()),
                leading_word(event.id.as_bytes()),
                index,
            )
        })
        .collect();
    keyed.sort_unstable_by(|&(days_a, id_a, a), &(days_b, id_b, b)| {
        (days_a, id_a)
            .cmp(&(days_b, id_b))
            .then_with(|| compare_bytes(events[a].id.as_bytes(), events[b].id.as_bytes()))
            .then(a.cmp(&b))
    });
    keyed.into_iter().map(|(_, _, index)| index).collect()
}

impl Catalog {
    pub fn new(dataset: Dataset) -> Catalog {
        CatalogBuild::new(dataset).finish()
    }

    /// Builds the search index now, if no search has yet.
    pub fn prepare_search(&self) {
        self.search_index();
    }

    /// Builds the search index `count` events at a time, for a caller that gives the browser
    /// back between calls: `build` starts as `None`; call again while this returns true. The
    /// last call makes the index the catalog's. A search typed in between builds the index
    /// at once, as before, and the next call stops.
    pub fn prepare_search_slice(&self, build: &mut Option<SearchIndexBuild>, count: usize) -> bool {
        if self.current_search().is_some() {
            *build = None;
            return false;
        }
        let events = &self.dataset.events;
        let slice = build.get_or_insert_with(SearchIndexBuild::new);
        if slice.index_next(events, count) {
            return true;
        }
        if let Some(built) = build.take() {
            *self.search.borrow_mut() = Some(Rc::new(built.finish(events)));
        }
        false
    }

    /// The search index if it is built and up to date (with pinyin once the table is there).
    fn current_search(&self) -> Option<Rc<SearchIndex>> {
        self.search
            .borrow()
            .as_ref()
            .filter(|index| index.has_pinyin() || !has_pinyin_table())
            .cloned()
    }

    fn search_index(&self) -> Rc<SearchIndex> {
        self.current_search().unwrap_or_else(|| {
            let index = Rc::new(SearchIndex::new(&self.dataset.events));
            *self.search.borrow_mut() = Some(Rc::clone(&index));
            index
        })
    }

    /// What the data calls each facet value in each language.
    pub fn facet_labels(&self) -> &Rc<FacetLabels> {
        &self.labels
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn events(&self) -> &[Event] {
        &self.dataset.events
    }

    pub fn len(&self) -> usize {
        self.dataset.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dataset.events.is_empty()
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.position(id).map(|index| &self.dataset.events[index])
    }

    /// The event's index in [`Catalog::events`].
    pub fn position(&self, id: &str) -> Option<usize> {
        let events = &self.dataset.events;
        self.index_of_id
            .get(hash_str(id), |index| {
                same_bytes(events[index as usize].id.as_bytes(), id.as_bytes())
            })
            .map(|index| index as usize)
    }

    /// The first and last calendar year any event touches, for "16 events, 2017–2024".
    pub fn year_span(&self) -> Option<(i32, i32)> {
        let first = self.dataset.events.iter().map(|event| event.start.year()).min()?;
        let last = self.dataset.events.iter().map(|event| event.last_day().year()).max()?;
        Some((first, last))
    }

    /// Applies `filters`: which events are visible and every facet value's count.
    pub fn select(&self, filters: &Filters) -> Selection {
        self.select_within(filters, None)
    }

    /// Applies `filters` among the events set in `within` only (`None`: all of them), as if
    /// the others were not in the dataset: both the visible events and every count (still with
    /// crossfilter semantics) are within it. The map's "only events in the map view" passes the
    /// events with a place in view, so that the facet counts agree with the list and timeline.
    pub fn select_within(&self, filters: &Filters, within: Option<&FixedBitSet>) -> Selection {
        let Some(best) = self.best_matches(&filters.text) else {
            return self.facets.select(filters, within);
        };
        // The text matches are the base set already; the view narrows them further.
        let mut matches = FixedBitSet::with_capacity(self.len());
        matches.extend(best.iter().copied());
        if let Some(within) = within {
            matches.intersect_with(within);
        }
        let mut selection = self.facets.select(filters, Some(&matches));
        let visible = &selection.visible;
        selection.best_match = Some(
            best.into_iter()
                .filter(|&position| visible.contains(position))
                .collect(),
        );
        selection
    }

    /// The events passing every filter but the selections of the `ignored` facets, among
    /// `within` as in [`Catalog::select_within`]: what the insights' charts over those facets
    /// count (a chart ignores its own dimension's selection, as a facet's counts do).
    pub fn events_ignoring(&self, filters: &Filters, within: Option<&FixedBitSet>, ignored: &[Facet]) -> FixedBitSet {
        let Some(best) = self.best_matches(&filters.text) else {
            return self.facets.events_ignoring(filters, within, ignored);
        };
        // The same text matches as `select_within`'s (words, and the period the text names).
        let mut matches = FixedBitSet::with_capacity(self.len());
        matches.extend(best);
        if let Some(within) = within {
            matches.intersect_with(within);
        }
        self.facets.events_ignoring(filters, Some(&matches), ignored)
    }

    /// How many events a text query matches (search alone, no facets).
    pub fn search_hits(&self, query: &str) -> usize {
        self.best_matches(query).map_or(0, |best| best.len())
    }

    /// The events a search box's `text` finds, best match first (positions in
    /// [`Catalog::events`]): its words searched as text, narrowed to the period it names
    /// ("forum 2021", "mars 2024": `search::split_period`); a period alone finds the events
    /// overlapping it, in chronological order. `None` when the text is blank (no text filter).
    pub fn best_matches(&self, text: &str) -> Option<Vec<usize>> {
        if text.trim().is_empty() {
            return None;
        }
        let (words, period) = split_period(text);
        let events = &self.dataset.events;
        let in_period = |position: &usize| {
            period.as_ref().is_none_or(|period| {
                let event = &events[*position];
                period.overlaps(event.start, event.last_day())
            })
        };
        if query_terms(&words).is_empty() {
            // Punctuation alone asks for text that nothing has.
            if period.is_none() {
                return Some(Vec::new());
            }
            return Some(self.chronological.iter().copied().filter(in_period).collect());
        }
        let hits = self.search_index().search(&words);
        Some(hits.into_iter().map(|hit| hit.event).filter(in_period).collect())
    }

    /// The events a computed `selection` keeps, in chronological order.
    pub fn selected_events<'a>(&'a self, selection: &'a Selection) -> impl Iterator<Item = &'a Event> + 'a {
        self.chronological
            .iter()
            .filter(move |&&index| selection.visible.contains(index))
            .map(|&index| &self.dataset.events[index])
    }

    /// Events that name `event_id` as their parent (`part_of`), chronologically.
    pub fn parts_of<'a>(&'a self, event_id: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.chronological
            .iter()
            .map(|&index| &self.dataset.events[index])
            .filter(move |event| event.is_part_of(event_id))
    }
}

/// Two days as one number that sorts as the pair `(first, second)` does: each day's number
/// since the common era, offset to be unsigned, in one half.
fn day_pair(first: chrono::NaiveDate, second: chrono::NaiveDate) -> u64 {
    let half = |day: chrono::NaiveDate| u64::from((day.num_days_from_ce() as u32) ^ (1 << 31));
    half(first) << 32 | half(second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_model::parse_dataset;

    fn catalog() -> Catalog {
        let json = r#"{"schema_version": 1, "events": [
            {"id": "later", "title": {"en": "B"}, "category": "forum", "start": "2024-03-23", "precision": "exact",
             "relations": [{"kind": "part_of", "target": "visit"}],
             "sources": [{"file": "a.txt", "language": "en", "quote": "q"}]},
            {"id": "visit", "title": {"en": "A"}, "category": "delegation_visit", "start": "2024-03-22", "end": "2024-03-24", "precision": "exact",
             "sources": [{"file": "a.txt", "language": "en", "quote": "q"}]},
            {"id": "old", "title": {"en": "C"}, "category": "policy", "start": "2017-01-01", "end": "2017-12-31", "precision": "year",
             "sources": [{"file": "a.txt", "language": "en", "quote": "q"}]}
        ]}"#;
        Catalog::new(parse_dataset(json).unwrap())
    }

    fn ids<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<&'a str> {
        events.map(|event| event.id.as_str()).collect()
    }

    #[test]
    fn events_are_listed_chronologically() {
        let catalog = catalog();
        assert_eq!(
            ids(catalog.selected_events(&catalog.select(&Filters::default()))),
            ["old", "visit", "later"]
        );
        assert_eq!(catalog.year_span(), Some((2017, 2024)));
    }

    #[test]
    fn category_filter_keeps_only_chosen_categories() {
        let catalog = catalog();
        let mut filters = Filters::default();
        filters.toggle(Facet::Category, "forum");
        filters.toggle(Facet::Category, "policy");
        assert_eq!(
            ids(catalog.selected_events(&catalog.select(&filters))),
            ["old", "later"]
        );
    }

    #[test]
    fn the_search_index_is_built_on_first_use_or_when_prepared() {
        let fresh = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let prepared = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        assert!(fresh.search.borrow().is_none() && prepared.search.borrow().is_none());
        prepared.prepare_search();
        assert!(prepared.search.borrow().is_some());
        let filters = Filters {
            text: "wuxi".into(),
            ..Filters::default()
        };
        let selection = fresh.select(&filters);
        assert!(fresh.search.borrow().is_some(), "a text filter builds it");
        assert!(selection.visible_count() > 0);
        assert_eq!(selection, prepared.select(&filters));
        assert_eq!(fresh.search_hits("无锡"), prepared.search_hits("无锡"));
    }

    #[test]
    fn the_search_index_is_built_in_slices_and_a_search_in_between_ends_them() {
        let whole = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let sliced = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let mut build = None;
        let mut calls = 1;
        while sliced.prepare_search_slice(&mut build, 4) {
            assert!(
                sliced.search.borrow().is_none(),
                "not the catalog's before the last slice"
            );
            calls += 1;
        }
        assert_eq!(calls, sliced.len().div_ceil(4));
        assert!(build.is_none());
        whole.prepare_search();
        assert_eq!(*sliced.search_index(), *whole.search_index());
        assert!(!sliced.prepare_search_slice(&mut build, 4), "built: nothing to do");

        let interrupted = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let mut build = None;
        assert!(interrupted.prepare_search_slice(&mut build, 4));
        assert_eq!(interrupted.search_hits("wuxi"), whole.search_hits("wuxi"));
        assert!(!interrupted.prepare_search_slice(&mut build, 4), "the search built it");
        assert!(build.is_none());
    }

    /// A search typed before the pinyin table arrives finds characters and words; the same
    /// search once it is there also finds by pinyin (the index is built again), and the index
    /// is then kept.
    #[test]
    fn the_search_index_is_built_again_when_the_pinyin_table_arrives() {
        let catalog = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let filters = |text: &str| Filters {
            text: text.into(),
            ..Filters::default()
        };
        let before = health_atlas_search::with_pinyin_table_hidden(|| {
            catalog.prepare_search();
            (catalog.select(&filters("长春")), catalog.select(&filters("cc")))
        });
        assert!(before.0.visible_count() > 0);
        assert!(!catalog.search.borrow().as_ref().unwrap().has_pinyin());
        let after = (catalog.select(&filters("长春")), catalog.select(&filters("cc")));
        assert_eq!(before.0, after.0);
        assert!(
            after.1.visible_count() > before.1.visible_count(),
            "initials of 长春 match now"
        );
        let index = Rc::clone(catalog.search.borrow().as_ref().unwrap());
        assert!(index.has_pinyin());
        catalog.prepare_search();
        assert!(Rc::ptr_eq(&index, catalog.search.borrow().as_ref().unwrap()));
    }

    #[test]
    fn text_and_facets_combine() {
        let catalog = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let mut filters = Filters {
            text: "wuxi".into(),
            ..Filters::default()
        };
        let all_wuxi = ids(catalog.selected_events(&catalog.select(&filters))).len();
        assert!(all_wuxi >= 4, "{all_wuxi}");
        filters.toggle(Facet::Category, "signing");
        assert_eq!(
            ids(catalog.selected_events(&catalog.select(&filters))),
            ["tbhc-2023-signings"]
        );
        let selection = catalog.select(&filters);
        let conferences = selection
            .counts_of(Facet::Category)
            .iter()
            .find(|value| value.key == "conference");
        assert_eq!(
            conferences.map(|value| value.count),
            Some(2),
            "crossfilter count within the text matches"
        );
    }

    #[test]
    fn the_order_and_the_id_index_match_the_obvious_ones_on_generated_data() {
        // 3,000 events over 17 years: many share a start day, so ids break ties.
        let mut events = health_atlas_model::generate::generate(3_000, 5).events;
        events.reverse();
        let catalog = Catalog::new(Dataset {
            schema_version: health_atlas_model::SCHEMA_VERSION,
            description: String::new(),
            events: events.clone(),
            stories: Vec::new(),
        });
        let mut expected: Vec<usize> = (0..events.len()).collect();
        expected.sort_by(|&a, &b| {
            let key = |event: &Event| (event.start, event.last_day(), event.id.clone());
            key(&events[a]).cmp(&key(&events[b]))
        });
        assert_eq!(catalog.chronological, expected);
        for event in &events {
            assert_eq!(catalog.event(&event.id).map(|found| &found.id), Some(&event.id));
        }
        assert_eq!(catalog.event("gen-9999999"), None);
    }

    #[test]
    fn a_repeated_id_finds_the_last_event_with_it() {
        let mut events = health_atlas_model::generate::generate(3, 1).events;
        events[2].id = events[0].id.clone();
        events[2].title = health_atlas_model::LocalizedText::new("last", "", "");
        let catalog = Catalog::new(Dataset {
            schema_version: health_atlas_model::SCHEMA_VERSION,
            description: String::new(),
            events,
            stories: Vec::new(),
        });
        let id = catalog.events()[0].id.clone();
        assert_eq!(
            catalog
                .event(&id)
                .map(|event| event.title.best(health_atlas_model::Lang::En)),
            Some("last")
        );
    }

    #[test]
    fn day_pairs_sort_as_the_pairs() {
        let day = |year, month, day| chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default();
        let days = [
            day(-40, 1, 1),
            day(1, 1, 1),
            day(2023, 5, 18),
            day(2023, 5, 19),
            day(9999, 12, 31),
        ];
        for &a in &days {
            for &b in &days {
                for &c in &days {
                    for &d in &days {
                        assert_eq!(day_pair(a, b).cmp(&day_pair(c, d)), (a, b).cmp(&(c, d)));
                    }
                }
            }
        }
    }

    /// `select_within` gives what `select` gives on a dataset of only those events: the same
    /// visible events and the same non-zero counts (a value whose events are all outside is
    /// kept at zero, as every value is).
    #[test]
    fn selecting_within_a_set_is_selecting_in_a_dataset_of_only_that_set() {
        let dataset = health_atlas_model::generate::generate(2_000, 9);
        let catalog = Catalog::new(dataset.clone());
        let kept: Vec<usize> = (0..dataset.events.len()).filter(|index| index % 3 != 1).collect();
        let mut within = FixedBitSet::with_capacity(dataset.events.len());
        kept.iter().for_each(|&index| within.insert(index));
        let subset = Catalog::new(Dataset {
            events: kept.iter().map(|&index| dataset.events[index].clone()).collect(),
            ..dataset.clone()
        });
        let mut forums_in_china = Filters::default();
        forums_in_china.toggle(Facet::Category, "forum");
        forums_in_china.toggle(Facet::Category, "conference");
        forums_in_china.toggle(Facet::Country, "CN");
        let searched = Filters {
            text: "hospital".into(),
            ..forums_in_china.clone()
        };
        let non_zero = |selection: &Selection| -> Vec<(Facet, String, usize)> {
            Facet::ALL
                .iter()
                .flat_map(|&facet| {
                    selection
                        .counts_of(facet)
                        .iter()
                        .filter(|value| value.count > 0)
                        .map(move |value| (facet, value.key.clone(), value.count))
                })
                .collect()
        };
        for filters in [Filters::default(), forums_in_china, searched] {
            let narrowed = catalog.select_within(&filters, Some(&within));
            let expected = subset.select(&filters);
            let visible: Vec<usize> = narrowed.visible.ones().collect();
            let expected_visible: Vec<usize> = expected.visible.ones().map(|index| kept[index]).collect();
            assert_eq!(visible, expected_visible, "{filters:?}");
            assert!(!visible.is_empty(), "{filters:?}");
            let mut counts = non_zero(&narrowed);
            let mut expected_counts = non_zero(&expected);
            counts.sort();
            expected_counts.sort();
            assert_eq!(counts, expected_counts, "{filters:?}");
            // And it does narrow: the whole catalog counts more.
            assert!(catalog.select(&filters).visible_count() > narrowed.visible_count());
        }
        assert_eq!(
            catalog.select_within(&Filters::default(), None),
            catalog.select(&Filters::default())
        );
    }

    #[test]
    fn look_up_by_id_and_by_parent() {
        let catalog = catalog();
        assert_eq!(
            catalog
                .event("visit")
                .map(|event| event.title.best(health_atlas_model::Lang::En)),
            Some("A")
        );
        assert_eq!(catalog.event("nope"), None);
        assert_eq!(ids(catalog.parts_of("visit")), ["later"]);
    }
}
