//! The caps on outside input, in one table: a dataset or basemap named in a link, the link
//! itself and the search box are untrusted, and every instance on a page shares one wasm
//! memory, so each input gets a bound on what it may cost. docs/security.md lists the same
//! values; a value past a cap gets a translated message and the data on screen stays.

/// The largest dataset file fetched (bytes). A generated 100,000-event file is about 87 MB.
pub const MAX_DATASET_BYTES: u64 = 128 * 1024 * 1024;
/// The most events a fetched dataset may hold.
pub const MAX_EVENTS: usize = 200_000;
/// The largest basemap file fetched (bytes).
pub const MAX_BASEMAP_BYTES: u64 = 16 * 1024 * 1024;
/// How long a dataset or basemap fetch may take, headers and body together.
pub const FETCH_TIMEOUT_SECONDS: u32 = 60;
/// The longest link fragment read (bytes, as the browser reports it, percent-escapes
/// included); a longer one is not read at all.
pub const MAX_LINK_BYTES: usize = 16 * 1024;
/// The most facet values a link may select, all facets together; the rest are ignored.
pub const MAX_LINK_FACET_VALUES: usize = 200;
/// The most characters of a link part quoted back to the reader in a note.
pub const MAX_ECHOED_CHARS: usize = 24;
/// The most problems or link notes listed; the rest are counted.
pub const MAX_NOTES_SHOWN: usize = 10;
// The most search terms a query uses is `health_atlas_search::MAX_SEARCH_TERMS`, beside the
// tokenizer that applies it (the search crate depends on this one).
