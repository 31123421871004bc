//! The studio's one state and its reducer: every change (a file opened, a field typed, an
//! event added, undo) is an [`Action`] and [`State::apply`] is the only place state changes.
//! Plain Rust: the view dispatches actions and renders what is here.

use std::rc::Rc;

use chrono::NaiveDate;
// The same rules as `atlas-data validate`: the model's, then the story steps' filters.
use health_atlas_explore::share::validate_checked as validate;
use health_atlas_model::{Dataset, DatasetError, Event, Lang};
use serde::{Deserialize, Serialize};

use crate::document::{OpenError, Opened, Source};
use crate::fields::{self, Field, FieldError, List};
use crate::history::History;
use crate::story_fields::{self, StoryField};

/// Which pane a narrow page shows beside the list (on phones, instead of it); a wide page
/// shows both, side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Editor,
    Preview,
}

/// What undo goes back to.
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    dataset: Rc<Dataset>,
    selected: Option<usize>,
}

/// The events being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub name: String,
    pub source: Source,
    pub dataset: Rc<Dataset>,
    /// Every problem the validator finds in `dataset` (the same `validate` as `atlas-data`).
    pub problems: Rc<Vec<DatasetError>>,
    pub selected: Option<usize>,
    /// Text typed into fields of the selected event since it was selected, with why it was
    /// not taken when it was not, so the form shows what was typed (`31.` while typing a
    /// number) and the message beside it.
    pub typed: Vec<(Field, String, Option<FieldError>)>,
    /// Changed since it was opened or last saved.
    pub unsaved: bool,
    /// A field to move the focus to after the next render, and a count that changes each
    /// time one is asked for (so asking twice for the same field still moves the focus).
    pub focus: Option<(Field, u32)>,
    history: History<Snapshot>,
    /// What the last change typed into: more typing there is the same undo step.
    last_typed: Option<Typed>,
}

/// Where text was typed: a field of an event, the dataset's description, a story's field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Typed {
    Field(usize, Field),
    Description,
    Story(StoryField),
}

impl Document {
    fn new(opened: Opened) -> Document {
        let dataset = Rc::new(opened.dataset);
        Document {
            name: opened.name,
            source: opened.source,
            problems: Rc::new(validate(&dataset)),
            selected: if dataset.events.is_empty() { None } else { Some(0) },
            dataset,
            typed: Vec::new(),
            unsaved: false,
            focus: None,
            history: History::default(),
            last_typed: None,
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.dataset.events.get(self.selected?)
    }

    /// What a field of the selected event shows: the text typed there, else the event's value.
    pub fn field_text(&self, field: Field) -> String {
        match self.typed.iter().find(|(typed, _, _)| *typed == field) {
            Some((_, text, _)) => text.clone(),
            None => self
                .selected_event()
                .map(|event| fields::value(event, field))
                .unwrap_or_default(),
        }
    }

    /// Why the text typed into `field` was not taken.
    pub fn field_error(&self, field: Field) -> Option<&FieldError> {
        self.typed
            .iter()
            .find(|(typed, _, _)| *typed == field)
            .and_then(|(_, _, error)| error.as_ref())
    }

    /// The validator's problems with a field of the selected event.
    pub fn field_problems(&self, field: Field) -> Vec<&DatasetError> {
        let Some(selected) = self.selected else {
            return Vec::new();
        };
        self.problems
            .iter()
            .filter(|problem| {
                fields::split_event_path(&problem.path)
                    .is_some_and(|(index, path)| index == selected && Field::from_event_path(path) == Some(field))
            })
            .collect()
    }

    /// Replaces the dataset (a change undo can take back), and checks it again. Typing more
    /// into the same place (`typed`) extends the last undo step instead of adding one.
    fn change(&mut self, dataset: Dataset, selected: Option<usize>, typed: Option<Typed>) {
        let same_place = typed.is_some() && self.last_typed == typed;
        if !same_place {
            self.history.record(Snapshot {
                dataset: Rc::clone(&self.dataset),
                selected: self.selected,
            });
        }
        self.last_typed = typed;
        self.dataset = Rc::new(dataset);
        self.selected = selected;
        self.problems = Rc::new(validate(&self.dataset));
        self.unsaved = true;
        if typed.is_none() {
            self.typed.clear();
        }
    }

    fn restore(&mut self, snapshot: Snapshot) {
        self.problems = Rc::new(validate(&snapshot.dataset));
        self.dataset = snapshot.dataset;
        self.selected = snapshot.selected;
        self.typed.clear();
        self.last_typed = None;
        self.unsaved = true;
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            dataset: Rc::clone(&self.dataset),
            selected: self.selected,
        }
    }

    /// The dataset with the selected event changed by `edit`, if one is selected.
    fn with_selected(&self, edit: impl FnOnce(&mut Event) -> bool) -> Option<Dataset> {
        let index = self.selected?;
        let mut dataset = (*self.dataset).clone();
        let event = dataset.events.get_mut(index)?;
        edit(event).then_some(dataset)
    }
}

/// Work in progress, as the page keeps it in the browser's storage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub dataset: Dataset,
}

impl Draft {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() // ok: plain data cannot fail to serialise
    }

    /// A stored draft; `None` for anything else (an older layout, a damaged entry).
    pub fn from_json(text: &str) -> Option<Draft> {
        serde_json::from_str(text).ok()
    }
}

/// What replacing the events on screen would lose, so the page asks before it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplaceQuestion {
    /// The events on screen have changes not saved to a file.
    Unsaved,
    /// Work kept from an earlier visit is on offer, neither restored nor discarded yet.
    KeptDraft { name: String, events: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub document: Option<Document>,
    /// Why the last file could not be opened (the document on screen, if any, is kept).
    pub open_error: Option<(String, OpenError)>,
    /// Work in progress found in storage when the page started, offered back.
    pub draft: Option<Draft>,
    pub tab: Tab,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    /// A file was read (`name`, and what came of it).
    Open(String, Box<Result<Opened, OpenError>>),
    OfferDraft(Box<Draft>),
    RestoreDraft,
    DiscardDraft,
    Select(usize),
    Edit(Field, String),
    /// Text typed into the dataset's description (not an event's).
    EditDescription(String),
    /// Text typed into a field of a story.
    EditStory(StoryField, String),
    /// "Location not stated": no places (true), or one empty place to fill in (false).
    PlacesNotStated(bool),
    /// A place put where the map was clicked: latitude and longitude as one undo step.
    PlaceAt {
        index: usize,
        lat: f64,
        lon: f64,
    },
    AddRecord(List),
    RemoveRecord(List, usize),
    AddEvent,
    DuplicateEvent,
    DeleteEvent,
    Undo,
    Redo,
    Saved,
    ShowTab(Tab),
    /// A problem of the list was chosen: select its event and open its field.
    GoTo {
        event: usize,
        field: Option<Field>,
    },
}

impl State {
    pub fn new(lang: Lang) -> State {
        State {
            lang,
            document: None,
            open_error: None,
            draft: None,
            tab: Tab::Editor,
        }
    }

    /// What opening other events in place of these would lose, if anything: the page asks
    /// before it sends [`Action::Open`], which then replaces both. A kept draft comes first:
    /// it is the older work, and the reader may not know it is still there.
    pub fn replace_question(&self) -> Option<ReplaceQuestion> {
        if let Some(draft) = &self.draft {
            return Some(ReplaceQuestion::KeptDraft {
                name: draft.name.clone(),
                events: draft.dataset.events.len(),
            });
        }
        self.document
            .as_ref()
            .filter(|document| document.unsaved)
            .map(|_| ReplaceQuestion::Unsaved)
    }

    /// The state after `action`.
    pub fn apply(mut self, action: Action) -> State {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::Open(name, result) => match *result {
                // The page asked first ([`State::replace_question`]): the kept draft goes too.
                Ok(opened) => {
                    self.document = Some(Document::new(opened));
                    self.open_error = None;
                    self.draft = None;
                    self.tab = Tab::Editor;
                }
                Err(error) => self.open_error = Some((name, error)),
            },
            Action::OfferDraft(draft) => self.draft = Some(*draft),
            Action::RestoreDraft => {
                if let Some(draft) = self.draft.take() {
                    let mut document = Document::new(Opened {
                        name: draft.name,
                        source: Source::Json,
                        dataset: draft.dataset,
                    });
                    document.unsaved = true;
                    self.document = Some(document);
                    self.open_error = None;
                }
            }
            Action::DiscardDraft => self.draft = None,
            Action::ShowTab(tab) => self.tab = tab,
            action => {
                // Choosing an event or a problem shows the form, where its fields are.
                if matches!(action, Action::Select(_) | Action::GoTo { .. }) {
                    self.tab = Tab::Editor;
                }
                if let Some(document) = self.document.as_mut() {
                    edit_document(document, action);
                }
            }
        }
        self
    }
}

/// The actions on an open document.
fn edit_document(document: &mut Document, action: Action) {
    match action {
        Action::Select(index) if index < document.dataset.events.len() => {
            document.selected = Some(index);
            document.typed.clear();
            document.last_typed = None;
        }
        Action::GoTo { event, field } if event < document.dataset.events.len() => {
            if document.selected != Some(event) {
                document.typed.clear();
                document.last_typed = None;
            }
            document.selected = Some(event);
            let count = document.focus.map_or(0, |(_, count)| count.wrapping_add(1));
            document.focus = field.map(|field| (field, count));
        }
        Action::Edit(field, text) => {
            let mut outcome = Ok(());
            let changed = document.with_selected(|event| {
                outcome = fields::set(event, field, &text);
                outcome.is_ok()
            });
            document.typed.retain(|(typed, _, _)| *typed != field);
            if let Some((dataset, selected)) = changed.zip(document.selected) {
                document.change(dataset, Some(selected), Some(Typed::Field(selected, field)));
            }
            document.typed.push((field, text, outcome.err()));
        }
        Action::EditDescription(text) if text != document.dataset.description => {
            let mut dataset = (*document.dataset).clone();
            dataset.description = text;
            document.change(dataset, document.selected, Some(Typed::Description));
        }
        Action::EditStory(field, text) => {
            let mut dataset = (*document.dataset).clone();
            if story_fields::set(&mut dataset, field, &text).is_ok() && dataset != *document.dataset {
                document.change(dataset, document.selected, Some(Typed::Story(field)));
            }
        }
        Action::PlacesNotStated(not_stated) => {
            let changed = document.with_selected(|event| {
                if not_stated && !event.places.is_empty() {
                    event.places.clear();
                    true
                } else if !not_stated && event.places.is_empty() {
                    fields::add_record(event, List::Places);
                    true
                } else {
                    false
                }
            });
            if let Some(dataset) = changed {
                document.change(dataset, document.selected, None);
            }
        }
        Action::PlaceAt { index, lat, lon } => {
            // Four decimals: about 11 m, finer than any place precision the data has.
            let round = |value: f64| (value * 10_000.0).round() / 10_000.0;
            if let Some(dataset) = document.with_selected(|event| match event.places.get_mut(index) {
                Some(place) if lat.is_finite() && lon.is_finite() => {
                    place.lat = round(lat.clamp(-90.0, 90.0));
                    place.lon = round(lon.clamp(-180.0, 180.0));
                    true
                }
                _ => false,
            }) {
                document.change(dataset, document.selected, None);
            }
        }
        Action::AddRecord(list) => {
            if let Some(dataset) = document.with_selected(|event| {
                fields::add_record(event, list);
                true
            }) {
                document.change(dataset, document.selected, None);
            }
        }
        Action::RemoveRecord(list, index) => {
            if let Some(dataset) = document.with_selected(|event| fields::remove_record(event, list, index)) {
                document.change(dataset, document.selected, None);
            }
        }
        Action::AddEvent => {
            let mut dataset = (*document.dataset).clone();
            let event = new_event(&dataset, document.selected_event());
            let index = document.selected.map_or(dataset.events.len(), |selected| selected + 1);
            dataset.events.insert(index, event);
            document.change(dataset, Some(index), None);
            document.focus = Some((Field::Id, document.focus.map_or(0, |(_, count)| count.wrapping_add(1))));
        }
        Action::DuplicateEvent => {
            if let Some(original) = document.selected_event().cloned() {
                let mut dataset = (*document.dataset).clone();
                let mut copy = original;
                copy.id = unused_id(&dataset, &format!("{}-copy", copy.id));
                let index = document.selected.map_or(0, |selected| selected + 1);
                dataset.events.insert(index, copy);
                document.change(dataset, Some(index), None);
            }
        }
        Action::DeleteEvent => {
            if let Some(index) = document.selected.filter(|&index| index < document.dataset.events.len()) {
                let mut dataset = (*document.dataset).clone();
                dataset.events.remove(index);
                let selected = if dataset.events.is_empty() {
                    None
                } else {
                    Some(index.min(dataset.events.len() - 1))
                };
                document.change(dataset, selected, None);
            }
        }
        Action::Undo => {
            let current = document.snapshot();
            if let Some(previous) = document.history.undo(current) {
                document.restore(previous);
            }
        }
        Action::Redo => {
            let current = document.snapshot();
            if let Some(next) = document.history.redo(current) {
                document.restore(next);
            }
        }
        Action::Saved => document.unsaved = false,
        _ => {}
    }
}

/// A new event: an unused id, the dates of the event it follows (else 2024-01-01), and one
/// empty source, which the validator then asks to fill in.
fn new_event(dataset: &Dataset, after: Option<&Event>) -> Event {
    let start = after
        .map(|event| event.start)
        .or_else(|| NaiveDate::from_ymd_opt(2024, 1, 1))
        .unwrap_or_default();
    let mut event = fields::blank_event(unused_id(dataset, "new-event"), start);
    fields::add_record(&mut event, List::Sources);
    event
}

/// `base`, or `base-2`, `base-3`… whichever no event has.
fn unused_id(dataset: &Dataset, base: &str) -> String {
    let taken = |id: &str| dataset.events.iter().any(|event| event.id == id);
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|number| format!("{base}-{number}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{built_in, new_empty};

    fn opened() -> State {
        State::new(Lang::En).apply(Action::Open("events.json".into(), Box::new(Ok(built_in()))))
    }

    fn document(state: &State) -> &Document {
        state.document.as_ref().unwrap()
    }

    #[test]
    fn typing_is_one_undo_step_per_field_and_redo_restores_it() {
        let original = document(&opened()).dataset.events[0].title.en.clone();
        let mut state = opened();
        for text in ["A", "AB", "ABC"] {
            state = state.apply(Action::Edit(Field::Title(Lang::En), text.into()));
        }
        state = state.apply(Action::Edit(Field::Title(Lang::Zh), "甲".into()));
        assert!(document(&state).unsaved);
        state = state.apply(Action::Undo);
        assert_eq!(document(&state).dataset.events[0].title.en, "ABC");
        assert_ne!(document(&state).dataset.events[0].title.zh, "甲");
        state = state.apply(Action::Undo);
        assert_eq!(document(&state).dataset.events[0].title.en, original);
        state = state.apply(Action::Redo);
        assert_eq!(document(&state).dataset.events[0].title.en, "ABC");
    }

    #[test]
    fn unreadable_text_is_kept_with_its_error_and_the_data_unchanged() {
        let state = opened().apply(Action::Edit(Field::Start, "5 March".into()));
        let document = document(&state);
        assert_eq!(document.field_text(Field::Start), "5 March");
        assert_eq!(document.field_error(Field::Start), Some(&FieldError::NotADay));
        assert!(!document.can_undo());
        assert!(!document.unsaved);
    }

    #[test]
    fn each_edit_is_checked_by_the_validator() {
        let placed = document(&opened())
            .dataset
            .events
            .iter()
            .position(|event| !event.places.is_empty())
            .unwrap();
        let state = opened()
            .apply(Action::Select(placed))
            .apply(Action::Edit(Field::PlaceLat(0), "95".into()));
        let document = document(&state);
        assert_eq!(document.problems.len(), 1, "{:?}", document.problems);
        assert_eq!(document.field_problems(Field::PlaceLat(0)).len(), 1);
        assert!(document.field_problems(Field::PlaceLon(0)).is_empty());
    }

    #[test]
    fn add_duplicate_and_delete_events_are_undoable() {
        let count = document(&opened()).dataset.events.len();
        let mut state = opened().apply(Action::DuplicateEvent);
        assert_eq!(document(&state).dataset.events.len(), count + 1);
        let copy = &document(&state).dataset.events[1];
        assert_eq!(copy.id, format!("{}-copy", document(&state).dataset.events[0].id));
        state = state.apply(Action::AddEvent);
        assert_eq!(document(&state).selected, Some(2));
        assert_eq!(document(&state).dataset.events[2].id, "new-event");
        // The new event is incomplete: the validator says what it lacks.
        assert!(document(&state)
            .problems
            .iter()
            .any(|problem| problem.path.starts_with("events[2].")));
        state = state.apply(Action::DeleteEvent).apply(Action::DeleteEvent);
        assert_eq!(document(&state).dataset.events.len(), count);
        for _ in 0..4 {
            state = state.apply(Action::Undo);
        }
        assert_eq!(document(&state).dataset, document(&opened()).dataset);
    }

    #[test]
    fn location_not_stated_empties_the_places() {
        let placed = document(&opened())
            .dataset
            .events
            .iter()
            .position(|event| !event.places.is_empty())
            .unwrap();
        let state = opened()
            .apply(Action::Select(placed))
            .apply(Action::PlacesNotStated(true));
        assert!(document(&state).selected_event().unwrap().places.is_empty());
        assert!(document(&state).can_undo());
        let state = state.apply(Action::PlacesNotStated(false));
        assert_eq!(document(&state).selected_event().unwrap().places.len(), 1);
    }

    #[test]
    fn a_click_on_the_map_places_in_one_undo_step() {
        let placed = document(&opened())
            .dataset
            .events
            .iter()
            .position(|event| !event.places.is_empty())
            .unwrap();
        let state = opened().apply(Action::Select(placed)).apply(Action::PlaceAt {
            index: 0,
            lat: 31.491_234_9,
            lon: 120.311_87,
        });
        let place = &document(&state).selected_event().unwrap().places[0];
        assert_eq!((place.lat, place.lon), (31.4912, 120.3119));
        let state = state.apply(Action::Undo);
        assert_eq!(
            document(&state).selected_event().unwrap().places[0],
            document(&opened()).dataset.events[placed].places[0]
        );
        // A place that is not there changes nothing: no new step, so redo is still there.
        let state = state.apply(Action::PlaceAt {
            index: 99,
            lat: 1.0,
            lon: 1.0,
        });
        assert!(document(&state).can_redo() && !document(&state).can_undo());
    }

    #[test]
    fn going_to_a_problem_selects_its_event_and_field() {
        let state = opened().apply(Action::ShowTab(Tab::Preview)).apply(Action::GoTo {
            event: 3,
            field: Some(Field::PlaceLat(0)),
        });
        assert_eq!(document(&state).selected, Some(3));
        assert_eq!(document(&state).focus.map(|(field, _)| field), Some(Field::PlaceLat(0)));
        assert_eq!(state.tab, Tab::Editor);
    }

    #[test]
    fn a_failed_open_keeps_the_document_and_a_draft_restores() {
        let state = opened().apply(Action::Open(
            "x.csv".into(),
            Box::new(Err(OpenError::TooLarge { bytes: 1, limit: 0 })),
        ));
        assert!(state.document.is_some() && state.open_error.is_some());
        let draft = Draft {
            name: "mine.json".into(),
            dataset: document(&opened()).dataset.as_ref().clone(),
        };
        assert_eq!(Draft::from_json(&draft.to_json()), Some(draft.clone()));
        assert_eq!(Draft::from_json("{\"damaged\": true}"), None);
        let state = State::new(Lang::Zh)
            .apply(Action::OfferDraft(Box::new(draft)))
            .apply(Action::RestoreDraft);
        assert_eq!(document(&state).name, "mine.json");
        assert!(document(&state).unsaved);
        assert!(state.draft.is_none());
    }

    #[test]
    fn the_description_is_edited_in_one_undo_step_and_kept_apart_from_the_events() {
        let mut state = opened().apply(Action::Edit(Field::Start, "5 March".into()));
        for text in ["A", "AB", "ABC"] {
            state = state.apply(Action::EditDescription(text.into()));
        }
        assert_eq!(document(&state).dataset.description, "ABC");
        // What was typed into the form, not taken, is still shown.
        assert_eq!(document(&state).field_text(Field::Start), "5 March");
        state = state.apply(Action::Undo);
        assert_eq!(document(&state).dataset, document(&opened()).dataset);
        assert!(!document(&state).can_undo());
    }

    #[test]
    fn a_story_is_edited_in_one_undo_step_per_field() {
        let mut state = opened();
        for text in ["A", "AB"] {
            state = state.apply(Action::EditStory(StoryField::Narrative(0, 1, Lang::Fr), text.into()));
        }
        state = state.apply(Action::EditStory(StoryField::Title(0, Lang::En), "T".into()));
        let story = &document(&state).dataset.stories[0];
        assert_eq!(
            (story.steps[1].narrative.fr.as_str(), story.title.en.as_str()),
            ("AB", "T")
        );
        state = state.apply(Action::Undo);
        assert_eq!(document(&state).dataset.stories[0].steps[1].narrative.fr, "AB");
        state = state.apply(Action::Undo);
        assert_eq!(document(&state).dataset, document(&opened()).dataset);
        // A story that is not there: no change, no undo step.
        let state = opened().apply(Action::EditStory(StoryField::Id(99), "x".into()));
        assert!(!document(&state).can_undo());
    }

    #[test]
    fn replacing_the_events_asks_about_a_kept_draft_first_and_an_open_discards_it() {
        let draft = Draft {
            name: "mine.json".into(),
            dataset: document(&opened()).dataset.as_ref().clone(),
        };
        let events = draft.dataset.events.len();
        let state = State::new(Lang::En).apply(Action::OfferDraft(Box::new(draft)));
        assert_eq!(
            state.replace_question(),
            Some(ReplaceQuestion::KeptDraft {
                name: "mine.json".into(),
                events
            })
        );
        // A file that does not open replaces nothing: the draft is still on offer.
        let state = state.apply(Action::Open(
            "x.csv".into(),
            Box::new(Err(OpenError::TooLarge { bytes: 1, limit: 0 })),
        ));
        assert!(state.draft.is_some());
        let state = state.apply(Action::Open("events.json".into(), Box::new(Ok(built_in()))));
        assert!(state.draft.is_none());
        assert_eq!(state.replace_question(), None);
        let state = state.apply(Action::Edit(Field::Note, "changed".into()));
        assert_eq!(state.replace_question(), Some(ReplaceQuestion::Unsaved));
        assert_eq!(state.apply(Action::Saved).replace_question(), None);
    }

    /// The stories' words are edited in the form, their windows and views are not: whatever
    /// is not edited comes out of every save as it went in.
    #[test]
    fn stories_and_the_description_survive_open_edit_and_save_in_json_and_xlsx() {
        let shipped = built_in().dataset;
        assert!(!shipped.stories.is_empty(), "the shipped data has stories to keep");
        let json = crate::document::to_json(&shipped);
        let opened = crate::document::open_file("events.json", json.as_bytes()).unwrap();
        let state = State::new(Lang::En)
            .apply(Action::Open("events.json".into(), Box::new(Ok(opened))))
            .apply(Action::Select(1))
            .apply(Action::Edit(Field::Title(Lang::Fr), "Titre modifié".into()))
            .apply(Action::EditDescription("Edited in the studio".into()))
            .apply(Action::DuplicateEvent);
        let edited = document(&state).dataset.as_ref().clone();
        assert_eq!(edited.stories, shipped.stories);
        let saved = crate::document::to_json(&edited);
        let reopened = crate::document::open_file("events.json", saved.as_bytes()).unwrap();
        assert_eq!(reopened.dataset, edited);
        let xlsx = health_atlas_workbook::write_xlsx(&edited).unwrap();
        let reopened = crate::document::open_file("events.xlsx", &xlsx).unwrap();
        assert_eq!(reopened.dataset.stories, shipped.stories);
        assert_eq!(reopened.dataset.description, "Edited in the studio");
        assert_eq!(reopened.dataset, edited);
    }

    #[test]
    fn a_new_empty_document_has_no_selection_and_edits_do_nothing() {
        let state = State::new(Lang::En).apply(Action::Open("events.json".into(), Box::new(Ok(new_empty()))));
        let state = state
            .apply(Action::Edit(Field::Id, "x".into()))
            .apply(Action::DeleteEvent);
        assert_eq!(document(&state).selected, None);
        assert!(!document(&state).can_undo());
    }
}
