//! Plans, the catalogue and the headless report, as a user runs them; and the report's JSON
//! against the engine's own values.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use engage::calendar::parse_date;
use engage::measure::plan::{Plan, Status};
use engage::measure::scorecard::scorecard;
use engage::measure::templates::template;
use engage::measure::{Granularity, Prepared, Window};
use engage::snapshot::{LoadControl, parse_snapshot};
use predicates::prelude::*;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/measure/hand.json"
);

fn engage(home: &Path) -> Command {
    let mut c = crate::common::engage_bin();
    c.env_remove("ENGAGE_HOME").arg("--home").arg(home);
    c
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
}

#[test]
fn templates_and_catalogue() {
    let home = tempfile::tempdir().unwrap();
    engage(home.path())
        .args(["plan", "templates"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("website-loyalty").and(predicate::str::contains(
                "direct_share, pages_per_session, avg_engagement_time",
            )),
        );
    engage(home.path())
        .arg("metrics")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("er_reach")
                .and(predicate::str::contains("[vanity: context, never a KPI]")),
        );
    let out = engage(home.path())
        .args(["metrics", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(
        v.as_array().unwrap().len(),
        engage::measure::CATALOGUE.len()
    );
    assert_eq!(v[0]["id"], "er_reach");
    assert_eq!(v[0]["aggregation"], "mean_of_post_ratios");
}

#[test]
fn plan_lifecycle() {
    let home = tempfile::tempdir().unwrap();
    engage(home.path())
        .args([
            "plan",
            "new",
            "--template",
            "website-loyalty",
            "--name",
            "web",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("created plan `web`"));
    assert!(home.path().join("plans/web.json").is_file());
    engage(home.path())
        .args(["plan", "new", "--template", "engagement", "--name", "Web"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a plan named `web` already exists",
        ));
    engage(home.path())
        .args(["plan", "new", "--template", "nope", "--name", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown template `nope`"));
    engage(home.path())
        .args(["plan", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("web").and(predicate::str::contains("8 KPIs")));
    engage(home.path())
        .args(["plan", "show", "web"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("direct_share")
                .and(predicate::str::contains("at least the 90-day median")),
        );
    engage(home.path())
        .args(["plan", "show", "nothing"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no plan named `nothing`"));
    // A corrupt file is listed as unreadable and never overwritten.
    let bad = home.path().join("plans/broken.json");
    std::fs::write(&bad, "{ not json").unwrap();
    engage(home.path())
        .args(["plan", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("unreadable").and(predicate::str::contains("broken.json:1:")),
        );
    engage(home.path())
        .args(["plan", "new", "--name", "broken"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("left untouched"));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "{ not json");
}

#[test]
fn env_var_home_is_honoured() {
    let home = tempfile::tempdir().unwrap();
    crate::common::engage_bin()
        .env("ENGAGE_HOME", home.path())
        .args(["plan", "new", "--name", "blank"])
        .assert()
        .success();
    assert!(home.path().join("plans/blank.json").is_file());
}

fn window() -> Window {
    Window::new(
        parse_date("2026-10-01").unwrap(),
        parse_date("2026-10-04").unwrap(),
    )
    .unwrap()
}

#[test]
fn report_json_equals_the_engines_values() {
    let home = tempfile::tempdir().unwrap();
    let plan = Plan::from_template("web", template("website-loyalty").unwrap());
    let plan_file = home.path().join("web-plan.json");
    std::fs::write(&plan_file, serde_json::to_string(&plan).unwrap()).unwrap();
    let out = engage(home.path())
        .args(["report", "--plan"])
        .arg(&plan_file)
        .arg(FIXTURE)
        .args([
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-04",
            "--format",
            "json",
            "--granularity",
            "day",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);

    let text = std::fs::read(FIXTURE).unwrap();
    let store = parse_snapshot(text.as_slice(), "hand.json", LoadControl::default())
        .unwrap()
        .store
        .unwrap();
    let prepared = Prepared::new(Arc::new(store));
    let card = scorecard(&prepared, &plan, window(), Granularity::Day);

    assert_eq!(v["engage_report"], 1);
    assert_eq!(v["plan"]["name"], "web");
    assert_eq!(v["window"]["from"], "2026-10-01");
    assert_eq!(v["window"]["days"], 4);
    assert_eq!(v["verdict"], card.verdict());
    let metrics = v["metrics"].as_array().unwrap();
    assert_eq!(metrics.len(), card.kpis.len());
    for (m, k) in metrics.iter().zip(&card.kpis) {
        let id = k.metric().id;
        assert_eq!(m["id"], id);
        assert_eq!(m["value"].as_f64(), k.result.current.value, "{id}");
        assert_eq!(m["used"], k.result.current.used, "{id}");
        assert_eq!(m["left_out"], k.result.current.left_out, "{id}");
        assert_eq!(
            m["previous"]["value"].as_f64(),
            k.result.previous.value,
            "{id}"
        );
        assert_eq!(m["status"], serde_json::to_value(k.status).unwrap(), "{id}");
        assert_eq!(
            m["series"].as_array().unwrap().len(),
            4,
            "{id}: a daily series"
        );
    }
    // Hand-checked values through the report: direct share 270/430, a ratio, not a percent.
    let direct = &metrics[0];
    assert_eq!(direct["id"], "direct_share");
    assert!((direct["value"].as_f64().unwrap() - 270.0 / 430.0).abs() < 1e-12);
    assert_eq!(direct["display"], "62.8%");
    // Conversation rate's baseline: of the 90 four-day windows before 1 Oct only the one
    // ending 30 Sep has a post (P0, 2 comments), so the median is 2. But those windows span
    // 30 Jun..30 Sep (93 days) and the posts start on 30 Sep: a baseline the data covers on 1
    // day of 93 judges nothing, so the status is n/a (never met), and says why.
    let conv = metrics
        .iter()
        .find(|m| m["id"] == "conversation_rate")
        .unwrap();
    assert_eq!(conv["baseline"]["value"], 2.0);
    assert_eq!(conv["baseline"]["used"], 1);
    assert_eq!(conv["baseline"]["partial"], true);
    assert_eq!(conv["baseline"]["covered"]["from"], "2026-09-30");
    assert_eq!(conv["baseline"]["covered"]["days"], 1);
    assert_eq!(conv["status"], "not_available");
    assert_eq!(
        conv["status_reason"],
        "the data covers 1 of 93 days of the trailing 90-day median (2026-09-30..2026-09-30): a relative target is judged only against days the data covers"
    );
    // Web rows start on 1 Oct: no baseline for direct share, so no status.
    assert_eq!(direct["status"], "not_available");
    assert_eq!(
        direct["baseline"]["reason"],
        "no value in the 90 days before the window"
    );
    assert!(card.kpis.iter().any(|k| k.status == Status::NotAvailable));
}

#[test]
fn report_of_metrics_without_a_plan_and_to_a_file() {
    let home = tempfile::tempdir().unwrap();
    let out_file: PathBuf = home.path().join("r.json");
    engage(home.path())
        .args([
            "report",
            "--metric",
            "er_reach",
            "--metric",
            "sessions",
            FIXTURE,
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-04",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out_file)
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("wrote"));
    let v = json_of(&std::fs::read(&out_file).unwrap());
    assert!(v.get("plan").is_none());
    assert_eq!(v["metrics"][0]["id"], "er_reach");
    assert!((v["metrics"][0]["value"].as_f64().unwrap() - 0.195 / 4.0).abs() < 1e-12);
    assert_eq!(v["metrics"][1]["value"], 430.0);
    // Markdown by default, with the table and the notes.
    engage(home.path())
        .args([
            "report",
            "--metric",
            "er_views",
            FIXTURE,
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-04",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("| Metric | Value |")
                .and(predicate::str::contains("small sample"))
                .and(predicate::str::contains("1.25%")),
        );
}

#[test]
fn report_on_the_demo_with_a_saved_plan() {
    let home = tempfile::tempdir().unwrap();
    crate::common::plan_web(home.path());
    engage(home.path())
        .args(["report", "--plan", "web"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("# Scorecard: web")
                .and(predicate::str::contains(
                    "Be more engaged with my website's audience",
                ))
                .and(predicate::str::contains("KPIs met"))
                .and(predicate::str::contains("2026-10-04..2026-10-31")),
        );
}

#[test]
fn report_errors_are_clear() {
    let home = tempfile::tempdir().unwrap();
    engage(home.path())
        .args(["report", "--plan", "ghost"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no plan named `ghost`"));
    engage(home.path())
        .args(["report", "--metric", "likes_total"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("unknown metric likes_total")
                .and(predicate::str::contains("er_reach")),
        );
    engage(home.path())
        .args([
            "report",
            "--metric",
            "er_reach",
            "--from",
            "2020-01-01",
            "--to",
            "2020-01-28",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "outside the data, which runs from 2024-11-01 to 2026-10-31",
        ));
    engage(home.path())
        .args(["report", "--metric", "er_reach", "--from", "2026-10-01"])
        .assert()
        .code(2);
    engage(home.path()).args(["report"]).assert().code(2);
    engage(home.path())
        .args([
            "report",
            "--metric",
            "er_reach",
            "--from",
            "2026-13-01",
            "--to",
            "2026-12-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a date"));
    engage(home.path())
        .args(["report", "--metric", "er_reach", "--last", "3 months"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("28d or 4w"));
    // A plan naming a metric that does not exist.
    let plan_file = home.path().join("odd.json");
    let mut plan = Plan::blank("odd");
    plan.kpis.push(engage::measure::plan::Kpi {
        metric: "likes_total".into(),
        target: None,
    });
    std::fs::write(&plan_file, serde_json::to_string(&plan).unwrap()).unwrap();
    engage(home.path())
        .args(["report", "--plan"])
        .arg(&plan_file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "plan `odd`: unknown metric `likes_total`",
        ));
}

/// The demo's 2025 against 2024-01-02..12-31, of which the data (from 2024-11-01) covers 61
/// days: sums say why they have no change, ratios show it with the previous value partial,
/// and the Markdown report says the same in its notes.
#[test]
fn a_previous_period_the_data_barely_covers_is_said_not_compared() {
    let home = tempfile::tempdir().unwrap();
    let args = [
        "report",
        "--metric",
        "shares",
        "--metric",
        "er_reach",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ];
    let out = engage(home.path())
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let shares = &v["metrics"][0];
    assert_eq!(shares["id"], "shares");
    assert_eq!(shares["change"], serde_json::Value::Null);
    assert_eq!(
        shares["change_reason"],
        "the data covers 61 of 365 days of the previous period (2024-11-01..2024-12-31)"
    );
    assert_eq!(shares["previous"]["partial"], true);
    assert_eq!(shares["previous"]["covered"]["from"], "2024-11-01");
    assert_eq!(shares["previous"]["covered"]["days"], 61);
    let er = &v["metrics"][1];
    assert!(er["change"]["absolute"].is_f64());
    assert_eq!(er["change_reason"], serde_json::Value::Null);
    assert_eq!(er["previous"]["partial"], true);
    assert_eq!(er["partial"], false, "2025 itself is covered");
    let md = engage(home.path())
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("- Shares: no change: the data covers 61 of 365 days of the previous period (2024-11-01..2024-12-31)."),
        "{md}"
    );
    assert!(md.contains("| n/a (partial period) |"), "{md}");
    assert!(
        md.contains("- Engagement rate by reach: the previous value is partial: the data covers 61 of 365 days of the previous period (2024-11-01..2024-12-31)."),
        "{md}"
    );
}

/// `--segment` judges part of the data, by the plan segment's rule; the demo's TikTok account
/// has no daily rows on 2025-09-09..11, and its 4 posts on those days are left out of every
/// follower-based metric (never given an earlier day's count).
#[test]
fn segments_from_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = engage(home.path())
            .args(["report", "--format", "json"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        json_of(&out)
    };
    let tt = run(&[
        "--metric",
        "interactions_per_1k",
        "--segment",
        "account=tt",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ]);
    assert_eq!(tt["segment_description"], "accounts tt");
    let m = &tt["metrics"][0];
    assert_eq!(m["display"], "11,438");
    assert_eq!(
        (m["used"].as_u64(), m["left_out"].as_u64()),
        (Some(505), Some(4))
    );
    assert_eq!(
        m["left_out_reasons"][0],
        "4 posts on days without a follower count (followers on the day of posting are never carried over from another day)"
    );
    // The ISO week of the gap, all accounts: 71 posts used, tt's 4 left out.
    let week = run(&[
        "--metric",
        "er_followers",
        "--from",
        "2025-09-08",
        "--to",
        "2025-09-14",
    ]);
    let er = week["metrics"][0]["value"].as_f64().unwrap();
    assert_eq!((er * 100_000.0).round(), 243.0, "0.243%: {er}");
    assert_eq!(week["metrics"][0]["left_out"], 4);
    // Includes of one kind are OR, kinds AND, excludes win: the same as the plan's segment.
    let mixed = run(&[
        "--metric",
        "posts_per_week",
        "--segment",
        "platform=instagram",
        "--segment",
        "platform=tiktok",
        "--segment",
        "tag!=promo",
        "--segment",
        "account!=tt",
    ]);
    assert_eq!(
        mixed["segment_description"],
        "accounts not tt; platforms instagram, tiktok; tags not promo"
    );
    let ig_no_promo = run(&[
        "--metric",
        "posts_per_week",
        "--segment",
        "account=ig",
        "--segment",
        "tag!=promo",
    ]);
    assert_eq!(
        mixed["metrics"][0]["value"], ig_no_promo["metrics"][0]["value"],
        "tt excluded leaves instagram's one account"
    );
    // With a plan: its own segment and the command line's together.
    let plan = home.path().join("p.json");
    std::fs::write(
        &plan,
        r#"{"format":"engage-plan","version":1,"name":"p","objective":"o",
            "kpis":[{"metric":"posts_per_week"}],"segment":{"accounts":{"include":["ig"]}}}"#,
    )
    .unwrap();
    let both = run(&["--plan", plan.to_str().unwrap(), "--segment", "tag!=promo"]);
    assert_eq!(both["segment_description"], "accounts ig; tags not promo");
    assert_eq!(
        both["metrics"][0]["value"],
        ig_no_promo["metrics"][0]["value"]
    );
    // An account or tag the data does not have is bad input, named with what there is.
    engage(home.path())
        .args(["report", "--metric", "ctr", "--segment", "account=tiktok"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--segment account=tiktok: the data has no account `tiktok` (accounts: fb, ig, x, yt, tt)",
        ));
}

/// A malformed flag value is a usage error (2), as is a report that names nothing to judge;
/// export flags belong to the commands that read exports.
#[test]
fn malformed_flags_are_usage_errors() {
    let home = tempfile::tempdir().unwrap();
    for (args, says) in [
        (&["--utc-offset", "7"][..], "expected ±HH:MM"),
        (&["--platform", "myspace"], "expected one of facebook"),
        (&["--last", "6m"], "expected days or weeks"),
        (
            &["--from", "2025-02-30", "--to", "2025-03-01"],
            "expected a date",
        ),
        (&["--segment", "colour=red"], "unknown kind `colour`"),
        (&["--segment", "format=gif"], "unknown format `gif`"),
    ] {
        engage(home.path())
            .args(["report", "--metric", "ctr"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    engage(home.path())
        .arg("report")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--plan <NAME|FILE>|--metric <ID>"));
    for cmd in [&["schema"][..], &["metrics"], &["plan", "list"]] {
        engage(home.path())
            .args(cmd)
            .args(["--account", "x"])
            .assert()
            .code(2);
    }
    engage(home.path())
        .args(["validate", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--utc-offset")
                .and(predicate::str::contains("Snapshots, exports or folders")),
        );
}

/// A plan built and changed headless, with the app's checks and messages.
#[test]
fn plans_are_built_from_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let ok = |args: &[&str]| {
        let out = engage(home.path())
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    ok(&["plan", "new", "--name", "web"]);
    let (said, _) = ok(&[
        "plan", "kpi", "add", "web", "er_reach", "--target", ">= 4.5%",
    ]);
    assert!(
        said.starts_with("added KPI er_reach to `web`: >= 4.50%"),
        "{said}"
    );
    let (said, _) = ok(&["plan", "kpi", "add", "web", "ctr"]);
    assert!(
        said.starts_with("added KPI ctr to `web`: no target"),
        "{said}"
    );
    let (said, _) = ok(&["plan", "kpi", "add", "web", "ctr", "--target", "+5% prev"]);
    assert!(
        said.starts_with("KPI ctr of `web`: +5% vs previous period"),
        "{said}"
    );
    let (_, warned) = ok(&["plan", "kpi", "add", "web", "followers"]);
    assert!(
        warned.contains("Followers (vanity) is a vanity metric"),
        "{warned}"
    );
    ok(&["plan", "kpi", "remove", "web", "followers"]);
    let (said, _) = ok(&[
        "plan",
        "set",
        "web",
        "--objective",
        "Be more engaged with my website's audience",
        "--window",
        "4w",
        "--segment",
        "account=ig",
        "--segment",
        "tag!=promo",
    ]);
    assert!(
        said.contains("window: the last 28 days of the data; segment: accounts ig; tags not promo"),
        "{said}"
    );
    let (shown, _) = ok(&["plan", "show", "web"]);
    for line in [
        "objective  Be more engaged with my website's audience",
        "segment    accounts ig; tags not promo",
        "window     the last 28 days of the data",
        "er_reach",
        "target: >= 4.50%",
        "ctr",
    ] {
        assert!(shown.contains(line), "{line:?} in {shown}");
    }
    assert!(!shown.contains("followers"), "{shown}");
    // The plan as saved judges the data: two KPIs on ig without promo posts.
    let (json, _) = ok(&["report", "--plan", "web", "--format", "json"]);
    let v = json_of(json.as_bytes());
    assert_eq!(v["segment_description"], "accounts ig; tags not promo");
    assert_eq!(v["metrics"].as_array().unwrap().len(), 2);
    // A fixed window, then the segment cleared.
    ok(&[
        "plan",
        "set",
        "web",
        "--window",
        "2026-10-01..2026-10-28",
        "--segment",
        "all",
    ]);
    let (shown, _) = ok(&["plan", "show", "web"]);
    assert!(
        shown.contains("window     2026-10-01..2026-10-28"),
        "{shown}"
    );
    assert!(shown.contains("segment    all data"), "{shown}");
    // Refusals: bad input 1, malformed values 2, each saying why.
    for (args, code, says) in [
        (
            &["plan", "kpi", "add", "web", "likes_total"][..],
            1,
            "unknown metric `likes_total` (metrics: er_reach",
        ),
        (
            &["plan", "kpi", "remove", "web", "save_rate"],
            1,
            "`save_rate` is not a KPI of plan `web` (its KPIs: er_reach, ctr)",
        ),
        (&["plan", "kpi", "add", "nope", "ctr"], 1, "nope"),
        (
            &["plan", "kpi", "add", "web", "ctr", "--target", "lots"],
            2,
            "--target: `lots`: write `>= 4.5%`",
        ),
        (&["plan", "set", "web"], 2, "say what to change"),
        (
            &["plan", "set", "web", "--window", "6m"],
            2,
            "write 28d or 4w",
        ),
        (
            &["plan", "set", "web", "--segment", "platform=myspace"],
            2,
            "unknown platform",
        ),
    ] {
        engage(home.path())
            .args(args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(says));
    }
}
