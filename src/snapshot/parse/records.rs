//! Reading `accounts[i]`, `daily[i]`, `web[i]` and `web_totals[i]`.

use std::io::Read;

use super::values::{self, R};
use super::{Parser, note_unknown};
use crate::calendar::{Day, format_date};
use crate::i18n::{tr, trf};
use crate::snapshot::json::{Pos, StrProblem, quote_preview};
use crate::snapshot::model::{Channel, DailyCount, Platform, WebCount};
use crate::snapshot::store::{Account, NO_REFERRER, WebTotal};

/// A key of a small record: one of its named fields, a count, or something else.
enum Key<C> {
    Named(usize),
    Count(C),
    Unknown(String),
    /// A key that is not valid text.
    Invalid(StrProblem),
}

/// The count fields a record kind has.
trait Counts: Copy {
    fn parse_key(key: &str) -> Option<Self>;
    fn index(self) -> usize;
    fn key(self) -> &'static str;
}

impl Counts for DailyCount {
    fn parse_key(key: &str) -> Option<Self> {
        DailyCount::parse(key)
    }
    fn index(self) -> usize {
        self as usize
    }
    fn key(self) -> &'static str {
        self.name()
    }
}

impl Counts for WebCount {
    fn parse_key(key: &str) -> Option<Self> {
        WebCount::parse(key)
    }
    fn index(self) -> usize {
        self as usize
    }
    fn key(self) -> &'static str {
        self.name()
    }
}

/// For records without counts.
#[derive(Clone, Copy)]
enum NoCounts {}

impl Counts for NoCounts {
    fn parse_key(_: &str) -> Option<Self> {
        None
    }
    fn index(self) -> usize {
        match self {}
    }
    fn key(self) -> &'static str {
        match self {}
    }
}

fn classify<C: Counts>(key: Result<&[u8], StrProblem>, named: &[&str]) -> Key<C> {
    match key {
        Ok(k) => match named.iter().position(|n| n.as_bytes() == k) {
            Some(i) => Key::Named(i),
            None => match crate::snapshot::json::key_text(k) {
                Ok(text) => match C::parse_key(text) {
                    Some(c) => Key::Count(c),
                    None => Key::Unknown(text.to_owned()),
                },
                Err(p) => Key::Invalid(p),
            },
        },
        Err(p) => Key::Invalid(p),
    }
}

/// The shape of one kind of small record.
struct RecordSpec {
    /// The top-level array, for paths: `daily`.
    section: &'static str,
    /// The record's name in "unknown field" warnings: "in 3 daily records".
    record: &'static str,
    /// What a record must be, for "expected …, found …" messages (a catalogue key).
    what: &'static str,
    /// Its fields other than counts.
    named: &'static [&'static str],
    /// Indexes into `named` of the fields it must have.
    required: &'static [usize],
}

/// Walks the members of one record object: checks keys given twice, hands known fields to
/// `field` (with the parser, the key and the value's position), notes unknown ones, and
/// reports required fields that never came. Returns where the record starts, if it is an
/// object at all.
fn members<S: Read, C: Counts>(
    p: &mut Parser<S>,
    spec: &RecordSpec,
    i: usize,
    mut field: impl FnMut(&mut Parser<S>, Key<C>, Pos) -> R<()>,
) -> R<Option<Pos>> {
    let RecordSpec {
        section,
        record,
        what,
        named,
        required,
    } = *spec;
    let Some(start) = p.open_record(section, i, what)? else {
        return Ok(None);
    };
    let mut seen: u64 = 0;
    let mut first = true;
    while let Some(key) = p.r.next_key(&mut first, |k| classify::<C>(k, named))? {
        p.r.peek()?;
        let at = p.r.pos();
        let (bit, name) = match &key {
            Key::Named(n) => (1u64 << n, named[*n]),
            Key::Count(c) => (1u64 << (named.len() + c.index()), c.key()),
            _ => (0, ""),
        };
        if seen & bit != 0 {
            p.sink.error(
                Some(at),
                || format!("{section}[{i}].{name}"),
                || trf("loader.key_twice_record", &[("name", &name)]),
            );
        }
        seen |= bit;
        match key {
            Key::Unknown(name) => {
                let path = || format!("{section}[{i}]{}", values::key_segment(&name));
                values::skip_unknown(&mut p.r, &mut p.sink, path)?;
                note_unknown(&mut p.unknown, record, name.clone(), at, path);
            }
            Key::Invalid(problem) => {
                let key_at = p.r.key_pos();
                p.sink.error(
                    Some(key_at),
                    || format!("{section}[{i}]"),
                    || {
                        trf(
                            "loader.bad_key",
                            &[("problem", &values::describe_problem(&problem))],
                        )
                    },
                );
                p.r.read_found()?;
            }
            key => field(p, key, at)?,
        }
    }
    for &n in required {
        if seen & (1 << n) == 0 {
            p.missing(start, section, i, named[n]);
        }
    }
    Ok(Some(start))
}

const ACCOUNT: RecordSpec = RecordSpec {
    section: "accounts",
    record: "account",
    what: "loader.what_account",
    named: &["id", "platform", "handle", "name"],
    required: &[0, 1],
};
const DAILY: RecordSpec = RecordSpec {
    section: "daily",
    record: "daily",
    what: "loader.what_daily",
    named: &["account", "date"],
    required: &[0, 1],
};
const WEB: RecordSpec = RecordSpec {
    section: "web",
    record: "web",
    what: "loader.what_web",
    named: &["date", "channel", "source"],
    required: &[0, 1],
};
const WEB_TOTAL: RecordSpec = RecordSpec {
    section: "web_totals",
    record: "web_totals",
    what: "loader.what_web_total",
    named: &["from", "to", "channel", "source"],
    required: &[0, 1, 2],
};

impl<S: Read> Parser<S> {
    pub(super) fn account(&mut self, i: usize) -> R<()> {
        let mut account = Account {
            id: String::new(),
            platform: Platform::Other,
            handle: None,
            name: None,
        };
        let mut id_at = None;
        members::<S, NoCounts>(self, &ACCOUNT, i, |p, key, at| {
            let Key::Named(n) = key else { return Ok(()) };
            let path = || format!("accounts[{i}].{}", ACCOUNT.named[n]);
            match n {
                0 => {
                    if let Some(s) = values::id(&mut p.r, &mut p.sink, path)? {
                        account.id = s.to_owned();
                        id_at = Some(at);
                    }
                }
                1 => {
                    let v = values::parsed(
                        &mut p.r,
                        &mut p.sink,
                        path,
                        false,
                        Platform::expected,
                        Platform::parse,
                        |s| values::case_hint(s, Platform::parse),
                    )?;
                    account.platform = v.unwrap_or(Platform::Other);
                }
                2 => {
                    account.handle =
                        values::string(&mut p.r, &mut p.sink, path, true)?.map(str::to_owned)
                }
                _ => {
                    account.name =
                        values::string(&mut p.r, &mut p.sink, path, true)?.map(str::to_owned)
                }
            }
            Ok(())
        })?;
        if let Some(at) = id_at {
            let provisional = self.refs.provisional(&account.id);
            match self.refs.defined[provisional as usize] {
                Some(first) => {
                    let id = quote_preview(&account.id);
                    self.sink.error(
                        Some(at),
                        || format!("accounts[{i}].id"),
                        || {
                            trf(
                                "loader.duplicate_account",
                                &[("id", &id), ("first", &first)],
                            )
                        },
                    );
                }
                None => {
                    self.refs.defined[provisional as usize] =
                        Some(self.store.accounts.len() as u32);
                    self.store.accounts.push(account);
                }
            }
        }
        Ok(())
    }

    pub(super) fn daily(&mut self, i: usize) -> R<()> {
        let mut account = None;
        let mut day = None;
        let mut counts = [None; DailyCount::ALL.len()];
        let start = members(self, &DAILY, i, |p, key: Key<DailyCount>, at| {
            match key {
                Key::Named(0) => {
                    let path = || format!("daily[{i}].account");
                    if let Some(s) = values::id(&mut p.r, &mut p.sink, path)? {
                        account = Some(p.refs.reference(s, at, path));
                    }
                }
                Key::Named(_) => {
                    day = values::date(&mut p.r, &mut p.sink, || format!("daily[{i}].date"))?
                }
                Key::Count(c) => {
                    counts[c as usize] = values::count(&mut p.r, &mut p.sink, || {
                        format!("daily[{i}].{}", c.name())
                    })?;
                }
                _ => {}
            }
            Ok(())
        })?;
        let row = self.store.daily.account.len() as u32;
        let daily = &mut self.store.daily;
        daily.account.push(account.unwrap_or(u32::MAX));
        daily.day.push(day.unwrap_or_default());
        for (column, value) in daily.counts.iter_mut().zip(counts) {
            column.push(value);
        }
        daily.source.push(0);
        if let (Some(a), Some(d), Some(at)) = (account, day, start) {
            let key = (u64::from(a) << 32) | u64::from(d as u32);
            if let Some(&(first, line)) = self.daily_keys.get(&key) {
                let id = quote_preview(self.refs.ids.name(a));
                self.sink.error(
                    Some(at),
                    || format!("daily[{i}]"),
                    || {
                        trf(
                            "loader.duplicate_daily",
                            &[
                                ("id", &id),
                                ("date", &format_date(d)),
                                ("first", &first),
                                ("line", &line),
                            ],
                        )
                    },
                );
            } else {
                self.daily_keys.insert(key, (row, at.line));
            }
        }
        Ok(())
    }

    pub(super) fn web(&mut self, i: usize) -> R<()> {
        let mut day = None;
        let mut channel = None;
        let mut referrer = None;
        let mut counts = [None; WebCount::ALL.len()];
        let start = members(self, &WEB, i, |p, key: Key<WebCount>, _| {
            match key {
                Key::Named(0) => {
                    day = values::date(&mut p.r, &mut p.sink, || format!("web[{i}].date"))?
                }
                Key::Named(1) => channel = read_channel(p, || format!("web[{i}].channel"))?,
                Key::Named(_) => referrer = read_referrer(p, || format!("web[{i}].source"))?,
                Key::Count(c) => {
                    counts[c as usize] =
                        values::count(&mut p.r, &mut p.sink, || format!("web[{i}].{}", c.name()))?;
                }
                _ => {}
            }
            Ok(())
        })?;
        let row = self.store.web.day.len() as u32;
        let web = &mut self.store.web;
        web.day.push(day.unwrap_or_default());
        web.channel.push(channel.unwrap_or(Channel::Other));
        for (column, value) in web.counts.iter_mut().zip(counts) {
            column.push(value);
        }
        web.referrer.push(referrer.unwrap_or(NO_REFERRER));
        web.source.push(0);
        if let (Some(d), Some(c), Some(at)) = (day, channel, start) {
            let key = (u64::from(referrer.unwrap_or(NO_REFERRER)) << 40)
                | (u64::from(d as u32) << 8)
                | c as u64;
            if let Some(&(first, line)) = self.web_keys.get(&key) {
                let source = referrer.map_or(String::new(), |r| {
                    trf(
                        "loader.duplicate_web_source",
                        &[("source", &quote_preview(self.store.referrers.name(r)))],
                    )
                });
                self.sink.error(
                    Some(at),
                    || format!("web[{i}]"),
                    || {
                        trf(
                            "loader.duplicate_web",
                            &[
                                ("date", &format_date(d)),
                                ("channel", &c.name()),
                                ("source", &source),
                                ("first", &first),
                                ("line", &line),
                            ],
                        )
                    },
                );
            } else {
                self.web_keys.insert(key, (row, at.line));
            }
        }
        Ok(())
    }

    pub(super) fn web_total(&mut self, i: usize) -> R<()> {
        let mut from: Option<Day> = None;
        let mut to: Option<Day> = None;
        let mut to_at = None;
        let mut channel = None;
        let mut referrer = None;
        let mut counts = [None; WebCount::ALL.len()];
        members(self, &WEB_TOTAL, i, |p, key: Key<WebCount>, at| {
            match key {
                Key::Named(0) => {
                    from = values::date(&mut p.r, &mut p.sink, || format!("web_totals[{i}].from"))?
                }
                Key::Named(1) => {
                    to_at = Some(at);
                    to = values::date(&mut p.r, &mut p.sink, || format!("web_totals[{i}].to"))?;
                }
                Key::Named(2) => channel = read_channel(p, || format!("web_totals[{i}].channel"))?,
                Key::Named(_) => referrer = read_referrer(p, || format!("web_totals[{i}].source"))?,
                Key::Count(c) => {
                    counts[c as usize] = values::count(&mut p.r, &mut p.sink, || {
                        format!("web_totals[{i}].{}", c.name())
                    })?;
                }
                _ => {}
            }
            Ok(())
        })?;
        if let (Some(f), Some(t), Some(at)) = (from, to, to_at)
            && t < f
        {
            self.sink.error(
                Some(at),
                || format!("web_totals[{i}].to"),
                || {
                    trf(
                        "loader.to_before_from",
                        &[("to", &format_date(t)), ("from", &format_date(f))],
                    )
                },
            );
        }
        self.store.web_totals.push(WebTotal {
            from: from.unwrap_or_default(),
            to: to.unwrap_or_default(),
            channel: channel.unwrap_or(Channel::Other),
            counts,
            referrer,
            source: 0,
        });
        Ok(())
    }
}

/// Reads a web row's `source` (a platform name or a domain) and interns it; `null` is no
/// source (a warehouse writes absent cells so); an empty or blank name is refused, since it would read as "no source" in one place and a source in
/// another.
fn read_referrer<S: Read>(p: &mut Parser<S>, path: impl Fn() -> String) -> R<Option<u32>> {
    p.r.peek()?;
    let at = p.r.pos();
    let Some(text) = values::string(&mut p.r, &mut p.sink, &path, true)? else {
        return Ok(None);
    };
    let name = text.trim();
    if name.is_empty() {
        p.sink
            .error(Some(at), &path, || tr("loader.empty_source").to_owned());
        return Ok(None);
    }
    let name = name.to_owned();
    Ok(Some(p.store.referrers.intern(&name)))
}

fn read_channel<S: Read>(p: &mut Parser<S>, path: impl FnOnce() -> String) -> R<Option<Channel>> {
    values::parsed(
        &mut p.r,
        &mut p.sink,
        path,
        false,
        Channel::expected,
        Channel::parse,
        |s| values::case_hint(s, Channel::parse),
    )
}
