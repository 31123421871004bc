//! A static 2-d KD-tree over fixed-point points, in the layout of the `kdbush` library that
//! supercluster uses: one array of ids and one of coordinates, sorted in place by recursive
//! selection on alternating axes, with leaves of `node_size` points scanned linearly. Built once
//! and only queried after, so it needs no pointers and no per-node allocation, and a query walks
//! a fixed-size stack rather than allocating one.
//!
//! Coordinates are `i32` (supercluster 9's fixed point for the world square, see
//! `cluster::to_fixed`), and distances are compared in `f64` as JavaScript compares them; with
//! kdbush's visiting order this gives exactly the same neighbours, in the same order, as the
//! reference library. The hot loops index slices, not `Vec`s: at the app's opt-level "z" a
//! `Vec` index stays a call.

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

pub(crate) struct KdTree {
    node_size: usize,
    ids: Vec<u32>,
    /// x and y interleaved, in the same order as `ids`.
    coordinates: Vec<i32>,
}

impl KdTree {
    /// `coordinates` are x and y interleaved; a point's id is its index (half the position of its
    /// x). The caller keeps the number of points below 2^32.
    pub(crate) fn new(coordinates: Vec<i32>, node_size: usize) -> KdTree {
        let count = coordinates.len() / 2;
        let mut tree = KdTree {
            node_size: node_size.max(1),
            ids: (0..count as u32).collect(),
            coordinates,
        };
        tree.coordinates.truncate(count * 2);
        if count > 0 {
            sort(&mut tree.ids, &mut tree.coordinates, tree.node_size, 0, count - 1, 0);
        }
        tree
    }

    /// Calls `found` with the id of every point in the box (edges included). The bounds are
    /// `f64` because supercluster does not round a query box to the fixed-point grid.
    pub(crate) fn range(&self, min_x: f64, min_y: f64, max_x: f64, max_y: f64, mut found: impl FnMut(u32)) {
        let (ids, coordinates) = (&self.ids[..], &self.coordinates[..]);
        let inside = |index: usize| {
            let (x, y) = (f64::from(coordinates[2 * index]), f64::from(coordinates[2 * index + 1]));
            x >= min_x && x <= max_x && y >= min_y && y <= max_y
        };
        self.walk(|left, right, axis| {
            if right - left <= self.node_size {
                // One index into both arrays: a plain counted loop, which opt-level "z" keeps
                // as simple as kdbush's.
                #[allow(clippy::needless_range_loop)]
                for index in left..right + 1 {
                    if inside(index) {
                        found(ids[index]);
                    }
                }
                return (false, false);
            }
            let middle = (left + right) >> 1;
            if inside(middle) {
                found(ids[middle]);
            }
            let value = f64::from(coordinates[2 * middle + axis]);
            let (low, high) = if axis == 0 { (min_x, max_x) } else { (min_y, max_y) };
            (low <= value, high >= value)
        });
    }

    /// Calls `found` with the id of every point within `radius` of (x, y), edge included, in
    /// kdbush's order.
    #[inline(always)] // The build's hot path: a call per node per level otherwise stays a call at opt-level "z".
    pub(crate) fn within(&self, x: i32, y: i32, radius: f64, mut found: impl FnMut(u32)) {
        let (ids, coordinates) = (&self.ids[..], &self.coordinates[..]);
        let radius_squared = radius * radius;
        // JavaScript subtracts two int32s exactly and squares in f64; so does this.
        let near = |index: usize| {
            let dx = f64::from(coordinates[2 * index] - x);
            let dy = f64::from(coordinates[2 * index + 1] - y);
            dx * dx + dy * dy <= radius_squared
        };
        let (x, y) = (f64::from(x), f64::from(y));
        self.walk(|left, right, axis| {
            if right - left <= self.node_size {
                // One index into both arrays: a plain counted loop, which opt-level "z" keeps
                // as simple as kdbush's.
                #[allow(clippy::needless_range_loop)]
                for index in left..right + 1 {
                    if near(index) {
                        found(ids[index]);
                    }
                }
                return (false, false);
            }
            let middle = (left + right) >> 1;
            if near(middle) {
                found(ids[middle]);
            }
            let value = f64::from(coordinates[2 * middle + axis]);
            let center = if axis == 0 { x } else { y };
            (center - radius <= value, center + radius >= value)
        });
    }

    /// kdbush's depth-first walk: `visit(left, right, axis)` handles one range and says whether
    /// to descend into its lower and its upper half. The upper half is visited first, as in
    /// kdbush, so that `found` sees the points in the reference's order.
    #[inline(always)] // Inlined into its two callers so that `visit` is too.
    fn walk(&self, mut visit: impl FnMut(usize, usize, usize) -> (bool, bool)) {
        if self.ids.is_empty() {
            return;
        }
        let mut stack = [Frame::default(); STACK_FRAMES];
        stack[0] = Frame {
            left: 0,
            right: (self.ids.len() - 1) as u32,
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

/// Sorts `ids` and `coordinates` (pairs) between `left` and `right` into kd order.
fn sort(ids: &mut [u32], coordinates: &mut [i32], node_size: usize, left: usize, right: usize, axis: usize) {
    if right - left <= node_size {
        return;
    }
    let middle = (left + right) >> 1;
    select(ids, coordinates, middle, left, right, axis);
    // Both halves are non-empty here because right - left > node_size >= 1.
    sort(ids, coordinates, node_size, left, middle - 1, 1 - axis);
    sort(ids, coordinates, node_size, middle + 1, right, 1 - axis);
}

/// Floyd–Rivest selection: puts the k-th smallest value on `axis` at k, smaller before it.
fn select(ids: &mut [u32], coordinates: &mut [i32], k: usize, mut left: usize, mut right: usize, axis: usize) {
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
            select(ids, coordinates, k, new_left, new_right, axis);
        }
        let pivot = coordinates[2 * k + axis];
        let mut i = left;
        let mut j = right;
        swap(ids, coordinates, left, k);
        if coordinates[2 * right + axis] > pivot {
            swap(ids, coordinates, left, right);
        }
        while i < j {
            swap(ids, coordinates, i, j);
            i += 1;
            j -= 1;
            while coordinates[2 * i + axis] < pivot {
                i += 1;
            }
            while coordinates[2 * j + axis] > pivot {
                j -= 1;
            }
        }
        if coordinates[2 * left + axis] == pivot {
            swap(ids, coordinates, left, j);
        } else {
            j += 1;
            swap(ids, coordinates, j, right);
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

#[inline(always)] // Three swaps in the innermost loop of the build.
fn swap(ids: &mut [u32], coordinates: &mut [i32], i: usize, j: usize) {
    ids.swap(i, j);
    coordinates.swap(2 * i, 2 * j);
    coordinates.swap(2 * i + 1, 2 * j + 1);
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
        KdTree::new(points.iter().flat_map(|&(x, y)| [x, y]).collect(), node_size)
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
            tree.within(500, 500, 100.0, |id| near.push(id));
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
        let tree = KdTree::new(Vec::new(), 64);
        let mut count = 0;
        tree.range(0.0, 0.0, 1.0, 1.0, |_| count += 1);
        tree.within(0, 0, 1.0, |_| count += 1);
        assert_eq!(count, 0);
    }
}
