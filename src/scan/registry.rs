//! Registry dumps: `REG QUERY <key>` output and `reg export` files ("Windows Registry Editor
//! Version 5.00"), as the health-check script writes them, read into keys and values.

/// A registry key and the values a dump lists under it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RegistryKey {
    /// The key's full path, as the dump writes it (`HKEY_LOCAL_MACHINE\SOFTWARE\...`).
    pub path: String,
    /// Its values, in dump order.
    pub values: Vec<RegistryValue>,
}

/// One value of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RegistryValue {
    /// The value's name (`(Default)` for the unnamed value).
    pub name: String,
    /// The registry type (`REG_SZ`, `REG_MULTI_SZ`, `REG_DWORD`, ...).
    pub kind: String,
    /// The data: one string, or several for `REG_MULTI_SZ` (empty when blank).
    pub data: Vec<String>,
    /// 1-based line of the value in the dump.
    pub line: u64,
}

impl RegistryValue {
    /// The data as one string (`REG_MULTI_SZ` items joined with `;`).
    #[must_use]
    pub fn text(&self) -> String {
        self.data.join(";")
    }
}

/// A line of a dump that could not be read; the rest of the dump still is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RegistryProblem {
    /// 1-based line.
    pub line: u64,
    /// What is wrong, in words.
    pub message: String,
}

/// Recognises a registry dump from its first decoded text.
#[must_use]
pub fn is_registry_dump(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("Windows Registry Editor Version")
        || head.starts_with("REGEDIT4")
        || (head.starts_with("HKEY_") && head.lines().nth(1).is_some_and(is_query_value_line))
}

fn is_query_value_line(line: &str) -> bool {
    line.starts_with("    ") && line.contains("    REG_")
}

/// Parses a dump of either kind.
///
/// ```
/// use nps_mfa_errors::scan::parse_registry;
///
/// let dump = "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\r\n    VERBOSE_LOG    REG_SZ    TRUE\r\n\r\n";
/// let (keys, problems) = parse_registry(dump);
/// assert!(problems.is_empty());
/// assert_eq!(keys[0].values[0].name, "VERBOSE_LOG");
/// assert_eq!(keys[0].values[0].data, ["TRUE"]);
/// ```
#[must_use]
pub fn parse_registry(text: &str) -> (Vec<RegistryKey>, Vec<RegistryProblem>) {
    let text = text.trim_start_matches('\u{feff}');
    let start = text.trim_start();
    if start.starts_with("Windows Registry Editor Version") || start.starts_with("REGEDIT4") {
        parse_export(text)
    } else {
        parse_query(text)
    }
}

/// `REG QUERY` text: a key path at the start of a line, then `    NAME    TYPE    DATA` lines.
/// `REG_MULTI_SZ` items are separated by a literal `\0`.
fn parse_query(text: &str) -> (Vec<RegistryKey>, Vec<RegistryProblem>) {
    let mut keys: Vec<RegistryKey> = vec![];
    let mut problems = vec![];
    let ends_with_newline = text.ends_with('\n');
    let lines: Vec<&str> = text.split('\n').collect();
    for (index, raw) in lines.iter().enumerate() {
        let line_no = index as u64 + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let is_last = index + 1 == lines.len();
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with("HKEY_") {
            keys.push(RegistryKey {
                path: line.trim_end().to_owned(),
                values: vec![],
            });
            continue;
        }
        let Some(key) = keys.last_mut() else {
            problems.push(problem(
                line_no,
                "a value line before any key path; is the dump complete?",
            ));
            continue;
        };
        match parse_query_value(line, line_no) {
            Some(value) => {
                if is_last && !ends_with_newline {
                    problems.push(problem(
                        line_no,
                        &format!("the dump ends in the middle of the line of {}; its data may be cut, collect the dump again", value.name),
                    ));
                }
                key.values.push(value);
            }
            None => problems.push(problem(
                line_no,
                &format!(
                    "cannot read \"{}\" as NAME    TYPE    DATA; the line may be cut, collect the dump again",
                    line.trim()
                ),
            )),
        }
    }
    (keys, problems)
}

fn parse_query_value(line: &str, line_no: u64) -> Option<RegistryValue> {
    let rest = line.strip_prefix("    ")?;
    let at = rest.find("    REG_")?;
    let name = rest[..at].to_owned();
    let after = &rest[at + 4..];
    let (kind, data) = match after.find("    ") {
        Some(i) => (&after[..i], &after[i + 4..]),
        None => (after.trim_end(), ""),
    };
    if !kind
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let data = data.trim_end_matches([' ', '\r']);
    let data = if kind == "REG_MULTI_SZ" {
        data.split("\\0")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    } else if data.is_empty() {
        vec![]
    } else {
        vec![data.to_owned()]
    };
    Some(RegistryValue {
        name,
        kind: kind.to_owned(),
        data,
        line: line_no,
    })
}

fn problem(line: u64, message: &str) -> RegistryProblem {
    RegistryProblem {
        line,
        message: message.to_owned(),
    }
}

/// `reg export` text: `[KEY]` lines, then `"name"="string"`, `"name"=dword:...` and
/// `"name"=hex(7):..` (REG_MULTI_SZ as UTF-16LE bytes) with `\` continuation lines.
fn parse_export(text: &str) -> (Vec<RegistryKey>, Vec<RegistryProblem>) {
    let mut keys: Vec<RegistryKey> = vec![];
    let mut problems = vec![];
    let mut pending: Option<(u64, String)> = None;
    for (index, raw) in text.split('\n').enumerate().skip(1) {
        let line_no = index as u64 + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let (start, mut logical) = match pending.take() {
            Some((start, mut text)) => {
                text.push_str(line.trim_start());
                (start, text)
            }
            None => (line_no, line.to_owned()),
        };
        if logical.ends_with('\\') {
            logical.pop();
            pending = Some((start, logical));
            continue;
        }
        let trimmed = logical.trim();
        if trimmed.is_empty() || trimmed.starts_with(';') {
            continue;
        }
        if let Some(path) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            keys.push(RegistryKey {
                path: path.to_owned(),
                values: vec![],
            });
            continue;
        }
        let parsed = keys
            .last_mut()
            .ok_or("a value line before any [key] line")
            .and_then(|key| parse_export_value(trimmed, start).map(|v| key.values.push(v)));
        if let Err(message) = parsed {
            problems.push(problem(
                start,
                &format!("{message}; the line may be cut, export the key again"),
            ));
        }
    }
    if let Some((start, _)) = pending {
        problems.push(problem(
            start,
            "the export ends inside a continued value; export the key again",
        ));
    }
    (keys, problems)
}

fn parse_export_value(line: &str, line_no: u64) -> Result<RegistryValue, &'static str> {
    let (name, data) = if let Some(rest) = line.strip_prefix('@') {
        (
            "(Default)".to_owned(),
            rest.strip_prefix('=').ok_or("no = after @")?,
        )
    } else {
        let (name, end) = quoted(line).ok_or("a value name without its closing quote")?;
        (
            name,
            line[end..]
                .strip_prefix('=')
                .ok_or("no = after the value name")?,
        )
    };
    let (kind, values) = if data.starts_with('"') {
        let (value, end) = quoted(data).ok_or("a string without its closing quote")?;
        if !data[end..].trim().is_empty() {
            return Err("text after a string value");
        }
        ("REG_SZ", vec![value])
    } else if let Some(hex) = data.strip_prefix("dword:") {
        let number =
            u32::from_str_radix(hex.trim(), 16).map_err(|_| "a dword that is not 8 hex digits")?;
        ("REG_DWORD", vec![format!("0x{number:x}")])
    } else if let Some(hex) = data.strip_prefix("hex(7):") {
        ("REG_MULTI_SZ", multi_string(&hex_bytes(hex)?))
    } else if let Some(hex) = data.strip_prefix("hex(2):") {
        (
            "REG_EXPAND_SZ",
            multi_string(&hex_bytes(hex)?).into_iter().take(1).collect(),
        )
    } else if let Some(hex) = data.strip_prefix("hex:") {
        ("REG_BINARY", vec![hex.replace(',', "")])
    } else {
        return Err("a value of an unknown form");
    };
    Ok(RegistryValue {
        name,
        kind: kind.to_owned(),
        data: values,
        line: line_no,
    })
}

/// A `"..."` string with `\\` and `\"` escapes at the start of `text`: its value and the index
/// after the closing quote.
fn quoted(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?.1),
            '"' => return Some((out, i + 1)),
            c => out.push(c),
        }
    }
    None
}

fn hex_bytes(text: &str) -> Result<Vec<u8>, &'static str> {
    text.split(',')
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| u8::from_str_radix(b, 16).map_err(|_| "a hex byte that is not two hex digits"))
        .collect()
}

/// UTF-16LE strings separated by NUL, ending with two NULs.
fn multi_string(bytes: &[u8]) -> Vec<String> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    units
        .split(|u| *u == 0)
        .filter(|s| !s.is_empty())
        .map(String::from_utf16_lossy)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTHSRV_QUERY: &str = "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AuthSrv\\Parameters\r\n    AuthorizationDLLs    REG_MULTI_SZ    C:\\Program Files\\Microsoft\\AzureMfa\\Extensions\\MfaNpsAuthzExt.dll\r\n    ExtensionDLLs    REG_MULTI_SZ    \r\n\r\n";

    #[test]
    fn reg_query_values_read_with_blank_multi_strings() {
        let (keys, problems) = parse_registry(AUTHSRV_QUERY);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(keys.len(), 1);
        let values = &keys[0].values;
        assert_eq!(values[0].kind, "REG_MULTI_SZ");
        assert_eq!(
            values[0].data,
            ["C:\\Program Files\\Microsoft\\AzureMfa\\Extensions\\MfaNpsAuthzExt.dll"]
        );
        assert!(values[1].data.is_empty());
        assert_eq!(values[1].line, 4);
    }

    #[test]
    fn reg_query_cut_mid_line_is_a_problem_and_earlier_values_stay() {
        let cut = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\r\n    STS_URL    REG_SZ    https://login.microsoftonline.us/\r\n    VERBOSE_LO";
        let (keys, problems) = parse_registry(cut);
        assert_eq!(keys[0].values.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
    }

    #[test]
    fn reg_export_reads_strings_dwords_and_multi_strings() {
        let mut hex = String::new();
        for unit in "a\\b.dll".encode_utf16().chain([0, 0]) {
            let [lo, hi] = unit.to_le_bytes();
            hex.push_str(&format!("{lo:02x},{hi:02x},"));
        }
        hex.pop();
        let (first, second) = hex.split_at(12);
        let export = format!(
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\AuthSrv\\Parameters]\r\n\"ExtensionDLLs\"=hex(7):{first}\\\r\n  {second}\r\n\"Name \\\"q\\\"\"=\"C:\\\\x\"\r\n\"Count\"=dword:0000000a\r\n"
        );
        let (keys, problems) = parse_registry(&export);
        assert!(problems.is_empty(), "{problems:?}");
        let values = &keys[0].values;
        assert_eq!(values[0].data, ["a\\b.dll"]);
        assert_eq!(values[0].kind, "REG_MULTI_SZ");
        assert_eq!(values[1].name, "Name \"q\"");
        assert_eq!(values[1].data, ["C:\\x"]);
        assert_eq!(values[2].data, ["0xa"]);
    }

    #[test]
    fn dumps_are_recognised_by_their_first_lines() {
        assert!(is_registry_dump(AUTHSRV_QUERY));
        assert!(is_registry_dump("Windows Registry Editor Version 5.00\r\n"));
        assert!(!is_registry_dump("Event[0]:\r\n  Log Name: Security\r\n"));
    }
}
