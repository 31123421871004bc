//! The studio page in Yew: one [`State`] in a reducer, views that read it and dispatch
//! [`Action`]s, and the browser's side (files, downloads, storage, the leave-page prompt)
//! in `browser`. The only module of the crate that touches the browser.

mod browser;
mod form;
mod picker;
mod problems;

use std::rc::Rc;

use health_atlas_explore::i18n::{studio_csv_encoding, studio_opened, studio_sheet, StudioMessage as M};
use health_atlas_model::csv::{export_csv, export_stories_csv};
use health_atlas_model::{Lang, LocalizedText};
use health_atlas_workbook::{template_csv, template_xlsx, write_xlsx};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::document::{self, check_size, open_file, OpenError, Source};
use crate::state::{Action, Document, Draft, ReplaceQuestion, State, Tab};

/// Mounts the studio into `#studio` (studio.html's placeholder).
pub fn mount() {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("studio"))
    else {
        return;
    };
    root.set_inner_html("");
    yew::Renderer::<Studio>::with_root(root).render();
}

/// The reducer's state, as Yew holds it.
#[derive(Clone, PartialEq)]
struct Store(State);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(Rc::unwrap_or_clone(self).0.apply(action)))
    }
}

type Dispatch = UseReducerDispatcher<Store>;

const JSON_TYPE: &str = "application/json";
const CSV_TYPE: &str = "text/csv;charset=utf-8";
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A window at least this wide shows the editor and the preview side by side; a narrower
/// one (a phone, a tablet upright) shows one at a time, chosen by the tabs.
const SIDE_BY_SIDE: &str = "(min-width: 1100px)";

/// How long the preview waits after the last change before it shows the events again, so
/// typing does not reload the atlas at each key.
const PREVIEW_DELAY_MS: u32 = 400;

/// Whether the window is wide enough for [`SIDE_BY_SIDE`], following its changes.
#[hook]
fn use_side_by_side() -> bool {
    let wide = use_state_eq(|| browser::matches_media(SIDE_BY_SIDE));
    {
        let wide = wide.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_media_change(SIDE_BY_SIDE, move |matches| wide.set(matches));
            move || drop(listener)
        });
    }
    *wide
}

/// Asks the reader whether to go on when replacing the events would lose `question`'s work.
fn confirm_replace(question: Option<&ReplaceQuestion>, lang: Lang) -> bool {
    match question {
        None => true,
        Some(ReplaceQuestion::Unsaved) => browser::confirm(M::ReplaceUnsaved.text(lang)),
        Some(ReplaceQuestion::KeptDraft { name, events }) => {
            browser::confirm(&M::ReplaceDraft.with(lang, &[name, events]))
        }
    }
}

#[component]
fn Studio() -> Html {
    let store = use_reducer(|| Store(State::new(browser::page_lang())));
    let state = &store.0;
    let lang = state.lang;
    let dispatch = store.dispatcher();
    let storage_failed = use_state(|| false);

    // The work in progress of an earlier visit, offered back once.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            if let Some(draft) = browser::stored_draft().as_deref().and_then(Draft::from_json) {
                dispatch.dispatch(Action::OfferDraft(Box::new(draft)));
            }
        });
    }
    use_effect_with(lang, |&lang| browser::set_document_lang(lang, M::Title.text(lang)));

    // Unsaved work is copied to storage after every change; a save or an open file without
    // changes forgets it (unless an earlier draft is still on offer).
    {
        let storage_failed = storage_failed.clone();
        let key = state
            .document
            .as_ref()
            .map(|document| (Rc::clone(&document.dataset), document.unsaved, document.name.clone()));
        let offer_pending = state.draft.is_some();
        use_effect_with((key, offer_pending), move |(key, offer_pending)| {
            if let Some((dataset, unsaved, name)) = key {
                if *unsaved {
                    let draft = Draft {
                        name: name.clone(),
                        dataset: (**dataset).clone(),
                    };
                    storage_failed.set(!browser::store_draft(&draft.to_json()));
                } else if !offer_pending {
                    browser::forget_draft();
                }
            }
        });
    }

    // The browser's leave-page prompt while there are unsaved changes.
    {
        let unsaved = state.document.as_ref().is_some_and(|document| document.unsaved);
        use_effect_with(unsaved, move |&unsaved| {
            let listener = unsaved.then(|| {
                let window = web_sys::window();
                window.map(|window| {
                    gloo::events::EventListener::new(&window, "beforeunload", |event| {
                        event.prevent_default();
                        if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                            event.set_return_value("unsaved");
                        }
                    })
                })
            });
            move || drop(listener)
        });
    }

    // A problem chosen in the list: its field gets the focus once the form shows it.
    {
        let focus = state.document.as_ref().and_then(|document| document.focus);
        use_effect_with(focus, |focus| {
            if let Some((field, _)) = focus {
                browser::focus(&field.dom_id());
            }
        });
    }

    let on_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Some(lang) = Lang::from_tag(&select.value()) {
                dispatch.dispatch(Action::SetLang(lang));
            }
        })
    };

    html! {
        <>
        <header class="st-header">
            <h1>{ M::Title.text(lang) }</h1>
            <p class="st-intro">{ M::Intro.text(lang) }</p>
            <label class="st-lang">
                { M::Language.text(lang) }
                <select onchange={on_lang}>
                    { for Lang::ALL.iter().map(|&option| html! {
                        <option value={option.tag()} selected={option == lang}>{ language_name(option) }</option>
                    }) }
                </select>
            </label>
        </header>
        <main id="main">
            <OpenPanel state={state.clone()} dispatch={dispatch.clone()} />
            if *storage_failed {
                <p class="st-warning" role="alert">{ M::StorageFailed.text(lang) }</p>
            }
            if let Some(document) = &state.document {
                <Workspace document={document.clone()} lang={lang} tab={state.tab} dispatch={dispatch.clone()} />
            }
        </main>
        </>
    }
}

/// A language's own name, the same in every language of the page.
fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "中文",
        Lang::Fr => "Français",
    }
}

#[derive(Properties, PartialEq)]
struct OpenProps {
    state: State,
    dispatch: Dispatch,
}

/// Opening: drop zone, file picker, the built-in and empty starts, the templates, the draft
/// on offer and why the last file did not open.
#[component]
fn OpenPanel(props: &OpenProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    // Asked only once a file has opened: one that does not replaces nothing.
    let question = Rc::new(state.replace_question());
    let reading = use_state(|| None::<String>);
    let dragging = use_state(|| false);

    let open_files = {
        let dispatch = props.dispatch.clone();
        let reading = reading.clone();
        let question = Rc::clone(&question);
        Rc::new(move |file: web_sys::File| {
            let name = file.name();
            if let Err(error) = check_size(file.size() as u64) {
                dispatch.dispatch(Action::Open(name, Box::new(Err(error))));
                return;
            }
            let dispatch = dispatch.clone();
            let reading = reading.clone();
            let question = Rc::clone(&question);
            reading.set(Some(name.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                let result = match browser::read_file(&file).await {
                    Ok(bytes) => open_file(&name, &bytes),
                    Err(detail) => Err(OpenError::Workbook(health_atlas_workbook::WorkbookError::Unreadable {
                        detail,
                    })),
                };
                reading.set(None);
                if result.is_err() || confirm_replace((*question).as_ref(), lang) {
                    dispatch.dispatch(Action::Open(name, Box::new(result)));
                }
            });
        })
    };
    let on_pick = {
        let open_files = Rc::clone(&open_files);
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                open_files(file);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let open_files = Rc::clone(&open_files);
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(file) = event
                .data_transfer()
                .and_then(|data| data.files())
                .and_then(|files| files.get(0))
            {
                open_files(file);
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_| dragging.set(false))
    };
    let start = |opened: fn() -> document::Opened| {
        let dispatch = props.dispatch.clone();
        let question = Rc::clone(&question);
        Callback::from(move |_| {
            if !confirm_replace((*question).as_ref(), lang) {
                return;
            }
            let opened = opened();
            dispatch.dispatch(Action::Open(opened.name.clone(), Box::new(Ok(opened))));
        })
    };
    let template_xlsx_download = Callback::from(|_| {
        if let Ok(bytes) = template_xlsx() {
            browser::download("events-template.xlsx", XLSX_TYPE, &bytes);
        }
    });
    let template_csv_download =
        Callback::from(|_| browser::download("events-template.csv", CSV_TYPE, template_csv().as_bytes()));
    let restore = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::RestoreDraft))
    };
    let discard = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            browser::forget_draft();
            dispatch.dispatch(Action::DiscardDraft)
        })
    };

    html! {
        <section class="st-open" aria-labelledby="st-open-heading">
            <h2 id="st-open-heading">{ M::OpenHeading.text(lang) }</h2>
            if let Some(draft) = &state.draft {
                <div class="st-draft" role="alert">
                    <p>{ M::DraftFound.with(lang, &[&draft.name, &draft.dataset.events.len()]) }</p>
                    <button type="button" class="st-button st-primary" onclick={restore}>{ M::RestoreDraft.text(lang) }</button>
                    <button type="button" class="st-button" onclick={discard}>{ M::DiscardDraft.text(lang) }</button>
                </div>
            }
            <div class={classes!("st-drop", dragging.then_some("st-dragging"))}
                 ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <p>{ M::DropHint.text(lang) }</p>
                <label class="st-button st-primary st-file">
                    { M::ChooseFile.text(lang) }
                    <input type="file" class="st-file-input" accept=".json,.csv,.txt,.xlsx,.xlsm,.xls,.xlsb,.ods" onchange={on_pick} />
                </label>
                <button type="button" class="st-button" onclick={start(document::built_in)}>{ M::StartBuiltIn.text(lang) }</button>
                <button type="button" class="st-button" onclick={start(document::new_empty)}>{ M::StartEmpty.text(lang) }</button>
            </div>
            <p class="st-templates">
                <span>{ M::TemplateHeading.text(lang) }{ ": " }</span>
                <button type="button" class="st-link" onclick={template_xlsx_download}>{ M::TemplateXlsx.text(lang) }</button>
                <button type="button" class="st-link" onclick={template_csv_download}>{ M::TemplateCsv.text(lang) }</button>
            </p>
            <div role="status" class="st-status">
                if let Some(name) = &*reading {
                    <p>{ M::Reading.with(lang, &[name]) }</p>
                } else if let Some(document) = &state.document {
                    <p>{ studio_opened(&document.name, &source_text(&document.source, lang), document.dataset.events.len(), lang) }</p>
                }
            </div>
            if let Some((name, error)) = &state.open_error {
                <problems::OpenErrors name={name.clone()} error={error.clone()} lang={lang} />
            }
        </section>
    }
}

/// How the events on screen were read.
fn source_text(source: &Source, lang: Lang) -> String {
    match source {
        Source::Json => "JSON".into(),
        Source::Csv { encoding } => studio_csv_encoding(encoding.name(), lang),
        Source::Workbook { sheet } => studio_sheet(sheet, lang),
        Source::BuiltIn => M::StartBuiltIn.text(lang).into(),
        Source::Empty => M::StartEmpty.text(lang).into(),
    }
}

#[derive(Properties, PartialEq)]
struct WorkspaceProps {
    document: Document,
    lang: Lang,
    tab: Tab,
    dispatch: Dispatch,
}

/// The open document: save and history tools, the problems, the list and the form (or the preview).
#[component]
fn Workspace(props: &WorkspaceProps) -> Html {
    let WorkspaceProps {
        document,
        lang,
        tab,
        dispatch,
    } = props;
    let lang = *lang;
    let side_by_side = use_side_by_side();
    let send = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(action.clone()))
    };
    let base = base_name(&document.name);
    let save = |kind: SaveKind| {
        let dispatch = dispatch.clone();
        let dataset = Rc::clone(&document.dataset);
        let base = base.clone();
        Callback::from(move |_| {
            let saved = match kind {
                SaveKind::Json => {
                    browser::download(
                        &format!("{base}.json"),
                        JSON_TYPE,
                        document::to_json(&dataset).as_bytes(),
                    );
                    true
                }
                SaveKind::Csv => {
                    browser::download(&format!("{base}.csv"), CSV_TYPE, export_csv(&dataset).as_bytes());
                    dataset.stories.is_empty()
                }
                SaveKind::StoriesCsv => {
                    browser::download(
                        &format!("{base}-stories.csv"),
                        CSV_TYPE,
                        export_stories_csv(&dataset.stories).as_bytes(),
                    );
                    false
                }
                SaveKind::Xlsx => match write_xlsx(&dataset) {
                    Ok(bytes) => {
                        browser::download(&format!("{base}.xlsx"), XLSX_TYPE, &bytes);
                        true
                    }
                    Err(error) => {
                        let message = M::SaveXlsxFailed.with(lang, &[&error.detail]);
                        let _ = web_sys::window().map(|window| window.alert_with_message(&message));
                        false
                    }
                },
            };
            if saved {
                dispatch.dispatch(Action::Saved);
            }
        })
    };
    let tab_button = |which: Tab, label: M| {
        html! {
            <button type="button" class="st-tab" aria-pressed={(*tab == which).to_string()} onclick={send(Action::ShowTab(which))}>
                { label.text(lang) }
            </button>
        }
    };

    html! {
        <>
        <section class="st-tools" aria-label={M::SaveHeading.text(lang)}>
            <div class="st-group">
                <button type="button" class="st-button" disabled={!document.can_undo()} onclick={send(Action::Undo)}>{ M::Undo.text(lang) }</button>
                <button type="button" class="st-button" disabled={!document.can_redo()} onclick={send(Action::Redo)}>{ M::Redo.text(lang) }</button>
            </div>
            <div class="st-group">
                <span class="st-group-label">{ M::SaveHeading.text(lang) }{ ":" }</span>
                <button type="button" class="st-button st-primary" onclick={save(SaveKind::Json)}>{ M::SaveJson.text(lang) }</button>
                <button type="button" class="st-button" onclick={save(SaveKind::Csv)}>{ M::SaveCsv.text(lang) }</button>
                if !document.dataset.stories.is_empty() {
                    <button type="button" class="st-button" onclick={save(SaveKind::StoriesCsv)}>{ M::SaveStoriesCsv.text(lang) }</button>
                }
                <button type="button" class="st-button" onclick={save(SaveKind::Xlsx)}>{ M::SaveXlsx.text(lang) }</button>
            </div>
            <p class="st-saved" role="status">
                { if document.unsaved { M::Unsaved.text(lang) } else { M::SavedAll.text(lang) } }
            </p>
        </section>
        <problems::Problems problems={Rc::clone(&document.problems)} dataset={Rc::clone(&document.dataset)}
            has_rows={document.source.has_rows()} lang={lang} dispatch={dispatch.clone()} />
        <form::DatasetForm dataset={Rc::clone(&document.dataset)} lang={lang} dispatch={dispatch.clone()} />
        if side_by_side {
            // Wide: the list, the form and the atlas with the events as they are, at once.
            <div class="st-workspace st-beside">
                <EventList document={document.clone()} lang={lang} dispatch={dispatch.clone()} />
                <form::EventForm document={document.clone()} lang={lang} dispatch={dispatch.clone()} />
                <Preview dataset={Rc::clone(&document.dataset)} lang={lang} beside={true} />
            </div>
        } else {
            <div class="st-tabs" role="group" aria-label={format!("{} / {}", M::EditorTab.text(lang), M::PreviewTab.text(lang))}>
                { tab_button(Tab::Editor, M::EditorTab) }
                { tab_button(Tab::Preview, M::PreviewTab) }
            </div>
            if *tab == Tab::Editor {
                <div class="st-workspace">
                    <EventList document={document.clone()} lang={lang} dispatch={dispatch.clone()} />
                    <form::EventForm document={document.clone()} lang={lang} dispatch={dispatch.clone()} />
                </div>
            } else {
                <Preview dataset={Rc::clone(&document.dataset)} lang={lang} beside={false} />
            }
        }
        </>
    }
}

#[derive(Clone, Copy)]
enum SaveKind {
    Json,
    Csv,
    StoriesCsv,
    Xlsx,
}

/// `events` for `events.json`, `my events` for `my events.xlsx`.
fn base_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if stem.is_empty() {
        "events".into()
    } else {
        stem.to_owned()
    }
}

/// A text in the page's language, else in another.
pub(crate) fn localized(text: &LocalizedText, lang: Lang) -> &str {
    text.get(lang).unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct ListProps {
    document: Document,
    lang: Lang,
    dispatch: Dispatch,
}

/// The events, and adding, duplicating and deleting them.
#[component]
fn EventList(props: &ListProps) -> Html {
    let ListProps {
        document,
        lang,
        dispatch,
    } = props;
    let lang = *lang;
    let send = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(action.clone()))
    };
    let delete = {
        let dispatch = dispatch.clone();
        let id = document
            .selected_event()
            .map(|event| event.id.clone())
            .unwrap_or_default();
        Callback::from(move |_| {
            if browser::confirm(&M::ConfirmDelete.with(lang, &[&id])) {
                dispatch.dispatch(Action::DeleteEvent);
            }
        })
    };
    let problem_events: std::collections::HashSet<usize> = document
        .problems
        .iter()
        .filter_map(|problem| problem.event_index())
        .collect();
    html! {
        <section class="st-list" aria-labelledby="st-list-heading">
            <h2 id="st-list-heading">{ M::EventsHeading.text(lang) }{ format!(" ({})", document.dataset.events.len()) }</h2>
            <div class="st-group">
                <button type="button" class="st-button" onclick={send(Action::AddEvent)}>{ M::AddEvent.text(lang) }</button>
                <button type="button" class="st-button" disabled={document.selected.is_none()} onclick={send(Action::DuplicateEvent)}>{ M::DuplicateEvent.text(lang) }</button>
                <button type="button" class="st-button st-danger" disabled={document.selected.is_none()} onclick={delete}>{ M::DeleteEvent.text(lang) }</button>
            </div>
            <ol class="st-events">
                { for document.dataset.events.iter().enumerate().map(|(index, event)| {
                    let current = document.selected == Some(index);
                    html! {
                        <li key={index}>
                            <button type="button" class={classes!("st-event", current.then_some("st-current"), problem_events.contains(&index).then_some("st-has-problem"))}
                                aria-current={current.then_some("true")} onclick={send(Action::Select(index))}>
                                <span class="st-event-date">{ event.start.to_string() }</span>
                                <span class="st-event-title">{ match localized(&event.title, lang) { "" => event.id.as_str(), title => title } }</span>
                                if problem_events.contains(&index) { <span class="st-mark" aria-hidden="true">{ "!" }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    dataset: Rc<health_atlas_model::Dataset>,
    lang: Lang,
    /// Beside the form (a wide window), as tall as the window; else under the tabs.
    beside: bool,
}

/// The atlas itself, as `<health-atlas>` (the element of this build), given the edited events
/// as a blob URL in its `src` attribute: the host page's own choice, which the atlas's trust
/// rules accept; a page's query never could. A change of the events gives the same element
/// a new `src` (it reloads the events and keeps its view), [`PREVIEW_DELAY_MS`] after the
/// last change; the first events are shown at once.
#[component]
fn Preview(props: &PreviewProps) -> Html {
    let url = use_state(|| None::<String>);
    {
        let url = url.clone();
        use_effect_with(Rc::clone(&props.dataset), move |dataset| {
            browser::load_atlas_element();
            let first = url.is_none();
            let dataset = Rc::clone(dataset);
            let show = move || url.set(browser::json_url(&document::to_json(&dataset)));
            let timer = if first {
                show();
                None
            } else {
                Some(gloo::timers::callback::Timeout::new(PREVIEW_DELAY_MS, show))
            };
            move || drop(timer)
        });
    }
    // A URL the element no longer shows is let go once it has surely read the new one.
    use_effect_with((*url).clone(), |shown| {
        let shown = shown.clone();
        move || {
            if let Some(shown) = shown {
                gloo::timers::callback::Timeout::new(10_000, move || browser::revoke_url(&shown)).forget();
            }
        }
    });
    let lang = props.lang;
    html! {
        <section class={classes!("st-preview", props.beside.then_some("st-preview-beside"))} aria-labelledby="st-preview-heading">
            <h2 id="st-preview-heading">{ M::PreviewTab.text(lang) }</h2>
            <p>{ M::PreviewHelp.text(lang) }</p>
            if let Some(url) = &*url {
                <health-atlas src={url.clone()} lang={lang.tag()} height={if props.beside { "80vh" } else { "640" }}></health-atlas>
            }
        </section>
    }
}
