//! "Did you mean ...?": the documented name closest to a misspelt one.

use crate::lookup::Name;

/// The value whose identifier is closest to `input`, if it is close enough to be a likely
/// typo. Case, `_`, `-` and spaces are ignored, so `ests token error` suggests
/// `ESTS_TOKEN_ERROR`.
pub(crate) fn closest<T: Name>(input: &str) -> Option<T> {
    let wanted = squash(input);
    if wanted.is_empty() || wanted.len() > 80 {
        return None;
    }
    let mut best: Option<(usize, T)> = None;
    for value in T::all_values() {
        let name = squash(value.id());
        let distance = edit_distance(&wanted, &name);
        // Allow about one edit in four characters, and at least two.
        let allowed = (name.len() / 4).max(2);
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, value));
        }
    }
    best.map(|(_, value)| value)
}

fn squash(text: &str) -> Vec<u8> {
    text.bytes()
        .filter(|b| !matches!(b, b'_' | b'-' | b' ' | b'\t'))
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each cost one.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0_usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = value;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn distance_counts_each_kind_of_edit_once() {
        assert_eq!(edit_distance(b"abc", b"abc"), 0);
        assert_eq!(edit_distance(b"abc", b"abd"), 1);
        assert_eq!(edit_distance(b"abc", b"ab"), 1);
        assert_eq!(edit_distance(b"abc", b"acb"), 1);
        assert_eq!(edit_distance(b"", b"abc"), 3);
    }

    #[test]
    fn separators_and_case_do_not_count() {
        assert_eq!(
            closest::<ErrorCode>("ests token error"),
            Some(ErrorCode::EstsTokenError)
        );
        assert_eq!(
            closest::<ErrorCode>("user-not-found"),
            Some(ErrorCode::UserNotFound)
        );
    }

    #[test]
    fn far_away_input_gets_no_suggestion() {
        assert_eq!(closest::<ErrorCode>("completely unrelated words"), None);
        assert_eq!(closest::<ErrorCode>(""), None);
    }
}
