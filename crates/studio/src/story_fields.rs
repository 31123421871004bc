//! One text field of a dataset's story, as [`crate::fields`] is for an event: what it shows,
//! what typing into it does, and the element id the page gives it. The studio edits the
//! stories' words (id, title, summary, each step's narrative, events, filter and quotes);
//! a step's timeline window and map view are kept as they came.

use health_atlas_model::{Dataset, Lang, StoryStep};

use crate::fields::FieldError;

/// A field of story `story`; a step's fields carry the step's index too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoryField {
    Id(usize),
    Title(usize, Lang),
    Summary(usize, Lang),
    Narrative(usize, usize, Lang),
    /// Event ids separated by `;`.
    Events(usize, usize),
    /// A filter in the link format (`cat=forum&from=2023-05-01`); empty for none.
    Filter(usize, usize),
    /// One quote per line.
    Quotes(usize, usize),
}

fn step(dataset: &Dataset, story: usize, step: usize) -> Option<&StoryStep> {
    dataset.stories.get(story)?.steps.get(step)
}

/// What the field shows; empty for a story or step that is not there.
pub fn value(dataset: &Dataset, field: StoryField) -> String {
    let story = |index: usize| dataset.stories.get(index);
    let shown = match field {
        StoryField::Id(s) => story(s).map(|story| story.id.clone()),
        StoryField::Title(s, lang) => story(s).map(|story| story.title.as_written(lang).to_owned()),
        StoryField::Summary(s, lang) => story(s).map(|story| story.summary.as_written(lang).to_owned()),
        StoryField::Narrative(s, t, lang) => step(dataset, s, t).map(|step| step.narrative.as_written(lang).to_owned()),
        StoryField::Events(s, t) => step(dataset, s, t).map(|step| step.events.join("; ")),
        StoryField::Filter(s, t) => step(dataset, s, t).map(|step| step.filter.clone().unwrap_or_default()),
        StoryField::Quotes(s, t) => step(dataset, s, t).map(|step| step.quotes.join("\n")),
    };
    shown.unwrap_or_default()
}

/// Takes `text` typed into `field` into the dataset's story, or says why not (nothing changes).
pub fn set(dataset: &mut Dataset, field: StoryField, text: &str) -> Result<(), FieldError> {
    let missing = FieldError::NoSuchRecord;
    let (s, step_index) = match field {
        StoryField::Id(s) | StoryField::Title(s, _) | StoryField::Summary(s, _) => (s, None),
        StoryField::Narrative(s, t, _)
        | StoryField::Events(s, t)
        | StoryField::Filter(s, t)
        | StoryField::Quotes(s, t) => (s, Some(t)),
    };
    let story = dataset.stories.get_mut(s).ok_or(missing.clone())?;
    let Some(t) = step_index else {
        match field {
            StoryField::Id(_) => story.id = text.trim().to_owned(),
            StoryField::Title(_, lang) => *story.title.as_written_mut(lang) = text.to_owned(),
            StoryField::Summary(_, lang) => *story.summary.as_written_mut(lang) = text.to_owned(),
            _ => {}
        }
        return Ok(());
    };
    let step = story.steps.get_mut(t).ok_or(missing)?;
    match field {
        StoryField::Narrative(_, _, lang) => *step.narrative.as_written_mut(lang) = text.to_owned(),
        StoryField::Events(..) => {
            step.events = text
                .split(';')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect()
        }
        StoryField::Filter(..) => {
            step.filter = Some(text.trim()).filter(|filter| !filter.is_empty()).map(str::to_owned)
        }
        StoryField::Quotes(..) => {
            step.quotes = text
                .split('\n')
                .map(|quote| quote.trim_end_matches('\r'))
                .filter(|quote| !quote.trim().is_empty())
                .map(str::to_owned)
                .collect()
        }
        _ => {}
    }
    Ok(())
}

impl StoryField {
    /// The id of the field's element on the page (unique on it).
    pub fn dom_id(self) -> String {
        match self {
            StoryField::Id(s) => format!("s-{s}-id"),
            StoryField::Title(s, lang) => format!("s-{s}-title-{}", lang.tag()),
            StoryField::Summary(s, lang) => format!("s-{s}-summary-{}", lang.tag()),
            StoryField::Narrative(s, t, lang) => format!("s-{s}-step-{t}-narrative-{}", lang.tag()),
            StoryField::Events(s, t) => format!("s-{s}-step-{t}-events"),
            StoryField::Filter(s, t) => format!("s-{s}-step-{t}-filter"),
            StoryField::Quotes(s, t) => format!("s-{s}-step-{t}-quotes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Dataset {
        crate::document::built_in().dataset
    }

    #[test]
    fn typed_text_round_trips_through_each_story_field() {
        let mut dataset = shipped();
        let cases = [
            (StoryField::Id(0), "a-story"),
            (StoryField::Title(0, Lang::Zh), "一个故事"),
            (StoryField::Summary(0, Lang::Fr), "Un récit"),
            (StoryField::Narrative(0, 0, Lang::En), "First, the forum."),
            (StoryField::Events(0, 0), "a; b"),
            (StoryField::Filter(0, 0), "cat=forum"),
            (StoryField::Quotes(0, 0), "one\ntwo"),
        ];
        for (field, text) in cases {
            assert_eq!(set(&mut dataset, field, text), Ok(()), "{field:?}");
            assert_eq!(value(&dataset, field), text, "{field:?}");
        }
        assert_eq!(dataset.stories[0].steps[0].events, ["a", "b"]);
        assert_eq!(set(&mut dataset, StoryField::Filter(0, 0), " "), Ok(()));
        assert_eq!(dataset.stories[0].steps[0].filter, None);
    }

    #[test]
    fn a_story_or_step_that_is_not_there_changes_nothing() {
        let original = shipped();
        let mut dataset = original.clone();
        let stories = dataset.stories.len();
        assert_eq!(
            set(&mut dataset, StoryField::Title(stories, Lang::En), "x"),
            Err(FieldError::NoSuchRecord)
        );
        assert_eq!(
            set(&mut dataset, StoryField::Narrative(0, 999, Lang::En), "x"),
            Err(FieldError::NoSuchRecord)
        );
        assert_eq!(dataset, original);
        assert_eq!(value(&dataset, StoryField::Events(0, 999)), "");
    }
}
