//! The `nps_dlls` section of `data/facts.yaml` (issue 8): the NPS `AuthSrv\Parameters` values
//! that load the extension, validated and emitted like every other kind of fact.

use nps_mfa_errors_codegen::{parse, render};

const CATALOG: &str = include_str!("fixture/catalog.yaml");
const FACTS: &str = include_str!("fixture/facts.yaml");

fn with_dll(key: &str, value: &str) -> String {
    let document = CATALOG
        .lines()
        .find_map(|l| l.trim().strip_prefix("- id: "))
        .expect("the fixture declares a document");
    format!(
        "{FACTS}\nnps_dlls:\n  - id: extension_dlls\n    name: ExtensionDLLs\n    key: {key}\n    value: {value}\n    role: the authentication extension\n    summary: The extension DLLs NPS loads.\n    when_wrong: NPS does not load the extension.\n    sources:\n      - document: {document}\n        section: Somewhere\n"
    )
}

#[test]
fn an_nps_dll_value_becomes_an_enum_with_its_name_and_value() {
    let facts = with_dll(
        "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AuthSrv\\Parameters",
        "C:\\Program Files\\Microsoft\\AzureMfa\\Extensions\\MfaNpsAuthnExt.dll",
    );
    let model = parse(CATALOG, &facts).expect("valid");
    let (_, text) = render(&model)
        .into_iter()
        .find(|(n, _)| *n == "facts.rs")
        .expect("facts.rs");
    assert!(text.contains("pub enum NpsDll"));
    assert!(text.contains("ExtensionDlls,"));
    assert!(text.contains("name: \"ExtensionDLLs\""));
}

#[test]
fn an_nps_dll_outside_hklm_or_not_a_dll_is_rejected_with_its_field() {
    let facts = with_dll("HKEY_CURRENT_USER\\Software", "C:\\notes.txt");
    let errors = parse(CATALOG, &facts).expect_err("invalid").to_string();
    assert!(
        errors.contains("NPS DLL value `extension_dlls`"),
        "{errors}"
    );
    assert!(
        errors.contains("key") && errors.contains("value"),
        "{errors}"
    );
}
