//! Refuses to build when `data/events.json` is invalid, so a broken dataset can never ship.
//! It runs the model crate's own validator (a build dependency), not a copy.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../data/events.json");
    let path = "../../data/events.json";
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: {path}: cannot read it: {error}");
            std::process::exit(1);
        }
    };
    if let Err(errors) = health_atlas_model::parse_dataset(&text) {
        eprintln!(
            "error: {path} is invalid ({} problem(s)); fix them or run `cargo run -p atlas-data -- validate data/events.json`:",
            errors.len()
        );
        for error in &errors {
            eprintln!("  {path}: {error}");
        }
        std::process::exit(1);
    }
}
