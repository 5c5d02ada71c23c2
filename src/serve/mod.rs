//! The HTTP API and web pages a support dashboard embeds (feature `serve`).
//!
//! [`Server`] answers JSON under `/api/v1` (codes, explain, scan, the catalog and its JSON
//! Schema) and server-rendered pages (search, one page per code, log upload, settings,
//! endpoints, protocols) that read without JavaScript. Every page and API call has a stable URL.
//!
//! ```no_run
//! use nps_mfa_errors::serve::{shutdown_signal, Config, Server};
//!
//! # async fn run() -> std::io::Result<()> {
//! let server = Server::bind(Config::default()).await?;
//! let shutdown = shutdown_signal();
//! println!("listening on http://{}", server.local_addr());
//! server.run(shutdown).await
//! # }
//! ```
//!
//! Limits: request bodies over [`Config::max_body`] get 413; a request that takes longer than
//! [`Config::request_timeout`] gets 408; a client that does not finish its headers within
//! [`Config::header_timeout`] is disconnected; at most [`Config::max_scans`] scans run at once
//! (the others wait, within their request timeout). An uploaded log is spooled to a temporary
//! file and scanned like a file, so memory stays bounded whatever its size.

mod api;
mod config;
mod error;
mod json;
mod listener;
mod pages;
mod router;
mod scan;
mod security;

pub use config::{parse_origin, Config, InvalidOrigin};
pub use json::sorted_keys;
pub use listener::{shutdown_signal, Server};
pub use router::router;
