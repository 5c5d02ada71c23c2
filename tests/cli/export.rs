//! Export.

use super::*;

#[test]
fn export_json_has_the_schema_version_and_one_record_per_code() {
    let json = export_json();
    assert_eq!(json["schema_version"], SCHEMA_VERSION);
    let codes = json["codes"].as_array().expect("codes is an array");
    assert_eq!(codes.len(), ErrorCode::all().len());
    let exported: Vec<&str> = codes.iter().filter_map(|c| c["code"].as_str()).collect();
    let expected: Vec<&str> = ErrorCode::all().map(ErrorCode::as_str).collect();
    assert_eq!(exported, expected);
}

#[test]
fn export_is_json_by_default() {
    let json: Value = serde_json::from_str(&stdout_of(&["export"])).expect("export writes JSON");
    assert_eq!(json, export_json());
}

#[test]
fn export_json_records_have_every_field_dashboards_read() {
    let json = export_json();
    for record in json["codes"].as_array().unwrap() {
        let code = record["code"].as_str().unwrap_or("?");
        for key in [
            "code",
            "category",
            "categories",
            "message_keyed",
            "summary",
            "entries",
        ] {
            assert!(record.get(key).is_some(), "{code}: no {key}");
        }
        let entries = record["entries"]
            .as_array()
            .unwrap_or_else(|| panic!("{code}: entries is not an array"));
        assert!(!entries.is_empty(), "{code}: no entries");
        for entry in entries {
            for key in [
                "message", "wordings", "category", "summary", "steps", "links", "sources",
            ] {
                assert!(entry.get(key).is_some(), "{code}: an entry has no {key}");
            }
            assert!(
                !entry["steps"].as_array().unwrap().is_empty(),
                "{code}: an entry has no steps"
            );
            assert!(
                !entry["sources"].as_array().unwrap().is_empty(),
                "{code}: an entry has no sources"
            );
            for link in entry["links"].as_array().unwrap() {
                assert!(
                    link["title"].as_str().is_some_and(|t| !t.is_empty()),
                    "{code}: a link has no title"
                );
                let url = link["url"].as_str().unwrap_or_default();
                assert!(
                    url.starts_with("https://"),
                    "{code}: link URL {url:?} is not absolute https"
                );
            }
        }
    }
}

#[test]
fn export_json_gives_codes_listed_on_one_row_the_same_entry() {
    let json = export_json();
    let find = |name: &str| {
        json["codes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let invalid_format = find("InvalidFormat");
    let strong = find("StrongAuthenticationServiceInvalidParameter");
    assert_eq!(invalid_format["entries"], strong["entries"]);
}

#[test]
fn export_yaml_holds_the_same_catalog_as_the_json() {
    let yaml = stdout_of(&["export", "--format", "yaml"]);
    let from_yaml: Value = serde_yaml::from_str(&yaml).expect("export --format yaml writes YAML");
    assert_eq!(from_yaml, export_json());
}

#[test]
fn export_csv_has_a_header_and_one_record_per_code_and_entry() {
    let csv = stdout_of(&["export", "--format", "csv"]);
    assert_eq!(
        csv.lines().next(),
        Some("code,entry,category,message_keyed,message,wordings,summary,steps,links,sources")
    );
    let records = parse_csv(&csv);
    let header = &records[0];
    for record in &records {
        assert_eq!(record.len(), header.len(), "record {record:?}");
    }
    let rows = &records[1..];
    let expected: Vec<(String, String)> = ErrorCode::all()
        .flat_map(|code| {
            (1..=code.entries().len()).map(move |n| (code.as_str().to_owned(), n.to_string()))
        })
        .collect();
    let actual: Vec<(String, String)> = rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    assert_eq!(actual, expected);
    for code in ErrorCode::all() {
        assert!(csv.contains(code.as_str()), "{code} missing from the CSV");
    }
}

#[test]
fn export_markdown_has_a_section_per_category_and_a_row_for_every_code() {
    let markdown = stdout_of(&["export", "--format", "markdown"]);
    let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), Category::all().len(), "{headings:#?}");
    for (heading, category) in headings.iter().zip(Category::all()) {
        assert!(
            heading.contains(&format!("`{}`", category.as_str())),
            "{heading:?} is not {category}"
        );
    }
    for code in ErrorCode::all() {
        let row = format!("| **{}** |", code.as_str());
        assert!(
            markdown.lines().any(|l| l.starts_with(&row)),
            "no table row for {code}"
        );
    }
    // Each section has exactly the codes of its category.
    for (i, section) in markdown.split("\n## ").skip(1).enumerate() {
        let category = Category::all().nth(i).unwrap();
        let mut listed: Vec<&str> = section
            .lines()
            .filter_map(|l| {
                l.strip_prefix("| **")
                    .and_then(|rest| rest.split("**").next())
            })
            .collect();
        listed.dedup();
        let expected: Vec<&str> = category.codes().iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, expected, "section {category}");
    }
}

#[test]
fn the_format_is_read_in_any_case() {
    assert_eq!(
        stdout_of(&["export", "--format", "JSON"]),
        stdout_of(&["export", "--format", "json"])
    );
}
