//! Every custom hook of the app, in one place: what a component needs from the browser
//! (sizes, the wheel, the clipboard, focus, animation frames) and what the shell needs from
//! its surroundings (the address bar, an element host). Components call them; nothing here
//! renders.

mod address_bar;
mod card_focus;
mod copy;
mod drawer;
mod host;
mod transition;
mod wheel;
mod width;

pub use address_bar::{current_fragment, use_link_in_address_bar};
pub use card_focus::use_card_focus;
pub use copy::{use_copy, Copied};
pub use drawer::{focus, use_drawer, Drawer};
pub use host::{use_host_reports, use_prop_changes};
pub use transition::{use_motion_preference, use_story_move, use_window_transition, Transition};
pub use wheel::{use_wheel, WheelStep};
pub use width::use_width;

use yew::prelude::*;

use super::context::AppContext;

/// The app state from context. Every component below `App` has it; only the thin wrappers
/// that take a view's snapshot (and the shell's own parts) call it.
#[hook]
pub fn use_app_state() -> AppContext {
    use_context::<AppContext>().expect("components render inside App") // ok: provided by App
}
