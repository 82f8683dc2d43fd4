//! What a mapping file says, and the checks that refuse a mistaken one before any file is
//! read with it: every key known, every field named a field of the file's kind, every
//! vocabulary value (platform, format, channel) one the snapshot format has.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::Deserialize;

use crate::import::table::norm;
use crate::import::values::DateOrder;
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};

/// Why a mapping file is refused; each message starts with the file's name (and the line,
/// where the TOML parser knows it).
#[derive(Debug, thiserror::Error)]
pub enum MappingError {
    #[error("{}", crate::i18n::trf("importer.mapping_unreadable", &[("name", name), ("error", source)]))]
    Read { name: String, source: io::Error },
    #[error("{name}{}: {}", .line.map_or_else(String::new, |l| format!(":{l}")), .source.message())]
    Toml {
        name: String,
        line: Option<usize>,
        /// Boxed: the parser's error is large, and every caller's `Result` would carry it.
        source: Box<toml::de::Error>,
    },
    #[error("{name}: {problem}")]
    Invalid {
        name: String,
        problem: MappingProblem,
    },
}

/// A mapping that reads as TOML but asks for something a snapshot cannot hold.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MappingProblem {
    #[error("{}", crate::i18n::trf(
        "importer.mapping_not_a_field",
        &[("key", key), ("kind", &format!("{kind:?}")), ("fields", &fields.join(", "))],
    ))]
    NotAField {
        key: String,
        kind: Kind,
        fields: Vec<&'static str>,
    },
    #[error("{}", crate::i18n::trf("importer.mapping_no_column", &[("key", .0)]))]
    NoColumn(String),
    #[error("{}", crate::i18n::trf("importer.mapping_several_columns", &[("key", .0)]))]
    SeveralColumns(String),
    #[error("{}", crate::i18n::tr("importer.mapping_no_id_column"))]
    NoIdColumn,
    #[error("{}", crate::i18n::tr("importer.mapping_no_date_column"))]
    NoDateColumn,
    #[error("{}", crate::i18n::trf("importer.mapping_separator", &[("value", &format!("{:?}", .0))]))]
    Separator(String),
    #[error("{}", crate::i18n::trf("importer.mapping_encoding", &[("value", &format!("{:?}", .0))]))]
    Encoding(String),
    #[error("{}", crate::i18n::trf(
        "importer.mapping_platform",
        &[("value", &format!("{value:?}")), ("expected", &Platform::expected())],
    ))]
    Platform { value: String },
    #[error("{}", crate::i18n::trf("importer.mapping_utc_offset", &[("value", &format!("{:?}", .0))]))]
    UtcOffset(String),
    #[error("{}", crate::i18n::trf("importer.mapping_date_order", &[("value", &format!("{:?}", .0))]))]
    DateOrder(String),
    #[error("{}", crate::i18n::trf(
        "importer.mapping_format",
        &[
            ("value", &format!("{value:?}")),
            ("format", &format!("{format:?}")),
            ("expected", &PostFormat::expected()),
        ],
    ))]
    Format { value: String, format: String },
    #[error("{}", crate::i18n::trf(
        "importer.mapping_channel",
        &[
            ("value", &format!("{value:?}")),
            ("channel", &format!("{channel:?}")),
            ("expected", &Channel::expected()),
        ],
    ))]
    Channel { value: String, channel: String },
    #[error("{}", crate::i18n::trf(
        "importer.mapping_source",
        &[("host", &format!("{host:?}")), ("name", &format!("{name:?}"))],
    ))]
    Source { host: String, name: String },
    #[error("{}", crate::i18n::tr("importer.mapping_tag_separator"))]
    TagSeparator,
    #[error("{}", crate::i18n::trf(
        "importer.mapping_date_format",
        &[("format", &format!("{format:?}")), ("problem", problem)],
    ))]
    DateFormat { format: String, problem: String },
}

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
    /// Web sources -> the name they stand for (`"news.app" = "x"`), added to the bundled
    /// table of platform hosts (`assets/web-sources.toml`) for the `source` column.
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    #[serde(default)]
    pub tags: TagSpec,
    /// Where the mapping came from (for reports).
    #[serde(skip)]
    pub path: String,
}

/// What is wrong with a chrono format, if anything: an unknown specifier (`%Q`), a `%` at
/// the end, or no date in it at all (no day, or no month, or no year).
fn date_format_problem(format: &str) -> Option<String> {
    use chrono::format::{Fixed, Item, Numeric, StrftimeItems};
    let items: Vec<Item> = StrftimeItems::new(format).collect();
    if items.iter().any(|i| matches!(i, Item::Error)) {
        return Some(crate::i18n::tr("importer.mapping_unknown_specifier").to_owned());
    }
    let has = |wanted: &[Numeric]| {
        items.iter().any(|i| match i {
            Item::Numeric(n, _) => wanted.contains(n),
            _ => false,
        })
    };
    let fixed = |wanted: &[Fixed]| {
        items
            .iter()
            .any(|i| matches!(i, Item::Fixed(f) if wanted.contains(f)))
    };
    let whole = fixed(&[Fixed::RFC2822, Fixed::RFC3339]) || has(&[Numeric::Timestamp]);
    let day = has(&[Numeric::Day, Numeric::Ordinal]);
    let month = has(&[Numeric::Month]) || fixed(&[Fixed::ShortMonthName, Fixed::LongMonthName]);
    let year = has(&[Numeric::Year, Numeric::YearMod100, Numeric::IsoYear]);
    let ordinal = has(&[Numeric::Ordinal]);
    if whole || (day && year && (month || ordinal)) {
        return None;
    }
    Some(crate::i18n::tr("importer.mapping_no_whole_date").to_owned())
}

const TEXT_FIELDS: &[&str] = &["id", "text", "url", "format", "tags"];

impl Mapping {
    /// Reads and checks a mapping file; the error names the file, the line and what is wrong.
    pub fn load(path: &Path) -> Result<Mapping, MappingError> {
        let name = path.display().to_string();
        match crate::storage::read_capped_text(path, crate::storage::SMALL_FILE_LIMIT) {
            Ok(text) => Mapping::parse(&text, &name),
            Err(source) => Err(MappingError::Read { name, source }),
        }
    }

    pub fn parse(text: &str, name: &str) -> Result<Mapping, MappingError> {
        let mut m: Mapping = toml::from_str(text).map_err(|source| MappingError::Toml {
            name: name.to_owned(),
            line: source
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            source: Box::new(source),
        })?;
        m.path = name.to_owned();
        m.check().map_err(|problem| MappingError::Invalid {
            name: name.to_owned(),
            problem,
        })?;
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
            Kind::Web => ["channel", "source", "medium"]
                .into_iter()
                .chain(WebCount::ALL.iter().map(|f| f.name()))
                .collect(),
        }
    }

    fn check(&self) -> Result<(), MappingProblem> {
        let fields = self.fields();
        for (key, names) in &self.columns {
            if !fields.contains(&key.as_str()) {
                return Err(MappingProblem::NotAField {
                    key: key.clone(),
                    kind: self.kind(),
                    fields,
                });
            }
            match names.0.len() {
                0 => return Err(MappingProblem::NoColumn(key.clone())),
                1 => {}
                _ if key == "tags" => {}
                _ => return Err(MappingProblem::SeveralColumns(key.clone())),
            }
        }
        if self.kind() == Kind::Posts && !self.columns.contains_key("id") {
            return Err(MappingProblem::NoIdColumn);
        }
        if self.date.columns.is_empty() {
            return Err(MappingProblem::NoDateColumn);
        }
        if self.separator().is_none() {
            return Err(MappingProblem::Separator(
                self.file.separator.clone().unwrap_or_default(),
            ));
        }
        if self.tags.separator.is_empty() {
            return Err(MappingProblem::TagSeparator);
        }
        if let Some(format) = &self.date.format {
            date_format_problem(format).map_or(Ok(()), |problem| {
                Err(MappingProblem::DateFormat {
                    format: format.clone(),
                    problem,
                })
            })?;
        }
        if let Some(e) = &self.file.encoding
            && !matches!(
                norm(e).as_str(),
                "auto" | "utf8" | "windows1252" | "cp1252" | "latin1"
            )
        {
            return Err(MappingProblem::Encoding(e.clone()));
        }
        if let Some(p) = &self.account.platform
            && Platform::parse(p).is_none()
        {
            return Err(MappingProblem::Platform { value: p.clone() });
        }
        if let Some(o) = &self.date.utc_offset
            && crate::calendar::parse_offset(o).is_none()
        {
            return Err(MappingProblem::UtcOffset(o.clone()));
        }
        if let Some(o) = &self.date.order
            && !matches!(o.as_str(), "day-first" | "month-first")
        {
            return Err(MappingProblem::DateOrder(o.clone()));
        }
        for (value, format) in &self.formats {
            if PostFormat::parse(format).is_none() {
                return Err(MappingProblem::Format {
                    value: value.clone(),
                    format: format.clone(),
                });
            }
        }
        for (host, name) in &self.sources {
            if host.trim().is_empty() || name.trim().is_empty() {
                return Err(MappingProblem::Source {
                    host: host.clone(),
                    name: name.clone(),
                });
            }
        }
        for (value, channel) in &self.channels {
            if Channel::parse(channel).is_none() {
                return Err(MappingProblem::Channel {
                    value: value.clone(),
                    channel: channel.clone(),
                });
            }
        }
        Ok(())
    }

    /// The mapping's `[sources]`, keyed as [`crate::import::web_source::name`] looks them up
    /// (lower case, without `www.`).
    pub fn source_names(&self) -> crate::import::web_source::Extra {
        self.sources
            .iter()
            .map(|(k, v)| {
                let k = k.trim().to_lowercase();
                let k = k.strip_prefix("www.").unwrap_or(&k).to_owned();
                (k, v.trim().to_lowercase())
            })
            .collect()
    }

    /// The cell separator (checked to be one byte).
    pub(super) fn separator(&self) -> Option<u8> {
        match self.file.separator.as_deref() {
            None => Some(b','),
            Some("tab" | "\t") => Some(b'\t'),
            // A quote or a line break cannot separate cells: they mean something else in CSV.
            Some(s) if s.len() == 1 && !matches!(s, "\"" | "\n" | "\r") => Some(s.as_bytes()[0]),
            Some(_) => None,
        }
    }

    /// How numeric dates are read.
    pub(super) fn order(&self) -> DateOrder {
        if self.date.order.as_deref() == Some("day-first") {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_in_a_mapping_are_named() {
        let e = Mapping::parse("[file]\nseparater = \";\"\n", "m.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml:2: unknown field `separater`"), "{e}");
        let e = Mapping::parse(
            "[columns]\nid = \"a\"\nlikez = \"b\"\n[date]\ncolumns = [\"d\"]\n",
            "m.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("likez: not a field"), "{e}");
        let e = Mapping::parse("[columns]\nid = \"a\"\n", "m.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("[date] columns"), "{e}");
        let e = Mapping::parse(
            "[account]\nplatform = \"myspace\"\n[columns]\nid = \"a\"\n[date]\ncolumns = [\"d\"]\n",
            "m.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("myspace"), "{e}");
    }
}
