//! YouTube Studio's "Advanced mode" exports, a folder of three files: `Table data.csv` (one row
//! per video after a `Total` row), `Totals.csv` (the channel by day) and `Chart data.csv` (the
//! charted videos by day). Publish times are dates (`Aug 28, 2025`); `Totals.csv` writes dates
//! `YYYY-MM-DD` or, in many locales, `DD-MM-YYYY`.

use super::breakdown::{self, breakdown, is_dimension_name};
use super::builder::{Builder, FileReport, PostRow};
use super::columns::{Columns, read_days};
use super::table::{Table, norm};
use super::values::{DateOrder, timestamp};
use super::{Context, Family};
use crate::snapshot::model::{DailyCount, Platform, PostCount, PostFormat};
use crate::snapshot::store::Store;

const CONTENT: &[&str] = &["content", "video"];
const TITLE: &[&str] = &["video title", "title"];

pub fn is_videos(t: &Table) -> bool {
    t.column(&["content"]).is_some() && t.column(TITLE).is_some() && t.column(&["date"]).is_none()
}

/// Metrics Studio charts and tables by (the columns its exports name).
const METRICS: &[&str] = &[
    "views",
    "watch time (hours)",
    "subscribers",
    "subscribers gained",
    "subscribers lost",
    "impressions",
    "unique viewers",
    "likes",
    "shares",
    "comments added",
    "average view duration",
    "estimated revenue (usd)",
];

/// A chart by day and a dimension (`Date, Geography, Views`; `Date, Content, Video title, …,
/// Views`; `Date, Traffic source, Watch time (hours)`): Studio's `Chart data.csv` whenever a
/// dimension is chosen. Recognised by its whole header, so that it is never read as
/// `Totals.csv`.
pub fn is_chart(t: &Table) -> bool {
    let date = t.column(&["date"]);
    let metrics: Vec<Option<usize>> = METRICS.iter().map(|m| t.column(&[m])).collect();
    date.is_some() && metrics.iter().any(Option::is_some) && breakdown(t, date, &metrics).is_some()
}

/// A table of one row per value of a dimension other than the video, over the whole range
/// (`Table data.csv` by Geography, Traffic source, …): figures of no post and no day.
pub fn is_dimension_table(t: &Table) -> bool {
    t.column(&["date"]).is_none()
        && t.header.first().is_some_and(|h| is_dimension_name(h))
        && t.column(CONTENT).is_none()
        && METRICS.iter().any(|m| t.column(&[m]).is_some())
}

/// The channel by day (`Totals.csv`): a date, views, and no dimension besides the date.
pub fn is_daily(t: &Table) -> bool {
    t.has_all(&["date", "views"]) && t.column(CONTENT).is_none() && !is_chart(t)
}

fn account(b: &mut Builder, ctx: &Context) -> u32 {
    ctx.account(b, Platform::Youtube, None, None)
}

pub fn videos(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::YoutubeVideos);
    let a = account(&mut b, ctx);
    let id = t.column(&["content"]);
    let title = t.column(TITLE);
    let published = t.column(&["video publish time", "publish time", "published"]);
    let counts = Columns::find(
        t,
        &[
            (PostCount::Views, &["views"]),
            (PostCount::Impressions, &["impressions"]),
            (PostCount::Likes, &["likes"]),
            (PostCount::Comments, &["comments added", "comments"]),
            (PostCount::Shares, &["shares"]),
        ],
    );
    let offset = ctx.offset_min();
    let order = t.date_order(published, DateOrder::MonthFirst);
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        let video = r.cell(id);
        if video.eq_ignore_ascii_case("total") {
            b.report
                .skip(r.at, crate::i18n::tr("importer.yt_total_row"));
            continue;
        }
        if video.is_empty() {
            b.report
                .skip(r.at, crate::i18n::tr("importer.yt_no_video_id"));
            continue;
        }
        let url = format!("https://www.youtube.com/watch?v={video}");
        let Some(when) = timestamp(r.cell(published), order, offset) else {
            b.report
                .skip(r.at, crate::i18n::tr("importer.yt_publish_time"));
            continue;
        };
        let row = PostRow {
            id: video,
            published: when,
            format: Some(PostFormat::Video),
            text: r.cell(title),
            url: &url,
            tags: Vec::new(),
            counts: counts.read(&mut b, &r),
        };
        b.post(r.at, a, row, PostFormat::Video);
    }
    b.end_rows(&rows);
    b.fields(&[("posts.text", title.is_some())]);
    counts.report(&mut b);
    b.note(crate::i18n::trf(
        "importer.yt_no_time",
        &[("offset", &crate::calendar::format_offset(offset))],
    ));
    if t.column(&["impressions click-through rate"]).is_some() {
        b.note(crate::i18n::tr("importer.yt_ctr"));
    }
    b.finish(None, ctx.exported_at(), offset)
}

pub fn daily(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::YoutubeDaily);
    let a = account(&mut b, ctx);
    let date_col = t.column(&["date"]);
    let counts = Columns::find(
        t,
        &[
            (DailyCount::Views, &["views"]),
            (DailyCount::Impressions, &["impressions"]),
            (DailyCount::Follows, &["subscribers gained"]),
            (DailyCount::Unfollows, &["subscribers lost"]),
        ],
    );
    let order = t.date_order(date_col, DateOrder::DayFirst);
    read_days(&mut b, ctx, t, a, (date_col, order), &counts, |r| {
        r.cell(date_col)
            .eq_ignore_ascii_case("total")
            .then(|| crate::i18n::tr("importer.yt_total_row"))
    });
    counts.report(&mut b);
    if t.column(&["subscribers"]).is_some() {
        b.note(crate::i18n::tr("importer.yt_subscribers"));
    }
    b.finish(None, ctx.exported_at(), ctx.offset_min())
}

/// A chart by day and a dimension has no place in a snapshot: per-video daily views are not
/// lifetime counts, and per-country (per-source, per-device…) days are parts of the channel's
/// days whose sum is not its total (Studio leaves out the values under a threshold). The file
/// is recognised, read, and every row reported as not imported, with the reason.
pub fn chart(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::YoutubeChart);
    account(&mut b, ctx);
    let date = t.column(&["date"]);
    let metrics: Vec<Option<usize>> = METRICS.iter().map(|m| t.column(&[m])).collect();
    let dimension = breakdown(t, date, &metrics).map_or("", |c| t.header[c].as_str());
    let per_video = matches!(
        norm(dimension).as_str(),
        "content" | "video" | "videoid" | "videotitle"
    );
    let reason = if per_video {
        crate::i18n::tr("importer.yt_per_video").to_owned()
    } else {
        crate::i18n::trf(
            "importer.yt_chart",
            &[(
                "reason",
                &breakdown::reason(dimension, crate::i18n::tr("importer.the_date")),
            )],
        )
    };
    skip_all(&mut b, t, ctx, &reason);
    b.finish(None, ctx.exported_at(), ctx.offset_min())
}

/// A table by a dimension over the whole range (`Table data.csv` by Geography): no post, no
/// day; every row reported as not imported.
pub fn dimension_table(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::YoutubeDimensionTable);
    account(&mut b, ctx);
    let dimension = t.header.first().map_or("", String::as_str);
    let reason = crate::i18n::trf("importer.yt_dimension_table", &[("dimension", &dimension)]);
    skip_all(&mut b, t, ctx, &reason);
    b.finish(None, ctx.exported_at(), ctx.offset_min())
}

fn skip_all(b: &mut Builder, t: &Table, ctx: &Context, reason: &str) {
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        b.report.skip(r.at, reason);
    }
    b.end_rows(&rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(csv: &str, name: &str) -> super::super::Imported {
        super::super::import_bytes(csv.as_bytes(), name, &super::super::Options::default())
    }

    #[test]
    fn table_data_skips_the_total_row() {
        let csv = "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,Impressions click-through rate (%)\n\
                   Total,,,,30,1.5,2,500,1.68\n\
                   abc,\"Title #shorts 😀\",\"Aug 28, 2025\",9,20,1,1,,3.51\n\
                   def,Other,\"Sep 1, 2025\",15,10,0.5,1,300,4\n";
        let imported = import(csv, "Table data.csv");
        let r = &imported.report;
        assert_eq!(r.family_id, Some("youtube-videos"));
        assert_eq!((r.rows_read, r.rows_imported, r.rows_skipped()), (3, 2, 1));
        let store = imported.store.unwrap();
        let p = &store.posts;
        assert_eq!(p.count(PostCount::Views, 0), Some(20));
        assert_eq!(p.count(PostCount::Impressions, 0), None);
        assert_eq!(
            p.count(PostCount::Clicks, 1),
            None,
            "never derived from the CTR"
        );
        assert_eq!(p.url.get(1), "https://www.youtube.com/watch?v=def");
        assert_eq!(store.accounts[0].id, "youtube");
    }

    #[test]
    fn totals_dates_in_either_order() {
        let dmy = import(
            "Date,Views\r\n13-06-2025,1224\r\n01-07-2025,5\r\n",
            "Totals.csv",
        );
        let store = dmy.store.unwrap();
        assert_eq!(
            crate::calendar::format_date(store.daily.day[1]),
            "2025-07-01"
        );
        let iso = import("Date,Views\n2025-06-13,1224\n", "Totals.csv");
        assert_eq!(iso.report.rows_imported, 1);
        let chart = import(
            "Date,Content,Video title,Video publish time,Duration,Views\n2025-06-13,a,T,\"Sep 29, 2025\",5,0\n",
            "Chart data.csv",
        );
        assert_eq!(chart.report.family_id, Some("youtube-chart"));
        assert_eq!((chart.report.rows_read, chart.report.rows_imported), (1, 0));
        assert!(chart.store.is_none());
    }

    /// Any dimension besides the date makes a chart, whatever the metric; a Totals file with
    /// more metrics (numbers, durations, percentages) stays the channel by day.
    #[test]
    fn charts_by_any_dimension_are_not_totals() {
        for csv in [
            "Date,Traffic source,Views\n2025-06-13,YouTube search,4\n2025-06-13,Shorts feed,9\n",
            "Date,Device type,Views\n2025-06-13,Mobile phone,4\n",
            "Date,Subscription status,Watch time (hours)\n2025-06-13,Not subscribed,0.4\n",
            "Date,Viewer age,Views\n2025-06-13,18-24,4\n",
            "Date,Operating system,Views\n2025-06-13,Android,4\n",
            "Date,Sharing service,Views\n2025-06-13,WhatsApp,4\n",
            "Date,Views,Kanal\n2025-06-13,4,Suche\n",
        ] {
            let imported = import(csv, "Chart data.csv");
            let r = &imported.report;
            assert_eq!(r.family_id, Some("youtube-chart"), "{csv}");
            assert_eq!(r.rows_imported, 0, "{csv}");
            assert!(imported.store.is_none());
        }
        let totals = import(
            "Date,Views,Watch time (hours),Subscribers,Average view duration,Impressions click-through rate (%)\n2025-06-13,4,0.1,-1,0:00:41,3.5\n",
            "Totals.csv",
        );
        assert_eq!(totals.report.family_id, Some("youtube-daily"));
        let store = totals.store.unwrap();
        assert_eq!(store.daily.count(DailyCount::Views, 0), Some(4));
    }
}
