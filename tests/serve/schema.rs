//! The catalog validated against its JSON Schema (generated from the types) by python3's
//! `jsonschema`, the reference validator; broken copies must fail.

use std::process::Command;

use crate::support::{get, missing, python, Server};

const VALIDATE: &str = r#"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
    print(path.rsplit("/", 1)[-1], len(errors), errors[0].message if errors else "")
"#;

fn validator_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    found
        || missing(
            "python3 with jsonschema",
            "apt-get install python3-jsonschema",
        )
}

#[test]
fn the_catalog_validates_against_its_schema_and_broken_copies_do_not() {
    if !validator_available() {
        return;
    }
    let server = Server::start(&[]);
    let schema = get(&server, "/api/v1/schema");
    assert_eq!(schema.status, 200);
    let catalog = get(&server, "/api/v1/catalog").json();

    let mut no_codes = catalog.clone();
    no_codes.as_object_mut().unwrap().remove("codes");
    let mut unknown_code = catalog.clone();
    unknown_code["codes"][0]["code"] = "NOT_A_CODE".into();
    let mut wrong_type = catalog.clone();
    wrong_type["codes"][0]["entries"][0]["steps"] = "one string, not a list".into();
    let mut bad_category = catalog.clone();
    bad_category["codes"][1]["category"] = "nonsense".into();

    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, body) in [
        ("schema.json", serde_json::from_str(&schema.body).unwrap()),
        ("catalog.json", catalog),
        ("no_codes.json", no_codes),
        ("unknown_code.json", unknown_code),
        ("wrong_type.json", wrong_type),
        ("bad_category.json", bad_category),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_vec(&body).unwrap()).unwrap();
        paths.push(path);
    }
    let stdout = python(VALIDATE, &paths);
    let counts: Vec<(&str, usize)> = stdout
        .lines()
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            (
                parts.next().unwrap(),
                parts.next().unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts[0], ("catalog.json", 0), "{stdout}");
    for (name, errors) in &counts[1..] {
        assert!(*errors > 0, "{name} passed the schema:\n{stdout}");
    }
}

#[test]
fn export_json_schema_is_the_served_schema() {
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .args(["export", "--format", "json-schema"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let exported: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let server = Server::start(&[]);
    assert_eq!(get(&server, "/api/v1/schema").json(), exported);
    assert_eq!(
        exported["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}
