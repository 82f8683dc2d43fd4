//! `engage report`: a plan's scorecard, or catalogue metrics, on snapshots, as Markdown or JSON.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use super::{CommandError, EXIT_OK, fail};
use crate::analysis::findings::findings;
use crate::calendar::{Day, format_date, parse_date};
use crate::cli::{ReportArgs, ReportFormat, ScopeArgs};
use crate::measure::catalogue::{CATALOGUE, metric};
use crate::measure::compute::Ctx;
use crate::measure::plan::Plan;
use crate::measure::query::{MAX_WINDOW_DAYS, parse_any_span};
use crate::measure::scorecard::{Scorecard, kpi_card, scorecard};
use crate::measure::{Granularity, Prepared, SegmentEntry, SegmentKind, Window};
use crate::plans::read_plan;
use crate::report::{Report, json::to_json, markdown::to_markdown};
use crate::storage::write_atomic;

fn load_plan(home: Option<&Path>, name_or_file: &str) -> Result<Plan, CommandError> {
    let path = Path::new(name_or_file);
    let plan = if path.is_file() {
        read_plan(path)?
    } else {
        super::plan::store(home)?.find(name_or_file)?.plan
    };
    let problems = plan.problems();
    if !problems.is_empty() {
        return Err(CommandError::PlanProblems {
            name: plan.name,
            problems,
        });
    }
    Ok(plan)
}

/// The window asked for, checked against the data's days.
pub(super) fn window(
    args: &ScopeArgs,
    plan: Option<&Plan>,
    span: (Day, Day),
) -> Result<Window, CommandError> {
    let (first, last) = span;
    let w = if let (Some(from), Some(to)) = (&args.from, &args.to) {
        let f = parse_date(from).ok_or_else(|| CommandError::FromDate(from.clone()))?;
        let t = parse_date(to).ok_or_else(|| CommandError::ToDate(to.clone()))?;
        let w = Window::new(f, t).ok_or_else(|| CommandError::Reversed {
            from: from.clone(),
            to: to.clone(),
        })?;
        if w.is_too_long() {
            return Err(CommandError::TooLong {
                flag: format!("--from {from} --to {to}"),
                days: w.days(),
            });
        }
        w
    } else if let Some(last_arg) = &args.last {
        let days = parse_any_span(last_arg).ok_or_else(|| CommandError::Last(last_arg.clone()))?;
        if days > MAX_WINDOW_DAYS {
            return Err(CommandError::TooLong {
                flag: format!("--last {last_arg}"),
                days,
            });
        }
        Window::last(days as i32, last)
    } else if let Some(plan) = plan {
        plan.window.resolve(last)?
    } else {
        Window::last(28, last)
    };
    if w.to < first || w.from > last {
        return Err(CommandError::OutsideData {
            window: w,
            first,
            last,
        });
    }
    Ok(w)
}

/// Accounts and tags named on the command line must be in the data: a typo would otherwise
/// judge an empty segment.
pub(super) fn check_segment(
    prepared: &Prepared,
    entries: &[SegmentEntry],
) -> Result<(), CommandError> {
    for e in entries {
        let (known, what): (&[String], &str) = match e.kind {
            SegmentKind::Account => (&prepared.account_ids, "accounts"),
            SegmentKind::Tag => (&prepared.tag_names, "tags"),
            _ => continue,
        };
        if !known.contains(&e.value) {
            return Err(CommandError::NotInData {
                entry: e.clone(),
                what,
                known: known.to_vec(),
            });
        }
    }
    Ok(())
}

pub fn report(
    home: Option<&Path>,
    args: &ReportArgs,
    options: &crate::import::Options,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let plan = match args.plan.as_deref().map(|p| load_plan(home, p)).transpose() {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let unknown: Vec<&str> = args
        .metric
        .iter()
        .filter(|m| metric(m).is_none())
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let ids: Vec<&str> = CATALOGUE.iter().map(|m| m.id).collect();
        return fail(format!(
            "unknown metric {} (metrics: {})",
            unknown.join(", "),
            ids.join(", ")
        ));
    }
    let store =
        match super::scope::load_for(&args.paths, args.output.as_deref(), options, "no report")? {
            Ok(store) => store,
            Err(status) => return Ok(status),
        };
    let Some(span) = store.day_span() else {
        return fail("the data holds no dated rows to report on");
    };
    let window = match window(&args.scope, plan.as_ref(), span) {
        Ok(w) => w,
        Err(e) => return super::refuse(&e, e.status()),
    };
    if window.from < span.0 || window.to > span.1 {
        eprintln!(
            "engage: note: the window {window} runs past the data ({}..{}); days without data are left out, not counted as zero",
            format_date(span.0),
            format_date(span.1)
        );
    }
    let granularity: Granularity = args.granularity.into();
    let prepared = Prepared::new(Arc::clone(&store));
    if let Err(e) = check_segment(&prepared, &args.scope.segment) {
        return fail(e);
    }
    // The command line's entries join the plan's segment, by the same rule.
    let mut plan = plan;
    let mut extra = plan.as_ref().map(|p| p.segment.clone()).unwrap_or_default();
    for entry in &args.scope.segment {
        extra.add(entry);
    }
    if let Some(p) = &mut plan {
        p.segment = extra.clone();
    }
    let (card, segment) = match &plan {
        Some(p) => (
            scorecard(&prepared, p, window, granularity),
            p.segment.clone(),
        ),
        None => {
            let segment = extra;
            let mut ctx = Ctx::new(&prepared, &segment);
            let kpis = args
                .metric
                .iter()
                .filter_map(|id| metric(id))
                .map(|m| kpi_card(&mut ctx, m, None, window, granularity, None))
                .collect();
            (
                Scorecard {
                    window,
                    kpis,
                    unknown: Vec::new(),
                },
                segment,
            )
        }
    };
    let content = match super::content_settings(home) {
        Ok(s) => s.classify(&prepared),
        Err(e) => return fail(e),
    };
    let found = findings(
        &prepared,
        window,
        &segment,
        &content,
        Some(&card).filter(|c| !c.kpis.is_empty()),
    );
    let report = Report {
        findings: found,
        plan: plan.as_ref(),
        scorecard: card,
        segment,
        title: store.title.clone(),
        sources: store.sources.iter().map(|s| s.name.clone()).collect(),
        granularity,
    };
    let text = match args.format {
        ReportFormat::Json => {
            let mut s = crate::text::to_json_pretty(&to_json(&report)).map_err(io::Error::other)?;
            s.push('\n');
            s
        }
        ReportFormat::Md => to_markdown(&report),
        ReportFormat::Html => crate::report::html::to_html(&report, &prepared),
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = write_atomic(path, text.as_bytes()) {
                return fail(format!("cannot write {}: {e}", path.display()));
            }
            writeln!(io::stderr(), "wrote {}", path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}
