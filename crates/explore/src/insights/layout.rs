//! A deterministic force layout of the network (Fruchterman–Reingold with a fixed number of
//! steps and a cooling schedule, no random numbers): the same network always gets the same
//! positions. A node starts where the previous layout had it, else beside its strongest
//! neighbour that had one, else at a point derived from a hash of its key; with most nodes
//! placed before, the layout only settles (fewer steps, a low temperature), so nodes do not
//! jump when the filters change.

use super::{Edge, Network, Node};
use crate::query::Facet;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Each node's position, in the network's node order, in units of the ideal edge length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub points: Vec<Point>,
    /// Each node's key and position, for the next layout to start from (a list: a few hundred
    /// look-ups in 150 entries, and no map's code in the wasm).
    placed: Vec<(Facet, String, Point)>,
    /// A hash of the nodes' keys and the edges: the same network keeps its layout as it is.
    signature: u64,
}

impl Layout {
    /// Where the node `(facet, key)` was placed, if it was.
    pub fn position_of(&self, facet: Facet, key: &str) -> Option<Point> {
        self.placed
            .iter()
            .find(|(known, known_key, _)| *known == facet && known_key == key)
            .map(|(_, _, point)| *point)
    }
}

/// Steps of a layout from scratch, and of one that starts from a previous layout.
const FRESH_STEPS: usize = 250;
const SETTLE_STEPS: usize = 60;

/// FNV-1a of the key, as a point in the unit square: where a node without history starts.
fn hashed_point(facet: Facet, key: &str) -> Point {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in facet.slug().bytes().chain([0]).chain(key.bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let unit = |bits: u64| (bits & 0xffff_ffff) as f64 / f64::from(u32::MAX);
    Point {
        x: unit(hash),
        y: unit(hash >> 32),
    }
}

/// FNV-1a over the nodes' keys and the edges (not the counts or the selection, which do not
/// move anything).
fn signature(network: &Network) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for node in &network.nodes {
        add(node.facet.slug().as_bytes());
        add(node.key.as_bytes());
        add(&[0]);
    }
    for edge in &network.edges {
        add(&edge.a.to_le_bytes());
        add(&edge.b.to_le_bytes());
        add(&edge.weight.to_le_bytes());
    }
    hash
}

/// Lays `network` out, starting from `previous` where it placed the same nodes; the same
/// network (a node selected or not, nothing else changed) keeps `previous` as it is.
pub fn layout(network: &Network, previous: Option<&Layout>) -> Layout {
    let signature = signature(network);
    if let Some(previous) = previous.filter(|previous| previous.signature == signature) {
        return previous.clone();
    }
    let count = network.nodes.len();
    let spread = (count.max(1) as f64).sqrt();
    let mut points: Vec<Option<Point>> = network
        .nodes
        .iter()
        .map(|node| previous.and_then(|layout| layout.position_of(node.facet, &node.key)))
        .collect();
    let known = points.iter().flatten().count();
    // New nodes beside their strongest placed neighbour, a hash-given offset away.
    let mut strongest: Vec<Option<(u32, usize)>> = vec![None; count];
    for edge in &network.edges {
        for (from, to) in [(edge.a as usize, edge.b as usize), (edge.b as usize, edge.a as usize)] {
            if points[from].is_none() && points[to].is_some() && strongest[from].is_none_or(|(w, _)| edge.weight > w) {
                strongest[from] = Some((edge.weight, to));
            }
        }
    }
    for (position, node) in network.nodes.iter().enumerate() {
        if points[position].is_some() {
            continue;
        }
        let offset = hashed_point(node.facet, &node.key);
        points[position] = Some(match strongest[position].and_then(|(_, to)| points[to]) {
            Some(near) => Point {
                x: near.x + offset.x - 0.5,
                y: near.y + offset.y - 0.5,
            },
            None => Point {
                x: (offset.x - 0.5) * 2.0 * spread,
                y: (offset.y - 0.5) * 2.0 * spread,
            },
        });
    }
    let mut points: Vec<Point> = points.into_iter().map(Option::unwrap_or_default).collect();
    let settling = count > 0 && known * 2 >= count;
    let (steps, start_temperature) = if settling {
        (SETTLE_STEPS, 0.02 * spread)
    } else {
        (FRESH_STEPS, 0.5 * spread)
    };
    let strength: Vec<f64> = network
        .edges
        .iter()
        .map(|edge| 1.0 + f64::from(edge.weight).ln())
        .collect();
    let mut moves = vec![Point::default(); count];
    for step in 0..steps {
        let temperature = start_temperature * (1.0 - step as f64 / steps as f64);
        moves.iter_mut().for_each(|step| *step = Point::default());
        // Every pair repels (k² / d, k = 1); the second of two coincident nodes steps aside.
        for a in 0..count {
            for b in a + 1..count {
                let (mut dx, mut dy) = (points[a].x - points[b].x, points[a].y - points[b].y);
                let mut distance_squared = dx * dx + dy * dy;
                if distance_squared < 1e-9 {
                    (dx, dy, distance_squared) = (1e-3, 0.0, 1e-6);
                }
                let (fx, fy) = (dx / distance_squared, dy / distance_squared);
                moves[a].x += fx;
                moves[a].y += fy;
                moves[b].x -= fx;
                moves[b].y -= fy;
            }
        }
        // Edges pull (d² / k), stronger for more shared events.
        for (edge, strength) in network.edges.iter().zip(&strength) {
            let (a, b) = (edge.a as usize, edge.b as usize);
            let (dx, dy) = (points[a].x - points[b].x, points[a].y - points[b].y);
            let distance = (dx * dx + dy * dy).sqrt();
            let (fx, fy) = (dx * distance * strength, dy * distance * strength);
            moves[a].x -= fx;
            moves[a].y -= fy;
            moves[b].x += fx;
            moves[b].y += fy;
        }
        for (point, step) in points.iter_mut().zip(&moves) {
            // A weak pull to the centre keeps unconnected groups in sight.
            let (mx, my) = (step.x - 0.05 * point.x, step.y - 0.05 * point.y);
            let length = (mx * mx + my * my).sqrt();
            if length > 0.0 {
                let scale = length.min(temperature) / length;
                point.x += mx * scale;
                point.y += my * scale;
            }
        }
    }
    let placed = network
        .nodes
        .iter()
        .zip(&points)
        .map(|(node, &point)| (node.facet, node.key.clone(), point))
        .collect();
    Layout {
        points,
        placed,
        signature,
    }
}

/// A made-up network of `count` nodes in loose groups of ten with some links across, for
/// the layout's tests and benchmark: edges from a small linear congruential generator (no
/// dependency, the same network on every machine).
pub fn synthetic_network(count: usize, seed: u64) -> Network {
    let mut state = seed;
    let mut next = move |bound: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound
    };
    let nodes: Vec<Node> = (0..count)
        .map(|index| Node {
            facet: if index % 3 == 0 {
                Facet::Person
            } else {
                Facet::Organisation
            },
            key: format!("node {index}"),
            events: 1 + next(40) as u32,
            selected: false,
        })
        .collect();
    let mut edges = std::collections::BTreeMap::new();
    for a in 0..count {
        for _ in 0..3 {
            let b = if next(4) == 0 {
                next(count as u64) as usize
            } else {
                (a / 10 * 10 + next(10) as usize).min(count - 1)
            };
            if a != b {
                *edges.entry((a.min(b) as u32, a.max(b) as u32)).or_insert(0) += 1 + next(5) as u32;
            }
        }
    }
    let edges = edges
        .into_iter()
        .map(|((a, b), weight)| Edge { a, b, weight })
        .collect();
    Network {
        nodes,
        edges,
        total_nodes: count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extent(points: &[Point]) -> f64 {
        let (mut low, mut high) = (
            Point {
                x: f64::MAX,
                y: f64::MAX,
            },
            Point {
                x: f64::MIN,
                y: f64::MIN,
            },
        );
        for point in points {
            (low.x, low.y, high.x, high.y) = (
                low.x.min(point.x),
                low.y.min(point.y),
                high.x.max(point.x),
                high.y.max(point.y),
            );
        }
        (high.x - low.x).hypot(high.y - low.y)
    }

    #[test]
    fn the_same_network_gets_the_same_positions() {
        let network = synthetic_network(150, 7);
        let first = layout(&network, None);
        let second = layout(&network, None);
        assert_eq!(first, second);
        assert!(first
            .points
            .iter()
            .all(|point| point.x.is_finite() && point.y.is_finite()));
        // And the nodes are spread out, not piled up.
        assert!(extent(&first.points) > 5.0, "{}", extent(&first.points));
        // The same network again (a node selected, say) keeps its layout exactly.
        let mut selected = network.clone();
        selected.nodes[3].selected = true;
        assert_eq!(layout(&selected, Some(&first)), first);
        let mut heavier = network.clone();
        heavier.edges[0].weight += 1;
        let settled = layout(&heavier, Some(&first));
        assert_ne!(settled, first);
        assert_eq!(settled, layout(&heavier, Some(&first)));
    }

    /// Linked nodes end up closer than unlinked ones: the layout shows the structure.
    #[test]
    fn linked_nodes_are_nearer_than_others() {
        let network = synthetic_network(120, 3);
        let placed = layout(&network, None);
        let distance = |a: usize, b: usize| {
            let (p, q) = (placed.points[a], placed.points[b]);
            (p.x - q.x).hypot(p.y - q.y)
        };
        let linked: f64 = network
            .edges
            .iter()
            .map(|edge| distance(edge.a as usize, edge.b as usize))
            .sum::<f64>()
            / network.edges.len() as f64;
        let all: f64 = (0..120)
            .flat_map(|a| (a + 1..120).map(move |b| (a, b)))
            .map(|(a, b)| distance(a, b))
            .sum::<f64>()
            / (120.0 * 119.0 / 2.0);
        assert!(linked < all * 0.6, "linked {linked}, all {all}");
    }

    /// A small change (a few nodes and their edges gone) moves the remaining nodes little
    /// when the layout starts from the previous one, and a new node starts next to its
    /// neighbour rather than anywhere.
    #[test]
    fn a_small_change_moves_nodes_little() {
        let network = synthetic_network(150, 11);
        let before = layout(&network, None);
        let mut smaller = network.clone();
        let dropped = [3u32, 40, 77, 120, 149];
        let renumber = |index: u32| index - dropped.iter().filter(|&&gone| gone < index).count() as u32;
        smaller
            .edges
            .retain(|edge| !dropped.contains(&edge.a) && !dropped.contains(&edge.b));
        smaller
            .edges
            .iter_mut()
            .for_each(|edge| (edge.a, edge.b) = (renumber(edge.a), renumber(edge.b)));
        let kept: Vec<usize> = (0..150).filter(|index| !dropped.contains(&(*index as u32))).collect();
        smaller.nodes = kept.iter().map(|&index| network.nodes[index].clone()).collect();
        let after = layout(&smaller, Some(&before));
        let size = extent(&before.points);
        let moved: f64 = kept
            .iter()
            .zip(&after.points)
            .map(|(&index, point)| (point.x - before.points[index].x).hypot(point.y - before.points[index].y))
            .sum::<f64>()
            / kept.len() as f64;
        // On average less than an edge's length, a twentieth of the drawing.
        assert!(moved < 1.25 && moved < 0.05 * size, "moved {moved} of {size}");
        // Without the previous layout (only the hashed starting points) it moves more.
        let fresh = layout(&smaller, None);
        let fresh_moved: f64 = kept
            .iter()
            .zip(&fresh.points)
            .map(|(&index, point)| (point.x - before.points[index].x).hypot(point.y - before.points[index].y))
            .sum::<f64>()
            / kept.len() as f64;
        assert!(fresh_moved > moved, "fresh {fresh_moved}, seeded {moved}");
        // Back to the full network: the dropped nodes come back beside a neighbour.
        let again = layout(&network, Some(&after));
        for &gone in &dropped {
            let point = again.points[gone as usize];
            assert!(point.x.is_finite() && point.y.is_finite());
        }
    }
}
