//! Scanner behaviour: formats, encodings, word boundaries, events, messages, undocumented codes,
//! hostile input, and the example support bundle under `examples/logs/bundle/`.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use nps_mfa_errors::scan::{
    scan_path, scan_reader, scan_str, Finding, FoundCode, InputFormat, ScanErrorKind, Scanner,
};
use nps_mfa_errors::{find_message, lookup, ErrorCode};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// What a test asserts about a finding, in a form that prints readably when it differs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    line: u64,
    code: String,
    documented: bool,
    user: Option<String>,
    cid: Option<String>,
    timestamp: Option<String>,
    event_id: Option<u32>,
    channel: Option<String>,
    aadsts: Option<String>,
}

/// A documented code at `line`, with no context; add what the event says with the builders.
fn seen(line: u64, code: &str) -> Seen {
    Seen {
        line,
        code: code.to_owned(),
        documented: true,
        user: None,
        cid: None,
        timestamp: None,
        event_id: None,
        channel: None,
        aadsts: None,
    }
}

impl Seen {
    fn undocumented(mut self) -> Self {
        self.documented = false;
        self
    }
    fn user(mut self, user: &str) -> Self {
        self.user = Some(user.to_owned());
        self
    }
    fn cid(mut self, cid: &str) -> Self {
        self.cid = Some(cid.to_owned());
        self
    }
    fn at(mut self, timestamp: &str) -> Self {
        self.timestamp = Some(timestamp.to_owned());
        self
    }
    fn id(mut self, event_id: u32) -> Self {
        self.event_id = Some(event_id);
        self
    }
    fn channel(mut self, channel: &str) -> Self {
        self.channel = Some(channel.to_owned());
        self
    }
    fn aadsts(mut self, aadsts: &str) -> Self {
        self.aadsts = Some(aadsts.to_owned());
        self
    }
}

impl From<&Finding> for Seen {
    fn from(f: &Finding) -> Seen {
        Seen {
            line: f.line,
            code: f.code.as_str().to_owned(),
            documented: f.is_documented(),
            user: f.user.clone(),
            cid: f.cid.clone(),
            timestamp: f.timestamp.clone(),
            event_id: f.event_id,
            channel: f.channel.clone(),
            aadsts: f.aadsts.clone(),
        }
    }
}

fn seen_all(findings: &[Finding]) -> Vec<Seen> {
    findings.iter().map(Seen::from).collect()
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

/// Scans bytes with the shared scanner.
fn scan_bytes(bytes: &[u8]) -> Vec<Finding> {
    let mut findings = vec![];
    scan_reader(bytes, None, |f| findings.push(f)).expect("in-memory input scans");
    findings
}

/// Scans bytes with a scanner that reads `read_size` bytes at a time.
fn scan_bytes_with(read_size: usize, bytes: &[u8]) -> Vec<Finding> {
    let mut findings = vec![];
    Scanner::new()
        .with_read_size(read_size)
        .scan_reader(bytes, None, |f| findings.push(f))
        .expect("in-memory input scans");
    findings
}

fn format_of(bytes: &[u8]) -> InputFormat {
    scan_reader(bytes, None, |_| {})
        .expect("in-memory input scans")
        .format
}

fn bundle() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/logs/bundle")
}

fn bundle_file(name: &str) -> (Vec<Finding>, InputFormat) {
    let path = bundle().join(name);
    let file = std::fs::File::open(&path).expect("bundle file exists");
    let mut findings = vec![];
    let summary = scan_reader(file, Some(name), |f| findings.push(f)).expect("bundle file scans");
    for f in &findings {
        assert_eq!(f.file.as_deref(), Some(name));
    }
    (findings, summary.format)
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

const CID: &str = "6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11";

/// One extension event line, as the product writes it.
fn ext_line(stamp: &str, user: &str, code: &str, msg: &str) -> String {
    format!(
        "{stamp} NPS Extension for Azure MFA:  CID: {CID} :Exception in Authentication Ext for User {user} :: ErrorCode:: CID :{CID} {code} Msg:: {msg}"
    )
}

// ---------------------------------------------------------------------------------------------
// The example bundle
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Formats, inline
// ---------------------------------------------------------------------------------------------

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

const XML_EVENT: &str = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-AzureMfa-AuthZ'/><EventID>{id}</EventID><TimeCreated SystemTime='{time}'/><Channel>AuthZOptCh</Channel><Computer>NPS01</Computer></System><EventData><Data>{data}</Data></EventData></Event>";

fn xml_event(id: u32, time: &str, data: &str) -> String {
    XML_EVENT
        .replace("{id}", &id.to_string())
        .replace("{time}", time)
        .replace("{data}", data)
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

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

const SAMPLE: &str = "2026-11-20 09:14:03 NPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User zoë@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: x\n2026-11-20 09:15:10 Error: Alternate LoginId value is empty\n";

fn sample_seen() -> Vec<Seen> {
    vec![
        seen(1, "ESTS_TOKEN_ERROR")
            .user("zoë@contoso.com")
            .cid(CID)
            .at("2026-11-20 09:14:03"),
        seen(2, "ALTERNATE_LOGIN_ID_ERROR").at("2026-11-20 09:15:10"),
    ]
}

#[test]
fn utf16le_with_bom_is_decoded() {
    assert_eq!(seen_all(&scan_bytes(&utf16le(SAMPLE, true))), sample_seen());
}

#[test]
fn utf16be_with_bom_is_decoded() {
    assert_eq!(seen_all(&scan_bytes(&utf16be(SAMPLE))), sample_seen());
}

#[test]
fn utf8_with_bom_is_decoded() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SAMPLE.as_bytes());
    assert_eq!(seen_all(&scan_bytes(&bytes)), sample_seen());
}

#[test]
fn utf16le_without_bom_is_recognised() {
    assert_eq!(
        seen_all(&scan_bytes(&utf16le(SAMPLE, false))),
        sample_seen()
    );
}

#[test]
fn utf16_xml_export_is_decoded() {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>{}</Events>",
        xml_event(3, "t", "Tenant is blocked")
    );
    assert_eq!(
        codes(&scan_bytes(&utf16le(&xml, true))),
        ["TenantIsBlocked"]
    );
    assert_eq!(codes(&scan_bytes(&utf16be(&xml))), ["TenantIsBlocked"]);
}

#[test]
fn crlf_line_endings_give_the_same_findings() {
    let crlf = SAMPLE.replace('\n', "\r\n");
    assert_eq!(seen_all(&scan_str(&crlf)), sample_seen());
    // A message ending at a CR still matches, and the CR is not in the user name.
    let findings = scan_str("x for User bob\r\nThe specified user was not found\r\n");
    assert_eq!(codes(&findings), ["UserNotFound"]);
    assert_eq!(
        scan_str("Request received for User bob\r\n  ErrorCode:: UserNotFound\r\n")[0]
            .user
            .as_deref(),
        Some("bob")
    );
}

#[test]
fn invalid_utf8_is_replaced_and_findings_around_it_are_found() {
    let mut bytes =
        b"2026-11-20 09:00:00 \xFF\xFE\xC3 garbage ErrorCode:: TenantIsBlocked for User b\xFFb\n"
            .to_vec();
    bytes.extend_from_slice(b"\xC0\xC1\xF5\xF6\xF7\xF8\xF9\xFA\xFB\xFC\xFD\xFE\xFF\x80\x80\x80\x80\x80 The specified user was not found\n");
    bytes.extend_from_slice(b"ErrorCode:: InvalidSession\n");
    let findings = scan_bytes(&bytes);
    assert_eq!(
        codes(&findings),
        ["TenantIsBlocked", "UserNotFound", "InvalidSession"]
    );
    assert_eq!(findings[0].user.as_deref(), Some("b\u{FFFD}b"));
    // Spans stay inside the input, on the text found.
    let message = &bytes[findings[1].span.start as usize..findings[1].span.end as usize];
    assert_eq!(message, b"The specified user was not found");
    assert_eq!(
        findings.iter().map(|f| f.line).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

// ---------------------------------------------------------------------------------------------
// Word boundaries
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_parameter_inside_strong_authentication_code_is_no_second_finding() {
    let findings = scan_str("ErrorCode:: StrongAuthenticationServiceInvalidParameter Msg:: x");
    assert_eq!(
        codes(&findings),
        ["StrongAuthenticationServiceInvalidParameter"]
    );
}

#[test]
fn access_denied_inside_bec_access_denied_is_no_second_finding() {
    assert_eq!(
        codes(&scan_str("ErrorCode:: BecAccessDenied Msg:: x")),
        ["BecAccessDenied"]
    );
}

#[test]
fn code_glued_to_word_characters_is_no_finding() {
    for text in [
        "XAccessDenied",
        "AccessDeniedX",
        "AccessDenied2",
        "_AccessDenied",
        "AccessDenied_",
        "9TenantIsBlocked",
    ] {
        assert!(scan_str(text).is_empty(), "{text}");
    }
}

#[test]
fn code_between_punctuation_is_found() {
    for text in [
        "(AccessDenied)",
        "AccessDenied.",
        "code=AccessDenied;",
        "\"AccessDenied\"",
        "AccessDenied::",
        "-AccessDenied-",
    ] {
        assert_eq!(codes(&scan_str(text)), ["AccessDenied"], "{text}");
    }
}

#[test]
fn codes_are_matched_in_their_catalog_spelling_only() {
    // Lower case prose is not a code; the catalog's spelling is.
    assert!(scan_str("access was denied: accessdenied ACCESSDENIED").is_empty());
    assert_eq!(
        codes(&scan_str("internal_error InternalError")),
        ["InternalError"]
    );
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

#[test]
fn a_code_repeated_in_one_event_counts_once() {
    let log = "2026-11-20 09:00:00 ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: a ErrorCode:: ESTS_TOKEN_ERROR Msg:: b ESTS_TOKEN_ERROR\n";
    let findings = scan_str(log);
    assert_eq!(codes(&findings), ["ESTS_TOKEN_ERROR"]);
    // The first occurrence is the one reported.
    assert_eq!(
        findings[0].span.start as usize,
        log.find("ESTS_TOKEN_ERROR").unwrap()
    );
}

#[test]
fn continuation_lines_belong_to_the_event_above() {
    let log = "2026-11-20 09:00:00 NPS Extension for Azure MFA: Exception for User bob@contoso.com :: ErrorCode:: HTTP_CONNECT_ERROR Msg:: x\n    Trace ID: 11111111-2222-4333-8444-555555555555\n\tHTTP_CONNECT_ERROR (retry)\nCorrelation ID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11\nTimestamp: 2026-11-20 09:00:00Z\nTRACE ID: HTTP_CONNECT_ERROR\nMsg:: HTTP_CONNECT_ERROR\nErrorCode:: HTTP_CONNECT_ERROR\n";
    let findings = scan_str(log);
    // The continuation supplies the correlation ID.
    assert_eq!(
        seen_all(&findings),
        [seen(1, "HTTP_CONNECT_ERROR")
            .user("bob@contoso.com")
            .cid(CID)
            .at("2026-11-20 09:00:00")]
    );
}

#[test]
fn a_code_first_seen_on_a_continuation_line_takes_that_line() {
    let log = "2026-11-20 09:00:00 request for User bob failed\n    detail: InvalidSession\n";
    assert_eq!(
        seen_all(&scan_str(log)),
        [seen(2, "InvalidSession")
            .user("bob")
            .at("2026-11-20 09:00:00")]
    );
}

#[test]
fn the_timestamp_field_of_a_continuation_is_used_when_the_line_has_none() {
    let log = "ErrorCode:: InvalidSession\n  Timestamp: 2026-11-20 09:00:00Z\n";
    assert_eq!(
        scan_str(log)[0].timestamp.as_deref(),
        Some("2026-11-20 09:00:00Z")
    );
}

#[test]
fn each_event_counts_on_its_own() {
    let log = format!(
        "{}\n{}\n\n{}\n",
        ext_line("2026-11-20 09:00:00", "a", "InvalidSession", "x"),
        ext_line("2026-11-20 09:00:01", "b", "InvalidSession", "x"),
        ext_line("2026-11-20 09:00:02", "c", "InvalidSession", "x"),
    );
    let findings = scan_str(&log);
    assert_eq!(
        findings
            .iter()
            .map(|f| (f.line, f.user.as_deref().unwrap()))
            .collect::<Vec<_>>(),
        [(1, "a"), (2, "b"), (4, "c")]
    );
}

#[test]
fn two_codes_in_one_event_are_two_findings_in_input_order() {
    let findings = scan_str(
        "ErrorCode:: InternalError Msg:: after VersionNotSupported and InternalError again",
    );
    assert_eq!(codes(&findings), ["InternalError", "VersionNotSupported"]);
}

#[test]
fn the_first_well_formed_cid_of_an_event_wins() {
    let log = "CID: not-a-guid CID: 6F3C2A1E-8A44-4C3E-9D7B-2F5B1C0E9A11 :x ErrorCode:: CID :00000000-0000-0000-0000-000000000000 InternalError";
    assert_eq!(scan_str(log)[0].cid.as_deref(), Some(CID));
}

// ---------------------------------------------------------------------------------------------
// Messages with no code next to them
// ---------------------------------------------------------------------------------------------

fn only(text: &str) -> (ErrorCode, Option<&'static str>) {
    let findings = scan_str(text);
    assert_eq!(findings.len(), 1, "{text}: {:?}", codes(&findings));
    (
        findings[0].code.documented().expect("documented"),
        findings[0].message(),
    )
}

#[test]
fn access_reject_notice_is_attributed_with_its_user() {
    let log = "2026-11-20 09:14:03 NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User CONTOSO\\bob with response state AccessReject, ignoring request.";
    let findings = scan_str(log);
    assert_eq!(
        seen_all(&findings),
        [seen(1, "ACCESS_REJECT_IGNORED")
            .user(r"CONTOSO\bob")
            .at("2026-11-20 09:14:03")]
    );
    let found = &log[findings[0].span.start as usize..findings[0].span.end as usize];
    assert!(
        found.starts_with("NPS Extension") && found.ends_with("ignoring request."),
        "{found:?}"
    );
}

#[test]
fn access_challenge_notice_is_its_own_code() {
    let log = "NPS Extension for Microsoft Entra multifactor authentication only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User amy with response state AccessChallenge, ignoring request.";
    assert_eq!(only(log).0, ErrorCode::AccessChallengeIgnored);
}

#[test]
fn challenge_requested_is_found_with_its_user() {
    let findings = scan_str(
        "NPS Extension for Azure MFA: Challenge requested in Authentication Ext for User npstest1",
    );
    assert_eq!(
        seen_all(&findings),
        [seen(1, "CHALLENGE_REQUESTED").user("npstest1")]
    );
}

#[test]
fn older_does_not_wordings_are_found() {
    for (text, code) in [
        ("Caller tenant does not have access permissions to do authentication for the user", ErrorCode::AccessDenied),
        ("MSODS Bec call returned access denied, probably the username is not defined in the tenant", ErrorCode::BecAccessDenied),
        ("The specified user was not found", ErrorCode::UserNotFound),
        ("Proof data was not configured for the specified authentication method.", ErrorCode::ProofDataNotFound),
        ("Specified authentication method is not supported.", ErrorCode::AuthenticationMethodNotSupported),
        ("The specified session is invalid or may have expired", ErrorCode::InvalidSession),
        ("The provided TenantId is not in correct format", ErrorCode::InvalidParameter),
    ] {
        assert_eq!(only(text).0, code, "{text}");
    }
}

#[test]
fn newer_contracted_wordings_and_curly_apostrophes_are_found() {
    assert_eq!(
        only("Caller tenant doesn't have access permissions to do authentication for the user").0,
        ErrorCode::AccessDenied
    );
    assert_eq!(only("Caller tenant doesn\u{2019}t have access permissions to do authentication for the user").0, ErrorCode::AccessDenied);
    assert_eq!(
        only("The specified user wasn\u{2018}t found").0,
        ErrorCode::UserNotFound
    );
}

#[test]
fn placeholders_are_filled_with_any_text() {
    let (code, message) = only("Msg:: The length of CompanyName \\Contoso Pharmaceuticals Worldwide Holding Ltd\\ is longer than the maximum allowed length 64");
    assert_eq!(code, ErrorCode::InvalidParameter);
    assert_eq!(
        message,
        Some("The length of CompanyName \\{0}\\ is longer than the maximum allowed length {1}")
    );
    let (code, message) = only("ObjectId must not be null or empty for ReplicationScope:Tenant");
    assert_eq!(
        (code, message),
        (
            ErrorCode::InvalidParameter,
            Some("ObjectId must not be null or empty for ReplicationScope:{0}")
        )
    );
}

#[test]
fn case_and_spacing_are_folded() {
    assert_eq!(
        only("ERROR:   alternate   loginid\tLOOKUP failed").0,
        ErrorCode::AlternateLoginIdError
    );
    assert_eq!(
        only("the  SPECIFIED authentication method\n    was not configured for the user").0,
        ErrorCode::AuthenticationMethodNotConfigured
    );
}

#[test]
fn a_message_wrapped_over_continuation_lines_is_found() {
    let log = "2026-11-20 09:00:00 Exception for User bob ::\n    The specified authentication method\n    was not configured for the user\n";
    assert_eq!(
        seen_all(&scan_str(log)),
        [seen(2, "AuthenticationMethodNotConfigured")
            .user("bob")
            .at("2026-11-20 09:00:00")]
    );
}

#[test]
fn product_name_is_variable_in_notices() {
    for product in [
        "Azure MFA",
        "Microsoft Entra multifactor authentication",
        "Azure Multi-Factor Authentication",
    ] {
        let log = format!("NPS Extension for {product} only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User a@b.c with response state AccessReject, ignoring request.");
        assert_eq!(only(&log).0, ErrorCode::AccessRejectIgnored, "{product}");
    }
}

#[test]
fn the_most_specific_message_wins() {
    assert_eq!(
        only("Msg:: Wrong code and pin entered. (OneWaySMS)").0,
        ErrorCode::SmsAuthFailedWrongCodePinEntered
    );
    assert_eq!(
        only("Msg:: wrong code and PIN entered.  (onewaysms)").0,
        ErrorCode::SmsAuthFailedWrongCodePinEntered
    );
    assert_eq!(
        only("Msg:: Wrong code and pin entered.").0,
        ErrorCode::OathCodePinIncorrect
    );
}

#[test]
fn alternate_login_id_messages_pick_their_entry() {
    assert_eq!(
        only("Error: userObjectSid lookup failed").1,
        Some("Error: userObjectSid lookup failed")
    );
    assert_eq!(
        only("Error: Alternate LoginId lookup failed").1,
        Some("Error: Alternate LoginId lookup failed")
    );
    assert_eq!(
        only("Error: Alternate LoginId value is empty").1,
        Some("Error: Alternate LoginId value is empty")
    );
}

#[test]
fn a_code_with_its_own_message_is_one_finding_for_that_entry() {
    let (code, message) =
        only("ErrorCode:: InvalidParameter Msg:: UserPrincipalName must not be null or empty");
    assert_eq!(
        (code, message),
        (
            ErrorCode::InvalidParameter,
            Some("UserPrincipalName must not be null or empty")
        )
    );
}

#[test]
fn a_partial_message_is_no_finding() {
    for text in [
        "The specified user",
        "Caller tenant does not have access",
        "Wrong code",
        "alternate login id lookup failed",
    ] {
        assert!(scan_str(text).is_empty(), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Undocumented codes and AADSTS
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unknown_code_after_the_error_code_marker_is_undocumented() {
    let log = ext_line(
        "2026-11-20 09:00:00",
        "bob",
        "OTP_GATEWAY_BUSY",
        "try later",
    );
    let findings = scan_str(&log);
    assert_eq!(
        seen_all(&findings),
        [seen(1, "OTP_GATEWAY_BUSY")
            .undocumented()
            .user("bob")
            .cid(CID)
            .at("2026-11-20 09:00:00")]
    );
    assert_eq!(
        findings[0].code,
        FoundCode::Undocumented("OTP_GATEWAY_BUSY".to_owned())
    );
    assert_eq!(
        (
            findings[0].category(),
            findings[0].message(),
            findings[0].entry.is_none()
        ),
        (None, None, true)
    );
    let span = findings[0].span.start as usize..findings[0].span.end as usize;
    assert_eq!(&log[span], "OTP_GATEWAY_BUSY");
}

#[test]
fn an_unknown_token_heading_a_message_is_undocumented() {
    assert_eq!(
        codes(&scan_str(
            "for User bob :: Msg:: PROOFUP_REQUIRED:: no method"
        )),
        ["PROOFUP_REQUIRED"]
    );
    assert_eq!(
        codes(&scan_str(
            "2026-11-20 x\n  CertificateRenewalPending:: renew soon"
        )),
        ["CertificateRenewalPending"]
    );
    assert!(!scan_str("CertificateRenewalPending:: renew soon")[0].is_documented());
}

#[test]
fn a_documented_code_after_the_marker_or_heading_a_message_is_documented() {
    for text in [
        "ErrorCode:: REGISTRY_CONFIG_ERROR",
        "REGISTRY_CONFIG_ERROR:: key missing",
        "Msg:: REGISTRY_CONFIG_ERROR:: key",
    ] {
        let findings = scan_str(text);
        assert_eq!(findings.len(), 1, "{text}");
        assert_eq!(
            findings[0].code.documented(),
            Some(ErrorCode::RegistryConfigError),
            "{text}"
        );
    }
}

#[test]
fn words_that_are_not_code_shaped_are_not_undocumented_codes() {
    for text in [
        "ErrorCode:: none Msg:: x",
        "ErrorCode:: Msg:: x",
        "ErrorCode::",
        "ErrorCode:: 42",
        "ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 Msg:: x",
        "Note:: lower case",
        "Msg:: Ok:: short",
        "NPS:: short",
    ] {
        assert!(
            scan_str(text).is_empty(),
            "{text}: {:?}",
            codes(&scan_str(text))
        );
    }
}

#[test]
fn an_embedded_aadsts_code_goes_with_the_finding() {
    let log = ext_line(
        "2026-11-20 09:00:00",
        "bob",
        "ESTS_TOKEN_ERROR",
        "AADSTS7000222: the client secret expired; AADSTS50012 later",
    );
    assert_eq!(scan_str(&log)[0].aadsts.as_deref(), Some("AADSTS7000222"));
}

#[test]
fn aadsts_alone_is_no_finding() {
    assert!(scan_str("sign-in failed with AADSTS50012: invalid client assertion").is_empty());
    // Too few digits, or glued to a word, is no AADSTS code.
    assert_eq!(
        scan_str("ErrorCode:: InternalError AADSTS12 xAADSTS50012")[0].aadsts,
        None
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile and unusual input
// ---------------------------------------------------------------------------------------------

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
    // line 1; a code cut in two by a piece boundary would not be found.
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
fn a_code_cut_by_a_piece_boundary_is_not_found_whatever_the_read_size() {
    const PIECE: usize = 64 * 1024;
    let mut line = vec![b' '; 3 * PIECE + 100];
    // Straddles the first boundary; wholly inside the second piece; ends exactly at the third.
    line[PIECE - 5..PIECE + 8].copy_from_slice(b"InvalidFormat");
    line[PIECE + 100..PIECE + 115].copy_from_slice(b"TenantIsBlocked");
    line[3 * PIECE - 12..3 * PIECE].copy_from_slice(b"UserNotFound");
    line.push(b'\n');
    let expected = scan_bytes(&line);
    assert_eq!(codes(&expected), ["TenantIsBlocked", "UserNotFound"]);
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
fn malformed_xml_reports_the_error_after_the_findings_before_it() {
    let xml = format!(
        "<Events>\n{}\n{}\n<Event><System><EventID>9</EventID></System><EventData><Data>UserNotFound</Data></EventData></Event>\n<Event><EventData><Data>InternalError</Data",
        xml_event(1, "t1", "Tenant is blocked"),
        xml_event(2, "t2", "ErrorCode:: InvalidSession"),
    );
    let mut findings = vec![];
    let result = scan_reader(xml.as_bytes(), Some("broken.xml"), |f| findings.push(f));
    assert_eq!(
        codes(&findings),
        ["TenantIsBlocked", "InvalidSession", "UserNotFound"]
    );
    let error = result.unwrap_err();
    assert!(
        matches!(error.kind, ScanErrorKind::Xml { line: 5, .. }),
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

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Realistic lines (and pieces of lines) that inputs are built from.
const LINES: &[&str] = &[
    "2026-11-20 09:00:02.117 Radius request received from client 10.0.4.21 (VPN-GW01) for User alice@contoso.com\n",
    "2026-11-20 09:00:02.950 NPS Extension for Azure MFA:  CID: d9e0f1a2-b3c4-4d5e-8f70-8192a3b4c5d6 :Exception in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID :d9e0f1a2-b3c4-4d5e-8f70-8192a3b4c5d6 ESTS_TOKEN_ERROR Msg:: AADSTS50012: bad ErrorCode:: ESTS_TOKEN_ERROR Msg:: again\n",
    "    Trace ID: 1a2b3c4d-5e6f-4a70-8b81-92a3b4c5d6e7\n",
    "Correlation ID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11\r\n",
    "Timestamp: 2026-11-20 09:00:02Z\n",
    "\n",
    "\r\n",
    "2026-11-20 09:10:44 NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User CONTOSO\\bob with response state AccessReject, ignoring request.\r\n",
    "NPS Extension for Azure MFA: Challenge requested in Authentication Ext for User npstest1\n",
    "Msg:: Wrong code and pin entered. (OneWaySMS)\n",
    "Msg:: Wrong code and pin entered.\n",
    "Error: Alternate LoginId lookup failed\n",
    "ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 OTP_GATEWAY_BUSY Msg:: x\n",
    "Msg:: PROOFUP_REQUIRED:: none\n",
    "ErrorCode:: StrongAuthenticationServiceInvalidParameter BecAccessDenied XAccessDenied\n",
    "The specified user was not found",
    "Caller tenant does not have ",
    "access permissions to do authentication for the user\n",
    "\tInvalidSession ",
    "TenantIsBlocked",
    "2026-11-20 09:13:00.000 NPS extension heartbeat: 14 requests handled\n",
    "Error\t11/20/2026 9:14:03 AM\tAuthZ\t1\tNone\t\"ErrorCode:: InternalError\n",
    "Event[3]:\n  Log Name: AuthZOptCh\n  Event ID: 1\n  Description: \n",
    "AADSTS7000222 ",
];

const PREFIXES: &[&str] = &[
    "",
    "Level\tDate and Time\tSource\tEvent ID\tTask Category\n",
    "Event[0]:\n",
];

/// An input: a header that picks the text layout, then realistic lines and random bytes.
fn log_input() -> impl Strategy<Value = Vec<u8>> {
    let part = prop_oneof![
        4 => proptest::sample::select(LINES).prop_map(|l| l.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..8),
    ];
    (
        proptest::sample::select(PREFIXES),
        proptest::collection::vec(part, 0..60),
    )
        .prop_map(|(prefix, parts)| {
            let mut input = prefix.as_bytes().to_vec();
            for part in parts {
                input.extend(part);
            }
            input
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn scanning_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = scan_bytes(&bytes);
        let _ = scan_bytes_with(7, &bytes);
    }

    #[test]
    fn scanning_arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = scan_str(&text);
    }

    #[test]
    fn scanning_arbitrary_structured_exports_never_panics(
        head in proptest::sample::select(&["<?xml version=\"1.0\"?><Events><Event><System><EventID>", "#TYPE x\n\"Message\",\"Id\"\n\"", "\u{FEFF}<Events><Event><EventData><Data>"][..]),
        tail in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let mut bytes = head.as_bytes().to_vec();
        bytes.extend(tail);
        // Malformed exports are errors, not panics.
        let _ = scan_reader(&bytes[..], None, |_| {});
        let _ = scan_reader(&utf16le(&String::from_utf8_lossy(&bytes), true)[..], None, |_| {});
    }

    #[test]
    fn lookups_never_panic(text in "\\PC{0,200}") {
        let _ = lookup(&text);
        let _ = find_message(&text);
        let _ = ErrorCode::from_code_ignore_case(&text);
        let _ = ErrorCode::from_code(&text);
    }

    #[test]
    fn findings_do_not_depend_on_the_read_size(input in log_input(), read_size in 1usize..64) {
        let whole = scan_bytes(&input);
        prop_assert_eq!(scan_bytes_with(read_size, &input), whole.clone());
        if let Ok(text) = std::str::from_utf8(&input) {
            prop_assert_eq!(scan_str(text), whole);
        }
    }

    #[test]
    fn realistic_logs_do_not_panic_in_any_encoding(input in log_input()) {
        let text = String::from_utf8_lossy(&input);
        let plain = scan_str(&text);
        prop_assert_eq!(seen_all(&scan_bytes(&utf16le(&text, true))), seen_all(&plain));
        prop_assert_eq!(seen_all(&scan_bytes(&utf16be(&text))), seen_all(&plain));
    }
}

#[test]
fn reading_from_a_cursor_and_from_a_slice_agree() {
    let log = format!(
        "{}\n",
        ext_line("2026-11-20 09:00:00", "bob", "InternalError", "x")
    );
    let mut a = vec![];
    scan_reader(Cursor::new(log.as_bytes().to_vec()), None, |f| a.push(f)).unwrap();
    assert_eq!(a, scan_str(&log));
}

// ---------------------------------------------------------------------------------------------
// The benchmark's generated log
// ---------------------------------------------------------------------------------------------

#[path = "../examples/gen_log/generate.rs"]
mod generate;

#[test]
fn generated_log_is_deterministic_sized_and_about_one_percent_findings() {
    let log = generate::generate_vec(2 * 1024 * 1024, 7);
    assert_eq!(log, generate::generate_vec(2 * 1024 * 1024, 7));
    assert_ne!(log, generate::generate_vec(2 * 1024 * 1024, 8));
    assert!(log.len() <= 2 * 1024 * 1024 && log.len() > 2 * 1024 * 1024 - 1024);
    let events = log
        .split(|b| *b == b'\n')
        .filter(|l| l.first().is_some_and(u8::is_ascii_digit))
        .count();
    let findings = scan_bytes(&log);
    let documented = findings.iter().filter(|f| f.is_documented()).count();
    assert_eq!(
        documented,
        findings.len(),
        "the generator writes only documented codes"
    );
    let percent = findings.len() as f64 * 100.0 / events as f64;
    assert!(
        (0.7..1.3).contains(&percent),
        "{percent:.2}% of {events} events"
    );
    assert_eq!(scan_bytes_with(4093, &log), findings);
}

#[cfg(unix)]
#[test]
fn a_folder_link_loop_does_not_recurse_forever() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.log"),
        "ErrorCode:: ESTS_TOKEN_ERROR Msg:: x\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let mut findings = vec![];
    let errors = scan_path(dir.path(), |f| findings.push(f));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings.len(), 1);
}
