//! The breakdown by source: for each source that sent visits to the website in the window
//! (a platform, or another site's domain), its sessions, pages per session, engagement time,
//! engaged-session rate and conversions; beside each platform, its link posts, their clicks and
//! the sessions per link click; and, apart, direct traffic and the site as a whole to read
//! them against. This is how a website objective translates to each platform: which one sends
//! the readers who stay.

use crate::analysis::breakdown::{Breakdown, Group};
use crate::analysis::dims::Dim;
use crate::i18n::Msg;
use crate::measure::catalogue::{Aggregation, Metric, metric};
use crate::measure::sources::fields;
use crate::measure::value::{Figure, Rows};
use crate::measure::{Ctx, Prepared, Segment, Who, Window};
use crate::snapshot::model::{Channel, Platform, PostCount, PostFormat, WebCount};

/// The metrics every group shows, as their site-wide ids (the reference rows use them as they
/// are; the sources through [`crate::measure::sources::SourceRows`]).
pub const VISIT_METRICS: [&str; 5] = [
    "sessions",
    "pages_per_session",
    "avg_engagement_time",
    "engaged_session_rate",
    "conversions",
];

/// The name of the direct-traffic reference row.
pub const DIRECT: &str = "(direct)";
/// The name of the whole-site reference row.
pub const SITE: &str = "(site)";

/// Said wherever sessions are put next to clicks, in the language shown.
pub fn systems_note() -> &'static str {
    crate::i18n::tr("explore.systems_note")
}

/// A platform's link posts in the window.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkPosts {
    /// Posts of format `link` of the platform's accounts (in the segment).
    pub posts: u64,
    /// Their clicks, summed over the posts that know them; `None` when none does.
    pub clicks: Option<u64>,
    /// Link posts whose clicks are known.
    pub clicks_known: u64,
    /// The platform's sessions per link click; `None` with `reason`.
    pub sessions_per_click: Option<f64>,
    pub reason: Option<Msg>,
}

/// One source (or reference row) of the breakdown.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceGroup {
    pub source: String,
    pub platform: Option<Platform>,
    /// The lens's metric for this source.
    pub figure: Figure,
    /// [`VISIT_METRICS`] in order.
    pub visits: Vec<(&'static str, Figure)>,
    /// For platforms whose accounts the data has.
    pub links: Option<LinkPosts>,
}

/// The breakdown by source.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceBreakdown {
    /// The metric the groups' values are of: the lens's if it has a value by source, else
    /// sessions.
    pub metric: &'static Metric,
    pub window: Window,
    /// Sources by sessions, most first.
    pub groups: Vec<SourceGroup>,
    /// Direct traffic and the whole site.
    pub reference: Vec<SourceGroup>,
}

impl SourceBreakdown {
    /// The source that sends the readers who stay: the platform with the most pages per
    /// session among those that sent at least `min_share` of the platforms' sessions (a
    /// handful of visits is not a finding), with that figure.
    pub fn deepest_platform(&self, min_share: f64) -> Option<(&SourceGroup, f64)> {
        let sessions = |g: &SourceGroup| g.visits.first().and_then(|(_, f)| f.value);
        let total: f64 = self
            .groups
            .iter()
            .filter(|g| g.platform.is_some())
            .filter_map(sessions)
            .sum();
        self.groups
            .iter()
            .filter(|g| g.platform.is_some())
            .filter(|g| sessions(g).is_some_and(|s| total > 0.0 && s / total >= min_share))
            .filter_map(|g| g.visits.get(1).and_then(|(_, f)| f.value).map(|v| (g, v)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// As a generic breakdown (one group per source), for the lens views and exports.
    pub fn breakdown(&self) -> Breakdown {
        let total = self
            .reference
            .iter()
            .find(|g| g.source == SITE)
            .map_or_else(
                || Figure::none(Msg::new("why.needs_web"), 0, 0, Rows::Days),
                |g| g.figure.clone(),
            );
        let groups = self
            .groups
            .iter()
            .map(|g| {
                let share = (self.metric.aggregation == Aggregation::Sum)
                    .then(|| g.figure.value.zip(total.value))
                    .flatten()
                    .and_then(|(v, t)| (t != 0.0).then_some(v / t));
                Group {
                    keys: vec![(Dim::Source, g.source.clone())],
                    figure: g.figure.clone(),
                    posts: g.links.as_ref().map_or(0, |l| l.posts),
                    spread: None,
                    share,
                    small: false,
                }
            })
            .collect();
        Breakdown {
            metric: self.metric,
            window: self.window,
            dims: vec![Dim::Source],
            groups,
            total,
        }
    }
}

/// The metric a source breakdown shows: `asked` if it has a value by source, else sessions.
fn shown_metric(asked: &'static Metric) -> &'static Metric {
    let by_source = match asked.id.strip_prefix("source_") {
        Some("sessions") => "sessions",
        Some("pages_per_session") => "pages_per_session",
        Some("engagement_time") => "avg_engagement_time",
        Some("engaged_rate") => "engaged_session_rate",
        Some("conversions") => "conversions",
        _ if fields(asked.id).is_some() => asked.id,
        _ => "sessions",
    };
    metric(by_source).unwrap_or(asked)
}

/// A count the rows do not give (direct traffic's).
fn unknown() -> Msg {
    Msg::new("sources.why_count_unknown").arg("what", DIRECT)
}

/// Figures of `id` from sums over a window (the reference rows' direct traffic).
fn of_sums(id: &str, sums: [Option<u64>; 6], used: u64, left_out: u64) -> Figure {
    let Some((num, den)) = fields(id) else {
        return Figure::none(
            Msg::new("sources.why_not_by_source"),
            used,
            left_out,
            Rows::Days,
        );
    };
    let get = |c: WebCount| sums[c as usize];
    match den {
        None => match get(num) {
            Some(v) => Figure::of(v as f64, used, left_out, Rows::Days),
            None => Figure::none(unknown(), used, left_out, Rows::Days),
        },
        Some(d) => match (get(num), get(d)) {
            (Some(_), Some(0)) => {
                Figure::none(Msg::new("why.no_sessions"), used, left_out, Rows::Days)
            }
            (Some(n), Some(d)) => Figure::of(n as f64 / d as f64, used, left_out, Rows::Days),
            _ => Figure::none(unknown(), used, left_out, Rows::Days),
        },
    }
}

/// Direct traffic's sums over `window` (its rows without a source, else its source rows),
/// and the days with a direct row; else the range totals of exactly the window.
fn direct(prepared: &Prepared, window: Window) -> Option<([Option<u64>; 6], u64, bool)> {
    let web = &prepared.store.web;
    let counted = crate::measure::prepare::channel_rows(web);
    let mut sums = [Some(0u64); 6];
    let mut days: Vec<i32> = Vec::new();
    for row in (0..web.len()).filter(|&r| counted[r]) {
        if web.channel[row] != Channel::Direct || !window.contains(web.day[row]) {
            continue;
        }
        for (k, s) in sums.iter_mut().enumerate() {
            *s = s.zip(web.counts[k].get(row)).map(|(a, b)| a + b);
        }
        days.push(web.day[row]);
    }
    days.sort_unstable();
    days.dedup();
    if !days.is_empty() {
        return Some((sums, days.len() as u64, false));
    }
    let totals = &prepared.web_totals;
    let counted = crate::measure::prepare::channel_totals(totals);
    let mut found = false;
    for (t, _) in totals.iter().zip(counted).filter(|(t, c)| {
        *c && t.channel == Channel::Direct && t.from == window.from && t.to == window.to
    }) {
        found = true;
        for (s, v) in sums.iter_mut().zip(t.counts) {
            *s = s.zip(v).map(|(a, b)| a + b);
        }
    }
    found.then_some((sums, 1, true))
}

/// The link posts of `platform`'s accounts in the window and segment, and sessions per click.
fn links(
    prepared: &Prepared,
    window: Window,
    segment: &Segment,
    platform: Platform,
    sessions: Option<f64>,
) -> Option<LinkPosts> {
    if !prepared.platforms.contains(&platform) {
        return None;
    }
    let posts = &prepared.store.posts;
    let rows = prepared.query_posts(window, segment, "");
    let (mut n, mut clicks, mut known) = (0u64, 0u64, 0u64);
    for r in rows.iter().map(|&r| r as usize) {
        let account = posts.account[r] as usize;
        if prepared.platforms.get(account) != Some(&platform) || posts.format[r] != PostFormat::Link
        {
            continue;
        }
        n += 1;
        if let Some(c) = posts.count(PostCount::Clicks, r) {
            clicks += c;
            known += 1;
        }
    }
    let clicks = (known > 0).then_some(clicks);
    let (per_click, reason) = match (sessions, clicks) {
        _ if n == 0 => (None, Some(Msg::new("sources.why_no_link_posts"))),
        (_, None) => (None, Some(Msg::new("sources.why_clicks_unknown"))),
        (_, Some(0)) => (None, Some(Msg::new("sources.why_no_clicks"))),
        (None, _) => (
            None,
            Some(Msg::new("sources.why_no_sessions").arg("what", platform.name())),
        ),
        (Some(s), Some(c)) => (Some(s / c as f64), None),
    };
    Some(LinkPosts {
        posts: n,
        clicks,
        clicks_known: known,
        sessions_per_click: per_click,
        reason,
    })
}

/// Visits by source over `window`. The segment narrows the platforms (a plan segmented to
/// Instagram sees Instagram, and the other sites' domains) and their link posts.
pub fn by_source(
    prepared: &Prepared,
    asked: &'static Metric,
    window: Window,
    segment: &Segment,
) -> SourceBreakdown {
    let m = shown_metric(asked);
    let sources = &prepared.sources;
    let ctx = Ctx::new(prepared, segment);
    let platforms = ctx.source_platforms(Who::All);
    let in_window: Vec<u32> = {
        let mut ids: Vec<u32> = sources
            .days
            .iter()
            .filter(|d| window.contains(d.day))
            .map(|d| d.source)
            .chain(
                sources
                    .ranges
                    .iter()
                    .filter(|r| r.from == window.from && r.to == window.to)
                    .map(|r| r.source),
            )
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut groups: Vec<SourceGroup> = in_window
        .into_iter()
        .filter(|&id| {
            // Another site's domain stays; a platform only if the segment selects it.
            sources.platforms[id as usize].is_none()
                || sources.is_platform_of(id, platforms.as_deref())
        })
        .map(|id| {
            let name = sources.names[id as usize].clone();
            let keep = move |s: u32| s == id;
            let visits: Vec<(&'static str, Figure)> = VISIT_METRICS
                .iter()
                .map(|&v| (v, sources.figure(v, window, keep, &name)))
                .collect();
            let platform = sources.platforms[id as usize];
            let figure = sources.figure(m.id, window, keep, &name);
            let links =
                platform.and_then(|p| links(prepared, window, segment, p, visits[0].1.value));
            SourceGroup {
                source: name,
                platform,
                figure,
                visits,
                links,
            }
        })
        .collect();
    let sessions = |g: &SourceGroup| g.visits[0].1.value.unwrap_or(-1.0);
    groups.sort_by(|a, b| {
        sessions(b)
            .total_cmp(&sessions(a))
            .then(a.source.cmp(&b.source))
    });

    let mut reference = Vec::new();
    let direct_row = direct(prepared, window);
    let direct_figure = |id: &str| match direct_row {
        Some((sums, used, range)) => {
            let left_out = if range {
                0
            } else {
                (window.days() as u64).saturating_sub(used)
            };
            of_sums(id, sums, used, left_out)
        }
        None => Figure::none(
            Msg::new("sources.why_no_direct"),
            0,
            window.days() as u64,
            Rows::Days,
        ),
    };
    reference.push(SourceGroup {
        source: DIRECT.to_owned(),
        platform: None,
        figure: direct_figure(m.id),
        visits: VISIT_METRICS
            .iter()
            .map(|&v| (v, direct_figure(v)))
            .collect(),
        links: None,
    });
    // The whole site, as the site-wide metrics compute it (all data: web rows have no
    // accounts for a segment to narrow).
    let all = Segment::default();
    let mut site = Ctx::new(prepared, &all);
    let mut site_figure = |id: &str| match metric(id) {
        Some(mm) => site.figure(mm, window, Who::All),
        None => Figure::none(Msg::new("sources.why_not_by_source"), 0, 0, Rows::Days),
    };
    let visits: Vec<(&'static str, Figure)> =
        VISIT_METRICS.iter().map(|&v| (v, site_figure(v))).collect();
    reference.push(SourceGroup {
        source: SITE.to_owned(),
        platform: None,
        figure: site_figure(m.id),
        visits,
        links: None,
    });
    SourceBreakdown {
        metric: m,
        window,
        groups,
        reference,
    }
}

/// Platforms sending less than this share of the platforms' visits are not named the one
/// whose readers stay: a handful of deep visits is not a finding.
pub const MIN_SHARE: f64 = 0.05;

/// The finding for a website objective: which platform sends the readers who stay (most
/// pages per session), against the one that sends the most visits, with direct traffic and
/// the whole site to read them by. `None` without web rows by source for two platforms.
pub fn readers_who_stay(
    prepared: &Prepared,
    window: Window,
    segment: &Segment,
) -> Option<super::findings::Finding> {
    let sessions_metric = metric("sessions")?;
    let b = by_source(prepared, sessions_metric, window, segment);
    let platforms: Vec<&SourceGroup> = b.groups.iter().filter(|g| g.platform.is_some()).collect();
    if platforms.len() < 2 {
        return None;
    }
    let (deep, _) = b.deepest_platform(MIN_SHARE)?;
    let busiest = platforms.first()?;
    // Values are formatted when shown, in the language of the screen (or English in JSON).
    let shown = |g: &SourceGroup, i: usize| {
        let value = g.visits.get(i).and_then(|(_, f)| f.value);
        move || match (metric(VISIT_METRICS[i]), value) {
            (Some(m), Some(v)) => crate::measure::format::value(m, v),
            _ => "n/a".to_owned(),
        }
    };
    let line = |key: &'static str, g: &SourceGroup| {
        Msg::new(key)
            .arg("source", g.source.clone())
            .later("sessions", shown(g, 0))
            .later("pages", shown(g, 1))
            .later("time", shown(g, 2))
            .later("engaged", shown(g, 3))
    };
    let mut evidence = vec![line("sources.finding_deep", deep)];
    if busiest.source != deep.source {
        evidence.push(line("sources.finding_busiest", busiest));
    }
    // The platform of the shortest visits, when it is neither: many visits that leave.
    let total: f64 = platforms.iter().filter_map(|g| g.visits[0].1.value).sum();
    let shortest = platforms
        .iter()
        .filter(|g| {
            g.visits[0]
                .1
                .value
                .is_some_and(|s| total > 0.0 && s / total >= MIN_SHARE)
        })
        .filter_map(|g| g.visits[1].1.value.map(|v| (*g, v)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(g, _)| g);
    if let Some(g) = shortest.filter(|g| g.source != deep.source && g.source != busiest.source) {
        evidence.push(line("sources.finding_shortest", g));
    }
    for r in &b.reference {
        let key = if r.source == DIRECT {
            "sources.finding_direct"
        } else {
            "sources.finding_site"
        };
        evidence.push(line(key, r));
    }
    evidence.push(Msg::new("sources.finding_translate").arg("source", deep.source.clone()));
    Some(super::findings::Finding {
        kind: super::findings::Kind::ReadersWhoStay,
        lens: super::findings::LensKind::Breakdown,
        metric: "source_pages_per_session",
        headline: line("sources.finding_headline", deep),
        evidence,
    })
}
