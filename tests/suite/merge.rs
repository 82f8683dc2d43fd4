//! Merging snapshots: the latest export wins, ties go to the file given last, and every file's
//! contribution is counted.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use engage::snapshot::LoadControl;
use engage::snapshot::load::{Loaded, Source, load_source};
use engage::snapshot::model::{DailyCount, PostCount, WebCount};

fn write(dir: &tempfile::TempDir, name: &str, json: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, json).unwrap();
    path
}

fn load(paths: &[PathBuf]) -> Loaded {
    load_source(&Source::Files(paths.to_vec()), &LoadControl::default()).unwrap()
}

/// A snapshot with one account, the given posts (id, likes), one daily row and one web row.
fn snapshot(
    exported: Option<&str>,
    offset: &str,
    posts: &[(&str, u64)],
    followers: u64,
    sessions: u64,
) -> String {
    let exported = exported.map_or(String::new(), |e| format!(r#""exported_at": "{e}","#));
    let posts: Vec<String> = posts
        .iter()
        .map(|(id, likes)| {
            format!(
                r#"{{"id": "{id}", "account": "ig", "published_at": "2026-10-01T23:30:00+00:00", "format": "photo", "tags": ["t-{id}"], "likes": {likes}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"format": "engage-snapshot", "version": 1, {exported} "utc_offset": "{offset}",
        "accounts": [{{"id": "ig", "platform": "instagram"}}],
        "posts": [{}],
        "daily": [{{"account": "ig", "date": "2026-10-01", "followers": {followers}}}],
        "web": [{{"date": "2026-10-01", "channel": "direct", "sessions": {sessions}}}]}}"#,
        posts.join(",")
    )
}

fn likes_of(loaded: &Loaded, id: &str) -> Option<u64> {
    let store = loaded.store.as_ref().unwrap();
    let row = (0..store.posts.len()).find(|&r| store.posts.id.get(r) == id)?;
    store.posts.count(PostCount::Likes, row)
}

#[test]
fn latest_export_wins_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(
        &dir,
        "old.json",
        &snapshot(
            Some("2026-10-02T00:00:00Z"),
            "+00:00",
            &[("p1", 10), ("p2", 5)],
            100,
            7,
        ),
    );
    let new = write(
        &dir,
        "new.json",
        &snapshot(
            Some("2026-11-01T00:00:00Z"),
            "+00:00",
            &[("p1", 25), ("p3", 1)],
            130,
            9,
        ),
    );
    for order in [
        vec![old.clone(), new.clone()],
        vec![new.clone(), old.clone()],
    ] {
        let loaded = load(&order);
        assert!(loaded.all_valid());
        let store = loaded.store.as_ref().unwrap();
        assert_eq!(store.posts.len(), 3, "p1 once, p2, p3");
        assert_eq!(
            likes_of(&loaded, "p1"),
            Some(25),
            "the newer export's counts"
        );
        assert_eq!(store.daily.len(), 1);
        assert_eq!(store.daily.count(DailyCount::Followers, 0), Some(130));
        assert_eq!(store.web.count(WebCount::Sessions, 0), Some(9));
        let by_name = |n: &str| {
            loaded
                .files
                .iter()
                .find(|f| f.name.ends_with(n))
                .and_then(|f| f.contribution.clone())
                .unwrap()
        };
        let (o, n) = (by_name("old.json"), by_name("new.json"));
        assert_eq!((o.rows.posts, o.kept.posts, o.overrode.posts), (2, 1, 0));
        assert_eq!((n.rows.posts, n.kept.posts, n.overrode.posts), (2, 2, 1));
        assert_eq!((o.kept.daily, n.kept.daily, n.overrode.daily), (0, 1, 1));
        assert_eq!((o.kept.web, n.kept.web, n.overrode.web), (0, 1, 1));
        // Every post remembers its file, and tags survive re-interning.
        let p2 = (0..store.posts.len())
            .find(|&r| store.posts.id.get(r) == "p2")
            .unwrap();
        let source = &store.sources[store.posts.source[p2] as usize];
        assert!(source.name.ends_with("old.json"));
        let tags: Vec<&str> = store
            .posts
            .tags(p2)
            .iter()
            .map(|&t| store.tags.name(t))
            .collect();
        assert_eq!(tags, ["t-p2"]);
    }
}

#[test]
fn ties_go_to_the_file_given_last_and_undated_files_are_oldest() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        &dir,
        "a.json",
        &snapshot(Some("2026-11-01T00:00:00Z"), "+00:00", &[("p1", 1)], 1, 1),
    );
    let b = write(
        &dir,
        "b.json",
        &snapshot(Some("2026-11-01T00:00:00Z"), "+00:00", &[("p1", 2)], 2, 2),
    );
    assert_eq!(likes_of(&load(&[a.clone(), b.clone()]), "p1"), Some(2));
    assert_eq!(likes_of(&load(&[b.clone(), a.clone()]), "p1"), Some(1));

    let undated = write(
        &dir,
        "undated.json",
        &snapshot(None, "+00:00", &[("p1", 99)], 99, 99),
    );
    let loaded = load(&[a.clone(), undated.clone()]);
    assert_eq!(
        likes_of(&loaded, "p1"),
        Some(1),
        "a dated export beats an undated one"
    );
    let f = loaded
        .files
        .iter()
        .find(|f| f.name.ends_with("undated.json"))
        .unwrap();
    assert!(
        f.findings.warnings.iter().any(|w| w.path == "exported_at"),
        "the undated file is warned about"
    );
}

#[test]
fn same_id_on_two_platforms_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        &dir,
        "a.json",
        &snapshot(None, "+00:00", &[("p1", 1)], 1, 1),
    );
    let b = write(
        &dir,
        "b.json",
        &snapshot(None, "+00:00", &[("p1", 1)], 1, 1).replace("\"instagram\"", "\"tiktok\""),
    );
    let loaded = load(&[a, b]);
    assert!(loaded.store.is_none());
    let errors: Vec<String> = loaded
        .files
        .iter()
        .flat_map(|f| f.findings.errors.iter().map(|e| e.to_string()))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("account `ig` is tiktok here but instagram in"),
        "{}",
        errors[0]
    );
}

#[test]
fn days_are_counted_in_the_first_files_offset() {
    let dir = tempfile::tempdir().unwrap();
    // The post is published at 23:30 UTC on 1 Oct: 2 Oct in +07:00.
    let jakarta = write(
        &dir,
        "jkt.json",
        &snapshot(None, "+07:00", &[("p1", 1)], 1, 1),
    );
    let utc = write(
        &dir,
        "utc.json",
        &snapshot(None, "+00:00", &[("p2", 1)], 1, 1),
    );
    let loaded = load(&[jakarta, utc]);
    let store = loaded.store.as_ref().unwrap();
    assert_eq!(store.utc_offset_min, 420);
    let oct2 = engage::calendar::parse_date("2026-10-02").unwrap();
    assert!(
        store.posts.day.iter().all(|&d| d == oct2),
        "both posts fall on 2 Oct in +07:00"
    );
    let f = loaded
        .files
        .iter()
        .find(|f| f.name.ends_with("utc.json"))
        .unwrap();
    assert!(
        f.findings
            .warnings
            .iter()
            .any(|w| w.message.contains("counts days in +00:00"))
    );
}

#[test]
fn a_bad_file_is_reported_and_the_good_ones_still_merge() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        &dir,
        "good.json",
        &snapshot(None, "+00:00", &[("p1", 1)], 1, 1),
    );
    let bad = write(
        &dir,
        "bad.json",
        "{\"format\": \"engage-snapshot\", \"version\": 1, \"posts\": [}",
    );
    let loaded = load(&[good, bad]);
    assert!(!loaded.all_valid());
    assert_eq!(loaded.store.as_ref().map(|s| s.posts.len()), Some(1));
    let bad = loaded
        .files
        .iter()
        .find(|f| f.name.ends_with("bad.json"))
        .unwrap();
    assert!(bad.contribution.is_none());
    assert_eq!(bad.findings.errors[0].line, Some(1));
}
