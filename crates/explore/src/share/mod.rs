//! Sharing and taking away: the view as a link ([`url_state`]) and the visible events as
//! CSV, JSON or iCalendar files ([`export`]), and the whole dataset as subscribable
//! calendar and Atom feeds ([`feeds`]); what an embed's attributes ask for ([`embed_options`]);
//! a story step's events given as a filter in the link format ([`step_filter`]).
//!
//! Plain Rust, tested natively: it never touches `web_sys`, `gloo` or `yew`. Reading and
//! writing `location.hash`, the history and downloads belong to the app; this module only
//! turns state into text and text back into state.

pub mod embed_options;
pub mod export;
pub mod feeds;
mod notes;
pub mod step_filter;
pub mod url_state;

pub use export::{dataset_of, export, export_file_name, icalendar, CalendarFeed, CalendarOptions, ExportFormat};
pub use feeds::{
    atlas_link, atom_file_name, calendar_file_name, feed_links, webcal_url, FeedFile, FeedLinks, FeedOptions,
};
pub use notes::ignored_part_text;
pub use step_filter::{check_step_filters, parse_dataset_checked, read_step_filter, step_events, validate_checked};
pub use url_state::{
    decode, drop_unknown, drop_unknown_in_catalog, encode, history_kind, ActiveView, Decoded, HistoryEntry,
    IgnoreReason, IgnoredPart, MapView, StoryLink, ViewState, URL_VERSION,
};
