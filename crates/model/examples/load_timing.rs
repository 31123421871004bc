//! Native timing of the dataset reader, parts apart: `cargo run --release -p health-atlas-model
//! --example load_timing -- 10000 100000`. Prints medians of 5 rounds in ms over
//! `generate(count, 42)` written as `atlas-data generate` writes it (compact) and pretty-printed.
use std::time::Instant;

use health_atlas_model::sliced_read::{Progress, SlicedRead};
use health_atlas_model::{generate::generate, parse_dataset, validate::validate, Dataset};

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn time<T>(rounds: usize, mut run: impl FnMut() -> T) -> f64 {
    median(
        (0..rounds)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(run());
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|arg| arg.parse().ok()).collect();
    for size in if sizes.is_empty() { vec![10_000] } else { sizes } {
        let dataset = generate(size, 42);
        for (layout, text) in [
            ("compact", serde_json::to_string(&dataset).unwrap()),
            ("pretty", serde_json::to_string_pretty(&dataset).unwrap()),
        ] {
            let parsed = serde_json::from_str::<Dataset>(&text).unwrap();
            println!(
                "{size} events, {layout}, {:.1} MB: parse_dataset {:.1} | sliced {:.1} | serde Dataset {:.1} | serde Value {:.1} | validate {:.1}",
                text.len() as f64 / 1e6,
                time(5, || parse_dataset(&text).unwrap()),
                time(5, || {
                    let mut sliced = SlicedRead::new(text.as_str(), usize::MAX, |_: &Dataset| Vec::new());
                    loop {
                        if let Progress::Done(result) = sliced.step(128 * 1024) {
                            break result.unwrap();
                        }
                    }
                }),
                time(5, || serde_json::from_str::<Dataset>(&text).unwrap()),
                time(5, || serde_json::from_str::<serde_json::Value>(&text).unwrap()),
                time(5, || validate(&parsed)),
            );
        }
    }
}
