//! The knowledge base users rely on: every documented code and message is found, categories are
//! right, the traps of the source documents are kept, unknown input gets a helpful error.

use std::collections::BTreeSet;
use std::str::FromStr;

use nps_mfa_errors::{documents, find_message, lookup, Category, ErrorCode, Lookup};
use strum::{EnumCount, IntoEnumIterator};

#[test]
fn the_catalog_has_every_documented_key_and_row() {
    assert_eq!(
        ErrorCode::all().len(),
        35,
        "35 keys over all document versions"
    );
    let rows: BTreeSet<(ErrorCode, Option<&str>, Category)> = ErrorCode::all()
        .flat_map(|code| {
            code.entries()
                .iter()
                .map(move |e| (code, e.message(), e.category()))
        })
        .collect();
    assert_eq!(rows.len(), 44, "44 distinct (code, message, section) rows");
}

#[test]
fn strum_and_the_catalog_agree_on_the_codes() {
    assert_eq!(ErrorCode::COUNT, ErrorCode::all().len());
    assert!(ErrorCode::iter().eq(ErrorCode::all()));
}

#[test]
fn every_code_round_trips_through_its_string() {
    for code in ErrorCode::all() {
        assert_eq!(ErrorCode::from_str(code.as_str()), Ok(code));
        assert_eq!(ErrorCode::try_from(code.as_str()), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        assert_eq!(<&'static str>::from(code), code.as_str());
        assert_eq!(nps_mfa_errors::CODES.get(code.as_str()), Some(&code));
    }
}

#[test]
fn every_code_is_found_in_any_case() {
    for code in ErrorCode::all() {
        let lower = code.as_str().to_lowercase();
        let upper = code.as_str().to_uppercase();
        assert_eq!(
            ErrorCode::from_code_ignore_case(&lower),
            Some(code),
            "{lower}"
        );
        assert_eq!(
            ErrorCode::from_code_ignore_case(&upper),
            Some(code),
            "{upper}"
        );
        assert_eq!(ErrorCode::from_code_ignore_case(code.as_str()), Some(code));
    }
}

#[test]
fn exact_parsing_is_case_sensitive() {
    assert!(ErrorCode::from_str("ests_token_error").is_err());
    assert_eq!(ErrorCode::from_code("accessdenied"), None);
}

#[test]
fn lookups_reject_what_is_not_a_code() {
    for input in [
        "",
        " ",
        "ESTS_TOKEN_ERROR ",
        "ESTS",
        "ESTS_TOKEN_ERROR_X",
        "ÉSTS_TOKEN_ERROR",
        &"A".repeat(500),
    ] {
        assert_eq!(ErrorCode::from_code(input), None, "{input:?}");
        assert_eq!(ErrorCode::from_code_ignore_case(input), None, "{input:?}");
    }
}

#[test]
fn unknown_code_suggests_the_closest_documented_one() {
    let error = ErrorCode::from_str("ESTS_TOKEN_EROR").unwrap_err();
    assert_eq!(error.input(), "ESTS_TOKEN_EROR");
    assert_eq!(error.suggestion(), Some(ErrorCode::EstsTokenError));
    assert!(
        error
            .to_string()
            .contains("did you mean `ESTS_TOKEN_ERROR`?"),
        "{error}"
    );

    let error = ErrorCode::from_str("UserNotFund").unwrap_err();
    assert_eq!(error.suggestion(), Some(ErrorCode::UserNotFound));
}

#[test]
fn unknown_code_far_from_any_gets_a_hint_instead() {
    let error = ErrorCode::from_str("SOMETHING_ELSE_ENTIRELY").unwrap_err();
    assert_eq!(error.suggestion(), None);
    assert!(error.to_string().contains("check the spelling"), "{error}");
}

#[test]
fn errors_are_send_sync_and_std_errors() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<nps_mfa_errors::UnknownCode>();
    assert_error::<nps_mfa_errors::UnknownCategory>();
}

#[test]
fn categories_round_trip_and_list_their_codes() {
    assert_eq!(Category::all().len(), 5);
    for category in Category::all() {
        assert_eq!(category.as_str().parse::<Category>(), Ok(category));
        assert_eq!(category.to_string(), category.as_str());
        assert!(!category.title().is_empty() && !category.description().is_empty());
        let expected: Vec<ErrorCode> = ErrorCode::all()
            .filter(|c| c.entries().iter().any(|e| e.category() == category))
            .collect();
        assert_eq!(category.codes(), expected.as_slice(), "{category}");
    }
}

#[test]
fn each_category_holds_the_documented_codes() {
    use ErrorCode::*;
    assert_eq!(
        Category::NpsExtension.codes(),
        &[
            ContactSupport,
            ClientCertInstallError,
            EstsTokenError,
            HttpsCommunicationError,
            HttpConnectError,
            AccessRejectIgnored,
            AccessChallengeIgnored,
            RegistryConfigError,
            RequestFormatError,
            RequestMissingCode,
            UsernameCanonicalizationError,
            ChallengeRequested,
        ]
    );
    assert_eq!(Category::AlternateLoginId.codes(), &[AlternateLoginIdError]);
    assert_eq!(
        Category::UserError.codes(),
        &[
            AccessDenied,
            AuthenticationMethodNotConfigured,
            AuthenticationMethodNotSupported,
            BecAccessDenied,
            InvalidFormat,
            StrongAuthenticationServiceInvalidParameter,
            InvalidSession,
            NoDefaultAuthenticationMethodIsConfigured,
            OathCodePinIncorrect,
            ProofDataNotFound,
            SmsAuthFailedWrongCodePinEntered,
            TenantIsBlocked,
            UserNotFound,
        ]
    );
    assert_eq!(
        Category::NotAnError.codes(),
        &[
            OathCodeIncorrect,
            SmsAuthFailedMaxAllowedCodeRetryReached,
            SmsAuthFailedWrongCodeEntered,
            AuthenticationThrottled,
            AuthenticationMethodLimitReached,
        ]
    );
    assert_eq!(
        Category::RequiresSupport.codes(),
        &[
            OathCodePinIncorrect,
            InvalidParameter,
            InternalError,
            VersionNotSupported,
            MfaPinNotSetup
        ],
        "catalog order"
    );
}

#[test]
fn unknown_category_names_the_valid_ones() {
    let error = "user_errors".parse::<Category>().unwrap_err();
    assert_eq!(error.suggestion(), Some(Category::UserError));
    assert!(error.to_string().contains("`requires_support`"), "{error}");
}

#[test]
fn one_code_can_have_several_messages_with_different_fixes() {
    let entries = ErrorCode::AlternateLoginIdError.entries();
    let messages: Vec<_> = entries.iter().map(|e| e.message().unwrap()).collect();
    assert_eq!(
        messages,
        [
            "Error: userObjectSid lookup failed",
            "Error: Alternate LoginId lookup failed",
            "Error: Alternate LoginId value is empty"
        ]
    );
    assert_ne!(entries[0].steps(), entries[1].steps());
    assert!(entries[1]
        .steps()
        .iter()
        .any(|s| s.contains("LDAP_LOOKUP_FORESTS")));
    assert_eq!(ErrorCode::InvalidParameter.entries().len(), 7);
}

#[test]
fn one_code_can_sit_in_two_sections() {
    let code = ErrorCode::OathCodePinIncorrect;
    assert_eq!(code.category(), Category::UserError);
    assert_eq!(
        code.categories(),
        &[Category::UserError, Category::RequiresSupport]
    );
    assert_eq!(
        code.entries()[0].message(),
        Some("Wrong code and pin entered.")
    );
    assert_eq!(code.entries()[1].message(), None);
    assert_eq!(code.entries()[1].category(), Category::RequiresSupport);
}

#[test]
fn two_codes_can_share_one_row() {
    let shared = ErrorCode::StrongAuthenticationServiceInvalidParameter;
    assert!(std::ptr::eq(
        shared.entries(),
        ErrorCode::InvalidFormat.entries()
    ));
    assert_eq!(
        shared.entries()[0].codes(),
        &[ErrorCode::InvalidFormat, shared]
    );
    assert_eq!(shared.category(), Category::UserError);
}

#[test]
fn message_keyed_rows_have_a_stable_identifier_and_their_label() {
    let keyed: Vec<ErrorCode> = ErrorCode::all().filter(|c| c.is_message_keyed()).collect();
    assert_eq!(
        keyed,
        [
            ErrorCode::AccessRejectIgnored,
            ErrorCode::AccessChallengeIgnored,
            ErrorCode::ChallengeRequested
        ]
    );
    assert_eq!(
        ErrorCode::AccessRejectIgnored.label(),
        Some("NPS Extension for Microsoft Entra multifactor authentication (AccessReject):")
    );
    assert_eq!(
        ErrorCode::ChallengeRequested.as_str(),
        "CHALLENGE_REQUESTED"
    );
    assert_eq!(ErrorCode::AccessDenied.label(), None);
}

#[test]
fn is_error_is_false_only_for_intended_refusals() {
    for code in ErrorCode::all() {
        let refusal = code.categories() == [Category::NotAnError];
        assert_eq!(code.is_error(), !refusal, "{code}");
    }
}

#[test]
fn every_documented_wording_finds_its_entry() {
    for code in ErrorCode::all() {
        for (index, entry) in code.entries().iter().enumerate() {
            for wording in entry.wordings() {
                let found = find_message(wording.text())
                    .unwrap_or_else(|| panic!("{code}: {:?}", wording.text()));
                assert!(
                    found.entry().codes().contains(&code),
                    "{:?} found {} instead of {code}",
                    wording.text(),
                    found.code()
                );
                assert!(
                    std::ptr::eq(found.entry(), &code.entries()[index]),
                    "{:?}",
                    wording.text()
                );
                assert!(std::ptr::eq(found.wording(), wording));
            }
        }
    }
}

#[test]
fn messages_are_found_inside_log_lines_in_any_case_and_spacing() {
    let line = "NPS Extension for Azure MFA:  CID: 3f1b2a9e :Exception in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID :3f1b2a9e ESTS  Msg::  CALLER tenant does not   have access permissions to do authentication for the user";
    assert_eq!(find_message(line).unwrap().code(), ErrorCode::AccessDenied);
}

#[test]
fn placeholders_match_any_text() {
    let found = find_message(
        "The length of CompanyName Contoso Ltd is longer than the maximum allowed length 64",
    )
    .unwrap();
    assert_eq!(found.code(), ErrorCode::InvalidParameter);
    assert!(found.wording().text().contains("{1}"));
    let found =
        find_message("ObjectId must not be null or empty for ReplicationScope:Tenant").unwrap();
    assert_eq!(found.code(), ErrorCode::InvalidParameter);
}

#[test]
fn the_product_name_and_user_in_notices_are_variable() {
    let logged = "NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User bob@contoso.com with response state AccessReject, ignoring request.";
    assert_eq!(
        find_message(logged).unwrap().code(),
        ErrorCode::AccessRejectIgnored
    );
    let challenge = logged.replace("AccessReject,", "AccessChallenge,");
    assert_eq!(
        find_message(&challenge).unwrap().code(),
        ErrorCode::AccessChallengeIgnored
    );
}

#[test]
fn the_most_specific_message_wins() {
    let found = find_message("Wrong code and pin entered. (OneWaySMS)").unwrap();
    assert_eq!(found.code(), ErrorCode::SmsAuthFailedWrongCodePinEntered);
    let found = find_message("Wrong code and pin entered.").unwrap();
    assert_eq!(found.code(), ErrorCode::OathCodePinIncorrect);
}

#[test]
fn every_changed_wording_is_kept() {
    let wordings = |code: ErrorCode| -> Vec<&str> {
        code.entries()[0]
            .wordings()
            .iter()
            .map(|w| w.text())
            .collect()
    };
    assert!(wordings(ErrorCode::AccessDenied).contains(
        &"Caller tenant does not have access permissions to do authentication for the user"
    ));
    assert!(wordings(ErrorCode::AccessDenied).contains(
        &"Caller tenant doesn't have access permissions to do authentication for the user"
    ));
    assert!(wordings(ErrorCode::UserNotFound).contains(&"The specified user wasn't found"));
    assert!(wordings(ErrorCode::UserNotFound).contains(&"The specified user was not found"));
    assert!(wordings(ErrorCode::InvalidSession)
        .contains(&"The specified session is invalid or might be expired"));
    assert_eq!(
        wordings(ErrorCode::RequestFormatError).len(),
        2,
        "with and without a space after `attribute.`"
    );
}

#[test]
fn the_newest_wording_is_the_message() {
    for code in ErrorCode::all() {
        for entry in code.entries() {
            let Some(first) = entry.wordings().first() else {
                continue;
            };
            let newest =
                |w: &nps_mfa_errors::Wording| w.documents().iter().map(|d| d.date()).max().unwrap();
            assert!(
                entry.wordings().iter().all(|w| newest(w) <= newest(first)),
                "{code}"
            );
            assert_eq!(entry.message(), Some(first.text()));
        }
    }
}

#[test]
fn text_that_is_no_documented_message_finds_nothing() {
    for text in [
        "",
        "The Network Policy Server service started.",
        "Access granted for user alice",
        "{0} {1}",
    ] {
        assert!(find_message(text).is_none(), "{text:?}");
    }
}

#[test]
fn lookup_takes_a_code_or_a_message() {
    assert_eq!(
        lookup("  HTTP_CONNECT_ERROR\n"),
        Ok(Lookup::Code(ErrorCode::HttpConnectError))
    );
    assert_eq!(
        lookup("tenantisblocked"),
        Ok(Lookup::Code(ErrorCode::TenantIsBlocked))
    );
    assert_eq!(
        lookup("Tenant is blocked").unwrap().code(),
        ErrorCode::TenantIsBlocked
    );
    let error = lookup("HTTP_CONECT_ERROR").unwrap_err();
    assert_eq!(error.suggestion(), Some(ErrorCode::HttpConnectError));
}

#[test]
fn every_entry_has_remediation_links_and_sources() {
    for code in ErrorCode::all() {
        assert!(!code.summary().is_empty(), "{code}");
        for entry in code.entries() {
            assert!(!entry.summary().is_empty(), "{code}");
            assert!(!entry.steps().is_empty(), "{code}");
            assert!(!entry.sources().is_empty(), "{code}");
            for link in entry.links() {
                assert!(link.url().starts_with("https://"), "{code}: {}", link.url());
                assert!(
                    !link.url().contains(".md"),
                    "{code}: relative link left unresolved: {}",
                    link.url()
                );
            }
            for wording in entry.wordings() {
                for document in wording.documents() {
                    assert!(
                        entry
                            .sources()
                            .iter()
                            .any(|s| std::ptr::eq(s.document(), *document)),
                        "{code}"
                    );
                }
            }
        }
    }
}

#[test]
fn remediation_keeps_the_facts_of_the_sources() {
    let steps = |code: ErrorCode| {
        code.entries()
            .iter()
            .flat_map(|e| e.steps())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let https = steps(ErrorCode::HttpsCommunicationError);
    for fact in [
        "adnotifications.windowsazure.com",
        "TLS 1.2",
        "36871",
        "SChannel",
        "System log",
    ] {
        assert!(
            https.contains(fact),
            "HTTPS_COMMUNICATION_ERROR lacks {fact}"
        );
    }
    let reject = steps(ErrorCode::AccessRejectIgnored);
    for fact in [
        "80",
        "443",
        "login.microsoftonline.com",
        "adnotifications.windowsazure.com",
        "licen",
    ] {
        assert!(reject.contains(fact), "ACCESS_REJECT_IGNORED lacks {fact}");
    }
    let missing_code = steps(ErrorCode::RequestMissingCode);
    for fact in [
        "PAP",
        "CHAPv2",
        "EAP",
        "phone call",
        "mobile app notification",
        "verification code",
        "text message",
    ] {
        assert!(
            missing_code.contains(fact),
            "REQUEST_MISSING_CODE lacks {fact}"
        );
    }
    assert!(steps(ErrorCode::RegistryConfigError)
        .contains(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\AzureMfa"));
    assert!(steps(ErrorCode::InvalidSession).contains("three minutes"));
    assert!(steps(ErrorCode::ChallengeRequested).contains("OVERRIDE_NUMBER_MATCHING_WITH_OTP"));
    assert!(steps(ErrorCode::ChallengeRequested).contains("AuthZOptCh"));
}

#[test]
fn links_resolve_relative_paths_of_the_pages() {
    let urls: Vec<&str> = ErrorCode::EstsTokenError.entries()[0]
        .links()
        .iter()
        .map(|l| l.url())
        .collect();
    assert!(urls.contains(&"https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-nps-extension#troubleshooting"));
    let tls: Vec<&str> = ErrorCode::HttpsCommunicationError.entries()[0]
        .links()
        .iter()
        .map(|l| l.url())
        .collect();
    assert!(tls.iter().any(|u| u.starts_with(
        "https://learn.microsoft.com/en-us/windows-server/security/tls/tls-registry-settings"
    )));
}

#[test]
fn sources_name_document_version_and_section() {
    let sources = ErrorCode::AccessDenied.entries()[0].sources();
    let ids: Vec<&str> = sources.iter().map(|s| s.document().id()).collect();
    assert_eq!(
        ids,
        [
            "errors-2025-01",
            "errors-2024-01",
            "errors-2018-07-nl",
            "errors-2017-07-ko",
            "errors-2017-04"
        ]
    );
    assert_eq!(sources[1].section(), "Errors your users may encounter");
    assert!(
        documents().windows(2).all(|w| w[0].date() <= w[1].date()),
        "documents oldest first"
    );
    assert!(documents()
        .iter()
        .any(|d| d.is_machine_translated() && d.locale() == "ko-KR"));
}

#[test]
fn the_fast_lookup_agrees_with_the_phf_table_on_near_misses() {
    let mut probes: Vec<String> = vec![String::new(), "A".into(), "_".into()];
    for code in ErrorCode::all() {
        let s = code.as_str();
        probes.push(s[..s.len() - 1].to_owned());
        probes.push(format!("{s}_"));
        probes.push(s.to_ascii_lowercase());
        for i in 0..s.len() {
            let mut bytes = s.as_bytes().to_vec();
            bytes[i] ^= 0x20;
            probes.push(String::from_utf8_lossy(&bytes).into_owned());
            bytes[i] = b'x';
            probes.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    for probe in &probes {
        assert_eq!(
            ErrorCode::from_code(probe),
            nps_mfa_errors::CODES.get(probe.as_str()).copied(),
            "{probe:?}"
        );
        let expected = ErrorCode::all().find(|c| c.as_str().eq_ignore_ascii_case(probe));
        assert_eq!(
            ErrorCode::from_code_ignore_case(probe),
            expected,
            "{probe:?}"
        );
    }
}
