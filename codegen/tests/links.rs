//! Links in the catalog: only `https://` URLs, `/path`, `page.md#anchor` (and the errors page's
//! own `#anchor`) pass; anything else is refused with the file, the entry and the field, never
//! rewritten into a learn.microsoft.com URL.

use nps_mfa_errors_codegen::{parse_catalog, resolve_link, CatalogError};

const FILE: &str = "data/catalog.yaml";

/// One code with one link; `{url}` is replaced by the link under test.
const CATALOG: &str = r#"
schema_version: 1
documents:
  - id: errors-2024-01
    title: Page
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
        steps:
          - Check the tenant.
        links:
          - title: A page
            url: "{url}"
        sources:
          - document: errors-2024-01
            section: Errors your users may encounter
"#;

fn problems_with(url: &str) -> Vec<CatalogError> {
    match parse_catalog(FILE, &CATALOG.replace("{url}", url)) {
        Ok(_) => vec![],
        Err(errors) => errors.0,
    }
}

#[test]
fn scheme_typos_and_other_schemes_are_rejected_naming_file_entry_and_field() {
    for bad in [
        "htps:/github.com/Azure-Samples/azure-mfa-nps-extension-health-check",
        "javascript:alert(1)",
        "http://learn.microsoft.com/en-us/entra/",
        "ftp://example.com/file",
        "mailto:support@example.com",
        "//evil.example.com/page",
        "data:text/html,hi",
        "../user-help/page.md",
        "howto-mfa-nps-extension",
        "page.md#two words",
        "#",
    ] {
        let problems = problems_with(bad);
        assert_eq!(problems.len(), 1, "{bad}: {problems:#?}");
        let shown = problems[0].to_string();
        assert!(
            shown.starts_with(
                "data/catalog.yaml: code `AccessDenied`, field `entries[0].links[0].url`"
            ),
            "{shown}"
        );
        assert!(
            shown.contains(&format!("`{bad}` is not a well-formed link")),
            "{shown}"
        );
        assert_eq!(resolve_link(bad), None, "{bad}");
    }
}

#[test]
fn the_four_documented_forms_are_accepted() {
    for good in [
        "https://github.com/Azure-Samples/azure-mfa-nps-extension-health-check",
        "/windows-server/security/tls/tls-registry-settings#tls-dtls-and-ssl-protocol-version-settings",
        "howto-mfa-nps-extension.md#troubleshooting",
        "howto-mfa-nps-extension.md",
        "#contact-microsoft-support",
    ] {
        assert_eq!(problems_with(good), vec![], "{good}");
        assert!(resolve_link(good).unwrap().starts_with("https://"), "{good}");
    }
}
