//! Security audit events of Network Policy Server: 6272 (granted access), 6273 (denied access)
//! and 6274 (discarded the request), from their XML fields (`<Data Name="ReasonCode">`) or
//! their rendered message (`wevtutil qe /f:text`, Event Viewer, the CSV `Message` column).

use std::sync::Arc;

use super::time::EventTime;

/// The Security event IDs of NPS decisions.
pub const NPS_EVENT_IDS: [u32; 3] = [6272, 6273, 6274];
/// The reason code NPS logs when an extension DLL (such as the MFA extension) rejects a
/// request.
pub const REASON_EXTENSION_REJECTED: u32 = 21;

/// One NPS decision from the Security log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct NpsEvent {
    /// 6272, 6273 or 6274.
    pub event_id: u32,
    /// The reason code (`None` when the event gives none, as 6272 does).
    pub reason_code: Option<u32>,
    /// The reason, as logged.
    pub reason: Option<String>,
    /// User — Security ID.
    pub security_id: Option<String>,
    /// User — Account Name.
    pub account_name: Option<String>,
    /// User — Account Domain.
    pub account_domain: Option<String>,
    /// User — Fully Qualified Account Name.
    pub qualified_name: Option<String>,
    /// Client Machine — Account Name.
    pub client_machine: Option<String>,
    /// Client Machine — Calling Station Identifier.
    pub calling_station: Option<String>,
    /// NAS — IPv4 Address.
    pub nas_ipv4: Option<String>,
    /// NAS — IPv6 Address.
    pub nas_ipv6: Option<String>,
    /// NAS — Identifier.
    pub nas_identifier: Option<String>,
    /// NAS — Port-Type.
    pub nas_port_type: Option<String>,
    /// NAS — Port.
    pub nas_port: Option<String>,
    /// RADIUS Client — Friendly Name.
    pub client_name: Option<String>,
    /// RADIUS Client — IP Address.
    pub client_ip: Option<String>,
    /// Connection Request Policy Name (Proxy Policy Name in XML).
    pub request_policy: Option<String>,
    /// Network Policy Name.
    pub network_policy: Option<String>,
    /// Authentication Provider.
    pub auth_provider: Option<String>,
    /// Authentication Server.
    pub auth_server: Option<String>,
    /// Authentication Type.
    pub auth_type: Option<String>,
    /// EAP Type.
    pub eap_type: Option<String>,
    /// Account Session Identifier.
    pub session_id: Option<String>,
    /// When it was logged.
    pub time: Option<EventTime>,
    /// The export it comes from.
    pub file: Option<Arc<str>>,
    /// 1-based line where the event starts in its export.
    pub line: u64,
    /// `EventRecordID`, where the export carries it.
    pub record_id: Option<u64>,
    /// The computer that logged it, where the export carries it.
    pub computer: Option<String>,
    /// The event's own text (at most 2 KiB, control characters removed).
    pub logged: Option<String>,
}

/// (XML `Data Name`, message section, message label, setter).
type Setter = fn(&mut NpsEvent, String);
const FIELDS: [(&str, &str, &str, Setter); 22] = [
    ("SubjectUserSid", "user", "security id", |e, v| {
        e.security_id = Some(v)
    }),
    ("SubjectUserName", "user", "account name", |e, v| {
        e.account_name = Some(v)
    }),
    ("SubjectDomainName", "user", "account domain", |e, v| {
        e.account_domain = Some(v)
    }),
    (
        "FullyQualifiedSubjectUserName",
        "user",
        "fully qualified account name",
        |e, v| e.qualified_name = Some(v),
    ),
    (
        "SubjectMachineName",
        "client machine",
        "account name",
        |e, v| e.client_machine = Some(v),
    ),
    (
        "CallingStationID",
        "client machine",
        "calling station identifier",
        |e, v| e.calling_station = Some(v),
    ),
    ("NASIPv4Address", "nas", "nas ipv4 address", |e, v| {
        e.nas_ipv4 = Some(v)
    }),
    ("NASIPv6Address", "nas", "nas ipv6 address", |e, v| {
        e.nas_ipv6 = Some(v)
    }),
    ("NASIdentifier", "nas", "nas identifier", |e, v| {
        e.nas_identifier = Some(v)
    }),
    ("NASPortType", "nas", "nas port-type", |e, v| {
        e.nas_port_type = Some(v)
    }),
    ("NASPort", "nas", "nas port", |e, v| e.nas_port = Some(v)),
    (
        "ClientName",
        "radius client",
        "client friendly name",
        |e, v| e.client_name = Some(v),
    ),
    (
        "ClientIPAddress",
        "radius client",
        "client ip address",
        |e, v| e.client_ip = Some(v),
    ),
    (
        "ProxyPolicyName",
        "authentication details",
        "connection request policy name",
        |e, v| e.request_policy = Some(v),
    ),
    (
        "NetworkPolicyName",
        "authentication details",
        "network policy name",
        |e, v| e.network_policy = Some(v),
    ),
    (
        "AuthenticationProvider",
        "authentication details",
        "authentication provider",
        |e, v| e.auth_provider = Some(v),
    ),
    (
        "AuthenticationServer",
        "authentication details",
        "authentication server",
        |e, v| e.auth_server = Some(v),
    ),
    (
        "AuthenticationType",
        "authentication details",
        "authentication type",
        |e, v| e.auth_type = Some(v),
    ),
    ("EAPType", "authentication details", "eap type", |e, v| {
        e.eap_type = Some(v)
    }),
    (
        "AccountSessionIdentifier",
        "authentication details",
        "account session identifier",
        |e, v| e.session_id = Some(v),
    ),
    (
        "ReasonCode",
        "authentication details",
        "reason code",
        |e, v| e.reason_code = v.trim().parse().ok(),
    ),
    ("Reason", "authentication details", "reason", |e, v| {
        e.reason = Some(v)
    }),
];

/// The message sections of the event, lower-cased.
const SECTIONS: [&str; 5] = [
    "user",
    "client machine",
    "nas",
    "radius client",
    "authentication details",
];

impl NpsEvent {
    /// An event from its XML `EventData` fields (`Data Name` and text).
    #[must_use]
    pub fn from_fields<'a>(
        event_id: u32,
        fields: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> NpsEvent {
        let mut event = NpsEvent {
            event_id,
            ..NpsEvent::default()
        };
        for (name, value) in fields {
            if let Some((.., set)) = FIELDS.iter().find(|f| f.0.eq_ignore_ascii_case(name)) {
                if let Some(value) = meaningful(value) {
                    set(&mut event, value);
                }
            }
        }
        event
    }

    /// An event from its rendered message: `Label: value` lines under the `User:`, `Client
    /// Machine:`, `NAS:`, `RADIUS Client:` and `Authentication Details:` headings.
    ///
    /// ```
    /// use nps_mfa_errors::scan::NpsEvent;
    ///
    /// let message = "Network Policy Server denied access to a user.\r\n\r\nUser:\r\n\tSecurity ID:\t\t\tCONTOSO\\alice\r\n\tAccount Name:\t\t\talice@contoso.com\r\n\r\nAuthentication Details:\r\n\tReason Code:\t\t\t21\r\n\tReason:\t\t\t\tAn NPS extension dynamic link library (DLL) that is installed on the NPS server rejected the connection request.\r\n";
    /// let event = NpsEvent::from_message(6273, message);
    /// assert_eq!(event.reason_code, Some(21));
    /// assert_eq!(event.user(), Some("alice@contoso.com"));
    /// ```
    #[must_use]
    pub fn from_message(event_id: u32, message: &str) -> NpsEvent {
        let mut event = NpsEvent {
            event_id,
            ..NpsEvent::default()
        };
        let mut section = "";
        for line in message.lines() {
            let Some((label, value)) = line.split_once(':') else {
                continue;
            };
            let label = label.trim().to_ascii_lowercase();
            let indented = line.starts_with([' ', '\t']);
            if !indented && value.trim().is_empty() {
                if let Some(known) = SECTIONS.iter().find(|s| **s == label) {
                    section = known;
                }
                continue;
            }
            let field = FIELDS.iter().find(|f| f.1 == section && f.2 == label);
            if let (Some((.., set)), Some(value)) = (field, meaningful(value)) {
                set(&mut event, value);
            }
        }
        event
    }

    /// The user the decision is about: the account name, else the fully qualified one.
    #[must_use]
    pub fn user(&self) -> Option<&str> {
        self.account_name
            .as_deref()
            .or(self.qualified_name.as_deref())
    }

    /// The RADIUS client: friendly name, else its IP address.
    #[must_use]
    pub fn client(&self) -> Option<&str> {
        self.client_name.as_deref().or(self.client_ip.as_deref())
    }

    /// `granted`, `denied` or `discarded`.
    #[must_use]
    pub fn decision(&self) -> &'static str {
        match self.event_id {
            6272 => "granted",
            6273 => "denied",
            _ => "discarded",
        }
    }

    /// True when an NPS extension DLL rejected the request (reason code 21).
    #[must_use]
    pub fn extension_rejected(&self) -> bool {
        self.reason_code == Some(REASON_EXTENSION_REJECTED)
    }

    /// The documented fields a denied or discarded event must carry that this one lacks.
    #[must_use]
    pub fn missing_fields(&self) -> Vec<&'static str> {
        let mut missing = vec![];
        if self.user().is_none() {
            missing.push("User: Account Name");
        }
        if self.event_id != 6272 && self.reason_code.is_none() {
            missing.push("Authentication Details: Reason Code");
        }
        missing
    }
}

/// True for the message of an NPS decision, whatever carries it.
#[must_use]
pub fn is_nps_message(text: &str) -> bool {
    [
        "Network Policy Server granted",
        "Network Policy Server denied",
        "Network Policy Server discarded",
    ]
    .iter()
    .any(|p| text.contains(p))
}

/// The event ID an NPS message stands for, from its first sentence.
#[must_use]
pub fn nps_event_id(text: &str) -> Option<u32> {
    if text.contains("Network Policy Server granted") {
        Some(6272)
    } else if text.contains("Network Policy Server denied") {
        Some(6273)
    } else if text.contains("Network Policy Server discarded") {
        Some(6274)
    } else {
        None
    }
}

fn meaningful(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value != "-").then(|| value.to_owned())
}

/// At most 2 KiB of an event's text, control characters removed (line ends become spaces,
/// runs of blanks one space).
///
/// ```
/// assert_eq!(nps_mfa_errors::scan::clean_logged("a\r\n\tb\u{7}c"), "a bc");
/// ```
#[must_use]
pub fn clean_logged(text: &str) -> String {
    let text = text.trim();
    // ASCII (most logs) is read byte by byte, without decoding characters.
    if text.is_ascii() {
        clean(text.bytes().map(char::from), text.len())
    } else {
        clean(text.chars(), text.len())
    }
}

/// [`clean_logged`]'s rules over the characters of trimmed text `len` bytes long.
fn clean(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len.min(2048));
    let mut blank = false;
    for c in chars {
        let space = c.is_whitespace();
        if c.is_control() && !space {
            continue;
        }
        if space {
            if !blank {
                blank = true;
                if out.len() < 2048 {
                    out.push(' ');
                }
            }
            continue;
        }
        blank = false;
        if out.len() + c.len_utf8() > 2048 {
            break;
        }
        out.push(c);
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_cleaned_as_characters_are() {
        for byte in 0..=127_u8 {
            for text in [
                vec![byte],
                vec![b'a', byte, byte, b'z'],
                vec![b' ', byte, b'\n'],
            ] {
                let text = String::from_utf8(text).unwrap();
                let trimmed = text.trim();
                assert_eq!(
                    clean(trimmed.bytes().map(char::from), trimmed.len()),
                    clean(trimmed.chars(), trimmed.len()),
                    "{text:?}"
                );
            }
        }
        let long = "word \t".repeat(1000);
        let long = long.trim();
        assert_eq!(
            clean(long.bytes().map(char::from), long.len()),
            clean(long.chars(), long.len())
        );
    }

    pub(crate) const DENIED_21: &str = "Network Policy Server denied access to a user.\r\n\r\nContact the Network Policy Server administrator for more information.\r\n\r\nUser:\r\n\tSecurity ID:\t\t\tCONTOSO\\alice\r\n\tAccount Name:\t\t\talice@contoso.com\r\n\tAccount Domain:\t\t\tCONTOSO\r\n\tFully Qualified Account Name:\tCONTOSO\\alice\r\n\r\nClient Machine:\r\n\tSecurity ID:\t\t\tNULL SID\r\n\tAccount Name:\t\t\t-\r\n\tCalling Station Identifier:\t\t203.0.113.7\r\n\r\nNAS:\r\n\tNAS IPv4 Address:\t\t10.0.0.5\r\n\tNAS IPv6 Address:\t\t-\r\n\tNAS Identifier:\t\t\tvpn01\r\n\tNAS Port-Type:\t\t\tVirtual\r\n\tNAS Port:\t\t\t7\r\n\r\nRADIUS Client:\r\n\tClient Friendly Name:\t\tVPN gateway\r\n\tClient IP Address:\t\t\t10.0.0.5\r\n\r\nAuthentication Details:\r\n\tConnection Request Policy Name:\tUse Windows authentication for all users\r\n\tNetwork Policy Name:\t\tVPN users\r\n\tAuthentication Provider:\t\tWindows\r\n\tAuthentication Server:\t\tnps01.contoso.com\r\n\tAuthentication Type:\t\tPAP\r\n\tEAP Type:\t\t\t-\r\n\tAccount Session Identifier:\t\t-\r\n\tLogging Results:\t\t\tAccounting information was written to the local log file.\r\n\tReason Code:\t\t\t21\r\n\tReason:\t\t\t\tAn NPS extension dynamic link library (DLL) that is installed on the NPS server rejected the connection request.\r\n";

    #[test]
    fn every_documented_field_of_a_6273_message_is_read() {
        let event = NpsEvent::from_message(6273, DENIED_21);
        assert_eq!(event.security_id.as_deref(), Some("CONTOSO\\alice"));
        assert_eq!(event.user(), Some("alice@contoso.com"));
        assert_eq!(event.account_domain.as_deref(), Some("CONTOSO"));
        assert_eq!(event.qualified_name.as_deref(), Some("CONTOSO\\alice"));
        assert_eq!(event.client_machine, None, "a dash is no value");
        assert_eq!(event.calling_station.as_deref(), Some("203.0.113.7"));
        assert_eq!(event.nas_ipv4.as_deref(), Some("10.0.0.5"));
        assert_eq!(event.nas_identifier.as_deref(), Some("vpn01"));
        assert_eq!(event.nas_port_type.as_deref(), Some("Virtual"));
        assert_eq!(event.nas_port.as_deref(), Some("7"));
        assert_eq!(event.client(), Some("VPN gateway"));
        assert_eq!(event.client_ip.as_deref(), Some("10.0.0.5"));
        assert_eq!(
            event.request_policy.as_deref(),
            Some("Use Windows authentication for all users")
        );
        assert_eq!(event.network_policy.as_deref(), Some("VPN users"));
        assert_eq!(event.auth_server.as_deref(), Some("nps01.contoso.com"));
        assert_eq!(event.auth_type.as_deref(), Some("PAP"));
        assert!(event.extension_rejected());
        assert!(event.reason.unwrap().starts_with("An NPS extension"));
        assert!(NpsEvent::from_message(6273, DENIED_21)
            .missing_fields()
            .is_empty());
    }

    #[test]
    fn xml_fields_read_by_their_data_names() {
        let event = NpsEvent::from_fields(
            6273,
            [
                ("SubjectUserName", "bob@contoso.com"),
                ("ReasonCode", "16"),
                ("NetworkPolicyName", "-"),
            ],
        );
        assert_eq!(event.user(), Some("bob@contoso.com"));
        assert_eq!(event.reason_code, Some(16));
        assert_eq!(event.network_policy, None);
    }

    #[test]
    fn an_event_missing_fields_says_which() {
        let event =
            NpsEvent::from_message(6273, "Network Policy Server denied access to a user.\r\n");
        assert_eq!(
            event.missing_fields(),
            ["User: Account Name", "Authentication Details: Reason Code"]
        );
    }

    #[test]
    fn logged_text_is_cut_at_2_kib_on_a_character_boundary() {
        let long = "é".repeat(3000);
        let cleaned = clean_logged(&long);
        assert!(cleaned.len() <= 2048);
        assert!(cleaned.chars().all(|c| c == 'é'));
    }
}
