//! One KPI's series as an inline SVG chart for the HTML review.
//!
//! A manager reads it on paper or in a mail client years later, maybe without colour, so the
//! three lines differ by stroke as well as colour (this period solid, the previous period
//! dashed and faint, the target dotted), a legend says which is which, and `<title>` and
//! `<desc>` give a screen reader the same summary. Colours come from the page's CSS classes
//! (`c-…`), so the chart follows the reader's light or dark scheme. A bucket without a value
//! is a gap, never a zero; long series are thinned per pixel column (first, lowest, highest,
//! last), which keeps every spike and keeps a 3-year daily series small.

use std::fmt::Write as _;

use crate::axis::{date_ticks, downsample, nice_ticks};
use crate::calendar::format_date;
use crate::measure::plan::Op;
use crate::measure::value::Point;
use crate::measure::{Granularity, Metric, Window, format};

pub const WIDTH: f64 = 560.0;
pub const HEIGHT: f64 = 230.0;
const LEFT: f64 = 66.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
/// Room under the plot for the date labels and the legend.
const BOTTOM: f64 = 50.0;
/// Pixel columns a series is thinned to (each keeps at most four points).
const COLUMNS: usize = 240;
/// Below this many buckets, each value gets a marker.
const MARKERS: usize = 62;

/// What one chart shows.
pub struct Chart<'a> {
    /// Unique within the page: the `id`s of the title and description.
    pub id: &'a str,
    pub metric: &'static Metric,
    pub window: Window,
    pub granularity: Granularity,
    pub current: &'a [Point],
    /// The previous period's buckets (drawn shifted onto this period's days).
    pub previous: &'a [Point],
    pub goal: Option<(Op, f64)>,
}

impl Chart<'_> {
    /// The target as a line across the buckets: only when a bucket's value is comparable with
    /// the window's (a rate or a mean, not a sum or a change that grows with the days).
    fn goal_line(&self) -> Option<(Op, f64)> {
        self.goal.filter(|_| !self.metric.aggregation.is_additive())
    }
}

fn plot_w() -> f64 {
    WIDTH - LEFT - RIGHT
}

fn plot_h() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// The runs of consecutive known values, as (day position, value), the day position being the
/// middle of the bucket in days from the window's start, plus `shift` days.
fn runs(points: &[Point], from: i32, shift: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut run = Vec::new();
    for p in points {
        match p.figure.value.filter(|v| v.is_finite()) {
            Some(v) => run.push(((p.from + p.to + 1) as f64 / 2.0 - from as f64 + shift, v)),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// `v` rounded for SVG coordinates (one decimal keeps files small and lines crisp).
fn c(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Escapes text for SVG/HTML content and attributes.
pub fn esc(s: &str) -> String {
    let s = crate::text::escape_for_file(s);
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The chart as an `<svg>` element.
pub fn chart(ch: &Chart) -> String {
    let m = ch.metric;
    let days = ch.window.days() as f64;
    let from = ch.window.from;
    let current = runs(ch.current, from, 0.0);
    let previous = runs(ch.previous, from, days);
    let known = || current.iter().chain(&previous).flatten().map(|p| p.1);
    let mut lo = known().fold(f64::INFINITY, f64::min);
    let mut hi = known().fold(f64::NEG_INFINITY, f64::max);
    if let Some((_, g)) = ch.goal_line() {
        lo = lo.min(g);
        hi = hi.max(g);
    }
    let empty = !lo.is_finite();
    if empty {
        (lo, hi) = (0.0, 1.0);
    }
    // Counts and rates start from zero: a chart that does not exaggerates nothing.
    if lo >= 0.0 {
        lo = 0.0;
    }
    let (ticks, lo, hi) = nice_ticks(lo, hi, 4);
    let step = ticks.get(1).zip(ticks.first()).map_or(1.0, |(b, a)| b - a);
    let x = |d: f64| LEFT + d / days.max(1.0) * plot_w();
    let y = |v: f64| TOP + (hi - v) / (hi - lo).max(f64::EPSILON) * plot_h();

    let title = crate::i18n::trf(
        "svg.title",
        &[
            ("metric", &m.text().name),
            ("by", &ch.granularity.name()),
            ("window", &ch.window),
        ],
    );
    let mut s = String::with_capacity(8 * 1024);
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        c(WIDTH),
        c(HEIGHT),
        esc(&title),
        esc(&describe(ch)),
        id = esc(ch.id),
    );
    // Grid and value labels.
    for t in &ticks {
        let ty = y(*t);
        let _ = write!(
            s,
            r#"<line class="c-grid" x1="{}" y1="{ty}" x2="{}" y2="{ty}"/><text class="c-label" x="{}" y="{}" text-anchor="end">{}</text>"#,
            c(LEFT),
            c(WIDTH - RIGHT),
            c(LEFT - 6.0),
            c(ty + 4.0),
            esc(&format::tick(m, *t, step)),
            ty = c(ty),
        );
    }
    // Date labels at calendar boundaries.
    for (day, label) in date_ticks(ch.window.from, ch.window.to, 7) {
        let tx = x((day - from) as f64);
        let _ = write!(
            s,
            r#"<line class="c-axis" x1="{tx}" y1="{}" x2="{tx}" y2="{}"/><text class="c-label" x="{tx}" y="{}" text-anchor="middle">{}</text>"#,
            c(TOP + plot_h()),
            c(TOP + plot_h() + 4.0),
            c(TOP + plot_h() + 17.0),
            esc(&label),
            tx = c(tx),
        );
    }
    let _ = write!(
        s,
        r#"<line class="c-axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}"/><line class="c-axis" x1="{l}" y1="{t}" x2="{l}" y2="{b}"/>"#,
        l = c(LEFT),
        r = c(WIDTH - RIGHT),
        t = c(TOP),
        b = c(TOP + plot_h()),
    );
    if empty {
        let _ = write!(
            s,
            r#"<text class="c-label" x="{}" y="{}" text-anchor="middle">no value in this window</text>"#,
            c(LEFT + plot_w() / 2.0),
            c(TOP + plot_h() / 2.0)
        );
    }
    // The target, dotted.
    if let Some((_, g)) = ch.goal_line() {
        let gy = c(y(g));
        let _ = write!(
            s,
            r#"<line class="c-target" x1="{}" y1="{gy}" x2="{}" y2="{gy}"/>"#,
            c(LEFT),
            c(WIDTH - RIGHT)
        );
    }
    // Previous period underneath, then this period.
    let columns = |run: &Vec<(f64, f64)>| {
        let span = run.last().map_or(0.0, |l| l.0) - run.first().map_or(0.0, |f| f.0);
        ((span / days.max(1.0)) * COLUMNS as f64).ceil().max(1.0) as usize
    };
    for run in &previous {
        let thin = downsample(run, columns(run));
        path(&mut s, "c-prev", &thin, |p| (x(p.0), y(p.1)));
    }
    for run in &current {
        let thin = downsample(run, columns(run));
        path(&mut s, "c-cur", &thin, |p| (x(p.0), y(p.1)));
    }
    if ch.current.len() <= MARKERS {
        for p in ch.current {
            if let Some(v) = p.figure.value.filter(|v| v.is_finite()) {
                let mx = x((p.from + p.to + 1) as f64 / 2.0 - from as f64);
                let class = if p.partial {
                    "c-dot c-partial"
                } else {
                    "c-dot"
                };
                let _ = write!(
                    s,
                    r#"<circle class="{class}" cx="{}" cy="{}" r="2.6"/>"#,
                    c(mx),
                    c(y(v))
                );
            }
        }
    }
    legend(&mut s, ch);
    s.push_str("</svg>");
    s
}

/// A polyline of one run; a run of one point is a short dash, so it shows.
fn path(s: &mut String, class: &str, run: &[(f64, f64)], at: impl Fn(&(f64, f64)) -> (f64, f64)) {
    let Some(first) = run.first() else {
        return;
    };
    let (x0, y0) = at(first);
    if run.len() == 1 {
        let _ = write!(
            s,
            r#"<path class="{class}" d="M{},{}h4"/>"#,
            c(x0 - 2.0),
            c(y0)
        );
        return;
    }
    let _ = write!(s, r#"<path class="{class}" d="M{},{}"#, c(x0), c(y0));
    for p in &run[1..] {
        let (px, py) = at(p);
        let _ = write!(s, "L{},{}", c(px), c(py));
    }
    s.push_str(r#""/>"#);
}

/// The legend under the dates: line samples that differ by stroke, with words.
fn legend(s: &mut String, ch: &Chart) {
    let ly = HEIGHT - 10.0;
    let mut lx = LEFT;
    let mut item = |s: &mut String, class: Option<&str>, text: String| {
        if let Some(class) = class {
            let _ = write!(
                s,
                r#"<line class="{class}" x1="{}" y1="{ly}" x2="{}" y2="{ly}"/>"#,
                c(lx),
                c(lx + 20.0),
                ly = c(ly),
            );
            lx += 25.0;
        }
        let _ = write!(
            s,
            r#"<text class="c-label" x="{}" y="{}">{}</text>"#,
            c(lx),
            c(ly + 4.0),
            esc(&text),
        );
        // About 6 px a character at the label size.
        lx += text.chars().count() as f64 * 6.0 + 16.0;
    };
    item(
        s,
        Some("c-cur"),
        crate::i18n::tr("svg.this_period").to_owned(),
    );
    let has_previous = ch.previous.iter().any(|p| p.figure.value.is_some());
    if has_previous {
        item(
            s,
            Some("c-prev"),
            crate::i18n::tr("svg.previous_period").to_owned(),
        );
    }
    match (ch.goal, ch.goal_line()) {
        (_, Some(g)) => item(
            s,
            Some("c-target"),
            crate::i18n::trf("svg.target", &[("goal", &format::goal(ch.metric, Some(g)))]),
        ),
        (Some(g), None) => item(
            s,
            None,
            crate::i18n::trf(
                "svg.target_total",
                &[("goal", &format::goal(ch.metric, Some(g)))],
            ),
        ),
        (None, None) => {}
    }
}

/// What the chart shows, in words, for `<desc>`.
fn describe(ch: &Chart) -> String {
    let m = ch.metric;
    let known: Vec<(&Point, f64)> = ch
        .current
        .iter()
        .filter_map(|p| p.figure.value.filter(|v| v.is_finite()).map(|v| (p, v)))
        .collect();
    let mut out = crate::i18n::trf(
        "svg.desc_buckets",
        &[
            ("n", &ch.current.len()),
            ("unit", &ch.granularity.name()),
            ("from", &format_date(ch.window.from)),
            ("to", &format_date(ch.window.to)),
            ("known", &known.len()),
        ],
    );
    let at = |p: &Point| format_date(p.from);
    if let (Some(lo), Some(hi)) = (
        known.iter().min_by(|a, b| a.1.total_cmp(&b.1)),
        known.iter().max_by(|a, b| a.1.total_cmp(&b.1)),
    ) {
        out.push_str(&crate::i18n::trf(
            "svg.desc_range",
            &[
                ("lo", &format::value(m, lo.1)),
                ("lo_at", &at(lo.0)),
                ("hi", &format::value(m, hi.1)),
                ("hi_at", &at(hi.0)),
            ],
        ));
    }
    if let Some(last) = known.last() {
        out.push_str(&crate::i18n::trf(
            "svg.desc_last",
            &[("value", &format::value(m, last.1)), ("at", &at(last.0))],
        ));
    }
    if ch.previous.iter().any(|p| p.figure.value.is_some()) {
        out.push_str(crate::i18n::tr("svg.desc_previous_dashed"));
    } else {
        out.push_str(crate::i18n::tr("svg.desc_previous_none"));
    }
    match (ch.goal, ch.goal_line()) {
        (_, Some(g)) => {
            out.push_str(&crate::i18n::trf(
                "svg.desc_target_dotted",
                &[("goal", &format::goal(m, Some(g)))],
            ));
        }
        (Some(g), None) => {
            out.push_str(&crate::i18n::trf(
                "svg.desc_target_total",
                &[
                    ("goal", &format::goal(m, Some(g))),
                    ("unit", &ch.granularity.name()),
                ],
            ));
        }
        (None, None) => out.push('.'),
    }
    out
}
