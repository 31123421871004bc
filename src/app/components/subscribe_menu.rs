//! The Subscribe menu beside Embed: the calendar feed (as a `webcal://` subscription and as
//! its https address) and the Atom feed, in the reader's language, from the feeds directory
//! `atlas-data feeds` writes (`feeds/` beside the page unless the `feeds` option says where).
//! The first time it opens it asks the server whether the calendar is there, and says so if
//! not, instead of offering links that fail (on the page's own origin; see `same_origin`).

use yew::prelude::*;

use crate::i18n::FeedMessage;
use crate::model::Lang;
use crate::share::feed_links;

#[derive(Properties, PartialEq)]
pub struct SubscribeMenuProps {
    /// The feeds directory, absolute.
    pub feeds: AttrValue,
    pub lang: Lang,
}

/// Whether the feeds answered: unknown until the menu is first opened.
#[derive(Clone, Copy, PartialEq)]
enum Published {
    Unknown,
    Yes,
    No,
}

#[component]
pub fn SubscribeMenu(props: &SubscribeMenuProps) -> Html {
    let lang = props.lang;
    let open = use_state_eq(|| false);
    let published = use_state_eq(|| Published::Unknown);
    let links = feed_links(&props.feeds, lang);
    let ontoggle = {
        let (open, published, calendar) = (open.clone(), published.clone(), links.calendar.clone());
        Callback::from(move |event: Event| {
            let details: web_sys::HtmlDetailsElement = event.target_unchecked_into();
            open.set(details.open());
            // Only asked on the page's own origin: another origin may publish feeds without
            // CORS headers, which calendar apps do not need but a fetch from here would.
            if details.open() && *published == Published::Unknown && same_origin(&calendar) {
                let (published, calendar) = (published.clone(), calendar.clone());
                yew::platform::spawn_local(async move {
                    let answer = gloo::net::http::RequestBuilder::new(&calendar)
                        .method(gloo::net::http::Method::HEAD)
                        .send()
                        .await;
                    published.set(match answer {
                        Ok(response) if response.ok() => Published::Yes,
                        _ => Published::No,
                    });
                });
            }
        })
    };
    let text = |message: FeedMessage| message.text(lang);
    let panel = open.then(|| {
        if *published == Published::No {
            return html! { <div class="ha-embed-panel ha-subscribe-panel" role="status"><p>{ text(FeedMessage::FeedsMissing) }</p></div> };
        }
        html! {
            <div class="ha-embed-panel ha-subscribe-panel">
                <p class="ha-muted">{ text(FeedMessage::SubscribeHelp) }</p>
                <ul>
                    if let Some(webcal) = links.webcal.clone() {
                        <li><a href={webcal} data-feed="webcal">{ text(FeedMessage::SubscribeCalendarApp) }</a></li>
                    }
                    <li><a href={links.calendar.clone()} type="text/calendar" data-feed="ics">{ text(FeedMessage::CalendarAddress) }</a></li>
                    <li><a href={links.atom.clone()} type="application/atom+xml" data-feed="atom">{ text(FeedMessage::NewsFeed) }</a></li>
                </ul>
            </div>
        }
    });
    html! {
        <details class="ha-embed ha-subscribe" {ontoggle}>
            <summary class="ha-tool ha-tool-text">{ text(FeedMessage::Subscribe) }</summary>
            { panel.unwrap_or_default() }
        </details>
    }
}

/// Whether `url` is on the page's origin.
fn same_origin(url: &str) -> bool {
    let page = web_sys::window().and_then(|window| window.location().origin().ok());
    let feeds = web_sys::Url::new(url).ok().map(|url| url.origin());
    page.is_some() && page == feeds
}
