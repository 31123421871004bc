//! Story mode's part of the app state and its sub-reducer: [`StoryState::apply`] is the one
//! place the story being read and its step change. Where a step takes the timeline and the map
//! (`step_window`, `step_view`), which events it highlights (`focus`: its ids and what its
//! filter finds), the route its places make (`route`) and how the views move there
//! ([`StoryMove`]) are plain functions of the catalog, tested natively.

use fixedbitset::FixedBitSet;

use super::map::{event_positions, fit_view, MAP_ZOOM_LIMITS};
use super::timeline::fit_window;
use health_atlas_explore::query::Catalog;
use health_atlas_explore::share::step_events;
use health_atlas_explore::time::{day_number, TimeWindow, TimelineIndex};
use health_atlas_geo::{LonLat, MapView, StoryRoute, Viewport};
use health_atlas_model::{Story, StoryStep};

/// The story being read, if any, and where: `step` 0 is its title card, 1 its first step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryState {
    pub reading: Option<Reading>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub story: Story,
    pub step: usize,
}

impl Reading {
    /// The step shown, `None` on the title card.
    pub fn current_step(&self) -> Option<&StoryStep> {
        self.step.checked_sub(1).and_then(|index| self.story.steps.get(index))
    }

    pub fn steps(&self) -> usize {
        self.story.steps.len()
    }
}

/// What the reader does in a story.
#[derive(Clone, Debug, PartialEq)]
pub enum StoryAction {
    /// Open the dataset's story `id` at `step` (past the last step: the last one). An unknown
    /// id changes nothing.
    Open {
        id: String,
        step: usize,
    },
    /// Open a story that is not in the dataset ("play these events as a story").
    Play(Story),
    Next,
    Back,
    /// Home: the title card.
    First,
    /// End: the last step.
    Last,
    /// Escape: back to exploring.
    Leave,
}

impl StoryState {
    /// The next story state after `action`, with the dataset's `stories`. A no-op gives an
    /// equal value (the caller keeps its state).
    pub fn apply(&self, action: StoryAction, stories: &[Story]) -> StoryState {
        let at = |story: Story, step: usize| {
            let step = step.min(story.steps.len());
            StoryState {
                reading: Some(Reading { story, step }),
            }
        };
        let current = self.reading.as_ref();
        match (action, current) {
            (StoryAction::Open { id, step }, _) => match stories.iter().find(|story| story.id == id) {
                Some(story) => at(story.clone(), step),
                None => self.clone(),
            },
            (StoryAction::Play(story), _) => at(story, 0),
            (StoryAction::Leave, _) => StoryState::default(),
            (_, None) => self.clone(),
            (StoryAction::Next, Some(reading)) => at(reading.story.clone(), reading.step + 1),
            (StoryAction::Back, Some(reading)) => at(reading.story.clone(), reading.step.saturating_sub(1)),
            (StoryAction::First, Some(reading)) => at(reading.story.clone(), 0),
            (StoryAction::Last, Some(reading)) => at(reading.story.clone(), reading.steps()),
        }
    }

    /// The catalog positions of the events the reader's place in the story is about: the
    /// step's events, or on the title card every event of the story. `None` outside a story.
    pub fn focus(&self, catalog: &Catalog) -> Option<FixedBitSet> {
        let reading = self.reading.as_ref()?;
        let steps: Vec<&StoryStep> = match reading.current_step() {
            Some(step) => vec![step],
            None => reading.story.steps.iter().collect(),
        };
        let mut focus = FixedBitSet::with_capacity(catalog.events().len());
        for step in steps {
            focus.union_with(&step_events(step, catalog));
        }
        Some(focus)
    }

    /// The story's route on the map: a stop per step with a place (each event counted at its
    /// first place), in step order. `None` outside a story.
    pub fn route(&self, catalog: &Catalog) -> Option<StoryRoute> {
        let reading = self.reading.as_ref()?;
        let places: Vec<Vec<LonLat>> = reading
            .story
            .steps
            .iter()
            .map(|step| {
                step_events(step, catalog)
                    .ones()
                    .filter_map(|position| event_positions(catalog.events().get(position)?).next())
                    .collect()
            })
            .collect();
        Some(StoryRoute::new(&places))
    }

    /// Where the timeline goes for the reader's place: the step's own window, or fitted to
    /// the events in `focus`.
    pub fn step_window(&self, index: &TimelineIndex, focus: &FixedBitSet) -> Option<TimeWindow> {
        let reading = self.reading.as_ref()?;
        let own = reading
            .current_step()
            .and_then(|step| step.window)
            .and_then(|window| TimeWindow::new(day_number(window.start), day_number(window.end) + 1.0));
        Some(own.unwrap_or_else(|| fit_window(index, |event| focus.contains(event))))
    }

    /// Where the map goes: the step's own view, or fitted to the places of the events in
    /// `focus` (`None` when they have none: the map stays where it is).
    pub fn step_view(&self, catalog: &Catalog, focus: &FixedBitSet, viewport: Viewport) -> Option<MapView> {
        let reading = self.reading.as_ref()?;
        match reading.current_step().and_then(|step| step.view) {
            Some(view) => Some(MapView::new(
                LonLat::new(view.lon, view.lat),
                view.zoom,
                MAP_ZOOM_LIMITS,
            )),
            None => fit_view(catalog.events(), |event| focus.contains(event), viewport),
        }
    }
}

/// How long the timeline and the map take to move to a step: long enough to follow where
/// they go, short enough not to hold up a reader pressing → again.
pub const STORY_MOVE_MS: f64 = 500.0;

/// The timeline and the map on their way to a step, from where they were when it was asked
/// for (in the middle of another move, where that move had got to).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StoryMove {
    /// Tells a move from the one after it: frames of a move already replaced are dropped.
    pub generation: u32,
    pub from_window: TimeWindow,
    pub to_window: TimeWindow,
    pub from_view: MapView,
    /// `None` when the step has no place: the map stays where it is.
    pub to_view: Option<MapView>,
}

impl StoryMove {
    /// Where the timeline and the map are `elapsed_ms` into the move, and whether it is over
    /// (then exactly at the step's window and view).
    pub fn at(&self, elapsed_ms: f64) -> (TimeWindow, Option<MapView>, bool) {
        let progress = if elapsed_ms.is_finite() {
            (elapsed_ms / STORY_MOVE_MS).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let eased = ease_in_out(progress);
        let view = self
            .to_view
            .map(|to| self.from_view.towards(to, eased, MAP_ZOOM_LIMITS));
        (self.from_window.towards(self.to_window, eased), view, progress >= 1.0)
    }
}

/// Cubic ease-in-out: the views start and arrive gently, as a camera would.
pub fn ease_in_out(progress: f64) -> f64 {
    if progress < 0.5 {
        4.0 * progress.powi(3)
    } else {
        1.0 - (2.0 - 2.0 * progress).powi(3) / 2.0
    }
}

/// "Play these events as a story": one step per event of `events` (catalog positions, in the
/// order given: the list's chronological order), its text the event's title.
pub fn story_of_events(catalog: &Catalog, events: &[usize], title: health_atlas_model::LocalizedText) -> Story {
    Story {
        id: String::new(),
        title,
        summary: Default::default(),
        steps: events
            .iter()
            .filter_map(|&position| catalog.events().get(position))
            .map(|event| StoryStep {
                narrative: escaped(&event.title),
                events: vec![event.id.clone()],
                filter: None,
                quotes: Vec::new(),
                window: None,
                view: None,
            })
            .collect(),
    }
}

/// A title as narrative text: its markup characters escaped, so they show as themselves.
fn escaped(text: &health_atlas_model::LocalizedText) -> health_atlas_model::LocalizedText {
    let escape = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for character in text.chars() {
            if matches!(character, '*' | '[' | ']' | '(' | ')' | '\\') {
                out.push('\\');
            }
            out.push(character);
        }
        out
    };
    health_atlas_model::LocalizedText {
        en: escape(&text.en),
        zh: escape(&text.zh),
        fr: escape(&text.fr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_dataset::embedded_dataset;
    use health_atlas_model::story::{plain_text, StepView, StepWindow};

    fn catalog() -> Catalog {
        Catalog::new(embedded_dataset().unwrap())
    }

    fn open(id: &str, step: usize) -> StoryState {
        StoryState::default().apply(
            StoryAction::Open { id: id.into(), step },
            &embedded_dataset().unwrap().stories,
        )
    }

    #[test]
    fn moving_through_a_story_stops_at_its_ends() {
        let stories = embedded_dataset().unwrap().stories;
        let step = |state: &StoryState| state.reading.as_ref().map(|reading| reading.step);
        let title_card = open("tbhc-2023-story", 0);
        assert_eq!(step(&title_card), Some(0));
        assert_eq!(title_card.apply(StoryAction::Back, &stories), title_card);
        let first = title_card.apply(StoryAction::Next, &stories);
        assert_eq!(step(&first), Some(1));
        let last = first.apply(StoryAction::Last, &stories);
        assert_eq!(step(&last), Some(4));
        assert_eq!(last.apply(StoryAction::Next, &stories), last);
        assert_eq!(step(&last.apply(StoryAction::First, &stories)), Some(0));
        assert_eq!(step(&last.apply(StoryAction::Back, &stories)), Some(3));
        assert_eq!(last.apply(StoryAction::Leave, &stories), StoryState::default());
        // A link past the end opens the last step; an unknown story changes nothing.
        assert_eq!(step(&open("tbhc-2023-story", 99)), Some(4));
        assert_eq!(open("nowhere", 1), StoryState::default());
        // Outside a story, moving does nothing.
        assert_eq!(
            StoryState::default().apply(StoryAction::Next, &stories),
            StoryState::default()
        );
    }

    #[test]
    fn a_step_focuses_its_events_and_the_title_card_all_of_the_story() {
        let catalog = catalog();
        let ids = |focus: FixedBitSet| -> Vec<String> {
            focus
                .ones()
                .map(|position| catalog.events()[position].id.clone())
                .collect()
        };
        assert_eq!(
            ids(open("tbhc-2023-story", 3).focus(&catalog).unwrap()),
            ["tbhc-2023-signings"]
        );
        assert_eq!(ids(open("aiia-three-days-2024", 0).focus(&catalog).unwrap()).len(), 4);
        assert_eq!(StoryState::default().focus(&catalog), None);
    }

    #[test]
    fn a_step_without_its_own_window_and_view_is_fitted_to_its_events() {
        let catalog = catalog();
        let index = TimelineIndex::new(catalog.events());
        let viewport = Viewport::new(800.0, 600.0);
        let state = open("aiia-three-days-2024", 2);
        let focus = state.focus(&catalog).unwrap();
        let window = state.step_window(&index, &focus).unwrap();
        // 22 March 2024 is inside, with a margin; a year earlier is not.
        let day = |text: &str| day_number(text.parse().unwrap());
        assert!(window.start() < day("2024-03-22") && window.end() > day("2024-03-23"));
        assert!(window.start() > day("2023-03-22"));
        // The cell centre's one place: the map is centred on it.
        let view = state.step_view(&catalog, &focus, viewport).unwrap();
        assert!((view.center().lat - 30.0679).abs() < 0.01, "{view:?}");
        // SporcLand has no place: the map does not move.
        let placeless = open("aiia-three-days-2024", 4);
        assert_eq!(
            placeless.step_view(&catalog, &placeless.focus(&catalog).unwrap(), viewport),
            None
        );
    }

    #[test]
    fn a_steps_own_window_and_view_win_over_fitting() {
        let catalog = catalog();
        let mut dataset = embedded_dataset().unwrap();
        let step = &mut dataset.stories[1].steps[0];
        step.window = Some(StepWindow {
            start: "2023-01-01".parse().unwrap(),
            end: "2023-12-31".parse().unwrap(),
        });
        step.view = Some(StepView {
            lat: 31.0,
            lon: 120.0,
            zoom: 6.0,
        });
        let id = dataset.stories[1].id.clone();
        let state = StoryState::default().apply(StoryAction::Open { id, step: 1 }, &dataset.stories);
        let focus = state.focus(&catalog).unwrap();
        let window = state
            .step_window(&TimelineIndex::new(catalog.events()), &focus)
            .unwrap();
        assert_eq!(
            window.days(),
            Some(("2023-01-01".parse().unwrap(), "2023-12-31".parse().unwrap()))
        );
        let view = state.step_view(&catalog, &focus, Viewport::new(800.0, 600.0)).unwrap();
        assert_eq!((view.center().lat, view.center().lon, view.zoom()), (31.0, 120.0, 6.0));
    }

    #[test]
    fn a_steps_filter_is_focused_with_its_ids() {
        let mut dataset = embedded_dataset().unwrap();
        let step = &mut dataset.stories[1].steps[2];
        step.events = vec!["tbhc-2023".into()];
        step.filter = Some("cat=signing&from=2023-05-18&to=2023-05-18".into());
        let catalog = Catalog::new(dataset.clone());
        let state = StoryState::default().apply(
            StoryAction::Open {
                id: dataset.stories[1].id.clone(),
                step: 3,
            },
            &dataset.stories,
        );
        let mut ids: Vec<&str> = state
            .focus(&catalog)
            .unwrap()
            .ones()
            .map(|position| catalog.events()[position].id.as_str())
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, ["tbhc-2023", "tbhc-2023-signings"]);
    }

    #[test]
    fn the_route_joins_the_places_of_the_cooperation_story_in_step_order() {
        let catalog = catalog();
        let state = open("cooperation-2017-2024", 2);
        let route = state.route(&catalog).unwrap();
        assert_eq!(route.stops().len(), 4, "{route:?}");
        // Step 2 (the Taihu Bay conference, Wuxi) is reached from step 1 (Zhangjiang, Shanghai).
        let leg = route.leg_into(2).unwrap();
        assert_eq!((leg.from.step, leg.to.step), (1, 2));
        assert!((leg.to.position.lon - 120.3).abs() < 0.5, "{leg:?}");
        assert!(
            leg.from.position.lon > leg.to.position.lon,
            "Shanghai is east of Wuxi: {leg:?}"
        );
        assert_eq!(route.leg_into(1), None, "the first step has no leg");
        // SporcLand has no place: the AIIA story's last step has no leg into it.
        let aiia = open("aiia-three-days-2024", 4).route(&catalog).unwrap();
        assert_eq!(aiia.leg_into(4), None);
        assert_eq!(StoryState::default().route(&catalog), None);
    }

    #[test]
    fn a_move_eases_from_where_the_views_were_to_the_step() {
        let from_window = TimeWindow::around(1000.0, 400.0);
        let to_window = TimeWindow::around(2000.0, 40.0);
        let from_view = MapView::new(LonLat::new(0.0, 0.0), 2.0, MAP_ZOOM_LIMITS);
        let to_view = MapView::new(LonLat::new(120.0, 31.0), 8.0, MAP_ZOOM_LIMITS);
        let moving = StoryMove {
            generation: 1,
            from_window,
            to_window,
            from_view,
            to_view: Some(to_view),
        };
        assert_eq!(moving.at(0.0), (from_window, Some(from_view), false));
        assert_eq!(moving.at(STORY_MOVE_MS), (to_window, Some(to_view), true));
        assert_eq!(moving.at(f64::NAN), (to_window, Some(to_view), true));
        let (window, view, done) = moving.at(STORY_MOVE_MS / 2.0);
        assert!(!done);
        assert!(window != from_window && window != to_window);
        assert!(
            (window.centre() - 1500.0).abs() < 1e-6,
            "halfway, eased symmetrically: {window:?}"
        );
        assert!((view.unwrap().zoom() - 5.0).abs() < 1e-9);
        // Gentle at both ends, quicker in the middle.
        assert!(ease_in_out(0.1) < 0.1 && ease_in_out(0.9) > 0.9 && ease_in_out(0.5) == 0.5);
        let mut previous = 0.0;
        for step in 1..=100 {
            let eased = ease_in_out(f64::from(step) / 100.0);
            assert!(eased >= previous && eased <= 1.0);
            previous = eased;
        }
        // A step without a place leaves the map where it is.
        let still = StoryMove {
            to_view: None,
            ..moving
        };
        assert_eq!(still.at(100.0).1, None);
    }

    #[test]
    fn the_events_shown_play_as_a_story_in_their_order() {
        let catalog = catalog();
        let mut title = catalog.events()[0].title.clone();
        title.en = "A *starred* [title]".into();
        let mut dataset = embedded_dataset().unwrap();
        dataset.events[0].title = title;
        let catalog = Catalog::new(dataset);
        let story = story_of_events(&catalog, &[2, 0], Default::default());
        assert_eq!(story.steps.len(), 2);
        assert_eq!(story.steps[0].events, [catalog.events()[2].id.clone()]);
        assert_eq!(plain_text(&story.steps[1].narrative.en), "A *starred* [title]");
        let played = StoryState::default().apply(StoryAction::Play(story), &[]);
        assert_eq!(played.reading.unwrap().step, 0);
    }
}
