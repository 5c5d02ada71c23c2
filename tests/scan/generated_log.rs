//! The benchmark's generated log.

use super::*;

#[test]
fn generated_log_is_deterministic_sized_and_about_one_percent_findings() {
    let log = generate::generate_vec(2 * 1024 * 1024, 7);
    assert_eq!(log, generate::generate_vec(2 * 1024 * 1024, 7));
    assert_ne!(log, generate::generate_vec(2 * 1024 * 1024, 8));
    assert!(log.len() <= 2 * 1024 * 1024 && log.len() > 2 * 1024 * 1024 - 1024);
    let events = log
        .split(|b| *b == b'\n')
        .filter(|l| l.first().is_some_and(u8::is_ascii_digit))
        .count();
    let findings = scan_bytes(&log);
    let documented = findings.iter().filter(|f| f.is_documented()).count();
    assert_eq!(
        documented,
        findings.len(),
        "the generator writes only documented codes"
    );
    let percent = findings.len() as f64 * 100.0 / events as f64;
    assert!(
        (0.7..1.3).contains(&percent),
        "{percent:.2}% of {events} events"
    );
    assert_eq!(scan_bytes_with(4093, &log), findings);
}

#[cfg(unix)]
#[test]
fn a_folder_link_loop_does_not_recurse_forever() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.log"),
        "ErrorCode:: ESTS_TOKEN_ERROR Msg:: x\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let mut findings = vec![];
    let errors = scan_path(dir.path(), |f| findings.push(f));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings.len(), 1);
}
