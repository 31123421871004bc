//! Text in several languages, with an explicit fallback so the UI can show when it is
//! displaying another language than the one asked for.

use serde::{Deserialize, Serialize};

/// A language the dataset and the UI know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Zh, Lang::Fr];

    /// BCP 47 tag, as used in `lang=` attributes and URLs.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Fr => "fr",
        }
    }

    /// Reads a BCP 47 tag loosely: `zh-CN`, `zh-Hans`, `fr-FR`, `EN` all resolve.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The order in which to fall back when a text is missing in `self`.
    fn fallbacks(self) -> [Lang; 3] {
        match self {
            Lang::En => [Lang::En, Lang::Zh, Lang::Fr],
            Lang::Zh => [Lang::Zh, Lang::En, Lang::Fr],
            Lang::Fr => [Lang::Fr, Lang::En, Lang::Zh],
        }
    }
}

/// A text in English, Chinese and (where the source is French) French.
/// Empty strings mean "not available in that language".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub zh: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fr: String,
}

impl LocalizedText {
    pub fn new(en: &str, zh: &str, fr: &str) -> LocalizedText {
        LocalizedText {
            en: en.to_owned(),
            zh: zh.to_owned(),
            fr: fr.to_owned(),
        }
    }

    /// The text in exactly `lang`, if present (whitespace-only counts as absent).
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let trimmed = self.as_written(lang).trim();
        (!trimmed.is_empty()).then_some(trimmed)
    }

    /// The text in `lang` as written, empty or not: what an editor shows.
    pub fn as_written(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
            Lang::Fr => &self.fr,
        }
    }

    /// The text in `lang`, for an editor to change.
    pub fn as_written_mut(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::En => &mut self.en,
            Lang::Zh => &mut self.zh,
            Lang::Fr => &mut self.fr,
        }
    }

    /// The best text for `lang` and the language it is actually in, so the view can mark
    /// a fallback. `None` only when every language is empty.
    pub fn resolve(&self, lang: Lang) -> Option<(&str, Lang)> {
        lang.fallbacks()
            .into_iter()
            .find_map(|candidate| self.get(candidate).map(|text| (text, candidate)))
    }

    /// The best text for `lang`, or `""` when there is none at all.
    pub fn best(&self, lang: Lang) -> &str {
        self.resolve(lang).map_or("", |(text, _)| text)
    }

    pub fn is_empty(&self) -> bool {
        Lang::ALL.into_iter().all(|lang| self.get(lang).is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_falls_back_and_says_to_which_language() {
        let text = LocalizedText::new("Conference", "会议", "");
        assert_eq!(text.resolve(Lang::Fr), Some(("Conference", Lang::En)));
        assert_eq!(text.resolve(Lang::Zh), Some(("会议", Lang::Zh)));
        let only_chinese = LocalizedText::new("", "会议", "");
        assert_eq!(only_chinese.resolve(Lang::En), Some(("会议", Lang::Zh)));
    }

    #[test]
    fn whitespace_only_is_absent() {
        let text = LocalizedText::new("  ", "", "");
        assert!(text.is_empty());
        assert_eq!(text.resolve(Lang::En), None);
        assert_eq!(text.best(Lang::En), "");
    }

    #[test]
    fn language_tags_are_read_loosely() {
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("FR_fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
