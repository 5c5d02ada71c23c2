//! Support bundles through the server: `POST /api/v1/scan` and the `/scan` page read a zip (and
//! the `.evtx` files in it) as `scan` does, and give back the configuration audit, the NPS
//! decisions and one story per user.

use std::path::{Path, PathBuf};

use crate::support::{post, Server};

const ZIP: &str = "20261120-092000_NpsLogging.zip";

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/support-bundle")
}

/// `scan --summary-json NAME` run in `dir`.
fn cli_summary(dir: &Path, name: &str) -> serde_json::Value {
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .current_dir(dir)
        .args(["scan", "--summary-json", name])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn an_uploaded_bundle_zip_gives_the_cli_document_with_config_nps_and_timeline() {
    let server = Server::start(&[]);
    let body = std::fs::read(example_dir().join(ZIP)).unwrap();
    let reply = post(
        &server,
        &format!("/api/v1/scan?name={ZIP}"),
        "application/zip",
        &body,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let document = reply.json();
    assert_eq!(document, cli_summary(&example_dir(), ZIP));

    let config = document["config"].as_array().unwrap();
    assert!(config.iter().any(|c| c["verdict"] == "error"), "{config:?}");
    assert!(config
        .iter()
        .all(|c| c["file"].as_str().unwrap().starts_with(&format!("{ZIP}!/"))));
    let nps = document["nps"].as_array().unwrap();
    assert!(nps.iter().any(|n| n["event_id"] == 6273), "{nps:?}");
    assert!(nps.iter().any(|n| n["extension"].is_string()), "{nps:?}");
    let timeline = document["timeline"].as_array().unwrap();
    assert!(!timeline.is_empty());
    assert!(timeline[0]["events"].as_array().unwrap().len() > 1);
    let logs = document["event_logs"].as_array().unwrap();
    assert_eq!(logs.len(), 3, "the three .evtx members are read: {logs:?}");
    let skipped = document["skipped"].as_array().unwrap();
    assert!(skipped
        .iter()
        .any(|s| s["file"].as_str().unwrap().ends_with("nettrace.etl")));
}

#[test]
fn an_uploaded_evtx_file_is_read_as_an_event_log() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/evtx-samples");
    let Ok(body) = std::fs::read(dir.join("security.evtx")) else {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "the .evtx samples are missing from {}",
            dir.display()
        );
        eprintln!("skipped: no .evtx samples at {}", dir.display());
        return;
    };
    let server = Server::start(&[]);
    let reply = post(
        &server,
        "/api/v1/scan?name=security.evtx",
        "application/octet-stream",
        &body,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let document = reply.json();
    assert_eq!(document, cli_summary(&dir, "security.evtx"));
    assert_eq!(document["event_logs"][0]["file"], "security.evtx");
    assert!(document["event_logs"][0]["records"].as_u64().unwrap() > 0);
}

/// A `multipart/form-data` body with one file field, as a browser or `curl -F` sends it: the
/// content type (with its boundary) and the body.
fn form_of(field: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----nps-mfa-test-boundary";
    let mut form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; \
         filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    form.extend_from_slice(bytes);
    form.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), form)
}

#[test]
fn the_api_takes_a_file_sent_as_a_form_as_curl_f_sends_it() {
    let server = Server::start(&[]);
    let body = std::fs::read(example_dir().join(ZIP)).unwrap();
    let raw = post(
        &server,
        &format!("/api/v1/scan?name={ZIP}"),
        "application/zip",
        &body,
    );
    assert_eq!(raw.status, 200, "{}", raw.body);
    // Any field name: curl users write -F f=@file as often as -F log=@file.
    let (content_type, form) = form_of("f", ZIP, &body);
    let reply = post(&server, "/api/v1/scan", &content_type, &form);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json(), raw.json());
    assert!(reply.json()["findings"].as_u64().unwrap() > 0);
    // A form without a file says how to send one.
    let empty = post(
        &server,
        "/api/v1/scan",
        "multipart/form-data; boundary=zz",
        b"--zz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--zz--\r\n",
    );
    assert_eq!(empty.status, 400, "{}", empty.body);
    assert!(empty.json()["error"]
        .as_str()
        .unwrap()
        .contains("--data-binary"));
}

#[test]
fn the_scan_page_shows_config_verdicts_and_the_story_per_user_escaped() {
    let server = Server::start(&[]);
    let body = std::fs::read(example_dir().join(ZIP)).unwrap();
    let (content_type, form) = form_of("log", ZIP, &body);
    let reply = post(&server, "/scan", &content_type, &form);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let page = reply.body;
    for heading in [
        "<h2>Configuration</h2>",
        "<h2>NPS decisions</h2>",
        "<h2>Per user</h2>",
    ] {
        assert!(page.contains(heading), "{heading} missing");
    }
    assert!(page.contains("badge verdict-error"));
    assert!(page.contains("<ol class=\"story\">"));
    assert!(page.contains("the extension rejected"));
    // The member names carry `%computername%` and a `!`: shown as text, nothing unescaped.
    assert!(page.contains("%computername%_AuthZOptCh.evtx"));
    // The files read say what each counted: registry values and NPS decisions are not findings.
    assert!(page.contains("<td>6 registry values checked</td>"));
    assert!(page.contains("<td>4 NPS decisions</td>"));
    assert!(!page.contains("<script"));
}
