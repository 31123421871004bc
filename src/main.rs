//! The web app's entry point (built for wasm32 by trunk from `index.html`).

fn main() {
    health_atlas::app::mount_in_page();
}
