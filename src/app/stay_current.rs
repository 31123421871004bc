//! The options of the feeds and the upcoming view, as the element's attributes and the
//! iframe page's query give them (`feeds`, `view="upcoming"`, `limit`, `link-to`). Plain
//! functions, tested natively; resolving relative URLs is the app's (it knows the page).

/// The `feeds` option: where the feeds directory is, or that there is none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FeedsOption {
    /// Not given: `feeds/` beside the page (an element: beside its build's `index.html`),
    /// where the release bundle puts what `atlas-data feeds` writes.
    #[default]
    Beside,
    /// `feeds="none"`: this site publishes no feeds, so no Subscribe menu.
    Hidden,
    /// A URL of the feeds directory, as given (relative to the page, or absolute).
    At(String),
}

impl FeedsOption {
    pub fn from_attribute(value: Option<&str>) -> FeedsOption {
        match value.map(str::trim) {
            None | Some("") => FeedsOption::Beside,
            Some(value) if value.eq_ignore_ascii_case("none") => FeedsOption::Hidden,
            Some(url) => FeedsOption::At(url.to_owned()),
        }
    }
}

/// The upcoming view's options: how many events, and which atlas page they link to
/// (`None`: the build's own page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpcomingOptions {
    pub limit: usize,
    pub link_to: Option<String>,
}

/// How many events the upcoming view lists without `limit`.
pub const DEFAULT_UPCOMING_LIMIT: usize = 5;
/// The most it lists: a sidebar, not the whole list.
pub const MAX_UPCOMING_LIMIT: usize = 50;

impl UpcomingOptions {
    /// `Some` when `view` is `upcoming`. A `limit` that is not a whole number from 1 is
    /// ignored (the default, 5); above 50 it is 50.
    pub fn from_attributes(view: Option<&str>, limit: Option<&str>, link_to: Option<&str>) -> Option<UpcomingOptions> {
        if !view.is_some_and(|view| view.trim().eq_ignore_ascii_case("upcoming")) {
            return None;
        }
        let limit = limit
            .and_then(|limit| limit.trim().parse::<usize>().ok())
            .filter(|&limit| limit > 0)
            .map_or(DEFAULT_UPCOMING_LIMIT, |limit| limit.min(MAX_UPCOMING_LIMIT));
        let link_to = link_to
            .map(str::trim)
            .filter(|url| !url.is_empty() && !url.to_ascii_lowercase().starts_with("javascript:"))
            .map(str::to_owned);
        Some(UpcomingOptions { limit, link_to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_default_beside_none_hides_anything_else_is_a_url() {
        assert_eq!(FeedsOption::from_attribute(None), FeedsOption::Beside);
        assert_eq!(FeedsOption::from_attribute(Some("  ")), FeedsOption::Beside);
        assert_eq!(FeedsOption::from_attribute(Some("None")), FeedsOption::Hidden);
        assert_eq!(
            FeedsOption::from_attribute(Some(" https://x.example/feeds/ ")),
            FeedsOption::At("https://x.example/feeds/".into())
        );
    }

    #[test]
    fn upcoming_only_for_its_view_with_a_sane_limit() {
        assert_eq!(UpcomingOptions::from_attributes(Some("list"), Some("3"), None), None);
        assert_eq!(UpcomingOptions::from_attributes(None, None, None), None);
        let options = |limit: Option<&str>| UpcomingOptions::from_attributes(Some(" Upcoming "), limit, None);
        assert_eq!(options(Some("3")).map(|options| options.limit), Some(3));
        for ignored in [None, Some("0"), Some("-2"), Some("three"), Some("2.5")] {
            assert_eq!(
                options(ignored).map(|options| options.limit),
                Some(DEFAULT_UPCOMING_LIMIT),
                "{ignored:?}"
            );
        }
        assert_eq!(
            options(Some("1000")).map(|options| options.limit),
            Some(MAX_UPCOMING_LIMIT)
        );
        assert_eq!(
            UpcomingOptions::from_attributes(Some("upcoming"), None, Some("/atlas/"))
                .and_then(|options| options.link_to),
            Some("/atlas/".into())
        );
        assert_eq!(
            UpcomingOptions::from_attributes(Some("upcoming"), None, Some("javascript:alert(1)"))
                .and_then(|options| options.link_to),
            None
        );
    }
}
