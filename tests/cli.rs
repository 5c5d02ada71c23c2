//! End-to-end tests of the `nps-mfa-errors` command-line tool: what a user types, what comes
//! back on stdout and stderr, and the exit code (0 found, 1 not found, 2 bad usage).
//!
//! Run with `cargo test --all-features --test cli`.

use std::io::Read;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use nps_mfa_errors::{Category, ErrorCode, SCHEMA_VERSION};

/// How many codes the documents list; the catalog must have every one.
const DOCUMENTED_CODES: usize = 35;

/// The width text output must fit in.
const WIDTH: usize = 80;

/// The tool, with no colour settings inherited from the environment running the tests.
fn cli() -> Command {
    let mut command =
        Command::cargo_bin("nps-mfa-errors").expect("the binary is built with --features cli");
    command
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    command
}

/// Runs the tool with `args`, expects exit code 0 and nothing on stderr, returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let output = cli()
        .args(args)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("stdout is UTF-8")
}

/// Runs `explain --json` on `query` and parses the result.
fn explain_json(query: &str) -> Value {
    serde_json::from_str(&stdout_of(&["explain", "--json", query]))
        .expect("explain --json writes JSON")
}

/// The text with every run of white space (including line breaks from wrapping) as one space.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the shape of `explain` text output for `code`.
fn assert_explains(stdout: &str, code: ErrorCode) {
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(code.as_str()),
        "first line {first:?} does not start with {code}"
    );
    assert!(
        first.contains(code.category().as_str()),
        "first line {first:?} lacks the category id"
    );
    for needle in ["What to do", "  1. ", "Sources"] {
        assert!(
            stdout.contains(needle),
            "no {needle:?} in the explanation of {code}:\n{stdout}"
        );
    }
}

/// A line that is too long is acceptable only when it holds one word that cannot be broken
/// (a URL), after its indentation and an optional list marker.
fn is_unbreakable(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_marker = |word: &str| {
        word == "-"
            || word
                .strip_suffix('.')
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    match words.as_slice() {
        [_] => true,
        [marker, _] => is_marker(marker),
        _ => false,
    }
}

/// A minimal RFC 4180 reader: records of fields, quoted fields may hold commas, quotes (`""`)
/// and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

// ---------------------------------------------------------------------------------------------
// explain: codes

#[test]
fn explain_finds_a_code_in_its_exact_case() {
    let stdout = stdout_of(&["explain", "ESTS_TOKEN_ERROR"]);
    assert_explains(&stdout, ErrorCode::EstsTokenError);
}

#[test]
fn explain_finds_a_code_in_lower_case() {
    let stdout = stdout_of(&["explain", "ests_token_error"]);
    assert_explains(&stdout, ErrorCode::EstsTokenError);
    let stdout = stdout_of(&["explain", "accessdenied"]);
    assert_explains(&stdout, ErrorCode::AccessDenied);
}

#[test]
fn explain_finds_a_code_in_mixed_case() {
    let stdout = stdout_of(&["explain", "Ests_Token_Error"]);
    assert_explains(&stdout, ErrorCode::EstsTokenError);
    let stdout = stdout_of(&["explain", "ACCESSDENIED"]);
    assert_explains(&stdout, ErrorCode::AccessDenied);
}

#[test]
fn explain_ignores_white_space_around_a_code() {
    let stdout = stdout_of(&["explain", "  HTTP_CONNECT_ERROR \n"]);
    assert_explains(&stdout, ErrorCode::HttpConnectError);
}

#[test]
fn explain_of_a_code_with_three_entries_shows_every_entry() {
    let code = ErrorCode::AlternateLoginIdError;
    assert_eq!(code.entries().len(), 3);
    let stdout = stdout_of(&["explain", "ALTERNATE_LOGIN_ID_ERROR"]);
    assert_explains(&stdout, code);
    for n in 1..=3 {
        assert!(
            stdout.contains(&format!("Entry {n} of 3")),
            "no entry {n} of 3:\n{stdout}"
        );
    }
    assert_eq!(stdout.matches("What to do").count(), 3);
}

#[test]
fn explain_of_a_code_with_seven_entries_shows_every_entry() {
    let code = ErrorCode::InvalidParameter;
    assert_eq!(code.entries().len(), 7);
    let stdout = stdout_of(&["explain", "InvalidParameter"]);
    assert_explains(&stdout, code);
    for n in 1..=7 {
        assert!(
            stdout.contains(&format!("Entry {n} of 7")),
            "no entry {n} of 7:\n{stdout}"
        );
    }
    assert_eq!(stdout.matches("What to do").count(), 7);
    let text = unwrapped(&stdout);
    for entry in code.entries() {
        for wording in entry.wordings() {
            assert!(
                text.contains(&unwrapped(wording.text())),
                "wording {:?} missing",
                wording.text()
            );
        }
    }
}

#[test]
fn explain_of_a_code_shows_every_documented_wording_of_its_message() {
    let stdout = stdout_of(&["explain", "InvalidSession"]);
    let text = unwrapped(&stdout);
    assert!(
        text.contains("The specified session is invalid or might be expired"),
        "{stdout}"
    );
    assert!(
        text.contains("The specified session is invalid or may have expired"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------------------------
// explain: messages

#[test]
fn explain_matches_a_logged_message_with_filled_placeholders_any_case_and_spacing() {
    let stdout = stdout_of(&[
        "explain",
        "  the LENGTH of   CompanyName Contoso Ltd is longer than the maximum allowed length 64 ",
    ]);
    assert_explains(&stdout, ErrorCode::InvalidParameter);
    let text = unwrapped(&stdout);
    assert!(text.contains("Matched wording:"), "{stdout}");
    assert!(text.contains("The length of CompanyName"), "{stdout}");
    assert!(
        text.contains("is longer than the maximum allowed length"),
        "{stdout}"
    );
}

#[test]
fn explain_of_a_message_shows_only_the_matching_entry() {
    let stdout = stdout_of(&[
        "explain",
        "The length of CompanyName Contoso Ltd is longer than the maximum allowed length 64",
    ]);
    assert!(stdout.contains("Entry 3 of 7"), "{stdout}");
    assert_eq!(stdout.matches("Entry ").count(), 1, "{stdout}");
    assert_eq!(stdout.matches("What to do").count(), 1, "{stdout}");
}

#[test]
fn explain_matches_the_2017_wording_of_a_message() {
    let stdout = stdout_of(&[
        "explain",
        "Caller tenant does not have access permissions to do authentication for the user",
    ]);
    assert_explains(&stdout, ErrorCode::AccessDenied);
}

#[test]
fn explain_prefers_the_most_specific_message() {
    let stdout = stdout_of(&["explain", "Wrong code and pin entered. (OneWaySMS)"]);
    assert_explains(&stdout, ErrorCode::SmsAuthFailedWrongCodePinEntered);
    assert!(!stdout.starts_with("OathCodePinIncorrect"), "{stdout}");
}

#[test]
fn explain_matches_an_access_reject_notice_with_the_old_product_name_and_a_real_user() {
    let stdout = stdout_of(&[
        "explain",
        "NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. \
         Request received for User alice@contoso.com with response state AccessReject, ignoring request.",
    ]);
    assert_explains(&stdout, ErrorCode::AccessRejectIgnored);
}

#[test]
fn explain_finds_a_message_inside_a_longer_log_line() {
    let stdout = stdout_of(&[
        "explain",
        "2025-01-08 10:00:01 NPS: Error: Alternate LoginId lookup failed (0x80070057)",
    ]);
    assert_explains(&stdout, ErrorCode::AlternateLoginIdError);
    assert!(stdout.contains("Entry 2 of 3"), "{stdout}");
}

#[test]
fn explain_dash_reads_a_message_from_stdin() {
    let assert = cli()
        .args(["explain", "-"])
        .write_stdin("Wrong code and pin entered. (OneWaySMS)\n")
        .assert()
        .success()
        .stderr("");
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_explains(&stdout, ErrorCode::SmsAuthFailedWrongCodePinEntered);
}

#[test]
fn explain_dash_reads_a_code_from_stdin() {
    let assert = cli()
        .args(["explain", "-"])
        .write_stdin("ests_token_error\n")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_explains(&stdout, ErrorCode::EstsTokenError);
}

// ---------------------------------------------------------------------------------------------
// explain: unknown input

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
fn explain_json_of_unknown_input_exits_1_with_nothing_on_stdout() {
    cli()
        .args(["explain", "--json", "ESTS_TOKEN_EROR"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `ESTS_TOKEN_ERROR`?"));
}

// ---------------------------------------------------------------------------------------------
// Bad usage

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

// ---------------------------------------------------------------------------------------------
// explain --json

#[test]
fn explain_json_of_a_code_has_the_record_and_matched_by_code() {
    let json = explain_json("ests_token_error");
    assert_eq!(json["query"], "ests_token_error");
    assert_eq!(json["matched_by"], "code");
    assert_eq!(json["matched_entry"], Value::Null);
    assert_eq!(json["matched_wording"], Value::Null);
    assert_eq!(json["record"]["code"], "ESTS_TOKEN_ERROR");
    assert_eq!(
        json["record"]["category"],
        ErrorCode::EstsTokenError.category().as_str()
    );
    let entries = json["record"]["entries"]
        .as_array()
        .expect("record.entries is an array");
    assert_eq!(entries.len(), ErrorCode::EstsTokenError.entries().len());
}

#[test]
fn explain_json_of_a_message_has_the_matched_entry_and_wording() {
    let json = explain_json("Error: Alternate LoginId lookup failed");
    assert_eq!(json["matched_by"], "message");
    assert_eq!(json["record"]["code"], "ALTERNATE_LOGIN_ID_ERROR");
    assert_eq!(json["matched_entry"], 1);
    assert_eq!(
        json["matched_wording"],
        "Error: Alternate LoginId lookup failed"
    );
    assert_eq!(json["record"]["entries"].as_array().map(Vec::len), Some(3));
}

#[test]
fn explain_json_names_the_most_specific_message() {
    let json = explain_json("Wrong code and pin entered. (OneWaySMS)");
    assert_eq!(json["matched_by"], "message");
    assert_eq!(json["record"]["code"], "SMSAuthFailedWrongCodePinEntered");
    assert_eq!(json["matched_entry"], 0);
}

#[test]
fn explain_json_record_is_the_exported_record() {
    let json = explain_json("InvalidFormat");
    let export: Value = serde_json::from_str(&stdout_of(&["export", "--format", "json"])).unwrap();
    let exported = export["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "InvalidFormat")
        .expect("InvalidFormat is exported");
    assert_eq!(&json["record"], exported);
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_shows_one_line_per_code_starting_with_contact_support() {
    let stdout = stdout_of(&["list"]);
    let lines: Vec<&str> = stdout.lines().collect();
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
    let listed: Vec<&str> = stdout
        .lines()
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
    let listed: Vec<&str> = stdout
        .lines()
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

// ---------------------------------------------------------------------------------------------
// Terminal output

#[test]
fn text_output_has_no_ansi_escapes_when_stdout_is_not_a_terminal() {
    for args in [&["explain", "ESTS_TOKEN_ERROR"][..], &["list"][..]] {
        let stdout = stdout_of(args);
        assert!(
            !stdout.contains("\x1b["),
            "ANSI escape in the output of {args:?}"
        );
    }
}

#[test]
fn clicolor_force_turns_styles_on_when_stdout_is_not_a_terminal() {
    // Shows that the next test would see styles if NO_COLOR were ignored.
    let assert = cli()
        .env("CLICOLOR_FORCE", "1")
        .args(["explain", "ESTS_TOKEN_ERROR"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&assert.get_output().stdout).contains("\x1b["));
}

#[test]
fn no_color_turns_styles_off_even_when_forced() {
    for args in [&["explain", "ESTS_TOKEN_ERROR"][..], &["list"][..]] {
        let assert = cli()
            .env("NO_COLOR", "1")
            .env("CLICOLOR_FORCE", "1")
            .args(args)
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        assert!(
            !stdout.contains("\x1b["),
            "ANSI escape in the output of {args:?} with NO_COLOR=1"
        );
    }
}

#[test]
fn explain_lines_fit_in_80_columns_for_every_code() {
    let mut too_long = Vec::new();
    for code in ErrorCode::all() {
        let stdout = stdout_of(&["explain", code.as_str()]);
        for line in stdout.lines() {
            let width = line.chars().count();
            if width > WIDTH && !is_unbreakable(line) {
                too_long.push(format!("{code}: {width} {line:?}"));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "lines longer than {WIDTH} characters:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn closing_the_output_pipe_early_is_not_an_error() {
    // `nps-mfa-errors export | head` must end quietly: exit 0, nothing on stderr.
    let commands: [&[&str]; 6] = [
        &["explain", "InvalidParameter"],
        &["list"],
        &["export", "--format", "json"],
        &["export", "--format", "yaml"],
        &["export", "--format", "csv"],
        &["export", "--format", "markdown"],
    ];
    let mut failures = Vec::new();
    for args in commands {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nps-mfa-errors"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // Close the reading end before the tool writes anything.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        if !status.success() || !stderr.is_empty() {
            failures.push(format!("{args:?}: {status}, stderr {stderr:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "writing into a closed pipe failed:\n{}",
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// export

fn export_json() -> Value {
    serde_json::from_str(&stdout_of(&["export", "--format", "json"]))
        .expect("export --format json writes JSON")
}

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

// ---------------------------------------------------------------------------------------------
// settings, endpoints, protocols, and explain of facts

/// Every line fits the width, or is one unbreakable word.
fn assert_fits(args: &[&str]) {
    let stdout = stdout_of(args);
    for line in stdout.lines() {
        assert!(
            line.chars().count() <= WIDTH || is_unbreakable(line),
            "{args:?}: {line:?}"
        );
    }
}

#[test]
fn settings_lists_every_registry_setting_with_its_default() {
    let stdout = stdout_of(&["settings"]);
    assert!(stdout.starts_with(r"Registry key: HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\AzureMfa"));
    for setting in nps_mfa_errors::Setting::all() {
        assert!(
            stdout.lines().any(|l| l.starts_with(setting.as_str())),
            "{setting} missing"
        );
    }
    assert!(unwrapped(&stdout).contains("Default: Not set (equivalent to TRUE)"));
}

#[test]
fn settings_json_is_an_array_of_the_exported_records() {
    let json: Value = serde_json::from_str(&stdout_of(&["settings", "--json"])).unwrap();
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(names.contains(&"IP_WHITELIST"));
    assert_eq!(names.len(), nps_mfa_errors::Setting::all().len());
    let export = export_json();
    assert_eq!(json, export["settings"]);
}

#[test]
fn endpoints_for_one_cloud_show_only_its_hosts() {
    let stdout = stdout_of(&["endpoints", "--cloud", "china"]);
    assert!(stdout.contains("https://login.chinacloudapi.cn"));
    assert!(stdout.contains("https://adnotifications.windowsazure.cn"));
    assert!(stdout.contains("https://credentials.azure.com"));
    assert!(stdout.contains("UDP 1812, 1645"));
    assert!(stdout.contains("STS_URL = https://login.chinacloudapi.cn/"));
    assert!(!stdout.contains(".us"), "{stdout}");
    assert!(stdout.contains("Microsoft-AzureMfa-AuthZ/AuthZOptCh"));
}

#[test]
fn endpoints_without_a_cloud_show_every_cloud() {
    let stdout = stdout_of(&["endpoints"]);
    for cloud in [
        "Azure public cloud",
        "Azure Government",
        "Azure China 21Vianet",
    ] {
        assert!(stdout.contains(cloud), "{cloud} missing");
    }
}

#[test]
fn endpoints_with_an_unknown_cloud_exits_2_and_says_why() {
    cli()
        .args(["endpoints", "--cloud", "germany"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "`germany` is not a documented cloud",
        ));
}

#[test]
fn endpoints_json_has_the_endpoints_and_setting_values_per_cloud() {
    let json: Value = serde_json::from_str(&stdout_of(&[
        "endpoints",
        "--cloud",
        "government",
        "--json",
    ]))
    .unwrap();
    let cloud = &json["clouds"][0];
    assert_eq!(cloud["id"], "government");
    assert_eq!(
        cloud["settings"]["STS_URL"],
        "https://login.microsoftonline.us/"
    );
    let urls: Vec<&str> = cloud["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["url"].as_str())
        .collect();
    assert!(urls.contains(&"https://strongauthenticationservice.auth.microsoft.us"));
    assert_eq!(json["event_channels"].as_array().unwrap().len(), 3);
}

#[test]
fn protocols_prints_the_matrix() {
    let stdout = stdout_of(&["protocols"]);
    let row = |title: &str| -> Vec<String> {
        let line = stdout.lines().find(|l| l.starts_with(title)).unwrap();
        line[title.len()..]
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(row("Method"), ["PAP", "CHAPv2", "EAP"]);
    assert_eq!(row("Mobile app verification code"), ["yes", "no", "no"]);
    assert_eq!(row("Phone call"), ["yes", "yes", "yes"]);
    assert!(stdout.contains("Sources"));
}

#[test]
fn protocols_json_says_chapv2_cannot_carry_a_verification_code() {
    let json: Value = serde_json::from_str(&stdout_of(&["protocols", "--json"])).unwrap();
    let chapv2 = json["protocols"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "chapv2")
        .unwrap();
    assert!(!chapv2["supports"]
        .as_array()
        .unwrap()
        .contains(&"verification_code".into()));
}

#[test]
fn explain_accepts_a_setting_name_in_any_case() {
    let stdout = stdout_of(&["explain", "ip_whitelist"]);
    assert!(stdout.starts_with("IP_WHITELIST"), "{stdout}");
    assert!(unwrapped(&stdout).contains("ratNASIPAddress"));
    let json = explain_json("Override_Number_Matching_With_OTP");
    assert_eq!(json["matched_by"], "setting");
    assert_eq!(json["record"]["name"], "OVERRIDE_NUMBER_MATCHING_WITH_OTP");
}

#[test]
fn explain_accepts_a_symptom_phrase() {
    let stdout = stdout_of(&["explain", "Why do I see HTTP connect errors?"]);
    assert!(stdout.starts_with("http_connect_errors"), "{stdout}");
    assert!(stdout.contains("What to check"));
    let json = explain_json("my password expired");
    assert_eq!(json["matched_by"], "symptom");
    assert_eq!(json["record"]["id"], "password_expired");
}

#[test]
fn explain_of_a_code_shows_the_related_facts_of_the_public_cloud_by_default() {
    let stdout = stdout_of(&["explain", "HTTPS_COMMUNICATION_ERROR"]);
    assert!(stdout.contains("Related facts"));
    assert!(stdout.contains("https://adnotifications.windowsazure.com (TCP 443)"));
    assert!(!stdout.contains("windowsazure.us"));
}

#[test]
fn explain_of_a_code_shows_the_related_facts_of_the_cloud_asked_for() {
    let stdout = stdout_of(&[
        "explain",
        "HTTPS_COMMUNICATION_ERROR",
        "--cloud",
        "government",
    ]);
    assert!(stdout.contains("https://adnotifications.windowsazure.us (TCP 443)"));
    assert!(unwrapped(&stdout)
        .contains("AZURE_MFA_RESOURCE_HOSTNAME = adnotifications.windowsazure.us"));
    let json: Value = serde_json::from_str(&stdout_of(&[
        "explain",
        "--json",
        "ESTS_TOKEN_ERROR",
        "--cloud",
        "china",
    ]))
    .unwrap();
    assert_eq!(json["related"]["cloud"], "china");
    assert_eq!(
        json["related"]["endpoints"][0]["url"],
        "https://login.chinacloudapi.cn"
    );
    assert_eq!(
        json["related"]["settings"][0]["value"],
        "https://login.chinacloudapi.cn/"
    );
}

#[test]
fn explain_of_request_missing_code_shows_the_protocol_matrix() {
    let stdout = stdout_of(&["explain", "REQUEST_MISSING_CODE"]);
    assert!(stdout.contains("Methods per RADIUS protocol"));
    assert!(stdout.contains("Mobile app verification code  yes     no      no"));
}

#[test]
fn explain_of_a_message_shows_the_related_facts_of_the_matched_entry_only() {
    let stdout = stdout_of(&["explain", "Error: Alternate LoginId value is empty"]);
    assert!(stdout.contains("LDAP_ALTERNATE_LOGINID_ATTRIBUTE"));
    assert!(!stdout.contains("LDAP_LOOKUP_FORESTS:"), "{stdout}");
}

#[test]
fn explain_with_an_unknown_cloud_exits_2() {
    cli()
        .args(["explain", "ESTS_TOKEN_ERROR", "--cloud", "moon"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn facts_output_fits_in_80_columns_and_has_no_escapes_off_a_terminal() {
    let mut commands: Vec<Vec<String>> = vec![
        vec!["settings".into()],
        vec!["endpoints".into()],
        vec!["protocols".into()],
    ];
    for setting in nps_mfa_errors::Setting::all() {
        commands.push(vec!["explain".into(), setting.as_str().into()]);
    }
    for symptom in nps_mfa_errors::Symptom::all() {
        commands.push(vec!["explain".into(), symptom.question().into()]);
    }
    for code in ErrorCode::all() {
        commands.push(vec![
            "explain".into(),
            code.as_str().into(),
            "--cloud".into(),
            "government".into(),
        ]);
    }
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_fits(&args);
        assert!(!stdout_of(&args).contains("\x1b["), "{args:?}");
    }
}

#[test]
fn explain_of_every_symptom_question_finds_that_symptom() {
    for symptom in nps_mfa_errors::Symptom::all() {
        let json = explain_json(symptom.question());
        assert_eq!(
            json["record"]["id"],
            symptom.as_str(),
            "{}",
            symptom.question()
        );
    }
}
