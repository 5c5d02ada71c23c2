//! The JSON API: codes, explain, catalog, errors.

use crate::support::{get, get_with, Server};

#[test]
fn healthz_answers_ok() {
    let server = Server::start(&[]);
    assert_eq!(get(&server, "/healthz").status, 200);
}

#[test]
fn codes_lists_every_code_in_catalog_order() {
    let server = Server::start(&[]);
    let reply = get(&server, "/api/v1/codes");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let codes = reply.json();
    let names: Vec<&str> = codes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = nps_mfa_errors::ErrorCode::all()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(names, expected);
    assert_eq!(codes[0]["page"], "/codes/CONTACT_SUPPORT");
}

#[test]
fn a_code_in_any_case_returns_its_export_record() {
    let server = Server::start(&[]);
    let catalog = get(&server, "/api/v1/catalog").json();
    let expected = catalog["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "OathCodePinIncorrect")
        .unwrap()
        .clone();
    for spelling in [
        "OathCodePinIncorrect",
        "oathcodepinincorrect",
        "OATHCODEPININCORRECT",
    ] {
        let reply = get(&server, &format!("/api/v1/codes/{spelling}"));
        assert_eq!(reply.status, 200, "{spelling}");
        assert_eq!(reply.json(), expected, "{spelling}");
    }
}

#[test]
fn an_unknown_code_is_a_404_with_the_input_and_a_suggestion() {
    let server = Server::start(&[]);
    let reply = get(&server, "/api/v1/codes/ESTS_TOKEN_EROR");
    assert_eq!(reply.status, 404);
    let body = reply.json();
    assert_eq!(body["input"], "ESTS_TOKEN_EROR");
    assert_eq!(body["suggestion"], "ESTS_TOKEN_ERROR");
    assert!(body["error"].as_str().unwrap().contains("did you mean"));
}

#[test]
fn the_catalog_is_the_json_export() {
    let server = Server::start(&[]);
    let served = get(&server, "/api/v1/catalog").json();
    let exported = serde_json::to_value(nps_mfa_errors::export::catalog()).unwrap();
    assert_eq!(served, exported);
}

/// The same document as `explain --json`, for a code, a pasted message, a setting and a
/// symptom, in the public and another cloud.
#[test]
fn explain_returns_the_same_document_as_the_cli() {
    let server = Server::start(&[]);
    let queries = [
        ("ests_token_error", "public"),
        ("ESTS_TOKEN_ERROR", "government"),
        (
            "2026-11-20 09:15:10 Error: Alternate LoginId lookup failed for user bob",
            "public",
        ),
        ("ip_whitelist", "public"),
        ("http connect errors", "china"),
    ];
    for (query, cloud) in queries {
        let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
            .unwrap()
            .args(["explain", "--json", "--cloud", cloud, query])
            .output()
            .unwrap();
        let cli: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let path = format!(
            "/api/v1/explain?q={}&cloud={cloud}",
            query.replace(' ', "%20").replace(':', "%3A")
        );
        let reply = get(&server, &path);
        assert_eq!(reply.status, 200, "{query}");
        // The same keys in the same order, as the bytes show.
        let (served, written) = (reply.json().to_string(), cli.to_string());
        assert_eq!(served, written, "{query} in {cloud}");
    }
}

#[test]
fn explain_without_a_query_or_with_a_bad_cloud_is_a_400_with_a_message() {
    let server = Server::start(&[]);
    let missing = get(&server, "/api/v1/explain");
    assert_eq!(missing.status, 400);
    assert!(missing.json()["error"].as_str().unwrap().contains("?q="));
    let cloud = get(&server, "/api/v1/explain?q=ESTS_TOKEN_ERROR&cloud=mars");
    assert_eq!(cloud.status, 400);
    assert_eq!(cloud.json()["input"], "mars");
    let message = cloud.json()["error"].as_str().unwrap().to_owned();
    assert!(
        message.contains("`public`, `government`, `china`"),
        "{message}"
    );
    let doubled = get(&server, "/api/v1/explain?q=a&q=b");
    assert_eq!(doubled.status, 400);
    assert!(doubled.json()["error"]
        .as_str()
        .unwrap()
        .contains("malformed query string"));
}

#[test]
fn the_cloud_is_read_as_the_cli_reads_it() {
    let server = Server::start(&[]);
    let government = get(&server, "/api/v1/explain?q=STS_URL&cloud=government").json();
    for cloud in ["Government", "GOV", "g"] {
        let reply = get(&server, &format!("/api/v1/explain?q=STS_URL&cloud={cloud}"));
        assert_eq!(reply.status, 200, "{cloud}");
        assert_eq!(reply.json(), government, "{cloud}");
    }
}

#[test]
fn explain_of_an_unknown_query_is_a_404_with_a_suggestion() {
    let server = Server::start(&[]);
    let reply = get(&server, "/api/v1/explain?q=HTTP_CONECT_ERROR");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["suggestion"], "HTTP_CONNECT_ERROR");
}

#[test]
fn unknown_api_paths_are_json_404s() {
    let server = Server::start(&[]);
    for path in ["/api/v1/nope", "/api/v2/codes", "/api"] {
        let reply = get(&server, path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.json()["status"], 404, "{path}");
    }
}

#[test]
fn cors_allows_only_the_configured_origins() {
    let server = Server::start(&["--cors-origin", "https://portal.contoso.com"]);
    let allowed = get_with(
        &server,
        "/api/v1/codes",
        &[("Origin", "https://portal.contoso.com")],
    );
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://portal.contoso.com")
    );
    let other = get_with(
        &server,
        "/api/v1/codes",
        &[("Origin", "https://evil.example")],
    );
    assert_eq!(other.header("access-control-allow-origin"), None);

    let closed = Server::start(&[]);
    let reply = get_with(
        &closed,
        "/api/v1/codes",
        &[("Origin", "https://portal.contoso.com")],
    );
    assert_eq!(reply.header("access-control-allow-origin"), None);
}
