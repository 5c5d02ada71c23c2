//! [`Symptom`]: problems without a code, and finding one from what a user types.

use super::Symptom;
use crate::fold::fold;

/// Finds the symptom a question or phrase is about.
///
/// Case and white space are folded. A symptom matches when the text contains one of its
/// phrases, or when the text (three words or more) occurs in its question; the longest phrase
/// wins.
///
/// ```
/// use nps_mfa_errors::{find_symptom, Symptom};
///
/// assert_eq!(find_symptom("HTTP connect errors on every request"), Some(Symptom::HttpConnectErrors));
/// assert_eq!(find_symptom("Why cannot I sign in?"), Some(Symptom::PasswordExpired));
/// assert_eq!(find_symptom("the weather"), None);
/// ```
#[must_use]
pub fn find_symptom(text: &str) -> Option<Symptom> {
    let folded = fold(text);
    let folded = folded.trim_end_matches(['?', '.', '!']);
    if folded.is_empty() {
        return None;
    }
    let mut best: Option<(usize, Symptom)> = None;
    for symptom in Symptom::all() {
        let mut score = symptom
            .phrases()
            .iter()
            .filter(|p| folded.contains(*p))
            .map(|p| p.len())
            .max();
        if score.is_none()
            && folded.split(' ').count() >= 3
            && fold(symptom.question()).contains(folded)
        {
            score = Some(folded.len());
        }
        if let Some(score) = score {
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, symptom));
            }
        }
    }
    best.map(|(_, symptom)| symptom)
}
