//! The routes, and the layers every request passes: CORS (outermost, so that the limits' own
//! errors reach a dashboard too), security headers, request timeout, body-size check.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::Semaphore;

use super::error::{too_large, ApiError};
use super::security::{self, SecurityHeaders};
use super::{api, pages, Config};

/// What handlers share.
#[derive(Debug)]
pub(super) struct AppState {
    /// The largest body accepted.
    pub(super) max_body: u64,
    /// Free scan slots.
    pub(super) scans: Arc<Semaphore>,
}

/// The whole application as an axum [`Router`], for embedding in another server; [`Server`]
/// serves it with the connection limits.
///
/// [`Server`]: super::Server
pub fn router(config: &Config) -> Router {
    let state = Arc::new(AppState {
        max_body: config.max_body,
        scans: Arc::new(Semaphore::new(config.max_scans.max(1))),
    });
    let api = Router::new()
        .route("/codes", get(api::codes))
        .route("/codes/{code}", get(api::code))
        .route("/explain", get(api::explain).post(api::explain_post))
        .route("/catalog", get(api::catalog))
        .route("/schema", get(api::schema))
        .route("/scan", post(api::scan))
        .fallback(api::not_found);
    let pages = Router::new()
        .route("/", get(pages::home::page_handler))
        .route("/codes/{code}", get(pages::code::page_handler))
        .route("/settings", get(pages::facts::settings))
        .route("/endpoints", get(pages::facts::endpoints))
        .route("/protocols", get(pages::facts::protocols))
        .route(
            "/scan",
            get(pages::scan::form_page).post(pages::scan::upload),
        )
        .route("/assets/style.css", get(pages::stylesheet))
        .fallback(pages::not_found);
    let app = Router::new()
        .route("/healthz", get(api::healthz))
        .nest("/api/v1", api.with_state(Arc::clone(&state)))
        .route("/api", get(api::not_found))
        .route("/api/{*rest}", get(api::not_found))
        .merge(pages.with_state(Arc::clone(&state)))
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            reject_declared_oversize,
        ))
        .layer(middleware::from_fn_with_state(
            config.request_timeout.max(Duration::from_millis(1)),
            time_limit,
        ))
        .layer(middleware::from_fn_with_state(
            SecurityHeaders::new(config),
            security::add_headers,
        ));
    // A 413 or 408 without the CORS header reads as "Failed to fetch" in a dashboard; the
    // allowed origins may read the pages too, which hold nothing the API does not give.
    match security::cors(config) {
        Some(cors) => app.layer(cors),
        None => app,
    }
}

/// 408 for a request (upload included) that takes longer than `limit`: JSON under `/api/`, as
/// every API error is, else a page.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let message = format!(
                "the request took longer than the server's limit of {} s; send it again on a \
                 faster link, or split the file",
                limit.as_secs_f64()
            );
            if api {
                ApiError::new(StatusCode::REQUEST_TIMEOUT, message).into_response()
            } else {
                pages::error_page(StatusCode::REQUEST_TIMEOUT, "Request timed out", &message)
            }
        }
    }
}

/// 413 before reading a body whose declared length is over the limit.
async fn reject_declared_oversize(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > state.max_body => {
            let message = too_large(state.max_body);
            if request.uri().path().starts_with("/api/") {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, message).into_response()
            } else {
                pages::error_page(StatusCode::PAYLOAD_TOO_LARGE, "File too large", &message)
            }
        }
        _ => next.run(request).await,
    }
}
