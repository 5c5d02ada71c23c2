//! Limits and behaviour under hostile clients: body size, slow clients, shutdown.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::support::{post, Server};

fn example_log() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/logs/bundle/nps-extension.log");
    std::fs::read(path).unwrap()
}

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

/// With one scan slot, concurrent uploads wait their turn rather than fail.
#[test]
fn scans_beyond_the_concurrency_limit_wait_and_then_succeed() {
    let server = Server::start(&["--max-scans", "1"]);
    let log = example_log();
    let replies: Vec<(u16, serde_json::Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    let reply = post(&server, "/api/v1/scan?name=nps.log", "text/plain", &log);
                    (reply.status, reply.json())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (status, summary) in &replies {
        assert_eq!(*status, 200);
        assert_eq!(summary, &replies[0].1);
    }
}

/// SIGTERM during an upload: the request in flight still gets its answer, then the server
/// exits cleanly.
#[test]
fn shutdown_lets_a_request_in_flight_finish() {
    let server = Server::start(&[]);
    let log = example_log();
    let address = server.url.trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(&address).unwrap();
    // `Expect: 100-continue`: the server answers 100 once the handler reads the body, so the
    // request is known to be in flight before the signal is sent.
    write!(
        stream,
        "POST /api/v1/scan?name=nps.log HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n",
        log.len()
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut interim = [0_u8; 25];
    stream.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    let (head, tail) = log.split_at(log.len() / 2);
    stream.write_all(head).unwrap();
    stream.flush().unwrap();
    let pid = server.pid();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    // Give the signal a moment to arrive; the test holds either way.
    std::thread::sleep(Duration::from_millis(300));
    stream.write_all(tail).unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("ESTS_TOKEN_ERROR"));
    let status = server.terminate();
    assert!(status.success(), "{status}");
}
