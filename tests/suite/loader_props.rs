//! Property tests of the snapshot loader.
//!
//! 1. Valid fixtures mutated at random (bytes flipped, inserted, deleted; truncated; JSON tokens
//!    spliced in; slices duplicated) never panic and always give either a store or an error,
//!    with every position inside the file.
//! 2. A valid snapshot written again (serde_json compact and pretty, and by a writer here that
//!    shuffles keys, varies whitespace and line endings, escapes characters as `\uXXXX` and
//!    writes integers as `12.0` or `12e0`, but for the format's version, which must be
//!    written as an integer) loads to the same store content.
//! 3. Random JSON values (any nesting of objects, arrays and scalars), as a whole file, as a
//!    top-level field and as records, never panic.
//!
//! Throughout, the loader is held to the JSON Schema in one direction: whatever serde_json and
//! the schema refuse, the loader refuses too (it may refuse more: duplicates, unknown accounts,
//! keys given twice, `to` before `from`, 2^53 + 1, over-long strings).
//!
//! Case counts are modest so that `cargo test` stays quick; set `PROPTEST_CASES` to run more,
//! e.g. `PROPTEST_CASES=20000 cargo test --release --test loader_props`.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use engage::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use engage::snapshot::{LoadControl, Parsed, Store, parse_snapshot};
use proptest::prelude::*;

use crate::common;
use common::proptest_config;
use proptest::sample::{Index, select};
use serde_json::{Map, Value};

fn valid_fixtures() -> &'static [(String, Vec<u8>)] {
    static FIXTURES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .expect("tests/fixtures/valid")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                (name, std::fs::read(&p).expect("read fixture"))
            })
            .collect();
        files.sort();
        assert!(!files.is_empty());
        files
    })
}

fn load(bytes: &[u8]) -> Parsed {
    parse_snapshot(bytes, "prop.json", LoadControl::default()).expect("nothing cancels this load")
}

struct Validator {
    schemas: Schemas,
    index: SchemaIndex,
}

fn validator() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| {
        let url = "https://engage.invalid/snapshot.schema.json";
        let doc: Value =
            serde_json::from_str(engage::snapshot::schema::SCHEMA_JSON).expect("schema");
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V2020_12);
        compiler.enable_format_assertions();
        compiler.add_resource(url, doc).expect("add schema");
        let mut schemas = Schemas::new();
        let index = compiler
            .compile(url, &mut schemas)
            .expect("schema compiles");
        Validator { schemas, index }
    })
}

/// What serde_json and the schema say of `bytes`: `Some(true)` valid, `Some(false)` refused,
/// `None` when serde_json refuses for one of its own limits rather than for the JSON (numbers
/// beyond f64, nesting beyond 128), where the loader's verdict cannot be compared.
fn schema_verdict(bytes: &[u8]) -> Option<bool> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => {
            let v = validator();
            Some(v.schemas.validate(&value, v.index).is_ok())
        }
        Err(e) => {
            let text = e.to_string();
            if text.contains("number out of range") || text.contains("recursion limit") {
                None
            } else {
                Some(false)
            }
        }
    }
}

/// Why serde_json or the schema refuses `bytes`, for failure messages.
fn schema_error(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => {
            let v = validator();
            v.schemas
                .validate(&value, v.index)
                .map_or_else(|e| format!("{e:#}"), |()| "valid".to_owned())
        }
        Err(e) => format!("serde_json: {e}"),
    }
}

/// The invariants every load satisfies, whatever the input.
fn check_invariants(bytes: &[u8], parsed: &Parsed) -> Result<(), TestCaseError> {
    let f = &parsed.findings;
    prop_assert_eq!(
        parsed.store.is_some(),
        f.is_valid(),
        "a store exactly when there is no error: {:?}",
        f.errors
    );
    prop_assert!(f.errors.len() <= 100 && f.warnings.len() <= 100);
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    for d in f.errors.iter().chain(&f.warnings) {
        prop_assert_eq!(&d.file, "prop.json");
        prop_assert!(!d.message.is_empty());
        if let (Some(line), Some(column)) = (d.line, d.column) {
            prop_assert!(line >= 1 && column >= 1, "{}", d);
            let Some(text) = lines.get(line as usize - 1) else {
                return Err(TestCaseError::fail(format!(
                    "{d}: line past the end ({} lines)",
                    lines.len()
                )));
            };
            prop_assert!(
                column as usize <= text.len() + 1,
                "{}: column past the line's end ({} bytes)",
                d,
                text.len()
            );
        }
    }
    // The loader is never more lenient than serde_json plus the schema.
    if parsed.store.is_some() {
        prop_assert_ne!(
            schema_verdict(bytes),
            Some(false),
            "the loader accepts what the schema refuses: {}",
            schema_error(bytes)
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 1. Mutations.

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "true",
    "false",
    "-",
    "0",
    "-1",
    "0.5",
    "1e400",
    "12.0",
    "9007199254740993",
    "\"\\ud800\"",
    "\"\\u00e9\"",
    "\"x\"",
    "\n",
    "\r\n",
    " ",
    "\t",
    "NaN",
    "//",
    "/*",
    "'",
    "\u{FEFF}",
    "\"id\":",
    "\"posts\":",
    "\"account\": \"ig\"",
    "\"version\": 2",
    "\"format\": \"x\"",
    "{\"id\": \"ig\", \"platform\": \"x\"}",
    "\"2026-02-29\"",
    "\"2026-10-31T10:00:00Z\"",
    "[[[[[[[[",
    "]]]]]]]]",
    "😀",
    "\u{0}",
];

#[derive(Clone, Debug)]
enum Mutation {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index, usize),
    Truncate(Index),
    Splice(Index, &'static str),
    Duplicate(Index, usize, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, bit)| Mutation::Flip(i, bit)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), 1usize..16).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| Mutation::Splice(i, t)),
        (any::<Index>(), 1usize..200, any::<Index>())
            .prop_map(|(i, n, at)| Mutation::Duplicate(i, n, at)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::Flip(i, bit) if !bytes.is_empty() => {
            let p = i.index(bytes.len());
            bytes[p] ^= 1 << bit;
        }
        Mutation::Flip(..) => {}
        Mutation::Insert(i, b) => {
            let p = at(i, bytes.len());
            bytes.insert(p, *b);
        }
        Mutation::Delete(i, n) => {
            let p = at(i, bytes.len()).min(bytes.len());
            let end = (p + n).min(bytes.len());
            bytes.drain(p..end);
        }
        Mutation::Truncate(i) => {
            let p = at(i, bytes.len()).min(bytes.len());
            bytes.truncate(p);
        }
        Mutation::Splice(i, token) => {
            let p = at(i, bytes.len()).min(bytes.len());
            bytes.splice(p..p, token.bytes());
        }
        Mutation::Duplicate(i, n, to) => {
            let p = at(i, bytes.len()).min(bytes.len());
            let slice = bytes[p..(p + n).min(bytes.len())].to_vec();
            let q = at(to, bytes.len()).min(bytes.len());
            bytes.splice(q..q, slice);
        }
    }
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn mutated_fixtures_never_panic(
        file in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let fixtures = valid_fixtures();
        let mut bytes = fixtures[file.index(fixtures.len())].1.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let parsed = load(&bytes);
        check_invariants(&bytes, &parsed)?;
    }
}

// ---------------------------------------------------------------------------------------------
// 2. The same snapshot written differently loads to the same content.

/// Everything a store holds that a file says, in a comparable form.
fn fingerprint(store: &Store) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "title {:?} exported {:?} offset {}",
        store.title, store.exported_at, store.utc_offset_min
    );
    let _ = writeln!(out, "accounts {:?}", store.accounts);
    let account = |i: u32| {
        store
            .accounts
            .get(i as usize)
            .map_or("?", |a| a.id.as_str())
    };
    let p = &store.posts;
    for row in 0..p.len() {
        let tags: Vec<&str> = p.tags(row).iter().map(|&t| store.tags.name(t)).collect();
        let counts: Vec<Option<u64>> = PostCount::ALL.iter().map(|&c| p.count(c, row)).collect();
        let _ = writeln!(
            out,
            "post {:?} {} {:?} day {} {:?} text {:?} url {:?} tags {:?} {:?}",
            p.id.get(row),
            account(p.account[row]),
            p.published_at(row),
            p.day[row],
            p.format[row],
            p.text.get(row),
            p.url.get(row),
            tags,
            counts
        );
    }
    let d = &store.daily;
    for row in 0..d.len() {
        let counts: Vec<Option<u64>> = DailyCount::ALL.iter().map(|&c| d.count(c, row)).collect();
        let _ = writeln!(
            out,
            "daily {} {} {:?}",
            account(d.account[row]),
            d.day[row],
            counts
        );
    }
    let w = &store.web;
    for row in 0..w.len() {
        let counts: Vec<Option<u64>> = WebCount::ALL.iter().map(|&c| w.count(c, row)).collect();
        let _ = writeln!(out, "web {} {:?} {:?}", w.day[row], w.channel[row], counts);
    }
    for t in &store.web_totals {
        let _ = writeln!(
            out,
            "web_total {} {} {:?} {:?}",
            t.from, t.to, t.channel, t.counts
        );
    }
    out
}

fn json_of(bytes: &[u8]) -> Value {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).expect("a valid fixture is JSON")
}

fn store_of(bytes: &[u8], what: &str) -> Store {
    let parsed = load(bytes);
    match parsed.store {
        Some(store) => store,
        None => panic!("{what} is refused: {:#?}", parsed.findings.errors),
    }
}

#[test]
fn serde_json_rewrites_load_to_the_same_store() {
    for (name, bytes) in valid_fixtures() {
        let want = fingerprint(&store_of(bytes, name));
        let value = json_of(bytes);
        let compact = serde_json::to_vec(&value).expect("serialise");
        let pretty = serde_json::to_vec_pretty(&value).expect("serialise");
        assert_eq!(
            fingerprint(&store_of(&compact, name)),
            want,
            "{name}, compact"
        );
        assert_eq!(
            fingerprint(&store_of(&pretty, name)),
            want,
            "{name}, pretty"
        );
    }
}

/// A tiny deterministic generator for the writer's choices (seeded by proptest).
struct Choices(u64);

impl Choices {
    fn next(&mut self, n: u64) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

const SPACE: &[&str] = &["", " ", "\n", "\r\n", "\t", "  \n    ", "\r\n\t "];

fn write_string(out: &mut String, s: &str, c: &mut Choices) {
    out.push('"');
    for ch in s.chars() {
        let escape_anyway = c.next(4) == 0;
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if escape_anyway => out.push_str("\\/"),
            '\n' if !escape_anyway => out.push_str("\\n"),
            ch if (ch as u32) < 0x20 || escape_anyway => {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    if c.next(2) == 0 {
                        let _ = write!(out, "\\u{unit:04x}");
                    } else {
                        let _ = write!(out, "\\u{unit:04X}");
                    }
                }
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
}

fn write_value(out: &mut String, v: &Value, c: &mut Choices) {
    let space = |out: &mut String, c: &mut Choices| {
        out.push_str(SPACE[c.next(SPACE.len() as u64) as usize])
    };
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // `12.0` only while its digits (as a mantissa) stay below 2^53: past that, serde_json's
        // default float parsing is not exact and a validator built on it sees a fraction.
        Value::Number(n) => match n.as_u64() {
            Some(u) if u < (1 << 53) => match c.next(3) {
                0 if u < 100_000_000_000_000 => {
                    let _ = write!(out, "{u}.0");
                }
                1 => {
                    let _ = write!(out, "{u}e0");
                }
                _ => {
                    let _ = write!(out, "{u}");
                }
            },
            _ => {
                let _ = write!(out, "{n}");
            }
        },
        Value::String(s) => write_string(out, s, c),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(out, c);
                write_value(out, item, c);
                space(out, c);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            for i in (1..keys.len()).rev() {
                keys.swap(i, c.next(i as u64 + 1) as usize);
            }
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(out, c);
                write_string(out, key, c);
                space(out, c);
                out.push(':');
                space(out, c);
                match &map[key.as_str()] {
                    // The format's version is an integer as written: `1.0` is refused.
                    Value::Number(n) if key.as_str() == "version" => {
                        let _ = write!(out, "{n}");
                    }
                    value => write_value(out, value, c),
                }
                space(out, c);
            }
            out.push('}');
        }
    }
}

proptest! {
    #![proptest_config(proptest_config(64))]

    #[test]
    fn reordered_and_respaced_snapshots_load_to_the_same_store(file in any::<Index>(), seed in 1u64..) {
        let fixtures = valid_fixtures();
        let (name, bytes) = &fixtures[file.index(fixtures.len())];
        let want = fingerprint(&store_of(bytes, name));
        let mut c = Choices(seed);
        let mut text = String::new();
        if c.next(4) == 0 {
            text.push('\u{FEFF}');
        }
        write_value(&mut text, &json_of(bytes), &mut c);
        let parsed = load(text.as_bytes());
        check_invariants(text.as_bytes(), &parsed)?;
        let Some(store) = parsed.store else {
            return Err(TestCaseError::fail(format!("{name} rewritten is refused: {:#?}\n{text}", parsed.findings.errors)));
        };
        prop_assert_eq!(fingerprint(&store), want, "{} rewritten as:\n{}", name, text);
        prop_assert_eq!(schema_verdict(text.as_bytes()), Some(true));
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Random JSON values.

fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = [
        "ig",
        "fb",
        "p1",
        "",
        "engage-snapshot",
        "2026-10-31",
        "2026-02-29",
        "2026-10-31T10:00:00Z",
        "2026-10-31T10:00:00",
        "2026-10-31T23:59:60Z",
        "+07:00",
        "-03:30",
        "+24:00",
        "Z",
        "é",
        "😀",
        "\u{0}",
        "a\"b\\c",
        "Instagram",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    words.extend(Platform::ALL.iter().map(|p| p.name().to_owned()));
    words.extend(PostFormat::ALL.iter().map(|p| p.name().to_owned()));
    words.extend(Channel::ALL.iter().map(|p| p.name().to_owned()));
    words
}

fn field_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "format",
        "version",
        "title",
        "exported_at",
        "utc_offset",
        "accounts",
        "posts",
        "daily",
        "web",
        "web_totals",
        "id",
        "account",
        "platform",
        "handle",
        "name",
        "published_at",
        "text",
        "url",
        "tags",
        "date",
        "channel",
        "from",
        "to",
        "unknown",
        "",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    names.extend(PostCount::ALL.iter().map(|c| c.name().to_owned()));
    names.extend(DailyCount::ALL.iter().map(|c| c.name().to_owned()));
    names.extend(WebCount::ALL.iter().map(|c| c.name().to_owned()));
    names
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0u64..100_000).prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::from(1u64 << 53)),
        select(vocabulary()).prop_map(Value::String),
        "\\PC{0,16}".prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => select(field_names()), 1 => "\\PC{0,8}"]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6).prop_map(|members| Value::Object(
                members.into_iter().collect::<Map<String, Value>>()
            )),
        ]
    })
}

/// A record: an object whose keys are mostly real field names, with scalar or random values.
fn record() -> impl Strategy<Value = Value> {
    let member = (key(), prop_oneof![4 => scalar(), 1 => value()]);
    prop::collection::vec(member, 0..10)
        .prop_map(|members| Value::Object(members.into_iter().collect()))
}

fn snapshot_with(sections: Vec<(String, Value)>) -> Value {
    let mut map = Map::new();
    map.insert("format".into(), Value::from("engage-snapshot"));
    map.insert("version".into(), Value::from(1));
    map.insert(
        "accounts".into(),
        serde_json::json!([{"id": "ig", "platform": "instagram"}, {"id": "fb", "platform": "facebook"}]),
    );
    for (k, v) in sections {
        map.insert(k, v);
    }
    Value::Object(map)
}

fn check_value(doc: &Value, pretty: bool) -> Result<(), TestCaseError> {
    let bytes = if pretty {
        serde_json::to_vec_pretty(doc)
    } else {
        serde_json::to_vec(doc)
    }
    .expect("serialise");
    let parsed = load(&bytes);
    check_invariants(&bytes, &parsed)
}

proptest! {
    #![proptest_config(proptest_config(128))]

    #[test]
    fn random_values_as_a_whole_file_never_panic(v in value(), pretty in any::<bool>()) {
        check_value(&v, pretty)?;
    }

    #[test]
    fn random_values_in_top_level_fields_never_panic(
        fields in prop::collection::vec((select(field_names()), value()), 0..4),
        pretty in any::<bool>(),
    ) {
        check_value(&snapshot_with(fields), pretty)?;
    }

    #[test]
    fn random_records_never_panic(
        section in select(vec!["accounts", "posts", "daily", "web", "web_totals"]),
        records in prop::collection::vec(prop_oneof![4 => record(), 1 => value()], 0..6),
        pretty in any::<bool>(),
    ) {
        check_value(&snapshot_with(vec![(section.to_owned(), Value::Array(records))]), pretty)?;
    }
}

// ---------------------------------------------------------------------------------------------
// 4. How the input arrives does not matter.

/// Hands out its bytes in pieces of the given sizes (cycling), as a pipe or a slow disk might.
struct Trickle<'a> {
    bytes: &'a [u8],
    sizes: Vec<usize>,
    next: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self.sizes[self.next % self.sizes.len()].max(1);
        self.next += 1;
        let n = size.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn all_fixtures() -> &'static [(String, Vec<u8>)] {
    static ALL: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
        let mut all = valid_fixtures().to_vec();
        for entry in std::fs::read_dir(dir).expect("tests/fixtures/invalid") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|x| x == "json") {
                let name = path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                all.push((name, std::fs::read(&path).expect("read fixture")));
            }
        }
        all.sort();
        all
    })
}

fn outcome(parsed: &Parsed) -> String {
    format!(
        "{:#?}\n{}",
        parsed.findings,
        parsed.store.as_ref().map_or_else(String::new, fingerprint)
    )
}

#[test]
fn one_byte_at_a_time_gives_the_same_result() {
    for (name, bytes) in all_fixtures() {
        let want = outcome(&load(bytes));
        let src = Trickle {
            bytes,
            sizes: vec![1],
            next: 0,
        };
        let got = parse_snapshot(src, "prop.json", LoadControl::default()).expect("not cancelled");
        assert_eq!(outcome(&got), want, "{name}");
    }
}

proptest! {
    #![proptest_config(proptest_config(64))]

    #[test]
    fn pieces_of_any_size_give_the_same_result(
        file in any::<Index>(),
        sizes in prop::collection::vec(1usize..40, 1..8),
    ) {
        let fixtures = all_fixtures();
        let (name, bytes) = &fixtures[file.index(fixtures.len())];
        let want = outcome(&load(bytes));
        let src = Trickle { bytes, sizes, next: 0 };
        let got = parse_snapshot(src, "prop.json", LoadControl::default()).expect("not cancelled");
        prop_assert_eq!(outcome(&got), want, "{}", name);
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Valid snapshots generated at random load to exactly what was written.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use engage::snapshot::store::Account;

const MAX_COUNT: u64 = 1 << 53;

/// A count as a file may hold it: absent, null, or a value.
type Count = Option<Option<u64>>;

fn count() -> impl Strategy<Value = Count> {
    prop_oneof![
        Just(None),
        Just(Some(None)),
        Just(Some(Some(0))),
        Just(Some(Some(MAX_COUNT))),
        (0..=MAX_COUNT).prop_map(|v| Some(Some(v))),
        (0u64..1000).prop_map(|v| Some(Some(v))),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        Just(String::new()),
    ]
}

/// A timestamp written with an offset, and the instant it means.
#[derive(Clone, Debug)]
struct Stamp {
    text: String,
    utc: i64,
    offset_min: i16,
}

fn stamp() -> impl Strategy<Value = Stamp> {
    (
        -2_208_988_800i64..4_102_444_800,
        -1439i32..=1439,
        prop::option::of(0u32..1_000_000_000),
        any::<bool>(),
    )
        .prop_map(|(utc, offset, frac, zulu)| {
            let offset = if zulu { 0 } else { offset };
            let tz = FixedOffset::east_opt(offset * 60).expect("offset in range");
            let t = tz.timestamp_opt(utc, 0).single().expect("instant in range");
            let mut text = t.format("%Y-%m-%dT%H:%M:%S").to_string();
            if let Some(f) = frac {
                text.push_str(&format!(".{f:09}"));
            }
            if zulu {
                text.push('Z');
            } else {
                text.push_str(&t.format("%:z").to_string());
            }
            Stamp {
                text,
                utc,
                offset_min: offset as i16,
            }
        })
}

fn day_text(day: i32) -> String {
    let date =
        NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(day.into());
    date.format("%Y-%m-%d").to_string()
}

#[derive(Clone, Debug)]
struct PostModel {
    account: usize,
    id: String,
    published: Stamp,
    format: PostFormat,
    text: Option<Option<String>>,
    url: Option<Option<String>>,
    tags: Option<Option<Vec<String>>>,
    counts: Vec<Count>,
}

#[derive(Clone, Debug)]
struct Model {
    title: Option<Option<String>>,
    exported_at: Option<Option<Stamp>>,
    utc_offset: Option<i32>,
    accounts: Vec<Account>,
    posts: Vec<PostModel>,
    /// (account, day, counts)
    daily: Vec<(usize, i32, Vec<Count>)>,
    /// (day, channel, counts)
    web: Vec<(i32, Channel, Vec<Count>)>,
    /// (from, to, channel, counts)
    web_totals: Vec<(i32, i32, Channel, Vec<Count>)>,
}

fn maybe<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<Option<T>>> {
    prop::option::of(prop::option::of(s))
}

fn model() -> impl Strategy<Value = Model> {
    let account = (
        select(Platform::ALL.to_vec()),
        prop::option::of(text()),
        prop::option::of(text()),
    );
    let accounts = prop::collection::vec((text(), account), 1..4);
    let post = (
        any::<Index>(),
        text(),
        stamp(),
        select(PostFormat::ALL.to_vec()),
        maybe(text()),
        maybe(text()),
        maybe(prop::collection::vec(text(), 0..4)),
        prop::collection::vec(count(), PostCount::ALL.len()),
    );
    let daily = prop::collection::vec(
        (
            any::<Index>(),
            prop::collection::vec(count(), DailyCount::ALL.len()),
        ),
        0..8,
    );
    let web = prop::collection::vec(
        (
            select(Channel::ALL.to_vec()),
            prop::collection::vec(count(), WebCount::ALL.len()),
        ),
        0..8,
    );
    let totals = prop::collection::vec(
        (
            0i32..400,
            select(Channel::ALL.to_vec()),
            prop::collection::vec(count(), WebCount::ALL.len()),
        ),
        0..3,
    );
    (
        (
            maybe(text()),
            maybe(stamp()),
            prop::option::of(-1439i32..=1439),
        ),
        accounts,
        prop::collection::vec(post, 0..12),
        daily,
        web,
        totals,
        -40_000i32..60_000,
    )
        .prop_map(
            |((title, exported_at, utc_offset), accounts, posts, daily, web, totals, base)| {
                // Account ids made unique by their position; post ids unique by theirs.
                let accounts: Vec<Account> = accounts
                    .into_iter()
                    .enumerate()
                    .map(|(i, (id, (platform, handle, name)))| Account {
                        id: format!("{id}#{i}"),
                        platform,
                        handle,
                        name,
                    })
                    .collect();
                let n = accounts.len();
                let posts = posts
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (account, id, published, format, text, url, tags, counts))| {
                            PostModel {
                                account: account.index(n),
                                id: format!("{id}{i}"),
                                published,
                                format,
                                text,
                                url,
                                tags,
                                counts,
                            }
                        },
                    )
                    .collect();
                // Days unique per account (daily) and per channel (web) by their position.
                let daily = daily
                    .into_iter()
                    .enumerate()
                    .map(|(i, (account, counts))| (account.index(n), base + i as i32, counts))
                    .collect();
                let web = web
                    .into_iter()
                    .enumerate()
                    .map(|(i, (channel, counts))| (base + i as i32, channel, counts))
                    .collect();
                let web_totals = totals
                    .into_iter()
                    .map(|(len, channel, counts)| (base, base + len, channel, counts))
                    .collect();
                Model {
                    title,
                    exported_at,
                    utc_offset,
                    accounts,
                    posts,
                    daily,
                    web,
                    web_totals,
                }
            },
        )
}

fn put<T>(
    map: &mut Map<String, Value>,
    key: &str,
    field: &Option<Option<T>>,
    to: impl Fn(&T) -> Value,
) {
    match field {
        None => {}
        Some(None) => {
            map.insert(key.to_owned(), Value::Null);
        }
        Some(Some(v)) => {
            map.insert(key.to_owned(), to(v));
        }
    }
}

fn put_counts(
    map: &mut Map<String, Value>,
    names: impl Iterator<Item = &'static str>,
    counts: &[Count],
) {
    for (name, c) in names.zip(counts) {
        put(map, name, c, |v| Value::from(*v));
    }
}

fn model_json(m: &Model) -> Value {
    let mut top = Map::new();
    top.insert("format".into(), Value::from("engage-snapshot"));
    top.insert("version".into(), Value::from(1));
    put(&mut top, "title", &m.title, |t| Value::from(t.as_str()));
    put(&mut top, "exported_at", &m.exported_at, |s| {
        Value::from(s.text.as_str())
    });
    if let Some(o) = m.utc_offset {
        top.insert(
            "utc_offset".into(),
            Value::from(engage::calendar::format_offset(o)),
        );
    }
    let accounts = m
        .accounts
        .iter()
        .map(|a| {
            let mut r = Map::new();
            r.insert("id".into(), Value::from(a.id.as_str()));
            r.insert("platform".into(), Value::from(a.platform.name()));
            if let Some(h) = &a.handle {
                r.insert("handle".into(), Value::from(h.as_str()));
            }
            if let Some(n) = &a.name {
                r.insert("name".into(), Value::from(n.as_str()));
            }
            Value::Object(r)
        })
        .collect();
    top.insert("accounts".into(), Value::Array(accounts));
    let posts = m
        .posts
        .iter()
        .map(|p| {
            let mut r = Map::new();
            r.insert("id".into(), Value::from(p.id.as_str()));
            r.insert(
                "account".into(),
                Value::from(m.accounts[p.account].id.as_str()),
            );
            r.insert(
                "published_at".into(),
                Value::from(p.published.text.as_str()),
            );
            r.insert("format".into(), Value::from(p.format.name()));
            put(&mut r, "text", &p.text, |t| Value::from(t.as_str()));
            put(&mut r, "url", &p.url, |t| Value::from(t.as_str()));
            put(&mut r, "tags", &p.tags, |t| Value::from(t.clone()));
            put_counts(&mut r, PostCount::ALL.iter().map(|c| c.name()), &p.counts);
            Value::Object(r)
        })
        .collect();
    top.insert("posts".into(), Value::Array(posts));
    let daily = m
        .daily
        .iter()
        .map(|(a, day, counts)| {
            let mut r = Map::new();
            r.insert("account".into(), Value::from(m.accounts[*a].id.as_str()));
            r.insert("date".into(), Value::from(day_text(*day)));
            put_counts(&mut r, DailyCount::ALL.iter().map(|c| c.name()), counts);
            Value::Object(r)
        })
        .collect();
    top.insert("daily".into(), Value::Array(daily));
    let web = m
        .web
        .iter()
        .map(|(day, channel, counts)| {
            let mut r = Map::new();
            r.insert("date".into(), Value::from(day_text(*day)));
            r.insert("channel".into(), Value::from(channel.name()));
            put_counts(&mut r, WebCount::ALL.iter().map(|c| c.name()), counts);
            Value::Object(r)
        })
        .collect();
    top.insert("web".into(), Value::Array(web));
    let totals = m
        .web_totals
        .iter()
        .map(|(from, to, channel, counts)| {
            let mut r = Map::new();
            r.insert("from".into(), Value::from(day_text(*from)));
            r.insert("to".into(), Value::from(day_text(*to)));
            r.insert("channel".into(), Value::from(channel.name()));
            put_counts(&mut r, WebCount::ALL.iter().map(|c| c.name()), counts);
            Value::Object(r)
        })
        .collect();
    top.insert("web_totals".into(), Value::Array(totals));
    Value::Object(top)
}

fn known(c: &Count) -> Option<u64> {
    c.flatten()
}

fn check_model(m: &Model, store: &Store) -> Result<(), TestCaseError> {
    prop_assert_eq!(&store.title, &m.title.clone().flatten());
    let exported = m
        .exported_at
        .clone()
        .flatten()
        .map(|s| (s.utc, s.offset_min));
    prop_assert_eq!(store.exported_at.map(|t| (t.utc, t.offset_min)), exported);
    prop_assert_eq!(store.utc_offset_min, m.utc_offset.unwrap_or(0));
    prop_assert_eq!(&store.accounts, &m.accounts);
    let p = &store.posts;
    prop_assert_eq!(p.len(), m.posts.len());
    for (row, want) in m.posts.iter().enumerate() {
        prop_assert_eq!(p.id.get(row), want.id.as_str());
        prop_assert_eq!(p.account[row] as usize, want.account);
        let t = p.published_at(row);
        prop_assert_eq!(
            (t.utc, t.offset_min),
            (want.published.utc, want.published.offset_min),
            "{}",
            want.published.text
        );
        prop_assert_eq!(
            p.day[row],
            engage::calendar::day_of(want.published.utc, m.utc_offset.unwrap_or(0))
        );
        prop_assert_eq!(p.format[row], want.format);
        prop_assert_eq!(
            p.text.get(row),
            want.text.clone().flatten().unwrap_or_default()
        );
        prop_assert_eq!(
            p.url.get(row),
            want.url.clone().flatten().unwrap_or_default()
        );
        let tags: Vec<&str> = p.tags(row).iter().map(|&t| store.tags.name(t)).collect();
        prop_assert_eq!(tags, want.tags.clone().flatten().unwrap_or_default());
        for (i, c) in PostCount::ALL.iter().enumerate() {
            prop_assert_eq!(p.count(*c, row), known(&want.counts[i]), "{}", c.name());
        }
    }
    let d = &store.daily;
    prop_assert_eq!(d.len(), m.daily.len());
    for (row, (a, day, counts)) in m.daily.iter().enumerate() {
        prop_assert_eq!((d.account[row] as usize, d.day[row]), (*a, *day));
        for (i, c) in DailyCount::ALL.iter().enumerate() {
            prop_assert_eq!(d.count(*c, row), known(&counts[i]));
        }
    }
    let w = &store.web;
    prop_assert_eq!(w.len(), m.web.len());
    for (row, (day, channel, counts)) in m.web.iter().enumerate() {
        prop_assert_eq!((w.day[row], w.channel[row]), (*day, *channel));
        for (i, c) in WebCount::ALL.iter().enumerate() {
            prop_assert_eq!(w.count(*c, row), known(&counts[i]));
        }
    }
    prop_assert_eq!(store.web_totals.len(), m.web_totals.len());
    for (t, (from, to, channel, counts)) in store.web_totals.iter().zip(&m.web_totals) {
        prop_assert_eq!((t.from, t.to, t.channel), (*from, *to, *channel));
        let want: Vec<Option<u64>> = counts.iter().map(known).collect();
        prop_assert_eq!(t.counts.to_vec(), want);
    }
    Ok(())
}

proptest! {
    #![proptest_config(proptest_config(64))]

    #[test]
    fn generated_valid_snapshots_load_exactly(m in model(), seed in 1u64.., trickle in 0usize..24) {
        let mut text = String::new();
        write_value(&mut text, &model_json(&m), &mut Choices(seed));
        prop_assert_eq!(
            schema_verdict(text.as_bytes()),
            Some(true),
            "the schema refuses: {}\n{}",
            schema_error(text.as_bytes()),
            text
        );
        let src = Trickle { bytes: text.as_bytes(), sizes: vec![if trickle == 0 { usize::MAX } else { trickle }], next: 0 };
        let parsed = parse_snapshot(src, "prop.json", LoadControl::default()).expect("not cancelled");
        check_invariants(text.as_bytes(), &parsed)?;
        let Some(store) = parsed.store else {
            return Err(TestCaseError::fail(format!("refused: {:#?}\n{text}", parsed.findings.errors)));
        };
        check_model(&m, &store)?;
    }
}
