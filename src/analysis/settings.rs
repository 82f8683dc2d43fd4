//! The content lens's settings from `config.toml`'s `[content]` table: which tags mark a
//! post as promo, and words added to the shipped promo lexicon. Read here, not in the TUI's
//! config, because `engage explore` and `engage report` classify posts the same way the app
//! does.
//!
//! ```toml
//! [content]
//! promo_tags = ["promo", "ad"]     # default ["promo"]
//! promo_words = ["flash deal"]     # added to assets/promo-words.txt
//! ```

use std::path::Path;

use serde::Deserialize;

use super::content::{Content, LEXICON, lexicon_words};
use crate::measure::Prepared;

/// How promo posts are told apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentSettings {
    pub promo_tags: Vec<String>,
    /// Words and phrases added to the shipped lexicon (lower case).
    pub extra_words: Vec<String>,
}

impl Default for ContentSettings {
    fn default() -> Self {
        ContentSettings {
            promo_tags: vec!["promo".to_owned()],
            extra_words: Vec::new(),
        }
    }
}

impl ContentSettings {
    /// Classifies the data's posts by these settings.
    pub fn classify(&self, prepared: &Prepared) -> Content {
        let mut words = lexicon_words(LEXICON);
        words.extend(self.extra_words.iter().cloned());
        Content::classify(prepared, &self.promo_tags, &words)
    }
}

#[derive(Deserialize)]
struct File {
    content: Option<Table>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    promo_tags: Option<Vec<String>>,
    promo_words: Option<Vec<String>>,
}

/// Why the `[content]` table cannot be used: names the file and the line:column.
#[derive(Debug, thiserror::Error)]
#[error("{at}: {message}")]
pub struct SettingsError {
    pub at: String,
    pub message: String,
}

/// Reads the `[content]` table of a config file's text (other tables are the app's).
pub fn parse(text: &str, name: &str) -> Result<ContentSettings, SettingsError> {
    let file: File = toml::from_str(text).map_err(|e| SettingsError {
        at: crate::text::toml_place(name, text, &e),
        message: e.message().trim().to_owned(),
    })?;
    let mut settings = ContentSettings::default();
    if let Some(t) = file.content {
        if let Some(tags) = t.promo_tags {
            settings.promo_tags = tags.into_iter().map(|t| t.trim().to_owned()).collect();
        }
        if let Some(words) = t.promo_words {
            settings.extra_words = words
                .into_iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
        }
    }
    Ok(settings)
}

/// Reads `config.toml` in `dir`; no file means the defaults.
pub fn load(dir: &Path) -> Result<ContentSettings, SettingsError> {
    let path = dir.join("config.toml");
    match crate::storage::read_capped_text(&path, crate::storage::SMALL_FILE_LIMIT) {
        Ok(text) => parse(&text, &path.display().to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ContentSettings::default()),
        Err(e) => Err(SettingsError {
            at: path.display().to_string(),
            message: format!("cannot read: {e}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_table() {
        assert_eq!(parse("", "c").unwrap(), ContentSettings::default());
        let s = parse(
            "theme = \"dark\"\n[content]\npromo_tags = [\"ad\", \" sale \"]\npromo_words = [\"Flash Deal\", \" \"]\n",
            "c",
        )
        .unwrap();
        assert_eq!(s.promo_tags, ["ad", "sale"]);
        assert_eq!(s.extra_words, ["flash deal"]);
        let e = parse("[content]\npromo_tag = [\"x\"]\n", "config.toml").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("config.toml:2:1: unknown field `promo_tag`"),
            "{e}"
        );
        let e = parse("[content]\npromo_tags = \"x\"\n", "config.toml").unwrap_err();
        assert!(e.to_string().starts_with("config.toml:2:14"), "{e}");
    }
}
