//! CSV exports (`Get-WinEvent | Export-Csv`): a header row, then one record per event (RFC 4180
//! quoting: fields may hold commas, `""` and line breaks).
//!
//! Records are split here, byte by byte, so that none can grow without bound: a record longer
//! than [`MAX_RECORD_BYTES`] (an unterminated quote) ends the CSV reading, and the rest of the
//! input, that record included, is scanned as text with a note. An input that ends inside a
//! quoted field keeps that record's findings and says it was cut off.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

use super::finding::Finding;
use super::matcher::{EventMeta, Matcher};
use super::structured::{emit, Ending, Record, Rest, MAX_RECORD_BYTES};
use super::ScanErrorKind;

/// Where the splitter is inside a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// At the start of a field.
    FieldStart,
    /// In a field that did not start with a quote.
    Bare,
    /// In a quoted field.
    Quoted,
    /// In a quoted field, just after a quote: the end of the quoting, or the first of `""`.
    ClosedOrDoubled,
}

impl Quote {
    /// The state after `b`, and whether `b` ends the record.
    fn step(self, b: u8) -> (Quote, bool) {
        match (self, b) {
            (Quote::Quoted, b'"') => (Quote::ClosedOrDoubled, false),
            (Quote::Quoted, _) => (Quote::Quoted, false),
            (Quote::ClosedOrDoubled, b'"') | (Quote::FieldStart, b'"') => (Quote::Quoted, false),
            (_, b',') => (Quote::FieldStart, false),
            (_, b'\n') => (Quote::FieldStart, true),
            _ => (Quote::Bare, false),
        }
    }
}

/// How reading one record ended.
enum Raw {
    Record,
    /// The input ended inside a quoted field.
    CutOff,
    TooLong,
    End,
}

/// Splits records off a buffered input.
struct Splitter<R> {
    input: BufReader<R>,
    /// Offset and line of the next byte.
    offset: u64,
    line: u64,
}

impl<R: Read> Splitter<R> {
    /// Reads the next record (with its line break) into `raw`, skipping `#` lines and empty
    /// lines; gives how it ended, and the offset and line where it starts.
    fn next(&mut self, raw: &mut Vec<u8>) -> io::Result<(Raw, u64, u64)> {
        loop {
            raw.clear();
            let (start, line) = (self.offset, self.line);
            match self.input.fill_buf()?.first() {
                None => return Ok((Raw::End, start, line)),
                Some(b'#') => self.skip_line()?,
                Some(_) => {
                    let ending = self.record(raw)?;
                    if matches!(ending, Raw::Record) && raw.trim_ascii().is_empty() {
                        continue;
                    }
                    return Ok((ending, start, line));
                }
            }
        }
    }

    /// Skips a `#` comment line.
    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let (used, done) = match memchr::memchr(b'\n', buf) {
                Some(at) => (at + 1, true),
                None => (buf.len(), false),
            };
            self.input.consume(used);
            self.offset += used as u64;
            if done {
                self.line += 1;
                return Ok(());
            }
        }
    }

    fn record(&mut self, raw: &mut Vec<u8>) -> io::Result<Raw> {
        let mut state = Quote::FieldStart;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                let quoted = state == Quote::Quoted;
                return Ok(if quoted { Raw::CutOff } else { Raw::Record });
            }
            let mut used = buf.len();
            let mut done = false;
            for (i, &b) in buf.iter().enumerate() {
                let (next, ends) = state.step(b);
                state = next;
                if ends {
                    used = i + 1;
                    done = true;
                    break;
                }
            }
            raw.extend_from_slice(&buf[..used]);
            self.line += bytecount::count(&buf[..used], b'\n') as u64;
            self.input.consume(used);
            self.offset += used as u64;
            if done {
                return Ok(Raw::Record);
            }
            if raw.len() > MAX_RECORD_BYTES {
                return Ok(Raw::TooLong);
            }
        }
    }
}

/// The fields of one record, unquoted, without its line break.
fn fields(raw: &[u8]) -> Vec<Vec<u8>> {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let mut fields = vec![];
    let mut field = vec![];
    let mut state = Quote::FieldStart;
    for &b in raw {
        let (next, _) = state.step(b);
        match (state, next, b) {
            (_, Quote::FieldStart, b',') => fields.push(std::mem::take(&mut field)),
            // An opening quote, or the first quote of `""` / the closing quote.
            (Quote::FieldStart | Quote::Quoted, _, b'"') => {}
            _ => field.push(b),
        }
        state = next;
    }
    fields.push(field);
    fields
}

/// The fields of a possible header row, unquoted and trimmed.
pub(crate) fn header_fields(line: &[u8]) -> Vec<Vec<u8>> {
    fields(line)
        .into_iter()
        .map(|f| f.trim_ascii().to_vec())
        .collect()
}

/// The columns of the header row the events are read from.
struct Columns {
    message: Option<usize>,
    id: Option<usize>,
    time: Option<usize>,
    channel: Option<usize>,
}

impl Columns {
    fn new(header: &[Vec<u8>]) -> Columns {
        let column = |names: &[&str]| {
            header.iter().position(|h| {
                let h = h.trim_ascii();
                names.iter().any(|n| h.eq_ignore_ascii_case(n.as_bytes()))
            })
        };
        Columns {
            message: column(&["Message"]),
            id: column(&["Id", "EventID", "EventId", "Event ID"]),
            time: column(&["TimeCreated", "Date and Time", "Date"]),
            channel: column(&["LogName", "ContainerLog", "Channel"]),
        }
    }

    fn record(&self, fields: &[Vec<u8>], line: u64, start: u64, end: u64) -> Record {
        let field = |i: Option<usize>| {
            i.and_then(|i| fields.get(i))
                .map(|v| String::from_utf8_lossy(v).into_owned())
        };
        // Without a Message column, every field is scanned.
        let text = match self.message {
            Some(_) => field(self.message).unwrap_or_default(),
            None => fields
                .iter()
                .map(|v| String::from_utf8_lossy(v))
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let mut record = Record::new(line, start);
        record.end = end;
        record.text = text;
        record.meta = EventMeta {
            timestamp: field(self.time).filter(|t| !t.is_empty()),
            event_id: field(self.id).and_then(|v| v.trim().parse().ok()),
            channel: field(self.channel).filter(|c| !c.is_empty()),
        };
        record
    }
}

/// Scans a CSV export with a header row; the `Message` column is the event text, `Id`,
/// `TimeCreated` and `LogName` its metadata. Lines starting with `#` (`#TYPE ...`) are skipped.
pub(crate) fn scan_csv<R: Read>(
    matcher: &Matcher,
    reader: R,
    read_size: usize,
    file: Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
) -> Result<Ending<R>, ScanErrorKind> {
    let mut splitter = Splitter {
        input: BufReader::with_capacity(read_size.clamp(64, 1 << 20), reader),
        offset: 0,
        line: 1,
    };
    let mut raw = vec![];
    let mut columns: Option<Columns> = None;
    loop {
        let (ending, start, line) = splitter.next(&mut raw)?;
        match ending {
            Raw::End => return Ok(Ending::Complete(splitter.offset)),
            Raw::TooLong => return Ok(Ending::Rest(too_long(splitter, raw, start, line))),
            Raw::Record | Raw::CutOff => {}
        }
        let fields = fields(&raw);
        match &columns {
            None => columns = Some(Columns::new(&fields)),
            Some(columns) => {
                let record = columns.record(&fields, line, start, splitter.offset);
                emit(matcher, &record, &file, sink);
            }
        }
        if matches!(ending, Raw::CutOff) {
            return Err(ScanErrorKind::CutOff {
                format: "CSV",
                line,
            });
        }
    }
}

/// A record too long to be one: the rest of the input, that record included, goes to the text
/// scan.
fn too_long<R: Read>(splitter: Splitter<R>, mut raw: Vec<u8>, start: u64, line: u64) -> Rest<R> {
    raw.extend_from_slice(splitter.input.buffer());
    Rest {
        replay: raw,
        reader: splitter.input.into_inner(),
        offset: start,
        line,
        why: Err(format!(
            "a CSV record at line {line} is longer than {} MiB (an unterminated quote?); from \
             there on the input was scanned as text",
            MAX_RECORD_BYTES >> 20
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::fields;

    #[test]
    fn fields_are_unquoted() {
        let got = fields(b"\"a,b\",\"say \"\"hi\"\"\",plain,x\"y\r\n");
        let want: Vec<&[u8]> = vec![b"a,b", b"say \"hi\"", b"plain", b"x\"y"];
        assert_eq!(got, want);
    }
}
