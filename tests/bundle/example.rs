//! The example bundle the README triages: `examples/support-bundle/20261120-092000_NpsLogging.zip`,
//! built from `members/` in the script's layout. `NPS_WRITE_EXAMPLE=1` rewrites it.

use super::*;

const EXAMPLE: &str = "examples/support-bundle/20261120-092000_NpsLogging.zip";

fn example_members() -> Vec<(String, Vec<u8>)> {
    let mut members = script_members();
    members.push(("AuthZOptCh.xml".to_owned(), authz_xml()));
    members
}

#[test]
fn example_zip_holds_the_script_layout_built_from_its_sources() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    if samples().is_none() {
        return;
    }
    let members = example_members();
    if std::env::var_os("NPS_WRITE_EXAMPLE").is_some() {
        std::fs::write(&path, zip_of(&members)).expect("the example written");
    }
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(&path).expect("the example zip")).expect("a zip");
    assert_eq!(archive.len(), members.len());
    for (name, data) in &members {
        let mut member = archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the example"));
        let mut read = vec![];
        std::io::Read::read_to_end(&mut member, &mut read).expect("a readable member");
        assert!(
            read == *data,
            "{name} differs from its source; rebuild with NPS_WRITE_EXAMPLE=1"
        );
    }
}

#[test]
fn readme_command_triages_the_example_bundle() {
    if samples().is_none() {
        return;
    }
    let output = cli()
        .args(["scan", EXAMPLE])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("a run");
    let text = String::from_utf8_lossy(&output.stdout);
    // Lines wrap at 80 columns: compare with the spacing folded.
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for expected in [
        "ESTS_TOKEN_ERROR",
        "Configuration",
        "error ExtensionDLLs = (blank)",
        "NPS decisions",
        "Per user",
        "alice@contoso.com (CONTOSO\\alice)",
        "NPS denied (reason 21: the extension rejected, see ESTS_TOKEN_ERROR)",
        "NPS denied before MFA (the extension only saw the AccessReject)",
        "%computername%_AuthZAdminCh.evtx",
        "nettrace.etl: skipped",
    ] {
        assert!(
            folded.contains(expected),
            "missing {expected:?} in:\n{text}"
        );
    }
}
