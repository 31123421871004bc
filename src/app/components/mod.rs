//! Small function components, each a view over the app state.

mod detail_card;
mod event_list;
mod filter_panel;
mod header;
mod localized;
mod marker;
mod measure;
mod overview;
mod pending_region;
mod timeline;

pub use detail_card::DetailCard;
pub use event_list::EventList;
pub use filter_panel::FilterPanel;
pub use header::Header;
pub use localized::Localized;
pub use marker::category_shape;
pub use pending_region::PendingRegion;
pub use timeline::Timeline;

use yew::prelude::*;

use super::shell::AppContext;

/// The app state from context. Every component below `App` has it.
#[hook]
pub fn use_app_state() -> AppContext {
    // ok: App always provides the context before rendering any component.
    use_context::<AppContext>().expect("components render inside App") // ok: provided by App
}
