//! What a facet value is called in the reader's language. Facet keys are stable (the English
//! name where the data has one, so links and selections survive a language switch); this
//! finds the names the data gives for each key, so a Chinese reader sees 无锡 under "City"
//! while the key stays "Wuxi".

use std::collections::HashMap;

use super::Facet;
use crate::model::{Event, Lang, LocalizedText};

/// The data's own names for each organisation, person, region and city key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetLabels {
    names: HashMap<(Facet, String), LocalizedText>,
}

impl FacetLabels {
    pub fn new(events: &[Event]) -> FacetLabels {
        let mut names = HashMap::new();
        let mut remember = |facet: Facet, text: &LocalizedText| {
            let key = text.best(Lang::En);
            if !key.is_empty() {
                // The first event naming a key decides its translations; later ones that spell
                // it differently would only make the list flicker between spellings.
                names.entry((facet, key.to_owned())).or_insert_with(|| text.clone());
            }
        };
        for event in events {
            for organisation in &event.organisations {
                remember(Facet::Organisation, &organisation.name);
            }
            for person in &event.people {
                remember(Facet::Person, &person.name);
            }
            for place in &event.places {
                remember(Facet::Region, &place.region);
                remember(Facet::City, &place.city);
            }
        }
        FacetLabels { names }
    }

    /// The value's name in `lang` when the data has one; otherwise `None` (the caller shows
    /// the key itself, or its own label for categories).
    pub fn name(&self, facet: Facet, key: &str, lang: Lang) -> Option<&str> {
        let text = self.names.get(&(facet, key.to_owned()))?;
        Some(text.best(lang)).filter(|name| !name.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_named_in_the_reader_language_with_fallback() {
        let dataset = crate::data::embedded_dataset().unwrap();
        let labels = FacetLabels::new(&dataset.events);
        assert_eq!(labels.name(Facet::City, "Wuxi", Lang::Zh), Some("无锡"));
        assert_eq!(labels.name(Facet::City, "Wuxi", Lang::En), Some("Wuxi"));
        assert_eq!(
            labels.name(Facet::City, "Wuxi", Lang::Fr),
            Some("Wuxi"),
            "French falls back"
        );
        assert_eq!(labels.name(Facet::City, "Atlantis", Lang::Zh), None);
        assert_eq!(
            labels.name(Facet::Tag, "healthy-china", Lang::Zh),
            None,
            "tags are their own names"
        );
    }
}
