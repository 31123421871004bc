//! Who and where: organisations, people, countries and cities ranked by their events, the
//! facet counts of the filter panel (same crossfilter rule). Each bar toggles its value.

use yew::prelude::*;

use super::chart_frame::{ChartFrame, Files};
use super::{value_name, Context, InsightsProps};
use health_atlas_explore::i18n::{format_count, ranked_summary, rest_text, show_more, InsightMessage};
use health_atlas_explore::insights::export::{csv_of, ranked_svg};
use health_atlas_explore::insights::ranked;
use health_atlas_explore::insights::InsightRequest;
use health_atlas_explore::query::{facet_label, Facet};

/// Bars shown at first, and how many more "show more" adds.
const FIRST: usize = 8;
const MORE: usize = 10;

#[derive(Properties, PartialEq)]
pub struct RankedProps {
    pub insights: InsightsProps,
    pub context: Context,
}

#[component]
pub fn RankedCharts(props: &RankedProps) -> Html {
    let lang = props.insights.lang;
    html! {
        <div class="ha-insight-group">
            <h3 class="ha-insight-group-heading">{ InsightMessage::WhoAndWhere.text(lang) }</h3>
            <div class="ha-ranked-grid">
                { for [Facet::Organisation, Facet::Person, Facet::Country, Facet::City].into_iter().map(|facet| html! {
                    <RankedChart {facet} insights={props.insights.clone()} context={props.context.clone()} />
                }) }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RankedChartProps {
    facet: Facet,
    insights: InsightsProps,
    context: Context,
}

#[component]
fn RankedChart(props: &RankedChartProps) -> Html {
    let (facet, insights) = (props.facet, &props.insights);
    let lang = insights.lang;
    let limit = use_state_eq(|| FIRST);
    let chart = ranked(&insights.selection, facet, *limit);
    let labels = props.context.labels.clone();
    let name = |key: &str| value_name(facet, key, lang, &labels);
    let title = facet_label(facet, lang).to_owned();
    let highest = chart.top.iter().map(|value| value.count).max().unwrap_or(0).max(1);
    let rows = chart.top.iter().map(|value| {
        let onclick = {
            let (on_request, key) = (insights.on_request.clone(), value.key.clone());
            Callback::from(move |_: MouseEvent| {
                on_request.emit(InsightRequest::ToggleFacet {
                    facet,
                    key: key.clone(),
                })
            })
        };
        let share = 100.0 * value.count as f64 / highest as f64;
        html! {
            <li>
                <button type="button" class="ha-rank" aria-pressed={value.selected.to_string()} {onclick}>
                    <span class="ha-rank-name">{ name(&value.key) }</span>
                    <span class="ha-rank-count">{ format_count(value.count, lang) }</span>
                    <svg class="ha-rank-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                        <rect width={format!("{share:.1}")} height="4" />
                    </svg>
                </button>
            </li>
        }
    });
    let more = (chart.rest_values > 0).then(|| {
        let onclick = {
            let limit = limit.clone();
            Callback::from(move |_: MouseEvent| limit.set(*limit + MORE))
        };
        html! {
            <>
                <p class="ha-muted">{ rest_text(chart.rest_values, chart.rest_count, lang) }</p>
                <button type="button" class="ha-tool ha-tool-text" {onclick}>{ show_more(MORE.min(chart.rest_values), chart.rest_values, lang) }</button>
            </>
        }
    });
    let body = if chart.top.is_empty() {
        html! { <p class="ha-muted">{ InsightMessage::NothingToChart.text(lang) }</p> }
    } else {
        html! { <><ol class="ha-ranked">{ for rows }</ol>{ for more }</> }
    };
    let table = html! {
        <table class="ha-table">
            <caption class="ha-visually-hidden">{ title.clone() }</caption>
            <thead><tr><th scope="col">{ title.clone() }</th><th scope="col">{ InsightMessage::Events.text(lang) }</th></tr></thead>
            <tbody>
                { for chart.top.iter().map(|value| html! {
                    <tr><th scope="row">{ name(&value.key) }</th><td>{ format_count(value.count, lang) }</td></tr>
                }) }
            </tbody>
        </table>
    };
    let summary = match chart.top.first() {
        Some(first) if first.count > 0 => ranked_summary(
            &title,
            chart.top.iter().filter(|value| value.count > 0).count() + chart.rest_values,
            &name(&first.key),
            first.count,
            lang,
        ),
        _ => InsightMessage::NothingToChart.text(lang).to_owned(),
    };
    let named: Vec<(String, usize)> = chart.top.iter().map(|value| (name(&value.key), value.count)).collect();
    let files = Files {
        name: match facet {
            Facet::Organisation => "organisations",
            Facet::Person => "people",
            Facet::Country => "countries",
            _ => "cities",
        },
        svg: {
            let (title, named) = (title.clone(), named.clone());
            Callback::from(move |_| ranked_svg(&title, &named))
        },
        csv: {
            let header = vec![title.clone(), InsightMessage::Events.text(lang).to_owned()];
            Callback::from(move |_| {
                csv_of(
                    std::iter::once(header.clone())
                        .chain(named.iter().map(|(name, count)| vec![name.clone(), count.to_string()])),
                )
            })
        },
    };
    let id = match facet {
        Facet::Organisation => "ha-insight-org",
        Facet::Person => "ha-insight-person",
        Facet::Country => "ha-insight-country",
        _ => "ha-insight-city",
    };
    html! { <ChartFrame {id} {title} {summary} {lang} {files} chart={body} {table} nested=true /> }
}
