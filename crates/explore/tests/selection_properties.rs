//! Property tests of the catalog's selection (native only): over random datasets and random
//! filters (facet values, a date range, a search, the map's "only events in view"), the
//! visible events, their order and every facet value's count are those of a plain pass over
//! the events, with the crossfilter rule written out here on its own: OR within a facet, AND
//! across facets, and a facet's counts ignore that facet's own selection.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use fixedbitset::FixedBitSet;
use health_atlas_explore::query::{Catalog, CatalogBuild, DateRange, Facet, Filters, ValueCount};
use health_atlas_model::generate::generate;
use health_atlas_model::{Dataset, Event, Lang, LocalizedText, OrganisationRole, PersonRole};
use health_atlas_search::{split_period, with_pinyin_table_hidden};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// A generated dataset made less regular, so that every facet has events with several
/// values, repeated values and empty ones: the generator gives each event one place, one
/// organisation, one tag and no people.
fn dataset(count: usize, seed: u64) -> Dataset {
    let mut dataset = generate(count, seed);
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    let people = [
        ("Li Wei", "李伟", "Secretary-General"),
        ("Anna Schmidt", "", "Professor"),
        // No English name: the facet key falls back to the Chinese one.
        ("", "王芳", ""),
        ("Paul Martin", "", ""),
    ];
    let organisations = [
        ("Jilin University", "吉林大学"),
        ("Tigermed", "泰格医药"),
        ("Wuxi Health Bureau", "无锡市卫生健康委员会"),
        ("", ""),
    ];
    let cities = [
        ("Wuxi", "无锡", "Jiangsu", "CN"),
        ("Geneva", "日内瓦", "Geneva", "CH"),
        ("", "", "", "CN"),
    ];
    for event in &mut dataset.events {
        for _ in 0..rng.usize(0..3) {
            let (en, zh, position) = people[rng.usize(..people.len())];
            event.people.push(PersonRole {
                name: LocalizedText::new(en, zh, ""),
                // Not searchable: a search for "secretary" finds nobody.
                title: LocalizedText::new(position, "", ""),
                affiliation: LocalizedText::default(),
                role: "speaker".to_owned(),
            });
        }
        if rng.u8(..100) < 40 {
            let (en, zh) = organisations[rng.usize(..organisations.len())];
            event.organisations.push(OrganisationRole {
                name: LocalizedText::new(en, zh, ""),
                role: "partner".to_owned(),
            });
        }
        if rng.u8(..100) < 30 {
            let (city_en, city_zh, region, country) = cities[rng.usize(..cities.len())];
            let mut place = event.places[0].clone();
            place.city = LocalizedText::new(city_en, city_zh, "");
            place.region = LocalizedText::new(region, "", "");
            place.country = country.to_owned();
            event.places.push(place);
        }
        if rng.u8(..100) < 30 {
            let tag = ["", "vaccine", "digital-health"][rng.usize(..3)];
            event.tags.push(tag.to_owned());
        }
    }
    dataset
}

/// An event's values for a facet, as the filters and counts name them: the English text
/// where there is one, non-empty, each once.
fn keys_of(facet: Facet, event: &Event) -> BTreeSet<String> {
    let texts: Vec<&str> = match facet {
        Facet::Category => vec![event.category.slug()],
        Facet::Organisation => event.organisations.iter().map(|org| org.name.best(Lang::En)).collect(),
        Facet::Person => event.people.iter().map(|person| person.name.best(Lang::En)).collect(),
        Facet::Country => event.places.iter().map(|place| place.country.as_str()).collect(),
        Facet::Region => event.places.iter().map(|place| place.region.best(Lang::En)).collect(),
        Facet::City => event.places.iter().map(|place| place.city.best(Lang::En)).collect(),
        Facet::Tag => event.tags.iter().map(String::as_str).collect(),
    };
    texts
        .into_iter()
        .filter(|key| !key.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every text a search looks in, all languages: titles, summaries, the names of the
/// organisations, people and places, and the tags (not a person's position, not the notes).
fn searchable_texts(event: &Event) -> Vec<&str> {
    let mut localized = vec![&event.title, &event.summary];
    localized.extend(event.organisations.iter().map(|org| &org.name));
    localized.extend(event.people.iter().map(|person| &person.name));
    for place in &event.places {
        localized.extend([&place.name, &place.city, &place.region]);
    }
    let mut texts: Vec<&str> = localized
        .into_iter()
        .flat_map(|text| [text.en.as_str(), text.zh.as_str(), text.fr.as_str()])
        .collect();
    texts.extend(event.tags.iter().map(String::as_str));
    texts
}

/// The lower-case words of letters and digits of `text`.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// The words search finds an event by: the words of its searchable texts, and each name of
/// two to four Latin words also written without spaces ("annaschmidt"), as readers type names.
fn event_words(event: &Event) -> Vec<String> {
    let mut all: Vec<String> = searchable_texts(event).into_iter().flat_map(words).collect();
    let mut names: Vec<&LocalizedText> = event.organisations.iter().map(|org| &org.name).collect();
    names.extend(event.people.iter().map(|person| &person.name));
    for place in &event.places {
        names.extend([&place.name, &place.city, &place.region]);
    }
    for text in names.into_iter().flat_map(|name| [&name.en, &name.zh, &name.fr]) {
        let parts: Vec<String> = words(text).collect();
        if (2..=4).contains(&parts.len())
            && parts
                .iter()
                .all(|part| part.bytes().all(|byte| byte.is_ascii_alphanumeric()))
        {
            all.push(parts.concat());
        }
    }
    all
}

/// The edits a query word is forgiven: none under four letters or with a digit, one from
/// four, two from eight (to forty).
fn typos_forgiven(term: &str) -> usize {
    match term.chars().count() {
        _ if term.bytes().any(|byte| byte.is_ascii_digit()) => 0,
        4..=7 => 1,
        8..=40 => 2,
        _ => 0,
    }
}

/// The textbook edit distance (insertions, deletions, substitutions) by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Whether every word of `query` finds the event: it starts one of the event's words,
/// ignoring case; or, when it starts no word of the whole dataset, one of the event's words is
/// within the edits it is forgiven ("did you mean"). The queries here are ASCII letters and
/// digits, and the generated texts English and Chinese, where Latin letters never follow
/// Chinese ones in a word ("2015上海…", "GE医疗"), so lower-casing is all the folding needed.
/// (The search reads "Île" as "ile"; no query word starts "il", and "i" also starts "in",
/// which every summary has.)
fn matches_text(event: &Event, query: &str, dataset_words: &BTreeSet<String>) -> bool {
    let event_words = event_words(event);
    query.split_whitespace().all(|term| {
        let term = term.to_ascii_lowercase();
        if event_words.iter().any(|word| word.starts_with(&term)) {
            return true;
        }
        let forgiven = typos_forgiven(&term);
        forgiven > 0
            && !dataset_words.iter().any(|word| word.starts_with(&term))
            && event_words.iter().any(|word| edit_distance(word, &term) <= forgiven)
    })
}

/// Whether an event passes a facet's selection; a facet with nothing selected lets all pass.
fn passes(facet: Facet, event: &Event, filters: &Filters) -> bool {
    match filters.selected.get(&facet) {
        Some(selected) if !selected.is_empty() => keys_of(facet, event).iter().any(|key| selected.contains(key)),
        _ => true,
    }
}

/// Whether an event passes everything but the facet selections: the map's set, the dates
/// and the search.
/// A period typed among the search words ("2018", "mar 2024") is read by the search crate's
/// `split_period` (tested there) and narrows to the events overlapping it.
fn in_base(
    index: usize,
    event: &Event,
    filters: &Filters,
    within: Option<&FixedBitSet>,
    dataset_words: &BTreeSet<String>,
) -> bool {
    let in_view = within.is_none_or(|within| within.contains(index));
    let in_range = filters
        .date_range
        .is_none_or(|range| event.start <= range.last() && event.last_day() >= range.first());
    let (text, period) = split_period(&filters.text);
    let in_period = period.is_none_or(|period| event.start <= period.last && event.last_day() >= period.first);
    let searched = text.trim().is_empty() || matches_text(event, &text, dataset_words);
    in_view && in_range && in_period && searched
}

/// The visible events in list order (start, last day, id), and per facet every value of the
/// dataset, most frequent in the dataset first (then by key), with the count of events it
/// would give: those passing the base and every other facet's selection.
fn naive_selection(
    events: &[Event],
    filters: &Filters,
    within: Option<&FixedBitSet>,
) -> (Vec<usize>, BTreeMap<Facet, Vec<ValueCount>>) {
    let dataset_words: BTreeSet<String> = events.iter().flat_map(event_words).collect();
    let base: Vec<bool> = (0..events.len())
        .map(|index| in_base(index, &events[index], filters, within, &dataset_words))
        .collect();
    // Per event, whether it passes each facet's selection, in `Facet::ALL` order.
    let passing: Vec<Vec<bool>> = events
        .iter()
        .map(|event| Facet::ALL.iter().map(|&facet| passes(facet, event, filters)).collect())
        .collect();
    let mut visible: Vec<usize> = (0..events.len())
        .filter(|&index| base[index] && passing[index].iter().all(|&passes| passes))
        .collect();
    visible.sort_by_key(|&index| {
        let event = &events[index];
        (event.start, event.last_day(), event.id.clone(), index)
    });
    let mut counts = BTreeMap::new();
    for (position, facet) in Facet::ALL.into_iter().enumerate() {
        let keys: Vec<BTreeSet<String>> = events.iter().map(|event| keys_of(facet, event)).collect();
        let mut in_dataset: BTreeMap<String, usize> = BTreeMap::new();
        for key in keys.iter().flatten() {
            *in_dataset.entry(key.clone()).or_default() += 1;
        }
        let mut values: Vec<(String, usize)> = in_dataset.into_iter().collect();
        values.sort_by(|(a_key, a_count), (b_key, b_count)| b_count.cmp(a_count).then(a_key.cmp(b_key)));
        let facet_counts = values
            .into_iter()
            .map(|(key, _)| {
                let count = (0..events.len())
                    .filter(|&index| {
                        keys[index].contains(&key)
                            && base[index]
                            && (0..Facet::ALL.len())
                                .filter(|&other| other != position)
                                .all(|other| passing[index][other])
                    })
                    .count();
                let selected = filters.selected.get(&facet).is_some_and(|keys| keys.contains(&key));
                ValueCount { key, count, selected }
            })
            .collect();
        counts.insert(facet, facet_counts);
    }
    (visible, counts)
}

/// Random filters, as indices resolved against the dataset once it is generated. Most
/// choices are taken from one event, the anchor, so that filters on several facets and
/// searches of several words often keep some events.
#[derive(Clone, Debug)]
struct FilterChoices {
    anchor: usize,
    /// (facet, value, from the anchor): a value of the anchor's for that facet, or any of the
    /// facet's values in the dataset, or (one pick in eight) one it lacks.
    values: Vec<(usize, usize, bool)>,
    /// A facet whose selection is present but empty.
    empty_facet: Option<usize>,
    /// Two numbers of days and where the range is: anywhere, or with one end within three
    /// days of the anchor's first or last day (where a several-day event may straddle it).
    dates: Option<(i64, i64, u8)>,
    /// Search words as (word, length of its start kept, in capitals, from the anchor);
    /// `Some(empty)` is a blank search box.
    text: Option<Vec<(usize, usize, bool, bool)>>,
    /// Seed of the map's set of events in view.
    within: Option<u64>,
}

fn filter_choices() -> impl Strategy<Value = FilterChoices> {
    (
        any::<usize>(),
        proptest::collection::vec((0usize..Facet::ALL.len(), any::<usize>(), any::<bool>()), 0..4),
        proptest::option::weighted(0.2, 0usize..Facet::ALL.len()),
        proptest::option::of((0i64..6_600, 0i64..4_000, 0u8..3)),
        proptest::option::weighted(
            0.4,
            proptest::collection::vec((any::<usize>(), any::<usize>(), any::<bool>(), any::<bool>()), 0..3),
        ),
        proptest::option::weighted(0.3, any::<u64>()),
    )
        .prop_map(|(anchor, values, empty_facet, dates, text, within)| FilterChoices {
            anchor,
            values,
            empty_facet,
            dates,
            text,
            within,
        })
}

/// Words a visitor might type: those of the English titles, organisations, cities and
/// people's positions (not searchable) of `events`, and some in no event.
fn vocabulary<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<String> {
    let mut vocabulary: BTreeSet<String> = ["zzz", "oncology", "secretary", "organiser"]
        .map(str::to_owned)
        .into_iter()
        .collect();
    for event in events {
        let mut texts = vec![event.title.en.as_str()];
        texts.extend(event.organisations.iter().map(|org| org.name.en.as_str()));
        texts.extend(event.places.iter().map(|place| place.city.en.as_str()));
        texts.extend(event.people.iter().map(|person| person.title.en.as_str()));
        for text in texts {
            vocabulary.extend(words(text).filter(|word| word.bytes().all(|byte| byte.is_ascii_alphanumeric())));
        }
    }
    vocabulary.into_iter().collect()
}

fn resolve(choices: &FilterChoices, events: &[Event]) -> (Filters, Option<FixedBitSet>) {
    let anchor = events.get(choices.anchor % events.len().max(1));
    let mut filters = Filters::default();
    for &(facet, pick, from_anchor) in &choices.values {
        let facet = Facet::ALL[facet];
        let keys: BTreeSet<String> = match anchor {
            Some(anchor) if from_anchor && !keys_of(facet, anchor).is_empty() => keys_of(facet, anchor),
            _ => events.iter().flat_map(|event| keys_of(facet, event)).collect(),
        };
        let key = match keys.iter().nth(pick % keys.len().max(1)) {
            Some(key) if pick % 8 != 0 => key.clone(),
            _ => "no such value".to_owned(),
        };
        filters.selected.entry(facet).or_default().insert(key);
    }
    if let Some(facet) = choices.empty_facet {
        filters.selected.entry(Facet::ALL[facet]).or_default();
    }
    filters.date_range = choices.dates.and_then(|(offset, length, place)| {
        let near = |day: NaiveDate| day + Duration::days(offset % 7 - 3);
        let (first, last) = match (anchor, place) {
            (Some(anchor), 1) => (near(anchor.start), near(anchor.start) + Duration::days(length)),
            (Some(anchor), 2) => (
                near(anchor.last_day()) - Duration::days(length),
                near(anchor.last_day()),
            ),
            _ => {
                let first = NaiveDate::from_ymd_opt(2009, 6, 1)? + Duration::days(offset);
                (first, first + Duration::days(length))
            }
        };
        DateRange::new(first, last)
    });
    if let Some(terms) = &choices.text {
        let (everyone, anchors) = (vocabulary(events), vocabulary(anchor));
        let typed: Vec<String> = terms
            .iter()
            .map(|&(word, length, capitals, from_anchor)| {
                let vocabulary = if from_anchor { &anchors } else { &everyone };
                let word = &vocabulary[word % vocabulary.len()];
                let start = &word[..1 + length % word.len()];
                if capitals {
                    start.to_ascii_uppercase()
                } else {
                    start.to_owned()
                }
            })
            .collect();
        filters.text = format!(" {} ", typed.join("  "));
    }
    let within = choices.within.map(|seed| {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut within = FixedBitSet::with_capacity(events.len());
        (0..events.len())
            .filter(|_| rng.u8(..100) < 70)
            .for_each(|index| within.insert(index));
        within
    });
    (filters, within)
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// The catalog built in slices of any size (the app's loader) is the one built at once,
    /// with repeated ids too (a repeated id keeps its last event either way).
    #[test]
    fn a_catalog_built_in_slices_is_the_one_built_at_once(
        count in 0usize..120,
        seed in any::<u64>(),
        repeats in proptest::collection::vec((any::<usize>(), any::<usize>()), 0..4),
        slice in prop_oneof![Just(1usize), 1usize..50, Just(usize::MAX)],
    ) {
        let mut dataset = dataset(count, seed);
        for (from, to) in repeats {
            if count > 0 {
                dataset.events[to % count].id = dataset.events[from % count].id.clone();
            }
        }
        let mut build = CatalogBuild::new(dataset.clone());
        let mut steps = 0;
        while build.step(slice) {
            steps += 1;
            prop_assert!(steps <= 3 * count + 3, "the build ends");
        }
        let sliced = build.finish();
        prop_assert_eq!(&sliced, &Catalog::new(dataset));
        for event in sliced.events() {
            prop_assert_eq!(sliced.event(&event.id).map(|found| found as *const Event), sliced.events().iter().rev().find(|other| other.id == event.id).map(|found| found as *const Event));
        }
    }
}

proptest! {
    // A failing case is kept beside this file (proptest looks for a lib.rs otherwise).
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// `Catalog::select_within` (and `select`, which is it with no map set) and
    /// `selected_events` against the plain pass. Without the pinyin table, so that an ASCII
    /// word finds only Latin text (pinyin search is checked in the search's own tests).
    #[test]
    fn selection_and_counts_match_a_plain_pass_over_the_events(
        count in 0usize..120,
        seed in any::<u64>(),
        choices in filter_choices(),
    ) {
        with_pinyin_table_hidden(|| {
            let catalog = Catalog::new(dataset(count, seed));
            let events = catalog.events();
            let (filters, within) = resolve(&choices, events);
            let selection = match &within {
                Some(within) => catalog.select_within(&filters, Some(within)),
                None => catalog.select(&filters),
            };
            let (visible, counts) = naive_selection(events, &filters, within.as_ref());

            let mut expected_bits = FixedBitSet::with_capacity(events.len());
            visible.iter().for_each(|&index| expected_bits.insert(index));
            prop_assert_eq!(&selection.visible, &expected_bits, "{:?}", filters);
            prop_assert_eq!(selection.visible_count(), visible.len());
            let listed: Vec<&str> = catalog.selected_events(&selection).map(|event| event.id.as_str()).collect();
            let expected_listed: Vec<&str> = visible.iter().map(|&index| events[index].id.as_str()).collect();
            prop_assert_eq!(listed, expected_listed, "{:?}", filters);
            for facet in Facet::ALL {
                prop_assert_eq!(selection.counts_of(facet), counts[&facet].as_slice(), "{:?} {:?}", facet, filters);
            }
            prop_assert_eq!(selection.counts.len(), Facet::ALL.len());
            Ok(())
        })?;
    }
}

/// The insights' charts against plain passes over the events, with the same crossfilter rule:
/// each chart counts the events passing the base and every facet's selection but its own
/// dimensions' (the time bars: the category; the network: organisations and people).
mod insights {
    use super::*;
    use chrono::Datelike;
    use health_atlas_explore::insights::{network, ranked, time_bars, InsightIndex, Period};
    use health_atlas_model::Category;

    fn counted(events: &[Event], filters: &Filters, within: Option<&FixedBitSet>, ignored: &[Facet]) -> Vec<usize> {
        let dataset_words: BTreeSet<String> = events.iter().flat_map(event_words).collect();
        (0..events.len())
            .filter(|&index| {
                let event = &events[index];
                in_base(index, event, filters, within, &dataset_words)
                    && Facet::ALL
                        .iter()
                        .filter(|facet| !ignored.contains(facet))
                        .all(|&facet| passes(facet, event, filters))
            })
            .collect()
    }

    /// (first day, last day, counts per category) of each bar, from the first month to the
    /// last, and the bar size, worked out with calendar arithmetic rather than month numbers.
    pub fn naive_bars(
        events: &[Event],
        filters: &Filters,
        within: Option<&FixedBitSet>,
    ) -> (Period, Vec<(NaiveDate, NaiveDate, [u32; 10])>) {
        let counted = counted(events, filters, within, &[Facet::Category]);
        let month_of = |day: NaiveDate| NaiveDate::from_ymd_opt(day.year(), day.month(), 1).unwrap();
        let (first, last) = match filters.date_range {
            Some(range) => (month_of(range.first()), month_of(range.last())),
            None => match (
                counted.iter().map(|&index| month_of(events[index].start)).min(),
                counted.iter().map(|&index| month_of(events[index].start)).max(),
            ) {
                (Some(first), Some(last)) => (first, last),
                _ => return (Period::Year, Vec::new()),
            },
        };
        let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32 + 1;
        let (period, size) = if months <= 24 {
            (Period::Month, 1)
        } else if months <= 96 {
            (Period::Quarter, 3)
        } else {
            (Period::Year, 12)
        };
        let start_of = |day: NaiveDate| {
            let month0 = (day.month0() / size) * size;
            NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1).unwrap()
        };
        let mut bars = Vec::new();
        let mut bar = start_of(first);
        while bar <= last {
            let next = bar.checked_add_months(chrono::Months::new(size)).unwrap();
            let mut counts = [0u32; 10];
            for &index in &counted {
                let event = &events[index];
                let day = match filters.date_range {
                    Some(range) if event.start < range.first() => range.first(),
                    _ => event.start,
                };
                if bar <= day && day < next {
                    counts[Category::ALL.iter().position(|&c| c == event.category).unwrap()] += 1;
                }
            }
            bars.push((bar, next.pred_opt().unwrap(), counts));
            bar = next;
        }
        (period, bars)
    }

    /// Node (facet, key) → events, and pair of nodes → shared events, over the network's set.
    #[allow(clippy::type_complexity)]
    pub fn naive_network(
        events: &[Event],
        filters: &Filters,
        within: Option<&FixedBitSet>,
    ) -> (
        BTreeMap<(Facet, String), u32>,
        BTreeMap<((Facet, String), (Facet, String)), u32>,
    ) {
        let (mut nodes, mut edges) = (BTreeMap::new(), BTreeMap::new());
        for index in counted(events, filters, within, &[Facet::Organisation, Facet::Person]) {
            let keys: Vec<(Facet, String)> = [Facet::Organisation, Facet::Person]
                .into_iter()
                .flat_map(|facet| keys_of(facet, &events[index]).into_iter().map(move |key| (facet, key)))
                .collect();
            for (position, a) in keys.iter().enumerate() {
                *nodes.entry(a.clone()).or_insert(0) += 1;
                for b in &keys[position + 1..] {
                    let pair = if a < b {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    };
                    *edges.entry(pair).or_insert(0) += 1;
                }
            }
        }
        (nodes, edges)
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
            ..ProptestConfig::default()
        })]

        /// The time bars, the ranked values and the network against the plain passes.
        #[test]
        fn insights_match_plain_passes_over_the_events(
            count in 0usize..120,
            seed in any::<u64>(),
            choices in filter_choices(),
            limit in 1usize..6,
        ) {
            with_pinyin_table_hidden(|| {
                let catalog = Catalog::new(dataset(count, seed));
                let index = InsightIndex::new(&catalog);
                let events = catalog.events();
                let (filters, within) = resolve(&choices, events);
                let within = within.as_ref();

                let bars = time_bars(&index, &catalog, &filters, within);
                let (period, expected) = naive_bars(events, &filters, within);
                prop_assert_eq!(bars.period, period, "{:?}", filters);
                let got: Vec<_> = bars.bars.iter().map(|bar| (bar.first, bar.last, bar.counts)).collect();
                prop_assert_eq!(got, expected, "{:?}", filters);
                for (position, category) in Category::ALL.into_iter().enumerate() {
                    prop_assert_eq!(bars.selected[position], filters.is_selected(Facet::Category, category.slug()));
                }

                let selection = catalog.select_within(&filters, within);
                let (_, counts) = naive_selection(events, &filters, within);
                for facet in [Facet::Organisation, Facet::Person, Facet::Country, Facet::City] {
                    let chart = ranked(&selection, facet, limit);
                    let mut expected: Vec<&ValueCount> =
                        counts[&facet].iter().filter(|value| value.count > 0 || value.selected).collect();
                    // Equal counts keep the facet's order (the counts' list is checked above).
                    expected.sort_by_key(|value| std::cmp::Reverse(value.count));
                    let top: Vec<ValueCount> = expected
                        .iter()
                        .enumerate()
                        .filter(|(position, value)| *position < limit || value.selected)
                        .map(|(_, value)| (*value).clone())
                        .collect();
                    prop_assert_eq!(&chart.top, &top, "{:?} {:?}", facet, filters);
                    let total: usize = expected.iter().map(|value| value.count).sum();
                    prop_assert_eq!(chart.rest_count + top.iter().map(|value| value.count).sum::<usize>(), total);
                    prop_assert_eq!(chart.rest_values, expected.len() - top.len());
                }

                let whole = network(&index, &catalog, &filters, within, usize::MAX);
                let (nodes, edges) = naive_network(events, &filters, within);
                let got_nodes: BTreeMap<(Facet, String), u32> =
                    whole.nodes.iter().map(|node| ((node.facet, node.key.clone()), node.events)).collect();
                prop_assert_eq!(&got_nodes, &nodes, "{:?}", filters);
                prop_assert_eq!(whole.total_nodes, nodes.len());
                let key = |position: u32| {
                    let node = &whole.nodes[position as usize];
                    (node.facet, node.key.clone())
                };
                let got_edges: BTreeMap<_, u32> =
                    whole.edges.iter().map(|edge| ((key(edge.a), key(edge.b)), edge.weight)).collect();
                let got_edges: BTreeMap<_, u32> = got_edges
                    .into_iter()
                    .map(|((a, b), weight)| (if a < b { (a, b) } else { (b, a) }, weight))
                    .collect();
                prop_assert_eq!(&got_edges, &edges, "{:?}", filters);
                for node in &whole.nodes {
                    prop_assert_eq!(node.selected, filters.is_selected(node.facet, &node.key));
                }
                // The strongest `limit`, then the selected ones beyond them.
                let top = network(&index, &catalog, &filters, within, limit);
                let strongest = limit.min(whole.nodes.len());
                prop_assert_eq!(&top.nodes[..strongest], &whole.nodes[..strongest]);
                let beyond: Vec<_> = whole.nodes[strongest..].iter().filter(|node| node.selected).collect();
                prop_assert_eq!(top.nodes[strongest..].iter().collect::<Vec<_>>(), beyond);
                prop_assert!(whole.nodes.windows(2).all(|pair| pair[0].events >= pair[1].events));
                prop_assert!(top.edges.iter().all(|edge| (edge.a as usize) < top.nodes.len() && (edge.b as usize) < top.nodes.len()));
                Ok(())
            })?;
        }
    }
}
