//! Commands about plans and the catalogue: `plan new|list|show|templates`, `metrics`.

use std::io::{self, Write};
use std::path::Path;

use super::{EXIT_OK, fail};
use crate::folders::Folders;
use crate::measure::catalogue::{CATALOGUE, Need};
use crate::measure::format;
use crate::measure::plan::Plan;
use crate::measure::templates::{TEMPLATES, template};
use crate::plans::PlanStore;
use crate::text::escape_controls;

/// The plan store in force, or the reason there is none.
pub(super) fn store(home: Option<&Path>) -> Result<PlanStore, String> {
    Folders::resolve(home).map(|f| PlanStore::new(f.plans()))
}

pub fn metrics(json: bool, out: &mut dyn Write) -> io::Result<u8> {
    if json {
        serde_json::to_writer_pretty(&mut *out, CATALOGUE)?;
        writeln!(out)?;
        return Ok(EXIT_OK);
    }
    writeln!(
        out,
        "The metric catalogue ({} metrics). Ids are stable; use them in plans and `engage report --metric`.\n",
        CATALOGUE.len()
    )?;
    for m in CATALOGUE {
        let vanity = if m.vanity {
            "  [vanity: context, never a KPI]"
        } else {
            ""
        };
        writeln!(out, "{:22} {}{vanity}", m.id, m.name)?;
        writeln!(
            out,
            "{:22} = {}  ({})",
            "",
            m.formula,
            m.aggregation.describe()
        )?;
        let needs: Vec<&str> = m.needs.iter().map(|n| n.name()).collect();
        if !needs.is_empty() {
            writeln!(out, "{:22} needs {}", "", needs.join(", "))?;
        }
        if m.needs.contains(&Need::Interactions) {
            writeln!(
                out,
                "{:22} {}",
                "",
                crate::measure::catalogue::interactions_note()
            )?;
        }
        writeln!(out, "{:22} {}  Source: {}\n", "", m.why, m.source)?;
    }
    Ok(EXIT_OK)
}

pub fn templates(out: &mut dyn Write) -> io::Result<u8> {
    for t in TEMPLATES {
        let stage = t.stage.map_or_else(String::new, |s| format!(" ({s})"));
        writeln!(out, "{:16} {}{stage}", t.id, t.name)?;
        writeln!(out, "{:16} objective: {}", "", t.objective)?;
        writeln!(out, "{:16} primary KPIs: {}", "", t.primary.join(", "))?;
        writeln!(out, "{:16} supporting: {}", "", t.supporting.join(", "))?;
        writeln!(out, "{:16} {}\n", "", t.why)?;
    }
    writeln!(
        out,
        "Create a plan: engage plan new --template ID --name NAME"
    )?;
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
                return fail(&format!(
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
        Err(e) => return fail(&e),
    };
    match store.create(&plan) {
        Ok(path) => {
            writeln!(
                out,
                "created plan `{}` in {}",
                escape_controls(&plan.name),
                path.display()
            )?;
            writeln!(
                out,
                "judge it with: engage report --plan {}",
                shell_word(&plan.name)
            )?;
            Ok(EXIT_OK)
        }
        Err(e) => fail(&e),
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
        Err(e) => return fail(&e),
    };
    let listing = store.list();
    writeln!(out, "plans in {}", store.dir.display())?;
    if listing.plans.is_empty() && listing.bad.is_empty() {
        writeln!(
            out,
            "  none yet: engage plan new --template ID --name NAME (see `engage plan templates`)"
        )?;
    }
    for p in &listing.plans {
        let tpl = p
            .plan
            .template
            .as_deref()
            .map_or_else(String::new, |t| format!(" [{t}]"));
        writeln!(
            out,
            "  {:20} {} KPIs{tpl}  {}",
            escape_controls(&p.plan.name),
            p.plan.kpis.len(),
            escape_controls(&p.plan.objective)
        )?;
    }
    for b in &listing.bad {
        writeln!(out, "  unreadable: {}", escape_controls(&b.problem))?;
    }
    Ok(EXIT_OK)
}

pub fn show(home: Option<&Path>, name: &str, out: &mut dyn Write) -> io::Result<u8> {
    let file = match store(home).and_then(|s| s.find(name)) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let p = &file.plan;
    writeln!(out, "plan       {}", escape_controls(&p.name))?;
    writeln!(out, "file       {}", file.path.display())?;
    writeln!(out, "objective  {}", escape_controls(&p.objective))?;
    if let Some(t) = &p.template {
        writeln!(out, "template   {t}")?;
    }
    for g in &p.goals {
        writeln!(out, "goal       {}", escape_controls(g))?;
    }
    writeln!(out, "segment    {}", escape_controls(&p.segment.describe()))?;
    let window = match &p.window {
        crate::measure::plan::WindowSpec::Last { last_days } => {
            format!("the last {last_days} days of the data")
        }
        crate::measure::plan::WindowSpec::Range { from, to } => format!("{from}..{to}"),
    };
    writeln!(out, "window     {window}")?;
    writeln!(out, "KPIs")?;
    for k in &p.kpis {
        match crate::measure::metric(&k.metric) {
            Some(m) => {
                let target = k
                    .target
                    .map_or_else(|| "no target".to_owned(), |t| format::target(m, &t));
                writeln!(out, "  {:22} {:36} target: {target}", m.id, m.name)?;
            }
            None => writeln!(out, "  {:22} unknown metric", escape_controls(&k.metric))?,
        }
    }
    for problem in p.problems() {
        writeln!(out, "problem    {problem}")?;
    }
    Ok(EXIT_OK)
}
