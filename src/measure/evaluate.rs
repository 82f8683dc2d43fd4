//! A metric's full answer for a query: the window's value, the previous period and the change,
//! the series by day, week or month, and the breakdowns by account and platform.

use super::catalogue::Metric;
use super::compute::{Ctx, Who};
use super::query::{Granularity, Window};
use super::value::{AccountFigure, Change, Figure, MetricResult, PlatformFigure, Point};
use crate::i18n::Msg;
use crate::snapshot::model::Platform;

impl Ctx<'_> {
    /// `metric` by day, week or month over `window` for `who`: one point per bucket, cut by
    /// the window's edges (and marked partial when cut), with no value where the bucket has
    /// none. The KPI chart, its per-account lines and the overview before a plan all ask
    /// here.
    pub fn series(
        &mut self,
        metric: &Metric,
        window: Window,
        granularity: Granularity,
        who: Who,
    ) -> Vec<Point> {
        // Over the data's days within the window: a window that runs past the data gets no
        // buckets where there is nothing to count, and no window makes more than
        // MAX_BUCKETS of them.
        let Some(window) = self
            .p
            .data_span
            .and_then(|(first, last)| window.intersect(Window::new(first, last)?))
        else {
            return Vec::new();
        };
        granularity
            .buckets(window)
            .into_iter()
            .map(|bucket| {
                let natural = Window {
                    from: granularity.bucket_start(bucket.from),
                    to: granularity.next_start(granularity.bucket_start(bucket.from)) - 1,
                };
                Point {
                    from: bucket.from,
                    to: bucket.to,
                    partial: bucket != natural,
                    figure: self.figure(metric, bucket, who),
                }
            })
            .collect()
    }

    /// The change from `previous` to `current`, marking each figure whose window the data does
    /// not fully cover. A sum or count over fewer days is not comparable: its change is none,
    /// with the reason. A ratio over fewer days still is, and its figure says it is partial.
    pub fn compare(
        &self,
        metric: &Metric,
        window: Window,
        current: &mut Figure,
        previous: &mut Figure,
    ) -> Change {
        let mut reason = None;
        for (figure, w, which) in [
            (&mut *current, window, "why.covers_window"),
            (&mut *previous, window.previous(), "why.covers_previous"),
        ] {
            let coverage = self.coverage(metric, w, Who::All);
            if coverage.is_full() {
                continue;
            }
            figure.partial = Some(coverage);
            if reason.is_none() {
                reason = Some(coverage.msg(which));
            }
        }
        let partial = reason.is_some();
        let mut change = match reason {
            Some(why) if metric.aggregation.is_additive() => Change::none(why),
            _ => {
                let change = Change::between(current, previous);
                match (change.absolute, &previous.reason, &current.reason) {
                    (None, Some(why), _) => {
                        Change::none(Msg::new("why.no_previous_value").arg("why", why.clone()))
                    }
                    (None, None, Some(why)) => {
                        Change::none(Msg::new("why.no_value").arg("why", why.clone()))
                    }
                    _ => change,
                }
            }
        };
        change.partial = partial;
        change
    }

    /// Everything about `metric` over `window`, with a series at `granularity`.
    pub fn result(
        &mut self,
        metric: &'static Metric,
        window: Window,
        granularity: Granularity,
    ) -> MetricResult {
        let mut current = self.figure(metric, window, Who::All);
        let mut previous = self.figure(metric, window.previous(), Who::All);
        let change = self.compare(metric, window, &mut current, &mut previous);
        let series = self.series(metric, window, granularity, Who::All);
        let accounts: Vec<usize> = self.accounts(Who::All).collect();
        let by_account = accounts
            .iter()
            .map(|&a| AccountFigure {
                account: self.p.account_ids[a].clone(),
                platform: self.p.platforms[a],
                figure: self.figure(metric, window, Who::Account(a)),
            })
            .collect();
        let mut platforms: Vec<Platform> = accounts.iter().map(|&a| self.p.platforms[a]).collect();
        platforms.sort_unstable();
        platforms.dedup();
        let by_platform = platforms
            .into_iter()
            .map(|platform| PlatformFigure {
                platform,
                figure: self.figure(metric, window, Who::Platform(platform)),
            })
            .collect();
        MetricResult {
            metric,
            current,
            previous,
            change,
            series,
            by_account,
            by_platform,
        }
    }
}
