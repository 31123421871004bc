//! A static 2-d KD-tree over points in the world square, in the layout of the `kdbush` library
//! that supercluster uses: one array of ids and one of coordinates, sorted in place by recursive
//! selection on alternating axes, with leaves of `node_size` points scanned linearly. Built once
//! and only queried after, so it needs no pointers and no per-node allocation.

pub(crate) struct KdTree {
    node_size: usize,
    ids: Vec<u32>,
    /// x and y interleaved, in the same order as `ids`.
    coordinates: Vec<f64>,
}

impl KdTree {
    /// `points` are (x, y); an id is a point's index in that slice.
    pub(crate) fn new(points: impl ExactSizeIterator<Item = (f64, f64)>, node_size: usize) -> KdTree {
        let mut ids = Vec::with_capacity(points.len());
        let mut coordinates = Vec::with_capacity(points.len() * 2);
        for (index, (x, y)) in points.enumerate() {
            ids.push(index as u32);
            coordinates.push(x);
            coordinates.push(y);
        }
        let mut tree = KdTree {
            node_size: node_size.max(1),
            ids,
            coordinates,
        };
        if !tree.ids.is_empty() {
            let last = tree.ids.len() - 1;
            tree.sort(0, last, 0);
        }
        tree
    }

    fn sort(&mut self, left: usize, right: usize, axis: usize) {
        if right - left <= self.node_size {
            return;
        }
        let middle = (left + right) >> 1;
        self.select(middle, left, right, axis);
        // Both halves are non-empty here because right - left > node_size >= 1.
        self.sort(left, middle - 1, 1 - axis);
        self.sort(middle + 1, right, 1 - axis);
    }

    /// Floyd–Rivest selection: puts the k-th smallest value on `axis` at k, smaller before it.
    fn select(&mut self, k: usize, mut left: usize, mut right: usize, axis: usize) {
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
                self.select(k, new_left, new_right, axis);
            }
            let pivot = self.coordinates[2 * k + axis];
            let mut i = left;
            let mut j = right;
            self.swap(left, k);
            if self.coordinates[2 * right + axis] > pivot {
                self.swap(left, right);
            }
            while i < j {
                self.swap(i, j);
                i += 1;
                j -= 1;
                while self.coordinates[2 * i + axis] < pivot {
                    i += 1;
                }
                while self.coordinates[2 * j + axis] > pivot {
                    j -= 1;
                }
            }
            if self.coordinates[2 * left + axis] == pivot {
                self.swap(left, j);
            } else {
                j += 1;
                self.swap(j, right);
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

    fn swap(&mut self, i: usize, j: usize) {
        self.ids.swap(i, j);
        self.coordinates.swap(2 * i, 2 * j);
        self.coordinates.swap(2 * i + 1, 2 * j + 1);
    }

    /// Calls `found` with the id of every point in the box (edges included).
    pub(crate) fn range(&self, min_x: f64, min_y: f64, max_x: f64, max_y: f64, mut found: impl FnMut(u32)) {
        if self.ids.is_empty() {
            return;
        }
        let mut stack = vec![(0usize, self.ids.len() - 1, 0usize)];
        while let Some((left, right, axis)) = stack.pop() {
            if right - left <= self.node_size {
                for index in left..=right {
                    let (x, y) = (self.coordinates[2 * index], self.coordinates[2 * index + 1]);
                    if x >= min_x && x <= max_x && y >= min_y && y <= max_y {
                        found(self.ids[index]);
                    }
                }
                continue;
            }
            let middle = (left + right) >> 1;
            let (x, y) = (self.coordinates[2 * middle], self.coordinates[2 * middle + 1]);
            if x >= min_x && x <= max_x && y >= min_y && y <= max_y {
                found(self.ids[middle]);
            }
            let value = if axis == 0 { x } else { y };
            let (low, high) = if axis == 0 { (min_x, max_x) } else { (min_y, max_y) };
            if low <= value {
                stack.push((left, middle - 1, 1 - axis));
            }
            if high >= value {
                stack.push((middle + 1, right, 1 - axis));
            }
        }
    }

    /// Calls `found` with the id of every point within `radius` of (x, y), edge included.
    pub(crate) fn within(&self, x: f64, y: f64, radius: f64, mut found: impl FnMut(u32)) {
        if self.ids.is_empty() {
            return;
        }
        let radius_squared = radius * radius;
        let mut stack = vec![(0usize, self.ids.len() - 1, 0usize)];
        while let Some((left, right, axis)) = stack.pop() {
            if right - left <= self.node_size {
                for index in left..=right {
                    let dx = self.coordinates[2 * index] - x;
                    let dy = self.coordinates[2 * index + 1] - y;
                    if dx * dx + dy * dy <= radius_squared {
                        found(self.ids[index]);
                    }
                }
                continue;
            }
            let middle = (left + right) >> 1;
            let (middle_x, middle_y) = (self.coordinates[2 * middle], self.coordinates[2 * middle + 1]);
            let (dx, dy) = (middle_x - x, middle_y - y);
            if dx * dx + dy * dy <= radius_squared {
                found(self.ids[middle]);
            }
            let (value, center) = if axis == 0 { (middle_x, x) } else { (middle_y, y) };
            if center - radius <= value {
                stack.push((left, middle - 1, 1 - axis));
            }
            if center + radius >= value {
                stack.push((middle + 1, right, 1 - axis));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Vec<(f64, f64)> {
        // Deterministic scattered points, with duplicates.
        (0..2000u32)
            .map(|index| {
                let a = (index.wrapping_mul(2_654_435_761) % 1000) as f64 / 1000.0;
                let b = (index.wrapping_mul(40_503) % 997) as f64 / 997.0;
                (a, b)
            })
            .collect()
    }

    #[test]
    fn range_and_within_match_a_linear_scan() {
        let points = grid();
        for node_size in [1, 5, 64] {
            let tree = KdTree::new(points.iter().copied(), node_size);
            let mut found = Vec::new();
            tree.range(0.2, 0.3, 0.45, 0.5, |id| found.push(id));
            found.sort_unstable();
            let expected: Vec<u32> = (0..points.len() as u32)
                .filter(|&id| {
                    let (x, y) = points[id as usize];
                    (0.2..=0.45).contains(&x) && (0.3..=0.5).contains(&y)
                })
                .collect();
            assert_eq!(found, expected);

            let mut near = Vec::new();
            tree.within(0.5, 0.5, 0.1, |id| near.push(id));
            near.sort_unstable();
            let expected: Vec<u32> = (0..points.len() as u32)
                .filter(|&id| {
                    let (x, y) = points[id as usize];
                    (x - 0.5).powi(2) + (y - 0.5).powi(2) <= 0.01
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
        tree.within(0.5, 0.5, 1.0, |_| count += 1);
        assert_eq!(count, 0);
    }
}
