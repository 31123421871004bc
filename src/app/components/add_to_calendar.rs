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

/// The card's button for the event `event_id` of `catalog`; the calendar entry links back to
/// `page` (the card's permalink page), and the later module is at `build_root`. A function,
/// not a component: it has no state, and each component type costs the first render its own
/// copy of Yew's lifecycle code (docs/payload-size.md).
pub fn add_to_calendar(
    event_id: &str,
    lang: Lang,
    page: &PermalinkPage,
    catalog: &Shared<Catalog>,
    build_root: &Rc<str>,
) -> Html {
    let onclick = {
        let (event_id, atlas) = (event_id.to_owned(), page.address.clone());
        let (catalog, build_root) = (catalog.clone(), build_root.clone());
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
            { FeedMessage::AddToCalendar.text(lang) }
        </button>
    }
}
