//! Bad usage.

use super::*;

#[test]
fn no_subcommand_exits_2_with_usage_on_stderr() {
    cli()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("Usage:"))
        .stderr(predicate::str::contains("explain"))
        .stderr(predicate::str::contains("list"))
        .stderr(predicate::str::contains("export"));
}

#[test]
fn an_unknown_flag_exits_2_and_names_the_flag() {
    cli()
        .args(["list", "--bogus"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--bogus"));
}

#[test]
fn explain_without_a_query_exits_2() {
    cli()
        .arg("explain")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("Usage:"));
}

#[test]
fn list_with_an_unknown_category_exits_2_and_names_the_valid_categories() {
    let assert = cli()
        .args(["list", "--category", "bogus"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("bogus"), "{stderr}");
    for category in Category::all() {
        assert!(
            stderr.contains(category.as_str()),
            "stderr does not name {category}: {stderr}"
        );
    }
}

#[test]
fn list_with_a_misspelt_category_suggests_the_closest_one() {
    cli()
        .args(["list", "--category", "user_errors"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `user_error`?"));
}

#[test]
fn export_with_an_unknown_format_exits_2_and_names_the_formats() {
    let assert = cli()
        .args(["export", "--format", "pdf"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for format in ["json", "yaml", "csv", "markdown"] {
        assert!(
            stderr.contains(format),
            "stderr does not name {format}: {stderr}"
        );
    }
}
