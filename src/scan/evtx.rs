//! Binary event logs (`.evtx`, what `wevtutil epl` writes), read natively with the `evtx`
//! crate: each record renders to XML, which goes through the XML path. A damaged chunk is a
//! warning and the records before and after it are kept; a truncated file keeps the records it
//! has.

use std::io::{Read, Seek};

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
    reader: R,
    each: &mut dyn FnMut(EvtxRecord),
) -> Result<EvtxOutcome, String> {
    let settings = evtx::ParserSettings::new().num_threads(1).indent(false);
    let mut parser = evtx::EvtxParser::from_read_seek(reader)
        .map_err(|error| format!("not a readable binary event log ({error})"))?
        .with_configuration(settings);
    let mut outcome = EvtxOutcome::default();
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
