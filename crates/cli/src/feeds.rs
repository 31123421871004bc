//! `atlas-data feeds`: writes the subscribable calendars and Atom feeds of a dataset into a
//! directory (`health_atlas_explore::share::feeds` does the writing; this is the shell around it:
//! options, defaults, files).

use chrono::{DateTime, NaiveDate, Utc};

use super::{read_dataset, usage, Failure, Options};
use health_atlas_dataset::EMBEDDED_JSON;
use health_atlas_explore::share::feeds::{feed_files, valid_domain, FeedOptions};
use health_atlas_model::{parse_dataset, Dataset};

/// The atlas page relative to the feeds when no `--base-url` is given: the build puts the
/// feeds in `feeds/` next to `index.html`.
const RELATIVE_ATLAS: &str = "../index.html";

pub fn run(args: &[String]) -> Result<String, Failure> {
    let options = Options::parse(args)?;
    let out = options.value("--out")?.ok_or_else(|| usage("feeds needs --out DIR"))?;
    let (dataset, input) = match options.positional.as_slice() {
        [] => (
            parse_dataset(EMBEDDED_JSON).map_err(|errors| {
                Failure::Data(
                    errors
                        .iter()
                        .map(|error| format!("embedded dataset: {error}"))
                        .collect(),
                )
            })?,
            "the embedded dataset".to_owned(),
        ),
        [file] => (read_dataset(file)?, file.clone()),
        [_, extra, ..] => return Err(usage(&format!("unexpected argument {extra:?}"))),
    };
    let feed_options = feed_options(&options, &dataset)?;
    std::fs::create_dir_all(out).map_err(|error| Failure::Data(vec![format!("{out}: cannot create: {error}")]))?;
    let files = feed_files(&dataset, &feed_options);
    for file in &files {
        let path = std::path::Path::new(out).join(&file.name);
        std::fs::write(&path, &file.contents)
            .map_err(|error| Failure::Data(vec![format!("{}: cannot write: {error}", path.display())]))?;
    }
    Ok(format!(
        "{out}: wrote {} feeds of {} events from {input} (revision {}, links to {})",
        files.len(),
        dataset.events.len(),
        feed_options.revision.to_rfc3339(),
        feed_options.atlas
    ))
}

fn feed_options(options: &Options, dataset: &Dataset) -> Result<FeedOptions, Failure> {
    let base_url = options.value("--base-url")?;
    let absolute_base = match base_url {
        Some(url) if is_absolute_http(url) => Some(url),
        Some(url) => {
            return Err(usage(&format!(
                "--base-url expects an absolute http(s) URL such as https://example.org/atlas/, got {url:?}"
            )))
        }
        None => None,
    };
    let feeds_url = match options.value("--feeds-url")? {
        Some(url) if is_absolute_http(url) => Some(if url.ends_with('/') {
            url.to_owned()
        } else {
            format!("{url}/")
        }),
        Some(url) => {
            return Err(usage(&format!(
                "--feeds-url expects an absolute http(s) URL of a directory, got {url:?}"
            )))
        }
        // The feeds sit in `feeds/` beside the atlas page.
        None => absolute_base.map(|base| {
            format!(
                "{}feeds/",
                &base[..base.rfind('/').map_or(base.len(), |slash| slash + 1)]
            )
        }),
    };
    let domain = match options.value("--domain")? {
        Some(domain) => valid_domain(domain)
            .ok_or_else(|| {
                usage(&format!(
                    "--domain expects a domain name (letters, digits, '-' and '.'), got {domain:?}"
                ))
            })?
            .to_owned(),
        None => absolute_base
            .and_then(host_of)
            .and_then(valid_domain)
            .unwrap_or("health-atlas")
            .to_owned(),
    };
    let revision = match options.value("--revision")? {
        Some(text) => parse_revision(text).ok_or_else(|| {
            usage(&format!(
                "--revision expects an RFC 3339 time (2024-03-25T10:00:00Z) or a day (2024-03-25), got {text:?}"
            ))
        })?,
        None => default_revision(dataset),
    };
    let refresh = options.value("--refresh")?.unwrap_or("PT12H");
    let duration_like = refresh.len() > 1
        && refresh.starts_with('P')
        && refresh
            .chars()
            .all(|character| character.is_ascii_digit() || "PTWDHMS".contains(character));
    if !duration_like {
        return Err(usage(&format!(
            "--refresh expects an RFC 5545 duration such as PT12H or P1D, got {refresh:?}"
        )));
    }
    Ok(FeedOptions {
        atlas: absolute_base.unwrap_or(RELATIVE_ATLAS).to_owned(),
        feeds_url,
        domain,
        revision,
        refresh: refresh.to_owned(),
        per_category: options.value("--per-category")?.is_some(),
    })
}

fn is_absolute_http(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && host_of(url).is_some_and(|host| !host.is_empty())
        && !url
            .chars()
            .any(|character| character.is_whitespace() || character.is_control())
}

/// `atlas.example.org` of `https://atlas.example.org:8443/x`.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    Some(host.split(':').next().unwrap_or(host))
}

fn parse_revision(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|stamp| stamp.with_timezone(&Utc))
        .ok()
        .or_else(|| health_atlas_model::parse_day(text.trim()).map(midnight))
}

/// Without `--revision`: the newest day the data itself names (a source's publication, else
/// an event's last day), so the stamps follow the data and never the clock.
fn default_revision(dataset: &Dataset) -> DateTime<Utc> {
    let published = dataset
        .events
        .iter()
        .flat_map(|event| event.sources.iter().filter_map(|source| source.published));
    let last_days = dataset.events.iter().map(|event| event.last_day());
    let newest = published.max().or_else(|| last_days.max()).unwrap_or_default();
    midnight(newest)
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}
