//! The facts behind the remediation steps: every registry setting, endpoint, event log,
//! protocol–method cell, certificate fact and symptom of the sources is present with its
//! source, and the links between codes and facts hold both ways.

use std::collections::BTreeSet;

use nps_mfa_errors::{
    endpoints, find_symptom, AuthProtocol, CertificateFact, Cloud, ErrorCode, EventChannel, Method,
    Phase, Service, Setting, Source, Symptom, Transport, REGISTRY_PATH,
};

/// Every source names a declared document and a section heading.
fn assert_sourced(what: &str, sources: &[Source]) {
    assert!(!sources.is_empty(), "{what} has no source");
    for source in sources {
        assert!(
            !source.section().trim().is_empty(),
            "{what}: a source has no section"
        );
        assert!(
            nps_mfa_errors::documents()
                .iter()
                .any(|d| std::ptr::eq(d, source.document())),
            "{what}: source document is not declared"
        );
    }
}

fn cites(sources: &[Source], document: &str) -> bool {
    sources.iter().any(|s| s.document().id() == document)
}

// ---------------------------------------------------------------------------------------------
// Registry settings

#[test]
fn every_setting_the_issue_names_is_present_with_a_source() {
    let names: Vec<&str> = Setting::all().map(Setting::as_str).collect();
    for name in [
        "REQUIRE_USER_MATCH",
        "OVERRIDE_NUMBER_MATCHING_WITH_OTP",
        "LDAP_ALTERNATE_LOGINID_ATTRIBUTE",
        "LDAP_FORCE_GLOBAL_CATALOG",
        "LDAP_LOOKUP_FORESTS",
        "AZURE_MFA_HOSTNAME",
        "AZURE_MFA_RESOURCE_HOSTNAME",
        "STS_URL",
        "VERBOSE_LOG",
        "IP_WHITELIST",
    ] {
        assert!(names.contains(&name), "{name} missing");
    }
    for setting in Setting::all() {
        assert_sourced(setting.as_str(), setting.sources());
        for text in [
            setting.summary(),
            setting.values(),
            setting.default_value(),
            setting.when_missing(),
        ] {
            assert!(!text.trim().is_empty(), "{setting}: an empty field");
        }
        for value in setting.cloud_values() {
            assert_sourced(&format!("{setting} in {}", value.cloud()), value.sources());
        }
    }
}

#[test]
fn settings_round_trip_through_their_names() {
    for setting in Setting::all() {
        assert_eq!(setting.as_str().parse::<Setting>(), Ok(setting));
        assert_eq!(
            nps_mfa_errors::SETTINGS.get(setting.as_str()),
            Some(&setting)
        );
        assert_eq!(
            Setting::from_name_ignore_case(&setting.as_str().to_lowercase()),
            Some(setting)
        );
        assert_eq!(setting.to_string(), setting.as_str());
    }
    assert!(
        "ip_whitelist".parse::<Setting>().is_err(),
        "FromStr is exact"
    );
    assert_eq!(
        "IP_WHITELST".parse::<Setting>().unwrap_err().suggestion(),
        Some(Setting::IpWhitelist)
    );
}

#[test]
fn the_registry_key_is_the_extensions() {
    assert_eq!(
        REGISTRY_PATH,
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\AzureMfa"
    );
}

#[test]
fn require_user_match_defaults_to_true_when_not_set() {
    let setting = Setting::RequireUserMatch;
    assert_eq!(setting.values(), "TRUE/FALSE");
    assert_eq!(setting.default_value(), "Not set (equivalent to TRUE)");
    assert!(setting.when_missing().contains("fails the MFA challenge"));
    assert!(cites(setting.sources(), "nps-howto-2019-11"));
}

#[test]
fn the_per_cloud_hosts_follow_the_current_page() {
    use Cloud::*;
    let expect = [
        (
            Setting::AzureMfaHostname,
            Government,
            "strongauthenticationservice.auth.microsoft.us",
        ),
        (
            Setting::AzureMfaHostname,
            China,
            "strongauthenticationservice.auth.microsoft.cn",
        ),
        (
            Setting::AzureMfaHostname,
            Public,
            "strongauthenticationservice.auth.microsoft.com",
        ),
        (
            Setting::AzureMfaResourceHostname,
            Government,
            "adnotifications.windowsazure.us",
        ),
        (
            Setting::AzureMfaResourceHostname,
            China,
            "adnotifications.windowsazure.cn",
        ),
        (
            Setting::AzureMfaResourceHostname,
            Public,
            "adnotifications.windowsazure.com",
        ),
        (
            Setting::StsUrl,
            Public,
            "https://login.microsoftonline.com/",
        ),
        (
            Setting::StsUrl,
            Government,
            "https://login.microsoftonline.us/",
        ),
        (Setting::StsUrl, China, "https://login.chinacloudapi.cn/"),
    ];
    for (setting, cloud, value) in expect {
        assert_eq!(
            setting.value_for(cloud),
            Some(value),
            "{setting} in {cloud}"
        );
    }
    // The older page gave the adnotifications hosts for AZURE_MFA_HOSTNAME; that history is kept.
    let government = &Setting::AzureMfaHostname.cloud_values()[1];
    assert!(government
        .note()
        .unwrap()
        .contains("adnotifications.windowsazure.us"));
}

#[test]
fn ip_whitelist_carries_the_advanced_configuration_facts() {
    let setting = Setting::IpWhitelist;
    assert!(cites(setting.sources(), "advanced-2025-01"));
    assert!(setting.values().contains("no ranges or subnets"));
    assert!(setting.default_value().contains("does not create the key"));
    assert!(setting.when_missing().contains("AuthZOptCh"));
    let notes = setting.notes().join(" ");
    assert!(notes.contains("ratNASIPAddress"));
    assert!(notes.contains("not the end user's client IP"));
    assert!(notes.contains("IP_WHITE_LIST_WARNING::IP Whitelist is being ignored"));
}

#[test]
fn override_number_matching_explains_false_and_pap() {
    let notes = Setting::OverrideNumberMatchingWithOtp.notes().join(" ");
    assert!(notes.contains("FALSE falls back to Approve/Deny"));
    assert!(notes.contains("PAP"));
    assert!(notes.contains("Remote Desktop Gateway"));
}

// ---------------------------------------------------------------------------------------------
// Clouds, endpoints, event logs

fn hosts(cloud: Cloud, phase: Phase) -> Vec<&'static str> {
    cloud
        .endpoints()
        .iter()
        .filter(|e| e.phase() == phase)
        .filter_map(|e| e.host())
        .collect()
}

#[test]
fn each_cloud_has_its_own_mfa_notification_and_token_hosts() {
    assert_eq!(
        hosts(Cloud::Public, Phase::RunTime),
        [
            "strongauthenticationservice.auth.microsoft.com",
            "adnotifications.windowsazure.com",
            "login.microsoftonline.com",
            "credentials.azure.com"
        ]
    );
    assert_eq!(
        hosts(Cloud::Government, Phase::RunTime),
        [
            "strongauthenticationservice.auth.microsoft.us",
            "adnotifications.windowsazure.us",
            "login.microsoftonline.us",
            "credentials.azure.com"
        ]
    );
    assert_eq!(
        hosts(Cloud::China, Phase::RunTime),
        [
            "strongauthenticationservice.auth.microsoft.cn",
            "adnotifications.windowsazure.cn",
            "login.chinacloudapi.cn",
            "credentials.azure.com"
        ]
    );
}

#[test]
fn credentials_azure_com_is_needed_on_443_from_every_cloud() {
    let credentials = endpoints()
        .iter()
        .find(|e| e.id() == "credentials")
        .unwrap();
    assert_eq!(credentials.url(), Some("https://credentials.azure.com"));
    assert_eq!(credentials.ports(), &[443]);
    assert_eq!(credentials.phase(), Phase::RunTime);
    for cloud in Cloud::all() {
        assert!(credentials.clouds().contains(&cloud), "{cloud}");
    }
}

#[test]
fn set_up_only_urls_are_separate_from_run_time_ones() {
    let set_up = hosts(Cloud::Public, Phase::SetUp);
    for host in [
        "provisioningapi.microsoftonline.com",
        "aadcdn.msauth.net",
        "aadcdn.msftauthimages.net",
        "onegetcdn.azureedge.net",
        "graph.microsoft.com",
        "go.microsoft.com",
        "www.powershellgallery.com",
    ] {
        assert!(set_up.contains(&host), "{host} missing");
    }
    assert!(!set_up.contains(&"adnotifications.windowsazure.com"));
}

#[test]
fn radius_uses_udp_1812_1645_for_authentication_and_1813_1646_for_accounting() {
    let find = |service| endpoints().iter().find(|e| e.service() == service).unwrap();
    let auth = find(Service::RadiusAuthentication);
    assert_eq!(
        (auth.transport(), auth.ports()),
        (Transport::Udp, &[1812, 1645][..])
    );
    let accounting = find(Service::RadiusAccounting);
    assert_eq!(
        (accounting.transport(), accounting.ports()),
        (Transport::Udp, &[1813, 1646][..])
    );
}

#[test]
fn every_endpoint_and_cloud_has_a_source() {
    for endpoint in endpoints() {
        assert_sourced(endpoint.id(), endpoint.sources());
        assert!(!endpoint.clouds().is_empty(), "{}", endpoint.id());
        if endpoint.transport() == Transport::Tcp {
            let url = endpoint.url().expect("TCP endpoints have a URL");
            assert_eq!(Some(url.trim_start_matches("https://")), endpoint.host());
        }
    }
    for cloud in Cloud::all() {
        assert_sourced(cloud.as_str(), cloud.sources());
        assert_eq!(cloud.as_str().parse::<Cloud>(), Ok(cloud));
    }
    assert!("azure".parse::<Cloud>().is_err());
}

#[test]
fn event_channels_have_their_providers() {
    let channels: Vec<(&str, &str)> = EventChannel::all()
        .map(|c| (c.as_str(), c.provider()))
        .collect();
    assert_eq!(
        channels,
        [
            ("AuthNOptCh", "Microsoft-AzureMfa-AuthN"),
            ("AuthZOptCh", "Microsoft-AzureMfa-AuthZ"),
            ("AuthZAdminCh", "Microsoft-AzureMfa-AuthZ"),
        ]
    );
    for channel in EventChannel::all() {
        assert_sourced(channel.as_str(), channel.sources());
    }
    assert!(EventChannel::AuthZOptCh
        .codes()
        .contains(&ErrorCode::ChallengeRequested));
}

// ---------------------------------------------------------------------------------------------
// The protocol–method matrix

#[test]
fn the_matrix_has_every_cell_of_the_sources() {
    use AuthProtocol::*;
    use Method::*;
    let expected = [
        (Pap, [true, true, true, true, true]),
        (Chapv2, [true, false, true, false, false]),
        (Eap, [true, false, true, false, false]),
    ];
    let methods = [
        PhoneCall,
        TextMessage,
        AppNotification,
        VerificationCode,
        OathHardwareToken,
    ];
    for (protocol, row) in expected {
        for (method, supported) in methods.into_iter().zip(row) {
            assert_eq!(
                protocol.supports(method),
                supported,
                "{protocol} × {method}"
            );
            let cell = protocol.support(method);
            assert_eq!((cell.protocol(), cell.method()), (protocol, method));
            assert_eq!(cell.is_supported(), supported);
            assert_sourced(&format!("{protocol} × {method}"), cell.sources());
        }
    }
    assert!(!AuthProtocol::Chapv2.supports(Method::VerificationCode));
}

#[test]
fn every_cell_cites_the_how_to_section_on_methods() {
    for protocol in AuthProtocol::all() {
        for cell in protocol.cells() {
            assert!(
                cell.sources()
                    .iter()
                    .any(|s| s.document().id() == "nps-howto-2019-11"
                        && s.section()
                            == "Determine which authentication methods your users can use"),
                "{protocol} × {}",
                cell.method()
            );
        }
    }
}

#[test]
fn protocol_names_are_the_pages() {
    let names: Vec<&str> = AuthProtocol::all().map(AuthProtocol::name).collect();
    assert_eq!(names, ["PAP", "CHAPv2", "EAP"]);
    assert_eq!("chapv2".parse::<AuthProtocol>(), Ok(AuthProtocol::Chapv2));
}

// ---------------------------------------------------------------------------------------------
// Certificate and symptoms

#[test]
fn the_certificate_facts_are_exact() {
    assert_eq!(
        CertificateFact::Subject.value(),
        "CN=<TenantID>,OU=Microsoft NPS Extension"
    );
    assert_eq!(CertificateFact::Store.value(), r"LocalMachine\My");
    assert_eq!(CertificateFact::Validity.value(), "2 years");
    assert!(CertificateFact::PrivateKeyPermission
        .value()
        .contains("NETWORK SERVICE"));
    assert_eq!(
        CertificateFact::ServicePrincipal.value(),
        "981f26a1-7f43-403b-a875-f8b09b8cd720"
    );
    assert!(CertificateFact::ServicePrincipal
        .detail()
        .contains("Azure Multi-Factor Auth Client"));
    assert_eq!(CertificateFact::MultipleCertificates.value(), "1.0.1.32");
    for fact in CertificateFact::all() {
        assert_sourced(fact.as_str(), fact.sources());
    }
}

#[test]
fn every_troubleshooting_question_of_the_how_to_is_a_symptom() {
    let questions: Vec<&str> = Symptom::all().map(Symptom::question).collect();
    for question in [
        "Why cannot I sign in?",
        "Why are my requests failing with ADAL token error?",
        "Why does authentication fail with an error in HTTP logs stating that the user is not found?",
        "Why do I see HTTP connect errors in logs with all my authentications failing?",
        "Why is authentication not working, despite a valid certificate being present?",
    ] {
        assert!(questions.contains(&question), "{question:?} missing");
    }
    for symptom in Symptom::all() {
        assert_sourced(symptom.as_str(), symptom.sources());
        assert!(!symptom.checks().is_empty(), "{symptom}");
        assert!(!symptom.phrases().is_empty(), "{symptom}");
    }
}

#[test]
fn symptoms_are_found_from_what_a_user_types() {
    for (text, symptom) in [
        ("http connect errors", Symptom::HttpConnectErrors),
        ("Why cannot I sign in?", Symptom::PasswordExpired),
        ("my password expired", Symptom::PasswordExpired),
        ("ADAL token error on every request", Symptom::TokenError),
        (
            "HTTP log says user is not found",
            Symptom::UserNotFoundInHttpLogs,
        ),
        (
            "expired certificate still in the store",
            Symptom::ExpiredCertificateInStore,
        ),
        ("discarded requests in NPS logs", Symptom::DiscardedRequests),
    ] {
        assert_eq!(find_symptom(text), Some(symptom), "{text:?}");
    }
    for text in ["", "   ", "hello", "the weather today"] {
        assert_eq!(find_symptom(text), None, "{text:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Links both ways

/// Every code, including those that share another code's rows.
fn codes_naming(pred: impl Fn(&nps_mfa_errors::Related) -> bool) -> BTreeSet<ErrorCode> {
    ErrorCode::all()
        .filter(|code| code.entries().iter().any(|e| pred(e.related())))
        .collect()
}

#[test]
fn each_settings_code_list_is_exactly_the_codes_whose_entries_name_it() {
    for setting in Setting::all() {
        let listed: BTreeSet<ErrorCode> = setting.codes().iter().copied().collect();
        assert_eq!(
            listed,
            codes_naming(|r| r.settings().contains(&setting)),
            "{setting}"
        );
        for code in setting.codes() {
            assert!(
                code.related_settings().contains(&setting),
                "{code} → {setting}"
            );
        }
    }
}

#[test]
fn each_facts_code_list_is_exactly_the_codes_whose_entries_name_it() {
    for service in Service::all() {
        let listed: BTreeSet<_> = service.codes().iter().copied().collect();
        assert_eq!(
            listed,
            codes_naming(|r| r.services().contains(&service)),
            "{service}"
        );
    }
    for protocol in AuthProtocol::all() {
        let listed: BTreeSet<_> = protocol.codes().iter().copied().collect();
        assert_eq!(
            listed,
            codes_naming(|r| r.protocols().contains(&protocol)),
            "{protocol}"
        );
    }
    for fact in CertificateFact::all() {
        let listed: BTreeSet<_> = fact.codes().iter().copied().collect();
        assert_eq!(
            listed,
            codes_naming(|r| r.certificate().contains(&fact)),
            "{fact}"
        );
    }
    for channel in EventChannel::all() {
        let listed: BTreeSet<_> = channel.codes().iter().copied().collect();
        assert_eq!(
            listed,
            codes_naming(|r| r.event_channels().contains(&channel)),
            "{channel}"
        );
    }
    for symptom in Symptom::all() {
        for code in symptom.codes() {
            assert!(code.symptoms().contains(&symptom), "{code} ↔ {symptom}");
        }
    }
}

#[test]
fn a_codes_related_facts_are_the_union_of_its_entries() {
    for code in ErrorCode::all() {
        let union: BTreeSet<Setting> = code
            .entries()
            .iter()
            .flat_map(|e| e.related().settings().iter().copied())
            .collect();
        let listed: BTreeSet<Setting> = code.related_settings().iter().copied().collect();
        assert_eq!(listed, union, "{code}");
    }
}

#[test]
fn the_codes_the_issue_names_are_linked_to_their_facts() {
    assert_eq!(
        ErrorCode::RequestMissingCode.related_protocols(),
        &[AuthProtocol::Pap, AuthProtocol::Chapv2, AuthProtocol::Eap]
    );
    let lookup_failed = ErrorCode::AlternateLoginIdError.entries()[1].related();
    assert_eq!(
        lookup_failed.settings(),
        &[
            Setting::LdapAlternateLoginidAttribute,
            Setting::LdapForceGlobalCatalog,
            Setting::LdapLookupForests
        ]
    );
    assert_eq!(
        ErrorCode::ChallengeRequested.related_settings(),
        &[Setting::OverrideNumberMatchingWithOtp]
    );
    assert!(ErrorCode::RegistryConfigError
        .related_settings()
        .contains(&Setting::IpWhitelist));
    for code in [
        ErrorCode::HttpsCommunicationError,
        ErrorCode::HttpConnectError,
        ErrorCode::AccessRejectIgnored,
        ErrorCode::EstsTokenError,
    ] {
        for cloud in Cloud::all() {
            assert!(
                code.related_endpoints(cloud).next().is_some(),
                "{code} in {cloud}"
            );
        }
    }
    assert!(ErrorCode::ClientCertInstallError
        .related()
        .certificate()
        .contains(&CertificateFact::ServicePrincipal));
}

#[test]
fn related_endpoints_follow_the_cloud_in_use() {
    let hosts = |cloud| -> Vec<&str> {
        ErrorCode::EstsTokenError
            .related_endpoints(cloud)
            .filter_map(|e| e.host())
            .collect()
    };
    assert_eq!(hosts(Cloud::Public), ["login.microsoftonline.com"]);
    assert_eq!(hosts(Cloud::Government), ["login.microsoftonline.us"]);
    assert_eq!(hosts(Cloud::China), ["login.chinacloudapi.cn"]);
}

#[cfg(feature = "serde")]
#[test]
fn the_export_has_the_facts_under_new_top_level_keys() {
    let json = serde_json::to_value(nps_mfa_errors::export::catalog()).unwrap();
    assert_eq!(json["schema_version"], 2);
    assert_eq!(
        json["settings"].as_array().unwrap().len(),
        Setting::all().len()
    );
    assert_eq!(
        json["endpoints"].as_array().unwrap().len(),
        endpoints().len()
    );
    assert_eq!(
        json["symptoms"].as_array().unwrap().len(),
        Symptom::all().len()
    );
    for key in [
        "registry_path",
        "clouds",
        "services",
        "event_channels",
        "protocols",
        "methods",
        "certificate",
    ] {
        assert!(json.get(key).is_some(), "no {key}");
    }
    let first_entry = &json["codes"][0]["entries"][0];
    assert!(first_entry["related"]["settings"].is_array());
}
