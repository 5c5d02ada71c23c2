//! Keyword search: what people type when they have no code finds the entries that talk about it,
//! best first, and nothing unrelated.

use nps_mfa_errors::search::{search, Target};
use nps_mfa_errors::{ErrorCode, Setting, Symptom};

fn targets(query: &str) -> Vec<Target> {
    search(query).into_iter().map(|hit| hit.target).collect()
}

#[test]
fn number_matching_finds_its_setting_and_the_code_it_causes() {
    let found = targets("number matching");
    assert_eq!(
        found[..2],
        [
            Target::Setting(Setting::OverrideNumberMatchingWithOtp),
            Target::Code(ErrorCode::ChallengeRequested)
        ]
    );
}

#[test]
fn ip_whitelist_finds_the_setting_first() {
    assert_eq!(
        targets("ip whitelist")[0],
        Target::Setting(Setting::IpWhitelist)
    );
    assert_eq!(
        targets("IP-Whitelist")[0],
        Target::Setting(Setting::IpWhitelist)
    );
}

#[test]
fn vpn_fails_finds_the_number_matching_challenge_code() {
    assert_eq!(
        targets("vpn fails")[0],
        Target::Code(ErrorCode::ChallengeRequested)
    );
}

#[test]
fn inflected_words_match_their_stem() {
    assert_eq!(
        targets("vpn failing")[0],
        Target::Code(ErrorCode::ChallengeRequested)
    );
    assert_eq!(
        targets("expired certificates")[0],
        Target::Symptom(Symptom::ExpiredCertificateInStore)
    );
}

#[test]
fn a_synonym_the_documents_use_finds_the_same_entries() {
    assert_eq!(targets("cert expired"), targets("certificate expired"));
}

#[test]
fn results_matching_more_words_rank_first() {
    let hits = search("vpn fails");
    let coverage: Vec<usize> = hits.iter().map(|h| h.matched.len()).collect();
    let mut sorted = coverage.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(coverage, sorted);
    assert!(hits[0].matches_all());
}

#[test]
fn words_found_nowhere_give_no_results() {
    assert!(search("xyzzy plugh frobnicate").is_empty());
    assert!(search("").is_empty());
    assert!(search("why is the").is_empty());
}

#[test]
fn a_code_name_written_as_words_finds_the_code() {
    assert!(targets("user not found")[..2].contains(&Target::Code(ErrorCode::UserNotFound)));
    assert_eq!(
        targets("ests token error")[0],
        Target::Code(ErrorCode::EstsTokenError)
    );
}

/// Every name the search (and so a miss's "did you mean") can suggest is one `explain` takes:
/// a suggestion never leads to another miss.
#[cfg(all(feature = "serde", feature = "scan"))]
#[test]
fn every_suggested_name_is_explained_as_that_entry() {
    use nps_mfa_errors::explain::{find, Found};
    let targets = ErrorCode::all()
        .map(Target::Code)
        .chain(Setting::all().map(Target::Setting))
        .chain(Symptom::all().map(Target::Symptom));
    for target in targets {
        let found = match find(target.name()) {
            Some(Found::Code(code)) => Target::Code(code),
            Some(Found::Message(message)) => Target::Code(message.code()),
            Some(Found::Setting(setting)) => Target::Setting(setting),
            Some(Found::Symptom(symptom)) => Target::Symptom(symptom),
            other => panic!("{}: {other:?}", target.name()),
        };
        assert_eq!(found, target, "{}", target.name());
    }
}
