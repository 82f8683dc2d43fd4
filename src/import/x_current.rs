//! X's current analytics exports (2024 on): `account_analytics_content_<from>_<to>.csv` (one row
//! per post, a date without a time: `Mon Feb 17 2025`) and `account_overview_analytics.csv` (the
//! account by day, newest first: `"Tue, Feb 18, 2025"`). Column names change between versions
//! (`Link`/`Post Link`, `Url clicks`/`URL Clicks`), so each field lists its aliases.

use super::builder::{Builder, FileReport, PostRow};
use super::columns::{Columns, PostText, read_days};
use super::table::Table;
use super::values::{DateOrder, date, timestamp, unescape_html};
use super::{Context, Family};
use crate::snapshot::model::{DailyCount, Platform, PostCount, PostFormat};
use crate::snapshot::store::Store;

const ID: &[&str] = &["post id", "tweet id"];
const DATE: &[&str] = &["date", "time", "created at", "post date"];

pub fn is_posts(t: &Table) -> bool {
    t.column(ID).is_some() && t.column(DATE).is_some() && t.has_all(&["impressions"])
}

pub fn is_daily(t: &Table) -> bool {
    t.column(ID).is_none()
        && t.has_all(&["date", "impressions"])
        && t.column(&["new follows", "unfollows"]).is_some()
}

fn account(b: &mut Builder, ctx: &Context) -> u32 {
    ctx.account(b, Platform::X, None, None)
}

pub fn posts(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::XPosts);
    let a = account(&mut b, ctx);
    let when = t.column(DATE);
    let post = PostText {
        id: t.column(ID),
        text: t.column(&["post text", "text", "tweet text"]),
        url: t.column(&["post link", "link", "permalink"]),
    };
    let counts = Columns::find(
        t,
        &[
            (PostCount::Impressions, &["impressions"]),
            (PostCount::Likes, &["likes"]),
            (PostCount::Engagements, &["engagements"]),
            (PostCount::Saves, &["bookmarks"]),
            (PostCount::Shares, &["reposts", "retweets"]),
            (PostCount::Comments, &["replies"]),
            (PostCount::Clicks, &["url clicks", "link clicks"]),
        ],
    );
    let mut without_time = false;
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        if r.cell(post.id).is_empty() {
            b.report.skip(r.at, crate::i18n::tr("importer.no_post_id"));
            continue;
        }
        let written = r.cell(when);
        let Some(published) = timestamp(written, DateOrder::MonthFirst, ctx.offset_min()) else {
            b.report
                .skip(r.at, crate::i18n::tr("importer.date_not_date"));
            continue;
        };
        without_time = without_time || date(written, DateOrder::MonthFirst).is_some();
        let values = counts.read(&mut b, &r);
        let row = post.post(&r, published, None, values);
        let text = unescape_html(row.text);
        b.post(r.at, a, PostRow { text: &text, ..row }, PostFormat::Other);
    }
    b.end_rows(&rows);
    post.report(&mut b);
    counts.report(&mut b);
    b.fields(&[("posts.reach", false), ("posts.format", false)]);
    if without_time {
        b.note(crate::i18n::trf(
            "importer.x_no_time",
            &[("offset", &crate::calendar::format_offset(ctx.offset_min()))],
        ));
    }
    if t.column(&["share", "shares"]).is_some() {
        b.note(crate::i18n::tr("importer.x_share"));
    }
    b.finish(None, ctx.exported_at(), ctx.offset_min())
}

pub fn daily(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::XDaily);
    let a = account(&mut b, ctx);
    let date_col = t.column(&["date"]);
    let counts = Columns::find(
        t,
        &[
            (DailyCount::Impressions, &["impressions"]),
            (DailyCount::Follows, &["new follows", "follows"]),
            (DailyCount::Unfollows, &["unfollows"]),
            (DailyCount::ProfileVisits, &["profile visits"]),
            (DailyCount::Posts, &["create post", "posts"]),
            (DailyCount::LinkClicks, &["url clicks", "link clicks"]),
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
    b.fields(&[("daily.followers", false), ("daily.reach", false)]);
    b.note(crate::i18n::tr("importer.x_daily_engagement"));
    b.finish(None, ctx.exported_at(), ctx.offset_min())
}
