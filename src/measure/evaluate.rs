//! A metric's full answer for a query: the window's value, the previous period and the change,
//! the series by day, week or month, and the breakdowns by account and platform.

use super::catalogue::Metric;
use super::compute::{Ctx, Who};
use super::query::{Granularity, Window};
use super::value::{AccountFigure, Change, MetricResult, PlatformFigure, Point};
use crate::snapshot::model::Platform;

impl Ctx<'_> {
    /// Everything about `metric` over `window`, with a series at `granularity`.
    pub fn result(
        &mut self,
        metric: &'static Metric,
        window: Window,
        granularity: Granularity,
    ) -> MetricResult {
        let current = self.figure(metric, window, Who::All);
        let previous = self.figure(metric, window.previous(), Who::All);
        let change = Change::between(&current, &previous);
        let series = granularity
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
                    figure: self.figure(metric, bucket, Who::All),
                }
            })
            .collect();
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
