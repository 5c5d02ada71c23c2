//! One story per user, one finding per event.

use super::*;

fn summary(members: &[(String, Vec<u8>)]) -> serde_json::Value {
    let (_dir, path) = write_temp("bundle.zip", &zip_of(members));
    let output = cli()
        .args(["scan", "--summary-json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn story_members() -> Vec<(String, Vec<u8>)> {
    vec![
        (
            "NPS_EventLog.log".to_owned(),
            utf16_crlf(&member_text("NPS_EventLog.log")),
        ),
        ("AuthZOptCh.xml".to_owned(), authz_xml()),
    ]
}

#[test]
fn the_summary_tells_each_users_story_in_time_order() {
    let json = summary(&story_members());
    let timeline = json["timeline"].as_array().unwrap();
    let alice = timeline
        .iter()
        .find(|s| s["user"] == "alice@contoso.com")
        .unwrap();
    assert_eq!(alice["aliases"], serde_json::json!(["CONTOSO\\alice"]));
    let events = alice["events"].as_array().unwrap();
    assert_eq!(events[0]["kind"], "extension");
    assert_eq!(events[0]["code"], "ESTS_TOKEN_ERROR");
    assert_eq!(events[0]["cid"], "3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162");
    assert_eq!(events[0]["time"], "2026-11-20T09:14:03.512Z");
    assert_eq!(events[1]["kind"], "nps");
    assert_eq!(events[1]["reason_code"], 21);
    assert_eq!(events[1]["extension"], "ESTS_TOKEN_ERROR");
    assert!(events[1]["file"]
        .as_str()
        .unwrap()
        .ends_with("bundle.zip!/NPS_EventLog.log"));
    assert!(alice["reading"]
        .as_str()
        .unwrap()
        .contains("ESTS_TOKEN_ERROR"));
    let nps = json["nps"].as_array().unwrap();
    let linked = nps
        .iter()
        .find(|e| e["user"] == "alice@contoso.com")
        .unwrap();
    assert_eq!(linked["extension"], "ESTS_TOKEN_ERROR");
}

#[test]
fn a_denial_without_any_extension_event_reads_as_not_mfa() {
    let members = vec![(
        "NPS_EventLog.log".to_owned(),
        utf16_crlf(&member_text("NPS_EventLog.log")),
    )];
    let json = summary(&members);
    let bob = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["user"] == "CONTOSO\\bob")
        .unwrap();
    assert!(bob["reading"].as_str().unwrap().starts_with(
        "NPS denied with no extension event: primary authentication or network policy, not MFA"
    ));
}

#[test]
fn the_text_report_has_a_line_per_user() {
    let (_dir, path) = write_temp("bundle.zip", &zip_of(&story_members()));
    let output = cli().args(["scan"]).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(
            "alice@contoso.com (CONTOSO\\alice)  2026-11-20  09:14:03Z ESTS_TOKEN_ERROR →"
        ),
        "{text}"
    );
    assert!(text.contains("Times ending in Z are UTC; the others are the local time"));
}

#[test]
fn the_same_events_in_two_exports_count_once() {
    let mut members = story_members();
    members.push((
        "copy/NPS_EventLog.log".to_owned(),
        utf16_crlf(&member_text("NPS_EventLog.log")),
    ));
    // The same extension events again, as a wevtutil text export on a UTC+1 clock.
    let text = "Event[0]:\n  Log Name: AuthZOptCh\n  Source: Microsoft-AzureMfa-AuthZ\n  Date: 2026-11-20T10:14:03.512\n  Event ID: 3\n  Description: \nNPS Extension for Azure MFA: CID: 3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162 :Exception in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID :3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162 ESTS_TOKEN_ERROR Msg:: Verify the client certificate\n\n";
    members.push(("AuthZOptCh.txt".to_owned(), utf16_crlf(text)));
    let json = summary(&members);
    assert_eq!(json["nps"].as_array().unwrap().len(), 4);
    assert_eq!(json["findings"], 4);
    assert_eq!(json["duplicates"], 5);
}

#[test]
fn two_spellings_of_a_name_stay_two_users_unless_an_event_names_both() {
    let text = "2026-11-20 09:00:00 ErrorCode:: ESTS_TOKEN_ERROR Msg:: x for User dave@contoso.com\n2026-11-20 09:00:05 ErrorCode:: ESTS_TOKEN_ERROR Msg:: x for User CONTOSO\\dave\n";
    let json = summary(&[("nps.log".to_owned(), text.as_bytes().to_vec())]);
    let users: Vec<&str> = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["user"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["CONTOSO\\dave", "dave@contoso.com"]);
}

#[test]
fn the_text_report_shows_times_in_one_format_and_marks_local_ones() {
    let log =
        "2026-11-20 09:00:00 ErrorCode:: ESTS_TOKEN_ERROR Msg:: x for User dave@contoso.com\n";
    let mut members = story_members();
    members.push(("nps.log".to_owned(), log.as_bytes().to_vec()));
    let (_dir, path) = write_temp("bundle.zip", &zip_of(&members));
    let output = cli().args(["scan"]).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("Seen: 2026-11-20 09:00:00 (local) .. 2026-11-20 09:14:03Z"),
        "{text}"
    );
}
