//! Support bundles as the health-check script writes them (`MFA_NPS_Troubleshooter.ps1`,
//! option 4): zips built here in its exact layout (UTF-16LE with a byte-order mark, CRLF line
//! ends, the literal `%computername%` in the `.evtx` names), with the real `.evtx` samples of
//! `../shared/evtx-samples`.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use nps_mfa_errors::scan::{BundleOptions, BundleScan, Record, Scanner};

mod config;
mod containers;
mod contract;
mod evtx;
mod example;
mod nps;
mod timeline;

/// The example bundle's text members, as readable UTF-8 with LF line ends.
fn members_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/support-bundle/members")
}

/// The real `.evtx` samples: `../shared/evtx-samples` beside the clone. Under CI they must be
/// there; elsewhere a test without them is skipped with a message.
fn samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/evtx-samples");
    if dir.join("security.evtx").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none_or(|v| v != "true"),
        "the real .evtx samples are missing: expected {} (the shared folder beside the clone)",
        dir.display()
    );
    eprintln!("skipped: no .evtx samples at {}", dir.display());
    None
}

fn sample(name: &str) -> Option<Vec<u8>> {
    samples().map(|dir| std::fs::read(dir.join(name)).expect("a readable sample"))
}

/// What PowerShell 5.1's `>` and `Out-File` write: UTF-16LE with a byte-order mark, CRLF.
fn utf16_crlf(text: &str) -> Vec<u8> {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(crlf.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn member_text(name: &str) -> String {
    std::fs::read_to_string(members_dir().join(name)).expect("an example member")
}

/// Bytes that stand for an ETW trace: binary, with zero bytes, not text.
fn etl_bytes(seed: u8) -> Vec<u8> {
    (0..4096_u32)
        .map(|i| {
            if i % 7 == 0 {
                0
            } else {
                (i as u8).wrapping_mul(31).wrapping_add(seed)
            }
        })
        .collect()
}

/// The members of the script's zip, in its order; `.evtx` members are real samples when the
/// samples are there (else left out).
fn script_members() -> Vec<(String, Vec<u8>)> {
    let mut members = vec![];
    for name in [
        "BeforeRegAdd_AzureMFA.txt",
        "BeforeRegAdd_AuthSrv.txt",
        "AfterRegAdd_AzureMFA.txt",
        "AfterRegAdd_AuthSrv.txt",
    ] {
        members.push((name.to_owned(), utf16_crlf(&member_text(name))));
    }
    let evtx = [
        ("AuthNOptCh", "new-user-security.evtx"),
        ("AuthZOptCh", "issue_201.evtx"),
        ("AuthZAdminCh", "sample_with_a_bad_chunk_magic.evtx"),
    ];
    for (channel, file) in evtx {
        if let Some(bytes) = sample(file) {
            members.push((format!("%computername%_{channel}.evtx"), bytes));
        }
    }
    members.push((
        "NPS_EventLog.log".to_owned(),
        utf16_crlf(&member_text("NPS_EventLog.log")),
    ));
    members.push(("nettrace.etl".to_owned(), etl_bytes(1)));
    members.push(("NPSExtension.etl".to_owned(), etl_bytes(2)));
    members
}

/// The extension's own events of the same period, as an XML export of AuthZOptCh (the
/// `.evtx` samples hold none).
fn authz_xml() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/logs/bundle/AuthZOptCh.xml"))
        .expect("the example XML export")
}

fn zip_of(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(
            zip::DateTime::from_date_and_time(2026, 11, 20, 9, 20, 0).expect("a valid date"),
        );
    for (name, data) in members {
        writer
            .start_file(name.as_str(), options)
            .expect("a zip member");
        writer.write_all(data).expect("zip data");
    }
    writer.finish().expect("a finished zip").into_inner()
}

/// Runs a bundle scan of one file, collecting records.
fn scan_file(path: &Path) -> (Vec<Record>, BundleScan<'static>) {
    let mut records = vec![];
    let mut scan = BundleScan::new(Scanner::shared(), BundleOptions::default());
    scan.scan_path(path, &mut |r| records.push(r));
    (records, scan)
}

/// Writes bytes to a temporary folder under `name`, for scans that need a path.
fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("a written file");
    (dir, path)
}

fn cli() -> Command {
    Command::cargo_bin("nps-mfa-errors").expect("the CLI binary")
}
