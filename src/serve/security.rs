//! Who may call and frame the server: CORS for the API, a strict Content-Security-Policy and
//! `frame-ancestors` for the pages.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::Config;

/// The headers every response carries.
#[derive(Debug, Clone)]
pub(super) struct SecurityHeaders {
    csp: HeaderValue,
    frame_options: Option<HeaderValue>,
}

impl SecurityHeaders {
    pub(super) fn new(config: &Config) -> Self {
        let ancestors = if config.frame_ancestors.is_empty() {
            "'none'".to_owned()
        } else {
            format!("'self' {}", config.frame_ancestors.join(" "))
        };
        let csp = format!(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
             base-uri 'none'; frame-ancestors {ancestors}"
        );
        SecurityHeaders {
            // Origins are checked by `parse_origin`; a bad one falls back to no framing.
            csp: HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; frame-ancestors 'none'",
            )),
            frame_options: config
                .frame_ancestors
                .is_empty()
                .then_some(HeaderValue::from_static("DENY")),
        }
    }
}

/// Adds the security headers to every response.
pub(super) async fn add_headers(
    State(headers): State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let map = response.headers_mut();
    map.insert(header::CONTENT_SECURITY_POLICY, headers.csp.clone());
    if let Some(value) = &headers.frame_options {
        map.insert(header::X_FRAME_OPTIONS, value.clone());
    }
    map.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    map.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    map.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// CORS for the API: only the configured origins, only GET and POST; none means same-origin.
pub(super) fn cors(config: &Config) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = config
        .cors_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    (!origins.is_empty()).then(|| {
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE])
            .max_age(std::time::Duration::from_secs(600))
    })
}
