//! The payload of a cache entry: a store, the findings of its load and the bytes read, as
//! length-prefixed little-endian columns. Every column is written as it is held in memory, so
//! reading one back is a copy, not a parse. A reader checks every length against what is
//! left of the payload and every index against what it points into, so a damaged entry is an
//! error, never a panic (the checksum over the payload is checked by the caller too).

use std::io::{self, Read, Write};

use super::hash::Hasher;
use crate::calendar::Timestamp;
use crate::snapshot::diagnostics::{Diagnostic, Findings, Severity};
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use crate::snapshot::store::{
    Account, CountColumn, Daily, Interner, Posts, SourceFile, Store, StrColumn, Web, WebTotal,
};

/// A fixed-width little-endian value.
trait Le: Copy {
    const N: usize;
    fn put(self, out: &mut [u8]);
    fn get(bytes: &[u8]) -> Self;
}

macro_rules! le {
    ($($t:ty),+) => {$(
        impl Le for $t {
            const N: usize = std::mem::size_of::<$t>();
            #[inline(always)]
            fn put(self, out: &mut [u8]) {
                out.copy_from_slice(&self.to_le_bytes());
            }
            #[inline(always)]
            fn get(bytes: &[u8]) -> Self {
                let mut b = [0u8; std::mem::size_of::<$t>()];
                b.copy_from_slice(bytes);
                <$t>::from_le_bytes(b)
            }
        }
    )+};
}
le!(u8, u16, u32, u64, i16, i32, i64);

/// Bytes converted per piece when a column is written or read.
const PIECE: usize = 1 << 20;

/// Writes the payload, hashing and counting it.
pub struct Out<W: Write> {
    w: W,
    hasher: Hasher,
    len: u64,
    scratch: Vec<u8>,
}

impl<W: Write> Out<W> {
    pub fn new(w: W) -> Self {
        Out {
            w,
            hasher: Hasher::new(),
            len: 0,
            scratch: Vec::new(),
        }
    }

    /// The writer back, with the payload's length and checksum.
    pub fn finish(self) -> (W, u64, u64) {
        (self.w, self.len, self.hasher.finish())
    }

    fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
        self.w.write_all(bytes)
    }

    fn val<T: Le>(&mut self, v: T) -> io::Result<()> {
        let mut b = [0u8; 8];
        v.put(&mut b[..T::N]);
        self.raw(&b[..T::N])
    }

    fn len_of(&mut self, n: usize) -> io::Result<()> {
        self.val(n as u64)
    }

    fn str(&mut self, s: &str) -> io::Result<()> {
        self.len_of(s.len())?;
        self.raw(s.as_bytes())
    }

    fn opt_str(&mut self, s: Option<&str>) -> io::Result<()> {
        match s {
            None => self.val(0u8),
            Some(s) => {
                self.val(1u8)?;
                self.str(s)
            }
        }
    }

    fn opt_u64(&mut self, v: Option<u64>) -> io::Result<()> {
        match v {
            None => self.val(0u8),
            Some(v) => {
                self.val(1u8)?;
                self.val(v)
            }
        }
    }

    fn opt_ts(&mut self, t: Option<Timestamp>) -> io::Result<()> {
        match t {
            None => self.val(0u8),
            Some(t) => {
                self.val(1u8)?;
                self.val(t.utc)?;
                self.val(t.offset_min)
            }
        }
    }

    fn slice<T: Le>(&mut self, values: &[T]) -> io::Result<()> {
        self.len_of(values.len())?;
        let mut scratch = std::mem::take(&mut self.scratch);
        for piece in values.chunks(PIECE / 8) {
            scratch.clear();
            scratch.resize(piece.len() * T::N, 0);
            for (v, out) in piece.iter().zip(scratch.chunks_exact_mut(T::N)) {
                v.put(out);
            }
            self.raw(&scratch)?;
        }
        self.scratch = scratch;
        Ok(())
    }

    fn enums(&mut self, values: impl ExactSizeIterator<Item = u8>) -> io::Result<()> {
        let bytes: Vec<u8> = values.collect();
        self.len_of(bytes.len())?;
        self.raw(&bytes)
    }

    fn str_column(&mut self, column: &StrColumn) -> io::Result<()> {
        let (offsets, text) = column.parts();
        self.slice(offsets)?;
        self.str(text)
    }

    fn counts(&mut self, columns: &[CountColumn]) -> io::Result<()> {
        for c in columns {
            self.slice(c.raw())?;
        }
        Ok(())
    }

    fn diagnostics(&mut self, list: &[Diagnostic]) -> io::Result<()> {
        self.len_of(list.len())?;
        for d in list {
            self.val(match d.severity {
                Severity::Error => 0u8,
                Severity::Warning => 1u8,
            })?;
            self.str(&d.file)?;
            self.opt_u64(d.line.map(u64::from))?;
            self.opt_u64(d.column.map(u64::from))?;
            self.str(&d.path)?;
            self.str(&d.message)?;
        }
        Ok(())
    }

    /// Writes everything a load produced.
    pub fn payload(&mut self, store: &Store, findings: &Findings, bytes: u64) -> io::Result<()> {
        self.opt_str(store.title.as_deref())?;
        self.opt_ts(store.exported_at)?;
        self.val(store.utc_offset_min)?;
        self.len_of(store.accounts.len())?;
        for a in &store.accounts {
            self.str(&a.id)?;
            self.val(a.platform as u8)?;
            self.opt_str(a.handle.as_deref())?;
            self.opt_str(a.name.as_deref())?;
        }
        self.len_of(store.tags.len())?;
        for name in store.tags.names() {
            self.str(name)?;
        }
        let p = &store.posts;
        self.slice(&p.account)?;
        self.slice(&p.published)?;
        self.slice(&p.offset_min)?;
        self.slice(&p.day)?;
        self.enums(p.format.iter().map(|&f| f as u8))?;
        self.str_column(&p.id)?;
        self.str_column(&p.text)?;
        self.str_column(&p.url)?;
        self.slice(&p.tag_offsets)?;
        self.slice(&p.tag_ids)?;
        self.counts(&p.counts)?;
        self.slice(&p.source)?;
        let d = &store.daily;
        self.slice(&d.account)?;
        self.slice(&d.day)?;
        self.counts(&d.counts)?;
        self.slice(&d.source)?;
        let w = &store.web;
        self.slice(&w.day)?;
        self.enums(w.channel.iter().map(|&c| c as u8))?;
        self.counts(&w.counts)?;
        self.slice(&w.source)?;
        self.slice(&w.referrer)?;
        self.len_of(store.web_totals.len())?;
        for t in &store.web_totals {
            self.val(t.from)?;
            self.val(t.to)?;
            self.val(t.channel as u8)?;
            for &c in &t.counts {
                self.opt_u64(c)?;
            }
            self.opt_u64(t.referrer.map(u64::from))?;
            self.val(t.source)?;
        }
        self.len_of(store.referrers.len())?;
        for name in store.referrers.names() {
            self.str(name)?;
        }
        self.len_of(store.sources.len())?;
        for s in &store.sources {
            self.str(&s.name)?;
            self.opt_str(s.title.as_deref())?;
            self.opt_ts(s.exported_at)?;
            self.val(s.utc_offset_min)?;
        }
        self.diagnostics(&findings.errors)?;
        self.len_of(findings.errors_omitted)?;
        self.diagnostics(&findings.warnings)?;
        self.len_of(findings.warnings_omitted)?;
        self.val(bytes)
    }
}

/// A damaged or foreign payload.
pub fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("cache entry: {what}"))
}

/// Reads a payload of a known length, hashing it.
pub struct In<R: Read> {
    r: R,
    hasher: Hasher,
    left: u64,
    scratch: Vec<u8>,
}

impl<R: Read> In<R> {
    pub fn new(r: R, len: u64) -> Self {
        In {
            r,
            hasher: Hasher::new(),
            left: len,
            scratch: Vec::new(),
        }
    }

    /// The checksum of what was read, once all of it was.
    pub fn finish(self) -> io::Result<u64> {
        if self.left != 0 {
            return Err(bad("bytes after the payload"));
        }
        Ok(self.hasher.finish())
    }

    fn fill(&mut self, buf: &mut [u8]) -> io::Result<()> {
        if buf.len() as u64 > self.left {
            return Err(bad("a length beyond the payload"));
        }
        self.r.read_exact(buf)?;
        self.hasher.update(buf);
        self.left -= buf.len() as u64;
        Ok(())
    }

    fn val<T: Le>(&mut self) -> io::Result<T> {
        let mut b = [0u8; 8];
        self.fill(&mut b[..T::N])?;
        Ok(T::get(&b[..T::N]))
    }

    /// A count of items of `width` bytes each, checked against what is left.
    fn len_of(&mut self, width: u64) -> io::Result<usize> {
        let n: u64 = self.val()?;
        if n.saturating_mul(width.max(1)) > self.left {
            return Err(bad("a length beyond the payload"));
        }
        usize::try_from(n).map_err(|_| bad("a length beyond memory"))
    }

    /// A number of things not in the payload (messages omitted).
    fn count(&mut self) -> io::Result<usize> {
        usize::try_from(self.val::<u64>()?).map_err(|_| bad("a count beyond memory"))
    }

    fn bytes(&mut self) -> io::Result<Vec<u8>> {
        let n = self.len_of(1)?;
        let mut v = vec![0u8; n];
        self.fill(&mut v)?;
        Ok(v)
    }

    fn string(&mut self) -> io::Result<String> {
        String::from_utf8(self.bytes()?).map_err(|_| bad("text that is not UTF-8"))
    }

    fn flag(&mut self) -> io::Result<bool> {
        match self.val::<u8>()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(bad("a bad flag")),
        }
    }

    fn opt_str(&mut self) -> io::Result<Option<String>> {
        if self.flag()? {
            self.string().map(Some)
        } else {
            Ok(None)
        }
    }

    fn opt_u64(&mut self) -> io::Result<Option<u64>> {
        if self.flag()? {
            self.val().map(Some)
        } else {
            Ok(None)
        }
    }

    fn opt_u32(&mut self) -> io::Result<Option<u32>> {
        self.opt_u64()?
            .map(|v| u32::try_from(v).map_err(|_| bad("a position out of range")))
            .transpose()
    }

    fn opt_ts(&mut self) -> io::Result<Option<Timestamp>> {
        if self.flag()? {
            Ok(Some(Timestamp {
                utc: self.val()?,
                offset_min: self.val()?,
            }))
        } else {
            Ok(None)
        }
    }

    fn vec<T: Le>(&mut self) -> io::Result<Vec<T>> {
        let n = self.len_of(T::N as u64)?;
        let mut out = Vec::with_capacity(n);
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut left = n;
        while left > 0 {
            let take = left.min(PIECE / T::N.max(1));
            scratch.resize(take * T::N, 0);
            self.fill(&mut scratch)?;
            out.extend(scratch.chunks_exact(T::N).map(T::get));
            left -= take;
        }
        self.scratch = scratch;
        Ok(out)
    }

    fn enums<E: Copy>(&mut self, all: &[E]) -> io::Result<Vec<E>> {
        self.bytes()?
            .into_iter()
            .map(|b| {
                all.get(b as usize)
                    .copied()
                    .ok_or_else(|| bad("a bad name"))
            })
            .collect()
    }

    fn one_enum<E: Copy>(&mut self, all: &[E]) -> io::Result<E> {
        let b: u8 = self.val()?;
        all.get(b as usize)
            .copied()
            .ok_or_else(|| bad("a bad name"))
    }

    fn str_column(&mut self) -> io::Result<StrColumn> {
        let offsets = self.vec()?;
        let text = self.string()?;
        StrColumn::from_parts(offsets, text).ok_or_else(|| bad("a text column out of order"))
    }

    fn counts<const N: usize>(&mut self) -> io::Result<[CountColumn; N]> {
        let mut out: [CountColumn; N] = std::array::from_fn(|_| CountColumn::default());
        for c in &mut out {
            *c = CountColumn::from_raw(self.vec()?);
        }
        Ok(out)
    }

    fn diagnostics(&mut self) -> io::Result<Vec<Diagnostic>> {
        let n = self.len_of(1)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let severity = match self.val::<u8>()? {
                0 => Severity::Error,
                1 => Severity::Warning,
                _ => return Err(bad("a bad severity")),
            };
            out.push(Diagnostic {
                severity,
                file: self.string()?,
                line: self.opt_u32()?,
                column: self.opt_u32()?,
                path: self.string()?,
                message: self.string()?,
            });
        }
        Ok(out)
    }

    /// Reads what [`Out::payload`] wrote, and checks that every index points somewhere.
    pub fn payload(&mut self) -> io::Result<(Store, Findings, u64)> {
        let title = self.opt_str()?;
        let exported_at = self.opt_ts()?;
        let utc_offset_min = self.val()?;
        let n = self.len_of(1)?;
        let mut accounts = Vec::with_capacity(n);
        for _ in 0..n {
            accounts.push(Account {
                id: self.string()?,
                platform: self.one_enum(Platform::ALL)?,
                handle: self.opt_str()?,
                name: self.opt_str()?,
            });
        }
        let n = self.len_of(1)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(self.string()?);
        }
        let tags = Interner::from_names(names).ok_or_else(|| bad("a tag twice"))?;
        let posts = Posts {
            account: self.vec()?,
            published: self.vec()?,
            offset_min: self.vec()?,
            day: self.vec()?,
            format: self.enums(PostFormat::ALL)?,
            id: self.str_column()?,
            text: self.str_column()?,
            url: self.str_column()?,
            tag_offsets: self.vec()?,
            tag_ids: self.vec()?,
            counts: self.counts::<{ PostCount::ALL.len() }>()?,
            source: self.vec()?,
        };
        let daily = Daily {
            account: self.vec()?,
            day: self.vec()?,
            counts: self.counts::<{ DailyCount::ALL.len() }>()?,
            source: self.vec()?,
        };
        let web = Web {
            day: self.vec()?,
            channel: self.enums(Channel::ALL)?,
            counts: self.counts::<{ WebCount::ALL.len() }>()?,
            source: self.vec()?,
            referrer: self.vec()?,
        };
        let n = self.len_of(1)?;
        let mut web_totals = Vec::with_capacity(n);
        for _ in 0..n {
            let from = self.val()?;
            let to = self.val()?;
            let channel = self.one_enum(Channel::ALL)?;
            let mut counts = [None; WebCount::ALL.len()];
            for c in &mut counts {
                *c = self.opt_u64()?;
            }
            let referrer = match self.opt_u64()? {
                Some(r) => Some(u32::try_from(r).map_err(|_| bad("a source id out of range"))?),
                None => None,
            };
            web_totals.push(WebTotal {
                from,
                to,
                channel,
                counts,
                referrer,
                source: self.val()?,
            });
        }
        let n = self.len_of(1)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(self.string()?);
        }
        let referrers = Interner::from_names(names).ok_or_else(|| bad("a web source twice"))?;
        let n = self.len_of(1)?;
        let mut sources = Vec::with_capacity(n);
        for _ in 0..n {
            sources.push(SourceFile {
                name: self.string()?,
                title: self.opt_str()?,
                exported_at: self.opt_ts()?,
                utc_offset_min: self.val()?,
            });
        }
        let errors = self.diagnostics()?;
        let errors_omitted = self.count()?;
        let warnings = self.diagnostics()?;
        let warnings_omitted = self.count()?;
        let bytes = self.val()?;
        let store = Store {
            title,
            exported_at,
            utc_offset_min,
            accounts,
            tags,
            posts,
            daily,
            web,
            web_totals,
            referrers,
            sources,
        };
        check(&store)?;
        let findings = Findings {
            errors,
            errors_omitted,
            warnings,
            warnings_omitted,
        };
        Ok((store, findings, bytes))
    }
}

fn below(mut values: impl Iterator<Item = usize>, n: usize) -> bool {
    values.all(|v| v < n)
}

/// The store's invariants that indexing relies on: columns of a table of one length, and
/// every account, tag and source index in range.
fn check(store: &Store) -> io::Result<()> {
    let p = &store.posts;
    let n = p.len();
    let rows_ok = [
        p.published.len(),
        p.offset_min.len(),
        p.format.len(),
        p.id.len(),
        p.text.len(),
        p.url.len(),
        p.source.len(),
    ]
    .iter()
    .chain(
        p.counts
            .iter()
            .map(CountColumn::len)
            .collect::<Vec<_>>()
            .iter(),
    )
    .all(|&l| l == n)
        && (p.day.len() == n || p.day.is_empty());
    let tags_ok = if p.tag_offsets.is_empty() {
        n == 0
    } else {
        p.tag_offsets.len() == n + 1
            && p.tag_offsets.windows(2).all(|w| w[0] <= w[1])
            && p.tag_offsets
                .last()
                .is_some_and(|&l| l as usize <= p.tag_ids.len())
    };
    let d = &store.daily;
    let daily_ok = d.day.len() == d.len()
        && d.source.len() == d.len()
        && d.counts.iter().all(|c| c.len() == d.len());
    let w = &store.web;
    let referrers = store.referrers.len();
    let web_ok = w.channel.len() == w.len()
        && w.source.len() == w.len()
        && w.referrer.len() == w.len()
        && w.referrer
            .iter()
            .all(|&r| r == crate::snapshot::store::NO_REFERRER || (r as usize) < referrers)
        && store
            .web_totals
            .iter()
            .all(|t| t.referrer.is_none_or(|r| (r as usize) < referrers))
        && w.counts.iter().all(|c| c.len() == w.len());
    let accounts = store.accounts.len();
    let sources = store.sources.len();
    let indices_ok = below(p.account.iter().map(|&a| a as usize), accounts)
        && below(d.account.iter().map(|&a| a as usize), accounts)
        && below(p.tag_ids.iter().map(|&t| t as usize), store.tags.len())
        && below(
            p.source
                .iter()
                .chain(&d.source)
                .chain(&w.source)
                .map(|&s| s as usize)
                .chain(store.web_totals.iter().map(|t| t.source as usize)),
            sources,
        );
    if rows_ok && tags_ok && daily_ok && web_ok && indices_ok {
        Ok(())
    } else {
        Err(bad("columns that do not fit together"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store with every kind of row (a web total added by hand: snapshots have none) and a
    /// warning, encoded.
    fn encoded() -> Vec<u8> {
        let json = include_bytes!("../../../tests/fixtures/valid/every-field.json");
        let parsed =
            crate::snapshot::parse_snapshot(&json[..], "every-field.json", Default::default())
                .unwrap();
        let mut store = parsed.store.unwrap();
        assert!(!store.posts.is_empty() && !store.daily.is_empty() && !store.web.is_empty());
        store.web_totals.push(WebTotal {
            from: 20_000,
            to: 20_027,
            channel: Channel::ALL[1],
            counts: std::array::from_fn(|i| (i % 2 == 0).then_some(i as u64 * 7)),
            referrer: None,
            source: 0,
        });
        let mut findings = parsed.findings;
        findings.warnings.push(Diagnostic {
            severity: Severity::Warning,
            file: "every-field.json".into(),
            line: Some(3),
            column: None,
            path: "posts[0]".into(),
            message: "a warning".into(),
        });
        findings.warnings_omitted = 5;
        let mut out = Out::new(Vec::new());
        out.payload(&store, &findings, json.len() as u64).unwrap();
        out.finish().0
    }

    fn decode(bytes: &[u8]) -> io::Result<((Store, Findings, u64), u64)> {
        let mut input = In::new(bytes, bytes.len() as u64);
        let payload = input.payload()?;
        Ok((payload, input.finish()?))
    }

    #[test]
    fn round_trip_is_exact() {
        let bytes = encoded();
        let ((store, findings, n), sum) = decode(&bytes).unwrap();
        assert_eq!(sum, super::super::hash::hash(&bytes));
        assert!(findings.warnings.iter().any(|w| w.message == "a warning"));
        assert_eq!(findings.warnings_omitted, 5);
        assert!(store.web_totals.iter().any(|t| t.from == 20_000));
        let mut again = Out::new(Vec::new());
        again.payload(&store, &findings, n).unwrap();
        assert_eq!(
            again.finish().0,
            bytes,
            "what is read back writes the same bytes"
        );
    }

    #[test]
    fn damage_is_an_error_or_a_checksum_mismatch_never_a_panic() {
        let bytes = encoded();
        let sum = super::super::hash::hash(&bytes);
        for cut in 0..bytes.len() {
            let mut input = In::new(&bytes[..cut], bytes.len() as u64);
            assert!(input.payload().is_err(), "cut at {cut}");
        }
        for at in 0..bytes.len() {
            for bit in [0x01, 0x80] {
                let mut b = bytes.clone();
                b[at] ^= bit;
                if let Ok((_, got)) = decode(&b) {
                    assert_ne!(got, sum, "flip at {at}");
                }
            }
        }
    }
}
