//! A static 2-d KD-tree over fixed-point points, in the layout of the `kdbush` library that
//! supercluster uses: the points, sorted in place by recursive selection on alternating axes,
//! with leaves of `node_size` points scanned linearly. (kdbush keeps ids and coordinates in two
//! arrays; here a point and its id are one element, moved by one swap.) Built once and only
//! queried after, so it needs no pointers and no per-node allocation, and a query walks a
//! fixed-size stack rather than allocating one.
//!
//! Coordinates are `i32` (supercluster 9's fixed point for the world square, see
//! `cluster::to_fixed`), and distances are compared in `f64` as JavaScript compares them; with
//! kdbush's visiting order this gives exactly the same neighbours, in the same order, as the
//! reference library.

/// Deep enough for any tree: every split at least halves a range, so a tree over fewer than
/// 2^32 points is at most 33 levels deep, and a depth-first walk keeps at most one pending
/// sibling per level plus the two children it has just pushed.
const STACK_FRAMES: usize = 40;

/// A range of the sorted arrays still to visit, and the axis its middle point splits.
#[derive(Clone, Copy, Default)]
struct Frame {
    left: u32,
    right: u32,
    axis: u32,
}

/// A point of the tree: its coordinates (x, y) and its id.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct TreePoint {
    xy: [i32; 2],
    id: u32,
}

#[cfg_attr(test, derive(Debug, PartialEq))]
pub(crate) struct KdTree {
    node_size: usize,
    /// In kd order.
    points: Vec<TreePoint>,
}

impl KdTree {
    /// A point's id is its position in `points`. The caller keeps their number below 2^32.
    pub(crate) fn new(points: impl Iterator<Item = [i32; 2]>, node_size: usize) -> KdTree {
        let mut points: Vec<TreePoint> = points
            .enumerate()
            .map(|(id, xy)| TreePoint { xy, id: id as u32 })
            .collect();
        let node_size = node_size.max(1);
        if !points.is_empty() {
            let last = points.len() - 1;
            sort(&mut points, node_size, 0, last, 0);
        }
        KdTree { node_size, points }
    }

    /// Calls `found` with the id of every point in the box (edges included). The bounds are
    /// `f64` because supercluster does not round a query box to the fixed-point grid.
    pub(crate) fn range(&self, min_x: f64, min_y: f64, max_x: f64, max_y: f64, mut found: impl FnMut(u32)) {
        let points = &self.points[..];
        let inside = |point: &TreePoint| {
            let (x, y) = (f64::from(point.xy[0]), f64::from(point.xy[1]));
            x >= min_x && x <= max_x && y >= min_y && y <= max_y
        };
        self.walk(|left, right, axis| {
            if right - left <= self.node_size {
                for point in &points[left..right + 1] {
                    if inside(point) {
                        found(point.id);
                    }
                }
                return (false, false);
            }
            let middle = &points[(left + right) >> 1];
            if inside(middle) {
                found(middle.id);
            }
            let value = f64::from(middle.xy[axis]);
            let (low, high) = if axis == 0 { (min_x, max_x) } else { (min_y, max_y) };
            (low <= value, high >= value)
        });
    }

    /// Appends to `found` the id of every point within `radius` of (x, y), edge included, in
    /// kdbush's order. (A vector rather than a callback: one copy of the walk serves every
    /// caller, which keeps the wasm smaller.)
    pub(crate) fn within(&self, x: i32, y: i32, radius: f64, found: &mut Vec<u32>) {
        let points = &self.points[..];
        let radius_squared = radius * radius;
        // JavaScript subtracts two int32s exactly and squares in f64; so does this.
        let near = |point: &TreePoint| {
            let dx = f64::from(point.xy[0] - x);
            let dy = f64::from(point.xy[1] - y);
            dx * dx + dy * dy <= radius_squared
        };
        let (x, y) = (f64::from(x), f64::from(y));
        self.walk(|left, right, axis| {
            if right - left <= self.node_size {
                for point in &points[left..right + 1] {
                    if near(point) {
                        found.push(point.id);
                    }
                }
                return (false, false);
            }
            let middle = &points[(left + right) >> 1];
            if near(middle) {
                found.push(middle.id);
            }
            let value = f64::from(middle.xy[axis]);
            let center = if axis == 0 { x } else { y };
            (center - radius <= value, center + radius >= value)
        });
    }

    /// Sets `isolated[id]` for every point that provably has no other point within `radius`,
    /// judged from its own leaf alone: its `radius` disc (plus one unit of slack for rounding)
    /// lies inside the leaf's cell, and no other point of the leaf is that near. Other entries
    /// are left as they are; those points need a [`within`](Self::within) query. Costs one scan
    /// of a leaf per point, no descent from the root, and walks memory in order.
    pub(crate) fn mark_isolated(&self, radius: f64, isolated: &mut [bool]) {
        if !self.points.is_empty() {
            let everywhere = [f64::NEG_INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::INFINITY];
            self.mark_isolated_in(0, self.points.len() - 1, 0, everywhere, radius, isolated);
        }
    }

    /// `cell` is [min x, min y, max x, max y] of the range's region: every point of the range
    /// is within it, and every point outside the range is on or beyond its edges.
    fn mark_isolated_in(
        &self,
        left: usize,
        right: usize,
        axis: usize,
        cell: [f64; 4],
        radius: f64,
        isolated: &mut [bool],
    ) {
        if right - left > self.node_size {
            // The middle point lies on the split, the edge of both halves' cells: it is queried.
            let middle = (left + right) >> 1;
            let split = f64::from(self.points[middle].xy[axis]);
            let (mut lower, mut upper) = (cell, cell);
            lower[axis + 2] = split;
            upper[axis] = split;
            self.mark_isolated_in(left, middle - 1, 1 - axis, lower, radius, isolated);
            self.mark_isolated_in(middle + 1, right, 1 - axis, upper, radius, isolated);
            return;
        }
        // A disc strictly inside the cell cannot reach a point outside the leaf: those are on or
        // beyond the cell's edges. The unit of slack covers f64 rounding of the sums.
        let reach = radius + 1.0;
        let radius_squared = radius * radius;
        let leaf = &self.points[left..right + 1];
        for (index, point) in leaf.iter().enumerate() {
            let [x, y] = point.xy;
            let (fx, fy) = (f64::from(x), f64::from(y));
            if !(fx - reach > cell[0] && fx + reach < cell[2] && fy - reach > cell[1] && fy + reach < cell[3]) {
                continue;
            }
            let crowded = leaf.iter().enumerate().any(|(other, neighbour)| {
                let dx = f64::from(neighbour.xy[0] - x);
                let dy = f64::from(neighbour.xy[1] - y);
                other != index && dx * dx + dy * dy <= radius_squared
            });
            if !crowded {
                isolated[point.id as usize] = true;
            }
        }
    }

    /// kdbush's depth-first walk: `visit(left, right, axis)` handles one range and says whether
    /// to descend into its lower and its upper half. The upper half is visited first, as in
    /// kdbush, so that `found` sees the points in the reference's order.
    #[inline(always)] // Inlined into its two callers so that `visit` is too.
    fn walk(&self, mut visit: impl FnMut(usize, usize, usize) -> (bool, bool)) {
        if self.points.is_empty() {
            return;
        }
        let mut stack = [Frame::default(); STACK_FRAMES];
        stack[0] = Frame {
            left: 0,
            right: (self.points.len() - 1) as u32,
            axis: 0,
        };
        let mut depth = 1;
        while depth > 0 {
            depth -= 1;
            let Frame { left, right, axis } = stack[depth];
            let (left, right, axis) = (left as usize, right as usize, axis as usize);
            let (lower, upper) = visit(left, right, axis);
            // Only ranges longer than `node_size` (at least 2) ask to descend, so both halves
            // around the middle are non-empty.
            let middle = (left + right) >> 1;
            let next_axis = 1 - axis as u32;
            if lower {
                stack[depth] = Frame {
                    left: left as u32,
                    right: (middle - 1) as u32,
                    axis: next_axis,
                };
                depth += 1;
            }
            if upper {
                stack[depth] = Frame {
                    left: (middle + 1) as u32,
                    right: right as u32,
                    axis: next_axis,
                };
                depth += 1;
            }
        }
    }
}

/// Sorts `points` between `left` and `right` into kd order.
fn sort(points: &mut [TreePoint], node_size: usize, left: usize, right: usize, axis: usize) {
    if right - left <= node_size {
        return;
    }
    let middle = (left + right) >> 1;
    select(points, middle, left, right, axis);
    // Both halves are non-empty here because right - left > node_size >= 1.
    sort(points, node_size, left, middle - 1, 1 - axis);
    sort(points, node_size, middle + 1, right, 1 - axis);
}

/// Floyd–Rivest selection: puts the k-th smallest value on `axis` at k, smaller before it.
fn select(points: &mut [TreePoint], k: usize, mut left: usize, mut right: usize, axis: usize) {
    while right > left {
        if right - left > 600 {
            let n = (right - left + 1) as f64;
            let m = (k - left + 1) as f64;
            let z = n.ln();
            let s = 0.5 * (2.0 * z / 3.0).exp();
            let sign = if m - n / 2.0 < 0.0 { -1.0 } else { 1.0 };
            let sd = 0.5 * (z * s * (n - s) / n).sqrt() * sign;
            let new_left = (k as f64 - m * s / n + sd).floor().max(left as f64) as usize;
            let new_right = (k as f64 + (n - m) * s / n + sd).floor().min(right as f64) as usize;
            select(points, k, new_left, new_right, axis);
        }
        let pivot = points[k].xy[axis];
        let mut i = left;
        let mut j = right;
        points.swap(left, k);
        if points[right].xy[axis] > pivot {
            points.swap(left, right);
        }
        while i < j {
            points.swap(i, j);
            i += 1;
            j -= 1;
            while points[i].xy[axis] < pivot {
                i += 1;
            }
            while points[j].xy[axis] > pivot {
                j -= 1;
            }
        }
        if points[left].xy[axis] == pivot {
            points.swap(left, j);
        } else {
            j += 1;
            points.swap(j, right);
        }
        if j <= k {
            left = j + 1;
        }
        if k <= j {
            if j == 0 {
                break;
            }
            right = j - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Vec<(i32, i32)> {
        // Deterministic scattered points, with duplicates.
        (0..2000u32)
            .map(|index| {
                let a = (index.wrapping_mul(2_654_435_761) % 1000) as i32;
                let b = (index.wrapping_mul(40_503) % 997) as i32;
                (a, b)
            })
            .collect()
    }

    fn tree_of(points: &[(i32, i32)], node_size: usize) -> KdTree {
        KdTree::new(points.iter().map(|&(x, y)| [x, y]), node_size)
    }

    #[test]
    fn range_and_within_match_a_linear_scan() {
        let points = grid();
        for node_size in [1, 5, 64] {
            let tree = tree_of(&points, node_size);
            let mut found = Vec::new();
            tree.range(200.0, 300.0, 450.5, 500.0, |id| found.push(id));
            found.sort_unstable();
            let expected: Vec<u32> = (0..points.len() as u32)
                .filter(|&id| {
                    let (x, y) = points[id as usize];
                    (200..=450).contains(&x) && (300..=500).contains(&y)
                })
                .collect();
            assert_eq!(found, expected);

            let mut near = Vec::new();
            tree.within(500, 500, 100.0, &mut near);
            near.sort_unstable();
            let expected: Vec<u32> = (0..points.len() as u32)
                .filter(|&id| {
                    let (x, y) = points[id as usize];
                    (x - 500).pow(2) + (y - 500).pow(2) <= 100 * 100
                })
                .collect();
            assert_eq!(near, expected);
            assert!(!expected.is_empty());
        }
    }

    #[test]
    fn empty_tree_finds_nothing() {
        let tree = KdTree::new(std::iter::empty(), 64);
        let mut count = 0;
        tree.range(0.0, 0.0, 1.0, 1.0, |_| count += 1);
        let mut near = Vec::new();
        tree.within(0, 0, 1.0, &mut near);
        count += near.len();
        assert_eq!(count, 0);
    }
}
