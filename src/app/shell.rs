//! The app shell: owns the state, provides it to the views, lays out the regions.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::render::request_animation_frame;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser;
use super::components::{DetailCard, EmbedButton, Header, SubscribeMenu, Upcoming, Workspace};
use super::history::use_link_in_address_bar;
use super::host::{use_host_reports, use_prop_changes, Host};
use super::loader::{load_basemap, load_dataset};
use super::state::{Action, DatasetStatus, StartOptions, State};
use crate::embed::{FeedsOption, UpcomingOptions};
use crate::i18n::Message;
use crate::model::Lang;

/// The state handle every component reads from context.
pub type AppContext = UseReducerHandle<State>;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub lang: Lang,
    /// A dataset URL to load instead of the embedded one (`?src=` or the embed's `src`).
    #[prop_or_default]
    pub src: Option<String>,
    /// A GeoJSON basemap URL to draw instead of the shipped one (`?basemap=` or the embed's
    /// `basemap`).
    #[prop_or_default]
    pub basemap: Option<String>,
    /// The link to open at (`#q=…&event=…`): the page's fragment, or the embed's attribute.
    #[prop_or_default]
    pub link: Option<String>,
    /// A page or a `<health-atlas>` element: who owns the address bar, who hears reports.
    #[prop_or_default]
    pub host: Host,
    /// Where the Subscribe menu's feeds are (`feeds`), or that there are none.
    #[prop_or_default]
    pub feeds: FeedsOption,
    /// `view="upcoming"`: the short list of the next events instead of the whole atlas.
    #[prop_or_default]
    pub upcoming: Option<UpcomingOptions>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let start = StartOptions {
        lang: Some(props.lang),
        link: props.link.clone(),
        awaits_dataset: props.src.is_some(),
        // The one reading of the clock for the timeline's opening window.
        today: super::browser::today(),
    };
    let standalone_page = props.host.standalone_page();
    let state = use_reducer(move || {
        let mut state = State::starting(start);
        state.link.standalone_page = standalone_page.map(Rc::from);
        state
    });
    use_link_in_address_bar(&state, props.host.owns_address_bar());
    use_host_reports(&state, &props.host);
    use_prop_changes(&state, props.lang, props.link.clone());

    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.src.clone(), move |src| match src.clone() {
            Some(url) => load_dataset(url, Callback::from(move |action| dispatcher.dispatch(action))),
            // A removed `src` attribute: back to the embedded events (a no-op at start).
            None => dispatcher.dispatch(Action::UseEmbeddedDataset),
        });
    }

    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.basemap.clone(), move |basemap| match basemap.clone() {
            Some(url) => load_basemap(url, Callback::from(move |action| dispatcher.dispatch(action))),
            // The attribute was removed: back to the shipped basemap.
            None => dispatcher.dispatch(Action::SetBasemap(Default::default())),
        });
    }

    // Each dataset's search index is built just after its first paint, while the visitor
    // looks at the map and the timeline rather than waiting for them: it is most of the
    // catalog's build. The frame, then a task, puts it after the paint.
    {
        let catalog = Rc::clone(&state.catalog);
        use_effect_with(Rc::as_ptr(&state.catalog) as usize, move |_| {
            let frame = request_animation_frame(move |_| {
                Timeout::new(0, move || catalog.prepare_search()).forget();
            });
            // A newer dataset before that frame: its own effect takes over.
            move || drop(frame)
        });
    }

    // Escape closes the detail card. A page listens on its window, so Escape works wherever
    // focus is; an element listens on its own root, so that on a page with several
    // instances Escape closes only the card of the one the visitor is in (keyboard events
    // from inside the Shadow DOM bubble to the root; from elsewhere they never reach it).
    let root = use_node_ref();
    {
        let dispatcher = state.dispatcher();
        let scoped_to_root = !props.host.owns_address_bar();
        use_effect_with((root.clone(), scoped_to_root), move |(root, scoped_to_root)| {
            let target: Option<web_sys::EventTarget> = if *scoped_to_root {
                root.get().map(Into::into)
            } else {
                web_sys::window().map(Into::into)
            };
            let listener = target.map(|target| {
                EventListener::new(&target, "keydown", move |event| {
                    let is_escape = event
                        .dyn_ref::<KeyboardEvent>()
                        .is_some_and(|keyboard| keyboard.key() == "Escape");
                    if is_escape {
                        dispatcher.dispatch(Action::CloseCard);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let error_list =
        |errors: &[String]| html! { <ul>{ for errors.iter().map(|error| html! { <li>{ error }</li> }) }</ul> };
    let dataset_errors = match &state.dataset_status {
        DatasetStatus::Embedded | DatasetStatus::Loaded { .. } => Html::default(),
        DatasetStatus::Loading { url } => html! {
            <div class="ha-status" role="status">
                <progress aria-label={text(Message::LoadingDataset)}></progress>
                { " " }{ text(Message::LoadingDataset) }{ " " }<code>{ url }</code>
            </div>
        },
        DatasetStatus::EmbeddedInvalid { errors } => html! {
            <div class="ha-alert" role="alert">
                <strong>{ text(Message::DatasetErrorsHeading) }</strong>
                { error_list(errors) }
            </div>
        },
        DatasetStatus::Failed { url, errors } => html! {
            <div class="ha-alert" role="alert">
                <strong>{ text(Message::DatasetErrorsHeading) }{ ": " }</strong><code>{ url }</code>
                { error_list(errors) }
                <p>{ text(Message::KeptEmbedded) }</p>
            </div>
        },
    };

    let link_notes = (!state.link.notes.is_empty()).then(|| {
        let dispatcher = state.dispatcher();
        let on_dismiss = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::DismissLinkNotes));
        html! {
            <div class="ha-status ha-link-notes" role="status">
                <strong>{ text(Message::LinkPartsIgnored) }</strong>
                { error_list(&state.link.notes) }
                <button type="button" class="ha-tool ha-tool-text" onclick={on_dismiss}>{ text(Message::Dismiss) }</button>
            </div>
        }
    });

    // The whole atlas, for the upcoming view's links and the feeds beside it: a page's own
    // address; an element's build page (the host page cannot show a view).
    let atlas_page = state
        .link
        .standalone_page
        .as_deref()
        .map_or_else(browser::page_address, str::to_owned);
    if let Some(upcoming) = &props.upcoming {
        let link_to = upcoming
            .link_to
            .as_deref()
            .map_or_else(|| atlas_page.clone(), browser::absolute_url);
        return html! {
            <ContextProvider<AppContext> context={state.clone()}>
                <div class="ha-app ha-app-upcoming" lang={lang.tag()} ref={root}>
                    <Upcoming limit={upcoming.limit} link_to={link_to} in_frame={props.host == Host::Frame} />
                </div>
            </ContextProvider<AppContext>>
        };
    }
    let feeds = match &props.feeds {
        FeedsOption::Hidden => None,
        FeedsOption::At(url) => Some(browser::absolute_url(url)),
        FeedsOption::Beside => web_sys::Url::new_with_base("feeds/", &atlas_page)
            .ok()
            .map(|url| url.href()),
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class="ha-app" lang={lang.tag()} ref={root}>
                // A fragment link in an element would rewrite the host page's address.
                if props.host.owns_address_bar() {
                    <a class="ha-skip-link" href="#ha-event-list">{ text(Message::SkipToList) }</a>
                }
                <Header />
                if props.host == Host::Page {
                    <EmbedButton />
                }
                if let Some(feeds) = feeds {
                    <SubscribeMenu feeds={feeds} {lang} />
                }
                { dataset_errors }
                { link_notes }
                <div class={classes!("ha-layout", state.selected.is_some().then_some("ha-with-card"))}>
                    <Workspace />
                    <DetailCard />
                </div>
            </div>
        </ContextProvider<AppContext>>
    }
}
