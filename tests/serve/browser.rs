//! The pages in a real browser (headless Chromium through WebDriver): search, a code page,
//! the upload form and its report, the fact pages. Each page is saved as a screenshot under
//! `target/tmp/screenshots/`.

use std::path::Path;

use crate::support::Server;
use crate::webdriver::Browser;

#[test]
fn the_search_box_finds_a_code_and_links_to_its_page_with_numbered_steps() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = Server::start(&[]);
    browser.open(&format!("{}/", server.url));
    browser.screenshot("home");
    browser.type_into("input[name=q]", "ests token");
    browser.click("form.search button");
    assert!(
        browser.url().ends_with("/?q=ests+token"),
        "{}",
        browser.url()
    );
    let results = browser.wait_for("ol.results li a.code");
    assert_eq!(
        results.first().map(String::as_str),
        Some("ESTS_TOKEN_ERROR")
    );
    browser.screenshot("search");

    browser.click("ol.results li a.code");
    assert!(browser.url().ends_with("/codes/ESTS_TOKEN_ERROR"));
    assert!(browser.title().starts_with("ESTS_TOKEN_ERROR"));
    let steps = browser.texts("ol.steps li");
    let expected = nps_mfa_errors::ErrorCode::EstsTokenError.entries()[0].steps();
    assert_eq!(steps.len(), expected.len());
    assert_eq!(steps[0], expected[0]);
    browser.screenshot("code");
}

#[test]
fn a_pasted_log_line_finds_its_message_and_hostile_input_stays_text() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = Server::start(&[]);
    browser.open(&format!("{}/", server.url));
    browser.type_into(
        "input[name=q]",
        "2026-11-20 09:15:10 Error: Alternate LoginId lookup failed for user bob",
    );
    browser.click("form.search button");
    let results = browser.wait_for("ol.results li a.code");
    assert_eq!(
        results.first().map(String::as_str),
        Some("ALTERNATE_LOGIN_ID_ERROR")
    );

    browser.open(&format!(
        "{}/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%3Cb%3Ebold%3C%2Fb%3E",
        server.url
    ));
    assert!(
        browser.texts("main img").is_empty(),
        "markup from the query was rendered"
    );
    assert!(
        browser.texts("main b").is_empty(),
        "markup from the query was rendered"
    );
    let notice = browser.texts("p.notice");
    assert!(
        notice[0].contains("<img src=x onerror=alert(1)><b>bold</b>"),
        "{notice:?}"
    );
    browser.screenshot("search-hostile");
}

#[test]
fn the_upload_page_returns_a_report_for_a_log() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = Server::start(&[]);
    browser.open(&format!("{}/scan", server.url));
    browser.screenshot("scan-form");
    let log = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/logs/bundle/nps-extension.log");
    browser.type_into("input[type=file]", &log.display().to_string());
    browser.click("form.upload button");
    assert_eq!(browser.title(), "Scan report · NPS extension errors");
    let codes = browser.wait_for("table.report tbody tr td:first-child a.code");
    assert!(codes.iter().any(|c| c == "ESTS_TOKEN_ERROR"), "{codes:?}");
    let files = browser.texts("table.inputs tbody tr td.file");
    assert_eq!(files, ["nps-extension.log"]);
    let counted = browser.texts("table.inputs tbody tr td:last-child");
    assert!(counted[0].ends_with(" findings"), "{counted:?}");
    browser.screenshot("scan-report");
}

#[test]
fn the_fact_pages_render_and_link_back_to_codes() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = Server::start(&[]);
    for (path, heading) in [
        ("/settings", "Registry settings"),
        ("/endpoints", "Endpoints and ports"),
        ("/protocols", "Authentication methods per RADIUS protocol"),
    ] {
        browser.open(&format!("{}{path}", server.url));
        assert_eq!(browser.texts("h1"), [heading]);
        assert!(
            !browser.texts("a[href^='/codes/']").is_empty(),
            "{path} links to codes"
        );
        browser.screenshot(path.trim_start_matches('/'));
    }
    browser.open(&format!("{}/codes/NO_SUCH_CODE", server.url));
    assert_eq!(browser.texts("h1"), ["Unknown code"]);
    browser.screenshot("not-found");
}
