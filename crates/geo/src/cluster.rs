//! Marker clustering: the supercluster algorithm in Rust.
//!
//! One KD-tree per zoom level, from `max_zoom + 1` (every point on its own) down to `min_zoom`.
//! Each level is made from the one above by a greedy pass in the same order as supercluster:
//! every point or cluster not yet taken at this zoom gathers the untaken neighbours within
//! `radius` pixels (at a tile `extent` pixels wide), and becomes a cluster at their weighted
//! centre when they number at least `min_points`. Positions are kept in supercluster 9's fixed
//! point (the world square in steps of 2^-30, about 4 cm), its weighted centres are exact
//! integer sums divided as JavaScript divides, and distances are compared as JavaScript compares
//! them: the same order and the same arithmetic give the same clusters as the JavaScript library,
//! which `make bench` checks zoom by zoom.
//!
//! Built once per set of visible events; `clusters(bounds, zoom)` is then a range query, which is
//! what makes re-clustering on zoom cheap. It never panics on bad input: positions are checked in
//! [`ClusterIndex::new`], and unknown cluster ids give [`ClusterError::UnknownCluster`].

use std::fmt;

use super::kdtree::KdTree;
use super::projection::{latitude_to_y, longitude_to_x, unproject, LonLat, LonLatBounds, WorldPoint, MAX_LATITUDE};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterOptions {
    /// Below this zoom the clusters stop merging (the level at `min_zoom` is the coarsest).
    pub min_zoom: u8,
    /// Above this zoom every point is shown on its own. At most [`MAX_ZOOM_LIMIT`].
    pub max_zoom: u8,
    /// The fewest points that make a cluster.
    pub min_points: u32,
    /// The cluster radius in pixels, at a tile `extent` pixels wide.
    pub radius: f64,
    /// The tile width the radius is measured against (supercluster's default is 512 for 256 px
    /// tiles, so the default radius of 40 is 20 CSS pixels at the view's own zoom).
    pub extent: f64,
    /// KD-tree leaf size: a speed trade-off only.
    pub node_size: usize,
}

/// Cluster ids keep the zoom in five bits, so zoom levels stop at 30.
pub const MAX_ZOOM_LIMIT: u8 = 30;

impl Default for ClusterOptions {
    /// supercluster's defaults, except `max_zoom` 16 (as supercluster) and radius 40.
    fn default() -> Self {
        ClusterOptions {
            min_zoom: 0,
            max_zoom: 16,
            min_points: 2,
            radius: 40.0,
            extent: 512.0,
            node_size: 64,
        }
    }
}

/// One input point: where it is, and which event it stands for (an index into the caller's list).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterPoint {
    pub position: LonLat,
    pub event: u32,
}

/// Names one cluster of one index. Opaque; `as_u64`/`from_u64` carry it through an action or a
/// data attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterId(u64);

impl ClusterId {
    pub fn as_u64(self) -> u64 {
        self.0
    }

    pub fn from_u64(value: u64) -> ClusterId {
        ClusterId(value)
    }

    /// The cluster was made from the node at this index of the level at `origin_zoom`.
    fn new(origin_index: usize, origin_zoom: u8) -> ClusterId {
        ClusterId(((origin_index as u64) << 5) | u64::from(origin_zoom))
    }

    fn origin_zoom(self) -> u8 {
        (self.0 & 31) as u8
    }

    fn origin_index(self) -> usize {
        (self.0 >> 5) as usize
    }
}

/// What a zoom level shows at one place: one event, or a cluster of several.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ClusterItem {
    Point {
        event: u32,
        position: LonLat,
    },
    Cluster {
        id: ClusterId,
        position: LonLat,
        count: u32,
    },
}

impl ClusterItem {
    pub fn position(&self) -> LonLat {
        match self {
            ClusterItem::Point { position, .. } | ClusterItem::Cluster { position, .. } => *position,
        }
    }

    /// How many events the item stands for.
    pub fn count(&self) -> u32 {
        match self {
            ClusterItem::Point { .. } => 1,
            ClusterItem::Cluster { count, .. } => *count,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ClusterError {
    /// An option is out of range; the text says which and what is allowed.
    InvalidOptions(&'static str),
    /// Point `index` (in the input slice) has a coordinate that is not a number.
    NotANumber { index: usize },
    /// Point `index` is outside -180..180 longitude or -90..90 latitude.
    OutOfRange { index: usize, position: LonLat },
    /// More points than cluster ids can name (2^32).
    TooManyPoints,
    /// The id does not name a cluster of this index.
    UnknownCluster(ClusterId),
}

impl fmt::Display for ClusterError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClusterError::InvalidOptions(what) => write!(formatter, "invalid cluster options: {what}"),
            ClusterError::NotANumber { index } => write!(formatter, "point {index}: a coordinate is not a number"),
            ClusterError::OutOfRange { index, position } => write!(
                formatter,
                "point {index}: ({}, {}) is outside longitude -180..180 / latitude -90..90",
                position.lon, position.lat
            ),
            ClusterError::TooManyPoints => write!(formatter, "too many points to cluster"),
            ClusterError::UnknownCluster(id) => write!(formatter, "no cluster with id {}", id.0),
        }
    }
}

impl std::error::Error for ClusterError {}

/// A zoom mark meaning "not taken at any zoom yet" (supercluster's `Infinity`).
const UNTAKEN: u8 = u8::MAX;

/// supercluster 9's fixed point: a world coordinate c (0..1) is stored as (c - 0.5) · 2^30,
/// truncated, which keeps sums and differences in JavaScript's small-integer range there and
/// makes a cluster's weighted centre an exact sum here.
const FIXED_SCALE: f64 = 1_073_741_824.0;

fn to_fixed(world: f64) -> i32 {
    // In range by construction (world is 0..1); `as` truncates toward zero as an Int32Array does.
    ((world - 0.5) * FIXED_SCALE) as i32
}

fn from_fixed(value: i32) -> f64 {
    f64::from(value) * (1.0 / FIXED_SCALE) + 0.5
}

/// The cluster radius at `zoom` in fixed-point units, computed as supercluster does.
fn fixed_radius(options: &ClusterOptions, zoom: u8) -> f64 {
    options.radius / (options.extent * f64::from(zoom).exp2()) * FIXED_SCALE
}

#[derive(Clone, Copy, Debug)]
#[cfg_attr(test, derive(PartialEq))]
struct Node {
    x: i32,
    y: i32,
    /// 1 for a point, the number of points for a cluster.
    count: u32,
    /// The point's index in `points` when `count == 1`, else the index of the node the cluster
    /// grew from in the level of `origin_zoom` (the two halves of its [`ClusterId`]).
    key: u32,
    origin_zoom: u8,
    /// The zoom at which this node was taken into the level below, or [`UNTAKEN`].
    taken_at: u8,
    /// Where this node went in the level below: its own copy or the cluster that absorbed it.
    lower_index: u32,
}

impl Node {
    fn cluster_id(&self) -> ClusterId {
        ClusterId::new(self.key as usize, self.origin_zoom)
    }

    fn item(&self, points: &[ClusterPoint]) -> ClusterItem {
        if self.count == 1 {
            // A node with count 1 is always a copy of input point `key`, drawn where it was
            // given (supercluster keeps points' own coordinates too), within the square.
            let (event, position) = points
                .get(self.key as usize)
                .map_or((u32::MAX, LonLat::new(0.0, 0.0)), |point| {
                    let LonLat { lon, lat } = point.position;
                    (point.event, LonLat::new(lon, lat.clamp(-MAX_LATITUDE, MAX_LATITUDE)))
                });
            ClusterItem::Point { event, position }
        } else {
            ClusterItem::Cluster {
                id: self.cluster_id(),
                position: unproject(WorldPoint {
                    x: from_fixed(self.x),
                    y: from_fixed(self.y),
                }),
                count: self.count,
            }
        }
    }
}

#[cfg_attr(test, derive(Debug, PartialEq))]
struct Level {
    tree: KdTree,
    nodes: Vec<Node>,
}

#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct ClusterIndex {
    options: ClusterOptions,
    points: Vec<ClusterPoint>,
    /// `levels[zoom - min_zoom]` for zoom in `min_zoom..=max_zoom + 1`.
    levels: Vec<Level>,
}

impl ClusterIndex {
    /// Checks the options and every position, then builds every level.
    pub fn new(points: Vec<ClusterPoint>, options: ClusterOptions) -> Result<ClusterIndex, ClusterError> {
        ClusterIndexBuild::new(points, options).map(ClusterIndexBuild::finish)
    }

    pub fn options(&self) -> &ClusterOptions {
        &self.options
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The level used for a (fractional) view zoom: its floor, within min_zoom..=max_zoom + 1.
    pub fn level_zoom(&self, zoom: f64) -> u8 {
        let highest = f64::from(self.options.max_zoom) + 1.0;
        let floor = if zoom.is_nan() { highest } else { zoom.floor() };
        floor.clamp(f64::from(self.options.min_zoom), highest) as u8
    }

    fn level(&self, zoom: u8) -> Option<&Level> {
        self.levels.get(usize::from(zoom.checked_sub(self.options.min_zoom)?))
    }

    /// The points and clusters in `bounds` at `zoom`. A box across the antimeridian is queried
    /// as its two halves.
    pub fn clusters(&self, bounds: &LonLatBounds, zoom: f64) -> Vec<ClusterItem> {
        let mut items = Vec::new();
        self.for_each_cluster(bounds, zoom, |item| items.push(item));
        items
    }

    /// As [`clusters`](Self::clusters), without collecting: for a caller that projects each item
    /// straight to the screen.
    pub fn for_each_cluster(&self, bounds: &LonLatBounds, zoom: f64, mut visit: impl FnMut(ClusterItem)) {
        let Some(level) = self.level(self.level_zoom(zoom)) else {
            return;
        };
        let (first, second) = bounds.split_at_antimeridian();
        for part in std::iter::once(first).chain(second) {
            // Unrounded, as supercluster queries its fixed-point tree.
            let fixed = |world: f64| (world - 0.5) * FIXED_SCALE;
            level.tree.range(
                fixed(longitude_to_x(part.west())),
                fixed(latitude_to_y(part.north())),
                fixed(longitude_to_x(part.east())),
                fixed(latitude_to_y(part.south())),
                |id| {
                    if let Some(node) = level.nodes.get(id as usize) {
                        visit(node.item(&self.points));
                    }
                },
            );
        }
    }

    /// The origin node of a cluster and the index of the cluster in the level below it.
    fn origin(&self, id: ClusterId) -> Result<(&Level, &Node, u8), ClusterError> {
        let unknown = ClusterError::UnknownCluster(id);
        let origin_zoom = id.origin_zoom();
        if origin_zoom <= self.options.min_zoom {
            return Err(unknown);
        }
        let level = self.level(origin_zoom).ok_or(unknown.clone())?;
        let origin = level.nodes.get(id.origin_index()).ok_or(unknown.clone())?;
        let cluster_level = self.level(origin_zoom - 1).ok_or(unknown.clone())?;
        let cluster = cluster_level
            .nodes
            .get(origin.lower_index as usize)
            .ok_or(unknown.clone())?;
        if cluster.count < 2 || cluster.cluster_id() != id {
            return Err(unknown);
        }
        Ok((level, origin, origin_zoom))
    }

    /// What the cluster splits into one zoom level closer.
    pub fn children(&self, id: ClusterId) -> Result<Vec<ClusterItem>, ClusterError> {
        let (level, origin, origin_zoom) = self.origin(id)?;
        let lower_index = origin.lower_index;
        let radius = fixed_radius(&self.options, origin_zoom - 1);
        let mut near = Vec::new();
        level.tree.within(origin.x, origin.y, radius, &mut near);
        let children = near
            .iter()
            .filter_map(|&child| level.nodes.get(child as usize))
            .filter(|node| node.lower_index == lower_index && node.taken_at == origin_zoom - 1)
            .map(|node| node.item(&self.points))
            .collect();
        Ok(children)
    }

    /// The events of a cluster, depth first, `limit` of them after skipping `offset`.
    pub fn leaves(&self, id: ClusterId, limit: usize, offset: usize) -> Result<Vec<u32>, ClusterError> {
        let mut leaves = Vec::new();
        let mut skipped = 0;
        let mut stack = vec![id];
        while let Some(cluster) = stack.pop() {
            for child in self.children(cluster)?.into_iter().rev() {
                match child {
                    ClusterItem::Cluster { id, count, .. } => {
                        // Skip whole clusters that lie before the offset.
                        if skipped + count as usize <= offset {
                            skipped += count as usize;
                        } else {
                            stack.push(id);
                        }
                    }
                    ClusterItem::Point { event, .. } => {
                        if skipped < offset {
                            skipped += 1;
                        } else if leaves.len() < limit {
                            leaves.push(event);
                        }
                    }
                }
                if leaves.len() >= limit {
                    return Ok(leaves);
                }
            }
        }
        Ok(leaves)
    }

    /// The zoom at which the cluster splits into more than one item: where a click on it should
    /// zoom to. Above `max_zoom` it never splits (all its points share one place); the view then
    /// lists them instead of zooming.
    pub fn expansion_zoom(&self, id: ClusterId) -> Result<u8, ClusterError> {
        let mut cluster = id;
        let mut zoom = id.origin_zoom().saturating_sub(1);
        while zoom <= self.options.max_zoom {
            let children = self.children(cluster)?;
            zoom += 1;
            match children.as_slice() {
                [ClusterItem::Cluster { id, .. }] => cluster = *id,
                _ => break,
            }
        }
        Ok(zoom)
    }

    /// The item that shows input point `point_index` at `zoom`: the point itself or the
    /// cluster that holds it. `None` for an index out of range. Used to pan to an event selected
    /// elsewhere and mark or expand its cluster.
    pub fn item_containing(&self, point_index: usize, zoom: f64) -> Option<ClusterItem> {
        let target = self.level_zoom(zoom);
        let mut zoom = self.options.max_zoom + 1;
        let mut node = self.level(zoom)?.nodes.get(point_index)?;
        while zoom > target {
            let lower = self.level(zoom - 1)?;
            node = lower.nodes.get(node.lower_index as usize)?;
            zoom -= 1;
        }
        Some(node.item(&self.points))
    }
}

/// A [`ClusterIndex`] built one zoom level per [`ClusterIndexBuild::step`], for a caller that
/// gives the browser a turn between levels; [`ClusterIndex::new`] is the same with no turns.
pub struct ClusterIndexBuild {
    options: ClusterOptions,
    points: Vec<ClusterPoint>,
    /// The levels built so far, from `max_zoom + 1` down.
    levels_top_down: Vec<Level>,
    scratch: Scratch,
}

impl ClusterIndexBuild {
    /// Checks the options and every position; the levels come with the steps.
    pub fn new(points: Vec<ClusterPoint>, options: ClusterOptions) -> Result<ClusterIndexBuild, ClusterError> {
        validate_options(&options)?;
        if points.len() >= u32::MAX as usize {
            return Err(ClusterError::TooManyPoints);
        }
        for (index, point) in points.iter().enumerate() {
            let LonLat { lon, lat } = point.position;
            if lon.is_nan() || lat.is_nan() {
                return Err(ClusterError::NotANumber { index });
            }
            if !point.position.is_valid() {
                return Err(ClusterError::OutOfRange {
                    index,
                    position: point.position,
                });
            }
        }
        Ok(ClusterIndexBuild {
            levels_top_down: Vec::with_capacity(usize::from(options.max_zoom - options.min_zoom) + 2),
            options,
            points,
            scratch: Scratch::default(),
        })
    }

    /// Builds the next level (every point on its own first, then each zoom from `max_zoom`
    /// down); false once all are built.
    pub fn step(&mut self) -> bool {
        let options = &self.options;
        let built = self.levels_top_down.len();
        let level_count = usize::from(options.max_zoom - options.min_zoom) + 2;
        if built == level_count {
            return false;
        }
        let level = match self.levels_top_down.last_mut() {
            None => {
                let top = self.points.iter().enumerate().map(|(index, point)| Node {
                    x: to_fixed(longitude_to_x(point.position.lon)),
                    y: to_fixed(latitude_to_y(point.position.lat)),
                    count: 1,
                    key: index as u32,
                    origin_zoom: 0,
                    taken_at: UNTAKEN,
                    lower_index: 0,
                });
                make_level(top.collect(), options.node_size)
            }
            Some(above) => {
                let zoom = options.max_zoom + 1 - built as u8;
                make_level(
                    cluster_level(above, zoom, options, &mut self.scratch),
                    options.node_size,
                )
            }
        };
        self.levels_top_down.push(level);
        built + 1 < level_count
    }

    /// The index, after building the levels the steps have not.
    pub fn finish(mut self) -> ClusterIndex {
        while self.step() {}
        self.levels_top_down.reverse();
        ClusterIndex {
            options: self.options,
            points: self.points,
            levels: self.levels_top_down,
        }
    }
}

fn validate_options(options: &ClusterOptions) -> Result<(), ClusterError> {
    if options.max_zoom > MAX_ZOOM_LIMIT {
        return Err(ClusterError::InvalidOptions("max_zoom must be at most 30"));
    }
    if options.min_zoom > options.max_zoom {
        return Err(ClusterError::InvalidOptions("min_zoom must not exceed max_zoom"));
    }
    if !(options.radius.is_finite() && options.radius >= 0.0) {
        return Err(ClusterError::InvalidOptions(
            "radius must be a finite number of pixels, 0 or more",
        ));
    }
    if !(options.extent.is_finite() && options.extent > 0.0) {
        return Err(ClusterError::InvalidOptions(
            "extent must be a finite number of pixels above 0",
        ));
    }
    if options.node_size == 0 {
        return Err(ClusterError::InvalidOptions("node_size must be at least 1"));
    }
    Ok(())
}

fn make_level(nodes: Vec<Node>, node_size: usize) -> Level {
    Level {
        tree: KdTree::new(nodes.iter().map(|node| [node.x, node.y]), node_size),
        nodes,
    }
}

/// Buffers reused by every level's pass.
#[derive(Default)]
struct Scratch {
    neighbours: Vec<u32>,
    /// By node index: no other node within the radius (see `KdTree::mark_isolated`).
    isolated: Vec<bool>,
}

/// supercluster's `_cluster`: makes the nodes of level `zoom` from the level above, marking in
/// that level where each node went.
fn cluster_level(above: &mut Level, zoom: u8, options: &ClusterOptions, scratch: &mut Scratch) -> Vec<Node> {
    let radius = fixed_radius(options, zoom);
    let Level { tree, nodes } = above;
    let nodes = &mut nodes[..];
    let Scratch { neighbours, isolated } = scratch;
    // A node with no other node within the radius neither gathers nor is gathered: it goes down
    // as itself whatever the order, so it needs no query. Most nodes at the closer zooms are.
    isolated.clear();
    isolated.resize(nodes.len(), false);
    tree.mark_isolated(radius, isolated);
    // Every node goes down as itself or into a cluster, so the level below is never larger.
    let mut next: Vec<Node> = Vec::with_capacity(nodes.len());
    for index in 0..nodes.len() {
        if nodes[index].taken_at <= zoom {
            continue;
        }
        nodes[index].taken_at = zoom;
        let Node {
            x,
            y,
            count: origin_count,
            ..
        } = nodes[index];

        neighbours.clear();
        // An isolated node's query would find only itself, which is already taken: it goes
        // down as itself through the same steps with no neighbours.
        if !isolated[index] {
            tree.within(x, y, radius, neighbours);
        }
        let mut count = origin_count;
        for &neighbour in neighbours.iter() {
            let node = &nodes[neighbour as usize];
            if node.taken_at > zoom {
                count += node.count;
            }
        }

        let next_index = next.len() as u32;
        if count > origin_count && count >= options.min_points {
            // Exact: coordinates are within ±2^29 and counts below 2^32, so no sum reaches 2^63.
            let mut weighted_x = i64::from(x) * i64::from(origin_count);
            let mut weighted_y = i64::from(y) * i64::from(origin_count);
            for &neighbour in neighbours.iter() {
                let node = &mut nodes[neighbour as usize];
                if node.taken_at <= zoom {
                    continue;
                }
                node.taken_at = zoom;
                node.lower_index = next_index;
                weighted_x += i64::from(node.x) * i64::from(node.count);
                weighted_y += i64::from(node.y) * i64::from(node.count);
            }
            nodes[index].lower_index = next_index;
            // supercluster divides in f64 and stores into an Int32Array, which truncates.
            let centre = |weighted: i64| (weighted as f64 / f64::from(count)) as i32;
            next.push(Node {
                x: centre(weighted_x),
                y: centre(weighted_y),
                count,
                key: index as u32,
                origin_zoom: zoom + 1,
                taken_at: UNTAKEN,
                lower_index: 0,
            });
        } else {
            nodes[index].lower_index = next_index;
            next.push(Node {
                taken_at: UNTAKEN,
                lower_index: 0,
                ..nodes[index]
            });
            if count > 1 {
                // Too few to cluster: the neighbours go down as they are, taken at this zoom.
                for &neighbour in neighbours.iter() {
                    let node = &mut nodes[neighbour as usize];
                    if node.taken_at <= zoom {
                        continue;
                    }
                    node.taken_at = zoom;
                    node.lower_index = next.len() as u32;
                    let copy = Node {
                        taken_at: UNTAKEN,
                        lower_index: 0,
                        ..*node
                    };
                    next.push(copy);
                }
            }
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(lon: f64, lat: f64, event: u32) -> ClusterPoint {
        ClusterPoint {
            position: LonLat::new(lon, lat),
            event,
        }
    }

    /// Deterministic pseudo-random places, denser around a few cities as real events are.
    fn scattered(count: u32) -> Vec<ClusterPoint> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let cities = [
            (121.47, 31.23),
            (116.40, 39.90),
            (120.30, 31.57),
            (18.41, 43.86),
            (-122.42, 37.77),
            (179.9, -16.5),
        ];
        (0..count)
            .map(|event| {
                let (lon, lat) = cities[(next() * cities.len() as f64) as usize % cities.len()];
                let spread = if next() < 0.2 { 20.0 } else { 0.5 };
                let lon = (lon + (next() - 0.5) * spread).clamp(-180.0, 180.0);
                let lat = (lat + (next() - 0.5) * spread).clamp(-85.0, 85.0);
                point(lon, lat, event)
            })
            .collect()
    }

    /// The same greedy algorithm as `cluster_level`, written plainly, with a brute-force
    /// neighbour search and no tree: (zoom, items, largest count) per zoom.
    fn naive_counts_per_zoom(points: &[ClusterPoint], options: &ClusterOptions) -> Vec<(u8, usize, u32)> {
        let mut nodes: Vec<(i32, i32, u32)> = points
            .iter()
            .map(|point| {
                let x = to_fixed(longitude_to_x(point.position.lon));
                (x, to_fixed(latitude_to_y(point.position.lat)), 1)
            })
            .collect();
        let mut result = Vec::new();
        for zoom in (options.min_zoom..=options.max_zoom).rev() {
            let radius = fixed_radius(options, zoom);
            let near = |a: (i32, i32, u32), b: (i32, i32, u32)| {
                let (dx, dy) = (f64::from(a.0 - b.0), f64::from(a.1 - b.1));
                dx * dx + dy * dy <= radius * radius
            };
            let mut taken = vec![false; nodes.len()];
            let mut next = Vec::new();
            for index in 0..nodes.len() {
                if taken[index] {
                    continue;
                }
                taken[index] = true;
                let (x, y, origin_count) = nodes[index];
                let near: Vec<usize> = (0..nodes.len())
                    .filter(|&other| !taken[other] && near(nodes[other], nodes[index]))
                    .collect();
                let count = origin_count + near.iter().map(|&other| nodes[other].2).sum::<u32>();
                if count > origin_count && count >= options.min_points {
                    let mut weighted = (
                        i64::from(x) * i64::from(origin_count),
                        i64::from(y) * i64::from(origin_count),
                    );
                    for &other in &near {
                        taken[other] = true;
                        weighted.0 += i64::from(nodes[other].0) * i64::from(nodes[other].2);
                        weighted.1 += i64::from(nodes[other].1) * i64::from(nodes[other].2);
                    }
                    let centre = |sum: i64| (sum as f64 / f64::from(count)) as i32;
                    next.push((centre(weighted.0), centre(weighted.1), count));
                } else {
                    next.push(nodes[index]);
                    for &other in &near {
                        taken[other] = true;
                        next.push(nodes[other]);
                    }
                }
            }
            nodes = next;
            result.push((zoom, nodes.len(), nodes.iter().map(|node| node.2).max().unwrap_or(0)));
        }
        result
    }

    #[test]
    fn cluster_counts_per_zoom_match_a_naive_reference() {
        let points = scattered(1500);
        for options in [
            ClusterOptions::default(),
            ClusterOptions {
                radius: 60.0,
                min_points: 3,
                max_zoom: 12,
                min_zoom: 2,
                node_size: 4,
                ..ClusterOptions::default()
            },
        ] {
            let index = ClusterIndex::new(points.clone(), options).unwrap(); // ok: valid test input
            for (zoom, expected_items, expected_largest) in naive_counts_per_zoom(&points, &options) {
                let items = index.clusters(&LonLatBounds::WORLD, f64::from(zoom));
                let largest = items.iter().map(ClusterItem::count).max().unwrap_or(0);
                assert_eq!(
                    (items.len(), largest),
                    (expected_items, expected_largest),
                    "zoom {zoom}"
                );
                let total: u32 = items.iter().map(ClusterItem::count).sum();
                assert_eq!(total, 1500, "zoom {zoom}");
            }
        }
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// The index built a level at a time, stopping and resuming between levels (the
            /// app's loader), and finished after any number of steps, is the one built at once.
            #[test]
            fn an_index_built_in_steps_is_the_one_built_at_once(
                places in prop::collection::vec((-180.0f64..=180.0, -85.0f64..=85.0), 0..40),
                picks in prop::collection::vec(0usize..1000, 0..250),
                steps in 0usize..25,
                min_zoom in 0u8..4,
            ) {
                let points: Vec<ClusterPoint> = picks
                    .iter()
                    .enumerate()
                    .filter(|_| !places.is_empty())
                    .map(|(event, &pick)| {
                        let (lon, lat) = places[pick % places.len()];
                        point(lon, lat, event as u32)
                    })
                    .collect();
                let options = ClusterOptions { min_zoom, ..ClusterOptions::default() };
                let mut build = ClusterIndexBuild::new(points.clone(), options).unwrap(); // ok: valid generated input
                let mut more = true;
                for _ in 0..steps {
                    more = build.step();
                }
                prop_assert_eq!(more, steps <= usize::from(options.max_zoom - min_zoom) + 1);
                prop_assert_eq!(build.finish(), ClusterIndex::new(points, options).unwrap()); // ok: as above
            }

            /// Random places, most of them repeated exactly (events at one city's coordinates)
            /// and some moved by about a metre, a hundred metres or ten kilometres: at every zoom,
            /// the same counts as the plain algorithm, so skipping the query of an isolated node
            /// changes nothing. With two points to a cluster the result does not depend on the
            /// order in which a query reports neighbours, which differs between the tree and the
            /// reference.
            #[test]
            fn counts_match_the_naive_reference_on_random_places(
                places in prop::collection::vec((-180.0f64..=180.0, -85.0f64..=85.0), 1..40),
                picks in prop::collection::vec((0usize..1000, 0usize..6), 1..250),
                node_size in prop::sample::select(vec![1usize, 4, 64]),
            ) {
                let points: Vec<ClusterPoint> = picks
                    .iter()
                    .enumerate()
                    .map(|(event, &(pick, nudge))| {
                        let (lon, lat) = places[pick % places.len()];
                        let offset = [0.0, 0.0, 0.0, 1e-5, 1e-3, 0.1][nudge];
                        point((lon + offset).min(180.0), lat, event as u32)
                    })
                    .collect();
                let options = ClusterOptions { node_size, ..ClusterOptions::default() };
                let index = ClusterIndex::new(points.clone(), options).unwrap(); // ok: valid generated input
                for (zoom, expected_items, expected_largest) in naive_counts_per_zoom(&points, &options) {
                    let items = index.clusters(&LonLatBounds::WORLD, f64::from(zoom));
                    let largest = items.iter().map(ClusterItem::count).max().unwrap_or(0);
                    prop_assert_eq!((items.len(), largest), (expected_items, expected_largest), "zoom {}", zoom);
                }
            }
        }
    }

    #[test]
    fn children_leaves_and_expansion_are_consistent() {
        let points = scattered(800);
        let index = ClusterIndex::new(points, ClusterOptions::default()).unwrap(); // ok: valid test input
        for zoom in [0.0, 3.0, 7.0] {
            for item in index.clusters(&LonLatBounds::WORLD, zoom) {
                let ClusterItem::Cluster { id, count, .. } = item else {
                    continue;
                };
                let children = index.children(id).unwrap(); // ok: id from this index
                assert_eq!(children.iter().map(ClusterItem::count).sum::<u32>(), count);
                let mut leaves = index.leaves(id, usize::MAX, 0).unwrap(); // ok: id from this index
                assert_eq!(leaves.len() as u32, count);
                leaves.sort_unstable();
                leaves.dedup();
                assert_eq!(leaves.len() as u32, count, "each event once");
                let page = index.leaves(id, 3, 1).unwrap(); // ok: id from this index
                let all = index.leaves(id, usize::MAX, 0).unwrap(); // ok: id from this index
                assert_eq!(page.as_slice(), &all[1.min(all.len())..4.min(all.len())]);
                let expansion = index.expansion_zoom(id).unwrap(); // ok: id from this index
                assert!(expansion > zoom as u8 && expansion <= 17, "{expansion}");
                // At the expansion zoom the cluster's events are in more than one item.
                let first = index.item_containing(leaves[0] as usize, f64::from(expansion)).unwrap(); // ok: leaf index
                assert!(first.count() < count);
            }
        }
    }

    #[test]
    fn the_same_place_many_times_stays_one_cluster_until_beyond_max_zoom() {
        let points: Vec<ClusterPoint> = (0..50).map(|event| point(120.3, 31.57, event)).collect();
        let index = ClusterIndex::new(points, ClusterOptions::default()).unwrap(); // ok: valid test input
        for zoom in 0..=16 {
            let items = index.clusters(&LonLatBounds::WORLD, f64::from(zoom));
            assert_eq!(items.len(), 1, "zoom {zoom}");
            assert_eq!(items[0].count(), 50);
        }
        let items = index.clusters(&LonLatBounds::WORLD, 17.0);
        assert_eq!(items.len(), 50);
        // Zoom beyond max_zoom uses the last level; a cluster that never splits expands past it,
        // which tells the view to list its events instead.
        assert_eq!(index.clusters(&LonLatBounds::WORLD, 25.0).len(), 50);
        let ClusterItem::Cluster { id, .. } = index.clusters(&LonLatBounds::WORLD, 5.0)[0] else {
            panic!("expected a cluster");
        };
        assert_eq!(index.expansion_zoom(id), Ok(17));
        assert_eq!(index.leaves(id, 100, 0).map(|leaves| leaves.len()), Ok(50));
    }

    #[test]
    fn antimeridian_bounds_query_both_sides() {
        let points = vec![point(179.5, -16.5, 0), point(-179.5, -16.6, 1), point(0.0, 0.0, 2)];
        let index = ClusterIndex::new(points, ClusterOptions::default()).unwrap(); // ok: valid test input
        let pacific = LonLatBounds::new(170.0, -20.0, -170.0, -10.0).unwrap(); // ok: valid literal
        let mut events: Vec<u32> = index
            .clusters(&pacific, 17.0)
            .iter()
            .filter_map(|item| match item {
                ClusterItem::Point { event, .. } => Some(*event),
                ClusterItem::Cluster { .. } => None,
            })
            .collect();
        events.sort_unstable();
        assert_eq!(events, vec![0, 1]);
        // supercluster does not merge across the antimeridian either: the world square is flat.
        assert_eq!(index.clusters(&LonLatBounds::WORLD, 0.0).len(), 3);
    }

    #[test]
    fn bad_input_gives_typed_errors() {
        let options = ClusterOptions::default();
        assert_eq!(
            ClusterIndex::new(vec![point(0.0, 0.0, 0), point(f64::NAN, 1.0, 1)], options).err(),
            Some(ClusterError::NotANumber { index: 1 })
        );
        assert!(matches!(
            ClusterIndex::new(vec![point(200.0, 0.0, 0)], options).err(),
            Some(ClusterError::OutOfRange { index: 0, .. })
        ));
        assert!(matches!(
            ClusterIndex::new(
                Vec::new(),
                ClusterOptions {
                    min_zoom: 5,
                    max_zoom: 4,
                    ..options
                }
            )
            .err(),
            Some(ClusterError::InvalidOptions(_))
        ));
        assert!(matches!(
            ClusterIndex::new(
                Vec::new(),
                ClusterOptions {
                    max_zoom: 31,
                    ..options
                }
            )
            .err(),
            Some(ClusterError::InvalidOptions(_))
        ));
        assert!(matches!(
            ClusterIndex::new(
                Vec::new(),
                ClusterOptions {
                    radius: f64::NAN,
                    ..options
                }
            )
            .err(),
            Some(ClusterError::InvalidOptions(_))
        ));
        let index = ClusterIndex::new(scattered(100), options).unwrap(); // ok: valid test input
        let unknown = ClusterId::from_u64(u64::MAX);
        assert_eq!(index.children(unknown), Err(ClusterError::UnknownCluster(unknown)));
        for forged in [0, (1_000_000 << 5) | 5] {
            let forged = ClusterId::from_u64(forged);
            assert_eq!(index.expansion_zoom(forged), Err(ClusterError::UnknownCluster(forged)));
        }
        assert_eq!(index.item_containing(100, 3.0), None);
        let empty = ClusterIndex::new(Vec::new(), options).unwrap(); // ok: valid test input
        assert!(empty.clusters(&LonLatBounds::WORLD, 3.0).is_empty());
    }

    #[test]
    fn item_containing_finds_the_cluster_that_holds_an_event() {
        let points = scattered(500);
        let index = ClusterIndex::new(points, ClusterOptions::default()).unwrap(); // ok: valid test input
        for zoom in [0.0, 4.0, 9.0, 17.0] {
            let holder = index.item_containing(42, zoom).unwrap(); // ok: index in range
            match holder {
                ClusterItem::Point { event, .. } => assert_eq!(event, 42),
                ClusterItem::Cluster { id, .. } => {
                    assert!(index.leaves(id, usize::MAX, 0).unwrap().contains(&42)); // ok: id from this index
                    assert!(index.clusters(&LonLatBounds::WORLD, zoom).contains(&holder));
                }
            }
        }
    }
}
