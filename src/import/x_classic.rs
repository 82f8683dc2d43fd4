//! X/Twitter's classic analytics exports: `tweet_activity_metrics_<handle>_<from>_<to>_en.csv`
//! (one row per tweet, newest first) and `daily_tweet_activity_metrics_…` (one row per day).
//! Counts from impressions to permalink clicks are written as floats (`"1234.0"`), the rate in
//! E notation; the `promoted …` columns hold `-` (not known) and are not imported.

use super::builder::{Builder, FileReport, PostRow};
use super::columns::{Columns, PostText, read_days};
use super::table::Table;
use super::values::{DateOrder, iso_with_offset, timestamp, unescape_html};
use super::{Context, Family};
use crate::snapshot::model::{DailyCount, Platform, PostCount, PostFormat};
use crate::snapshot::store::Store;

pub fn is_posts(t: &Table) -> bool {
    t.has_all(&["tweet id", "tweet permalink", "time"])
}

pub fn is_daily(t: &Table) -> bool {
    t.has_all(&["date", "tweets published"])
}

/// The handle in `tweet_activity_metrics_<handle>_<date>_<date>_<lang>.csv`.
fn handle_in_name(file_name: &str) -> Option<&str> {
    let rest = file_name
        .strip_prefix("daily_")
        .unwrap_or(file_name)
        .strip_prefix("tweet_activity_metrics_")?;
    let parts: Vec<&str> = rest.split('_').collect();
    // The handle may itself hold underscores: everything before the two 8-digit dates.
    let first_date = parts
        .iter()
        .position(|p| p.len() == 8 && p.bytes().all(|b| b.is_ascii_digit()))?;
    (first_date > 0).then(|| {
        let end = parts[..first_date]
            .iter()
            .map(|p| p.len() + 1)
            .sum::<usize>()
            - 1;
        &rest[..end]
    })
}

fn account(b: &mut Builder, ctx: &Context) -> u32 {
    let handle = handle_in_name(ctx.file_name).map(|h| format!("@{h}"));
    ctx.account(b, Platform::X, handle, None)
}

pub fn posts(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::XClassicPosts);
    let a = account(&mut b, ctx);
    let post = PostText {
        id: t.column(&["tweet id"]),
        text: t.column(&["tweet text"]),
        url: t.column(&["tweet permalink"]),
    };
    let time = t.column(&["time"]);
    let counts = Columns::find(
        t,
        &[
            (PostCount::Impressions, &["impressions"]),
            (PostCount::Engagements, &["engagements"]),
            (PostCount::Shares, &["retweets", "reposts"]),
            (PostCount::Comments, &["replies"]),
            (PostCount::Likes, &["likes"]),
            (PostCount::Clicks, &["url clicks", "link clicks"]),
            (PostCount::Saves, &["bookmarks"]),
        ],
    );
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        if r.cell(post.id).is_empty() {
            b.report.skip(r.at, crate::i18n::tr("importer.no_tweet_id"));
            continue;
        }
        let fast = iso_with_offset(r.bytes(time));
        let Some(published) =
            fast.or_else(|| timestamp(r.cell(time), DateOrder::MonthFirst, ctx.offset_min()))
        else {
            b.report
                .skip(r.at, crate::i18n::tr("importer.time_not_datetime"));
            continue;
        };
        let values = counts.read(&mut b, &r);
        let row = post.post(&r, published, None, values);
        let text = unescape_html(row.text);
        b.post(r.at, a, PostRow { text: &text, ..row }, PostFormat::Other);
    }
    b.end_rows(&rows);
    post.report(&mut b);
    counts.report(&mut b);
    b.fields(&[("posts.reach", false), ("posts.format", false)]);
    b.note(crate::i18n::tr("importer.x_no_reach"));
    b.note(crate::i18n::tr("importer.x_media_views"));
    b.finish(None, ctx.exported_at(), 0)
}

pub fn daily(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::XClassicDaily);
    let a = account(&mut b, ctx);
    let date_col = t.column(&["date"]);
    let counts = Columns::find(
        t,
        &[
            (DailyCount::Posts, &["tweets published"]),
            (DailyCount::Impressions, &["impressions"]),
            (DailyCount::Follows, &["follows"]),
            (DailyCount::LinkClicks, &["url clicks"]),
            (DailyCount::ProfileVisits, &["user profile clicks"]),
        ],
    );
    read_days(
        &mut b,
        ctx,
        t,
        a,
        (date_col, DateOrder::MonthFirst),
        &counts,
        |_| None,
    );
    counts.report(&mut b);
    b.fields(&[
        ("daily.followers", false),
        ("daily.unfollows", false),
        ("daily.reach", false),
    ]);
    b.note(crate::i18n::tr("importer.x_classic_no_followers"));
    b.finish(None, ctx.exported_at(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_in_file_names() {
        assert_eq!(
            handle_in_name("tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv"),
            Some("LisaDeBruine")
        );
        assert_eq!(
            handle_in_name("daily_tweet_activity_metrics_some_handle_20210101_20210201_en.csv"),
            Some("some_handle")
        );
        assert_eq!(handle_in_name("tweets.csv"), None);
    }

    #[test]
    fn a_small_export() {
        let csv = "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\",\"engagement rate\",\"retweets\",\"replies\",\"likes\",\"url clicks\",\"promoted likes\"\n\
                   \"2\",\"https://x.com/a/status/2\",\"line one\nline two 😀\",\"2021-03-30 17:04 +0000\",\"1234.0\",\"10.0\",\"7.358351729212656E-4\",\"1.0\",\"2.0\",\"3.0\",\"0.0\",\"-\"\n\
                   \"1\",\"https://x.com/a/status/1\",\"older\",\"2021-03-29 08:00 +0000\",\"-\",\"\",\"0\",\"NA\",\"1\",\"2\",\"12.5\",\"-\"\n\
                   \"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n";
        let options = super::super::Options::default();
        let imported = super::super::import_bytes(
            csv.as_bytes(),
            "tweet_activity_metrics_a_20210301_20210401_en.csv",
            &options,
        );
        let report = imported.report;
        assert_eq!(report.family, Some(Family::XClassicPosts.name()));
        assert_eq!((report.rows_read, report.rows_imported), (3, 2));
        assert_eq!(report.account.as_deref(), Some("a"));
        assert_eq!(report.rows_skipped(), 1, "{:?}", report.skipped);
        assert_eq!(report.bad_cells.len(), 1, "{:?}", report.bad_cells);
        let store = imported.store.unwrap();
        let p = &store.posts;
        assert_eq!(p.count(PostCount::Impressions, 0), Some(1234));
        assert_eq!(p.count(PostCount::Shares, 0), Some(1));
        assert_eq!(p.text.get(0), "line one\nline two 😀");
        assert_eq!(
            p.count(PostCount::Impressions, 1),
            None,
            "- is not known, not zero"
        );
        assert_eq!(p.count(PostCount::Shares, 1), None);
        assert_eq!(
            p.count(PostCount::Clicks, 1),
            None,
            "12.5 clicks is not a count"
        );
        assert_eq!(store.accounts[0].handle.as_deref(), Some("@a"));
        assert_eq!(
            store.exported_at.unwrap().to_string(),
            "2021-04-01T23:59:59+00:00"
        );
    }
}
