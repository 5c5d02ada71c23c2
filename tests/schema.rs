//! Build-time validation: each kind of bad catalog data is rejected with a message that names
//! the file, the entry and the field. These tests run the very module `build.rs` uses.

#[path = "../src/fold.rs"]
mod fold;
#[path = "../src/catalog/schema.rs"]
mod schema;

use schema::{parse, resolve_link, variant_name, CatalogError};

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
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalog.yaml")).unwrap();
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
    let pieces = schema::literal_segments(
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
    let pieces = schema::literal_segments(
        "Request received for User username with state",
        &["username".to_owned()],
    );
    assert_eq!(pieces, ["request received for user", "with state"]);
}
