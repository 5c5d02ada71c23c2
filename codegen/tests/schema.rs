//! Build-time validation: each kind of bad catalog data is rejected with a message that names
//! the file, the entry and the field. These tests run the generator `build.rs` calls.

use nps_mfa_errors_codegen::{
    literal_segments, parse_catalog as parse, parse_facts, resolve_link, variant_name, CatalogError,
};

const FILE: &str = "data/test.yaml";

/// A small valid catalog; each test breaks one thing in it.
const VALID: &str = r##"
schema_version: 1
documents:
  - id: errors-2018-07
    title: Old page
    date: "2018-07-11"
    locale: en-US
    url: https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-nps-extension-errors
  - id: errors-2024-01
    title: New page
    date: "2024-01-02"
    locale: en-US
    url: https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-nps-extension-errors
categories:
  - id: user_error
    title: Errors your users may encounter
    description: About one user.
codes:
  - code: AccessDenied
    summary: The tenant may not authenticate this user.
    entries:
      - category: user_error
        summary: Tenant and user do not match.
        messages:
          - text: "Caller tenant doesn't have access permissions to do authentication for the user"
            documents: [errors-2024-01]
          - text: Caller tenant does not have access permissions to do authentication for the user
            documents: [errors-2018-07]
        steps:
          - Check that the UPN's domain belongs to the tenant.
        links:
          - title: Contact support
            url: "#contact-microsoft-support"
        sources:
          - document: errors-2024-01
            section: Errors your users may encounter
          - document: errors-2018-07
            section: Errors your users may encounter
"##;

fn errors_of(yaml: &str) -> Vec<CatalogError> {
    match parse(FILE, yaml) {
        Ok(_) => panic!("the catalog was accepted"),
        Err(errors) => errors.0,
    }
}

/// Asserts that exactly one problem is reported, at this entry and field, mentioning `words`.
fn rejects(yaml: &str, entry: &str, field: &str, words: &str) {
    let errors = errors_of(yaml);
    assert!(
        errors.iter().any(|e| e.file == FILE
            && e.entry == entry
            && e.field == field
            && e.problem.contains(words)),
        "expected {entry} / {field} / {words:?}, got {errors:#?}"
    );
    let shown = errors
        .iter()
        .find(|e| e.entry == entry)
        .unwrap()
        .to_string();
    assert!(
        shown.starts_with(FILE) && shown.contains(entry) && shown.contains(field),
        "{shown}"
    );
}

#[test]
fn the_valid_catalog_is_accepted() {
    let catalog = parse(FILE, VALID).unwrap();
    assert_eq!(catalog.codes.len(), 1);
}

#[test]
fn the_real_catalog_is_accepted() {
    let yaml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/catalog.yaml"))
            .unwrap();
    parse("data/catalog.yaml", &yaml).unwrap();
}

#[test]
fn a_duplicate_code_is_rejected() {
    let code = &VALID[VALID.find("  - code: AccessDenied").unwrap()..];
    let yaml = format!("{VALID}{code}");
    rejects(&yaml, "code `AccessDenied`", "code", "duplicate code");
}

#[test]
fn codes_differing_only_in_case_are_rejected() {
    let code = &VALID[VALID.find("  - code: AccessDenied").unwrap()..];
    let other = code
        .replace("AccessDenied", "ACCESSDENIED")
        .replace("Caller tenant", "Calling tenant");
    rejects(
        &format!("{VALID}{other}"),
        "code `ACCESSDENIED`",
        "code",
        "only in case",
    );
}

#[test]
fn an_unknown_category_is_rejected() {
    let yaml = VALID.replace("- category: user_error", "- category: user_errors");
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].category",
        "unknown category `user_errors`",
    );
}

#[test]
fn an_unknown_source_id_is_rejected() {
    let yaml = VALID.replace("- document: errors-2018-07", "- document: errors-2019-07");
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].sources[1].document",
        "unknown source id `errors-2019-07`",
    );
}

#[test]
fn a_wording_whose_document_is_not_a_source_is_rejected() {
    let yaml = VALID.replace("    documents: [errors-2018-07]", "    documents: [errors-2018-07]\n").replace(
        "          - document: errors-2018-07\n            section: Errors your users may encounter\n",
        "",
    );
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].messages[1].documents[0]",
        "not among the entry's sources",
    );
}

#[test]
fn empty_steps_are_rejected() {
    let yaml = VALID.replace(
        "        steps:\n          - Check that the UPN's domain belongs to the tenant.\n",
        "        steps: []\n",
    );
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].steps",
        "at least one remediation step",
    );
}

#[test]
fn a_blank_step_is_rejected() {
    let yaml = VALID.replace(
        "- Check that the UPN's domain belongs to the tenant.",
        "- \"  \"",
    );
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].steps[0]",
        "must not be empty",
    );
}

#[test]
fn a_malformed_url_is_rejected() {
    for bad in [
        "http://example.com/page",
        "https://",
        "https://learn microsoft.com/x",
        "../user-help/page.md",
        "https://host/a#b#c",
    ] {
        let yaml = VALID.replace(
            "url: \"#contact-microsoft-support\"",
            &format!("url: \"{bad}\""),
        );
        rejects(
            &yaml,
            "code `AccessDenied`",
            "entries[0].links[0].url",
            "not a well-formed link",
        );
    }
}

#[test]
fn a_wording_listed_twice_is_rejected() {
    let yaml = VALID.replace(
        "Caller tenant does not have access permissions to do authentication for the user",
        "caller tenant  DOESN'T have access permissions to do authentication for the user",
    );
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].messages[1].text",
        "listed twice",
    );
}

#[test]
fn wordings_must_be_listed_newest_first() {
    let yaml = VALID
        .replace("documents: [errors-2024-01]", "documents: [errors-TMP]")
        .replace("documents: [errors-2018-07]", "documents: [errors-2024-01]")
        .replace("documents: [errors-TMP]", "documents: [errors-2018-07]");
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].messages[1].documents",
        "newest first",
    );
}

#[test]
fn a_variable_part_must_occur_in_its_message() {
    let yaml = VALID.replace(
        "            documents: [errors-2024-01]\n",
        "            documents: [errors-2024-01]\n            variable: [username]\n",
    );
    rejects(
        &yaml,
        "code `AccessDenied`",
        "entries[0].messages[0].variable[0]",
        "does not occur",
    );
}

#[test]
fn a_message_keyed_row_needs_a_label() {
    let yaml = VALID.replace(
        "    summary: The tenant may not authenticate this user.\n",
        "    summary: The tenant may not authenticate this user.\n    message_keyed: true\n",
    );
    rejects(&yaml, "code `AccessDenied`", "label", "needs the label");
}

#[test]
fn sharing_a_row_with_an_unknown_code_is_rejected() {
    let yaml = format!("{VALID}  - code: InvalidFormat\n    summary: Shares a row.\n    shares_row_with: NoSuchCode\n");
    rejects(
        &yaml,
        "code `InvalidFormat`",
        "shares_row_with",
        "`NoSuchCode` is not a code",
    );
}

#[test]
fn a_code_without_entries_is_rejected() {
    let yaml = format!("{VALID}  - code: InternalError\n    summary: No rows.\n");
    rejects(
        &yaml,
        "code `InternalError`",
        "entries",
        "at least one entry",
    );
}

#[test]
fn a_bad_code_token_is_rejected() {
    let yaml = VALID.replace("- code: AccessDenied", "- code: Access Denied");
    rejects(
        &yaml,
        "code `Access Denied`",
        "code",
        "letters, digits and `_`",
    );
}

#[test]
fn a_bad_document_date_and_order_are_rejected() {
    let yaml = VALID.replace("date: \"2024-01-02\"", "date: \"2024-13-02\"");
    rejects(
        &yaml,
        "document `errors-2024-01`",
        "date",
        "not a YYYY-MM-DD date",
    );
    let yaml = VALID.replace("date: \"2024-01-02\"", "date: \"2017-01-02\"");
    rejects(&yaml, "document `errors-2024-01`", "date", "oldest first");
}

#[test]
fn an_unknown_field_is_a_yaml_error_with_its_line() {
    let yaml = VALID.replace(
        "    summary: The tenant may not",
        "    sumary: x\n    summary: The tenant may not",
    );
    let errors = errors_of(&yaml);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].entry.starts_with("line "), "{errors:?}");
    assert!(
        errors[0].problem.contains("unknown field `sumary`"),
        "{errors:?}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let yaml = VALID
        .replace("- category: user_error", "- category: nope")
        .replace(
            "steps:\n          - Check that the UPN's domain belongs to the tenant.",
            "steps: []",
        );
    assert_eq!(errors_of(&yaml).len(), 2);
}

#[test]
fn links_resolve_as_the_pages_mean_them() {
    let base = "https://learn.microsoft.com/en-us/entra/identity/authentication/";
    assert_eq!(
        resolve_link("howto-mfa-nps-extension.md#troubleshooting").unwrap(),
        format!("{base}howto-mfa-nps-extension#troubleshooting")
    );
    assert_eq!(
        resolve_link("#contact-microsoft-support").unwrap(),
        format!("{base}howto-mfa-nps-extension-errors#contact-microsoft-support")
    );
    assert_eq!(
        resolve_link("/windows/win32/adschema/attributes-all").unwrap(),
        "https://learn.microsoft.com/en-us/windows/win32/adschema/attributes-all"
    );
    assert_eq!(
        resolve_link("https://support.microsoft.com/oas/default.aspx?prid=14947").unwrap(),
        "https://support.microsoft.com/oas/default.aspx?prid=14947"
    );
}

#[test]
fn variant_names_are_rust_style() {
    assert_eq!(variant_name("ESTS_TOKEN_ERROR"), "EstsTokenError");
    assert_eq!(variant_name("MFAPinNotSetup"), "MfaPinNotSetup");
    assert_eq!(
        variant_name("SMSAuthFailedWrongCodeEntered"),
        "SmsAuthFailedWrongCodeEntered"
    );
    assert_eq!(variant_name("AccessDenied"), "AccessDenied");
    assert_eq!(variant_name("nps_extension"), "NpsExtension");
}

#[test]
fn message_patterns_split_at_placeholders_and_variable_parts() {
    let pieces = literal_segments(
        r"The length of CompanyName \{0}\ is longer than the maximum allowed length {1}",
        &[],
    );
    assert_eq!(
        pieces,
        [
            "the length of companyname",
            "is longer than the maximum allowed length"
        ]
    );
    let pieces = literal_segments(
        "Request received for User username with state",
        &["username".to_owned()],
    );
    assert_eq!(pieces, ["request received for user", "with state"]);
}

// ---------------------------------------------------------------------------------------------
// data/facts.yaml and the links between it and the catalog

const FACTS_FILE: &str = "data/facts-test.yaml";

/// A small valid facts file that matches `VALID`; each test breaks one thing in it.
const VALID_FACTS: &str = r##"
registry_path: HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\AzureMfa
clouds:
  - id: public
    title: Azure public cloud
    summary: The default.
    sources:
      - document: errors-2024-01
        section: Network requirements
settings:
  - name: IP_WHITELIST
    summary: Skips MFA for these NAS addresses.
    type: string
    values: IPv4 addresses separated by semicolons
    default: Empty
    when_missing: Every request gets MFA.
    cloud_values:
      - cloud: public
        value: none
        sources:
          - document: errors-2024-01
            section: IP exceptions
    sources:
      - document: errors-2024-01
        section: IP exceptions
event_channels:
  - name: AuthZOptCh
    provider: Microsoft-AzureMfa-AuthZ
    summary: Authorization log.
    sources:
      - document: errors-2024-01
        section: Troubleshooting steps for common errors
services:
  - id: token_service
    title: Token service
    summary: Where the token comes from.
endpoints:
  - id: token_service_public
    service: token_service
    url: https://login.microsoftonline.com
    transport: tcp
    ports: [443]
    phase: run_time
    clouds: [public]
    sources:
      - document: errors-2024-01
        section: Network requirements
protocols:
  - id: pap
    name: PAP
    summary: Carries everything.
methods:
  - id: phone_call
    title: Phone call
protocol_methods:
  - protocol: pap
    method: phone_call
    supported: true
    sources:
      - document: errors-2024-01
        section: Determine which authentication methods your users can use
certificate:
  - id: subject
    title: Subject name
    value: CN=<TenantID>,OU=Microsoft NPS Extension
    detail: The certificate's subject.
    sources:
      - document: errors-2018-07
        section: Troubleshooting
symptoms:
  - id: http_connect_errors
    question: Why do I see HTTP connect errors in logs with all my authentications failing?
    summary: Every authentication fails.
    phrases: [http connect errors]
    checks:
      - Reach the hosts.
    related:
      codes: [AccessDenied]
      services: [token_service]
    sources:
      - document: errors-2024-01
        section: Why do I see HTTP connect errors in logs with all my authentications failing?
"##;

/// `VALID` with a `related:` block on its entry.
fn catalog_relating(related: &str) -> String {
    VALID.replace(
        "        sources:\n          - document: errors-2024-01\n",
        &format!(
            "        related:\n{related}        sources:\n          - document: errors-2024-01\n"
        ),
    )
}

fn facts_errors_of(catalog_yaml: &str, facts_yaml: &str) -> Vec<CatalogError> {
    let catalog = parse(FILE, catalog_yaml).expect("the catalog part is valid");
    match parse_facts(FACTS_FILE, facts_yaml, FILE, &catalog) {
        Ok(_) => panic!("the facts were accepted"),
        Err(errors) => errors.0,
    }
}

/// Asserts a problem at this file, record and field, mentioning `words`.
fn rejects_facts(
    catalog_yaml: &str,
    facts_yaml: &str,
    file: &str,
    entry: &str,
    field: &str,
    words: &str,
) {
    let errors = facts_errors_of(catalog_yaml, facts_yaml);
    let found = errors.iter().find(|e| {
        e.file == file && e.entry == entry && e.field == field && e.problem.contains(words)
    });
    let Some(found) = found else {
        panic!("expected {file} / {entry} / {field} / {words:?}, got {errors:#?}");
    };
    let shown = found.to_string();
    assert!(
        shown.starts_with(file) && shown.contains(entry) && shown.contains(field),
        "{shown}"
    );
}

#[test]
fn the_valid_facts_are_accepted_with_links_from_the_catalog() {
    let catalog = parse(
        FILE,
        &catalog_relating(
            "          settings: [IP_WHITELIST]\n          services: [token_service]\n",
        ),
    )
    .unwrap();
    let facts = parse_facts(FACTS_FILE, VALID_FACTS, FILE, &catalog).unwrap();
    assert_eq!(facts.settings.len(), 1);
    assert_eq!(
        catalog.codes[0].entries[0].related.settings,
        ["IP_WHITELIST"]
    );
}

#[test]
fn the_real_facts_are_accepted() {
    let root = env!("CARGO_MANIFEST_DIR");
    let catalog_yaml = std::fs::read_to_string(format!("{root}/../data/catalog.yaml")).unwrap();
    let facts_yaml = std::fs::read_to_string(format!("{root}/../data/facts.yaml")).unwrap();
    let catalog = parse("data/catalog.yaml", &catalog_yaml).unwrap();
    parse_facts(
        "data/facts.yaml",
        &facts_yaml,
        "data/catalog.yaml",
        &catalog,
    )
    .unwrap();
}

#[test]
fn a_catalog_entry_naming_an_unknown_setting_fails_with_file_entry_and_field() {
    let catalog = catalog_relating("          settings: [IP_WHITELIST, LDAP_LOOKUP_FOREST]\n");
    rejects_facts(
        &catalog,
        VALID_FACTS,
        FILE,
        "code `AccessDenied`",
        "entries[0].related.settings[1]",
        "`LDAP_LOOKUP_FOREST` is not declared in data/facts.yaml",
    );
}

#[test]
fn a_catalog_entry_naming_an_unknown_service_protocol_certificate_fact_or_log_fails() {
    for (line, field, name) in [
        (
            "services: [token_servce]",
            "entries[0].related.services[0]",
            "token_servce",
        ),
        (
            "protocols: [mschap]",
            "entries[0].related.protocols[0]",
            "mschap",
        ),
        (
            "certificate: [thumbprint]",
            "entries[0].related.certificate[0]",
            "thumbprint",
        ),
        (
            "event_channels: [AuthNOpt]",
            "entries[0].related.event_channels[0]",
            "AuthNOpt",
        ),
    ] {
        let catalog = catalog_relating(&format!("          {line}\n"));
        rejects_facts(
            &catalog,
            VALID_FACTS,
            FILE,
            "code `AccessDenied`",
            field,
            &format!("`{name}` is not declared"),
        );
    }
}

#[test]
fn a_catalog_entry_may_not_relate_to_codes() {
    let catalog = catalog_relating("          codes: [AccessDenied]\n");
    rejects_facts(
        &catalog,
        VALID_FACTS,
        FILE,
        "code `AccessDenied`",
        "entries[0].related.codes",
        "relates to facts",
    );
}

#[test]
fn a_related_name_listed_twice_is_rejected() {
    let catalog = catalog_relating("          settings: [IP_WHITELIST, IP_WHITELIST]\n");
    rejects_facts(
        &catalog,
        VALID_FACTS,
        FILE,
        "code `AccessDenied`",
        "entries[0].related.settings[1]",
        "listed twice",
    );
}

#[test]
fn an_unknown_related_field_is_a_yaml_error() {
    let catalog = catalog_relating("          setings: [IP_WHITELIST]\n");
    let errors = parse(FILE, &catalog).unwrap_err().0;
    assert!(
        errors[0].problem.contains("unknown field `setings`"),
        "{errors:?}"
    );
}

#[test]
fn a_symptom_naming_an_unknown_code_fails() {
    let facts = VALID_FACTS.replace("codes: [AccessDenied]", "codes: [AccesDenied]");
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "symptom `http_connect_errors`",
        "related.codes[0]",
        "`AccesDenied` is not a code in the catalog",
    );
}

#[test]
fn a_fact_citing_an_undeclared_document_fails() {
    let facts = VALID_FACTS.replace("document: errors-2018-07", "document: how-to-2030");
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "certificate fact `subject`",
        "sources[0].document",
        "unknown source id `how-to-2030`",
    );
}

#[test]
fn a_fact_without_sources_fails() {
    let facts = VALID_FACTS.replace(
        "    summary: Authorization log.\n    sources:\n      - document: errors-2024-01\n        section: Troubleshooting steps for common errors\n",
        "    summary: Authorization log.\n    sources: []\n",
    );
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "event channel `AuthZOptCh`",
        "sources",
        "at least one document",
    );
}

#[test]
fn a_missing_matrix_cell_fails() {
    let facts = VALID_FACTS.replace(
        "  - id: phone_call\n    title: Phone call\n",
        "  - id: phone_call\n    title: Phone call\n  - id: text_message\n    title: One-way text message\n",
    );
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "facts",
        "protocol_methods",
        "no cell for (pap, text_message)",
    );
}

#[test]
fn a_duplicate_matrix_cell_fails() {
    let cell = "  - protocol: pap\n    method: phone_call\n    supported: false\n    sources:\n      - document: errors-2024-01\n        section: Configuration limitations\n";
    let facts = VALID_FACTS.replace("certificate:\n", &format!("{cell}certificate:\n"));
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "protocol_methods[1]",
        "method",
        "listed twice",
    );
}

#[test]
fn a_cloud_value_for_an_unknown_cloud_fails() {
    let facts = VALID_FACTS.replace("      - cloud: public\n", "      - cloud: germany\n");
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "setting `IP_WHITELIST`",
        "cloud_values[0].cloud",
        "unknown cloud `germany`",
    );
}

#[test]
fn an_endpoint_with_a_bad_url_transport_or_cloud_fails() {
    let facts = VALID_FACTS.replace(
        "url: https://login.microsoftonline.com",
        "url: http://login.microsoftonline.com",
    );
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "endpoint `token_service_public`",
        "url",
        "not an https://host URL",
    );
    let facts = VALID_FACTS.replace("transport: tcp", "transport: sctp");
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "endpoint `token_service_public`",
        "transport",
        "not `tcp` or `udp`",
    );
    let facts = VALID_FACTS.replace("clouds: [public]", "clouds: [public, mooncake]");
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "endpoint `token_service_public`",
        "clouds[1]",
        "unknown cloud `mooncake`",
    );
}

#[test]
fn a_lower_case_setting_name_fails() {
    let facts = VALID_FACTS.replace("- name: IP_WHITELIST", "- name: ip_whitelist");
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "setting `ip_whitelist`",
        "name",
        "not a well-formed setting name",
    );
}

#[test]
fn a_symptom_phrase_that_is_not_folded_fails() {
    let facts = VALID_FACTS.replace(
        "phrases: [http connect errors]",
        "phrases: [HTTP connect errors]",
    );
    rejects_facts(
        VALID,
        &facts,
        FACTS_FILE,
        "symptom `http_connect_errors`",
        "phrases[0]",
        "lower case",
    );
}

#[test]
fn a_code_longer_than_case_insensitive_lookup_folds_is_rejected() {
    let long = "A".repeat(65);
    let yaml = VALID.replace("- code: AccessDenied", &format!("- code: {long}"));
    rejects(
        &yaml,
        &format!("code `{long}`"),
        "code",
        "at most 64 characters",
    );
}
