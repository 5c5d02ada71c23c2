//! The writer every emitter writes through: it cannot fail, it indents for you, it wraps doc
//! comments, and it lays out values so that no line passes [`WIDTH`] unless a single token
//! (a URL in a doc comment) is longer.

/// The widest line the generated code should have.
pub const WIDTH: usize = 100;

/// Generated Rust source, built line by line.
#[derive(Debug, Default)]
pub struct Output {
    text: String,
    indent: usize,
}

/// A Rust value to lay out: flat when it fits on the line, broken over lines when not.
#[derive(Debug, Clone)]
pub enum Val {
    /// Code written as is: a path, a number, `None`.
    Raw(String),
    /// A string literal; split with `concat!` when too long.
    Str(String),
    /// `None`.
    None,
    /// A call or tuple variant with one argument: `Some(value)`.
    Call(String, Box<Val>),
    /// A slice reference `&[a, b]`.
    List(Vec<Val>),
    /// A tuple `(a, b)`.
    Tuple(Vec<Val>),
    /// A struct literal `Name { field: value }`.
    Struct(&'static str, Vec<(&'static str, Val)>),
}

impl Val {
    /// Code written as is.
    pub fn raw(code: impl Into<String>) -> Val {
        Val::Raw(code.into())
    }

    /// A string literal.
    pub fn str(text: impl Into<String>) -> Val {
        Val::Str(text.into())
    }

    /// `Some("text")` or `None`.
    pub fn opt_str(text: Option<&str>) -> Val {
        match text {
            Some(text) => Val::call("Some", Val::str(text)),
            None => Val::None,
        }
    }

    /// `path(value)`.
    pub fn call(path: impl Into<String>, value: Val) -> Val {
        Val::Call(path.into(), Box::new(value))
    }

    /// `&["a", "b"]`.
    pub fn strs(items: &[String]) -> Val {
        Val::List(items.iter().map(Val::str).collect())
    }

    /// `&[Prefix::A, Prefix::B]`.
    pub fn paths<'a>(prefix: &str, names: impl IntoIterator<Item = &'a str>) -> Val {
        Val::List(
            names
                .into_iter()
                .map(|name| Val::raw(format!("{prefix}::{name}")))
                .collect(),
        )
    }

    /// The value on one line.
    pub fn flat(&self) -> String {
        match self {
            Val::Raw(code) => code.clone(),
            Val::Str(text) => format!("{text:?}"),
            Val::None => "None".to_owned(),
            Val::Call(path, value) => format!("{path}({})", value.flat()),
            Val::List(items) => {
                let items: Vec<String> = items.iter().map(Val::flat).collect();
                format!("&[{}]", items.join(", "))
            }
            Val::Tuple(items) => {
                let items: Vec<String> = items.iter().map(Val::flat).collect();
                format!("({})", items.join(", "))
            }
            Val::Struct(name, fields) if fields.is_empty() => format!("{name} {{}}"),
            Val::Struct(name, fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(field, value)| format!("{field}: {}", value.flat()))
                    .collect();
                format!("{name} {{ {} }}", fields.join(", "))
            }
        }
    }
}

impl Output {
    /// An empty file.
    pub fn new() -> Self {
        Output::default()
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.text
    }

    /// One line at the current indentation (an empty `text` writes an empty line).
    pub fn line(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        for line in text.split('\n') {
            if !line.is_empty() {
                self.text.extend(std::iter::repeat_n(' ', self.indent));
                self.text.push_str(line);
            }
            self.text.push('\n');
        }
    }

    /// True if `text` fits on a line at the current indentation.
    pub fn fits(&self, text: &str) -> bool {
        self.indent + text.len() <= WIDTH
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `open`, the body one level deeper, then `close`.
    pub fn block(&mut self, open: impl AsRef<str>, close: &str, body: impl FnOnce(&mut Output)) {
        self.line(open);
        self.indent += 4;
        body(self);
        self.indent -= 4;
        self.line(close);
    }

    /// A `///` doc comment, each line of `text` wrapped to the width. List items (`- `, `1. `)
    /// continue under their text; headings are never wrapped.
    pub fn doc(&mut self, text: impl AsRef<str>) {
        for line in text.as_ref().split('\n') {
            if line.is_empty() {
                self.line("///");
                continue;
            }
            let hanging = list_marker_width(line);
            let room = WIDTH.saturating_sub(self.indent + 4).max(40);
            if line.starts_with('#') {
                self.line(format!("/// {line}"));
                continue;
            }
            for (i, piece) in wrap(line, room, hanging).into_iter().enumerate() {
                let pad = if i == 0 { 0 } else { hanging };
                self.line(format!("/// {}{piece}", " ".repeat(pad)));
            }
        }
    }

    /// `prefix value suffix`, flat when it fits, otherwise broken over lines.
    pub fn value(&mut self, prefix: &str, value: &Val, suffix: &str) {
        let flat = value.flat();
        if self.indent + prefix.len() + flat.len() + suffix.len() <= WIDTH {
            self.line(format!("{prefix}{flat}{suffix}"));
            return;
        }
        match value {
            Val::Raw(_) => self.line(format!("{prefix}{flat}{suffix}")),
            Val::Str(text) => {
                let room = WIDTH.saturating_sub(self.indent + 4 + 1).max(20);
                let mut pieces = split_literal(text, room);
                if pieces.len() < 2 {
                    // It fits on a line of its own but not after the prefix: cut it in two.
                    pieces = split_literal(text, flat.len() / 2 + 8);
                }
                self.block(format!("{prefix}concat!("), &format!("){suffix}"), |out| {
                    for piece in pieces {
                        out.line(format!("{piece:?},"));
                    }
                });
            }
            Val::Call(path, inner) => {
                self.block(format!("{prefix}{path}("), &format!("){suffix}"), |out| {
                    out.value("", inner, ",");
                });
            }
            Val::None => self.line(format!("{prefix}None{suffix}")),
            Val::List(items) => {
                self.block(format!("{prefix}&["), &format!("]{suffix}"), |out| {
                    for item in items {
                        out.value("", item, ",");
                    }
                });
            }
            Val::Tuple(items) => {
                self.block(format!("{prefix}("), &format!("){suffix}"), |out| {
                    for item in items {
                        out.value("", item, ",");
                    }
                });
            }
            Val::Struct(name, fields) => {
                self.block(
                    format!("{prefix}{name} {{"),
                    &format!("}}{suffix}"),
                    |out| {
                        for (field, value) in fields {
                            out.value(&format!("{field}: "), value, ",");
                        }
                    },
                );
            }
        }
    }

    /// `pub(crate) static NAME: [TYPE; N] = [items];`, one item per line or block.
    pub fn static_array(&mut self, doc: &str, name: &str, ty: &str, items: &[Val]) {
        self.doc(doc);
        let open = format!("pub(crate) static {name}: [{ty}; {}] = [", items.len());
        self.block(open, "];", |out| {
            for item in items {
                out.value("", item, ",");
            }
        });
        self.blank();
    }
}

/// The width of a leading `- ` or `12. ` list marker, or 0.
fn list_marker_width(line: &str) -> usize {
    if line.starts_with("- ") {
        return 2;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    }
}

/// Words of `line` packed into lines of at most `room` characters (a longer word stands alone);
/// lines after the first lose `hanging` characters of room to their indentation.
fn wrap(line: &str, room: usize, hanging: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    let mut current = String::new();
    for word in line.split(' ') {
        let limit = if lines.is_empty() {
            room
        } else {
            room - hanging
        };
        if !current.is_empty() && current.len() + 1 + word.len() > limit {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines
}

/// `text` cut into pieces whose literals are at most `room` characters, after spaces where
/// possible; concatenated, the pieces are `text` again.
fn split_literal(text: &str, room: usize) -> Vec<String> {
    let mut pieces = vec![];
    let mut current = String::new();
    let mut width = 2;
    for word in text.split_inclusive(' ') {
        let word_width = format!("{word:?}").len() - 2;
        if width + word_width > room && !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
            width = 2;
        }
        if width + word_width > room {
            for c in word.chars() {
                let char_width = format!("{c:?}").len() - 2;
                if width + char_width > room && !current.is_empty() {
                    pieces.push(std::mem::take(&mut current));
                    width = 2;
                }
                current.push(c);
                width += char_width;
            }
        } else {
            current.push_str(word);
            width += word_width;
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_literal_is_split_into_pieces_that_concatenate_to_it() {
        let text = "word \"quoted\" ".repeat(30);
        let pieces = split_literal(&text, 40);
        assert!(pieces.len() > 5);
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| format!("{p:?}").len() <= 40));
    }

    #[test]
    fn doc_lines_wrap_and_list_items_hang() {
        let mut out = Output::new();
        out.doc(format!("- {}", "word ".repeat(40).trim_end()));
        let text = out.finish();
        assert!(text.lines().count() > 1);
        assert!(text.lines().all(|l| l.len() <= WIDTH));
        assert!(text.lines().skip(1).all(|l| l.starts_with("///   word")));
    }

    #[test]
    fn a_value_that_does_not_fit_breaks_at_its_fields() {
        let mut out = Output::new();
        let long = Val::str("x ".repeat(60));
        out.value(
            "",
            &Val::Struct("Info", vec![("a", Val::raw("1")), ("b", long)]),
            ",",
        );
        let text = out.finish();
        assert!(
            text.starts_with("Info {\n    a: 1,\n    b: concat!(\n"),
            "{text}"
        );
        assert!(text.lines().all(|l| l.len() <= WIDTH), "{text}");
    }
}
