//! The upcoming view (`view="upcoming"`): a short list for a site's sidebar (300 px is
//! enough) of the next events from today, or of the latest ones when none is left (and it
//! says so), each linking to the full atlas opened at that event. The filters of the
//! element or page apply. Choosing the events is `query::upcoming`'s; today is read from
//! the clock once, when the view mounts.

use yew::prelude::*;

use super::localized;
use crate::app::browser;
use crate::app::hooks::use_app_state;
use health_atlas_explore::i18n::{format_dates, FeedMessage};
use health_atlas_explore::query::{upcoming, UpcomingKind};
use health_atlas_explore::share::atlas_link;

#[derive(Properties, PartialEq)]
pub struct UpcomingProps {
    /// How many events to list.
    pub limit: usize,
    /// The full atlas page the events link to (`link-to`), without a fragment.
    pub link_to: AttrValue,
    /// Links open in the whole window, not in the iframe the view is in.
    pub in_frame: bool,
}

#[component]
pub fn Upcoming(props: &UpcomingProps) -> Html {
    let state = use_app_state();
    let today = *use_memo((), |_| browser::today().unwrap_or_default());
    let lang = state.lang;
    let list = upcoming(state.catalog.selected_events(state.selection()), today, props.limit);
    let target = props.in_frame.then_some("_top");
    let items = list.events.iter().map(|event| {
        let dates = event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();
        let place = event
            .places
            .first()
            .map(|place| place.name.best(lang))
            .unwrap_or_default();
        html! {
            <li data-event-id={event.id.clone()}>
                <a href={atlas_link(&props.link_to, &event.id, lang)} {target}>
                    { localized(&event.title, lang, "") }
                </a>
                <span class="ha-muted">
                    <time datetime={event.start.to_string()}>{ dates }</time>
                    if !place.is_empty() { { " · " }{ place } }
                </span>
            </li>
        }
    });
    html! {
        <section class="ha-upcoming">
            <h2>{ FeedMessage::ComingUp.text(lang) }</h2>
            if list.kind == UpcomingKind::Recent && !list.events.is_empty() {
                <p class="ha-muted">{ FeedMessage::NothingUpcoming.text(lang) }</p>
            }
            <ol>{ for items }</ol>
            <p><a href={props.link_to.clone()} {target}>{ FeedMessage::OpenFullAtlas.text(lang) }</a></p>
        </section>
    }
}
