//! The filter-and-search engine exported to JavaScript for `make bench`, so it is timed in
//! the same runtime as the reference libraries (crossfilter2, MiniSearch). Compiled only with
//! the `bench` feature; the app never includes it.

use wasm_bindgen::prelude::*;

use crate::data::parse_dataset;
use crate::query::{Catalog, Facet, Filters};

#[wasm_bindgen]
pub struct BenchEngine {
    catalog: Catalog,
    filters: Filters,
}

#[wasm_bindgen]
impl BenchEngine {
    /// Parses, validates and indexes a dataset (facets and search). Errors become a JS string.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<BenchEngine, String> {
        let dataset = parse_dataset(json).map_err(|errors| {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            format!("{} problems, first: {first}", errors.len())
        })?;
        Ok(BenchEngine {
            catalog: Catalog::new(dataset),
            filters: Filters::default(),
        })
    }

    /// Sets the category filter (empty = none) and returns the visible count after
    /// recomputing every facet's counts, as a filter click in the app does.
    pub fn filter_category(&mut self, category: &str) -> u32 {
        self.filters.selected.remove(&Facet::Category);
        if !category.is_empty() {
            self.filters.toggle(Facet::Category, category);
        }
        let selection = self.catalog.select(&self.filters);
        let counted: usize = Facet::ALL.iter().map(|&facet| selection.counts_of(facet).len()).sum();
        std::hint::black_box(counted);
        selection.visible_count() as u32
    }

    /// Runs one search keystroke and returns the number of hits.
    pub fn search(&self, query: &str) -> u32 {
        self.catalog.search_hits(query) as u32
    }
}
