//! The server's settings: where it listens, who may call and frame it, and its limits.

use std::net::SocketAddr;
use std::time::Duration;

/// How a [`Server`](super::Server) listens and what it allows.
///
/// ```
/// use nps_mfa_errors::serve::Config;
///
/// let config = Config::default();
/// assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
/// assert_eq!(config.max_body, 64 * 1024 * 1024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// The address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Origins (`https://portal.contoso.com`) whose pages may call the API from a browser.
    pub cors_origins: Vec<String>,
    /// Origins whose pages may show this server's pages in a frame; none means no framing.
    pub frame_ancestors: Vec<String>,
    /// The largest request body accepted, in bytes; larger ones get 413.
    pub max_body: u64,
    /// How long one request may take, body included; slower ones get 408.
    pub request_timeout: Duration,
    /// How long a client may take to send its request headers before it is disconnected.
    pub header_timeout: Duration,
    /// How many scans run at once; more wait for a free slot.
    pub max_scans: usize,
    /// How many connections are served at once; more are closed on arrival.
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            cors_origins: Vec::new(),
            frame_ancestors: Vec::new(),
            max_body: 64 * 1024 * 1024,
            request_timeout: Duration::from_secs(120),
            header_timeout: Duration::from_secs(10),
            max_scans: 2,
            max_connections: 1024,
        }
    }
}

/// The text is not a web origin (`scheme://host[:port]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a web origin: {reason}; write it as scheme://host[:port], e.g. https://portal.contoso.com")]
pub struct InvalidOrigin {
    input: String,
    reason: &'static str,
}

impl InvalidOrigin {
    /// The rejected input.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }
}

/// Checks a web origin for `--cors-origin` and `--frame-ancestors`: `http` or `https`, a host
/// (a leading `*.` wildcard is allowed), an optional port, no path. Returns it without a
/// trailing slash.
///
/// ```
/// use nps_mfa_errors::serve::parse_origin;
///
/// assert_eq!(parse_origin("https://portal.contoso.com/").unwrap(), "https://portal.contoso.com");
/// assert!(parse_origin("https://portal.contoso.com/app").is_err());
/// assert!(parse_origin("portal.contoso.com").is_err());
/// assert_eq!(parse_origin("HTTPS://Portal.Contoso.com").unwrap(), "https://portal.contoso.com");
/// ```
pub fn parse_origin(input: &str) -> Result<String, InvalidOrigin> {
    let fail = |reason| InvalidOrigin {
        input: input.to_owned(),
        reason,
    };
    // Scheme and host are case-insensitive, and browsers send them lower-case in `Origin`.
    let lower = input.trim().to_ascii_lowercase();
    let trimmed = lower.strip_suffix('/').unwrap_or(&lower);
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| fail("it must start with http:// or https://"))?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    if host.is_empty() {
        return Err(fail("the host is missing"));
    }
    let host_body = host.strip_prefix("*.").unwrap_or(host);
    let host_ok = host_body
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    if !host_ok || host_body.is_empty() {
        return Err(fail(
            "the host may hold only letters, digits, dots and hyphens (no path)",
        ));
    }
    if let Some(port) = port {
        if port.parse::<u16>().is_err() {
            return Err(fail("the port must be a number up to 65535"));
        }
    }
    Ok(trimmed.to_owned())
}
