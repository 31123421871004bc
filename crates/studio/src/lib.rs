//! The studio: a page where a maintainer opens the events (JSON, CSV, an Excel or ODS
//! workbook), sees every problem the validator finds, edits events in a form, previews the
//! atlas with them and saves them, with no toolchain.
//!
//! Plain Rust below `view`: [`document`] (opening files into a dataset), [`fields`] (one
//! form field of an event: read, write, check), [`story_fields`] (the same for a story's
//! words), [`history`] (undo and redo), [`state`] (the one state and its reducer). They never touch the browser and are tested natively. `view`
//! is the Yew page over them and the only module that talks to the browser.

pub mod document;
pub mod fields;
pub mod history;
pub mod state;
pub mod story_fields;
pub mod view;
