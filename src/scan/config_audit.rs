//! The configuration audit: the extension's registry values (`HKLM\SOFTWARE\Microsoft\AzureMfa`)
//! and the NPS `AuthSrv\Parameters` values that load it, checked against `data/facts.yaml`.
//! Each value gets a [`ConfigRecord`] whose verdict explains itself and cites its source.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::registry::{RegistryKey, RegistryValue};
use crate::lookup::strip_prefix_ignore_case;
use crate::{Cloud, NpsDll, Setting, Source};

/// How a value fares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Verdict {
    /// Not a value the documents describe, so not checked.
    Unknown,
    /// As documented.
    Ok,
    /// Doubtful: works, but probably not what was meant (VERBOSE_LOG left on, an unknown host).
    Warning,
    /// Breaks the extension: a blank or wrong DLL value, a required value missing, two clouds.
    Error,
}

impl Verdict {
    /// `unknown`, `ok`, `warning` or `error`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Unknown => "unknown",
            Verdict::Ok => "ok",
            Verdict::Warning => "warning",
            Verdict::Error => "error",
        }
    }
}

/// One checked registry value (or a required value that is missing).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigRecord {
    /// The key the value belongs to.
    pub key: String,
    /// The value's name.
    pub setting: String,
    /// Its data (`REG_MULTI_SZ` items joined with `;`); `None` when missing.
    pub value: Option<String>,
    /// The dump it comes from.
    pub file: Option<Arc<str>>,
    /// 1-based line in the dump; 0 for a missing value.
    pub line: u64,
    /// The verdict.
    pub verdict: Verdict,
    /// The cloud a host or URL value belongs to, if recognised.
    pub cloud: Option<Cloud>,
    /// Why, in words, with what to do.
    pub message: String,
    /// The fact's source: document, date and section.
    pub source: Option<String>,
}

/// Audits every key of a dump the audit knows (AzureMfa, AuthSrv Parameters); other keys are
/// left out.
///
/// ```
/// use nps_mfa_errors::scan::{audit_registry, parse_registry, Verdict};
///
/// let dump = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\r\n    VERBOSE_LOG    REG_SZ    TRUE\r\n";
/// let records = audit_registry(&parse_registry(dump).0, None);
/// assert_eq!(records[0].verdict, Verdict::Warning);
/// ```
#[must_use]
pub fn audit_registry(keys: &[RegistryKey], file: Option<&Arc<str>>) -> Vec<ConfigRecord> {
    let mut records = vec![];
    for key in keys {
        let path = key.path.to_ascii_lowercase();
        if path.ends_with("\\software\\microsoft\\azuremfa") {
            audit_azure_mfa(key, file, &mut records);
        } else if path.ends_with("\\services\\authsrv\\parameters") {
            audit_authsrv(key, file, &mut records);
        }
    }
    records
}

/// The dump that replaces `file`, when `file` is a snapshot the health-check script took
/// before its changes (`BeforeRegAdd_AzureMfa.txt`) and the one it took after them
/// (`AfterRegAdd_AzureMfa.txt`, in the same folder) is among `records`: the after snapshot is
/// the configuration NPS runs with, so the before one's verdicts are not counted.
///
/// ```
/// use nps_mfa_errors::scan::{audit_registry, parse_registry, superseded_by};
/// use std::sync::Arc;
///
/// let dump = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\r\n    VERBOSE_LOG    REG_SZ    TRUE\r\n";
/// let keys = parse_registry(dump).0;
/// let mut records = audit_registry(&keys, Some(&Arc::from("C:/NPS/BeforeRegAdd_AzureMfa.txt")));
/// assert_eq!(superseded_by("C:/NPS/BeforeRegAdd_AzureMfa.txt", &records), None);
/// records.extend(audit_registry(&keys, Some(&Arc::from("C:/NPS/AfterRegAdd_AzureMfa.txt"))));
/// assert_eq!(
///     superseded_by("C:/NPS/BeforeRegAdd_AzureMfa.txt", &records),
///     Some("C:/NPS/AfterRegAdd_AzureMfa.txt")
/// );
/// ```
#[must_use]
pub fn superseded_by<'a>(file: &str, records: &'a [ConfigRecord]) -> Option<&'a str> {
    /// The folder (with its separator) and the file name.
    fn parts(path: &str) -> (&str, &str) {
        path.split_at(path.rfind(['/', '\\']).map_or(0, |at| at + 1))
    }
    let (folder, name) = parts(file);
    let dump = strip_prefix_ignore_case(name, "BeforeRegAdd_")?;
    records
        .iter()
        .filter_map(|record| record.file.as_deref())
        .find(|other| {
            let (other_folder, other_name) = parts(other);
            other_folder == folder
                && strip_prefix_ignore_case(other_name, "AfterRegAdd_")
                    .is_some_and(|other_dump| other_dump.eq_ignore_ascii_case(dump))
        })
}

fn record(key: &RegistryKey, value: &RegistryValue, file: Option<&Arc<str>>) -> ConfigRecord {
    ConfigRecord {
        key: key.path.clone(),
        setting: value.name.clone(),
        value: Some(value.text()),
        file: file.cloned(),
        line: value.line,
        verdict: Verdict::Ok,
        cloud: None,
        message: String::new(),
        source: None,
    }
}

/// `Title (date), section "..."` of the first source.
pub(crate) fn cite(sources: &[Source]) -> Option<String> {
    sources.first().map(|s| {
        format!(
            "{} ({}), section \"{}\"",
            s.document().title(),
            s.document().date(),
            s.section()
        )
    })
}

fn audit_azure_mfa(key: &RegistryKey, file: Option<&Arc<str>>, out: &mut Vec<ConfigRecord>) {
    let start = out.len();
    for value in &key.values {
        let mut rec = record(key, value, file);
        match Setting::from_name(&value.name) {
            Some(setting) => judge_setting(setting, value, &mut rec),
            None => {
                rec.verdict = Verdict::Unknown;
                rec.message = format!(
                    "{} is not one of the settings the documents describe; not checked.",
                    value.name
                );
            }
        }
        out.push(rec);
    }
    mixed_clouds(&mut out[start..]);
    missing_cloud_values(key, file, out, start);
}

fn judge_setting(setting: Setting, value: &RegistryValue, rec: &mut ConfigRecord) {
    let data = value.text();
    rec.source = cite(setting.sources());
    if !setting.cloud_values().is_empty() {
        return judge_cloud_value(setting, &data, rec);
    }
    let upper = data.trim().to_ascii_uppercase();
    let (verdict, message) = match setting {
        Setting::VerboseLog if upper == "TRUE" => (Verdict::Warning, "VERBOSE_LOG is still TRUE: debug logging was left on after collecting logs. Set it back to FALSE and restart the NPS service.".to_owned()),
        Setting::RequireUserMatch if upper == "FALSE" => (Verdict::Warning, "REQUIRE_USER_MATCH is FALSE: users who are not enrolled for MFA sign in without MFA. It is meant for the onboarding period only; remove it before production.".to_owned()),
        Setting::IpWhitelist if !valid_ip_list(&data) => (Verdict::Warning, "IP_WHITELIST should be IPv4 addresses separated by semicolons, without ranges or subnets; entries that are not are not matched.".to_owned()),
        Setting::LdapLookupForests if data.trim().contains(' ') && !data.contains(';') => (Verdict::Warning, "LDAP_LOOKUP_FORESTS separates forests with semicolons, not spaces; this value makes the alternate login ID lookup fail.".to_owned()),
        _ if setting.values() == "TRUE/FALSE" && !matches!(upper.as_str(), "TRUE" | "FALSE") => (Verdict::Warning, format!("{} = {}: the documented values are the strings TRUE and FALSE (REG_SZ); write one of them, then restart the NPS service.", value.name, if data.is_empty() { "(blank)" } else { data.as_str() })),
        _ if matches!(upper.as_str(), "TRUE" | "FALSE") || setting.value_type() != "string" || !data.is_empty() => (Verdict::Ok, format!("{} = {}, a documented value. The setting: {}", value.name, data, setting.summary())),
        _ => (Verdict::Ok, format!("{} is empty: {}", value.name, setting.when_missing())),
    };
    rec.verdict = verdict;
    rec.message = message;
}

fn valid_ip_list(data: &str) -> bool {
    data.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .all(|s| s.parse::<std::net::Ipv4Addr>().is_ok())
}

fn judge_cloud_value(setting: Setting, data: &str, rec: &mut ConfigRecord) {
    let cloud = detect_cloud(data);
    rec.cloud = cloud;
    let name = setting.as_str();
    match cloud {
        Some(cloud) => {
            let documented = setting.cloud_value(cloud);
            let expected = documented.map_or("", |cv| cv.value());
            if let Some(cv) = documented {
                rec.source = cite(cv.sources()).or(rec.source.take());
            }
            // Another setting's value for the same cloud: the pages moved hosts between keys
            // (the 2019-11 page set the adnotifications host through AZURE_MFA_HOSTNAME).
            let moved = Setting::all().find(|other| {
                *other != setting
                    && other
                        .value_for(cloud)
                        .is_some_and(|value| same_host_value(data, value))
            });
            if same_host_value(data, expected) {
                rec.message = format!("{name} is the documented {} value.", cloud.title());
            } else if let Some(other) = moved {
                rec.verdict = Verdict::Warning;
                let note = documented
                    .and_then(|cv| cv.note())
                    .map(|note| format!(" {note}"))
                    .unwrap_or_default();
                rec.message = format!(
                    "{name} = {data}: that host is now the documented {} value of {other}.\
                     {note} Set {name} = {expected} and {other} = {data}, then restart the NPS \
                     service.",
                    cloud.title()
                );
            } else {
                rec.verdict = Verdict::Warning;
                rec.message = format!("{name} = {data} looks like {}, whose documented value is {expected}; check for a typo.", cloud.title());
            }
        }
        None => {
            rec.verdict = Verdict::Warning;
            rec.message = format!("{name} = {data} is no documented host of any cloud; the extension cannot reach its service unless this is deliberate.");
        }
    }
}

fn same_host_value(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().trim_end_matches('/').to_ascii_lowercase();
    norm(a) == norm(b)
}

/// Values from two clouds: every cloud-valued record becomes an error naming both.
fn mixed_clouds(records: &mut [ConfigRecord]) {
    let clouds: BTreeMap<&'static str, Vec<String>> = records
        .iter()
        .filter_map(|r| r.cloud.map(|c| (c.title(), r.setting.clone())))
        .fold(BTreeMap::new(), |mut map, (cloud, setting)| {
            map.entry(cloud).or_insert_with(Vec::new).push(setting);
            map
        });
    if clouds.len() < 2 {
        return;
    }
    let summary: Vec<String> = clouds
        .iter()
        .map(|(cloud, settings)| format!("{} ({cloud})", settings.join(", ")))
        .collect();
    for rec in records.iter_mut().filter(|r| r.cloud.is_some()) {
        rec.verdict = Verdict::Error;
        rec.message = format!(
            "{} Values from different clouds: {}. Every host and URL value must come from one cloud; set all of them to that cloud's values and restart the NPS service.",
            rec.message,
            summary.join(" vs ")
        );
        rec.source = cite(rec.cloud.map_or(&[][..], Cloud::sources)).or(rec.source.take());
    }
}

/// Outside the public cloud, the cloud's three values are all required.
fn missing_cloud_values(
    key: &RegistryKey,
    file: Option<&Arc<str>>,
    out: &mut Vec<ConfigRecord>,
    start: usize,
) {
    let clouds: Vec<Cloud> = out[start..].iter().filter_map(|r| r.cloud).collect();
    let Some(cloud) = clouds.iter().copied().find(|c| *c != Cloud::Public) else {
        return;
    };
    for setting in Setting::all().filter(|s| s.value_for(cloud).is_some()) {
        if key.values.iter().any(|v| v.name == setting.as_str()) {
            continue;
        }
        out.push(ConfigRecord {
            key: key.path.clone(),
            setting: setting.as_str().to_owned(),
            value: None,
            file: file.cloned(),
            line: 0,
            verdict: Verdict::Error,
            cloud: Some(cloud),
            message: format!(
                "{} is missing: the other values are {}, which needs {} = {} on every NPS server; without it the extension uses the public cloud.",
                setting.as_str(),
                cloud.title(),
                setting.as_str(),
                setting.value_for(cloud).unwrap_or_default()
            ),
            // The page that documents this value for this cloud (not the cloud's first source,
            // which may predate the key).
            source: setting
                .cloud_value(cloud)
                .and_then(|cv| cite(cv.sources()))
                .or_else(|| cite(cloud.sources())),
        });
    }
}

fn audit_authsrv(key: &RegistryKey, file: Option<&Arc<str>>, out: &mut Vec<ConfigRecord>) {
    for dll in NpsDll::all() {
        let found = key
            .values
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(dll.name()));
        let mut rec = match found {
            Some(value) => record(key, value, file),
            None => ConfigRecord {
                key: key.path.clone(),
                setting: dll.name().to_owned(),
                value: None,
                file: file.cloned(),
                line: 0,
                verdict: Verdict::Error,
                cloud: None,
                message: String::new(),
                source: None,
            },
        };
        rec.source = cite(dll.sources());
        (rec.verdict, rec.message) = judge_dll(dll, found);
        out.push(rec);
    }
}

/// The verdict on one DLL value: missing, blank or other → error; the DLL and others → warning.
fn judge_dll(dll: NpsDll, found: Option<&RegistryValue>) -> (Verdict, String) {
    let (name, expected, role) = (dll.name(), dll.value(), dll.role());
    let items: Vec<&str> = found.map_or(vec![], |v| {
        v.data
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect()
    });
    let has = items.iter().any(|i| i.eq_ignore_ascii_case(expected));
    if found.is_none() {
        (Verdict::Error, format!("{name} is missing: NPS does not load {role}, so no request gets MFA. Set it to {expected} (REG_MULTI_SZ) and restart the NPS service."))
    } else if items.is_empty() {
        (Verdict::Error, format!("{name} is blank: NPS does not load {role}, so no request gets MFA. Option 1 of the health-check script blanks it to bypass MFA while testing; restore {expected} and restart the NPS service."))
    } else if !has {
        (Verdict::Error, format!("{name} names {} instead of {expected}: NPS does not load {role}. Restore it and restart the NPS service.", items.join(";")))
    } else if items.len() > 1 {
        let others: Vec<&str> = items
            .iter()
            .filter(|i| !i.eq_ignore_ascii_case(expected))
            .copied()
            .collect();
        (Verdict::Warning, format!("{name} loads {role} and also {}; another DLL in the chain can reject or change requests before or after MFA.", others.join(";")))
    } else {
        (Verdict::Ok, format!("{name} loads {role} as installed."))
    }
}

/// The cloud a host or URL belongs to, from the per-cloud values and endpoints of
/// `data/facts.yaml`: an exact host, else the documented host sharing the longest domain suffix
/// (at least two labels).
///
/// ```
/// use nps_mfa_errors::scan::detect_cloud;
/// use nps_mfa_errors::Cloud;
///
/// assert_eq!(detect_cloud("https://login.microsoftonline.us/"), Some(Cloud::Government));
/// assert_eq!(detect_cloud("adnotifications.windowsazure.cn"), Some(Cloud::China));
/// assert_eq!(detect_cloud("example.org"), None);
/// ```
#[must_use]
pub fn detect_cloud(value: &str) -> Option<Cloud> {
    let host = host_of(value)?;
    let mut best: Option<(usize, Cloud)> = None;
    let mut tie = false;
    for (known, cloud) in known_hosts() {
        let shared = shared_labels(&host, &known);
        let enough = shared >= 2 || (shared >= 1 && host == known);
        if !enough {
            continue;
        }
        match best {
            Some((n, c)) if n == shared && c != cloud => tie = true,
            Some((n, _)) if n >= shared => {}
            _ => {
                best = Some((shared, cloud));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, cloud)| cloud)
}

fn known_hosts() -> Vec<(String, Cloud)> {
    let mut hosts: Vec<(String, Cloud)> = Setting::all()
        .flat_map(|s| s.cloud_values().iter())
        .filter_map(|cv| host_of(cv.value()).map(|h| (h, cv.cloud())))
        .collect();
    for endpoint in crate::facts::endpoints() {
        if let ([cloud], Some(host)) = (endpoint.clouds(), endpoint.host()) {
            hosts.push((host.to_ascii_lowercase(), *cloud));
        }
    }
    hosts
}

fn host_of(value: &str) -> Option<String> {
    let value = value.trim();
    let rest = value.split_once("://").map_or(value, |(_, r)| r);
    let host = rest.split(['/', ':', '?']).next()?.trim_end_matches('.');
    (host.contains('.') && !host.contains(' ')).then(|| host.to_ascii_lowercase())
}

fn shared_labels(a: &str, b: &str) -> usize {
    a.rsplit('.')
        .zip(b.rsplit('.'))
        .take_while(|(x, y)| x == y)
        .count()
}
