//! What a new user meets first: `list` fitted to the terminal, values in any case with errors
//! that list the valid ones, `--cloud` where values differ per cloud, exports that load as
//! written, help that states the exit codes.

use super::*;

/// Runs the tool with `COLUMNS` set, expects success, returns stdout.
fn stdout_at_width(columns: usize, args: &[&str]) -> String {
    let assert = cli()
        .env("COLUMNS", columns.to_string())
        .args(args)
        .assert()
        .success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[test]
fn list_fills_a_wide_terminal_with_whole_summaries_in_aligned_columns() {
    let stdout = stdout_at_width(160, &["list"]);
    let summary_columns: Vec<usize> = ErrorCode::all()
        .filter_map(|code| {
            let line = stdout
                .lines()
                .find(|l| l.starts_with(&format!("{code} ")))?;
            let start: String = code.summary().chars().take(24).collect();
            line.find(start.trim_end())
        })
        .collect();
    assert_eq!(summary_columns.len(), DOCUMENTED_CODES, "{stdout}");
    assert!(summary_columns.windows(2).all(|w| w[0] == w[1]), "{stdout}");
    for line in stdout.lines() {
        assert!(line.chars().count() <= 160, "{line:?}");
    }
}

#[test]
fn list_never_cuts_a_summary_at_80_columns_or_any_width() {
    for columns in [80, 100, 132] {
        let stdout = stdout_at_width(columns, &["list"]);
        assert!(!stdout.contains('…'), "{stdout}");
        let text = unwrapped(&stdout);
        for code in ErrorCode::all() {
            assert!(text.contains(code.summary()), "{columns}: {code}");
        }
        for line in stdout.lines() {
            assert!(
                line.chars().count() <= columns || is_unbreakable(line),
                "{line:?}"
            );
        }
    }
}

#[test]
fn list_by_category_shows_every_category_of_a_code() {
    let stdout = stdout_of(&["list", "--category", "requires_support"]);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("OathCodePinIncorrect"))
        .expect(&stdout);
    assert!(line.contains("requires_support"), "{line}");
}

#[test]
fn categories_parse_in_any_case() {
    assert_eq!(
        stdout_of(&["list", "--category", "USER_ERROR"]),
        stdout_of(&["list", "--category", "user_error"])
    );
}

#[test]
fn an_unknown_cloud_is_rejected_with_the_list_of_clouds() {
    cli()
        .args(["explain", "ESTS_TOKEN_ERROR", "--cloud", "mars"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`public`, `government`, `china`"));
}

#[test]
fn clouds_parse_in_any_case_and_by_their_start() {
    let full = stdout_of(&["endpoints", "--cloud", "government"]);
    assert_eq!(stdout_of(&["endpoints", "--cloud", "GOV"]), full);
    assert_eq!(stdout_of(&["endpoints", "--cloud", "Government"]), full);
    // One letter is a unique start too.
    assert_eq!(stdout_of(&["endpoints", "--cloud", "g"]), full);
}

#[test]
fn settings_with_a_cloud_show_that_clouds_values() {
    let stdout = stdout_of(&["settings", "--cloud", "china"]);
    assert!(
        stdout.contains("In Azure China 21Vianet: https://login.chinacloudapi.cn/"),
        "{stdout}"
    );
    assert!(!stdout.contains("Per cloud"), "{stdout}");
    let json: Value = serde_json::from_str(&stdout_of(&["settings", "--json", "--cloud", "china"]))
        .expect("JSON");
    let sts = json
        .as_array()
        .expect("an array")
        .iter()
        .find(|s| s["name"] == "STS_URL")
        .expect("STS_URL");
    assert_eq!(sts["cloud"], "china");
    assert_eq!(sts["value"], "https://login.chinacloudapi.cn/");
}

#[test]
fn protocols_take_a_cloud_and_say_the_matrix_is_the_same_in_every_cloud() {
    let stdout = stdout_of(&["protocols", "--cloud", "government"]);
    assert!(
        unwrapped(&stdout).contains("holds in every cloud"),
        "{stdout}"
    );
    let json: Value =
        serde_json::from_str(&stdout_of(&["protocols", "--json", "--cloud", "gov"])).expect("JSON");
    assert_eq!(json["cloud"], "government");
}

#[test]
fn yaml_export_quotes_dates_so_they_load_as_strings() {
    let yaml = stdout_of(&["export", "--format", "yaml"]);
    assert!(yaml.contains("date: '2017-04-13'"), "dates are not quoted");
    assert!(!yaml.lines().any(|l| l.trim_end().ends_with(": 2017-04-13")));
}

#[test]
fn markdown_export_keeps_backslashes_in_code_spans_as_logged() {
    let markdown = stdout_of(&["export", "--format", "markdown"]);
    assert!(markdown.contains(r"`Wrong code entered\OATH Code Incorrect`"));
    assert!(!markdown.contains(r"entered\\OATH"));
}

#[test]
fn export_help_names_the_current_schema_and_the_exit_codes() {
    let help = unwrapped(&stdout_of(&["export", "--help"]));
    assert!(help.contains(&format!("schema {SCHEMA_VERSION}")), "{help}");
    assert!(help.contains("settings"), "{help}");
    assert!(help.contains("Exit codes"), "{help}");
}

#[test]
fn every_help_states_the_exit_codes() {
    for command in [
        &["--help"][..],
        &["explain", "--help"],
        &["list", "--help"],
        &["search", "--help"],
        &["export", "--help"],
        &["settings", "--help"],
        &["endpoints", "--help"],
        &["protocols", "--help"],
        &["scan", "--help"],
    ] {
        let help = stdout_of(command);
        assert!(help.contains("Exit codes: 0"), "{command:?}: {help}");
    }
}
