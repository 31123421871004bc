//! The Insights view: events over time, who and where, and the network, all over the app's
//! current filters. The numbers come from `health_atlas_explore::insights` (plain Rust, tested
//! natively); these components draw them, keep a data table beside each chart, and turn
//! drags, clicks and keys into the filter actions every other view uses.

mod chart_frame;
mod network;
mod ranked;
mod time_chart;

use std::rc::Rc;

use fixedbitset::FixedBitSet;
use yew::prelude::*;

use crate::app::shared::Shared;
use health_atlas_explore::i18n::{category_label, country_name, InsightMessage};
use health_atlas_explore::insights::{InsightIndex, InsightRequest};
use health_atlas_explore::query::{Catalog, Facet, FacetLabels, Filters, Selection};
use health_atlas_model::{Category, Lang};

/// What the charts read: the catalog, the filters (the time chart and the network count with
/// their own crossfilter rule from them), the shown selection (the ranked counts) and the
/// map's "only in view" set; and where their filter changes go.
#[derive(Properties, PartialEq, Clone)]
pub struct InsightsProps {
    pub catalog: Shared<Catalog>,
    pub selection: Shared<Selection>,
    pub filters: Filters,
    pub within: Option<Shared<FixedBitSet>>,
    pub lang: Lang,
    pub on_request: Callback<InsightRequest>,
}

/// What each chart needs from the view: the per-catalog index and the names of values.
#[derive(Clone)]
pub struct Context {
    pub index: Rc<InsightIndex>,
    pub labels: Rc<FacetLabels>,
}

impl PartialEq for Context {
    fn eq(&self, other: &Context) -> bool {
        Rc::ptr_eq(&self.index, &other.index) && Rc::ptr_eq(&self.labels, &other.labels)
    }
}

/// A facet value as the reader sees it, as the filter panel names it.
pub fn value_name(facet: Facet, key: &str, lang: Lang, labels: &FacetLabels) -> String {
    match (facet, Category::from_slug(key)) {
        (Facet::Category, Some(category)) => category_label(category, lang).to_owned(),
        (Facet::Country, _) => country_name(key, lang).unwrap_or(key).to_owned(),
        _ => labels.name(facet, key, lang).unwrap_or(key).to_owned(),
    }
}

/// The three charts over `props`; the insights module (`crate::insights_module`) mounts it.
#[component]
pub fn InsightsView(props: &InsightsProps) -> Html {
    let lang = props.lang;
    let index = use_memo(props.catalog.clone(), |catalog| InsightIndex::new(catalog));
    // The catalog's own labels (built with it), not a second table of the same names.
    let labels = Rc::clone(props.catalog.facet_labels());
    let context = Context { index, labels };
    html! {
        <section class="ha-region ha-insights" aria-labelledby="ha-insights-heading">
            <h2 id="ha-insights-heading">{ InsightMessage::Insights.text(lang) }</h2>
            <time_chart::TimeChart insights={props.clone()} context={context.clone()} />
            <ranked::RankedCharts insights={props.clone()} context={context.clone()} />
            <network::NetworkChart insights={props.clone()} {context} />
        </section>
    }
}
