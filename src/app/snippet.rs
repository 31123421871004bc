//! The HTML a site pastes to embed the current view: the `<health-atlas>` element and the
//! iframe. Plain functions over strings, tested natively; the Embed button shows them.

use health_atlas_model::Lang;

/// What a snippet embeds: where the build lives and which view to open.
#[derive(Clone, Debug, PartialEq)]
pub struct SnippetOptions<'a> {
    /// The address of the directory holding `index.html`, `embed.html` and `embed/`,
    /// ending in `/` (e.g. `https://atlas.example.org/`).
    pub base: &'a str,
    /// The view as a link (`v=1&cat=forum`), empty for the default view.
    pub link: &'a str,
    pub lang: Lang,
    /// A dataset URL other than the embedded one.
    pub src: Option<&'a str>,
}

/// The height both snippets start with; sites change it to fit their layout.
const HEIGHT: u32 = 720;

/// The custom-element snippet: the module script and the element with its attributes.
pub fn element_snippet(options: &SnippetOptions) -> String {
    let mut attributes = format!(" lang=\"{}\"", options.lang.tag());
    if let Some(src) = options.src {
        attributes.push_str(&format!(" src=\"{}\"", escape_attribute(src)));
    }
    if !options.link.is_empty() {
        attributes.push_str(&format!(" link=\"{}\"", escape_attribute(options.link)));
    }
    format!(
        "<script type=\"module\" src=\"{base}embed/health-atlas.js\"></script>\n\
         <health-atlas{attributes} height=\"{HEIGHT}\"></health-atlas>",
        base = escape_attribute(options.base),
    )
}

/// The iframe snippet: `embed.html` with the language (and dataset) in its query and the
/// view in its fragment, as the standalone page takes them.
pub fn iframe_snippet(options: &SnippetOptions) -> String {
    let mut address = format!("{}embed.html?lang={}", options.base, options.lang.tag());
    if let Some(src) = options.src {
        address.push_str("&src=");
        address.push_str(&encode_query_value(src));
    }
    if !options.link.is_empty() {
        address.push('#');
        address.push_str(options.link);
    }
    format!(
        "<iframe src=\"{}\" title=\"Health Atlas\" width=\"100%\" height=\"{HEIGHT}\" loading=\"lazy\"></iframe>",
        escape_attribute(&address)
    )
}

/// The base address from the page's own (`https://host/dir/index.html?src=x#…` gives
/// `https://host/dir/`).
pub fn base_address(page: &str) -> String {
    let without_fragment = page.split('#').next().unwrap_or_default();
    let without_query = without_fragment.split('?').next().unwrap_or_default();
    match without_query.rfind('/') {
        Some(slash) => without_query[..=slash].to_owned(),
        None => format!("{without_query}/"),
    }
}

/// Text safe inside a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// A query value: everything but unreserved ASCII percent-encoded as UTF-8.
fn encode_query_value(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options<'a>(link: &'a str, src: Option<&'a str>) -> SnippetOptions<'a> {
        SnippetOptions {
            base: "https://atlas.example.org/",
            link,
            lang: Lang::Zh,
            src,
        }
    }

    #[test]
    fn element_snippet_carries_the_view_escaped() {
        assert_eq!(
            element_snippet(&options("v=1&cat=forum&q=\"<无锡>\"", None)),
            "<script type=\"module\" src=\"https://atlas.example.org/embed/health-atlas.js\"></script>\n\
             <health-atlas lang=\"zh\" link=\"v=1&amp;cat=forum&amp;q=&quot;&lt;无锡&gt;&quot;\" height=\"720\"></health-atlas>"
        );
        assert!(!element_snippet(&options("", None)).contains("link="));
    }

    #[test]
    fn iframe_snippet_puts_options_in_query_and_view_in_fragment() {
        assert_eq!(
            iframe_snippet(&options("v=1&view=map", Some("/data/my events.json"))),
            "<iframe src=\"https://atlas.example.org/embed.html?lang=zh&amp;src=/data/my%20events.json#v=1&amp;view=map\" \
             title=\"Health Atlas\" width=\"100%\" height=\"720\" loading=\"lazy\"></iframe>"
        );
    }

    #[test]
    fn base_address_is_the_pages_directory() {
        assert_eq!(
            base_address("https://a.org/atlas/index.html?src=x#v=1"),
            "https://a.org/atlas/"
        );
        assert_eq!(base_address("https://a.org/"), "https://a.org/");
        assert_eq!(
            base_address("http://127.0.0.1:8080/?src=/x.json"),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(base_address(""), "/");
    }
}
