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
            let end = record_end(buf, &mut state);
            let (used, done) = end.map_or((buf.len(), false), |end| (end, true));
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

/// Where a record ends in `buf` (one past its line break), given the state at `buf[0]`;
/// `None` when it goes on past `buf`, with `state` then the state at its end. Quotes and line
/// breaks are found with `memchr`, not byte by byte.
fn record_end(buf: &[u8], state: &mut Quote) -> Option<usize> {
    let mut i = 0;
    while i < buf.len() {
        match *state {
            Quote::Quoted => {
                let at = memchr::memchr(b'"', &buf[i..])?;
                i += at + 1;
                *state = Quote::ClosedOrDoubled;
            }
            Quote::ClosedOrDoubled => {
                let (next, ends) = state.step(buf[i]);
                *state = next;
                i += 1;
                if ends {
                    return Some(i);
                }
            }
            Quote::FieldStart | Quote::Bare => {
                let Some(at) = memchr::memchr2(b'"', b'\n', &buf[i..]) else {
                    *state = if buf.last() == Some(&b',') {
                        Quote::FieldStart
                    } else {
                        Quote::Bare
                    };
                    return None;
                };
                let p = i + at;
                if buf[p] == b'\n' {
                    *state = Quote::FieldStart;
                    return Some(p + 1);
                }
                // A quote opens a field only at its start; elsewhere it is a character.
                let opens = if p == i {
                    *state == Quote::FieldStart
                } else {
                    buf[p - 1] == b','
                };
                *state = if opens { Quote::Quoted } else { Quote::Bare };
                i = p + 1;
            }
        }
    }
    None
}

/// The fields of one record, unquoted, in one buffer reused from record to record.
#[derive(Default)]
struct Fields {
    text: Vec<u8>,
    /// End of each field in `text`.
    ends: Vec<usize>,
}

impl Fields {
    /// Splits `raw` (one record, its line break included) into fields.
    fn split(&mut self, raw: &[u8]) {
        self.text.clear();
        self.ends.clear();
        let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let mut i = 0;
        loop {
            if raw.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    let Some(at) = memchr::memchr(b'"', &raw[i..]) else {
                        self.text.extend_from_slice(&raw[i..]);
                        i = raw.len();
                        break;
                    };
                    self.text.extend_from_slice(&raw[i..i + at]);
                    i += at + 1;
                    if raw.get(i) != Some(&b'"') {
                        break;
                    }
                    self.text.push(b'"');
                    i += 1;
                }
            }
            // Up to the comma, as it stands (after a closing quote, or a field never quoted).
            let end = memchr::memchr(b',', &raw[i..]).map_or(raw.len(), |at| i + at);
            self.text.extend_from_slice(&raw[i..end]);
            self.ends.push(self.text.len());
            if end == raw.len() {
                return;
            }
            i = end + 1;
        }
    }

    fn get(&self, index: usize) -> Option<&[u8]> {
        let end = *self.ends.get(index)?;
        let start = index.checked_sub(1).map_or(0, |i| self.ends[i]);
        Some(&self.text[start..end])
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.ends.len()).filter_map(|i| self.get(i))
    }
}

/// The fields of a possible header row, unquoted and trimmed.
pub(crate) fn header_fields(line: &[u8]) -> Vec<Vec<u8>> {
    let mut fields = Fields::default();
    fields.split(line);
    fields.iter().map(|f| f.trim_ascii().to_vec()).collect()
}

/// The columns of the header row the events are read from.
struct Columns {
    message: Option<usize>,
    id: Option<usize>,
    time: Option<usize>,
    channel: Option<usize>,
    record_id: Option<usize>,
    computer: Option<usize>,
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
            record_id: column(&["RecordId", "EventRecordID"]),
            computer: column(&["MachineName", "Computer"]),
        }
    }

    fn record(&self, fields: &Fields, line: u64, start: u64, end: u64) -> Record {
        let field = |i: Option<usize>| {
            i.and_then(|i| fields.get(i))
                .map(|v| String::from_utf8_lossy(v).into_owned())
        };
        // Without a Message column, every field is scanned.
        let text = match self.message {
            Some(_) => field(self.message).unwrap_or_default(),
            None => fields
                .iter()
                .map(String::from_utf8_lossy)
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
            record_id: field(self.record_id).and_then(|v| v.trim().parse().ok()),
            computer: field(self.computer)
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
        };
        record
    }
}

/// Scans a CSV export with a header row; the `Message` column is the event text, `Id`,
/// `TimeCreated`, `LogName`, `RecordId` and `MachineName` its metadata. Lines starting with `#`
/// (`#TYPE ...`) are skipped.
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
    let mut fields = Fields::default();
    let mut columns: Option<Columns> = None;
    loop {
        let (ending, start, line) = splitter.next(&mut raw)?;
        match ending {
            Raw::End => return Ok(Ending::Complete(splitter.offset)),
            Raw::TooLong => return Ok(Ending::Rest(too_long(splitter, raw, start, line))),
            Raw::Record | Raw::CutOff => {}
        }
        fields.split(&raw);
        match &columns {
            None => columns = Some(Columns::new(&header_fields(&raw))),
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
    use super::*;

    fn fields(raw: &[u8]) -> Vec<Vec<u8>> {
        let mut fields = Fields::default();
        fields.split(raw);
        fields.iter().map(<[u8]>::to_vec).collect()
    }

    #[test]
    fn record_ends_are_found_across_buffers_whatever_the_cut() {
        let text = b"\"a\nb\",\"c\"\"d\",e\"f\nnext";
        for cut in 0..text.len() {
            let mut state = Quote::FieldStart;
            let end = record_end(&text[..cut], &mut state)
                .or_else(|| record_end(&text[cut..], &mut state).map(|e| e + cut));
            assert_eq!(end, Some(17), "cut at {cut}");
        }
    }

    #[test]
    fn fields_are_unquoted() {
        let got = fields(b"\"a,b\",\"say \"\"hi\"\"\",plain,x\"y\r\n");
        let want: Vec<&[u8]> = vec![b"a,b", b"say \"hi\"", b"plain", b"x\"y"];
        assert_eq!(got, want);
    }
}
