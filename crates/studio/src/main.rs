//! The studio page's wasm entry point (studio.html names this binary).

fn main() {
    health_atlas_studio::view::mount();
}
