//! Step 2, Objective: objective templates and saved plans on the left; the plan editor on the
//! right (name, objective, goals, segment as multi-selects, default window). Text fields
//! edit in place; every change is asked to be saved, and the app saves it at once,
//! atomically.

mod view;

use crate::i18n::tr;
use crossterm::event::KeyEvent;

use super::move_cursor;
use crate::measure::Filter;
use crate::measure::plan::{Plan, WindowSpec};
use crate::measure::templates::{TEMPLATES, Template};
use crate::plans::{Listing, PlanFile};
use crate::snapshot::model::{Platform, PostFormat};
use crate::tui::action::Action;
use crate::tui::app::{Confirm, Model, Overlay};
use crate::tui::effect::{Cx, Effect};
use crate::tui::widgets::text_input::TextInput;

#[derive(Debug, Default)]
pub struct View {
    pub cursor: usize,
    pub editor_cursor: usize,
    /// The field being edited in place, with its text.
    pub editing: Option<(Row, TextInput)>,
    /// A new plan was asked for whose name is to be edited once it exists.
    pub name_new_plan: bool,
    /// The plan in use when the view was last reconciled (a change puts the editor on top).
    shown_plan: Option<std::path::PathBuf>,
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

pub(super) fn items(listing: &Listing) -> Vec<Item> {
    let mut out = vec![Item::Heading(tr("objective.templates"))];
    out.extend(TEMPLATES.iter().map(Item::Template));
    out.push(Item::Heading(tr("objective.saved_plans")));
    out.extend((0..listing.plans.len()).map(Item::Plan));
    out.extend((0..listing.bad.len()).map(Item::Bad));
    out
}

/// Editor rows for the current plan and the data's accounts, platforms, formats and tags.
pub fn rows(model: &Model) -> Vec<Row> {
    let Some(plan) = &model.plan else {
        return Vec::new();
    };
    let plan = &plan.plan;
    let mut out = vec![
        Row::Name,
        Row::Objective,
        Row::Heading(tr("objective.goals")),
    ];
    out.extend((0..plan.goals.len()).map(Row::Goal));
    out.push(Row::AddGoal);
    out.push(Row::Kpis);
    out.push(Row::Window);
    let seg = &plan.segment;
    let summary = model.data.summary.as_ref();
    out.push(Row::Heading(tr("objective.seg_accounts")));
    let mut ids: Vec<String> = summary
        .map(|s| s.accounts.iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default();
    for id in seg.accounts.include.iter().chain(&seg.accounts.exclude) {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    out.extend(ids.into_iter().map(Row::Account));
    out.push(Row::Heading(tr("objective.seg_platforms")));
    let mut platforms: Vec<Platform> = summary
        .map(|s| s.platforms.iter().map(|p| p.platform).collect())
        .unwrap_or_default();
    for p in seg.platforms.include.iter().chain(&seg.platforms.exclude) {
        if !platforms.contains(p) {
            platforms.push(*p);
        }
    }
    out.extend(platforms.into_iter().map(Row::Platform));
    out.push(Row::Heading(tr("objective.seg_formats")));
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
    out.push(Row::Heading(tr("objective.seg_tags")));
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

/// Keeps the view in step with the model: the list cursor on an item (on the plan just made
/// or chosen, when it changed), the editor cursor on a row, and the name of a plan just made
/// open for editing when that was asked.
pub fn reconcile(view: &mut View, model: &Model) {
    let list = items(&model.listing);
    let in_use = model.plan.as_ref().map(|p| p.path.clone());
    if in_use != view.shown_plan {
        view.shown_plan = in_use.clone();
        view.editor_cursor = 0;
        if let Some(path) = &in_use
            && let Some(i) = list
                .iter()
                .position(|it| matches!(it, Item::Plan(p) if model.listing.plans[*p].path == *path))
        {
            view.cursor = i;
        }
        if view.name_new_plan
            && let Some(file) = &model.plan
        {
            view.editing = Some((Row::Name, TextInput::new(&file.plan.name)));
        }
        view.name_new_plan = false;
    }
    view.cursor = view.cursor.min(list.len().saturating_sub(1));
    let selectable = |i: usize| !matches!(list.get(i), Some(Item::Heading(_)));
    super::skip_headings(&mut view.cursor, list.len(), true, selectable);
    let rows = rows(model);
    view.editor_cursor = view.editor_cursor.min(rows.len().saturating_sub(1));
}

/// The plan under the list cursor, or the plan in use.
fn target_plan(cx: &Cx, view: &View) -> Option<PlanFile> {
    match items(&cx.model.listing).get(view.cursor) {
        Some(Item::Plan(i)) if cx.focus == 0 => cx.model.listing.plans.get(*i).cloned(),
        _ => cx.model.plan.clone(),
    }
}

pub fn update(cx: &mut Cx, view: &mut View, action: Action) {
    match action {
        Action::NewPlan => {
            let name = cx.model.plans.unique_name("plan");
            view.name_new_plan = true;
            cx.ask(Effect::FocusPane(1));
            cx.ask(Effect::CreatePlan(Plan::blank(&name)));
        }
        Action::DuplicatePlan => {
            let Some(file) = target_plan(cx, view) else {
                return cx.info(crate::i18n::tr("msg.choose_duplicate"));
            };
            let mut copy = file.plan.clone();
            copy.name = cx.model.plans.unique_name(&crate::i18n::trf(
                "msg.copy_of",
                &[("name", &file.plan.name)],
            ));
            cx.ask(Effect::CreatePlan(copy));
        }
        Action::RenamePlan => {
            let Some(file) = target_plan(cx, view) else {
                return cx.info(crate::i18n::tr("msg.choose_rename"));
            };
            if cx.model.plan.as_ref().map(|p| &p.path) != Some(&file.path) {
                cx.ask(Effect::UsePlan(file.clone()));
                view.name_new_plan = true;
            } else {
                view.editing = Some((Row::Name, TextInput::new(&file.plan.name)));
            }
            cx.ask(Effect::FocusPane(1));
        }
        Action::DeletePlan => {
            let Some(file) = target_plan(cx, view) else {
                return cx.info(crate::i18n::tr("msg.choose_delete"));
            };
            cx.ask(Effect::Open(Overlay::Confirm {
                text: crate::i18n::trf(
                    "msg.delete_plan",
                    &[("name", &file.plan.name), ("file", &file.path.display())],
                ),
                then: Confirm::DeletePlan(Box::new(file)),
            }));
        }
        other if cx.focus == 0 => list_action(cx, view, other),
        other => editor_action(cx, view, other),
    }
}

fn list_action(cx: &mut Cx, view: &mut View, action: Action) {
    let list = items(&cx.model.listing);
    let before = view.cursor;
    if move_cursor(&mut view.cursor, list.len(), action, 8) {
        let down = view.cursor >= before;
        let selectable = |i: usize| !matches!(list.get(i), Some(Item::Heading(_)));
        super::skip_headings(&mut view.cursor, list.len(), down, selectable);
        return;
    }
    if action != Action::Select && action != Action::Edit {
        return;
    }
    match list.get(view.cursor) {
        Some(Item::Template(t)) => {
            let name = cx.model.plans.unique_name(t.id);
            cx.ask(Effect::Open(Overlay::Confirm {
                text: crate::i18n::trf(
                    "msg.make_plan",
                    &[("name", &name), ("template", &t.text().name)],
                ),
                then: Confirm::PlanFromTemplate(t.id),
            }));
        }
        Some(Item::Plan(i)) => {
            if let Some(file) = cx.model.listing.plans.get(*i).cloned() {
                let name = file.plan.name.clone();
                cx.ask(Effect::UsePlan(file));
                cx.info(crate::i18n::trf("msg.using_plan", &[("name", &name)]));
            }
        }
        Some(Item::Bad(i)) => {
            let problem = cx
                .model
                .listing
                .bad
                .get(*i)
                .map(|b| b.problem.clone())
                .unwrap_or_default();
            cx.error(problem);
        }
        _ => {}
    }
}

fn editor_action(cx: &mut Cx, view: &mut View, action: Action) {
    let rows = rows(cx.model);
    if rows.is_empty() {
        return;
    }
    let before = view.editor_cursor;
    if move_cursor(&mut view.editor_cursor, rows.len(), action, 8) {
        let down = view.editor_cursor >= before;
        super::skip_headings(&mut view.editor_cursor, rows.len(), down, |i| {
            rows[i].selectable()
        });
        return;
    }
    let row = rows[view.editor_cursor.min(rows.len() - 1)].clone();
    let Some(plan) = cx.model.plan.as_ref().map(|p| &p.plan) else {
        return;
    };
    match (action, &row) {
        (Action::Select | Action::Edit, Row::Name) => {
            view.editing = Some((row, TextInput::new(&plan.name)))
        }
        (Action::Select | Action::Edit, Row::Objective) => {
            view.editing = Some((row, TextInput::new(&plan.objective)))
        }
        (Action::Select | Action::Edit, Row::Goal(i)) => {
            let text = plan.goals.get(*i).cloned().unwrap_or_default();
            view.editing = Some((row, TextInput::new(&text)));
        }
        (Action::Select | Action::Edit, Row::AddGoal) => {
            view.editing = Some((row, TextInput::default()))
        }
        (Action::Select | Action::Toggle, Row::Window) => {
            let next = match plan.window {
                WindowSpec::Last { last_days: 7 } => 28,
                WindowSpec::Last { last_days: 28 } => 90,
                WindowSpec::Last { last_days: 90 } => 182,
                WindowSpec::Last { last_days: 182 } => 365,
                _ => 7,
            };
            // The app saves the plan and resets the window to it, then refreshes once.
            cx.edit_plan(|p| p.window = WindowSpec::Last { last_days: next });
        }
        (Action::Select | Action::Toggle | Action::Exclude, _) => {
            let exclude = action == Action::Exclude;
            match row {
                Row::Account(id) => cx.edit_plan(|p| flip(&mut p.segment.accounts, id, exclude)),
                Row::Platform(x) => cx.edit_plan(|p| flip(&mut p.segment.platforms, x, exclude)),
                Row::Format(x) => cx.edit_plan(|p| flip(&mut p.segment.formats, x, exclude)),
                Row::Tag(t) => cx.edit_plan(|p| flip(&mut p.segment.tags, t, exclude)),
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

/// Keys while a field is edited in place: the keymap's confirm and cancel, else typing.
pub fn field_input(cx: &mut Cx, view: &mut View, action: Option<Action>, key: Option<&KeyEvent>) {
    let Some((row, mut input)) = view.editing.take() else {
        return;
    };
    match action {
        Some(Action::Back) => cx.info(crate::i18n::tr("msg.edit_cancelled")),
        Some(Action::Select) => {
            let text = input.text.trim().to_owned();
            match row {
                Row::Name => {
                    let unchanged = cx.model.plan.as_ref().is_some_and(|p| p.plan.name == text);
                    if !unchanged {
                        cx.ask(Effect::RenamePlan(text));
                    }
                }
                Row::Objective => cx.edit_plan(|p| p.objective = text),
                Row::Goal(i) => cx.edit_plan(|p| {
                    if text.is_empty() {
                        if i < p.goals.len() {
                            p.goals.remove(i);
                        }
                    } else if let Some(g) = p.goals.get_mut(i) {
                        *g = text;
                    }
                }),
                Row::AddGoal if !text.is_empty() => cx.edit_plan(|p| p.goals.push(text)),
                _ => {}
            }
        }
        other => {
            match (other, key) {
                (Some(a), _) if input.act(a) => {}
                (_, Some(k)) => {
                    input.handle(k);
                }
                _ => {}
            }
            view.editing = Some((row, input));
        }
    }
}

/// A confirmation was answered yes: what it asks the app to do.
pub fn confirmed(cx: &mut Cx, what: Confirm) {
    match what {
        Confirm::PlanFromTemplate(id) => {
            let Some(t) = crate::measure::templates::template(id) else {
                return;
            };
            let name = cx.model.plans.unique_name(t.id);
            cx.ask(Effect::CreatePlan(Plan::from_template(&name, t)));
            cx.info(crate::i18n::trf(
                "msg.plan_made",
                &[("name", &name), ("template", &t.text().name)],
            ));
        }
        Confirm::DeletePlan(path) => cx.ask(Effect::DeletePlan(path)),
        Confirm::QuitUnsaved => cx.ask(Effect::Quit),
        Confirm::UseDiscarding(file) => cx.ask(Effect::UseDiscarding(file)),
    }
}

pub use view::render;
