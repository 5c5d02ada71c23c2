//! Scanner behaviour: formats, encodings, word boundaries, events, messages, undocumented codes,
//! hostile input, and the example support bundle under `examples/logs/bundle/`.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use nps_mfa_errors::scan::{
    scan_path, scan_reader, scan_str, Finding, FoundCode, InputFormat, ScanErrorKind, Scanner,
};
use nps_mfa_errors::{find_message, lookup, ErrorCode};
use proptest::prelude::*;

mod bundle;
mod encodings;
mod events;
mod formats;
mod generated_log;
mod hostile_input;
mod messages;
mod parallel;
mod properties;
mod reliability;
mod undocumented;
mod word_boundaries;

use gen_log as generate;

// Helpers shared by the modules.

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

const XML_EVENT: &str = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-AzureMfa-AuthZ'/><EventID>{id}</EventID><TimeCreated SystemTime='{time}'/><Channel>AuthZOptCh</Channel><Computer>NPS01</Computer></System><EventData><Data>{data}</Data></EventData></Event>";

fn xml_event(id: u32, time: &str, data: &str) -> String {
    XML_EVENT
        .replace("{id}", &id.to_string())
        .replace("{time}", time)
        .replace("{data}", data)
}
