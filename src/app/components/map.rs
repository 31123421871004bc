//! The map view: the embedded offline basemap with names in the reader's language, clusters
//! with counts, category markers, arcs and routes for relations, and a list for events at one
//! place. Projection, clustering and hit-testing come from `health_atlas_geo` and the map's state
//! from `state::MapState`; this file only draws them and turns wheel, drag, pinch, keys,
//! buttons and clicks into actions.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::category_shape;
use super::delegation::{hover_listeners, target_data};
use super::pointers::Pointers;
use super::timeline::fmt;
use super::tool_button::tool_button;
use crate::app::context::AppContext;
use crate::app::hooks::{use_app_state, use_wheel, use_width, WheelStep};
use crate::app::shared::Shared;
use crate::app::state::{
    Action, BasemapSource, LinkKind, MapAction, MapClusters, MapFit, MapLink, MapState, ShippedBasemap, State,
    MAP_ZOOM_LIMITS,
};
use health_atlas_basemap::Basemap;
use health_atlas_explore::i18n::{cluster_title, compact_count, format_dates, Message};
use health_atlas_explore::query::{Catalog, Selection};
use health_atlas_geo::{
    arc_path, marker_radius, route_path, screen_markers, ClusterId, ClusterItem, DrawingFrame, LonLat, MapView,
    ScreenPoint, StoryRoute, Viewport,
};
use health_atlas_model::Lang;

thread_local! {
    /// Drawn until the built-in basemap arrives (after the first paint, `loader`): the points
    /// need no land under them.
    static NO_BASEMAP: Rc<Basemap> = Rc::new(Basemap::default());
}

/// How a basemap feature is drawn: in the base layer (the countries, or every feature of a
/// maintainer's own GeoJSON), as one of China's provinces over it, or as the schematic inset.
#[derive(Clone, Copy, PartialEq)]
enum Layer {
    Base,
    Province,
    Inset,
}

fn layer_of(feature: &health_atlas_basemap::BasemapFeature) -> Layer {
    match (feature.layer.as_str(), feature.inset) {
        (_, true) => Layer::Inset,
        ("provinces", _) => Layer::Province,
        _ => Layer::Base,
    }
}

/// Province names appear from this zoom; China's own name gives way to them there.
const PROVINCE_LABEL_ZOOM: f64 = 4.0;
/// Countries drawn again, province by province, in the `provinces` layer.
const COUNTRIES_WITH_PROVINCES: [&str; 4] = ["CN", "TW", "HK", "MO"];
/// Movement (px) after which a press is a drag, not a click.
const DRAG_THRESHOLD: f64 = 4.0;
/// Pixels an arrow key pans.
const KEY_PAN: f64 = 80.0;
/// Items drawn beyond the edges, so that a marker half out of view is still drawn.
const EDGE_MARGIN: f64 = 40.0;
/// Links drawn at most: at 100k events the map stays readable and the DOM small.
const MAX_LINKS: usize = 400;
/// Events listed at most in the popover for one place.
const MAX_LISTED: usize = 100;
const POPOVER_WIDTH: f64 = 260.0;

/// The map's height for a width: wide enough to read, never taller than a screenful.
fn map_height(width: f64) -> f64 {
    (width * 0.55).clamp(260.0, 560.0).round()
}

/// Pointers currently down on the map, for drag and pinch.
#[derive(Default)]
struct Gesture {
    /// Pointer id → its last position.
    pointers: Pointers<(f64, f64)>,
    /// Distance travelled since the press: beyond the threshold it is a drag.
    travelled: f64,
}

impl Gesture {
    fn is_drag(&self) -> bool {
        self.travelled > DRAG_THRESHOLD
    }

    fn pinch_distance(&self) -> Option<f64> {
        let mut positions = self.pointers.values();
        let (first, second) = (positions.next()?, positions.next()?);
        Some(((first.0 - second.0).powi(2) + (first.1 - second.1).powi(2)).sqrt())
    }

    fn middle(&self) -> (f64, f64) {
        let count = self.pointers.len().max(1) as f64;
        let (x, y) = self
            .pointers
            .values()
            .fold((0.0, 0.0), |(x, y), position| (x + position.0, y + position.1));
        (x / count, y / count)
    }
}

#[component]
pub fn Map() -> Html {
    let state = use_app_state();
    html! { <MapCanvas ..MapProps::of(&state) /> }
}

/// The map reads the events, the result, its own state, the language and the selected and
/// hovered events: a timeline wheel step does not re-render it.
#[derive(Properties, PartialEq, Clone)]
pub struct MapProps {
    catalog: Shared<Catalog>,
    selection: Shared<Selection>,
    map: MapState,
    /// The filter engine's result the map clusters (the selection may be narrowed to the view).
    filtered: Shared<Selection>,
    clusters: Shared<MapClusters>,
    /// Every link of the dataset, drawn while one of its events passes the filters.
    links: Shared<Vec<MapLink>>,
    lang: Lang,
    selected: Option<String>,
    hovered: Option<String>,
    /// Story mode's events: highlighted, the rest dimmed.
    story_focus: Option<Shared<fixedbitset::FixedBitSet>>,
    /// Story mode's route through its steps' places, and the step being read (0: its title card).
    story_route: Option<Shared<StoryRoute>>,
    story_step: usize,
    dispatcher: UseReducerDispatcher<State>,
}

impl MapProps {
    /// The snapshot of `state` this view reads.
    fn of(state: &AppContext) -> MapProps {
        MapProps {
            dispatcher: state.dispatcher(),
            catalog: state.catalog.clone(),
            selection: state.selection().clone(),
            map: state.map.clone(),
            filtered: state.derived().filtered().clone(),
            clusters: state.derived().clusters().clone(),
            links: state.derived().links().clone(),
            lang: state.lang,
            selected: state.selected.clone(),
            hovered: state.hovered.clone(),
            story_focus: state.story_focus().cloned(),
            story_route: state.story_route().cloned(),
            story_step: state.story.reading.as_ref().map_or(0, |reading| reading.step),
        }
    }
}

/// A client position relative to the element's top-left corner.
fn local_point(element: &Element, client_x: f64, client_y: f64) -> ScreenPoint {
    let rect = element.get_bounding_client_rect();
    ScreenPoint::new(client_x - rect.left(), client_y - rect.top())
}

/// The bounds to query: the view plus a margin on every side.
fn padded_bounds(view: &MapView, size: Viewport) -> health_atlas_geo::LonLatBounds {
    view.visible_bounds(Viewport::new(
        size.width + 2.0 * EDGE_MARGIN,
        size.height + 2.0 * EDGE_MARGIN,
    ))
}

#[component]
fn MapCanvas(props: &MapProps) -> Html {
    let state = props;
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let canvas = use_node_ref();
    let width = use_width(canvas.clone());
    let height = map_height(width);
    let size = Viewport::new(width.max(1.0), height);
    let map = &state.map;
    let view = map.view;
    let gesture = use_mut_ref(Gesture::default);
    // The cluster whose events are listed (all at one place): the map's own, passing state.
    let open_place = use_state_eq(|| None::<ClusterId>);

    // Tell the state the map's size, so fits, reveals and "only in view" use the real one.
    {
        let dispatcher = state.dispatcher.clone();
        use_effect_with((width, height), move |&(width, height)| {
            if width > 0.0 {
                dispatcher.dispatch(Action::Map(MapAction::Resize(Viewport::new(width, height))));
            }
        });
    }

    // Wheel zooms to the pointer (a sideways swipe pans).
    {
        let dispatcher = state.dispatcher.clone();
        use_wheel(
            canvas.clone(),
            Callback::from(move |step: WheelStep| {
                let (horizontal, vertical) = step.in_pixels(400.0);
                if horizontal.abs() > vertical.abs() && !step.is_pinch {
                    dispatcher.dispatch(Action::Map(MapAction::Pan {
                        dx: -horizontal,
                        dy: 0.0,
                    }));
                } else {
                    dispatcher.dispatch(Action::Map(MapAction::Zoom {
                        delta: (-vertical * 0.005).clamp(-1.0, 1.0),
                        anchor: Some(ScreenPoint::new(step.x, step.y)),
                    }));
                }
            }),
        );
    }

    let on_pointer_down = {
        let gesture = Rc::clone(&gesture);
        Callback::from(move |event: PointerEvent| {
            let mut gesture = gesture.borrow_mut();
            if gesture.pointers.is_empty() {
                gesture.travelled = 0.0;
            }
            gesture.pointers.insert(
                event.pointer_id(),
                (f64::from(event.client_x()), f64::from(event.client_y())),
            );
        })
    };
    let on_pointer_move = {
        let gesture = Rc::clone(&gesture);
        let dispatcher = state.dispatcher.clone();
        let canvas = canvas.clone();
        Callback::from(move |event: PointerEvent| {
            let mut gesture = gesture.borrow_mut();
            let Some(&(last_x, last_y)) = gesture.pointers.get(&event.pointer_id()) else {
                return;
            };
            let Some(element) = canvas.cast::<Element>() else {
                return;
            };
            let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
            let pinch_before = gesture.pinch_distance();
            let middle_before = gesture.middle();
            gesture.pointers.insert(event.pointer_id(), (x, y));
            gesture.travelled += (x - last_x).abs() + (y - last_y).abs();
            if !gesture.is_drag() {
                return;
            }
            // Capture only once it is a drag, so a plain click still reaches what was clicked.
            let _ = element.set_pointer_capture(event.pointer_id());
            match (pinch_before, gesture.pinch_distance()) {
                (Some(before), Some(after)) if gesture.pointers.len() == 2 && before > 1.0 && after > 1.0 => {
                    // Two fingers: zoom by their spread around their middle, and follow the
                    // middle as it moves.
                    let middle = gesture.middle();
                    dispatcher.dispatch(Action::Map(MapAction::Pan {
                        dx: middle.0 - middle_before.0,
                        dy: middle.1 - middle_before.1,
                    }));
                    dispatcher.dispatch(Action::Map(MapAction::Zoom {
                        delta: (after / before).log2(),
                        anchor: Some(local_point(&element, middle.0, middle.1)),
                    }));
                }
                _ => dispatcher.dispatch(Action::Map(MapAction::Pan {
                    dx: x - last_x,
                    dy: y - last_y,
                })),
            }
        })
    };
    let on_pointer_up = {
        let gesture = Rc::clone(&gesture);
        Callback::from(move |event: PointerEvent| {
            gesture.borrow_mut().pointers.remove(&event.pointer_id());
        })
    };

    // One set of listeners on the whole drawing instead of several per marker: markers and
    // clusters carry what a click needs in data attributes, and this finds them from the target.
    let on_click = {
        let dispatcher = state.dispatcher.clone();
        let gesture = Rc::clone(&gesture);
        let state = state.clone();
        let open_place = open_place.clone();
        Callback::from(move |event: MouseEvent| {
            if gesture.borrow().is_drag() {
                return;
            }
            if let Some(id) = target_data(&event, "data-event-id") {
                dispatcher.dispatch(Action::SelectEvent(id));
            } else if let Some(cluster) = target_data(&event, "data-cluster-id") {
                let Ok(cluster) = cluster.parse::<u64>().map(ClusterId::from_u64) else {
                    return;
                };
                let map = &state.map;
                let clusters = &state.clusters;
                let Ok(zoom) = clusters.index.expansion_zoom(cluster) else {
                    return;
                };
                if f64::from(zoom) > MAP_ZOOM_LIMITS.max {
                    // All at one place: zooming would never split it, so list its events.
                    open_place.set(Some(cluster));
                    return;
                }
                let position = clusters
                    .index
                    .clusters(&padded_bounds(&map.view, map.size()), map.view.zoom())
                    .into_iter()
                    .find(|item| matches!(item, ClusterItem::Cluster { id, .. } if *id == cluster))
                    .map(|item| item.position());
                if let Some(position) = position {
                    dispatcher.dispatch(Action::Map(MapAction::SetView(MapView::new(
                        position,
                        f64::from(zoom),
                        MAP_ZOOM_LIMITS,
                    ))));
                }
                open_place.set(None);
            } else {
                open_place.set(None);
            }
        })
    };
    let (on_pointer_over, on_pointer_leave) = hover_listeners(state.dispatcher.clone());
    let on_key = {
        let dispatcher = state.dispatcher.clone();
        let open_place = open_place.clone();
        Callback::from(move |event: KeyboardEvent| {
            let action = match event.key().as_str() {
                "ArrowLeft" => Action::Map(MapAction::Pan { dx: KEY_PAN, dy: 0.0 }),
                "ArrowRight" => Action::Map(MapAction::Pan { dx: -KEY_PAN, dy: 0.0 }),
                "ArrowUp" => Action::Map(MapAction::Pan { dx: 0.0, dy: KEY_PAN }),
                "ArrowDown" => Action::Map(MapAction::Pan { dx: 0.0, dy: -KEY_PAN }),
                "+" | "=" => Action::Map(MapAction::Zoom {
                    delta: 1.0,
                    anchor: None,
                }),
                "-" | "_" => Action::Map(MapAction::Zoom {
                    delta: -1.0,
                    anchor: None,
                }),
                "Home" => Action::Map(MapAction::Fit(MapFit::All)),
                "Escape" => {
                    open_place.set(None);
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            dispatcher.dispatch(action);
        })
    };

    // Zoom buttons show a glyph and are named for screen readers; fit buttons say what they do.
    let button = |label: Message, glyph: Option<&'static str>, action: fn() -> Action| {
        let dispatcher = state.dispatcher.clone();
        tool_button(
            text(label),
            glyph,
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(action())),
        )
    };
    let on_only_in_view = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(Action::Map(MapAction::ShowOnlyInView(input.checked())));
        })
    };

    // The events to mark: found once per selection or hover, not per marker.
    let selected_index = use_memo((state.catalog.clone(), state.selected.clone()), |(catalog, id)| {
        event_index(catalog, id.as_deref())
    });
    let hovered_index = use_memo((state.catalog.clone(), state.hovered.clone()), |(catalog, id)| {
        event_index(catalog, id.as_deref())
    });

    // A maintainer's basemap once it is read; the built-in one meanwhile and if it fails, once
    // that has arrived. Each file that failed says why above the map.
    let shipped = match &map.shipped {
        ShippedBasemap::Loaded(basemap) => Rc::clone(basemap),
        ShippedBasemap::Loading | ShippedBasemap::Failed { .. } => NO_BASEMAP.with(Rc::clone),
    };
    let mut failed_files = Vec::new();
    if let ShippedBasemap::Failed { url, errors } = &map.shipped {
        failed_files.push((Message::BuiltInBasemapFailed, url, errors));
    }
    let drawn_basemap = match &map.basemap {
        BasemapSource::Loaded { basemap, .. } => Rc::clone(basemap),
        BasemapSource::Failed { url, errors } => {
            failed_files.push((Message::BasemapFailed, url, errors));
            shipped
        }
        BasemapSource::Shipped | BasemapSource::Loading { .. } => shipped,
    };
    let attribution = match &map.basemap {
        BasemapSource::Loaded { basemap, .. } => basemap.attribution.clone(),
        _ => Some(text(Message::MapAttribution).to_owned()),
    };
    let basemap_alerts: Html = failed_files
        .into_iter()
        .map(|(heading, url, errors)| {
            html! {
                <div class="ha-alert ha-basemap-failed" role="alert">
                    <strong>{ text(heading) }</strong>{ " " }<code>{ url }</code>
                    <ul>{ for errors.iter().map(|error| html! { <li>{ health_atlas_explore::i18n::load_error_text(error, lang) }</li> }) }</ul>
                </div>
            }
        })
        .collect();

    let help_id = "ha-map-help";
    let drawing = (width > 0.0).then(|| {
        let clusters = &state.clusters;
        let items = clusters.index.clusters(&padded_bounds(&view, size), view.zoom());
        let markers = screen_markers(&items, &view, size);
        let marked = |event: Option<usize>| {
            event
                .into_iter()
                .flat_map(|event| clusters.items_showing(event, view.zoom()))
                .filter_map(|item| match item {
                    ClusterItem::Cluster { id, .. } => Some(id),
                    ClusterItem::Point { .. } => None,
                })
        };
        let story_clusters = cluster_set(
            state
                .story_focus
                .iter()
                .flat_map(|focus| focus.ones())
                .flat_map(|event| marked(Some(event))),
        );
        let marks = Marks {
            selected: *selected_index,
            hovered: *hovered_index,
            selected_clusters: cluster_set(marked(*selected_index)),
            hovered_clusters: cluster_set(marked(*hovered_index)),
            story: state.story_focus.clone(),
            story_clusters,
        };
        let popover = (*open_place).and_then(|open| {
            let marker = markers
                .iter()
                .find(|marker| matches!(marker.item, ClusterItem::Cluster { id, .. } if id == open))?;
            Some(draw_popover(state, open, marker.at, marker.radius, size))
        });
        html! {
            <svg class="ha-map-svg" width={fmt(width)} height={fmt(height)} data-zoom={format!("{:.2}", view.zoom())}
                data-center={format!("{:.4},{:.4}", view.center().lon, view.center().lat)}
                onclick={on_click} onpointerover={on_pointer_over} onpointerleave={on_pointer_leave}>
                <BasemapLayer view={view} width={width} height={height} lang={lang} basemap={Shared::from(drawn_basemap)} />
                { draw_links(&state.filtered, &state.links, &marks, &view, size) }
                { state.story_route.as_ref().map(|route| draw_story_route(route, state.story_step, &view, size)).unwrap_or_default() }
                { draw_markers(state, &markers, &marks) }
                { popover.unwrap_or_default() }
            </svg>
        }
    });

    html! {
        <section class="ha-region ha-map" aria-labelledby="ha-map-heading">
            <div class="ha-region-head">
                <h2 id="ha-map-heading">{ text(Message::MapHeading) }</h2>
                <div class="ha-toolbar" role="toolbar" aria-label={text(Message::MapHeading)}>
                    { button(Message::ZoomIn, Some("+"), || Action::Map(MapAction::Zoom { delta: 1.0, anchor: None })) }
                    { button(Message::ZoomOut, Some("−"), || Action::Map(MapAction::Zoom { delta: -1.0, anchor: None })) }
                    { button(Message::FitAll, None, || Action::Map(MapAction::Fit(MapFit::All))) }
                    { button(Message::FitFiltered, None, || Action::Map(MapAction::Fit(MapFit::Filtered))) }
                    <label class="ha-toggle">
                        <input type="checkbox" class="ha-only-in-view" checked={map.only_in_view} onchange={on_only_in_view} />
                        { text(Message::OnlyInMapView) }
                    </label>
                </div>
            </div>
            { basemap_alerts }
            <p id={help_id} class="ha-visually-hidden">{ text(Message::MapHelp) }</p>
            <div ref={canvas} class="ha-map-canvas" tabindex="0" role="group"
                aria-roledescription={text(Message::MapHeading)} aria-label={text(Message::MapLabel)}
                aria-describedby={help_id} onkeydown={on_key}
                onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}>
                { drawing.unwrap_or_default() }
                if let Some(attribution) = attribution {
                    <p class="ha-map-attribution">{ attribution }</p>
                }
            </div>
        </section>
    }
}

/// The index of the event with `id` in the catalog, for matching against cluster leaves.
fn event_index(catalog: &Catalog, id: Option<&str>) -> Option<usize> {
    let id = id?;
    catalog.events().iter().position(|event| event.id == id)
}

/// The clusters of `clusters`, sorted and each once, for [`Marks`]' binary searches: a sorted
/// list rather than a `BTreeSet`, whose code of its own the first render would carry.
fn cluster_set(clusters: impl Iterator<Item = ClusterId>) -> Vec<ClusterId> {
    let mut clusters: Vec<ClusterId> = clusters.collect();
    health_atlas_model::order::sort_by(&mut clusters, ClusterId::cmp);
    clusters.dedup();
    clusters
}

/// Which events and clusters are drawn as selected or hovered.
struct Marks {
    selected: Option<usize>,
    hovered: Option<usize>,
    selected_clusters: Vec<ClusterId>,
    hovered_clusters: Vec<ClusterId>,
    /// Story mode's events, and the clusters holding one.
    story: Option<Shared<fixedbitset::FixedBitSet>>,
    story_clusters: Vec<ClusterId>,
}

impl Marks {
    fn is_marked(&self, item: &ClusterItem) -> bool {
        match item {
            ClusterItem::Point { event, .. } => {
                let event = Some(*event as usize);
                event == self.selected || event == self.hovered
            }
            ClusterItem::Cluster { id, .. } => {
                self.selected_clusters.binary_search(id).is_ok() || self.hovered_clusters.binary_search(id).is_ok()
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct BasemapProps {
    view: MapView,
    width: f64,
    height: f64,
    lang: Lang,
    basemap: Shared<Basemap>,
}

/// The basemap and its names. A component of its own so that hovering, selecting or a new
/// filter result (nothing that moves the map) does not render it.
///
/// Writing the outlines' path data is the costly part (about 250 features, thousands of
/// points), so it is not redone for every frame of a drag, a wheel or a pinch: the outlines are
/// written once for a [`DrawingFrame`] (the view plus half a screen on every side) by
/// [`BasemapShapes`], and nearby views show the same paths moved and scaled by a `transform`
/// on their group. A new frame is drawn only when the view leaves the frame's area or moves a
/// zoom level away from it. Names are placed for the exact view on every render: they must not
/// scale, and placing them is cheap.
#[component]
fn BasemapLayer(props: &BasemapProps) -> Html {
    let basemap = &props.basemap;
    let view = props.view;
    let size = Viewport::new(props.width, props.height);
    // The frame the shapes were last drawn for, kept between renders: only this component's
    // renders read and replace it, so it needs no state update (and no extra render).
    let kept_frame = use_mut_ref(|| DrawingFrame::around(view, size));
    let (frame, transform) = {
        let mut kept = kept_frame.borrow_mut();
        let (frame, transform) = kept.reused_for(view, size);
        *kept = frame;
        (frame, transform)
    };
    let zoom = view.zoom();
    let on_screen =
        |point: ScreenPoint| (0.0..=size.width).contains(&point.x) && (0.0..=size.height).contains(&point.y);
    let provinces_named = zoom >= PROVINCE_LABEL_ZOOM;
    let labels: Vec<Html> = basemap
        .features
        .iter()
        .filter_map(|feature| {
            let is_country = layer_of(feature) == Layer::Base;
            let named_by_provinces = is_country
                && provinces_named
                && feature
                    .iso
                    .as_deref()
                    .is_some_and(|iso| COUNTRIES_WITH_PROVINCES.contains(&iso));
            let label_zoom = if is_country {
                feature.label_min_zoom()
            } else {
                feature.label_min_zoom().max(PROVINCE_LABEL_ZOOM)
            };
            if layer_of(feature) == Layer::Inset || named_by_provinces || zoom < label_zoom {
                return None;
            }
            let at = view.world_to_screen(view.nearest_copy(feature.label_at), size);
            let name = feature.names.best(props.lang);
            if name.is_empty() || !on_screen(at) {
                return None;
            }
            Some(html! {
                <text class={if is_country { "ha-map-label" } else { "ha-map-label ha-map-label-province" }}
                    x={fmt(at.x)} y={fmt(at.y)}>{ name.to_owned() }</text>
            })
        })
        .collect();
    // Six decimals of scale: a tenth of a pixel across a frame thousands of pixels wide.
    let transform = format!(
        "translate({} {}) scale({:.6})",
        fmt(transform.x),
        fmt(transform.y),
        transform.scale
    );
    html! {
        <g class="ha-basemap" aria-hidden="true">
            <rect class="ha-basemap-sea" width={fmt(size.width)} height={fmt(size.height)} />
            <g class="ha-basemap-shapes" {transform}>
                <BasemapShapes {frame} basemap={props.basemap.clone()} />
            </g>
            <g class="ha-map-labels">{ for labels }</g>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct BasemapShapesProps {
    frame: DrawingFrame,
    basemap: Shared<Basemap>,
}

/// The outlines of one frame, in frame pixels. Its props are all its path data depends on, so
/// Yew renders it (and writes the paths) only when the frame or the basemap changes: while a
/// gesture stays within the frame, only the parent's `transform` changes. Strokes keep their
/// width when the group is scaled (`vector-effect`).
#[component]
fn BasemapShapes(props: &BasemapShapesProps) -> Html {
    let (view, area) = (props.frame.view(), props.frame.area());
    let mut countries = Vec::new();
    let mut overlays = Vec::new();
    for feature in &props.basemap.features {
        let data = feature.path_data(&view, area);
        if data.is_empty() {
            continue;
        }
        let layer = layer_of(feature);
        let class = match layer {
            Layer::Base => "ha-basemap-country",
            Layer::Province => "ha-basemap-province",
            Layer::Inset => "ha-basemap-inset",
        };
        let path = html! { <path class={class} d={data} vector-effect="non-scaling-stroke" /> };
        if layer == Layer::Base {
            countries.push(path);
        } else {
            overlays.push(path);
        }
    }
    html! {
        <g data-features={(countries.len() + overlays.len()).to_string()}>
            { for countries }
            { for overlays }
        </g>
    }
}

/// Partnership arcs and visit routes of events that pass the filters, those of the selected
/// or hovered event drawn strong.
fn draw_links(filtered: &Selection, links: &[MapLink], marks: &Marks, view: &MapView, size: Viewport) -> Html {
    let visible = &filtered.visible;
    // A link is drawn when some stop is near the view; a great circle bows, so be generous.
    let near = |position: &LonLat| {
        let point = view.to_screen(*position, size);
        (-size.width..=2.0 * size.width).contains(&point.x) && (-size.height..=2.0 * size.height).contains(&point.y)
    };
    let links = links
        .iter()
        .filter(|link| link.events.iter().any(|&event| visible.contains(event as usize)))
        .filter(|link| link.stops.iter().any(near))
        .take(MAX_LINKS)
        .map(|link| {
            let data = match link.kind {
                LinkKind::Partnership => arc_path(link.stops[0], link.stops[link.stops.len() - 1], view, size),
                LinkKind::Route => route_path(&link.stops, view, size),
            };
            let active = link
                .events
                .iter()
                .any(|&event| Some(event as usize) == marks.selected || Some(event as usize) == marks.hovered);
            let classes = classes!(
                "ha-link",
                match link.kind {
                    LinkKind::Partnership => "ha-link-partnership",
                    LinkKind::Route => "ha-link-route",
                },
                active.then_some("ha-link-active"),
            );
            html! { <path class={classes} d={data} /> }
        });
    html! { <g class="ha-links" aria-hidden="true">{ for links }</g> }
}

/// A story's route: a faint line through its steps' places, and the leg into the step being
/// read drawn strong with an arrowhead (the step's text says where it is; this shows the way).
fn draw_story_route(route: &StoryRoute, step: usize, view: &MapView, size: Viewport) -> Html {
    let line = route.line();
    let leg = route.leg_into(step).map(|leg| {
        let shape = leg.shape(view, size);
        let point = |point: ScreenPoint| format!("{},{}", fmt(point.x), fmt(point.y));
        html! {
            <g class="ha-story-leg" data-from-step={leg.from.step.to_string()} data-to-step={leg.to.step.to_string()}
                data-from={point(shape.start)} data-to={point(shape.end)}>
                <path class="ha-story-leg-line" d={shape.line} />
                <path class="ha-story-leg-arrow" d={shape.arrow} />
            </g>
        }
    });
    html! {
        <g class="ha-story-route" aria-hidden="true">
            if line.len() >= 2 {
                <path class="ha-story-route-line" d={route_path(&line, view, size)} />
            }
            { leg.unwrap_or_default() }
        </g>
    }
}

/// Clusters and markers, the marked ones last so that they are drawn on top.
fn draw_markers(state: &MapProps, markers: &[health_atlas_geo::ScreenMarker], marks: &Marks) -> Html {
    let lang = state.lang;
    let events = state.catalog.events();
    let max_zoom = MAP_ZOOM_LIMITS.max;
    let index = &state.clusters.index;
    let draw = |marker: &health_atlas_geo::ScreenMarker| -> Html {
        let transform = format!("translate({} {})", fmt(marker.at.x), fmt(marker.at.y));
        match marker.item {
            ClusterItem::Cluster { id, count, .. } => {
                let same_place = index.expansion_zoom(id).is_ok_and(|zoom| f64::from(zoom) > max_zoom);
                let classes = classes!(
                    "ha-cluster",
                    same_place.then_some("ha-cluster-place"),
                    marks
                        .selected_clusters
                        .binary_search(&id)
                        .is_ok()
                        .then_some("ha-cluster-selected"),
                    marks
                        .hovered_clusters
                        .binary_search(&id)
                        .is_ok()
                        .then_some("ha-cluster-hovered"),
                    marks
                        .story_clusters
                        .binary_search(&id)
                        .is_ok()
                        .then_some("ha-story-focus"),
                );
                html! {
                    <g class={classes} data-cluster-id={id.as_u64().to_string()} data-count={count.to_string()} {transform}>
                        <title>{ cluster_title(count as usize, same_place, lang) }</title>
                        <circle r={fmt(marker.radius)} />
                        <text dy="0.35em">{ compact_count(count as usize, lang) }</text>
                    </g>
                }
            }
            ClusterItem::Point { event, .. } => {
                let Some(details) = events.get(event as usize) else {
                    return Html::default();
                };
                let title = details.title.best(lang);
                let dates = details
                    .dates()
                    .map(|dates| format_dates(dates, lang))
                    .unwrap_or_default();
                let top = state.selection.is_top_match(event as usize);
                let classes = classes!(
                    "ha-map-marker",
                    format!("ha-cat-{}", details.category.slug()),
                    top.then_some("ha-map-marker-top"),
                    (Some(event as usize) == marks.selected).then_some("ha-map-marker-selected"),
                    (Some(event as usize) == marks.hovered).then_some("ha-map-marker-hovered"),
                    marks
                        .story
                        .as_ref()
                        .is_some_and(|focus| focus.contains(event as usize))
                        .then_some("ha-story-focus"),
                );
                html! {
                    <g class={classes} data-event-id={details.id.clone()} {transform}>
                        <title>{ super::timeline::top_match_title(title, &dates, top, lang) }</title>
                        <circle class="ha-map-marker-hit" r={fmt(marker_radius(&marker.item) + 4.0)} />
                        <path class="ha-marker" d={category_shape(details.category)} transform="scale(1.4)" />
                    </g>
                }
            }
        }
    };
    let plain = markers.iter().filter(|marker| !marks.is_marked(&marker.item)).map(draw);
    let marked = markers.iter().filter(|marker| marks.is_marked(&marker.item)).map(draw);
    html! { <g class="ha-markers">{ for plain }{ for marked }</g> }
}

/// The list of events at one place, beside its cluster: buttons that open each event.
fn draw_popover(state: &MapProps, cluster: ClusterId, at: ScreenPoint, radius: f64, size: Viewport) -> Html {
    let lang = state.lang;
    let events = state.catalog.events();
    let mut leaves = state
        .clusters
        .index
        .leaves(cluster, MAX_LISTED + 1, 0)
        .unwrap_or_default();
    // An event with two places here is one entry; the list reads in date order.
    leaves.sort_unstable();
    leaves.dedup();
    health_atlas_model::order::sort_by(&mut leaves, |&first, &second| {
        let key = |event: u32| events.get(event as usize).map(|event| (event.start, &event.id));
        key(first).cmp(&key(second))
    });
    let more = leaves.len() > MAX_LISTED;
    leaves.truncate(MAX_LISTED);
    // Room for titles on two lines and their dates; past the map's height the list scrolls.
    let height = (44.0 + 64.0 * leaves.len() as f64 + if more { 24.0 } else { 0.0 }).min(size.height - 8.0);
    let x = (at.x + radius + 6.0).min(size.width - POPOVER_WIDTH - 4.0).max(4.0);
    let y = (at.y - 20.0).min(size.height - height - 4.0).max(4.0);
    let items = leaves.iter().filter_map(|&event| {
        let event = events.get(event as usize)?;
        let dates = event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();
        Some(html! {
            <li>
                <button type="button" class={classes!("ha-map-popover-item", format!("ha-cat-{}", event.category.slug()))}
                    data-event-id={event.id.clone()}>
                    <span class="ha-map-popover-title">{ event.title.best(lang).to_owned() }</span>
                    <span class="ha-map-popover-date">{ dates }</span>
                </button>
            </li>
        })
    });
    html! {
        <foreignObject x={fmt(x)} y={fmt(y)} width={fmt(POPOVER_WIDTH)} height={fmt(height)}>
            // The namespace makes Yew create HTML here: inside <svg> it would create SVG elements.
            <div xmlns="http://www.w3.org/1999/xhtml" class="ha-map-popover" role="dialog"
                aria-label={Message::EventsAtPlace.text(lang)}>
                <p class="ha-map-popover-head">{ Message::EventsAtPlace.text(lang) }</p>
                <ul>{ for items }</ul>
                if more {
                    <p class="ha-muted">{ "…" }</p>
                }
            </div>
        </foreignObject>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_basemap_decodes_with_countries_provinces_and_names() {
        // The files the app fetches (`loader::SHIPPED_BASEMAP_FILES`), decoded and merged as it does.
        assert_eq!(
            crate::app::loader::SHIPPED_BASEMAP_FILES,
            ["basemap/world.topo.json", "basemap/china.topo.json"]
        );
        let basemap = Basemap::merged([
            Basemap::from_topojson(include_str!("../../../www/basemap/world.topo.json")).unwrap(),
            Basemap::from_topojson(include_str!("../../../www/basemap/china.topo.json")).unwrap(),
        ]);
        let count = |layer: &str| basemap.features.iter().filter(|feature| feature.layer == layer).count();
        // Natural Earth 1:110m has 177 countries (www/basemap/README.md).
        assert!(count("countries") >= 170, "{}", count("countries"));
        assert_eq!(count("provinces"), 34);
        let shanghai = basemap
            .features
            .iter()
            .find(|feature| feature.iso.as_deref() == Some("CN-31"))
            .expect("Shanghai is a province-level division");
        assert_eq!(shanghai.names.best(Lang::Zh), "上海");
        // Countries come first, so provinces are drawn over them.
        let first_province = basemap.features.iter().position(|feature| feature.layer == "provinces");
        let last_country = basemap
            .features
            .iter()
            .rposition(|feature| feature.layer == "countries");
        assert!(first_province > last_country);
    }
}
