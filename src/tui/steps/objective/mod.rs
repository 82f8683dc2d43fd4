//! Step 2, Objective: objective templates and saved plans on the left; the plan editor on the
//! right (name, objective, goals, segment as multi-selects, default window). Text fields
//! edit in place; every change is saved at once, atomically.

mod view;

use crossterm::event::KeyEvent;

use super::move_cursor;
use crate::measure::Filter;
use crate::measure::plan::{Plan, WindowSpec};
use crate::measure::templates::{TEMPLATES, Template};
use crate::plans::{BadFile, PlanFile};
use crate::snapshot::model::{Platform, PostFormat};
use crate::tui::action::Action;
use crate::tui::app::{App, Confirm, Overlay};
use crate::tui::widgets::text_input::{Outcome, TextInput};

#[derive(Debug, Default)]
pub struct View {
    pub saved: Vec<PlanFile>,
    pub bad: Vec<BadFile>,
    pub cursor: usize,
    pub editor_cursor: usize,
    /// The field being edited in place, with its text.
    pub editing: Option<(Row, TextInput)>,
}

/// A row of the left list.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Heading(&'static str),
    Template(&'static Template),
    Plan(usize),
    Bad(usize),
}

/// A row of the plan editor.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Name,
    Objective,
    Goal(usize),
    AddGoal,
    Heading(&'static str),
    Account(String),
    Platform(Platform),
    Format(PostFormat),
    Tag(String),
    Window,
    Kpis,
}

impl Row {
    fn selectable(&self) -> bool {
        !matches!(self, Row::Heading(_) | Row::Kpis)
    }
}

pub(super) fn items(view: &View) -> Vec<Item> {
    let mut out = vec![Item::Heading("Objective templates")];
    out.extend(TEMPLATES.iter().map(Item::Template));
    out.push(Item::Heading("Saved plans"));
    out.extend((0..view.saved.len()).map(Item::Plan));
    out.extend((0..view.bad.len()).map(Item::Bad));
    out
}

/// Editor rows for the current plan and the data's accounts, platforms, formats and tags.
pub fn rows(app: &App) -> Vec<Row> {
    let Some(plan) = &app.plan else {
        return Vec::new();
    };
    let plan = &plan.plan;
    let mut out = vec![Row::Name, Row::Objective, Row::Heading("Goals")];
    out.extend((0..plan.goals.len()).map(Row::Goal));
    out.push(Row::AddGoal);
    out.push(Row::Kpis);
    out.push(Row::Window);
    let seg = &plan.segment;
    let summary = app.data.summary.as_ref();
    out.push(Row::Heading("Segment: accounts"));
    let mut ids: Vec<String> = summary
        .map(|s| s.accounts.iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default();
    for id in seg.accounts.include.iter().chain(&seg.accounts.exclude) {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    out.extend(ids.into_iter().map(Row::Account));
    out.push(Row::Heading("Segment: platforms"));
    let mut platforms: Vec<Platform> = summary
        .map(|s| s.platforms.iter().map(|p| p.platform).collect())
        .unwrap_or_default();
    for p in seg.platforms.include.iter().chain(&seg.platforms.exclude) {
        if !platforms.contains(p) {
            platforms.push(*p);
        }
    }
    out.extend(platforms.into_iter().map(Row::Platform));
    out.push(Row::Heading("Segment: formats"));
    let mut formats: Vec<PostFormat> = Vec::new();
    if let Some(s) = summary {
        for a in &s.accounts {
            for (f, _) in &a.post_formats {
                if !formats.contains(f) {
                    formats.push(*f);
                }
            }
        }
    }
    for f in seg.formats.include.iter().chain(&seg.formats.exclude) {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    formats.sort();
    out.extend(formats.into_iter().map(Row::Format));
    out.push(Row::Heading("Segment: tags"));
    let mut tags: Vec<String> = summary
        .map(|s| s.tags.iter().map(|(t, _)| t.clone()).collect())
        .unwrap_or_default();
    for t in seg.tags.include.iter().chain(&seg.tags.exclude) {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    out.extend(tags.into_iter().map(Row::Tag));
    out
}

/// Re-reads the saved plans (on entering the step and after changes).
pub fn reload_list(app: &mut App) {
    let listing = app.plans.list();
    app.objective.saved = listing.plans;
    app.objective.bad = listing.bad;
    let list = items(&app.objective);
    app.objective.cursor = app.objective.cursor.min(list.len().saturating_sub(1));
    let selectable = |i: usize| !matches!(list.get(i), Some(Item::Heading(_)));
    super::skip_headings(&mut app.objective.cursor, list.len(), true, selectable);
}

/// Makes `file` the plan in use: its window, its segment, its KPIs.
pub fn use_plan(app: &mut App, file: PlanFile) {
    let span = app.data.store.as_ref().and_then(|s| s.day_span());
    app.window.reset(span, Some(&file.plan.window));
    app.plan = Some(file);
    app.charts.reset_view();
    app.objective.editor_cursor = 0;
    app.refresh();
    crate::tui::session::save(app);
}

/// Saves the plan in use after a change.
pub fn save(app: &mut App) {
    let Some(file) = &app.plan else { return };
    match app.plans.save(file) {
        Ok(()) => {
            let name = file.plan.name.clone();
            app.info(format!("saved plan {name}"));
            reload_list(app);
            app.refresh();
        }
        Err(e) => app.error(e.to_string()),
    }
}

fn create(app: &mut App, plan: Plan, then_edit_name: bool) {
    match app.plans.create(&plan) {
        Ok(path) => {
            app.info(format!("created plan {} ({})", plan.name, path.display()));
            use_plan(
                app,
                PlanFile {
                    path: path.clone(),
                    plan,
                },
            );
            reload_list(app);
            // Put the list cursor on the new plan, so the editor beside it shows the plan.
            let list = items(&app.objective);
            if let Some(i) = list
                .iter()
                .position(|it| matches!(it, Item::Plan(p) if app.objective.saved[*p].path == path))
            {
                app.objective.cursor = i;
            }
            if then_edit_name {
                app.pane[1] = 1;
                app.objective.editing = Some((
                    Row::Name,
                    TextInput::new(
                        &app.plan
                            .as_ref()
                            .map(|p| p.plan.name.clone())
                            .unwrap_or_default(),
                    ),
                ));
            }
        }
        Err(e) => app.error(e.to_string()),
    }
}

/// The plan under the list cursor, or the plan in use.
fn target_plan(app: &App) -> Option<PlanFile> {
    match items(&app.objective).get(app.objective.cursor) {
        Some(Item::Plan(i)) if app.focus() == 0 => app.objective.saved.get(*i).cloned(),
        _ => app.plan.clone(),
    }
}

pub fn update(app: &mut App, action: Action) {
    match action {
        Action::NewPlan => {
            let name = app.plans.unique_name("plan");
            create(app, Plan::blank(&name), true);
        }
        Action::DuplicatePlan => {
            let Some(file) = target_plan(app) else {
                return app.info("choose a plan to duplicate");
            };
            let mut copy = file.plan.clone();
            copy.name = app.plans.unique_name(&format!("{} copy", file.plan.name));
            create(app, copy, false);
        }
        Action::RenamePlan => {
            let Some(file) = target_plan(app) else {
                return app.info("choose a plan to rename");
            };
            if app.plan.as_ref().map(|p| &p.path) != Some(&file.path) {
                use_plan(app, file.clone());
            }
            app.pane[1] = 1;
            app.objective.editing = Some((Row::Name, TextInput::new(&file.plan.name)));
        }
        Action::DeletePlan => {
            let Some(file) = target_plan(app) else {
                return app.info("choose a plan to delete");
            };
            app.overlay = Some(Overlay::Confirm {
                text: format!(
                    "Delete plan {}? Its file {} is removed.",
                    file.plan.name,
                    file.path.display()
                ),
                then: Confirm::DeletePlan(file.path),
            });
        }
        other if app.focus() == 0 => list_action(app, other),
        other => editor_action(app, other),
    }
}

fn list_action(app: &mut App, action: Action) {
    let list = items(&app.objective);
    let before = app.objective.cursor;
    if move_cursor(&mut app.objective.cursor, list.len(), action, 8) {
        let down = app.objective.cursor >= before;
        let selectable = |i: usize| !matches!(list.get(i), Some(Item::Heading(_)));
        super::skip_headings(&mut app.objective.cursor, list.len(), down, selectable);
        return;
    }
    if action != Action::Select && action != Action::Edit {
        return;
    }
    match list.get(app.objective.cursor) {
        Some(Item::Template(t)) => {
            let name = app.plans.unique_name(t.id);
            create(app, Plan::from_template(&name, t), false);
            app.info(format!(
                "plan {name} made from the {} template: its KPIs are in 3 Metrics",
                t.name
            ));
        }
        Some(Item::Plan(i)) => {
            if let Some(file) = app.objective.saved.get(*i).cloned() {
                let name = file.plan.name.clone();
                use_plan(app, file);
                app.info(format!("using plan {name}"));
            }
        }
        Some(Item::Bad(i)) => {
            let problem = app
                .objective
                .bad
                .get(*i)
                .map(|b| b.problem.clone())
                .unwrap_or_default();
            app.error(problem);
        }
        _ => {}
    }
}

fn editor_action(app: &mut App, action: Action) {
    let rows = rows(app);
    if rows.is_empty() {
        return;
    }
    let before = app.objective.editor_cursor;
    if move_cursor(&mut app.objective.editor_cursor, rows.len(), action, 8) {
        let down = app.objective.editor_cursor >= before;
        super::skip_headings(&mut app.objective.editor_cursor, rows.len(), down, |i| {
            rows[i].selectable()
        });
        return;
    }
    let row = rows[app.objective.editor_cursor.min(rows.len() - 1)].clone();
    let Some(plan) = app.plan.as_ref().map(|p| p.plan.clone()) else {
        return;
    };
    match (action, &row) {
        (Action::Select | Action::Edit, Row::Name) => {
            app.objective.editing = Some((row, TextInput::new(&plan.name)))
        }
        (Action::Select | Action::Edit, Row::Objective) => {
            app.objective.editing = Some((row, TextInput::new(&plan.objective)))
        }
        (Action::Select | Action::Edit, Row::Goal(i)) => {
            let text = plan.goals.get(*i).cloned().unwrap_or_default();
            app.objective.editing = Some((row, TextInput::new(&text)));
        }
        (Action::Select | Action::Edit, Row::AddGoal) => {
            app.objective.editing = Some((row, TextInput::default()))
        }
        (Action::Select | Action::Toggle, Row::Window) => {
            let next = match plan.window {
                WindowSpec::Last { last_days: 7 } => 28,
                WindowSpec::Last { last_days: 28 } => 90,
                WindowSpec::Last { last_days: 90 } => 182,
                WindowSpec::Last { last_days: 182 } => 365,
                _ => 7,
            };
            change(app, |p| p.window = WindowSpec::Last { last_days: next });
            let window = app.plan.as_ref().map(|p| p.plan.window.clone());
            let span = app.data.store.as_ref().and_then(|s| s.day_span());
            app.window.reset(span, window.as_ref());
            app.refresh();
        }
        (Action::Select | Action::Toggle | Action::Exclude, _) => {
            let exclude = action == Action::Exclude;
            match row {
                Row::Account(id) => change(app, |p| flip(&mut p.segment.accounts, id, exclude)),
                Row::Platform(x) => change(app, |p| flip(&mut p.segment.platforms, x, exclude)),
                Row::Format(x) => change(app, |p| flip(&mut p.segment.formats, x, exclude)),
                Row::Tag(t) => change(app, |p| flip(&mut p.segment.tags, t, exclude)),
                _ => {}
            }
        }
        _ => {}
    }
}

/// Toggles `value` in a filter: include (or exclude), or back to neither.
fn flip<T: PartialEq>(filter: &mut Filter<T>, value: T, exclude: bool) {
    let (on, off) = if exclude {
        (&mut filter.exclude, &mut filter.include)
    } else {
        (&mut filter.include, &mut filter.exclude)
    };
    off.retain(|v| *v != value);
    if let Some(i) = on.iter().position(|v| *v == value) {
        on.remove(i);
    } else {
        on.push(value);
    }
}

/// Applies a change to the plan in use and saves it.
fn change(app: &mut App, f: impl FnOnce(&mut Plan)) {
    if let Some(file) = &mut app.plan {
        f(&mut file.plan);
    }
    save(app);
}

/// Keys while a field is edited in place.
pub fn edit_key(app: &mut App, key: &KeyEvent) {
    let Some((row, mut input)) = app.objective.editing.take() else {
        return;
    };
    match input.handle(key) {
        Outcome::Cancel => app.info("edit cancelled"),
        Outcome::Submit => {
            let text = input.text.trim().to_owned();
            match row {
                Row::Name => rename(app, &text),
                Row::Objective => change(app, |p| p.objective = text),
                Row::Goal(i) => change(app, |p| {
                    if text.is_empty() {
                        if i < p.goals.len() {
                            p.goals.remove(i);
                        }
                    } else if let Some(g) = p.goals.get_mut(i) {
                        *g = text;
                    }
                }),
                Row::AddGoal if !text.is_empty() => change(app, |p| p.goals.push(text)),
                _ => {}
            }
        }
        _ => app.objective.editing = Some((row, input)),
    }
}

fn rename(app: &mut App, name: &str) {
    let Some(file) = app.plan.clone() else { return };
    if name == file.plan.name {
        return;
    }
    match app.plans.rename(&file, name) {
        Ok(renamed) => {
            app.info(format!(
                "renamed to {} ({})",
                renamed.plan.name,
                renamed.path.display()
            ));
            app.plan = Some(renamed);
            reload_list(app);
            crate::tui::session::save(app);
        }
        Err(e) => app.error(e.to_string()),
    }
}

/// A confirmation was answered yes.
pub fn confirmed(app: &mut App, what: Confirm) {
    match what {
        Confirm::DeletePlan(path) => match app.plans.delete(&path) {
            Ok(()) => {
                if app.plan.as_ref().is_some_and(|p| p.path == path) {
                    app.plan = None;
                    app.refresh();
                    crate::tui::session::save(app);
                }
                reload_list(app);
                app.info(format!("deleted {}", path.display()));
            }
            Err(e) => app.error(e.to_string()),
        },
    }
}

pub use view::render;
