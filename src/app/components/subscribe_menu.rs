//! The Subscribe menu beside Embed: the calendar feed (as a `webcal://` subscription and as
//! its https address) and the Atom feed, in the reader's language, from the feeds directory
//! `atlas-data feeds` writes (`feeds/` beside the page unless the `feeds` option says where;
//! `feeds="none"` removes the menu). The links are computed only while the menu is open.

use yew::prelude::*;

use health_atlas_explore::i18n::FeedMessage;
use health_atlas_explore::share::feed_links;
use health_atlas_model::Lang;

#[derive(Properties, PartialEq)]
pub struct SubscribeMenuProps {
    /// The feeds directory, absolute.
    pub feeds: AttrValue,
    pub lang: Lang,
}

#[component]
pub fn SubscribeMenu(props: &SubscribeMenuProps) -> Html {
    let lang = props.lang;
    let open = use_state_eq(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            let details: web_sys::HtmlDetailsElement = event.target_unchecked_into();
            open.set(details.open());
        })
    };
    let text = |message: FeedMessage| message.text(lang);
    let panel = open.then(|| {
        let links = feed_links(&props.feeds, lang);
        html! {
            <div class="ha-embed-panel ha-subscribe-panel">
                <p class="ha-muted">{ text(FeedMessage::SubscribeHelp) }</p>
                <ul>
                    if let Some(webcal) = links.webcal {
                        <li><a href={webcal} data-feed="webcal">{ text(FeedMessage::SubscribeCalendarApp) }</a></li>
                    }
                    <li><a href={links.calendar} type="text/calendar" data-feed="ics">{ text(FeedMessage::CalendarAddress) }</a></li>
                    <li><a href={links.atom} type="application/atom+xml" data-feed="atom">{ text(FeedMessage::NewsFeed) }</a></li>
                </ul>
            </div>
        }
    });
    html! {
        <details class="ha-subscribe" {ontoggle}>
            <summary class="ha-tool ha-tool-text">{ text(FeedMessage::Subscribe) }</summary>
            { panel.unwrap_or_default() }
        </details>
    }
}
