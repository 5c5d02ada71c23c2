//! Malformed and hostile requests: clear errors, never a crash, nothing reflected unescaped.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::support::{get, Server};

/// Sends raw bytes and returns the status line of the answer (empty if the server closed).
fn raw(server: &Server, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(server.url.trim_start_matches("http://")).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned()
}

#[test]
fn malformed_requests_get_4xx_and_the_server_keeps_serving() {
    let server = Server::start(&[]);
    let requests: [&[u8]; 7] = [
        b"GET /codes/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /api/v1/codes/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"DELETE /api/v1/codes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"POST /scan HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: 20\r\nConnection: close\r\n\r\n--zz\r\nbroken\r\n\r\n\r\n",
        b"POST /scan HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi",
    ];
    for request in requests {
        let status = raw(&server, request);
        let code: u16 = status
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(400);
        assert!(
            (400..500).contains(&code),
            "{:?} got {status:?}",
            String::from_utf8_lossy(request)
        );
    }
    // Bytes that are not UTF-8 in a search are replaced, not fatal.
    let lossy = raw(
        &server,
        b"GET /?q=%FF%FE%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(lossy, "HTTP/1.1 200 OK");
    let mut huge = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 1024 * 1024));
    huge.extend(b"\r\n\r\n");
    let status = raw(&server, &huge);
    assert!(
        status.is_empty() || status.contains(" 431 ") || status.contains(" 400 "),
        "{status}"
    );
    assert_eq!(get(&server, "/healthz").status, 200, "still serving");
}

#[test]
fn input_is_never_reflected_unescaped_into_html() {
    let server = Server::start(&[]);
    let hostile = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27%3E";
    for path in [format!("/?q={hostile}"), format!("/codes/{hostile}")] {
        let reply = get(&server, &path);
        assert!(!reply.body.contains("<script>"), "{path}: {}", reply.body);
        assert!(
            reply
                .body
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;\"'&gt;")
                || reply
                    .body
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&gt;"),
            "{path} shows the input as text: {}",
            reply.body
        );
        assert!(reply
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
    }
    // An unknown path is shown as requested (still percent-encoded).
    let reply = get(&server, &format!("/no/such/{hostile}"));
    assert!(!reply.body.contains("<script>"), "{}", reply.body);
}

#[test]
fn pages_and_api_answer_404_for_unknown_paths() {
    let server = Server::start(&[]);
    let page = get(&server, "/no/such/page");
    assert_eq!(page.status, 404);
    assert!(page.body.contains("Page not found"));
    let code = get(&server, "/codes/ESTS_TOKEN_EROR");
    assert_eq!(code.status, 404);
    assert!(
        code.body.contains("href=\"/codes/ESTS_TOKEN_ERROR\""),
        "suggests the code"
    );
}

#[test]
fn a_code_page_in_another_case_redirects_to_its_stable_url() {
    let server = Server::start(&[]);
    for other in [
        "ests_token_error",
        "ests-token-error",
        "Ests%20Token%20Error",
    ] {
        let reply = get(&server, &format!("/codes/{other}"));
        assert_eq!(reply.status, 308, "{other}");
        assert_eq!(reply.header("location"), Some("/codes/ESTS_TOKEN_ERROR"));
    }
    // The API finds the record under the same spellings.
    for other in ["ests-token-error", "%22ESTS_TOKEN_ERROR%22"] {
        let record = get(&server, &format!("/api/v1/codes/{other}"));
        assert_eq!(record.status, 200, "{other}");
        assert_eq!(record.json()["code"], "ESTS_TOKEN_ERROR");
    }
}

#[test]
fn pages_carry_a_strict_csp_and_refuse_framing_by_default() {
    let server = Server::start(&[]);
    let reply = get(&server, "/");
    let csp = reply.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn frame_ancestors_allows_framing_only_by_the_given_origins() {
    let server = Server::start(&["--frame-ancestors", "https://portal.contoso.com"]);
    let reply = get(&server, "/codes/ESTS_TOKEN_ERROR");
    let csp = reply.header("content-security-policy").unwrap();
    assert!(
        csp.contains("frame-ancestors 'self' https://portal.contoso.com"),
        "{csp}"
    );
    assert_eq!(reply.header("x-frame-options"), None);
}

#[test]
fn a_bad_origin_is_refused_at_start_with_exit_code_2() {
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .args(["serve", "--cors-origin", "portal.contoso.com/app"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a web origin"), "{stderr}");
}
