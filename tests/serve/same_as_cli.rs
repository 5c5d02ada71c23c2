//! The server and the CLI share one `explain` and one keyword search: whatever a person pastes,
//! `/api/v1/explain` answers what `explain --json` prints, a miss included, and the search page
//! finds what `explain` and `search` find.

use crate::support::{get, post, Server};

/// `explain --json` for `query`: its exit code and its JSON document.
fn cli_explain(query: &str, cloud: &str) -> (i32, serde_json::Value) {
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .args(["explain", "--json", "--cloud", cloud, query])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap();
    (output.status.code().unwrap(), json)
}

/// `query` escaped for a query string.
fn encode(query: &str) -> String {
    let mut out = String::new();
    for byte in query.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

const LOG_LINE: &str = "2026-11-20T09:14:03Z NPS Extension for Azure MFA: CID: \
    6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User \
    alice@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR \
    Msg:: AADSTS50012: Client assertion failed";

#[test]
fn explain_of_a_log_line_an_event_a_fragment_or_an_aadsts_code_matches_the_cli() {
    let server = Server::start(&[]);
    let event = format!("{LOG_LINE}\nErrorCode:: SOME_NEW_TOKEN Msg:: not documented");
    let queries = [
        LOG_LINE,
        event.as_str(),
        "ErrorCode:: ESTS_TOKEN_ERROR",
        "'ests-token-error'",
        "AADSTS50012",
        "number matching",
    ];
    for query in queries {
        let (status, cli) = cli_explain(query, "government");
        let reply = get(
            &server,
            &format!("/api/v1/explain?q={}&cloud=government", encode(query)),
        );
        assert_eq!(reply.status, if status == 0 { 200 } else { 404 }, "{query}");
        if status == 0 {
            assert_eq!(reply.json(), cli, "{query}");
        }
    }
    let (_, scanned) = cli_explain(LOG_LINE, "public");
    assert_eq!(scanned["matched_by"], "scan");
    assert_eq!(
        scanned["findings"][0]["aadsts_url"],
        "https://login.microsoftonline.com/error?code=50012"
    );
}

#[test]
fn a_miss_is_a_404_with_the_clis_error_document() {
    let server = Server::start(&[]);
    for query in ["HTTP_CONECT_ERROR", "vpn keeps failing", "xyzzy plugh"] {
        let (status, cli) = cli_explain(query, "public");
        assert_eq!(status, 1, "{query}");
        let reply = get(&server, &format!("/api/v1/explain?q={}", encode(query)));
        assert_eq!(reply.status, 404, "{query}");
        let body = reply.json();
        for field in ["error", "input", "suggestions"] {
            assert_eq!(body[field], cli[field], "{field} of {query}");
        }
        assert_eq!(body["status"], 404);
    }
    let (_, cli) = cli_explain("HTTP_CONECT_ERROR", "public");
    assert_eq!(cli["suggestions"][0]["name"], "HTTP_CONNECT_ERROR");
}

/// The names the search page lists, in order.
fn page_results(server: &Server, query: &str) -> Vec<String> {
    let page = get(server, &format!("/?q={}", encode(query)));
    assert_eq!(page.status, 200, "{query}");
    let list = page
        .body
        .split("<ol class=\"results\">")
        .nth(1)
        .unwrap_or("");
    let list = list.split("</ol>").next().unwrap_or("");
    list.split("<li>")
        .skip(1)
        .filter_map(|item| {
            let start = item.find('>')? + 1;
            let end = item[start..].find('<')? + start;
            Some(item[start..end].to_owned())
        })
        .collect()
}

#[test]
fn the_search_page_finds_by_code_message_summary_setting_symptom_and_keywords() {
    let server = Server::start(&[]);
    let cases = [
        ("ests_token_error", "ESTS_TOKEN_ERROR"),
        (
            "2026-11-20 09:15:10 Error: Alternate LoginId lookup failed for user bob",
            "ALTERNATE_LOGIN_ID_ERROR",
        ),
        (LOG_LINE, "ESTS_TOKEN_ERROR"),
        ("ip_whitelist", "IP_WHITELIST"),
        ("http connect errors", "http_connect_errors"),
    ];
    for (query, first) in cases {
        let results = page_results(&server, query);
        assert_eq!(results.first().map(String::as_str), Some(first), "{query}");
    }
    // The keyword search finds what `nps-mfa-errors search` finds, in the same order.
    for query in ["number matching", "vpn fails", "certificate expired"] {
        let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
            .unwrap()
            .args(["search", "--json", query])
            .output()
            .unwrap();
        let cli: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let names: Vec<&str> = cli
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["target"]["name"].as_str().unwrap())
            .collect();
        let results = page_results(&server, query);
        for name in &names {
            assert!(
                results.iter().any(|r| r == name),
                "{name} for {query}: {results:?}"
            );
        }
        assert!(!names.is_empty(), "{query}");
    }
}

#[test]
fn a_pasted_log_gives_its_findings_with_user_and_cid_and_no_keyword_noise() {
    let server = Server::start(&[]);
    assert_eq!(page_results(&server, LOG_LINE), ["ESTS_TOKEN_ERROR"]);
    let page = get(&server, &format!("/?q={}", encode(LOG_LINE))).body;
    assert!(page.contains("found in the pasted log (user "), "{page}");
    assert!(page.contains("1 result for"), "{page}");
    assert!(!page.contains("matched by keywords"), "{page}");
}

#[test]
fn the_search_page_points_an_aadsts_code_to_microsofts_page() {
    let server = Server::start(&[]);
    let page = get(&server, "/?q=aadsts50012");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("href=\"https://login.microsoftonline.com/error?code=50012\""),
        "{}",
        page.body
    );
}

/// A pasted event too long for a URL is POSTed: the same document as `explain --json -`.
#[test]
fn a_posted_event_is_explained_as_the_cli_explains_it_from_standard_input() {
    let server = Server::start(&[]);
    let event = format!("{LOG_LINE}\n    Trace ID: 1\n{}\n", "x".repeat(20_000));
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .args(["explain", "--json", "--cloud", "government", "-"])
        .write_stdin(event.clone())
        .output()
        .unwrap();
    let cli: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let reply = post(
        &server,
        "/api/v1/explain?cloud=gov",
        "text/plain; charset=utf-8",
        event.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json().to_string(), cli.to_string());
    assert_eq!(reply.json()["matched_by"], "scan");
    // UTF-16 with a byte-order mark, as a Windows client may send it, reads the same.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(event.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let reply = post(
        &server,
        "/api/v1/explain?cloud=gov",
        "text/plain; charset=utf-16",
        &utf16,
    );
    assert_eq!(reply.json().to_string(), cli.to_string());
    let empty = post(&server, "/api/v1/explain", "text/plain", b"  \n");
    assert_eq!(empty.status, 400);
    let huge = post(
        &server,
        "/api/v1/explain",
        "text/plain",
        &vec![b'a'; (1 << 20) + 1],
    );
    assert_eq!(huge.status, 413);
    assert!(huge.json()["error"]
        .as_str()
        .unwrap()
        .contains("/api/v1/scan"));
}
