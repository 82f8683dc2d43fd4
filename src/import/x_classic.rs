//! X/Twitter's classic analytics exports: `tweet_activity_metrics_<handle>_<from>_<to>_en.csv`
//! (one row per tweet, newest first) and `daily_tweet_activity_metrics_…` (one row per day).
//! Counts from impressions to permalink clicks are written as floats (`"1234.0"`), the rate in
//! E notation; the `promoted …` columns hold `-` (not known) and are not imported.

use super::builder::{Builder, PostRow};
use super::table::{Table, cell};
use super::values::{Count, DateOrder, count, date, timestamp};
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
    let handle = ctx
        .options
        .handle
        .clone()
        .or_else(|| handle_in_name(ctx.file_name).map(|h| format!("@{h}")));
    let guess = handle.as_deref().map_or("x", |h| h.trim_start_matches('@'));
    let id = ctx.options.account_id(guess);
    let platform = ctx.options.platform.unwrap_or(Platform::X);
    b.account(&id, platform, handle.as_deref(), None)
}

/// Reads a count cell, skipping nothing: a bad cell becomes "not known" and is noted.
fn read(b: &mut Builder, line: u64, column: &str, s: &str) -> Option<u64> {
    match count(s) {
        Count::Value(v) => Some(v),
        Count::Missing => None,
        Count::Bad(why) => {
            b.report.skip(
                line,
                format!("{column}: {why} (cell left unknown, row kept)"),
            );
            None
        }
    }
}

pub fn posts(t: &Table, ctx: &Context) -> (Store, super::builder::FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::XClassicPosts.name());
    let a = account(&mut b, ctx);
    let col = |names: &[&str]| t.column(names);
    let (id, link, text, time) = (
        col(&["tweet id"]),
        col(&["tweet permalink"]),
        col(&["tweet text"]),
        col(&["time"]),
    );
    let mapped: [(PostCount, Option<usize>, &str); 6] = [
        (PostCount::Impressions, col(&["impressions"]), "impressions"),
        (PostCount::Engagements, col(&["engagements"]), "engagements"),
        (PostCount::Shares, col(&["retweets", "reposts"]), "retweets"),
        (PostCount::Comments, col(&["replies"]), "replies"),
        (PostCount::Likes, col(&["likes"]), "likes"),
        (
            PostCount::Clicks,
            col(&["url clicks", "link clicks"]),
            "url clicks",
        ),
    ];
    for r in &t.rows {
        b.report.rows_read += 1;
        let rec = &r.record;
        let published = match timestamp(cell(rec, time), DateOrder::MonthFirst, 0) {
            Some(p) => p,
            None if cell(rec, id).is_empty() => {
                b.report.skip(r.line, "no tweet id (a junk row)");
                continue;
            }
            None => {
                b.report.skip(
                    r.line,
                    format!("the time {:?} is not a date and time", cell(rec, time)),
                );
                continue;
            }
        };
        let mut counts = [None; PostCount::ALL.len()];
        for (field, column, name) in mapped {
            counts[field as usize] = read(&mut b, r.line, name, cell(rec, column));
        }
        let row = PostRow {
            id: cell(rec, id).to_owned(),
            published,
            format: None,
            text: cell(rec, text).to_owned(),
            url: cell(rec, link).to_owned(),
            tags: Vec::new(),
            counts,
        };
        b.post(r.line, a, row, PostFormat::Other);
    }
    let mut found: Vec<(&str, bool)> = vec![
        ("posts.text", text.is_some()),
        ("posts.url", link.is_some()),
    ];
    found.extend(mapped.iter().map(|(f, c, _)| (post_field(*f), c.is_some())));
    found.extend([
        ("posts.saves", false),
        ("posts.reach", false),
        ("posts.format", false),
    ]);
    b.fields(&found);
    b.note("X reports no reach, saves or post format: those stay unknown (format: other)");
    b.note("\"media views\" count views of any media, not video views: not imported");
    b.finish(None, ctx.exported_at(), 0)
}

pub fn daily(t: &Table, ctx: &Context) -> (Store, super::builder::FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::XClassicDaily.name());
    let a = account(&mut b, ctx);
    let col = |names: &[&str]| t.column(names);
    let date_col = col(&["date"]);
    let mapped: [(DailyCount, Option<usize>, &str); 5] = [
        (
            DailyCount::Posts,
            col(&["tweets published"]),
            "tweets published",
        ),
        (
            DailyCount::Impressions,
            col(&["impressions"]),
            "impressions",
        ),
        (DailyCount::Follows, col(&["follows"]), "follows"),
        (DailyCount::LinkClicks, col(&["url clicks"]), "url clicks"),
        (
            DailyCount::ProfileVisits,
            col(&["user profile clicks"]),
            "user profile clicks",
        ),
    ];
    for r in &t.rows {
        b.report.rows_read += 1;
        let rec = &r.record;
        let Some(day) = date(cell(rec, date_col), DateOrder::MonthFirst) else {
            b.report.skip(
                r.line,
                format!("the date {:?} is not a date", cell(rec, date_col)),
            );
            continue;
        };
        let mut counts = [None; DailyCount::ALL.len()];
        for (field, column, name) in mapped {
            counts[field as usize] = read(&mut b, r.line, name, cell(rec, column));
        }
        b.daily(r.line, a, day, counts);
    }
    let mut found: Vec<(&str, bool)> = mapped
        .iter()
        .map(|(f, c, _)| (daily_field(*f), c.is_some()))
        .collect();
    found.extend([
        ("daily.followers", false),
        ("daily.unfollows", false),
        ("daily.reach", false),
    ]);
    b.fields(&found);
    b.note("classic X daily exports have no follower count: follower-based metrics need another source");
    b.finish(None, ctx.exported_at(), 0)
}

pub fn post_field(f: PostCount) -> &'static str {
    match f {
        PostCount::Likes => "posts.likes",
        PostCount::Comments => "posts.comments",
        PostCount::Shares => "posts.shares",
        PostCount::Saves => "posts.saves",
        PostCount::Reach => "posts.reach",
        PostCount::Impressions => "posts.impressions",
        PostCount::Views => "posts.views",
        PostCount::Clicks => "posts.clicks",
        PostCount::VideoViews => "posts.video_views",
        PostCount::Engagements => "posts.engagements",
    }
}

pub fn daily_field(f: DailyCount) -> &'static str {
    match f {
        DailyCount::Followers => "daily.followers",
        DailyCount::Follows => "daily.follows",
        DailyCount::Unfollows => "daily.unfollows",
        DailyCount::Reach => "daily.reach",
        DailyCount::Impressions => "daily.impressions",
        DailyCount::Views => "daily.views",
        DailyCount::ProfileVisits => "daily.profile_visits",
        DailyCount::LinkClicks => "daily.link_clicks",
        DailyCount::Posts => "daily.posts",
    }
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
        assert_eq!(report.skipped.len(), 2, "{:?}", report.skipped);
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
            "2021-04-01T00:00:00+00:00"
        );
    }
}
