//! [`Setting`]: the extension's registry values.

use super::{Cloud, Setting, SETTINGS, SETTINGS_FOLDED};
use crate::Source;

/// A setting's value in one cloud.
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CloudValue {
    pub(crate) cloud: Cloud,
    pub(crate) value: &'static str,
    pub(crate) note: Option<&'static str>,
    pub(crate) sources: &'static [Source],
}

impl CloudValue {
    /// The cloud.
    #[must_use]
    pub const fn cloud(&self) -> Cloud {
        self.cloud
    }

    /// The value, exactly.
    #[must_use]
    pub const fn value(&self) -> &'static str {
        self.value
    }

    /// What a reader should know (why it is not set, what older pages gave).
    #[must_use]
    pub const fn note(&self) -> Option<&'static str> {
        self.note
    }

    /// The pages and sections that give it.
    #[must_use]
    pub const fn sources(&self) -> &'static [Source] {
        self.sources
    }
}

impl Setting {
    /// Looks a setting up by its exact name (one `phf` lookup in [`SETTINGS`]).
    ///
    /// ```
    /// use nps_mfa_errors::Setting;
    /// assert_eq!(Setting::from_name("STS_URL"), Some(Setting::StsUrl));
    /// assert_eq!(Setting::from_name("sts_url"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Setting> {
        SETTINGS.get(name).copied()
    }

    /// Looks a setting up by name ignoring ASCII case, as a user types it.
    ///
    /// ```
    /// use nps_mfa_errors::Setting;
    /// assert_eq!(Setting::from_name_ignore_case("ip_whitelist"), Some(Setting::IpWhitelist));
    /// ```
    #[must_use]
    pub fn from_name_ignore_case(name: &str) -> Option<Setting> {
        crate::lookup::ignore_case(&SETTINGS_FOLDED, name)
    }

    /// The setting whose notes name `token` as something the extension logs (`TOKEN::text`):
    /// a token the error pages do not list may still be documented as a setting's warning.
    ///
    /// ```
    /// use nps_mfa_errors::Setting;
    /// assert_eq!(Setting::logging("IP_WHITE_LIST_WARNING"), Some(Setting::IpWhitelist));
    /// assert_eq!(Setting::logging("IP_WHITE"), None);
    /// assert_eq!(Setting::logging("NEW_FAILURE"), None);
    /// ```
    #[must_use]
    pub fn logging(token: &str) -> Option<Setting> {
        let logged = format!("{token}::");
        Setting::all().find(|setting| {
            setting.notes().iter().any(|note| {
                note.match_indices(&logged).any(|(at, _)| {
                    note[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric() && c != '_')
                })
            })
        })
    }

    /// The value to use in `cloud`, if the setting differs by cloud.
    ///
    /// ```
    /// use nps_mfa_errors::{Cloud, Setting};
    /// assert_eq!(Setting::StsUrl.value_for(Cloud::China), Some("https://login.chinacloudapi.cn/"));
    /// assert_eq!(Setting::VerboseLog.value_for(Cloud::China), None);
    /// ```
    #[must_use]
    pub fn value_for(self, cloud: Cloud) -> Option<&'static str> {
        self.cloud_value(cloud).map(CloudValue::value)
    }

    /// The value to use in `cloud` with its note and sources, if the setting differs by cloud.
    ///
    /// ```
    /// use nps_mfa_errors::{Cloud, Setting};
    /// let public = Setting::StsUrl.cloud_value(Cloud::Public).unwrap();
    /// assert!(public.note().unwrap().starts_with("Not set in the public cloud"));
    /// ```
    #[must_use]
    pub fn cloud_value(self, cloud: Cloud) -> Option<&'static CloudValue> {
        self.cloud_values().iter().find(|v| v.cloud == cloud)
    }
}
