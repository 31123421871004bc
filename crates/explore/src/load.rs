//! Why a dataset or basemap fetched at run time was not used, as typed values: the app's
//! loader makes them and keeps them in its state, and the views write them out through
//! `i18n::load_error_text` in the reader's language, when they render, so switching the
//! language translates an error already on screen. Paths, lines and serde's own details
//! stay as they are.

use health_atlas_basemap::BasemapError;
use health_atlas_model::trust::Refusal;
use health_atlas_model::{Lang, LocalizedText};

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
    Basemap(BasemapError),
    /// Problems left out of the list (`limits::MAX_NOTES_SHOWN` are shown).
    More {
        count: usize,
    },
    /// A problem already put into words in each language by the reader that located it: the
    /// app's first render reads a dataset with the fast reader alone, and the later module
    /// lists a refused file's problems ([`described_problems`]).
    Described(LocalizedText),
    /// The file has problems, but their list could not be made: the later module, which
    /// locates them, did not load (`detail`: the browser's reason).
    ProblemsNotListed {
        detail: String,
    },
    /// The built-in dataset does not pass the checks: only in a build that skipped the
    /// dataset crate's `build.rs`.
    BuiltinInvalid,
}

/// The problems of a dataset text as the app lists them (located, the first
/// `MAX_NOTES_SHOWN` then a count of the rest), each in English, Chinese and French: what the
/// later module sends back for a file the app's fast reader refused
/// (`model::validate::read_checked`). Empty for a valid text (the two readers accept the same).
/// Put into words here, not in the app: the app's wasm then carries neither the located
/// reader nor the texts of the dataset's problems.
pub fn described_problems(text: &str) -> Vec<LocalizedText> {
    use crate::i18n::{dataset_error_text, load_error_text};
    use health_atlas_model::limits::{MAX_EVENTS, MAX_NOTES_SHOWN};
    let in_each = |text: &dyn Fn(Lang) -> String| LocalizedText {
        en: text(Lang::En),
        zh: text(Lang::Zh),
        fr: text(Lang::Fr),
    };
    let Err(errors) = crate::share::parse_dataset_checked(text, MAX_EVENTS) else {
        return Vec::new();
    };
    let mut described: Vec<LocalizedText> = errors
        .iter()
        .take(MAX_NOTES_SHOWN)
        .map(|error| in_each(&|lang| dataset_error_text(error, lang)))
        .collect();
    if errors.len() > MAX_NOTES_SHOWN {
        let more = LoadError::More {
            count: errors.len() - MAX_NOTES_SHOWN,
        };
        described.push(in_each(&|lang| load_error_text(&more, lang)));
    }
    described
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::load_error_text;

    #[test]
    fn a_refused_file_gets_its_located_problems_in_three_languages() {
        let text = "{\"schema_version\": 1,\n \"events\": [{\"id\": \"Bad Id\"}]}";
        assert_eq!(
            health_atlas_model::validate::read_checked(text, usize::MAX, |_| Vec::new()),
            Err(health_atlas_model::validate::HasProblems)
        );
        let described = described_problems(text);
        assert!(!described.is_empty());
        let first = &described[0];
        assert!(first.en.starts_with("events[0]"), "{}", first.en);
        assert!(first.en.contains("line 2"), "{}", first.en);
        assert_ne!(first.zh, first.en);
        assert_ne!(first.fr, first.en);
        // Shown as it came, in the reader's language.
        assert_eq!(
            load_error_text(&LoadError::Described(first.clone()), Lang::Zh),
            first.zh
        );
    }

    #[test]
    fn a_long_list_is_cut_with_a_count_and_a_valid_text_has_none() {
        use health_atlas_model::limits::MAX_NOTES_SHOWN;
        let events: Vec<String> = (0..MAX_NOTES_SHOWN + 5)
            .map(|n| format!("{{\"id\": \"Bad {n}\"}}"))
            .collect();
        let text = format!("{{\"schema_version\": 1, \"events\": [{}]}}", events.join(","));
        let described = described_problems(&text);
        assert_eq!(described.len(), MAX_NOTES_SHOWN + 1);
        assert!(described.last().unwrap().en.contains("more"), "{:?}", described.last());
        assert!(described_problems(health_atlas_dataset::EMBEDDED_JSON).is_empty());
    }
}
