//! `POST /api/v1/scan`: the `scan --summary-json` document for an uploaded log.

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;

use crate::support::{post, Server};

fn bundle(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/logs/bundle")
        .join(file)
}

fn cli_summary(file: &str) -> serde_json::Value {
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .current_dir(bundle(""))
        .args(["scan", "--summary-json", file])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_scan_returns_the_same_document_as_scan_summary_json() {
    let server = Server::start(&[]);
    for file in [
        "nps-extension.log",
        "AuthZOptCh.xml",
        "AuthNOptCh.csv",
        "AuthZOptCh-eventviewer.txt",
    ] {
        let body = std::fs::read(bundle(file)).unwrap();
        let reply = post(
            &server,
            &format!("/api/v1/scan?name={file}"),
            "application/octet-stream",
            &body,
        );
        assert_eq!(reply.status, 200, "{file}: {}", reply.body);
        assert_eq!(reply.json(), cli_summary(file), "{file}");
    }
}

#[test]
fn a_scan_of_text_without_codes_reports_nothing_found() {
    let server = Server::start(&[]);
    let reply = post(
        &server,
        "/api/v1/scan",
        "text/plain",
        b"The service started.\n",
    );
    assert_eq!(reply.status, 200);
    let summary = reply.json();
    assert_eq!(summary["findings"], 0);
    assert_eq!(summary["files"][0]["file"], "upload");
}

#[test]
fn an_unreadable_upload_is_reported_in_the_document_errors() {
    let server = Server::start(&[]);
    let reply = post(
        &server,
        "/api/v1/scan?name=broken.xml",
        "application/xml",
        b"<Events><Event><System><EventID>1</EventID></System><EventData><Data>ESTS_TOKEN_ERROR</Data></EventData></Event><Event><Sys",
    );
    assert_eq!(reply.status, 200);
    let summary = reply.json();
    assert_eq!(summary["errors"][0]["file"], "broken.xml", "{summary}");
}

/// A chunked upload (no Content-Length) is counted as it streams and cut off at the limit.
#[test]
fn a_streamed_body_over_the_limit_is_refused_with_413() {
    let server = Server::start(&["--max-body", "64KiB"]);
    let address = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "POST /api/v1/scan HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b'a'; 16 * 1024];
    for _ in 0..8 {
        if write!(stream, "{:x}\r\n", chunk.len())
            .and_then(|()| stream.write_all(&chunk))
            .and_then(|()| stream.write_all(b"\r\n"))
            .is_err()
        {
            break; // the server may close the connection once it has answered
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let mut response = String::new();
    let _ = std::io::Read::read_to_string(&mut stream, &mut response);
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
}

/// Sends `head` (and a body shorter than it declares), reads the whole response.
fn raw_response(server: &Server, head: &str) -> String {
    let address = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "{head}").unwrap();
    // A safety net only: the server answers after its one-second timeout.
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut response = String::new();
    let _ = std::io::Read::read_to_string(&mut stream, &mut response);
    response
}

#[test]
fn a_body_slower_than_the_request_timeout_gets_408_as_json_with_cors() {
    let server = Server::start(&[
        "--request-timeout",
        "1",
        "--cors-origin",
        "https://portal.contoso.com",
    ]);
    let response = raw_response(
        &server,
        "POST /api/v1/scan HTTP/1.1\r\nHost: localhost\r\nOrigin: https://portal.contoso.com\r\n\
         Content-Length: 1000\r\n\r\nonly a few bytes",
    );
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    let lower = response.to_ascii_lowercase();
    assert!(
        lower.contains("access-control-allow-origin: https://portal.contoso.com"),
        "{response}"
    );
    assert!(
        lower.contains("content-type: application/json"),
        "{response}"
    );
    assert!(response.contains("\"status\":408"), "{response}");
}

#[test]
fn a_body_over_the_limit_gets_413_with_cors_so_a_dashboard_can_read_why() {
    let server = Server::start(&[
        "--max-body",
        "1KiB",
        "--cors-origin",
        "https://portal.contoso.com",
    ]);
    let response = raw_response(
        &server,
        "POST /api/v1/scan HTTP/1.1\r\nHost: localhost\r\nOrigin: https://portal.contoso.com\r\n\
         Content-Length: 5000\r\nConnection: close\r\n\r\n",
    );
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("access-control-allow-origin: https://portal.contoso.com"),
        "{response}"
    );
    assert!(response.contains("--max-body"), "{response}");
}
