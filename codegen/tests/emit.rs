//! The emitters on a small fixture catalog: what the generated Rust holds and how it reads.

use nps_mfa_errors_codegen::{parse, render, WIDTH};

const CATALOG: &str = include_str!("fixture/catalog.yaml");
const FACTS: &str = include_str!("fixture/facts.yaml");

fn files() -> Vec<(&'static str, String)> {
    render(&parse(CATALOG, FACTS).expect("the fixture is valid"))
}

fn file(name: &str) -> String {
    files()
        .into_iter()
        .find(|(n, _)| *n == name)
        .expect("generated")
        .1
}

#[test]
fn every_file_is_marked_generated() {
    for (name, text) in files().iter().filter(|(n, _)| *n != "fold.rs") {
        assert!(text.starts_with("// @generated"), "{name}");
    }
}

#[test]
fn no_generated_line_is_wider_than_the_limit_except_a_bare_url() {
    for (name, text) in files() {
        for line in text.lines() {
            let doc = line.trim_start().strip_prefix("/// ");
            let unsplittable = doc.is_some_and(|d| d.starts_with("https://") && !d.contains(' '));
            assert!(line.len() <= WIDTH || unsplittable, "{name}: {line}");
        }
    }
}

#[test]
fn each_enum_gets_its_documented_variants_and_phf_maps() {
    let catalog = file("catalog.rs");
    assert!(catalog.contains("pub enum ErrorCode {"));
    assert!(catalog.contains("    #[strum(serialize = \"ESTS_TOKEN_ERROR\")]\n    EstsTokenError,"));
    assert!(catalog.contains("pub static CODES: phf::Map<&'static str, ErrorCode> = ::phf::Map {"));
    assert!(catalog.contains("pub(crate) static CODES_FOLDED: phf::Map<&'static str, ErrorCode>"));
    assert!(catalog.contains("(\"ests_token_error\", ErrorCode::EstsTokenError)"));
    assert!(catalog.contains("pub(crate) static CATEGORIES: phf::Map<&'static str, Category>"));
    let facts = file("facts.rs");
    for name in [
        "Cloud",
        "Service",
        "Setting",
        "EventChannel",
        "Method",
        "AuthProtocol",
    ] {
        assert!(facts.contains(&format!("pub enum {name} {{")), "{name}");
        assert!(
            facts.contains(&format!("impl crate::lookup::Name for {name} {{")),
            "{name}"
        );
    }
    assert!(facts.contains("pub static SETTINGS: phf::Map<&'static str, Setting>"));
    assert!(facts.contains("pub(crate) static SETTINGS_FOLDED"));
}

#[test]
fn long_urls_in_docs_are_reference_definitions_on_their_own_lines() {
    let catalog = file("catalog.rs");
    assert!(catalog.contains("/// Sources: [New page][errors-2024-01] (2024-01 en-US,"));
    assert!(catalog.contains("/// [errors-2024-01]:"));
    assert!(catalog.contains("/// https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-nps-extension-errors\n"));
}

#[test]
fn documents_and_endpoints_are_referred_to_by_name() {
    let catalog = file("catalog.rs");
    assert!(catalog.contains("pub(crate) const ERRORS_2024_01: usize = 1;"));
    assert!(catalog.contains("document: &DOCUMENTS[doc::ERRORS_2024_01]"));
    assert!(!catalog.contains("&DOCUMENTS[1]"));
    let facts = file("facts.rs");
    assert!(facts.contains("&ENDPOINTS[endpoint::TOKEN_SERVICE_PUBLIC]"));
}

#[test]
fn reverse_links_from_facts_to_codes_are_computed() {
    let facts = file("facts.rs");
    let setting = facts
        .split("static SETTING_INFO")
        .nth(1)
        .expect("the setting table");
    assert!(
        setting.contains("codes: &[ErrorCode::EstsTokenError]"),
        "{setting}"
    );
    let catalog = file("catalog.rs");
    assert!(catalog.contains("symptoms: &[Symptom::HttpConnectErrors]"));
}

#[test]
fn a_long_string_is_split_with_concat_and_still_says_the_same() {
    let catalog = file("catalog.rs");
    let start = catalog
        .find("summary: concat!(")
        .expect("the long summary is split");
    let end = start + catalog[start..].find(')').unwrap();
    let pieces: String = catalog[start..end]
        .lines()
        .skip(1)
        .map(|l| l.trim().trim_end_matches(',').trim_matches('"'))
        .collect();
    assert!(
        pieces.starts_with("The extension could not get a token"),
        "{pieces}"
    );
}

#[test]
fn message_patterns_are_folded_pieces_between_placeholders() {
    let catalog = file("catalog.rs");
    assert!(catalog
        .contains("segments: &[\"the length of\", \"is longer than the maximum allowed length\"]"));
}

#[test]
fn the_fold_source_is_the_generators_own() {
    assert_eq!(file("fold.rs"), nps_mfa_errors_codegen::FOLD_SOURCE);
    assert_eq!(
        nps_mfa_errors_codegen::fold("  Don\u{2019}t  Stop "),
        "don't stop"
    );
}
