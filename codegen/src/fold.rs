/// Folds text the way message lookups compare it: ASCII lower case, typographic apostrophes as
/// `'`, every run of white space as one space, no leading or trailing space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(match c {
            '\u{2018}' | '\u{2019}' => '\'',
            c => c.to_ascii_lowercase(),
        });
    }
    out
}
