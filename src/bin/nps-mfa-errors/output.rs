//! Terminal output: styles (only on a terminal, never with `NO_COLOR`) and wrapping to 80
//! columns.

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

#[cfg(test)]
mod tests {
    use super::*;

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
