//! Click-to-place: the build's offline basemap (`basemap/*.topo.json`, the files the atlas
//! fetches after its first paint) drawn around a place, with a mark where it is; a click puts
//! the place there. Decoding and projection are the atlas's own (`health_atlas_basemap`,
//! `health_atlas_geo`); the latitude and longitude fields stay the way to type exact values.

use std::cell::RefCell;
use std::rc::Rc;

use health_atlas_basemap::Basemap;
use health_atlas_explore::i18n::StudioMessage as M;
use health_atlas_geo::{LonLat, MapView, ScreenPoint, Viewport, ZoomLimits};
use health_atlas_model::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::Dispatch;
use crate::state::Action;

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 280.0;
const BASEMAP_FILES: [&str; 2] = ["basemap/world.topo.json", "basemap/china.topo.json"];

thread_local! {
    /// The decoded basemap, fetched once per page.
    static BASEMAP: RefCell<Option<Rc<Basemap>>> = const { RefCell::new(None) };
}

async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

async fn load_basemap() -> Option<Rc<Basemap>> {
    if let Some(basemap) = BASEMAP.with(|cell| cell.borrow().clone()) {
        return Some(basemap);
    }
    let mut parts = Vec::new();
    for file in BASEMAP_FILES {
        parts.push(Basemap::from_topojson(&fetch_text(file).await?).ok()?);
    }
    let basemap = Rc::new(Basemap::merged(parts));
    BASEMAP.with(|cell| *cell.borrow_mut() = Some(Rc::clone(&basemap)));
    Some(basemap)
}

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub index: usize,
    pub lat: f64,
    pub lon: f64,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

#[component]
pub fn PlacePicker(props: &PickerProps) -> Html {
    let basemap = use_state(|| BASEMAP.with(|cell| cell.borrow().clone()));
    let failed = use_state(|| false);
    // A new place (0, 0) opens on China, where most events are; otherwise on the place.
    let unset = props.lat == 0.0 && props.lon == 0.0;
    let zoom = use_state(|| if unset { 2.0 } else { 4.0 });
    let svg = use_node_ref();
    {
        let basemap = basemap.clone();
        let failed = failed.clone();
        use_effect_with((), move |_| {
            if basemap.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    match load_basemap().await {
                        Some(loaded) => basemap.set(Some(loaded)),
                        None => failed.set(true),
                    }
                });
            }
        });
    }
    let center = if unset {
        LonLat::new(105.0, 33.0)
    } else {
        LonLat::new(props.lon, props.lat)
    };
    let view = MapView::new(center, *zoom, ZoomLimits::default());
    let viewport = Viewport::new(WIDTH, HEIGHT);
    let lang = props.lang;
    let onclick = {
        let svg = svg.clone();
        let dispatch = props.dispatch.clone();
        let index = props.index;
        Callback::from(move |event: MouseEvent| {
            let Some(element) = svg.cast::<web_sys::Element>() else {
                return;
            };
            let rect = element.get_bounding_client_rect();
            if rect.width() <= 0.0 || rect.height() <= 0.0 {
                return;
            }
            let point = ScreenPoint::new(
                (f64::from(event.client_x()) - rect.left()) * WIDTH / rect.width(),
                (f64::from(event.client_y()) - rect.top()) * HEIGHT / rect.height(),
            );
            let at = view.to_lon_lat(point, viewport);
            dispatch.dispatch(Action::PlaceAt {
                index,
                lat: at.lat,
                lon: at.lon,
            });
        })
    };
    let zoom_by = |factor: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_| zoom.set((*zoom + factor).clamp(1.0, 12.0)))
    };
    let mark = view.to_screen(LonLat::new(props.lon, props.lat), viewport);
    let hint_id = format!("st-picker-hint-{}", props.index);
    html! {
        <div class="st-picker">
            <p id={hint_id.clone()} class="st-picker-hint">{ M::PickOnMap.text(lang) }</p>
            if *failed {
                <p class="st-field-error">{ M::MapUnavailable.text(lang) }</p>
            }
            <svg ref={svg} class="st-map" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label={M::PickOnMap.text(lang)} onclick={onclick}>
                <rect class="st-sea" x="0" y="0" width={WIDTH.to_string()} height={HEIGHT.to_string()} />
                if let Some(basemap) = &*basemap {
                    { for basemap.features.iter().filter(|feature| !feature.inset).map(|feature| {
                        let data = feature.path_data(&view, viewport);
                        if data.is_empty() { Html::default() } else { html! { <path class="st-land" d={data} /> } }
                    }) }
                }
                if !unset {
                    <circle class="st-pin" cx={format!("{:.1}", mark.x)} cy={format!("{:.1}", mark.y)} r="6" />
                }
            </svg>
            <div class="st-group">
                <button type="button" class="st-button" onclick={zoom_by(1.0)}>{ M::ZoomIn.text(lang) }</button>
                <button type="button" class="st-button" onclick={zoom_by(-1.0)}>{ M::ZoomOut.text(lang) }</button>
            </div>
        </div>
    }
}
