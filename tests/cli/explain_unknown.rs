//! Explain: unknown input.

use super::*;

#[test]
fn explain_of_a_misspelt_code_exits_1_and_suggests_the_closest_code() {
    cli()
        .args(["explain", "ESTS_TOKEN_EROR"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("ESTS_TOKEN_EROR"))
        .stderr(predicate::str::contains("did you mean `ESTS_TOKEN_ERROR`?"));
}

#[test]
fn explain_of_gibberish_exits_1_with_a_hint_and_no_suggestion() {
    cli()
        .args(["explain", "xyzzy plugh frobnicate"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("xyzzy plugh frobnicate"))
        .stderr(predicate::str::contains("did you mean").not())
        .stderr(predicate::str::contains("check the spelling"));
}

#[test]
fn explain_of_an_undocumented_log_message_exits_1() {
    cli()
        .args(["explain", "The service started."])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::is_empty().not());
}

#[test]
fn explain_json_of_unknown_input_exits_1_with_the_suggestion_on_stderr_too() {
    cli()
        .args(["explain", "--json", "ESTS_TOKEN_EROR"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `ESTS_TOKEN_ERROR`?"));
}
