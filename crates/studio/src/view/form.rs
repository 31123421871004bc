//! The form of the selected event: every field of the schema, texts in English, Chinese and
//! French side by side, closed fields (category, date and place precision, roles, qualifier,
//! relation and its event) as drop-downs with translated labels, nested records (places, organisations,
//! people, figures, relations, sources) as groups that can be added and removed. Each field
//! shows, as it is typed, why the text was not taken (not a day, not a number) and what the
//! validator says about it.

use health_atlas_explore::i18n::{
    category_label, dataset_error_text, precision_label, relation_label, role_label, StudioMessage as M,
};
use health_atlas_model::{
    Category, FigureQualifier, Lang, PlacePrecision, RelationKind, ORGANISATION_ROLES, PERSON_ROLES,
};
use yew::prelude::*;

use super::{localized, Dispatch};
use crate::fields::{Field, FieldError, List, Localized};
use crate::state::{Action, Document};
use crate::story_fields::{self, StoryField};

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub document: Document,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

/// What every field helper needs.
struct Form<'a> {
    document: &'a Document,
    lang: Lang,
    dispatch: &'a Dispatch,
}

fn field_error_text(error: &FieldError, lang: Lang) -> &'static str {
    match error {
        FieldError::NotADay => M::NotADay.text(lang),
        FieldError::NotANumber => M::NotANumber.text(lang),
        FieldError::NotAChoice => M::NotAChoice.text(lang),
        FieldError::NoSuchRecord => M::NoSuchRecord.text(lang),
    }
}

fn language_label(lang: Lang, page: Lang) -> &'static str {
    match lang {
        Lang::En => M::English.text(page),
        Lang::Zh => M::Chinese.text(page),
        Lang::Fr => M::French.text(page),
    }
}

/// The value of the input or text area an `input` event came from.
fn typed_value(event: &InputEvent) -> String {
    event
        .target_dyn_into::<web_sys::HtmlInputElement>()
        .map(|input| input.value())
        .or_else(|| {
            event
                .target_dyn_into::<web_sys::HtmlTextAreaElement>()
                .map(|area| area.value())
        })
        .unwrap_or_default()
}

impl Form<'_> {
    fn on_input(&self, field: Field) -> Callback<InputEvent> {
        let dispatch = self.dispatch.clone();
        Callback::from(move |event: InputEvent| {
            dispatch.dispatch(Action::Edit(field, typed_value(&event)));
        })
    }

    /// The messages under a field, and the id they are announced by.
    fn messages(&self, field: Field) -> (Html, Option<String>) {
        let mut texts: Vec<String> = Vec::new();
        if let Some(error) = self.document.field_error(field) {
            texts.push(field_error_text(error, self.lang).to_owned());
        }
        texts.extend(
            self.document
                .field_problems(field)
                .into_iter()
                .map(|problem| dataset_error_text(problem, self.lang)),
        );
        if texts.is_empty() {
            return (Html::default(), None);
        }
        let id = format!("{}-error", field.dom_id());
        let html = html! {
            <p class="st-field-error" id={id.clone()}>{ texts.join(" · ") }</p>
        };
        (html, Some(id))
    }

    fn input(&self, field: Field, label: &str, kind: &'static str) -> Html {
        let id = field.dom_id();
        let (messages, described) = self.messages(field);
        html! {
            <div class="st-field">
                <label for={id.clone()}>{ label.to_owned() }</label>
                <input id={id} type={kind} value={self.document.field_text(field)} oninput={self.on_input(field)}
                    aria-invalid={described.as_ref().map(|_| "true")} aria-describedby={described} />
                { messages }
            </div>
        }
    }

    fn textarea(&self, field: Field, label: &str) -> Html {
        let id = field.dom_id();
        let (messages, described) = self.messages(field);
        html! {
            <div class="st-field">
                <label for={id.clone()}>{ label.to_owned() }</label>
                <textarea id={id} rows="3" value={self.document.field_text(field)} oninput={self.on_input(field)}
                    aria-invalid={described.as_ref().map(|_| "true")} aria-describedby={described} />
                { messages }
            </div>
        }
    }

    fn select(&self, field: Field, label: &str, options: Vec<(String, String)>) -> Html {
        let id = field.dom_id();
        let (messages, described) = self.messages(field);
        let current = self.document.field_text(field);
        let dispatch = self.dispatch.clone();
        let onchange = Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            dispatch.dispatch(Action::Edit(field, select.value()));
        });
        html! {
            <div class="st-field">
                <label for={id.clone()}>{ label.to_owned() }</label>
                <select id={id} onchange={onchange} aria-invalid={described.as_ref().map(|_| "true")} aria-describedby={described}>
                    { for options.into_iter().map(|(value, text)| {
                        let selected = value == current;
                        html! { <option value={value} selected={selected}>{ text }</option> }
                    }) }
                </select>
                { messages }
            </div>
        }
    }

    /// A text in the three languages, side by side.
    fn trio(&self, legend: &str, field_of: impl Fn(Lang) -> Field, multiline: bool) -> Html {
        html! {
            <fieldset class="st-trio">
                <legend>{ legend.to_owned() }</legend>
                { for Lang::ALL.iter().map(|&lang| {
                    let label = language_label(lang, self.lang);
                    if multiline { self.textarea(field_of(lang), label) } else { self.input(field_of(lang), label, "text") }
                }) }
            </fieldset>
        }
    }

    fn send(&self, action: Action) -> Callback<MouseEvent> {
        let dispatch = self.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(action.clone()))
    }

    /// A list of records: each one's fields and a remove button, then an add button.
    fn records(&self, heading: M, add: M, list: List, count: usize, record: impl Fn(usize) -> Html) -> Html {
        let lang = self.lang;
        html! {
            <fieldset class="st-records">
                <legend>{ heading.text(lang) }</legend>
                { for (0..count).map(|index| html! {
                    <div class="st-record">
                        { record(index) }
                        <button type="button" class="st-button st-danger" onclick={self.send(Action::RemoveRecord(list, index))}
                            aria-label={format!("{} {} {}", M::Remove.text(lang), heading.text(lang), index + 1)}>{ M::Remove.text(lang) }</button>
                    </div>
                }) }
                <button type="button" class="st-button" onclick={self.send(Action::AddRecord(list))}>{ add.text(lang) }</button>
            </fieldset>
        }
    }

    fn localized_trio(&self, label: M, which: Localized, index: usize) -> Html {
        self.trio(label.text(self.lang), |lang| Field::Text(which, index, lang), false)
    }
}

/// The choices of a role: the common ones (translated, with the value the file holds when
/// it reads differently), and the event's own value when it is another, so it is kept and
/// shown as written; an empty role asks for one (the validator says it is missing).
fn role_options(common: &[&str], current: &str, lang: Lang) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), M::ChooseRole.text(lang).to_owned())];
    if !current.is_empty() && !common.contains(&current) {
        options.push((current.to_owned(), role_label(current, lang)));
    }
    options.extend(common.iter().map(|&role| {
        let label = role_label(role, lang);
        let text = if label == role {
            label
        } else {
            format!("{label} ({role})")
        };
        (role.to_owned(), text)
    }));
    options
}

fn slugs<T: Copy>(
    values: &[T],
    slug: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Vec<(String, String)> {
    values
        .iter()
        .map(|&value| (slug(value).to_owned(), label(value)))
        .collect()
}

#[component]
pub fn EventForm(props: &FormProps) -> Html {
    let lang = props.lang;
    let form = Form {
        document: &props.document,
        lang,
        dispatch: &props.dispatch,
    };
    let Some(event) = props.document.selected_event() else {
        return html! {
            <section class="st-form" aria-labelledby="st-form-heading">
                <h2 id="st-form-heading">{ M::EventHeading.text(lang) }</h2>
                <p>{ M::NoEventSelected.text(lang) }</p>
            </section>
        };
    };
    let categories = slugs(&Category::ALL, Category::slug, |category| {
        category_label(category, lang).to_owned()
    });
    let precisions = slugs(
        &[
            health_atlas_model::DatePrecision::Exact,
            health_atlas_model::DatePrecision::Approximate,
            health_atlas_model::DatePrecision::Month,
            health_atlas_model::DatePrecision::Year,
        ],
        health_atlas_model::DatePrecision::slug,
        |precision| format!("{} ({})", precision_label(precision, lang), precision.slug()),
    );
    let place_precisions = slugs(
        &[
            PlacePrecision::Venue,
            PlacePrecision::City,
            PlacePrecision::Region,
            PlacePrecision::Country,
        ],
        PlacePrecision::slug,
        |precision| {
            let label = match precision {
                PlacePrecision::Venue => M::PrecisionVenue,
                PlacePrecision::City => M::PrecisionCity,
                PlacePrecision::Region => M::PrecisionRegion,
                PlacePrecision::Country => M::PrecisionCountry,
            };
            format!("{} ({})", label.text(lang), precision.slug())
        },
    );
    let qualifiers = slugs(
        &[
            FigureQualifier::Exact,
            FigureQualifier::MoreThan,
            FigureQualifier::About,
        ],
        FigureQualifier::slug,
        |qualifier| {
            let label = match qualifier {
                FigureQualifier::Exact => M::QualifierExact,
                FigureQualifier::MoreThan => M::QualifierMoreThan,
                FigureQualifier::About => M::QualifierAbout,
            };
            format!("{} ({})", label.text(lang), qualifier.slug())
        },
    );
    let kinds = slugs(
        &[RelationKind::PartOf, RelationKind::FollowUp, RelationKind::Related],
        RelationKind::slug,
        |kind| relation_label(kind, lang).to_owned(),
    );
    let targets = |index: usize| {
        let current = form.document.field_text(Field::RelationTarget(index));
        let mut options = vec![(String::new(), M::ChooseEvent.text(lang).to_owned())];
        // A target that is no event's id stays listed, so the validator's problem shows on it.
        if !current.is_empty() && !props.document.dataset.events.iter().any(|other| other.id == current) {
            options.push((current.clone(), current.clone()));
        }
        options.extend(
            props
                .document
                .dataset
                .events
                .iter()
                .filter(|other| other.id != event.id)
                .map(|other| {
                    (
                        other.id.clone(),
                        format!("{} — {}", other.id, localized(&other.title, lang)),
                    )
                }),
        );
        options
    };
    let not_stated = event.places.is_empty();
    let on_not_stated = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |change: Event| {
            let input: web_sys::HtmlInputElement = change.target_unchecked_into();
            dispatch.dispatch(Action::PlacesNotStated(input.checked()));
        })
    };

    html! {
        <section class="st-form" aria-labelledby="st-form-heading">
            <h2 id="st-form-heading">{ M::EventHeading.text(lang) }{ ": " }{ event.id.clone() }</h2>
            { form.input(Field::Id, M::FieldId.text(lang), "text") }
            { form.trio(M::FieldTitle.text(lang), Field::Title, false) }
            { form.trio(M::FieldSummary.text(lang), Field::Summary, true) }
            <div class="st-row">
                { form.select(Field::Category, M::FieldCategory.text(lang), categories) }
                { form.input(Field::Start, M::FieldStart.text(lang), "text") }
                { form.input(Field::End, M::FieldEnd.text(lang), "text") }
                { form.select(Field::Precision, M::FieldPrecision.text(lang), precisions) }
            </div>
            { form.input(Field::DateNote, M::FieldDateNote.text(lang), "text") }
            <fieldset class="st-records">
                <legend>{ M::Places.text(lang) }</legend>
                <div class="st-check">
                    <input id="f-not-stated" type="checkbox" checked={not_stated} onchange={on_not_stated} />
                    <label for="f-not-stated">{ M::LocationNotStated.text(lang) }</label>
                </div>
                { for (0..event.places.len()).map(|index| html! {
                    <div class="st-record">
                        { form.localized_trio(M::PlaceName, Localized::PlaceName, index) }
                        { form.localized_trio(M::PlaceCity, Localized::PlaceCity, index) }
                        { form.localized_trio(M::PlaceRegion, Localized::PlaceRegion, index) }
                        <div class="st-row">
                            { form.input(Field::PlaceCountry(index), M::PlaceCountry.text(lang), "text") }
                            { form.input(Field::PlaceLat(index), M::PlaceLat.text(lang), "text") }
                            { form.input(Field::PlaceLon(index), M::PlaceLon.text(lang), "text") }
                            { form.select(Field::PlacePrecision(index), M::PlacePrecision.text(lang), place_precisions.clone()) }
                        </div>
                        <super::picker::PlacePicker index={index} lat={event.places[index].lat} lon={event.places[index].lon}
                            lang={lang} dispatch={props.dispatch.clone()} />
                        <button type="button" class="st-button st-danger" onclick={form.send(Action::RemoveRecord(List::Places, index))}
                            aria-label={format!("{} {} {}", M::Remove.text(lang), M::Places.text(lang), index + 1)}>{ M::Remove.text(lang) }</button>
                    </div>
                }) }
                if !not_stated {
                    <button type="button" class="st-button" onclick={form.send(Action::AddRecord(List::Places))}>{ M::AddPlace.text(lang) }</button>
                }
            </fieldset>
            { form.records(M::Organisations, M::AddOrganisation, List::Organisations, event.organisations.len(), |index| html! {
                <>
                { form.localized_trio(M::Name, Localized::OrganisationName, index) }
                { form.select(Field::OrganisationRole(index), M::Role.text(lang),
                    role_options(&ORGANISATION_ROLES, &form.document.field_text(Field::OrganisationRole(index)), lang)) }
                </>
            }) }
            { form.records(M::People, M::AddPerson, List::People, event.people.len(), |index| html! {
                <>
                { form.localized_trio(M::Name, Localized::PersonName, index) }
                { form.localized_trio(M::PersonTitle, Localized::PersonTitle, index) }
                { form.localized_trio(M::Affiliation, Localized::PersonAffiliation, index) }
                { form.select(Field::PersonRole(index), M::Role.text(lang),
                    role_options(&PERSON_ROLES, &form.document.field_text(Field::PersonRole(index)), lang)) }
                </>
            }) }
            { form.input(Field::Tags, M::FieldTags.text(lang), "text") }
            { form.records(M::Figures, M::AddFigure, List::Figures, event.figures.len(), |index| html! {
                <>
                { form.localized_trio(M::FigureLabel, Localized::FigureLabel, index) }
                <div class="st-row">
                    { form.input(Field::FigureValue(index), M::FigureValue.text(lang), "text") }
                    { form.input(Field::FigureUnit(index), M::FigureUnit.text(lang), "text") }
                    { form.select(Field::FigureQualifier(index), M::FigureQualifier.text(lang), qualifiers.clone()) }
                </div>
                </>
            }) }
            { form.records(M::Relations, M::AddRelation, List::Relations, event.relations.len(), |index| html! {
                <div class="st-row">
                    { form.select(Field::RelationKind(index), M::RelationKind.text(lang), kinds.clone()) }
                    { form.select(Field::RelationTarget(index), M::RelationTarget.text(lang), targets(index)) }
                </div>
            }) }
            { form.records(M::Sources, M::AddSource, List::Sources, event.sources.len(), |index| html! {
                <>
                <div class="st-row">
                    { form.input(Field::SourceFile(index), M::SourceFile.text(lang), "text") }
                    { form.input(Field::SourceTitle(index), M::SourceTitle.text(lang), "text") }
                    { form.input(Field::SourcePublisher(index), M::SourcePublisher.text(lang), "text") }
                </div>
                <div class="st-row">
                    { form.input(Field::SourcePublished(index), M::SourcePublished.text(lang), "text") }
                    { form.input(Field::SourceLanguage(index), M::SourceLanguage.text(lang), "text") }
                    { form.input(Field::SourceUrl(index), M::SourceUrl.text(lang), "url") }
                </div>
                { form.textarea(Field::SourceQuote(index), M::SourceQuote.text(lang)) }
                </>
            }) }
            { form.textarea(Field::Note, M::FieldNote.text(lang)) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DatasetFormProps {
    pub dataset: std::rc::Rc<health_atlas_model::Dataset>,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

/// What belongs to the file rather than to one event: its description (one text, as the
/// schema has it) and the stories' words, each story folded until it is opened. A step's
/// timeline window and map view are not in the form; they are kept as they came.
#[component]
pub fn DatasetForm(props: &DatasetFormProps) -> Html {
    let lang = props.lang;
    let dataset = &props.dataset;
    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            dispatch.dispatch(Action::EditDescription(area.value()));
        })
    };
    let story_input = |field: StoryField, label: &str, multiline: bool| {
        let dispatch = props.dispatch.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            dispatch.dispatch(Action::EditStory(field, typed_value(&event)));
        });
        let id = field.dom_id();
        let value = story_fields::value(dataset, field);
        html! {
            <div class="st-field">
                <label for={id.clone()}>{ label.to_owned() }</label>
                if multiline {
                    <textarea id={id} rows="3" {value} {oninput} />
                } else {
                    <input id={id} type="text" {value} {oninput} />
                }
            </div>
        }
    };
    let story_trio = |legend: &str, field_of: &dyn Fn(Lang) -> StoryField, multiline: bool| {
        html! {
            <fieldset class="st-trio">
                <legend>{ legend.to_owned() }</legend>
                { for Lang::ALL.iter().map(|&text_lang| story_input(field_of(text_lang), language_label(text_lang, lang), multiline)) }
            </fieldset>
        }
    };
    html! {
        <section class="st-dataset" aria-labelledby="st-dataset-heading">
            <h2 id="st-dataset-heading">{ M::DatasetHeading.text(lang) }</h2>
            <div class="st-field">
                <label for="f-description">{ M::DatasetDescription.text(lang) }</label>
                <textarea id="f-description" rows="2" value={dataset.description.clone()} {oninput} />
            </div>
            if !dataset.stories.is_empty() {
                <h3>{ M::StoriesHeading.text(lang) }</h3>
                <p class="st-stories">{ M::StoriesKept.with(lang, &[&dataset.stories.len()]) }</p>
                { for dataset.stories.iter().enumerate().map(|(s, story)| html! {
                    <details class="st-story" key={s}>
                        <summary>{ match localized(&story.title, lang) { "" => story.id.clone(), title => title.to_owned() } }</summary>
                        { story_input(StoryField::Id(s), M::FieldId.text(lang), false) }
                        { story_trio(M::FieldTitle.text(lang), &|l| StoryField::Title(s, l), false) }
                        { story_trio(M::FieldSummary.text(lang), &|l| StoryField::Summary(s, l), true) }
                        { for (0..story.steps.len()).map(|t| html! {
                            <fieldset class="st-records">
                                <legend>{ M::StepHeading.with(lang, &[&(t + 1)]) }</legend>
                                { story_trio(M::StepNarrative.text(lang), &|l| StoryField::Narrative(s, t, l), true) }
                                { story_input(StoryField::Events(s, t), M::StepEvents.text(lang), false) }
                                { story_input(StoryField::Filter(s, t), M::StepFilter.text(lang), false) }
                                { story_input(StoryField::Quotes(s, t), M::StepQuotes.text(lang), true) }
                            </fieldset>
                        }) }
                    </details>
                }) }
            }
        </section>
    }
}
