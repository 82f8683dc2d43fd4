//! Pre-aggregation: one pass over the posts after loading, so that changing the window, the
//! segment or the granularity costs O(days x accounts), not O(posts).
//!
//! Every post-based metric is a function of sums that add up across posts: counts and how
//! many posts know them, sums of per-post ratios (so a mean of post ratios stays exact: the
//! sum of ratios over a window is the sum of the buckets' sums), and paired sums for ratios
//! of sums (numerator and denominator over the same posts). Those sums are kept per account
//! and day ([`PostAgg`] in `by_day`). A segment that splits an account's day (by format or
//! tag) builds its own table of the same shape once, in one pass, when its [`super::Ctx`] is
//! made ([`Prepared::post_table`]); every window, series and breakdown on it is then
//! O(days x accounts) too. (Buckets per format and tag set were tried first: with a few tags
//! per post they came close to one bucket per two posts.) Daily account rows and web rows
//! become dense arrays per day.

use std::sync::Arc;

use hashbrown::HashMap;

use crate::calendar::Day;
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, WebCount};
use crate::snapshot::store::{Store, WebTotal};

/// Post counts summed by the aggregates, by index: the nine lifetime counts (not the
/// platform's `engagements` total), then interactions.
pub const POST_FIELDS: [PostCount; 9] = [
    PostCount::Likes,
    PostCount::Comments,
    PostCount::Shares,
    PostCount::Saves,
    PostCount::Reach,
    PostCount::Impressions,
    PostCount::Views,
    PostCount::Clicks,
    PostCount::VideoViews,
];
/// Index of interactions in [`PostAgg::sum`] and [`PostAgg::known`].
pub const INTERACTIONS: usize = 9;

/// Index in [`POST_FIELDS`] of a post count (`engagements` has none).
pub fn field_index(c: PostCount) -> Option<usize> {
    POST_FIELDS.iter().position(|&f| f == c)
}

/// Per-post ratios whose mean some metric reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostRatio {
    /// interactions / reach
    ErReach,
    /// interactions / impressions
    ErImpressions,
    /// interactions / views
    ErViews,
    /// interactions / followers on the day
    ErFollowers,
    /// saves / reach
    SaveRate,
    /// reach / followers on the day
    ReachRate,
}

impl PostRatio {
    pub const ALL: [PostRatio; 6] = [
        PostRatio::ErReach,
        PostRatio::ErImpressions,
        PostRatio::ErViews,
        PostRatio::ErFollowers,
        PostRatio::SaveRate,
        PostRatio::ReachRate,
    ];
}

/// Numerator and denominator summed over the posts that have both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostPair {
    /// clicks / impressions
    Ctr,
    /// video_views / impressions
    VideoViewRate,
}

/// Sums over a set of posts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PostAgg {
    pub posts: u32,
    /// Sum of each field over the posts that know it (index: [`POST_FIELDS`], then interactions).
    pub sum: [u64; 10],
    /// How many posts know each field.
    pub known: [u32; 10],
    /// Sum of each [`PostRatio`] over the posts that have both numbers and a denominator > 0.
    pub ratio_sum: [f64; 6],
    pub ratio_n: [u32; 6],
    /// Numerator and denominator sums of each [`PostPair`], over the posts that have both.
    pub pair_num: [u64; 2],
    pub pair_den: [u64; 2],
    pub pair_n: [u32; 2],
    /// Followers on the day of posting, summed over the posts where known (for audience size).
    pub followers_sum: u64,
    pub followers_n: u32,
}

impl PostAgg {
    pub fn add(&mut self, o: &PostAgg) {
        self.posts += o.posts;
        for i in 0..10 {
            self.sum[i] += o.sum[i];
            self.known[i] += o.known[i];
        }
        for i in 0..6 {
            self.ratio_sum[i] += o.ratio_sum[i];
            self.ratio_n[i] += o.ratio_n[i];
        }
        for i in 0..2 {
            self.pair_num[i] += o.pair_num[i];
            self.pair_den[i] += o.pair_den[i];
            self.pair_n[i] += o.pair_n[i];
        }
        self.followers_sum += o.followers_sum;
        self.followers_n += o.followers_n;
    }

    /// Adds one post given its counts (by [`POST_FIELDS`]) and followers on its day.
    pub fn add_post(&mut self, counts: &[Option<u64>; 9], followers: Option<u64>) {
        self.posts += 1;
        for (i, c) in counts.iter().enumerate() {
            if let Some(v) = c {
                self.sum[i] += v;
                self.known[i] += 1;
            }
        }
        let interactions = interactions_of(counts);
        if let Some(v) = interactions {
            self.sum[INTERACTIONS] += v;
            self.known[INTERACTIONS] += 1;
        }
        if let Some(f) = followers {
            self.followers_sum += f;
            self.followers_n += 1;
        }
        for r in PostRatio::ALL {
            if let Some(v) = r.of_with(interactions, counts, followers) {
                self.ratio_sum[r as usize] += v;
                self.ratio_n[r as usize] += 1;
            }
        }
        for p in PostPair::ALL {
            if let Some((n, d)) = p.of(counts) {
                self.pair_num[p as usize] += n;
                self.pair_den[p as usize] += d;
                self.pair_n[p as usize] += 1;
            }
        }
    }
}

/// A post's interactions (likes + comments + shares + saves, the parts known), from its
/// counts by [`POST_FIELDS`]; none when all four parts are unknown.
pub fn interactions_of(counts: &[Option<u64>; 9]) -> Option<u64> {
    let parts = &counts[0..4];
    parts
        .iter()
        .any(Option::is_some)
        .then(|| parts.iter().flatten().sum::<u64>())
}

impl PostRatio {
    /// One post's ratio, from its counts (by [`POST_FIELDS`]) and its followers on the day:
    /// none when a number is unknown or the denominator is 0. The one definition both the
    /// metrics (which average it) and the posts table (which shows it) use.
    pub fn of(self, counts: &[Option<u64>; 9], followers: Option<u64>) -> Option<f64> {
        self.of_with(interactions_of(counts), counts, followers)
    }

    /// [`PostRatio::of`] with the post's interactions already added up (a pass over a
    /// million posts adds them once, not once a ratio).
    fn of_with(
        self,
        interactions: Option<u64>,
        counts: &[Option<u64>; 9],
        followers: Option<u64>,
    ) -> Option<f64> {
        let [_, _, _, saves, reach, impressions, views, _, _] = *counts;
        let (num, den) = match self {
            PostRatio::ErReach => (interactions, reach),
            PostRatio::ErImpressions => (interactions, impressions),
            PostRatio::ErViews => (interactions, views),
            PostRatio::ErFollowers => (interactions, followers),
            PostRatio::SaveRate => (saves, reach),
            PostRatio::ReachRate => (reach, followers),
        };
        let (n, d) = (num?, den.filter(|d| *d > 0)?);
        Some(n as f64 / d as f64)
    }
}

impl PostPair {
    pub const ALL: [PostPair; 2] = [PostPair::Ctr, PostPair::VideoViewRate];

    /// One post's numerator and denominator, when it knows both.
    pub fn of(self, counts: &[Option<u64>; 9]) -> Option<(u64, u64)> {
        let [_, _, _, _, _, impressions, _, clicks, video_views] = *counts;
        let num = match self {
            PostPair::Ctr => clicks,
            PostPair::VideoViewRate => video_views,
        };
        num.zip(impressions)
    }
}

/// Days mapped to slots of per-day arrays: by offset from the first day when the days span at
/// most a few times as many days as there are rows (the usual case: one row a day), else by
/// binary search over the distinct days. Memory follows the rows, never the calendar: two
/// rows dated 0001-01-01 and 9999-12-31 take two slots, not 3.65 million.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DaySlots {
    first: Day,
    len: usize,
    /// Sorted distinct days, only when the span is too wide for offsets.
    sparse: Option<Vec<Day>>,
}

/// A span of days is indexed by offset when it is at most this many times the rows, plus
/// [`DENSE_SLACK`] days.
const DENSE_PER_ROW: i64 = 4;
const DENSE_SLACK: i64 = 64;

impl DaySlots {
    /// The slots for the days of `rows` rows (`days` yields each row's day; it is walked a
    /// second time only for a sparse index).
    pub fn of<I: Iterator<Item = Day>>(days: impl Fn() -> I, rows: usize) -> DaySlots {
        let Some((lo, hi)) = days().fold(None, |acc: Option<(Day, Day)>, d| {
            Some(acc.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))))
        }) else {
            return DaySlots::default();
        };
        let width = i64::from(hi) - i64::from(lo) + 1;
        let rows = i64::try_from(rows).unwrap_or(i64::MAX);
        if width
            <= rows
                .saturating_mul(DENSE_PER_ROW)
                .saturating_add(DENSE_SLACK)
        {
            return DaySlots {
                first: lo,
                len: width as usize,
                sparse: None,
            };
        }
        let mut distinct: Vec<Day> = days().collect();
        distinct.sort_unstable();
        distinct.dedup();
        DaySlots {
            first: lo,
            len: distinct.len(),
            sparse: Some(distinct),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first and last day with a slot.
    pub fn span(&self) -> Option<(Day, Day)> {
        (!self.is_empty()).then(|| (self.first, self.day(self.len - 1)))
    }

    /// The slot of `day`, if it has one.
    #[inline]
    pub fn slot(&self, day: Day) -> Option<usize> {
        match &self.sparse {
            None => {
                let i = usize::try_from(i64::from(day) - i64::from(self.first)).ok()?;
                (i < self.len).then_some(i)
            }
            Some(days) => days.binary_search(&day).ok(),
        }
    }

    /// The slot of the last day on or before `day` that has one.
    pub fn slot_at_or_before(&self, day: Day) -> Option<usize> {
        match &self.sparse {
            None => {
                let i = usize::try_from(i64::from(day) - i64::from(self.first)).ok()?;
                Some(i.min(self.len.checked_sub(1)?))
            }
            Some(days) => days.partition_point(|d| *d <= day).checked_sub(1),
        }
    }

    /// The slots of the days of `window` (only days with a slot: work over a window follows
    /// the rows in it, not its days).
    pub fn range(&self, window: crate::measure::Window) -> std::ops::Range<usize> {
        match &self.sparse {
            None => {
                let at = |d: Day| {
                    (i64::from(d) - i64::from(self.first)).clamp(0, self.len as i64) as usize
                };
                at(window.from)..at(window.to.saturating_add(1)).max(at(window.from))
            }
            Some(days) => {
                let lo = days.partition_point(|d| *d < window.from);
                let hi = days.partition_point(|d| *d <= window.to);
                lo..hi.max(lo)
            }
        }
    }

    /// The day of a slot.
    #[inline]
    pub fn day(&self, slot: usize) -> Day {
        match &self.sparse {
            None => self.first + slot as Day,
            Some(days) => days.get(slot).copied().unwrap_or(self.first),
        }
    }
}

/// An account's daily rows as arrays over its days (see [`DaySlots`]; `None` on days
/// without a row or without the value).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DailySeries {
    /// The first day with a row.
    pub first: Day,
    pub slots: DaySlots,
    pub values: [Vec<Option<u64>>; DailyCount::ALL.len()],
}

impl DailySeries {
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn last_day(&self) -> Option<Day> {
        self.slots.span().map(|(_, last)| last)
    }

    /// The value on `day`, if there is a row with it.
    pub fn get(&self, field: DailyCount, day: Day) -> Option<u64> {
        let i = self.slots.slot(day)?;
        self.values[field as usize].get(i).copied().flatten()
    }

    /// The values of `field` on the days of `window` that have a row (unknown ones
    /// included, as `None`).
    pub fn in_window(
        &self,
        field: DailyCount,
        window: crate::measure::Window,
    ) -> impl Iterator<Item = Option<u64>> + '_ {
        let column = &self.values[field as usize];
        self.slots
            .range(window)
            .map(move |i| column.get(i).copied().flatten())
    }

    /// Whether a row exists for `day` (even with every value unknown).
    pub fn has_row(&self, day: Day, rows: &[bool]) -> bool {
        self.slots
            .slot(day)
            .and_then(|i| rows.get(i).copied())
            .unwrap_or(false)
    }

    /// The last known value of `field` on or before `day`, with its day.
    pub fn last_known(&self, field: DailyCount, day: Day) -> Option<(Day, u64)> {
        let column = &self.values[field as usize];
        let upto = self
            .slots
            .slot_at_or_before(day)?
            .min(column.len().checked_sub(1)?);
        (0..=upto)
            .rev()
            .find_map(|i| column[i].map(|v| (self.slots.day(i), v)))
    }
}

/// Web figures of one day: totals over all channels and the channel parts some metrics need.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WebDay {
    /// The day's `all` row if it has one, else the sum of its channel rows; `None` where a
    /// needed part is unknown.
    pub total: [Option<u64>; WebCount::ALL.len()],
    /// Sessions of the direct channel (0 when the day has channel rows but no direct row).
    pub direct: Option<u64>,
    /// Sessions of organic_social + paid_social, the same way.
    pub social: Option<u64>,
    /// New users of organic_social + paid_social, the same way.
    pub social_new_users: Option<u64>,
}

/// Web rows as an array over their days (see [`DaySlots`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WebSeries {
    pub slots: DaySlots,
    pub days: Vec<Option<WebDay>>,
}

impl WebSeries {
    pub fn get(&self, day: Day) -> Option<&WebDay> {
        self.days.get(self.slots.slot(day)?)?.as_ref()
    }

    /// The first and last day with web rows.
    pub fn span(&self) -> Option<(Day, Day)> {
        self.slots.span()
    }

    /// The days of `window` with web figures.
    pub fn in_window(&self, window: crate::measure::Window) -> impl Iterator<Item = &WebDay> {
        self.days[self.slots.range(window)].iter().flatten()
    }
}

/// Everything the metrics read, built once per load.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub platforms: Vec<Platform>,
    pub account_ids: Vec<String>,
    /// The data, shared: segments that split posts read it to build their tables.
    pub store: Arc<Store>,
    /// Per account: post sums per day with posts, sorted by day.
    pub by_day: PostTable,
    /// Each post's tag set (an index into `tagsets`), so that a tag filter is a table lookup.
    pub post_tagset: Vec<u32>,
    /// Tag ids of each tag set; set 0 is the empty set.
    pub tagsets: Vec<Vec<u32>>,
    /// Per account: daily rows, and which days have a row at all.
    pub daily: Vec<DailySeries>,
    pub daily_rows: Vec<Vec<bool>>,
    /// Per account with posts: the days its post records cover: from its first record of any
    /// kind (a post or a daily row) to the last day of the data (a quiet week is a week
    /// without posts, not a week not measured).
    pub post_span: Vec<Option<(Day, Day)>>,
    pub web: WebSeries,
    /// Web figures given only for a whole date range.
    pub web_totals: Vec<WebTotal>,
    /// Web rows by source (platform or domain), for the `source_*` metrics.
    pub sources: crate::measure::sources::SourceRows,
    /// Posts per account, for coverage statements.
    pub posts_per_account: Vec<u32>,
    /// Post rows in publication order (ties by row), so the posts of a window are one
    /// binary search away and already sorted by time.
    pub by_time: Vec<u32>,
    /// Tag names by id.
    pub tag_names: Vec<String>,
    /// Sums over every post of the data: which counts any post has (what a posts table can
    /// offer as columns), without a pass over the posts each time it is asked.
    pub everything: PostAgg,
    /// Posts that know the platform's own `engagements` total (not in [`PostAgg`]).
    pub engagements_known: usize,
    /// The first and last day of any data (see [`Store::day_span`]).
    pub data_span: Option<(Day, Day)>,
}

impl Prepared {
    /// Pre-aggregates a store.
    pub fn new(store: Arc<Store>) -> Prepared {
        let (daily, daily_rows) = daily_series(&store);
        let mut tagsets = TagSets::new();
        let post_tagset: Vec<u32> = (0..store.posts.len())
            .map(|row| tagsets.of(store.posts.tags(row)))
            .collect();
        let mut prepared = Prepared {
            platforms: store.accounts.iter().map(|a| a.platform).collect(),
            account_ids: store.accounts.iter().map(|a| a.id.clone()).collect(),
            by_day: Vec::new(),
            post_tagset,
            tagsets: tagsets.sets,
            daily,
            daily_rows,
            post_span: Vec::new(),
            web: web_series(&store),
            web_totals: store.web_totals.clone(),
            sources: crate::measure::sources::SourceRows::new(&store),
            posts_per_account: Vec::new(),
            by_time: Vec::new(),
            tag_names: store.tags.names().to_vec(),
            everything: PostAgg::default(),
            engagements_known: 0,
            data_span: store.day_span(),
            store,
        };
        prepared.by_day = prepared.post_table(|_| true);
        let posts = &prepared.store.posts;
        let mut by_time: Vec<u32> = (0..posts.len() as u32).collect();
        by_time.sort_unstable_by_key(|&r| (posts.day[r as usize], posts.published[r as usize], r));
        prepared.by_time = by_time;
        for days in &prepared.by_day {
            for (_, agg) in days {
                prepared.everything.add(agg);
            }
        }
        prepared.engagements_known = (0..posts.len())
            .filter(|&r| posts.count(PostCount::Engagements, r).is_some())
            .count();
        prepared.posts_per_account = prepared
            .by_day
            .iter()
            .map(|days| days.iter().map(|(_, agg)| agg.posts).sum())
            .collect();
        let data_end = prepared.data_span.map(|(_, end)| end);
        prepared.post_span = prepared
            .by_day
            .iter()
            .zip(&prepared.daily)
            .map(|(days, daily)| {
                let (mut first, last) = (days.first()?.0, days.last()?.0);
                if !daily.is_empty() {
                    first = first.min(daily.first);
                }
                Some((first, data_end.map_or(last, |end| end.max(last))))
            })
            .collect();
        prepared
    }

    /// Post sums per account and day over the posts `keep` admits (by row): one pass over the
    /// posts. Days are found by offset (or binary search for accounts whose posts are spread
    /// thin over many days: see [`DaySlots`]), never by hashing.
    pub fn post_table(&self, keep: impl Fn(usize) -> bool) -> PostTable {
        let posts = &self.store.posts;
        let n = self.accounts();
        let days: Vec<DaySlots> = post_slots(posts, n);
        let mut cells: Vec<Vec<PostAgg>> = days
            .iter()
            .map(|d| vec![PostAgg::default(); d.len()])
            .collect();
        for row in 0..posts.len() {
            let a = posts.account[row] as usize;
            if a >= n || !keep(row) {
                continue;
            }
            let day = posts.day[row];
            let counts = POST_FIELDS.map(|f| posts.count(f, row));
            let followers = self.followers_on(a, day);
            if let Some(i) = days[a].slot(day) {
                cells[a][i].add_post(&counts, followers);
            }
        }
        cells
            .into_iter()
            .zip(&days)
            .map(|(cells, index)| {
                cells
                    .into_iter()
                    .enumerate()
                    .filter(|(_, agg)| agg.posts > 0)
                    .map(|(i, agg)| (index.day(i), agg))
                    .collect()
            })
            .collect()
    }

    /// Post rows published on the days of `window`, in publication order.
    pub fn posts_in(&self, window: crate::measure::Window) -> &[u32] {
        let day = |r: &u32| self.store.posts.day[*r as usize];
        let lo = self.by_time.partition_point(|r| day(r) < window.from);
        let hi = self.by_time.partition_point(|r| day(r) <= window.to);
        &self.by_time[lo..hi.max(lo)]
    }

    pub fn accounts(&self) -> usize {
        self.platforms.len()
    }

    /// Followers of account `a` on `day`: that day's count, never one carried over from an
    /// earlier day ("followers on the day of posting" means that day; a post on a day without
    /// a count is left out of follower-based metrics, and says so).
    pub fn followers_on(&self, a: usize, day: Day) -> Option<u64> {
        self.daily[a].get(DailyCount::Followers, day)
    }

    /// The last follower count of account `a` known on or before `day` (audience size for
    /// small-sample marks, followers at a window's end).
    pub fn followers_last_known(&self, a: usize, day: Day) -> Option<u64> {
        self.daily[a]
            .last_known(DailyCount::Followers, day)
            .map(|(_, v)| v)
    }
}

/// Post sums per account: `(day, sums)` for the days with posts, sorted by day.
pub type PostTable = Vec<Vec<(Day, PostAgg)>>;

/// Tag sets of posts, interned: set 0 is the empty set. The last set seen is checked first,
/// since neighbouring posts often carry the same tags.
struct TagSets {
    ids: HashMap<Vec<u32>, u32>,
    sets: Vec<Vec<u32>>,
    last: u32,
}

impl TagSets {
    fn new() -> TagSets {
        let mut ids = HashMap::new();
        ids.insert(Vec::new(), 0);
        TagSets {
            ids,
            sets: vec![Vec::new()],
            last: 0,
        }
    }

    fn of(&mut self, tags: &[u32]) -> u32 {
        if tags.is_empty() {
            return 0;
        }
        if self.sets[self.last as usize] == tags {
            return self.last;
        }
        let id = match self.ids.get(tags) {
            Some(&id) => id,
            None => {
                let id = self.sets.len() as u32;
                self.sets.push(tags.to_vec());
                self.ids.insert(tags.to_vec(), id);
                id
            }
        };
        self.last = id;
        id
    }
}

/// The day slots of each account's posts, from one pass over the posts (and one per
/// account whose posts are too spread out for offsets).
fn post_slots(posts: &crate::snapshot::store::Posts, n: usize) -> Vec<DaySlots> {
    let mut count = vec![0usize; n];
    for &a in &posts.account {
        if let Some(c) = count.get_mut(a as usize) {
            *c += 1;
        }
    }
    (0..n)
        .map(|a| {
            let days = || {
                posts
                    .day
                    .iter()
                    .zip(&posts.account)
                    .filter(move |(_, x)| **x as usize == a)
                    .map(|(d, _)| *d)
            };
            DaySlots::of(days, count[a])
        })
        .collect()
}

fn daily_series(store: &Store) -> (Vec<DailySeries>, Vec<Vec<bool>>) {
    let n = store.accounts.len();
    let daily = &store.daily;
    let mut count = vec![0usize; n];
    for &a in &daily.account {
        if let Some(c) = count.get_mut(a as usize) {
            *c += 1;
        }
    }
    let mut series: Vec<DailySeries> = (0..n)
        .map(|a| {
            let days = || {
                daily
                    .day
                    .iter()
                    .zip(&daily.account)
                    .filter(move |(_, x)| **x as usize == a)
                    .map(|(d, _)| *d)
            };
            let slots = DaySlots::of(days, count[a]);
            let len = slots.len();
            DailySeries {
                first: slots.span().map_or(0, |(first, _)| first),
                slots,
                values: std::array::from_fn(|_| vec![None; len]),
            }
        })
        .collect();
    let mut rows: Vec<Vec<bool>> = series.iter().map(|s| vec![false; s.len()]).collect();
    for row in 0..daily.len() {
        let a = daily.account[row] as usize;
        let Some(s) = series.get_mut(a) else {
            continue;
        };
        let Some(i) = s.slots.slot(daily.day[row]) else {
            continue;
        };
        rows[a][i] = true;
        for (k, column) in daily.counts.iter().enumerate() {
            s.values[k][i] = column.get(row);
        }
    }
    (series, rows)
}

/// Which web rows count towards their channel (and the day's total): every row without a
/// source, and the source rows of a (day, channel) that has no row without one. Rows with a
/// source are parts of their channel; where the channel's total row is there too, adding its
/// parts would count the same sessions twice.
pub fn channel_rows(web: &crate::snapshot::store::Web) -> Vec<bool> {
    let totals: hashbrown::HashSet<(Day, Channel)> = (0..web.len())
        .filter(|&r| web.referrer_of(r).is_none())
        .map(|r| (web.day[r], web.channel[r]))
        .collect();
    (0..web.len())
        .map(|r| web.referrer_of(r).is_none() || !totals.contains(&(web.day[r], web.channel[r])))
        .collect()
}

/// The same rule for range totals: which `web_totals` rows count towards their channel.
pub fn channel_totals(totals: &[WebTotal]) -> Vec<bool> {
    let whole: hashbrown::HashSet<(Day, Day, Channel)> = totals
        .iter()
        .filter(|t| t.referrer.is_none())
        .map(|t| (t.from, t.to, t.channel))
        .collect();
    totals
        .iter()
        .map(|t| t.referrer.is_none() || !whole.contains(&(t.from, t.to, t.channel)))
        .collect()
}

fn web_series(store: &Store) -> WebSeries {
    let web = &store.web;
    let slots = DaySlots::of(|| web.day.iter().copied(), web.len());
    let len = slots.len();
    if len == 0 {
        return WebSeries::default();
    }
    // Per day: the `all` row's values, the running sum of channel rows (None once a part is
    // unknown), and the channel parts.
    let mut all: Vec<Option<[Option<u64>; 6]>> = vec![None; len];
    let mut parts: Vec<Option<[Option<u64>; 6]>> = vec![None; len];
    let mut direct: Vec<Option<Option<u64>>> = vec![None; len];
    let mut social: Vec<Option<Option<u64>>> = vec![None; len];
    let mut social_new: Vec<Option<Option<u64>>> = vec![None; len];
    let counted = channel_rows(web);
    for row in (0..web.len()).filter(|&r| counted[r]) {
        let Some(i) = slots.slot(web.day[row]) else {
            continue;
        };
        let values: [Option<u64>; 6] = std::array::from_fn(|k| web.counts[k].get(row));
        let channel = web.channel[row];
        if channel == Channel::All {
            all[i] = Some(values);
            continue;
        }
        let sum = parts[i].get_or_insert([Some(0); 6]);
        for k in 0..6 {
            sum[k] = sum[k].zip(values[k]).map(|(a, b)| a + b);
        }
        let sessions = values[WebCount::Sessions as usize];
        match channel {
            Channel::Direct => direct[i] = Some(sessions),
            Channel::OrganicSocial | Channel::PaidSocial => {
                let add = |slot: &mut Option<Option<u64>>, v: Option<u64>| {
                    let before = slot.unwrap_or(Some(0));
                    *slot = Some(before.zip(v).map(|(a, b)| a + b));
                };
                add(&mut social[i], sessions);
                add(&mut social_new[i], values[WebCount::NewUsers as usize]);
            }
            _ => {}
        }
    }
    let days = (0..len)
        .map(|i| {
            let total = all[i].or(parts[i])?;
            let has_parts = parts[i].is_some();
            // A day with channel rows but none for direct had no direct sessions; a day with
            // only an `all` row says nothing about its channels.
            let part = |v: Option<Option<u64>>| match v {
                Some(s) => s,
                None if has_parts => Some(0),
                None => None,
            };
            Some(WebDay {
                total,
                direct: part(direct[i]),
                social: part(social[i]),
                social_new_users: part(social_new[i]),
            })
        })
        .collect();
    WebSeries { slots, days }
}
