//! Commands about plans and the catalogue: `plan new|list|show|templates`, `metrics`.

use std::io::{self, Write};
use std::path::Path;

use super::{CommandError, EXIT_OK, fail, refuse, usage};
use crate::cli::SegmentArg;
use crate::folders::{Folders, NoHomeFolder};
use crate::i18n::{tr, trf};
use crate::measure::catalogue::{CATALOGUE, Metric, Need, metric};
use crate::measure::format;
use crate::measure::plan::{KpiAdded, Plan, WindowSpec, parse_target, vanity_warning};
use crate::measure::query::Segment;
use crate::measure::templates::{TEMPLATES, template};
use crate::plans::{PlanFile, PlanStore};
use crate::text::escape_controls;

/// The plan store in force, or the reason there is none.
pub(super) fn store(home: Option<&Path>) -> Result<PlanStore, NoHomeFolder> {
    Folders::resolve(home).map(|f| PlanStore::new(f.plans()))
}

/// The saved plan named `name`, and the store it is in.
fn find(home: Option<&Path>, name: &str) -> Result<(PlanStore, PlanFile), CommandError> {
    let store = store(home)?;
    let file = store.find(name)?;
    Ok((store, file))
}

pub fn metrics(json: bool, out: &mut dyn Write) -> io::Result<u8> {
    if json {
        writeln!(
            out,
            "{}",
            crate::text::to_json_pretty(CATALOGUE).map_err(io::Error::other)?
        )?;
        return Ok(EXIT_OK);
    }
    writeln!(
        out,
        "{}",
        trf("planl.catalogue_head", &[("n", &CATALOGUE.len())])
    )?;
    for m in CATALOGUE {
        let vanity = if m.vanity { tr("planl.vanity") } else { "" };
        writeln!(out, "{:22} {}{vanity}", m.id, m.text().name)?;
        writeln!(
            out,
            "{:22} = {}  ({})",
            "",
            m.text().formula,
            m.aggregation.describe()
        )?;
        let needs: Vec<&str> = m.needs.iter().map(|n| n.label()).collect();
        if !needs.is_empty() {
            writeln!(
                out,
                "{:22} {}",
                "",
                trf("planl.needs", &[("fields", &needs.join(", "))])
            )?;
        }
        if m.needs.contains(&Need::Interactions) {
            writeln!(
                out,
                "{:22} {}",
                "",
                crate::measure::catalogue::interactions_note()
            )?;
        }
        writeln!(
            out,
            "{:22} {}  {}\n",
            "",
            m.text().why,
            trf("planl.source", &[("source", &m.text().source)])
        )?;
    }
    Ok(EXIT_OK)
}

pub fn templates(out: &mut dyn Write) -> io::Result<u8> {
    for t in TEMPLATES {
        let stage = t
            .text()
            .stage
            .map_or_else(String::new, |s| format!(" ({s})"));
        writeln!(out, "{:16} {}{stage}", t.id, t.text().name)?;
        let line = |key: &str, value: &dyn std::fmt::Display| trf(key, &[("v", value)]);
        writeln!(
            out,
            "{:16} {}",
            "",
            line("planl.objective", &t.text().objective)
        )?;
        writeln!(
            out,
            "{:16} {}",
            "",
            line("planl.primary", &t.primary.join(", "))
        )?;
        writeln!(
            out,
            "{:16} {}",
            "",
            line("planl.supporting", &t.supporting.join(", "))
        )?;
        writeln!(out, "{:16} {}\n", "", t.text().why)?;
    }
    writeln!(out, "{}", tr("planl.create_hint"))?;
    Ok(EXIT_OK)
}

pub fn new(
    home: Option<&Path>,
    template_id: Option<&str>,
    name: &str,
    objective: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let mut plan = match template_id {
        Some(id) => match template(id) {
            Some(t) => Plan::from_template(name, t),
            None => {
                let ids: Vec<&str> = TEMPLATES.iter().map(|t| t.id).collect();
                return fail(format!(
                    "unknown template `{id}` (templates: {})",
                    ids.join(", ")
                ));
            }
        },
        None => Plan::blank(name),
    };
    if let Some(o) = objective {
        plan.objective = o.to_owned();
    }
    let store = match store(home) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    match store.create(&plan) {
        Ok(path) => {
            writeln!(
                out,
                "{}",
                trf(
                    "planl.created",
                    &[
                        ("name", &escape_controls(&plan.name)),
                        ("file", &path.display())
                    ],
                )
            )?;
            writeln!(
                out,
                "{}",
                trf("planl.judge_with", &[("name", &shell_word(&plan.name))])
            )?;
            Ok(EXIT_OK)
        }
        Err(e) => fail(e),
    }
}

/// A plan name as a shell word for hints.
fn shell_word(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

pub fn list(home: Option<&Path>, out: &mut dyn Write) -> io::Result<u8> {
    let store = match store(home) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let listing = store.list();
    writeln!(
        out,
        "{}",
        trf("planl.plans_in", &[("dir", &store.dir.display())])
    )?;
    if listing.plans.is_empty() && listing.bad.is_empty() {
        writeln!(out, "  {}", tr("planl.none_yet"))?;
    }
    for p in &listing.plans {
        let tpl = p
            .plan
            .template
            .as_deref()
            .map_or_else(String::new, |t| format!(" [{t}]"));
        writeln!(
            out,
            "  {:20} {} {}{tpl}  {}",
            escape_controls(&p.plan.name),
            p.plan.kpis.len(),
            tr("planl.kpis"),
            escape_controls(&p.plan.objective)
        )?;
    }
    for b in &listing.bad {
        writeln!(
            out,
            "  {}",
            trf("planl.unreadable", &[("why", &escape_controls(&b.problem))])
        )?;
    }
    Ok(EXIT_OK)
}

pub fn show(home: Option<&Path>, name: &str, out: &mut dyn Write) -> io::Result<u8> {
    let file = match find(home, name) {
        Ok((_, f)) => f,
        Err(e) => return fail(e),
    };
    let p = &file.plan;
    let label = |key: &str| format!("{:<10}", tr(key));
    writeln!(
        out,
        "{} {}",
        label("planl.l_plan"),
        escape_controls(&p.name)
    )?;
    writeln!(out, "{} {}", label("planl.l_file"), file.path.display())?;
    writeln!(
        out,
        "{} {}",
        label("planl.l_objective"),
        escape_controls(&p.objective)
    )?;
    if let Some(t) = &p.template {
        writeln!(out, "{} {t}", label("planl.l_template"))?;
    }
    for g in &p.goals {
        writeln!(out, "{} {}", label("planl.l_goal"), escape_controls(g))?;
    }
    writeln!(
        out,
        "{} {}",
        label("planl.l_segment"),
        escape_controls(&p.segment.describe())
    )?;
    writeln!(out, "{} {}", label("planl.l_window"), p.window.describe())?;
    writeln!(out, "{}", tr("planl.kpis"))?;
    for k in &p.kpis {
        match crate::measure::metric(&k.metric) {
            Some(m) => {
                let target = k.target.map_or_else(
                    || tr("status.no_target").to_owned(),
                    |t| format::target(m, &t),
                );
                writeln!(
                    out,
                    "  {:22} {:36} {}",
                    m.id,
                    m.text().name,
                    trf("planl.target", &[("target", &target)])
                )?;
            }
            None => writeln!(
                out,
                "  {:22} {}",
                escape_controls(&k.metric),
                tr("planl.unknown_metric")
            )?,
        }
    }
    for problem in p.problems() {
        writeln!(out, "{} {problem}", label("planl.l_problem"))?;
    }
    Ok(EXIT_OK)
}

/// Finds a saved plan, changes it, saves it atomically, and says what changed.
fn edit(
    home: Option<&Path>,
    name: &str,
    change: impl FnOnce(&mut Plan) -> Result<String, CommandError>,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let (store, mut file) = match find(home, name) {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let said = match change(&mut file.plan) {
        Ok(said) => said,
        Err(e) => return refuse(&e, e.status()),
    };
    if let Err(e) = store.save(&mut file) {
        return fail(e);
    }
    writeln!(
        out,
        "{}",
        trf(
            "planl.saved",
            &[("said", &said), ("file", &file.path.display())]
        )
    )?;
    Ok(EXIT_OK)
}

/// The catalogue metric `id`, or the bad-input error that lists the ids.
fn known_metric(id: &str) -> Result<&'static Metric, CommandError> {
    metric(id).ok_or_else(|| CommandError::UnknownMetric { id: id.to_owned() })
}

/// `engage plan kpi add NAME METRIC [--target EXPR]`: the app's Space and `t`, headless.
pub fn kpi_add(
    home: Option<&Path>,
    name: &str,
    id: &str,
    target: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<u8> {
    edit(
        home,
        name,
        |plan| {
            let m = known_metric(id)?;
            let target = target
                .map(|t| parse_target(t, m))
                .transpose()
                .map_err(CommandError::Target)?;
            let added = plan.add_kpi(m);
            if let Some(t) = target {
                plan.set_target(m, t);
            }
            if m.vanity && added == KpiAdded::Added {
                eprintln!("engage: warning: {}", vanity_warning(m));
            }
            let shown = plan
                .kpis
                .iter()
                .find(|k| k.metric == m.id)
                .and_then(|k| k.target)
                .map_or_else(
                    || tr("status.no_target").to_owned(),
                    |t| format::target(m, &t),
                );
            let args: [(&str, &dyn std::fmt::Display); 3] =
                [("id", &m.id), ("name", &plan.name), ("target", &shown)];
            Ok(match added {
                KpiAdded::Added => trf("planl.kpi_added", &args),
                KpiAdded::AlreadyThere => trf("planl.kpi_there", &args),
            })
        },
        out,
    )
}

/// `engage plan kpi remove NAME METRIC`.
pub fn kpi_remove(
    home: Option<&Path>,
    name: &str,
    id: &str,
    out: &mut dyn Write,
) -> io::Result<u8> {
    edit(
        home,
        name,
        |plan| {
            if plan.remove_kpi(id) {
                return Ok(trf(
                    "planl.kpi_removed",
                    &[("id", &id), ("name", &plan.name)],
                ));
            }
            Err(CommandError::NotAKpi {
                id: id.to_owned(),
                plan: plan.name.clone(),
                kpis: plan.kpis.iter().map(|k| k.metric.clone()).collect(),
            })
        },
        out,
    )
}

/// `engage plan set NAME [--objective TEXT] [--window SPAN] [--segment ...]`.
pub fn set(
    home: Option<&Path>,
    name: &str,
    objective: Option<String>,
    window: Option<WindowSpec>,
    segment: &[SegmentArg],
    out: &mut dyn Write,
) -> io::Result<u8> {
    if objective.is_none() && window.is_none() && segment.is_empty() {
        return usage("plan set: say what to change: --objective, --window or --segment");
    }
    edit(
        home,
        name,
        |plan| {
            let mut said = Vec::new();
            if let Some(o) = objective {
                plan.objective = o.trim().to_owned();
                said.push(trf(
                    "planl.objective",
                    &[("v", &escape_controls(&plan.objective))],
                ));
            }
            if let Some(w) = window {
                said.push(trf("planl.set_window", &[("v", &w.describe())]));
                plan.window = w;
            }
            if !segment.is_empty() {
                let mut s = Segment::default();
                for entry in segment {
                    match entry {
                        SegmentArg::All => s = Segment::default(),
                        SegmentArg::Entry(e) => s.add(e),
                    }
                }
                plan.segment = s;
                said.push(trf(
                    "planl.set_segment",
                    &[("v", &escape_controls(&plan.segment.describe()))],
                ));
            }
            Ok(trf(
                "planl.set_said",
                &[("name", &plan.name), ("said", &said.join("; "))],
            ))
        },
        out,
    )
}
