//! `scan`'s grouped report, as text and as `--summary-json`: codes grouped, most frequent
//! first, with who, when and where; inputs listed; exit codes.

use super::*;

const BUNDLE: &str = "examples/logs/bundle";

fn summary_of(args: &[&str]) -> Value {
    let output = cli()
        .arg("scan")
        .arg("--summary-json")
        .args(args)
        .output()
        .expect("the tool runs");
    serde_json::from_slice(&output.stdout).expect("--summary-json writes one JSON document")
}

#[test]
fn summary_json_groups_codes_most_frequent_first() {
    let summary = summary_of(&[BUNDLE]);
    let codes = summary["codes"].as_array().expect("codes is a list");
    let counts: Vec<u64> = codes.iter().map(|c| c["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(summary["findings"].as_u64(), Some(counts.iter().sum()));
    let first = &codes[0];
    assert_eq!(first["code"], "ESTS_TOKEN_ERROR");
    assert_eq!(first["documented"], true);
    assert_eq!(first["category"], "nps_extension");
    assert_eq!(first["users"][0]["user"], "alice@contoso.com");
    assert_eq!(first["aadsts"][0], "AADSTS50012");
    assert_eq!(first["first_seen"], "2026-11-20 09:00:02.950");
    // AuthZOptCh.xml repeats the Event Viewer export's event: one event, one finding (issue 8).
    assert_eq!(first["last_seen"], "11/20/2026 9:14:03 AM");
    assert_eq!(first["files"].as_array().map(Vec::len), Some(2));
    assert_eq!(summary["duplicates"], 2);
}

#[test]
fn summary_json_puts_undocumented_codes_after_documented_ties() {
    let summary = summary_of(&[BUNDLE]);
    let codes = summary["codes"].as_array().unwrap();
    let ones: Vec<bool> = codes
        .iter()
        .filter(|c| c["count"] == 1)
        .map(|c| c["documented"].as_bool().unwrap())
        .collect();
    let first_undocumented = ones.iter().position(|d| !d).expect("the bundle has some");
    assert!(ones[first_undocumented..].iter().all(|d| !d), "{ones:?}");
    let undocumented = codes.iter().find(|c| c["documented"] == false).unwrap();
    assert_eq!(undocumented["category"], Value::Null);
    assert_eq!(undocumented["summary"], Value::Null);
}

#[test]
fn summary_json_lists_inputs_and_unreadable_ones() {
    let summary = summary_of(&[BUNDLE, "does/not/exist.log"]);
    let files = summary["files"].as_array().unwrap();
    assert!(files
        .iter()
        .all(|f| f["format"].is_string() && f["bytes"].as_u64() > Some(0)));
    let errors = summary["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["file"], "does/not/exist.log");
    assert!(errors[0]["error"]
        .as_str()
        .unwrap()
        .contains("cannot be read"));
}

#[test]
fn text_report_shows_each_code_with_its_users_and_first_steps() {
    let stdout = stdout_of(&["scan", BUNDLE]);
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("NPS extension triage: 22 finding(s)"),
        "{first}"
    );
    let block = stdout.split("\n\n").nth(1).unwrap();
    assert!(
        block.starts_with("ESTS_TOKEN_ERROR  nps_extension  x2"),
        "{block}"
    );
    for needle in [
        "Users (1): alice@contoso.com (2)",
        "Embedded sign-in errors: AADSTS50012",
        "What to do first:",
        "More: nps-mfa-errors explain ESTS_TOKEN_ERROR",
    ] {
        assert!(block.contains(needle), "no {needle:?} in\n{block}");
    }
    assert!(
        stdout.contains("\nInputs\n  examples/logs/bundle/AuthNOptCh.csv: "),
        "{stdout}"
    );
}

#[test]
fn scan_exits_1_when_nothing_is_found_and_2_when_an_input_is_unreadable() {
    cli()
        .args(["scan", "-"])
        .write_stdin("nothing here\n")
        .assert()
        .code(1);
    let output = cli()
        .args(["scan", BUNDLE, "does/not/exist.log"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    // The report says so too, not only standard error: it is often saved to a file.
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let not_scanned = stdout
        .split_once("\nErrors: 1 input(s) not read in full (exit code 2)\n")
        .expect(&stdout)
        .1;
    assert!(
        unwrapped(not_scanned).starts_with("does/not/exist.log: cannot be read:"),
        "{not_scanned}"
    );
    assert!(
        stdout.contains("\nInputs\n  examples/logs/bundle/"),
        "{stdout}"
    );
}

#[test]
fn inputs_name_what_each_file_counted_and_keep_long_member_paths_on_their_own_line() {
    let output = cli()
        .args([
            "scan",
            "examples/support-bundle/20261120-092000_NpsLogging.zip",
        ])
        .output()
        .expect("the tool runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8 report");
    let inputs = text.split("\nInputs\n").nth(1).expect("an Inputs section");
    let lines: Vec<&str> = inputs.lines().collect();
    let registry = lines
        .iter()
        .position(|l| l.ends_with("!/BeforeRegAdd_AzureMFA.txt:"))
        .expect("the registry member on its own line");
    assert!(
        lines[registry + 1].starts_with("    6 registry value(s) checked, "),
        "{}",
        lines[registry + 1]
    );
    let security = lines
        .iter()
        .position(|l| l.ends_with("!/NPS_EventLog.log:"))
        .expect("the Security-event member on its own line");
    assert!(
        lines[security + 1].contains(" NPS decision(s), "),
        "{}",
        lines[security + 1]
    );
    assert!(
        text.lines().any(|l| l
            == "  Times ending in Z are UTC; the others are the local time of the machine that"),
        "the note on local times is wrapped to the report's width"
    );
}

#[test]
fn threads_change_nothing_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("nps.log");
    std::fs::write(&log, gen_log::generate_vec(3 * 1024 * 1024, 21)).unwrap();
    let log = log.to_str().unwrap();
    for format in ["--json", "--summary-json"] {
        let one = stdout_of(&["scan", format, "--threads", "1", log]);
        assert!(one.len() > 1000, "{format}: {one}");
        for threads in ["2", "3", "0", "500"] {
            let many = stdout_of(&["scan", format, "--threads", threads, log]);
            assert!(
                many == one,
                "{format} on {threads} threads differs from one thread"
            );
        }
        assert!(
            stdout_of(&["scan", format, log]) == one,
            "{format} with the default"
        );
    }
    cli()
        .args(["scan", "--threads", "many", log])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--threads"));
}

#[test]
fn a_code_seen_once_shows_one_time_and_a_repeated_one_its_range() {
    let log = "2026-11-20 09:14:03.120 NPS Extension for Azure MFA: ErrorCode:: CID :42 ESTS_TOKEN_ERROR Msg:: x\n\
               2026-11-20 09:15:03.120 NPS Extension for Azure MFA: ErrorCode:: CID :43 UserNotFound Msg:: x\n\
               2026-11-20 09:16:03.120 NPS Extension for Azure MFA: ErrorCode:: CID :44 UserNotFound Msg:: x\n";
    let stdout = report_of(&["-"], log);
    let seen: Vec<&str> = stdout.lines().filter(|l| l.contains("Seen:")).collect();
    assert_eq!(
        seen,
        [
            "  Seen: 2026-11-20 09:15:03 (local) .. 2026-11-20 09:16:03 (local)",
            "  Seen: 2026-11-20 09:14:03 (local)",
        ],
        "{stdout}"
    );
}

#[test]
fn seen_orders_by_the_time_with_offsets_and_shows_it_in_utc_when_the_offset_is_given() {
    // By their digits 07:00 comes before 10:00; in time, 10:00+05:00 (05:00Z) comes first,
    // and 07:00 local at +01:00 is 06:00Z.
    let log = "2026-11-20 07:00:00.000 NPS Extension for Azure MFA: ErrorCode:: CID :42 ESTS_TOKEN_ERROR Msg:: x\n\
               2026-11-20T10:00:00+05:00 NPS Extension for Azure MFA: ErrorCode:: CID :43 ESTS_TOKEN_ERROR Msg:: x\n";
    let stdout = report_of(&["--utc-offset", "+01:00", "-"], log);
    assert!(
        stdout.contains("  Seen: 2026-11-20 05:00:00Z .. 2026-11-20 06:00:00Z\n"),
        "{stdout}"
    );
}

#[test]
fn a_users_story_names_the_date_where_it_changes() {
    let line = |time: &str| {
        format!(
            "{time} NPS Extension for Azure MFA:  CID: 42 : Exception in Authentication Ext for \
             User ivy@contoso.com :: ErrorCode:: CID :42 UserNotFound Msg:: x\n"
        )
    };
    let log = [
        "2026-09-30 23:50:00.000",
        "2026-10-01 00:05:00.000",
        "2026-10-01 09:00:00.000",
    ]
    .map(line)
    .concat();
    let stdout = unwrapped(&report_of(&["-"], log));
    assert!(
        stdout.contains(
            "ivy@contoso.com 2026-09-30 23:50:00 UserNotFound → 2026-10-01 00:05:00 \
             UserNotFound → 09:00:00 UserNotFound"
        ),
        "{stdout}"
    );
}

#[test]
fn an_empty_folder_says_that_it_held_nothing_to_scan() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().to_str().expect("UTF-8 path");
    let output = cli()
        .args(["scan", path])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(stdout.contains("No files were scanned"), "{stdout}");
    assert!(
        stderr.contains("the folder holds no files to scan"),
        "{stderr}"
    );
}

#[test]
fn an_export_cut_off_part_way_keeps_its_findings_and_names_the_error() {
    let event = |user: &str| {
        format!(
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\
             <TimeCreated SystemTime='2026-11-20T08:14:03.5120000Z'/><Channel>AuthZOptCh</Channel>\
             </System><EventData><Data>NPS Extension for Azure MFA: CID: 42 :Exception in \
             Authentication Ext for User {user} :: ErrorCode:: CID :42 ESTS_TOKEN_ERROR Msg:: x\
             </Data></EventData></Event>\n"
        )
    };
    let xml = format!("<Events>\n{}{}", event("alice"), event("bob"));
    let last = xml.rfind("</Event>").expect("an event");
    let folder = tempfile::tempdir().expect("a temporary folder");
    let cut = folder.path().join("cut.xml");
    std::fs::write(&cut, &xml[..last]).expect("written");
    let output = cli()
        .args(["scan", cut.to_str().expect("UTF-8")])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stdout = unwrapped(&String::from_utf8(output.stdout).expect("UTF-8"));
    assert!(
        stdout.contains("cut.xml: 2 finding(s) before an error (see Errors below)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Errors: 1 input(s) not read in full (exit code 2)"),
        "{stdout}"
    );
    assert!(stdout.contains("XML export cut off"), "{stdout}");
}

#[test]
fn a_snapshot_from_before_the_health_check_scripts_changes_is_shown_not_counted() {
    let output = cli()
        .args([
            "scan",
            "examples/support-bundle/20261120-092000_NpsLogging.zip",
        ])
        .output()
        .expect("the tool runs");
    let stdout = unwrapped(&String::from_utf8(output.stdout).expect("UTF-8"));
    // The example's Before and After dumps hold the same mixed clouds: counted once, not twice.
    assert!(
        stdout.contains(
            "Configuration: 17 value(s), 4 error(s), 1 warning(s) in the current snapshots"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "BeforeRegAdd_AzureMFA.txt Before the health-check script's changes; \
             AfterRegAdd_AzureMFA.txt (below) is the configuration now"
        ),
        "{stdout}"
    );
}

/// An export from a day-first locale (en-GB Event Viewer) shows it in the dates that cannot be
/// month first; its other dates are then read day first too.
#[test]
fn an_export_whose_dates_show_day_first_reads_all_its_dates_day_first() {
    let row = |date: &str, code: &str| {
        format!(
            "Error\t{date}\tAuthZ\t1\tNone\tNPS Extension for Azure MFA:  CID: 42 :Exception in \
             Authentication Ext for User ivy@contoso.com :: ErrorCode:: CID :42 {code} Msg:: x\n"
        )
    };
    let export = format!(
        "Level\tDate and Time\tSource\tEvent ID\tTask Category\n{}{}",
        row("13/03/2026 14:05:11", "UserNotFound"),
        row("02/03/2026 09:00:00", "AccessDenied")
    );
    let lines = report_of(&["--json", "-"], export);
    let times: Vec<String> = lines
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("JSON Lines");
            record["time"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(times, ["2026-03-13T14:05:11", "2026-03-02T09:00:00"]);
    // A US export is read month first, as before.
    let us = format!(
        "Level\tDate and Time\tSource\tEvent ID\tTask Category\n{}",
        row("11/20/2026 9:14:03 AM", "UserNotFound")
            + &row("02/03/2026 9:00:00 AM", "AccessDenied")
    );
    let lines = report_of(&["--json", "-"], us);
    assert!(
        lines.contains("\"time\":\"2026-02-03T09:00:00\""),
        "{lines}"
    );
}
