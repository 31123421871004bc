//! The one app state and the one place it changes: user input becomes an [`Action`],
//! [`State::reduce`] makes the next state, and every view renders from it.

use std::rc::Rc;

use yew::Reducible;

use crate::data::{embedded_dataset, DatasetError};
use crate::model::{Dataset, Lang, SCHEMA_VERSION};
use chrono::NaiveDate;

use crate::query::{Catalog, DateRange, Facet, Filters, Selection};
use crate::time::{day_number, TimeWindow, TimelineIndex};

#[derive(Debug)]
pub struct State {
    pub catalog: Rc<Catalog>,
    pub lang: Lang,
    pub filters: Filters,
    /// `filters` applied to `catalog`: recomputed by `reduce` whenever either changes, so
    /// the list, the panel and (later) timeline and map share one computation.
    pub selection: Rc<Selection>,
    /// The id of the event whose detail card is open.
    pub selected: Option<String>,
    /// The id of the event under the pointer in any view, highlighted in all of them.
    pub hovered: Option<String>,
    pub timeline: TimelineState,
    pub dataset_status: DatasetStatus,
}

/// Yew compares the state (through the context and the reducer handle) on every change; the
/// catalog, selection and timeline index are compared by identity, because comparing 100,000
/// events by value cost ~100 ms per wheel step. They are only ever replaced, never mutated,
/// so identity is equality here.
impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        Rc::ptr_eq(&self.catalog, &other.catalog)
            && Rc::ptr_eq(&self.selection, &other.selection)
            && self.lang == other.lang
            && self.filters == other.filters
            && self.selected == other.selected
            && self.hovered == other.hovered
            && self.timeline == other.timeline
            && self.dataset_status == other.dataset_status
    }
}

/// What the timeline shows: its index of spans (rebuilt with the catalog), the window in
/// view and whether filtered-out events stay visible, faded.
#[derive(Clone, Debug)]
pub struct TimelineState {
    pub index: Rc<TimelineIndex>,
    pub window: TimeWindow,
    pub show_filtered_out: bool,
}

impl PartialEq for TimelineState {
    fn eq(&self, other: &TimelineState) -> bool {
        Rc::ptr_eq(&self.index, &other.index)
            && self.window == other.window
            && self.show_filtered_out == other.show_filtered_out
    }
}

impl TimelineState {
    fn new(catalog: &Catalog) -> TimelineState {
        let index = Rc::new(TimelineIndex::new(catalog.events()));
        let window = fit_window(&index, |_| true);
        TimelineState {
            index,
            window,
            show_filtered_out: false,
        }
    }
}

/// The window that shows every event `include` keeps; the year 2024 when there are none.
fn fit_window(index: &TimelineIndex, include: impl Fn(usize) -> bool) -> TimeWindow {
    match index.extent(include) {
        Some((start, end)) => TimeWindow::padded(start, end),
        None => TimeWindow::around(day_number(EMPTY_DATASET_YEAR) + 182.5, 365.0),
    }
}

/// Where an empty dataset's timeline looks: any year would do; a recent one is least odd.
const EMPTY_DATASET_YEAR: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Which events "fit" brings into view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineFit {
    All,
    Filtered,
}

/// Where the shown dataset came from, and what went wrong if a replacement failed.
#[derive(Clone, Debug, PartialEq)]
pub enum DatasetStatus {
    Embedded,
    /// The embedded dataset could not be read: only possible in a build that skipped
    /// `build.rs`'s check; shown to the user instead of a blank page.
    EmbeddedInvalid {
        errors: Vec<String>,
    },
    /// A `src=` dataset is being fetched; the embedded one is shown meanwhile.
    Loading {
        url: String,
    },
    /// The `src=` dataset replaced the embedded one.
    Loaded {
        url: String,
    },
    /// The `src=` dataset could not be fetched or is invalid; the embedded one stays.
    Failed {
        url: String,
        errors: Vec<String>,
    },
}

pub enum Action {
    SelectEvent(String),
    CloseCard,
    SetLang(Lang),
    DatasetLoading {
        url: String,
    },
    DatasetLoaded {
        url: String,
        dataset: Dataset,
    },
    DatasetFailed {
        url: String,
        errors: Vec<String>,
    },
    ToggleFacet {
        facet: Facet,
        key: String,
    },
    /// Either bound may be open; a range that ends before it starts changes nothing.
    SetDateRange {
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    },
    SetSearchText(String),
    ClearFilters,
    /// The pointer entered an event in some view (or left it, with `None`).
    Hover(Option<String>),
    /// Zoom by `factor` (below 1 zooms in) keeping the instant at `anchor` (0..1 across) fixed.
    ZoomTimeline {
        factor: f64,
        anchor: f64,
    },
    /// Pan by a share of the visible span (positive is later).
    PanTimeline(f64),
    SetTimeWindow(TimeWindow),
    FitTimeline(TimelineFit),
    ShowFilteredOut(bool),
}

impl State {
    /// The state at start-up: the embedded dataset, nothing selected.
    pub fn initial(lang: Lang) -> State {
        let (dataset, dataset_status) = match embedded_dataset() {
            Ok(dataset) => (dataset, DatasetStatus::Embedded),
            Err(errors) => (
                empty_dataset(),
                DatasetStatus::EmbeddedInvalid {
                    errors: describe(&errors),
                },
            ),
        };
        let catalog = Rc::new(Catalog::new(dataset));
        let filters = Filters::default();
        State {
            selection: Rc::new(catalog.select(&filters)),
            timeline: TimelineState::new(&catalog),
            catalog,
            lang,
            filters,
            selected: None,
            hovered: None,
            dataset_status,
        }
    }

    pub fn selected_event(&self) -> Option<&crate::model::Event> {
        self.selected.as_deref().and_then(|id| self.catalog.event(id))
    }
}

fn empty_dataset() -> Dataset {
    Dataset {
        schema_version: SCHEMA_VERSION,
        description: String::new(),
        events: Vec::new(),
    }
}

/// Errors as the sentences the UI lists.
pub fn describe(errors: &[DatasetError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SelectEvent(id) => {
                // An unknown id (a stale link, a hostile attribute) changes nothing.
                if self.selected.as_deref() == Some(id.as_str()) {
                    return self;
                }
                let Some(event) = self.catalog.event(&id) else {
                    return self;
                };
                // Selecting in the list or the map brings the event into the timeline's view.
                let window = self.timeline.window.revealing(event.start, event.last_day());
                Rc::new(State {
                    selected: Some(id),
                    timeline: TimelineState {
                        window,
                        ..self.timeline.clone()
                    },
                    ..self.shallow_clone()
                })
            }
            Action::CloseCard => {
                if self.selected.is_none() {
                    return self;
                }
                Rc::new(State {
                    selected: None,
                    ..self.shallow_clone()
                })
            }
            Action::SetLang(lang) => {
                if self.lang == lang {
                    return self;
                }
                Rc::new(State {
                    lang,
                    ..self.shallow_clone()
                })
            }
            Action::DatasetLoading { url } => Rc::new(State {
                dataset_status: DatasetStatus::Loading { url },
                ..self.shallow_clone()
            }),
            Action::DatasetLoaded { url, dataset } => {
                let catalog = Rc::new(Catalog::new(dataset));
                // Keep the selection only if the new dataset has that event too.
                let selected = self.selected.clone().filter(|id| catalog.event(id).is_some());
                Rc::new(State {
                    selection: Rc::new(catalog.select(&self.filters)),
                    timeline: TimelineState {
                        show_filtered_out: self.timeline.show_filtered_out,
                        ..TimelineState::new(&catalog)
                    },
                    catalog,
                    selected,
                    hovered: None,
                    dataset_status: DatasetStatus::Loaded { url },
                    ..self.shallow_clone()
                })
            }
            Action::DatasetFailed { url, errors } => Rc::new(State {
                dataset_status: DatasetStatus::Failed { url, errors },
                ..self.shallow_clone()
            }),
            Action::ToggleFacet { facet, key } => {
                let mut filters = self.filters.clone();
                filters.toggle(facet, &key);
                self.with_filters(filters)
            }
            Action::SetDateRange { first, last } => {
                let date_range = match (first, last) {
                    (None, None) => None,
                    (first, last) => {
                        match DateRange::new(first.unwrap_or(NaiveDate::MIN), last.unwrap_or(NaiveDate::MAX)) {
                            Some(range) => Some(range),
                            None => return self,
                        }
                    }
                };
                if self.filters.date_range == date_range {
                    return self;
                }
                self.with_filters(Filters {
                    date_range,
                    ..self.filters.clone()
                })
            }
            Action::SetSearchText(text) => {
                if self.filters.text == text {
                    return self;
                }
                let filters = Filters {
                    text,
                    ..self.filters.clone()
                };
                self.with_filters(filters)
            }
            Action::ClearFilters => {
                if self.filters.is_empty() {
                    return self;
                }
                self.with_filters(Filters::default())
            }
            Action::Hover(id) => {
                if self.hovered == id {
                    return self;
                }
                Rc::new(State {
                    hovered: id,
                    ..self.shallow_clone()
                })
            }
            Action::ZoomTimeline { factor, anchor } => {
                let window = self.timeline.window.zoomed(factor, anchor);
                self.with_time_window(window)
            }
            Action::PanTimeline(fraction) => {
                let window = self.timeline.window.panned(fraction);
                self.with_time_window(window)
            }
            Action::SetTimeWindow(window) => self.with_time_window(window),
            Action::FitTimeline(fit) => {
                let visible = &self.selection.visible;
                let window = match fit {
                    TimelineFit::All => fit_window(&self.timeline.index, |_| true),
                    TimelineFit::Filtered if visible.is_clear() => return self,
                    TimelineFit::Filtered => fit_window(&self.timeline.index, |event| visible.contains(event)),
                };
                self.with_time_window(window)
            }
            Action::ShowFilteredOut(show) => {
                if self.timeline.show_filtered_out == show {
                    return self;
                }
                Rc::new(State {
                    timeline: TimelineState {
                        show_filtered_out: show,
                        ..self.timeline.clone()
                    },
                    ..self.shallow_clone()
                })
            }
        }
    }
}

impl State {
    fn with_time_window(self: Rc<Self>, window: TimeWindow) -> Rc<State> {
        if self.timeline.window == window {
            return self;
        }
        Rc::new(State {
            timeline: TimelineState {
                window,
                ..self.timeline.clone()
            },
            ..self.shallow_clone()
        })
    }

    /// The next state with new filters and their selection.
    fn with_filters(&self, filters: Filters) -> Rc<State> {
        Rc::new(State {
            selection: Rc::new(self.catalog.select(&filters)),
            filters,
            ..self.shallow_clone()
        })
    }

    /// A copy that shares the catalog and selection (`Rc`s), for building the next state.
    fn shallow_clone(&self) -> State {
        State {
            selection: Rc::clone(&self.selection),
            catalog: Rc::clone(&self.catalog),
            lang: self.lang,
            filters: self.filters.clone(),
            selected: self.selected.clone(),
            hovered: self.hovered.clone(),
            timeline: self.timeline.clone(),
            dataset_status: self.dataset_status.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_event_id(state: &State) -> String {
        state.catalog.events()[0].id.clone()
    }

    #[test]
    fn selecting_and_closing() {
        let state = Rc::new(State::initial(Lang::En));
        let id = first_event_id(&state);
        let selected = Rc::clone(&state).reduce(Action::SelectEvent(id.clone()));
        assert_eq!(
            selected.selected_event().map(|event| event.id.as_str()),
            Some(id.as_str())
        );
        let closed = selected.reduce(Action::CloseCard);
        assert_eq!(closed.selected, None);
    }

    #[test]
    fn no_op_actions_return_the_same_state_so_nothing_rerenders() {
        let state = Rc::new(State::initial(Lang::En));
        let same = Rc::clone(&state).reduce(Action::CloseCard);
        assert!(Rc::ptr_eq(&state, &same));
        let same = Rc::clone(&state).reduce(Action::SelectEvent("no-such-event".into()));
        assert!(Rc::ptr_eq(&state, &same));
        let same = Rc::clone(&state).reduce(Action::SetLang(Lang::En));
        assert!(Rc::ptr_eq(&state, &same));
    }

    #[test]
    fn a_failed_override_keeps_the_embedded_events() {
        let state = Rc::new(State::initial(Lang::En));
        let embedded = Rc::clone(&state.catalog);
        let loading = state.reduce(Action::DatasetLoading { url: "x.json".into() });
        let failed = loading.reduce(Action::DatasetFailed {
            url: "x.json".into(),
            errors: vec!["bad".into()],
        });
        assert!(Rc::ptr_eq(&failed.catalog, &embedded));
        assert_eq!(
            failed.dataset_status,
            DatasetStatus::Failed {
                url: "x.json".into(),
                errors: vec!["bad".into()]
            }
        );
    }

    #[test]
    fn a_loaded_override_replaces_the_events_and_drops_a_stale_selection() {
        let state = Rc::new(State::initial(Lang::En));
        let id = first_event_id(&state);
        let selected = state.reduce(Action::SelectEvent(id));
        let dataset = crate::data::generate::generate(3, 1);
        let loaded = selected.reduce(Action::DatasetLoaded {
            url: "g.json".into(),
            dataset,
        });
        assert_eq!(loaded.catalog.len(), 3);
        assert_eq!(loaded.selected, None);
    }

    #[test]
    fn filter_actions_update_the_selection_and_clear_restores_it() {
        let state = Rc::new(State::initial(Lang::En));
        let everything = state.selection.visible_count();
        let searched = Rc::clone(&state).reduce(Action::SetSearchText("wuxi".into()));
        assert!(searched.selection.visible_count() < everything);
        let narrowed = searched.reduce(Action::ToggleFacet {
            facet: Facet::Category,
            key: "signing".into(),
        });
        assert_eq!(narrowed.selection.visible_count(), 1);
        let cleared = narrowed.reduce(Action::ClearFilters);
        assert_eq!(cleared.selection.visible_count(), everything);
        let same = Rc::clone(&cleared).reduce(Action::ClearFilters);
        assert!(Rc::ptr_eq(&cleared, &same));
    }

    #[test]
    fn date_ranges_may_be_open_and_reversed_ones_are_ignored() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        let state = Rc::new(State::initial(Lang::En));
        let since_2023 = Rc::clone(&state).reduce(Action::SetDateRange {
            first: day("2023-01-01"),
            last: None,
        });
        assert!(since_2023
            .catalog
            .selected_events(&since_2023.selection)
            .all(|event| event.last_day() >= NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()));
        assert!(since_2023.selection.visible_count() < state.selection.visible_count());
        let reversed = Rc::clone(&since_2023).reduce(Action::SetDateRange {
            first: day("2024-01-01"),
            last: day("2023-01-01"),
        });
        assert!(Rc::ptr_eq(&since_2023, &reversed));
        let open = since_2023.reduce(Action::SetDateRange {
            first: None,
            last: None,
        });
        assert_eq!(open.selection.visible_count(), state.selection.visible_count());
    }

    #[test]
    fn switching_language_keeps_the_selection() {
        let state = Rc::new(State::initial(Lang::En));
        let id = first_event_id(&state);
        let next = state
            .reduce(Action::SelectEvent(id.clone()))
            .reduce(Action::SetLang(Lang::Zh));
        assert_eq!((next.lang, next.selected.as_deref()), (Lang::Zh, Some(id.as_str())));
    }

    #[test]
    fn timeline_actions_move_the_window_and_no_ops_keep_the_state() {
        let state = Rc::new(State::initial(Lang::En));
        let whole = state.timeline.window;
        let zoomed = Rc::clone(&state).reduce(Action::ZoomTimeline {
            factor: 0.5,
            anchor: 0.5,
        });
        assert!((zoomed.timeline.window.span() - whole.span() / 2.0).abs() < 1e-6);
        let panned = Rc::clone(&zoomed).reduce(Action::PanTimeline(0.25));
        assert!(panned.timeline.window.start() > zoomed.timeline.window.start());
        let refit = panned.reduce(Action::FitTimeline(TimelineFit::All));
        assert_eq!(refit.timeline.window, whole);
        let same = Rc::clone(&refit).reduce(Action::FitTimeline(TimelineFit::All));
        assert!(Rc::ptr_eq(&refit, &same));
        let same = Rc::clone(&refit).reduce(Action::ZoomTimeline {
            factor: f64::NAN,
            anchor: 0.5,
        });
        assert!(Rc::ptr_eq(&refit, &same));
    }

    #[test]
    fn fit_filtered_frames_the_visible_events_and_selection_reveals_an_event() {
        let state = Rc::new(State::initial(Lang::En));
        let wuxi = state.reduce(Action::SetSearchText("无锡".into()));
        let fitted = wuxi.reduce(Action::FitTimeline(TimelineFit::Filtered));
        let window = fitted.timeline.window;
        for event in fitted.catalog.selected_events(&fitted.selection) {
            assert!(window.overlaps(
                crate::time::day_number(event.start),
                crate::time::day_number(event.last_day()) + 1.0
            ));
        }
        // Zoom far in on the end of the data, then select the oldest event: it comes into view.
        let narrow = Rc::clone(&fitted).reduce(Action::SetTimeWindow(TimeWindow::new(800_000.0, 800_010.0).unwrap()));
        let oldest = narrow
            .catalog
            .selected_events(&narrow.selection)
            .next()
            .unwrap()
            .clone();
        let selected = narrow.reduce(Action::SelectEvent(oldest.id.clone()));
        assert!(selected.timeline.window.overlaps(
            crate::time::day_number(oldest.start),
            crate::time::day_number(oldest.last_day()) + 1.0
        ));
        let nothing = Rc::clone(&selected).reduce(Action::SetSearchText("zzzzqqqq".into()));
        let same = Rc::clone(&nothing).reduce(Action::FitTimeline(TimelineFit::Filtered));
        assert!(Rc::ptr_eq(&nothing, &same), "nothing to fit: the window stays");
    }

    #[test]
    fn hover_and_fade_preference() {
        let state = Rc::new(State::initial(Lang::En));
        let id = first_event_id(&state);
        let hovered = Rc::clone(&state).reduce(Action::Hover(Some(id.clone())));
        assert_eq!(hovered.hovered.as_deref(), Some(id.as_str()));
        let same = Rc::clone(&hovered).reduce(Action::Hover(Some(id)));
        assert!(Rc::ptr_eq(&hovered, &same));
        let faded = hovered.reduce(Action::ShowFilteredOut(true));
        assert!(faded.timeline.show_filtered_out);
    }
}
