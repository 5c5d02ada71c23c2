//! The JSON Lines contract of `scan --json`, as the README documents it.

use super::*;

const EXTENSION: [&str; 10] = [
    "kind",
    "file",
    "line",
    "code",
    "cid",
    "user",
    "timestamp",
    "time",
    "logged",
    "event_id",
];
const NPS: [&str; 9] = [
    "kind",
    "event_id",
    "reason_code",
    "reason",
    "user",
    "client",
    "policy",
    "time",
    "file",
];
const CONFIG: [&str; 7] = [
    "kind", "setting", "value", "file", "verdict", "cloud", "message",
];

fn records() -> Vec<serde_json::Value> {
    let mut members: Vec<(String, Vec<u8>)> = script_members()
        .into_iter()
        .filter(|(n, _)| !n.ends_with(".evtx"))
        .collect();
    members.push(("AuthZOptCh.xml".to_owned(), authz_xml()));
    let (_dir, path) = write_temp("bundle.zip", &zip_of(&members));
    let output = cli().args(["scan", "--json"]).arg(&path).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_record_has_a_kind_and_the_fields_of_its_kind() {
    let records = records();
    for kind in ["extension", "nps", "config"] {
        assert!(
            records.iter().any(|r| r["kind"] == kind),
            "no {kind} record"
        );
    }
    for record in &records {
        let fields: &[&str] = match record["kind"].as_str().unwrap() {
            "extension" => &EXTENSION,
            "nps" => &NPS,
            "config" => &CONFIG,
            other => panic!("unknown kind {other}"),
        };
        for field in fields {
            assert!(record.get(field).is_some(), "{field} missing from {record}");
        }
        if record["kind"] == "nps" && !record["reason_code"].is_null() {
            assert!(record["reason_code"].is_u64());
        }
        if record["kind"] == "config" {
            assert!(["unknown", "ok", "warning", "error"]
                .contains(&record["verdict"].as_str().unwrap()));
        }
    }
}

#[test]
fn times_are_rfc3339_with_z_only_where_the_source_is_utc() {
    let records = records();
    let xml = records.iter().find(|r| r["kind"] == "extension").unwrap();
    assert!(xml["time"].as_str().unwrap().ends_with('Z'));
    let text = records.iter().find(|r| r["kind"] == "nps").unwrap();
    let time = text["time"].as_str().unwrap();
    assert!(
        !time.ends_with('Z') && time.starts_with("2026-11-20T"),
        "{time}"
    );
}

#[test]
fn the_readme_documents_each_kinds_fields() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("### JSON Lines records")
        .expect("a JSON Lines section")..];
    for field in EXTENSION.iter().chain(&NPS).chain(&CONFIG) {
        assert!(
            section.contains(&format!("`{field}`")),
            "README does not document `{field}`"
        );
    }
}
