//! List.

use super::*;

/// The lines that start a code (summaries wrap onto indented lines).
fn code_lines(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| !l.starts_with(' ')).collect()
}

#[test]
fn list_starts_one_line_per_code_starting_with_contact_support() {
    let stdout = stdout_of(&["list"]);
    let lines: Vec<&str> = code_lines(&stdout);
    assert_eq!(ErrorCode::all().len(), DOCUMENTED_CODES);
    assert_eq!(lines.len(), DOCUMENTED_CODES, "{stdout}");
    assert!(lines[0].starts_with("CONTACT_SUPPORT "), "{:?}", lines[0]);
    let listed: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let codes: Vec<&str> = ErrorCode::all().map(ErrorCode::as_str).collect();
    assert_eq!(listed, codes);
}

#[test]
fn list_lines_fit_in_80_columns() {
    let stdout = stdout_of(&["list"]);
    let too_long: Vec<(usize, &str)> = stdout
        .lines()
        .map(|l| (l.chars().count(), l))
        .filter(|(n, _)| *n > WIDTH)
        .collect();
    assert!(
        too_long.is_empty(),
        "lines longer than {WIDTH} characters: {too_long:#?}"
    );
}

#[test]
fn list_by_category_lists_exactly_the_codes_with_an_entry_in_it() {
    let stdout = stdout_of(&["list", "--category", "user_error"]);
    let listed: Vec<&str> = code_lines(&stdout)
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let expected: Vec<&str> = Category::UserError
        .codes()
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(listed, expected);
}

#[test]
fn list_by_category_includes_codes_whose_second_category_it_is() {
    // OathCodePinIncorrect is first a user error, and also in "Errors that require support".
    let stdout = stdout_of(&["list", "--category", "requires_support"]);
    let listed: Vec<&str> = code_lines(&stdout)
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let expected: Vec<&str> = Category::RequiresSupport
        .codes()
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert!(listed.contains(&"OathCodePinIncorrect"), "{stdout}");
    assert_eq!(listed, expected);
}

#[test]
fn list_json_has_one_object_per_code() {
    let json: Value =
        serde_json::from_str(&stdout_of(&["list", "--json"])).expect("list --json writes JSON");
    let rows = json.as_array().expect("a JSON array");
    assert_eq!(rows.len(), ErrorCode::all().len());
    for (row, code) in rows.iter().zip(ErrorCode::all()) {
        assert_eq!(row["code"], code.as_str());
        assert_eq!(row["category"], code.category().as_str());
        assert_eq!(row["message_keyed"], code.is_message_keyed());
        assert_eq!(row["summary"], code.summary());
        let categories: Vec<&str> = code.categories().iter().map(|c| c.as_str()).collect();
        assert_eq!(row["categories"], serde_json::json!(categories));
    }
}

#[test]
fn list_json_by_category_has_the_codes_of_that_category() {
    let json: Value = serde_json::from_str(&stdout_of(&[
        "list",
        "--category",
        "not_an_error",
        "--json",
    ]))
    .unwrap();
    let listed: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    let expected: Vec<&str> = Category::NotAnError
        .codes()
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(listed, expected);
}
