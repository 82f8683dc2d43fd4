//! The language people read: English or Bahasa Indonesia, with Indonesian numbers and dates.
//!
//! Texts live in catalogues under `assets/i18n/` (`en.toml`, `id.toml`: flat keys, `{name}`
//! placeholders; `en-catalogue.toml`, `id-catalogue.toml`: the metrics' and templates' texts
//! by id), never as literals in code that a translator cannot reach. A TOML catalogue
//! of our own, not Fluent: Indonesian has no grammatical plural and no case, our texts need
//! only placeholders, and `toml` is already a dependency, so Fluent's selectors and its eight
//! crates would buy nothing here (if a language with plural rules comes, Fluent is the move).
//! The catalogues are checked by tests: every English key has an Indonesian text with the same
//! placeholders, and no key is only in one of them.
//!
//! The language is chosen once at start (`--lang`, then the config's `lang`, then the locale:
//! `LC_ALL`, `LC_MESSAGES`, `LANG` beginning with `id`, else English) and read everywhere
//! through [`current`]. Machine outputs (JSON, CSV, ids) do not follow it.

mod msg;

pub use msg::{Arg, Msg};

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language engage speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Id,
}

impl Lang {
    /// `en` or `id` (also `en_US`, `id-ID`, `id_ID.UTF-8`: the language part decides).
    pub fn parse(s: &str) -> Option<Lang> {
        let code = s
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match code.as_str() {
            "en" => Some(Lang::En),
            "id" | "in" => Some(Lang::Id),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    /// The thousands separator and the decimal mark: `7,990.5` or `7.990,5`.
    pub fn separators(self) -> (char, char) {
        match self {
            Lang::En => (',', '.'),
            Lang::Id => ('.', ','),
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);
/// Whether the language was named on the command line (it then outranks the config's).
static FROM_FLAG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets the language for the rest of the process (at start, before anything is shown).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// Sets the language named by `--lang`.
pub fn set_from_flag(lang: Lang) {
    set(lang);
    FROM_FLAG.store(true, Ordering::Relaxed);
}

/// Applies the config's `lang` unless `--lang` named one.
pub fn set_from_config(lang: Option<Lang>) {
    if let Some(l) = lang.filter(|_| !FROM_FLAG.load(Ordering::Relaxed)) {
        set(l);
    }
}

thread_local! {
    /// A language for this thread only (tests render both languages side by side).
    static OVERRIDE: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// The language texts are shown in.
pub fn current() -> Lang {
    if let Some(l) = OVERRIDE.with(std::cell::Cell::get) {
        return l;
    }
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Id,
        _ => Lang::En,
    }
}

/// Runs `f` with `lang` as this thread's language (the process's stays as it is).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let out = f();
    OVERRIDE.with(|o| o.set(before));
    out
}

/// The language asked for: the flag, then the config's `lang`, then the locale variables
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set and not empty), else English. A
/// locale in another language means English.
pub fn detect(
    flag: Option<Lang>,
    config: Option<Lang>,
    env: impl Fn(&str) -> Option<String>,
) -> Lang {
    if let Some(l) = flag.or(config) {
        return l;
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| env(v).filter(|s| !s.is_empty()))
        .next()
        .and_then(|s| Lang::parse(&s))
        .unwrap_or(Lang::En)
}

const EN: &str = include_str!("../../assets/i18n/en.toml");
const ID: &str = include_str!("../../assets/i18n/id.toml");

const EN_CATALOGUE: &str = include_str!("../../assets/i18n/en-catalogue.toml");
const ID_CATALOGUE: &str = include_str!("../../assets/i18n/id-catalogue.toml");

/// The texts of the metric catalogue and the objective templates, and the words of the
/// format (fields, formats, dimensions), by language: `assets/i18n/en-catalogue.toml` and
/// `id-catalogue.toml`. The code holds the ids; JSON writes the English.
fn catalogue_table(lang: Lang) -> &'static toml::Table {
    static TABLES: OnceLock<[toml::Table; 2]> = OnceLock::new();
    // Part of the binary and checked by tests; a broken one shows ids, never stops the app.
    &TABLES.get_or_init(|| {
        [
            EN_CATALOGUE.parse().unwrap_or_default(),
            ID_CATALOGUE.parse().unwrap_or_default(),
        ]
    })[lang as usize]
}

fn catalogue_value(
    lang: Lang,
    section: &str,
    id: &str,
    field: &str,
) -> Option<&'static toml::Value> {
    catalogue_table(lang).get(section)?.get(id)?.get(field)
}

/// `field` of `section.id` (`metric`, `er_reach`, `name`) in the language shown, else in
/// English, else the id (which the catalogue tests forbid).
pub fn catalogue_text(section: &str, id: &'static str, field: &str) -> &'static str {
    [current(), Lang::En]
        .into_iter()
        .find_map(|lang| {
            catalogue_value(lang, section, id, field)
                .and_then(toml::Value::as_str)
                .filter(|s| !s.is_empty())
        })
        .unwrap_or(id)
}

/// The list `field` of `section.id` in the language shown, else in English.
pub fn catalogue_list(section: &str, id: &str, field: &str) -> Vec<&'static str> {
    [current(), Lang::En]
        .into_iter()
        .find_map(|lang| {
            catalogue_value(lang, section, id, field)
                .and_then(toml::Value::as_array)
                .map(|a| a.iter().filter_map(toml::Value::as_str).collect::<Vec<_>>())
        })
        .unwrap_or_default()
}

/// Whether the catalogue of `lang` has a text (or a list) for `section.id.field` (tests).
pub fn has_catalogue_text(lang: Lang, section: &str, id: &str, field: &str) -> bool {
    catalogue_value(lang, section, id, field).is_some_and(|v| match v {
        toml::Value::String(s) => !s.trim().is_empty(),
        toml::Value::Array(a) => !a.is_empty(),
        _ => false,
    })
}

/// The word `name` of `section` (`field`, `reach`) in the language shown, else `english`.
pub fn domain_word<'a>(section: &str, name: &str, english: &'a str) -> &'a str {
    if current() == Lang::En {
        return english;
    }
    match catalogue_table(Lang::Id)
        .get(section)
        .and_then(|t| t.get(name))
        .and_then(toml::Value::as_str)
    {
        Some(s) if !s.is_empty() => s,
        _ => english,
    }
}

/// Messages in the language shown, joined by `sep`.
pub fn join(msgs: &[Msg], sep: &str) -> String {
    msgs.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

/// A catalogue's texts by dotted key (`step.objective`).
pub fn parse_catalogue(text: &str) -> Result<HashMap<String, String>, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let mut out = HashMap::new();
    flatten("", &toml::Value::Table(table), &mut out)?;
    Ok(out)
}

fn flatten(
    prefix: &str,
    value: &toml::Value,
    out: &mut HashMap<String, String>,
) -> Result<(), String> {
    match value {
        toml::Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
            Ok(())
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out)?;
            }
            Ok(())
        }
        other => Err(format!(
            "{prefix}: a text is expected, found {}",
            other.type_str()
        )),
    }
}

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static CATALOGUES: OnceLock<[HashMap<String, String>; 2]> = OnceLock::new();
    let all = CATALOGUES.get_or_init(|| {
        // The catalogues are part of the binary and checked by tests; a broken one would
        // show keys, never stop the app.
        [
            parse_catalogue(EN).unwrap_or_default(),
            parse_catalogue(ID).unwrap_or_default(),
        ]
    });
    &all[lang as usize]
}

/// The text of `key` in the current language (English when it has none; the key itself when
/// no catalogue has it, which the catalogue tests forbid).
pub fn tr(key: &str) -> &'static str {
    tr_in(current(), key)
}

/// The text of `key` in `lang`.
pub fn tr_in(lang: Lang, key: &str) -> &'static str {
    catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .map_or("", String::as_str)
}

/// The text of `key` in the current language, if some catalogue has it.
pub fn lookup(key: &str) -> Option<&'static str> {
    catalogue(current())
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .map(String::as_str)
}

/// The text of `key` with its `{name}` placeholders filled.
pub fn trf(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(tr(key), args)
}

/// `text` with each `{name}` of `args` replaced.
pub fn fill(text: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// The `{name}` placeholders of a text, sorted.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Month abbreviations for dates people read: `31 Oct 2026` / `31 Okt 2026`.
pub fn month_short(lang: Lang, month0: usize) -> &'static str {
    const EN_M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const ID_M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    match lang {
        Lang::En => EN_M[month0 % 12],
        Lang::Id => ID_M[month0 % 12],
    }
}

/// Weekday names, Monday first (ISO), in English.
pub const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Weekday names, Monday first (ISO), in Indonesian.
pub const WEEKDAYS_ID: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

/// Weekday names, Monday first (ISO): `Monday` / `Senin`.
pub fn weekday(lang: Lang, monday0: usize) -> &'static str {
    match lang {
        Lang::En => WEEKDAYS_EN[monday0 % 7],
        Lang::Id => WEEKDAYS_ID[monday0 % 7],
    }
}

/// A weekday's first three letters, Monday first: `Mon` / `Sen`.
pub fn weekday_short(lang: Lang, monday0: usize) -> &'static str {
    let name = weekday(lang, monday0);
    name.get(..3).unwrap_or(name)
}

/// A day as people read it in `lang`: `31 Oct 2026` / `31 Okt 2026`.
pub fn date_long(lang: Lang, day: crate::calendar::Day) -> String {
    use chrono::Datelike;
    let d = crate::calendar::to_naive(day);
    format!(
        "{} {} {}",
        d.day(),
        month_short(lang, d.month0() as usize),
        d.year()
    )
}

/// A number written with `lang`'s separators: `digits` as Rust formats it (`-1234.5`), with
/// thousands grouped in the integer part.
pub fn localize_number(lang: Lang, digits: &str) -> String {
    let (thousands, decimal) = lang.separators();
    let (sign, rest) = digits.strip_prefix('-').map_or(("", digits), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(decimal);
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_only_when_nothing_else_does() {
        let env = |lang: &'static str| move |v: &str| (v == "LANG").then(|| lang.to_owned());
        assert_eq!(detect(None, None, env("id_ID.UTF-8")), Lang::Id);
        assert_eq!(detect(None, None, env("en_GB.UTF-8")), Lang::En);
        assert_eq!(detect(None, None, env("fr_FR.UTF-8")), Lang::En);
        assert_eq!(detect(None, Some(Lang::En), env("id_ID.UTF-8")), Lang::En);
        assert_eq!(detect(Some(Lang::Id), Some(Lang::En), env("C")), Lang::Id);
        // LC_ALL wins over LANG.
        let both = |v: &str| match v {
            "LC_ALL" => Some("id_ID".to_owned()),
            "LANG" => Some("en_US".to_owned()),
            _ => None,
        };
        assert_eq!(detect(None, None, both), Lang::Id);
    }

    #[test]
    fn numbers_and_dates_in_indonesian() {
        assert_eq!(localize_number(Lang::Id, "7990"), "7.990");
        assert_eq!(localize_number(Lang::Id, "-1234567.25"), "-1.234.567,25");
        assert_eq!(localize_number(Lang::En, "1234567.25"), "1,234,567.25");
        assert_eq!(localize_number(Lang::Id, "6.55"), "6,55");
        let d = crate::calendar::parse_date("2026-10-31").unwrap();
        assert_eq!(date_long(Lang::Id, d), "31 Okt 2026");
        assert_eq!(date_long(Lang::En, d), "31 Oct 2026");
        assert_eq!(weekday(Lang::Id, 0), "Senin");
    }

    /// Every key has a text in both languages, with the same placeholders.
    #[test]
    fn the_catalogues_agree() {
        let en = parse_catalogue(EN).unwrap();
        let id = parse_catalogue(ID).unwrap();
        let mut missing: Vec<&String> = en.keys().filter(|k| !id.contains_key(*k)).collect();
        missing.sort();
        assert!(missing.is_empty(), "no Indonesian text for {missing:?}");
        let mut extra: Vec<&String> = id.keys().filter(|k| !en.contains_key(*k)).collect();
        extra.sort();
        assert!(extra.is_empty(), "Indonesian keys English lacks: {extra:?}");
        for (k, e) in &en {
            assert_eq!(
                placeholders(e),
                placeholders(&id[k]),
                "{k}: placeholders differ between {e:?} and {:?}",
                id[k]
            );
            assert!(!id[k].trim().is_empty(), "{k}: empty Indonesian text");
        }
    }
}
