//! The category shapes drawn in SVG (timeline items, map markers), matching the list's CSS
//! shapes, so that category never depends on colour alone.

use health_atlas_model::Category;

/// An SVG path for `category`'s shape, in a 10 × 10 box centred on the origin. Place it with
/// a `transform`; colour comes from the `ha-cat-*` class on an ancestor.
pub fn category_shape(category: Category) -> &'static str {
    match category {
        Category::Conference => "M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0Z",
        Category::Forum => "M-4.5,-4.5h9v9h-9Z",
        Category::Summit => "M0,-5L5,4.5L-5,4.5Z",
        Category::Launch => "M0,-5.5L5.5,0L0,5.5L-5.5,0Z",
        Category::Inauguration => "M0,-5L1.1,-1.5L4.8,-1.5L1.8,0.7L2.9,4.1L0,2L-2.9,4.1L-1.8,0.7L-4.8,-1.5L-1.1,-1.5Z",
        Category::DelegationVisit => "M-4.5,-5L5,0L-4.5,5Z",
        Category::Signing => "M-2.5,-5L2.5,-5L5,-2.5L5,2.5L2.5,5L-2.5,5L-5,2.5L-5,-2.5Z",
        Category::AssociationFounding => "M-2.5,-5L2.5,-5L5,0L2.5,5L-2.5,5L-5,0Z",
        Category::Exhibition => "M-5,-4.5L5,-4.5L0,5Z",
        Category::Policy => "M-1.5,-5h3v3.5h3.5v3h-3.5v3.5h-3v-3.5h-3.5v-3h3.5Z",
    }
}
