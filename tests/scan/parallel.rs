//! A large file scanned on several threads gives the findings, order, line numbers and summary
//! of a scan on one thread, whatever the layout, the encoding changes and the cuts.

use std::io::Write;

use nps_mfa_errors::scan::{InputSummary, DEFAULT_CHUNK_SIZE};

use super::properties::log_input_of;
use super::*;

/// Scans `bytes` from a file with `scanner`.
fn scan_file_with(scanner: &Scanner, bytes: &[u8], name: &str) -> (Vec<Finding>, InputSummary) {
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(bytes).unwrap();
    let mut findings = vec![];
    let summary = scanner
        .scan_file(&file, Some(name), |f| findings.push(f))
        .expect("the file scans");
    (findings, summary)
}

/// Asserts that cutting `bytes` in chunks of several sizes, on several threads, changes
/// nothing; gives the findings.
fn same_on_any_threads(bytes: &[u8], name: &str) -> Vec<Finding> {
    let one = Scanner::new().with_threads(1);
    let (expected, summary) = scan_file_with(&one, bytes, name);
    for (threads, chunk) in [(2, 4096), (3, 5000), (4, 12_345)] {
        let many = Scanner::new().with_threads(threads).with_chunk_size(chunk);
        let (findings, many_summary) = scan_file_with(&many, bytes, name);
        assert_same(
            &findings,
            &expected,
            &format!("{threads} threads, chunks of {chunk}"),
        );
        assert_eq!(
            many_summary, summary,
            "{threads} threads, chunks of {chunk}"
        );
    }
    expected
}

/// Asserts the findings are equal, showing the first that differs.
fn assert_same(found: &[Finding], expected: &[Finding], case: &str) {
    if let Some(at) =
        (0..found.len().max(expected.len())).find(|&i| found.get(i) != expected.get(i))
    {
        panic!(
            "{case}: {} findings, {} expected; the first to differ, #{at}:\n{:?}\nexpected\n{:?}",
            found.len(),
            expected.len(),
            found.get(at).map(|f| (Seen::from(f), &f.span, &f.logged)),
            expected
                .get(at)
                .map(|f| (Seen::from(f), &f.span, &f.logged)),
        );
    }
}

#[test]
fn a_generated_log_gives_the_same_findings_on_several_threads() {
    let log = generate::generate_vec(400 * 1024, 3);
    let findings = same_on_any_threads(&log, "nps.log");
    assert!(findings.len() > 20, "{}", findings.len());
    assert_eq!(seen_all(&findings), seen_all(&scan_bytes(&log)));
}

#[test]
fn exports_keep_their_events_across_cuts() {
    let wevtutil: String = (0..600)
        .map(|i| {
            format!(
                "Event[{i}]:\n  Log Name: AuthZOptCh\n  Computer: NPS0{}\n  Description: \n\
                 NPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :\
                 Exception for User u{i}@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-\
                 2f5b1c0e9a11 {} Msg:: x\n\n",
                i % 3,
                ["ESTS_TOKEN_ERROR", "UserNotFound", "NEW_CODE"][i % 3]
            )
        })
        .collect();
    assert_eq!(same_on_any_threads(wevtutil.as_bytes(), "a.txt").len(), 600);
    let viewer: String = std::iter::once("Level\tDate and Time\tSource\tEvent ID\tTask Category\n")
        .map(str::to_owned)
        .chain((0..700).map(|i| {
            format!(
                "Error\t11/20/2026 9:{:02}:03 AM\tAuthZ\t{}\tNone\t\"ErrorCode:: InternalError\n\
                 Trace ID: {i}\n\tfor User v{i}\"\n",
                i % 60,
                i % 5
            )
        }))
        .collect();
    assert_eq!(same_on_any_threads(viewer.as_bytes(), "b.txt").len(), 700);
    let details: String = (0..500)
        .map(|i| {
            format!(
                "Log Name:      AuthZOptCh\r\nDate:          11/20/2026 9:{:02}:03 AM\r\n\
                 Event ID:      {}\r\nDescription:\r\nErrorCode:: UserNotFound Msg:: for User \
                 w{i}\r\nEvent Xml:\r\n<Event><EventData><Data>UserNotFound</Data></EventData>\
                 </Event>\r\n",
                i % 60,
                i % 4
            )
        })
        .collect();
    assert_eq!(same_on_any_threads(details.as_bytes(), "c.txt").len(), 500);
}

#[test]
fn long_events_and_long_lines_are_cut_as_on_one_thread() {
    let mut log = Vec::new();
    // An event of indented lines longer than the event cap, with codes all along it.
    log.extend_from_slice(b"2026-11-20 09:00:00 start of a long event\n");
    for i in 0..9000 {
        let code = if i % 97 == 0 { "TenantIsBlocked" } else { "" };
        writeln!(
            log,
            "    continued line {i:05} {code} padding padding padding"
        )
        .unwrap();
    }
    // Lines longer than the line cap, with a code across every 64 KiB piece boundary.
    for _ in 0..3 {
        let mut line = b"2026-11-20 09:01:00 ".to_vec();
        while line.len() < 200 * 1024 {
            line.extend_from_slice(b"filler ErrorCode:: ESTS_TOKEN_ERROR filler ");
        }
        log.extend_from_slice(&line);
        log.push(b'\n');
    }
    log.extend_from_slice(b"2026-11-20 09:02:00 ErrorCode:: UserNotFound end");
    let findings = same_on_any_threads(&log, "long.log");
    // One finding per code per event: the long event is cut by the event cap, each long line
    // by the line cap.
    let count = |code: &str| findings.iter().filter(|f| f.code.as_str() == code).count();
    assert!(
        count("TenantIsBlocked") >= 2,
        "{}",
        count("TenantIsBlocked")
    );
    assert!(
        count("ESTS_TOKEN_ERROR") >= 6,
        "{}",
        count("ESTS_TOKEN_ERROR")
    );
    assert_eq!(findings.last().unwrap().code.as_str(), "UserNotFound");
}

#[test]
fn zero_bytes_and_utf16_after_utf8_rescan_from_the_top() {
    let mut log = generate::generate_vec(64 * 1024, 5);
    let utf16: Vec<u8> = "2026-11-20 10:00:00 ErrorCode:: UserNotFound for User w@x\r\n"
        .repeat(200)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    log.extend_from_slice(&utf16);
    log.extend(generate::generate_vec(64 * 1024, 6));
    let findings = same_on_any_threads(&log, "mixed.log");
    assert!(
        findings
            .iter()
            .filter(|f| f.code.as_str() == "UserNotFound")
            .count()
            >= 200,
        "the UTF-16 part is decoded"
    );
    // A lone zero byte inside an event, and one right at a chunk's first line.
    let mut damaged = generate::generate_vec(96 * 1024, 9);
    damaged[40_000] = 0;
    let at = 4096 + damaged[4096..].iter().position(|b| *b == b'\n').unwrap() + 1;
    damaged[at] = 0;
    same_on_any_threads(&damaged, "damaged.log");
}

#[test]
fn a_byte_order_mark_crlf_and_a_missing_last_line_break_change_nothing() {
    let mut log = b"\xEF\xBB\xBF".to_vec();
    let body = String::from_utf8(generate::generate_vec(120 * 1024, 11)).unwrap();
    log.extend_from_slice(body.replace('\n', "\r\n").trim_end().as_bytes());
    log.extend_from_slice(b"\r\n2026-11-20 09:00:00 ErrorCode:: CONTACT_SUPPORT");
    let findings = same_on_any_threads(&log, "bom.log");
    assert_eq!(findings.last().unwrap().code.as_str(), "CONTACT_SUPPORT");
}

#[test]
fn a_file_where_no_line_starts_an_event_is_one_event() {
    let mut log = b"2026-11-20 09:00:00 ErrorCode:: UserNotFound\n".to_vec();
    for i in 0..3000 {
        writeln!(log, "\tindented {i} TenantIsBlocked and more text").unwrap();
    }
    let findings = same_on_any_threads(&log, "indented.log");
    assert_eq!(codes(&findings), ["UserNotFound", "TenantIsBlocked"]);
}

#[test]
fn small_files_and_the_default_chunk_are_scanned_as_before() {
    assert_eq!(DEFAULT_CHUNK_SIZE, 1 << 20);
    let log = generate::generate_vec(3 * 1024 * 1024, 13);
    let (findings, _) = scan_file_with(&Scanner::new(), &log, "big.log");
    assert_eq!(seen_all(&findings), seen_all(&scan_bytes(&log)));
}

/// A file is cut only from two chunks on: just below, at and just above that size, and with
/// whole events past the last chunk's start and the last one cut off mid-line, every event is
/// found once, in order, with its line.
#[test]
fn files_around_the_two_chunk_threshold_lose_and_repeat_nothing() {
    const CHUNK: usize = 4096;
    let line = b"2026-11-20 09:14:03.120 ErrorCode:: CID :42 ESTS_TOKEN_ERROR Msg:: token\n";
    for size in [
        2 * CHUNK - 1,
        2 * CHUNK,
        2 * CHUNK + 1,
        3 * CHUNK + 2 * line.len(),
    ] {
        let log: Vec<u8> = line.iter().copied().cycle().take(size).collect();
        let whole_lines = size / line.len();
        let cut_short = size % line.len();
        let one = Scanner::new().with_threads(1).with_chunk_size(CHUNK);
        let (expected, summary) = scan_file_with(&one, &log, "edge.log");
        let two = Scanner::new().with_threads(2).with_chunk_size(CHUNK);
        let (findings, two_summary) = scan_file_with(&two, &log, "edge.log");
        assert_same(&findings, &expected, &format!("{size} bytes"));
        assert_eq!(two_summary, summary, "{size} bytes");
        // A last line cut short still holds the code when the cut falls after it.
        let code_end = line
            .windows(16)
            .position(|w| w == b"ESTS_TOKEN_ERROR")
            .unwrap()
            + 16;
        let events = whole_lines + usize::from(cut_short >= code_end);
        assert_eq!(findings.len(), events, "{size} bytes");
        let lines: Vec<u64> = findings.iter().map(|f| f.line).collect();
        assert_eq!(
            lines,
            (1..=events as u64).collect::<Vec<_>>(),
            "{size} bytes"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_log_gives_the_same_findings_on_several_threads(input in log_input_of(100..500)) {
        let one = Scanner::new().with_threads(1);
        let (expected, summary) = scan_file_with(&one, &input, "p.log");
        let many = Scanner::new().with_threads(3).with_chunk_size(4096);
        let (findings, many_summary) = scan_file_with(&many, &input, "p.log");
        prop_assert_eq!(seen_all(&findings), seen_all(&expected));
        prop_assert_eq!(findings, expected);
        prop_assert_eq!(many_summary, summary);
    }
}
