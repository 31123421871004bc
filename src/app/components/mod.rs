//! Small function components, each a view over the app state.

mod add_to_calendar;
mod copy_link;
mod delegation;
mod detail_card;
mod embed_button;
mod event_list;
mod filter_panel;
mod header;
mod localized;
mod map;
mod marker;
mod overview;
mod pending_region;
mod subscribe_menu;
mod timeline;
mod tool_button;
mod upcoming;
mod workspace;

pub use detail_card::DetailCard;
pub use embed_button::EmbedButton;
pub use event_list::EventList;
pub use filter_panel::FilterPanel;
pub use header::Header;
pub use localized::Localized;
pub use map::Map;
pub use marker::category_shape;
pub use pending_region::PendingRegion;
pub use subscribe_menu::SubscribeMenu;
pub use timeline::Timeline;
pub use upcoming::Upcoming;
pub use workspace::{Layout, Workspace};

use yew::prelude::*;

use super::context::AppContext;

/// Props carrying the whole state to a view that re-renders only when the parts it reads
/// change. Every component reading the context re-renders on every change (a wheel step on
/// the timeline included), so the heavy views (list, filters, card) sit behind this: a thin
/// context-reading wrapper passes the state on with a snapshot of the parts that count.
/// (The handle itself cannot be compared: old and new props both read the latest state.)
#[derive(Properties)]
pub struct StateView<D: Dependencies> {
    pub state: AppContext,
    pub dependencies: D,
}

/// A snapshot of the parts of the state a view reads: only changes to these re-render it.
/// A view must not read anything else from the state, or it would show stale values.
pub trait Dependencies: PartialEq + 'static {
    fn of(state: &crate::app::state::State) -> Self;
}

impl<D: Dependencies> PartialEq for StateView<D> {
    fn eq(&self, other: &StateView<D>) -> bool {
        self.dependencies == other.dependencies
    }
}
