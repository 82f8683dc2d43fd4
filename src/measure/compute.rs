//! Turning pre-aggregated sums into metric values for a window and a segment.
//!
//! A [`Ctx`] holds one segment's selection and remembers the post sums of every (window,
//! accounts) it has added up, so a whole catalogue over a window, its previous period, its
//! series and its breakdowns adds each bucket once.

use std::sync::Arc;

use hashbrown::HashMap;

use super::catalogue::{Aggregation, Metric, Need, Scope};
use super::prepare::{
    INTERACTIONS, PostAgg, PostPair, PostRatio, PostTable, Prepared, field_index,
};
use super::query::{Segment, Window};
use super::value::{Coverage, Figure, Rows};
use crate::calendar::{Day, format_date};
use crate::i18n::Msg;
use crate::snapshot::model::{DailyCount, Platform, PostFormat, WebCount};

/// Names why posts were left out of a post metric: for each thing the metric needs, how many
/// of the window's posts lack it. (One post may lack several; each count is exact.)
fn with_left_out_reasons(metric: &Metric, mut f: Figure, agg: &PostAgg) -> Figure {
    if f.left_out == 0 || agg.posts == 0 {
        return f;
    }
    for need in metric.needs {
        let known = match need {
            Need::Post(c) => field_index(*c).map_or(0, |i| agg.known[i]),
            Need::Interactions => agg.known[INTERACTIONS],
            Need::FollowersOnDay => agg.followers_n,
            _ => continue,
        };
        let missing = u64::from(agg.posts - known);
        if missing == 0 {
            continue;
        }
        let one = missing == 1;
        f.left_out_reasons.push(match need {
            Need::FollowersOnDay => Msg::new(if one {
                "why.posts_no_followers_one"
            } else {
                "why.posts_no_followers_many"
            })
            .arg("n", missing),
            _ => Msg::new(if one {
                "why.posts_without_one"
            } else {
                "why.posts_without_many"
            })
            .arg("n", missing)
            .later("field", move || need.label().to_owned()),
        });
    }
    f
}

/// Posts with fewer than this many rows behind a rate are a small sample (Traackr).
pub const SMALL_SAMPLE_POSTS: u64 = 10;
/// An audience below this many followers is a small sample (Traackr).
pub const SMALL_AUDIENCE: u64 = 2_000;

/// A segment resolved against the prepared data.
#[derive(Clone, Debug)]
pub struct Selection {
    pub accounts: Vec<bool>,
    pub formats: [bool; PostFormat::ALL.len()],
    pub tagsets: Vec<bool>,
    /// Whether formats or tags split an account's day (the segment needs its own table).
    pub splits: bool,
    /// Account ids and tag names the segment names that the data does not have.
    pub unknown: Vec<String>,
    /// The segment, for notes.
    pub segment: Segment,
}

/// Which of the selected accounts a figure covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    All,
    Account(usize),
    Platform(Platform),
}

impl Prepared {
    /// Resolves a segment: which accounts, formats and tag sets it keeps.
    pub fn select(&self, segment: &Segment) -> Selection {
        let mut unknown = Vec::new();
        for id in segment
            .accounts
            .include
            .iter()
            .chain(&segment.accounts.exclude)
        {
            if !self.account_ids.contains(id) {
                unknown.push(format!("account `{id}`"));
            }
        }
        for tag in segment.tags.include.iter().chain(&segment.tags.exclude) {
            if !self.tag_names.contains(tag) {
                unknown.push(format!("tag `{tag}`"));
            }
        }
        let accounts = (0..self.accounts())
            .map(|a| {
                segment.accounts.admits(&self.account_ids[a])
                    && segment.platforms.admits(&self.platforms[a])
            })
            .collect();
        let formats = std::array::from_fn(|f| segment.formats.admits(&PostFormat::ALL[f]));
        let tag_ids = |names: &[String]| -> Vec<u32> {
            names
                .iter()
                .filter_map(|n| self.tag_names.iter().position(|t| t == n))
                .map(|i| i as u32)
                .collect()
        };
        let include = tag_ids(&segment.tags.include);
        let exclude = tag_ids(&segment.tags.exclude);
        let tagsets = self
            .tagsets
            .iter()
            .map(|set| {
                let any = |ids: &[u32]| set.iter().any(|t| ids.contains(t));
                (segment.tags.include.is_empty() || any(&include)) && !any(&exclude)
            })
            .collect();
        Selection {
            accounts,
            formats,
            tagsets,
            splits: segment.splits_posts(),
            unknown,
            segment: segment.clone(),
        }
    }
}

/// Computes figures for one selection, remembering post sums across calls.
pub struct Ctx<'p> {
    pub p: &'p Prepared,
    pub sel: Selection,
    /// The segment's own post table when it splits posts by format or tag.
    own: Option<Arc<PostTable>>,
    memo: HashMap<(Window, Who), PostAgg>,
}

/// The slice of `list` (sorted by `day`) with days in `window`.
fn days_in<T>(list: &[T], window: Window, day: impl Fn(&T) -> Day) -> &[T] {
    let lo = list.partition_point(|x| day(x) < window.from);
    let hi = list.partition_point(|x| day(x) <= window.to);
    &list[lo..hi.max(lo)]
}

impl<'p> Ctx<'p> {
    /// A context for `segment`. A segment that splits posts by format or tag reads every post
    /// once here, to build its own per-day table; all later queries are O(days x accounts).
    pub fn new(p: &'p Prepared, segment: &Segment) -> Ctx<'p> {
        Ctx::with_table(p, segment, None)
    }

    /// As [`Ctx::new`], reusing the segment's table from an earlier context of the same
    /// segment ([`Ctx::segment_table`]) instead of building it again.
    pub fn with_table(
        p: &'p Prepared,
        segment: &Segment,
        table: Option<Arc<PostTable>>,
    ) -> Ctx<'p> {
        let sel = p.select(segment);
        let own = sel.splits.then(|| {
            table.unwrap_or_else(|| {
                let posts = &p.store.posts;
                Arc::new(p.post_table(|row| {
                    sel.formats[posts.format[row] as usize]
                        && sel.tagsets[p.post_tagset[row] as usize]
                }))
            })
        });
        Ctx {
            p,
            sel,
            own,
            memo: HashMap::new(),
        }
    }

    /// The segment's own table, to hand to a later [`Ctx::with_table`].
    pub fn segment_table(&self) -> Option<Arc<PostTable>> {
        self.own.clone()
    }

    /// The post table in force: the segment's own, or the shared one.
    fn table(&self) -> &PostTable {
        self.own.as_deref().unwrap_or(&self.p.by_day)
    }

    /// The accounts a figure covers.
    pub fn accounts(&self, who: Who) -> impl Iterator<Item = usize> + '_ {
        (0..self.p.accounts()).filter(move |&a| {
            self.sel.accounts[a]
                && match who {
                    Who::All => true,
                    Who::Account(x) => a == x,
                    Who::Platform(p) => self.p.platforms[a] == p,
                }
        })
    }

    /// Post sums over `window` for `who`.
    pub fn post_agg(&mut self, window: Window, who: Who) -> PostAgg {
        if let Some(agg) = self.memo.get(&(window, who)) {
            return *agg;
        }
        let mut total = PostAgg::default();
        for a in self.accounts(who) {
            for (_, agg) in days_in(&self.table()[a], window, |(d, _)| *d) {
                total.add(agg);
            }
        }
        self.memo.insert((window, who), total);
        total
    }

    /// Post sums per account and day with selected posts.
    fn day_aggs(&self, window: Window, who: Who) -> Vec<(usize, Day, PostAgg)> {
        self.accounts(who)
            .flat_map(|a| {
                days_in(&self.table()[a], window, |(d, _)| *d)
                    .iter()
                    .map(move |(d, agg)| (a, *d, *agg))
            })
            .collect()
    }

    /// Which days of `window` the data behind `metric` covers for `who`: the days between the
    /// first and the last day of that kind of data (posts, daily rows, web rows or range
    /// totals) of the selected accounts. Gaps inside that span are not coverage questions:
    /// the figures count them as left out.
    pub fn coverage(&self, metric: &Metric, window: Window, who: Who) -> Coverage {
        let p = self.p;
        let daily_span = |a: usize| Some((p.daily[a].first, p.daily[a].last_day()?));
        let spans: Vec<(Day, Day)> = match metric.scope {
            Scope::Web if crate::measure::sources::is_source_metric(metric.id) => p
                .sources
                .span()
                .into_iter()
                .chain(p.sources.ranges.iter().map(|t| (t.from, t.to)))
                .collect(),
            Scope::Web => p
                .web
                .span()
                .into_iter()
                .chain(p.web_totals.iter().map(|t| (t.from, t.to)))
                .collect(),
            Scope::Daily => self.accounts(who).filter_map(daily_span).collect(),
            Scope::Posts => self
                .accounts(who)
                .filter_map(|a| match p.post_span[a] {
                    Some(span) => Some(span),
                    // Posting volume reads daily post counts where there are no post records.
                    None if metric.id == "posts_per_week" => daily_span(a),
                    None => None,
                })
                .collect(),
        };
        let lo = spans.iter().map(|s| s.0).min();
        let hi = spans.iter().map(|s| s.1).max();
        let covered = lo
            .zip(hi)
            .and_then(|(lo, hi)| Window::new(lo.max(window.from), hi.min(window.to)));
        Coverage {
            covered,
            days: covered.map_or(0, |w| w.days()),
            of: window.days(),
        }
    }

    /// The value of `metric` over `window` for `who`.
    pub fn figure(&mut self, metric: &Metric, window: Window, who: Who) -> Figure {
        let figure = match metric.scope {
            Scope::Posts => self.post_figure(metric, window, who),
            Scope::Daily => self.daily_figure(metric, window, who),
            Scope::Web if crate::measure::sources::is_source_metric(metric.id) => {
                self.source_figure(metric, window, who)
            }
            Scope::Web => self.web_figure(metric, window),
        };
        self.annotate(metric, figure)
    }

    fn annotate(&self, metric: &Metric, mut f: Figure) -> Figure {
        let segment = &self.sel.segment;
        if f.note.is_none() {
            if metric.scope == Scope::Web
                && !segment.is_all()
                && !crate::measure::sources::is_source_metric(metric.id)
            {
                f.note = Some(Msg::new("why.segment_not_web"));
            } else if metric.scope == Scope::Daily && segment.splits_posts() {
                f.note = Some(Msg::new("why.segment_not_daily"));
            }
        }
        f
    }

    fn post_figure(&mut self, metric: &Metric, window: Window, who: Who) -> Figure {
        if metric.aggregation == Aggregation::MeanOfDayRatios {
            return self.profile_daily(window, who);
        }
        if metric.id == "posts_per_week" {
            return self.posting_volume(window, who);
        }
        let agg = self.post_agg(window, who);
        let f = figure_of_posts(metric, &agg);
        self.mark_small(metric, f, &agg, window, who)
    }

    /// Posting volume, from what measured it: an account's post records when it has any, else
    /// its daily `posts` counts (the days that know them), else nothing. Each account's posts
    /// per week over the days measured, summed over accounts: an account with days but no
    /// post records (an X account overview, YouTube totals) did not post "0 times".
    fn posting_volume(&mut self, window: Window, who: Who) -> Figure {
        let accounts: Vec<usize> = self.accounts(who).collect();
        let (mut per_week, mut used, mut left_out) = (0.0, 0u64, 0u64);
        let mut from_daily = 0usize;
        let mut not_split = 0usize;
        for &a in &accounts {
            if let Some((first, last)) = self.p.post_span[a] {
                // Only the days its post records cover are measured: before its first post
                // the account may not have been exported at all.
                let Some(measured) = Window::new(first.max(window.from), last.min(window.to))
                else {
                    left_out += window.days() as u64;
                    continue;
                };
                let agg = self.post_agg(measured, Who::Account(a));
                per_week += f64::from(agg.posts) * 7.0 / measured.days() as f64;
                used += measured.days() as u64;
                left_out += (window.days() - measured.days()) as u64;
                continue;
            }
            if self.sel.splits {
                // Daily post counts have no formats or tags to split by.
                not_split += 1;
                left_out += window.days() as u64;
                continue;
            }
            let s = &self.p.daily[a];
            let (mut n, mut days) = (0u64, 0u64);
            for v in s.in_window(DailyCount::Posts, window).flatten() {
                n += v;
                days += 1;
            }
            left_out += window.days() as u64 - days;
            if days > 0 {
                per_week += n as f64 * 7.0 / days as f64;
                used += days;
                from_daily += 1;
            }
        }
        if used == 0 {
            let reason = if accounts.is_empty() {
                "why.no_account"
            } else if not_split > 0 {
                "why.needs_post_records_split"
            } else {
                "why.needs_post_records"
            };
            return Figure::none(Msg::new(reason), 0, left_out, Rows::AccountDays);
        }
        let f = Figure::of(per_week, used, left_out, Rows::AccountDays);
        match from_daily {
            0 => f,
            n => f.with_note(Msg::new("why.counted_from_daily").arg("n", n as u64)),
        }
    }

    fn mark_small(
        &self,
        metric: &Metric,
        mut f: Figure,
        agg: &PostAgg,
        window: Window,
        who: Who,
    ) -> Figure {
        if f.value.is_none()
            || metric.id == "posts_per_week"
            || metric.aggregation == Aggregation::Sum
        {
            return f;
        }
        let audience = if metric.needs.contains(&Need::FollowersOnDay) {
            (agg.followers_n > 0).then(|| agg.followers_sum / u64::from(agg.followers_n))
        } else {
            let known: Vec<u64> = self
                .accounts(who)
                .filter_map(|a| self.p.followers_last_known(a, window.to))
                .collect();
            (!known.is_empty()).then(|| known.iter().sum())
        };
        f.small_sample =
            f.used < SMALL_SAMPLE_POSTS || audience.is_some_and(|a| a < SMALL_AUDIENCE);
        f
    }

    /// Emplifi's profile engagement rate: for each account-day with posts, interactions /
    /// followers / posts that day (posts that know their interactions); the mean over days.
    fn profile_daily(&mut self, window: Window, who: Who) -> Figure {
        let mut sum = 0.0;
        let mut used = 0u64;
        let mut left_out = 0u64;
        let mut audience = 0u64;
        let mut no_followers = 0u64;
        for (a, day, agg) in self.day_aggs(window, who) {
            let n = agg.known[INTERACTIONS];
            match self.p.followers_on(a, day) {
                Some(f) if f > 0 && n > 0 => {
                    sum += agg.sum[INTERACTIONS] as f64 / f as f64 / f64::from(n);
                    used += 1;
                    audience += f;
                }
                None => {
                    no_followers += 1;
                    left_out += 1;
                }
                _ => left_out += 1,
            }
        }
        if used == 0 {
            let reason = if left_out == 0 {
                "why.no_posts_segment"
            } else {
                "why.no_day_both"
            };
            return Figure::none(Msg::new(reason), 0, left_out, Rows::AccountDays);
        }
        let mut f = Figure::of(sum / used as f64, used, left_out, Rows::AccountDays);
        f.small_sample = audience / used < SMALL_AUDIENCE;
        if no_followers > 0 {
            f.left_out_reasons.push(
                Msg::new(if no_followers == 1 {
                    "why.account_days_no_followers_one"
                } else {
                    "why.account_days_no_followers_many"
                })
                .arg("n", no_followers),
            );
        }
        f
    }

    fn daily_figure(&mut self, metric: &Metric, window: Window, who: Who) -> Figure {
        let accounts: Vec<usize> = self.accounts(who).collect();
        match metric.aggregation {
            Aggregation::Last => self.followers_last(&accounts, window),
            Aggregation::Change => self.follower_growth(&accounts, window),
            _ => {
                let days = window.days() as u64;
                let mut total: i128 = 0;
                let mut used = 0u64;
                for &a in &accounts {
                    let s = &self.p.daily[a];
                    // Only the days with a row: the work follows the rows, not the calendar.
                    let mut add = |v: Option<i128>| {
                        if let Some(v) = v {
                            total += v;
                            used += 1;
                        }
                    };
                    if metric.id == "net_follows" {
                        let follows = s.in_window(DailyCount::Follows, window);
                        let unfollows = s.in_window(DailyCount::Unfollows, window);
                        for (f, u) in follows.zip(unfollows) {
                            add(f.zip(u).map(|(f, u)| i128::from(f) - i128::from(u)));
                        }
                    } else {
                        for v in s.in_window(daily_field(metric), window) {
                            add(v.map(i128::from));
                        }
                    }
                }
                let left_out = days * accounts.len() as u64 - used;
                if used == 0 {
                    return Figure::none(
                        Msg::new("why.needs_daily").later("fields", need_names(metric.needs)),
                        0,
                        left_out,
                        Rows::AccountDays,
                    );
                }
                Figure::of(total as f64, used, left_out, Rows::AccountDays)
            }
        }
    }

    fn followers_last(&self, accounts: &[usize], window: Window) -> Figure {
        let mut total = 0u64;
        let mut used = 0u64;
        let mut oldest: Option<Day> = None;
        for &a in accounts {
            if let Some((day, v)) = self.p.daily[a].last_known(DailyCount::Followers, window.to) {
                total += v;
                used += 1;
                oldest = Some(oldest.map_or(day, |o: Day| o.min(day)));
            }
        }
        let left_out = accounts.len() as u64 - used;
        if used == 0 {
            return Figure::none(
                Msg::new("why.needs_followers_end"),
                0,
                left_out,
                Rows::Accounts,
            );
        }
        let f = Figure::of(total as f64, used, left_out, Rows::Accounts);
        match oldest {
            Some(day) if day < window.from => {
                f.with_note(Msg::new("why.count_from_before").arg("date", format_date(day)))
            }
            _ => f,
        }
    }

    fn follower_growth(&self, accounts: &[usize], window: Window) -> Figure {
        let (mut start_sum, mut end_sum, mut used) = (0u64, 0u64, 0u64);
        for &a in accounts {
            let s = &self.p.daily[a];
            let start = s
                .last_known(DailyCount::Followers, window.from - 1)
                .or_else(|| {
                    s.get(DailyCount::Followers, window.from)
                        .map(|v| (window.from, v))
                });
            let end = s.last_known(DailyCount::Followers, window.to);
            if let (Some((sd, sv)), Some((ed, ev))) = (start, end)
                && ed >= sd
            {
                start_sum += sv;
                end_sum += ev;
                used += 1;
            }
        }
        let left_out = accounts.len() as u64 - used;
        if used == 0 {
            return Figure::none(
                Msg::new("why.needs_followers_start_end"),
                0,
                left_out,
                Rows::Accounts,
            );
        }
        if start_sum == 0 {
            return Figure::none(
                Msg::new("why.followers_start_zero"),
                used,
                left_out,
                Rows::Accounts,
            );
        }
        let mut f = Figure::of(
            (end_sum as f64 - start_sum as f64) / start_sum as f64,
            used,
            left_out,
            Rows::Accounts,
        );
        f.small_sample = start_sum < SMALL_AUDIENCE;
        f
    }

    /// The platforms whose visits a `source_*` metric reads for `who`: `None` (every
    /// platform) for all data, else the platforms of the selected accounts (a plan segmented
    /// to Instagram sees Instagram's visits).
    pub fn source_platforms(&self, who: Who) -> Option<Vec<Platform>> {
        let segment = &self.sel.segment;
        match who {
            Who::Platform(p) => return Some(vec![p]),
            Who::Account(a) => return self.p.platforms.get(a).map(|p| vec![*p]),
            Who::All if segment.accounts.is_all() && segment.platforms.is_all() => return None,
            Who::All => {}
        }
        // A segment by platform names its platforms even where the data has no account of
        // them (a web-only file); a segment by account, its accounts' platforms.
        let mut list: Vec<Platform> = if segment.accounts.is_all() {
            Platform::ALL
                .iter()
                .copied()
                .filter(|p| segment.platforms.admits(p))
                .collect()
        } else {
            self.accounts(who).map(|a| self.p.platforms[a]).collect()
        };
        list.sort();
        list.dedup();
        Some(list)
    }

    /// A `source_*` metric: the web rows of the platforms `who` and the segment select.
    fn source_figure(&self, metric: &Metric, window: Window, who: Who) -> Figure {
        let platforms = self.source_platforms(who);
        let sources = &self.p.sources;
        let what = match &platforms {
            None => crate::i18n::tr_in(crate::i18n::Lang::En, "sources.the_platforms").to_owned(),
            Some(list) => list.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "),
        };
        let keep = |s: u32| sources.is_platform_of(s, platforms.as_deref());
        let f = sources.figure(metric.id, window, keep, &what);
        match (&platforms, f.note.is_none()) {
            (Some(_), true) => f.with_note(Msg::new("sources.note_visits_from").arg("what", what)),
            _ => f,
        }
    }

    fn web_figure(&self, metric: &Metric, window: Window) -> Figure {
        let days = window.days() as u64;
        let (mut num, mut den, mut used) = (0u64, 0u64, 0u64);
        let sessions = WebCount::Sessions as usize;
        for w in self.p.web.in_window(window) {
            let pair = match metric.id {
                "sessions" => w.total[sessions].map(|v| (v, 0)),
                "social_sessions" => w.social.map(|v| (v, 0)),
                "social_new_users" => w.social_new_users.map(|v| (v, 0)),
                "conversions" => w.total[WebCount::Conversions as usize].map(|v| (v, 0)),
                "direct_share" => w.direct.zip(w.total[sessions]),
                _ => {
                    let (n, d) = web_ratio_fields(metric);
                    w.total[n as usize].zip(w.total[d as usize])
                }
            };
            if let Some((n, d)) = pair {
                num += n;
                den += d;
                used += 1;
            }
        }
        let left_out = days - used;
        if used == 0 {
            if let Some(f) = self.web_range_total(metric, window) {
                return f;
            }
            return Figure::none(Msg::new("why.needs_web"), 0, left_out, Rows::Days);
        }
        if metric.aggregation == Aggregation::Sum {
            return Figure::of(num as f64, used, left_out, Rows::Days);
        }
        if den == 0 {
            return Figure::none(Msg::new("why.no_sessions"), used, left_out, Rows::Days);
        }
        Figure::of(num as f64 / den as f64, used, left_out, Rows::Days)
    }

    /// A web metric from an export's range totals, which apply only to exactly their range.
    fn web_range_total(&self, metric: &Metric, window: Window) -> Option<Figure> {
        let counted = crate::measure::prepare::channel_totals(&self.p.web_totals);
        let rows: Vec<_> = self
            .p
            .web_totals
            .iter()
            .zip(counted)
            .filter(|(t, counted)| *counted && t.from == window.from && t.to == window.to)
            .map(|(t, _)| t)
            .collect();
        if rows.is_empty() {
            return None;
        }
        let sum = |field: WebCount,
                   keep: &dyn Fn(crate::snapshot::model::Channel) -> bool|
         -> Option<u64> {
            use crate::snapshot::model::Channel;
            if let Some(all) = rows.iter().find(|t| t.channel == Channel::All)
                && keep(Channel::All)
            {
                return all.counts[field as usize];
            }
            let parts: Vec<_> = rows
                .iter()
                .filter(|t| t.channel != Channel::All && keep(t.channel))
                .collect();
            if parts.is_empty() {
                return None;
            }
            parts.iter().map(|t| t.counts[field as usize]).sum()
        };
        use crate::snapshot::model::Channel;
        let all = |_: Channel| true;
        let pair = match metric.id {
            "sessions" => sum(WebCount::Sessions, &all).map(|v| (v, 0)),
            "conversions" => sum(WebCount::Conversions, &all).map(|v| (v, 0)),
            "social_sessions" => sum(WebCount::Sessions, &|c| {
                matches!(c, Channel::OrganicSocial | Channel::PaidSocial)
            })
            .map(|v| (v, 0)),
            "social_new_users" => sum(WebCount::NewUsers, &|c| {
                matches!(c, Channel::OrganicSocial | Channel::PaidSocial)
            })
            .map(|v| (v, 0)),
            "direct_share" => sum(WebCount::Sessions, &|c| c == Channel::Direct)
                .zip(sum(WebCount::Sessions, &all)),
            _ => {
                let (n, d) = web_ratio_fields(metric);
                sum(n, &all).zip(sum(d, &all))
            }
        };
        let (num, den) = pair?;
        let note = Msg::new("why.from_range_totals").arg("window", window.to_string());
        let f = if metric.aggregation == Aggregation::Sum {
            Figure::of(num as f64, 1, 0, Rows::Days)
        } else if den == 0 {
            Figure::none(Msg::new("why.no_sessions_totals"), 1, 0, Rows::Days)
        } else {
            Figure::of(num as f64 / den as f64, 1, 0, Rows::Days)
        };
        Some(f.with_note(note))
    }
}

fn post_ratio(metric: &Metric) -> PostRatio {
    match metric.id {
        "er_impressions" => PostRatio::ErImpressions,
        "er_views" => PostRatio::ErViews,
        "er_followers" => PostRatio::ErFollowers,
        "save_rate" => PostRatio::SaveRate,
        "reach_rate" => PostRatio::ReachRate,
        _ => PostRatio::ErReach,
    }
}

fn post_pair(metric: &Metric) -> PostPair {
    match metric.id {
        "video_view_rate" => PostPair::VideoViewRate,
        _ => PostPair::Ctr,
    }
}

fn needed_field(metric: &Metric) -> usize {
    match metric.needs.first() {
        Some(Need::Post(c)) => field_index(*c).unwrap_or(0),
        _ => INTERACTIONS,
    }
}

fn daily_field(metric: &Metric) -> DailyCount {
    match metric.needs.first() {
        Some(Need::Daily(c)) => *c,
        _ => DailyCount::Reach,
    }
}

fn web_ratio_fields(metric: &Metric) -> (WebCount, WebCount) {
    match metric.needs {
        [Need::Web(n), Need::Web(d)] => (*n, *d),
        _ => (WebCount::Sessions, WebCount::Sessions),
    }
}

/// A post metric (one whose value is a sum, a mean of post ratios, a ratio of sums or a
/// per-post mean) over any set of posts, from their sums: the catalogue's aggregation, with
/// the counts and the reasons. What a breakdown's group is worth; posting volume and the
/// daily rate are not such metrics.
pub fn figure_of_posts(metric: &Metric, agg: &PostAgg) -> Figure {
    let posts = u64::from(agg.posts);
    let f = match metric.id {
        "interactions_per_1k" => {
            let r = PostRatio::ErFollowers as usize;
            let n = u64::from(agg.ratio_n[r]);
            if n == 0 {
                Figure::none(no_value_reason(metric, agg), 0, posts, Rows::Posts)
            } else {
                Figure::of(agg.ratio_sum[r] * 1000.0, n, posts - n, Rows::Posts)
            }
        }
        _ => match metric.aggregation {
            Aggregation::MeanOfPostRatios => {
                let r = post_ratio(metric) as usize;
                let n = u64::from(agg.ratio_n[r]);
                if n == 0 {
                    Figure::none(no_value_reason(metric, agg), 0, posts, Rows::Posts)
                } else {
                    Figure::of(agg.ratio_sum[r] / n as f64, n, posts - n, Rows::Posts)
                }
            }
            Aggregation::RatioOfSums => {
                let p = post_pair(metric) as usize;
                let n = u64::from(agg.pair_n[p]);
                if agg.pair_den[p] == 0 {
                    Figure::none(no_value_reason(metric, agg), n, posts - n, Rows::Posts)
                } else {
                    Figure::of(
                        agg.pair_num[p] as f64 / agg.pair_den[p] as f64,
                        n,
                        posts - n,
                        Rows::Posts,
                    )
                }
            }
            Aggregation::Sum => {
                let i = needed_field(metric);
                let n = u64::from(agg.known[i]);
                if n == 0 {
                    Figure::none(no_value_reason(metric, agg), 0, posts, Rows::Posts)
                } else {
                    Figure::of(agg.sum[i] as f64, n, posts - n, Rows::Posts)
                }
            }
            Aggregation::PerPost => {
                let i = needed_field(metric);
                let n = u64::from(agg.known[i]);
                if n == 0 {
                    Figure::none(no_value_reason(metric, agg), 0, posts, Rows::Posts)
                } else {
                    Figure::of(agg.sum[i] as f64 / n as f64, n, posts - n, Rows::Posts)
                }
            }
            _ => Figure::none(Msg::new("why.not_for_posts"), 0, posts, Rows::Posts),
        },
    };
    with_left_out_reasons(metric, f, agg)
}

/// Why a post metric has no value: the first needed field no post has, else the
/// denominator.
fn no_value_reason(metric: &Metric, agg: &PostAgg) -> Msg {
    if agg.posts == 0 {
        return Msg::new("why.no_posts_segment");
    }
    let posts = u64::from(agg.posts);
    for need in metric.needs {
        let known = match need {
            Need::Post(c) => field_index(*c).map_or(0, |i| agg.known[i]),
            Need::Interactions => agg.known[INTERACTIONS],
            Need::FollowersOnDay => agg.followers_n,
            _ => continue,
        };
        if known == 0 {
            let need = *need;
            return Msg::new(if need == Need::FollowersOnDay {
                "why.needs_followers_on_day"
            } else {
                "why.needs_field"
            })
            .later("field", move || need.label().to_owned())
            .arg("n", posts);
        }
    }
    Msg::new("why.no_post_has_both").later("fields", need_names(metric.needs))
}

/// "reach and followers", in the language shown when the message is.
fn need_names(needs: &'static [Need]) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        let names: Vec<&str> = needs.iter().map(|n| n.label()).collect();
        names.join(crate::i18n::tr("why.and"))
    }
}
