//! The handle to the one app state, as the shell provides it to the components through
//! Yew's context. Its own module, so that the shell and the components both depend on it
//! instead of on each other.

use yew::prelude::*;

use super::state::State;

/// The state handle: read the state, dispatch `Action`s.
pub type AppContext = UseReducerHandle<State>;
