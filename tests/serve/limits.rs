//! Limits and behaviour under hostile clients: body size, slow clients, shutdown.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::support::{post, Server};

#[test]
fn a_body_declared_over_the_limit_is_refused_with_413() {
    let server = Server::start(&["--max-body", "1KiB"]);
    let reply = post(&server, "/api/v1/scan", "text/plain", &[b'x'; 2048]);
    assert_eq!(reply.status, 413);
    assert!(reply.json()["error"]
        .as_str()
        .unwrap()
        .contains("--max-body"));
}

#[test]
fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let server = Server::start(&["--header-timeout", "1"]);
    let address = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    // A safety net only: the server must close the connection long before this.
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut rest = Vec::new();
    let result = stream.read_to_end(&mut rest);
    assert!(
        result.is_ok()
            || matches!(result, Err(ref e) if e.kind() == std::io::ErrorKind::ConnectionReset),
        "the server kept the connection open: {result:?}"
    );
    assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let server = Server::start(&[]);
    let url = server.url.clone();
    let status = server.terminate();
    assert!(status.success(), "{status}");
    assert!(TcpStream::connect(url.trim_start_matches("http://")).is_err());
}
