//! The app shell: owns the state, provides it to the views, lays out the regions.

use gloo::events::EventListener;
use yew::prelude::*;

use super::components::{DetailCard, EventList, Header, PendingRegion};
use super::state::{Action, DatasetStatus, State};
use crate::i18n::Message;
use crate::model::Lang;

/// The state handle every component reads from context.
pub type AppContext = UseReducerHandle<State>;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub lang: Lang,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let initial_lang = props.lang;
    let state = use_reducer(move || State::initial(initial_lang));

    // Escape closes the detail card wherever focus is.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "keydown", move |event| {
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
    let dataset_errors = match &state.dataset_status {
        DatasetStatus::Embedded => Html::default(),
        DatasetStatus::EmbeddedInvalid { errors } => html! {
            <div class="ha-alert" role="alert">
                <strong>{ text(Message::DatasetErrorsHeading) }</strong>
                <ul>{ for errors.iter().take(10).map(|error| html! { <li>{ error }</li> }) }</ul>
            </div>
        },
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class="ha-app" lang={lang.tag()}>
                <a class="ha-skip-link" href="#ha-event-list">{ text(Message::SkipToList) }</a>
                <Header />
                { dataset_errors }
                <div class="ha-layout">
                    <PendingRegion class="ha-filters" heading={Message::FiltersHeading} body={Message::FiltersPending} />
                    <div class="ha-views">
                        <PendingRegion class="ha-timeline" heading={Message::TimelineHeading} body={Message::TimelinePending} />
                        <PendingRegion class="ha-map" heading={Message::MapHeading} body={Message::MapPending} />
                        <EventList />
                    </div>
                    <DetailCard />
                </div>
            </div>
        </ContextProvider<AppContext>>
    }
}

use wasm_bindgen::JsCast;
