//! The catalog audit finds rows of a source page that the catalog does not record, and
//! accepts the rows it does. `cargo test` runs these (`[[example]] test = true`).

use crate::page::{
    english, missing_rows, parse_markdown, parse_tsv, undo_translation_artefacts, RowKey,
};

const PAGE_2024: &str = "---\nms.date: 01/02/2024\n---\n# Page\n\n## Errors your users may encounter\n\n| Error code | Error message | Troubleshooting steps |\n| ---------- | ------------- | --------------------- |\n| **AccessDenied** | Caller tenant doesn't have access permissions to do authentication for the user | Check. |\n| **InvalidFormat** or **StrongAuthenticationServiceInvalidParameter** | The phone number is in an unrecognizable format | Fix. |\n";

#[test]
fn documented_rows_are_found_in_the_catalog() {
    let page = parse_markdown(PAGE_2024).unwrap();
    assert_eq!(page.rows.len(), 2);
    assert_eq!(
        page.rows[1].key,
        RowKey::Codes(vec![
            "InvalidFormat".into(),
            "StrongAuthenticationServiceInvalidParameter".into()
        ])
    );
    assert_eq!(missing_rows(&page).unwrap(), vec![]);
}

#[test]
fn an_unknown_code_is_reported_missing() {
    let text = PAGE_2024.replace("**AccessDenied**", "**AccessDeniedForever**");
    let missing = missing_rows(&parse_markdown(&text).unwrap()).unwrap();
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0]
            .reason
            .contains("`AccessDeniedForever` is not in the catalog"),
        "{missing:?}"
    );
    assert_eq!(missing[0].row.line, 10);
}

#[test]
fn a_wording_not_attributed_to_the_version_is_reported_missing() {
    let text = PAGE_2024.replace("doesn't have", "does not have");
    let missing = missing_rows(&parse_markdown(&text).unwrap()).unwrap();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].reason.contains("no wording"), "{missing:?}");
}

#[test]
fn a_row_under_another_section_is_reported_missing() {
    let text = PAGE_2024.replace(
        "## Errors your users may encounter",
        "## Errors that require support",
    );
    let missing = missing_rows(&parse_markdown(&text).unwrap()).unwrap();
    assert_eq!(missing.len(), 3, "each code of each row: {missing:?}");
}

#[test]
fn a_version_the_catalog_does_not_declare_is_an_error() {
    let text = PAGE_2024.replace("01/02/2024", "03/03/2023");
    let error = missing_rows(&parse_markdown(&text).unwrap()).unwrap_err();
    assert!(error.contains("2023-03-03"), "{error}");
}

#[test]
fn machine_translated_english_is_recovered() {
    let line = r#"| <span data-ttu-id="x-1">**UserNotFound**</span><span class="sxs-lookup"><span data-stu-id="x-1">**UserNotFound**</span></span> |"#;
    assert_eq!(english(line), "| **UserNotFound** |");
    assert_eq!(
        undo_translation_artefacts("hello specified user was not found"),
        "The specified user was not found"
    );
    assert_eq!(
        undo_translation_artefacts("permissions toodo authentication for hello user"),
        "permissions to do authentication for the user"
    );
    assert_eq!(
        undo_translation_artefacts("from request or Msods. hello ProofData is unKnown"),
        "from request or Msods. The ProofData is unKnown"
    );
    assert_eq!(
        undo_translation_artefacts("too many times"),
        "too many times"
    );
}

#[test]
fn the_tsv_extract_is_read_with_message_keyed_rows() {
    let text = "# comment\ncommon\tChallenge requested in Authentication Ext for User\t\nuser_errors\tUserNotFound\tThe specified user wasn't found\n";
    let page = parse_tsv("errors-page-2025-01-08.tsv", text).unwrap();
    assert_eq!(page.date, "2025-01-08");
    assert_eq!(
        page.rows[0].key,
        RowKey::Label("Challenge requested in Authentication Ext for User".into())
    );
    assert_eq!(missing_rows(&page).unwrap(), vec![]);
}
