//! The posts of the window: filtered by the segment and a text, sorted by any column (missing
//! values last either way), and one post's every count, link and source file.

use std::cmp::Ordering;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, TableState, Wrap};

use crate::calendar::{Day, format_date};
use crate::measure::format;
use crate::snapshot::model::PostCount;
use crate::tui::action::{Action, Context};
use crate::tui::app::App;
use crate::tui::sanitize;
use crate::tui::view::{centred, pane_block, scroll_to};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Date,
    Account,
    Format,
    Likes,
    Comments,
    Shares,
    Reach,
    Interactions,
    ErReach,
    Text,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Date,
        Column::Account,
        Column::Format,
        Column::Likes,
        Column::Comments,
        Column::Shares,
        Column::Reach,
        Column::Interactions,
        Column::ErReach,
        Column::Text,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Date => "published",
            Column::Account => "account",
            Column::Format => "format",
            Column::Likes => "likes",
            Column::Comments => "comm.",
            Column::Shares => "shares",
            Column::Reach => "reach",
            Column::Interactions => "inter.",
            Column::ErReach => "ER reach",
            Column::Text => "text",
        }
    }
}

pub fn refresh_posts(app: &mut App) {
    let (Some(prepared), Some(window)) =
        (app.model.data.prepared.clone(), app.model.results.window)
    else {
        app.ui.charts.rows.clear();
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    let segment = crate::tui::results::segment(app);
    let sel = prepared.select(&segment);
    let needle = app.ui.charts.filter.to_lowercase();
    let accounts: Vec<String> = store
        .accounts
        .iter()
        .map(|a| format!("{} {}", a.id, a.handle.as_deref().unwrap_or("")).to_lowercase())
        .collect();
    // The key the table depends on: skip the rebuild when nothing in it changed.
    let key = (
        app.model.data.generation,
        window,
        segment.clone(),
        app.ui.charts.filter.clone(),
    );
    if app.ui.charts.rows_key.as_ref() == Some(&key) {
        return;
    }
    app.ui.charts.rows = prepared
        .posts_in(window)
        .iter()
        .map(|&r| r as usize)
        .filter(|&r| {
            let a = posts.account[r] as usize;
            sel.accounts.get(a).copied().unwrap_or(false)
                && sel.formats[posts.format[r] as usize]
                && sel.tagsets[prepared.post_tagset[r] as usize]
                && (needle.is_empty()
                    || contains_folded(posts.text.get(r), &needle)
                    || contains_folded(posts.id.get(r), &needle)
                    || accounts.get(a).is_some_and(|s| s.contains(&needle)))
        })
        .map(|r| r as u32)
        .collect();
    app.ui.charts.rows_key = Some(key);
    // The rows come in publication order: only other orders need a sort.
    if app.ui.charts.sort != Column::Date || app.ui.charts.descending {
        sort_rows(app);
    }
}

/// Sets the posts filter (live while typing).
pub fn set_filter(app: &mut App, text: &str) {
    app.ui.charts.filter = text.to_owned();
    app.ui.charts.cursor = 0;
    refresh_posts(app);
}

/// Posts in a window above which the filter applies on Enter rather than on every key.
pub const LIVE_FILTER_LIMIT: usize = 100_000;

/// Whether `hay` contains `needle` (already lower case), ignoring case, without allocating
/// for ASCII needles (post texts are filtered on every key typed).
pub fn contains_folded(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let n = needle.as_bytes();
        return n.is_empty()
            || hay
                .as_bytes()
                .windows(n.len())
                .any(|w| w.eq_ignore_ascii_case(n));
    }
    hay.to_lowercase().contains(needle)
}

fn interactions(posts: &crate::snapshot::store::Posts, r: usize) -> Option<u64> {
    let parts = [
        PostCount::Likes,
        PostCount::Comments,
        PostCount::Shares,
        PostCount::Saves,
    ]
    .map(|c| posts.count(c, r));
    parts
        .iter()
        .any(Option::is_some)
        .then(|| parts.iter().flatten().sum())
}

fn er_reach(posts: &crate::snapshot::store::Posts, r: usize) -> Option<f64> {
    let reach = posts.count(PostCount::Reach, r).filter(|v| *v > 0)?;
    Some(interactions(posts, r)? as f64 / reach as f64)
}

pub(super) fn sort_rows(app: &mut App) {
    let Some(prepared) = app.model.data.prepared.clone() else {
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    let col = app.ui.charts.sort;
    let count = |c: PostCount, r: u32| posts.count(c, r as usize);
    // Missing values sort last whichever the direction: "not known" is not a small number.
    fn by<T: PartialOrd>(a: Option<T>, b: Option<T>, desc: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                if desc { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let desc = app.ui.charts.descending;
    let rows = &mut app.ui.charts.rows;
    match col {
        // Ties break on the row, so equal times keep a stable order (and sorted runs stay
        // long enough for the sort's fast path).
        Column::Date => {
            rows.sort_by_key(|&r| (posts.published[r as usize], r));
            if desc {
                rows.reverse();
            }
        }
        Column::Account => rows.sort_by(|&a, &b| {
            let name = |r: u32| {
                store
                    .accounts
                    .get(posts.account[r as usize] as usize)
                    .map(|x| x.id.as_str())
            };
            by(name(a), name(b), desc)
        }),
        Column::Format => rows.sort_by(|&a, &b| {
            by(
                Some(posts.format[a as usize].name()),
                Some(posts.format[b as usize].name()),
                desc,
            )
        }),
        Column::Likes => {
            rows.sort_by(|&a, &b| by(count(PostCount::Likes, a), count(PostCount::Likes, b), desc))
        }
        Column::Comments => rows.sort_by(|&a, &b| {
            by(
                count(PostCount::Comments, a),
                count(PostCount::Comments, b),
                desc,
            )
        }),
        Column::Shares => rows.sort_by(|&a, &b| {
            by(
                count(PostCount::Shares, a),
                count(PostCount::Shares, b),
                desc,
            )
        }),
        Column::Reach => {
            rows.sort_by(|&a, &b| by(count(PostCount::Reach, a), count(PostCount::Reach, b), desc))
        }
        Column::Interactions => rows.sort_by(|&a, &b| {
            by(
                interactions(posts, a as usize),
                interactions(posts, b as usize),
                desc,
            )
        }),
        Column::ErReach => rows.sort_by(|&a, &b| {
            by(
                er_reach(posts, a as usize),
                er_reach(posts, b as usize),
                desc,
            )
        }),
        Column::Text => rows.sort_by(|&a, &b| {
            by(
                Some(posts.text.get(a as usize)),
                Some(posts.text.get(b as usize)),
                desc,
            )
        }),
    }
    app.ui.charts.cursor = app
        .ui
        .charts
        .cursor
        .min(app.ui.charts.rows.len().saturating_sub(1));
}

fn cell_count(v: Option<u64>) -> String {
    v.map_or_else(|| "–".to_owned(), crate::text::thousands)
}

pub(super) fn render_posts(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let focused = app.focus() == 2;
    let Some(prepared) = &app.model.data.prepared else {
        frame.render_widget(
            Paragraph::new("no data").block(pane_block(app, "Posts", focused)),
            area,
        );
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    let arrow = if app.ui.charts.descending {
        "▼"
    } else {
        "▲"
    };
    let narrow = area.width < 110;
    let title_of = |c: Column| match (narrow, c) {
        (true, Column::Account) => "acct",
        (true, Column::ErReach) => "ER",
        (true, Column::Interactions) => "inter",
        _ => c.title(),
    };
    let header: Vec<String> = Column::ALL
        .iter()
        .map(|c| {
            if *c == app.ui.charts.sort {
                format!("{}{arrow}", title_of(*c))
            } else {
                title_of(*c).to_owned()
            }
        })
        .collect();
    let height = area.height.saturating_sub(3) as usize;
    let offset = scroll_to(app.ui.charts.cursor, height);
    // Narrow screens drop the year (the window's dates are in the top bar).
    let date_format = if narrow {
        "%m-%d %H:%M"
    } else {
        "%Y-%m-%d %H:%M"
    };
    let rows: Vec<Row> = app
        .ui
        .charts
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|&r| {
            let r = r as usize;
            let account = store
                .accounts
                .get(posts.account[r] as usize)
                .map_or("?", |a| a.id.as_str());
            let published = posts
                .published_at(r)
                .to_chrono()
                .map_or_else(String::new, |t| t.format(date_format).to_string());
            Row::new(vec![
                Cell::from(published),
                Cell::from(sanitize::line(account)),
                Cell::from(posts.format[r].name()),
                Cell::from(cell_count(posts.count(PostCount::Likes, r))),
                Cell::from(cell_count(posts.count(PostCount::Comments, r))),
                Cell::from(cell_count(posts.count(PostCount::Shares, r))),
                Cell::from(cell_count(posts.count(PostCount::Reach, r))),
                Cell::from(cell_count(interactions(posts, r))),
                Cell::from(er_reach(posts, r).map_or_else(|| "–".to_owned(), format::percent)),
                Cell::from(sanitize::line(posts.text.get(r))),
            ])
        })
        .collect();
    let filter = if app.ui.charts.filter.is_empty() {
        String::new()
    } else {
        format!(" · filter \"{}\"", sanitize::line(&app.ui.charts.filter))
    };
    let key = |a: Action| app.key_in(Context::Charts, a);
    let title = format!(
        "Posts in the window: {}{filter} · {} sort · {} filter · {} details",
        crate::text::thousands(app.ui.charts.rows.len() as u64),
        key(Action::SortNext),
        key(Action::Filter),
        key(Action::Select)
    );
    // Counts fit their widths up to 6 digits with separators; narrow screens trim the slack.
    let w: [u16; 9] = if narrow {
        [11, 6, 8, 7, 5, 6, 8, 7, 7]
    } else {
        [16, 7, 8, 8, 6, 7, 9, 8, 8]
    };
    let widths: Vec<Constraint> = w
        .iter()
        .map(|x| Constraint::Length(*x))
        .chain([Constraint::Fill(1)])
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.dim))
        .block(pane_block(app, &title, focused))
        .row_highlight_style(if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        });
    let mut state =
        TableState::default().with_selected(Some(app.ui.charts.cursor.saturating_sub(offset)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// A post's every count, its link, text and source file.
pub fn render_post_detail(frame: &mut Frame, area: Rect, app: &App, row: usize, scroll: usize) {
    let theme = &app.ui.theme;
    let Some(prepared) = &app.model.data.prepared else {
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    if row >= posts.len() {
        return;
    }
    let rect = centred(area, 90, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let account = store.accounts.get(posts.account[row] as usize);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("post      ", theme.dim),
            Span::styled(sanitize::line(posts.id.get(row)), theme.title),
        ]),
        Line::from(vec![
            Span::styled("account   ", theme.dim),
            Span::styled(
                account.map_or_else(
                    || "?".to_owned(),
                    |a| {
                        format!(
                            "{} ({}, {})",
                            sanitize::line(&a.id),
                            a.platform,
                            sanitize::line(a.label())
                        )
                    },
                ),
                theme.text,
            ),
        ]),
        Line::from(vec![
            Span::styled("published ", theme.dim),
            Span::styled(posts.published_at(row).to_string(), theme.text),
        ]),
        Line::from(vec![
            Span::styled("day       ", theme.dim),
            Span::styled(format_date(posts.day[row] as Day), theme.text),
        ]),
        Line::from(vec![
            Span::styled("format    ", theme.dim),
            Span::styled(posts.format[row].name(), theme.text),
        ]),
    ];
    let tags: Vec<String> = posts
        .tags(row)
        .iter()
        .map(|t| sanitize::line(store.tags.name(*t)))
        .collect();
    if !tags.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("tags      ", theme.dim),
            Span::styled(tags.join(", "), theme.text),
        ]));
    }
    let url = posts.url.get(row);
    lines.push(Line::from(vec![
        Span::styled("link      ", theme.dim),
        Span::styled(
            if url.is_empty() {
                "(none)".to_owned()
            } else {
                sanitize::line(url)
            },
            theme.accent,
        ),
    ]));
    let source = store
        .sources
        .get(posts.source[row] as usize)
        .map_or("?", |s| s.name.as_str());
    lines.push(Line::from(vec![
        Span::styled("source    ", theme.dim),
        Span::styled(sanitize::line(source), theme.text),
    ]));
    lines.push(Line::styled(
        "counts (– = not known, never zero)",
        theme.title,
    ));
    for c in PostCount::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<12}", c.name()), theme.dim),
            Span::styled(cell_count(posts.count(*c, row)), theme.text),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("  interactions", theme.dim),
        Span::styled(
            format!(" {}", cell_count(interactions(posts, row))),
            theme.text,
        ),
    ]));
    lines.push(Line::styled("text", theme.title));
    for l in sanitize::lines(posts.text.get(row)) {
        lines.push(Line::styled(l, theme.text));
    }
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .block(pane_block(
                app,
                &format!(
                    "Post ({} closes)",
                    app.key_in(Context::PostDetail, Action::Back)
                ),
                true,
            )),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use super::contains_folded;

    #[test]
    fn filter_ignores_case() {
        assert!(contains_folded("Banjir di JAKARTA hari ini", "jakarta"));
        assert!(contains_folded("Ünïcode Straße", "straße"));
        assert!(!contains_folded("Banjir", "jakarta"));
        assert!(contains_folded("x", ""));
    }
}
