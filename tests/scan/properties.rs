//! Properties.

use super::*;

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
    log_input_of(0..60)
}

/// An input of `parts` pieces (realistic lines, or a few random bytes) behind a header that
/// picks the text layout.
pub(super) fn log_input_of(parts: std::ops::Range<usize>) -> impl Strategy<Value = Vec<u8>> {
    let part = prop_oneof![
        4 => proptest::sample::select(LINES).prop_map(|l| l.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..8),
    ];
    (
        proptest::sample::select(PREFIXES),
        proptest::collection::vec(part, parts),
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
