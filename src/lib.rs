//! The offline, typed knowledge base of every error code documented for the NPS extension for
//! Microsoft Entra multifactor authentication (formerly Azure MFA): each code, its exact
//! messages, its category and what to do about it.
//!
//! ```
//! use nps_mfa_errors::{Category, ErrorCode};
//!
//! let code: ErrorCode = "ESTS_TOKEN_ERROR".parse()?;
//! assert_eq!(code.category(), Category::NpsExtension);
//! for step in code.entries()[0].steps() {
//!     println!("- {step}");
//! }
//! # Ok::<(), nps_mfa_errors::UnknownCode>(())
//! ```
//!
//! # What is in it
//!
//! - [`ErrorCode`]: one variant per documented code, with `as_str`, exact
//!   [`FromStr`](core::str::FromStr) (a `phf` perfect-hash table, [`CODES`]), allocation-free
//!   [`ErrorCode::from_code_ignore_case`], [`category`](ErrorCode::category),
//!   [`entries`](ErrorCode::entries) and more. Its variant docs are the knowledge base itself.
//! - [`Entry`]: one documented row: every wording of its message, a summary, remediation steps
//!   in our own words, links (absolute URLs) and the [`Source`]s (document version and section)
//!   that list it.
//! - [`Category`]: the sections of the errors page.
//! - [`find_message`] and [`lookup`]: from a log message (any documented wording, placeholders
//!   filled in, any case or spacing) or a code in any case to its entry.
//! - [`Unknown`]: the one error for a name the catalog does not know, with the closest one.
//!
//! # Features
//!
//! - `serde`: `Serialize` for every type (enums as their identifiers), `Deserialize` for every
//!   enum, and the [`export`] module; with `scan` too, the `explain` module (the document
//!   `explain --json` writes and the server's `/api/v1/explain` answers).
//! - `schema`: `export::json_schema()`, the JSON Schema of the export, derived from its types.
//! - `serve`: the [`serve`] module, an HTTP API and web pages for support dashboards
//!   (includes `schema`).
//! - `cli`: the `nps-mfa-errors` command-line tool (includes `serve`).
//!
//! With no features the crate depends on `phf`, `strum` and `thiserror` only.
//!
//! # Where the data comes from
//!
//! `data/catalog.yaml`, built from every version of Microsoft's page *Resolve error messages
//! from the NPS extension for Microsoft Entra multifactor authentication* (2017 to 2025,
//! including machine-translated ones) and the NPS extension how-to, and `data/facts.yaml`;
//! [`documents`] lists the versions cited.
//!
//! # How it is built
//!
//! Data flows one way: `data/*.yaml` → the generator crate `nps-mfa-errors-codegen` (load,
//! validate, resolve, emit; called by `build.rs`) → generated Rust (`@generated` enums, static
//! records and `phf` maps, included from `OUT_DIR`) → this typed API → the CLI. Every name
//! lookup is one `phf` get; bad data never compiles, and the build says which file, record and
//! field is wrong.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod catalog;
mod error;
mod facts;
mod fold;
mod lookup;
mod suggest;
mod tolerant;

#[cfg(all(feature = "serde", feature = "scan"))]
pub mod explain;
#[cfg(feature = "serde")]
pub mod export;
#[cfg(feature = "scan")]
pub mod scan;
pub mod search;
#[cfg(feature = "serde")]
mod serde_impls;
#[cfg(feature = "serve")]
pub mod serve;

/// The README's examples, compiled and run as doctests (they use the default `scan` feature).
#[cfg(all(doctest, feature = "scan"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use catalog::{
    documents, Category, Document, Entry, ErrorCode, Link, Source, Wording, CODES, SCHEMA_VERSION,
};
pub use error::{Unknown, UnknownCategory, UnknownCode, UnknownName};
pub use facts::{
    endpoints, find_symptom, AuthProtocol, CertificateFact, Cloud, CloudValue, Endpoint,
    EventChannel, Method, MethodSupport, NpsDll, Phase, Related, Service, Setting, Symptom,
    Transport, REGISTRY_PATH, SETTINGS,
};
pub use lookup::{find_message, lookup, Lookup, MessageMatch, Name};
pub use tolerant::Similarity;
