//! Any other CSV, read through a mapping file (TOML) that says what the file is: its
//! separator, decimal comma, encoding and missing markers; which column holds which snapshot
//! field; how dates are written (or built from several columns); the account; formats and
//! tags. `assets/mappings/example.toml` documents every key.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::builder::{Builder, FileReport};
use super::columns::{Columns, PostText, read_count};
use super::decode::{Encoding, decode, decode_as};
use super::table::{Row, Table, norm};
use super::values::{DateOrder, from_chrono, is_missing, local_at, timestamp};
use super::{Context, Family, Imported, done, refused};
use crate::calendar::Timestamp;
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use crate::snapshot::store::Store;

/// What kind of records a mapped file holds.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Posts,
    Daily,
    Web,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    pub kind: Option<Kind>,
    /// One character, or `tab`.
    pub separator: Option<String>,
    #[serde(default)]
    pub decimal_comma: bool,
    /// `auto` (default), `utf-8` or `windows-1252`.
    pub encoding: Option<String>,
    /// Cells meaning "not known", besides the usual `-`, `NA`, empty.
    #[serde(default)]
    pub missing: Vec<String>,
    /// Lines before the header (titles, notes).
    #[serde(default)]
    pub skip_lines: usize,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AccountSpec {
    pub id: Option<String>,
    /// The column holding the account id, when one file holds several accounts.
    pub column: Option<String>,
    pub platform: Option<String>,
    pub handle: Option<String>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DateSpec {
    /// The column(s) of the date (and time): several are joined with a space.
    #[serde(default)]
    pub columns: Vec<String>,
    /// A chrono format (`%d.%m.%Y %H:%M`); without it the usual formats are tried.
    pub format: Option<String>,
    /// `day-first` or `month-first` for numeric dates like 03/04/2025 (default month-first).
    pub order: Option<String>,
    /// The offset of times written without one (`+01:00`).
    pub utc_offset: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TagSpec {
    #[serde(default = "comma")]
    pub separator: String,
}

impl Default for TagSpec {
    fn default() -> Self {
        TagSpec { separator: comma() }
    }
}

fn comma() -> String {
    ",".into()
}

/// The column(s) of a `[columns]` field: one name, or, for `tags`, a list (`["Rating",
/// "Category"]`: each column's cell gives tags).
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnNames(pub Vec<String>);

impl ColumnNames {
    /// The first column named (the only one, but for tags).
    pub fn first(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }
}

impl<'de> Deserialize<'de> for ColumnNames {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> serde::de::Visitor<'de> for Names {
            type Value = ColumnNames;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a column name, or a list of column names (tags only)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ColumnNames, E> {
                Ok(ColumnNames(vec![v.to_owned()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ColumnNames, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(ColumnNames(names))
            }
        }
        d.deserialize_any(Names)
    }
}

/// A mapping file as written.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub file: FileSpec,
    #[serde(default)]
    pub account: AccountSpec,
    /// Snapshot field -> column name (for `tags`, one or several).
    #[serde(default)]
    pub columns: BTreeMap<String, ColumnNames>,
    #[serde(default)]
    pub date: DateSpec,
    /// Values of the `format` column -> snapshot formats.
    #[serde(default)]
    pub formats: BTreeMap<String, String>,
    /// Values of the `channel` column -> snapshot channels.
    #[serde(default)]
    pub channels: BTreeMap<String, String>,
    #[serde(default)]
    pub tags: TagSpec,
    /// Where the mapping came from (for reports).
    #[serde(skip)]
    pub path: String,
}

const TEXT_FIELDS: &[&str] = &["id", "text", "url", "format", "tags"];

impl Mapping {
    /// Reads and checks a mapping file; the error names the file, the line and what is wrong.
    pub fn load(path: &Path) -> Result<Mapping, String> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{name}: cannot read the mapping: {e}"))?;
        Mapping::parse(&text, &name)
    }

    pub fn parse(text: &str, name: &str) -> Result<Mapping, String> {
        let mut m: Mapping = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(String::new(), |s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                format!(":{line}")
            });
            format!("{name}{at}: {}", e.message())
        })?;
        m.path = name.to_owned();
        m.check().map_err(|e| format!("{name}: {e}"))?;
        Ok(m)
    }

    pub fn kind(&self) -> Kind {
        self.file.kind.unwrap_or(Kind::Posts)
    }

    /// The fields `[columns]` may name for this kind.
    fn fields(&self) -> Vec<&'static str> {
        match self.kind() {
            Kind::Posts => TEXT_FIELDS
                .iter()
                .copied()
                .chain(PostCount::ALL.iter().map(|f| f.name()))
                .collect(),
            Kind::Daily => DailyCount::ALL.iter().map(|f| f.name()).collect(),
            Kind::Web => std::iter::once("channel")
                .chain(WebCount::ALL.iter().map(|f| f.name()))
                .collect(),
        }
    }

    fn check(&self) -> Result<(), String> {
        let fields = self.fields();
        for (key, names) in &self.columns {
            if !fields.contains(&key.as_str()) {
                return Err(format!(
                    "[columns] {key}: not a field of {:?} files; expected one of {}",
                    self.kind(),
                    fields.join(", ")
                ));
            }
            match names.0.len() {
                0 => return Err(format!("[columns] {key}: name at least one column")),
                1 => {}
                _ if key == "tags" => {}
                _ => {
                    return Err(format!(
                        "[columns] {key}: one column (only tags takes a list of columns)"
                    ));
                }
            }
        }
        if self.kind() == Kind::Posts && !self.columns.contains_key("id") {
            return Err("[columns] id: posts need the column of the post id".into());
        }
        if self.date.columns.is_empty() {
            return Err("[date] columns: name the column(s) of the date".into());
        }
        if self.separator().is_none() {
            return Err(format!(
                "[file] separator: {:?} is not one character (or \"tab\")",
                self.file.separator.as_deref().unwrap_or("")
            ));
        }
        if let Some(e) = &self.file.encoding
            && !matches!(
                norm(e).as_str(),
                "auto" | "utf8" | "windows1252" | "cp1252" | "latin1"
            )
        {
            return Err(format!(
                "[file] encoding: {e:?}; expected auto, utf-8 or windows-1252"
            ));
        }
        if let Some(p) = &self.account.platform
            && Platform::parse(p).is_none()
        {
            return Err(format!(
                "[account] platform: {p:?}; expected {}",
                Platform::expected()
            ));
        }
        if let Some(o) = &self.date.utc_offset
            && crate::calendar::parse_offset(o).is_none()
        {
            return Err(format!("[date] utc_offset: {o:?} is not ±HH:MM"));
        }
        if let Some(o) = &self.date.order
            && !matches!(o.as_str(), "day-first" | "month-first")
        {
            return Err(format!(
                "[date] order: {o:?}; expected day-first or month-first"
            ));
        }
        for (value, format) in &self.formats {
            if PostFormat::parse(format).is_none() {
                return Err(format!(
                    "[formats] {value:?} = {format:?}: expected {}",
                    PostFormat::expected()
                ));
            }
        }
        for (value, channel) in &self.channels {
            if Channel::parse(channel).is_none() {
                return Err(format!(
                    "[channels] {value:?} = {channel:?}: expected {}",
                    Channel::expected()
                ));
            }
        }
        Ok(())
    }

    fn separator(&self) -> Option<u8> {
        match self.file.separator.as_deref() {
            None => Some(b','),
            Some("tab" | "\t") => Some(b'\t'),
            Some(s) if s.len() == 1 => Some(s.as_bytes()[0]),
            Some(_) => None,
        }
    }

    fn order(&self) -> DateOrder {
        if self.date.order.as_deref() == Some("day-first") {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        }
    }
}

/// Reads a count with the mapping's decimal comma and missing markers.
fn mapped_count(m: &Mapping, b: &mut Builder, at: u64, column: &str, cell: &str) -> Option<u64> {
    if m.file.missing.iter().any(|x| x.trim() == cell) {
        return None;
    }
    if !m.file.decimal_comma {
        return read_count(b, at, column, cell);
    }
    // 1.234,0 -> 1234.0: dots and spaces group thousands, the comma is the decimal point.
    let plain: String = cell
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    read_count(b, at, column, &plain)
}

/// The date (and time) cell of a row: its date columns joined by spaces.
fn when(row: &Row, columns: &[Option<usize>]) -> String {
    let parts: Vec<&str> = columns.iter().map(|&c| row.cell(c)).collect();
    parts.join(" ").trim().to_owned()
}

fn parse_when(m: &Mapping, s: &str, offset: i32) -> Option<Timestamp> {
    any_when(m, s, offset).filter(|&t| super::values::writable(t))
}

fn any_when(m: &Mapping, s: &str, offset: i32) -> Option<Timestamp> {
    let Some(f) = &m.date.format else {
        return timestamp(s, m.order(), offset);
    };
    if let Ok(dt) = chrono::DateTime::parse_from_str(s, f) {
        return Some(from_chrono(dt));
    }
    let naive = chrono::NaiveDateTime::parse_from_str(s, f)
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, f)
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })?;
    Some(local_at(naive, offset))
}

/// Imports `bytes` through the mapping.
pub fn import(
    bytes: &[u8],
    name: &str,
    m: &Mapping,
    options: &super::Options,
    control: Option<&crate::snapshot::LoadControl>,
    folder: Option<&str>,
) -> Imported {
    let (text, encoding) = match m.file.encoding.as_deref().map(norm).as_deref() {
        Some("windows1252" | "cp1252" | "latin1") => (decode_as(bytes), Encoding::Windows1252),
        _ => decode(bytes),
    };
    let skip: usize = text
        .split_inclusive('\n')
        .take(m.file.skip_lines)
        .map(str::len)
        .sum();
    let text: Arc<str> = Arc::from(text);
    let separator = m.separator().unwrap_or(b',');
    let table = match Table::in_text_with(Arc::clone(&text), skip..text.len(), separator) {
        Ok(t) => t,
        Err(e) => return refused(name, Some(encoding), format!("not a readable CSV: {e}")),
    };
    let file_name = super::file_name_of(name);
    let ctx = Context {
        file: name,
        file_name: &file_name,
        encoding,
        options,
        name_range: super::values::range_in_name(&file_name),
        control,
        folder,
    };
    let missing: Vec<String> = m
        .columns
        .values()
        .flat_map(|names| &names.0)
        .chain(&m.date.columns)
        .chain(m.account.column.iter())
        .filter(|c| table.column(&[c.as_str()]).is_none())
        .cloned()
        .collect();
    if !missing.is_empty() {
        return refused(
            name,
            Some(encoding),
            format!(
                "the mapping {} names columns the file does not have: {} (its columns: {})",
                m.path,
                missing.join(", "),
                table.header.join(", ")
            ),
        );
    }
    let (store, mut report) = read(&table, m, &ctx);
    report.resolve_lines(|at| table.lines_of(at));
    done(store, report, options)
}

/// The mapped file's account when it has no account column: the flags, then the mapping's
/// `[account]` (its `id` as is), then a slug of its handle or name, then of the file's
/// folder's name, then the platform's name.
fn fixed_account(b: &mut Builder, m: &Mapping, ctx: &Context, platform: Platform) -> u32 {
    let a = &m.account;
    match (&ctx.options.account, &a.id) {
        (None, Some(id)) => {
            let handle = ctx.options.handle.as_deref().or(a.handle.as_deref());
            let platform = ctx.options.platform.unwrap_or(platform);
            b.account(id, platform, handle, a.name.as_deref())
        }
        _ => ctx.account(b, platform, a.handle.clone(), a.name.as_deref()),
    }
}

fn read(t: &Table, m: &Mapping, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::Mapping);
    b.note(format!("read through the mapping {}", m.path));
    // Every column is looked up once, here, not per row.
    let col = |field: &str| m.columns.get(field).and_then(|c| t.column(&[c.first()]));
    let post = PostText {
        id: col("id"),
        text: col("text"),
        url: col("url"),
    };
    let (format_col, channel_col) = (col("format"), col("channel"));
    let tag_cols: Vec<Option<usize>> = m.columns.get("tags").map_or(Vec::new(), |names| {
        names.0.iter().map(|c| t.column(&[c.as_str()])).collect()
    });
    let date_cols: Vec<Option<usize>> = m
        .date
        .columns
        .iter()
        .map(|c| t.column(&[c.as_str()]))
        .collect();
    let offset = ctx
        .options
        .utc_offset_min
        .or_else(|| {
            m.date
                .utc_offset
                .as_deref()
                .and_then(crate::calendar::parse_offset)
        })
        .unwrap_or(0);
    let platform = m
        .account
        .platform
        .as_deref()
        .and_then(Platform::parse)
        .unwrap_or(Platform::Other);
    let account_col = m.account.column.as_deref().and_then(|c| t.column(&[c]));
    let fixed = account_col
        .is_none()
        .then(|| fixed_account(&mut b, m, ctx, platform));
    let formats: BTreeMap<String, PostFormat> = m
        .formats
        .iter()
        .filter_map(|(k, v)| Some((norm(k), PostFormat::parse(v)?)))
        .collect();
    let channels: BTreeMap<String, Channel> = m
        .channels
        .iter()
        .filter_map(|(k, v)| Some((norm(k), Channel::parse(v)?)))
        .collect();
    let post_counts = Columns::<PostCount>::by_name(t, col);
    let daily_counts = Columns::<DailyCount>::by_name(t, col);
    let web_counts = Columns::<WebCount>::by_name(t, col);
    let reader =
        |b: &mut Builder, at: u64, label: &str, cell: &str| mapped_count(m, b, at, label, cell);
    let kind = m.kind();
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        let account = match (fixed, account_col) {
            (Some(a), _) => a,
            (None, c) if !r.cell(c).is_empty() => {
                // The column's text is the account's name; its slug the id (unless --account
                // puts every row on one account, whose name no row's text is).
                let written = r.cell(c);
                let id = ctx.options.account_id(written);
                let name = ctx.options.account.is_none().then_some(written);
                b.account(&id, ctx.options.platform.unwrap_or(platform), None, name)
            }
            (None, _) => {
                b.report.skip(r.at, "no account in the account column");
                continue;
            }
        };
        let written = when(&r, &date_cols);
        let Some(at_time) = parse_when(m, &written, offset) else {
            b.report.skip(
                r.at,
                if written.is_empty() {
                    "no date"
                } else {
                    "the date does not read with the mapping's format"
                },
            );
            continue;
        };
        match kind {
            Kind::Posts => {
                let kind_cell = r.cell(format_col);
                let format = (!kind_cell.is_empty()).then(|| {
                    formats
                        .get(&norm(kind_cell))
                        .copied()
                        .or_else(|| PostFormat::parse(&kind_cell.to_lowercase()))
                        .unwrap_or(PostFormat::Other)
                });
                let values = post_counts.read_with(&mut b, &r, reader);
                let mut row = post.post(&r, at_time, format, values);
                for &c in &tag_cols {
                    for tag in r.cell(c).split(m.tags.separator.as_str()).map(str::trim) {
                        if !tag.is_empty() && !is_missing(tag) && !row.tags.contains(&tag) {
                            row.tags.push(tag);
                        }
                    }
                }
                b.post(r.at, account, row, PostFormat::Other);
            }
            Kind::Daily => {
                let values = daily_counts.read_with(&mut b, &r, reader);
                b.daily(r.at, account, at_time.day_at(offset), values);
            }
            Kind::Web => {
                let values = web_counts.read_with(&mut b, &r, reader);
                let channel = channel_col.map_or(Channel::All, |c| {
                    let v = r.cell(Some(c));
                    channels
                        .get(&norm(v))
                        .copied()
                        .or_else(|| Channel::parse(&v.to_lowercase().replace(' ', "_")))
                        .unwrap_or_else(|| super::ga4::channel(v))
                });
                b.web(r.at, at_time.day_at(offset), channel, values);
            }
        }
    }
    b.end_rows(&rows);
    match kind {
        Kind::Posts => {
            b.fields(&[
                ("posts.id", post.id.is_some()),
                ("posts.text", post.text.is_some()),
                ("posts.url", post.url.is_some()),
                ("posts.format", format_col.is_some()),
                ("posts.tags", !tag_cols.is_empty()),
            ]);
            post_counts.report(&mut b);
        }
        Kind::Daily => daily_counts.report(&mut b),
        Kind::Web => web_counts.report(&mut b),
    }
    b.finish(None, ctx.exported_at(), offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"
[file]
kind = "posts"
separator = ";"
decimal_comma = true
missing = ["k.A."]

[account]
id = "acme"
platform = "instagram"
handle = "@acme"

[columns]
id = "Beitrags-ID"
text = "Text"
format = "Typ"
likes = "Gefällt mir"
reach = "Reichweite"
tags = "Kampagne"

[date]
columns = ["Datum", "Uhrzeit"]
format = "%d.%m.%Y %H:%M"
utc_offset = "+01:00"

[formats]
Bild = "photo"
"#;

    #[test]
    fn a_german_export_with_a_mapping() {
        let m = Mapping::parse(MAP, "map.toml").unwrap();
        let csv = "Beitrags-ID;Datum;Uhrzeit;Text;Typ;Gefällt mir;Reichweite;Kampagne\n\
                   1;31.01.2026;18:30;\"Hallo; Welt\";Bild;1.234;2,0;Winter, Sale\n\
                   2;01.02.2026;09:00;Zwei;Video;k.A.;12,5;\n\
                   3;kein Datum;;Drei;Bild;1;1;\n";
        let imported = import(
            csv.as_bytes(),
            "export.csv",
            &m,
            &super::super::Options::default(),
            None,
            None,
        );
        let r = &imported.report;
        assert_eq!(r.family_id, Some("mapping"));
        assert_eq!((r.rows_read, r.rows_imported, r.rows_skipped()), (3, 2, 1));
        assert_eq!(
            r.bad_cells.len(),
            1,
            "12,5 is not a count: {:?}",
            r.bad_cells
        );
        let store = imported.store.unwrap();
        let p = &store.posts;
        assert_eq!(p.count(PostCount::Likes, 0), Some(1234));
        assert_eq!(p.count(PostCount::Reach, 0), Some(2));
        assert_eq!(p.count(PostCount::Likes, 1), None, "k.A. is missing");
        assert_eq!(p.format[0], PostFormat::Photo);
        assert_eq!(p.format[1], PostFormat::Video);
        assert_eq!(p.text.get(0), "Hallo; Welt");
        assert_eq!(
            crate::calendar::Timestamp {
                utc: p.published[0],
                offset_min: p.offset_min[0]
            }
            .to_string(),
            "2026-01-31T18:30:00+01:00"
        );
        assert_eq!(store.tags.len(), 2);
        assert_eq!(store.accounts[0].id, "acme");
        assert_eq!(store.accounts[0].platform, Platform::Instagram);
    }

    #[test]
    fn mistakes_in_a_mapping_are_named() {
        let e = Mapping::parse("[file]\nseparater = \";\"\n", "m.toml").unwrap_err();
        assert!(e.starts_with("m.toml:2: unknown field `separater`"), "{e}");
        let e = Mapping::parse(
            "[columns]\nid = \"a\"\nlikez = \"b\"\n[date]\ncolumns = [\"d\"]\n",
            "m.toml",
        )
        .unwrap_err();
        assert!(e.contains("likez: not a field"), "{e}");
        let e = Mapping::parse("[columns]\nid = \"a\"\n", "m.toml").unwrap_err();
        assert!(e.contains("[date] columns"), "{e}");
        let e = Mapping::parse(
            "[account]\nplatform = \"myspace\"\n[columns]\nid = \"a\"\n[date]\ncolumns = [\"d\"]\n",
            "m.toml",
        )
        .unwrap_err();
        assert!(e.contains("myspace"), "{e}");
    }

    #[test]
    fn a_column_the_file_lacks_refuses_the_file() {
        let m = Mapping::parse(
            "[columns]\nid = \"ID\"\nlikes = \"Likes\"\n[date]\ncolumns = [\"Date\"]\n",
            "m.toml",
        )
        .unwrap();
        let imported = import(
            b"ID,Date\n1,2026-01-01\n",
            "x.csv",
            &m,
            &super::super::Options::default(),
            None,
            None,
        );
        assert!(imported.store.is_none());
        let problem = imported.report.problem.unwrap();
        assert!(problem.contains("Likes"), "{problem}");
    }

    fn run(map: &str, bytes: &[u8]) -> Imported {
        let m = Mapping::parse(map, "m.toml").unwrap();
        import(
            bytes,
            "x.csv",
            &m,
            &super::super::Options::default(),
            None,
            None,
        )
    }

    #[test]
    fn the_account_id_is_used_as_written() {
        let imported = run(
            "[account]\nid = \"acme-de\"\nname = \"ACME Deutschland\"\n[columns]\nid = \"ID\"\n[date]\ncolumns = [\"Date\"]\n",
            b"ID,Date\n1,2026-01-01\n",
        );
        let store = imported.store.unwrap();
        assert_eq!(store.accounts.len(), 1);
        assert_eq!(store.accounts[0].id, "acme-de");
        assert_eq!(store.accounts[0].name.as_deref(), Some("ACME Deutschland"));
        assert_eq!(store.accounts[0].handle, None);
    }

    #[test]
    fn an_account_column_names_each_rows_account() {
        let imported = run(
            "[account]\ncolumn = \"Account\"\nplatform = \"tiktok\"\n[columns]\nid = \"ID\"\nlikes = \"Likes\"\n[date]\ncolumns = [\"Date\"]\n",
            b"ID,Account,Date,Likes\n1,Shop DE,2026-01-01,3\n2,Shop AT,2026-01-02,4\n3,,2026-01-03,5\n4,Shop DE,,6\n5,Shop DE,someday,7\n",
        );
        let r = &imported.report;
        assert_eq!((r.rows_read, r.rows_imported), (5, 2));
        assert_eq!(r.skipped["no account in the account column"].count, 1);
        assert_eq!(r.skipped["no date"].count, 1);
        assert_eq!(
            r.skipped["the date does not read with the mapping's format"].first_line,
            6
        );
        assert_eq!(r.account.as_deref(), Some("shop-de"));
        let store = imported.store.unwrap();
        let ids: Vec<&str> = store.accounts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["shop-de", "shop-at"], "no account without rows");
        let names: Vec<Option<&str>> = store.accounts.iter().map(|a| a.name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("Shop DE"), Some("Shop AT")],
            "the column's text"
        );
        assert!(
            store
                .accounts
                .iter()
                .all(|a| a.platform == Platform::Tiktok)
        );
        assert_eq!(store.posts.count(PostCount::Likes, 1), Some(4));
    }

    /// Tags from several columns, each split by the separator, each tag once; one string
    /// still names one column; a list is for tags only.
    #[test]
    fn tags_from_several_columns() {
        let imported = run(
            "[columns]\nid = \"ID\"\ntags = [\"Rating\", \"Category\"]\n[date]\ncolumns = [\"Date\"]\n",
            b"ID,Date,Rating,Category\n1,2026-01-01,5 stars,\"news, local\"\n2,2026-01-02,,local\n3,2026-01-03,NA,\n",
        );
        let store = imported.store.unwrap();
        let tags = |row: usize| -> Vec<&str> {
            store
                .posts
                .tags(row)
                .iter()
                .map(|&t| store.tags.name(t))
                .collect()
        };
        assert_eq!(tags(0), ["5 stars", "news", "local"]);
        assert_eq!(tags(1), ["local"]);
        assert!(tags(2).is_empty(), "NA and empty are no tags");
        assert!(
            imported
                .report
                .fields_found
                .contains(&"posts.tags".to_owned())
        );
        let one = run(
            "[columns]\nid = \"ID\"\ntags = \"Category\"\n[date]\ncolumns = [\"Date\"]\n",
            b"ID,Date,Category\n1,2026-01-01,\"a,b\"\n",
        );
        assert_eq!(one.store.unwrap().tags.len(), 2);
        let e = Mapping::parse(
            "[columns]\nid = \"ID\"\nlikes = [\"A\", \"B\"]\n[date]\ncolumns = [\"Date\"]\n",
            "m.toml",
        )
        .unwrap_err();
        assert_eq!(
            e,
            "m.toml: [columns] likes: one column (only tags takes a list of columns)"
        );
        let e = Mapping::parse(
            "[columns]\nid = 3\n[date]\ncolumns = [\"Date\"]\n",
            "m.toml",
        )
        .unwrap_err();
        assert!(
            e.contains("a column name, or a list of column names"),
            "{e}"
        );
        // A tag column the file lacks refuses the file, naming it.
        let missing = run(
            "[columns]\nid = \"ID\"\ntags = [\"Rating\", \"Topic\"]\n[date]\ncolumns = [\"Date\"]\n",
            b"ID,Date,Rating\n1,2026-01-01,x\n",
        );
        assert!(missing.report.problem.unwrap().contains("Topic"));
    }

    #[test]
    fn daily_rows_tab_separated_day_first_in_windows_1252() {
        // "Réf" in Windows-1252, two title lines, tabs, day-first dates.
        let mut bytes = b"Export\nR\xe9f\n".to_vec();
        bytes.extend(b"Tag\tFollower\tNeu\n03/04/2026\t1.200\t7\n04/04/2026\t1.210\t-\n");
        let imported = run(
            "[file]\nkind = \"daily\"\nseparator = \"tab\"\nencoding = \"windows-1252\"\nskip_lines = 2\ndecimal_comma = true\n[account]\nid = \"shop\"\n[columns]\nfollowers = \"Follower\"\nfollows = \"Neu\"\n[date]\ncolumns = [\"Tag\"]\norder = \"day-first\"\n",
            &bytes,
        );
        let r = &imported.report;
        assert_eq!(r.encoding, Some("Windows-1252"));
        assert_eq!((r.rows_read, r.rows_imported), (2, 2));
        assert!(r.fields_found.contains(&"daily.followers".to_owned()));
        assert!(r.fields_missing.contains(&"daily.reach".to_owned()));
        let d = &imported.store.unwrap().daily;
        assert_eq!(crate::calendar::format_date(d.day[0]), "2026-04-03");
        assert_eq!(d.count(DailyCount::Followers, 0), Some(1200));
        assert_eq!(d.count(DailyCount::Follows, 1), None);
    }

    #[test]
    fn web_rows_with_channel_names_mapped() {
        let imported = run(
            "[file]\nkind = \"web\"\n[columns]\nchannel = \"Source\"\nsessions = \"Visits\"\n[channels]\n\"Newsletter\" = \"email\"\n[date]\ncolumns = [\"Day\"]\n",
            b"Day,Source,Visits\n2026-01-01,Newsletter,5\n2026-01-01,Organic Search,7\n2026-01-01,Something new,1\n2026-01-02,all,9\n",
        );
        let w = &imported.store.unwrap().web;
        let channels: Vec<Channel> = w.channel.clone();
        assert_eq!(
            channels,
            [
                Channel::Email,
                Channel::OrganicSearch,
                Channel::Other,
                Channel::All
            ]
        );
        assert_eq!(w.count(WebCount::Sessions, 1), Some(7));
    }
}
