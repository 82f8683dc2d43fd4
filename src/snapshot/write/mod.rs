//! Writing snapshot format v1, one record per line: the one layout every snapshot engage
//! writes has, whether it comes from a [`Store`] (`engage import -o`, which a round trip
//! through the loader gives back) or is streamed record by record (the demo generator, which
//! never holds a store).
//!
//! A file is [`write_head`], then each section as an [`Array`] of [`Record`]s, then
//! [`write_end`]. An empty section is written `[]`.

mod record;

use std::io::{self, Write};

pub use record::{Array, Record};

use super::model::{DailyCount, FORMAT_NAME, FORMAT_VERSION, PostCount, WebCount};
use super::store::Store;
use crate::calendar::{format_date, format_offset};

/// The members before the sections.
pub struct Head<'a> {
    pub title: Option<&'a str>,
    pub exported_at: Option<&'a str>,
    pub utc_offset: &'a str,
}

/// Opens the snapshot object and writes its head; the first [`Array`] follows it.
pub fn write_head(out: &mut impl Write, head: &Head) -> io::Result<()> {
    let mut buf = Vec::with_capacity(256);
    buf.extend_from_slice(b"{\n  \"format\": ");
    record::escape_into(FORMAT_NAME, &mut buf);
    buf.extend_from_slice(format!(",\n  \"version\": {FORMAT_VERSION}").as_bytes());
    for (key, value) in [
        ("title", head.title),
        ("exported_at", head.exported_at),
        ("utc_offset", Some(head.utc_offset)),
    ] {
        if let Some(value) = value {
            buf.extend_from_slice(format!(",\n  \"{key}\": ").as_bytes());
            record::escape_into(value, &mut buf);
        }
    }
    out.write_all(&buf)
}

/// Closes the snapshot object after its last [`Array`].
pub fn write_end(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\n}\n")
}

/// Writes `store` as a v1 snapshot. Unknown counts are left out (absent means not known).
pub fn write_snapshot(store: &Store, out: &mut impl Write) -> io::Result<()> {
    let exported_at = store.exported_at.map(|t| t.to_string());
    write_head(
        out,
        &Head {
            title: store.title.as_deref(),
            exported_at: exported_at.as_deref(),
            utc_offset: &format_offset(store.utc_offset_min),
        },
    )?;
    write_sections(store, &mut JsonSections { out, array: None })?;
    write_end(out)
}

/// Where the records of each section go: the arrays of one snapshot file, or a file per
/// table (NDJSON snapshot tables).
pub trait Sections {
    fn open(&mut self, name: &str) -> io::Result<()>;
    fn record(&mut self, record: &Record) -> io::Result<()>;
    fn close(&mut self) -> io::Result<()>;
}

/// The sections as the arrays of one snapshot object.
struct JsonSections<'w, W: Write> {
    out: &'w mut W,
    array: Option<Array>,
}

impl<W: Write> Sections for JsonSections<'_, W> {
    fn open(&mut self, name: &str) -> io::Result<()> {
        self.array = Some(Array::open(self.out, name)?);
        Ok(())
    }

    fn record(&mut self, record: &Record) -> io::Result<()> {
        match self.array.as_mut() {
            Some(a) => a.push(self.out, record),
            None => Err(io::Error::other("a record outside a section")),
        }
    }

    fn close(&mut self) -> io::Result<()> {
        match self.array.take() {
            Some(a) => a.close(self.out),
            None => Ok(()),
        }
    }
}

/// Writes every record of `store`, section by section (accounts, posts, daily, web,
/// web_totals), streamed: a million posts never exist as anything but the store's columns
/// and one record's buffer.
pub fn write_sections(store: &Store, out: &mut dyn Sections) -> io::Result<()> {
    let mut r = Record::default();
    out.open("accounts")?;
    for a in &store.accounts {
        r.begin();
        r.str("id", &a.id);
        r.str("platform", a.platform.name());
        if let Some(h) = &a.handle {
            r.str("handle", h);
        }
        if let Some(n) = &a.name {
            r.str("name", n);
        }
        r.end();
        out.record(&r)?;
    }
    out.close()?;

    // Rows name their account by its index in the store, which the store keeps valid.
    let account = |index: u32| store.accounts[index as usize].id.as_str();
    let posts = &store.posts;
    out.open("posts")?;
    for row in 0..posts.len() {
        r.begin();
        r.str("id", posts.id.get(row));
        r.str("account", account(posts.account[row]));
        r.display("published_at", posts.published_at(row));
        r.str("format", posts.format[row].name());
        let text = posts.text.get(row);
        if !text.is_empty() {
            r.str("text", text);
        }
        let tags = posts.tags(row);
        if !tags.is_empty() {
            r.strs("tags", tags.iter().map(|&t| store.tags.name(t)));
        }
        let url = posts.url.get(row);
        if !url.is_empty() {
            r.str("url", url);
        }
        for c in PostCount::ALL {
            r.opt(c.name(), posts.count(*c, row));
        }
        r.end();
        out.record(&r)?;
    }
    out.close()?;

    let daily = &store.daily;
    out.open("daily")?;
    for row in 0..daily.len() {
        r.begin();
        r.str("account", account(daily.account[row]));
        r.str("date", &format_date(daily.day[row]));
        for c in DailyCount::ALL {
            r.opt(c.name(), daily.count(*c, row));
        }
        r.end();
        out.record(&r)?;
    }
    out.close()?;

    let web = &store.web;
    out.open("web")?;
    for row in 0..web.len() {
        r.begin();
        r.str("date", &format_date(web.day[row]));
        r.str("channel", web.channel[row].name());
        if let Some(id) = web.referrer_of(row) {
            r.str("source", store.referrers.name(id));
        }
        for c in WebCount::ALL {
            r.opt(c.name(), web.count(*c, row));
        }
        r.end();
        out.record(&r)?;
    }
    out.close()?;

    out.open("web_totals")?;
    for t in &store.web_totals {
        r.begin();
        r.str("from", &format_date(t.from));
        r.str("to", &format_date(t.to));
        r.str("channel", t.channel.name());
        if let Some(id) = t.referrer {
            r.str("source", store.referrers.name(id));
        }
        for (c, v) in WebCount::ALL.iter().zip(t.counts) {
            r.opt(c.name(), v);
        }
        r.end();
        out.record(&r)?;
    }
    out.close()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::load::{DEMO_JSON, load_demo};
    use crate::snapshot::{LoadControl, parse_snapshot};

    #[test]
    fn the_demo_round_trips() {
        let store = load_demo().store.unwrap();
        let mut out = Vec::new();
        write_snapshot(&store, &mut out).unwrap();
        let again = parse_snapshot(out.as_slice(), "written.json", LoadControl::default()).unwrap();
        assert!(
            again.findings.errors.is_empty(),
            "{:?}",
            again.findings.errors
        );
        let back = again.store.unwrap();
        assert_eq!(back.posts.len(), store.posts.len());
        assert_eq!(back.daily.len(), store.daily.len());
        assert_eq!(back.web.len(), store.web.len());
        for row in [0, 1, store.posts.len() - 1] {
            assert_eq!(back.posts.id.get(row), store.posts.id.get(row));
            assert_eq!(back.posts.text.get(row), store.posts.text.get(row));
            assert_eq!(back.posts.published_at(row), store.posts.published_at(row));
            for c in PostCount::ALL {
                assert_eq!(back.posts.count(*c, row), store.posts.count(*c, row));
            }
        }
        // The demo writes the same records, with its own key order and `null`s.
        assert!(out.len() > DEMO_JSON.len() / 2);
    }
}
