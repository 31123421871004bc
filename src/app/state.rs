//! The one app state and the one place it changes: user input becomes an [`Action`],
//! [`State::reduce`] makes the next state, and every view renders from it.
//!
//! `reduce` is two steps. `step` changes the state's inputs: each field has one writer, and
//! the timeline's and the map's parts are changed only by their sub-reducers
//! ([`TimelineState::apply`], [`MapState::apply`]). Then one derivation step
//! ([`Derived::next`]) brings filters → selection → shown up to date with those inputs.

use std::rc::Rc;

use yew::Reducible;

use chrono::NaiveDate;
use health_atlas_dataset::embedded_dataset;
use health_atlas_explore::load::LoadError;
use health_atlas_model::validate::HasProblems;
use health_atlas_model::{Dataset, Lang};

use crate::app::shared::Shared;
use health_atlas_explore::query::{Catalog, DateRange, Facet, Filters, ListOrder, Selection, SortKey};
use health_atlas_explore::share::{
    decode, drop_unknown_in_catalog, ActiveView, IgnoreReason, IgnoredPart, StoryLink, ViewState,
};
use health_atlas_explore::time::{day_number, TimeWindow, TimelineIndex};
use health_atlas_geo::LonLatBounds;
use health_atlas_model::limits::MAX_NOTES_SHOWN;

mod derived;
mod map;
mod story;
mod timeline;

use derived::UnfilteredBuild;
pub use derived::{Derived, Search};
pub use map::{
    event_positions, BasemapSource, LinkKind, MapAction, MapClusters, MapFit, MapLink, MapState, ShippedBasemap,
    MAP_ZOOM_LIMITS,
};
pub use story::{story_of_events, Reading, StoryAction, StoryMove, StoryState, STORY_MOVE_MS};
pub use timeline::{TimelineAction, TimelineFit, TimelineState};

/// The app state. `PartialEq` is derived: Yew compares the state (through the context and
/// the reducer handle) on every change, and the large shared parts (catalog, selection,
/// indexes, clusters) are [`Shared`], compared by identity.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub catalog: Shared<Catalog>,
    pub lang: Lang,
    pub filters: Filters,
    /// The id of the event whose detail card is open.
    pub selected: Option<String>,
    /// The id of the event under the pointer in any view, highlighted in all of them.
    pub hovered: Option<String>,
    pub timeline: TimelineState,
    /// The map's view, its clusters and links, and its "only events in view" narrowing.
    pub map: MapState,
    pub dataset_status: DatasetStatus,
    /// Which view fills the page (all together by default; phones show one at a time).
    pub active_view: ActiveView,
    /// The list's column and direction (chronological by default).
    pub list_order: ListOrder,
    pub link: LinkState,
    /// The guided story being read (story mode), changed only by [`StoryState::apply`].
    pub story: StoryState,
    /// The events story mode highlights (the rest are dimmed), derived from `story` by
    /// `derive`, its one writer; `None` outside a story.
    story_focus: Option<Shared<fixedbitset::FixedBitSet>>,
    /// The story's route on the map, derived with `story_focus` by `derive`.
    story_route: Option<Shared<health_atlas_geo::StoryRoute>>,
    /// The timeline and the map on their way to a story's step, frame by frame
    /// (`Action::StoryFrame`); `None` when they are where the step put them.
    pub story_move: Option<StoryMove>,
    /// How many moves have started: the next one's generation.
    story_moves: u32,
    /// The dataset and story `story_focus` and `story_route` were derived for.
    story_derived_for: Option<(Shared<Catalog>, StoryState)>,
    /// Whether story moves are animated: not until the app has asked the browser, and never
    /// when the reader prefers reduced motion (`Action::AnimateStoryMoves`).
    pub animate_story_moves: bool,
    /// A fetched dataset was just shown: the filter panel and the list wait for the next task
    /// (`Action::Settled`, from the loader), so that a large dataset's first paint is two
    /// tasks (the map and the timeline, then those two), not one long one.
    pub settling: bool,
    /// Filters → selection → shown, derived from the fields above by `reduce` (its one
    /// writer), so the list, the panel, the timeline and the map share one computation.
    derived: Derived,
}

/// What the page's link (`#…`) brought and what it could not use.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkState {
    /// The language the page started in (browser or embed), left out of links.
    pub initial_lang: Option<Lang>,
    /// A link waiting for the `src=` dataset it refers to; applied again when it arrives.
    pub pending: Option<ViewState>,
    /// Parts of the link that were ignored; the views say why in the reader's language.
    /// At most `limits::MAX_NOTES_SHOWN`, then a count of the rest.
    pub notes: Vec<IgnoredPart>,
    /// Where permalinks open when the app is a `<health-atlas>` element: the build's
    /// standalone page (a host page's address cannot show a view). `None` on a page, whose
    /// permalinks point at itself.
    pub standalone_page: Option<Rc<str>>,
    /// The build's folder as an absolute URL (`loader::build_root`), set once at mount: where
    /// the files after the first paint and the later module come from. Empty in native tests.
    pub build_root: Rc<str>,
}

/// How the app starts: the language, the page's link fragment and a dataset to fetch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StartOptions {
    pub lang: Option<Lang>,
    pub link: Option<String>,
    pub awaits_dataset: bool,
    /// The reader's day, read from the clock once by the app (tests pass any day): the
    /// timeline opens centred on it when the data has events after it.
    pub today: Option<NaiveDate>,
}

/// Errors as the views list them (typed; `i18n` writes them out). Shared and compared by
/// identity, as the catalog is: they are only ever replaced, never changed, and this keeps
/// the typed errors' derived `PartialEq` and `Clone` out of the wasm.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadErrors(Shared<[LoadError]>);

impl std::ops::Deref for LoadErrors {
    type Target = [LoadError];
    fn deref(&self) -> &[LoadError] {
        self.0.as_ref()
    }
}

impl From<Vec<LoadError>> for LoadErrors {
    fn from(errors: Vec<LoadError>) -> LoadErrors {
        LoadErrors(Shared::from(Rc::<[LoadError]>::from(errors)))
    }
}

/// Where the shown dataset came from, and what went wrong if a replacement failed.
#[derive(Clone, Debug, PartialEq)]
pub enum DatasetStatus {
    Embedded,
    /// The embedded dataset could not be read: only possible in a build that skipped
    /// `build.rs`'s check; shown to the user instead of a blank page.
    EmbeddedInvalid {
        errors: LoadErrors,
    },
    /// A `src=` dataset is being fetched; the embedded one is shown meanwhile. `read` and
    /// `total` (when the server said) are bytes, for a large file's progress.
    Loading {
        url: String,
        read: u64,
        total: Option<u64>,
    },
    /// The `src=` dataset replaced the embedded one.
    Loaded {
        url: String,
    },
    /// The `src=` dataset could not be fetched or is invalid; the embedded one stays.
    Failed {
        url: String,
        errors: LoadErrors,
    },
}

/// What a `<health-atlas>` shows when its `src=` dataset fails: the element's
/// `dataset-errors` attribute (and the iframe page's query key). A site editor needs the
/// located errors; a site's readers may be better served by the built-in events or nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DatasetErrors {
    /// The errors above the built-in events (the default).
    #[default]
    Show,
    /// The built-in events, without the errors.
    Builtin,
    /// Nothing at all while the dataset loads or once it failed: the element collapses.
    Empty,
}

impl DatasetErrors {
    /// `show`, `builtin` or `empty`; anything else is the default.
    pub fn from_attribute(value: &str) -> DatasetErrors {
        match value.trim().to_ascii_lowercase().as_str() {
            "builtin" => DatasetErrors::Builtin,
            "empty" => DatasetErrors::Empty,
            _ => DatasetErrors::Show,
        }
    }

    /// Whether `status`'s errors are listed.
    pub fn shows_errors(self, status: &DatasetStatus) -> bool {
        self == DatasetErrors::Show || matches!(status, DatasetStatus::EmbeddedInvalid { .. })
    }

    /// Whether the atlas is left out entirely: only `Empty`, and only while the built-in
    /// events stand in for a `src=` dataset that is loading or failed.
    pub fn hides_atlas(self, status: &DatasetStatus) -> bool {
        self == DatasetErrors::Empty && matches!(status, DatasetStatus::Loading { .. } | DatasetStatus::Failed { .. })
    }
}

/// A dataset made ready to show: its catalog, what it shows with no filter
/// ([`UnfilteredBuild`], mostly the map's cluster index), its timeline's index and the box
/// around its places. The loader builds them in slices (`loader::load_dataset`,
/// [`PreparedBuild`]), so that the page answers clicks between them and the reducer that
/// shows the dataset has little left to do.
pub struct PreparedDataset {
    catalog: Shared<Catalog>,
    unfiltered: Derived,
    timeline: Shared<TimelineIndex>,
    bounds: Option<LonLatBounds>,
}

impl PreparedDataset {
    /// All at once.
    pub fn new(dataset: Dataset) -> PreparedDataset {
        PreparedBuild::new(Shared::new(Catalog::new(dataset))).finish()
    }
}

/// A [`PreparedDataset`] built in steps from its catalog: the unfiltered derivation's (a zoom
/// level of the cluster index each), then the timeline's index, then the box around the places.
pub struct PreparedBuild {
    catalog: Shared<Catalog>,
    unfiltered: UnfilteredBuild,
    timeline: Option<Shared<TimelineIndex>>,
    bounds: Option<Option<LonLatBounds>>,
}

impl PreparedBuild {
    /// With the unfiltered derivation's first part (the filter engine's result, the map's points).
    pub fn new(catalog: Shared<Catalog>) -> PreparedBuild {
        PreparedBuild {
            unfiltered: UnfilteredBuild::new(&catalog),
            catalog,
            timeline: None,
            bounds: None,
        }
    }

    /// One more step; false once all are done.
    pub fn step(&mut self) -> bool {
        if self.unfiltered.step() {
            return true;
        }
        let events = self.catalog.events();
        if self.timeline.is_none() {
            self.timeline = Some(Shared::new(TimelineIndex::new(events)));
            return true;
        }
        if self.bounds.is_none() {
            self.bounds = Some(map::events_bounds(events, |_| true));
            return true;
        }
        false
    }

    /// The dataset, after the steps left (and the map's links).
    pub fn finish(mut self) -> PreparedDataset {
        while self.step() {}
        PreparedDataset {
            unfiltered: self.unfiltered.finish(),
            timeline: self.timeline.unwrap_or_default(),
            bounds: self.bounds.flatten(),
            catalog: self.catalog,
        }
    }
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
        dataset: PreparedDataset,
    },
    /// The task after `DatasetLoaded`: the filter panel and the list are drawn too.
    Settled,
    DatasetFailed {
        url: String,
        errors: Vec<LoadError>,
    },
    /// Bytes of the `src=` dataset read so far.
    DatasetProgress {
        url: String,
        read: u64,
        total: Option<u64>,
    },
    /// The `src=` was removed: back to the embedded dataset.
    UseEmbeddedDataset,
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
    /// All the filters at once (the element's `setFilters`); values are checked by the caller.
    SetFilters(Filters),
    ClearFilters,
    /// The pointer entered an event in some view (or left it, with `None`).
    Hover(Option<String>),
    /// The timeline's own actions (zoom, pan, window, fit, faded events).
    Timeline(TimelineAction),
    /// The map's own actions (zoom, pan, view, fit, size, basemaps, "only in view").
    Map(MapAction),
    /// The pinyin table arrived after the first paint: a search typed before it runs again,
    /// now finding Chinese text by pinyin too (the catalog rebuilds its index).
    PinyinTableLoaded,
    /// The page's link changed (back/forward, an edited address, the embed's attribute).
    ApplyLink(ViewState),
    DismissLinkNotes,
    ShowView(ActiveView),
    /// The reader chose a list column: sort by it, or turn its direction round.
    SortList(SortKey),
    /// Story mode's own actions (open, next, back, first, last, leave).
    Story(StoryAction),
    /// A frame of a move to a story's step, `elapsed_ms` after move `generation` began.
    StoryFrame {
        generation: u32,
        elapsed_ms: f64,
    },
    /// Whether story moves animate (false when the reader prefers reduced motion).
    AnimateStoryMoves(bool),
}

impl Action {
    /// The reader moving the timeline or the map: it wins over a story's move still playing,
    /// which stops rather than dragging the view back.
    fn stops_story_move(&self) -> bool {
        matches!(
            self,
            Action::Timeline(
                TimelineAction::Zoom { .. }
                    | TimelineAction::Pan(_)
                    | TimelineAction::SetWindow(_)
                    | TimelineAction::Fit(_)
                    | TimelineAction::Reveal { .. }
            ) | Action::Map(
                MapAction::Zoom { .. }
                    | MapAction::Pan { .. }
                    | MapAction::SetView(_)
                    | MapAction::Fit(_)
                    | MapAction::Reveal(_)
            )
        )
    }
}

impl State {
    /// The state at start-up: the embedded dataset, nothing selected.
    pub fn initial(lang: Lang) -> State {
        State::starting(StartOptions {
            lang: Some(lang),
            ..StartOptions::default()
        })
    }

    /// The state at start-up with the page's link applied. When a `src=` dataset is on its
    /// way, the link is also kept to be applied to it (its ids may only exist there).
    pub fn starting(options: StartOptions) -> State {
        let lang = options.lang.unwrap_or(Lang::En);
        let (dataset, dataset_status) = match embedded_dataset() {
            Ok(dataset) => (dataset, DatasetStatus::Embedded),
            Err(HasProblems) => (
                Dataset::empty(),
                DatasetStatus::EmbeddedInvalid {
                    errors: vec![LoadError::BuiltinInvalid].into(),
                },
            ),
        };
        let catalog = Shared::new(Catalog::new(dataset));
        let filters = Filters::default();
        let map = MapState::new(catalog.events(), None);
        let state = State {
            derived: Derived::new(&catalog, &filters, &map),
            map,
            timeline: TimelineState::new(&catalog, options.today),
            catalog,
            lang,
            filters,
            selected: None,
            hovered: None,
            dataset_status,
            active_view: ActiveView::Combined,
            list_order: ListOrder::default(),
            link: LinkState {
                initial_lang: options.lang,
                ..LinkState::default()
            },
            story: StoryState::default(),
            story_focus: None,
            story_route: None,
            story_move: None,
            story_moves: 0,
            story_derived_for: None,
            animate_story_moves: false,
            settling: false,
        };
        let Some(fragment) = options
            .link
            .filter(|fragment| !fragment.trim_start_matches('#').is_empty())
        else {
            return state;
        };
        let decoded = decode(&fragment);
        let notes = decoded.ignored;
        let applied = state
            .with_link(decoded.state.clone(), notes, options.awaits_dataset)
            .derive(Search::AsBefore);
        Rc::try_unwrap(applied).unwrap_or_else(|shared| State::clone(&shared))
    }

    /// The view as a link: what `encode` writes into the page's `#…`. While a link waits for
    /// its dataset, that link itself, so the address bar does not lose what it asked for.
    pub fn view_state(&self) -> ViewState {
        if let Some(pending) = &self.link.pending {
            return pending.clone();
        }
        let window = self.timeline.window;
        // In a story, the step says where the timeline and the map are: the link names the step.
        let story = self.story.reading.as_ref().map(|reading| StoryLink {
            id: reading.story.id.clone(),
            step: reading.step,
        });
        let in_story = self.story.reading.is_some();
        ViewState {
            filters: self.filters.clone(),
            selected_event: self.selected.clone(),
            timeline_window: (window != self.timeline.opening && !in_story)
                .then(|| window.days())
                .flatten()
                .and_then(|(first, last)| DateRange::new(first, last)),
            // Left out until the visitor moves the map: the fitted view depends on screen size.
            map_view: (!self.map.untouched && !in_story)
                .then(|| {
                    let centre = self.map.view.center();
                    health_atlas_explore::share::MapView::new(centre.lon, centre.lat, self.map.view.zoom())
                })
                .flatten(),
            lang: (Some(self.lang) != self.link.initial_lang).then_some(self.lang),
            active_view: self.active_view,
            // An ad-hoc story ("play these events") has no id and no link.
            story: story.filter(|story| !story.id.is_empty()),
        }
    }

    /// Applies a link: its filters, selection, timeline window, language and view, after
    /// dropping ids and values this dataset does not have (each noted for the reader).
    /// With `keep_pending`, the link is also kept for the dataset still on its way.
    fn with_link(&self, mut link: ViewState, mut notes: Vec<IgnoredPart>, keep_pending: bool) -> Rc<State> {
        let pending = keep_pending.then(|| link.clone());
        if !keep_pending {
            notes.extend(drop_unknown_in_catalog(&mut link, &self.catalog));
        }
        let notes = capped_notes(notes);
        let window = match link.timeline_window {
            // Exactly the days named, without the fitting margin, so that a link read and
            // written again names the same days instead of growing each time.
            Some(range) => TimeWindow::new(day_number(range.first()), day_number(range.last()) + 1.0)
                .unwrap_or(self.timeline.opening),
            None => self.timeline.opening,
        };
        let selected = link.selected_event.filter(|id| self.catalog.event(id).is_some());
        let story = match &link.story {
            Some(story) => StoryAction::Open {
                id: story.id.clone(),
                step: story.step,
            },
            None => StoryAction::Leave,
        };
        let map = match link.map_view {
            Some(view) => self.map_after(MapAction::SetView(health_atlas_geo::MapView::new(
                health_atlas_geo::LonLat::new(view.lon(), view.lat()),
                view.zoom(),
                MAP_ZOOM_LIMITS,
            ))),
            None => self.map.clone(),
        };
        // A link into a story leaves the timeline and the map to its step, which moves them
        // from where they are (Back and Forward between steps animate like → and ←).
        let timeline = match link.story {
            Some(_) => self.timeline.clone(),
            None => self.timeline_after(TimelineAction::SetWindow(window)),
        };
        let linked = State {
            map,
            filters: link.filters,
            selected,
            lang: link.lang.or(self.link.initial_lang).unwrap_or(self.lang),
            active_view: link.active_view,
            timeline,
            link: LinkState {
                pending,
                notes,
                ..self.link.clone()
            },
            ..self.clone()
        };
        // An ad-hoc story has no link: an address without `story=` does not end it.
        if link.story.is_none()
            && linked
                .story
                .reading
                .as_ref()
                .is_some_and(|reading| reading.story.id.is_empty())
        {
            return Rc::new(linked);
        }
        let story = linked.story.apply(story, &linked.catalog.dataset().stories);
        linked.with_story(story)
    }

    /// Story mode after `action`: the story state, and the timeline and the map moved to
    /// the step together: at once, or, when moves animate, by a [`StoryMove`] that starts
    /// where they are now (mid-way through another move, where that one had got to).
    fn with_story(&self, story: StoryState) -> Rc<State> {
        let Some(focus) = story.focus(&self.catalog) else {
            return Rc::new(State {
                story,
                story_move: None,
                ..self.clone()
            });
        };
        let window = story.step_window(&self.timeline.index, &focus);
        let view = story.step_view(&self.catalog, &focus, self.map.size());
        let to_window = window.unwrap_or(self.timeline.window);
        let moves = to_window != self.timeline.window || view.is_some_and(|view| view != self.map.view);
        if self.animate_story_moves && moves {
            let generation = self.story_moves.wrapping_add(1);
            return Rc::new(State {
                story,
                story_moves: generation,
                story_move: Some(StoryMove {
                    generation,
                    from_window: self.timeline.window,
                    to_window,
                    from_view: self.map.view,
                    to_view: view,
                }),
                ..self.clone()
            });
        }
        let timeline = match window {
            Some(window) => self.timeline_after(TimelineAction::SetWindow(window)),
            None => self.timeline.clone(),
        };
        let map = match view {
            Some(view) => self.map_after(MapAction::SetView(view)),
            None => self.map.clone(),
        };
        Rc::new(State {
            story,
            timeline,
            map,
            story_move: None,
            ..self.clone()
        })
    }

    /// The story's route on the map; `None` outside a story.
    pub fn story_route(&self) -> Option<&Shared<health_atlas_geo::StoryRoute>> {
        self.story_route.as_ref()
    }

    /// The events story mode highlights; `None` outside a story.
    pub fn story_focus(&self) -> Option<&Shared<fixedbitset::FixedBitSet>> {
        self.story_focus.as_ref()
    }

    /// The app's selection: the events the list, the timeline and the counts show.
    pub fn selection(&self) -> &Shared<Selection> {
        self.derived.shown()
    }

    /// Filters → selection → shown, as the last `reduce` derived them.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// The timeline after `action`: [`TimelineState::apply`] over the events shown.
    fn timeline_after(&self, action: TimelineAction) -> TimelineState {
        self.timeline.apply(action, &self.selection().visible)
    }

    /// The map after `action`: [`MapState::apply`] over the filter engine's result (before the
    /// map's own narrowing, which would make "fit filtered" a no-op).
    fn map_after(&self, action: MapAction) -> MapState {
        self.map
            .apply(action, self.catalog.events(), &self.derived.filtered().visible)
    }

    /// True while `url` is the dataset being fetched: a reply for an older `src=` (the
    /// attribute changed, or was removed, before it arrived) is dropped.
    fn is_loading(&self, url: &str) -> bool {
        matches!(&self.dataset_status, DatasetStatus::Loading { url: loading, .. } if loading == url)
    }

    /// Shows `dataset` instead of the current one, keeping filters, language and view.
    fn with_dataset(self: Rc<Self>, dataset: PreparedDataset, dataset_status: DatasetStatus) -> Rc<State> {
        let PreparedDataset {
            catalog,
            unfiltered,
            timeline,
            bounds,
        } = dataset;
        // Keep the selection only if the new dataset has that event too.
        let selected = self.selected.clone().filter(|id| catalog.event(id).is_some());
        // A view the visitor or a link chose outlives the dataset; the basemaps are not the
        // dataset's either.
        let map = self.map.for_new_events(bounds.as_ref());
        let loaded = Rc::new(State {
            timeline: self.timeline.for_catalog(&catalog, timeline),
            map,
            catalog,
            // The start of the derivation: `derive` keeps what the filters and view leave.
            derived: unfiltered,
            selected,
            hovered: None,
            dataset_status,
            ..State::clone(&self)
        })
        .derive(Search::AsBefore);
        // The page's link named ids of this dataset: apply it now that they exist.
        match loaded.link.pending.clone() {
            Some(link) => loaded.with_link(link, loaded.link.notes.clone(), false),
            None => loaded,
        }
    }

    pub fn selected_event(&self) -> Option<&health_atlas_model::Event> {
        self.selected.as_deref().and_then(|id| self.catalog.event(id))
    }
}

/// Link notes as the UI keeps them: the first `MAX_NOTES_SHOWN`, then one that counts the
/// rest (a crafted link can hold thousands of bad parts).
fn capped_notes(mut notes: Vec<IgnoredPart>) -> Vec<IgnoredPart> {
    let counted = |note: &IgnoredPart| match note.reason {
        IgnoreReason::MoreNotes { count } => count,
        _ => 0,
    };
    // Notes capped before (a link waiting for its dataset) keep their count.
    let mut more: usize = notes.iter().map(counted).sum();
    notes.retain(|note| !matches!(note.reason, IgnoreReason::MoreNotes { .. }));
    if notes.len() > MAX_NOTES_SHOWN {
        more += notes.len() - MAX_NOTES_SHOWN;
        notes.truncate(MAX_NOTES_SHOWN);
    }
    if more > 0 {
        notes.push(IgnoredPart {
            part: String::new(),
            reason: IgnoreReason::MoreNotes { count: more },
        });
    }
    notes
}

impl Reducible for State {
    type Action = Action;

    /// Every input is changed by `step`; the derived part then catches up with it in one
    /// step (`derive`), so no arm has to.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let search = match action {
            Action::PinyinTableLoaded => Search::RunAgain,
            _ => Search::AsBefore,
        };
        self.step(action).derive(search)
    }
}

impl State {
    fn step(self: Rc<Self>, action: Action) -> Rc<State> {
        if self.story_move.is_some() && action.stops_story_move() {
            let stopped = Rc::new(State {
                story_move: None,
                ..State::clone(&self)
            });
            return stopped.step(action);
        }
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
                let timeline = self.timeline_after(TimelineAction::Reveal {
                    first: event.start,
                    last: event.last_day(),
                });
                // And pans the map to it when it is out of view (a cluster holding it is marked).
                let map = self.map_after(MapAction::Reveal(event_positions(event).collect()));
                Rc::new(State {
                    selected: Some(id),
                    timeline,
                    map,
                    ..State::clone(&self)
                })
            }
            Action::CloseCard => {
                if self.selected.is_none() {
                    return self;
                }
                Rc::new(State {
                    selected: None,
                    ..State::clone(&self)
                })
            }
            Action::SetLang(lang) => {
                if self.lang == lang {
                    return self;
                }
                Rc::new(State {
                    lang,
                    ..State::clone(&self)
                })
            }
            Action::DatasetLoading { url } => Rc::new(State {
                dataset_status: DatasetStatus::Loading {
                    url,
                    read: 0,
                    total: None,
                },
                ..State::clone(&self)
            }),
            Action::DatasetProgress { url, read, total } => {
                if !self.is_loading(&url) {
                    return self;
                }
                Rc::new(State {
                    dataset_status: DatasetStatus::Loading { url, read, total },
                    ..State::clone(&self)
                })
            }
            Action::DatasetLoaded { url, dataset } => {
                if !self.is_loading(&url) {
                    return self;
                }
                let loaded = self.with_dataset(dataset, DatasetStatus::Loaded { url });
                Rc::new(State {
                    settling: true,
                    ..State::clone(&loaded)
                })
            }
            Action::Settled => Rc::new(State {
                settling: false,
                ..State::clone(&self)
            }),
            Action::UseEmbeddedDataset => match (&self.dataset_status, embedded_dataset()) {
                (DatasetStatus::Embedded | DatasetStatus::EmbeddedInvalid { .. }, _) => self,
                (_, Ok(dataset)) => self.with_dataset(PreparedDataset::new(dataset), DatasetStatus::Embedded),
                (_, Err(HasProblems)) => self.with_dataset(
                    PreparedDataset::new(Dataset::empty()),
                    DatasetStatus::EmbeddedInvalid {
                        errors: vec![LoadError::BuiltinInvalid].into(),
                    },
                ),
            },
            Action::DatasetFailed { url, errors } => {
                if !self.is_loading(&url) {
                    return self;
                }
                let failed = Rc::new(State {
                    dataset_status: DatasetStatus::Failed {
                        url,
                        errors: errors.into(),
                    },
                    ..State::clone(&self)
                });
                // The link waited for a dataset that will not come: apply it to this one.
                match failed.link.pending.clone() {
                    Some(link) => failed.with_link(link, failed.link.notes.clone(), false),
                    None => failed,
                }
            }
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
            Action::SetFilters(filters) => {
                if self.filters == filters {
                    return self;
                }
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
                    ..State::clone(&self)
                })
            }
            Action::Timeline(action) => {
                let timeline = self.timeline_after(action);
                if timeline == self.timeline {
                    return self;
                }
                Rc::new(State {
                    timeline,
                    ..State::clone(&self)
                })
            }
            Action::ApplyLink(link) => {
                if self.view_state() == link {
                    return self;
                }
                self.with_link(link, Vec::new(), false)
            }
            Action::DismissLinkNotes => {
                if self.link.notes.is_empty() {
                    return self;
                }
                Rc::new(State {
                    link: LinkState {
                        notes: Vec::new(),
                        ..self.link.clone()
                    },
                    ..State::clone(&self)
                })
            }
            Action::ShowView(view) => {
                if self.active_view == view {
                    return self;
                }
                Rc::new(State {
                    active_view: view,
                    ..State::clone(&self)
                })
            }
            Action::Story(action) => {
                let story = self.story.apply(action, &self.catalog.dataset().stories);
                if story == self.story {
                    return self;
                }
                self.with_story(story)
            }
            Action::StoryFrame { generation, elapsed_ms } => {
                let Some(moving) = self.story_move.filter(|moving| moving.generation == generation) else {
                    return self;
                };
                let (window, view, done) = moving.at(elapsed_ms);
                Rc::new(State {
                    timeline: self.timeline_after(TimelineAction::SetWindow(window)),
                    map: match view {
                        Some(view) => self.map_after(MapAction::SetView(view)),
                        None => self.map.clone(),
                    },
                    story_move: (!done).then_some(moving),
                    ..State::clone(&self)
                })
            }
            Action::AnimateStoryMoves(animate) => {
                if self.animate_story_moves == animate {
                    return self;
                }
                Rc::new(State {
                    animate_story_moves: animate,
                    ..State::clone(&self)
                })
            }
            Action::SortList(key) => Rc::new(State {
                list_order: self.list_order.effective(self.selection()).choosing(key),
                ..State::clone(&self)
            }),
            Action::Map(action) => {
                let map = self.map_after(action);
                if map == self.map {
                    return self;
                }
                Rc::new(State {
                    map,
                    ..State::clone(&self)
                })
            }
            // No input changes: `reduce` runs the search again (`Search::RunAgain`).
            Action::PinyinTableLoaded => self,
        }
    }
}

impl State {
    /// The derived part brought up to date with the inputs: the same `Rc` when nothing
    /// changed, which is almost every action (identity comparisons only).
    fn derive(self: Rc<Self>, search: Search) -> Rc<State> {
        let derived = self.derived.next(&self.catalog, &self.filters, &self.map, search);
        // The story's focus and route change only with the story, its step and the dataset
        // (a step's filter is a query run over the catalog): not on every hover or frame.
        let outside_a_story = self.story.reading.is_none() && self.story_focus.is_none() && self.story_route.is_none();
        let story_is_derived = outside_a_story
            || self
                .story_derived_for
                .as_ref()
                .is_some_and(|(catalog, story)| *catalog == self.catalog && *story == self.story);
        if derived == self.derived && story_is_derived {
            return self;
        }
        let (story_focus, story_route) = if story_is_derived {
            (self.story_focus.clone(), self.story_route.clone())
        } else {
            let focus = match self.story.focus(&self.catalog) {
                Some(focus) if self.story_focus.as_ref().is_some_and(|shown| ***shown == focus) => {
                    self.story_focus.clone()
                }
                focus => focus.map(Shared::new),
            };
            // A new step keeps the route's identity: the map compares it by identity.
            let route = match self.story.route(&self.catalog) {
                Some(route) if self.story_route.as_ref().is_some_and(|shown| ***shown == route) => {
                    self.story_route.clone()
                }
                route => route.map(Shared::new),
            };
            (focus, route)
        };
        Rc::new(State {
            derived,
            story_focus,
            story_route,
            story_derived_for: Some((self.catalog.clone(), self.story.clone())),
            ..State::clone(&self)
        })
    }

    /// The next state with new filters; `derive` runs them.
    fn with_filters(&self, filters: Filters) -> Rc<State> {
        Rc::new(State {
            filters,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_errors_choose_what_a_failed_dataset_shows() {
        let failed = DatasetStatus::Failed {
            url: "bad.json".into(),
            errors: vec![LoadError::Status {
                status: 404,
                text: "Not Found".into(),
            }]
            .into(),
        };
        let loading = DatasetStatus::Loading {
            url: "bad.json".into(),
            read: 0,
            total: None,
        };
        let broken_build = DatasetStatus::EmbeddedInvalid {
            errors: vec![LoadError::RequestFailed { detail: "x".into() }].into(),
        };
        assert_eq!(DatasetErrors::from_attribute(" Builtin "), DatasetErrors::Builtin);
        assert_eq!(DatasetErrors::from_attribute("empty"), DatasetErrors::Empty);
        assert_eq!(DatasetErrors::from_attribute("nonsense"), DatasetErrors::Show);

        assert!(DatasetErrors::Show.shows_errors(&failed));
        assert!(!DatasetErrors::Builtin.shows_errors(&failed));
        assert!(!DatasetErrors::Empty.shows_errors(&failed));
        // A build whose own events are unreadable always says so: there is nothing to fall back on.
        assert!(DatasetErrors::Builtin.shows_errors(&broken_build));

        assert!(DatasetErrors::Empty.hides_atlas(&failed));
        assert!(
            DatasetErrors::Empty.hides_atlas(&loading),
            "no flash of the built-in events"
        );
        assert!(!DatasetErrors::Empty.hides_atlas(&DatasetStatus::Loaded {
            url: "good.json".into()
        }));
        assert!(!DatasetErrors::Empty.hides_atlas(&DatasetStatus::Embedded));
        assert!(!DatasetErrors::Builtin.hides_atlas(&failed));
        assert!(!DatasetErrors::Show.hides_atlas(&failed));
    }

    #[test]
    fn a_story_step_moves_the_timeline_and_the_map_together_and_is_linked() {
        let state = Rc::new(State::initial(Lang::En));
        let opened = state.clone().reduce(Action::Story(StoryAction::Open {
            id: "aiia-three-days-2024".into(),
            step: 2,
        }));
        assert_ne!(opened.timeline.window, state.timeline.window);
        assert_ne!(opened.map.view, state.map.view);
        let focus: Vec<&str> = opened
            .story_focus()
            .unwrap()
            .ones()
            .map(|position| opened.catalog.events()[position].id.as_str())
            .collect();
        assert_eq!(focus, ["aiia-visit-cell-center-2024-03-22"]);
        // The link names the step, not the window and view it implies.
        assert_eq!(
            health_atlas_explore::share::encode(&opened.view_state()),
            "v=1&story=aiia-three-days-2024&step=2"
        );
        // Next, and a no-op at the end keeps the same state.
        let next = opened.clone().reduce(Action::Story(StoryAction::Next));
        assert_eq!(next.story.reading.as_ref().unwrap().step, 3);
        let last = next.reduce(Action::Story(StoryAction::Last));
        assert!(Rc::ptr_eq(
            &last,
            &last.clone().reduce(Action::Story(StoryAction::Next))
        ));
        // Back in the browser to a link without a story leaves it; forward opens the step.
        let left = last.clone().reduce(Action::ApplyLink(ViewState::default()));
        assert!(left.story.reading.is_none() && left.story_focus().is_none());
        let forward = left.reduce(Action::ApplyLink(decode("#story=aiia-three-days-2024&step=2").state));
        assert_eq!(forward.view_state(), opened.view_state());
        // A page opened on a step's link starts in the story.
        let started = State::starting(StartOptions {
            lang: Some(Lang::En),
            link: Some("#story=tbhc-2023-story&step=9".into()),
            ..StartOptions::default()
        });
        assert_eq!(started.story.reading.as_ref().map(|reading| reading.step), Some(4));
    }

    #[test]
    fn story_moves_animate_frame_by_frame_from_where_the_views_are_and_yield_to_the_reader() {
        let story = |step| {
            Action::Story(StoryAction::Open {
                id: "cooperation-2017-2024".into(),
                step,
            })
        };
        // Without animation (reduced motion, and until the browser is asked), the step's
        // window and view are reached at once.
        let start = Rc::new(State::initial(Lang::En));
        let at_once = start.clone().reduce(story(1));
        assert!(at_once.story_move.is_none());
        let target = at_once.clone().reduce(story(2));
        assert!(target.story_move.is_none());

        let animated = at_once.clone().reduce(Action::AnimateStoryMoves(true));
        let moving = animated.clone().reduce(story(2));
        let playing = moving.story_move.expect("the move to step 2 plays");
        // The step is shown at once; the views start where they were.
        assert_eq!(moving.story.reading.as_ref().unwrap().step, 2);
        assert_eq!(moving.timeline.window, at_once.timeline.window);
        assert_eq!(moving.map.view, at_once.map.view);
        let frame = |state: &Rc<State>, generation, elapsed_ms| {
            state.clone().reduce(Action::StoryFrame { generation, elapsed_ms })
        };
        let halfway = frame(&moving, playing.generation, STORY_MOVE_MS / 2.0);
        let shown = halfway.timeline.window;
        assert!(
            shown != at_once.timeline.window && shown != target.timeline.window,
            "an intermediate window: {shown:?}"
        );
        assert!(halfway.map.view != at_once.map.view && halfway.map.view != target.map.view);
        assert!(halfway.story_move.is_some());
        // A frame of a move already replaced changes nothing.
        assert!(Rc::ptr_eq(&halfway, &frame(&halfway, playing.generation + 7, 10.0)));
        let arrived = frame(&halfway, playing.generation, STORY_MOVE_MS);
        assert_eq!(arrived.timeline.window, target.timeline.window);
        assert_eq!(arrived.map.view, target.map.view);
        assert!(arrived.story_move.is_none());

        // A new step during a move starts from where the move had got to.
        let onwards = halfway.clone().reduce(story(3));
        let next = onwards.story_move.unwrap();
        assert!(next.generation != playing.generation);
        assert_eq!(next.from_window, halfway.timeline.window);
        assert_eq!(next.from_view, halfway.map.view);
        assert!(
            frame(&onwards, playing.generation, STORY_MOVE_MS).story_move.is_some(),
            "the old move's frames are dropped"
        );

        // The reader panning the timeline stops the move where it is.
        let panned = halfway.clone().reduce(Action::Timeline(TimelineAction::Pan(0.1)));
        assert!(panned.story_move.is_none());
        assert!(Rc::ptr_eq(&panned, &frame(&panned, playing.generation, STORY_MOVE_MS)));
    }

    fn first_event_id(state: &State) -> String {
        state.catalog.events()[0].id.clone()
    }

    #[test]
    fn the_timeline_opens_on_today_only_when_events_come_after_it() {
        let day = |text: &str| health_atlas_model::parse_day(text).unwrap();
        let starting = |today: &str, link: Option<&str>| {
            State::starting(StartOptions {
                lang: Some(Lang::En),
                link: link.map(str::to_owned),
                today: Some(day(today)),
                ..StartOptions::default()
            })
        };
        let live = starting("2023-06-01", None);
        let timeline = &live.timeline;
        assert_ne!(timeline.window, timeline.whole);
        assert_eq!(timeline.window.span(), timeline.whole.span());
        assert!((timeline.window.centre() - (day_number(day("2023-06-01")) + 0.5)).abs() < 1e-6);
        // The opening window is the default view: no `t=` in the link, and a link without
        // one opens there.
        assert_eq!(live.view_state().timeline_window, None);
        assert_eq!(health_atlas_explore::share::encode(&live.view_state()), "");
        // After the last event (the shipped data ends in 2024): every event, as before.
        let past = starting("2030-01-01", None);
        assert_eq!(past.timeline.window, past.timeline.whole);
        assert_eq!(State::initial(Lang::En).timeline.window, past.timeline.whole);
        // A link's own window wins.
        let linked = starting("2023-06-01", Some("v=1&t=2017-01-01~2017-12-31"));
        assert_eq!(
            linked.timeline.window.days(),
            Some((day("2017-01-01"), day("2017-12-31")))
        );
    }

    #[test]
    fn a_search_that_empties_the_selection_empties_the_map_and_a_fit_then_changes_nothing() {
        let state = Rc::new(State::initial(Lang::En));
        let empty = state.reduce(Action::SetSearchText("no event says this".into()));
        assert_eq!(empty.selection().visible_count(), 0);
        assert_eq!(empty.derived().clusters().index.len(), 0);
        // The timeline's and the map's "fit filtered" have nothing to fit: no-ops.
        let same = Rc::clone(&empty).reduce(Action::Timeline(TimelineAction::Fit(TimelineFit::Filtered)));
        assert!(Rc::ptr_eq(&empty, &same));
        let same = Rc::clone(&empty).reduce(Action::Map(MapAction::Fit(MapFit::Filtered)));
        assert!(Rc::ptr_eq(&empty, &same));
    }

    #[test]
    fn the_selection_is_only_ever_derived_from_the_inputs() {
        // Whatever path the state took, its derived part is what the inputs give afresh.
        let state = Rc::new(State::initial(Lang::En));
        let paths = [
            Action::Map(MapAction::ShowOnlyInView(true)),
            Action::ToggleFacet {
                facet: Facet::Category,
                key: "forum".into(),
            },
            Action::Map(MapAction::Zoom {
                delta: 2.0,
                anchor: None,
            }),
            Action::SetSearchText("shanghai".into()),
            Action::Timeline(TimelineAction::Pan(0.5)),
            Action::ClearFilters,
        ];
        let mut current = state;
        for action in paths {
            current = current.reduce(action);
            let afresh = Derived::new(&current.catalog, &current.filters, &current.map);
            assert_eq!(
                current.selection().visible,
                afresh.shown().visible,
                "{:?}",
                current.filters
            );
            assert_eq!(current.derived().filtered().visible, afresh.filtered().visible);
        }
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
            errors: vec![LoadError::TimedOut { seconds: 60 }],
        });
        assert!(Rc::ptr_eq(&failed.catalog, &embedded));
        match &failed.dataset_status {
            DatasetStatus::Failed { url, errors } => {
                assert_eq!(url, "x.json");
                assert_eq!(&errors[..], [LoadError::TimedOut { seconds: 60 }]);
            }
            other => panic!("{other:?}"),
        }
    }

    /// What the loader dispatches for a `src=` that arrives.
    fn load(state: Rc<State>, url: &str, dataset: Dataset) -> Rc<State> {
        let loading = state.reduce(Action::DatasetLoading { url: url.into() });
        loading.reduce(Action::DatasetLoaded {
            url: url.into(),
            dataset: PreparedDataset::new(dataset),
        })
    }

    #[test]
    fn a_loaded_dataset_settles_a_task_later() {
        let state = Rc::new(State::initial(Lang::En));
        assert!(!state.settling);
        let loaded = load(state, "a.json", health_atlas_model::generate::generate(3, 1));
        assert!(loaded.settling, "the filter panel and the list wait");
        assert_eq!(loaded.catalog.len(), 3);
        let settled = Rc::clone(&loaded).reduce(Action::Settled);
        assert!(!settled.settling);
        assert!(Rc::ptr_eq(&settled.catalog, &loaded.catalog));
    }

    #[test]
    fn a_reply_for_a_replaced_or_removed_src_is_dropped() {
        let state = Rc::new(State::initial(Lang::En));
        let embedded = state.catalog.len();
        let first = Rc::clone(&state).reduce(Action::DatasetLoading { url: "a.json".into() });
        let second = first.reduce(Action::DatasetLoading { url: "b.json".into() });
        let late = Rc::clone(&second).reduce(Action::DatasetLoaded {
            url: "a.json".into(),
            dataset: PreparedDataset::new(health_atlas_model::generate::generate(3, 1)),
        });
        assert!(Rc::ptr_eq(&late, &second), "a.json was replaced by b.json");
        let late_failure = Rc::clone(&second).reduce(Action::DatasetFailed {
            url: "a.json".into(),
            errors: vec![LoadError::Status {
                status: 404,
                text: "Not Found".into(),
            }],
        });
        assert!(Rc::ptr_eq(&late_failure, &second));
        let removed = second.reduce(Action::UseEmbeddedDataset);
        assert_eq!(removed.dataset_status, DatasetStatus::Embedded);
        let after_removal = Rc::clone(&removed).reduce(Action::DatasetLoaded {
            url: "b.json".into(),
            dataset: PreparedDataset::new(health_atlas_model::generate::generate(3, 1)),
        });
        assert!(Rc::ptr_eq(&after_removal, &removed));
        assert_eq!(after_removal.catalog.len(), embedded);
    }

    #[test]
    fn removing_the_src_brings_the_embedded_events_back_with_the_filters() {
        let state = Rc::new(State::initial(Lang::En));
        let embedded = state.catalog.len();
        let unchanged = Rc::clone(&state).reduce(Action::UseEmbeddedDataset);
        assert!(Rc::ptr_eq(&unchanged, &state), "already embedded: no rebuild");
        let loaded = load(state, "g.json", health_atlas_model::generate::generate(40, 2));
        let forums = loaded.reduce(Action::ToggleFacet {
            facet: Facet::Category,
            key: "forum".into(),
        });
        let back = forums.reduce(Action::UseEmbeddedDataset);
        assert_eq!(back.catalog.len(), embedded);
        assert_eq!(back.dataset_status, DatasetStatus::Embedded);
        assert_eq!(back.selection().visible_count(), 2, "the embedded dataset's two forums");
    }

    #[test]
    fn a_loaded_override_replaces_the_events_and_drops_a_stale_selection() {
        let state = Rc::new(State::initial(Lang::En));
        let id = first_event_id(&state);
        let selected = state.reduce(Action::SelectEvent(id));
        let dataset = health_atlas_model::generate::generate(3, 1);
        let loaded = load(selected, "g.json", dataset);
        assert_eq!(loaded.catalog.len(), 3);
        assert_eq!(loaded.selected, None);
    }

    #[test]
    fn filter_actions_update_the_selection_and_clear_restores_it() {
        let state = Rc::new(State::initial(Lang::En));
        let everything = state.selection().visible_count();
        let searched = Rc::clone(&state).reduce(Action::SetSearchText("wuxi".into()));
        assert!(searched.selection().visible_count() < everything);
        let narrowed = searched.reduce(Action::ToggleFacet {
            facet: Facet::Category,
            key: "signing".into(),
        });
        assert_eq!(narrowed.selection().visible_count(), 1);
        let narrowed_filters = narrowed.filters.clone();
        let cleared = narrowed.reduce(Action::ClearFilters);
        assert_eq!(cleared.selection().visible_count(), everything);
        let same = Rc::clone(&cleared).reduce(Action::ClearFilters);
        assert!(Rc::ptr_eq(&cleared, &same));
        // All at once, as the element's setFilters does: the same result as one by one.
        let at_once = Rc::clone(&cleared).reduce(Action::SetFilters(narrowed_filters.clone()));
        assert_eq!(at_once.selection().visible_count(), 1);
        let same = Rc::clone(&at_once).reduce(Action::SetFilters(narrowed_filters.clone()));
        assert!(Rc::ptr_eq(&at_once, &same));
    }

    #[test]
    fn date_ranges_may_be_open_and_reversed_ones_are_ignored() {
        let day = |text: &str| health_atlas_model::parse_day(text);
        let state = Rc::new(State::initial(Lang::En));
        let since_2023 = Rc::clone(&state).reduce(Action::SetDateRange {
            first: day("2023-01-01"),
            last: None,
        });
        assert!(since_2023
            .catalog
            .selected_events(since_2023.selection())
            .all(|event| event.last_day() >= NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()));
        assert!(since_2023.selection().visible_count() < state.selection().visible_count());
        let reversed = Rc::clone(&since_2023).reduce(Action::SetDateRange {
            first: day("2024-01-01"),
            last: day("2023-01-01"),
        });
        assert!(Rc::ptr_eq(&since_2023, &reversed));
        let open = since_2023.reduce(Action::SetDateRange {
            first: None,
            last: None,
        });
        assert_eq!(open.selection().visible_count(), state.selection().visible_count());
    }

    #[test]
    fn sorting_the_list_by_a_column_then_again_reverses_it() {
        use health_atlas_explore::query::SortDirection;
        let state = Rc::new(State::initial(Lang::En));
        assert_eq!(state.list_order, ListOrder::default());
        let by_title = state.reduce(Action::SortList(SortKey::Title));
        assert_eq!(
            (by_title.list_order.key, by_title.list_order.direction),
            (SortKey::Title, SortDirection::Ascending)
        );
        let reversed = Rc::clone(&by_title).reduce(Action::SortList(SortKey::Title));
        assert_eq!(reversed.list_order.direction, SortDirection::Descending);
        assert!(
            Rc::ptr_eq(reversed.selection(), by_title.selection()),
            "sorting does not refilter"
        );
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
        let zoomed = Rc::clone(&state).reduce(Action::Timeline(TimelineAction::Zoom {
            factor: 0.5,
            anchor: 0.5,
        }));
        assert!((zoomed.timeline.window.span() - whole.span() / 2.0).abs() < 1e-6);
        let panned = Rc::clone(&zoomed).reduce(Action::Timeline(TimelineAction::Pan(0.25)));
        assert!(panned.timeline.window.start() > zoomed.timeline.window.start());
        let refit = panned.reduce(Action::Timeline(TimelineAction::Fit(TimelineFit::All)));
        assert_eq!(refit.timeline.window, whole);
        let same = Rc::clone(&refit).reduce(Action::Timeline(TimelineAction::Fit(TimelineFit::All)));
        assert!(Rc::ptr_eq(&refit, &same));
        let same = Rc::clone(&refit).reduce(Action::Timeline(TimelineAction::Zoom {
            factor: f64::NAN,
            anchor: 0.5,
        }));
        assert!(Rc::ptr_eq(&refit, &same));
    }

    #[test]
    fn fit_filtered_frames_the_visible_events_and_selection_reveals_an_event() {
        let state = Rc::new(State::initial(Lang::En));
        let wuxi = state.reduce(Action::SetSearchText("无锡".into()));
        let fitted = wuxi.reduce(Action::Timeline(TimelineAction::Fit(TimelineFit::Filtered)));
        let window = fitted.timeline.window;
        for event in fitted.catalog.selected_events(fitted.selection()) {
            assert!(window.overlaps(
                health_atlas_explore::time::day_number(event.start),
                health_atlas_explore::time::day_number(event.last_day()) + 1.0
            ));
        }
        // Zoom far in on the end of the data, then select the oldest event: it comes into view.
        let narrow = Rc::clone(&fitted).reduce(Action::Timeline(TimelineAction::SetWindow(
            TimeWindow::new(800_000.0, 800_010.0).unwrap(),
        )));
        let oldest = narrow
            .catalog
            .selected_events(narrow.selection())
            .next()
            .unwrap()
            .clone();
        let selected = narrow.reduce(Action::SelectEvent(oldest.id.clone()));
        assert!(selected.timeline.window.overlaps(
            health_atlas_explore::time::day_number(oldest.start),
            health_atlas_explore::time::day_number(oldest.last_day()) + 1.0
        ));
        let nothing = Rc::clone(&selected).reduce(Action::SetSearchText("zzzzqqqq".into()));
        let same = Rc::clone(&nothing).reduce(Action::Timeline(TimelineAction::Fit(TimelineFit::Filtered)));
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
        let faded = hovered.reduce(Action::Timeline(TimelineAction::ShowFilteredOut(true)));
        assert!(faded.timeline.show_filtered_out);
    }

    #[test]
    fn a_link_restores_filters_selection_window_and_language_and_notes_what_it_ignored() {
        let state = State::starting(StartOptions {
            lang: Some(Lang::En),
            link: Some("#q=无锡&cat=signing,no-such-category&event=tbhc-2023-signings&t=2023-05-01~2023-06-30&lang=zh&from=2023-13-01".into()),
            awaits_dataset: false,
            today: None,
        });
        assert_eq!(state.filters.text, "无锡");
        assert_eq!(state.selection().visible_count(), 1);
        assert_eq!(state.selected.as_deref(), Some("tbhc-2023-signings"));
        assert_eq!(state.lang, Lang::Zh);
        assert_eq!(
            state.timeline.window.days().map(|(first, _)| first.to_string()),
            Some("2023-05-01".to_owned()),
        );
        assert_eq!(state.link.notes.len(), 2, "{:?}", state.link.notes);
        assert!(state
            .link
            .notes
            .iter()
            .any(|note| note.to_string().contains("2023-13-01")));
        assert!(state
            .link
            .notes
            .iter()
            .any(|note| note.to_string().contains("no-such-category")));
        // What the address bar then shows: the same view, without the parts ignored.
        let link = health_atlas_explore::share::encode(&state.view_state());
        assert!(
            link.contains("event=tbhc-2023-signings") && link.contains("lang=zh") && !link.contains("from="),
            "{link}"
        );
        assert!(
            link.contains("t=2023-05-01~2023-06-30"),
            "the window survives a round trip: {link}"
        );
        let dismissed = Rc::new(state).reduce(Action::DismissLinkNotes);
        assert!(dismissed.link.notes.is_empty());
    }

    #[test]
    fn link_notes_are_capped_and_counted_and_a_progress_report_needs_its_load() {
        let link: String = (0..30).map(|day| format!("from=2023-13-{day:02}&")).collect();
        let state = State::starting(StartOptions {
            lang: Some(Lang::En),
            link: Some(format!("{link}cat=forum")),
            awaits_dataset: false,
            today: None,
        });
        assert_eq!(state.link.notes.len(), MAX_NOTES_SHOWN + 1);
        assert_eq!(
            state.link.notes.last().map(|note| note.reason.clone()),
            Some(IgnoreReason::MoreNotes {
                count: 30 - MAX_NOTES_SHOWN
            })
        );
        let state = Rc::new(state);
        let ignored = Rc::clone(&state).reduce(Action::DatasetProgress {
            url: "x.json".into(),
            read: 5,
            total: None,
        });
        assert!(Rc::ptr_eq(&state, &ignored), "no load is under way");
        let loading = state.reduce(Action::DatasetLoading { url: "x.json".into() });
        let halfway = loading.reduce(Action::DatasetProgress {
            url: "x.json".into(),
            read: 5,
            total: Some(10),
        });
        assert_eq!(
            halfway.dataset_status,
            DatasetStatus::Loading {
                url: "x.json".into(),
                read: 5,
                total: Some(10)
            }
        );
    }

    #[test]
    fn a_refused_src_keeps_the_events_on_screen() {
        let state = Rc::new(State::initial(Lang::Zh));
        let before = Rc::clone(&state.catalog);
        let refused = state
            .reduce(Action::DatasetLoading {
                url: "data:application/json,{}".into(),
            })
            .reduce(Action::DatasetFailed {
                url: "data:application/json,{}".into(),
                errors: vec![LoadError::Refused(health_atlas_model::trust::Refusal::InlineData)],
            });
        assert!(Rc::ptr_eq(&before, &refused.catalog));
        assert!(matches!(refused.dataset_status, DatasetStatus::Failed { .. }));
    }

    #[test]
    fn the_default_view_gives_an_empty_link_and_a_pending_link_waits_for_its_dataset() {
        let state = Rc::new(State::initial(Lang::Fr));
        assert_eq!(health_atlas_explore::share::encode(&state.view_state()), "");
        let waiting = Rc::new(State::starting(StartOptions {
            lang: Some(Lang::En),
            link: Some("event=generated-2&cat=forum".into()),
            awaits_dataset: true,
            today: None,
        }));
        assert_eq!(waiting.selected, None, "not in the embedded dataset");
        assert_eq!(
            health_atlas_explore::share::encode(&waiting.view_state()),
            "v=1&cat=forum&event=generated-2"
        );
        let dataset = health_atlas_model::generate::generate(5, 3);
        let id = dataset.events[2].id.clone();
        let waiting = Rc::new(State::starting(StartOptions {
            lang: Some(Lang::En),
            link: Some(format!("event={id}")),
            awaits_dataset: true,
            today: None,
        }));
        let loaded = load(waiting, "g.json", dataset);
        assert_eq!(loaded.selected.as_deref(), Some(id.as_str()));
        assert_eq!(loaded.link.pending, None);
        // A map view in the link is where the map is once the dataset is there.
        let waiting = Rc::new(State::starting(StartOptions {
            lang: Some(Lang::En),
            link: Some("map=116,31,5".into()),
            awaits_dataset: true,
            today: None,
        }));
        let loaded = waiting.reduce(Action::DatasetLoaded {
            url: "g.json".into(),
            dataset: PreparedDataset::new(health_atlas_model::generate::generate(5, 3)),
        });
        let centre = loaded.map.view.center();
        assert_eq!((centre.lon, centre.lat, loaded.map.view.zoom()), (116.0, 31.0, 5.0));
        assert_eq!(
            health_atlas_explore::share::encode(&loaded.view_state()),
            "v=1&map=116,31,5"
        );
    }

    #[test]
    fn back_and_forward_apply_a_link_and_an_unchanged_one_is_a_no_op() {
        let state = Rc::new(State::initial(Lang::En));
        let filtered = Rc::clone(&state).reduce(Action::ToggleFacet {
            facet: Facet::Category,
            key: "forum".into(),
        });
        let back = Rc::clone(&filtered).reduce(Action::ApplyLink(state.view_state()));
        assert_eq!(back.selection().visible_count(), state.selection().visible_count());
        let same = Rc::clone(&back).reduce(Action::ApplyLink(back.view_state()));
        assert!(Rc::ptr_eq(&back, &same));
    }

    #[test]
    fn map_actions_move_the_view_and_no_ops_keep_the_state() {
        let state = Rc::new(State::initial(Lang::En));
        let sized = Rc::clone(&state).reduce(Action::Map(MapAction::Resize(health_atlas_geo::Viewport::new(
            1000.0, 500.0,
        ))));
        assert_eq!(sized.map.viewport, Some(health_atlas_geo::Viewport::new(1000.0, 500.0)));
        let zoom = sized.map.view.zoom();
        let zoomed = Rc::clone(&sized).reduce(Action::Map(MapAction::Zoom {
            delta: 1.0,
            anchor: Some(health_atlas_geo::ScreenPoint::new(100.0, 100.0)),
        }));
        assert!((zoomed.map.view.zoom() - (zoom + 1.0)).abs() < 1e-9);
        let panned = Rc::clone(&zoomed).reduce(Action::Map(MapAction::Pan { dx: 50.0, dy: 0.0 }));
        assert!(
            panned.map.view.center().lon < zoomed.map.view.center().lon,
            "dragging right shows the west"
        );
        let refit = Rc::clone(&panned).reduce(Action::Map(MapAction::Fit(MapFit::All)));
        assert_eq!(refit.map.view, sized.map.view);
        let same = Rc::clone(&refit).reduce(Action::Map(MapAction::Fit(MapFit::All)));
        assert!(Rc::ptr_eq(&refit, &same));
        let same = Rc::clone(&refit).reduce(Action::Map(MapAction::Zoom {
            delta: f64::NAN,
            anchor: None,
        }));
        assert!(Rc::ptr_eq(&refit, &same));
        // Hovering, the timeline and the rest leave the map (and its clusters) alone.
        let hovered = Rc::clone(&refit).reduce(Action::Hover(Some(first_event_id(&refit))));
        assert!(Rc::ptr_eq(hovered.derived().clusters(), refit.derived().clusters()));
    }

    #[test]
    fn the_map_clusters_the_filtered_events_and_selection_pans_to_an_event() {
        let state = Rc::new(State::initial(Lang::En));
        // One point per distinct place of an event (the AIIA visit's two stops stand for two
        // regions, at two points: data/README.md, "Points already used").
        let distinct_places = |event: &health_atlas_model::Event| {
            let mut places: Vec<_> = event_positions(event).collect();
            places.dedup();
            places.len()
        };
        let points: usize = state.catalog.events().iter().map(distinct_places).sum();
        assert_eq!(
            points, 16,
            "14 events with a place, the launch also in Banja Luka, the AIIA visit at two points"
        );
        assert_eq!(state.derived().clusters().index.len(), points);
        let wuxi = Rc::clone(&state).reduce(Action::SetSearchText("无锡".into()));
        let wuxi_points: usize = wuxi
            .catalog
            .selected_events(wuxi.selection())
            .map(distinct_places)
            .sum();
        assert_eq!(wuxi.derived().clusters().index.len(), wuxi_points);
        assert!(wuxi_points < points);

        // Zoomed far into Wuxi, selecting the Banja Luka launch in the list pans the map there
        // (its first place, Shanghai, is out of view) and keeps the zoom.
        let far_in = state.reduce(Action::Map(MapAction::SetView(health_atlas_geo::MapView::new(
            health_atlas_geo::LonLat::new(120.31, 31.49),
            12.0,
            MAP_ZOOM_LIMITS,
        ))));
        let selected = far_in.reduce(Action::SelectEvent("yrd-balkan-biomed-center-launch-2023".into()));
        let center = selected.map.view.center();
        assert!(
            (center.lon - 121.4737).abs() < 1e-6 && (center.lat - 31.2304).abs() < 1e-6,
            "{center:?}"
        );
        assert_eq!(selected.map.view.zoom(), 12.0);
        // Selecting an event already in view leaves the map where it is.
        let shanghai = selected.reduce(Action::SelectEvent("csitf-2017".into()));
        assert_eq!(shanghai.map.view.center(), center);
    }

    #[test]
    fn only_in_view_narrows_the_selection_and_follows_the_view_and_the_filters() {
        let state = Rc::new(State::initial(Lang::En));
        let everything = state.selection().visible_count();
        let on = Rc::clone(&state).reduce(Action::Map(MapAction::ShowOnlyInView(true)));
        let with_place = state
            .catalog
            .events()
            .iter()
            .filter(|event| event_positions(event).next().is_some())
            .count();
        assert_eq!(
            on.selection().visible_count(),
            with_place,
            "the fitted map shows every placed event"
        );
        assert!(with_place < everything);
        let changchun = on.reduce(Action::Map(MapAction::SetView(health_atlas_geo::MapView::new(
            health_atlas_geo::LonLat::new(125.32, 43.82),
            9.0,
            MAP_ZOOM_LIMITS,
        ))));
        let ids: Vec<&str> = changchun
            .catalog
            .selected_events(changchun.selection())
            .map(|event| event.id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["changchun-outsourcing-summit-2021", "changchun-medicine-forum-2021"]
        );
        // A filter applies within the view; the map still clusters the filter's whole result.
        let forums = changchun.reduce(Action::ToggleFacet {
            facet: Facet::Category,
            key: "forum".into(),
        });
        assert_eq!(forums.selection().visible_count(), 1);
        assert!(
            forums.derived().clusters().index.len() > 1,
            "forums elsewhere are still on the map"
        );
        // Turned off, the filter's whole result is back.
        let off = forums.reduce(Action::Map(MapAction::ShowOnlyInView(false)));
        assert!(Rc::ptr_eq(off.selection(), off.derived().filtered()));
        assert!(off.selection().visible_count() > 1);
    }

    #[test]
    fn a_new_dataset_rebuilds_the_map() {
        let state = Rc::new(State::initial(Lang::En));
        let loaded = load(state, "g.json", health_atlas_model::generate::generate(50, 7));
        assert_eq!(loaded.derived().clusters().index.len(), 50);
        assert!(Rc::ptr_eq(loaded.derived().filtered(), loaded.selection()));
    }

    #[test]
    fn a_moved_map_goes_into_the_link_and_comes_back_from_it() {
        let state = Rc::new(State::initial(Lang::En));
        assert_eq!(state.view_state().map_view, None, "an untouched map is left out");
        let moved = state.reduce(Action::Map(MapAction::SetView(health_atlas_geo::MapView::new(
            health_atlas_geo::LonLat::new(121.4737, 31.2304),
            6.0,
            MAP_ZOOM_LIMITS,
        ))));
        let link = health_atlas_explore::share::encode(&moved.view_state());
        assert!(link.contains("map=121.4737,31.2304,6"), "{link}");
        let reopened = State::starting(StartOptions {
            lang: Some(Lang::En),
            link: Some(link.clone()),
            awaits_dataset: false,
            today: None,
        });
        assert_eq!(
            health_atlas_explore::share::encode(&reopened.view_state()),
            link,
            "stable across a reload"
        );
        assert!((reopened.map.view.zoom() - 6.0).abs() < 1e-9);
    }

    /// The pinyin table comes after the first paint: a search typed before it finds
    /// characters and words, and runs again when it arrives (initials of 长春 then match).
    #[test]
    fn a_search_typed_before_the_pinyin_table_runs_again_when_it_arrives() {
        let state = Rc::new(State::initial(Lang::En));
        let early = health_atlas_search::with_pinyin_table_hidden(|| {
            let characters = Rc::clone(&state).reduce(Action::SetSearchText("长春".into()));
            assert!(characters.selection().visible_count() > 0);
            state.reduce(Action::SetSearchText("cc".into()))
        });
        let before = early.selection().visible_count();
        let arrived = Rc::clone(&early).reduce(Action::PinyinTableLoaded);
        assert!(arrived.selection().visible_count() > before, "{before}");
        // Without a search there is nothing to run again.
        let cleared = arrived.reduce(Action::ClearFilters);
        let same = Rc::clone(&cleared).reduce(Action::PinyinTableLoaded);
        assert!(Rc::ptr_eq(&cleared, &same));
    }

    /// The built-in basemap arrives after the first paint, and stays with the next dataset.
    #[test]
    fn the_built_in_basemap_arrives_later_and_outlives_the_dataset() {
        let state = Rc::new(State::initial(Lang::En));
        assert_eq!(state.map.shipped, ShippedBasemap::Loading);
        let basemap = Shared::new(health_atlas_basemap::Basemap::default());
        let arrived = state.reduce(Action::Map(MapAction::ShippedBasemap(ShippedBasemap::Loaded(
            basemap.clone(),
        ))));
        let loaded = load(arrived, "g.json", health_atlas_model::generate::generate(3, 1));
        assert_eq!(loaded.map.shipped, ShippedBasemap::Loaded(basemap));
        let failed = ShippedBasemap::Failed {
            url: "https://example.org/atlas/basemap/world.topo.json".into(),
            errors: vec![LoadError::Status {
                status: 404,
                text: "Not Found".into(),
            }]
            .into(),
        };
        let failed_state = loaded.reduce(Action::Map(MapAction::ShippedBasemap(failed.clone())));
        assert_eq!(failed_state.map.shipped, failed);
    }
}
