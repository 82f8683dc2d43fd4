//! The config file (`config.toml` in the config folder): theme, mouse, and key overrides.
//! `engage --print-default-config` prints the defaults; a bad file is refused with an error
//! naming its line and column, before the terminal is touched.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::action::{Action, Context};
use super::keymap::{Key, Keymap};
use super::theme::ThemeName;

/// Settings from the config file.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub theme: ThemeName,
    /// `lang = "en" | "id"`: the app's language when `--lang` does not name one.
    pub lang: Option<crate::i18n::Lang>,
    /// Capture the mouse (off by default: capture breaks the terminal's text selection).
    pub mouse: bool,
    pub keymap: Keymap,
    /// How the content lens tells promo posts apart.
    pub content: crate::analysis::settings::ContentSettings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Dark,
            lang: None,
            mouse: false,
            keymap: Keymap::default(),
            content: crate::analysis::settings::ContentSettings::default(),
        }
    }
}

/// One key or several.
#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    mouse: Option<bool>,
    /// The content lens's table, read by [`crate::analysis::settings`].
    #[allow(dead_code)]
    content: Option<toml::Value>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Keys>>>,
}

/// Why a config file cannot be used: each names the file and the line:column.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{at}: {message}")]
    Toml { at: String, message: String },
    #[error("{}", crate::i18n::trf("err.config_theme", &[("at", &.at), ("theme", &.theme)]))]
    Theme { at: String, theme: String },
    #[error("{}", crate::i18n::trf("err.config_lang", &[("at", &.at), ("lang", &.lang)]))]
    Lang { at: String, lang: String },
    #[error("{}", crate::i18n::trf("err.config_section", &[("at", &.at), ("section", &.section), ("sections", &.sections)]))]
    Section {
        at: String,
        section: String,
        sections: String,
    },
    #[error("{}", crate::i18n::trf("err.config_action", &[("at", &.at), ("action", &.action)]))]
    Action { at: String, action: String },
    #[error("{}", crate::i18n::trf("err.config_key", &[("at", &.at), ("spec", &.spec)]))]
    Key { at: String, spec: String },
    #[error("{}", crate::i18n::trf("err.config_not_in_section", &[("at", &.at), ("action", &.action), ("section", &.section)]))]
    NotInSection {
        at: String,
        action: String,
        section: String,
    },
    #[error("{}", crate::i18n::trf("err.config_conflict", &[("file", &.file), ("key", &.key), ("a", &.a), ("b", &.b), ("section", &.section)]))]
    Conflict {
        file: String,
        key: String,
        a: &'static str,
        b: &'static str,
        section: &'static str,
    },
    #[error("{}", crate::i18n::trf("err.plan_read", &[("path", &.path), ("error", &.source)]))]
    Read {
        path: String,
        source: std::io::Error,
    },
}

/// Parses a config file's text; `name` is how errors name it.
pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| ConfigError::Toml {
        at: crate::text::toml_place(name, text, &e),
        message: e.message().trim().to_owned(),
    })?;
    let at = |span: std::ops::Range<usize>| {
        format!("{name}:{}", crate::text::line_column(text, span.start))
    };
    let mut config = Config {
        content: crate::analysis::settings::parse(text, name).map_err(|e| ConfigError::Toml {
            at: e.at,
            message: e.message,
        })?,
        ..Config::default()
    };
    if let Some(theme) = file.theme {
        config.theme = match theme.get_ref().as_str() {
            "dark" => ThemeName::Dark,
            "light" => ThemeName::Light,
            other => {
                return Err(ConfigError::Theme {
                    at: at(theme.span()),
                    theme: other.to_owned(),
                });
            }
        };
    }
    if let Some(lang) = file.lang {
        config.lang =
            Some(
                crate::i18n::Lang::parse(lang.get_ref()).ok_or_else(|| ConfigError::Lang {
                    at: at(lang.span()),
                    lang: lang.get_ref().clone(),
                })?,
            );
    }
    config.mouse = file.mouse.unwrap_or(false);
    for (context, actions) in file.keys {
        let Some(ctx) = Context::parse(context.get_ref()) else {
            let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            return Err(ConfigError::Section {
                at: at(context.span()),
                section: context.get_ref().clone(),
                sections: names.join(", "),
            });
        };
        for (action, keys) in actions {
            let Some(act) = Action::parse(action.get_ref()) else {
                return Err(ConfigError::Action {
                    at: at(action.span()),
                    action: action.get_ref().clone(),
                });
            };
            let specs = match keys.get_ref() {
                Keys::One(k) => vec![k.clone()],
                Keys::Many(ks) => ks.clone(),
            };
            let mut parsed = Vec::new();
            for spec in &specs {
                match Key::parse(spec) {
                    Some(k) => parsed.push(k),
                    None => {
                        return Err(ConfigError::Key {
                            at: at(keys.span()),
                            spec: spec.clone(),
                        });
                    }
                }
            }
            if !config.keymap.rebind(ctx, act, parsed) {
                return Err(ConfigError::NotInSection {
                    at: at(action.span()),
                    action: action.get_ref().clone(),
                    section: ctx.name().to_owned(),
                });
            }
        }
    }
    if let Some((ctx, key, a, b)) = config.keymap.conflicts().into_iter().next() {
        return Err(ConfigError::Conflict {
            file: name.to_owned(),
            key: key.to_string(),
            a: a.name(),
            b: b.name(),
            section: ctx.name(),
        });
    }
    Ok(config)
}

/// Reads `config.toml` from `dir`; no file means the defaults.
pub fn load(dir: &Path) -> Result<(Config, Option<std::path::PathBuf>), ConfigError> {
    let path = dir.join("config.toml");
    match crate::storage::read_capped_text(&path, crate::storage::SMALL_FILE_LIMIT) {
        Ok(text) => parse(&text, &path.display().to_string()).map(|c| (c, Some(path))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Config::default(), None)),
        Err(e) => Err(ConfigError::Read {
            path: path.display().to_string(),
            source: e,
        }),
    }
}

/// The default config as TOML, every binding listed with its description.
pub fn default_text() -> String {
    let mut out = String::from(
        "# engage configuration: copy to config.toml in engage's config folder and edit.\n\
         # Every action and its default keys are listed; a key list replaces the defaults.\n\
         # Keys: \"q\", \"S\", \"ctrl-c\", \"alt-x\", \"enter\", \"esc\", \"tab\", \"shift-tab\",\n\
         # \"space\", \"up\", \"down\", \"left\", \"right\", \"pgup\", \"pgdn\", \"home\", \"end\", \"f1\".\n\n\
         theme = \"dark\"   # dark or light (NO_COLOR in the environment turns colour off)\n\
         mouse = false    # capture the mouse (it breaks the terminal's text selection)\n\
         # lang = \"id\"    # en or id (Bahasa Indonesia); --lang outranks it; default English\n\n\
         [content]\n\
         promo_tags = [\"promo\"]   # posts with any of these tags are promo\n\
         promo_words = []          # words added to the promo lexicon (used when no post has a promo tag)\n",
    );
    let keymap = Keymap::default();
    for ctx in Context::ALL {
        let _ = write!(out, "\n[keys.{}]\n", ctx.name());
        for b in keymap.bindings.iter().filter(|b| b.context == ctx) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("{:?}", k.to_string()))
                .collect();
            let _ = writeln!(
                out,
                "{} = [{}]  # {}",
                b.action.name(),
                keys.join(", "),
                b.desc
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    #[test]
    fn the_default_text_parses_to_the_defaults() {
        let c = parse(&default_text(), "default").unwrap();
        assert_eq!(c, Config::default());
    }

    #[test]
    fn overrides_rebind() {
        let c = parse(
            "theme = \"light\"\n[keys.charts]\nzoom_in = \"i\"\n[keys.global]\nquit = [\"Q\"]\n",
            "c",
        )
        .unwrap();
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(
            c.keymap.lookup(Context::Charts, Key::char('i')),
            Some(Action::ZoomIn)
        );
        assert_eq!(c.keymap.lookup(Context::Charts, Key::char('+')), None);
        assert_eq!(
            c.keymap.lookup(Context::Data, Key::char('Q')),
            Some(Action::Quit)
        );
        assert_eq!(c.keymap.lookup(Context::Data, Key::char('q')), None);
        assert_eq!(
            c.keymap.lookup(Context::Data, Key::plain(KeyCode::Esc)),
            Some(Action::Back)
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("mouse = true\n[keys.charts]\nzoom = \"z\"\n", "config.toml")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "config.toml:3:1: unknown action `zoom` (see `engage --print-default-config` for every action)"
        );
        let e = parse("[keys.charts]\nzoom_in = [\"ctrl-\"]\n", "config.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("config.toml:2:11: `ctrl-` is not a key"),
            "{e}"
        );
        let e = parse("[keys.chart]\nzoom_in = \"z\"\n", "config.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("config.toml:1:7: unknown key section [keys.chart]"),
            "{e}"
        );
        let e = parse("theme = 3\n", "config.toml").unwrap_err().to_string();
        assert!(e.starts_with("config.toml:1:9:"), "{e}");
        let e = parse("colour = true\n", "config.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("config.toml:1:1:"), "{e}");
        let e = parse("[keys.charts]\nzoom_in = \"a\"\n", "config.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bound to both"), "{e}");
        let e = parse("[keys.data]\nzoom_in = \"a\"\n", "config.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not an action of [keys.data]"), "{e}");
    }
}
