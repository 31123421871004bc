//! What the element's attributes (and the iframe page's query) mean, as plain functions:
//! no browser APIs here, so every rule is tested natively. Attributes are untrusted text
//! pasted into a host page: anything unreadable is ignored, never a panic.

use super::url_state::{decode, encode, ActiveView, StoryLink};

/// The link an instance opens at: the `link` attribute (a whole view, as in the address
/// bar), then `filters` (only its filter keys are used, e.g. `cat=conference&q=无锡`) and
/// `view` (`timeline`, `map`, `list` or `combined`) on top. `None` when all are defaults.
pub fn start_link(link: Option<&str>, filters: Option<&str>, view: Option<&str>) -> Option<String> {
    let mut state = decode(link.unwrap_or_default()).state;
    if let Some(filters) = filters.filter(|text| !text.trim().is_empty()) {
        state.filters = decode(filters).state.filters;
    }
    if let Some(active_view) = view.and_then(|slug| ActiveView::from_slug(slug.trim())) {
        state.active_view = active_view;
    }
    let encoded = encode(&state);
    (!encoded.is_empty()).then_some(encoded)
}

/// The link with the story the `story` attribute (or the iframe page's `story=`) names, at
/// `step` (a whole number; anything else is its title card). Without a story, the link as it was.
pub fn start_story(link: Option<String>, story: Option<&str>, step: Option<&str>) -> Option<String> {
    let Some(id) = story.map(str::trim).filter(|id| !id.is_empty()) else {
        return link;
    };
    let mut state = decode(link.as_deref().unwrap_or_default()).state;
    state.story = Some(StoryLink {
        id: id.to_owned(),
        step: step.and_then(|step| step.trim().parse().ok()).unwrap_or(0),
    });
    Some(encode(&state))
}

/// A CSS height from the `height` attribute: a bare number is pixels; a number with one of
/// a few units is kept. Anything else (`calc(…)`, `expression(…)`, `;`) is refused, so the
/// value set through the CSSOM is always a plain length.
pub fn css_height(value: &str) -> Option<String> {
    const UNITS: [&str; 6] = ["px", "vh", "svh", "rem", "em", "%"];
    let value = value.trim();
    let (number, unit) = match UNITS.iter().find(|unit| value.ends_with(*unit)) {
        Some(unit) => (&value[..value.len() - unit.len()], *unit),
        None => (value, "px"),
    };
    let parsed: f64 = number.parse().ok()?;
    let sane = parsed.is_finite() && parsed > 0.0 && parsed <= 100_000.0;
    // `parse` accepts "inf" and "1e3"; only plain decimal digits are a length here.
    let plain = number
        .chars()
        .all(|character| character.is_ascii_digit() || character == '.');
    (sane && plain).then(|| format!("{number}{unit}"))
}

/// The colour scheme asked for by `theme=` (element attribute or iframe query).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows the reader's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
}

impl Theme {
    pub fn from_attribute(value: &str) -> Theme {
        match value.trim().to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The class on the page's `<html>` that `atlas.css` reads (the element uses
    /// `:host([theme=…])` instead, so it needs no class).
    pub fn page_class(self) -> Option<&'static str> {
        match self {
            Theme::Light => Some("ha-theme-light"),
            Theme::Dark => Some("ha-theme-dark"),
            Theme::Auto => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_attribute_opens_its_step_over_the_link() {
        assert_eq!(start_story(None, None, Some("2")), None);
        assert_eq!(
            start_story(Some("v=1&cat=forum".into()), Some(" "), None).as_deref(),
            Some("v=1&cat=forum")
        );
        assert_eq!(
            start_story(Some("v=1&cat=forum".into()), Some("tbhc-2023-story"), Some("2")).as_deref(),
            Some("v=1&cat=forum&story=tbhc-2023-story&step=2")
        );
        assert_eq!(
            start_story(None, Some("a"), Some("two")).as_deref(),
            Some("v=1&story=a")
        );
    }

    #[test]
    fn start_link_layers_filters_and_view_over_the_link() {
        assert_eq!(start_link(None, None, None), None);
        assert_eq!(start_link(Some(""), Some("  "), Some("nonsense")), None);
        assert_eq!(
            start_link(None, Some("cat=forum"), None).as_deref(),
            Some("v=1&cat=forum")
        );
        assert_eq!(start_link(None, None, Some("map")).as_deref(), Some("v=1&view=map"));
        assert_eq!(
            start_link(Some("#v=1&cat=forum&event=x"), Some("q=无锡"), Some("list")).as_deref(),
            Some("v=1&q=无锡&event=x&view=list"),
            "filters replace the link's filters but keep its selection"
        );
        // Only filter keys come from `filters`: an event or a view there is left out.
        assert_eq!(start_link(None, Some("event=x&view=map"), None), None);
        assert_eq!(start_link(None, None, Some("combined")), None);
    }

    #[test]
    fn heights_are_plain_lengths_or_nothing() {
        assert_eq!(css_height("600").as_deref(), Some("600px"));
        assert_eq!(css_height(" 80vh ").as_deref(), Some("80vh"));
        assert_eq!(css_height("40.5rem").as_deref(), Some("40.5rem"));
        assert_eq!(css_height("100%").as_deref(), Some("100%"));
        for refused in [
            "",
            "px",
            "-5",
            "0",
            "inf",
            "1e3",
            "calc(1px)",
            "10px;color:red",
            "NaN",
            "10 px",
            "9999999",
        ] {
            assert_eq!(css_height(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn themes_read_loosely_and_default_to_auto() {
        assert_eq!(Theme::from_attribute("Dark"), Theme::Dark);
        assert_eq!(Theme::from_attribute("light"), Theme::Light);
        assert_eq!(Theme::from_attribute("purple"), Theme::Auto);
        assert_eq!(Theme::Auto.page_class(), None);
    }
}
