//! The JSON Lines records of `scan --json` (feature `serde`): every record has `kind`
//! (`"extension"`, `"nps"` or `"config"`); times are RFC 3339 strings (`Z` for UTC, no offset
//! for a local time); `null` where unknown.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::bundle::Record;
use super::config_audit::{ConfigRecord, Verdict};
use super::security::NpsEvent;
use super::time::EventTime;

impl Serialize for EventTime {
    /// The RFC 3339 text (`2026-11-20T09:14:03Z`, or `2026-11-20T09:14:03` when local).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Verdict {
    /// `unknown`, `ok`, `warning` or `error`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for NpsEvent {
    /// `kind` (`"nps"`), `event_id`, `decision`, `reason_code` (an integer), `reason`, `user`,
    /// `qualified_user`, `client`, `client_ip`, `nas`, `policy`, `request_policy`,
    /// `auth_type`, `auth_server`, `time`, `file`, `line`, `record_id`, `computer`, `logged`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("NpsEvent", 20)?;
        s.serialize_field("kind", "nps")?;
        s.serialize_field("event_id", &self.event_id)?;
        s.serialize_field("decision", self.decision())?;
        s.serialize_field("reason_code", &self.reason_code)?;
        s.serialize_field("reason", &self.reason)?;
        s.serialize_field("user", &self.user())?;
        s.serialize_field("qualified_user", &self.qualified_name)?;
        s.serialize_field("client", &self.client())?;
        s.serialize_field("client_ip", &self.client_ip)?;
        s.serialize_field(
            "nas",
            &self.nas_identifier.as_ref().or(self.nas_ipv4.as_ref()),
        )?;
        s.serialize_field("policy", &self.network_policy)?;
        s.serialize_field("request_policy", &self.request_policy)?;
        s.serialize_field("auth_type", &self.auth_type)?;
        s.serialize_field("auth_server", &self.auth_server)?;
        s.serialize_field("time", &self.time)?;
        s.serialize_field("file", &self.file.as_deref())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("record_id", &self.record_id)?;
        s.serialize_field("computer", &self.computer)?;
        s.serialize_field("logged", &self.logged)?;
        s.end()
    }
}

impl Serialize for ConfigRecord {
    /// `kind` (`"config"`), `setting`, `value` (`null` when missing), `file`, `line`, `key`,
    /// `verdict`, `cloud` (`public`, `government`, `china` or `null`), `message`, `source`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ConfigRecord", 10)?;
        s.serialize_field("kind", "config")?;
        s.serialize_field("setting", &self.setting)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("file", &self.file.as_deref())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("key", &self.key)?;
        s.serialize_field("verdict", &self.verdict)?;
        s.serialize_field("cloud", &self.cloud.map(crate::Cloud::as_str))?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("source", &self.source)?;
        s.end()
    }
}

impl Serialize for Record {
    /// The record of its kind.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Record::Extension(finding) => finding.serialize(serializer),
            Record::Nps(event) => event.serialize(serializer),
            Record::Config(config) => config.serialize(serializer),
        }
    }
}
