//! Formats, inline.

use super::*;

#[test]
fn plain_text_finds_a_code_with_cid_user_and_timestamp() {
    let log = format!(
        "2026-11-20 09:00:00 service started\n{}\n",
        ext_line(
            "2026-11-20T09:14:03Z",
            "alice@contoso.com",
            "ESTS_TOKEN_ERROR",
            "x"
        )
    );
    assert_eq!(
        seen_all(&scan_str(&log)),
        [seen(2, "ESTS_TOKEN_ERROR")
            .user("alice@contoso.com")
            .cid(CID)
            .at("2026-11-20T09:14:03Z")]
    );
    assert_eq!(format_of(log.as_bytes()), InputFormat::PlainText);
}

#[test]
fn plain_text_span_is_the_code_in_the_input() {
    let log = format!(
        "first line\n{}\n",
        ext_line(
            "2026-11-20 09:14:03",
            "bob",
            "HTTP_CONNECT_ERROR",
            "no route"
        )
    );
    let findings = scan_str(&log);
    assert_eq!(findings.len(), 1);
    let span = findings[0].span.start as usize..findings[0].span.end as usize;
    assert_eq!(&log[span], "HTTP_CONNECT_ERROR");
}

#[test]
fn wevtutil_text_reads_date_event_id_and_log_name() {
    let log = "Event[0]:\n  Log Name: AuthZOptCh\n  Source: Microsoft-AzureMfa-AuthZ\n  Date: 2026-11-20T09:14:03.512\n  Event ID: 1\n  Level: Error\n  Description: \nNPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User bob@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 REQUEST_MISSING_CODE Msg:: no code\n\nEvent[1]:\n  Log Name: AuthZOptCh\n  Date: 2026-11-20T09:15:00.000\n  Event ID: 2\n  Description: \nTenant is blocked\n";
    assert_eq!(format_of(log.as_bytes()), InputFormat::WevtutilText);
    assert_eq!(
        seen_all(&scan_str(log)),
        [
            seen(8, "REQUEST_MISSING_CODE")
                .user("bob@contoso.com")
                .cid(CID)
                .at("2026-11-20T09:14:03.512")
                .id(1)
                .channel("AuthZOptCh"),
            seen(15, "TenantIsBlocked")
                .at("2026-11-20T09:15:00.000")
                .id(2)
                .channel("AuthZOptCh"),
        ]
    );
}

/// Event Viewer's "Copy details as text", as helpdesk staff paste it: each event's fields
/// (unindented) before its description, and the event's XML after it.
#[test]
fn copied_event_details_read_each_event_with_its_date_event_id_and_log_name() {
    let event = |date: &str, id: u32, user: &str, code: &str| {
        format!(
            "Log Name:      Microsoft-AzureMfa-AuthZ/AuthZOptCh\r\nSource:        \
             Microsoft-AzureMfa-AuthZ\r\nDate:          {date}\r\nEvent ID:      {id}\r\n\
             Task Category: None\r\nLevel:         Error\r\nKeywords:      \r\n\
             User:          NETWORK SERVICE\r\nComputer:      NPS01.contoso.com\r\n\
             Description:\r\nNPS Extension for Azure MFA:  CID: {CID} :Exception in \
             Authentication Ext for User {user} :: ErrorCode:: CID :{CID} {code} Msg:: x\r\n\
             Event Xml:\r\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\
             <System><EventID>{id}</EventID></System><EventData><Data>{code}</Data></EventData>\
             </Event>\r\n"
        )
    };
    let log = event(
        "11/20/2026 9:14:03 AM",
        3,
        "alice@contoso.com",
        "ESTS_TOKEN_ERROR",
    ) + &event(
        "11/20/2026 9:15:22 AM",
        2,
        "bob@contoso.com",
        "UserNotFound",
    );
    assert_eq!(format_of(log.as_bytes()), InputFormat::EventDetailsText);
    let findings = scan_str(&log);
    assert_eq!(
        seen_all(&findings),
        [
            seen(11, "ESTS_TOKEN_ERROR")
                .user("alice@contoso.com")
                .cid(CID)
                .at("11/20/2026 9:14:03 AM")
                .id(3)
                .channel("Microsoft-AzureMfa-AuthZ/AuthZOptCh"),
            seen(24, "UserNotFound")
                .user("bob@contoso.com")
                .cid(CID)
                .at("11/20/2026 9:15:22 AM")
                .id(2)
                .channel("Microsoft-AzureMfa-AuthZ/AuthZOptCh"),
        ]
    );
    assert!(findings
        .iter()
        .all(|f| f.computer.as_deref() == Some("NPS01.contoso.com")));
}

#[test]
fn event_viewer_text_reads_the_date_and_event_id_columns() {
    let log = "Level\tDate and Time\tSource\tEvent ID\tTask Category\nError\t11/20/2026 9:14:03 AM\tAuthZ\t1\tNone\t\"NPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User bob :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 OathCodeIncorrect Msg:: x\nTrace ID: 1\"\nError\t11/20/2026 9:15:10 PM\tAuthZ\t7\tNone\tError: userObjectSid lookup failed\n";
    assert_eq!(format_of(log.as_bytes()), InputFormat::EventViewerText);
    assert_eq!(
        seen_all(&scan_str(log)),
        [
            seen(2, "OathCodeIncorrect")
                .user("bob")
                .cid(CID)
                .at("11/20/2026 9:14:03 AM")
                .id(1),
            seen(4, "ALTERNATE_LOGIN_ID_ERROR")
                .at("11/20/2026 9:15:10 PM")
                .id(7),
        ]
    );
}

#[test]
fn xml_export_reads_event_id_time_created_channel_and_data() {
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<Events>\n{}\n{}\n</Events>\n",
        xml_event(1, "2026-11-20T09:14:03.5120000Z", "CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 for User eve@contoso.com :: ErrorCode:: InternalError Msg:: x"),
        xml_event(5, "2026-11-20T09:15:00.0000000Z", "The service started")
    );
    assert_eq!(format_of(xml.as_bytes()), InputFormat::Xml);
    assert_eq!(
        seen_all(&scan_str(&xml)),
        [seen(3, "InternalError")
            .user("eve@contoso.com")
            .cid(CID)
            .at("2026-11-20T09:14:03.5120000Z")
            .id(1)
            .channel("AuthZOptCh")]
    );
}

#[test]
fn xml_system_text_is_not_event_text() {
    // A code in the computer name is not a finding: only the event data is scanned.
    let xml = format!(
        "<Events>{}</Events>",
        xml_event(1, "t", "nothing").replace("NPS01", "InternalError")
    );
    assert!(scan_str(&xml).is_empty());
}

#[test]
fn xml_entities_in_event_data_are_resolved() {
    let xml = format!(
        "<Events>{}</Events>",
        xml_event(
            1,
            "t",
            "for User r&amp;d@contoso.com :: The specified user wasn&apos;t found &lt;x&gt; &#65;"
        )
    );
    let findings = scan_str(&xml);
    assert_eq!(codes(&findings), ["UserNotFound"]);
    assert_eq!(findings[0].user.as_deref(), Some("r&d@contoso.com"));
}

#[test]
fn xml_export_with_several_data_elements_is_one_event() {
    let xml = "<Events><Event><System><EventID>1</EventID></System><EventData><Data>ErrorCode:: AccessDenied</Data><Data>AccessDenied</Data><Data>Caller tenant doesn't have access permissions to do authentication for the user</Data></EventData></Event></Events>";
    let findings = scan_str(xml);
    assert_eq!(seen_all(&findings), [seen(1, "AccessDenied").id(1)]);
}

const CSV_HEADER: &str = "\"Message\",\"Id\",\"Version\",\"Level\",\"LogName\",\"MachineName\",\"TimeCreated\",\"LevelDisplayName\"";

#[test]
fn csv_export_reads_id_time_created_log_name_and_message() {
    let csv = format!(
        "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n{CSV_HEADER}\n\"Tenant is blocked\",\"1\",\"0\",\"2\",\"AuthNOptCh\",\"NPS01\",\"11/20/2026 9:14:03 AM\",\"Error\"\n\"ok\",\"4\",\"0\",\"4\",\"AuthNOptCh\",\"NPS01\",\"11/20/2026 9:14:04 AM\",\"Information\"\n\"for User amy@contoso.com ErrorCode:: SMSAuthFailedWrongCodeEntered\",\"2\",\"0\",\"3\",\"AuthNOptCh\",\"NPS01\",\"11/20/2026 9:14:05 AM\",\"Warning\"\n"
    );
    assert_eq!(format_of(csv.as_bytes()), InputFormat::Csv);
    assert_eq!(
        seen_all(&scan_str(&csv)),
        [
            seen(3, "TenantIsBlocked")
                .at("11/20/2026 9:14:03 AM")
                .id(1)
                .channel("AuthNOptCh"),
            seen(5, "SMSAuthFailedWrongCodeEntered")
                .user("amy@contoso.com")
                .at("11/20/2026 9:14:05 AM")
                .id(2)
                .channel("AuthNOptCh"),
        ]
    );
}

#[test]
fn csv_message_with_embedded_newlines_and_quotes_is_one_event() {
    let csv = format!(
        "{CSV_HEADER}\r\n\"NPS Extension for Azure MFA: \"\"quoted\"\" for User sam@contoso.com ::\r\nErrorCode:: AuthenticationThrottled\r\nToo many attempts by user in a short period of time. Throttling.\r\nAuthenticationThrottled again\",\"1\",\"0\",\"2\",\"AuthNOptCh\",\"NPS01\",\"11/20/2026 9:14:03 AM\",\"Error\"\r\n\"AuthenticationThrottled\",\"1\",\"0\",\"2\",\"AuthNOptCh\",\"NPS01\",\"11/20/2026 9:14:09 AM\",\"Error\"\r\n"
    );
    let findings = scan_str(&csv);
    assert_eq!(
        seen_all(&findings),
        [
            seen(2, "AuthenticationThrottled")
                .user("sam@contoso.com")
                .at("11/20/2026 9:14:03 AM")
                .id(1)
                .channel("AuthNOptCh"),
            seen(6, "AuthenticationThrottled")
                .at("11/20/2026 9:14:09 AM")
                .id(1)
                .channel("AuthNOptCh"),
        ]
    );
    assert_eq!(
        findings[0].message(),
        Some("Too many attempts by user in a short period of time. Throttling.")
    );
}

#[test]
fn csv_line_numbers_and_spans_are_right_with_crlf_and_lf() {
    for eol in ["\n", "\r\n"] {
        let records = [
            "\"Tenant is blocked\",\"1\"",
            "\"nothing\",\"2\"",
            "\"Tenant is blocked\",\"3\"",
        ];
        let csv = format!(
            "#TYPE x{eol}\"Message\",\"Id\"{eol}{}{eol}",
            records.join(eol)
        );
        let findings = scan_str(&csv);
        assert_eq!(
            findings
                .iter()
                .map(|f| (f.line, f.event_id))
                .collect::<Vec<_>>(),
            [(3, Some(1)), (5, Some(3))],
            "{eol:?}"
        );
        for f in &findings {
            let record = &csv[f.span.start as usize..f.span.end as usize];
            assert!(
                record.starts_with("\"Tenant is blocked\"") && record.ends_with(eol),
                "{eol:?}: {record:?}"
            );
        }
    }
}

#[test]
fn folder_is_scanned_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("b").join("ext");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(dir.path().join("c.log"), "ErrorCode:: InvalidFormat\n").unwrap();
    std::fs::write(dir.path().join("a.log"), "ErrorCode:: TenantIsBlocked\n").unwrap();
    std::fs::write(deep.join("z.txt"), "ErrorCode:: UserNotFound\n").unwrap();
    std::fs::write(dir.path().join("b").join("empty.txt"), "").unwrap();
    let mut findings = vec![];
    let errors = scan_path(dir.path(), |f| findings.push(f));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        codes(&findings),
        ["TenantIsBlocked", "UserNotFound", "InvalidFormat"]
    );
    assert!(findings[1].file.as_deref().unwrap().ends_with("z.txt"));
}
