//! Search: keywords to codes, settings and symptoms; explain's "did you mean" results; AADSTS
//! pointers.

use super::*;

#[test]
fn search_lists_the_best_matches_first_as_text() {
    let stdout = stdout_of(&["search", "number", "matching"]);
    assert!(
        stdout.starts_with("OVERRIDE_NUMBER_MATCHING_WITH_OTP  setting"),
        "{stdout}"
    );
    assert!(stdout.contains("CHALLENGE_REQUESTED  code"), "{stdout}");
}

#[test]
fn search_json_is_an_array_of_targets_with_scores() {
    let json: Value =
        serde_json::from_str(&stdout_of(&["search", "--json", "ip whitelist"])).expect("JSON");
    let first = &json[0];
    assert_eq!(first["target"]["kind"], "setting");
    assert_eq!(first["target"]["name"], "IP_WHITELIST");
    assert!(first["score"].as_f64().is_some_and(|s| s > 0.0));
}

#[test]
fn search_for_words_found_nowhere_exits_1() {
    cli()
        .args(["search", "xyzzy"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("xyzzy"));
}

#[test]
fn search_without_words_exits_2() {
    cli().arg("search").assert().code(2);
}

#[test]
fn explain_of_keywords_suggests_what_search_finds() {
    let assert = cli()
        .args(["explain", "vpn fails"])
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("did you mean one of these?"), "{stderr}");
    assert!(stderr.contains("CHALLENGE_REQUESTED"), "{stderr}");
}

#[test]
fn explain_json_of_keywords_lists_the_search_results_as_suggestions() {
    let assert = cli()
        .args(["explain", "--json", "vpn fails"])
        .assert()
        .code(1);
    let json: Value = serde_json::from_slice(&assert.get_output().stdout).expect("JSON");
    assert_eq!(json["input"], "vpn fails");
    assert_eq!(json["suggestions"][0]["name"], "CHALLENGE_REQUESTED");
}

#[test]
fn explain_of_an_aadsts_code_links_to_microsofts_page() {
    let stdout = stdout_of(&["explain", "AADSTS50012"]);
    assert!(
        stdout.contains("https://login.microsoftonline.com/error?code=50012"),
        "{stdout}"
    );
    let json = explain_json("aadsts700027");
    assert_eq!(json["matched_by"], "aadsts");
    assert_eq!(
        json["url"],
        "https://login.microsoftonline.com/error?code=700027"
    );
}

#[test]
fn explain_of_a_log_line_links_its_aadsts_code() {
    let stdout = stdout_of(&[
        "explain",
        "ErrorCode:: ESTS_TOKEN_ERROR Msg:: AADSTS7000215: Invalid client secret provided.",
    ]);
    assert!(
        stdout.contains("https://login.microsoftonline.com/error?code=7000215"),
        "{stdout}"
    );
}

#[test]
fn empty_words_and_a_zero_limit_are_bad_usage_and_common_words_alone_say_so() {
    cli()
        .args(["search", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the words are empty"));
    cli()
        .args(["search", "--limit", "0", "vpn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 1 result"));
    cli()
        .args(["search", "why", "the"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "holds only words a search ignores",
        ));
}
