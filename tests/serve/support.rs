//! A real server (the CLI's `serve` on a free port) and an HTTP client for the tests.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `nps-mfa-errors serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// Kept open so that the server never writes into a closed pipe.
    _stdout: BufReader<std::process::ChildStdout>,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
}

impl Server {
    /// Starts a server on a free port with extra arguments.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("nps-mfa-errors"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the CLI starts");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        stdout
            .read_line(&mut line)
            .expect("the server prints its URL");
        let Some(url) = line.trim().strip_prefix("Listening on ") else {
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .map(|mut e| e.read_to_string(&mut stderr));
            let _ = child.kill();
            panic!("the server did not start: {line:?} {stderr}");
        };
        Server {
            child,
            _stdout: stdout,
            url: url.trim_end_matches('/').to_owned(),
        }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server with SIGTERM and waits for it; returns its exit status.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.child.wait().expect("the server exits")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client that reports every status instead of failing on 4xx and 5xx.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// A response's status, headers and body.
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: String,
}

impl Reply {
    fn from(mut response: ureq::http::Response<ureq::Body>) -> Reply {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Reply {
            status,
            headers,
            body,
        }
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// One header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// GET a path.
pub fn get(server: &Server, path: &str) -> Reply {
    Reply::from(
        agent()
            .get(format!("{}{path}", server.url))
            .call()
            .expect("the request completes"),
    )
}

/// GET a path with extra headers.
pub fn get_with(server: &Server, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = agent().get(format!("{}{path}", server.url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    Reply::from(request.call().expect("the request completes"))
}

/// POST a body to a path.
pub fn post(server: &Server, path: &str, content_type: &str, body: &[u8]) -> Reply {
    Reply::from(
        agent()
            .post(format!("{}{path}", server.url))
            .header("Content-Type", content_type)
            .send(body)
            .expect("the request completes"),
    )
}

/// Whether the tests run in CI, where a missing tool is a failure rather than a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A tool the test needs is missing: fail in CI, skip with a note elsewhere. Returns `false`
/// so callers can `return` after it.
pub fn missing(tool: &str, install: &str) -> bool {
    assert!(!in_ci(), "{tool} is required in CI: {install}");
    eprintln!("note: skipping, {tool} is not installed ({install})");
    false
}

/// Runs `python3 -c script args...`, expects it to succeed, and returns its standard output.
pub fn python(script: &str, args: &[std::path::PathBuf]) -> String {
    let output = Command::new("python3")
        .args(["-c", script])
        .args(args)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}
