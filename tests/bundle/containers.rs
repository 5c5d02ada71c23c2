//! Zip and gzip containers: members named `bundle.zip!/member`, nesting, limits, encrypted and
//! corrupt members.

use super::*;

fn text_members() -> Vec<(String, Vec<u8>)> {
    script_members()
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".evtx"))
        .collect()
}

fn input_names(scan: &BundleScan<'_>) -> Vec<String> {
    scan.inputs
        .iter()
        .map(|i| i.name.rsplit(['/', '\\']).next().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn a_script_zip_is_read_as_a_folder_with_members_named_after_it() {
    let (_dir, path) = write_temp("20261120-092000_NpsLogging.zip", &zip_of(&text_members()));
    let (records, scan) = scan_file(&path);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    let prefix = format!("{}!/", path.display());
    assert!(
        scan.inputs.iter().all(|i| i.name.starts_with(&prefix)),
        "{:?}",
        scan.inputs
    );
    let formats: Vec<(&str, &str)> = scan
        .inputs
        .iter()
        .map(|i| {
            (
                &i.name[prefix.len()..],
                i.summary.as_ref().unwrap().format.as_str(),
            )
        })
        .collect();
    assert!(formats.contains(&("AfterRegAdd_AuthSrv.txt", "registry")));
    assert!(formats.contains(&("NPS_EventLog.log", "security-events")));
    assert!(formats.contains(&("nettrace.etl", "skipped")));
    assert!(records.iter().any(|r| matches!(r, Record::Nps(e) if e.file.as_deref() == Some(&format!("{prefix}NPS_EventLog.log")[..]))));
}

#[test]
fn nested_zips_and_gzip_files_are_opened_with_their_chain_of_names() {
    let log = utf16_crlf(&member_text("NPS_EventLog.log"));
    let inner = zip_of(&[("NPS_EventLog.log".to_owned(), log.clone())]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&log).unwrap();
    let outer = zip_of(&[
        ("inner.zip".to_owned(), inner),
        ("copy.log.gz".to_owned(), gz.finish().unwrap()),
    ]);
    let (_dir, path) = write_temp("outer.zip", &outer);
    let (records, scan) = scan_file(&path);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    let names: Vec<String> = scan.inputs.iter().map(|i| i.name.clone()).collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("outer.zip!/inner.zip!/NPS_EventLog.log")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("outer.zip!/copy.log.gz!/copy.log")),
        "{names:?}"
    );
    // The gzip copy holds the same events: they count once.
    assert_eq!(records.len(), 4);
    assert_eq!(scan.duplicates, 4);
}

#[test]
fn containers_nested_past_the_limit_are_an_error_not_a_crash() {
    let mut zip = zip_of(&[(
        "NPS_EventLog.log".to_owned(),
        utf16_crlf(&member_text("NPS_EventLog.log")),
    )]);
    for level in 0..4 {
        zip = zip_of(&[(format!("level{level}.zip"), zip)]);
    }
    let (_dir, path) = write_temp("deep.zip", &zip);
    let (records, scan) = scan_file(&path);
    assert!(records.is_empty());
    assert_eq!(scan.errors.len(), 1);
    assert!(
        scan.errors[0]
            .to_string()
            .contains("nested more than 3 deep"),
        "{}",
        scan.errors[0]
    );
}

/// Sets the "encrypted" flag of the member `name` in its local header and central directory.
fn mark_encrypted(zip: &mut [u8], name: &str) {
    for (signature, flags_at, name_at) in [(&b"PK\x03\x04"[..], 6, 30), (&b"PK\x01\x02"[..], 8, 46)]
    {
        let mut at = 0;
        while let Some(found) = zip[at..].windows(4).position(|w| w == signature) {
            let start = at + found;
            if zip[start + name_at..].starts_with(name.as_bytes()) {
                zip[start + flags_at] |= 1;
            }
            at = start + 4;
        }
    }
}

#[test]
fn bombs_encrypted_and_corrupt_members_get_their_own_errors_and_the_rest_is_read() {
    let mut members = text_members();
    members.push(("bomb.log".to_owned(), vec![b'A'; 16 << 20]));
    members.push((
        "secret.log".to_owned(),
        b"ErrorCode:: ESTS_TOKEN_ERROR".repeat(50),
    ));
    members.push((
        "damaged.log".to_owned(),
        b"2026-11-20 09:00:00 some text to damage ".repeat(400),
    ));
    let mut zip = zip_of(&members);
    mark_encrypted(&mut zip, "secret.log");
    // Damage the middle of the last member's compressed data.
    let damaged = zip.windows(11).rposition(|w| w == b"damaged.log").unwrap();
    let local = zip[..damaged]
        .windows(4)
        .rposition(|w| w == b"PK\x03\x04")
        .unwrap();
    let data = local + 30 + "damaged.log".len() + 20;
    for byte in &mut zip[data..data + 40] {
        *byte ^= 0x5A;
    }
    let (_dir, path) = write_temp("bundle.zip", &zip);
    let output = cli().args(["scan", "--json"]).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bundle.zip!/bomb.log: unpacks more than 200 times"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bundle.zip!/secret.log: encrypted"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bundle.zip!/damaged.log: damaged: "),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\"kind\":\"config\""));
    assert_eq!(stdout.matches("\"kind\":\"nps\"").count(), 4);
}

#[test]
fn a_zip_with_too_many_entries_reads_the_first_ones_and_says_so() {
    let members: Vec<(String, Vec<u8>)> = (0..12)
        .map(|i| (format!("f{i:02}.log"), b"nothing".to_vec()))
        .collect();
    let (_dir, path) = write_temp("many.zip", &zip_of(&members));
    let limits = nps_mfa_errors::scan::ContainerLimits {
        max_entries: 10,
        ..Default::default()
    };
    let mut scan = BundleScan::new(
        Scanner::shared(),
        BundleOptions::default().with_limits(limits),
    );
    scan.scan_path(&path, &mut |_| {});
    assert_eq!(scan.inputs.len(), 10);
    assert_eq!(input_names(&scan)[0], "f00.log");
    assert!(scan.errors[0]
        .to_string()
        .contains("holds 12 entries, more than the limit of 10"));
}

#[test]
fn a_zip_on_standard_input_is_read_like_the_file() {
    let zip = zip_of(&text_members());
    let output = cli()
        .args(["scan", "--json", "-"])
        .write_stdin(zip)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("\"file\":\"-!/NPS_EventLog.log\""),
        "{stdout}"
    );
    assert_eq!(stdout.matches("\"kind\":\"nps\"").count(), 4);
}

#[test]
fn traces_cabinets_and_other_binaries_are_listed_as_skipped_never_scanned() {
    let mut cab = b"MSCF\0\0\0\0".to_vec();
    cab.extend(b"ErrorCode:: ESTS_TOKEN_ERROR".repeat(4));
    let mut blob = vec![0_u8, 1, 2, 0, 0, 7];
    blob.extend(b"ErrorCode:: ESTS_TOKEN_ERROR");
    let members = vec![
        ("NPSExtension.etl".to_owned(), etl_bytes(3)),
        ("logs.cab".to_owned(), cab),
        ("dump.bin".to_owned(), blob),
    ];
    let (_dir, path) = write_temp("bundle.zip", &zip_of(&members));
    let output = cli()
        .args(["scan", "--summary-json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "nothing found, nothing unreadable"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let skipped: Vec<&str> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["why"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(
        skipped[0].contains("ETW trace")
            && skipped[1].contains("cabinet")
            && skipped[2].contains("binary data")
    );
    assert_eq!(json["findings"], 0);
}

#[test]
fn an_archive_that_cannot_be_opened_says_nothing_in_it_was_read() {
    let bundle = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/support-bundle/20261120-092000_NpsLogging.zip"),
    )
    .expect("the example bundle");
    let (_dir, cut) = write_temp("cut.zip", &bundle[..bundle.len() / 2]);
    let (_dir2, fake) = write_temp("bundle.zip", b"<html>404 Not Found</html>\n");
    for path in [cut, fake] {
        let (records, scan) = scan_file(&path);
        assert!(records.is_empty(), "{records:?}");
        let errors: Vec<String> = scan.errors.iter().map(ToString::to_string).collect();
        assert!(
            matches!(&errors[..], [only] if only.contains("not a readable archive") && only.contains("nothing in it was read")),
            "{errors:?}"
        );
    }
}
