//! Property tests of the importers.
//!
//! 1. Random bytes, under every export family's file name, never panic an importer.
//! 2. The fixtures of every family (`tests/fixtures/import/`), mutated at random (bytes
//!    replaced with CSV's special characters, inserted, deleted; lines duplicated or dropped;
//!    the file truncated; its encoding changed), never panic, from memory or streamed from
//!    disk, with or without a mapping.
//! 3. Whatever an importer produces is a valid snapshot: written as JSON and loaded again it
//!    has no errors, and each file reports every row it read (imported rows never exceed
//!    rows read).
//!
//! Case counts are modest so that `cargo test` stays quick; set `PROPTEST_CASES` to run more.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use engage::import::mapping::Mapping;
use engage::import::{Imported, Options, import_bytes, import_file};
use engage::snapshot::write::write_snapshot;
use engage::snapshot::{LoadControl, parse_snapshot};
use proptest::prelude::*;

use crate::common;
use common::proptest_config;

/// Every fixture: its file name and bytes.
fn fixtures() -> &'static [(String, Vec<u8>)] {
    static ALL: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let files = engage::import::expand(&root).files;
        let all: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect();
        assert!(all.len() >= 14, "the import fixtures are there");
        all
    })
}

fn mapping() -> Arc<Mapping> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mappings/example.toml");
    Arc::new(Mapping::load(&path).unwrap())
}

/// The invariants of any import, whatever the input.
fn check(imported: &Imported) -> Result<(), TestCaseError> {
    let r = &imported.report;
    prop_assert!(
        r.rows_imported <= r.rows_read,
        "imported {} of {} rows",
        r.rows_imported,
        r.rows_read
    );
    if let Some(store) = &imported.store {
        let mut json = Vec::new();
        write_snapshot(store, &mut json).unwrap();
        let parsed = parse_snapshot(&json[..], "written.json", LoadControl::default()).unwrap();
        prop_assert!(
            parsed.findings.errors.is_empty(),
            "the written snapshot is invalid: {:?}\n{}",
            parsed.findings.errors,
            String::from_utf8_lossy(&json)
        );
    }
    Ok(())
}

/// One edit of a file.
#[derive(Clone, Debug)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    DuplicateLine(usize),
    DropLine(usize),
    Truncate(usize),
    Latin1,
}

fn special() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b'"'),
        Just(b','),
        Just(b'\n'),
        Just(b'\r'),
        Just(b';'),
        Just(b'#'),
        Just(b'-'),
        Just(b'.'),
        Just(b'E'),
        Just(0xE9),
        Just(0xFF),
        Just(0x00),
        any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), special()).prop_map(|(i, b)| Edit::Replace(i, b)),
        2 => (any::<usize>(), prop::collection::vec(special(), 1..8))
            .prop_map(|(i, v)| Edit::Insert(i, v)),
        2 => (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<usize>().prop_map(Edit::DuplicateLine),
        1 => any::<usize>().prop_map(Edit::DropLine),
        1 => any::<usize>().prop_map(Edit::Truncate),
        1 => Just(Edit::Latin1),
    ]
}

fn line_span(bytes: &[u8], pick: usize) -> std::ops::Range<usize> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&i| i < bytes.len())
        .collect();
    if starts.is_empty() {
        return 0..0;
    }
    let k = pick % starts.len();
    let end = starts.get(k + 1).copied().unwrap_or(bytes.len());
    starts[k]..end
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len();
        match e {
            Edit::Replace(i, b) if n > 0 => bytes[i % n] = *b,
            Edit::Insert(i, v) => {
                let at = i % (n + 1);
                bytes.splice(at..at, v.iter().copied());
            }
            Edit::Delete(i, len) if n > 0 => {
                let at = i % n;
                bytes.drain(at..(at + len).min(n));
            }
            Edit::DuplicateLine(k) => {
                let span = line_span(&bytes, *k);
                let line = bytes[span.clone()].to_vec();
                bytes.splice(span.end..span.end, line);
            }
            Edit::DropLine(k) => {
                let span = line_span(&bytes, *k);
                bytes.drain(span);
            }
            Edit::Truncate(i) => bytes.truncate(i % (n + 1)),
            Edit::Latin1 => {
                // Re-encode what is UTF-8 as Latin-1 where it fits: the cp1252 path.
                if let Ok(s) = std::str::from_utf8(&bytes) {
                    bytes = s
                        .chars()
                        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                        .collect();
                }
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(proptest_config(500))]

    #[test]
    fn random_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        which in any::<prop::sample::Index>(),
    ) {
        let names = fixtures();
        let name = &names[which.index(names.len())].0;
        check(&import_bytes(&bytes, name, &Options::default()))?;
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
        with_mapping in prop::bool::weighted(0.15),
    ) {
        let all = fixtures();
        let (name, bytes) = &all[which.index(all.len())];
        let mutated = apply(bytes.clone(), &edits);
        let options = Options {
            mapping: with_mapping.then(mapping),
            ..Options::default()
        };
        check(&import_bytes(&mutated, name, &options))?;
    }
}

proptest! {
    #![proptest_config(proptest_config(40))]

    /// The streamed path (a file on disk) holds to the same invariants, and agrees with the
    /// in-memory path on what it imports.
    #[test]
    fn mutated_files_streamed_from_disk(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let all = fixtures();
        let (name, bytes) = &all[which.index(all.len())];
        let mutated = apply(bytes.clone(), &edits);
        let dir = tempfile::tempdir().unwrap();
        let path: PathBuf = dir.path().join(name);
        std::fs::write(&path, &mutated).unwrap();
        let streamed = import_file(&path, &Options::default());
        check(&streamed)?;
        let in_memory = import_bytes(&mutated, &path.display().to_string(), &Options::default());
        prop_assert_eq!(streamed.report.rows_read, in_memory.report.rows_read);
        prop_assert_eq!(streamed.report.rows_imported, in_memory.report.rows_imported);
        // Byte offsets differ by a byte-order mark; the lines reported agree.
        let lines = |r: &engage::import::builder::FileReport| -> Vec<(String, usize, u64)> {
            r.skipped.iter().map(|(k, s)| (k.clone(), s.count, s.first_line)).collect()
        };
        prop_assert_eq!(lines(&streamed.report), lines(&in_memory.report));
    }
}
