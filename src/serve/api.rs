//! The JSON API under `/api/v1`: codes, explain, the catalog and its JSON Schema.

use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiError;
use super::router::AppState;
use super::scan::{scan as scan_upload, spool, upload_name, ScanFailure};
use crate::export::{self, CodeRecord};
use crate::scan::bundle_report::SummaryDocument;
use crate::{Cloud, ErrorCode};

/// `GET /healthz`.
pub(super) async fn healthz() -> &'static str {
    "ok\n"
}

/// `GET /api/v1/codes`: every code in catalog order, short form.
pub(super) async fn codes() -> Response {
    static BODY: OnceLock<Bytes> = OnceLock::new();
    json_bytes(BODY.get_or_init(|| {
        let codes: Vec<Value> = ErrorCode::all()
            .map(|code| {
                json!({
                    "code": code,
                    "category": code.category(),
                    "message_keyed": code.is_message_keyed(),
                    "summary": code.summary(),
                    "api": format!("/api/v1/codes/{}", code.as_str()),
                    "page": format!("/codes/{}", code.as_str()),
                })
            })
            .collect();
        Bytes::from(serde_json::to_vec(&codes).unwrap_or_default())
    }))
}

/// Finds a code in any case, quoted, with `-` or spaces for `_` (as `explain` takes it), or
/// says which code was probably meant.
pub(super) fn find_code(input: &str) -> Result<ErrorCode, crate::UnknownCode> {
    input.parse::<ErrorCode>().or_else(|error| {
        ErrorCode::from_code_ignore_case(input)
            .or_else(|| crate::explain::code_named(crate::explain::clean_name(input)))
            .ok_or(error)
    })
}

/// `GET /api/v1/codes/{code}`: the code's record exactly as in the catalog's `codes[]`.
pub(super) async fn code(path: Result<Path<String>, PathRejection>) -> Result<Response, ApiError> {
    let Path(input) = path.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    let code = find_code(&input).map_err(|e| ApiError::unknown(&e))?;
    // The records never change: serialized once, on first use.
    static BODIES: OnceLock<Vec<Bytes>> = OnceLock::new();
    let bodies = BODIES.get_or_init(|| {
        ErrorCode::all()
            .map(|c| Bytes::from(serde_json::to_vec(&CodeRecord(c)).unwrap_or_default()))
            .collect()
    });
    let index = ErrorCode::all().position(|c| c == code).unwrap_or(0);
    Ok(json_bytes(&bodies[index]))
}

/// The query string of `GET /api/v1/explain`.
#[derive(Debug, Deserialize)]
pub(super) struct ExplainParams {
    q: Option<String>,
    cloud: Option<String>,
}

/// `GET /api/v1/explain?q=…[&cloud=public|government|china]`: the `explain --json` document;
/// a miss is a 404 with the CLI's error document (`error`, `input`, `suggestions`) plus the
/// `status` and `suggestion` (the closest code) every API error carries.
pub(super) async fn explain(
    params: Result<Query<ExplainParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let params = query_params(params)?;
    let query = params.q.as_deref().map(str::trim).unwrap_or("");
    if query.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "missing query: add ?q= with a code, a log message, a setting or a symptom",
        ));
    }
    let cloud = parse_cloud(params.cloud.as_deref())?;
    explain_document(query, cloud)
}

/// The largest text `POST /api/v1/explain` takes, as `explain -` reads at most from standard
/// input: one event or a few, not a whole log (`/api/v1/scan` takes those).
const MAX_EXPLAIN_BYTES: usize = 1 << 20;

/// `POST /api/v1/explain[?cloud=…]` with the text as the body: the same document as
/// `GET`, for a pasted event too long for a URL.
pub(super) async fn explain_post(
    params: Result<Query<ExplainParams>, QueryRejection>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let params = query_params(params)?;
    if body.len() > MAX_EXPLAIN_BYTES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the text is longer than {} MiB: send one code, message or event (to search a \
                 whole log, POST it to /api/v1/scan)",
                MAX_EXPLAIN_BYTES >> 20
            ),
        ));
    }
    // UTF-8, or UTF-16 as a Windows client may send it: read as the scanner reads files.
    let text = crate::scan::decode_text(&body);
    let query = text.trim();
    if query.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "the body is empty: send a code, a log message or event, a setting or a symptom",
        ));
    }
    let cloud = parse_cloud(params.cloud.as_deref())?;
    explain_document(query, cloud)
}

fn explain_document(query: &str, cloud: Cloud) -> Result<Json<Value>, ApiError> {
    match crate::explain::explain(query, cloud) {
        Ok(document) => Ok(Json(to_json(&document))),
        Err(miss) => Err(ApiError::miss(&miss, to_json(&miss))),
    }
}

/// The query string's parameters, or a 400 saying what is wrong with it.
fn query_params<T>(params: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    params.map(|Query(params)| params).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("malformed query string: {}", e.body_text()),
        )
    })
}

/// A document as `serde_json::Value`, as the CLI writes it (keys sorted).
fn to_json(document: &impl serde::Serialize) -> Value {
    super::sorted_keys(serde_json::to_value(document).unwrap_or_default())
}

/// A cloud name from a query string; public when absent.
pub(super) fn parse_cloud(input: Option<&str>) -> Result<Cloud, ApiError> {
    match input.map(str::trim) {
        None | Some("") => Ok(Cloud::Public),
        // As the CLI's `--cloud` reads it: any case, or a unique start (`gov`).
        Some(name) => Cloud::from_name_or_start(name).ok_or_else(|| {
            let clouds: Vec<String> = Cloud::all().map(|c| format!("`{c}`")).collect();
            let message = format!(
                "`{name}` is not a documented cloud; the clouds are {}",
                clouds.join(", ")
            );
            let mut error = ApiError::new(StatusCode::BAD_REQUEST, message);
            error.input = Some(name.to_owned());
            error.suggestion = name
                .parse::<Cloud>()
                .err()
                .and_then(|e| e.suggestion())
                .map(|s| s.to_string());
            error
        }),
    }
}

/// `GET /api/v1/catalog`: the whole export document.
pub(super) async fn catalog() -> Response {
    static BODY: OnceLock<Bytes> = OnceLock::new();
    json_bytes(
        BODY.get_or_init(|| {
            Bytes::from(serde_json::to_vec(&export::catalog()).unwrap_or_default())
        }),
    )
}

/// `GET /api/v1/schema`: the JSON Schema of the catalog document.
pub(super) async fn schema() -> Response {
    static BODY: OnceLock<Bytes> = OnceLock::new();
    json_bytes(BODY.get_or_init(|| {
        Bytes::from(serde_json::to_vec(&export::json_schema()).unwrap_or_default())
    }))
}

/// Any other path under `/api`: a JSON 404.
pub(super) async fn not_found(uri: axum::http::Uri) -> ApiError {
    let mut error = ApiError::new(
        StatusCode::NOT_FOUND,
        "no such API path; see /api/v1/codes, /api/v1/codes/{code}, /api/v1/explain?q=, \
         /api/v1/scan, /api/v1/catalog, /api/v1/schema",
    );
    error.input = Some(uri.path().to_owned());
    error
}

/// A cached JSON body.
pub(super) fn json_bytes(body: &Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body.clone()).into_response()
}

/// The query string of `POST /api/v1/scan`.
#[derive(Debug, Deserialize)]
pub(super) struct ScanParams {
    name: Option<String>,
}

/// `POST /api/v1/scan[?name=FILE]` with the raw log, export or bundle as the body (or as the
/// file of a `multipart/form-data` form, as `curl -F log=@FILE` sends it): the
/// `scan --summary-json` document.
pub(super) async fn scan(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ScanParams>, QueryRejection>,
    request: Request,
) -> Result<Json<SummaryDocument>, ApiError> {
    let params = query_params(params)?;
    let failed = |f: ScanFailure| ApiError::new(f.status, f.message);
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    let upload = if is_form {
        // Else the form's envelope itself would be scanned, and nothing found in it.
        let mut form = Multipart::from_request(request, &state)
            .await
            .map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        loop {
            let field = form.next_field().await.map_err(|e| {
                ApiError::new(
                    e.status(),
                    format!("the form could not be read: {}", e.body_text()),
                )
            })?;
            let Some(field) = field else {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "the form holds no file: send one as a file field (curl -F log=@FILE) or as \
                     the raw body (curl --data-binary @FILE)",
                ));
            };
            if field.file_name().is_none() && field.name() != Some("log") {
                continue;
            }
            let name = upload_name(params.name.as_deref().or(field.file_name()));
            break spool(field, name, state.max_body).await.map_err(failed)?;
        }
    } else {
        let name = upload_name(params.name.as_deref());
        spool(request.into_body().into_data_stream(), name, state.max_body)
            .await
            .map_err(failed)?
    };
    scan_upload(&state, upload).await.map(Json).map_err(failed)
}
