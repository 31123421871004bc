//! `atlas-data`: the data maintainers' tool. Validate a dataset, convert it to and from the
//! spreadsheet layout, or generate synthetic data for benchmarks.
//!
//! ```text
//! atlas-data validate FILE...                      (.json, .csv, .xlsx, .xls, .ods)
//! atlas-data import-csv FILE.csv [--stories STORIES.csv] -o events.json
//! atlas-data export-csv FILE.json -o FILE.csv [--stories STORIES.csv]
//! atlas-data import-xlsx FILE.xlsx -o events.json   (also .xls, .xlsb, .ods)
//! atlas-data export-xlsx FILE.json -o FILE.xlsx
//! atlas-data template -o FILE.xlsx|FILE.csv
//! atlas-data generate --count N [--seed S] -o FILE.json
//! atlas-data feeds [FILE] --out DIR [--base-url URL] [--domain D] [--revision T] [--per-category]
//! ```
//! Exit status: 0 on success, 1 when the data has problems, 2 on a usage error. `validate` also
//! warns (on stderr, exit status 0) about titles and summaries without English or Chinese text,
//! which the app accepts but the shipped dataset's tests do not.

use std::process::ExitCode;

use health_atlas_model::completeness::missing_texts;
// The `feeds` command. Native only: the Atom writer is a native-only feature of
// health-atlas-explore (never in the wasm).
#[cfg(not(target_arch = "wasm32"))]
mod feeds;

use health_atlas_model::csv::{export_csv, export_stories_csv, import_csv, import_stories_csv, row_of_event};
use health_atlas_model::generate::generate;
use health_atlas_model::Dataset;
use health_atlas_model::{parse_dataset_with, DatasetError};
// The workbook reader and writer, and CSV's text encodings: the studio page's own code.
use health_atlas_workbook::{decode_text, read_workbook, template_csv, template_xlsx, write_xlsx};

const USAGE: &str = "usage:
  atlas-data validate FILE...                      check .json or .csv datasets (warns about
                                                   titles and summaries without en or zh)
  atlas-data import-csv FILE.csv -o events.json    spreadsheet -> dataset
  atlas-data export-csv FILE.json -o FILE.csv      dataset -> spreadsheet
      --stories STORIES.csv   the stories, one row per step, as a second file (export
                              refuses to drop a dataset's stories without it)
  atlas-data import-xlsx FILE.xlsx -o events.json  workbook (.xlsx, .xls, .xlsb, .ods) -> dataset
  atlas-data export-xlsx FILE.json -o FILE.xlsx    dataset -> workbook (stories included), with
                                                   drop-down lists and a guide to the columns
  atlas-data template -o FILE.xlsx|FILE.csv        the blank spreadsheet template
  (CSV files may be UTF-8, UTF-16 with a BOM, or GB18030)
  atlas-data generate --count N [--seed S] -o FILE.json   synthetic data
  atlas-data feeds [FILE] --out DIR [options]      calendar (.ics) and Atom feeds of FILE
                                                   (default: the dataset built into the app)
      --base-url URL    the atlas page entries link to (absolute: https://site/atlas/);
                        without it, Atom links are relative (../index.html) and the
                        calendars link to each event's first source
      --feeds-url URL   where DIR is served (default: <base-url's directory>feeds/)
      --domain D        site domain for UIDs and ids (default: base-url's host, else health-atlas)
      --revision T      the data's revision, RFC 3339 or YYYY-MM-DD (default: the latest
                        source publication day in the data): every time stamp in the feeds
      --refresh P       how often clients re-fetch, an RFC 5545 duration (default: PT12H)
      --per-category    also one calendar and Atom feed per category";

/// What went wrong, as the exit status it maps to.
enum Failure {
    Usage(String),
    Data(Vec<String>),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("atlas-data: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Data(problems)) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!("atlas-data: {} problem(s) found", problems.len());
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    match command.as_str() {
        "validate" => validate_files(rest),
        "import-csv" => {
            let (input, output, stories) = input_and_output(rest)?;
            let dataset = read_csv_dataset(&input, stories.as_deref())?;
            write(&output, &to_json(&dataset))?;
            Ok(format!(
                "{output}: wrote {} events and {} stories from {input}",
                dataset.events.len(),
                dataset.stories.len()
            ))
        }
        "export-csv" => {
            let (input, output, stories) = input_and_output(rest)?;
            let dataset = read_dataset(&input)?;
            match (&stories, dataset.stories.len()) {
                (Some(stories_file), _) => write(stories_file, &export_stories_csv(&dataset.stories))?,
                (None, 0) => {}
                (None, count) => {
                    return Err(usage(&format!(
                        "{input} has {count} stories; give --stories STORIES.csv to keep them"
                    )))
                }
            }
            write(&output, &export_csv(&dataset))?;
            Ok(format!(
                "{output}: wrote {} events from {input}{}",
                dataset.events.len(),
                stories.map_or(String::new(), |file| format!(
                    "; {file}: {} stories",
                    dataset.stories.len()
                ))
            ))
        }
        "import-xlsx" => {
            let (input, output, stories) = input_and_output(rest)?;
            if stories.is_some() {
                return Err(usage(
                    "import-xlsx reads the stories from the workbook's own `stories` sheet",
                ));
            }
            let dataset = read_dataset(&input)?;
            write(&output, &to_json(&dataset))?;
            Ok(format!(
                "{output}: wrote {} events and {} stories from {input}",
                dataset.events.len(),
                dataset.stories.len()
            ))
        }
        "export-xlsx" => {
            let (input, output, stories) = input_and_output(rest)?;
            if stories.is_some() {
                return Err(usage(
                    "export-xlsx writes the stories on the workbook's own `stories` sheet",
                ));
            }
            let dataset = read_dataset(&input)?;
            let bytes = write_xlsx(&dataset).map_err(|error| Failure::Data(vec![format!("{output}: {error}")]))?;
            write_bytes(&output, &bytes)?;
            Ok(format!(
                "{output}: wrote {} events and {} stories from {input}",
                dataset.events.len(),
                dataset.stories.len()
            ))
        }
        "template" => {
            let options = Options::parse(rest)?;
            let output = options
                .value("-o")?
                .ok_or_else(|| usage("template needs -o FILE.xlsx or FILE.csv"))?;
            if let Some(extra) = options.positional.first() {
                return Err(usage(&format!("unexpected argument {extra:?}")));
            }
            if output.to_ascii_lowercase().ends_with(".csv") {
                write(output, &template_csv())?;
            } else {
                let bytes = template_xlsx().map_err(|error| Failure::Data(vec![format!("{output}: {error}")]))?;
                write_bytes(output, &bytes)?;
            }
            Ok(format!("{output}: the blank template"))
        }
        "generate" => {
            let options = Options::parse(rest)?;
            let count: usize = parse_number(
                options
                    .value("--count")?
                    .ok_or_else(|| usage("generate needs --count N"))?,
                "--count",
            )?;
            let seed: u64 = match options.value("--seed")? {
                Some(seed) => parse_number(seed, "--seed")?,
                None => 1,
            };
            let output = options
                .value("-o")?
                .ok_or_else(|| usage("generate needs -o FILE.json"))?;
            if !options.positional.is_empty() {
                return Err(usage(&format!("unexpected argument {:?}", options.positional[0])));
            }
            let dataset = generate(count, seed);
            write(
                output,
                &serde_json::to_string(&dataset).map_err(|error| Failure::Data(vec![error.to_string()]))?,
            )?;
            Ok(format!("{output}: generated {count} events with seed {seed}"))
        }
        #[cfg(not(target_arch = "wasm32"))]
        "feeds" => feeds::run(rest),
        "-h" | "--help" | "help" => Ok(USAGE.to_owned()),
        other => Err(usage(&format!("unknown command {other:?}"))),
    }
}

fn usage(message: &str) -> Failure {
    Failure::Usage(message.to_owned())
}

fn validate_files(files: &[String]) -> Result<String, Failure> {
    if files.is_empty() {
        return Err(usage("validate needs at least one FILE"));
    }
    let mut problems = Vec::new();
    let mut summaries = Vec::new();
    let mut warnings = Vec::new();
    for file in files {
        match read_dataset(file) {
            Ok(dataset) => {
                summaries.push(format!("{file}: {} events, valid", dataset.events.len()));
                warnings.extend(missing_text_warnings(file, &dataset));
            }
            Err(Failure::Data(found)) => problems.extend(found),
            Err(usage) => return Err(usage),
        }
    }
    // Warnings go to stderr with the problems; they never change the exit status.
    for warning in &warnings {
        eprintln!("{warning}");
    }
    if !warnings.is_empty() {
        eprintln!(
            "atlas-data: {} warning(s): the app accepts a text in one language, but `cargo test` requires \
             an English (en) and a Chinese (zh) title and summary for every event of data/events.json",
            warnings.len()
        );
    }
    if problems.is_empty() {
        Ok(summaries.join("\n"))
    } else {
        Err(Failure::Data(problems))
    }
}

/// The titles and summaries without English or Chinese text, one line each: the tests require
/// both for the shipped dataset, while a valid file needs only one.
fn missing_text_warnings(file: &str, dataset: &Dataset) -> Vec<String> {
    let is_csv = file.to_ascii_lowercase().ends_with(".csv") || is_workbook(file);
    missing_texts(dataset)
        .iter()
        .map(|missing| {
            if is_csv {
                format!("{file}: warning: row {}: {missing}", row_of_event(missing.event_index))
            } else {
                format!("{file}: warning: {missing}")
            }
        })
        .collect()
}

/// Every rule of a dataset: the model's own, then, once those pass, the story steps' filters,
/// which are in the app's link format and read by its decoder (`health-atlas-explore`).
fn validate(dataset: &Dataset) -> Vec<DatasetError> {
    let errors = health_atlas_model::validate::validate(dataset);
    if !errors.is_empty() {
        return errors;
    }
    step_filter_errors(dataset)
}

#[cfg(not(target_arch = "wasm32"))]
fn step_filter_errors(dataset: &Dataset) -> Vec<DatasetError> {
    health_atlas_explore::share::check_step_filters(dataset)
}

/// The tool never runs in a browser; this keeps `cargo clippy --target wasm32-unknown-unknown`
/// building it without the explore crate's native-only features.
#[cfg(target_arch = "wasm32")]
fn step_filter_errors(_: &Dataset) -> Vec<DatasetError> {
    Vec::new()
}

/// Reads and fully validates a .json, .csv or workbook dataset (`.xlsx`, `.xls`, `.xlsb`,
/// `.ods`); every problem is prefixed with the file.
fn read_dataset(file: &str) -> Result<Dataset, Failure> {
    let bytes = std::fs::read(file).map_err(|error| Failure::Data(vec![format!("{file}: cannot read: {error}")]))?;
    let located =
        |errors: Vec<String>| Failure::Data(errors.into_iter().map(|error| format!("{file}: {error}")).collect());
    let dataset = if is_workbook(file) {
        read_workbook(&bytes)
            .map_err(|error| located(error.to_string().lines().map(str::to_owned).collect()))?
            .dataset
    } else if file.to_ascii_lowercase().ends_with(".csv") {
        let (text, _encoding) = decode_text(&bytes).map_err(|error| located(vec![error.to_string()]))?;
        import_csv(&text).map_err(|errors| located(errors.iter().map(ToString::to_string).collect()))?
    } else {
        let text =
            String::from_utf8(bytes).map_err(|_| located(vec!["not UTF-8 text; expected a JSON file".into()]))?;
        return parse_dataset_with(&text, usize::MAX, step_filter_errors)
            .map_err(|errors| located(errors.iter().map(ToString::to_string).collect()));
    };
    let errors = validate(&dataset);
    if errors.is_empty() {
        Ok(dataset)
    } else {
        Err(located(errors.iter().map(csv_location).collect()))
    }
}

/// Whether `file` is named as a workbook.
fn is_workbook(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    [".xlsx", ".xls", ".xlsb", ".xlsm", ".ods"]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

/// Reads a spreadsheet of events and, with `--stories`, one of stories, and validates both
/// together (a step's events must be in the first file).
fn read_csv_dataset(file: &str, stories_file: Option<&str>) -> Result<Dataset, Failure> {
    let Some(stories_file) = stories_file else {
        return read_dataset(file);
    };
    let read = |path: &str| {
        let bytes =
            std::fs::read(path).map_err(|error| Failure::Data(vec![format!("{path}: cannot read: {error}")]))?;
        decode_text(&bytes)
            .map(|(text, _encoding)| text)
            .map_err(|error| Failure::Data(vec![format!("{path}: {error}")]))
    };
    let located = |path: &str, errors: &[health_atlas_model::csv::CsvError]| {
        Failure::Data(errors.iter().map(|error| format!("{path}: {error}")).collect())
    };
    let mut dataset = import_csv(&read(file)?).map_err(|errors| located(file, &errors))?;
    dataset.stories = import_stories_csv(&read(stories_file)?).map_err(|errors| located(stories_file, &errors))?;
    let errors = validate(&dataset);
    if errors.is_empty() {
        return Ok(dataset);
    }
    Err(Failure::Data(
        errors
            .iter()
            .map(|error| match story_row(&dataset, error) {
                Some(row) => format!("{stories_file}: row {row}: {error}"),
                None => format!("{file}: {}", csv_location(error)),
            })
            .collect(),
    ))
}

/// The row of the stories file that holds the step an error is about: the header is row 1 and
/// each step has a row, stories one after another.
fn story_row(dataset: &Dataset, error: &DatasetError) -> Option<u64> {
    let story = error.story_index()?;
    let step: usize = error
        .path
        .split_once(".steps[")
        .and_then(|(_, rest)| rest.split_once(']'))
        .and_then(|(number, _)| number.parse().ok())
        .unwrap_or(0);
    let before: usize = dataset.stories.iter().take(story).map(|story| story.steps.len()).sum();
    Some((before + step) as u64 + 2)
}

/// A validation error about `events[i]` of an imported CSV, told as the spreadsheet row.
fn csv_location(error: &DatasetError) -> String {
    match error.event_index() {
        Some(index) => format!("row {}: {error}", row_of_event(index)),
        None => error.to_string(),
    }
}

fn to_json(dataset: &Dataset) -> String {
    // Serialising plain data structs cannot fail; an empty string would be caught by validate.
    let mut json = serde_json::to_string_pretty(dataset).unwrap_or_default(); // ok: plain data, cannot fail
    json.push('\n');
    json
}

fn write(path: &str, contents: &str) -> Result<(), Failure> {
    write_bytes(path, contents.as_bytes())
}

fn write_bytes(path: &str, contents: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, contents).map_err(|error| Failure::Data(vec![format!("{path}: cannot write: {error}")]))
}

/// The input, `-o OUTPUT` and the optional `--stories FILE.csv`.
fn input_and_output(args: &[String]) -> Result<(String, String, Option<String>), Failure> {
    let options = Options::parse(args)?;
    let output = options
        .value("-o")?
        .ok_or_else(|| usage("missing -o OUTPUT"))?
        .to_owned();
    let stories = options.value("--stories")?.map(str::to_owned);
    match options.positional.as_slice() {
        [input] => Ok((input.clone(), output, stories)),
        [] => Err(usage("missing the input FILE")),
        [_, extra, ..] => Err(usage(&format!("unexpected argument {extra:?}"))),
    }
}

fn parse_number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, Failure> {
    text.parse()
        .map_err(|_| usage(&format!("{flag} expects a whole number, got {text:?}")))
}

/// `-o FILE`, `--count N`, `--seed S` and positional arguments, in any order.
struct Options {
    flags: Vec<(String, String)>,
    positional: Vec<String>,
}

impl Options {
    const FLAGS: [&'static str; 10] = [
        "-o",
        "--stories",
        "--count",
        "--seed",
        "--out",
        "--base-url",
        "--feeds-url",
        "--domain",
        "--revision",
        "--refresh",
    ];
    /// Flags without a value.
    const SWITCHES: [&'static str; 1] = ["--per-category"];

    fn parse(args: &[String]) -> Result<Options, Failure> {
        let mut options = Options {
            flags: Vec::new(),
            positional: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if Self::FLAGS.contains(&arg.as_str()) {
                let value = iter.next().ok_or_else(|| usage(&format!("{arg} needs a value")))?;
                options.flags.push((arg.clone(), value.clone()));
            } else if Self::SWITCHES.contains(&arg.as_str()) {
                options.flags.push((arg.clone(), String::new()));
            } else if arg.starts_with('-') && arg.len() > 1 {
                return Err(usage(&format!("unknown option {arg:?}")));
            } else {
                options.positional.push(arg.clone());
            }
        }
        Ok(options)
    }

    fn value(&self, flag: &str) -> Result<Option<&str>, Failure> {
        let mut values = self.flags.iter().filter(|(name, _)| name == flag);
        let first = values.next().map(|(_, value)| value.as_str());
        if values.next().is_some() {
            return Err(usage(&format!("{flag} given twice")));
        }
        Ok(first)
    }
}
