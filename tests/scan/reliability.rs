//! Nothing lost silently: invalid bytes, cut-off exports, misleading first lines, over-long
//! nodes and records, long lines and mixed encodings still give every finding, and say so when
//! the input was not what it looked like.

use super::*;

fn line(code: &str) -> String {
    ext_line("2026-11-20 09:00:00", "alice@contoso.com", code, "x")
}

/// Scans `bytes` as the file `name`, giving the findings and the result.
fn scan_named(
    name: &str,
    bytes: &[u8],
) -> (
    Vec<Finding>,
    Result<nps_mfa_errors::scan::InputSummary, nps_mfa_errors::scan::ScanError>,
) {
    let mut findings = vec![];
    let result = scan_reader(bytes, Some(name), |f| findings.push(f));
    (findings, result)
}

#[test]
fn an_xml_event_with_an_invalid_byte_keeps_its_finding() {
    let xml = format!(
        "<Events><Event><EventData><Data>caf\u{e9} {}</Data></EventData></Event></Events>",
        line("ESTS_TOKEN_ERROR")
    )
    .replace('\u{e9}', "\u{1}");
    let mut bytes = xml.into_bytes();
    let at = bytes.iter().position(|b| *b == 1).unwrap();
    bytes[at] = 0xE9; // Latin-1 é: not UTF-8
    let (findings, result) = scan_named("a.xml", &bytes);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(codes(&findings), ["ESTS_TOKEN_ERROR"]);
    assert_eq!(findings[0].user.as_deref(), Some("alice@contoso.com"));
}

#[test]
fn an_xml_export_cut_off_inside_an_event_keeps_it_and_says_it_was_cut() {
    let xml = format!(
        "<Events>\n<Event><EventData><Data>{}</Data></EventData>",
        line("ESTS_TOKEN_ERROR")
    );
    let (findings, result) = scan_named("t.xml", xml.as_bytes());
    assert_eq!(codes(&findings), ["ESTS_TOKEN_ERROR"]);
    let error = result.unwrap_err();
    assert!(
        matches!(error.kind, ScanErrorKind::CutOff { line: 2, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("cut off"), "{error}");
}

#[test]
fn a_csv_export_cut_off_inside_a_quoted_message_keeps_it_and_says_it_was_cut() {
    let csv = format!("\"Message\",\"Id\"\n\"{}", line("ESTS_TOKEN_ERROR"));
    let (findings, result) = scan_named("t.csv", csv.as_bytes());
    assert_eq!(codes(&findings), ["ESTS_TOKEN_ERROR"]);
    assert!(matches!(
        result.unwrap_err().kind,
        ScanErrorKind::CutOff { line: 2, .. }
    ));
}

#[test]
fn a_log_whose_first_line_mentions_message_and_identity_is_read_as_text() {
    let first =
        "2026-11-20 09:00:00 Message, Identity 5: ErrorCode:: ESTS_TOKEN_ERROR Msg:: \"quoted";
    let log = format!(
        "{first}\n{}\n{}\n",
        line("UserNotFound"),
        line("InvalidSession")
    );
    assert_eq!(format_of(log.as_bytes()), InputFormat::PlainText);
    assert_eq!(
        codes(&scan_bytes(log.as_bytes())),
        ["ESTS_TOKEN_ERROR", "UserNotFound", "InvalidSession"]
    );
}

#[test]
fn an_event_bracket_line_inside_a_plain_log_does_not_change_its_layout() {
    let mut log = String::new();
    for i in 0..50 {
        if i == 3 {
            log.push_str("Event[0]: quoted from another tool\n");
        }
        log.push_str(&line("UserNotFound"));
        log.push('\n');
    }
    assert_eq!(format_of(log.as_bytes()), InputFormat::PlainText);
    assert_eq!(scan_bytes(log.as_bytes()).len(), 50);
}

#[test]
fn a_csv_record_that_never_ends_is_scanned_as_text_with_a_note() {
    // An unterminated quote: the rest of the file would be one field.
    let mut csv = String::from("\"Message\",\"Id\"\n\"start of a quote\n");
    let body = format!("{}\n", line("UserNotFound"));
    while csv.len() < 2 * 1024 * 1024 {
        csv.push_str(&body);
    }
    let expected = (csv.len() - 40) / body.len();
    let (findings, result) = scan_named("q.csv", csv.as_bytes());
    let summary = result.expect("no error: the rest was read as text");
    assert_eq!(summary.format, InputFormat::Csv);
    assert!(
        summary.notes.iter().any(|n| n.contains("scanned as text")),
        "{:?}",
        summary.notes
    );
    assert!(
        findings.len() >= expected,
        "{} < {expected}",
        findings.len()
    );
    assert_eq!(findings[5].line, 8, "lines go on counting in the text scan");
}

#[test]
fn an_xml_text_node_too_long_to_hold_is_scanned_as_text_with_a_note() {
    let mut data = String::new();
    let body = format!("{}\n", line("UserNotFound"));
    while data.len() < 2 * 1024 * 1024 {
        data.push_str(&body);
    }
    let xml = format!(
        "<Events>{}<Event><EventData><Data>{data}</Data></EventData></Event>{}</Events>",
        xml_event(1, "t1", "Tenant is blocked"),
        xml_event(2, "t2", "ErrorCode:: InvalidSession"),
    );
    let (findings, result) = scan_named("big.xml", xml.as_bytes());
    let summary = result.expect("no error: the rest was read as text");
    assert!(
        summary.notes.iter().any(|n| n.contains("longer than")),
        "{:?}",
        summary.notes
    );
    let found = codes(&findings);
    assert_eq!(found.first(), Some(&"TenantIsBlocked"));
    assert_eq!(found.last(), Some(&"InvalidSession"));
    let users = found.iter().filter(|c| **c == "UserNotFound").count();
    assert_eq!(users, data.len() / body.len());
}

#[test]
fn malformed_xml_scans_the_rest_as_text_and_reports_the_error() {
    let xml = format!(
        "<Events>{}<Event><EventData><Data>x</Data><!x></EventData></Event>\n{}\n</Events>",
        xml_event(1, "t1", "Tenant is blocked"),
        line("UserNotFound"),
    );
    let (findings, result) = scan_named("bad.xml", xml.as_bytes());
    assert_eq!(codes(&findings), ["TenantIsBlocked", "UserNotFound"]);
    assert!(result.is_err());
}

#[test]
fn random_bytes_named_evtx_get_a_hint() {
    let bytes: Vec<u8> = (0..4096_u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (_, result) = scan_named("Security.evtx", &bytes);
    let summary = result.unwrap();
    assert!(
        summary.notes.iter().any(|n| n.contains(".evtx")),
        "{:?}",
        summary.notes
    );
}

#[test]
fn one_event_with_thirty_thousand_distinct_codes_reports_each_once() {
    // Quadratic work per event (a search through the event's findings for each code) made
    // this take minutes; it must cost about as much as reading it.
    let tokens: String = (0..30_000)
        .map(|i| format!("ErrorCode:: T{i:05}X "))
        .collect();
    let csv = format!("\"Message\",\"Id\"\n\"{tokens} ErrorCode:: T00000X\",\"1\"\n");
    let findings = scan_bytes(csv.as_bytes());
    assert_eq!(findings.len(), 30_000);
    assert_eq!(findings[29_999].code.as_str(), "T29999X");
}

#[test]
fn codes_across_every_piece_boundary_offset_are_kept() {
    // A line longer than 64 KiB is scanned in 64 KiB pieces; a code across a cut, at any offset,
    // and the token after an `ErrorCode::` marker just before a cut, are still found.
    const PIECE: usize = 64 * 1024;
    let code = b"ESTS_TOKEN_ERROR";
    for shift in 0..=code.len() {
        let mut line = vec![b'x'; 2 * PIECE + 100];
        line[0] = b'2';
        let at = PIECE - shift;
        line[at - 1] = b' ';
        line[at..at + code.len()].copy_from_slice(code);
        line[at + code.len()] = b' ';
        let marker = b" ErrorCode:: NEW_TOKEN_X ";
        let m = 2 * PIECE - 14;
        line[m..m + marker.len()].copy_from_slice(marker);
        line.push(b'\n');
        for read_size in [7, 4096, PIECE + 3, 1 << 20] {
            let found = scan_bytes_with(read_size, &line);
            assert_eq!(
                codes(&found),
                ["ESTS_TOKEN_ERROR", "NEW_TOKEN_X"],
                "shift {shift}, read size {read_size}"
            );
        }
    }
}

#[test]
fn a_line_scanned_in_pieces_says_so() {
    let mut line = vec![b'y'; 200 * 1024];
    line.extend_from_slice(b" ErrorCode:: UserNotFound\n");
    let (findings, result) = scan_named("long.log", &line);
    assert_eq!(codes(&findings), ["UserNotFound"]);
    let notes = result.unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("in pieces")), "{notes:?}");
}

#[test]
fn an_event_past_its_size_cap_says_so_and_keeps_later_codes() {
    let mut log = format!("{}\n", line("InternalError"));
    while log.len() < 300_000 {
        log.push_str("    continuation line with nothing in it at all\n");
    }
    log.push_str("    ErrorCode:: UserNotFound\n");
    let (findings, result) = scan_named("long.log", log.as_bytes());
    assert_eq!(codes(&findings), ["InternalError", "UserNotFound"]);
    let notes = result.unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("in pieces")), "{notes:?}");
    let short = format!("{}\n", line("InternalError"));
    assert!(scan_named("short.log", short.as_bytes())
        .1
        .unwrap()
        .notes
        .is_empty());
}

fn lines(code: &str, n: usize) -> String {
    (0..n).map(|_| format!("{}\n", line(code))).collect()
}

#[test]
fn bom_less_utf16_that_starts_with_non_latin_text_is_decoded() {
    let text = format!(
        "{}\n{}",
        "Журнал_событий_сервера_политики_сети".repeat(20),
        lines("UserNotFound", 30)
    );
    let findings = scan_bytes(&utf16le(&text, false));
    assert_eq!(findings.len(), 30);
    assert_eq!(findings[0].user.as_deref(), Some("alice@contoso.com"));
}

#[test]
fn utf16_that_loses_a_byte_midway_keeps_the_rest() {
    let mut bytes = utf16le(&lines("UserNotFound", 200), true);
    bytes.remove(bytes.len() / 2 + 1);
    let findings = scan_bytes(&bytes);
    assert!(findings.len() >= 198, "{} of 200", findings.len());
    assert!(codes(&findings).iter().all(|c| *c == "UserNotFound"));
}

#[test]
fn a_file_that_switches_encoding_keeps_every_part() {
    let mut bytes = lines("UserNotFound", 50).into_bytes();
    bytes.extend(utf16le(&lines("InvalidSession", 50), false));
    bytes.extend(lines("TenantIsBlocked", 50).into_bytes());
    let findings = scan_bytes(&bytes);
    let count = |code: &str| codes(&findings).iter().filter(|c| **c == code).count();
    assert_eq!(count("UserNotFound"), 50);
    assert!(count("InvalidSession") >= 49, "{}", count("InvalidSession"));
    assert!(
        count("TenantIsBlocked") >= 49,
        "{}",
        count("TenantIsBlocked")
    );
}

#[test]
fn fifos_and_links_to_devices_inside_a_folder_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.log"), lines("UserNotFound", 1)).unwrap();
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let device = dir.path().join("zero");
    std::os::unix::fs::symlink("/dev/zero", &device).unwrap();
    let (mut errors, mut skipped) = (vec![], vec![]);
    let files = nps_mfa_errors::scan::walk(dir.path(), &mut errors, &mut skipped);
    assert_eq!(files, [dir.path().join("a.log")]);
    assert_eq!(skipped, [fifo.clone(), device]);
    assert!(errors.is_empty());
    // Named explicitly, a FIFO is given back to be read, and is read.
    let named = nps_mfa_errors::scan::walk(&fifo, &mut errors, &mut skipped);
    assert_eq!(named, std::slice::from_ref(&fifo));
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, lines("TenantIsBlocked", 1)).unwrap())
    };
    let mut piped = vec![];
    assert!(scan_path(&fifo, |f| piped.push(f)).is_empty());
    writer.join().unwrap();
    assert_eq!(codes(&piped), ["TenantIsBlocked"]);
    // And a folder scan does not hang on them.
    let mut findings = vec![];
    assert!(scan_path(dir.path(), |f| findings.push(f)).is_empty());
    assert_eq!(codes(&findings), ["UserNotFound"]);
}
