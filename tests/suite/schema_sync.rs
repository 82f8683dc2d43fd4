//! Keeps the JSON Schema of snapshot format v1 (`assets/snapshot.schema.json`) and the loader in
//! step, using the fixtures in `tests/fixtures/`:
//!
//! * the schema is a valid draft 2020-12 schema, documents every property, and names exactly
//!   the vocabulary of `snapshot::model` (platforms, formats, channels, count fields);
//! * every valid fixture and the bundled demo pass both the schema and the loader;
//! * every invalid fixture marked `schema` in `EXPECTED.tsv` fails both (a file serde_json
//!   cannot parse counts as failing the schema: no validator can even read it);
//! * every invalid fixture marked `loader` fails the loader and passes the schema: these are
//!   what JSON Schema cannot express (duplicates, references, keys given twice, `to < from`).
//!
//! `date` and `date-time` formats are asserted (boon leaves them as annotations by default).

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use engage::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use engage::snapshot::schema::SCHEMA_JSON;
use engage::snapshot::{LoadControl, Parsed, parse_snapshot};
use serde_json::Value;

const SCHEMA_URL: &str = "https://engage.invalid/snapshot.schema.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

struct Validator {
    schemas: Schemas,
    index: SchemaIndex,
}

impl Validator {
    fn new() -> Validator {
        let doc: Value = serde_json::from_str(SCHEMA_JSON).expect("the schema is JSON");
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V2020_12);
        compiler.enable_format_assertions();
        compiler
            .add_resource(SCHEMA_URL, doc)
            .expect("add the schema");
        let mut schemas = Schemas::new();
        // Compiling validates the document against the draft 2020-12 metaschema.
        let index = compiler
            .compile(SCHEMA_URL, &mut schemas)
            .unwrap_or_else(|e| panic!("the schema does not compile: {e:#}"));
        Validator { schemas, index }
    }

    /// Ok if `bytes` parse as JSON and validate; Err with the reason otherwise. A leading UTF-8
    /// byte-order mark is skipped, as RFC 8259 lets a parser do (serde_json does not).
    fn check(&self, bytes: &[u8]) -> Result<(), String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not JSON for serde_json: {e}"))?;
        self.schemas
            .validate(&value, self.index)
            .map_err(|e| format!("{e:#}"))
    }
}

fn load(bytes: &[u8], name: &str) -> Parsed {
    parse_snapshot(bytes, name, LoadControl::default()).expect("nothing cancels this load")
}

fn errors_of(parsed: &Parsed) -> String {
    let mut text: Vec<String> = parsed
        .findings
        .errors
        .iter()
        .map(ToString::to_string)
        .collect();
    if parsed.findings.errors_omitted > 0 {
        text.push(format!("… and {} more", parsed.findings.errors_omitted));
    }
    text.join("\n  ")
}

/// One row of `tests/fixtures/invalid/EXPECTED.tsv` (the columns this test needs).
struct Expected {
    file: String,
    detect: String,
    json: String,
}

fn expected_rows() -> Vec<Expected> {
    let path = root().join("tests/fixtures/invalid/EXPECTED.tsv");
    let text = std::fs::read_to_string(&path).expect("EXPECTED.tsv");
    let mut rows = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.starts_with("file\t") || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 7, "EXPECTED.tsv: 7 columns in {line:?}");
        rows.push(Expected {
            file: cols[0].to_owned(),
            detect: cols[5].to_owned(),
            json: cols[6].to_owned(),
        });
    }
    rows
}

#[test]
fn schema_constant_is_the_asset() {
    let asset = std::fs::read_to_string(root().join("assets/snapshot.schema.json"))
        .expect("assets/snapshot.schema.json");
    assert_eq!(SCHEMA_JSON, asset);
}

#[test]
fn schema_is_valid_draft_2020_12() {
    let doc: Value = serde_json::from_str(SCHEMA_JSON).expect("the schema is JSON");
    assert_eq!(
        doc["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "the schema declares draft 2020-12"
    );
    // Validate against the metaschema explicitly, not only through compilation.
    let mut compiler = Compiler::new();
    let mut schemas = Schemas::new();
    let meta = compiler
        .compile("https://json-schema.org/draft/2020-12/schema", &mut schemas)
        .expect("boon ships the 2020-12 metaschema");
    if let Err(e) = schemas.validate(&doc, meta) {
        panic!("the schema is not valid draft 2020-12: {e:#}");
    }
    Validator::new();
}

/// Every property (at the top, in each record kind, in the shared definitions) has a title and
/// a description: `engage schema` prints them for users.
#[test]
fn schema_documents_every_property() {
    fn walk(at: &str, v: &Value, missing: &mut Vec<String>, seen: &mut usize) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    for (key, prop) in props {
                        *seen += 1;
                        for word in ["title", "description"] {
                            let ok = prop
                                .get(word)
                                .and_then(Value::as_str)
                                .is_some_and(|s| !s.trim().is_empty());
                            if !ok {
                                missing.push(format!("{at}/properties/{key}: no {word}"));
                            }
                        }
                    }
                }
                if let Some(Value::Object(defs)) = map.get("$defs") {
                    for (key, def) in defs {
                        for word in ["title", "description"] {
                            if def.get(word).and_then(Value::as_str).is_none() {
                                missing.push(format!("{at}/$defs/{key}: no {word}"));
                            }
                        }
                    }
                }
                for (key, child) in map {
                    walk(&format!("{at}/{key}"), child, missing, seen);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(&format!("{at}/{i}"), child, missing, seen);
                }
            }
            _ => {}
        }
    }
    let doc: Value = serde_json::from_str(SCHEMA_JSON).expect("the schema is JSON");
    let mut missing = Vec::new();
    let mut seen = 0;
    walk("#", &doc, &mut missing, &mut seen);
    assert!(missing.is_empty(), "undocumented:\n{}", missing.join("\n"));
    assert!(
        seen > 50,
        "only {seen} properties found: did the layout change?"
    );
    for word in ["title", "description"] {
        assert!(doc[word].is_string(), "the schema itself has a {word}");
    }
}

/// The schema names exactly the vocabulary the loader reads: the same enums, the same count
/// fields (each a `count`), the same required fields.
#[test]
fn schema_matches_the_model() {
    let doc: Value = serde_json::from_str(SCHEMA_JSON).expect("the schema is JSON");
    let defs = &doc["$defs"];
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap_or_else(|| panic!("an array: {v}"))
            .iter()
            .map(|s| s.as_str().expect("a string").to_owned())
            .collect()
    };
    let model = |all: Vec<&str>| -> Vec<String> { all.into_iter().map(str::to_owned).collect() };
    assert_eq!(
        names(&defs["platform"]["enum"]),
        model(Platform::ALL.iter().map(|p| p.name()).collect())
    );
    assert_eq!(
        names(&defs["post_format"]["enum"]),
        model(PostFormat::ALL.iter().map(|p| p.name()).collect())
    );
    assert_eq!(
        names(&defs["channel"]["enum"]),
        model(Channel::ALL.iter().map(|p| p.name()).collect())
    );

    let count_props = |def: &Value| -> BTreeSet<String> {
        def["properties"]
            .as_object()
            .expect("properties")
            .iter()
            .filter(|(_, p)| p["$ref"] == "#/$defs/count")
            .map(|(k, _)| k.clone())
            .collect()
    };
    let set =
        |names: Vec<&str>| -> BTreeSet<String> { names.into_iter().map(str::to_owned).collect() };
    assert_eq!(
        count_props(&defs["post"]),
        set(PostCount::ALL.iter().map(|c| c.name()).collect())
    );
    assert_eq!(
        count_props(&defs["daily"]),
        set(DailyCount::ALL.iter().map(|c| c.name()).collect())
    );
    assert_eq!(
        count_props(&defs["web_counts"]),
        set(WebCount::ALL.iter().map(|c| c.name()).collect())
    );
    for record in ["web", "web_total"] {
        assert_eq!(
            defs[record]["$ref"], "#/$defs/web_counts",
            "{record} has the web counts"
        );
        assert_eq!(
            defs[record]["properties"]["source"]["$ref"], "#/$defs/web_source",
            "{record} has the optional source"
        );
    }

    let required = |v: &Value| -> BTreeSet<String> { names(&v["required"]).into_iter().collect() };
    assert_eq!(required(&doc), set(vec!["format", "version"]));
    assert_eq!(required(&defs["account"]), set(vec!["id", "platform"]));
    assert_eq!(
        required(&defs["post"]),
        set(vec!["id", "account", "published_at", "format"])
    );
    assert_eq!(required(&defs["daily"]), set(vec!["account", "date"]));
    assert_eq!(required(&defs["web"]), set(vec!["date", "channel"]));
    assert_eq!(
        required(&defs["web_total"]),
        set(vec!["from", "to", "channel"])
    );

    // Unknown fields are warnings, never errors: nothing may close an object.
    assert!(
        !SCHEMA_JSON.contains("additionalProperties"),
        "unknown fields must stay allowed"
    );
    assert!(
        !SCHEMA_JSON.contains("unevaluatedProperties"),
        "unknown fields must stay allowed"
    );
    assert_eq!(defs["count"]["maximum"], 9_007_199_254_740_992_u64);
}

#[test]
fn valid_fixtures_pass_schema_and_loader() {
    let v = Validator::new();
    let mut failures = Vec::new();
    let files = fixtures("valid");
    assert!(files.len() >= 12, "valid fixtures are missing: {files:?}");
    for path in &files {
        let bytes = std::fs::read(path).expect("read fixture");
        let name = name(path);
        if let Err(e) = v.check(&bytes) {
            failures.push(format!("{name}: the schema refuses it: {e}"));
        }
        let parsed = load(&bytes, &name);
        if parsed.store.is_none() || !parsed.findings.is_valid() {
            failures.push(format!(
                "{name}: the loader refuses it:\n  {}",
                errors_of(&parsed)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The demo file is replaced by a generated one; whatever is there must pass both.
#[test]
fn demo_passes_schema_and_loader() {
    let path = root().join("assets/demo/kabar-kini.json");
    let bytes = std::fs::read(&path).expect("the demo snapshot");
    if let Err(e) = Validator::new().check(&bytes) {
        panic!("the schema refuses the demo: {e}");
    }
    let parsed = load(&bytes, "kabar-kini.json");
    assert!(
        parsed.store.is_some() && parsed.findings.is_valid(),
        "the loader refuses the demo:\n  {}",
        errors_of(&parsed)
    );
}

#[test]
fn invalid_fixtures_fail_as_expected() {
    let v = Validator::new();
    let rows = expected_rows();
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    let on_disk: BTreeSet<String> = fixtures("invalid").iter().map(|p| name(p)).collect();
    let on_disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    assert_eq!(
        listed, on_disk,
        "EXPECTED.tsv and tests/fixtures/invalid/ list different files"
    );

    let mut failures = Vec::new();
    let (mut by_schema, mut by_loader_only) = (0, 0);
    for row in &rows {
        let path = root().join("tests/fixtures/invalid").join(&row.file);
        let bytes = std::fs::read(&path).expect("read fixture");
        let parsed = load(&bytes, &row.file);
        if parsed.store.is_some() || parsed.findings.is_valid() {
            failures.push(format!("{}: the loader accepts it", row.file));
        }
        let stripped = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let is_json = serde_json::from_slice::<Value>(stripped).is_ok();
        match (row.json.as_str(), is_json) {
            ("valid", false) => failures.push(format!(
                "{}: marked json=valid but serde_json cannot parse it",
                row.file
            )),
            ("invalid", true) => failures.push(format!(
                "{}: marked json=invalid but serde_json parses it",
                row.file
            )),
            ("valid" | "invalid", _) => {}
            (other, _) => failures.push(format!(
                "{}: json column must be valid or invalid, not {other:?}",
                row.file
            )),
        }
        let schema = v.check(&bytes);
        match row.detect.as_str() {
            "schema" => {
                by_schema += 1;
                if schema.is_ok() {
                    failures.push(format!(
                        "{}: marked `schema` but the schema accepts it",
                        row.file
                    ));
                }
            }
            "loader" => {
                by_loader_only += 1;
                if let Err(e) = schema {
                    failures.push(format!(
                        "{}: marked `loader` (beyond JSON Schema) but the schema refuses it: {e}",
                        row.file
                    ));
                }
            }
            other => failures.push(format!(
                "{}: detect must be schema or loader, not {other:?}",
                row.file
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        by_schema > 50 && by_loader_only >= 10,
        "{by_schema} schema, {by_loader_only} loader"
    );
}
