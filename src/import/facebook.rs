//! Facebook Page Insights exports (the classic "Export Data" of a Page):
//! `Facebook Insights Data Export - <page> - <from> - <to>.csv` (the page by day, hundreds to
//! thousands of columns) and `… (Post Level) …` / `… (Video Posts) …` (one row per post).
//! Row 2 holds the metrics' descriptions; column names can repeat, and the description tells
//! the `(Total Count)` column from the `(Unique Users)` one. Post times are page-local.

use super::builder::{Builder, FileReport};
use super::columns::{Columns, PostText, read_days};
use super::table::{Table, norm};
use super::values::{DateOrder, timestamp};
use super::{Context, Family};
use crate::snapshot::model::{DailyCount, Platform, PostCount, PostFormat};
use crate::snapshot::store::Store;

const POSTED: &[&str] = &["posted", "publish time", "created time"];

/// Meta Business Suite's newer *Content* export (`Page ID`, `Publish time`, a `Date` that
/// says "Lifetime"): not a family engage reads; a mapping file does.
pub fn is_business_suite_content(t: &Table) -> bool {
    t.has_all(&["page id", "publish time"])
}

pub fn is_posts(t: &Table) -> bool {
    t.column(&["post id"]).is_some()
        && t.column(POSTED).is_some()
        && t.column(&[
            "lifetime post total impressions",
            "lifetime post total reach",
        ])
        .is_some()
}

pub fn is_page(t: &Table) -> bool {
    t.column(&["date"]).is_some()
        && t.column(&[
            "lifetime total likes",
            "daily new likes",
            "daily total reach",
            "lifetime total follows",
        ])
        .is_some()
}

/// The page name in `Facebook Insights Data Export (Post Level) - <page> - <from> - <to>.csv`.
fn page_in_name(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".csv").unwrap_or(file_name);
    let parts: Vec<&str> = stem.split(" - ").collect();
    if parts.len() < 4 || !parts[0].starts_with("Facebook Insights Data Export") {
        return None;
    }
    let first = parts[1].as_ptr() as usize - stem.as_ptr() as usize;
    let last = parts[parts.len() - 3];
    let end = last.as_ptr() as usize - stem.as_ptr() as usize + last.len();
    Some(stem[first..end].trim()).filter(|p| !p.is_empty())
}

fn account(b: &mut Builder, ctx: &Context) -> u32 {
    ctx.account(b, Platform::Facebook, None, page_in_name(ctx.file_name))
}

/// The description row (the first data row, when its key cell is empty and it has text):
/// its offset and cells.
struct Description {
    at: u64,
    cells: Vec<String>,
}

fn description(t: &Table, key: Option<usize>) -> Option<Description> {
    let mut rows = t.rows();
    let first = rows.next_row()?;
    let cells: Vec<String> = first.cells().into_iter().map(str::to_owned).collect();
    (first.cell(key).is_empty() && cells.iter().any(|c| c.len() > 3)).then_some(Description {
        at: first.at,
        cells,
    })
}

/// A column by aliases; when the name repeats, the one described as a total count wins over
/// the one counting unique users, else the first.
fn column(t: &Table, desc: Option<&Description>, aliases: &[&str]) -> Option<usize> {
    aliases.iter().find_map(|alias| {
        let key = norm(alias);
        let all: Vec<usize> = (0..t.keys.len()).filter(|&c| t.keys[c] == key).collect();
        let total = desc.and_then(|d| {
            all.iter()
                .copied()
                .find(|&c| d.cells.get(c).is_some_and(|s| s.contains("Total Count")))
        });
        total.or(all.first().copied())
    })
}

fn format_of(kind: &str) -> Option<PostFormat> {
    Some(match norm(kind).as_str() {
        "photo" | "album" => PostFormat::Photo,
        "link" => PostFormat::Link,
        "status" => PostFormat::Text,
        "video" | "sharedvideo" => PostFormat::Video,
        "" => return None,
        _ => PostFormat::Other,
    })
}

pub fn posts(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::FacebookPosts);
    let a = account(&mut b, ctx);
    let id = t.column(&["post id"]);
    let desc = description(t, id);
    let col = |aliases: &[&str]| column(t, desc.as_ref(), aliases);
    let post = PostText {
        id,
        text: col(&["post message", "message"]),
        url: col(&["permalink"]),
    };
    let (kind, posted) = (col(&["type", "post type"]), col(POSTED));
    let counts = Columns::with(
        &[
            (PostCount::Reach, &["lifetime post total reach"]),
            (PostCount::Impressions, &["lifetime post total impressions"]),
            (
                PostCount::Likes,
                &["lifetime post stories by action type - like"],
            ),
            (
                PostCount::Comments,
                &["lifetime post stories by action type - comment"],
            ),
            (
                PostCount::Shares,
                &["lifetime post stories by action type - share"],
            ),
            (
                PostCount::Clicks,
                &["lifetime post consumptions by type - link clicks"],
            ),
            (PostCount::VideoViews, &["lifetime total video views"]),
        ],
        col,
        t,
    );
    let offset = ctx.offset_min();
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        if desc.as_ref().is_some_and(|d| d.at == r.at) {
            b.report
                .skip(r.at, crate::i18n::tr("importer.fb_description_row"));
            continue;
        }
        if r.cell(id).is_empty() {
            b.report.skip(r.at, crate::i18n::tr("importer.no_post_id"));
            continue;
        }
        let Some(published) = timestamp(r.cell(posted), DateOrder::MonthFirst, offset) else {
            b.report
                .skip(r.at, crate::i18n::tr("importer.fb_posting_time"));
            continue;
        };
        let values = counts.read(&mut b, &r);
        let row = post.post(&r, published, format_of(r.cell(kind)), values);
        b.post(r.at, a, row, PostFormat::Other);
    }
    b.end_rows(&rows);
    post.report(&mut b);
    b.fields(&[("posts.format", kind.is_some())]);
    counts.report(&mut b);
    b.note(crate::i18n::trf(
        "importer.fb_posted_local",
        &[("offset", &crate::calendar::format_offset(offset))],
    ));
    b.note(crate::i18n::tr("importer.fb_post_stories"));
    b.finish(None, ctx.exported_at(), offset)
}

pub fn page(t: &Table, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::FacebookPage);
    let a = account(&mut b, ctx);
    let date_col = t.column(&["date"]);
    let desc = description(t, date_col);
    let counts = Columns::with(
        &[
            (
                DailyCount::Followers,
                &["lifetime total likes", "lifetime total follows"],
            ),
            (
                DailyCount::Follows,
                &["daily new likes", "daily new follows"],
            ),
            (DailyCount::Unfollows, &["daily unlikes", "daily unfollows"]),
            (DailyCount::Reach, &["daily total reach"]),
            (DailyCount::Impressions, &["daily total impressions"]),
            (
                DailyCount::ProfileVisits,
                &["daily logged-in page views", "daily total page views"],
            ),
        ],
        |aliases| column(t, desc.as_ref(), aliases),
        t,
    );
    let description_at = desc.as_ref().map(|d| d.at);
    read_days(
        &mut b,
        ctx,
        t,
        a,
        (date_col, DateOrder::MonthFirst),
        &counts,
        |r| (Some(r.at) == description_at).then(|| crate::i18n::tr("importer.fb_description_row")),
    );
    counts.report(&mut b);
    b.note(crate::i18n::tr("importer.fb_followers"));
    b.finish(None, ctx.exported_at(), ctx.offset_min())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_in_file_names() {
        assert_eq!(
            page_in_name(
                "Facebook Insights Data Export (Post Level) - Visualization Studio VIC - 2014-01-01 - 2014-02-27.csv"
            ),
            Some("Visualization Studio VIC")
        );
        assert_eq!(
            page_in_name("Facebook Insights Data Export - A - B - 2014-01-01 - 2014-02-27.csv"),
            Some("A - B")
        );
        assert_eq!(page_in_name("export.csv"), None);
    }

    /// A page export by city (hypothetical, but the rule is every daily family's): its
    /// rows are parts of each day, never the page's days.
    #[test]
    fn a_page_export_by_city_is_not_the_pages_days() {
        let csv = "Date,City,Daily Total Reach\n,Description,Daily: people reached\n1/31/2014,Melbourne,40\n1/31/2014,Sydney,9\n";
        let imported = super::super::import_bytes(
            csv.as_bytes(),
            "Facebook Insights Data Export - Page - 2014-01-31 - 2014-01-31.csv",
            &super::super::Options::default(),
        );
        let r = &imported.report;
        assert_eq!(r.family_id, Some("facebook-page"));
        assert_eq!((r.rows_read, r.rows_imported, r.rows_skipped()), (3, 0, 3));
        assert!(imported.store.is_none());
    }

    #[test]
    fn a_repeated_column_is_chosen_by_its_description() {
        let csv = "Date,Lifetime Total Likes,Daily Logged-in Page Views,Daily Logged-in Page Views\n\
                   ,\"Lifetime: people who like the Page (Unique Users)\",\"Daily: Page Views (Unique Users)\",\"Daily: Page Views (Total Count)\"\n\
                   1/31/2014,120,3,7\n\
                   2/1/2014,,4,9\n";
        let t = Table::parse(csv).unwrap();
        assert!(is_page(&t));
        let options = super::super::Options::default();
        let ctx = Context {
            file: "Facebook Insights Data Export - Page - 2014-01-31 - 2014-02-01.csv",
            file_name: "Facebook Insights Data Export - Page - 2014-01-31 - 2014-02-01.csv",
            encoding: super::super::decode::Encoding::Utf8,
            options: &options,
            name_range: None,
            control: None,
            folder: None,
        };
        let (store, report) = page(&t, &ctx);
        assert_eq!((report.rows_read, report.rows_imported), (3, 2));
        assert_eq!(report.rows_skipped(), 1);
        let d = &store.daily;
        assert_eq!(d.count(DailyCount::ProfileVisits, 0), Some(7));
        assert_eq!(d.count(DailyCount::ProfileVisits, 1), Some(9));
        assert_eq!(d.count(DailyCount::Followers, 1), None, "empty is unknown");
        assert_eq!(store.accounts[0].id, "page");
        assert_eq!(store.accounts[0].name.as_deref(), Some("Page"));
    }
}
