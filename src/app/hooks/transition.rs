//! The timeline's animated moves: a button's zoom or fit eases to its window.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

use crate::app::state::{Action, State, TimelineAction};
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

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|query| query.matches())
}
