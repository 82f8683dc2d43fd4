//! Writing a store as snapshot format v1, one record per line. `engage import -o` uses it,
//! and a round trip through the loader gives back the same store.

use std::io::{self, Write};

use super::model::{DailyCount, FORMAT_NAME, FORMAT_VERSION, PostCount, WebCount};
use super::store::Store;
use crate::calendar::{format_date, format_offset};

fn string(out: &mut impl Write, s: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *out, s).map_err(io::Error::other)
}

fn counts<'a>(
    out: &mut impl Write,
    fields: impl Iterator<Item = (&'a str, Option<u64>)>,
) -> io::Result<()> {
    for (name, value) in fields {
        if let Some(v) = value {
            write!(out, ", \"{name}\": {v}")?;
        }
    }
    Ok(())
}

/// Writes `store` as a v1 snapshot. Unknown counts are left out (absent means not known).
pub fn write_snapshot(store: &Store, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"format\": \"{FORMAT_NAME}\",")?;
    writeln!(out, "  \"version\": {FORMAT_VERSION},")?;
    if let Some(title) = &store.title {
        write!(out, "  \"title\": ")?;
        string(out, title)?;
        writeln!(out, ",")?;
    }
    if let Some(at) = store.exported_at {
        writeln!(out, "  \"exported_at\": \"{at}\",")?;
    }
    writeln!(
        out,
        "  \"utc_offset\": \"{}\",",
        format_offset(store.utc_offset_min)
    )?;
    writeln!(out, "  \"accounts\": [")?;
    for (i, a) in store.accounts.iter().enumerate() {
        write!(out, "    {{\"id\": ")?;
        string(out, &a.id)?;
        write!(out, ", \"platform\": \"{}\"", a.platform)?;
        if let Some(h) = &a.handle {
            write!(out, ", \"handle\": ")?;
            string(out, h)?;
        }
        if let Some(n) = &a.name {
            write!(out, ", \"name\": ")?;
            string(out, n)?;
        }
        writeln!(
            out,
            "}}{}",
            if i + 1 < store.accounts.len() {
                ","
            } else {
                ""
            }
        )?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, "  \"posts\": [")?;
    let posts = &store.posts;
    for row in 0..posts.len() {
        let account = &store.accounts[posts.account[row] as usize].id;
        write!(out, "    {{\"id\": ")?;
        string(out, posts.id.get(row))?;
        write!(out, ", \"account\": ")?;
        string(out, account)?;
        write!(
            out,
            ", \"published_at\": \"{}\", \"format\": \"{}\"",
            posts.published_at(row),
            posts.format[row]
        )?;
        let text = posts.text.get(row);
        if !text.is_empty() {
            write!(out, ", \"text\": ")?;
            string(out, text)?;
        }
        let tags = posts.tags(row);
        if !tags.is_empty() {
            write!(out, ", \"tags\": [")?;
            for (k, t) in tags.iter().enumerate() {
                if k > 0 {
                    write!(out, ", ")?;
                }
                string(out, store.tags.name(*t))?;
            }
            write!(out, "]")?;
        }
        let url = posts.url.get(row);
        if !url.is_empty() {
            write!(out, ", \"url\": ")?;
            string(out, url)?;
        }
        counts(
            out,
            PostCount::ALL
                .iter()
                .map(|c| (c.name(), posts.count(*c, row))),
        )?;
        writeln!(out, "}}{}", if row + 1 < posts.len() { "," } else { "" })?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, "  \"daily\": [")?;
    let daily = &store.daily;
    for row in 0..daily.len() {
        write!(out, "    {{\"account\": ")?;
        string(out, &store.accounts[daily.account[row] as usize].id)?;
        write!(out, ", \"date\": \"{}\"", format_date(daily.day[row]))?;
        counts(
            out,
            DailyCount::ALL
                .iter()
                .map(|c| (c.name(), daily.count(*c, row))),
        )?;
        writeln!(out, "}}{}", if row + 1 < daily.len() { "," } else { "" })?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, "  \"web\": [")?;
    let web = &store.web;
    for row in 0..web.len() {
        write!(
            out,
            "    {{\"date\": \"{}\", \"channel\": \"{}\"",
            format_date(web.day[row]),
            web.channel[row]
        )?;
        counts(
            out,
            WebCount::ALL.iter().map(|c| (c.name(), web.count(*c, row))),
        )?;
        writeln!(out, "}}{}", if row + 1 < web.len() { "," } else { "" })?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, "  \"web_totals\": [")?;
    for (i, t) in store.web_totals.iter().enumerate() {
        write!(
            out,
            "    {{\"from\": \"{}\", \"to\": \"{}\", \"channel\": \"{}\"",
            format_date(t.from),
            format_date(t.to),
            t.channel
        )?;
        counts(
            out,
            WebCount::ALL
                .iter()
                .zip(t.counts)
                .map(|(c, v)| (c.name(), v)),
        )?;
        writeln!(
            out,
            "}}{}",
            if i + 1 < store.web_totals.len() {
                ","
            } else {
                ""
            }
        )?;
    }
    writeln!(out, "  ]")?;
    writeln!(out, "}}")
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
        // The demo writes the same records, though laid out differently.
        assert!(out.len() > DEMO_JSON.len() / 2);
    }
}
