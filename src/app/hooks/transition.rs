//! Animated moves: a timeline button's zoom or fit eases to its window, and a story's step
//! moves the timeline and the map together (the state's `StoryMove`, played here frame by
//! frame); both only when the reader has not asked for reduced motion.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

use crate::app::state::{Action, State, TimelineAction, STORY_MOVE_MS};
use health_atlas_explore::time::TimeWindow;

/// How long a button's zoom or fit takes to play out.
const TRANSITION_MS: f64 = 240.0;

/// Where a transition goes: a window, or a zoom relative to where the view is heading (so
/// three quick presses of + zoom three times, not once).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Transition {
    To(TimeWindow),
    Zoom(f64),
}

/// Moves the timeline to a window smoothly (ease-out over [`TRANSITION_MS`]), or at once
/// when the reader asks for reduced motion. Direct manipulation (wheel, drag, keys that pan)
/// never animates: it must follow the hand.
#[hook]
pub fn use_window_transition(window: TimeWindow, dispatcher: UseReducerDispatcher<State>) -> Callback<Transition> {
    let frame = use_mut_ref(|| None::<AnimationFrame>);
    let destination = use_mut_ref(|| None::<TimeWindow>);
    // The window being shown, read each frame: the state handle captured by a callback
    // would keep the window of the render that made it.
    let shown = use_mut_ref(|| window);
    *shown.borrow_mut() = window;
    // Anything else moving the window (a wheel, a selection revealing an event) wins over
    // a transition still playing: it stops rather than dragging the view back.
    let last_step = use_mut_ref(|| None::<TimeWindow>);
    if destination.borrow().is_some() && *last_step.borrow() != Some(window) {
        frame.borrow_mut().take();
        *destination.borrow_mut() = None;
    }
    Callback::from(move |transition: Transition| {
        frame.borrow_mut().take();
        let from = *shown.borrow();
        let target = match transition {
            Transition::To(window) => window,
            Transition::Zoom(factor) => destination.borrow().unwrap_or(from).zoomed(factor, 0.5),
        };
        if prefers_reduced_motion() || from == target {
            *destination.borrow_mut() = None;
            dispatcher.dispatch(Action::Timeline(TimelineAction::SetWindow(target)));
            return;
        }
        *destination.borrow_mut() = Some(target);
        *last_step.borrow_mut() = Some(from);
        let started = js_sys::Date::now();
        let steps = TransitionSteps {
            frame: Rc::clone(&frame),
            destination: Rc::clone(&destination),
            last_step: Rc::clone(&last_step),
            dispatcher: dispatcher.clone(),
            from,
            started,
        };
        step_transition(steps);
    })
}

/// What each frame of a transition needs.
#[derive(Clone)]
struct TransitionSteps {
    frame: Rc<RefCell<Option<AnimationFrame>>>,
    destination: Rc<RefCell<Option<TimeWindow>>>,
    /// The window the last frame asked for: a different one in the state means someone else moved it.
    last_step: Rc<RefCell<Option<TimeWindow>>>,
    dispatcher: UseReducerDispatcher<State>,
    from: TimeWindow,
    started: f64,
}

fn step_transition(steps: TransitionSteps) {
    let frame = Rc::clone(&steps.frame);
    *frame.borrow_mut() = Some(request_animation_frame(move |_| {
        let Some(target) = *steps.destination.borrow() else {
            return;
        };
        let progress = ((js_sys::Date::now() - steps.started) / TRANSITION_MS).min(1.0);
        let eased = 1.0 - (1.0 - progress).powi(3);
        let window = steps.from.towards(target, eased);
        *steps.last_step.borrow_mut() = Some(window);
        steps
            .dispatcher
            .dispatch(Action::Timeline(TimelineAction::SetWindow(window)));
        if progress < 1.0 {
            step_transition(steps.clone());
        } else {
            *steps.destination.borrow_mut() = None;
        }
    }));
}

/// Plays the story move `generation` (the state's `story_move`): one `Action::StoryFrame` per
/// animation frame with the time since it began, the last one at or past its end. A new move
/// stops this one's frames (the state starts it from where this one had got to).
#[hook]
pub fn use_story_move(generation: Option<u32>, dispatcher: UseReducerDispatcher<State>) {
    let frame = use_mut_ref(|| None::<AnimationFrame>);
    use_effect_with(generation, move |&generation| {
        if let Some(generation) = generation {
            play_story_move(Rc::clone(&frame), dispatcher, generation, js_sys::Date::now());
        }
        // A new move, the end of this one or the app leaving the page stops its frames.
        move || drop(frame.borrow_mut().take())
    });
}

fn play_story_move(
    frame: Rc<RefCell<Option<AnimationFrame>>>,
    dispatcher: UseReducerDispatcher<State>,
    generation: u32,
    started: f64,
) {
    let next = Rc::clone(&frame);
    *frame.borrow_mut() = Some(request_animation_frame(move |_| {
        let elapsed_ms = js_sys::Date::now() - started;
        dispatcher.dispatch(Action::StoryFrame { generation, elapsed_ms });
        if elapsed_ms < STORY_MOVE_MS {
            play_story_move(next, dispatcher, generation, started);
        }
    }));
}

/// Tells the state whether story moves may animate: not when the reader prefers reduced
/// motion, asked once the app is up and again whenever the preference changes.
#[hook]
pub fn use_motion_preference(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        let query = web_sys::window().and_then(|window| window.match_media(REDUCED_MOTION).ok().flatten());
        let tell = move |reduce: bool| dispatcher.dispatch(Action::AnimateStoryMoves(!reduce));
        tell(query.as_ref().is_some_and(|query| query.matches()));
        let listener = query.map(|query| {
            let target = query.clone();
            gloo::events::EventListener::new(&target, "change", move |_| tell(query.matches()))
        });
        move || drop(listener)
    });
}

const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media(REDUCED_MOTION).ok().flatten())
        .is_some_and(|query| query.matches())
}
