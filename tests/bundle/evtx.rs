//! Binary event logs, read natively: the real samples are read and counted, and survive a
//! damaged chunk and truncation.

use super::*;

/// Records read from one `.evtx` (whatever they hold), and the warnings.
fn read(name: &str, bytes: &[u8]) -> (u64, Vec<String>, Vec<String>) {
    let (_dir, path) = write_temp(name, bytes);
    let (_, scan) = scan_file(&path);
    let input = &scan.inputs[0];
    let notes = input
        .summary
        .as_ref()
        .map(|s| s.notes.clone())
        .unwrap_or_default();
    let errors = scan.errors.iter().map(ToString::to_string).collect();
    (input.events.unwrap_or(0), notes, errors)
}

/// What the evtx crate alone reads from the same bytes.
fn crate_count(bytes: &[u8]) -> u64 {
    let mut parser = ::evtx::EvtxParser::from_buffer(bytes.to_vec()).unwrap();
    parser.records().filter(Result::is_ok).count() as u64
}

#[test]
fn real_event_logs_are_read_and_every_record_counted() {
    let Some(dir) = samples() else { return };
    for (name, expected) in [
        ("security.evtx", 2261),
        ("new-user-security.evtx", 4),
        ("issue_201.evtx", 1),
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let (records, warnings, errors) = read(name, &bytes);
        assert_eq!(records, expected, "{name}");
        assert!(
            warnings.is_empty() && errors.is_empty(),
            "{name}: {warnings:?} {errors:?}"
        );
    }
}

#[test]
fn a_damaged_chunk_is_a_warning_and_the_records_around_it_are_kept() {
    let Some(bytes) = sample("sample_with_a_bad_chunk_magic.evtx") else {
        return;
    };
    let (records, warnings, errors) = read("AuthZAdminCh.evtx", &bytes);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records, crate_count(&bytes));
    assert!(records > 0);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("chunk number 6")
                && w.contains("records before and after it were kept")),
        "{warnings:?}"
    );
}

/// A truncated log keeps the records it has, and is an error that says it was cut off: its
/// header counts 26 chunks of the 33 the file holds.
#[test]
fn a_truncated_log_keeps_the_records_it_has_and_says_it_is_cut_off() {
    let Some(bytes) = sample("security.evtx") else {
        return;
    };
    const HEADER: usize = 4096;
    const CHUNK: usize = 65536;
    let cut_off = |errors: &[String]| matches!(errors, [only] if only.contains("cut.evtx: cut off:") && only.contains("copy or export the log again"));
    let mut previous = 0;
    for chunks in [1, 5, 17] {
        let boundary = HEADER + chunks * CHUNK;
        let (whole_chunks, _, errors) = read("cut.evtx", &bytes[..boundary]);
        assert!(cut_off(&errors), "{errors:?}");
        assert!(whole_chunks > previous, "more chunks, more records");
        let (mid_chunk, _, errors) = read("cut.evtx", &bytes[..boundary + 30_000]);
        assert!(cut_off(&errors), "{errors:?}");
        assert!(
            mid_chunk >= whole_chunks,
            "cut mid-chunk keeps the complete chunks"
        );
        previous = whole_chunks;
    }
    // Past the chunks its header counts, only a cut inside a chunk shows.
    let (_, _, errors) = read("cut.evtx", &bytes[..HEADER + 30 * CHUNK]);
    assert!(errors.is_empty(), "{errors:?}");
    let (_, _, errors) = read("cut.evtx", &bytes[..HEADER + 30 * CHUNK + 100]);
    assert!(cut_off(&errors), "{errors:?}");
    let (_, _, errors) = read("whole.evtx", &bytes);
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_log_cut_inside_its_header_is_an_error_for_that_file_alone() {
    let Some(bytes) = sample("new-user-security.evtx") else {
        return;
    };
    let members = vec![
        (
            "%computername%_AuthNOptCh.evtx".to_owned(),
            bytes[..100].to_vec(),
        ),
        (
            "NPS_EventLog.log".to_owned(),
            utf16_crlf(&member_text("NPS_EventLog.log")),
        ),
    ];
    let (_dir, path) = write_temp("bundle.zip", &zip_of(&members));
    let output = cli().args(["scan", "--json"]).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("%computername%_AuthNOptCh.evtx: not a readable binary event log"),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout)
            .matches("\"kind\":\"nps\"")
            .count(),
        4
    );
}

#[test]
fn an_event_log_inside_a_zip_reads_like_the_file_itself() {
    let Some(bytes) = sample("security.evtx") else {
        return;
    };
    let (_dir, path) = write_temp(
        "b.zip",
        &zip_of(&[("%computername%_AuthZOptCh.evtx".to_owned(), bytes.clone())]),
    );
    let (_, scan) = scan_file(&path);
    assert_eq!(scan.inputs[0].events, Some(2261));
    assert!(scan.inputs[0]
        .name
        .ends_with("b.zip!/%computername%_AuthZOptCh.evtx"));
}

#[test]
fn extension_events_in_an_evtx_record_go_through_the_xml_path_with_utc_time() {
    // No public .evtx holds NPS extension events: the XML a record renders to is tested here.
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"Microsoft-AzureMfa-AuthZ\"/><EventID>3</EventID><TimeCreated SystemTime=\"2026-11-20T09:14:03.512000Z\"/><EventRecordID>77</EventRecordID><Channel>AuthZOptCh</Channel><Computer>NPS01</Computer></System><EventData><Data>NPS Extension for Azure MFA: CID: 3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162 :Exception in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID :3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162 ESTS_TOKEN_ERROR Msg:: Verify the client certificate is properly enrolled in Azure against your tenant and the server has access to URL in Registry STS_URL.</Data></EventData></Event>";
    let findings = nps_mfa_errors::scan::scan_str(xml);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].time.unwrap().to_string(),
        "2026-11-20T09:14:03.512Z"
    );
    assert!(findings[0]
        .logged
        .as_deref()
        .unwrap()
        .starts_with("NPS Extension for Azure MFA: CID:"));
}
