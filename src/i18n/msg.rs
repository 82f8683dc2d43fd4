//! A text decided now and written later, in the language of whoever shows it.
//!
//! Findings, reasons and notes are computed once (on a worker, for the app and the report
//! alike) and then shown on an Indonesian screen and written into an English JSON file. A
//! `String` would freeze them in the language of the thread that computed them; a [`Msg`]
//! keeps the catalogue key and its arguments, so `Display` writes it in the current
//! language and `Serialize` in English (machines read JSON).

use std::fmt;
use std::sync::Arc;

use super::{Lang, fill, tr, with_lang};

/// One argument of a message.
#[derive(Clone)]
pub enum Arg {
    /// Written as it is: names, ids, ISO dates (data, not language).
    Text(String),
    /// A count, with the thousands separator of the language shown.
    Count(u64),
    /// Another message, in the same language.
    Msg(Msg),
    /// Formatted when shown (a metric's value with its unit, a decimal): the closure reads
    /// the current language.
    Later(Arc<dyn Fn() -> String + Send + Sync>),
}

impl fmt::Debug for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", with_lang(Lang::En, || self.render()))
    }
}

impl Arg {
    fn render(&self) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Count(n) => crate::text::thousands(*n),
            Arg::Msg(m) => m.to_string(),
            Arg::Later(f) => f(),
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(m)
    }
}

/// A catalogue key and its arguments.
#[derive(Clone, Debug)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    /// The text of `key`, to be filled with [`Msg::arg`] and friends.
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Fills `{name}` with `value`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// Fills `{name}` with what `f` writes when the message is shown (in that language).
    pub fn later(
        mut self,
        name: &'static str,
        f: impl Fn() -> String + Send + Sync + 'static,
    ) -> Msg {
        self.args.push((name, Arg::Later(Arc::new(f))));
        self
    }

    /// The catalogue key (tests and ids).
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in English, whatever the language shown.
    pub fn english(&self) -> String {
        with_lang(Lang::En, || self.to_string())
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rendered: Vec<(&str, String)> =
            self.args.iter().map(|(n, a)| (*n, a.render())).collect();
        let args: Vec<(&str, &dyn fmt::Display)> = rendered
            .iter()
            .map(|(n, s)| (*n, s as &dyn fmt::Display))
            .collect();
        f.write_str(&fill(tr(self.key), &args))
    }
}

/// Two messages are equal when they say the same in English.
impl PartialEq for Msg {
    fn eq(&self, other: &Msg) -> bool {
        self.key == other.key && self.english() == other.english()
    }
}

impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.english())
    }
}

/// A message equals an English text when it says it in English (tests and checks).
impl PartialEq<&str> for Msg {
    fn eq(&self, other: &&str) -> bool {
        self.english() == *other
    }
}

impl PartialEq<str> for Msg {
    fn eq(&self, other: &str) -> bool {
        self.english() == other
    }
}
