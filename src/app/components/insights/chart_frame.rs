//! What every chart has around it: a heading, a text summary (read by screen readers and
//! shown to all), a chart/table switch and the downloads (SVG, PNG, CSV).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::browser::download;
use health_atlas_explore::i18n::InsightMessage;
use health_atlas_model::Lang;

/// What a download button asks its chart for: the file contents, written when clicked.
#[derive(Clone, PartialEq)]
pub struct Files {
    /// The base of the file names (`events-over-time`).
    pub name: &'static str,
    pub svg: Callback<(), String>,
    pub csv: Callback<(), String>,
}

#[derive(Properties, PartialEq)]
pub struct ChartFrameProps {
    pub id: &'static str,
    pub title: String,
    pub summary: String,
    pub lang: Lang,
    pub files: Files,
    /// The chart, shown unless the table is.
    pub chart: Html,
    pub table: Html,
    #[prop_or_default]
    pub tools: Html,
    /// Under a group's heading (the ranked charts): an `h4`.
    #[prop_or_default]
    pub nested: bool,
}

#[component]
pub fn ChartFrame(props: &ChartFrameProps) -> Html {
    let lang = props.lang;
    let text = |message: InsightMessage| message.text(lang);
    let as_table = use_state_eq(|| false);
    let failed = use_state_eq(|| false);
    let toggle = {
        let as_table = as_table.clone();
        Callback::from(move |_: MouseEvent| as_table.set(!*as_table))
    };
    let files = &props.files;
    let on_svg = {
        let (svg, name) = (files.svg.clone(), files.name);
        Callback::from(move |_: MouseEvent| {
            let _ = download(&format!("{name}.svg"), "image/svg+xml", &svg.emit(()));
        })
    };
    let on_csv = {
        let (csv, name) = (files.csv.clone(), files.name);
        Callback::from(move |_: MouseEvent| {
            let _ = download(&format!("{name}.csv"), "text/csv;charset=utf-8", &csv.emit(()));
        })
    };
    let on_png = {
        let (svg, name, failed) = (files.svg.clone(), files.name, failed.clone());
        Callback::from(move |_: MouseEvent| {
            let on_error = failed.clone();
            let worked = png_from_svg(&svg.emit(()), name, move || on_error.set(true));
            if worked.is_err() {
                failed.set(true);
            }
        })
    };
    let heading = format!("{}-heading", props.id);
    html! {
        <section class="ha-insight" id={props.id} aria-labelledby={heading.clone()}>
            <div class="ha-insight-head">
                if props.nested {
                    <h4 id={heading}>{ props.title.clone() }</h4>
                } else {
                    <h3 id={heading}>{ props.title.clone() }</h3>
                }
                <div class="ha-insight-tools">
                    { props.tools.clone() }
                    <button type="button" class="ha-tool ha-tool-text" aria-pressed={as_table.to_string()} onclick={toggle}>
                        { text(if *as_table { InsightMessage::ShowChart } else { InsightMessage::ShowTable }) }
                    </button>
                    <span class="ha-insight-downloads" role="group" aria-label={format!("{}: {}", text(InsightMessage::Download), props.title)}>
                        <button type="button" class="ha-tool ha-tool-text" onclick={on_svg}>{ "SVG" }</button>
                        <button type="button" class="ha-tool ha-tool-text" onclick={on_png}>{ "PNG" }</button>
                        <button type="button" class="ha-tool ha-tool-text" onclick={on_csv}>{ "CSV" }</button>
                    </span>
                </div>
            </div>
            <p class="ha-insight-summary">{ props.summary.clone() }</p>
            if *failed {
                <p class="ha-muted" role="status">{ text(InsightMessage::PngFailed) }</p>
            }
            if *as_table {
                // Focusable, so a table wider than a phone scrolls by keyboard too.
                <div class="ha-insight-table" tabindex="0" role="region" aria-label={props.title.clone()}>{ props.table.clone() }</div>
            } else {
                { props.chart.clone() }
            }
        </section>
    }
}

/// Draws `svg` on a canvas at twice its size and downloads it as PNG. The image is read from
/// a `blob:` URL, which a page's Content-Security-Policy must allow (`img-src blob:`);
/// otherwise `on_error` runs and the reader is told to take the SVG.
fn png_from_svg(svg: &str, name: &'static str, on_error: impl FnOnce() + 'static) -> Result<(), wasm_bindgen::JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&svg.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image: web_sys::HtmlImageElement = document.create_element("img")?.dyn_into()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let on_load = {
        let (image, url) = (image.clone(), url.clone());
        Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
            let (width, height) = (image.natural_width() * 2, image.natural_height() * 2);
            canvas.set_width(width);
            canvas.set_height(height);
            let drawn = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
                .map(|context| {
                    context.draw_image_with_html_image_element_and_dw_and_dh(
                        &image,
                        0.0,
                        0.0,
                        f64::from(width),
                        f64::from(height),
                    )
                });
            if let Some(Ok(())) = drawn {
                if let Ok(data) = canvas.to_data_url_with_type("image/png") {
                    if let Some(link) = web_sys::window()
                        .and_then(|window| window.document())
                        .and_then(|document| document.create_element("a").ok())
                        .and_then(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                    {
                        link.set_href(&data);
                        link.set_download(&format!("{name}.png"));
                        link.click();
                    }
                }
            }
        })
    };
    let on_fail = Closure::once_into_js(on_error);
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_onerror(Some(on_fail.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}
