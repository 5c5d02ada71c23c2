//! Zip and gzip containers, read as folders: each member is scanned as a file named
//! `bundle.zip!/member` (`bundle.zip!/inner.zip!/member` when nested). Limits on the unpacked
//! size, the compression ratio, the entry count and the nesting depth stop zip bombs and lying
//! headers; a member over a limit, encrypted or corrupt gets its own error and the other members
//! are still read.

use std::cell::Cell;
use std::io::{self, Read, Seek};

/// What a container may unpack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContainerLimits {
    /// Bytes all members of one top-level container may unpack to, together.
    pub max_total_bytes: u64,
    /// How many times bigger than its compressed size a member may unpack.
    pub max_ratio: u64,
    /// Entries one zip may hold.
    pub max_entries: usize,
    /// How deep containers may nest (a zip in a zip is depth 2).
    pub max_depth: u8,
}

impl Default for ContainerLimits {
    /// 4 GiB in all, a ratio of 200 (logs compress 5 to 30 times; bombs a thousand), 10,000
    /// entries, 3 levels.
    fn default() -> Self {
        ContainerLimits {
            max_total_bytes: 4 << 30,
            max_ratio: 200,
            max_entries: 10_000,
            max_depth: 3,
        }
    }
}

/// Why a container or one of its members was not read (or not to its end).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ContainerError {
    /// The member unpacks to more than the limit for the whole container.
    #[error("unpacking stopped at {limit} bytes, the limit for one bundle; unzip it and scan the folder if it is genuine")]
    TotalSize {
        /// The limit.
        limit: u64,
    },
    /// The member unpacks far bigger than it is compressed: a zip bomb.
    #[error("unpacks more than {limit} times its compressed size of {compressed} bytes (a zip bomb?); it was not scanned past that point")]
    Ratio {
        /// The limit.
        limit: u64,
        /// Its compressed size.
        compressed: u64,
    },
    /// The member unpacks to more than its header says.
    #[error("unpacks to more than the {declared} bytes its header declares; the archive is corrupt or forged")]
    Declared {
        /// What the header says.
        declared: u64,
    },
    /// Too many entries.
    #[error(
        "holds {count} entries, more than the limit of {limit}; only the first {limit} were read"
    )]
    Entries {
        /// Entries in the archive.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Nested deeper than the limit.
    #[error("a container nested more than {limit} deep; it was not opened")]
    Depth {
        /// The limit.
        limit: u8,
    },
    /// The member is encrypted.
    #[error("encrypted (password-protected); unzip it with the password and scan the folder")]
    Encrypted,
    /// A member cannot be read (to its end).
    #[error(
        "damaged: {0}; what could be read before the damage was scanned, as were the archive's \
         other members"
    )]
    Corrupt(String),
    /// The archive itself cannot be opened (not a zip or gzip file, or cut off before its
    /// directory): nothing in it was read.
    #[error("not a readable archive: {0}; nothing in it was read; copy the file again")]
    Unreadable(String),
}

/// The unpacked bytes so far, shared by all members of one top-level container.
#[derive(Debug)]
pub(crate) struct Budget {
    pub(crate) limits: ContainerLimits,
    pub(crate) used: Cell<u64>,
}

impl Budget {
    pub(crate) fn new(limits: ContainerLimits) -> Budget {
        Budget {
            limits,
            used: Cell::new(0),
        }
    }
}

/// A reader that fails with a [`ContainerError`] (inside an `io::Error`) once a member breaks a
/// limit.
pub(crate) struct Guarded<'b, R> {
    inner: R,
    budget: &'b Budget,
    read: u64,
    declared: Option<u64>,
    compressed: u64,
}

/// Bytes a member may unpack before the ratio is checked: small files compress extremely well.
const RATIO_GRACE: u64 = 1 << 20;

impl<'b, R: Read> Guarded<'b, R> {
    pub(crate) fn new(
        inner: R,
        budget: &'b Budget,
        declared: Option<u64>,
        compressed: u64,
    ) -> Self {
        Guarded {
            inner,
            budget,
            read: 0,
            declared,
            compressed,
        }
    }

    fn check(&self) -> Result<(), ContainerError> {
        let limits = self.budget.limits;
        if self.budget.used.get() > limits.max_total_bytes {
            return Err(ContainerError::TotalSize {
                limit: limits.max_total_bytes,
            });
        }
        if let Some(declared) = self.declared.filter(|d| self.read > *d) {
            return Err(ContainerError::Declared { declared });
        }
        if self.read > RATIO_GRACE && self.read / self.compressed.max(1) > limits.max_ratio {
            return Err(ContainerError::Ratio {
                limit: limits.max_ratio,
                compressed: self.compressed,
            });
        }
        Ok(())
    }
}

impl<R: Read> Read for Guarded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.budget.used.set(self.budget.used.get() + n as u64);
        self.check().map_err(io::Error::other)?;
        Ok(n)
    }
}

/// The container error inside an `io::Error` a [`Guarded`] reader raised, if it is one.
pub(crate) fn container_error(error: &io::Error) -> Option<ContainerError> {
    error.get_ref()?.downcast_ref::<ContainerError>().cloned()
}

/// One member of a zip, before it is read.
pub(crate) struct MemberInfo {
    /// Its display name: `container!/path`.
    pub(crate) name: String,
    /// What its header declares.
    pub(crate) size: u64,
    pub(crate) compressed: u64,
}

/// Calls `visit` with each file member of a zip, in archive order, and a guarded reader of it.
/// Members that cannot be opened are given to `failed` with their error; an archive that
/// cannot be opened at all is the `Err`.
pub(crate) fn each_zip_member<R: Read + Seek>(
    reader: R,
    container: &str,
    budget: &Budget,
    visit: &mut dyn FnMut(&MemberInfo, &mut dyn Read),
    failed: &mut dyn FnMut(String, ContainerError),
) -> Result<(), ContainerError> {
    let mut archive =
        zip::ZipArchive::new(reader).map_err(|e| ContainerError::Unreadable(e.to_string()))?;
    let count = archive.len();
    let limit = budget.limits.max_entries;
    if count > limit {
        failed(
            container.to_owned(),
            ContainerError::Entries { count, limit },
        );
    }
    for index in 0..count.min(limit) {
        let (info, encrypted, is_dir) = match archive.by_index_raw(index) {
            Ok(raw) => (
                MemberInfo {
                    name: format!("{container}!/{}", raw.name().trim_start_matches('/')),
                    size: raw.size(),
                    compressed: raw.compressed_size(),
                },
                raw.encrypted(),
                raw.is_dir(),
            ),
            Err(error) => {
                failed(
                    format!("{container}!/#{}", index + 1),
                    ContainerError::Corrupt(error.to_string()),
                );
                continue;
            }
        };
        if is_dir {
            continue;
        }
        if encrypted {
            failed(info.name, ContainerError::Encrypted);
            continue;
        }
        if info.size / info.compressed.max(1) > budget.limits.max_ratio && info.size > RATIO_GRACE {
            failed(
                info.name,
                ContainerError::Ratio {
                    limit: budget.limits.max_ratio,
                    compressed: info.compressed,
                },
            );
            continue;
        }
        if budget.used.get().saturating_add(info.size) > budget.limits.max_total_bytes {
            failed(
                info.name,
                ContainerError::TotalSize {
                    limit: budget.limits.max_total_bytes,
                },
            );
            continue;
        }
        match archive.by_index(index) {
            Ok(mut member) => visit(&info, &mut member),
            Err(zip::result::ZipError::UnsupportedArchive(message))
                if message == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                failed(info.name, ContainerError::Encrypted);
            }
            Err(error) => failed(info.name, ContainerError::Corrupt(error.to_string())),
        }
    }
    Ok(())
}

/// The name of what a `.gz` holds: `logs.txt.gz!/logs.txt`.
pub(crate) fn gzip_member_name(container: &str) -> String {
    let file = container
        .rsplit(['/', '\\', '!'])
        .next()
        .unwrap_or(container);
    let inner = file
        .strip_suffix(".gz")
        .or_else(|| file.strip_suffix(".GZ"))
        .or_else(|| file.strip_suffix(".tgz").map(|_| ""))
        .filter(|s| !s.is_empty())
        .unwrap_or("content");
    format!("{container}!/{inner}")
}

/// True for the first bytes of a zip (a local file header, or the end record of an empty zip).
pub(crate) fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// True for the first bytes of a gzip stream.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Copies a member into an anonymous temporary file, for readers that must seek (a nested zip,
/// an `.evtx`); memory stays small whatever the member's size.
pub(crate) fn spool(reader: &mut dyn Read) -> io::Result<std::fs::File> {
    let mut file = tempfile::tempfile()?;
    io::copy(reader, &mut file)?;
    file.rewind()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    type Outcome = (Vec<(String, usize)>, Vec<(String, ContainerError)>);

    fn members(zip: Vec<u8>, limits: ContainerLimits) -> Outcome {
        let mut seen = vec![];
        let mut errors = vec![];
        let mut failures = vec![];
        let budget = Budget::new(limits);
        each_zip_member(
            Cursor::new(zip),
            "b.zip",
            &budget,
            &mut |info, reader| {
                let mut guarded = Guarded::new(reader, &budget, Some(info.size), info.compressed);
                let mut data = vec![];
                match guarded.read_to_end(&mut data) {
                    Ok(n) => seen.push((info.name.clone(), n)),
                    Err(e) => errors.push((info.name.clone(), container_error(&e).unwrap())),
                }
            },
            &mut |name, error| failures.push((name, error)),
        )
        .unwrap();
        failures.extend(errors);
        (seen, failures)
    }

    #[test]
    fn members_are_named_after_their_container() {
        let (seen, errors) = members(
            zip_of(&[("a.txt", b"hello"), ("dir/b.txt", b"x")]),
            ContainerLimits::default(),
        );
        assert!(errors.is_empty());
        assert_eq!(
            seen,
            [
                ("b.zip!/a.txt".to_owned(), 5),
                ("b.zip!/dir/b.txt".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn a_bomb_stops_at_the_ratio_and_the_next_member_is_read() {
        let zeros = vec![0_u8; 8 << 20];
        let (seen, errors) = members(
            zip_of(&[("bomb.txt", &zeros), ("ok.txt", b"fine")]),
            ContainerLimits::default(),
        );
        assert_eq!(seen, [("b.zip!/ok.txt".to_owned(), 4)]);
        assert!(
            matches!(errors[0], (ref n, ContainerError::Ratio { .. }) if n == "b.zip!/bomb.txt")
        );
    }

    #[test]
    fn the_total_size_and_entry_count_are_limited() {
        let limits = ContainerLimits {
            max_total_bytes: 10,
            max_entries: 2,
            ..ContainerLimits::default()
        };
        let (seen, errors) = members(
            zip_of(&[("a", b"123456"), ("b", b"123456"), ("c", b"1")]),
            limits,
        );
        assert_eq!(seen.len(), 1);
        assert!(errors
            .iter()
            .any(|e| matches!(e.1, ContainerError::Entries { count: 3, limit: 2 })));
        assert!(errors
            .iter()
            .any(|e| e.0 == "b.zip!/b" && matches!(e.1, ContainerError::TotalSize { .. })));
    }

    #[test]
    fn gzip_members_drop_the_suffix() {
        assert_eq!(
            gzip_member_name("x/NPS_EventLog.log.gz"),
            "x/NPS_EventLog.log.gz!/NPS_EventLog.log"
        );
        assert_eq!(gzip_member_name("b.zip!/a.gz"), "b.zip!/a.gz!/a");
    }
}
