//! The Insights view's numbers exported for `scripts/bench-insights.mjs`: the time bars, the
//! ranked values and the network at 100,000 events against the facet counting a filter click
//! already does, and the 150-node layout.

use wasm_bindgen::prelude::*;

use super::BenchData;
use health_atlas_explore::insights::{
    layout, network, ranked, synthetic_network, time_bars, InsightIndex, Layout, Network,
};
use health_atlas_explore::query::{Catalog, Facet, Filters};

#[wasm_bindgen]
pub struct BenchInsights {
    catalog: Catalog,
    index: InsightIndex,
    filters: Filters,
}

#[wasm_bindgen]
impl BenchInsights {
    /// The catalog and the insights' per-event columns (built once per dataset in the app).
    pub fn build(data: BenchData) -> BenchInsights {
        let catalog = Catalog::new(data.dataset);
        let index = InsightIndex::new(&catalog);
        BenchInsights {
            catalog,
            index,
            filters: Filters::default(),
        }
    }

    fn set_category(&mut self, category: &str) {
        self.filters.selected.remove(&Facet::Category);
        if !category.is_empty() {
            self.filters.toggle(Facet::Category, category);
        }
    }

    /// What the app already does on a filter click: the selection and every facet's counts.
    pub fn facet_counts(&mut self, category: &str) -> u32 {
        self.set_category(category);
        let selection = self.catalog.select(&self.filters);
        let counted: usize = Facet::ALL
            .iter()
            .flat_map(|&facet| selection.counts_of(facet))
            .map(|value| value.count)
            .sum();
        std::hint::black_box(counted);
        selection.visible_count() as u32
    }

    /// The time chart for the same filters.
    pub fn time_bars(&mut self, category: &str) -> u32 {
        self.set_category(category);
        time_bars(&self.index, &self.catalog, &self.filters, None).total()
    }

    /// The four ranked charts from a computed selection (the app has it already).
    pub fn ranked(&mut self, category: &str) -> u32 {
        self.set_category(category);
        let selection = self.catalog.select(&self.filters);
        [Facet::Organisation, Facet::Person, Facet::Country, Facet::City]
            .into_iter()
            .map(|facet| ranked(&selection, facet, 8).top.len() as u32)
            .sum()
    }

    /// The network's nodes and edges (at most 150 nodes) for the same filters.
    pub fn network(&mut self, category: &str) -> u32 {
        self.set_category(category);
        network(&self.index, &self.catalog, &self.filters, None, 150)
            .edges
            .len() as u32
    }
}

/// A made-up network to lay out, from scratch or (`settle`) from its own earlier layout, as
/// after a filter change; `run` is what the bench times.
#[wasm_bindgen]
pub struct BenchLayout {
    graph: Network,
    previous: Option<Layout>,
}

#[wasm_bindgen]
impl BenchLayout {
    #[wasm_bindgen(constructor)]
    pub fn new(nodes: u32, settle: bool) -> BenchLayout {
        let graph = synthetic_network(nodes as usize, 7);
        // The previous layout is of a slightly different network (one link stronger), as
        // after a filter change; the same network would just keep its layout.
        let previous = settle.then(|| {
            let mut before = graph.clone();
            if let Some(edge) = before.edges.first_mut() {
                edge.weight += 1;
            }
            layout(&before, None)
        });
        BenchLayout { graph, previous }
    }

    /// Lays the network out; returns the first node's x so the work is not optimised away.
    pub fn run(&self) -> f64 {
        layout(&self.graph, self.previous.as_ref())
            .points
            .first()
            .map_or(0.0, |point| point.x)
    }
}
