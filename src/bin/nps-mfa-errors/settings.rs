//! `settings`: the extension's registry values, with their defaults, per-cloud values and the
//! codes whose fix depends on them.

use std::io::{self, Write};

use nps_mfa_errors::export::SettingRecord;
use nps_mfa_errors::{Setting, REGISTRY_PATH};

use crate::output::{wrap, write_sources, CODE, DIM, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write a JSON array instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let mut out = anstream::stdout().lock();
    if args.json {
        let records: Vec<SettingRecord> = Setting::all().map(SettingRecord).collect();
        serde_json::to_writer_pretty(&mut out, &records)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", wrap("Registry key: ", 14, REGISTRY_PATH))?;
        for setting in Setting::all() {
            writeln!(out)?;
            write_setting(&mut out, setting)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// Everything about one setting, as `settings` and `explain SETTING` print it.
pub fn write_setting(out: &mut impl Write, setting: Setting) -> io::Result<()> {
    writeln!(
        out,
        "{CODE}{setting}{CODE:#}  {DIM}registry setting ({}){DIM:#}",
        setting.value_type()
    )?;
    write!(out, "{}", wrap("", 0, setting.summary()))?;
    write!(out, "{}", wrap("  Values: ", 10, setting.values()))?;
    write!(out, "{}", wrap("  Default: ", 11, setting.default_value()))?;
    write!(
        out,
        "{}",
        wrap("  When missing: ", 16, setting.when_missing())
    )?;
    if !setting.cloud_values().is_empty() {
        writeln!(out, "  {HEADING}Per cloud{HEADING:#}:")?;
        for value in setting.cloud_values() {
            let mut text = format!("{}: {}", value.cloud().title(), value.value());
            if let Some(note) = value.note() {
                text.push_str(&format!(" ({note})"));
            }
            write!(out, "{}", wrap("  - ", 4, &text))?;
        }
    }
    if !setting.notes().is_empty() {
        writeln!(out, "  {HEADING}Notes{HEADING:#}:")?;
        for note in setting.notes() {
            write!(out, "{}", wrap("  - ", 4, note))?;
        }
    }
    if !setting.codes().is_empty() {
        let codes: Vec<&str> = setting.codes().iter().map(|c| c.as_str()).collect();
        write!(out, "{}", wrap("  Codes: ", 9, &codes.join(", ")))?;
    }
    write_sources(out, setting.sources())
}
