//! The app shell: owns the state, provides it to the views, lays out the regions.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::render::request_animation_frame;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser;
use super::components::{
    detail_card, header, story_panel, story_picker, workspace, EmbedButton, Layout, SubscribeMenu, Upcoming,
};
use super::context::AppContext;
use super::hooks::{
    use_host_reports, use_link_in_address_bar, use_motion_preference, use_prop_changes, use_story_move, use_width,
};
use super::host::Host;
use super::loader::{build_root, load_basemap, load_build_files, load_dataset};
use super::state::{Action, BasemapSource, DatasetErrors, DatasetStatus, MapAction, StartOptions, State};
use super::stay_current::{FeedsOption, UpcomingOptions};
use health_atlas_explore::i18n::{load_error_text, loading_progress, provenance_notice, Message};
use health_atlas_explore::load::LoadError;
use health_atlas_explore::share::ignored_part_text;
use health_atlas_model::trust::{host_of, Requester};
use health_atlas_model::Lang;

/// Events indexed for search per task after the first paint: about 20 ms at opt-level "s".
const SEARCH_SLICE: usize = 5_000;

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
    /// What a failed `src` dataset shows (the embed's `dataset-errors`).
    #[prop_or_default]
    pub dataset_errors: DatasetErrors,
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
        state.link.build_root = build_root(state.link.standalone_page.as_ref());
        state
    });
    use_link_in_address_bar(&state, props.host.owns_address_bar());
    use_host_reports(&state, &props.host);
    use_prop_changes(&state, props.lang, props.link.clone());
    use_motion_preference(state.dispatcher());
    use_story_move(state.story_move.map(|moving| moving.generation), state.dispatcher());

    // A page's query is anyone's link: its `src` and `basemap` are only followed to trusted
    // origins. An element's attributes are the host page author's (`data::trust`).
    let requester = if props.host.owns_address_bar() {
        Requester::PageQuery
    } else {
        Requester::HostAttribute
    };
    {
        let dispatcher = state.dispatcher();
        let root = state.link.build_root.clone();
        use_effect_with(props.src.clone(), move |src| match src.clone() {
            Some(url) => match browser::trusted_source(&url, requester) {
                Ok(fetch_url) => load_dataset(
                    url,
                    fetch_url,
                    root,
                    Callback::from(move |action| dispatcher.dispatch(action)),
                ),
                Err(refusal) => {
                    dispatcher.dispatch(Action::DatasetLoading { url: url.clone() });
                    dispatcher.dispatch(Action::DatasetFailed {
                        url,
                        errors: vec![LoadError::Refused(refusal)],
                    });
                }
            },
            // A removed `src` attribute: back to the embedded events (a no-op at start).
            None => dispatcher.dispatch(Action::UseEmbeddedDataset),
        });
    }

    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.basemap.clone(), move |basemap| match basemap.clone() {
            Some(url) => match browser::trusted_source(&url, requester) {
                Ok(fetch_url) => load_basemap(
                    url,
                    fetch_url,
                    Callback::from(move |action| dispatcher.dispatch(action)),
                ),
                Err(refusal) => dispatcher.dispatch(Action::Map(MapAction::SetBasemap(BasemapSource::Failed {
                    url,
                    errors: vec![LoadError::Refused(refusal)].into(),
                }))),
            },
            // The attribute was removed: back to the shipped basemap.
            None => dispatcher.dispatch(Action::Map(MapAction::SetBasemap(Default::default()))),
        });
    }

    // What the first render does not need comes after the first paint, from the build's own
    // folder (an element's build, wherever the host page is; a page is in that folder): the
    // built-in basemap and the pinyin table (`loader::load_build_files`). The frame, then a
    // task, puts it after the paint.
    let pinyin_settled = use_state_eq(health_atlas_search::has_pinyin_table);
    {
        let dispatcher = state.dispatcher();
        let pinyin_settled = pinyin_settled.setter();
        let root = state.link.build_root.clone();
        use_effect_with((), move |_| {
            let dispatch = Callback::from(move |action: Action| {
                if matches!(action, Action::PinyinTableLoaded) {
                    pinyin_settled.set(true);
                }
                dispatcher.dispatch(action);
            });
            let frame = request_animation_frame(move |_| {
                Timeout::new(0, move || load_build_files(&root, dispatch)).forget();
            });
            move || drop(frame)
        });
    }

    // Each dataset's search index is built just after its first paint, once the pinyin table
    // is there (or could not be), while the visitor looks at the map and the timeline rather
    // than waiting for them: it is most of the catalog's build. It is built in slices of
    // SEARCH_SLICE events, each its own task, so the page answers clicks meanwhile. A search
    // typed earlier builds it on the spot, and again with pinyin when the table comes
    // (`Catalog`).
    {
        let catalog = Rc::clone(&state.catalog);
        use_effect_with((state.catalog.address(), *pinyin_settled), move |&(_, settled)| {
            let superseded = Rc::new(Cell::new(false));
            let frame = settled.then(|| {
                let superseded = Rc::clone(&superseded);
                request_animation_frame(move |_| {
                    yew::platform::spawn_local(async move {
                        let mut build = None;
                        loop {
                            browser::next_task().await;
                            if superseded.get() || !catalog.prepare_search_slice(&mut build, SEARCH_SLICE) {
                                break;
                            }
                        }
                    });
                })
            });
            // A newer dataset (its own effect takes over), or the atlas removed.
            move || {
                superseded.set(true);
                drop(frame)
            }
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

    // The layout follows the app's own width (an element in a narrow column is compact on a
    // wide screen). Before the first measure a page guesses from its window, so a phone does
    // not draw the wide layout first; an element waits for its box.
    let measured = use_width(root.clone());
    let width = if measured <= 0.0 && props.host.owns_address_bar() {
        web_sys::window()
            .and_then(|window| window.inner_width().ok())
            .and_then(|width| width.as_f64())
            .unwrap_or_default()
    } else {
        measured
    };
    let layout = Layout::for_width(width);

    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let error_list = |errors: &[LoadError]| {
        html! { <ul>{ for errors.iter().map(|error| html! { <li>{ load_error_text(error, lang) }</li> }) }</ul> }
    };
    if props.dataset_errors.hides_atlas(&state.dataset_status) {
        // Hidden, and `.ha-embed-root:has(> .ha-app-hidden)` collapses the element too.
        return html! { <div class="ha-app-hidden" hidden=true></div> };
    }
    let dataset_errors = match &state.dataset_status {
        DatasetStatus::Embedded => Html::default(),
        // Persistent while the events are not the built-in ones: whose they are.
        DatasetStatus::Loaded { url } => {
            let absolute = browser::absolute_url(url);
            let host =
                host_of(&absolute).unwrap_or_else(|| absolute.chars().take_while(|&c| c != ',').take(40).collect());
            html! { <p class="ha-status ha-provenance" role="note">{ provenance_notice(&host, lang) }</p> }
        }
        status if !props.dataset_errors.shows_errors(status) => Html::default(),
        DatasetStatus::Loading { url, read, total } => {
            let (value, max) = match (read, total) {
                (0, _) => (None, None),
                (read, Some(total)) => (Some(read.to_string()), Some(total.to_string())),
                (_, None) => (None, None),
            };
            html! {
                <div class="ha-status" role="status">
                    <progress aria-label={text(Message::LoadingDataset)} {value} {max}></progress>
                    { " " }{ text(Message::LoadingDataset) }{ " " }<code>{ url }</code>
                    if *read > 0 {
                        { " " }<span class="ha-progress-bytes">{ loading_progress(*read, *total, lang) }</span>
                    }
                </div>
            }
        }
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
                <ul>{ for state.link.notes.iter().map(|note| html! { <li>{ ignored_part_text(note, lang) }</li> }) }</ul>
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
            <div class={classes!("ha-app", layout.compact.then_some("ha-compact"), layout.stacked.then_some("ha-stacked"),
                state.story.reading.is_some().then_some("ha-story-mode"))}
                lang={lang.tag()} ref={root}>
                // A fragment link in an element would rewrite the host page's address.
                if props.host.owns_address_bar() {
                    <a class="ha-skip-link" href="#ha-event-list">{ text(Message::SkipToList) }</a>
                }
                { header(&state, html! {
                    <>
                        { story_picker(&state) }
                        if let Some(feeds) = feeds {
                            <SubscribeMenu feeds={feeds} {lang} />
                        }
                    </>
                }) }
                if props.host == Host::Page {
                    <EmbedButton />
                }
                { dataset_errors }
                { link_notes }
                { story_panel(&state) }
                <div class={classes!("ha-layout", state.selected.is_some().then_some("ha-with-card"))}>
                    { workspace(&state, layout) }
                    { detail_card(&state) }
                </div>
            </div>
        </ContextProvider<AppContext>>
    }
}
