//! Refuses to build when `data/events.json` is invalid, so a broken dataset can never ship.
//! It compiles the real model and validator (not a copy) by path.

#[allow(dead_code, unused_imports)]
#[path = "../core/src/model/mod.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/data/validate.rs"]
mod validate;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../data/events.json");
    println!("cargo:rerun-if-changed=../core/src/model");
    println!("cargo:rerun-if-changed=src/data/validate.rs");
    let path = "../data/events.json";
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {path}: {error}");
            std::process::exit(1);
        }
    };
    if let Err(errors) = validate::parse_dataset(&text) {
        eprintln!("error: {path} is invalid ({} problem(s)); fix them or run `cargo run --bin atlas-data -- validate {path}`:", errors.len());
        for error in &errors {
            eprintln!("  {path}: {error}");
        }
        std::process::exit(1);
    }
}
