//! The routes, and the layers every request passes: security headers, request timeout,
//! body-size check, CORS on the API.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::Semaphore;
use tower_http::timeout::TimeoutLayer;

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
    let mut api = Router::new()
        .route("/codes", get(api::codes))
        .route("/codes/{code}", get(api::code))
        .route("/explain", get(api::explain))
        .route("/catalog", get(api::catalog))
        .route("/schema", get(api::schema))
        .route("/scan", post(api::scan))
        .fallback(api::not_found);
    if let Some(cors) = security::cors(config) {
        api = api.layer(cors);
    }
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
    Router::new()
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
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout.max(Duration::from_millis(1)),
        ))
        .layer(middleware::from_fn_with_state(
            SecurityHeaders::new(config),
            security::add_headers,
        ))
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
