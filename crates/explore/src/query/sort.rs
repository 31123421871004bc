//! Ordering the visible events for the list: by date, title, place or category, either way.
//!
//! The list is the accessible equal of the timeline and the map, so a reader who cannot use
//! those sorts it instead. Text columns sort by what the reader sees, in the reader's
//! language: titles and places with the same language fallback the views use, categories by
//! their translated label. Comparison is case-insensitive and ignores the accents of Latin
//! letters ("Échange" sorts with "e"); Han characters sort by code point, which for the
//! unified ideographs is the dictionaries' radical-and-stroke order (no collation tables are
//! shipped). Ties, and events without a place, keep chronological order; events without a
//! place come last in either direction, as an empty cell would in a spreadsheet.
//!
//! Plain Rust: no browser, no state. It only reads the [`Catalog`].

use std::cmp::Ordering;

use super::{Catalog, Selection};
use crate::i18n::category_label;
use health_atlas_model::{Event, Lang};

/// A column the list sorts by, or the search's ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    Date,
    Title,
    Place,
    Category,
    /// Best match first while there is a search text ([`Selection::best_match`]); by date
    /// without one. Not a column: the list offers it beside the table while searching.
    BestMatch,
}

impl SortKey {
    /// The columns.
    pub const ALL: [SortKey; 4] = [SortKey::Date, SortKey::Title, SortKey::Place, SortKey::Category];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortDirection {
    Ascending,
    Descending,
}

/// The list's order: a column and a direction. The default is best match first while there
/// is a search text, and chronological otherwise ([`ListOrder::effective`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ListOrder {
    pub key: SortKey,
    pub direction: SortDirection,
}

impl Default for ListOrder {
    fn default() -> ListOrder {
        ListOrder {
            key: SortKey::BestMatch,
            direction: SortDirection::Ascending,
        }
    }
}

impl ListOrder {
    /// The order after a reader chooses the column `key`: the same column again turns the
    /// direction round; another column starts ascending.
    pub fn choosing(self, key: SortKey) -> ListOrder {
        if self.key == key {
            let direction = match self.direction {
                SortDirection::Ascending => SortDirection::Descending,
                SortDirection::Descending => SortDirection::Ascending,
            };
            ListOrder { key, direction }
        } else {
            ListOrder {
                key,
                direction: SortDirection::Ascending,
            }
        }
    }

    /// The order the list is in for `selection`: best match only while there is a search text
    /// (otherwise by date, ascending).
    pub fn effective(self, selection: &Selection) -> ListOrder {
        if self.key == SortKey::BestMatch && selection.best_match.is_none() {
            ListOrder {
                key: SortKey::Date,
                direction: SortDirection::Ascending,
            }
        } else {
            self
        }
    }

    /// The direction of `key`'s column, `None` when the list is sorted by another one.
    pub fn direction_of(self, key: SortKey) -> Option<SortDirection> {
        (self.key == key).then_some(self.direction)
    }
}

impl Catalog {
    /// The events `selection` keeps, in `order`, with text compared in `lang`.
    pub fn sorted_events<'a>(&'a self, selection: &Selection, order: ListOrder, lang: Lang) -> Vec<&'a Event> {
        self.sorted_positions(selection, order, lang)
            .into_iter()
            .map(|position| &self.dataset.events[position])
            .collect()
    }

    /// As [`Catalog::sorted_events`], but each event's position in [`Catalog::events`]: what a
    /// view memoises, since it outlives a borrow of the catalog.
    pub fn sorted_positions(&self, selection: &Selection, order: ListOrder, lang: Lang) -> Vec<usize> {
        let order = order.effective(selection);
        if let (SortKey::BestMatch, Some(best)) = (order.key, &selection.best_match) {
            return best.clone();
        }
        let chronological = self
            .chronological
            .iter()
            .copied()
            .filter(|&position| selection.visible.contains(position));
        if order.key == SortKey::Date {
            return match order.direction {
                SortDirection::Ascending => chronological.collect(),
                SortDirection::Descending => {
                    let mut positions: Vec<usize> = chronological.collect();
                    positions.reverse();
                    positions
                }
            };
        }
        // Keys are computed once per event; the sort is stable, so ties stay chronological.
        let mut keyed: Vec<(Option<String>, usize)> = chronological
            .map(|position| (sort_text(&self.dataset.events[position], order.key, lang), position))
            .collect();
        keyed.sort_by(|(first, _), (second, _)| match (first, second) {
            (Some(first), Some(second)) => match order.direction {
                SortDirection::Ascending => first.cmp(second),
                SortDirection::Descending => second.cmp(first),
            },
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        keyed.into_iter().map(|(_, position)| position).collect()
    }
}

/// The folded text an event sorts by in a text column; `None` when it has no value there.
fn sort_text(event: &Event, key: SortKey, lang: Lang) -> Option<String> {
    let text = match key {
        // Never called for dates (they sort by day) or best match; the title is a harmless stand-in.
        SortKey::Date | SortKey::BestMatch | SortKey::Title => event.title.best(lang),
        SortKey::Place => {
            let place = event.places.first()?;
            if place.city.is_empty() {
                place.name.best(lang)
            } else {
                place.city.best(lang)
            }
        }
        SortKey::Category => category_label(event.category, lang),
    };
    let folded = fold(text);
    (!folded.is_empty()).then_some(folded)
}

/// Lower case without the accents of Latin letters, so "École" sorts beside "ecole" rather
/// than after "z". A table rather than Unicode decomposition, which would ship its tables in
/// the wasm for the few letters French and English use.
fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for character in text.trim().chars().flat_map(char::to_lowercase) {
        match character {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => folded.push('a'),
            'æ' => folded.push_str("ae"),
            'ç' => folded.push('c'),
            'è' | 'é' | 'ê' | 'ë' => folded.push('e'),
            'ì' | 'í' | 'î' | 'ï' => folded.push('i'),
            'ñ' => folded.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => folded.push('o'),
            'œ' => folded.push_str("oe"),
            'ù' | 'ú' | 'û' | 'ü' => folded.push('u'),
            'ý' | 'ÿ' => folded.push('y'),
            // Quotes and brackets in front of a title ("«", "(", "“") would put it first.
            '«' | '»' | '“' | '”' | '"' | '\'' | '(' | ')' | '《' | '》' | '「' | '」' if folded.is_empty() =>
                {}
            other => folded.push(other),
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Filters;
    use health_atlas_model::parse_dataset;

    /// Four events whose titles, places and categories each sort differently from their dates.
    fn catalog() -> Catalog {
        let json = r#"{"schema_version": 1, "events": [
            {"id": "b-2019", "title": {"en": "Zhangjiang forum", "zh": "张江论坛", "fr": "Forum de Zhangjiang"},
             "category": "forum", "start": "2019-05-01", "precision": "exact",
             "places": [{"name": {"en": "Hall"}, "city": {"en": "Shanghai", "zh": "上海"}, "country": "CN", "lat": 31.2, "lon": 121.5, "precision": "city"}],
             "sources": [{"file": "a.txt", "language": "en", "quote": "q"}]},
            {"id": "a-2017", "title": {"en": "école summit", "zh": "峰会", "fr": "Sommet de l'école"},
             "category": "summit", "start": "2017-01-01", "precision": "exact",
             "sources": [{"file": "a.txt", "language": "en", "quote": "q"}]},
            {"id": "c-2023", "title": {"en": "Anhui conference", "zh": "安徽会议", "fr": "Conférence de l'Anhui"},
             "category": "conference", "start": "2023-12-09", "precision": "exact",
             "places": [{"name": {"en": "Centre"}, "city": {"en": "Wuxi", "zh": "无锡"}, "country": "CN", "lat": 31.5, "lon": 120.3, "precision": "city"}],
             "sources": [{"file": "a.txt", "language": "en", "quote": "q"}]},
            {"id": "d-2021", "title": {"en": "Beijing launch"},
             "category": "forum", "start": "2021-03-01", "precision": "exact",
             "places": [{"name": {"en": "Beijing hall"}, "country": "CN", "lat": 39.9, "lon": 116.4, "precision": "venue"}],
             "sources": [{"file": "a.txt", "language": "en", "quote": "q"}]}
        ]}"#;
        Catalog::new(parse_dataset(json).unwrap()) // ok: a fixed, valid test dataset
    }

    fn sorted(catalog: &Catalog, filters: &Filters, key: SortKey, direction: SortDirection, lang: Lang) -> Vec<String> {
        let selection = catalog.select(filters);
        catalog
            .sorted_events(&selection, ListOrder { key, direction }, lang)
            .into_iter()
            .map(|event| event.id.clone())
            .collect()
    }

    #[test]
    fn each_column_sorts_both_ways() {
        use SortDirection::{Ascending, Descending};
        let catalog = catalog();
        let all = Filters::default();
        let cases: [(SortKey, SortDirection, Lang, [&str; 4]); 10] = [
            (
                SortKey::Date,
                Ascending,
                Lang::En,
                ["a-2017", "b-2019", "d-2021", "c-2023"],
            ),
            (
                SortKey::Date,
                Descending,
                Lang::En,
                ["c-2023", "d-2021", "b-2019", "a-2017"],
            ),
            // "école" sorts as "ecole", between "Beijing" and "Zhangjiang".
            (
                SortKey::Title,
                Ascending,
                Lang::En,
                ["c-2023", "d-2021", "a-2017", "b-2019"],
            ),
            (
                SortKey::Title,
                Descending,
                Lang::En,
                ["b-2019", "a-2017", "d-2021", "c-2023"],
            ),
            // French titles: Conférence < Forum < Sommet; "Beijing launch" has no French, so its English title.
            (
                SortKey::Title,
                Ascending,
                Lang::Fr,
                ["d-2021", "c-2023", "b-2019", "a-2017"],
            ),
            // Places: the city, else the place's name; no place comes last in either direction.
            (
                SortKey::Place,
                Ascending,
                Lang::En,
                ["d-2021", "b-2019", "c-2023", "a-2017"],
            ),
            (
                SortKey::Place,
                Descending,
                Lang::En,
                ["c-2023", "b-2019", "d-2021", "a-2017"],
            ),
            // Categories by their label in the reader's language; the two forums keep their
            // chronological order in either direction.
            (
                SortKey::Category,
                Ascending,
                Lang::En,
                ["c-2023", "b-2019", "d-2021", "a-2017"],
            ),
            (
                SortKey::Category,
                Descending,
                Lang::En,
                ["a-2017", "b-2019", "d-2021", "c-2023"],
            ),
            // Chinese labels by code point: 会议 (U+4F1A) < 峰会 (U+5CF0) < 论坛 (U+8BBA).
            (
                SortKey::Category,
                Ascending,
                Lang::Zh,
                ["c-2023", "a-2017", "b-2019", "d-2021"],
            ),
        ];
        for (key, direction, lang, expected) in cases {
            assert_eq!(
                sorted(&catalog, &all, key, direction, lang),
                expected,
                "{key:?} {direction:?} in {lang:?}"
            );
        }
    }

    #[test]
    fn sorting_keeps_only_the_selected_events() {
        let catalog = catalog();
        let mut filters = Filters::default();
        filters.toggle(crate::query::Facet::Category, "forum");
        assert_eq!(
            sorted(&catalog, &filters, SortKey::Title, SortDirection::Descending, Lang::En),
            ["b-2019", "d-2021"]
        );
        filters.toggle(crate::query::Facet::Category, "forum");
        filters.text = "zzzzqqqq".into();
        assert!(sorted(&catalog, &filters, SortKey::Place, SortDirection::Ascending, Lang::En).is_empty());
    }

    #[test]
    fn with_a_search_text_the_default_order_is_best_match_first() {
        let catalog = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap()); // ok: valid
        let filters = Filters {
            text: "zhangjiang".into(),
            ..Filters::default()
        };
        let selection = catalog.select(&filters);
        assert_eq!(ListOrder::default().effective(&selection).key, SortKey::BestMatch);
        let ids = |order: ListOrder| -> Vec<String> {
            catalog
                .sorted_events(&selection, order, Lang::En)
                .iter()
                .map(|event| event.id.clone())
                .collect()
        };
        // The association has Zhangjiang in its title; the fair (earlier) in a tag and its summary.
        let fair = "csitf-2017".to_owned();
        let association = "zhangjiang-health-association-founding-2017".to_owned();
        assert_eq!(ids(ListOrder::default()), [association.clone(), fair.clone()]);
        // Chosen explicitly, a column keeps its order while searching.
        let by_date = ListOrder::default().effective(&selection).choosing(SortKey::Date);
        assert_eq!(by_date.effective(&selection), by_date);
        assert_eq!(ids(by_date), [fair, association]);
    }

    #[test]
    fn choosing_a_column_twice_turns_the_direction_round() {
        // Without a search text the default order is by date (best match needs one).
        let order = ListOrder::default().effective(&catalog().select(&Filters::default()));
        assert_eq!(order.direction_of(SortKey::Date), Some(SortDirection::Ascending));
        assert_eq!(order.direction_of(SortKey::Title), None);
        let by_date_descending = order.choosing(SortKey::Date);
        assert_eq!(by_date_descending.direction, SortDirection::Descending);
        let by_title = by_date_descending.choosing(SortKey::Title);
        assert_eq!(
            by_title,
            ListOrder {
                key: SortKey::Title,
                direction: SortDirection::Ascending
            }
        );
        assert_eq!(by_title.choosing(SortKey::Title).choosing(SortKey::Title), by_title);
    }

    #[test]
    fn folding_ignores_case_accents_and_leading_quotes() {
        assert_eq!(fold("  École Œuvre"), "ecole oeuvre");
        assert_eq!(fold("«Forum»"), "forum»");
        assert_eq!(fold("《健康》"), "健康》");
        assert_eq!(fold(""), "");
    }
}
