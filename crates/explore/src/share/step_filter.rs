//! A story step's events given as a filter in the app's link format
//! (`cat=forum&from=2023-05-01&q=Taihu`): read by the link decoder ([`decode`]), the one
//! reader of that format; checked against a dataset, a rule the model crate's validator
//! cannot apply on its own because it does not know the format ([`parse_dataset_checked`]);
//! and resolved to events by the query code ([`Catalog::select`], [`step_events`]).
//!
//! A step may name ids and a filter both: it is about the union, so a filter can gather a
//! session's events and an id add the one the filter misses.
//!
//! Plain Rust, no browser APIs.

use fixedbitset::FixedBitSet;

use super::url_state::{decode, drop_unknown_in_catalog, ActiveView, IgnoreReason, ViewState};
use crate::query::{Catalog, Filters};
use health_atlas_model::story::FilterProblem;
use health_atlas_model::{parse_dataset_with, Dataset, DatasetError, Problem, StoryStep};

/// The filters a step's `filter` text asks for, or every part that cannot be used and why
/// (the part as the author wrote it, percent-decoded).
pub fn read_step_filter(text: &str) -> Result<Filters, Vec<(String, FilterProblem)>> {
    let mut problems = Vec::new();
    // Each part on its own first, so that a problem names its own part: for a link from
    // outside the decoder counts unknown keys without quoting them (a link must not write
    // on the page), but the dataset's author needs to see which key it was.
    for part in text.split('&').filter(|part| !part.is_empty()) {
        let decoded = decode(part);
        for ignored in decoded.ignored {
            let Some(problem) = problem_of(&ignored.reason) else {
                continue;
            };
            let quoted = if ignored.part.is_empty() {
                part.to_owned()
            } else {
                ignored.part
            };
            problems.push((quoted, problem));
        }
        if is_about_a_view(&decoded.state) {
            problems.push((part.to_owned(), FilterProblem::NotAFilter));
        }
    }
    // Then as a whole, for what only shows across parts.
    let whole = decode(text);
    for ignored in whole.ignored {
        if let IgnoreReason::Repeated | IgnoreReason::ReversedRange | IgnoreReason::TooManyValues { .. } =
            ignored.reason
        {
            if let Some(problem) = problem_of(&ignored.reason) {
                problems.push((ignored.part, problem));
            }
        }
    }
    if problems.is_empty() && whole.state.filters.is_empty() {
        problems.push((text.to_owned(), FilterProblem::Empty));
    }
    if problems.is_empty() {
        Ok(whole.state.filters)
    } else {
        Err(problems)
    }
}

/// A part sets something other than filters: an event, the timeline, the map, the language,
/// the view or a story.
fn is_about_a_view(state: &ViewState) -> bool {
    state.selected_event.is_some()
        || state.timeline_window.is_some()
        || state.map_view.is_some()
        || state.lang.is_some()
        || state.active_view != ActiveView::Combined
        || state.story.is_some()
}

/// What a note of the decoder means for a step's filter; `None` for notes that are not about
/// the text (there are none today, but a new reason must not become an error by accident).
fn problem_of(reason: &IgnoreReason) -> Option<FilterProblem> {
    Some(match reason {
        IgnoreReason::UnknownKeys { .. } => FilterProblem::UnknownKey,
        IgnoreReason::TooManyValues { limit, .. } => FilterProblem::TooManyValues { limit: *limit },
        IgnoreReason::Repeated => FilterProblem::Repeated,
        IgnoreReason::NotADate => FilterProblem::NotADate,
        IgnoreReason::ReversedRange => FilterProblem::ReversedRange,
        IgnoreReason::NotUtf8 => FilterProblem::NotUtf8,
        IgnoreReason::UnknownFacetValue => FilterProblem::UnknownValue,
        // `step=` (about a story) and `v=` that is not version 1 are not filters either.
        IgnoreReason::NotAStep
        | IgnoreReason::NotAVersion
        | IgnoreReason::NewerVersion { .. }
        | IgnoreReason::NotAMapView
        | IgnoreReason::UnknownLanguage
        | IgnoreReason::UnknownView
        | IgnoreReason::UnknownEvent
        | IgnoreReason::UnknownStory => FilterProblem::NotAFilter,
        IgnoreReason::TooLong { .. } | IgnoreReason::MoreNotes { .. } => return None,
    })
}

/// Every story step's `filter` of `dataset` checked: readable, about events only, naming
/// values the dataset has, and finding at least one event. Each error is located by its
/// path (`stories[1].steps[2].filter`), the story's id and the step's number.
pub fn check_step_filters(dataset: &Dataset) -> Vec<DatasetError> {
    let has_filters = dataset
        .stories
        .iter()
        .flat_map(|story| &story.steps)
        .any(|step| step.filter.is_some());
    if !has_filters {
        return Vec::new();
    }
    let catalog = Catalog::new(dataset.clone());
    let mut errors = Vec::new();
    for (story_index, story) in dataset.stories.iter().enumerate() {
        for (step_index, step) in story.steps.iter().enumerate() {
            let Some(text) = &step.filter else { continue };
            let mut report = |part: String, problem: FilterProblem| {
                errors.push(DatasetError {
                    path: format!("stories[{story_index}].steps[{step_index}].filter"),
                    problem: Problem::BadStepFilter {
                        story: story.id.clone(),
                        step: step_index + 1,
                        part,
                        problem,
                    },
                    line: None,
                })
            };
            match read_step_filter(text) {
                Err(problems) => problems.into_iter().for_each(|(part, problem)| report(part, problem)),
                Ok(filters) => {
                    let mut view = ViewState {
                        filters: filters.clone(),
                        ..ViewState::default()
                    };
                    let unknown = drop_unknown_in_catalog(&mut view, &catalog);
                    if !unknown.is_empty() {
                        for ignored in unknown {
                            report(ignored.part, FilterProblem::UnknownValue);
                        }
                    } else if catalog.select(&filters).visible.is_clear() {
                        report(text.clone(), FilterProblem::MatchesNothing);
                    }
                }
            }
        }
    }
    errors
}

/// Reads and checks a dataset as `health_atlas_model::parse_dataset_limited` does, with the
/// step filters checked too: what the app and `atlas-data` read a dataset with.
pub fn parse_dataset_checked(json: &str, max_events: usize) -> Result<Dataset, Vec<DatasetError>> {
    parse_dataset_with(json, max_events, check_step_filters)
}

/// Every rule of a dataset already read: the model's own, then, once those pass, the story
/// steps' filters. What the studio checks an edited dataset with, as `atlas-data validate` does.
pub fn validate_checked(dataset: &Dataset) -> Vec<DatasetError> {
    let errors = health_atlas_model::validate::validate(dataset);
    if !errors.is_empty() {
        return errors;
    }
    check_step_filters(dataset)
}

/// The catalog positions of the events `step` is about: the ids it names and the events its
/// filter finds. An unknown id or a filter that cannot be read adds nothing (the validator
/// reports both).
pub fn step_events(step: &StoryStep, catalog: &Catalog) -> FixedBitSet {
    let mut events = match step.filter.as_deref().map(read_step_filter) {
        Some(Ok(filters)) => catalog.select(&filters).visible,
        _ => FixedBitSet::with_capacity(catalog.len()),
    };
    events.grow(catalog.len());
    for id in &step.events {
        if let Some(position) = catalog.position(id) {
            events.insert(position);
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_dataset::embedded_dataset;
    use health_atlas_model::story::FilterProblem as P;

    fn problems(text: &str) -> Vec<(String, FilterProblem)> {
        read_step_filter(text).err().unwrap_or_default()
    }

    #[test]
    fn a_filter_is_read_by_the_link_decoder() {
        let filters = read_step_filter("cat=forum,conference&from=2023-05-01&q=Taihu").unwrap();
        assert_eq!(filters.text, "Taihu");
        assert_eq!(
            filters.date_range.map(|range| range.first().to_string()),
            Some("2023-05-01".into())
        );
        assert_eq!(
            filters
                .selected
                .get(&crate::query::Facet::Category)
                .map(|values| values.len()),
            Some(2)
        );
    }

    #[test]
    fn each_unusable_part_is_named_with_what_was_expected() {
        assert_eq!(
            problems("cat=forum&from=2023-13-01"),
            [("from=2023-13-01".into(), P::NotADate)]
        );
        assert_eq!(problems("colour=red&cat=forum"), [("colour=red".into(), P::UnknownKey)]);
        assert_eq!(
            problems("event=tbhc-2023&map=1,2,3"),
            [
                ("event=tbhc-2023".into(), P::NotAFilter),
                ("map=1,2,3".into(), P::NotAFilter)
            ]
        );
        assert_eq!(problems("step=2"), [("step=2".into(), P::NotAFilter)]);
        assert_eq!(problems("q=a&q=b"), [("q=b".into(), P::Repeated)]);
        assert_eq!(
            problems("from=2024-01-01&to=2023-01-01"),
            [("from=2024-01-01&to=2023-01-01".into(), P::ReversedRange)]
        );
        assert_eq!(problems("q=%FF"), [("q=\u{fffd}".into(), P::NotUtf8)]);
        assert_eq!(problems(""), [(String::new(), P::Empty)]);
        assert_eq!(problems("v=1"), [("v=1".into(), P::Empty)]);
    }

    fn with_step_filter(filter: &str) -> Dataset {
        let mut dataset = embedded_dataset().unwrap();
        let step = &mut dataset.stories[1].steps[2];
        step.events.clear();
        step.filter = Some(filter.into());
        dataset
    }

    #[test]
    fn the_dataset_rule_locates_each_error_by_story_step_and_part() {
        assert_eq!(check_step_filters(&embedded_dataset().unwrap()), vec![]);
        let dataset = with_step_filter("cat=no-such-category&from=2023-05");
        let story = dataset.stories[1].id.clone();
        let errors = check_step_filters(&dataset);
        assert_eq!(
            errors,
            vec![DatasetError {
                path: "stories[1].steps[2].filter".into(),
                problem: Problem::BadStepFilter {
                    story: story.clone(),
                    step: 3,
                    part: "from=2023-05".into(),
                    problem: P::NotADate,
                },
                line: None,
            }]
        );
        assert_eq!(
            errors[0].to_string(),
            format!("stories[1].steps[2].filter: story {story:?}, step 3: \"from=2023-05\" is not a date; expected YYYY-MM-DD")
        );
        let unknown = check_step_filters(&with_step_filter("cat=no-such-category"));
        assert!(
            matches!(&unknown[..], [DatasetError { problem: Problem::BadStepFilter { part, problem: P::UnknownValue, .. }, .. }] if part == "cat=no-such-category"),
            "{unknown:?}"
        );
        let nothing = check_step_filters(&with_step_filter("q=Taihu&to=2017-01-01"));
        assert!(
            matches!(
                &nothing[..],
                [DatasetError {
                    problem: Problem::BadStepFilter {
                        problem: P::MatchesNothing,
                        ..
                    },
                    ..
                }]
            ),
            "{nothing:?}"
        );
    }

    #[test]
    fn a_file_with_a_bad_filter_is_refused_with_the_line_of_its_story() {
        let mut dataset = with_step_filter("t=2023-01-01~2023-12-31");
        dataset.schema_version = 2;
        let text = serde_json::to_string_pretty(&dataset).unwrap();
        let errors = parse_dataset_checked(&text, usize::MAX).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            matches!(
                errors[0].line,
                Some(health_atlas_model::validate::Line::StoryStartingAt(_))
            ),
            "{errors:?}"
        );
        // The model's own reader does not know the link format and lets it through.
        assert!(health_atlas_model::parse_dataset(&text).is_ok());
    }

    #[test]
    fn a_steps_filter_resolves_against_the_built_in_catalog_with_its_ids() {
        let catalog = Catalog::new(embedded_dataset().unwrap());
        let ids = |events: FixedBitSet| -> Vec<String> {
            let mut ids: Vec<String> = events.ones().map(|at| catalog.events()[at].id.clone()).collect();
            ids.sort();
            ids
        };
        let step = |events: &[&str], filter: Option<&str>| StoryStep {
            narrative: Default::default(),
            events: events.iter().map(|id| id.to_string()).collect(),
            filter: filter.map(str::to_owned),
            quotes: Vec::new(),
            window: None,
            view: None,
        };
        // The Taihu Bay conference's signings, found by a filter as the seed story names them.
        let story = catalog
            .dataset()
            .stories
            .iter()
            .find(|story| story.id == "tbhc-2023-story")
            .unwrap();
        let named = step_events(&story.steps[2], &catalog);
        assert_eq!(ids(named.clone()), ["tbhc-2023-signings"]);
        let filtered = step_events(&step(&[], Some("cat=signing&from=2023-05-18&to=2023-05-18")), &catalog);
        assert_eq!(filtered, named, "the same events as the seed step's ids");
        // Ids and filter together: the union.
        let both = step_events(
            &step(&["tbhc-2023"], Some("cat=signing&from=2023-05-18&to=2023-05-18")),
            &catalog,
        );
        assert_eq!(ids(both), ["tbhc-2023", "tbhc-2023-signings"]);
        // What cannot be resolved adds nothing.
        assert!(step_events(&step(&["nowhere"], Some("from=nope")), &catalog).is_clear());
    }
}
