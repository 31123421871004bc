//! Who works with whom: the network laid out in Rust (`insights::layout`, seeded from the
//! previous layout so that nodes stay put when the filters change), drawn in SVG with zoom
//! and pan. Pointing at or focusing a node shows its neighbours; a click or Enter toggles
//! that organisation or person in the filters.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::chart_frame::{ChartFrame, Files};
use super::{value_name, Context, InsightsProps};
use crate::app::components::delegation::target_data;
use crate::app::hooks::{use_wheel, use_width, WheelStep};
use health_atlas_explore::i18n::{event_count, format_count, network_summary, InsightMessage, Message};
use health_atlas_explore::insights::export::{csv_of, network_svg};
use health_atlas_explore::insights::InsightRequest;
use health_atlas_explore::insights::{layout, network, Layout, Network};
use health_atlas_explore::query::{facet_label, Facet};

/// At most this many nodes are drawn: the strongest, with a note saying so.
pub const NODE_LIMIT: usize = 150;
/// Nodes named on the drawing without pointing at them.
const NAMED: usize = 12;

#[derive(Properties, PartialEq)]
pub struct NetworkProps {
    pub insights: InsightsProps,
    pub context: Context,
}

/// The reader's zoom and pan, applied over the fitted drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
struct View {
    scale: f64,
    x: f64,
    y: f64,
}

const HOME: View = View {
    scale: 1.0,
    x: 0.0,
    y: 0.0,
};

impl View {
    fn zoomed(self, factor: f64, (at_x, at_y): (f64, f64)) -> View {
        let scale = (self.scale * factor).clamp(0.5, 8.0);
        let factor = scale / self.scale;
        View {
            scale,
            x: at_x - (at_x - self.x) * factor,
            y: at_y - (at_y - self.y) * factor,
        }
    }
}

#[component]
pub fn NetworkChart(props: &NetworkProps) -> Html {
    let insights = &props.insights;
    let lang = insights.lang;
    let graph: Rc<Network> = use_memo(
        (
            insights.catalog.clone(),
            insights.filters.clone(),
            insights.within.clone(),
            props.context.index.clone(),
        ),
        |(catalog, filters, within, index)| {
            network(index, catalog, filters, within.as_deref().map(|set| &**set), NODE_LIMIT)
        },
    );
    // The last layout, where the next one starts from.
    let previous = use_mut_ref(|| None::<Layout>);
    let placed: Rc<Layout> = {
        let previous = previous.clone();
        use_memo(graph.clone(), move |graph| {
            let placed = layout(graph, previous.borrow().as_ref());
            *previous.borrow_mut() = Some(placed.clone());
            placed
        })
    };
    let wrap = use_node_ref();
    let svg_ref = use_node_ref();
    let width = use_width(wrap.clone()).max(280.0);
    let height = width.min(480.0);
    let view = use_state_eq(|| HOME);
    let focused = use_state_eq(|| None::<usize>);
    let cursor = use_state_eq(|| 0usize);
    let pan = use_mut_ref(|| None::<(f64, f64, View)>);
    let labels = props.context.labels.clone();
    let names: Vec<String> = graph
        .nodes
        .iter()
        .map(|node| value_name(node.facet, &node.key, lang, &labels))
        .collect();
    let neighbours: Vec<Vec<(usize, u32)>> = {
        let mut lists = vec![Vec::new(); graph.nodes.len()];
        for edge in &graph.edges {
            lists[edge.a as usize].push((edge.b as usize, edge.weight));
            lists[edge.b as usize].push((edge.a as usize, edge.weight));
        }
        // Strongest first: weight and node packed in one number, so the sort is the `u64` one
        // the insights' numbers use.
        for list in &mut lists {
            let mut packed: Vec<u64> = list
                .iter()
                .map(|&(other, weight)| u64::from(u32::MAX - weight) << 32 | other as u64)
                .collect();
            packed.sort_unstable();
            *list = packed
                .into_iter()
                .map(|key| ((key & 0xffff_ffff) as usize, u32::MAX - (key >> 32) as u32))
                .collect();
        }
        lists
    };

    {
        let view = view.clone();
        use_wheel(
            svg_ref.clone(),
            Callback::from(move |step: WheelStep| {
                let (_, vertical) = step.in_pixels(step.width);
                view.set(view.zoomed((-vertical * 0.002).clamp(-1.0, 1.0).exp(), (step.x, step.y)));
            }),
        );
    }
    let toggle = {
        let (on_request, graph) = (insights.on_request.clone(), graph.clone());
        move |index: usize| {
            if let Some(node) = graph.nodes.get(index) {
                on_request.emit(InsightRequest::ToggleFacet {
                    facet: node.facet,
                    key: node.key.clone(),
                });
            }
        }
    };
    let node_of =
        |event: &web_sys::Event| target_data(event, "data-node").and_then(|index| index.parse::<usize>().ok());
    let on_down = {
        let (pan, view, drawing) = (pan.clone(), view.clone(), svg_ref.clone());
        Callback::from(move |event: PointerEvent| {
            if node_of(&event).is_none() && event.button() == 0 {
                // On the drawing itself (Yew's delegated listeners sit on the app's root).
                if let Some(svg) = drawing.cast::<Element>() {
                    let _ = svg.set_pointer_capture(event.pointer_id());
                }
                *pan.borrow_mut() = Some((f64::from(event.client_x()), f64::from(event.client_y()), *view));
            }
        })
    };
    let on_move = {
        let (pan, view) = (pan.clone(), view.clone());
        Callback::from(move |event: PointerEvent| {
            if let Some((x, y, start)) = *pan.borrow() {
                view.set(View {
                    x: start.x + f64::from(event.client_x()) - x,
                    y: start.y + f64::from(event.client_y()) - y,
                    ..start
                });
            }
        })
    };
    let on_up = {
        let pan = pan.clone();
        Callback::from(move |_: PointerEvent| *pan.borrow_mut() = None)
    };
    let on_click = {
        let (toggle, cursor) = (toggle.clone(), cursor.clone());
        Callback::from(move |event: MouseEvent| {
            if let Some(index) = node_of(&event) {
                cursor.set(index);
                toggle(index);
            }
        })
    };
    let on_over = {
        let focused = focused.clone();
        Callback::from(move |event: PointerEvent| focused.set(node_of(&event)))
    };
    let on_leave = {
        let focused = focused.clone();
        Callback::from(move |_: PointerEvent| focused.set(None))
    };
    let count = graph.nodes.len();
    let on_key = {
        let (cursor, focused) = (cursor.clone(), focused.clone());
        Callback::from(move |event: KeyboardEvent| {
            if count == 0 {
                return;
            }
            let at = (*cursor).min(count - 1);
            let next = match event.key().as_str() {
                "ArrowRight" | "ArrowDown" => (at + 1).min(count - 1),
                "ArrowLeft" | "ArrowUp" => at.saturating_sub(1),
                "Home" => 0,
                "End" => count - 1,
                "Enter" | " " => {
                    event.prevent_default();
                    toggle(at);
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            cursor.set(next);
            focused.set(Some(next));
        })
    };
    let zoom_by = |factor: f64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(view.zoomed(factor, (width / 2.0, height / 2.0))))
    };
    let reset = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(HOME))
    };

    // Fit the layout into the drawing, then apply the reader's zoom and pan.
    let (mut low_x, mut low_y, mut high_x, mut high_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for point in &placed.points {
        (low_x, low_y, high_x, high_y) = (
            low_x.min(point.x),
            low_y.min(point.y),
            high_x.max(point.x),
            high_y.max(point.y),
        );
    }
    let margin = 24.0;
    let fit =
        ((width - 2.0 * margin) / (high_x - low_x).max(1.0)).min((height - 2.0 * margin) / (high_y - low_y).max(1.0));
    let (offset_x, offset_y) = (
        (width - (high_x - low_x) * fit) / 2.0,
        (height - (high_y - low_y) * fit) / 2.0,
    );
    let at = |index: usize| {
        let point = placed.points.get(index).copied().unwrap_or_default();
        (
            view.x + view.scale * (offset_x + (point.x - low_x) * fit),
            view.y + view.scale * (offset_y + (point.y - low_y) * fit),
        )
    };
    let lit: Option<Vec<usize>> = focused.filter(|&index| index < count).map(|index| {
        std::iter::once(index)
            .chain(neighbours[index].iter().map(|(other, _)| *other))
            .collect()
    });
    let is_lit = |index: usize| lit.as_ref().is_none_or(|lit| lit.contains(&index));
    let at_cursor = (*cursor).min(count.saturating_sub(1));
    let node_label = |index: usize| {
        let node = &graph.nodes[index];
        format!(
            "{} ({}): {}",
            names[index],
            facet_label(node.facet, lang),
            event_count(node.events as usize, lang)
        )
    };
    let edges = graph.edges.iter().map(|edge| {
        let ((x1, y1), (x2, y2)) = (at(edge.a as usize), at(edge.b as usize));
        let touches = focused.is_none_or(|index| edge.a as usize == index || edge.b as usize == index);
        html! {
            <line class={classes!("ha-edge", (!touches).then_some("ha-dim"))} x1={format!("{x1:.1}")} y1={format!("{y1:.1}")}
                x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} stroke-width={format!("{:.1}", (1.0 + f64::from(edge.weight).ln()).min(5.0))} />
        }
    });
    let nodes = graph.nodes.iter().enumerate().map(|(index, node)| {
        let (x, y) = at(index);
        let radius = 3.0 + f64::from(node.events).sqrt().min(8.0);
        let shape = if node.facet == Facet::Person {
            html! { <rect x={format!("{:.1}", x - radius)} y={format!("{:.1}", y - radius)} width={format!("{:.1}", 2.0 * radius)} height={format!("{:.1}", 2.0 * radius)} /> }
        } else {
            html! { <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={format!("{radius:.1}")} /> }
        };
        let label = node_label(index);
        let named = index < NAMED || *focused == Some(index) || lit.as_ref().is_some_and(|lit| lit.contains(&index));
        html! {
            <g class={classes!("ha-node", if node.facet == Facet::Person { "ha-node-person" } else { "ha-node-org" },
                    node.selected.then_some("ha-node-selected"), (!is_lit(index)).then_some("ha-dim"),
                    (index == at_cursor).then_some("ha-cursor"))}
                data-node={index.to_string()}>
                <title>{ label }</title>
                { shape }
                if named {
                    <text x={format!("{:.1}", x + radius + 3.0)} y={format!("{:.1}", y + 4.0)} aria-hidden="true">{ names[index].clone() }</text>
                }
            </g>
        }
    });
    let neighbour_text = focused.filter(|&index| index < count).map(|index| {
        let list: Vec<String> = neighbours[index]
            .iter()
            .take(8)
            .map(|&(other, weight)| format!("{} ({})", names[other], format_count(weight as usize, lang)))
            .collect();
        format!(
            "{}: {} {}",
            names[index],
            InsightMessage::Linked.text(lang),
            list.join(", ")
        )
    });
    let title = InsightMessage::Network.text(lang).to_owned();
    let chart = if count == 0 {
        html! { <div ref={wrap}><p class="ha-muted">{ InsightMessage::NothingToChart.text(lang) }</p></div> }
    } else {
        html! {
            <>
                <p class="ha-muted ha-insight-help" id="ha-network-help">{ InsightMessage::NetworkHelp.text(lang) }</p>
                <div class="ha-network-wrap" ref={wrap}>
                    <svg class="ha-network" ref={svg_ref} width={width.to_string()} height={height.to_string()} role="group" tabindex="0"
                        aria-label={title.clone()} aria-describedby="ha-network-help"
                        onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}
                        onclick={on_click} onpointerover={on_over} onpointerleave={on_leave} onkeydown={on_key}>
                        <rect class="ha-network-back" width={width.to_string()} height={height.to_string()} />
                        <g class="ha-edges">{ for edges }</g>
                        { for nodes }
                    </svg>
                </div>
                <p class="ha-network-neighbours" aria-live="polite">{ neighbour_text.unwrap_or_default() }</p>
            </>
        }
    };
    let table = html! {
        <table class="ha-table">
            <caption class="ha-visually-hidden">{ title.clone() }</caption>
            <thead><tr>
                <th scope="col">{ facet_label(Facet::Organisation, lang) }{ " / " }{ facet_label(Facet::Person, lang) }</th>
                <th scope="col">{ InsightMessage::Events.text(lang) }</th>
                <th scope="col">{ InsightMessage::Linked.text(lang) }</th>
            </tr></thead>
            <tbody>
                { for graph.nodes.iter().enumerate().map(|(index, node)| html! {
                    <tr>
                        <th scope="row">{ format!("{} ({})", names[index], facet_label(node.facet, lang)) }</th>
                        <td>{ format_count(node.events as usize, lang) }</td>
                        <td>{ neighbours[index].iter().take(5).map(|&(other, weight)| format!("{} ({weight})", names[other])).collect::<Vec<_>>().join(", ") }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    };
    let summary = match graph.nodes.first() {
        Some(_) => network_summary(count, graph.total_nodes, graph.edges.len(), &names[0], lang),
        None => InsightMessage::NothingToChart.text(lang).to_owned(),
    };
    let files = Files {
        name: "network",
        svg: {
            let (graph, placed, names, title) = (graph.clone(), placed.clone(), names.clone(), title.clone());
            Callback::from(move |_| network_svg(&title, &graph, &placed, &names))
        },
        csv: {
            let graph = graph.clone();
            let who = format!(
                "{} / {}",
                facet_label(Facet::Organisation, lang),
                facet_label(Facet::Person, lang)
            );
            let header = [who.clone(), who, InsightMessage::SharedEvents.text(lang).to_owned()];
            let names = names.clone();
            Callback::from(move |_| {
                let named = |index: u32| {
                    format!(
                        "{} ({})",
                        names[index as usize],
                        facet_label(graph.nodes[index as usize].facet, lang)
                    )
                };
                csv_of(
                    std::iter::once(header.to_vec()).chain(
                        graph
                            .edges
                            .iter()
                            .map(|edge| vec![named(edge.a), named(edge.b), edge.weight.to_string()]),
                    ),
                )
            })
        },
    };
    let tools = html! {
        <>
            <button type="button" class="ha-tool" onclick={zoom_by(1.5)} title={Message::ZoomIn.text(lang)} aria-label={Message::ZoomIn.text(lang)}><span aria-hidden="true">{ "+" }</span></button>
            <button type="button" class="ha-tool" onclick={zoom_by(1.0 / 1.5)} title={Message::ZoomOut.text(lang)} aria-label={Message::ZoomOut.text(lang)}><span aria-hidden="true">{ "−" }</span></button>
            <button type="button" class="ha-tool ha-tool-text" onclick={reset}>{ InsightMessage::ResetZoom.text(lang) }</button>
        </>
    };
    html! { <ChartFrame id="ha-insight-network" {title} {summary} {lang} {files} {chart} {table} {tools} /> }
}
