//! The example bundle.

use super::*;

/// Expected findings per bundle file, in name order (the order `scan_path` walks a folder).
const BUNDLE_TOTALS: [(&str, usize); 6] = [
    ("AuthNOptCh.csv", 4),
    ("AuthZAdminCh.txt", 4),
    ("AuthZOptCh-eventviewer.txt", 4),
    ("AuthZOptCh.xml", 4),
    ("README.md", 0),
    ("nps-extension.log", 8),
];
const BUNDLE_TOTAL: usize = 24;

#[test]
fn bundle_folder_scans_to_the_expected_totals_per_file() {
    let mut findings = vec![];
    let errors = scan_path(&bundle(), |f| findings.push(f));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings.len(), BUNDLE_TOTAL);
    for (name, expected) in BUNDLE_TOTALS {
        let count = findings
            .iter()
            .filter(|f| f.file.as_deref().is_some_and(|p| p.ends_with(name)))
            .count();
        assert_eq!(count, expected, "{name}");
    }
    // Files come in name order, findings in input order within a file.
    let files: Vec<&str> = findings
        .iter()
        .map(|f| f.file.as_deref().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

#[test]
fn bundle_is_small_and_lists_every_file_in_its_readme() {
    let mut total = 0;
    let readme = std::fs::read_to_string(bundle().join("README.md")).unwrap();
    for entry in std::fs::read_dir(bundle()).unwrap() {
        let entry = entry.unwrap();
        total += entry.metadata().unwrap().len();
        let name = entry.file_name().into_string().unwrap();
        assert!(
            BUNDLE_TOTALS.iter().any(|(n, _)| *n == name),
            "{name} has no expected total"
        );
        if name != "README.md" {
            assert!(
                readme.contains(&format!("`{name}`")),
                "README.md does not describe {name}"
            );
        }
    }
    assert!(total < 60 * 1024, "bundle is {total} bytes");
}

#[test]
fn bundle_formats_are_recognised_by_content() {
    for (name, format) in [
        ("AuthNOptCh.csv", InputFormat::Csv),
        ("AuthZAdminCh.txt", InputFormat::WevtutilText),
        ("AuthZOptCh-eventviewer.txt", InputFormat::EventViewerText),
        ("AuthZOptCh.xml", InputFormat::Xml),
        ("README.md", InputFormat::PlainText),
        ("nps-extension.log", InputFormat::PlainText),
    ] {
        assert_eq!(bundle_file(name).1, format, "{name}");
    }
}

#[test]
fn bundle_xml_export_in_utf16le_gives_event_id_channel_and_system_time() {
    let (findings, _) = bundle_file("AuthZOptCh.xml");
    assert_eq!(
        seen_all(&findings),
        [
            seen(3, "ESTS_TOKEN_ERROR")
                .user("alice@contoso.com")
                .cid("3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162")
                .at("2026-11-20T09:14:03.5120000Z")
                .id(1)
                .channel("AuthZOptCh"),
            seen(4, "ACCESS_REJECT_IGNORED")
                .user(r"CONTOSO\bob")
                .at("2026-11-20T09:14:51.0070000Z")
                .id(2)
                .channel("AuthZOptCh"),
            seen(5, "BecAccessDenied")
                .user("sales&marketing@fabrikam.com")
                .cid("8a9b0c1d-2e3f-4a5b-8c6d-7e8f90a1b2c3")
                .at("2026-11-20T09:15:22.8890000Z")
                .id(1)
                .channel("AuthZOptCh"),
            seen(6, "CHALLENGE_REQUESTED")
                .user("npstest1")
                .at("2026-11-20T09:16:07.3400000Z")
                .id(3)
                .channel("AuthZOptCh"),
        ]
    );
    assert_eq!(findings[2].message(), Some("MSODS Bec call returned access denied, probably the username isn't defined in the tenant"));
}

#[test]
fn bundle_csv_export_gives_id_time_created_and_log_name() {
    let (findings, _) = bundle_file("AuthNOptCh.csv");
    let csv = |s: Seen| s.channel("AuthNOptCh").id(1);
    assert_eq!(
        seen_all(&findings),
        [
            csv(seen(3, "USERNAME_CANONICALIZATION_ERROR"))
                .user("david@fabrikam.com")
                .cid("51c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e")
                .at("11/20/2026 9:20:11 AM"),
            csv(seen(6, "AuthenticationMethodNotConfigured"))
                .user("emma@fabrikam.com")
                .cid("62d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f")
                .at("11/20/2026 9:21:33 AM"),
            csv(seen(8, "REQUEST_FORMAT_ERROR")).at("11/20/2026 9:24:02 AM"),
            csv(seen(9, "SMSAuthFailedWrongCodePinEntered"))
                .user(r"FABRIKAM\henry")
                .cid("73e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f70")
                .at("11/20/2026 9:26:45 AM"),
        ]
    );
}

#[test]
fn bundle_csv_spans_are_the_records_byte_ranges() {
    let bytes = std::fs::read(bundle().join("AuthNOptCh.csv")).unwrap();
    let (findings, _) = bundle_file("AuthNOptCh.csv");
    for f in &findings {
        let record = &bytes[f.span.start as usize..f.span.end as usize];
        assert!(
            record.starts_with(b"\"NPS Extension") || record.starts_with(b"\"Radius Request"),
            "{:?}",
            f.span
        );
        assert!(record.ends_with(b"\r\n"), "{:?}", f.span);
    }
}

#[test]
fn bundle_wevtutil_text_gives_date_event_id_and_log_name() {
    let (findings, _) = bundle_file("AuthZAdminCh.txt");
    let admin = |s: Seen| s.channel("AuthZAdminCh").id(1);
    assert_eq!(
        seen_all(&findings),
        [
            admin(seen(29, "CLIENT_CERT_INSTALL_ERROR"))
                .user("alice@contoso.com")
                .cid("84f5a6b7-c8d9-4e0f-9a2b-3c4d5e6f7081")
                .at("2026-11-20T09:02:47.118"),
            admin(seen(45, "REGISTRY_CONFIG_ERROR")).at("2026-11-20T09:03:05.903"),
            admin(seen(61, "ALTERNATE_LOGIN_ID_ERROR"))
                .user(r"CONTOSO\ivan")
                .cid("95a6b7c8-d9e0-4f1a-8b3c-4d5e6f708192")
                .at("2026-11-20T09:04:31.250"),
            admin(seen(76, "HTTPS_COMMUNICATION_ERROR"))
                .user("judy@contoso.com")
                .cid("a6b7c8d9-e0f1-4a2b-9c4d-5e6f708192a3")
                .at("2026-11-20T09:06:58.777"),
        ]
    );
    assert_eq!(
        findings[2].message(),
        Some("Error: Alternate LoginId lookup failed")
    );
}

#[test]
fn bundle_event_viewer_text_gives_date_and_event_id_columns() {
    let (findings, _) = bundle_file("AuthZOptCh-eventviewer.txt");
    assert_eq!(
        seen_all(&findings),
        [
            seen(2, "CHALLENGE_REQUESTED")
                .user("npstest1")
                .at("11/20/2026 9:16:07 AM")
                .id(3),
            seen(3, "ESTS_TOKEN_ERROR")
                .user("alice@contoso.com")
                .cid("3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162")
                .at("11/20/2026 9:14:03 AM")
                .id(1),
            seen(6, "InvalidSession")
                .user("frank@contoso.com")
                .cid("b7c8d9e0-f1a2-4b3c-8d5e-6f708192a3b4")
                .at("11/20/2026 9:12:55 AM")
                .id(1),
            seen(9, "SMSAuthFailedMaxAllowedCodeRetryReached")
                .user("gina@contoso.com")
                .cid("c8d9e0f1-a2b3-4c4d-9e6f-708192a3b4c5")
                .at("11/20/2026 9:11:21 AM")
                .id(2),
        ]
    );
}

#[test]
fn bundle_plain_log_gives_each_event_once_with_its_context() {
    let (findings, _) = bundle_file("nps-extension.log");
    assert_eq!(
        seen_all(&findings),
        [
            seen(3, "ESTS_TOKEN_ERROR")
                .user("alice@contoso.com")
                .cid("d9e0f1a2-b3c4-4d5e-8f70-8192a3b4c5d6")
                .at("2026-11-20 09:00:02.950")
                .aadsts("AADSTS50012"),
            seen(8, "OTP_DELIVERY_TIMEOUT")
                .undocumented()
                .user("user@<redacted>")
                .cid("e0f1a2b3-c4d5-4e6f-9081-92a3b4c5d6e7")
                .at("2026-11-20 09:03:15.441"),
            seen(9, "UserNotFound")
                .user("xxxxx")
                .cid("f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8")
                .at("2026-11-20 09:05:40.002"),
            seen(11, "PROOFUP_REQUIRED")
                .undocumented()
                .user(r"CONTOSO\grace")
                .cid("a2b3c4d5-e6f7-4081-92a3-b4c5d6e7f809")
                .at("2026-11-20 09:07:12.338"),
            seen(13, "InvalidParameter")
                .user("kim@contoso.com")
                .cid("b3c4d5e6-f708-4192-a3b4-c5d6e7f8091a")
                .at("2026-11-20 09:09:01.020"),
            seen(15, "ACCESS_CHALLENGE_IGNORED")
                .user("leo@contoso.com")
                .at("2026-11-20 09:10:44.610"),
            seen(16, "AccessDenied")
                .user("mia@fabrikam.com")
                .cid("c4d5e6f7-0819-42a3-b4c5-d6e7f8091a2b")
                .at("2026-11-20 09:11:09.071"),
            seen(17, "StrongAuthenticationServiceInvalidParameter")
                .user("nora@contoso.com")
                .cid("d5e6f708-192a-43b4-85d6-e7f8091a2b3c")
                .at("2026-11-20 09:12:30.330"),
        ]
    );
    assert_eq!(
        findings[4].message(),
        Some("Couldn't resolve any ProofData from request or Msods. The ProofData is unKnown")
    );
}

#[test]
fn bundle_readme_adds_no_findings() {
    assert!(bundle_file("README.md").0.is_empty());
}

#[test]
fn bundle_findings_do_not_depend_on_the_read_size() {
    for (name, _) in BUNDLE_TOTALS {
        let bytes = std::fs::read(bundle().join(name)).unwrap();
        let expected = scan_bytes(&bytes);
        for read_size in [1, 3, 64, 1000] {
            assert_eq!(
                scan_bytes_with(read_size, &bytes),
                expected,
                "{name} read {read_size} at a time"
            );
        }
    }
}
