//! Security audit events 6272, 6273 and 6274 from wevtutil text, XML and CSV.

use nps_mfa_errors::scan::NpsEvent;

use super::*;

fn nps(name: &str, bytes: &[u8], options: BundleOptions) -> (Vec<NpsEvent>, Vec<String>) {
    let (_dir, path) = write_temp(name, bytes);
    let mut records = vec![];
    let mut scan = BundleScan::new(Scanner::shared(), options);
    scan.scan_path(&path, &mut |r| records.push(r));
    let events = records
        .into_iter()
        .filter_map(|r| {
            if let Record::Nps(e) = r {
                Some(*e)
            } else {
                None
            }
        })
        .collect();
    (
        events,
        scan.errors.iter().map(ToString::to_string).collect(),
    )
}

#[test]
fn the_scripts_wevtutil_text_gives_every_decision_with_local_times() {
    let (events, errors) = nps(
        "NPS_EventLog.log",
        &utf16_crlf(&member_text("NPS_EventLog.log")),
        BundleOptions::default(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    let ids: Vec<u32> = events.iter().map(|e| e.event_id).collect();
    assert_eq!(ids, [6272, 6273, 6273, 6273]);
    let alice = &events[1];
    assert_eq!(alice.user(), Some("alice@contoso.com"));
    assert_eq!(alice.qualified_name.as_deref(), Some("CONTOSO\\alice"));
    assert_eq!(alice.reason_code, Some(21));
    assert_eq!(alice.client(), Some("VPN gateway"));
    assert_eq!(alice.nas_identifier.as_deref(), Some("vpn-gw01"));
    assert_eq!(alice.network_policy.as_deref(), Some("VPN users (MFA)"));
    assert_eq!(alice.time.unwrap().to_string(), "2026-11-20T09:14:04.027");
    assert!(alice
        .logged
        .as_deref()
        .unwrap()
        .starts_with("Network Policy Server denied access to a user."));
}

#[test]
fn a_utc_offset_turns_local_times_into_utc() {
    let offset = nps_mfa_errors::scan::parse_utc_offset("+01:00");
    let (events, _) = nps(
        "NPS_EventLog.log",
        &utf16_crlf(&member_text("NPS_EventLog.log")),
        BundleOptions::default().with_utc_offset(offset),
    );
    assert_eq!(
        events[1].time.unwrap().to_string(),
        "2026-11-20T08:14:04.027Z"
    );
}

#[test]
fn xml_and_csv_exports_of_the_security_log_give_the_same_fields() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>6273</EventID><TimeCreated SystemTime='2026-11-20T09:14:04.0270000Z'/><EventRecordID>88213</EventRecordID><Channel>Security</Channel><Computer>NPS01.contoso.com</Computer></System><EventData><Data Name='SubjectUserName'>alice@contoso.com</Data><Data Name='FullyQualifiedSubjectUserName'>CONTOSO\\alice</Data><Data Name='ClientName'>VPN gateway</Data><Data Name='NetworkPolicyName'>VPN users (MFA)</Data><Data Name='ReasonCode'>21</Data><Data Name='Reason'>An NPS extension dynamic link library (DLL) that is installed on the NPS server rejected the connection request.</Data></EventData></Event></Events>";
    let (events, errors) = nps("security.xml", &utf16_crlf(xml), BundleOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        events[0].time.unwrap().to_string(),
        "2026-11-20T09:14:04.027Z"
    );
    assert_eq!(
        (events[0].record_id, events[0].client()),
        (Some(88213), Some("VPN gateway"))
    );
    let message = member_text("NPS_EventLog.log");
    let body = &message
        [message.find("Network Policy Server denied").unwrap()..message.find("Event[2]").unwrap()];
    let csv = format!("#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n\"TimeCreated\",\"Id\",\"MachineName\",\"RecordId\",\"Message\"\n\"11/20/2026 9:14:04 AM\",\"6273\",\"NPS01.contoso.com\",\"88213\",\"{}\"\n", body.trim_end());
    let (events, errors) = nps("security.csv", &utf16_crlf(&csv), BundleOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        (events[0].reason_code, events[0].user()),
        (Some(21), Some("alice@contoso.com"))
    );
    assert_eq!(events[0].time.unwrap().to_string(), "2026-11-20T09:14:04");

    // An export from a day-first locale: its 20/11 shows the order, so 05/11 is 5 November.
    let row = |date: &str, id: u32| {
        format!(
            "\"{date}\",\"6273\",\"NPS01.contoso.com\",\"{id}\",\"{}\"\n",
            body.trim_end()
        )
    };
    let csv = format!(
        "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n\"TimeCreated\",\"Id\",\
         \"MachineName\",\"RecordId\",\"Message\"\n{}{}",
        row("05/11/2026 13:05:02", 1),
        row("20/11/2026 13:06:02", 2)
    );
    let (events, errors) = nps("security.csv", &utf16_crlf(&csv), BundleOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    let times: Vec<String> = events.iter().map(|e| e.time.unwrap().to_string()).collect();
    assert_eq!(times, ["2026-11-05T13:05:02", "2026-11-20T13:06:02"]);
}

#[test]
fn an_event_missing_fields_is_an_error_and_is_kept_with_what_it_has() {
    let text = "Event[0]:\n  Log Name: Security\n  Source: Microsoft-Windows-Security-Auditing\n  Date: 2026-11-20T09:14:04.027\n  Event ID: 6273\n  Description: \nNetwork Policy Server denied access to a user.\n\nUser:\n\tAccount Name:\t\t\talice@contoso.com\n\n";
    let (events, errors) = nps(
        "NPS_EventLog.log",
        &utf16_crlf(text),
        BundleOptions::default(),
    );
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].user(), Some("alice@contoso.com"));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("event 6273 at line 1 lacks Authentication Details: Reason Code"),
        "{errors:?}"
    );
}

#[test]
fn the_cli_takes_a_utc_offset_and_refuses_a_malformed_one() {
    let (_dir, path) = write_temp(
        "NPS_EventLog.log",
        &utf16_crlf(&member_text("NPS_EventLog.log")),
    );
    let output = cli()
        .args(["scan", "--json", "--utc-offset", "-05:00"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("\"time\":\"2026-11-20T14:14:04.027Z\"")
    );
    let output = cli()
        .args(["scan", "--utc-offset", "5h"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not an offset like +01:00"));
}
