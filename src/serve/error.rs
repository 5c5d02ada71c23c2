//! Errors as responses: a JSON body under `/api`, a page elsewhere.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A failed API call: its status and a message that says what was wrong and what to do.
#[derive(Debug, Clone)]
pub(super) struct ApiError {
    pub(super) status: StatusCode,
    pub(super) message: String,
    pub(super) input: Option<String>,
    pub(super) suggestion: Option<String>,
    /// More fields of the body (an `explain` miss's `suggestions`).
    pub(super) extra: Option<Box<serde_json::Map<String, serde_json::Value>>>,
}

impl ApiError {
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            input: None,
            suggestion: None,
            extra: None,
        }
    }

    /// 404 for a query the catalog does not know, with the closest code.
    pub(super) fn unknown(error: &crate::UnknownCode) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: error.to_string(),
            input: Some(error.input().to_owned()),
            suggestion: error.suggestion().map(|c| c.as_str().to_owned()),
            extra: None,
        }
    }

    /// 404 for an `explain` query nothing matched: the CLI's error document (`document`), with
    /// the closest code as `suggestion`.
    pub(super) fn miss(miss: &crate::explain::Miss, document: serde_json::Value) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: miss.error.clone(),
            input: Some(miss.input.clone()),
            suggestion: miss.code().map(|c| c.as_str().to_owned()),
            extra: match document {
                serde_json::Value::Object(fields) => Some(Box::new(fields)),
                _ => None,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "error": self.message,
            "status": self.status.as_u16(),
            "input": self.input,
            "suggestion": self.suggestion,
        });
        if let (Some(object), Some(extra)) = (body.as_object_mut(), self.extra) {
            object.extend(*extra);
        }
        (self.status, Json(super::sorted_keys(body))).into_response()
    }
}

/// The message for a body over the limit.
pub(super) fn too_large(max_body: u64) -> String {
    format!(
        "the request body is larger than the server's limit of {max_body} bytes; \
         split the log, or start the server with a larger --max-body"
    )
}
