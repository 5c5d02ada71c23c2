//! Support bundles: `.evtx` records per second through the scanner, and a zipped bundle
//! against the same files unzipped.
//!
//! Method, read as ratios within one run:
//!
//! - `evtx/evtx_crate_render`: the `evtx` crate alone renders every record of the real
//!   `security.evtx` sample (2,261 records, `../shared/evtx-samples`) to XML — the baseline;
//!   `evtx/scanner`: a bundle scan of the same file (rendering, the XML path, NPS and extension
//!   matching, de-duplication). `Throughput::Elements` in records.
//! - `bundle_100mb/folder`: a bundle scan of a 100 MB folder laid out like the health-check
//!   script's output (UTF-16LE text from `tools/gen-log`, the NPS Security export, registry
//!   dumps, the `.evtx` samples); `bundle_100mb/zip`: the same files as one deflated zip.
//!   `Throughput::Bytes` in unpacked bytes.
//!
//! Without the samples (no `../shared` beside the clone) the benchmarks say so and do nothing.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nps_mfa_errors::scan::{BundleOptions, BundleScan, Scanner};

use gen_log as generate;

fn samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/evtx-samples");
    dir.join("security.evtx").is_file().then_some(dir)
}

fn records(path: &Path) -> u64 {
    let mut count = 0;
    let mut scan = BundleScan::new(Scanner::shared(), BundleOptions::default());
    scan.scan_path(path, &mut |_| count += 1);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    count + scan.inputs.iter().filter_map(|i| i.events).sum::<u64>()
}

fn evtx(c: &mut Criterion) {
    let Some(dir) = samples() else {
        eprintln!("no .evtx samples beside the clone: evtx benchmarks skipped");
        return;
    };
    let file = dir.join("security.evtx");
    let mut group = c.benchmark_group("evtx");
    group.throughput(Throughput::Elements(2261));
    group.sample_size(10);
    group.bench_function("evtx_crate_render", |b| {
        b.iter(|| {
            let settings = evtx::ParserSettings::new().num_threads(1).indent(false);
            let mut parser = evtx::EvtxParser::from_path(black_box(&file))
                .expect("a readable sample")
                .with_configuration(settings);
            parser
                .records()
                .filter_map(Result::ok)
                .map(|r| r.data.len())
                .sum::<usize>()
        })
    });
    group.bench_function("scanner", |b| b.iter(|| records(black_box(&file))));
    group.finish();
}

/// UTF-16LE with a byte-order mark and CRLF, as PowerShell writes.
fn utf16(text: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(text).replace('\n', "\r\n");
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// A 100 MB bundle folder, and the same files zipped.
fn bundle(dir: &Path, samples: &Path) -> (PathBuf, PathBuf, u64) {
    let folder = dir.join("NpsLogging");
    std::fs::create_dir_all(&folder).unwrap();
    let members = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/support-bundle/members");
    let mut files: Vec<(String, Vec<u8>)> = vec![];
    for entry in std::fs::read_dir(&members).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.push((name, utf16(&std::fs::read(&path).unwrap())));
    }
    for (channel, sample) in [
        ("AuthNOptCh", "new-user-security.evtx"),
        ("AuthZOptCh", "security.evtx"),
        ("AuthZAdminCh", "sample_with_a_bad_chunk_magic.evtx"),
    ] {
        files.push((
            format!("%computername%_{channel}.evtx"),
            std::fs::read(samples.join(sample)).unwrap(),
        ));
    }
    let sofar: usize = files.iter().map(|f| f.1.len()).sum();
    let per_log = (100_usize << 20).saturating_sub(sofar) / 4; // UTF-16 doubles: 2 logs of 1/4 each
    for (i, name) in ["AuthZOptCh.log", "AuthNOptCh.log"].iter().enumerate() {
        files.push((
            (*name).to_owned(),
            utf16(&generate::generate_vec(per_log, 0x5eed + i as u64)),
        ));
    }
    let zip_path = dir.join("NpsLogging.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut total = 0;
    for (name, data) in &files {
        std::fs::write(folder.join(name), data).unwrap();
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(data).unwrap();
        total += data.len() as u64;
    }
    zip.finish().unwrap();
    (folder, zip_path, total)
}

fn bundle_100mb(c: &mut Criterion) {
    let Some(samples) = samples() else {
        eprintln!("no .evtx samples beside the clone: bundle benchmarks skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (folder, zip, bytes) = bundle(dir.path(), &samples);
    assert_eq!(
        records(&folder),
        records(&zip),
        "the zip and the folder give the same records"
    );
    let mut group = c.benchmark_group("bundle_100mb");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("folder", |b| b.iter(|| records(black_box(&folder))));
    group.bench_function("zip", |b| b.iter(|| records(black_box(&zip))));
    group.finish();
}

criterion_group!(benches, evtx, bundle_100mb);
criterion_main!(benches);
