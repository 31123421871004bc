//! What the shipped dataset needs beyond a valid file: an English and a Chinese `title` and
//! `summary` for every event.
//!
//! [`parse_dataset`](super::parse_dataset) accepts a text in any one language, because a `src=`
//! dataset may well be English only and the app falls back between languages. The tests hold
//! `data/events.json` to both languages, and `atlas-data validate` warns about the gaps with
//! this same list, so a maintainer hears about them before `cargo test` fails. These are
//! warnings, never errors: nothing here stops a build or a `src=` dataset.

use std::fmt;

use crate::{Dataset, Lang};

/// The languages every title and summary of the shipped dataset must have.
pub const REQUIRED_LANGUAGES: [Lang; 2] = [Lang::En, Lang::Zh];

/// One event's `title` or `summary` without text in one or more required languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingText {
    /// The event's index in the file (`events[3]`).
    pub event_index: usize,
    pub id: String,
    /// `title` or `summary`.
    pub field: &'static str,
    pub missing: Vec<Lang>,
}

impl MissingText {
    /// Where the text belongs, as a path of the JSON file: `events[3].summary`.
    pub fn path(&self) -> String {
        format!("events[{}].{}", self.event_index, self.field)
    }
}

impl fmt::Display for MissingText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let languages: Vec<&str> = self.missing.iter().map(|lang| lang.tag()).collect();
        write!(
            f,
            "{} (event {:?}) has no {} text",
            self.path(),
            self.id,
            languages.join(" or ")
        )
    }
}

/// Every title and summary missing a required language, in file order.
pub fn missing_texts(dataset: &Dataset) -> Vec<MissingText> {
    let mut found = Vec::new();
    for (event_index, event) in dataset.events.iter().enumerate() {
        for (field, text) in [("title", &event.title), ("summary", &event.summary)] {
            let missing: Vec<Lang> = REQUIRED_LANGUAGES
                .into_iter()
                .filter(|&lang| text.get(lang).is_none())
                .collect();
            if !missing.is_empty() {
                found.push(MissingText {
                    event_index,
                    id: event.id.clone(),
                    field,
                    missing,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocalizedText;

    #[test]
    fn lists_each_field_and_language_missing() {
        let mut dataset = crate::generate::generate(2, 7);
        dataset.events[0].summary = LocalizedText::new("Only English", "", "Seulement en français");
        dataset.events[1].title = LocalizedText::new("", "", "Titre");
        dataset.events[1].summary = LocalizedText::new("  ", "只有中文", "");
        let found: Vec<String> = missing_texts(&dataset).iter().map(ToString::to_string).collect();
        let (first, second) = (&dataset.events[0].id, &dataset.events[1].id);
        assert_eq!(
            found,
            [
                format!("events[0].summary (event {first:?}) has no zh text"),
                format!("events[1].title (event {second:?}) has no en or zh text"),
                format!("events[1].summary (event {second:?}) has no en text"),
            ]
        );
    }

    #[test]
    fn the_shipped_dataset_misses_none() {
        let dataset = crate::embedded_dataset().unwrap(); // ok: the shipped dataset is valid (build.rs)
        assert_eq!(missing_texts(&dataset), []);
    }
}
