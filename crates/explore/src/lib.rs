//! What a reader of Health Atlas sees and does, as plain Rust with no browser APIs,
//! unit-tested natively: the app's views are thin layers over it.
//!
//! A crate of its own, so nothing here can reach `web_sys`, `yew` or `gloo` (they are not
//! dependencies). Its modules depend on each other in one direction only (no cycles):
//! `share` uses `query`, `query` uses `i18n`, `i18n` uses `time` and `load`, never the reverse:
//! - [`time`]: the timeline's scale, ticks and layout;
//! - [`load`]: why a dataset or basemap fetched at run time was not used;
//! - [`i18n`]: every string of the catalog in English, Chinese and French, and the
//!   locale-aware formatting of dates and numbers;
//! - [`query`]: the catalog, filters, facets, sorting and what each facet is called;
//! - [`insights`]: the Insights view's charts (bars per period, ranked values, the
//!   network and its layout), counted with the facets' crossfilter rule;
//! - [`share`]: the view as a link (and what a link asked for that was not used), exports
//!   and feeds.

pub mod i18n;
pub mod insights;
pub mod load;
pub mod query;
pub mod share;
pub mod time;
