//! Hostile and unusual input.

use super::*;

#[test]
fn empty_input_has_no_findings() {
    assert!(scan_str("").is_empty());
    let summary = scan_reader(&b""[..], None, |_| panic!("no findings")).unwrap();
    assert_eq!((summary.format, summary.bytes), (InputFormat::PlainText, 0));
    for blank in ["\n", "\r\n\r\n", "   ", "\u{FEFF}"] {
        assert!(scan_str(blank).is_empty());
    }
}

#[test]
fn binary_garbage_does_not_panic() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut garbage = vec![0u8; 1 << 20];
    for b in &mut garbage {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *b = state as u8;
    }
    assert!(scan_bytes(&garbage).len() <= 2);
    // With every byte value and every pair boundary.
    let all: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    assert!(scan_bytes(&all).is_empty());
    assert!(scan_bytes(&vec![0u8; 100_000]).is_empty());
}

#[test]
fn a_huge_line_is_scanned_in_64_kib_pieces() {
    // 5 MB without a newline: a code near its start and one near its end are both found. A line
    // longer than 64 KiB is cut into 64 KiB pieces, each classified like a line (a piece that does
    // not start with white space starts a new event), so the two codes are two events, both on
    // line 1; a code cut in two by a piece boundary is still found (the pieces overlap).
    let size = 5 * 1024 * 1024;
    let mut line = Vec::with_capacity(size + 64);
    line.extend_from_slice(b"2026-11-20 09:00:00 ErrorCode:: TenantIsBlocked ");
    line.resize(size - 40, b'x');
    line.extend_from_slice(b" ErrorCode:: UserNotFound tail");
    let findings = scan_bytes(&line);
    assert_eq!(
        seen_all(&findings),
        [
            seen(1, "TenantIsBlocked").at("2026-11-20 09:00:00"),
            seen(1, "UserNotFound")
        ]
    );
    assert_eq!(findings[1].span.start as usize, size - 40 + 13);
    // The same with a newline at the end, and followed by another line.
    line.extend_from_slice(b"\nErrorCode:: InvalidSession\n");
    let findings = scan_bytes(&line);
    assert_eq!(
        codes(&findings),
        ["TenantIsBlocked", "UserNotFound", "InvalidSession"]
    );
    assert_eq!(findings[2].line, 2);
}

#[test]
fn a_code_across_a_piece_boundary_is_found_whatever_the_read_size() {
    const PIECE: usize = 64 * 1024;
    let mut line = vec![b' '; 3 * PIECE + 100];
    // Straddles the first boundary; wholly inside the second piece; ends exactly at the third.
    line[PIECE - 5..PIECE + 8].copy_from_slice(b"InvalidFormat");
    line[PIECE + 100..PIECE + 115].copy_from_slice(b"TenantIsBlocked");
    line[3 * PIECE - 12..3 * PIECE].copy_from_slice(b"UserNotFound");
    line.push(b'\n');
    let expected = scan_bytes(&line);
    assert_eq!(
        codes(&expected),
        ["InvalidFormat", "TenantIsBlocked", "UserNotFound"]
    );
    for read_size in [
        100,
        4096,
        PIECE - 1,
        PIECE,
        PIECE + 1,
        3 * PIECE + 101,
        1 << 20,
    ] {
        assert_eq!(
            scan_bytes_with(read_size, &line),
            expected,
            "read size {read_size}"
        );
    }
}

#[test]
fn a_very_long_event_is_closed_and_later_codes_still_count() {
    // 600 KB of continuation lines: the event is cut every 256 KiB, so a code repeated after the
    // cut is a new finding; nothing is lost and memory stays bounded.
    let mut log = String::from("2026-11-20 09:00:00 ErrorCode:: InternalError\n");
    while log.len() < 600_000 {
        log.push_str("    continuation line with nothing in it at all, padding padding padding\n");
    }
    log.push_str("    InternalError\n");
    let findings = scan_str(&log);
    assert_eq!(codes(&findings), ["InternalError", "InternalError"]);
    assert_eq!(findings[0].line, 1);
    assert_eq!(findings[1].line as usize, log.lines().count());
}

#[test]
fn a_binary_evtx_file_is_reported_and_the_folder_is_still_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let mut evtx = b"ElfFile\0".to_vec();
    evtx.extend_from_slice(&[0u8; 4088]);
    evtx.extend_from_slice(b"ErrorCode:: InternalError");
    std::fs::write(dir.path().join("AuthZOptCh.evtx"), &evtx).unwrap();
    std::fs::write(
        dir.path().join("AuthNOptCh.log"),
        "ErrorCode:: TenantIsBlocked\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ZZ.log"), "ErrorCode:: UserNotFound\n").unwrap();
    let mut findings = vec![];
    let errors = scan_path(dir.path(), |f| findings.push(f));
    assert_eq!(codes(&findings), ["TenantIsBlocked", "UserNotFound"]);
    assert_eq!(errors.len(), 1);
    assert!(matches!(errors[0].kind, ScanErrorKind::BinaryEventLog));
    assert_eq!(
        errors[0].path.as_deref(),
        Some(dir.path().join("AuthZOptCh.evtx").as_path())
    );
    assert!(errors[0].to_string().contains("export it as XML or text"));
    // By content, not by name.
    let result = scan_reader(&evtx[..], Some("renamed.log"), |_| panic!("no findings"));
    assert!(matches!(result, Err(e) if matches!(e.kind, ScanErrorKind::BinaryEventLog)));
}

#[test]
fn an_unreadable_path_is_reported_and_readable_ones_are_still_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.log");
    std::fs::write(&good, "ErrorCode:: TenantIsBlocked\n").unwrap();
    let missing = dir.path().join("missing.log");
    let mut findings = vec![];
    let mut errors = vec![];
    for path in [&missing, &good] {
        errors.extend(scan_path(path, |f| findings.push(f)));
    }
    assert_eq!(codes(&findings), ["TenantIsBlocked"]);
    assert_eq!(errors.len(), 1);
    assert!(
        matches!(&errors[0].kind, ScanErrorKind::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    );
    assert_eq!(errors[0].path.as_deref(), Some(missing.as_path()));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_in_a_folder_is_reported_and_the_rest_is_scanned() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("a-link.log")).unwrap();
    std::fs::write(dir.path().join("b.log"), "ErrorCode:: TenantIsBlocked\n").unwrap();
    let mut findings = vec![];
    let errors = scan_path(dir.path(), |f| findings.push(f));
    assert_eq!(codes(&findings), ["TenantIsBlocked"]);
    assert_eq!(errors.len(), 1);
    assert!(matches!(errors[0].kind, ScanErrorKind::Io(_)));
}

#[test]
fn a_read_error_midway_keeps_the_findings_before_it() {
    struct FailsAfter<'a>(&'a [u8]);
    impl Read for FailsAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk went away"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let mut text = String::from("ErrorCode:: TenantIsBlocked\n");
    while text.len() < 40_000 {
        text.push_str("2026-11-20 09:00:00 nothing to see\n");
    }
    let mut findings = vec![];
    let result = Scanner::new().with_read_size(1024).scan_reader(
        FailsAfter(text.as_bytes()),
        Some("x.log"),
        |f| findings.push(f),
    );
    assert!(
        matches!(result, Err(e) if matches!(e.kind, ScanErrorKind::Io(_)) && e.path.as_deref() == Some(Path::new("x.log")))
    );
    assert_eq!(codes(&findings), ["TenantIsBlocked"]);
}

#[test]
fn xml_cut_off_inside_a_tag_keeps_the_open_event_and_says_it_was_cut() {
    let xml = format!(
        "<Events>\n{}\n{}\n<Event><System><EventID>9</EventID></System><EventData><Data>UserNotFound</Data></EventData></Event>\n<Event><EventData><Data>InternalError</Data",
        xml_event(1, "t1", "Tenant is blocked"),
        xml_event(2, "t2", "ErrorCode:: InvalidSession"),
    );
    let mut findings = vec![];
    let result = scan_reader(xml.as_bytes(), Some("broken.xml"), |f| findings.push(f));
    assert_eq!(
        codes(&findings),
        [
            "TenantIsBlocked",
            "InvalidSession",
            "UserNotFound",
            "InternalError"
        ]
    );
    let error = result.unwrap_err();
    assert!(
        matches!(error.kind, ScanErrorKind::CutOff { line: 5, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("broken.xml"));
}

#[test]
fn xml_cut_off_midway_keeps_the_complete_events() {
    let xml = format!(
        "<Events>\n{}\n{}",
        xml_event(1, "t1", "Tenant is blocked"),
        &xml_event(2, "t2", "ErrorCode:: InvalidSession")[..200]
    );
    let mut findings = vec![];
    let _ = scan_reader(xml.as_bytes(), None, |f| findings.push(f));
    assert_eq!(codes(&findings), ["TenantIsBlocked"]);
}

#[test]
fn findings_name_their_input() {
    let mut findings = vec![];
    scan_reader(&b"ErrorCode:: InternalError"[..], Some("-"), |f| {
        findings.push(f)
    })
    .unwrap();
    assert_eq!(findings[0].file.as_deref(), Some("-"));
    assert_eq!(scan_str("ErrorCode:: InternalError")[0].file, None);
}

#[test]
fn documented_findings_carry_their_category_and_entry() {
    let finding = &scan_str("ErrorCode:: TenantIsBlocked")[0];
    assert_eq!(
        finding.category(),
        Some(ErrorCode::TenantIsBlocked.category())
    );
    assert_eq!(finding.message(), Some("Tenant is blocked"));
}
