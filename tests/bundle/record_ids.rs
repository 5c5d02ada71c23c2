//! One event, one finding, by its `EventRecordID`: XML and CSV exports carry the record ID and
//! the computer into findings, so the same record read twice counts once and two records that
//! look alike (same code, CID, user and second) count twice.

use nps_mfa_errors::scan::{Finding, NpsEvent};

use super::*;

const CID: &str = "3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162";

/// The extension's ESTS_TOKEN_ERROR event, as its message reads.
fn message() -> String {
    format!(
        "NPS Extension for Azure MFA: CID: {CID} :Exception in Authentication Ext for User \
         alice@contoso.com :: ErrorCode:: CID :{CID} ESTS_TOKEN_ERROR Msg:: Verify the client \
         certificate is properly enrolled in Azure against your tenant and the server has access \
         to URL in Registry STS_URL."
    )
}

/// One `<Event>` of `wevtutil qe AuthZOptCh /f:xml`.
fn xml_event(record_id: u64, system_time: &str) -> String {
    format!(
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\
         <Provider Name='Microsoft-AzureMfa-AuthZ'/><EventID>3</EventID>\
         <TimeCreated SystemTime='{system_time}'/><EventRecordID>{record_id}</EventRecordID>\
         <Correlation/><Channel>AuthZOptCh</Channel><Computer>NPS01.contoso.com</Computer>\
         <Security UserID='S-1-5-20'/></System><EventData><Data>{}</Data></EventData></Event>",
        message()
    )
}

/// An XML export of events, as Windows writes it (UTF-16LE with a byte-order mark, CRLF).
fn xml_export(events: &[String]) -> Vec<u8> {
    utf16_crlf(&format!("<Events>\n{}\n</Events>\n", events.join("\n")))
}

/// `Get-WinEvent -LogName AuthZOptCh | Export-Csv`: local time, and the `RecordId` and
/// `MachineName` columns.
fn csv_export(rows: &[(u64, &str)]) -> Vec<u8> {
    let mut csv = String::from(
        "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n\"Message\",\"Id\",\
         \"RecordId\",\"ProviderName\",\"LogName\",\"MachineName\",\"TimeCreated\"\n",
    );
    for (record_id, local_time) in rows {
        csv.push_str(&format!(
            "\"{}\",\"3\",\"{record_id}\",\"Microsoft-AzureMfa-AuthZ\",\"AuthZOptCh\",\
             \"NPS01.contoso.com\",\"{local_time}\"\n",
            message()
        ));
    }
    utf16_crlf(&csv)
}

/// A bundle scan of the files, in a zip in the script's way; the extension findings and the
/// number of copies dropped.
fn scan_members(members: &[(&str, Vec<u8>)]) -> (Vec<Finding>, u64) {
    let members: Vec<(String, Vec<u8>)> = members
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.clone()))
        .collect();
    let (_dir, path) = write_temp("bundle.zip", &zip_of(&members));
    let (records, scan) = scan_file(&path);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    let findings = records
        .into_iter()
        .filter_map(|r| match r {
            Record::Extension(finding) => Some(finding),
            _ => None,
        })
        .collect();
    (findings, scan.duplicates)
}

#[test]
fn an_xml_export_gives_each_finding_its_record_id_and_computer() {
    let xml = xml_event(1187, "2026-11-20T08:14:03.5120000Z");
    let findings = nps_mfa_errors::scan::scan_str(&xml);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].record_id, Some(1187));
    assert_eq!(findings[0].computer.as_deref(), Some("NPS01.contoso.com"));
    assert_eq!(findings[0].channel.as_deref(), Some("AuthZOptCh"));
}

#[test]
fn the_same_event_in_an_xml_and_a_csv_export_counts_once() {
    // The CSV gives local time (UTC+1): only the record ID tells it is the same event.
    let (findings, duplicates) = scan_members(&[
        (
            "AuthZOptCh.csv",
            csv_export(&[(1187, "11/20/2026 9:14:03 AM")]),
        ),
        (
            "AuthZOptCh.xml",
            xml_export(&[xml_event(1187, "2026-11-20T08:14:03.5120000Z")]),
        ),
    ]);
    assert_eq!((findings.len(), duplicates), (1, 1), "{findings:#?}");
    assert_eq!(findings[0].record_id, Some(1187));
    assert_eq!(findings[0].computer.as_deref(), Some("NPS01.contoso.com"));
    assert!(findings[0]
        .file
        .as_deref()
        .unwrap()
        .ends_with("AuthZOptCh.csv"));
}

#[test]
fn two_xml_copies_of_one_channel_count_once() {
    let export = xml_export(&[
        xml_event(1187, "2026-11-20T08:14:03.5120000Z"),
        xml_event(1190, "2026-11-20T08:20:41.0000000Z"),
    ]);
    let (findings, duplicates) = scan_members(&[
        ("AuthZOptCh.xml", export.clone()),
        ("copy/AuthZOptCh.xml", export),
    ]);
    let ids: Vec<Option<u64>> = findings.iter().map(|f| f.record_id).collect();
    assert_eq!(ids, [Some(1187), Some(1190)]);
    assert_eq!(duplicates, 2);
}

#[test]
fn two_copies_of_a_plain_log_count_once_also_for_events_naming_no_user_or_cid() {
    let log = "2026-11-20 09:00:00.120 NPS Extension for Azure MFA: ErrorCode:: REGISTRY_CONFIG_ERROR Msg:: key STS_URL missing\n\
               2026-11-20 09:00:00.120 NPS Extension for Azure MFA: ErrorCode:: REGISTRY_CONFIG_ERROR Msg:: key TENANT_ID missing\n\
               2026-11-20 09:00:00.450 NPS Extension for Azure MFA: ErrorCode:: REGISTRY_CONFIG_ERROR Msg:: key STS_URL missing\n";
    let crlf = log.replace('\n', "\r\n");
    let (findings, duplicates) = scan_members(&[
        ("NPS/ext.log", log.as_bytes().to_vec()),
        ("copy/ext.log", crlf.into_bytes()),
    ]);
    // Three events, each once: another text or another millisecond is another event.
    assert_eq!(findings.len(), 3, "{findings:?}");
    assert_eq!(duplicates, 3);
}

#[test]
fn two_records_with_the_same_code_cid_user_and_second_count_twice() {
    let (findings, duplicates) = scan_members(&[(
        "AuthZOptCh.xml",
        xml_export(&[
            xml_event(1187, "2026-11-20T08:14:03.1000000Z"),
            xml_event(1188, "2026-11-20T08:14:03.9000000Z"),
        ]),
    )]);
    let ids: Vec<Option<u64>> = findings.iter().map(|f| f.record_id).collect();
    assert_eq!(ids, [Some(1187), Some(1188)]);
    assert_eq!(duplicates, 0);
}

#[test]
fn a_csv_export_of_two_such_records_counts_them_twice_too() {
    let (findings, _) = scan_members(&[(
        "AuthZOptCh.csv",
        csv_export(&[
            (1187, "11/20/2026 9:14:03 AM"),
            (1188, "11/20/2026 9:14:03 AM"),
        ]),
    )]);
    let ids: Vec<Option<u64>> = findings.iter().map(|f| f.record_id).collect();
    assert_eq!(ids, [Some(1187), Some(1188)]);
}

#[test]
fn a_wevtutil_text_export_gives_the_computer_and_no_made_up_record_id() {
    let text = format!(
        "Event[0]:\n  Log Name: AuthZOptCh\n  Source: Microsoft-AzureMfa-AuthZ\n  Date: \
         2026-11-20T09:14:03.512\n  Event ID: 3\n  Computer: NPS01.contoso.com\n  \
         Description: \n{}\n\nEvent[1]:\n  Log Name: AuthZOptCh\n  Date: \
         2026-11-20T09:20:41.000\n  Event ID: 3\n  Description: \n{}\n",
        message(),
        message().replace("alice", "bob")
    );
    let findings = nps_mfa_errors::scan::scan_str(&text);
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0].computer.as_deref(), Some("NPS01.contoso.com"));
    assert_eq!(findings[1].computer, None, "the second event names none");
    assert!(findings.iter().all(|f| f.record_id.is_none()));
}

#[test]
fn a_text_export_beside_the_xml_of_the_same_two_records_adds_nothing() {
    // Text first: its one event (the two look alike, to the second) is matched to one record,
    // and the other record still counts.
    let text = format!(
        "Event[0]:\n  Log Name: AuthZOptCh\n  Date: 2026-11-20T09:14:03.100\n  Event ID: 3\n  \
         Description: \n{}\n",
        message()
    );
    let (findings, duplicates) = scan_members(&[
        ("AuthZOptCh.txt", utf16_crlf(&text)),
        (
            "AuthZOptCh.xml",
            xml_export(&[
                xml_event(1187, "2026-11-20T08:14:03.1000000Z"),
                xml_event(1188, "2026-11-20T08:14:03.9000000Z"),
            ]),
        ),
    ]);
    assert_eq!((findings.len(), duplicates), (2, 1), "{findings:#?}");
}

#[test]
fn two_nps_decisions_in_one_second_with_their_own_record_ids_count_twice() {
    let event = |record_id: u64| {
        format!(
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\
             <Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>6273</EventID>\
             <TimeCreated SystemTime='2026-11-20T09:14:04.0270000Z'/>\
             <EventRecordID>{record_id}</EventRecordID><Channel>Security</Channel>\
             <Computer>NPS01.contoso.com</Computer></System><EventData>\
             <Data Name='SubjectUserName'>alice@contoso.com</Data>\
             <Data Name='ClientName'>VPN gateway</Data>\
             <Data Name='NetworkPolicyName'>VPN users (MFA)</Data>\
             <Data Name='ReasonCode'>21</Data><Data Name='Reason'>An NPS extension dynamic \
             link library (DLL) that is installed on the NPS server rejected the connection \
             request.</Data></EventData></Event>"
        )
    };
    let export = xml_export(&[event(88213), event(88214)]);
    let (_dir, path) = write_temp(
        "b.zip",
        &zip_of(&[
            ("security.xml".to_owned(), export.clone()),
            ("again/security.xml".to_owned(), export),
        ]),
    );
    let (records, scan) = scan_file(&path);
    let events: Vec<&NpsEvent> = records
        .iter()
        .filter_map(|r| match r {
            Record::Nps(event) => Some(&**event),
            _ => None,
        })
        .collect();
    let ids: Vec<Option<u64>> = events.iter().map(|e| e.record_id).collect();
    assert_eq!(ids, [Some(88213), Some(88214)]);
    assert_eq!(scan.duplicates, 2);
    assert!(events
        .iter()
        .all(|e| e.computer.as_deref() == Some("NPS01.contoso.com")));
}

#[test]
fn json_lines_of_an_xml_export_carry_record_id_and_computer() {
    let (_dir, path) = write_temp(
        "AuthZOptCh.xml",
        &xml_export(&[xml_event(1187, "2026-11-20T08:14:03.5120000Z")]),
    );
    let output = cli().args(["scan", "--json"]).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(lines[0]["kind"], "extension");
    assert_eq!(lines[0]["record_id"], 1187);
    assert_eq!(lines[0]["computer"], "NPS01.contoso.com");
    assert_eq!(lines[0]["channel"], "AuthZOptCh");
}
