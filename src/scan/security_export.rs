//! Security log exports that hold NPS decisions (events 6272, 6273, 6274): `wevtutil qe
//! Security /f:text` (what the health-check script writes as `NPS_EventLog.log`), Event Viewer
//! "Save As" text, XML (`/f:xml`, and each `.evtx` record) and CSV (`Get-WinEvent |
//! Export-Csv`). Other Security events are passed over. Memory stays within one event (cut at
//! [`MAX_EVENT_BYTES`]).

use std::io::{self, BufRead};
use std::sync::Arc;

use quick_xml::events::Event;

use super::security::{clean_logged, nps_event_id, NpsEvent, NPS_EVENT_IDS};
use super::time::{DateOrder, EventTime};

/// An event longer than this is cut; what follows until the next event is passed over.
pub(crate) const MAX_EVENT_BYTES: usize = 256 * 1024;

/// True when the first decoded text of an input is a Security log export.
pub(crate) fn is_security_export(head: &str) -> bool {
    head.contains("Microsoft-Windows-Security-Auditing")
        || head.contains("<Channel>Security</Channel>")
        || head.contains("Log Name: Security")
        || super::security::is_nps_message(head)
}

/// One NPS event read, or one that lacks documented fields (its line and what it lacks).
pub(crate) type NpsResult = Result<NpsEvent, (NpsEvent, Vec<&'static str>)>;

fn finish(
    mut event: NpsEvent,
    file: &Option<Arc<str>>,
    line: u64,
    text: &str,
    each: &mut dyn FnMut(NpsResult),
) {
    event.file = file.clone();
    event.line = line;
    if event.logged.is_none() {
        event.logged = Some(clean_logged(text));
    }
    let missing = event.missing_fields();
    each(if missing.is_empty() {
        Ok(event)
    } else {
        Err((event, missing))
    });
}

/// Reads an export in any of its formats, recognised from its first decoded text.
pub(crate) fn scan_security(
    reader: &mut dyn BufRead,
    head: &str,
    file: &Option<Arc<str>>,
    each: &mut dyn FnMut(NpsResult),
) -> io::Result<u64> {
    let start = head.trim_start_matches('\u{feff}').trim_start();
    // An export from a day-first locale shows it in its first dates (`20/11/2026`).
    let order = DateOrder::infer(head).unwrap_or(DateOrder::MonthFirst);
    if start.starts_with('<') {
        scan_xml(reader, file, each)
    } else if start.starts_with("#TYPE")
        || start
            .lines()
            .next()
            .is_some_and(|l| l.contains(",") && l.contains("Message"))
    {
        scan_csv(reader, file, order, each)
    } else {
        scan_text(reader, file, order, each)
    }
}

/// Text exports: `Event[N]:` blocks, or Event Viewer rows that start with a level and a tab.
fn scan_text(
    reader: &mut dyn BufRead,
    file: &Option<Arc<str>>,
    order: DateOrder,
    each: &mut dyn FnMut(NpsResult),
) -> io::Result<u64> {
    let mut bytes = 0_u64;
    let mut line_no = 0_u64;
    let mut event = String::new();
    let mut event_line = 1;
    let mut raw = Vec::new();
    loop {
        raw.clear();
        let n = reader.read_until(b'\n', &mut raw)?;
        bytes += n as u64;
        let line = String::from_utf8_lossy(&raw);
        if n == 0 || starts_event(&line) {
            if !event.is_empty() {
                text_event(&event, file, event_line, order, each);
            }
            event.clear();
            event_line = line_no + 1;
            if n == 0 {
                return Ok(bytes);
            }
        }
        line_no += 1;
        if event.len() + line.len() <= MAX_EVENT_BYTES {
            event.push_str(&line);
        }
    }
}

const LEVELS: [&str; 4] = [
    "Audit Success\t",
    "Audit Failure\t",
    "Information\t",
    "Error\t",
];

fn starts_event(line: &str) -> bool {
    line.starts_with("Event[") || LEVELS.iter().any(|l| line.starts_with(l))
}

fn text_event(
    text: &str,
    file: &Option<Arc<str>>,
    line: u64,
    order: DateOrder,
    each: &mut dyn FnMut(NpsResult),
) {
    let mut id = None;
    let mut time = None;
    let mut computer = None;
    if LEVELS.iter().any(|l| text.starts_with(l)) {
        let columns: Vec<&str> = text.lines().next().unwrap_or("").split('\t').collect();
        time = columns.get(1).and_then(|t| EventTime::parse_in(t, order));
        id = columns.get(3).and_then(|c| c.trim().parse().ok());
    } else {
        for header in text.lines().take(16) {
            let Some((label, value)) = header.trim().split_once(':') else {
                continue;
            };
            match label {
                "Event ID" => id = value.trim().parse().ok(),
                "Date" => time = EventTime::parse_in(value, order),
                "Computer" => computer = Some(value.trim().to_owned()),
                _ => {}
            }
        }
    }
    let Some(id) = id
        .or_else(|| nps_event_id(text))
        .filter(|id| NPS_EVENT_IDS.contains(id))
    else {
        return;
    };
    let mut event = NpsEvent::from_message(id, text);
    event.time = time;
    event.computer = computer;
    // The message follows `Description:` (wevtutil) or the header columns (Event Viewer).
    let message = [
        "Description:",
        "Network Policy Server granted",
        "Network Policy Server denied",
        "Network Policy Server discarded",
    ]
    .iter()
    .find_map(|marker| text.find(marker).map(|at| &text[at..]))
    .map_or(text, |m| m.strip_prefix("Description:").unwrap_or(m));
    event.logged = Some(clean_logged(message));
    finish(event, file, line, text, each);
}

/// What an XML `<Event>` gave so far.
#[derive(Default)]
struct XmlEvent {
    line: u64,
    id: Option<u32>,
    time: Option<EventTime>,
    record_id: Option<u64>,
    computer: Option<String>,
    fields: Vec<(String, String)>,
    message: String,
    size: usize,
}

/// XML: `<Event>` elements with `System` and `EventData` (`<Data Name="...">`).
pub(crate) fn scan_xml(
    reader: &mut dyn BufRead,
    file: &Option<Arc<str>>,
    each: &mut dyn FnMut(NpsResult),
) -> io::Result<u64> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut line = 1_u64;
    let mut event: Option<XmlEvent> = None;
    let mut element = Vec::new();
    let mut data_name: Option<String> = None;
    loop {
        let node = match xml.read_event_into(&mut buf) {
            Ok(node) => node,
            // A cut or broken export: the events before were read.
            Err(_) => return Ok(xml.buffer_position()),
        };
        let newlines = bytecount::count(&node, b'\n') as u64;
        match &node {
            Event::Start(tag) | Event::Empty(tag) => {
                let name = tag.local_name().as_ref().to_vec();
                if name == b"Event" {
                    event = Some(XmlEvent {
                        line,
                        ..XmlEvent::default()
                    });
                }
                if let Some(event) = event.as_mut() {
                    xml_attributes(event, &name, tag, &mut data_name);
                }
                element = name;
            }
            Event::Text(text) => {
                if let Some(event) = event.as_mut() {
                    let value = text.decode().map(|t| t.into_owned()).unwrap_or_default();
                    xml_text(event, &element, data_name.as_deref(), &value);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(event) = event.as_mut() {
                    let name = String::from_utf8_lossy(reference.as_ref()).into_owned();
                    let value = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or("")
                            .to_owned(),
                    };
                    xml_text(event, &element, data_name.as_deref(), &value);
                }
            }
            Event::End(tag) => {
                if tag.local_name().as_ref() == b"Data" {
                    data_name = None;
                }
                if tag.local_name().as_ref() == b"Event" {
                    if let Some(done) = event.take() {
                        xml_event(done, file, each);
                    }
                }
                element.clear();
            }
            Event::Eof => return Ok(xml.buffer_position()),
            _ => {}
        }
        line += newlines;
        buf.clear();
    }
}

/// The attributes that matter: `TimeCreated SystemTime` and `Data Name`.
fn xml_attributes(
    event: &mut XmlEvent,
    name: &[u8],
    tag: &quick_xml::events::BytesStart<'_>,
    data_name: &mut Option<String>,
) {
    for attribute in tag.attributes().flatten() {
        let value = attribute
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match (name, attribute.key.local_name().as_ref()) {
            (b"TimeCreated", b"SystemTime") => event.time = EventTime::parse(&value),
            (b"Data", b"Name") => *data_name = Some(value),
            _ => {}
        }
    }
}

fn xml_text(event: &mut XmlEvent, element: &[u8], data_name: Option<&str>, value: &str) {
    event.size += value.len();
    if event.size > MAX_EVENT_BYTES {
        return;
    }
    match element {
        b"EventID" => event.id = value.trim().parse().ok(),
        b"EventRecordID" => event.record_id = value.trim().parse().ok(),
        b"Computer" => event.computer = Some(value.trim().to_owned()),
        b"Data" => match (data_name, event.fields.last_mut()) {
            (Some(name), Some((last, text))) if last == name => text.push_str(value),
            (Some(name), _) => event.fields.push((name.to_owned(), value.to_owned())),
            (None, _) => {}
        },
        b"Message" => event.message.push_str(value),
        _ => {}
    }
}

fn xml_event(done: XmlEvent, file: &Option<Arc<str>>, each: &mut dyn FnMut(NpsResult)) {
    let Some(id) = done.id.filter(|id| NPS_EVENT_IDS.contains(id)) else {
        return;
    };
    let mut event = NpsEvent::from_fields(
        id,
        done.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    if event.user().is_none() && !done.message.is_empty() {
        event = NpsEvent::from_message(id, &done.message);
    }
    event.time = done.time;
    event.record_id = done.record_id;
    event.computer = done.computer;
    let text = if done.message.is_empty() {
        done.fields
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        done.message
    };
    event.logged = Some(clean_logged(&text));
    finish(event, file, done.line, &text, each);
}

/// CSV: `Id`, `TimeCreated`, `MachineName`, `RecordId` and `Message` columns.
fn scan_csv(
    reader: &mut dyn BufRead,
    file: &Option<Arc<str>>,
    order: DateOrder,
    each: &mut dyn FnMut(NpsResult),
) -> io::Result<u64> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(reader);
    let headers = match csv.headers() {
        Ok(headers) => headers.clone(),
        Err(_) => return Ok(0),
    };
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (id, time, machine, record, message) = (
        column("Id"),
        column("TimeCreated"),
        column("MachineName"),
        column("RecordId"),
        column("Message"),
    );
    let mut row = csv::StringRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_record(&mut row) {
            Ok(true) => {}
            // A row that does not parse ends the reading; the rows before were read.
            Ok(false) | Err(_) => return Ok(csv.position().byte()),
        }
        let field = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
        let text = field(message);
        let Some(event_id) = field(id)
            .trim()
            .parse()
            .ok()
            .or_else(|| nps_event_id(text))
            .filter(|i| NPS_EVENT_IDS.contains(i))
        else {
            continue;
        };
        let mut event = NpsEvent::from_message(event_id, text);
        event.time = EventTime::parse_in(field(time), order);
        event.computer = Some(field(machine).to_owned()).filter(|m| !m.is_empty());
        event.record_id = field(record).trim().parse().ok();
        finish(event, file, line, text, each);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: &str = "Network Policy Server denied access to a user.\r\n\r\nUser:\r\n\tSecurity ID:\t\t\tCONTOSO\\alice\r\n\tAccount Name:\t\t\talice@contoso.com\r\n\tFully Qualified Account Name:\tCONTOSO\\alice\r\n\r\nAuthentication Details:\r\n\tNetwork Policy Name:\t\tVPN users\r\n\tReason Code:\t\t\t21\r\n\tReason:\t\t\t\tAn NPS extension dynamic link library (DLL) that is installed on the NPS server rejected the connection request.\r\n";

    fn read(text: &str) -> Vec<NpsResult> {
        let mut found = vec![];
        let file = Some(Arc::from("x"));
        scan_security(&mut text.as_bytes(), text, &file, &mut |e| found.push(e)).unwrap();
        found
    }

    #[test]
    fn wevtutil_text_events_are_read_with_local_time() {
        let text = format!("Event[0]:\r\n  Log Name: Security\r\n  Source: Microsoft-Windows-Security-Auditing\r\n  Date: 2026-11-20T09:14:04.120\r\n  Event ID: 6273\r\n  Computer: NPS01.contoso.com\r\n  Description: \r\n{MESSAGE}\r\nEvent[1]:\r\n  Log Name: Security\r\n  Event ID: 4624\r\n  Description: \r\nAn account was successfully logged on.\r\n");
        let found = read(&text);
        assert_eq!(found.len(), 1);
        let event = found[0].as_ref().unwrap();
        assert_eq!(event.time.unwrap().to_string(), "2026-11-20T09:14:04.12");
        assert_eq!(event.computer.as_deref(), Some("NPS01.contoso.com"));
        assert_eq!(event.network_policy.as_deref(), Some("VPN users"));
        assert_eq!(event.line, 1);
        assert!(event
            .logged
            .as_deref()
            .unwrap()
            .starts_with("Network Policy Server denied access"));
    }

    #[test]
    fn xml_events_are_read_from_their_data_names_with_utc_time() {
        let xml = "<Events><Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"Microsoft-Windows-Security-Auditing\"/><EventID>6273</EventID><TimeCreated SystemTime=\"2026-11-20T08:14:04.1200000Z\"/><EventRecordID>991</EventRecordID><Channel>Security</Channel><Computer>NPS01</Computer></System><EventData><Data Name=\"SubjectUserName\">alice@contoso.com</Data><Data Name=\"FullyQualifiedSubjectUserName\">CONTOSO\\alice</Data><Data Name=\"ReasonCode\">21</Data></EventData></Event></Events>";
        let found = read(xml);
        let event = found[0].as_ref().unwrap();
        assert_eq!(event.record_id, Some(991));
        assert_eq!(event.time.unwrap().to_string(), "2026-11-20T08:14:04.12Z");
        assert_eq!(event.qualified_name.as_deref(), Some("CONTOSO\\alice"));
    }

    #[test]
    fn csv_rows_are_read_and_an_event_missing_fields_is_reported() {
        let csv = "\"TimeCreated\",\"Id\",\"MachineName\",\"RecordId\",\"Message\"\r\n\"11/20/2026 9:14:04 AM\",\"6273\",\"NPS01\",\"991\",\"Network Policy Server denied access to a user.\"\r\n";
        let found = read(csv);
        let (event, missing) = found[0].as_ref().unwrap_err();
        assert_eq!(event.record_id, Some(991));
        assert!(missing.contains(&"Authentication Details: Reason Code"));
    }
}
