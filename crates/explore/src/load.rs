//! Why a dataset or basemap fetched at run time was not used, as typed values: the app's
//! loader makes them and keeps them in its state, and the views write them out through
//! `i18n::load_error_text` in the reader's language, when they render, so switching the
//! language translates an error already on screen. Paths, lines and serde's own details
//! stay as they are.

use health_atlas_basemap::BasemapError;
use health_atlas_model::trust::Refusal;
use health_atlas_model::DatasetError;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The page's link named a source the page does not trust.
    Refused(Refusal),
    /// The request did not complete (network, CORS); `detail` is the browser's message.
    RequestFailed {
        detail: String,
    },
    /// The server answered with an error status.
    Status {
        status: u16,
        text: String,
    },
    /// The file is larger than the cap (bytes).
    TooLarge {
        limit: u64,
    },
    /// The fetch took longer than the cap (seconds).
    TimedOut {
        seconds: u32,
    },
    /// The body could not be read; `detail` is the browser's message.
    Unreadable {
        detail: String,
    },
    /// The file is not UTF-8: the first `valid_up_to` bytes are.
    NotUtf8 {
        valid_up_to: usize,
    },
    Dataset(DatasetError),
    Basemap(BasemapError),
    /// Problems left out of the list (`limits::MAX_NOTES_SHOWN` are shown).
    More {
        count: usize,
    },
}

/// The first `limit` errors, then a count of the rest.
pub fn shown_errors(errors: impl ExactSizeIterator<Item = LoadError>, limit: usize) -> Vec<LoadError> {
    let total = errors.len();
    let mut shown: Vec<LoadError> = errors.take(limit).collect();
    if total > limit {
        shown.push(LoadError::More { count: total - limit });
    }
    shown
}
