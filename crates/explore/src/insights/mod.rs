//! The Insights view's numbers: events per period stacked by category, the ranked
//! organisations, people, countries and cities, and the network of who appears with whom.
//!
//! Every chart counts with the facet counts' crossfilter rule: a chart ignores the selection
//! of its own dimension (the bars per period ignore the category selection, so a segment is
//! what clicking it gives; the network ignores the organisation and person selections) and
//! applies every other filter, the search and the map's "only in view" alike
//! ([`Catalog::events_ignoring`]). The per-event columns the charts read (category, month,
//! the network's node ids) are worked out once per catalog in [`InsightIndex`], so a filter
//! change is one pass over the set bits of a bitset.

pub mod export;
mod layout;
mod network;

pub use layout::{layout, synthetic_network, Layout, Point};
pub use network::{network, Edge, Network, Node};

use chrono::{Datelike, NaiveDate};
use fixedbitset::FixedBitSet;
use health_atlas_model::{Category, Lang};

use crate::query::{Catalog, Facet, Filters, Selection, ValueCount};
use health_atlas_search::keys::{hash_str, same_bytes, KeyTable};

/// What a chart asks of the atlas around it: the two filter changes its bars, legend and
/// nodes make, as every other view makes them. The Insights view runs in a wasm module of its
/// own, loaded on first use, so a request crosses to the app as three strings
/// ([`InsightRequest::parts`]) and is read back there ([`InsightRequest::from_parts`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InsightRequest {
    /// Select the value, or unselect it when it is selected.
    ToggleFacet { facet: Facet, key: String },
    /// Either bound may be open; both open clears the date range.
    SetDateRange {
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    },
}

impl InsightRequest {
    /// `("facet", slug, key)` or `("dates", first, last)`, an open bound as `""`.
    pub fn parts(&self) -> (&'static str, String, String) {
        let day = |day: &Option<NaiveDate>| day.map(|day| day.to_string()).unwrap_or_default();
        match self {
            InsightRequest::ToggleFacet { facet, key } => ("facet", facet.slug().to_owned(), key.clone()),
            InsightRequest::SetDateRange { first, last } => ("dates", day(first), day(last)),
        }
    }

    /// The request [`InsightRequest::parts`] wrote; `None` for anything else (a module of
    /// another build, say), which the app then ignores.
    pub fn from_parts(kind: &str, first: &str, second: &str) -> Option<InsightRequest> {
        let day = |text: &str| match text {
            "" => Some(None),
            text => health_atlas_model::parse_day(text).map(Some),
        };
        match kind {
            "facet" => Some(InsightRequest::ToggleFacet {
                facet: Facet::ALL.into_iter().find(|facet| facet.slug() == first)?,
                key: second.to_owned(),
            }),
            "dates" => Some(InsightRequest::SetDateRange {
                first: day(first)?,
                last: day(second)?,
            }),
            _ => None,
        }
    }
}

/// What one bar of the time chart covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Year,
    Quarter,
    Month,
}

impl Period {
    /// Months per bar.
    fn months(self) -> i32 {
        match self {
            Period::Year => 12,
            Period::Quarter => 3,
            Period::Month => 1,
        }
    }

    /// The bar size that fits a span of `months` in at most about 32 bars.
    pub fn fitting(months: i32) -> Period {
        if months <= 24 {
            Period::Month
        } else if months <= 96 {
            Period::Quarter
        } else {
            Period::Year
        }
    }
}

/// A month as one number: `year * 12 + month - 1`.
fn month_number(day: NaiveDate) -> i32 {
    day.year() * 12 + day.month0() as i32
}

fn first_day_of_month(month: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1).unwrap_or_default()
}

/// The catalog's per-event columns the charts read, built once per catalog.
#[derive(Debug, PartialEq)]
pub struct InsightIndex {
    /// Each event's category as its position in `Category::ALL`.
    category: Vec<u8>,
    /// Each event's start month ([`month_number`]).
    month: Vec<i32>,
    /// The network's nodes: each distinct organisation and person, by facet key.
    nodes: Vec<(Facet, String)>,
    /// Event `i`'s node ids are `node_ids[node_start[i]..node_start[i + 1]]`, sorted, once each.
    node_start: Vec<u32>,
    node_ids: Vec<u32>,
}

impl InsightIndex {
    pub fn new(catalog: &Catalog) -> InsightIndex {
        let events = catalog.events();
        let category = events
            .iter()
            .map(|event| Category::ALL.iter().position(|&c| c == event.category).unwrap_or(0) as u8)
            .collect();
        let month = events.iter().map(|event| month_number(event.start)).collect();
        // The facets' own hash table (no `BTreeMap` or sort code in the wasm for this).
        let mut id_of = KeyTable::default();
        let mut nodes: Vec<(Facet, String)> = Vec::new();
        let mut node_start = Vec::with_capacity(events.len() + 1);
        let mut node_ids = Vec::new();
        for event in events {
            node_start.push(node_ids.len() as u32);
            let first = node_ids.len();
            for facet in [Facet::Organisation, Facet::Person] {
                facet.for_each_key(event, |key| {
                    if key.is_empty() {
                        return;
                    }
                    let known = &nodes;
                    let (id, new) = id_of.get_or_insert(
                        hash_str(key) ^ facet as u64,
                        |id| {
                            known[id as usize].0 == facet && same_bytes(known[id as usize].1.as_bytes(), key.as_bytes())
                        },
                        known.len() as u32,
                    );
                    if new {
                        nodes.push((facet, key.to_owned()));
                    }
                    node_ids.push(id);
                });
            }
            // An event names a few: an insertion sort, then drop repeats.
            for position in first + 1..node_ids.len() {
                let mut at = position;
                while at > first && node_ids[at - 1] > node_ids[at] {
                    node_ids.swap(at - 1, at);
                    at -= 1;
                }
            }
            let mut kept = first;
            for position in first..node_ids.len() {
                if kept == first || node_ids[kept - 1] != node_ids[position] {
                    node_ids[kept] = node_ids[position];
                    kept += 1;
                }
            }
            node_ids.truncate(kept);
        }
        node_start.push(node_ids.len() as u32);
        InsightIndex {
            category,
            month,
            nodes,
            node_start,
            node_ids,
        }
    }

    fn nodes_of(&self, event: usize) -> &[u32] {
        &self.node_ids[self.node_start[event] as usize..self.node_start[event + 1] as usize]
    }
}

/// One bar of the time chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// The first and last day the bar covers (what dragging across it selects).
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Events per category, in `Category::ALL` order.
    pub counts: [u32; 10],
}

impl Bar {
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The bar's name in `lang`: "2023", "2023 Q2", "2023-05" and their translations.
    pub fn label(&self, period: Period, lang: Lang) -> String {
        let (year, month) = (self.first.year(), self.first.month());
        match (period, lang) {
            (Period::Year, _) => year.to_string(),
            (Period::Quarter, Lang::Zh) => format!("{year}年第{}季度", (month - 1) / 3 + 1),
            (Period::Quarter, Lang::Fr) => format!("T{} {year}", (month - 1) / 3 + 1),
            (Period::Quarter, Lang::En) => format!("{year} Q{}", (month - 1) / 3 + 1),
            (Period::Month, Lang::Zh) => format!("{year}年{month}月"),
            (Period::Month, _) => format!("{year}-{month:02}"),
        }
    }
}

/// Events per period, stacked by category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeBars {
    pub period: Period,
    /// Consecutive periods from the first to the last with an event (or the date range's).
    pub bars: Vec<Bar>,
    /// The selected categories (highlighted; the others are what a click would add).
    pub selected: [bool; 10],
}

impl TimeBars {
    pub fn total(&self) -> u32 {
        self.bars.iter().map(Bar::total).sum()
    }
}

/// The time chart: every event passing the filters but the category selection, counted in
/// the period of its start day (of the date range's first day for an event that began
/// before the range). The span is the date range when there is one, else the events'.
pub fn time_bars(index: &InsightIndex, catalog: &Catalog, filters: &Filters, within: Option<&FixedBitSet>) -> TimeBars {
    let events = catalog.events_ignoring(filters, within, &[Facet::Category]);
    let selected = std::array::from_fn(|position| filters.is_selected(Facet::Category, Category::ALL[position].slug()));
    let (first, last) = match filters.date_range {
        Some(range) => (month_number(range.first()), month_number(range.last())),
        None => {
            let (mut first, mut last) = (i32::MAX, i32::MIN);
            for event in events.ones() {
                first = first.min(index.month[event]);
                last = last.max(index.month[event]);
            }
            if first > last {
                return TimeBars {
                    period: Period::Year,
                    bars: Vec::new(),
                    selected,
                };
            }
            (first, last)
        }
    };
    let period = Period::fitting(last - first + 1);
    let size = period.months();
    let (first_bar, last_bar) = (first.div_euclid(size), last.div_euclid(size));
    let mut counts = vec![[0u32; 10]; (last_bar - first_bar + 1) as usize];
    for event in events.ones() {
        let bar = index.month[event].max(first).div_euclid(size) - first_bar;
        counts[bar as usize][index.category[event] as usize] += 1;
    }
    let bars = counts
        .into_iter()
        .enumerate()
        .map(|(position, counts)| {
            let month = (first_bar + position as i32) * size;
            Bar {
                first: first_day_of_month(month),
                last: first_day_of_month(month + size).pred_opt().unwrap_or_default(),
                counts,
            }
        })
        .collect();
    TimeBars { period, bars, selected }
}

/// A facet's values ranked by their count, the first `limit` and what is left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    pub facet: Facet,
    /// Most events first, then in the facet's order; values counting zero are left out unless selected.
    pub top: Vec<ValueCount>,
    /// How many more values count at least one event, and their counts' sum.
    pub rest_values: usize,
    pub rest_count: usize,
}

/// The ranked bars of `facet`, from the selection's crossfilter counts: the first `limit`
/// values, plus every selected one so that a choice never leaves the chart. Equal counts keep
/// the facet's order (most events in the whole dataset first, then by key).
pub fn ranked(selection: &Selection, facet: Facet, limit: usize) -> Ranked {
    let values = selection.counts_of(facet);
    // Count and position packed in one number, so the sort is the one over `u64` the network
    // uses too (each sort's code costs the wasm about a kilobyte).
    let mut order: Vec<u64> = values
        .iter()
        .enumerate()
        .filter(|(_, value)| value.count > 0 || value.selected)
        .map(|(position, value)| (u64::from(u32::MAX) - value.count as u64) << 32 | position as u64)
        .collect();
    order.sort_unstable();
    let (mut top, mut rest) = (Vec::new(), Vec::new());
    for (position, value) in order
        .into_iter()
        .map(|packed| &values[(packed & 0xffff_ffff) as usize])
        .enumerate()
    {
        if position < limit || value.selected {
            top.push(value.clone());
        } else {
            rest.push(value);
        }
    }
    Ranked {
        facet,
        top,
        rest_values: rest.len(),
        rest_count: rest.iter().map(|value| value.count).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::DateRange;
    use health_atlas_model::generate::generate;

    fn day(text: &str) -> NaiveDate {
        health_atlas_model::parse_day(text).unwrap()
    }

    #[test]
    fn a_request_crosses_as_three_strings_and_back() {
        let requests = [
            InsightRequest::ToggleFacet {
                facet: Facet::Organisation,
                key: "World Health Organization\tand a tab".into(),
            },
            InsightRequest::ToggleFacet {
                facet: Facet::Category,
                key: "forum".into(),
            },
            InsightRequest::SetDateRange {
                first: Some(day("2023-01-01")),
                last: Some(day("2024-06-30")),
            },
            InsightRequest::SetDateRange {
                first: None,
                last: None,
            },
        ];
        for request in requests {
            let (kind, first, second) = request.parts();
            assert_eq!(InsightRequest::from_parts(kind, &first, &second), Some(request));
        }
        assert_eq!(
            InsightRequest::parts(&InsightRequest::SetDateRange {
                first: None,
                last: Some(day("2024-01-31"))
            })
            .1,
            ""
        );
    }

    #[test]
    fn a_request_the_app_cannot_read_is_none() {
        assert_eq!(InsightRequest::from_parts("facet", "colour", "red"), None);
        assert_eq!(InsightRequest::from_parts("dates", "2023-02-30", ""), None);
        assert_eq!(InsightRequest::from_parts("zoom", "", ""), None);
    }

    #[test]
    fn the_bar_size_fits_the_span() {
        assert_eq!(Period::fitting(1), Period::Month);
        assert_eq!(Period::fitting(24), Period::Month);
        assert_eq!(Period::fitting(25), Period::Quarter);
        assert_eq!(Period::fitting(96), Period::Quarter);
        assert_eq!(Period::fitting(97), Period::Year);
    }

    #[test]
    fn a_date_range_sets_the_bars_and_early_events_count_in_the_first() {
        let catalog = Catalog::new(generate(3_000, 4));
        let index = InsightIndex::new(&catalog);
        let filters = Filters {
            date_range: DateRange::new(day("2019-02-10"), day("2019-11-03")),
            ..Filters::default()
        };
        let bars = time_bars(&index, &catalog, &filters, None);
        assert_eq!(bars.period, Period::Month);
        assert_eq!(bars.bars.len(), 10);
        assert_eq!(
            (bars.bars[0].first, bars.bars[9].last),
            (day("2019-02-01"), day("2019-11-30"))
        );
        assert_eq!(bars.total() as usize, catalog.select(&filters).visible_count());
        assert_eq!(bars.bars[0].label(Period::Month, Lang::Zh), "2019年2月");
        let quarters = Filters {
            date_range: DateRange::new(day("2018-01-01"), day("2021-12-31")),
            ..Filters::default()
        };
        let bars = time_bars(&index, &catalog, &quarters, None);
        assert_eq!((bars.period, bars.bars.len()), (Period::Quarter, 16));
        assert_eq!(bars.bars[5].label(Period::Quarter, Lang::Fr), "T2 2019");
        assert_eq!(bars.bars[5].label(Period::Quarter, Lang::En), "2019 Q2");
    }

    #[test]
    fn nothing_to_count_gives_no_bars() {
        let catalog = Catalog::new(generate(50, 4));
        let index = InsightIndex::new(&catalog);
        let filters = Filters {
            text: "no event says this".into(),
            ..Filters::default()
        };
        assert!(time_bars(&index, &catalog, &filters, None).bars.is_empty());
    }

    #[test]
    fn ranked_values_are_the_largest_counts_and_keep_a_selected_zero() {
        let catalog = Catalog::new(generate(2_000, 8));
        let mut filters = Filters {
            date_range: DateRange::new(day("1990-01-01"), day("1990-12-31")),
            ..Filters::default()
        };
        filters.toggle(Facet::Country, "CN");
        let nothing = ranked(&catalog.select(&filters), Facet::Country, 3);
        assert_eq!(
            nothing
                .top
                .iter()
                .map(|value| (value.key.as_str(), value.count, value.selected))
                .collect::<Vec<_>>(),
            [("CN", 0, true)]
        );
        let mut filters = Filters::default();
        let last = ranked(&catalog.select(&filters), Facet::Country, 100)
            .top
            .pop()
            .unwrap();
        filters.toggle(Facet::Country, &last.key);
        let kept = ranked(&catalog.select(&filters), Facet::Country, 3);
        assert_eq!(
            (kept.top.len(), kept.top[3].key.as_str()),
            (4, last.key.as_str()),
            "the selected value stays"
        );
        let unfiltered = super::ranked(&catalog.select(&Filters::default()), Facet::City, 5);
        assert!(unfiltered.top.windows(2).all(|pair| pair[0].count >= pair[1].count));
        let all: usize = catalog
            .select(&Filters::default())
            .counts_of(Facet::City)
            .iter()
            .map(|v| v.count)
            .sum();
        let top: usize = unfiltered.top.iter().map(|value| value.count).sum();
        assert_eq!(top + unfiltered.rest_count, all);
    }
}
