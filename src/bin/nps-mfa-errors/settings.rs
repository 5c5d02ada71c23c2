//! `settings`: the extension's registry values, with their defaults, per-cloud values and the
//! codes whose fix depends on them.

use std::io::{self, Write};

use nps_mfa_errors::export::SettingRecord;
use nps_mfa_errors::{Cloud, Setting, REGISTRY_PATH};

use crate::output::{wrap, write_sources, CODE, DIM, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes: 0 listed, 2 bad usage.")]
pub struct Args {
    /// Show the value each setting takes in this cloud (public, government or china, any case)
    /// instead of every cloud's; JSON records gain `cloud` and `value`.
    #[arg(long, value_name = "CLOUD", value_parser = crate::values::cloud)]
    cloud: Option<Cloud>,
    /// Write a JSON array instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let mut out = anstream::stdout().lock();
    if args.json {
        let records: Vec<serde_json::Value> = Setting::all()
            .map(|setting| record_json(setting, args.cloud))
            .collect();
        serde_json::to_writer_pretty(&mut out, &records)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", wrap("Registry key: ", 14, REGISTRY_PATH))?;
        if let Some(cloud) = args.cloud {
            writeln!(
                out,
                "{DIM}Values for {} (--cloud {cloud}){DIM:#}",
                cloud.title()
            )?;
        }
        for setting in Setting::all() {
            writeln!(out)?;
            write_setting_for(&mut out, setting, args.cloud)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// A setting's record, with the value in `cloud` when one is asked for.
fn record_json(setting: Setting, cloud: Option<Cloud>) -> serde_json::Value {
    let mut value = serde_json::to_value(SettingRecord(setting)).unwrap_or_default();
    if let (Some(cloud), Some(object)) = (cloud, value.as_object_mut()) {
        object.insert("cloud".to_owned(), serde_json::json!(cloud));
        object.insert(
            "value".to_owned(),
            serde_json::json!(setting.value_for(cloud)),
        );
    }
    value
}

/// Everything about one setting, as `settings` and `explain SETTING` print it; with a cloud,
/// only that cloud's value.
pub fn write_setting_for(
    out: &mut impl Write,
    setting: Setting,
    cloud: Option<Cloud>,
) -> io::Result<()> {
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
    if let Some(cloud) = cloud {
        write_cloud_value(out, setting, cloud)?;
    } else if !setting.cloud_values().is_empty() {
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

/// The value `setting` takes in `cloud`: the cloud's own, or "the same in every cloud".
fn write_cloud_value(out: &mut impl Write, setting: Setting, cloud: Cloud) -> io::Result<()> {
    let label = format!("  In {}: ", cloud.title());
    let own = setting.cloud_value(cloud);
    let text = match own {
        Some(value) => {
            let mut text = value.value().to_owned();
            if let Some(note) = value.note() {
                text.push_str(&format!(" ({note})"));
            }
            text
        }
        None if setting.cloud_values().is_empty() => {
            "no per-cloud value; the same in every cloud".to_owned()
        }
        None => format!("not documented; the default is {}", setting.default_value()),
    };
    write!(out, "{}", wrap(&label, 4, &text))
}
