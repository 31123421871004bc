//! What a facet value is called in the reader's language. Facet keys are stable (the English
//! name where the data has one, so links and selections survive a language switch); this
//! finds the names the data gives for each key, so a Chinese reader sees 无锡 under "City"
//! while the key stays "Wuxi".

use std::collections::HashMap;

use super::Facet;
use crate::i18n::pick;
use health_atlas_model::{Event, Lang, LocalizedText};

/// The data's own names for each organisation, person, region and city key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetLabels {
    /// One table per named facet (in [`NAMED`]'s order), keyed by the key alone, so a lookup
    /// borrows the key instead of allocating one: at 100,000 events the build looks up every
    /// organisation, person and place of every event.
    names: [HashMap<String, LocalizedText>; NAMED.len()],
}

/// The facets whose values the data names in several languages.
const NAMED: [Facet; 4] = [Facet::Organisation, Facet::Person, Facet::Region, Facet::City];

fn table(facet: Facet) -> Option<usize> {
    NAMED.iter().position(|&named| named == facet)
}

impl FacetLabels {
    pub fn new(events: &[Event]) -> FacetLabels {
        let mut labels = FacetLabels::default();
        labels.add(events);
        labels
    }

    /// Adds the names of more events (the catalog's build adds them a slice at a time).
    pub(crate) fn add(&mut self, events: &[Event]) {
        let names = &mut self.names;
        let mut remember = |facet: Facet, text: &LocalizedText| {
            let key = text.best(Lang::En);
            let Some(names) = table(facet).map(|table| &mut names[table]) else {
                return;
            };
            // The first event naming a key decides its translations; later ones that spell
            // it differently would only make the list flicker between spellings.
            if !key.is_empty() && !names.contains_key(key) {
                names.insert(key.to_owned(), text.clone());
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
    }

    /// The value's name in `lang` when the data has one; otherwise `None` (the caller shows
    /// the key itself, or its own label for categories).
    pub fn name(&self, facet: Facet, key: &str, lang: Lang) -> Option<&str> {
        let text = self.names[table(facet)?].get(key)?;
        Some(text.best(lang)).filter(|name| !name.is_empty())
    }
}

/// A facet's heading in the filter panel.
pub fn facet_label(facet: Facet, lang: Lang) -> &'static str {
    match facet {
        Facet::Category => pick(lang, "Category", "类别", "Catégorie"),
        Facet::Organisation => pick(lang, "Organisation", "机构", "Organisation"),
        Facet::Person => pick(lang, "Person", "人物", "Personne"),
        Facet::Country => pick(lang, "Country", "国家/地区", "Pays"),
        Facet::Region => pick(lang, "Province / region", "省份/地区", "Province / région"),
        Facet::City => pick(lang, "City", "城市", "Ville"),
        Facet::Tag => pick(lang, "Tag", "标签", "Mot-clé"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_named_in_the_reader_language_with_fallback() {
        let dataset = health_atlas_dataset::embedded_dataset().unwrap();
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
