//! What the app tells an element host, and the element's later attribute changes.

use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::host::{Host, HostReport};
use crate::app::state::Action;
use health_atlas_explore::share::{decode, encode};
use health_atlas_model::Lang;

/// Sends [`HostReport`]s to an element host: the link whenever the view changes (and once
/// at start, so the host learns it), the selection whenever it changes after start.
#[hook]
pub fn use_host_reports(state: &AppContext, host: &Host) {
    let report = match host {
        Host::Element { reports, bridge, .. } => {
            bridge.hold(state);
            Some(reports.clone())
        }
        Host::Page | Host::Frame => None,
    };
    let link = report.as_ref().map(|_| encode(&state.view_state()));
    {
        let report = report.clone();
        use_effect_with(link, move |link| {
            if let (Some(report), Some(link)) = (report, link) {
                report.emit(HostReport::Link(link.clone()));
            }
        });
    }
    // The story and step, whenever they change (at start too when the element opens on one).
    let story_started = use_mut_ref(|| false);
    {
        let report = report.clone();
        let position = state
            .story
            .reading
            .as_ref()
            .map(|reading| (reading.story.id.clone(), reading.step));
        use_effect_with(position, move |position| {
            let first_run = !std::mem::replace(&mut *story_started.borrow_mut(), true);
            if let Some(report) = report.filter(|_| !(first_run && position.is_none())) {
                report.emit(HostReport::Step {
                    story: position.as_ref().map(|(id, _)| id.clone()),
                    step: position.as_ref().map_or(0, |(_, step)| *step),
                });
            }
        });
    }
    let started = use_mut_ref(|| false);
    {
        let report = report.clone();
        use_effect_with(state.selected.clone(), move |selected| {
            let first_run = !std::mem::replace(&mut *started.borrow_mut(), true);
            if let (Some(report), false) = (report, first_run) {
                report.emit(HostReport::Selected(selected.clone()));
            }
        });
    }
    // Filters and selection, for `health-atlas-change`; keyed on the selection's identity
    // too, so a dataset that arrives later (new events, same filters) is reported.
    let changes_started = use_mut_ref(|| false);
    let visible = state.selection().visible_count();
    let key = report.as_ref().map(|_| {
        (
            state.filters.clone(),
            state.selected.clone(),
            state.selection().address(),
        )
    });
    use_effect_with(key, move |key| {
        let first_run = !std::mem::replace(&mut *changes_started.borrow_mut(), true);
        if let (Some(report), Some((filters, selected, _)), false) = (report, key, first_run) {
            report.emit(HostReport::Changed {
                filters: filters.clone(),
                selected: selected.clone(),
                visible,
            });
        }
    });
}

/// Applies later changes of the `lang` and `link` props (an element's attributes changed);
/// their first values were already used to build the starting state.
#[hook]
pub fn use_prop_changes(state: &AppContext, lang: Lang, link: Option<String>) {
    let dispatcher = state.dispatcher();
    let lang_seen = use_mut_ref(|| false);
    {
        let dispatcher = dispatcher.clone();
        use_effect_with(lang, move |lang| {
            if std::mem::replace(&mut *lang_seen.borrow_mut(), true) {
                dispatcher.dispatch(Action::SetLang(*lang));
            }
        });
    }
    let link_seen = use_mut_ref(|| false);
    use_effect_with(link, move |link| {
        if std::mem::replace(&mut *link_seen.borrow_mut(), true) {
            let view = decode(link.as_deref().unwrap_or_default()).state;
            dispatcher.dispatch(Action::ApplyLink(view));
        }
    });
}
