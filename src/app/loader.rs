//! Fetching a replacement dataset from a `src=` URL. The parsing and checking is the
//! domain's (`data::parse_dataset`); this only does the network part and reports actions.

use yew::Callback;

use super::state::{describe, Action};
use crate::data::parse_dataset;

/// How many problems to list; the rest are counted.
const SHOWN_ERRORS: usize = 10;

/// Fetches `url` and dispatches `DatasetLoading`, then `DatasetLoaded` or `DatasetFailed`.
pub fn load_dataset(url: String, dispatch: Callback<Action>) {
    dispatch.emit(Action::DatasetLoading { url: url.clone() });
    yew::platform::spawn_local(async move {
        let action = match fetch_text(&url).await {
            Err(message) => Action::DatasetFailed {
                url,
                errors: vec![message],
            },
            Ok(text) => match parse_dataset(&text) {
                Ok(dataset) => Action::DatasetLoaded { url, dataset },
                Err(errors) => {
                    let mut shown = describe(&errors[..errors.len().min(SHOWN_ERRORS)]);
                    if errors.len() > SHOWN_ERRORS {
                        shown.push(format!("… and {} more", errors.len() - SHOWN_ERRORS));
                    }
                    Action::DatasetFailed { url, errors: shown }
                }
            },
        };
        dispatch.emit(action);
    });
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|error| format!("{url}: the request failed ({error})"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .text()
        .await
        .map_err(|error| format!("{url}: the response could not be read ({error})"))
}
