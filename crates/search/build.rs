//! Writes the search crate's compact tables (pinyin, accent folding) to `$OUT_DIR`; the
//! `health-atlas-search-tables` crate derives them, so neither `pinyin` nor
//! `unicode-normalization` is linked into the wasm.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    for (name, table) in [
        ("pinyin.bin", health_atlas_search_tables::pinyin_table()),
        ("fold_table.bin", health_atlas_search_tables::fold_table()),
    ] {
        if let Err(error) = std::fs::write(format!("{out_dir}/{name}"), table) {
            eprintln!("error: cannot write {out_dir}/{name}: {error}");
            std::process::exit(1);
        }
    }
}
