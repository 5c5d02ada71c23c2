//! A deterministic generator of realistic NPS extension plain-text logs, for benchmarks and
//! load tests: ordinary NPS / RADIUS lines (requests received, access granted, accounting,
//! heartbeats), sometimes followed by `Trace ID:` / `Correlation ID:` continuation lines, and
//! about one line in a hundred carrying a documented code or a documented message.
//!
//! A workspace member used as a dev-dependency by `examples/gen_log.rs`, `benches/scan.rs` and
//! the scanner tests; it depends on nothing but the standard library and the crate itself.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::io::{self, Write};

use nps_mfa_errors::ErrorCode;

/// About one line in this many carries a documented code or message.
pub const CODE_LINE_EVERY: u64 = 100;

/// Writes a log of at most `bytes` bytes (and within one line of it) to `out`. The same `bytes`
/// and `seed` always give the same text. Lines end in `\n`.
///
/// # Errors
///
/// Whatever `out` returns.
pub fn generate(bytes: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let codes: Vec<&'static str> = ErrorCode::all().map(ErrorCode::as_str).collect();
    let mut rng = XorShift::new(seed);
    let mut line = String::with_capacity(512);
    let mut written = 0usize;
    // Milliseconds since 2026-11-20 00:00:00.
    let mut clock: u64 = 8 * 3_600_000;
    loop {
        line.clear();
        clock += rng.below(900) + 1;
        let stamp = timestamp(clock);
        if rng.below(CODE_LINE_EVERY) == 0 {
            code_line(&mut rng, &codes, &stamp, &mut line);
        } else {
            ordinary_line(&mut rng, &stamp, &mut line);
        }
        if written + line.len() > bytes {
            return Ok(());
        }
        out.write_all(line.as_bytes())?;
        written += line.len();
    }
}

/// `generate` into memory.
#[allow(dead_code)]
pub fn generate_vec(bytes: usize, seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes);
    generate(bytes, seed, &mut out).expect("writing to memory cannot fail");
    out
}

/// xorshift64*: small, fast and good enough to vary log lines.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        // A zero state would stay zero.
        XorShift(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const USERS: [&str; 12] = [
    "alice@contoso.com",
    "bob@contoso.com",
    r"CONTOSO\carol",
    "david@fabrikam.com",
    "emma@fabrikam.com",
    r"FABRIKAM\frank",
    "grace.hopper@contoso.com",
    "henry@contoso.com",
    "npstest1",
    "svc-vpn@contoso.com",
    "user@<redacted>",
    "xxxxx",
];
const CLIENTS: [(&str, &str); 4] = [
    ("10.0.4.21", "VPN-GW01"),
    ("10.0.4.22", "VPN-GW02"),
    ("10.0.8.5", "WIFI-CTRL"),
    ("192.168.10.40", "RDGW01"),
];
const POLICIES: [&str; 3] = ["VPN users", "Wireless staff", "Remote Desktop Gateway"];

/// Documented messages as the product logs them (with the product's own spelling).
const MESSAGES: [&str; 8] = [
    "NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User {user} with response state AccessReject, ignoring request.",
    "NPS Extension for Azure MFA: Challenge requested in Authentication Ext for User {user}",
    "NPS Extension for Azure MFA:  CID: {cid} :Exception in Authentication Ext for User {user} :: Error: Alternate LoginId lookup failed",
    "NPS Extension for Azure MFA:  CID: {cid} :Exception in Authentication Ext for User {user} :: Msg:: The specified user wasn't found",
    "NPS Extension for Azure MFA:  CID: {cid} :Exception in Authentication Ext for User {user} :: Msg:: Wrong code and pin entered. (OneWaySMS)",
    "NPS Extension for Azure MFA:  CID: {cid} :Exception in Authentication Ext for User {user} :: Msg:: Too many attempts by user in a short period of time. Throttling.",
    "NPS Extension for Azure MFA:  CID: {cid} :Exception in Authentication Ext for User {user} :: Msg:: Caller tenant does not have access permissions to do authentication for the user",
    "Radius Request missing mandatory Radius userName\\Identifier attribute.Verify that NPS is receiving RADIUS requests",
];

fn timestamp(ms: u64) -> String {
    let (h, m, s, milli) = (
        (ms / 3_600_000) % 24,
        (ms / 60_000) % 60,
        (ms / 1000) % 60,
        ms % 1000,
    );
    let (year, month, day) = civil_from_days(DAYS_TO_2026_11_20 + ms / 86_400_000);
    format!("{year}-{month:02}-{day:02} {h:02}:{m:02}:{s:02}.{milli:03}")
}

/// Days from 1970-01-01 to 2026-11-20.
const DAYS_TO_2026_11_20: u64 = 20_777;

/// The Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

fn guid(rng: &mut XorShift) -> String {
    let (a, b) = (rng.next(), rng.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

fn ordinary_line(rng: &mut XorShift, stamp: &str, line: &mut String) {
    use std::fmt::Write as _;
    let user = *rng.pick(&USERS);
    let (ip, client) = *rng.pick(&CLIENTS);
    let _ = match rng.below(10) {
        0 | 1 => writeln!(line, "{stamp} Radius request received from client {ip} ({client}) for User {user}"),
        2 => writeln!(
            line,
            "{stamp} NPS Extension for Azure MFA: Radius request received for User {user}; sending it to the cloud service."
        ),
        3 => writeln!(line, "{stamp} NPS granted access to user {user}. Network policy: {}", rng.pick(&POLICIES)),
        4 => writeln!(line, "{stamp} Access-Accept sent to client {ip} for User {user}"),
        5 => {
            let kind = *rng.pick(&["Start", "Stop", "Interim-Update"]);
            writeln!(line, "{stamp} Accounting-Request ({kind}) from {ip} for User {user}, session 0x{:08X}", rng.next() as u32)
        }
        6 => writeln!(
            line,
            "{stamp} NPS Extension for Azure MFA: User {user} approved the sign-in with the Authenticator app in {} ms",
            rng.below(20_000) + 800
        ),
        7 => writeln!(line, "{stamp} NPS extension heartbeat: {} requests handled in the last 5 minutes", rng.below(400)),
        8 => writeln!(
            line,
            "{stamp} Connection request policy 'Use Windows authentication for all users' matched the request from {client}"
        ),
        _ => writeln!(line, "{stamp}  NPS Extension for Azure MFA: token cache refreshed,  next refresh in {} s", rng.below(3600)),
    };
    if rng.below(8) == 0 {
        continuation(rng, stamp, line);
    }
}

fn code_line(rng: &mut XorShift, codes: &[&str], stamp: &str, line: &mut String) {
    use std::fmt::Write as _;
    let user = *rng.pick(&USERS);
    let cid = guid(rng);
    if rng.below(2) == 0 {
        let code = *rng.pick(codes);
        let _ = writeln!(
            line,
            "{stamp} NPS Extension for Azure MFA:  CID: {cid} :Exception in Authentication Ext for User {user} :: ErrorCode:: CID :{cid} {code} Msg:: The request could not be completed; see the documentation for {code}"
        );
    } else {
        let message = rng
            .pick(&MESSAGES)
            .replace("{user}", user)
            .replace("{cid}", &cid);
        let _ = writeln!(line, "{stamp} {message}");
    }
    if rng.below(2) == 0 {
        continuation(rng, stamp, line);
    }
}

fn continuation(rng: &mut XorShift, stamp: &str, line: &mut String) {
    use std::fmt::Write as _;
    let id = guid(rng);
    let _ = match rng.below(3) {
        0 => writeln!(line, "    Trace ID: {id}"),
        1 => writeln!(line, "Correlation ID: {id}"),
        _ => writeln!(line, "\tTrace ID: {id}\n\tTimestamp: {stamp}Z"),
    };
}
