//! Binary event logs (`.evtx`, what `wevtutil epl` writes), read natively with the `evtx`
//! crate: each record renders to XML, which goes through the XML path. A damaged chunk is a
//! warning and the records before and after it are kept; a truncated file keeps the records it
//! has, and is an error that says so.

use std::io::{Read, Seek, SeekFrom};

/// One record of a binary event log.
pub(crate) struct EvtxRecord {
    /// Its `EventRecordID`.
    pub(crate) id: u64,
    /// The record rendered as an XML `<Event>`.
    pub(crate) xml: String,
}

/// What reading a binary log found.
#[derive(Debug, Default)]
pub(crate) struct EvtxOutcome {
    /// Records read.
    pub(crate) records: u64,
    /// Damaged chunks and records, in words; the records around them were kept.
    pub(crate) warnings: Vec<String>,
    /// Why the file is shorter than its header says, when it is: records are missing.
    pub(crate) cut_off: Option<String>,
}

/// Chunks are 64 KiB, after the file header's block.
const CHUNK_BYTES: u64 = 64 * 1024;

/// Why a binary log of `len` bytes is cut off, from the first bytes of its header: shorter than
/// the chunks its header counts, or ending inside a chunk. (A log may hold more chunks than the
/// header counts: Windows updates the count lazily.)
fn cut_off(header: &[u8], len: u64) -> Option<String> {
    let field = |at: usize| {
        header
            .get(at..at + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let (block, chunks) = (field(40)?, field(42)?);
    let declared = block + chunks * CHUNK_BYTES;
    let partial = len > block && !(len - block).is_multiple_of(CHUNK_BYTES);
    let why = if partial {
        format!("it ends inside a 64 KiB chunk ({len} bytes after a {block}-byte header)")
    } else if len < declared {
        format!(
            "{len} bytes, where its header lists {chunks} chunk(s) of 64 KiB ({declared} bytes)"
        )
    } else {
        return None;
    };
    Some(format!(
        "cut off: {why}; the records in it were read, the rest is missing: copy or export the \
         log again"
    ))
}

/// True for the first bytes of a binary event log.
pub(crate) fn is_evtx(head: &[u8]) -> bool {
    head.starts_with(b"ElfFile\0")
}

/// Reads every record, calling `each` in file order.
///
/// # Errors
///
/// The file header cannot be read: nothing of the file is usable.
pub(crate) fn read_evtx<R: Read + Seek + 'static>(
    mut reader: R,
    each: &mut dyn FnMut(EvtxRecord),
) -> Result<EvtxOutcome, String> {
    fn unreadable(error: impl std::fmt::Display) -> String {
        format!("not a readable binary event log ({error})")
    }
    let len = reader.seek(SeekFrom::End(0)).map_err(unreadable)?;
    reader.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    let mut header = Vec::with_capacity(44);
    (&mut reader)
        .take(44)
        .read_to_end(&mut header)
        .map_err(unreadable)?;
    reader.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    let settings = evtx::ParserSettings::new().num_threads(1).indent(false);
    let mut parser = evtx::EvtxParser::from_read_seek(reader)
        .map_err(unreadable)?
        .with_configuration(settings);
    let mut outcome = EvtxOutcome {
        cut_off: cut_off(&header, len),
        ..EvtxOutcome::default()
    };
    for record in parser.records() {
        match record {
            Ok(record) => {
                outcome.records += 1;
                each(EvtxRecord {
                    id: record.event_record_id,
                    xml: record.data,
                });
            }
            Err(error) => outcome.warnings.push(describe(&error)),
        }
    }
    Ok(outcome)
}

fn describe(error: &evtx::err::EvtxError) -> String {
    use std::error::Error as _;
    let mut text = error.to_string();
    if let Some(source) = error.source() {
        text.push_str(&format!(" ({source})"));
    }
    format!("{text}: damaged or cut off; the records before and after it were kept")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(block: u16, chunks: u16) -> Vec<u8> {
        let mut header = b"ElfFile\0".to_vec();
        header.resize(40, 0);
        header.extend(block.to_le_bytes());
        header.extend(chunks.to_le_bytes());
        header
    }

    #[test]
    fn a_log_shorter_than_its_header_or_ending_inside_a_chunk_is_cut_off() {
        let whole = 4096 + 3 * CHUNK_BYTES;
        assert_eq!(cut_off(&header(4096, 3), whole), None);
        // Windows counts chunks lazily: more chunks than counted is a whole file.
        assert_eq!(cut_off(&header(4096, 2), whole), None);
        let short = cut_off(&header(4096, 3), 4096 + 2 * CHUNK_BYTES).unwrap();
        assert!(short.starts_with("cut off: 135168 bytes"), "{short}");
        let partial = cut_off(&header(4096, 2), whole - 100).unwrap();
        assert!(
            partial.starts_with("cut off: it ends inside a 64 KiB chunk"),
            "{partial}"
        );
        // A header too short to read says nothing.
        assert_eq!(cut_off(b"ElfFile\0", 10), None);
    }

    #[test]
    fn a_file_that_is_not_an_event_log_is_an_error() {
        let result = read_evtx(
            std::io::Cursor::new(b"ElfFile\0 but nothing else".to_vec()),
            &mut |_| {},
        );
        assert!(result
            .unwrap_err()
            .contains("not a readable binary event log"));
    }
}
