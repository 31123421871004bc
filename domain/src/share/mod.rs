//! Sharing and taking away: the view as a link ([`url_state`]) and the visible events as
//! CSV, JSON or iCalendar files ([`export`]).
//!
//! Plain Rust, tested natively: it never touches `web_sys`, `gloo` or `yew`. Reading and
//! writing `location.hash`, the history and downloads belong to the app; this module only
//! turns state into text and text back into state.

pub mod export;
pub mod url_state;

pub use export::{dataset_of, export, export_file_name, ExportFormat};
pub use url_state::{
    decode, drop_unknown, drop_unknown_in_catalog, encode, history_kind, ActiveView, Decoded, HistoryEntry,
    IgnoreReason, IgnoredPart, MapView, ViewState, URL_VERSION,
};
