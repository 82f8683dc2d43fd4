//! Files read through mappings: every option of the mapping file, on small exports.

use super::{Mapping, import};
use crate::import::{Imported, Options};
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};

const MAP: &str = r#"
[file]
kind = "posts"
separator = ";"
decimal_comma = true
missing = ["k.A."]

[account]
id = "acme"
platform = "instagram"
handle = "@acme"

[columns]
id = "Beitrags-ID"
text = "Text"
format = "Typ"
likes = "Gefällt mir"
reach = "Reichweite"
tags = "Kampagne"

[date]
columns = ["Datum", "Uhrzeit"]
format = "%d.%m.%Y %H:%M"
utc_offset = "+01:00"

[formats]
Bild = "photo"
"#;

#[test]
fn a_german_export_with_a_mapping() {
    let m = Mapping::parse(MAP, "map.toml").unwrap();
    let csv = "Beitrags-ID;Datum;Uhrzeit;Text;Typ;Gefällt mir;Reichweite;Kampagne\n\
               1;31.01.2026;18:30;\"Hallo; Welt\";Bild;1.234;2,0;Winter, Sale\n\
               2;01.02.2026;09:00;Zwei;Video;k.A.;12,5;\n\
               3;kein Datum;;Drei;Bild;1;1;\n";
    let imported = import(
        csv.as_bytes(),
        "export.csv",
        &m,
        &Options::default(),
        None,
        None,
    );
    let r = &imported.report;
    assert_eq!(r.family_id, Some("mapping"));
    assert_eq!((r.rows_read, r.rows_imported, r.rows_skipped()), (3, 2, 1));
    assert_eq!(
        r.bad_cells.len(),
        1,
        "12,5 is not a count: {:?}",
        r.bad_cells
    );
    let store = imported.store.unwrap();
    let p = &store.posts;
    assert_eq!(p.count(PostCount::Likes, 0), Some(1234));
    assert_eq!(p.count(PostCount::Reach, 0), Some(2));
    assert_eq!(p.count(PostCount::Likes, 1), None, "k.A. is missing");
    assert_eq!(p.format[0], PostFormat::Photo);
    assert_eq!(p.format[1], PostFormat::Video);
    assert_eq!(p.text.get(0), "Hallo; Welt");
    assert_eq!(
        crate::calendar::Timestamp {
            utc: p.published[0],
            offset_min: p.offset_min[0]
        }
        .to_string(),
        "2026-01-31T18:30:00+01:00"
    );
    assert_eq!(store.tags.len(), 2);
    assert_eq!(store.accounts[0].id, "acme");
    assert_eq!(store.accounts[0].platform, Platform::Instagram);
}

#[test]
fn a_column_the_file_lacks_refuses_the_file() {
    let m = Mapping::parse(
        "[columns]\nid = \"ID\"\nlikes = \"Likes\"\n[date]\ncolumns = [\"Date\"]\n",
        "m.toml",
    )
    .unwrap();
    let imported = import(
        b"ID,Date\n1,2026-01-01\n",
        "x.csv",
        &m,
        &Options::default(),
        None,
        None,
    );
    assert!(imported.store.is_none());
    let problem = imported.report.problem.unwrap();
    assert!(problem.contains("Likes"), "{problem}");
}

fn run(map: &str, bytes: &[u8]) -> Imported {
    let m = Mapping::parse(map, "m.toml").unwrap();
    import(bytes, "x.csv", &m, &Options::default(), None, None)
}

#[test]
fn the_account_id_is_used_as_written() {
    let imported = run(
        "[account]\nid = \"acme-de\"\nname = \"ACME Deutschland\"\n[columns]\nid = \"ID\"\n[date]\ncolumns = [\"Date\"]\n",
        b"ID,Date\n1,2026-01-01\n",
    );
    let store = imported.store.unwrap();
    assert_eq!(store.accounts.len(), 1);
    assert_eq!(store.accounts[0].id, "acme-de");
    assert_eq!(store.accounts[0].name.as_deref(), Some("ACME Deutschland"));
    assert_eq!(store.accounts[0].handle, None);
}

#[test]
fn an_account_column_names_each_rows_account() {
    let imported = run(
        "[account]\ncolumn = \"Account\"\nplatform = \"tiktok\"\n[columns]\nid = \"ID\"\nlikes = \"Likes\"\n[date]\ncolumns = [\"Date\"]\n",
        b"ID,Account,Date,Likes\n1,Shop DE,2026-01-01,3\n2,Shop AT,2026-01-02,4\n3,,2026-01-03,5\n4,Shop DE,,6\n5,Shop DE,someday,7\n",
    );
    let r = &imported.report;
    assert_eq!((r.rows_read, r.rows_imported), (5, 2));
    assert_eq!(r.skipped["no account in the account column"].count, 1);
    assert_eq!(r.skipped["no date"].count, 1);
    assert_eq!(
        r.skipped["the date does not read with the mapping's format"].first_line,
        6
    );
    assert_eq!(r.account.as_deref(), Some("shop-de"));
    let store = imported.store.unwrap();
    let ids: Vec<&str> = store.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["shop-de", "shop-at"], "no account without rows");
    let names: Vec<Option<&str>> = store.accounts.iter().map(|a| a.name.as_deref()).collect();
    assert_eq!(
        names,
        [Some("Shop DE"), Some("Shop AT")],
        "the column's text"
    );
    assert!(
        store
            .accounts
            .iter()
            .all(|a| a.platform == Platform::Tiktok)
    );
    assert_eq!(store.posts.count(PostCount::Likes, 1), Some(4));
}

/// Tags from several columns, each split by the separator, each tag once; one string
/// still names one column; a list is for tags only.
#[test]
fn tags_from_several_columns() {
    let imported = run(
        "[columns]\nid = \"ID\"\ntags = [\"Rating\", \"Category\"]\n[date]\ncolumns = [\"Date\"]\n",
        b"ID,Date,Rating,Category\n1,2026-01-01,5 stars,\"news, local\"\n2,2026-01-02,,local\n3,2026-01-03,NA,\n",
    );
    let store = imported.store.unwrap();
    let tags = |row: usize| -> Vec<&str> {
        store
            .posts
            .tags(row)
            .iter()
            .map(|&t| store.tags.name(t))
            .collect()
    };
    assert_eq!(tags(0), ["5 stars", "news", "local"]);
    assert_eq!(tags(1), ["local"]);
    assert!(tags(2).is_empty(), "NA and empty are no tags");
    assert!(
        imported
            .report
            .fields_found
            .contains(&"posts.tags".to_owned())
    );
    let one = run(
        "[columns]\nid = \"ID\"\ntags = \"Category\"\n[date]\ncolumns = [\"Date\"]\n",
        b"ID,Date,Category\n1,2026-01-01,\"a,b\"\n",
    );
    assert_eq!(one.store.unwrap().tags.len(), 2);
    let e = Mapping::parse(
        "[columns]\nid = \"ID\"\nlikes = [\"A\", \"B\"]\n[date]\ncolumns = [\"Date\"]\n",
        "m.toml",
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "m.toml: [columns] likes: one column (only tags takes a list of columns)"
    );
    let e = Mapping::parse(
        "[columns]\nid = 3\n[date]\ncolumns = [\"Date\"]\n",
        "m.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("a column name, or a list of column names"),
        "{e}"
    );
    // A tag column the file lacks refuses the file, naming it.
    let missing = run(
        "[columns]\nid = \"ID\"\ntags = [\"Rating\", \"Topic\"]\n[date]\ncolumns = [\"Date\"]\n",
        b"ID,Date,Rating\n1,2026-01-01,x\n",
    );
    assert!(missing.report.problem.unwrap().contains("Topic"));
}

#[test]
fn daily_rows_tab_separated_day_first_in_windows_1252() {
    // "Réf" in Windows-1252, two title lines, tabs, day-first dates.
    let mut bytes = b"Export\nR\xe9f\n".to_vec();
    bytes.extend(b"Tag\tFollower\tNeu\n03/04/2026\t1.200\t7\n04/04/2026\t1.210\t-\n");
    let imported = run(
        "[file]\nkind = \"daily\"\nseparator = \"tab\"\nencoding = \"windows-1252\"\nskip_lines = 2\ndecimal_comma = true\n[account]\nid = \"shop\"\n[columns]\nfollowers = \"Follower\"\nfollows = \"Neu\"\n[date]\ncolumns = [\"Tag\"]\norder = \"day-first\"\n",
        &bytes,
    );
    let r = &imported.report;
    assert_eq!(r.encoding, Some("Windows-1252"));
    assert_eq!((r.rows_read, r.rows_imported), (2, 2));
    assert!(r.fields_found.contains(&"daily.followers".to_owned()));
    assert!(r.fields_missing.contains(&"daily.reach".to_owned()));
    let d = &imported.store.unwrap().daily;
    assert_eq!(crate::calendar::format_date(d.day[0]), "2026-04-03");
    assert_eq!(d.count(DailyCount::Followers, 0), Some(1200));
    assert_eq!(d.count(DailyCount::Follows, 1), None);
}

#[test]
fn web_rows_with_channel_names_mapped() {
    let imported = run(
        "[file]\nkind = \"web\"\n[columns]\nchannel = \"Source\"\nsessions = \"Visits\"\n[channels]\n\"Newsletter\" = \"email\"\n[date]\ncolumns = [\"Day\"]\n",
        b"Day,Source,Visits\n2026-01-01,Newsletter,5\n2026-01-01,Organic Search,7\n2026-01-01,Something new,1\n2026-01-02,all,9\n",
    );
    let w = &imported.store.unwrap().web;
    let channels: Vec<Channel> = w.channel.clone();
    assert_eq!(
        channels,
        [
            Channel::Email,
            Channel::OrganicSearch,
            Channel::Other,
            Channel::All
        ]
    );
    assert_eq!(w.count(WebCount::Sessions, 1), Some(7));
}

#[test]
fn web_rows_by_source_with_a_sources_table() {
    let imported = run(
        "[file]\nkind = \"web\"\n[columns]\nsource = \"Referrer\"\nmedium = \"Medium\"\nsessions = \"Visits\"\n[sources]\n\"News.App\" = \"x\"\n\"www.kabar.link\" = \"instagram\"\n[date]\ncolumns = [\"Day\"]\n",
        b"Day,Referrer,Medium,Visits\n2026-01-01,news.app,referral,5\n2026-01-01,kabar.link,referral,3\n2026-01-01,l.instagram.com,referral,4\n2026-01-01,(direct),(none),9\n2026-01-01,blog.example.com,referral,2\n",
    );
    let store = imported.store.unwrap();
    let w = &store.web;
    let rows: Vec<(Channel, Option<&str>, Option<u64>)> = (0..w.len())
        .map(|r| {
            (
                w.channel[r],
                w.referrer_of(r).map(|id| store.referrers.name(id)),
                w.count(WebCount::Sessions, r),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Channel::OrganicSocial, Some("x"), Some(5)),
            (Channel::OrganicSocial, Some("instagram"), Some(3)),
            // The same (day, channel, source) again: the first row is kept, the report says so.
            (Channel::Direct, None, Some(9)),
            (Channel::Referral, Some("blog.example.com"), Some(2)),
        ]
    );
    assert_eq!(imported.report.rows_skipped(), 1);
    let bad = Mapping::parse(
        "[file]\nkind = \"web\"\n[sources]\n\"t.co\" = \"\"\n[date]\ncolumns = [\"Day\"]\n",
        "m.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        bad.starts_with("m.toml: [sources] \"t.co\" = \"\""),
        "{bad}"
    );
}
