//! The `serve` subcommand against a real listening server, its pages in Chromium, and the
//! SIEM exports checked by the engines' own tools.

mod api;
mod browser;
mod browser_bundle;
mod bundle_upload;
mod hostile;
mod kql;
mod limits;
mod lookup;
mod same_as_cli;
mod scan;
mod schema;
mod support;
mod webdriver;
