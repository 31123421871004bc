//! Which dataset and basemap URLs a page may load, and the host a reader is told data comes
//! from.
//!
//! The query string of `index.html` and `embed.html` is something anyone can write into a
//! link, so a `src=` or `basemap=` there is only followed to the page's own origin or to an
//! origin the site lists (`<meta name="health-atlas-sources" content="https://data.example.org">`);
//! `data:` and `blob:` URLs, whose contents are the link itself, never. A `<health-atlas>`
//! element's attribute is the host page author's own choice and is always followed.
//!
//! Plain Rust: the app resolves a URL against the page with the browser's parser (which
//! also canonicalises it) and reads the page's origin and meta tag; the decision is here.

use std::fmt;

/// Where a URL asking to be loaded came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requester {
    /// The page's query string (`index.html?src=…`): anyone can write it into a link.
    PageQuery,
    /// A `<health-atlas src=…>` attribute: the host page's author wrote it.
    HostAttribute,
}

/// Why a URL from the page's query was not followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A `data:` or `blob:` URL: its contents are whatever the link says.
    InlineData,
    /// An http(s) URL on another origin than the page's, which the page does not list.
    OtherOrigin { origin: String },
    /// Not an absolute http(s) URL (`javascript:`, `file:`, `ftp:`, …).
    NotHttp,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::InlineData => write!(f, "data: and blob: URLs are not accepted in a link"),
            Refusal::OtherOrigin { origin } => write!(f, "{origin} is not one of this site's sources"),
            Refusal::NotHttp => write!(f, "not an http(s) URL"),
        }
    }
}

/// The origins a page trusts besides its own: the `content` of its
/// `<meta name="health-atlas-sources">`, origins separated by spaces or commas
/// (`https://data.example.org https://maps.example.org:8443`). Anything that is not an
/// http(s) URL (a `*`, a bare host name) is left out; a path after the origin is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowList {
    origins: Vec<String>,
}

impl AllowList {
    pub fn parse(content: &str) -> AllowList {
        let origins = content
            .split(|character: char| character.is_whitespace() || character == ',')
            .filter_map(origin_of)
            .collect();
        AllowList { origins }
    }

    pub fn contains(&self, origin: &str) -> bool {
        self.origins.iter().any(|allowed| allowed == origin)
    }
}

/// Whether the page may load `url` (absolute, as the browser resolved it against the page),
/// asked for by `requester`, on a page whose origin is `page_origin` (`location.origin`;
/// `"null"` for a `file:` page, which then trusts only its list).
pub fn check_source(url: &str, requester: Requester, page_origin: &str, allowed: &AllowList) -> Result<(), Refusal> {
    if requester == Requester::HostAttribute {
        return Ok(());
    }
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme.trim().to_ascii_lowercase());
    if matches!(scheme.as_deref(), Some("data" | "blob")) {
        return Err(Refusal::InlineData);
    }
    let origin = origin_of(url).ok_or(Refusal::NotHttp)?;
    if origin_of(page_origin).as_deref() == Some(origin.as_str()) || allowed.contains(&origin) {
        Ok(())
    } else {
        Err(Refusal::OtherOrigin { origin })
    }
}

/// The origin of an absolute http(s) URL, normalised as browsers compare them: scheme and
/// host in lower case, the scheme's default port left out, user name and password dropped
/// (`HTTPS://u@Data.Example.org:443/x` → `https://data.example.org`). `None` for anything
/// else, a relative URL included.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => ":443",
        "http" => ":80",
        _ => return None,
    };
    // The authority ends at the path, query or fragment; browsers read `\` as `/` here.
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default().to_ascii_lowercase();
    let host = host.strip_suffix(default_port).unwrap_or(&host);
    if host.is_empty() || host.starts_with(':') {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

/// The host a reader is shown for a URL (`data.example.org`, with a port if it has one):
/// where the events or a source come from. `None` when the URL is not absolute http(s).
pub fn host_of(url: &str) -> Option<String> {
    origin_of(url).and_then(|origin| origin.split_once("://").map(|(_, host)| host.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://atlas.example.org";

    fn from_link(url: &str, allowed: &str) -> Result<(), Refusal> {
        check_source(url, Requester::PageQuery, PAGE, &AllowList::parse(allowed))
    }

    #[test]
    fn a_link_may_name_the_pages_own_origin_only() {
        assert_eq!(from_link("https://atlas.example.org/data/e.json", ""), Ok(()));
        assert_eq!(from_link("HTTPS://Atlas.Example.org:443/e.json", ""), Ok(()));
        assert_eq!(
            from_link("https://other.example/e.json", ""),
            Err(Refusal::OtherOrigin {
                origin: "https://other.example".into()
            })
        );
        // Same host, another scheme or port, is another origin.
        assert!(from_link("http://atlas.example.org/e.json", "").is_err());
        assert!(from_link("https://atlas.example.org:8443/e.json", "").is_err());
        // A user name that looks like the page's host does not make it the page's.
        assert!(from_link("https://atlas.example.org@evil.example/e.json", "").is_err());
        assert!(from_link("https://evil.example\\@atlas.example.org/e.json", "").is_err());
    }

    #[test]
    fn inline_and_non_http_urls_are_refused_from_a_link() {
        for url in [
            "data:application/json,{}",
            "DATA:text/plain,x",
            "blob:https://atlas.example.org/1-2",
        ] {
            assert_eq!(from_link(url, PAGE), Err(Refusal::InlineData), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://atlas.example.org/e.json",
            "/e.json",
            "",
        ] {
            assert_eq!(from_link(url, PAGE), Err(Refusal::NotHttp), "{url}");
        }
    }

    #[test]
    fn the_sites_list_adds_origins() {
        let allowed = "https://data.example.org, http://127.0.0.1:9000/  *  data.example.net";
        assert_eq!(from_link("https://data.example.org/e.json", allowed), Ok(()));
        assert_eq!(from_link("http://127.0.0.1:9000/x/e.json", allowed), Ok(()));
        assert!(
            from_link("https://data.example.net/e.json", allowed).is_err(),
            "a bare host is no origin"
        );
        assert!(
            from_link("https://evil.example/e.json", allowed).is_err(),
            "* is not a wildcard"
        );
        // A file: page (origin "null") trusts only its list.
        let list = AllowList::parse("https://data.example.org");
        assert!(check_source("https://data.example.org/e.json", Requester::PageQuery, "null", &list).is_ok());
        assert!(check_source("https://atlas.example.org/e.json", Requester::PageQuery, "null", &list).is_err());
    }

    #[test]
    fn an_elements_attribute_is_the_host_pages_choice() {
        let nothing = AllowList::default();
        for url in ["https://other.example/e.json", "data:application/json,{}", "/e.json"] {
            assert_eq!(check_source(url, Requester::HostAttribute, PAGE, &nothing), Ok(()));
        }
    }

    #[test]
    fn hosts_are_shown_without_scheme_or_credentials() {
        assert_eq!(
            host_of("https://u:p@Data.Example.org/e.json").as_deref(),
            Some("data.example.org")
        );
        assert_eq!(
            host_of("http://127.0.0.1:8080/e.json").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(host_of("javascript:alert(1)"), None);
        assert_eq!(host_of("https:///x"), None);
    }
}
