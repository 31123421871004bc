//! Client-side full-text search over event texts, in Chinese, English and French, with pinyin.
//!
//! Plain Rust, no browser APIs. [`SearchIndex::new`] tokenises every event once
//! (`tokens::document_terms`); [`SearchIndex::search`] matches every query term (a prefix for
//! words, an exact Han unigram/bigram) and ranks by where it matched: title above
//! organisation and person names above the rest.

mod pinyin;
mod tokens;

pub use tokens::{fold, query_terms, QueryTerm};

use std::collections::HashMap;

use fixedbitset::FixedBitSet;

use crate::model::{Event, Lang};

/// Where a term was found, which decides the score. Higher is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Other = 1,
    Names = 2,
    Title = 4,
}

/// A sorted term dictionary with, per term, the events (and best field) that contain it.
#[derive(Debug, PartialEq)]
pub struct SearchIndex {
    event_count: usize,
    /// Sorted by term, so prefixes are a contiguous range found by binary search.
    terms: Vec<(String, Vec<(u32, Field)>)>,
}

/// One matching event and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub event: usize,
    pub score: u32,
}

impl SearchIndex {
    pub fn new(events: &[Event]) -> SearchIndex {
        // Accumulate postings per term in a hash map, then sort only the distinct terms:
        // sorting every (term, event) pair was the bulk of the build time.
        let mut postings: HashMap<String, Vec<(u32, Field)>> = HashMap::new();
        for (index, event) in events.iter().enumerate() {
            let index = index as u32;
            for (text, field) in searchable_texts(event) {
                for term in tokens::document_terms(&text) {
                    let list = postings.entry(term).or_default();
                    // Events arrive in order, so a repeat of this event is the last entry:
                    // keep the best field it was found in.
                    match list.last_mut() {
                        Some((event, best)) if *event == index => *best = (*best).max(field),
                        _ => list.push((index, field)),
                    }
                }
            }
        }
        let mut terms: Vec<(String, Vec<(u32, Field)>)> = postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        SearchIndex {
            event_count: events.len(),
            terms,
        }
    }

    /// Events matching every term of `query`, best first (ties in dataset order).
    /// An empty query matches nothing; callers treat it as "no text filter".
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let terms = query_terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut scores: Option<Vec<u32>> = None;
        for term in &terms {
            let mut term_scores = vec![0u32; self.event_count];
            for (_, list) in self.matching_terms(term) {
                for &(event, field) in list {
                    let slot = &mut term_scores[event as usize];
                    *slot = (*slot).max(field as u32);
                }
            }
            scores = Some(match scores {
                None => term_scores,
                // AND: an event missing any term drops to zero.
                Some(total) => total
                    .iter()
                    .zip(&term_scores)
                    .map(|(&sum, &score)| if sum == 0 || score == 0 { 0 } else { sum + score })
                    .collect(),
            });
        }
        let mut hits: Vec<Hit> = scores
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .filter(|&(_, score)| score > 0)
            .map(|(event, score)| Hit { event, score })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.event.cmp(&b.event)));
        hits
    }

    /// The matching events as a bitset, for combining with the facet filters.
    pub fn matching(&self, query: &str) -> FixedBitSet {
        let mut set = FixedBitSet::with_capacity(self.event_count);
        for hit in self.search(query) {
            set.insert(hit.event);
        }
        set
    }

    fn matching_terms<'a>(&'a self, term: &'a QueryTerm) -> &'a [(String, Vec<(u32, Field)>)] {
        match term {
            QueryTerm::Exact(exact) => match self
                .terms
                .binary_search_by(|(candidate, _)| candidate.as_str().cmp(exact))
            {
                Ok(position) => &self.terms[position..=position],
                Err(_) => &[],
            },
            QueryTerm::Prefix(prefix) => {
                let start = self
                    .terms
                    .partition_point(|(candidate, _)| candidate.as_str() < prefix.as_str());
                let length =
                    self.terms[start..].partition_point(|(candidate, _)| candidate.starts_with(prefix.as_str()));
                &self.terms[start..start + length]
            }
        }
    }
}

/// The texts of an event that search looks at, with the field each counts as.
fn searchable_texts(event: &Event) -> Vec<(String, Field)> {
    let mut texts = Vec::new();
    for lang in Lang::ALL {
        if let Some(title) = event.title.get(lang) {
            texts.push((title.to_owned(), Field::Title));
        }
        if let Some(summary) = event.summary.get(lang) {
            texts.push((summary.to_owned(), Field::Other));
        }
        for organisation in &event.organisations {
            texts.extend(organisation.name.get(lang).map(|name| (name.to_owned(), Field::Names)));
        }
        for person in &event.people {
            texts.extend(person.name.get(lang).map(|name| (name.to_owned(), Field::Names)));
        }
        for place in &event.places {
            for text in [&place.name, &place.city, &place.region] {
                texts.extend(text.get(lang).map(|name| (name.to_owned(), Field::Other)));
            }
        }
    }
    texts.extend(event.tags.iter().map(|tag| (tag.replace('-', " "), Field::Other)));
    texts
}

/// Byte ranges of `text` where the words or Han strings of `query` occur, for highlighting.
/// Case- and accent-insensitive; pinyin matches are not highlighted (nothing to point at).
pub fn match_ranges(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    // Fold character by character, remembering where each folded character came from.
    let mut folded = String::new();
    let mut origin: Vec<std::ops::Range<usize>> = Vec::new();
    for (start, character) in text.char_indices() {
        let before = folded.len();
        tokens::fold_char(character, &mut folded);
        for _ in folded[before..].chars() {
            origin.push(start..start + character.len_utf8());
        }
    }
    let folded_chars: Vec<char> = folded.chars().collect();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for run in tokens::runs(query) {
        let needle: Vec<char> = match run {
            tokens::Run::Word(word) => word.chars().collect(),
            tokens::Run::Han(characters) => characters,
        };
        if needle.is_empty() || needle.len() > folded_chars.len() {
            continue;
        }
        for start in 0..=folded_chars.len() - needle.len() {
            if folded_chars[start..start + needle.len()] == needle[..] {
                ranges.push(origin[start].start..origin[start + needle.len() - 1].end);
            }
        }
    }
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded_dataset;

    fn ids(query: &str) -> Vec<String> {
        let dataset = embedded_dataset().unwrap();
        let index = SearchIndex::new(&dataset.events);
        index
            .search(query)
            .iter()
            .map(|hit| dataset.events[hit.event].id.clone())
            .collect()
    }

    #[test]
    fn chinese_queries_find_their_events() {
        assert!(ids("无锡").contains(&"tbhc-2023".to_owned()), "{:?}", ids("无锡"));
        assert!(ids("上海健康医学院").contains(&"china-health-equipment-conference-2023".to_owned()));
        assert!(
            ids("干细胞").iter().any(|id| id.starts_with("aiia")),
            "{:?}",
            ids("干细胞")
        );
    }

    #[test]
    fn pinyin_full_and_initials_find_chinese_names() {
        assert!(ids("wuxi").contains(&"tbhc-2023".to_owned()));
        assert!(ids("wx").contains(&"tbhc-2023".to_owned()));
        assert!(ids("changchun").contains(&"changchun-medicine-forum-2021".to_owned()));
    }

    #[test]
    fn pinyin_finds_events_titled_only_in_chinese() {
        let json = r#"{"schema_version": 1, "events": [
            {"id": "cc", "title": {"zh": "长春医药论坛"}, "category": "forum", "start": "2021-07-20", "precision": "exact",
             "sources": [{"file": "a.txt", "language": "zh", "quote": "q"}]},
            {"id": "wx", "title": {"zh": "无锡大会"}, "category": "conference", "start": "2023-05-18", "precision": "exact",
             "sources": [{"file": "a.txt", "language": "zh", "quote": "q"}]}
        ]}"#;
        let dataset = crate::data::parse_dataset(json).unwrap();
        let index = SearchIndex::new(&dataset.events);
        let found = |query: &str| {
            index
                .search(query)
                .iter()
                .map(|hit| dataset.events[hit.event].id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(found("changchun"), ["cc"]);
        assert_eq!(found("chang"), ["cc"]);
        assert_eq!(found("wuxi"), ["wx"]);
        assert_eq!(found("wx"), ["wx"]);
        assert_eq!(found("医药"), ["cc"]);
    }

    #[test]
    fn accents_case_and_prefixes() {
        let conference = ids("Conférence");
        assert!(conference.contains(&"tbhc-2023".to_owned()));
        // Typing a prefix finds at least what the whole word finds.
        let prefix = ids("conf");
        assert!(
            conference.iter().all(|id| prefix.contains(id)),
            "{prefix:?} vs {conference:?}"
        );
        assert!(ids("TAIHU").contains(&"tbhc-2023".to_owned()));
    }

    #[test]
    fn every_term_must_match_and_titles_rank_first() {
        assert_eq!(ids("wuxi zzzz"), Vec::<String>::new());
        let hits = ids("taihu");
        assert_eq!(hits.first().map(String::as_str), Some("tbhc-2023"), "{hits:?}");
        assert_eq!(ids(""), Vec::<String>::new());
    }

    #[test]
    fn match_ranges_point_into_the_original_text() {
        let text = "La Conférence de Taihu Bay à Wuxi";
        let ranges = match_ranges(text, "conference wuxi");
        let found: Vec<&str> = ranges.iter().map(|range| &text[range.clone()]).collect();
        assert_eq!(found, ["Conférence", "Wuxi"]);
        let chinese = "2023太湖湾未来医疗健康大会";
        let ranges = match_ranges(chinese, "健康");
        assert_eq!(
            ranges.iter().map(|range| &chinese[range.clone()]).collect::<Vec<_>>(),
            ["健康"]
        );
    }
}
