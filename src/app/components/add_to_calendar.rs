//! A card's "Add to calendar": the event as a one-event `.ics` download, written by the
//! same iCalendar writer as the list's export and the subscribable feed, so the event has
//! the same UID everywhere and a calendar that has both keeps one. The writer is in the later
//! module (`loader::download_with_later_module`), not in the first render.

use yew::prelude::*;

use std::rc::Rc;

use crate::app::loader::download_with_later_module;
use crate::app::shared::Shared;
use crate::app::PermalinkPage;
use health_atlas_explore::i18n::FeedMessage;
use health_atlas_explore::query::Catalog;
use health_atlas_explore::share::export::export_json;
use health_atlas_explore::share::ExportFormat;
use health_atlas_model::Lang;

#[derive(Properties, PartialEq)]
pub struct AddToCalendarProps {
    pub event_id: String,
    pub lang: Lang,
    /// The atlas page the calendar entry links back to (the card's permalink page).
    pub page: PermalinkPage,
    /// The events the card shows its event from.
    pub catalog: Shared<Catalog>,
    /// Where the later module is.
    pub build_root: Rc<str>,
}

#[component]
pub fn AddToCalendar(props: &AddToCalendarProps) -> Html {
    let onclick = {
        let (event_id, lang, atlas) = (props.event_id.clone(), props.lang, props.page.address.clone());
        let (catalog, build_root) = (props.catalog.clone(), props.build_root.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(event) = catalog.event(&event_id) else {
                return;
            };
            let json = export_json(&[event]);
            let (stamp, atlas) = (js_sys::Date::now(), atlas.clone());
            let format = ExportFormat::Icalendar;
            download_with_later_module(
                build_root.clone(),
                format!("{event_id}.ics"),
                format.media_type(),
                move |module| module.calendar_of(&json, lang.tag(), stamp, Some(atlas)),
            );
        })
    };
    html! {
        <button type="button" class="ha-tool ha-tool-text ha-add-to-calendar" {onclick}>
            { FeedMessage::AddToCalendar.text(props.lang) }
        </button>
    }
}
