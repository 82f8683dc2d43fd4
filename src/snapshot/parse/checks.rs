//! Warnings that need the whole file: posts dated after the export, platform totals that
//! cannot match their parts, gaps in daily rows, and daily rows that do not cover the posts.
//! None of them refuses the file; each says what it means for the numbers.

use crate::calendar::format_date;
use crate::i18n::trf;

use crate::snapshot::diagnostics::Sink;
use crate::snapshot::json::Pos;
use crate::snapshot::model::PostCount;
use crate::snapshot::store::Store;

pub(super) fn content_warnings(store: &Store, post_lines: &[u32], sink: &mut Sink) {
    future_posts(store, post_lines, sink);
    impossible_engagements(store, post_lines, sink);
    daily_gaps_and_coverage(store, sink);
}

fn at_line(post_lines: &[u32], row: usize) -> Option<Pos> {
    post_lines
        .get(row)
        .filter(|&&l| l > 0)
        .map(|&line| Pos { line, column: 1 })
}

fn future_posts(store: &Store, post_lines: &[u32], sink: &mut Sink) {
    let Some(exported) = store.exported_at else {
        return;
    };
    let mut late = store
        .posts
        .published
        .iter()
        .enumerate()
        .filter(|(_, t)| **t > exported.utc);
    let Some((first, _)) = late.next() else {
        return;
    };
    let n = 1 + late.count();
    let when = store.posts.published_at(first);
    sink.warning(
        at_line(post_lines, first),
        || format!("posts[{first}].published_at"),
        || {
            trf(
                "loader.posts_after_export",
                &[("n", &n), ("exported", &exported), ("when", &when)],
            )
        },
    );
}

fn impossible_engagements(store: &Store, post_lines: &[u32], sink: &mut Sink) {
    let posts = &store.posts;
    let parts = [
        PostCount::Likes,
        PostCount::Comments,
        PostCount::Shares,
        PostCount::Saves,
    ];
    let mut first = None;
    let mut n = 0usize;
    for row in 0..posts.len() {
        let Some(total) = posts.count(PostCount::Engagements, row) else {
            continue;
        };
        let sum: u64 = parts.iter().filter_map(|&p| posts.count(p, row)).sum();
        if total < sum {
            n += 1;
            first.get_or_insert((row, total, sum));
        }
    }
    if let Some((row, total, sum)) = first {
        sink.warning(
            at_line(post_lines, row),
            || format!("posts[{row}].engagements"),
            || {
                trf(
                    "loader.engagements_below_parts",
                    &[("n", &n), ("total", &total), ("sum", &sum)],
                )
            },
        );
    }
}

fn daily_gaps_and_coverage(store: &Store, sink: &mut Sink) {
    for (index, account) in store.accounts.iter().enumerate() {
        let index = index as u32;
        let mut days: Vec<i32> = store
            .daily
            .day
            .iter()
            .zip(&store.daily.account)
            .filter(|(_, a)| **a == index)
            .map(|(d, _)| *d)
            .collect();
        days.sort_unstable();
        let id = &account.id;
        let posts = store.post_day_range(Some(index));
        let (Some(&lo), Some(&hi)) = (days.first(), days.last()) else {
            if let Some((a, b)) = posts {
                sink.warning(
                    None,
                    || "daily".into(),
                    || {
                        trf(
                            "loader.no_daily_rows",
                            &[
                                ("id", &id),
                                ("from", &format_date(a)),
                                ("to", &format_date(b)),
                            ],
                        )
                    },
                );
            }
            continue;
        };
        let missing = (hi - lo + 1) as usize - days.len();
        if missing > 0 {
            let first_gap = days.windows(2).find(|w| w[1] - w[0] > 1).map(|w| w[0] + 1);
            sink.warning(
                None,
                || "daily".into(),
                || {
                    crate::i18n::trf(
                        "load.days_missing",
                        &[
                            ("id", &id),
                            ("n", &missing),
                            ("from", &format_date(lo)),
                            ("to", &format_date(hi)),
                            ("first", &first_gap.map_or_else(String::new, format_date)),
                        ],
                    )
                },
            );
        }
        if let Some((a, b)) = posts
            && (a < lo || b > hi)
        {
            sink.warning(
                None,
                || "daily".into(),
                || {
                    trf(
                        "loader.daily_coverage",
                        &[
                            ("id", &id),
                            ("from", &format_date(a)),
                            ("to", &format_date(b)),
                            ("daily_from", &format_date(lo)),
                            ("daily_to", &format_date(hi)),
                        ],
                    )
                },
            );
        }
    }
}
