//! What a loaded snapshot holds: accounts, date ranges, posts per account, platform and
//! format, and field coverage (which counts are known for what share of posts and days).
//!
//! Coverage comes first for an analyst: a metric over a field known for 3% of posts is not a
//! metric, and "missing" must never be read as zero.

use std::fmt::Write as _;

use serde::Serialize;

use crate::calendar::{Day, format_date, format_offset};
use crate::i18n::{tr, trf};
use crate::snapshot::load::FileReport;
use crate::snapshot::merge::RowCounts;
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use crate::snapshot::store::Store;
use crate::text::{escape_controls, share, thousands};

/// Known values out of rows, for one field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub field: &'static str,
    pub known: usize,
    pub rows: usize,
}

/// A span of days, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRange {
    pub first: Day,
    pub last: Day,
}

impl DayRange {
    /// The range `r` widened to include `day` (or just `day`).
    pub fn widen(r: Option<DayRange>, day: Day) -> DayRange {
        match r {
            None => DayRange {
                first: day,
                last: day,
            },
            Some(r) => DayRange {
                first: r.first.min(day),
                last: r.last.max(day),
            },
        }
    }

    pub fn days(&self) -> i64 {
        i64::from(self.last) - i64::from(self.first) + 1
    }
}

impl Serialize for DayRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DayRange", 2)?;
        st.serialize_field("from", &format_date(self.first))?;
        st.serialize_field("to", &format_date(self.last))?;
        st.end()
    }
}

impl std::fmt::Display for DayRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", format_date(self.first), format_date(self.last))
    }
}

/// The latest known follower count of an account and its day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Followers {
    pub count: u64,
    pub day: Day,
}

impl Serialize for Followers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Followers", 2)?;
        st.serialize_field("count", &self.count)?;
        st.serialize_field("date", &format_date(self.day))?;
        st.end()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccountSummary {
    pub id: String,
    pub platform: Platform,
    pub handle: Option<String>,
    pub name: Option<String>,
    pub posts: usize,
    pub post_range: Option<DayRange>,
    pub daily_rows: usize,
    pub daily_range: Option<DayRange>,
    pub latest_followers: Option<Followers>,
    pub post_formats: Vec<(PostFormat, usize)>,
    pub post_coverage: Vec<Coverage>,
    pub daily_coverage: Vec<Coverage>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformSummary {
    pub platform: Platform,
    pub accounts: usize,
    pub posts: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WebSummary {
    pub rows: usize,
    pub range: Option<DayRange>,
    pub days: usize,
    pub channels: Vec<(Channel, usize)>,
    pub coverage: Vec<Coverage>,
    pub totals: usize,
    /// Referring sources (`instagram`, `news.example.com`) with their rows, most rows first:
    /// which platforms the website data can be read by.
    pub sources: Vec<(String, usize)>,
}

/// What one file brought to the merged data: its rows, those kept, and the rows of other
/// files it replaced (a later export of the same post or day, or, unwanted, another account's
/// rows landing on the same account id).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileRows {
    pub file: String,
    pub rows: RowCounts,
    pub kept: RowCounts,
    pub replaced: RowCounts,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub title: Option<String>,
    pub exported_at: Option<String>,
    pub utc_offset: String,
    pub sources: Vec<String>,
    /// Rows per file, when the summary is of files opened together ([`Summary::with_files`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileRows>,
    pub posts: usize,
    pub post_range: Option<DayRange>,
    pub accounts: Vec<AccountSummary>,
    pub platforms: Vec<PlatformSummary>,
    pub tags: Vec<(String, usize)>,
    pub web: WebSummary,
}

fn range(days: impl Iterator<Item = Day>) -> Option<DayRange> {
    days.fold(None, |acc, d| Some(DayRange::widen(acc, d)))
}

/// Describes `store` in one pass over each record kind.
pub fn summarize(store: &Store) -> Summary {
    let n_acc = store.accounts.len();
    let posts = &store.posts;
    let mut post_count = vec![0usize; n_acc];
    let mut post_known = vec![[0usize; PostCount::ALL.len()]; n_acc];
    let mut formats = vec![[0usize; PostFormat::ALL.len()]; n_acc];
    let mut post_ranges: Vec<Option<DayRange>> = vec![None; n_acc];
    for row in 0..posts.len() {
        let a = posts.account[row] as usize;
        if a >= n_acc {
            continue;
        }
        post_count[a] += 1;
        formats[a][posts.format[row] as usize] += 1;
        let d = posts.day[row];
        post_ranges[a] = Some(DayRange::widen(post_ranges[a], d));
        for (k, column) in posts.counts.iter().enumerate() {
            if column.get(row).is_some() {
                post_known[a][k] += 1;
            }
        }
    }
    let daily = &store.daily;
    let mut daily_rows = vec![0usize; n_acc];
    let mut daily_known = vec![[0usize; DailyCount::ALL.len()]; n_acc];
    let mut latest: Vec<Option<Followers>> = vec![None; n_acc];
    for row in 0..daily.len() {
        let a = daily.account[row] as usize;
        if a >= n_acc {
            continue;
        }
        daily_rows[a] += 1;
        for (k, column) in daily.counts.iter().enumerate() {
            if column.get(row).is_some() {
                daily_known[a][k] += 1;
            }
        }
        if let Some(count) = daily.count(DailyCount::Followers, row) {
            let day = daily.day[row];
            if latest[a].is_none_or(|f| day > f.day) {
                latest[a] = Some(Followers { count, day });
            }
        }
    }
    let accounts: Vec<AccountSummary> = store
        .accounts
        .iter()
        .enumerate()
        .map(|(a, acc)| AccountSummary {
            id: acc.id.clone(),
            platform: acc.platform,
            handle: acc.handle.clone(),
            name: acc.name.clone(),
            posts: post_count[a],
            post_range: post_ranges[a],
            daily_rows: daily_rows[a],
            daily_range: store
                .daily_day_range(Some(a as u32))
                .map(|(first, last)| DayRange { first, last }),
            latest_followers: latest[a],
            post_formats: PostFormat::ALL
                .iter()
                .map(|&f| (f, formats[a][f as usize]))
                .filter(|(_, n)| *n > 0)
                .collect(),
            post_coverage: PostCount::ALL
                .iter()
                .map(|&f| Coverage {
                    field: f.name(),
                    known: post_known[a][f as usize],
                    rows: post_count[a],
                })
                .collect(),
            daily_coverage: DailyCount::ALL
                .iter()
                .map(|&f| Coverage {
                    field: f.name(),
                    known: daily_known[a][f as usize],
                    rows: daily_rows[a],
                })
                .collect(),
        })
        .collect();
    let platforms = Platform::ALL
        .iter()
        .filter_map(|&p| {
            let of = accounts.iter().filter(|a| a.platform == p);
            let n = of.clone().count();
            (n > 0).then(|| PlatformSummary {
                platform: p,
                accounts: n,
                posts: of.map(|a| a.posts).sum(),
            })
        })
        .collect();
    let mut tag_counts = vec![0usize; store.tags.len()];
    for &t in &posts.tag_ids {
        tag_counts[t as usize] += 1;
    }
    let mut tags: Vec<(String, usize)> =
        store.tags.names().iter().cloned().zip(tag_counts).collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    Summary {
        title: store.title.clone(),
        exported_at: store.exported_at.map(|t| t.to_string()),
        utc_offset: format_offset(store.utc_offset_min),
        sources: store.sources.iter().map(|s| s.name.clone()).collect(),
        files: Vec::new(),
        posts: posts.len(),
        post_range: range(posts.day.iter().copied()),
        accounts,
        platforms,
        tags,
        web: web_summary(store),
    }
}

impl Summary {
    /// The summary with each file's rows, kept and replaced (from the merge of `files`).
    pub fn with_files(mut self, files: &[FileReport]) -> Summary {
        self.files = files
            .iter()
            .filter_map(|f| {
                let c = f.contribution.as_ref()?;
                Some(FileRows {
                    file: f.name.clone(),
                    rows: c.rows,
                    kept: c.kept,
                    replaced: c.overrode,
                })
            })
            .collect();
        self
    }
}

fn total(r: &RowCounts) -> usize {
    r.posts + r.daily + r.web + r.web_totals
}

/// A file's rows by kind, the kinds it has only (`3,087 posts · 365 daily`).
pub fn rows_by_kind(rows: &RowCounts) -> String {
    let parts: Vec<String> = [
        (rows.posts, "rows.n_posts"),
        (rows.daily, "rows.n_daily"),
        (rows.web, "rows.n_web"),
        (rows.web_totals, "rows.n_web_totals"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, key)| {
        // "1 post", never "1 posts".
        let key = if *n == 1 && *key == "rows.n_posts" {
            "rows.n_post"
        } else {
            key
        };
        crate::i18n::trf(key, &[("n", &thousands(*n as u64))])
    })
    .collect();
    if parts.is_empty() {
        crate::i18n::tr("rows.no_rows").into()
    } else {
        parts.join(" · ")
    }
}

/// What a file's rows became in the merge: `kept 4 · 3 replaced by other files · replaced 2
/// of other files'` (the parts that are not zero).
pub fn merge_outcome(f: &FileRows) -> String {
    let (rows, kept, replaced) = (total(&f.rows), total(&f.kept), total(&f.replaced));
    let mut text = trf("sum.kept", &[("n", &thousands(kept as u64))]);
    if kept < rows {
        text.push_str(&trf(
            "sum.replaced_by_others",
            &[("n", &thousands((rows - kept) as u64))],
        ));
    }
    if replaced > 0 {
        text.push_str(&trf(
            "sum.replaced_others",
            &[("n", &thousands(replaced as u64))],
        ));
    }
    text
}

fn web_summary(store: &Store) -> WebSummary {
    let web = &store.web;
    let mut channels: Vec<(Channel, usize)> = Channel::ALL
        .iter()
        .map(|&c| (c, web.channel.iter().filter(|&&x| x == c).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    channels.sort_by_key(|c| std::cmp::Reverse(c.1));
    let mut days: Vec<Day> = web.day.clone();
    days.sort_unstable();
    days.dedup();
    WebSummary {
        rows: web.len(),
        range: range(web.day.iter().copied()),
        days: days.len(),
        channels,
        coverage: WebCount::ALL
            .iter()
            .map(|&f| Coverage {
                field: f.name(),
                known: web.column(f).known(),
                rows: web.len(),
            })
            .collect(),
        totals: store.web_totals.len(),
        sources: web_sources(store),
    }
}

/// Rows per referring source, daily and range rows together, most rows first.
fn web_sources(store: &Store) -> Vec<(String, usize)> {
    let mut n = vec![0usize; store.referrers.len()];
    let ids = (0..store.web.len())
        .filter_map(|r| store.web.referrer_of(r))
        .chain(store.web_totals.iter().filter_map(|t| t.referrer));
    for id in ids {
        if let Some(slot) = n.get_mut(id as usize) {
            *slot += 1;
        }
    }
    let mut out: Vec<(String, usize)> = store
        .referrers
        .names()
        .iter()
        .cloned()
        .zip(n)
        .filter(|(_, n)| *n > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The sources line of the summary and the Data step (`instagram 60 · x 60`), or `None`.
pub fn sources_line(web: &WebSummary) -> Option<String> {
    if web.sources.is_empty() {
        return None;
    }
    let list: Vec<String> = web
        .sources
        .iter()
        .map(|(s, n)| format!("{s} {}", thousands(*n as u64)))
        .collect();
    Some(crate::i18n::trf(
        "sources.summary_line",
        &[("sources", &list.join(" · "))],
    ))
}

/// Renders a summary for a terminal, within 100 columns for up to six accounts.
pub fn render_text(s: &Summary) -> String {
    let mut out = String::new();
    let title = s.title.as_deref().unwrap_or(tr("sum.untitled"));
    let _ = writeln!(out, "{}", escape_controls(title));
    // Labels padded to one width in the language shown.
    let label = |key: &str| format!("{:<9}", tr(key));
    if s.files.is_empty() {
        for source in &s.sources {
            let _ = writeln!(out, "  {} {}", label("sum.l_file"), escape_controls(source));
        }
    }
    for f in &s.files {
        let _ = writeln!(
            out,
            "  {} {}: {} · {}",
            label("sum.l_file"),
            escape_controls(crate::snapshot::load::shown_name(&f.file)),
            rows_by_kind(&f.rows),
            merge_outcome(f)
        );
    }
    if let Some(at) = &s.exported_at {
        let _ = writeln!(out, "  {} {at}", label("sum.l_exported"));
    }
    let _ = writeln!(
        out,
        "  {} {}",
        label("sum.l_days_in"),
        trf("sum.utc_offset", &[("offset", &s.utc_offset)])
    );
    let span = s.post_range.map_or_else(
        || tr("sum.no_posts").to_owned(),
        |r| trf("sum.range_days", &[("range", &r), ("n", &r.days())]),
    );
    let _ = writeln!(
        out,
        "  {} {} · {span}",
        label("sum.l_posts"),
        thousands(s.posts as u64)
    );

    let _ = writeln!(out, "\n{}", tr("sum.accounts"));
    let id_w = s
        .accounts
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let handle_w = s
        .accounts
        .iter()
        .map(|a| {
            a.handle
                .as_deref()
                .map_or(1, |h| escape_controls(h).chars().count())
        })
        .max()
        .unwrap_or(6)
        .clamp(6, 24);
    let _ = writeln!(
        out,
        "  {:id_w$}  {:9}  {:handle_w$}  {:>9}  {:22}  {:22}  {:>11}",
        "id",
        "platform",
        "handle",
        tr("sum.col_posts"),
        tr("sum.col_posts_range"),
        tr("sum.col_daily_range"),
        tr("sum.col_followers")
    );
    for a in &s.accounts {
        let handle: String = a.handle.as_deref().map_or_else(
            || "-".to_owned(),
            |h| escape_controls(h).chars().take(handle_w).collect(),
        );
        let followers = a
            .latest_followers
            .map_or_else(|| "n/a".to_owned(), |f| thousands(f.count));
        let _ = writeln!(
            out,
            "  {:id_w$}  {:9}  {:handle_w$}  {:>9}  {:22}  {:22}  {:>11}",
            escape_controls(&a.id),
            a.platform.name(),
            handle,
            thousands(a.posts as u64),
            a.post_range
                .map_or_else(|| "-".to_owned(), |r| r.to_string()),
            a.daily_range
                .map_or_else(|| "-".to_owned(), |r| r.to_string()),
            followers,
        );
    }

    let _ = writeln!(out, "\n{}", tr("sum.by_platform"));
    for p in &s.platforms {
        let mut mix: Vec<(PostFormat, usize)> = Vec::new();
        for a in s.accounts.iter().filter(|a| a.platform == p.platform) {
            for &(f, n) in &a.post_formats {
                match mix.iter_mut().find(|(g, _)| *g == f) {
                    Some(entry) => entry.1 += n,
                    None => mix.push((f, n)),
                }
            }
        }
        mix.sort_by_key(|m| std::cmp::Reverse(m.1));
        let mix: Vec<String> = mix
            .iter()
            .map(|(f, n)| {
                let shown = crate::i18n::domain_word("format", f.name(), f.name());
                format!("{shown} {}", thousands(*n as u64))
            })
            .collect();
        let _ = writeln!(
            out,
            "  {:9}  {:>9}  {}",
            p.platform.name(),
            thousands(p.posts as u64),
            mix.join(" · ")
        );
    }
    if !s.tags.is_empty() {
        let top: Vec<String> = s
            .tags
            .iter()
            .take(12)
            .map(|(t, n)| format!("{} {}", escape_controls(t), thousands(*n as u64)))
            .collect();
        let more = s.tags.len().saturating_sub(12);
        let more = if more > 0 {
            trf("sum.more", &[("n", &more)])
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {:<10} {}{more}", tr("sum.l_tags"), top.join(" · "));
    }

    render_coverage(&mut out, s);
    render_web(&mut out, &s.web);
    out
}

fn render_coverage(out: &mut String, s: &Summary) {
    if s.accounts.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", tr("sum.coverage"));
    let ids: Vec<String> = s
        .accounts
        .iter()
        .map(|a| escape_controls(&a.id).into_owned())
        .collect();
    let w = ids
        .iter()
        .map(|i| i.chars().count())
        .max()
        .unwrap_or(4)
        .max(6);
    let mut header = format!("  {:16}", tr("sum.cov_posts"));
    for id in &ids {
        let _ = write!(header, "  {id:>w$}");
    }
    let _ = writeln!(out, "{header}");
    let rows_label = format!("  {}", tr("sum.cov_rows"));
    let mut rows = format!("  {:16}", rows_label);
    for a in &s.accounts {
        let _ = write!(rows, "  {:>w$}", thousands(a.posts as u64));
    }
    let _ = writeln!(out, "{rows}");
    for (k, field) in PostCount::ALL.iter().enumerate() {
        let name = crate::i18n::domain_word("field", field.name(), field.name());
        let mut line = format!("  {:16}", format!("  {name}"));
        for a in &s.accounts {
            let c = a.post_coverage[k];
            let _ = write!(line, "  {:>w$}", share(c.known, c.rows));
        }
        let _ = writeln!(out, "{line}");
    }
    let mut header = format!("  {:16}", tr("sum.cov_daily"));
    for _ in &ids {
        let _ = write!(header, "  {:>w$}", "");
    }
    let _ = writeln!(out, "{}", header.trim_end());
    let mut rows = format!("  {:16}", rows_label);
    for a in &s.accounts {
        let _ = write!(rows, "  {:>w$}", thousands(a.daily_rows as u64));
    }
    let _ = writeln!(out, "{rows}");
    for (k, field) in DailyCount::ALL.iter().enumerate() {
        let name = crate::i18n::domain_word("field", field.name(), field.name());
        let mut line = format!("  {:16}", format!("  {name}"));
        for a in &s.accounts {
            let c = a.daily_coverage[k];
            let _ = write!(line, "  {:>w$}", share(c.known, c.rows));
        }
        let _ = writeln!(out, "{line}");
    }
}

fn render_web(out: &mut String, web: &WebSummary) {
    let _ = writeln!(out, "\n{}", tr("sum.web"));
    let Some(range) = web.range else {
        let _ = writeln!(out, "  {}", tr("sum.no_web_rows"));
        if web.totals > 0 {
            let _ = writeln!(out, "  {}", trf("sum.range_totals", &[("n", &web.totals)]));
        }
        return;
    };
    let _ = writeln!(
        out,
        "  {}",
        trf(
            "sum.web_rows",
            &[
                ("rows", &thousands(web.rows as u64)),
                ("range", &range),
                ("days", &web.days),
                ("of", &range.days()),
            ],
        )
    );
    let channels: Vec<String> = web
        .channels
        .iter()
        .map(|(c, n)| format!("{c} {}", thousands(*n as u64)))
        .collect();
    let _ = writeln!(
        out,
        "  {:<9} {}",
        tr("sum.l_channels"),
        channels.join(" · ")
    );
    let coverage: Vec<String> = web
        .coverage
        .iter()
        .map(|c| format!("{} {}", c.field, share(c.known, c.rows)))
        .collect();
    let _ = writeln!(out, "  {:<9} {}", tr("sum.l_known"), coverage.join(" · "));
    if let Some(line) = sources_line(web) {
        let _ = writeln!(out, "  {line}");
    }
    if web.totals > 0 {
        let _ = writeln!(
            out,
            "  {}",
            trf("sum.plus_range_totals", &[("n", &web.totals)])
        );
    }
}
