//! Scanning an upload: the body is spooled to a temporary file (memory stays bounded whatever
//! its size; the file keeps the upload's extension), then scanned like a file — a log, an
//! export, a registry dump, an `.evtx`, a zip bundle — in a blocking thread, at most
//! `max_scans` at once, into the library's `scan --summary-json` document.

use std::io;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use futures_util::{Stream, StreamExt};
use tempfile::NamedTempFile;
use tokio::io::AsyncWriteExt;

use super::error::too_large;
use super::router::AppState;
use crate::scan::bundle_report::{triage_file, SummaryDocument};
use crate::scan::BundleOptions;

/// Why an upload could not be scanned: a status and what to do.
#[derive(Debug)]
pub(super) struct ScanFailure {
    pub(super) status: StatusCode,
    pub(super) message: String,
}

impl ScanFailure {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ScanFailure {
            status,
            message: message.into(),
        }
    }

    fn internal(error: &io::Error) -> Self {
        ScanFailure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the upload could not be stored for scanning: {error}"),
        )
    }
}

/// A spooled upload, deleted when dropped.
#[derive(Debug)]
pub(super) struct Upload {
    file: NamedTempFile,
    name: String,
}

/// The name an upload's findings and report give: its own file name (no folders), or `upload`.
pub(super) fn upload_name(name: Option<&str>) -> String {
    let base = name
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.is_empty() {
        "upload".to_owned()
    } else {
        clean
    }
}

/// Writes a body stream to a temporary file, refusing more than `max_body` bytes.
pub(super) async fn spool<E: std::fmt::Display>(
    mut chunks: impl Stream<Item = Result<Bytes, E>> + Unpin,
    name: String,
    max_body: u64,
) -> Result<Upload, ScanFailure> {
    // Keep the extension: it tells the scanner what a bundle or binary log is.
    let suffix: String = match name.rsplit_once('.') {
        Some((_, ext)) if ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()) => {
            format!(".{ext}")
        }
        _ => String::new(),
    };
    let temp = tempfile::Builder::new()
        .prefix("nps-mfa-upload-")
        .suffix(&suffix)
        .tempfile()
        .map_err(|e| ScanFailure::internal(&e))?;
    let std_file = temp.reopen().map_err(|e| ScanFailure::internal(&e))?;
    let mut file = tokio::fs::File::from_std(std_file);
    let mut total: u64 = 0;
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|e| {
            ScanFailure::new(
                StatusCode::BAD_REQUEST,
                format!("the upload was interrupted: {e}; send it again"),
            )
        })?;
        total += chunk.len() as u64;
        if total > max_body {
            return Err(ScanFailure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                too_large(max_body),
            ));
        }
        file.write_all(&chunk)
            .await
            .map_err(|e| ScanFailure::internal(&e))?;
    }
    file.flush().await.map_err(|e| ScanFailure::internal(&e))?;
    Ok(Upload { file: temp, name })
}

/// Scans a spooled upload once a scan slot is free; the slot is held until the scan ends,
/// even if the client has gone.
pub(super) async fn scan(
    state: &Arc<AppState>,
    upload: Upload,
) -> Result<SummaryDocument, ScanFailure> {
    let permit = Arc::clone(&state.scans)
        .acquire_owned()
        .await
        .map_err(|_| ScanFailure::new(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"))?;
    tokio::task::spawn_blocking(move || {
        let summary = scan_file(&upload);
        drop(permit);
        summary
    })
    .await
    .map_err(|_| {
        ScanFailure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the scan stopped unexpectedly; the input was not fully scanned",
        )
    })?
}

/// The `scan --summary-json` document of the spooled file, under the name it was sent with.
fn scan_file(upload: &Upload) -> Result<SummaryDocument, ScanFailure> {
    let triage = triage_file(upload.file.path(), &upload.name, BundleOptions::default());
    Ok(triage.document())
}
