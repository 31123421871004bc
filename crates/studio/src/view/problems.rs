//! The problems table: every problem the validator finds in the events on screen (each row
//! opens its field), and why a file could not be opened (row, column or line, and what was
//! expected), in the reader's language.

use std::rc::Rc;

use health_atlas_explore::i18n::{
    csv_problem_text, dataset_error_text, studio_bad_utf16, studio_line, studio_mixed_encodings, studio_no_sheet,
    studio_not_text, studio_row, studio_sheet_cell, studio_too_large, studio_too_many_events,
    studio_unreadable_workbook, StudioMessage as M,
};
use health_atlas_model::csv::{row_of_event, CsvError};
use health_atlas_model::validate::Line;
use health_atlas_model::{Dataset, DatasetError, Lang};
use health_atlas_workbook::{DecodeError, WorkbookError};
use yew::prelude::*;

use super::Dispatch;
use crate::document::OpenError;
use crate::fields::{split_event_path, Field};
use crate::state::Action;

/// The most rows the table lists; the rest are counted.
const MAX_ROWS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub problems: Rc<Vec<DatasetError>>,
    pub dataset: Rc<Dataset>,
    /// The file numbers events by spreadsheet rows.
    pub has_rows: bool,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

#[component]
pub fn Problems(props: &ProblemsProps) -> Html {
    let lang = props.lang;
    let count = props.problems.len();
    html! {
        <section class="st-problems" aria-labelledby="st-problems-heading">
            <h2 id="st-problems-heading">{ M::ProblemsHeading.text(lang) }{ format!(" ({count})") }</h2>
            if count == 0 {
                <p class="st-ok">{ M::NoProblems.text(lang) }</p>
            } else {
                <div class="st-table-wrap">
                <table class="st-table">
                    <thead><tr>
                        <th scope="col">{ M::ColumnWhere.text(lang) }</th>
                        <th scope="col">{ M::ColumnField.text(lang) }</th>
                        <th scope="col">{ M::ColumnProblem.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                    { for props.problems.iter().take(MAX_ROWS).map(|problem| {
                        let located = split_event_path(&problem.path);
                        let where_text = match located {
                            Some((index, _)) => {
                                let id = props.dataset.events.get(index).map(|event| event.id.as_str()).unwrap_or_default();
                                if props.has_rows {
                                    format!("{} · {id}", studio_row(row_of_event(index), lang))
                                } else {
                                    format!("#{} · {id}", index + 1)
                                }
                            }
                            None => String::new(),
                        };
                        let field_text = located.map_or(problem.path.clone(), |(_, path)| path.to_owned());
                        let field_cell = match located {
                            Some((event, path)) => {
                                let dispatch = props.dispatch.clone();
                                let field = Field::from_event_path(path);
                                let onclick = Callback::from(move |_| dispatch.dispatch(Action::GoTo { event, field }));
                                html! {
                                    <button type="button" class="st-link st-goto" onclick={onclick}
                                        title={M::GoToProblem.text(lang)}>{ if field_text.is_empty() { "—".to_owned() } else { field_text.clone() } }</button>
                                }
                            }
                            None => html! { { field_text.clone() } },
                        };
                        html! {
                            <tr>
                                <td>{ where_text }</td>
                                <td>{ field_cell }</td>
                                <td>{ dataset_error_text(problem, lang) }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
                if count > MAX_ROWS {
                    <p>{ format!("… +{}", count - MAX_ROWS) }</p>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenErrorsProps {
    pub name: String,
    pub error: OpenError,
    pub lang: Lang,
}

/// Why a file gave nothing to edit.
#[component]
pub fn OpenErrors(props: &OpenErrorsProps) -> Html {
    let lang = props.lang;
    const MB: u64 = 1024 * 1024;
    let single = |text: String| html! { <p>{ text }</p> };
    let body = match &props.error {
        OpenError::TooLarge { limit, .. } => single(studio_too_large(limit / MB, lang)),
        OpenError::TooManyEvents { found, limit } => single(studio_too_many_events(*found, *limit, lang)),
        OpenError::NotText(DecodeError::Binary { .. }) => single(studio_not_text(lang).to_owned()),
        OpenError::NotText(DecodeError::Malformed { .. }) => single(studio_bad_utf16(lang).to_owned()),
        OpenError::NotText(DecodeError::Mixed { utf8_line, other_line }) => {
            single(studio_mixed_encodings(*utf8_line, *other_line, lang))
        }
        OpenError::Workbook(WorkbookError::Unreadable { detail }) => single(studio_unreadable_workbook(detail, lang)),
        OpenError::Workbook(WorkbookError::NoSheet) => single(studio_no_sheet(lang).to_owned()),
        OpenError::Workbook(WorkbookError::Rows { sheet, errors }) => csv_table(errors, Some(sheet), lang),
        OpenError::Csv(errors) => csv_table(errors, None, lang),
        OpenError::Json(errors) => table(
            lang,
            errors.iter().map(|error| {
                let line = match error.line {
                    Some(Line::Exact(line) | Line::EventStartingAt(line) | Line::StoryStartingAt(line)) => {
                        studio_line(line, lang)
                    }
                    None => String::new(),
                };
                (line, error.path.clone(), dataset_error_text(error, lang))
            }),
        ),
    };
    html! {
        <div class="st-open-error" role="alert">
            <p class="st-error-title">{ M::OpenFailed.with(lang, &[&props.name]) }</p>
            { body }
        </div>
    }
}

/// A CSV file's or a sheet's problems: row, column, what was expected, in the reader's
/// language (the rarer problems in the CSV reader's English).
fn csv_table(errors: &[CsvError], sheet: Option<&str>, lang: Lang) -> Html {
    table(
        lang,
        errors.iter().map(|error| {
            let mut place = error.row.map(|row| studio_row(row, lang)).unwrap_or_default();
            if let Some(sheet) = sheet {
                place = format!("{} · {place}", studio_sheet_cell(sheet, lang));
            }
            (
                place,
                error.column.clone().unwrap_or_default(),
                csv_problem_text(error, lang),
            )
        }),
    )
}

fn table(lang: Lang, rows: impl Iterator<Item = (String, String, String)>) -> Html {
    html! {
        <div class="st-table-wrap">
        <table class="st-table">
            <thead><tr>
                <th scope="col">{ M::ColumnWhere.text(lang) }</th>
                <th scope="col">{ M::ColumnField.text(lang) }</th>
                <th scope="col">{ M::ColumnProblem.text(lang) }</th>
            </tr></thead>
            <tbody>
            { for rows.take(MAX_ROWS).map(|(place, field, text)| html! {
                <tr><td>{ place }</td><td>{ field }</td><td>{ text }</td></tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}
