//! Tolerant message matching against two corpora in `tests/data/`: wordings drifted the way
//! real logs and posts drift (each must match its code, as drifted), and lines from
//! neighbouring Windows components and prose (none may match anything).

use nps_mfa_errors::{find_message, ErrorCode};

/// The non-comment, non-blank lines of a corpus file.
fn corpus(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// `(code, kind, text)` rows of the drift corpus.
fn drifted() -> Vec<(ErrorCode, &'static str, &'static str)> {
    corpus(include_str!("data/drift.tsv"))
        .map(|line| {
            let mut columns = line.splitn(3, '\t');
            let code = columns
                .next()
                .expect("a code")
                .parse()
                .expect("a documented code");
            let kind = columns.next().expect("a drift kind");
            (code, kind, columns.next().expect("a text"))
        })
        .collect()
}

#[test]
fn every_drifted_wording_matches_its_code_as_drifted() {
    let mut failures = vec![];
    for (code, kind, text) in drifted() {
        match find_message(text) {
            Some(found) if found.code() == code && !found.similarity().is_exact() => {}
            other => failures.push(format!(
                "{kind}: {text:?} → {:?}",
                other.map(|f| (f.code(), f.similarity()))
            )),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_drift_corpus_covers_every_kind_of_drift() {
    let kinds: std::collections::BTreeSet<&str> = drifted().iter().map(|d| d.1).collect();
    for kind in [
        "plural",
        "contraction",
        "article",
        "spelling",
        "spacing",
        "punctuation",
    ] {
        assert!(kinds.contains(kind), "no {kind} drift in the corpus");
    }
}

#[test]
fn drifted_matches_report_how_close_they_are() {
    for (_, _, text) in drifted() {
        let similarity = find_message(text).map(|f| f.similarity().as_f32());
        assert!(
            similarity.is_some_and(|s| s > 0.7 && s < 1.0),
            "{text:?}: {similarity:?}"
        );
    }
}

#[test]
fn documented_wordings_match_exactly() {
    for code in ErrorCode::all() {
        for entry in code.entries() {
            for wording in entry.wordings() {
                if wording.text().contains('{') {
                    continue;
                }
                let found =
                    find_message(wording.text()).unwrap_or_else(|| panic!("{}", wording.text()));
                assert!(found.similarity().is_exact(), "{}", wording.text());
                assert_eq!(found.similarity().to_string(), "exact");
            }
        }
    }
}

#[test]
fn no_line_of_the_negative_corpus_matches_a_message() {
    let matched: Vec<_> = corpus(include_str!("data/negatives.txt"))
        .filter_map(|line| find_message(line).map(|f| (line, f.code())))
        .collect();
    assert!(matched.is_empty(), "{matched:#?}");
}

#[cfg(feature = "scan")]
#[test]
fn the_scanner_finds_drifted_wordings_and_nothing_in_the_negatives() {
    use nps_mfa_errors::scan::scan_str;
    for (code, kind, text) in drifted() {
        if kind == "split-word" {
            continue;
        }
        let line = format!("2026-11-20 09:14:03 NPS Extension for Azure MFA: {text}");
        let codes: Vec<_> = scan_str(&line)
            .iter()
            .map(|f| f.code.documented())
            .collect();
        assert_eq!(codes, [Some(code)], "{kind}: {text:?}");
    }
    let negatives: String = corpus(include_str!("data/negatives.txt"))
        .map(|line| format!("{line}\n"))
        .collect();
    let findings = scan_str(&negatives);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[cfg(feature = "scan")]
#[test]
fn an_undocumented_token_after_the_providers_prefix_is_reported() {
    use nps_mfa_errors::scan::scan_str;
    let log = "2026-11-20 09:14:03 NPS Extension for Azure MFA: IP_WHITE_LIST_WARNING::IP Whitelist is being ignored as the source IP is missing\n\
               2026-11-20 09:14:04 NPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :NEW_FAILURE::something went wrong\n\
               2026-11-20 09:14:05 NPS Extension for Azure MFA: Radius request received for User bob\n";
    let findings = scan_str(log);
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["IP_WHITE_LIST_WARNING", "NEW_FAILURE"]);
    assert!(findings.iter().all(|f| !f.is_documented()));
    assert_eq!(
        findings[1].cid.as_deref(),
        Some("6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11")
    );
}
