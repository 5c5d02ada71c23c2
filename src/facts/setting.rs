//! [`Setting`]: the extension's registry values.

use super::{Cloud, Setting, SETTINGS, SETTINGS_FOLDED};
use crate::{ErrorCode, Source};

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

    /// One line: what it controls.
    #[must_use]
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// `string` or `boolean`, as the pages type it.
    #[must_use]
    pub fn value_type(self) -> &'static str {
        self.info().value_type
    }

    /// The values it takes.
    #[must_use]
    pub fn values(self) -> &'static str {
        self.info().values
    }

    /// Its default, as the pages state it.
    ///
    /// ```
    /// use nps_mfa_errors::Setting;
    /// assert_eq!(Setting::RequireUserMatch.default_value(), "Not set (equivalent to TRUE)");
    /// ```
    #[must_use]
    pub fn default_value(self) -> &'static str {
        self.info().default
    }

    /// What the extension does when the value is missing.
    #[must_use]
    pub fn when_missing(self) -> &'static str {
        self.info().when_missing
    }

    /// Further facts, in our own words.
    #[must_use]
    pub fn notes(self) -> &'static [&'static str] {
        self.info().notes
    }

    /// The value per cloud, for the settings that differ by cloud.
    #[must_use]
    pub fn cloud_values(self) -> &'static [CloudValue] {
        self.info().cloud_values
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
        self.cloud_values()
            .iter()
            .find(|v| v.cloud == cloud)
            .map(CloudValue::value)
    }

    /// The codes with an entry whose fix depends on this setting, in catalog order. Generated
    /// from the catalog's `related:` lists, never written by hand.
    ///
    /// ```
    /// use nps_mfa_errors::{ErrorCode, Setting};
    /// assert_eq!(
    ///     Setting::LdapLookupForests.codes(),
    ///     &[ErrorCode::RegistryConfigError, ErrorCode::AlternateLoginIdError]
    /// );
    /// ```
    #[must_use]
    pub fn codes(self) -> &'static [ErrorCode] {
        self.info().codes
    }

    /// The pages and sections that describe it.
    #[must_use]
    pub fn sources(self) -> &'static [Source] {
        self.info().sources
    }
}
