//! Faceted filtering with crossfilter semantics, on bitsets.
//!
//! Each facet value (a category, an organisation, a city, ...) owns the set of events that
//! have it, as a [`FixedBitSet`] built once per dataset. A selection is then OR within a facet
//! and AND across facets, computed word by word; the counts for a facet ignore that facet's
//! own selection, so each count says what clicking that value would give.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use fixedbitset::FixedBitSet;

use health_atlas_model::{Event, Lang};
use health_atlas_search::keys::{hash_str, same_bytes, KeyTable};

/// A dimension visitors filter by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Category,
    Organisation,
    Person,
    Country,
    Region,
    City,
    Tag,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Category,
        Facet::Organisation,
        Facet::Person,
        Facet::Country,
        Facet::Region,
        Facet::City,
        Facet::Tag,
    ];

    /// The key used in URLs and CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            Facet::Category => "cat",
            Facet::Organisation => "org",
            Facet::Person => "person",
            Facet::Country => "country",
            Facet::Region => "region",
            Facet::City => "city",
            Facet::Tag => "tag",
        }
    }

    /// Calls `visit` with each value an event has for this facet, as stable keys (English
    /// where the data has it, so keys do not change with the UI language). Keys may repeat
    /// and may be empty (no value); callers skip empty ones.
    pub(crate) fn for_each_key<'a>(self, event: &'a Event, mut visit: impl FnMut(&'a str)) {
        match self {
            Facet::Category => visit(event.category.slug()),
            Facet::Organisation => event
                .organisations
                .iter()
                .for_each(|org| visit(org.name.best(Lang::En))),
            Facet::Person => event.people.iter().for_each(|person| visit(person.name.best(Lang::En))),
            Facet::Country => event.places.iter().for_each(|place| visit(&place.country)),
            Facet::Region => event.places.iter().for_each(|place| visit(place.region.best(Lang::En))),
            Facet::City => event.places.iter().for_each(|place| visit(place.city.best(Lang::En))),
            Facet::Tag => event.tags.iter().for_each(|tag| visit(tag)),
        }
    }

    /// The distinct non-empty keys of an event for this facet, sorted.
    #[cfg(test)]
    fn keys_of(self, event: &Event) -> Vec<String> {
        let mut keys = Vec::new();
        self.for_each_key(event, |key| keys.push(key.to_owned()));
        keys.retain(|key| !key.is_empty());
        keys.sort();
        keys.dedup();
        keys
    }
}

/// The events that have one facet value.
#[derive(Debug, PartialEq)]
struct FacetValue {
    key: String,
    events: FixedBitSet,
}

/// Every facet's values and their event sets, most frequent first.
#[derive(Debug, PartialEq)]
pub struct FacetIndex {
    event_count: usize,
    values: BTreeMap<Facet, Vec<FacetValue>>,
    /// Each event's span, in dataset order, for the date-range filter.
    spans: Vec<(NaiveDate, NaiveDate)>,
}

/// A [`FacetIndex`] built a few events at a time ([`FacetIndexBuild::add`]), for a caller that
/// gives the browser a turn between slices; [`FacetIndex::new`] is the same in one slice.
pub(crate) struct FacetIndexBuild {
    /// The events indexed so far.
    pub(crate) next: usize,
    /// Per facet (in [`Facet::ALL`]'s order), each value's position in `sets` by its key.
    position_of: Vec<KeyTable>,
    /// Per facet, each value's key and events, in order of first appearance.
    sets: Vec<Vec<(String, FixedBitSet)>>,
}

impl FacetIndexBuild {
    pub(crate) fn new() -> FacetIndexBuild {
        FacetIndexBuild {
            next: 0,
            position_of: Facet::ALL.iter().map(|_| KeyTable::default()).collect(),
            sets: Facet::ALL.iter().map(|_| Vec::new()).collect(),
        }
    }

    /// Indexes up to `count` more events; false once every event is indexed.
    pub(crate) fn add(&mut self, events: &[Event], count: usize) -> bool {
        let end = events.len().min(self.next.saturating_add(count));
        // The per-event work is a hash look-up and a bit set; a key is copied once, when new.
        for (index, event) in events.iter().enumerate().take(end).skip(self.next) {
            for (position, facet) in Facet::ALL.into_iter().enumerate() {
                let (position_of, sets) = (&mut self.position_of[position], &mut self.sets[position]);
                facet.for_each_key(event, |key| {
                    if key.is_empty() {
                        return;
                    }
                    let known = &*sets;
                    let (value, new) = position_of.get_or_insert(
                        hash_str(key),
                        |value| same_bytes(known[value as usize].0.as_bytes(), key.as_bytes()),
                        known.len() as u32,
                    );
                    if new {
                        sets.push((key.to_owned(), FixedBitSet::with_capacity(events.len())));
                    }
                    sets[value as usize].1.insert(index);
                });
            }
        }
        self.next = end;
        end < events.len()
    }

    /// The index, once [`FacetIndexBuild::add`] has seen every event.
    pub(crate) fn finish(self, events: &[Event]) -> FacetIndex {
        let mut values = BTreeMap::new();
        for (facet, sets) in Facet::ALL.into_iter().zip(self.sets) {
            let mut facet_values: Vec<(usize, FacetValue)> = sets
                .into_iter()
                .map(|(key, events)| (events.count_ones(..), FacetValue { key, events }))
                .collect();
            facet_values.sort_by(|(a_count, a), (b_count, b)| b_count.cmp(a_count).then(a.key.cmp(&b.key)));
            values.insert(facet, facet_values.into_iter().map(|(_, value)| value).collect());
        }
        let spans = events.iter().map(|event| (event.start, event.last_day())).collect();
        FacetIndex {
            event_count: events.len(),
            values,
            spans,
        }
    }
}

impl FacetIndex {
    pub fn new(events: &[Event]) -> FacetIndex {
        let mut build = FacetIndexBuild::new();
        build.add(events, events.len());
        build.finish(events)
    }

    /// Applies `filters`: the visible events and every facet value's count. `text_matches`
    /// is the search result for `filters.text` (the catalog computes it), `None` for no query.
    ///
    /// Counting is a popcount of two bitsets ANDed word by word, with no set built per value.
    /// A facet without a selection of its own counts within the visible set; only a facet
    /// with a selection needs the set of every other constraint, computed for it alone.
    pub fn select(&self, filters: &Filters, text_matches: Option<&FixedBitSet>) -> Selection {
        let base = self.base(filters, text_matches);
        // Per facet, the union of its selected values; `None` = no constraint.
        let masks: Vec<Option<FixedBitSet>> = Facet::ALL
            .iter()
            .map(|&facet| self.facet_mask(facet, filters))
            .collect();
        let mut visible = base.clone();
        for mask in masks.iter().flatten() {
            visible.intersect_with(mask);
        }
        let mut counts = BTreeMap::new();
        for (position, &facet) in Facet::ALL.iter().enumerate() {
            // Crossfilter: a facet's counts ignore its own selection.
            let others = match masks[position] {
                None => None,
                Some(_) => {
                    let mut others = base.clone();
                    for (other, mask) in masks.iter().enumerate() {
                        if let (true, Some(mask)) = (other != position, mask) {
                            others.intersect_with(mask);
                        }
                    }
                    Some(others)
                }
            };
            let within = others.as_ref().unwrap_or(&visible);
            let facet_counts = self.values[&facet]
                .iter()
                .map(|value| ValueCount {
                    key: value.key.clone(),
                    count: value.events.intersection_count(within),
                    selected: filters.is_selected(facet, &value.key),
                })
                .collect();
            counts.insert(facet, facet_counts);
        }
        Selection {
            visible,
            counts,
            best_match: None,
        }
    }

    /// The events that pass the date range and the text matches: what every count is within.
    fn base(&self, filters: &Filters, text_matches: Option<&FixedBitSet>) -> FixedBitSet {
        let mut base = match filters.date_range {
            Some(range) => self.date_mask(range),
            None => self.full_set(),
        };
        if let Some(matches) = text_matches {
            base.intersect_with(matches);
        }
        base
    }

    /// The events passing every constraint but the selections of the `ignored` facets: the
    /// set a chart over those facets counts within, by the same crossfilter rule as
    /// [`FacetIndex::select`]'s counts (a facet's own selection does not shrink its counts).
    pub fn events_ignoring(
        &self,
        filters: &Filters,
        text_matches: Option<&FixedBitSet>,
        ignored: &[Facet],
    ) -> FixedBitSet {
        let mut events = self.base(filters, text_matches);
        for facet in Facet::ALL.into_iter().filter(|facet| !ignored.contains(facet)) {
            if let Some(mask) = self.facet_mask(facet, filters) {
                events.intersect_with(&mask);
            }
        }
        events
    }

    fn full_set(&self) -> FixedBitSet {
        let mut all = FixedBitSet::with_capacity(self.event_count);
        all.insert_range(..);
        all
    }

    fn date_mask(&self, range: DateRange) -> FixedBitSet {
        let mut mask = FixedBitSet::with_capacity(self.event_count);
        for (index, &(first, last)) in self.spans.iter().enumerate() {
            if first <= range.last && range.first <= last {
                mask.insert(index);
            }
        }
        mask
    }

    fn facet_mask(&self, facet: Facet, filters: &Filters) -> Option<FixedBitSet> {
        let selected = filters.selected.get(&facet).filter(|keys| !keys.is_empty())?;
        let mut mask = FixedBitSet::with_capacity(self.event_count);
        for value in &self.values[&facet] {
            if selected.contains(&value.key) {
                mask.union_with(&value.events);
            }
        }
        Some(mask)
    }
}

/// An inclusive span of days; `first <= last` is enforced by [`DateRange::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    first: NaiveDate,
    last: NaiveDate,
}

impl DateRange {
    /// `None` when the range ends before it starts.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Option<DateRange> {
        (first <= last).then_some(DateRange { first, last })
    }

    pub fn first(&self) -> NaiveDate {
        self.first
    }

    pub fn last(&self) -> NaiveDate {
        self.last
    }
}

/// What the visitor has narrowed the events to. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Selected values per facet: OR within a facet, AND across facets.
    pub selected: BTreeMap<Facet, BTreeSet<String>>,
    /// Events whose span overlaps this range.
    pub date_range: Option<DateRange>,
    /// The search box's text; blank means no text filter.
    pub text: String,
}

impl Filters {
    pub fn is_selected(&self, facet: Facet, key: &str) -> bool {
        self.selected.get(&facet).is_some_and(|keys| keys.contains(key))
    }

    /// Selects `key` if it was not selected, and unselects it otherwise.
    pub fn toggle(&mut self, facet: Facet, key: &str) {
        let keys = self.selected.entry(facet).or_default();
        if !keys.remove(key) {
            keys.insert(key.to_owned());
        }
        if keys.is_empty() {
            self.selected.remove(&facet);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.selected.is_empty() && self.date_range.is_none() && self.text.trim().is_empty()
    }
}

/// One facet value's count under the current filters (zero counts are kept: the UI greys them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueCount {
    pub key: String,
    pub count: usize,
    pub selected: bool,
}

/// Which of a facet's values to list: those whose key contains `value_query` (folded, so
/// accents and case do not matter), at most `limit` of them, plus every selected one so a
/// choice never disappears from view. Returns the values and how many were left out.
pub fn values_to_list<'a>(values: &'a [ValueCount], value_query: &str, limit: usize) -> (Vec<&'a ValueCount>, usize) {
    let needle = health_atlas_search::fold(value_query.trim());
    let matching: Vec<&ValueCount> = values
        .iter()
        .filter(|value| needle.is_empty() || health_atlas_search::fold(&value.key).contains(&needle))
        .collect();
    let mut listed: Vec<&ValueCount> = Vec::new();
    for (position, value) in matching.iter().enumerate() {
        if position < limit || value.selected {
            listed.push(value);
        }
    }
    let left_out = matching.len() - listed.len();
    (listed, left_out)
}

/// The result of applying filters.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// Bit `i` is set when `events[i]` passes every filter.
    pub visible: FixedBitSet,
    pub counts: BTreeMap<Facet, Vec<ValueCount>>,
    /// With a search text, the visible events best match first ([`Catalog::best_matches`]);
    /// `None` without one.
    ///
    /// [`Catalog::best_matches`]: super::Catalog::best_matches
    pub best_match: Option<Vec<usize>>,
}

impl Selection {
    pub fn visible_count(&self) -> usize {
        self.visible.count_ones(..)
    }

    pub fn counts_of(&self, facet: Facet) -> &[ValueCount] {
        self.counts.get(&facet).map_or(&[], Vec::as_slice)
    }

    /// Whether `event` is among the [`TOP_MATCHES`] best matches of the search text, which
    /// the timeline and the map mark.
    pub fn is_top_match(&self, event: usize) -> bool {
        self.best_match
            .as_ref()
            .is_some_and(|best| best.iter().take(TOP_MATCHES).any(|&top| top == event))
    }
}

/// How many of the best matches the timeline and the map mark while searching.
pub const TOP_MATCHES: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_model::generate::generate;
    use health_atlas_model::Category;

    fn day(text: &str) -> NaiveDate {
        health_atlas_model::parse_day(text).unwrap()
    }

    fn count(selection: &Selection, facet: Facet, key: &str) -> Option<usize> {
        selection
            .counts_of(facet)
            .iter()
            .find(|value| value.key == key)
            .map(|value| value.count)
    }

    /// The same filters applied event by event, the obvious way, to check the bitsets.
    fn naive_visible(events: &[Event], filters: &Filters) -> Vec<usize> {
        (0..events.len())
            .filter(|&index| {
                let event = &events[index];
                let in_range = filters
                    .date_range
                    .is_none_or(|range| event.start <= range.last() && range.first() <= event.last_day());
                in_range
                    && filters
                        .selected
                        .iter()
                        .all(|(facet, keys)| facet.keys_of(event).iter().any(|key| keys.contains(key)))
            })
            .collect()
    }

    #[test]
    fn or_within_a_facet_and_across_facets_matches_the_naive_filter() {
        let dataset = generate(2_000, 5);
        let index = FacetIndex::new(&dataset.events);
        let mut filters = Filters::default();
        filters.toggle(Facet::Category, "conference");
        filters.toggle(Facet::Category, "forum");
        filters.toggle(Facet::Country, "CN");
        filters.date_range = DateRange::new(day("2015-01-01"), day("2019-12-31"));
        let selection = index.select(&filters, None);
        let visible: Vec<usize> = selection.visible.ones().collect();
        assert_eq!(visible, naive_visible(&dataset.events, &filters));
        assert!(!visible.is_empty());
    }

    #[test]
    fn a_facets_own_selection_does_not_shrink_its_counts() {
        let dataset = generate(1_000, 2);
        let index = FacetIndex::new(&dataset.events);
        let unfiltered = index.select(&Filters::default(), None);
        let mut filters = Filters::default();
        filters.toggle(Facet::Category, "forum");
        let filtered = index.select(&filters, None);
        // Category counts are what each click would give: unchanged by the category selection.
        assert_eq!(
            count(&filtered, Facet::Category, "conference"),
            count(&unfiltered, Facet::Category, "conference")
        );
        // Other facets are counted within the forums only.
        let forums = dataset
            .events
            .iter()
            .filter(|event| event.category == Category::Forum)
            .count();
        assert_eq!(filtered.visible_count(), forums);
        let cn_forums = dataset
            .events
            .iter()
            .filter(|event| event.category == Category::Forum && event.places[0].country == "CN")
            .count();
        assert_eq!(count(&filtered, Facet::Country, "CN"), Some(cn_forums));
    }

    #[test]
    fn zero_counts_are_kept_and_selection_is_flagged() {
        let dataset = generate(300, 3);
        let index = FacetIndex::new(&dataset.events);
        let mut filters = Filters {
            date_range: DateRange::new(day("1990-01-01"), day("1990-12-31")),
            ..Filters::default()
        };
        filters.toggle(Facet::Tag, "biomedicine");
        let selection = index.select(&filters, None);
        assert_eq!(selection.visible_count(), 0);
        let tags = selection.counts_of(Facet::Tag);
        assert!(!tags.is_empty() && tags.iter().all(|value| value.count == 0));
        assert!(tags.iter().any(|value| value.key == "biomedicine" && value.selected));
    }

    #[test]
    fn long_facets_list_the_first_values_plus_selected_ones_and_can_be_searched() {
        let value = |key: &str, selected: bool| ValueCount {
            key: key.into(),
            count: 1,
            selected,
        };
        let values = [
            value("Shanghai", false),
            value("Wuxi", false),
            value("Changchun", false),
            value("Zürich", true),
        ];
        let keys = |listed: Vec<&ValueCount>| listed.iter().map(|value| value.key.clone()).collect::<Vec<_>>();
        let (listed, left_out) = values_to_list(&values, "", 2);
        assert_eq!(
            (keys(listed), left_out),
            (vec!["Shanghai".to_owned(), "Wuxi".into(), "Zürich".into()], 1)
        );
        let (listed, left_out) = values_to_list(&values, "ZUR", 2);
        assert_eq!((keys(listed), left_out), (vec!["Zürich".to_owned()], 0));
        let (listed, _) = values_to_list(&values, "chang", 2);
        assert_eq!(keys(listed), ["Changchun"]);
    }

    #[test]
    fn toggling_twice_clears_and_reversed_ranges_are_rejected() {
        let mut filters = Filters::default();
        filters.toggle(Facet::City, "Wuxi");
        assert!(filters.is_selected(Facet::City, "Wuxi"));
        filters.toggle(Facet::City, "Wuxi");
        assert!(filters.is_empty());
        assert_eq!(DateRange::new(day("2023-05-18"), day("2023-05-17")), None);
    }
}
