//! The web pages: server-rendered HTML (maud escapes every value it writes), readable
//! without JavaScript, linked to each other, one stable URL each.

mod bundle;
pub(super) mod code;
pub(super) mod facts;
pub(super) mod home;
mod layout;
pub(super) mod scan;

pub(super) use layout::{error_page, stylesheet};

use axum::http::Uri;
use axum::response::Response;

/// Any unknown path: a 404 page that links back.
pub(super) async fn not_found(uri: Uri) -> Response {
    error_page(
        axum::http::StatusCode::NOT_FOUND,
        "Page not found",
        &format!("There is no page at {}.", uri.path()),
    )
}
