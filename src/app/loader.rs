//! Fetching a replacement dataset from a `src=` URL and a basemap from a `basemap=` URL. The
//! parsing and checking is the domain's (`data::parse_dataset`, `geo::Basemap::from_geojson`);
//! this only does the network part and reports actions.

use std::rc::Rc;

use yew::Callback;

use super::state::{describe, Action, BasemapSource};
use crate::data::parse_dataset;
use crate::geo::Basemap;

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

/// Fetches a GeoJSON basemap from `url` (same origin, or a server that allows CORS) and
/// dispatches `SetBasemap`: loading, then loaded or failed with the reason. The shipped
/// basemap stays drawn until a file is read, and when it cannot be.
pub fn load_basemap(url: String, dispatch: Callback<Action>) {
    dispatch.emit(Action::SetBasemap(BasemapSource::Loading { url: url.clone() }));
    yew::platform::spawn_local(async move {
        let read = fetch_text(&url)
            .await
            .and_then(|text| Basemap::from_geojson(&text).map_err(|error| format!("{url}: {error}")));
        let source = match read {
            Ok(basemap) => BasemapSource::Loaded {
                url,
                basemap: Rc::new(basemap),
            },
            Err(message) => BasemapSource::Failed {
                url,
                errors: vec![message],
            },
        };
        dispatch.emit(Action::SetBasemap(source));
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
    // The bytes, not `text()`: a JavaScript string would be copied into the wasm by
    // wasm-bindgen's character loop (75 ms for a 9 MB file); bytes are one memcpy, and
    // checking them as UTF-8 here is fast.
    let bytes = response
        .binary()
        .await
        .map_err(|error| format!("{url}: the response could not be read ({error})"))?;
    String::from_utf8(bytes).map_err(|error| {
        format!(
            "{url}: not UTF-8 text (byte {} is not valid UTF-8); save the file as UTF-8",
            error.utf8_error().valid_up_to()
        )
    })
}
