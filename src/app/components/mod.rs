//! Small function components, each a view over the app state.
//!
//! A heavy view (timeline, map, list, card, filter panel, header, the arrangement) is a
//! component whose props are a snapshot of exactly the parts of the state it reads plus the
//! dispatcher (`TimelineProps::of`, `MapProps::of`, …), behind a thin public entry that takes
//! the snapshot: a wrapper component reading the context inside the arrangement (timeline,
//! map, list, filters), a plain function the shell calls with the state for what the shell
//! draws itself (header, card, stories, the arrangement; each component type costs the first
//! render its own copy of Yew's lifecycle code, docs/payload-size.md). The props derive
//! `PartialEq` over `Shared` values compared by identity, so the view re-renders exactly when
//! one of its inputs changes, and it cannot read anything else: the compiler enforces it.
//! Every component reading the context re-renders on every change (a wheel step on the
//! timeline included), as the shell does, so only the wrappers and light components do.

mod add_to_calendar;
mod copy_link;
mod delegation;
mod detail_card;
mod embed_button;
mod event_list;
mod filter_panel;
mod header;
mod insights;
mod insights_host;
mod localized;
mod map;
mod marker;
mod overview;
mod pending_region;
mod pointers;
mod story_panel;
mod subscribe_menu;
mod timeline;
mod tool_button;
mod upcoming;
mod workspace;

pub use detail_card::detail_card;
pub use embed_button::EmbedButton;
pub use event_list::EventList;
pub use filter_panel::FilterPanel;
pub use header::header;
pub use insights::{InsightsProps, InsightsView};
pub use insights_host::Insights;
pub use localized::localized;
pub use map::Map;
pub use marker::category_shape;
pub use pending_region::PendingRegion;
pub use story_panel::{story_panel, story_picker};
pub use subscribe_menu::SubscribeMenu;
pub use timeline::Timeline;
pub use upcoming::Upcoming;
pub use workspace::{workspace, Layout};
