//! The filter-and-search engine exported to JavaScript for `make bench`, so it is timed in
//! the same runtime as the reference libraries (crossfilter2, MiniSearch). Compiled only with
//! the `bench` feature; the app never includes it.
//!
//! Loading (JSON text → checked [`Dataset`]) and index building (dataset → [`Catalog`]) are
//! separate calls, so the bench can time each against its JavaScript counterpart: `JSON.parse`
//! for the one, the references' own index build from parsed objects for the other.

use wasm_bindgen::prelude::*;

use health_atlas_explore::query::{Catalog, Facet, Filters};
use health_atlas_model::parse_dataset;
use health_atlas_model::Dataset;

/// Parsed, validated events, not yet indexed.
#[wasm_bindgen]
pub struct BenchData {
    dataset: Dataset,
}

impl Default for BenchData {
    fn default() -> BenchData {
        BenchData::new()
    }
}

#[wasm_bindgen]
impl BenchData {
    /// Parses and validates a dataset: what the app does with a `src=` file. Errors become a
    /// JS string.
    pub fn parse(json: &str) -> Result<BenchData, String> {
        let dataset = parse_dataset(json).map_err(|errors| {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            format!("{} problems, first: {first}", errors.len())
        })?;
        Ok(BenchData { dataset })
    }

    /// An empty dataset to fill with [`BenchData::append_events`], for files whose JSON text
    /// is longer than a JavaScript string may be.
    #[wasm_bindgen(constructor)]
    pub fn new() -> BenchData {
        BenchData {
            dataset: Dataset {
                schema_version: health_atlas_model::SCHEMA_VERSION,
                description: String::new(),
                events: Vec::new(),
                stories: Vec::new(),
            },
        }
    }

    /// Parses a JSON array of events and appends them, unchecked: [`BenchData::check`] runs
    /// the dataset rules once every chunk is in.
    pub fn append_events(&mut self, json: &str) -> Result<(), String> {
        let events: Vec<health_atlas_model::Event> = serde_json::from_str(json).map_err(|error| error.to_string())?;
        self.dataset.events.extend(events);
        Ok(())
    }

    /// The dataset rules `parse` applies, over the whole appended dataset.
    pub fn check(&self) -> Result<(), String> {
        let errors = health_atlas_model::validate::validate(&self.dataset);
        match errors.first() {
            None => Ok(()),
            Some(first) => Err(format!("{} problems, first: {first}", errors.len())),
        }
    }

    pub fn len(&self) -> u32 {
        self.dataset.events.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.dataset.events.is_empty()
    }

    /// A copy, so that every timed build starts from its own parsed events (copying is
    /// not part of the build).
    pub fn copy(&self) -> BenchData {
        BenchData {
            dataset: self.dataset.clone(),
        }
    }
}

#[wasm_bindgen]
pub struct BenchEngine {
    catalog: Catalog,
    filters: Filters,
}

#[wasm_bindgen]
impl BenchEngine {
    /// Index build: the catalog (id index, chronological order, facets and search) from
    /// parsed events. Takes `data`; JavaScript's handle to it is spent.
    pub fn build(data: BenchData) -> BenchEngine {
        let catalog = Catalog::new(data.dataset);
        // The app builds the search index after its first paint; the bench times it here.
        catalog.prepare_search();
        BenchEngine {
            catalog,
            filters: Filters::default(),
        }
    }

    /// Sets the category filter (empty = none) and returns the visible count after
    /// recomputing every facet's counts, as a filter click in the app does.
    pub fn filter_category(&mut self, category: &str) -> u32 {
        self.filters.selected.remove(&Facet::Category);
        if !category.is_empty() {
            self.filters.toggle(Facet::Category, category);
        }
        let selection = self.catalog.select(&self.filters);
        let counted: usize = Facet::ALL
            .iter()
            .flat_map(|&facet| selection.counts_of(facet))
            .map(|value| value.count)
            .sum();
        std::hint::black_box(counted);
        selection.visible_count() as u32
    }

    /// Runs one search keystroke (ranked hits) and returns the number of hits.
    pub fn search(&self, query: &str) -> u32 {
        self.catalog.search_hits(query) as u32
    }

    /// The ids a search box's text finds, best match first (the list's order while
    /// searching): what the bench's judged queries are measured on.
    pub fn best_match_ids(&self, query: &str) -> Vec<String> {
        let events = self.catalog.events();
        self.catalog
            .best_matches(query)
            .unwrap_or_default()
            .into_iter()
            .map(|position| events[position].id.clone())
            .collect()
    }

    /// Each event's first place as `[lon0, lat0, lon1, …]` (what the map clusters), for a
    /// [`BenchClusterIndex`] over the catalog's own events in the memory benchmark.
    pub fn first_places(&self) -> Vec<f64> {
        self.catalog
            .events()
            .iter()
            .filter_map(|event| event.places.first())
            .flat_map(|place| [place.lon, place.lat])
            .collect()
    }
}

/// The size of the wasm's linear memory in bytes: its high-water mark, since a WebAssembly
/// memory never shrinks (scripts/bench-memory.mjs).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

mod insights;
mod map;
pub use insights::*;
pub use map::*;
