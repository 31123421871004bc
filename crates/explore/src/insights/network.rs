//! Who appears with whom: organisations and people as nodes, an edge where two appear in the
//! same event, weighted by how many they share.

use fixedbitset::FixedBitSet;

use super::InsightIndex;
use crate::query::{Catalog, Facet, Filters};

/// An organisation or a person of the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub facet: Facet,
    pub key: String,
    /// The events it appears in, within the counted set.
    pub events: u32,
    /// Selected in the filters (a click toggles it).
    pub selected: bool,
}

/// Two nodes (positions in [`Network::nodes`], `a < b`) and the events they share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub a: u32,
    pub b: u32,
    pub weight: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    /// The strongest nodes (most events, then first seen in the dataset), then any selected
    /// node beyond them.
    pub nodes: Vec<Node>,
    /// Between kept nodes only.
    pub edges: Vec<Edge>,
    /// How many nodes there were before keeping the strongest `limit`.
    pub total_nodes: usize,
}

/// The network of the events passing every filter but the organisation and person
/// selections (the network's own dimensions, so a click highlights rather than empties it),
/// keeping at most `limit` nodes.
pub fn network(
    index: &InsightIndex,
    catalog: &Catalog,
    filters: &Filters,
    within: Option<&FixedBitSet>,
    limit: usize,
) -> Network {
    let events = catalog.events_ignoring(filters, within, &[Facet::Organisation, Facet::Person]);
    let mut weight = vec![0u32; index.nodes.len()];
    // Each pair packed in one number (`a << 32 | b`), sorted, then counted by runs: no hash map.
    let mut pairs: Vec<u64> = Vec::new();
    for event in events.ones() {
        let ids = index.nodes_of(event);
        for (position, &a) in ids.iter().enumerate() {
            weight[a as usize] += 1;
            pairs.extend(ids[position + 1..].iter().map(|&b| u64::from(a) << 32 | u64::from(b)));
        }
    }
    let order: Vec<u32> = (0..index.nodes.len() as u32)
        .filter(|&id| weight[id as usize] > 0)
        .collect();
    let total_nodes = order.len();
    let selected = |id: u32| {
        let (facet, key) = &index.nodes[id as usize];
        filters.is_selected(*facet, key)
    };
    // Most events first, then first seen in the dataset, packed in one number so the sort is
    // the one over `u64` the pairs use. A selection does not reorder the nodes (positions, and
    // the keyboard's place, stay put when a node is clicked); a selected node beyond the
    // strongest `limit` is added after them, so a choice never leaves the drawing.
    let mut packed: Vec<u64> = order
        .iter()
        .map(|&id| u64::from(u32::MAX - weight[id as usize]) << 32 | u64::from(id))
        .collect();
    packed.sort_unstable();
    let ranked: Vec<u32> = packed.into_iter().map(|key| (key & 0xffff_ffff) as u32).collect();
    let mut order: Vec<u32> = ranked.iter().copied().take(limit).collect();
    order.extend(ranked.iter().copied().skip(limit).filter(|&id| selected(id)));
    let mut position_of = vec![u32::MAX; index.nodes.len()];
    for (position, &id) in order.iter().enumerate() {
        position_of[id as usize] = position as u32;
    }
    pairs.sort_unstable();
    let mut edges = Vec::new();
    for run in pairs.chunk_by(|a, b| a == b) {
        let (a, b) = (
            position_of[(run[0] >> 32) as usize],
            position_of[(run[0] & 0xffff_ffff) as usize],
        );
        if a != u32::MAX && b != u32::MAX {
            edges.push(Edge {
                a: a.min(b),
                b: a.max(b),
                weight: run.len() as u32,
            });
        }
    }
    let nodes = order
        .iter()
        .map(|&id| {
            let (facet, key) = &index.nodes[id as usize];
            Node {
                facet: *facet,
                key: key.clone(),
                events: weight[id as usize],
                selected: selected(id),
            }
        })
        .collect();
    Network {
        nodes,
        edges,
        total_nodes,
    }
}
