//! One record per catalog value: its identifier followed by its info record's fields. Every
//! record is the same composition, [`Keyed`]: a key (`id`, `name` or `code`) flattened with the
//! value's derived info.

use serde::{Serialize, Serializer};

use crate::{
    AuthProtocol, Category, CertificateFact, Cloud, ErrorCode, EventChannel, Method, Service,
    Setting, Symptom,
};

/// `{key: value, ...info}`.
#[derive(Serialize)]
struct Keyed<K, I: 'static> {
    #[serde(flatten)]
    key: K,
    #[serde(flatten)]
    info: &'static I,
}

#[derive(Serialize)]
struct Id<T> {
    id: T,
}

#[derive(Serialize)]
struct Name<T> {
    name: T,
}

#[derive(Serialize)]
struct Code<T> {
    code: T,
}

/// A record type: a public newtype over the value, serialized as [`Keyed`].
macro_rules! record {
    ($(#[$doc:meta])* $record:ident($type:ty), $key:ident, $field:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $record(pub $type);

        impl From<$type> for $record {
            fn from(value: $type) -> Self {
                $record(value)
            }
        }

        impl Serialize for $record {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let key = $key { $field: self.0 };
                Keyed { key, info: self.0.info() }.serialize(serializer)
            }
        }
    };
}

record!(
    /// One category with its title, description and codes.
    CategoryRecord(Category), Id, id
);
record!(
    /// One code with everything the catalog knows about it, as in the `codes` array.
    ///
    /// ```
    /// use nps_mfa_errors::{export::CodeRecord, ErrorCode};
    ///
    /// let json = serde_json::to_value(CodeRecord(ErrorCode::OathCodePinIncorrect)).unwrap();
    /// assert_eq!(json["category"], "user_error");
    /// assert_eq!(json["categories"], serde_json::json!(["user_error", "requires_support"]));
    /// assert_eq!(json["entries"][1]["message"], serde_json::Value::Null);
    /// ```
    CodeRecord(ErrorCode), Code, code
);
record!(
    /// One registry setting, as in the `settings` array.
    ///
    /// ```
    /// use nps_mfa_errors::{export::SettingRecord, Setting};
    ///
    /// let json = serde_json::to_value(SettingRecord(Setting::StsUrl)).unwrap();
    /// assert_eq!(json["name"], "STS_URL");
    /// assert_eq!(json["cloud_values"][1]["value"], "https://login.microsoftonline.us/");
    /// assert!(json["codes"].as_array().unwrap().contains(&"ESTS_TOKEN_ERROR".into()));
    /// ```
    SettingRecord(Setting), Name, name
);
record!(
    /// One cloud with the ids of its endpoints and its setting values, as in the `clouds` array.
    CloudRecord(Cloud), Id, id
);
record!(
    /// One service, as in the `services` array.
    ServiceRecord(Service), Id, id
);
record!(
    /// One event log, as in the `event_channels` array.
    EventChannelRecord(EventChannel), Name, name
);
record!(
    /// One RADIUS password protocol with its row of the matrix, as in the `protocols` array.
    ///
    /// ```
    /// use nps_mfa_errors::{export::ProtocolRecord, AuthProtocol};
    ///
    /// let json = serde_json::to_value(ProtocolRecord(AuthProtocol::Chapv2)).unwrap();
    /// assert_eq!(json["supports"], serde_json::json!(["phone_call", "app_notification"]));
    /// assert_eq!(json["cells"][3]["method"], "verification_code");
    /// assert_eq!(json["cells"][3]["supported"], false);
    /// ```
    ProtocolRecord(AuthProtocol), Id, id
);
record!(
    /// One authentication method, as in the `methods` array.
    MethodRecord(Method), Id, id
);
record!(
    /// One client-certificate fact, as in the `certificate` array.
    CertificateRecord(CertificateFact), Id, id
);
record!(
    /// One symptom without a code, as in the `symptoms` array.
    SymptomRecord(Symptom), Id, id
);
