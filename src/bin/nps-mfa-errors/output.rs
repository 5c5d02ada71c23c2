//! Terminal output: styles (only on a terminal, never with `NO_COLOR`) and wrapping to 80
//! columns.

use std::borrow::Cow;
use std::io::{Read, Write};

use anstyle::{AnsiColor, Style};

/// Output width: fits an 80-column terminal.
pub const WIDTH: usize = 80;

pub const HEADING: Style = Style::new().bold();
pub const CODE: Style = AnsiColor::Cyan.on_default().bold();
pub const DIM: Style = Style::new().dimmed();

/// A `Sources:` list, one document and section per line.
pub fn write_sources(
    out: &mut impl std::io::Write,
    sources: &[nps_mfa_errors::Source],
) -> std::io::Result<()> {
    writeln!(out, "  {HEADING}Sources{HEADING:#}:")?;
    for source in sources {
        let document = source.document();
        let mut text = format!(
            "{} ({}, {}), section \"{}\"",
            document.title(),
            document.date(),
            document.locale(),
            source.section()
        );
        if let Some(note) = source.note() {
            text.push_str(&format!(". {note}"));
        }
        write!(out, "{}", wrap("  - ", 4, &text))?;
    }
    Ok(())
}

/// Writes `text` wrapped to [`WIDTH`], the first line after `first` and the rest after
/// `indent` spaces. Words longer than a line (URLs) stand on a line of their own.
pub fn wrap(first: &str, indent: usize, text: &str) -> String {
    wrap_to(WIDTH, first, indent, text)
}

/// [`wrap`] to `width` columns.
pub fn wrap_to(width: usize, first: &str, indent: usize, text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut line_has_word = false;
    for word in text.split_whitespace() {
        let used = line.chars().count();
        if line_has_word && used + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
            line_has_word = false;
        }
        if line_has_word {
            line.push(' ');
        }
        line.push_str(word);
        line_has_word = true;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// Cuts `text` to at most `max` characters, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `text` safe to print: control characters (C0, DEL, C1, so no escape sequence can reach the
/// terminal) and the bidirectional overrides that reorder what is shown are written as
/// `\x1b` / `\u{202e}`; a backslash stays as it is. Logs, file names and queries go through
/// this before they reach a terminal or the text report.
pub fn escape(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if (c as u32) < 0x80 && unsafe_char(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text with DEL, the C1 controls and the bidirectional overrides written as `\uXXXX`
/// escapes: serde_json escapes only the C0 controls, and a terminal may act on the others. The
/// JSON stays valid and means the same (those characters only occur inside strings).
pub fn json_safe(json: String) -> String {
    let unsafe_char = |c: char| matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !json.chars().any(unsafe_char) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 12);
    for c in json.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes `nps-mfa-errors: {message}` to standard error; a closed standard error is ignored
/// (there is nowhere left to report it), never a panic.
pub fn warn(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "nps-mfa-errors: {message}");
}

/// Standard input is read up to this size where it holds one query.
pub const MAX_QUERY_BYTES: u64 = 1024 * 1024;

/// Reads standard input as one query (invalid UTF-8 replaced), refusing more than
/// [`MAX_QUERY_BYTES`] without reading it all.
pub fn read_query_stdin() -> std::io::Result<String> {
    let mut bytes = vec![];
    std::io::stdin()
        .lock()
        .take(MAX_QUERY_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_QUERY_BYTES {
        return Err(std::io::Error::other(format!(
            "standard input holds more than {} MiB: give one code, message or event (to search \
             a whole log, use `nps-mfa-errors scan`)",
            MAX_QUERY_BYTES >> 20
        )));
    }
    // Piped from Windows PowerShell, the text is UTF-16: read as the scanner reads files.
    Ok(nps_mfa_errors::scan::decode_text(&bytes))
}

/// Bad usage of `subcommand`: clap's usage message with `message`, and exit code 2.
pub fn usage_error(subcommand: &str, message: String) -> ! {
    let mut command = <crate::Cli as clap::CommandFactory>::command();
    command.build();
    let mut sub = command
        .find_subcommand_mut(subcommand)
        .map_or_else(<crate::Cli as clap::CommandFactory>::command, |c| c.clone());
    sub.error(clap::error::ErrorKind::MissingRequiredArgument, message)
        .exit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_stays_valid_and_the_same_with_c1_controls_escaped() {
        let value = serde_json::json!({"user": "a\u{9b}2J\u{202e}b"});
        let safe = json_safe(value.to_string());
        assert!(
            !safe.contains('\u{9b}') && !safe.contains('\u{202e}'),
            "{safe}"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&safe).unwrap(),
            value
        );
    }

    #[test]
    fn escaping_neutralises_escape_sequences() {
        assert_eq!(
            escape("a\x1b[2J\u{9b}b\u{202e}c"),
            "a\\x1b[2J\\u{9b}b\\u{202e}c"
        );
        assert!(matches!(escape("caf\u{e9} \\ ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn wrapped_lines_fit_the_width() {
        let text = "word ".repeat(60);
        for line in wrap("  1. ", 5, &text).lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
            assert!(line.starts_with("  1. ") || line.starts_with("     "));
        }
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
