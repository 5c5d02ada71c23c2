//! The fields of each generated info record and the public getter that reads each: the one
//! place a field is declared. The emitter writes the record's struct (with its serde attributes,
//! in export order) and the getters from these tables.

/// One field of a generated info record.
pub struct Field {
    /// The field's name (and its key in the export, unless `serde` renames it).
    pub name: &'static str,
    /// Its Rust type.
    pub ty: &'static str,
    /// Its serde attribute arguments (`serialize_with = "..."`), or empty.
    pub serde: &'static str,
    /// The public getter that returns it, if any: `(name, doc comment)`.
    pub getter: Option<(&'static str, &'static str)>,
}

/// The fields of `CodeInfo`.
pub const CODE_FIELDS: &[Field] = &[
    Field {
        name: "category",
        ty: "Category",
        serde: "",
        getter: Some((
            "category",
            r#"The section of the code's first documented row.

A few codes sit in two sections; [`categories`](Self::categories) lists them all.

```
use nps_mfa_errors::{Category, ErrorCode};
assert_eq!(ErrorCode::OathCodePinIncorrect.category(), Category::UserError);
assert_eq!(
    ErrorCode::OathCodePinIncorrect.categories(),
    &[Category::UserError, Category::RequiresSupport]
);
```"#,
        )),
    },
    Field {
        name: "categories",
        ty: "&'static [Category]",
        serde: "",
        getter: Some((
            "categories",
            r#"Every section the code is documented in, in catalog order."#,
        )),
    },
    Field {
        name: "message_keyed",
        ty: "bool",
        serde: "",
        getter: Some((
            "is_message_keyed",
            r#"True for rows the documents key by a message rather than a code; their
[`as_str`](Self::as_str) is an identifier of this crate's choosing.

```
use nps_mfa_errors::ErrorCode;
assert!(ErrorCode::AccessRejectIgnored.is_message_keyed());
assert!(!ErrorCode::AccessDenied.is_message_keyed());
```"#,
        )),
    },
    Field {
        name: "label",
        ty: "Option<&'static str>",
        serde: "",
        getter: Some((
            "label",
            r#"For a message-keyed row, the text the documents show in the code column."#,
        )),
    },
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some(("summary", r#"One line: what the code means."#)),
    },
    Field {
        name: "entries",
        ty: "&'static [Entry]",
        serde: "",
        getter: Some((
            "entries",
            r#"The documented rows of this code: one per message (or one without a message).

```
use nps_mfa_errors::ErrorCode;
assert_eq!(ErrorCode::AlternateLoginIdError.entries().len(), 3);
assert_eq!(ErrorCode::InvalidParameter.entries().len(), 7);
```"#,
        )),
    },
    Field {
        name: "related",
        ty: "Related",
        serde: "",
        getter: Some((
            "related",
            r#"The facts the fix of any of this code's entries depends on (the union of
[`Entry::related`]).

```
use nps_mfa_errors::{EventChannel, ErrorCode};
assert_eq!(ErrorCode::ChallengeRequested.related().event_channels(), &[EventChannel::AuthZOptCh]);
```"#,
        )),
    },
    Field {
        name: "symptoms",
        ty: "&'static [Symptom]",
        serde: "",
        getter: Some((
            "symptoms",
            r#"The symptoms without a code that the pages tie to this code.

```
use nps_mfa_errors::{ErrorCode, Symptom};
assert_eq!(ErrorCode::HttpConnectError.symptoms(), &[Symptom::HttpConnectErrors]);
```"#,
        )),
    },
];

/// The fields of `CategoryInfo`.
pub const CATEGORY_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "&'static str",
        serde: "",
        getter: Some(("title", r#"The section heading in the newest document."#)),
    },
    Field {
        name: "description",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "description",
            r#"What the rows of this section have in common, in a sentence or two."#,
        )),
    },
    Field {
        name: "codes",
        ty: "&'static [ErrorCode]",
        serde: "",
        getter: Some((
            "codes",
            r#"Every code with at least one row in this section, in catalog order.

```
use nps_mfa_errors::{Category, ErrorCode};
assert!(Category::UserError.codes().contains(&ErrorCode::AccessDenied));
let ids: Vec<&str> = Category::all().map(Category::as_str).collect();
assert_eq!(ids, ["nps_extension", "alternate_login_id", "user_error", "not_an_error", "requires_support"]);
assert!("user_errors".parse::<Category>().is_err());
```"#,
        )),
    },
];

/// The fields of `CloudInfo`.
pub const CLOUD_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "title",
            r#"The cloud's name as the pages write it.

```
use nps_mfa_errors::Cloud;
assert_eq!(Cloud::China.title(), "Azure China 21Vianet");
```"#,
        )),
    },
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "summary",
            r#"What is special about it, in a sentence or two."#,
        )),
    },
    Field {
        name: "endpoints",
        ty: "&'static [&'static Endpoint]",
        serde: r#"serialize_with = "crate::serde_impls::endpoint_ids""#,
        getter: Some((
            "endpoints",
            r#"Every endpoint this cloud uses: its own hosts, the shared ones and the RADIUS ports.

```
use nps_mfa_errors::{Cloud, Phase};

let run_time: Vec<_> = Cloud::China
    .endpoints()
    .iter()
    .filter(|e| e.phase() == Phase::RunTime)
    .filter_map(|e| e.host())
    .collect();
assert_eq!(
    run_time,
    [
        "strongauthenticationservice.auth.microsoft.cn",
        "adnotifications.windowsazure.cn",
        "login.chinacloudapi.cn",
        "credentials.azure.com",
    ]
);
```"#,
        )),
    },
    Field {
        name: "settings",
        ty: "&'static [(Setting, &'static str)]",
        serde: r#"serialize_with = "crate::serde_impls::pairs""#,
        getter: None,
    },
    Field {
        name: "sources",
        ty: "&'static [Source]",
        serde: "",
        getter: Some(("sources", r#"Where the pages describe it."#)),
    },
];

/// The fields of `ServiceInfo`.
pub const SERVICE_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "&'static str",
        serde: "",
        getter: Some(("title", r#"A short title."#)),
    },
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some(("summary", r#"What it is for, in a sentence."#)),
    },
    Field {
        name: "endpoints",
        ty: "&'static [&'static Endpoint]",
        serde: r#"serialize_with = "crate::serde_impls::endpoint_ids""#,
        getter: Some(("endpoints", r#"Its endpoints in every cloud."#)),
    },
    Field {
        name: "codes",
        ty: "&'static [ErrorCode]",
        serde: "",
        getter: Some((
            "codes",
            r#"The codes with an entry whose fix depends on it, in catalog order.

```
use nps_mfa_errors::{ErrorCode, Service};
assert!(Service::TokenService.codes().contains(&ErrorCode::EstsTokenError));
```"#,
        )),
    },
];

/// The fields of `SettingInfo`.
pub const SETTING_FIELDS: &[Field] = &[
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some(("summary", r#"One line: what it controls."#)),
    },
    Field {
        name: "value_type",
        ty: "&'static str",
        serde: r#"rename = "type""#,
        getter: Some((
            "value_type",
            r#"`string` or `boolean`, as the pages type it."#,
        )),
    },
    Field {
        name: "values",
        ty: "&'static str",
        serde: "",
        getter: Some(("values", r#"The values it takes."#)),
    },
    Field {
        name: "default",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "default_value",
            r#"Its default, as the pages state it.

```
use nps_mfa_errors::Setting;
assert_eq!(Setting::RequireUserMatch.default_value(), "Not set (equivalent to TRUE)");
```"#,
        )),
    },
    Field {
        name: "when_missing",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "when_missing",
            r#"What the extension does when the value is missing."#,
        )),
    },
    Field {
        name: "notes",
        ty: "&'static [&'static str]",
        serde: "",
        getter: Some(("notes", r#"Further facts, in our own words."#)),
    },
    Field {
        name: "cloud_values",
        ty: "&'static [CloudValue]",
        serde: "",
        getter: Some((
            "cloud_values",
            r#"The value per cloud, for the settings that differ by cloud."#,
        )),
    },
    Field {
        name: "codes",
        ty: "&'static [ErrorCode]",
        serde: "",
        getter: Some((
            "codes",
            r#"The codes with an entry whose fix depends on this setting, in catalog order. Generated
from the catalog's `related:` lists, never written by hand.

```
use nps_mfa_errors::{ErrorCode, Setting};
assert_eq!(
    Setting::LdapLookupForests.codes(),
    &[ErrorCode::RegistryConfigError, ErrorCode::AlternateLoginIdError]
);
```"#,
        )),
    },
    Field {
        name: "sources",
        ty: "&'static [Source]",
        serde: "",
        getter: Some(("sources", r#"The pages and sections that describe it."#)),
    },
];

/// The fields of `ChannelInfo`.
pub const CHANNEL_FIELDS: &[Field] = &[
    Field {
        name: "provider",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "provider",
            r#"The event provider that writes it, such as `Microsoft-AzureMfa-AuthZ`.

```
use nps_mfa_errors::EventChannel;
assert_eq!(EventChannel::AuthNOptCh.provider(), "Microsoft-AzureMfa-AuthN");
```"#,
        )),
    },
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some(("summary", r#"What it holds, in a line."#)),
    },
    Field {
        name: "codes",
        ty: "&'static [ErrorCode]",
        serde: "",
        getter: Some((
            "codes",
            r#"The codes with an entry that points at this log."#,
        )),
    },
    Field {
        name: "sources",
        ty: "&'static [Source]",
        serde: "",
        getter: Some(("sources", r#"The pages and sections that name it."#)),
    },
];

/// The fields of `MethodInfo`.
pub const METHOD_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "title",
            r#"The name as the pages write it, such as `Mobile app verification code`."#,
        )),
    },
    Field {
        name: "protocols",
        ty: "&'static [AuthProtocol]",
        serde: "",
        getter: None,
    },
];

/// The fields of `ProtocolInfo`.
pub const PROTOCOL_FIELDS: &[Field] = &[
    Field {
        name: "name",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "name",
            r#"The name as the pages write it: `PAP`, `CHAPv2`, `EAP`."#,
        )),
    },
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some(("summary", r#"One line, in our own words."#)),
    },
    Field {
        name: "supports",
        ty: "&'static [Method]",
        serde: "",
        getter: None,
    },
    Field {
        name: "cells",
        ty: "&'static [MethodSupport]",
        serde: "",
        getter: Some((
            "cells",
            r#"The matrix row: one cell per [`Method`], in `Method` order."#,
        )),
    },
    Field {
        name: "codes",
        ty: "&'static [ErrorCode]",
        serde: "",
        getter: Some((
            "codes",
            r#"The codes with an entry whose fix depends on the protocol in use."#,
        )),
    },
];

/// The fields of `CertificateInfo`.
pub const CERTIFICATE_FIELDS: &[Field] = &[
    Field {
        name: "title",
        ty: "&'static str",
        serde: "",
        getter: Some(("title", r#"A short title, such as `Subject name`."#)),
    },
    Field {
        name: "value",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "value",
            r#"The value, exactly.

```
use nps_mfa_errors::CertificateFact;
assert_eq!(CertificateFact::ServicePrincipal.value(), "981f26a1-7f43-403b-a875-f8b09b8cd720");
assert_eq!(CertificateFact::Subject.value(), "CN=<TenantID>,OU=Microsoft NPS Extension");
```"#,
        )),
    },
    Field {
        name: "detail",
        ty: "&'static str",
        serde: "",
        getter: Some(("detail", r#"The fact in our own words."#)),
    },
    Field {
        name: "codes",
        ty: "&'static [ErrorCode]",
        serde: "",
        getter: Some((
            "codes",
            r#"The codes with an entry whose fix depends on it."#,
        )),
    },
    Field {
        name: "sources",
        ty: "&'static [Source]",
        serde: "",
        getter: Some(("sources", r#"The pages and sections that state it."#)),
    },
];

/// The fields of `NpsDllInfo`.
pub const NPS_DLL_FIELDS: &[Field] = &[
    Field {
        name: "name",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "name",
            r#"The value's name, exactly as the registry spells it.

```
use nps_mfa_errors::NpsDll;
assert_eq!(NpsDll::AuthorizationDlls.name(), "AuthorizationDLLs");
```"#,
        )),
    },
    Field {
        name: "key",
        ty: "&'static str",
        serde: "",
        getter: Some(("key", r#"The registry key that holds the value."#)),
    },
    Field {
        name: "value",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "value",
            r#"The DLL path the value must list (`REG_MULTI_SZ`), exactly.

```
use nps_mfa_errors::NpsDll;
assert_eq!(
    NpsDll::ExtensionDlls.value(),
    "C:\\Program Files\\Microsoft\\AzureMfa\\Extensions\\MfaNpsAuthnExt.dll"
);
```"#,
        )),
    },
    Field {
        name: "role",
        ty: "&'static str",
        serde: "",
        getter: Some(("role", r#"Which part of the extension the value loads."#)),
    },
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some(("summary", r#"One line: what the value is."#)),
    },
    Field {
        name: "when_wrong",
        ty: "&'static str",
        serde: "",
        getter: Some((
            "when_wrong",
            r#"What happens when the value is empty or names something else."#,
        )),
    },
    Field {
        name: "sources",
        ty: "&'static [Source]",
        serde: "",
        getter: Some(("sources", r#"The pages and sections that state it."#)),
    },
];

/// The fields of `SymptomInfo`.
pub const SYMPTOM_FIELDS: &[Field] = &[
    Field {
        name: "question",
        ty: "&'static str",
        serde: "",
        getter: Some(("question", r#"The page's question heading, exactly."#)),
    },
    Field {
        name: "summary",
        ty: "&'static str",
        serde: "",
        getter: Some(("summary", r#"One line, in our own words."#)),
    },
    Field {
        name: "phrases",
        ty: "&'static [&'static str]",
        serde: "",
        getter: Some((
            "phrases",
            r#"The lower-case phrases [`find_symptom`](crate::find_symptom) recognises."#,
        )),
    },
    Field {
        name: "checks",
        ty: "&'static [&'static str]",
        serde: "",
        getter: Some(("checks", r#"What to check, in order, in our own words."#)),
    },
    Field {
        name: "codes",
        ty: "&'static [ErrorCode]",
        serde: "",
        getter: Some(("codes", r#"Codes that go with it."#)),
    },
    Field {
        name: "related",
        ty: "Related",
        serde: "",
        getter: Some(("related", r#"The facts the checks depend on."#)),
    },
    Field {
        name: "sources",
        ty: "&'static [Source]",
        serde: "",
        getter: Some(("sources", r#"The pages and sections that describe it."#)),
    },
];
