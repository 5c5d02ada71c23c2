//! A support bundle uploaded through the `/scan` form in a real browser (headless Chromium):
//! the report shows the configuration verdicts and one story per user. Saved as the
//! `scan-bundle` screenshot.

use std::path::Path;

use crate::support::Server;
use crate::webdriver::Browser;

#[test]
fn an_uploaded_bundle_shows_config_verdicts_and_the_story_per_user() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = Server::start(&[]);
    browser.open(&format!("{}/scan", server.url));
    let zip = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/support-bundle/20261120-092000_NpsLogging.zip");
    browser.type_into("input[type=file]", &zip.display().to_string());
    browser.click("form.upload button");
    assert_eq!(browser.title(), "Scan report · NPS extension errors");
    let headings = browser.wait_for("main h2");
    for wanted in ["Configuration", "NPS decisions", "Per user", "Binary files"] {
        assert!(
            headings.iter().any(|h| h == wanted),
            "{wanted}: {headings:?}"
        );
    }
    let verdicts = browser.texts("table.config tbody tr td:first-child");
    assert!(verdicts.iter().any(|v| v == "error"), "{verdicts:?}");
    let users = browser.texts("main h3");
    assert!(
        users.iter().any(|u| u.starts_with("alice@contoso.com")),
        "{users:?}"
    );
    let story = browser.texts("ol.story li");
    assert!(
        story
            .iter()
            .any(|s| s
                .contains("NPS denied (reason 21: the extension rejected, see ESTS_TOKEN_ERROR)")),
        "{story:?}"
    );
    browser.screenshot("scan-bundle");
}
