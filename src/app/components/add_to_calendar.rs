//! A card's "Add to calendar": the event as a one-event `.ics` download, written by the
//! same iCalendar writer as the list's export and the subscribable feed, so the event has
//! the same UID everywhere and a calendar that has both keeps one.

use yew::prelude::*;

use crate::app::browser;
use crate::app::shared::Shared;
use crate::app::PermalinkPage;
use health_atlas_explore::i18n::FeedMessage;
use health_atlas_explore::query::Catalog;
use health_atlas_explore::share::export::DEFAULT_UID_DOMAIN;
use health_atlas_explore::share::{icalendar, CalendarOptions, ExportFormat};
use health_atlas_model::Lang;

#[derive(Properties, PartialEq)]
pub struct AddToCalendarProps {
    pub event_id: String,
    pub lang: Lang,
    /// The atlas page the calendar entry links back to (the card's permalink page).
    pub page: PermalinkPage,
    /// The events the card shows its event from.
    pub catalog: Shared<Catalog>,
}

#[component]
pub fn AddToCalendar(props: &AddToCalendarProps) -> Html {
    let onclick = {
        let (event_id, lang, atlas) = (props.event_id.clone(), props.lang, props.page.address.clone());
        let catalog = props.catalog.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(event) = catalog.event(&event_id) else {
                return;
            };
            let calendar = icalendar(
                &[event],
                &CalendarOptions {
                    lang,
                    stamp: browser::now(),
                    uid_domain: DEFAULT_UID_DOMAIN,
                    feed: None,
                    atlas: atlas.contains("://").then_some(atlas.as_str()),
                },
            );
            let format = ExportFormat::Icalendar;
            if let Err(error) = browser::download(&format!("{event_id}.ics"), format.media_type(), &calendar) {
                web_sys::console::warn_2(&"Health Atlas could not start the download:".into(), &error);
            }
        })
    };
    html! {
        <button type="button" class="ha-tool ha-tool-text ha-add-to-calendar" {onclick}>
            { FeedMessage::AddToCalendar.text(props.lang) }
        </button>
    }
}
