//! The TUI's state machine, driven the way the runtime drives it: keys through
//! `App::update(Msg::Key)` and loads through `Msg::Loaded`. Each test asserts the state the
//! keys leave behind, and the plan file (or export, or session) on disk where one is written.
//!
//! Every app is built with an explicit home folder and theme, so `ENGAGE_HOME`, `NO_COLOR`
//! and the user's config cannot change a result; loads run synchronously (`load_now`).

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::tui_kit::{ch, ctrl, press, typ};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use engage::calendar::parse_date;
use engage::measure::posts::PostField as Column;
use engage::measure::{CATALOGUE, Ctx, Granularity, Segment, Who, Window};
use engage::snapshot::LoadControl;
use engage::snapshot::load::Source;
use engage::snapshot::model::PostCount;
use engage::tui::Options;
use engage::tui::action::{Action, Context};
use engage::tui::app::{App, Loading, Msg, Overlay, PromptKind, Step};
use engage::tui::keymap::Key;
use engage::tui::steps::objective::Row;
use engage::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};
use tempfile::TempDir;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

// ---------------------------------------------------------------------------------------
// Helpers

/// The app as `engage --home HOME [PATHS]` builds it, before the worker loads anything.
fn prepare(home: &Path, paths: &[PathBuf], fresh: bool) -> App {
    let mut app = engage::tui::prepare(&Options {
        paths: paths.to_vec(),
        fresh,
        home: Some(home.to_path_buf()),
        import: Default::default(),
    })
    .expect("prepare");
    app.ui.theme = Theme::dark();
    app.model.export_dir = home.join("exports");
    std::fs::create_dir_all(&app.model.export_dir).unwrap();
    app
}

/// Runs the load the app asked for, as the worker would, and delivers it.
fn finish_load(app: &mut App) {
    let source = app.load_request.take().expect("a load was requested");
    let result = engage::tui::load_now(source, &Default::default(), &LoadControl::default());
    app.update(Msg::Loaded(Box::new(result)));
}

/// The app on `paths` (the demo when empty), loaded.
fn open(home: &Path, paths: &[PathBuf]) -> App {
    let mut app = prepare(home, paths, true);
    finish_load(&mut app);
    app
}

fn demo() -> (TempDir, App) {
    let home = tempfile::tempdir().unwrap();
    let app = open(home.path(), &[]);
    (home, app)
}

fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap()
}

fn plan_path(app: &App) -> PathBuf {
    app.model.plan.as_ref().expect("a plan in use").path.clone()
}

fn message(app: &App) -> String {
    app.ui
        .message
        .as_ref()
        .map_or(String::new(), |m| m.text.clone())
}

fn is_error(app: &App) -> bool {
    app.ui.message.as_ref().is_some_and(|m| m.error)
}

fn day(s: &str) -> i32 {
    parse_date(s).unwrap()
}

fn window(from: &str, to: &str) -> Window {
    Window::new(day(from), day(to)).unwrap()
}

fn metric_index(id: &str) -> usize {
    CATALOGUE.iter().position(|m| m.id == id).unwrap()
}

/// The screen as text, one line per row (wide characters take their cell and the next).
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| engage::tui::view::render(f, app))
        .unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            skip = ratatui::text::Span::raw(symbol).width().saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// Step 2: the template `template` chosen with Enter and confirmed with y (a plan is made).
fn with_template(app: &mut App, template: &str) {
    ch(app, '2');
    press(app, KeyCode::Home);
    let position = engage::measure::templates::TEMPLATES
        .iter()
        .position(|t| t.id == template)
        .unwrap();
    for _ in 0..position {
        ch(app, 'j');
    }
    press(app, KeyCode::Enter);
    assert!(
        app.model.plan.is_none(),
        "browsing a template makes no plan"
    );
    ch(app, 'y');
    assert_eq!(
        app.model.plan.as_ref().map(|p| p.plan.template.clone()),
        Some(Some(template.to_owned())),
        "{}",
        message(app)
    );
}

/// Moves the plan editor's cursor (pane 2 of step 2) onto `row`.
fn editor_to(app: &mut App, row: &Row) {
    assert_eq!(app.ui.step, Step::Objective);
    app.ui.pane[1] = 1;
    press(app, KeyCode::Home);
    for _ in 0..80 {
        let rows = engage::tui::steps::objective::rows(&app.model);
        if rows.get(app.ui.objective.editor_cursor) == Some(row) {
            return;
        }
        ch(app, 'j');
    }
    panic!("no editor row {row:?}");
}

/// Moves step 3's cursor onto the metric `id`.
fn metric_to(app: &mut App, id: &str) {
    ch(app, '3');
    press(app, KeyCode::Home);
    for _ in 0..80 {
        if CATALOGUE[app.ui.metrics.selected].id == id {
            return;
        }
        ch(app, 'j');
    }
    panic!("no metric row {id}");
}

fn kpi_json<'a>(plan: &'a Value, id: &str) -> Option<&'a Value> {
    plan["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["metric"] == id)
}

// ---------------------------------------------------------------------------------------
// Navigation

#[test]
fn step_keys_jump_to_each_step_and_back() {
    let (_home, mut app) = demo();
    assert_eq!(app.ui.step, Step::Data);
    for (key, step) in [
        ('2', Step::Objective),
        ('3', Step::Metrics),
        ('4', Step::Charts),
        ('5', Step::Review),
        ('1', Step::Data),
        ('4', Step::Charts),
    ] {
        ch(&mut app, key);
        assert_eq!(app.ui.step, step, "after {key}");
        assert!(
            screen(&app, 120, 40)
                .lines()
                .next()
                .unwrap()
                .contains(&format!(" {} {} ", step.number(), step.name())),
        );
    }
    assert!(!app.ui.quit);
    // Keys that mean nothing here change nothing.
    ch(&mut app, '9');
    assert_eq!(app.ui.step, Step::Charts);
}

#[test]
fn tab_and_shift_tab_cycle_the_panes_of_each_step() {
    let (_home, mut app) = demo();
    let mut seen = vec![app.focus()];
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
        seen.push(app.focus());
    }
    assert_eq!(seen, [0, 1, 2, 0], "Data has three panes");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), 2);
    // Some terminals send Shift-Tab as Tab with Shift.
    app.update(Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT)));
    assert_eq!(app.focus(), 1);

    ch(&mut app, '2');
    assert_eq!(app.focus(), 0, "each step keeps its own focus");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 0, "Objective has two panes");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), 1);
    ch(&mut app, '1');
    assert_eq!(app.focus(), 1, "Data's focus was kept");
    ch(&mut app, '5');
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 1, "Review: the scorecard, then the findings");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 0);
    assert_eq!(app.ui.pane, [1, 1, 0, 0, 0]);
}

#[test]
fn cursor_keys_move_within_lists() {
    let (_home, mut app) = demo();
    // Data, accounts pane: five accounts.
    press(&mut app, KeyCode::Tab);
    let moves: [(KeyCode, usize); 9] = [
        (KeyCode::Char('j'), 1),
        (KeyCode::Down, 2),
        (KeyCode::Char('k'), 1),
        (KeyCode::Up, 0),
        (KeyCode::Up, 0),
        (KeyCode::End, 4),
        (KeyCode::Home, 0),
        (KeyCode::PageDown, 4),
        (KeyCode::PageUp, 0),
    ];
    for (key, want) in moves {
        press(&mut app, key);
        assert_eq!(app.ui.data.cursor[1], want, "{key:?}");
    }
    assert_eq!(app.ui.data.cursor[0], 0, "other panes keep their cursor");
    ch(&mut app, 'G');
    assert_eq!(app.ui.data.cursor[1], 4);
    ch(&mut app, 'g');
    assert_eq!(app.ui.data.cursor[1], 0);

    // Objective list: headings are skipped in the direction of travel.
    ch(&mut app, '2');
    assert_eq!(
        app.ui.objective.cursor, 1,
        "first template, not the heading"
    );
    press(&mut app, KeyCode::Up);
    assert_eq!(app.ui.objective.cursor, 1);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.ui.objective.cursor, 2);
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    assert_eq!(app.ui.objective.cursor, 4);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.ui.objective.cursor, 1);
    press(&mut app, KeyCode::Enter); // a saved plan, so the list ends on one
    ch(&mut app, 'y');
    press(&mut app, KeyCode::End);
    assert_eq!(
        app.ui.objective.cursor, 8,
        "the saved plan, after its heading"
    );
    press(&mut app, KeyCode::Up);
    assert_eq!(
        app.ui.objective.cursor, 6,
        "the heading is skipped going up"
    );
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.ui.objective.cursor, 1);

    // Metrics: the cursor moves and the detail follows the metric under it.
    ch(&mut app, '3');
    press(&mut app, KeyCode::Home);
    let first = app.ui.metrics.selected;
    ch(&mut app, 'j');
    assert_ne!(app.ui.metrics.selected, first);
    assert_eq!(
        app.model.results.detail.as_ref().map(|d| d.metric.id),
        Some(CATALOGUE[app.ui.metrics.selected].id),
        "the detail pane shows the metric under the cursor"
    );
    press(&mut app, KeyCode::End);
    assert_eq!(CATALOGUE[app.ui.metrics.selected].id, "followers");

    // Charts, posts table: PgDn moves ten rows, End to the last.
    ch(&mut app, '4');
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 2);
    let n = app.ui.charts.rows.len();
    assert_eq!(n, 330, "posts of the demo's last 28 days");
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.ui.charts.cursor, 10);
    ch(&mut app, 'j');
    assert_eq!(app.ui.charts.cursor, 11);
    press(&mut app, KeyCode::End);
    assert_eq!(app.ui.charts.cursor, n - 1);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.ui.charts.cursor, n - 1);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.ui.charts.cursor, n - 11);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.ui.charts.cursor, 0);
}

// ---------------------------------------------------------------------------------------
// Step 2: plans

#[test]
fn choosing_a_template_creates_and_saves_a_plan() {
    let (home, mut app) = demo();
    ch(&mut app, '2');
    assert!(app.model.plan.is_none());
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    ch(&mut app, 'j'); // Website audience loyalty
    press(&mut app, KeyCode::Enter);
    // Browsing makes nothing: Enter asks, Esc leaves no plan, y makes it.
    assert!(matches!(app.ui.overlay, Some(Overlay::Confirm { .. })));
    press(&mut app, KeyCode::Esc);
    assert!(app.model.plan.is_none());
    assert!(!home.path().join("plans/website-loyalty.json").exists());
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    let path = plan_path(&app);
    assert_eq!(path, home.path().join("plans/website-loyalty.json"));
    assert!(path.is_file());
    let plan = read_json(&path);
    assert_eq!(plan["format"], "engage-plan");
    assert_eq!(plan["name"], "website-loyalty");
    assert_eq!(plan["template"], "website-loyalty");
    assert_eq!(
        plan["objective"],
        "Be more engaged with my website's audience"
    );
    let kpis: Vec<&str> = plan["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["metric"].as_str().unwrap())
        .collect();
    assert_eq!(
        kpis,
        [
            "direct_share",
            "pages_per_session",
            "avg_engagement_time",
            "source_pages_per_session",
            "source_engagement_time",
            "social_sessions",
            "ctr",
            "conversation_rate"
        ]
    );
    assert_eq!(
        plan["kpis"][0]["target"],
        json!({"kind": "relative", "change": 0.0, "baseline": "trailing90d_median"})
    );
    assert!(message(&app).contains("made from the Website audience loyalty template"));
    assert_eq!(
        app.model.results.cards.len(),
        8,
        "the KPI cards are computed"
    );
    assert_eq!(
        app.model.listing.plans.len(),
        1,
        "the list shows the saved plan"
    );
    // The same template again makes a second plan with a unique name.
    ch(&mut app, 'g');
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    assert_eq!(
        plan_path(&app),
        home.path().join("plans/website-loyalty-2.json")
    );
    assert_eq!(app.model.listing.plans.len(), 2);
}

#[test]
fn editing_the_objective_in_place() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    let path = plan_path(&app);
    let original = "Reach more of the people who could care about what we publish";
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 1);
    assert_eq!(app.ui.objective.editor_cursor, 0, "on the name");
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    let (row, input) = app.ui.objective.editing.clone().expect("editing");
    assert_eq!(row, Row::Objective);
    assert_eq!(input.text, original);
    assert_eq!(input.cursor, original.chars().count(), "cursor at the end");
    assert_eq!(app.context(), engage::tui::action::Context::Field);

    // Home, type at the start; Left and Backspace delete before the cursor.
    press(&mut app, KeyCode::Home);
    typ(&mut app, "Q4: ");
    press(&mut app, KeyCode::End);
    for _ in 0..8 {
        press(&mut app, KeyCode::Backspace); // " publish"
    }
    typ(&mut app, " post");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Backspace); // the o of "post"
    typ(&mut app, "a");
    let (_, input) = app.ui.objective.editing.clone().unwrap();
    assert_eq!(
        input.text,
        "Q4: Reach more of the people who could care about what we past"
    );
    assert_eq!(input.cursor, input.text.chars().count() - 2);
    assert_eq!(
        read_json(&path)["objective"],
        original,
        "nothing is saved before Enter"
    );
    // The field shows the text being edited, with a cursor mark.
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("objective Q4: Reach more"), "{shown}");
    assert!(shown.contains("we pa▏st"), "{shown}");

    press(&mut app, KeyCode::Enter);
    assert!(app.ui.objective.editing.is_none());
    let want = "Q4: Reach more of the people who could care about what we past";
    assert_eq!(read_json(&path)["objective"], want);
    assert_eq!(app.model.plan.as_ref().unwrap().plan.objective, want);
    assert_eq!(message(&app), "saved plan awareness");

    // Esc cancels: the file is left exactly as it was.
    let before = std::fs::read(&path).unwrap();
    press(&mut app, KeyCode::Enter);
    typ(&mut app, " and more");
    press(&mut app, KeyCode::Esc);
    assert!(app.ui.objective.editing.is_none());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(app.model.plan.as_ref().unwrap().plan.objective, want);
    assert_eq!(message(&app), "edit cancelled");
}

#[test]
fn q_types_while_editing_and_ctrl_c_quits_anyway() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    typ(&mut app, " q?1");
    assert!(!app.ui.quit, "q types a q");
    assert_eq!(app.ui.step, Step::Objective, "1 types a 1");
    assert!(app.ui.overlay.is_none(), "? types a ?");
    assert!(
        app.ui
            .objective
            .editing
            .as_ref()
            .unwrap()
            .1
            .text
            .ends_with("publish q?1")
    );
    ctrl(&mut app, 'c');
    assert!(app.ui.quit, "Ctrl-C quits even while editing");

    // And in a prompt.
    let (_home, mut app) = demo();
    ch(&mut app, 'W');
    typ(&mut app, "q");
    assert!(!app.ui.quit);
    ctrl(&mut app, 'c');
    assert!(app.ui.quit);

    // Outside a text field, q quits.
    let (_home, mut app) = demo();
    ch(&mut app, 'q');
    assert!(app.ui.quit);
}

#[test]
fn goals_are_added_edited_and_removed_by_emptying() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    let path = plan_path(&app);
    editor_to(&mut app, &Row::AddGoal);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.ui.objective.editing.as_ref().unwrap().1.text, "");
    typ(&mut app, "  Grow newsletter sign-ups  ");
    press(&mut app, KeyCode::Enter);
    let goals = read_json(&path)["goals"].clone();
    assert_eq!(goals.as_array().unwrap().len(), 3);
    assert_eq!(goals[2], "Grow newsletter sign-ups", "trimmed");

    // An empty new goal adds nothing.
    editor_to(&mut app, &Row::AddGoal);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(read_json(&path)["goals"].as_array().unwrap().len(), 3);

    // Editing a goal replaces it; emptying it removes it.
    editor_to(&mut app, &Row::Goal(0));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    typ(&mut app, "Reach more people");
    press(&mut app, KeyCode::Enter);
    assert_eq!(read_json(&path)["goals"][0], "Reach more people");
    editor_to(&mut app, &Row::Goal(1));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        read_json(&path)["goals"],
        json!(["Reach more people", "Grow newsletter sign-ups"])
    );
    assert_eq!(app.model.plan.as_ref().unwrap().plan.goals.len(), 2);
}

#[test]
fn segment_toggles_are_saved_and_change_the_figures() {
    let (_home, mut app) = demo();
    with_template(&mut app, "engagement");
    let path = plan_path(&app);
    let all_posts = app.ui.charts.rows.len();
    let er = metric_index("er_reach");
    let er_all = app.model.results.catalogue[er].clone();

    editor_to(&mut app, &Row::Account("ig".into()));
    ch(&mut app, ' ');
    assert_eq!(
        read_json(&path)["segment"],
        json!({"accounts": {"include": ["ig"]}})
    );
    assert_eq!(
        app.model
            .plan
            .as_ref()
            .unwrap()
            .plan
            .segment
            .accounts
            .include,
        ["ig"]
    );
    assert!(app.ui.charts.rows.len() < all_posts, "posts of ig only");
    assert_ne!(app.model.results.catalogue[er], er_all);
    assert!(screen(&app, 120, 40).contains("[+] ig"));

    // x moves it to the excluded side; Space puts it back to included; Space again clears.
    ch(&mut app, 'x');
    assert_eq!(
        read_json(&path)["segment"],
        json!({"accounts": {"exclude": ["ig"]}})
    );
    assert!(screen(&app, 120, 40).contains("[-] ig"));
    ch(&mut app, 'x');
    assert_eq!(read_json(&path)["segment"], json!({}));
    ch(&mut app, ' ');
    ch(&mut app, ' ');
    assert_eq!(read_json(&path)["segment"], json!({}));
    assert_eq!(app.ui.charts.rows.len(), all_posts);
    assert_eq!(app.model.results.catalogue[er], er_all);

    // Platforms, formats and tags work the same way.
    editor_to(&mut app, &Row::Tag("promo".into()));
    ch(&mut app, 'x');
    editor_to(
        &mut app,
        &Row::Format(engage::snapshot::model::PostFormat::Reel),
    );
    ch(&mut app, ' ');
    assert_eq!(
        read_json(&path)["segment"],
        json!({"formats": {"include": ["reel"]}, "tags": {"exclude": ["promo"]}})
    );
    let segment = engage::tui::results::segment(&app);
    let prepared = app.model.data.prepared.clone().unwrap();
    let mut ctx = Ctx::new(&prepared, &segment);
    let w = app.model.window.current().unwrap();
    assert_eq!(
        app.model.results.catalogue[er],
        ctx.figure(&CATALOGUE[er], w, Who::All),
        "the figures are the engine's for the segment"
    );
    assert!(
        screen(&app, 120, 40)
            .lines()
            .next()
            .unwrap()
            .contains("formats reel")
    );
}

#[test]
fn rename_moves_the_file() {
    let (home, mut app) = demo();
    with_template(&mut app, "awareness");
    let old = plan_path(&app);
    ch(&mut app, 'R');
    assert_eq!(app.focus(), 1);
    let (row, input) = app.ui.objective.editing.clone().unwrap();
    assert_eq!((row, input.text.as_str()), (Row::Name, "awareness"));
    ctrl(&mut app, 'u');
    typ(&mut app, "Loyalty Q4");
    press(&mut app, KeyCode::Enter);
    let new = home.path().join("plans/loyalty-q4.json");
    assert!(!old.exists(), "the old file is gone");
    assert_eq!(read_json(&new)["name"], "Loyalty Q4");
    assert_eq!(plan_path(&app), new);
    assert!(message(&app).starts_with("renamed to Loyalty Q4"));
    assert_eq!(
        read_json(&home.path().join("session.json"))["plan"],
        "Loyalty Q4"
    );
    // A name another plan has is refused, and nothing moves.
    press(&mut app, KeyCode::Tab); // back to the list
    ch(&mut app, 'g'); // its first item: the Awareness template
    press(&mut app, KeyCode::Enter); // a second plan, from Awareness
    ch(&mut app, 'y');
    let second = plan_path(&app);
    ch(&mut app, 'R');
    ctrl(&mut app, 'u');
    typ(&mut app, "loyalty q4");
    press(&mut app, KeyCode::Enter);
    assert!(is_error(&app), "{}", message(&app));
    assert!(second.exists() && new.exists());
}

#[test]
fn delete_asks_first() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    let path = plan_path(&app);
    ch(&mut app, 'D');
    let Some(Overlay::Confirm { text, .. }) = &app.ui.overlay else {
        panic!("a confirmation: {:?}", app.ui.overlay);
    };
    assert!(text.starts_with("Delete plan awareness?"), "{text}");
    assert!(screen(&app, 120, 40).contains("Delete plan awareness?"));
    ch(&mut app, 'z');
    assert!(
        matches!(app.ui.overlay, Some(Overlay::Confirm { .. })),
        "other keys leave the question open"
    );
    ch(&mut app, 'n');
    assert!(app.ui.overlay.is_none());
    assert!(path.exists());
    assert_eq!(message(&app), "cancelled");
    ch(&mut app, 'D');
    press(&mut app, KeyCode::Esc);
    assert!(app.ui.overlay.is_none() && path.exists());

    ch(&mut app, 'D');
    ch(&mut app, 'y');
    assert!(app.ui.overlay.is_none());
    assert!(!path.exists(), "deleted");
    assert!(app.model.plan.is_none(), "the plan in use is gone");
    assert!(app.model.listing.plans.is_empty());
    assert!(app.model.results.cards.is_empty());
    assert!(message(&app).starts_with("deleted "));
}

#[test]
fn new_and_duplicate_plans() {
    let (home, mut app) = demo();
    ch(&mut app, '2');
    ch(&mut app, 'n');
    assert_eq!(plan_path(&app), home.path().join("plans/plan.json"));
    let (row, input) = app
        .ui
        .objective
        .editing
        .clone()
        .expect("the name is edited at once");
    assert_eq!((row, input.text.as_str()), (Row::Name, "plan"));
    ctrl(&mut app, 'u');
    typ(&mut app, "Web");
    press(&mut app, KeyCode::Enter);
    assert_eq!(plan_path(&app), home.path().join("plans/web.json"));
    ch(&mut app, 'c');
    assert_eq!(plan_path(&app), home.path().join("plans/web-copy.json"));
    assert_eq!(read_json(&plan_path(&app))["name"], "Web copy");
    assert!(home.path().join("plans/web.json").is_file());
}

// ---------------------------------------------------------------------------------------
// Step 3: KPIs and targets

#[test]
fn space_adds_and_removes_a_kpi() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    let path = plan_path(&app);
    metric_to(&mut app, "er_reach");
    assert!(kpi_json(&read_json(&path), "er_reach").is_none());
    ch(&mut app, ' ');
    assert_eq!(
        kpi_json(&read_json(&path), "er_reach"),
        Some(&json!({"metric": "er_reach"}))
    );
    assert_eq!(
        message(&app),
        "added KPI Engagement rate by reach: press t to set its target"
    );
    assert_eq!(app.model.results.cards.len(), 7);
    assert!(screen(&app, 120, 40).contains("● Engagement rate by reach"));
    ch(&mut app, ' ');
    assert!(kpi_json(&read_json(&path), "er_reach").is_none());
    assert_eq!(message(&app), "removed KPI Engagement rate by reach");
    assert_eq!(app.model.results.cards.len(), 6);
}

#[test]
fn space_without_a_plan_makes_one() {
    let (home, mut app) = demo();
    metric_to(&mut app, "ctr");
    ch(&mut app, ' ');
    let path = plan_path(&app);
    assert_eq!(path, home.path().join("plans/my-plan.json"));
    let plan = read_json(&path);
    assert_eq!(plan["name"], "my plan");
    assert_eq!(plan["kpis"], json!([{"metric": "ctr"}]));
}

#[test]
fn a_vanity_kpi_warns_once() {
    let (_home, mut app) = demo();
    with_template(&mut app, "engagement");
    metric_to(&mut app, "followers");
    ch(&mut app, ' ');
    assert!(is_error(&app));
    assert!(message(&app).contains("vanity metric"), "{}", message(&app));
    assert!(kpi_json(&read_json(&plan_path(&app)), "followers").is_some());
    ch(&mut app, ' ');
    assert_eq!(message(&app), "removed KPI Followers (vanity)");
    ch(&mut app, ' ');
    assert!(!is_error(&app), "no second warning: {}", message(&app));
    assert!(message(&app).starts_with("added KPI Followers"));
    assert!(app.ui.metrics.vanity_warned);
}

#[test]
fn targets_are_parsed_checked_and_saved() {
    let (_home, mut app) = demo();
    with_template(&mut app, "engagement");
    let path = plan_path(&app);
    metric_to(&mut app, "er_reach");
    ch(&mut app, 't');
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!("a prompt: {:?}", app.ui.overlay);
    };
    assert_eq!(p.kind, PromptKind::Target("er_reach"));
    assert_eq!(p.input.text, "+0% median", "the current target, editable");

    // A bad target keeps the prompt open, with the reason, and the text as typed.
    ctrl(&mut app, 'u');
    typ(&mut app, ">= lots");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!("the prompt stays open");
    };
    assert!(
        p.error.as_deref().unwrap().contains("not a number"),
        "{p:?}"
    );
    assert_eq!(p.input.text, ">= lots");
    assert!(screen(&app, 120, 40).contains("`lots` is not a number"));
    let before = std::fs::read(&path).unwrap();
    ch(&mut app, 'x');
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!("the prompt stays open");
    };
    assert!(p.error.is_none(), "typing clears the error");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing saved");

    for (typed, want, message_text) in [
        (
            ">= 5%",
            json!({"kind": "absolute", "op": ">=", "value": 0.05}),
            "target for Engagement rate by reach: >= 5.00%",
        ),
        (
            ">= 5",
            json!({"kind": "absolute", "op": ">=", "value": 0.05}),
            "",
        ),
        (
            "+10% prev",
            json!({"kind": "relative", "change": 0.1, "baseline": "previous_period"}),
            "",
        ),
        (
            "-3% median",
            json!({"kind": "relative", "change": -0.03, "baseline": "trailing90d_median"}),
            "",
        ),
    ] {
        if app.ui.overlay.is_none() {
            ch(&mut app, 't');
        }
        ctrl(&mut app, 'e');
        ctrl(&mut app, 'u');
        typ(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        assert!(app.ui.overlay.is_none(), "{typed}: {:?}", app.ui.overlay);
        let plan = read_json(&path);
        assert_eq!(
            kpi_json(&plan, "er_reach").unwrap()["target"],
            want,
            "{typed}"
        );
        if !message_text.is_empty() {
            assert_eq!(message(&app), message_text);
        }
    }
    // The card judges against it: the goal of a relative target is the baseline moved.
    let card = app
        .model
        .results
        .cards
        .iter()
        .find(|c| c.metric().id == "er_reach")
        .unwrap();
    let (_, goal) = card.goal.unwrap();
    let baseline = card.baseline.as_ref().unwrap().value.unwrap();
    assert!((goal - baseline * 0.97).abs() < 1e-12, "{goal} {baseline}");

    ch(&mut app, 't');
    ctrl(&mut app, 'u');
    typ(&mut app, "none");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        kpi_json(&read_json(&path), "er_reach"),
        Some(&json!({"metric": "er_reach"})),
        "none removes the target"
    );

    // A count metric takes plain numbers; a metric not yet a KPI becomes one.
    metric_to(&mut app, "shares");
    assert!(kpi_json(&read_json(&path), "shares").is_none());
    ch(&mut app, 't');
    ctrl(&mut app, 'u');
    typ(&mut app, "<= 1,200");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        kpi_json(&read_json(&path), "shares").unwrap()["target"],
        json!({"kind": "absolute", "op": "<=", "value": 1200.0})
    );
    // Esc leaves the target as it was.
    ch(&mut app, 't');
    ctrl(&mut app, 'u');
    typ(&mut app, ">= 3");
    press(&mut app, KeyCode::Esc);
    assert!(app.ui.overlay.is_none());
    assert_eq!(
        kpi_json(&read_json(&path), "shares").unwrap()["target"]["value"],
        1200.0
    );
}

// ---------------------------------------------------------------------------------------
// The window

#[test]
fn window_keys_change_the_window_and_the_figures() {
    let (_home, mut app) = demo();
    let store = app.model.data.store.clone().unwrap();
    let (first, last) = store.day_span().unwrap();
    assert_eq!(last, day("2026-10-31"));
    assert_eq!(
        app.model.window.current(),
        Some(window("2026-10-04", "2026-10-31"))
    );
    let shares = metric_index("shares");
    let prepared = app.model.data.prepared.clone().unwrap();
    let engine = |w: Window| {
        let segment = Segment::default();
        Ctx::new(&prepared, &segment).figure(&CATALOGUE[shares], w, Who::All)
    };
    let check = |app: &App, w: Window, label: &str| {
        assert_eq!(app.model.window.current(), Some(w), "{label}");
        assert_eq!(app.model.window.label(), label);
        assert_eq!(
            app.model.results.window,
            Some(w),
            "{label}: figures recomputed"
        );
        assert_eq!(app.model.results.catalogue[shares], engine(w), "{label}");
        let top = screen(app, 200, 20);
        let top = top.lines().next().unwrap();
        assert!(top.contains(&format!("{label} {w}")), "{top}");
    };
    check(&app, window("2026-10-04", "2026-10-31"), "28d");
    let posts_28 = app.ui.charts.rows.len();
    for (days, label) in [(90, "90d"), (182, "6m"), (365, "1y")] {
        ch(&mut app, 'w');
        check(&app, Window::last(days, last), label);
    }
    ch(&mut app, 'w');
    check(&app, Window::new(first, last).unwrap(), "all");
    assert_eq!(app.ui.charts.rows.len(), store.posts.len());
    ch(&mut app, 'w');
    check(&app, Window::last(7, last), "7d");
    ch(&mut app, 'w');
    check(&app, Window::last(28, last), "28d");
    assert_eq!(app.ui.charts.rows.len(), posts_28);

    // Stepping back and forth by the window's length; never past the data's last day.
    ch(&mut app, '[');
    check(&app, window("2026-09-06", "2026-10-03"), "28d");
    ch(&mut app, '[');
    check(&app, window("2026-08-09", "2026-09-05"), "28d");
    ch(&mut app, ']');
    ch(&mut app, ']');
    check(&app, window("2026-10-04", "2026-10-31"), "28d");
    ch(&mut app, ']');
    check(&app, window("2026-10-04", "2026-10-31"), "28d");

    // A custom window, typed.
    ch(&mut app, 'W');
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!("a prompt");
    };
    assert_eq!(p.kind, PromptKind::Window);
    assert_eq!(p.input.text, "2026-10-04..2026-10-31");
    ctrl(&mut app, 'u');
    typ(&mut app, "2026-10-14..2026-10-01");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!("a bad window keeps the prompt open");
    };
    assert_eq!(p.error.as_deref(), Some("2026-10-01 is before 2026-10-14"));
    ctrl(&mut app, 'u');
    typ(&mut app, "2026-10-01..2026-10-14");
    press(&mut app, KeyCode::Enter);
    assert!(app.ui.overlay.is_none());
    check(&app, window("2026-10-01", "2026-10-14"), "custom");
    assert_eq!(message(&app), "window 2026-10-01..2026-10-14");
    ch(&mut app, '[');
    check(&app, window("2026-09-17", "2026-09-30"), "custom");
    ch(&mut app, 'w');
    check(&app, Window::last(7, last), "7d");
}

// ---------------------------------------------------------------------------------------
// Step 4: charts

#[test]
fn granularity_per_account_and_zoom() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '4');
    let series = |app: &App| {
        app.model.results.cards[app.ui.charts.selected]
            .result
            .series
            .len()
    };
    assert_eq!(app.ui.charts.granularity, Granularity::Day);
    assert_eq!(series(&app), 28);
    ch(&mut app, 'd');
    assert_eq!(app.ui.charts.granularity, Granularity::Week);
    assert_eq!(
        series(&app),
        5,
        "ISO weeks touching 2026-10-04 (a Sunday) ..2026-10-31"
    );
    assert_eq!(message(&app), "series by week");
    ch(&mut app, 'd');
    assert_eq!(series(&app), 1, "one month");
    ch(&mut app, 'w'); // 90 days: 2026-08-03..2026-10-31
    assert_eq!(series(&app), 3);
    ch(&mut app, 'd');
    assert_eq!(series(&app), 90);
    ch(&mut app, 'd');
    assert_eq!(
        series(&app),
        13,
        "ISO weeks of 2026-08-03 (a Monday)..2026-10-31"
    );
    for _ in 0..5 {
        ch(&mut app, 'w');
    }
    assert_eq!(app.model.window.label(), "28d");
    ch(&mut app, 'd');
    ch(&mut app, 'd');
    assert_eq!(app.ui.charts.granularity, Granularity::Day);

    // One series per account.
    assert!(app.model.results.per_account.is_empty());
    ch(&mut app, 'a');
    assert!(app.ui.charts.per_account);
    let ids: Vec<&str> = app
        .model
        .results
        .per_account
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(ids, ["fb", "ig", "x", "yt", "tt"]);
    assert!(
        app.model
            .results
            .per_account
            .iter()
            .all(|(_, s)| s.len() == 28)
    );
    assert!(screen(&app, 120, 40).contains("tt"));
    ch(&mut app, 'a');
    assert!(app.model.results.per_account.is_empty());

    // Zoom halves the buckets shown around the middle; out doubles; 0 resets.
    ch(&mut app, '+');
    assert_eq!(app.ui.charts.zoom, Some((7, 14)));
    assert!(screen(&app, 120, 40).contains("zoomed (0 resets)"));
    ch(&mut app, '=');
    assert_eq!(app.ui.charts.zoom, Some((11, 7)));
    ch(&mut app, '-');
    assert_eq!(app.ui.charts.zoom, Some((7, 14)));
    ch(&mut app, '-');
    assert_eq!(app.ui.charts.zoom, None, "back to everything");
    ch(&mut app, '+');
    ch(&mut app, '0');
    assert_eq!(app.ui.charts.zoom, None);
    // In the chart pane the cursor reads one bucket; zoomed in, the part shown follows it.
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'h');
    assert_eq!(
        app.ui.charts.chart_cursor,
        Some(26),
        "from the last day, one back"
    );
    assert!(
        screen(&app, 120, 40).contains("▸ 2026-10-30:"),
        "its date and value"
    );
    ch(&mut app, '+');
    assert_eq!(app.ui.charts.zoom, Some((7, 14)));
    ch(&mut app, 'l');
    assert_eq!(
        app.ui.charts.zoom,
        Some((14, 14)),
        "panned to keep the cursor shown"
    );
    ch(&mut app, 'G');
    assert_eq!(app.ui.charts.zoom, Some((14, 14)), "not past the end");
    ch(&mut app, 'g');
    assert_eq!(
        (app.ui.charts.chart_cursor, app.ui.charts.zoom),
        (Some(0), Some((0, 14)))
    );
    ch(&mut app, 'h');
    assert_eq!(
        (app.ui.charts.chart_cursor, app.ui.charts.zoom),
        (Some(0), Some((0, 14))),
        "not before the start"
    );
    // The legend can be hidden.
    assert!(screen(&app, 120, 40).contains("this period"));
    ch(&mut app, 'L');
    assert!(!app.ui.charts.legend);
    assert!(!screen(&app, 120, 40).contains("this period"));
    // Up/Down (in the cards or chart) choose the KPI shown.
    ch(&mut app, 'j');
    assert_eq!(app.ui.charts.selected, 1);
    assert_eq!(app.ui.charts.zoom, None);
    assert!(screen(&app, 120, 40).contains("Total reach by day"));
}

#[test]
fn the_filter_narrows_the_posts_live_and_esc_clears_it() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '4');
    let all = app.ui.charts.rows.clone();
    ch(&mut app, '/');
    let mut counts = vec![];
    for c in "padang".chars() {
        ch(&mut app, c);
        counts.push(app.ui.charts.rows.len());
    }
    assert_eq!(app.ui.charts.filter, "padang", "applied while typing");
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "each letter narrows: {counts:?}"
    );
    let n = *counts.last().unwrap();
    assert!(n > 0 && n < all.len(), "{n} of {}", all.len());
    let store = app.model.data.store.clone().unwrap();
    for &r in &app.ui.charts.rows {
        let text = store.posts.text.get(r as usize).to_lowercase();
        assert!(text.contains("padang"), "{text}");
        assert!(all.contains(&r));
    }
    assert!(
        screen(&app, 120, 40).contains(&format!("Posts in the window: {n} · filter \"padang\""))
    );
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.ui.charts.filter, "padan");
    press(&mut app, KeyCode::Esc);
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.ui.charts.filter, "");
    assert_eq!(app.ui.charts.rows, all, "Esc clears the filter");

    // Enter keeps it; an account id matches too.
    ch(&mut app, '/');
    typ(&mut app, "YT");
    press(&mut app, KeyCode::Enter);
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.ui.charts.filter, "YT");
    let yt = store.accounts.iter().position(|a| a.id == "yt").unwrap() as u32;
    assert!(!app.ui.charts.rows.is_empty());
    for &r in &app.ui.charts.rows {
        let r = r as usize;
        let account = &store.accounts[store.posts.account[r] as usize];
        assert!(
            store.posts.account[r] == yt
                || account
                    .handle
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains("yt")
                || store.posts.text.get(r).to_lowercase().contains("yt")
                || store.posts.id.get(r).to_lowercase().contains("yt"),
            "row {r} does not match"
        );
    }
    // A new window keeps the filter.
    ch(&mut app, 'w');
    assert_eq!(app.ui.charts.filter, "YT");
    assert!(app.ui.charts.rows.len() > n);
}

#[test]
fn sorting_the_posts_table() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '4');
    let store = app.model.data.store.clone().unwrap();
    let posts = &store.posts;
    assert_eq!(
        (app.ui.charts.sort, app.ui.charts.descending),
        (Column::Published, true)
    );
    let dates: Vec<i64> = app
        .ui
        .charts
        .rows
        .iter()
        .map(|&r| posts.published[r as usize])
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    ch(&mut app, 's');
    assert_eq!(
        (app.ui.charts.sort, app.ui.charts.descending),
        (Column::Account, false)
    );
    let ids: Vec<&str> = app
        .ui
        .charts
        .rows
        .iter()
        .map(|&r| {
            store.accounts[posts.account[r as usize] as usize]
                .id
                .as_str()
        })
        .collect();
    assert!(ids.windows(2).all(|w| w[0] <= w[1]), "accounts A-Z");
    sort_by(&mut app, Column::Count(PostCount::Likes));
    assert_eq!(app.ui.charts.sort, Column::Count(PostCount::Likes));
    assert!(app.ui.charts.descending, "numbers sort largest first");
    assert_eq!(message(&app), "posts sorted by likes (descending)");
    let likes = |app: &App| -> Vec<Option<u64>> {
        app.ui
            .charts
            .rows
            .iter()
            .map(|&r| posts.count(PostCount::Likes, r as usize))
            .collect()
    };
    let known: Vec<u64> = likes(&app).into_iter().flatten().collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "{known:?}");
    assert!(known[0] > known[known.len() - 1]);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("likes▼"), "the sorted column is marked");
    let top = engage::text::thousands(known[0]);
    assert!(shown.contains(&top), "the largest count on top: {top}");

    ch(&mut app, 'S');
    assert!(!app.ui.charts.descending);
    let known: Vec<u64> = likes(&app).into_iter().flatten().collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]));
    assert!(screen(&app, 120, 40).contains("likes▲"));

    // Missing values sort last both ways (reach is unknown for x and yt).
    sort_by(&mut app, Column::Count(PostCount::Reach));
    for _ in 0..2 {
        let reach: Vec<Option<u64>> = app
            .ui
            .charts
            .rows
            .iter()
            .map(|&r| posts.count(PostCount::Reach, r as usize))
            .collect();
        let first_none = reach.iter().position(Option::is_none).unwrap();
        assert!(reach[first_none..].iter().all(Option::is_none));
        assert!(first_none > 0);
        ch(&mut app, 'S');
    }
    // The cycle goes through the columns shown and comes back to the date after the text.
    let shown = engage::tui::steps::charts::posts_columns(&app.ui.charts, &app.model);
    assert_eq!(shown.last(), Some(&Column::Text));
    sort_by(&mut app, Column::Text);
    ch(&mut app, 's');
    assert_eq!(app.ui.charts.sort, Column::Published);
}

/// Presses the sort key until the posts are sorted by `field` (a column shown).
fn sort_by(app: &mut App, field: Column) {
    for _ in 0..40 {
        if app.ui.charts.sort == field {
            return;
        }
        ch(app, 's');
    }
    panic!("never sorted by {field:?}");
}

#[test]
fn enter_opens_the_post_detail() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '4');
    press(&mut app, KeyCode::Enter);
    assert!(
        app.ui.overlay.is_none(),
        "Enter in the cards pane opens nothing"
    );
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    let row = app.ui.charts.rows[1] as usize;
    assert_eq!(app.ui.overlay, Some(Overlay::PostDetail { row, scroll: 0 }));
    let store = app.model.data.store.clone().unwrap();
    let shown = screen(&app, 120, 40);
    assert!(shown.contains(&format!("post      {}", store.posts.id.get(row))));
    assert!(shown.contains("source    bundled demo (Kabar Kini)"));
    ch(&mut app, 'j');
    assert_eq!(app.ui.overlay, Some(Overlay::PostDetail { row, scroll: 1 }));
    ch(&mut app, 'k');
    ch(&mut app, 'k');
    assert_eq!(app.ui.overlay, Some(Overlay::PostDetail { row, scroll: 0 }));
    ch(&mut app, 'w');
    assert_eq!(app.model.window.label(), "28d", "keys go to the overlay");
    press(&mut app, KeyCode::Esc);
    assert!(app.ui.overlay.is_none());
    assert!(!app.ui.quit);
}

// ---------------------------------------------------------------------------------------
// Step 5: review and export

/// `engage --home HOME report ARGS` on the demo, its standard output.
fn report(home: &Path, args: &[&str]) -> String {
    let out = crate::common::engage_bin()
        .env_remove("ENGAGE_HOME")
        .env_remove("NO_COLOR")
        .arg("--home")
        .arg(home)
        .arg("report")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn exported(app: &App) -> PathBuf {
    let text = message(app);
    let path = PathBuf::from(
        text.strip_prefix("exported ")
            .unwrap_or_else(|| panic!("{text}")),
    );
    assert!(path.is_absolute(), "{text}");
    assert!(path.is_file(), "{text}");
    assert_eq!(app.ui.review.exported.as_ref(), Some(&path));
    path
}

#[test]
fn exports_equal_the_headless_report() {
    let (home, mut app) = demo();
    with_template(&mut app, "website-loyalty");
    ch(&mut app, '5');
    let before = screen(&app, 120, 40);
    assert!(before.contains("e exports Markdown, JSON or an HTML page with charts"));
    assert!(
        before.contains("KPIs met") && before.contains("for 2026-10-04..2026-10-31"),
        "{before}"
    );

    ch(&mut app, 'e');
    assert!(matches!(app.ui.overlay, Some(Overlay::ExportAs)));
    let chooser = screen(&app, 120, 40);
    for line in [
        "Export the review as",
        "m  Markdown (.md)",
        "j  JSON (.json)",
        "h  HTML (.html): one page with charts",
    ] {
        assert!(chooser.contains(line), "{line:?}\n{chooser}");
    }
    ch(&mut app, 'm');
    let md = exported(&app);
    assert_eq!(
        md,
        std::fs::canonicalize(
            app.model
                .export_dir
                .join("engage-website-loyalty-2026-10-04-2026-10-31.md")
        )
        .unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        report(
            home.path(),
            &["--plan", "website-loyalty", "--format", "md"]
        )
    );
    assert!(screen(&app, 200, 40).contains(&format!("last export: {}", md.display())));

    ch(&mut app, 'E');
    let js = exported(&app);
    assert_eq!(js.extension().unwrap(), "json");
    // The export's series follow the chart's granularity (day unless changed).
    assert_eq!(
        std::fs::read_to_string(&js).unwrap(),
        report(
            home.path(),
            &[
                "--plan",
                "website-loyalty",
                "--format",
                "json",
                "--granularity",
                "day"
            ]
        )
    );
    let v = read_json(&js);
    assert_eq!(
        v["window"],
        json!({"from": "2026-10-04", "to": "2026-10-31", "days": 28})
    );
    assert_eq!(v["verdict"].as_str().unwrap(), app.model.results.verdict);

    // A custom window and weekly buckets: still the report's bytes for the same query.
    ch(&mut app, '4');
    ch(&mut app, 'd');
    ch(&mut app, 'W');
    ctrl(&mut app, 'u');
    typ(&mut app, "2026-10-01..2026-10-14");
    press(&mut app, KeyCode::Enter);
    ch(&mut app, '5');
    ch(&mut app, 'E');
    let js = exported(&app);
    assert!(js.ends_with("engage-website-loyalty-2026-10-01-2026-10-14.json"));
    assert_eq!(
        std::fs::read_to_string(&js).unwrap(),
        report(
            home.path(),
            &[
                "--plan",
                "website-loyalty",
                "--format",
                "json",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-14"
            ]
        )
    );
    ch(&mut app, 'e');
    ch(&mut app, 'm');
    assert_eq!(
        std::fs::read_to_string(exported(&app)).unwrap(),
        report(
            home.path(),
            &[
                "--plan",
                "website-loyalty",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-14"
            ]
        )
    );
}

#[test]
fn export_without_a_plan_says_what_to_do() {
    let (home, mut app) = demo();
    ch(&mut app, '5');
    ch(&mut app, 'e');
    ch(&mut app, 'm');
    assert!(is_error(&app));
    assert!(message(&app).contains("choose a plan"), "{}", message(&app));
    ch(&mut app, '2');
    ch(&mut app, 'n');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, '5');
    ch(&mut app, 'E');
    assert!(message(&app).contains("no KPIs"), "{}", message(&app));
    assert_eq!(
        std::fs::read_dir(home.path().join("exports"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn review_cursor_moves_over_the_scorecard() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '5');
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    assert_eq!(app.ui.review.cursor, 2);
    press(&mut app, KeyCode::End);
    assert_eq!(app.ui.review.cursor, 5);
    ch(&mut app, 'g');
    assert_eq!(app.ui.review.cursor, 0);
}

// ---------------------------------------------------------------------------------------
// Help and the keymap

#[test]
fn help_opens_filters_and_closes() {
    let (_home, mut app) = demo();
    ch(&mut app, '?');
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { .. })));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Help: keys"));
    assert!(shown.contains("quit"));
    typ(&mut app, "zoom");
    let Some(Overlay::Help { query, .. }) = &app.ui.overlay else {
        panic!();
    };
    assert_eq!(query.text, "zoom");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("search: zoom"));
    for want in ["+ =", "zoom in", "zoom out", "zoom reset", "charts"] {
        assert!(shown.contains(want), "{want}: {shown}");
    }
    for gone in ["export Markdown", "  q ctrl-c", "open a file"] {
        assert!(!shown.contains(gone), "{gone}: {shown}");
    }
    typ(&mut app, "zzz");
    assert!(screen(&app, 120, 40).contains("no binding matches"));
    ch(&mut app, 'q');
    ch(&mut app, '?');
    assert!(
        !app.ui.quit && app.ui.overlay.is_some(),
        "q and ? type while searching"
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.ui.overlay.is_none());
    // F1 opens it too; ? with an empty search closes it.
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { .. })));
    ch(&mut app, '?');
    assert!(app.ui.overlay.is_none());
}

#[test]
fn a_config_override_rebinds_keys_hints_and_help() {
    let text = "[keys.review]\nexport = \"x\"\n[keys.global]\nhelp = [\"f2\"]\n";
    let config = engage::tui::config::parse(text, "config.toml").unwrap();
    let hints = config.keymap.hints(Context::Review);
    assert!(hints.contains(&("x".to_owned(), "export")), "{hints:?}");
    assert!(!hints.iter().any(|(k, _)| k == "e"), "{hints:?}");
    assert!(hints.contains(&("f2".to_owned(), "help")), "{hints:?}");
    let help = config.keymap.help_rows();
    assert!(help.contains(&(
        Context::Review,
        "x".to_owned(),
        "export the review: Markdown, JSON or an HTML page with charts"
    )));
    assert!(help.contains(&(Context::Global, "f2".to_owned(), "help")));
    assert_eq!(
        config.keymap.lookup(Context::Review, Key::char('e')),
        None,
        "the default key is replaced"
    );

    // The same file in the config folder, as a user would write it.
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(home.path().join("config/config.toml"), text).unwrap();
    let mut app = open(home.path(), &[]);
    assert_eq!(app.ui.keymap, config.keymap);
    with_template(&mut app, "awareness");
    ch(&mut app, '5');
    let bottom = screen(&app, 200, 40);
    let bottom = bottom.lines().last().unwrap();
    assert!(bottom.contains(" x export "), "{bottom}");
    assert!(bottom.contains(" f2 help "), "{bottom}");
    assert!(!bottom.contains(" e export md"), "{bottom}");
    ch(&mut app, 'e');
    assert!(app.ui.overlay.is_none(), "e does nothing now");
    ch(&mut app, 'x');
    ch(&mut app, 'm');
    assert!(exported(&app).extension().unwrap() == "md");
    ch(&mut app, '?');
    assert!(app.ui.overlay.is_none(), "? is no longer help");
    press(&mut app, KeyCode::F(2));
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { .. })));
    typ(&mut app, "export");
    let shown = screen(&app, 120, 40);
    assert!(
        shown
            .lines()
            .any(|l| l.contains("  x ") && l.contains("export the review")),
        "{shown}"
    );

    // A bad file stops the app before the terminal is touched, naming the line.
    std::fs::write(
        home.path().join("config/config.toml"),
        "[keys.review]\nexport_pdf = \"m\"\n",
    )
    .unwrap();
    let err = engage::tui::prepare(&Options {
        paths: vec![],
        fresh: true,
        home: Some(home.path().into()),
        import: Default::default(),
    })
    .err()
    .unwrap()
    .to_string();
    assert!(
        err.contains("config.toml:2:1: unknown action `export_pdf`"),
        "{err}"
    );
}

#[test]
fn every_action_can_be_run_from_the_default_keys() {
    let map = engage::tui::keymap::Keymap::default();
    for action in Action::ALL {
        let bound = Context::ALL
            .iter()
            .any(|c| map.key_for(*c, *action).is_some());
        assert!(bound || *action == Action::Edit, "{action:?} has no key");
    }
}

// ---------------------------------------------------------------------------------------
// Sessions, loads, errors

#[test]
fn the_session_reopens_the_plan_and_files() {
    let home = tempfile::tempdir().unwrap();
    let mut app = open(home.path(), &[]);
    with_template(&mut app, "awareness");
    let session = read_json(&home.path().join("session.json"));
    assert_eq!(session, json!({"files": [], "plan": "awareness"}));

    let mut app = prepare(home.path(), &[], false);
    assert_eq!(app.load_request, Some(Source::Demo));
    assert_eq!(
        app.model.plan.as_ref().map(|p| p.plan.name.as_str()),
        Some("awareness")
    );
    assert_eq!(
        message(&app),
        "reopened last session: plan awareness (--fresh starts clean)"
    );
    finish_load(&mut app);
    assert_eq!(
        message(&app),
        "reopened last session: plan awareness (--fresh starts clean)",
        "still said after the load"
    );
    assert_eq!(app.model.results.cards.len(), 6);
    assert!(screen(&app, 120, 40).contains("reopened last session"));

    // --fresh ignores it.
    let app = prepare(home.path(), &[], true);
    assert!(app.model.plan.is_none());
    assert!(app.ui.message.is_none());

    // Files are recorded as full paths, and reopened when they still exist.
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("my export.json");
    std::fs::copy(format!("{FIXTURES}/valid/every-field.json"), &file).unwrap();
    let _ = open(home.path(), std::slice::from_ref(&file));
    let session = read_json(&home.path().join("session.json"));
    let canonical = std::fs::canonicalize(&file).unwrap();
    assert_eq!(session["files"], json!([canonical]));
    let app = prepare(home.path(), &[], false);
    assert_eq!(app.load_request, Some(Source::Files(vec![canonical])));
    assert!(message(&app).contains("1 file(s)"), "{}", message(&app));
    // Paths on the command line win over the session.
    let app = prepare(home.path(), std::slice::from_ref(&file), false);
    assert_eq!(app.load_request, Some(Source::Files(vec![file.clone()])));
    // A file gone since falls back to the demo.
    std::fs::remove_file(&file).unwrap();
    let app = prepare(home.path(), &[], false);
    assert_eq!(app.load_request, Some(Source::Demo));
}

#[test]
fn a_file_with_errors_is_shown_in_step_1_and_the_app_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let bad = PathBuf::from(format!("{FIXTURES}/invalid/count-negative.json"));
    let mut app = open(home.path(), std::slice::from_ref(&bad));
    assert!(!app.ui.quit);
    assert_eq!(app.ui.step, Step::Data);
    assert!(app.model.data.store.is_none());
    assert_eq!(app.model.data.files.len(), 1);
    assert!(!app.model.data.files[0].is_valid());
    assert!(is_error(&app));
    assert!(message(&app).starts_with("no data loaded: the files have errors"));
    let finding = app.model.data.files[0].findings.errors[0].to_string();
    assert!(
        finding.contains("posts[1].likes") && finding.contains("negative"),
        "{finding}"
    );
    let shown = screen(&app, 200, 40);
    assert!(shown.contains("INVALID"), "{shown}");
    assert!(
        shown.contains(
            "count-negative.json:13:110: error: posts[1].likes: expected a non-negative integer or null, found number -5"
        ),
        "the loader's own message: {shown}"
    );
    // The findings pane scrolls with the cursor; every step still draws.
    press(&mut app, KeyCode::BackTab);
    ch(&mut app, 'j');
    for step in ['2', '3', '4', '5', '1'] {
        ch(&mut app, step);
        let _ = screen(&app, 120, 40);
    }
    ch(&mut app, '4');
    assert!(screen(&app, 120, 40).contains("no data"));

    // With a valid file beside it, the valid one loads and the bad one is named.
    let good = PathBuf::from(format!("{FIXTURES}/valid/every-field.json"));
    let app = open(home.path(), &[good, bad]);
    assert!(app.model.data.store.is_some());
    assert_eq!(message(&app), "1 file(s) could not be read: see 1 Data");
    let shown = screen(&app, 200, 40);
    assert!(shown.contains("valid") && shown.contains("INVALID"));
}

#[test]
fn opening_a_file_by_path_adds_it() {
    let (_home, mut app) = demo();
    ch(&mut app, 'o');
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!();
    };
    assert_eq!(p.kind, PromptKind::OpenFile);
    ctrl(&mut app, 'u');
    typ(&mut app, &format!("{FIXTURES}/valid/no-such.json"));
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!("stays open");
    };
    assert!(p.error.as_deref().unwrap().ends_with("does not exist"));
    ctrl(&mut app, 'u');
    typ(&mut app, &format!("{FIXTURES}/valid/every-f"));
    press(&mut app, KeyCode::Tab);
    let Some(Overlay::Prompt(p)) = &app.ui.overlay else {
        panic!();
    };
    assert_eq!(
        p.input.text,
        format!("{FIXTURES}/valid/every-field.json"),
        "Tab completes"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.ui.overlay.is_none());
    let want = vec![PathBuf::from(format!("{FIXTURES}/valid/every-field.json"))];
    assert_eq!(app.load_request, Some(Source::Files(want)));
    finish_load(&mut app);
    assert_eq!(app.model.data.files.len(), 1);
    assert!(app.model.data.files[0].name.ends_with("every-field.json"));
}

/// A load in progress, as `start_load` sets it up (without the thread).
fn start_loading(app: &mut App) -> (Source, LoadControl) {
    let source = app.load_request.take().expect("a load was requested");
    let control = LoadControl::default();
    app.model.data.loading = Some(Loading {
        label: "loading 1 file(s)".into(),
        total: 1000,
        control: control.clone(),
        started: Instant::now(),
        elapsed_ms: 1500,
    });
    (source, control)
}

#[test]
fn a_cancelled_load_keeps_the_previous_data() {
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("demo.json");
    std::fs::write(&file, engage::snapshot::load::DEMO_JSON).unwrap();
    let mut app = open(home.path(), std::slice::from_ref(&file));
    with_template(&mut app, "awareness");
    let store = app.model.data.store.clone().unwrap();
    let cards = app.model.results.cards.len();
    ch(&mut app, '1');
    ch(&mut app, 'r');
    assert_eq!(message(&app), "reloading…");
    let (source, control) = start_loading(&mut app);
    assert!(screen(&app, 120, 40).contains("esc cancels (the previous data stays)"));

    // Keys still answer while loading; Esc cancels.
    ch(&mut app, '3');
    assert_eq!(app.ui.step, Step::Metrics);
    press(&mut app, KeyCode::Esc);
    assert!(control.cancel.load(std::sync::atomic::Ordering::Relaxed));
    assert_eq!(message(&app), "cancelling the load…");
    let result = engage::tui::load_now(source, &Default::default(), &control);
    assert!(result.cancelled);
    app.update(Msg::Loaded(Box::new(result)));
    assert!(app.model.data.loading.is_none());
    assert_eq!(message(&app), "load cancelled; the previous data stays");
    assert!(Arc::ptr_eq(app.model.data.store.as_ref().unwrap(), &store));
    assert_eq!(app.model.results.cards.len(), cards);
    assert_eq!(app.model.data.files.len(), 1);
    assert!(app.model.data.files[0].is_valid());

    // Ctrl-C during a load cancels it and quits.
    ch(&mut app, '1');
    ch(&mut app, 'r');
    let (_source, control) = start_loading(&mut app);
    ctrl(&mut app, 'c');
    assert!(app.ui.quit);
    assert!(control.cancel.load(std::sync::atomic::Ordering::Relaxed));
}

#[test]
fn resize_changes_nothing_but_the_drawing() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '4');
    let before = screen(&app, 120, 40);
    app.update(Msg::Resize);
    assert_eq!(screen(&app, 120, 40), before);
    assert!(screen(&app, 59, 15).contains("terminal too small (59x15)"));
}

// ---------------------------------------------------------------------------------------
// Bugs found while writing these tests (ignored until fixed in src/).

/// On first entering step 3 the highlighted row is the "Primary for ..." heading while the
/// detail pane shows CATALOGUE[0] (Engagement rate by reach). Space then toggles the first
/// metric row under the heading (Reach rate, a KPI: it is removed), not the metric shown.
#[test]
fn space_on_entering_metrics_toggles_the_metric_shown() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '3');
    let shown = CATALOGUE[app.ui.metrics.selected].id;
    let kpis_before: Vec<String> = app
        .model
        .plan
        .as_ref()
        .unwrap()
        .plan
        .kpis
        .iter()
        .map(|k| k.metric.clone())
        .collect();
    ch(&mut app, ' ');
    let had = kpis_before.iter().any(|k| k == shown);
    let has = app
        .model
        .plan
        .as_ref()
        .unwrap()
        .plan
        .kpis
        .iter()
        .any(|k| k.metric == shown);
    assert_ne!(
        had, has,
        "Space toggled {shown}, the metric in the detail pane"
    );
}

/// The scorecard's cursor stays on a row when the plan changes: after End on a plan with six
/// KPIs and a switch to a plan with one, every view is reconciled with the new results.
#[test]
fn review_cursor_stays_within_the_scorecard() {
    let (_home, mut app) = demo();
    with_template(&mut app, "awareness");
    ch(&mut app, '5');
    press(&mut app, KeyCode::End);
    assert_eq!(app.ui.review.cursor, 5);
    ch(&mut app, '2');
    ch(&mut app, 'n');
    press(&mut app, KeyCode::Enter);
    metric_to(&mut app, "er_reach");
    ch(&mut app, ' ');
    assert_eq!(app.model.results.cards.len(), 1);
    ch(&mut app, '5');
    assert!(
        app.ui.review.cursor < app.model.results.cards.len(),
        "cursor {} of {} rows",
        app.ui.review.cursor,
        app.model.results.cards.len()
    );
}

/// With no saved plans, End (or PgDn) in the templates list stops on the "Saved plans"
/// heading, which the list otherwise never selects; Enter there does nothing.
#[test]
fn end_in_the_plan_list_selects_an_item() {
    let (_home, mut app) = demo();
    ch(&mut app, '2');
    press(&mut app, KeyCode::End);
    assert_eq!(
        app.ui.objective.cursor, 6,
        "the last template (the heading below it has no items)"
    );
}

#[test]
fn tab_skips_the_chart_pane_when_there_is_no_chart() {
    let (_home, mut app) = demo();
    ch(&mut app, '4');
    assert!(app.model.plan.is_none());
    assert_eq!(app.focus(), 0);
    // Before a plan the overview is a chart: Tab goes to it.
    assert_eq!(
        app.model.results.overview.len(),
        2,
        "interactions and an ER"
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 1);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), 0);
    // Data without posts has no overview: Tab skips to the posts pane.
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web.json");
    std::fs::write(
        &web,
        r#"{"format":"engage-snapshot","version":1,"accounts":[],"posts":[],
            "web":[{"date":"2026-10-01","channel":"direct","sessions":10}]}"#,
    )
    .unwrap();
    let other_home = tempfile::tempdir().unwrap();
    let mut web_app = open(other_home.path(), &[web]);
    ch(&mut web_app, '4');
    assert!(web_app.model.results.overview.is_empty());
    press(&mut web_app, KeyCode::Tab);
    assert_eq!(
        web_app.focus(),
        2,
        "no KPIs, no chart: Tab goes to the posts"
    );
    with_template(&mut app, "engagement");
    ch(&mut app, '4');
    let before = app.focus();
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        app.focus(),
        (before + 1) % 3,
        "with KPIs every pane takes focus"
    );
}

#[test]
fn exports_open_in_the_app_and_posts_show_their_file() {
    let home = tempfile::tempdir().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/x-classic");
    let app = open(home.path(), &[folder]);
    let store = app.model.data.store.as_ref().expect("the exports load");
    assert_eq!(store.posts.len(), 4);
    assert_eq!(app.model.data.files.len(), 3);
    assert!(app.model.data.files.iter().all(|f| f.is_valid()));
    let text = screen(&app, 120, 40);
    assert!(text.contains("engage x-classic"), "{text}");
    assert!(text.contains("01_20260301_en.csv"), "{text}");
    assert!(text.contains("kept 2 · replaced 1"), "{text}");
}

/// A folder's files that were not read show in the Data step (files pane and findings), not
/// only in `engage import`'s output; two files of the same name are told apart by their
/// folders, with the rows each kept.
#[test]
fn skipped_files_and_same_named_files_show_in_the_data_step() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let people = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/people");
    for who in ["ana", "ben"] {
        std::fs::create_dir(dir.path().join(who)).unwrap();
        std::fs::copy(
            people.join(who).join("account_overview_analytics.csv"),
            dir.path().join(who).join("account_overview_analytics.csv"),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    std::fs::write(dir.path().join("odd.csv"), "a,b\n1,2\n").unwrap();
    let app = open(home.path(), &[dir.path().to_path_buf()]);
    assert_eq!(app.model.data.files.len(), 2);
    let skipped: Vec<(String, &str)> = app
        .model
        .data
        .skipped
        .iter()
        .map(|(p, why)| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                why.as_str(),
            )
        })
        .collect();
    assert_eq!(skipped.len(), 2);
    assert_eq!(
        skipped[0],
        ("notes.txt".to_owned(), "not a .csv or .json file")
    );
    assert_eq!(skipped[1].0, "odd.csv");
    assert!(
        skipped[1]
            .1
            .starts_with("not a known export (its columns start a, b)")
    );
    let text = screen(&app, 160, 40);
    assert!(
        text.contains("ana/account_overview_analytics.csv"),
        "{text}"
    );
    assert!(
        text.contains("ben/account_overview_analytics.csv"),
        "{text}"
    );
    assert!(text.contains("Skipped files 2"), "{text}");
    assert!(
        text.contains("notes.txt: skipped: not a .csv or .json file"),
        "{text}"
    );
    assert!(
        text.contains("odd.csv: skipped: not a known export"),
        "{text}"
    );
    // Each folder is its own account: nothing replaced.
    assert_eq!(text.matches("kept 3").count(), 2, "{text}");
    let summary = app.model.data.summary.as_ref().unwrap();
    let ids: Vec<&str> = summary.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ana", "ben"]);
}

/// Every input goes through `update` to what has the keys: the mouse wheel scrolls the help
/// (not the hidden Accounts list under it), overlays answer the keymap (a rebound `down`
/// scrolls a post's details), and the hints name the keys as bound.
#[test]
fn every_input_goes_through_update_to_what_has_the_keys() {
    let (_home, mut app) = demo();
    app.ui.mouse = true;
    press(&mut app, KeyCode::Tab); // focus the Accounts pane
    let accounts_before = app.ui.data.cursor;
    ch(&mut app, '?');
    assert_eq!(app.context(), Context::Help);
    app.update(Msg::Mouse(crossterm::event::MouseEventKind::ScrollDown));
    app.update(Msg::Mouse(crossterm::event::MouseEventKind::ScrollDown));
    match &app.ui.overlay {
        Some(Overlay::Help { scroll, .. }) => assert_eq!(*scroll, 2),
        other => panic!("help closed: {other:?}"),
    }
    assert_eq!(
        app.ui.data.cursor, accounts_before,
        "the hidden pane did not move"
    );
    // Typing searches (j is text here), the arrows scroll, Esc closes.
    ch(&mut app, 'j');
    match &app.ui.overlay {
        Some(Overlay::Help { query, scroll }) => {
            assert_eq!((query.text.as_str(), *scroll), ("j", 0));
        }
        other => panic!("help closed: {other:?}"),
    }
    press(&mut app, KeyCode::Esc);
    assert!(app.ui.overlay.is_none());
    // Without an overlay the wheel moves the focused list.
    app.update(Msg::Mouse(crossterm::event::MouseEventKind::ScrollDown));
    assert_eq!(app.ui.data.cursor[1], accounts_before[1] + 1);

    // Rebind `down` to `n`: a post's details scroll with it.
    app.ui
        .keymap
        .rebind(Context::Global, Action::Down, vec![Key::char('n')]);
    app.ui.overlay = Some(Overlay::PostDetail { row: 0, scroll: 0 });
    ch(&mut app, 'n');
    ch(&mut app, 'n');
    match &app.ui.overlay {
        Some(Overlay::PostDetail { scroll, .. }) => assert_eq!(*scroll, 2),
        other => panic!("post detail closed: {other:?}"),
    }
    ch(&mut app, 'q');
    assert!(
        app.ui.overlay.is_none() && !app.ui.quit,
        "q closes the post, never quits from it"
    );
    // The keys a text names follow the bindings.
    app.ui
        .keymap
        .rebind(Context::Metrics, Action::SetTarget, vec![Key::char('T')]);
    assert_eq!(app.key_in(Context::Metrics, Action::SetTarget), "T");
}

/// The top bar names the steps in full from 100 columns up and the title gives way; a custom
/// window keeps its start date; the bottom bar starts with help and keeps quit whatever
/// message shows, the message in its own room.
#[test]
fn the_bars_keep_what_a_newcomer_needs() {
    let (_home, mut app) = demo();
    for w in [100, 120, 200] {
        let top = screen(&app, w, 40)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        for name in ["1 Data", "2 Objective", "3 Metrics", "4 Charts", "5 Review"] {
            assert!(top.contains(name), "{w}: {top}");
        }
    }
    let wide = screen(&app, 200, 40);
    assert!(
        wide.lines()
            .next()
            .is_some_and(|l| l.contains("Kabar Kini: social accounts and website (demo) [demo]")),
        "at 200 columns the title is whole: {wide}"
    );
    ch(&mut app, 'W');
    typ(&mut app, "2026-09-01..2026-10-31");
    press(&mut app, KeyCode::Enter);
    for w in [80, 120] {
        let top = screen(&app, w, 24)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        assert!(top.contains("2026-09-01..2026-10-31"), "{w}: {top}");
    }
    // A long message: the hints still start with help and keep quit, at every size.
    ch(&mut app, '2');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    assert!(message(&app).starts_with("plan awareness made from"));
    for (w, h) in [(60, 16), (80, 24), (120, 40)] {
        let bottom = screen(&app, w, h)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned();
        assert!(bottom.starts_with(" ? help"), "{w}x{h}: {bottom:?}");
        assert!(bottom.contains("q quit"), "{w}x{h}: {bottom:?}");
        assert!(bottom.contains("plan awareness"), "{w}x{h}: {bottom:?}");
    }
}

/// The posts table: `c` chooses columns among what the data has (the selected KPI shown by
/// default), ←/→ scroll sideways, `y` copies the selected cell of the sorted column and `Y`
/// the row, through the clipboard effect.
#[test]
fn posts_table_columns_scroll_and_copy() {
    let (_home, mut app) = demo();
    with_template(&mut app, "engagement");
    ch(&mut app, '4');
    let shown = engage::tui::steps::charts::posts_columns(&app.ui.charts, &app.model);
    assert_eq!(
        shown.get(3),
        Some(&Column::Metric(
            engage::measure::metric("er_reach").unwrap()
        )),
        "the selected KPI, after when, whose and the format: {shown:?}"
    );
    // Choose: hide `format`, then back to the defaults.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 2);
    ch(&mut app, 'c');
    assert_eq!(app.context(), Context::Columns);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    ch(&mut app, ' ');
    let chosen = engage::tui::steps::charts::posts_columns(&app.ui.charts, &app.model);
    assert!(!chosen.contains(&Column::Format), "{chosen:?}");
    assert!(screen(&app, 120, 40).contains("[ ] format"));
    ch(&mut app, 'r');
    assert_eq!(app.ui.charts.columns, None);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Charts);
    // Sideways: at 80 columns some columns wait to the right.
    let before = screen(&app, 80, 24);
    assert!(before.contains("more →"), "{before}");
    ch(&mut app, 'l');
    assert_eq!(app.ui.charts.col_offset, 1);
    let after = screen(&app, 80, 24);
    assert!(after.contains("← 1"), "{after}");
    // Copy: sort by likes, the top post's likes are copied; Y copies its row.
    sort_by(&mut app, Column::Count(PostCount::Likes));
    let store = app.model.data.store.clone().unwrap();
    let top = app.ui.charts.rows[0] as usize;
    let likes = store.posts.count(PostCount::Likes, top).unwrap();
    ch(&mut app, 'y');
    assert_eq!(
        app.clipboard.as_deref(),
        Some(engage::text::thousands(likes).as_str())
    );
    assert!(
        message(&app).starts_with("copied the post's likes"),
        "{}",
        message(&app)
    );
    ch(&mut app, 'Y');
    let row = app.clipboard.clone().unwrap();
    assert!(
        row.contains('\t') && row.contains(&engage::text::thousands(likes)),
        "{row}"
    );
    // On the cards, y copies the KPI's value.
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'y');
    let value = engage::measure::format::figure(
        app.model.results.cards[0].metric(),
        &app.model.results.cards[0].result.current,
    );
    assert_eq!(app.clipboard.as_deref(), Some(value.as_str()));
}

/// `f` fits the y axis to the data: the follower count (millions) is drawn from its low, not
/// from 0; without colour, per-account lines differ by marker; one focus marker at a time.
#[test]
fn y_scale_markers_and_focus() {
    let (_home, mut app) = demo();
    ch(&mut app, '3');
    metric_to(&mut app, "followers");
    ch(&mut app, ' ');
    ch(&mut app, '4');
    ch(&mut app, 'G');
    press(&mut app, KeyCode::Tab);
    let from_zero = screen(&app, 120, 40);
    assert!(from_zero.contains("┃0 "), "from zero: {from_zero}");
    assert!(from_zero.contains("y from 0"));
    ch(&mut app, 'f');
    let fitted = screen(&app, 120, 40);
    assert!(!fitted.contains("┃0 "), "fitted: {fitted}");
    assert!(fitted.contains("y fitted"));
    // One ▶: the chart pane's title, not the selected card's.
    assert_eq!(fitted.matches('▶').count(), 1, "{fitted}");
    // Without colour, five accounts, five markers.
    app.ui.theme = Theme::plain();
    ch(&mut app, 'a');
    let plain = screen(&app, 120, 40);
    for marker in ["⣿ ", "• ", "█ ", "▀ ", "▄ "] {
        assert!(plain.contains(marker), "legend marker {marker:?}: {plain}");
    }
}

/// A window with no day of the data is refused in the prompt, as `engage report` refuses it.
#[test]
fn a_custom_window_outside_the_data_is_refused() {
    let (_home, mut app) = demo();
    ch(&mut app, 'W');
    typ(&mut app, "2030-01-01..2030-01-31");
    press(&mut app, KeyCode::Enter);
    match &app.ui.overlay {
        Some(Overlay::Prompt(p)) => assert_eq!(
            p.error.as_deref(),
            Some(
                "2030-01-01..2030-01-31 is outside the data, which runs from 2024-11-01 to 2026-10-31"
            )
        ),
        other => panic!("the prompt stays open: {other:?}"),
    }
}

/// A KPI the data cannot support says why in the chart, instead of an empty frame.
#[test]
fn a_kpi_the_data_cannot_support_says_why() {
    let home = tempfile::tempdir().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/x-classic");
    let mut app = open(home.path(), &[folder]);
    ch(&mut app, '3');
    metric_to(&mut app, "er_reach");
    ch(&mut app, ' ');
    ch(&mut app, '4');
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Engagement rate by reach has no value to draw in this window: needs reach"),
        "{shown}"
    );
}

/// Many files and few findings: the Files pane takes the rows, not an empty findings pane.
#[test]
fn many_files_get_the_rows() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = (1..=30)
        .map(|d| {
            let path = dir.path().join(format!("export-2026-09-{d:02}.json"));
            std::fs::write(
                &path,
                format!(
                    r#"{{"format":"engage-snapshot","version":1,
                    "exported_at":"2026-10-01T00:00:00Z",
                    "accounts":[{{"id":"ig","platform":"instagram"}}],
                    "posts":[{{"id":"p{d}","account":"ig","published_at":"2026-09-{d:02}T09:00:00Z",
                      "format":"photo","likes":{d}}}],
                    "daily":[{{"account":"ig","date":"2026-09-{d:02}","followers":100}}]}}"#
                ),
            )
            .unwrap();
            path
        })
        .collect();
    let app = open(home.path(), &paths);
    let shown = screen(&app, 120, 40);
    let files_shown = shown.matches("valid").count();
    assert!(
        files_shown >= 20,
        "{files_shown} of 30 files shown:\n{shown}"
    );
}

/// Charts cycles its lenses with one key; each is computed off the UI thread (asked for as a
/// job, shown only for the window, segment and metric it was asked for) and shows the same
/// numbers as `engage explore`.
#[test]
fn charts_cycles_the_lenses() {
    let (_home, mut app) = demo();
    ch(&mut app, '4');
    assert_eq!(app.ui.charts.lens, engage::tui::lens::LensKind::Time);
    // Asked, not run yet: the pane says it is computing; the answer is the job's.
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('v'),
        KeyModifiers::NONE,
    )));
    let job = app.lens_request.take().expect("a lens job");
    assert!(app.model.lens.pending());
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(screen.contains("computing breakdown"), "{screen}");
    // A stale answer (another window) is not shown.
    let mut stale = job.clone();
    stale.key.window = Window::new(
        parse_date("2025-01-01").unwrap(),
        parse_date("2025-01-31").unwrap(),
    )
    .unwrap();
    app.update(Msg::Lens(Box::new(stale.run())));
    assert!(app.model.lens.pending());
    app.update(Msg::Lens(Box::new(job.run())));
    assert!(!app.model.lens.pending());
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(screen.contains("breakdown by account"), "{screen}");
    assert!(screen.contains("median [95% interval]"), "{screen}");
    // The breakdown's numbers are explore's: the window is the app's last 28 days.
    let window = app.model.results.window.unwrap();
    let out = crate::common::engage_bin()
        .args([
            "explore",
            "breakdown",
            "--metric",
            "er_reach",
            "--format",
            "json",
        ])
        .args(["--from", &engage::calendar::format_date(window.from)])
        .args(["--to", &engage::calendar::format_date(window.to)])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let fb = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["keys"]["account"] == "fb")
        .unwrap();
    let shown = engage::measure::format::value(
        engage::measure::metric("er_reach").unwrap(),
        fb["value"].as_f64().unwrap(),
    );
    let line = screen.lines().find(|l| l.contains("│fb ")).unwrap();
    assert!(line.contains(&shown), "{line} vs {shown}");
    // b: by the next dimension.
    ch(&mut app, 'b');
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(screen.contains("breakdown by platform"), "{screen}");
    // v: best time, breakouts, follower jumps, content, then back to the time chart.
    ch(&mut app, 'v');
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(
        screen.contains("Mon ") && screen.contains("Sun "),
        "{screen}"
    );
    assert!(screen.contains("timing is confounded"), "{screen}");
    ch(&mut app, 'v');
    ch(&mut app, 'v');
    ch(&mut app, 'v');
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(
        screen.contains("promo median / audience-first median"),
        "{screen}"
    );
    ch(&mut app, 'v');
    assert_eq!(app.ui.charts.lens, engage::tui::lens::LensKind::Time);
    assert!(app.model.lens.key.is_none());
    // The help lists the lens keys (generated from the keymap).
    let help = app
        .ui
        .keymap
        .bindings
        .iter()
        .filter(|b| b.context == Context::Charts);
    let names: Vec<&str> = help.map(|b| b.action.name()).collect();
    assert!(names.contains(&"next_lens") && names.contains(&"lens_by"));
}

/// Over two years the follower lens in the app names the demo's Instagram jump.
/// The breakdown lens reaches website visits by source when the data has them (the demo
/// does), as `engage explore breakdown --by source` gives them.
#[test]
fn the_breakdown_lens_shows_visits_by_source() {
    let (_home, mut app) = demo();
    ch(&mut app, '4');
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'v');
    let mut presses = 0;
    while app.ui.charts.dim != engage::analysis::dims::Dim::Source {
        ch(&mut app, 'b');
        presses += 1;
        assert!(presses <= 8, "source is in the cycle");
    }
    let Some(engage::tui::lens::LensOutput::Sources(s)) = app.model.lens.answer() else {
        panic!("visits by source");
    };
    assert_eq!(
        s.metric.id, "sessions",
        "sessions where the metric has none by source"
    );
    let sources: Vec<&str> = s.groups.iter().map(|g| g.source.as_str()).collect();
    for name in ["facebook", "instagram", "x"] {
        assert!(sources.contains(&name), "{name} in {sources:?}");
    }
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(screen.contains("breakdown by source"), "{screen}");
    assert!(screen.contains("pages/sess"), "{screen}");
    // The platform whose readers stay, as the Review says it (x on the demo).
    assert!(screen.contains("x sends the readers who stay"), "{screen}");
    // Its numbers are explore's: X's pages per session.
    let x = s.groups.iter().find(|g| g.source == "x").unwrap();
    let pages = engage::measure::format::value(
        engage::measure::metric("pages_per_session").unwrap(),
        x.visits[1].1.value.unwrap(),
    );
    let line = screen
        .lines()
        .find(|l| l.contains("┃x ") || l.contains("│x "))
        .unwrap_or_else(|| panic!("a row for x in {screen}"));
    assert!(line.contains(&pages), "{line} vs {pages}");
    // And round again to the account.
    ch(&mut app, 'b');
    assert_eq!(app.ui.charts.dim, engage::analysis::dims::Dim::Account);
}

#[test]
fn the_follower_lens_shows_the_jump_in_the_app() {
    let (_home, mut app) = demo();
    ch(&mut app, '4');
    let span = app.model.data.store.as_ref().unwrap().day_span().unwrap();
    app.model
        .window
        .set_custom(Window::new(span.0, span.1).unwrap());
    // Day, week, month, day again: each recomputes the figures for the window set.
    for _ in 0..3 {
        ch(&mut app, 'd');
    }
    for _ in 0..4 {
        ch(&mut app, 'v');
    }
    crate::tui_kit::settle(&mut app);
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(
        screen.contains("2026-03-14  ig") && screen.contains("unexplained follower jump"),
        "{screen}"
    );
}

/// Review lists the findings of the window (computed on a worker, as `engage report` finds
/// them), and Enter on one opens the lens that shows it in 4 Charts, by its metric.
#[test]
fn review_findings_open_their_lens() {
    let (_home, mut app) = demo();
    ch(&mut app, '2');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    assert!(app.model.plan.is_some());
    ch(&mut app, '5');
    let found = app.model.findings.answer().expect("findings back").to_vec();
    assert!(!found.is_empty());
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(screen.contains("Findings"), "{screen}");
    let first = found[0].headline.to_string();
    assert!(screen.contains(&first[..40.min(first.len())]), "{screen}");
    // Tab to the findings, down to the last, Enter: its lens, by its metric.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::End);
    let last = found.last().unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.ui.step, Step::Charts);
    assert_eq!(
        app.ui.charts.lens,
        engage::tui::lens::LensKind::of_finding(last.lens)
    );
    assert_eq!(app.model.lens.key.as_ref().unwrap().metric, last.metric);
    assert!(app.model.lens.answer().is_some());
}

/// An export asked for while Review's findings are still computing waits for them (the UI
/// thread never computes them itself) and is written, with them, when they arrive.
#[test]
fn an_export_waits_for_the_findings() {
    let (_home, mut app) = demo();
    let out = tempfile::tempdir().unwrap();
    app.model.export_dir = out.path().to_path_buf();
    ch(&mut app, '2');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    // Step 5 and `E` straight away, as keys arrive before the worker answers.
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('5'),
        KeyModifiers::NONE,
    )));
    let job = app
        .findings_request
        .take()
        .expect("Review asks for its findings");
    for c in ['e', 'h'] {
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('E'),
        KeyModifiers::SHIFT,
    )));
    assert!(app.ui.review.exported.is_none());
    let said = app
        .ui
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("as soon as the findings"), "{said}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    app.update(Msg::Findings(Box::new(job.run())));
    // Both asked for are written, HTML then JSON.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
    let path = app
        .ui
        .review
        .exported
        .clone()
        .expect("written once they arrived");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let findings = json["findings"].as_array().expect("findings in the export");
    assert!(!findings.is_empty());
    assert_eq!(
        findings.len(),
        app.model.findings.answer().unwrap().len(),
        "the export holds the findings Review shows"
    );
}

/// Back on Review with nothing changed, the findings already computed are shown at once, not
/// asked of a worker again; a changed window asks again.
#[test]
fn findings_are_not_computed_twice() {
    let (_home, mut app) = demo();
    ch(&mut app, '2');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    ch(&mut app, '5');
    assert!(app.model.findings.answer().is_some());
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('4'),
        KeyModifiers::NONE,
    )));
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('5'),
        KeyModifiers::NONE,
    )));
    assert!(app.findings_request.is_none(), "asked again");
    assert!(app.model.findings.answer().is_some(), "shown at once");
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('w'),
        KeyModifiers::NONE,
    )));
    assert!(app.findings_request.is_some(), "a new window asks again");
}

/// The plan file is edited by hand into something engage cannot read while the app has it
/// open: a change is refused ("not saved"), kept on screen and marked NOT SAVED; a rename
/// neither deletes nor replaces the hand-edited file; quitting asks first.
#[test]
fn a_change_that_cannot_be_saved_is_kept_marked_and_asked_about() {
    let (_home, mut app) = demo();
    with_template(&mut app, "website-loyalty");
    let path = plan_path(&app);
    std::fs::write(&path, b"{ edited by hand, broken").unwrap();
    let kpis = app.model.plan.as_ref().unwrap().plan.kpis.len();
    ch(&mut app, '3');
    press(&mut app, KeyCode::Home);
    ch(&mut app, ' ');
    assert!(is_error(&app), "{}", message(&app));
    assert!(message(&app).starts_with("not saved"), "{}", message(&app));
    assert_ne!(
        app.model.plan.as_ref().unwrap().plan.kpis.len(),
        kpis,
        "kept"
    );
    assert!(app.model.plan_unsaved.is_some());
    assert!(
        screen(&app, 120, 40)
            .lines()
            .next()
            .unwrap()
            .contains("NOT SAVED")
    );
    // Rename: refused, the hand-edited file stays, nothing new appears.
    ch(&mut app, '2');
    ch(&mut app, 'R');
    ctrl(&mut app, 'u');
    typ(&mut app, "renamed");
    press(&mut app, KeyCode::Enter);
    assert!(is_error(&app), "{}", message(&app));
    assert_eq!(std::fs::read(&path).unwrap(), b"{ edited by hand, broken");
    assert!(!path.with_file_name("renamed.json").exists());
    // Quit asks; no keeps the app; yes quits.
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'q');
    assert!(!app.ui.quit);
    let asked = screen(&app, 120, 40);
    assert!(asked.contains("not saved"), "{asked}");
    // Said once: the reason follows without its own "not saved:".
    assert!(!asked.contains("not saved (not saved"), "{asked}");
    ch(&mut app, 'n');
    assert!(!app.ui.quit);
    ch(&mut app, 'q');
    ch(&mut app, 'y');
    assert!(app.ui.quit);
}

/// Two instances, one plan: A saves, then B's save is refused (never a silent overwrite of
/// A's change); after opening the plan again B's next change saves on top of A's.
#[test]
fn two_instances_never_overwrite_each_other() {
    let home = tempfile::tempdir().unwrap();
    let mut a = open(home.path(), &[]);
    with_template(&mut a, "website-loyalty");
    let mut b = open(home.path(), &[]);
    ch(&mut b, '2');
    press(&mut b, KeyCode::End);
    press(&mut b, KeyCode::Enter);
    assert_eq!(plan_path(&a), plan_path(&b));
    ch(&mut a, '3');
    press(&mut a, KeyCode::Home);
    ch(&mut a, ' ');
    assert!(!is_error(&a), "{}", message(&a));
    let after_a = std::fs::read(plan_path(&a)).unwrap();
    ch(&mut b, '3');
    press(&mut b, KeyCode::End);
    ch(&mut b, ' ');
    assert!(is_error(&b), "{}", message(&b));
    assert!(message(&b).contains("changed on disk"), "{}", message(&b));
    assert_eq!(
        std::fs::read(plan_path(&a)).unwrap(),
        after_a,
        "A's change kept"
    );
    // B opens the plan again (asked, since its own change is not saved), then changes it.
    ch(&mut b, '2');
    press(&mut b, KeyCode::End);
    press(&mut b, KeyCode::Enter);
    ch(&mut b, 'y');
    assert!(b.model.plan_unsaved.is_none());
    let with_a = b.model.plan.as_ref().unwrap().plan.kpis.len();
    ch(&mut b, '3');
    press(&mut b, KeyCode::End);
    ch(&mut b, ' ');
    assert!(!is_error(&b), "{}", message(&b));
    let saved = read_json(&plan_path(&b));
    assert_ne!(saved["kpis"].as_array().unwrap().len(), with_a);
}

/// A load that stopped on a bug (a panic on the worker) keeps the previous data and says so,
/// with what the panic said (control characters escaped).
#[test]
fn a_load_that_stopped_on_a_bug_keeps_the_previous_data() {
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("demo.json");
    std::fs::write(&file, engage::snapshot::load::DEMO_JSON).unwrap();
    let mut app = open(home.path(), std::slice::from_ref(&file));
    let store = app.model.data.store.clone().unwrap();
    ch(&mut app, 'r');
    let (source, _control) = start_loading(&mut app);
    let result = engage::tui::app::LoadResult {
        failed: Some("index out of bounds\u{1b}[2J".to_owned()),
        ..engage::tui::app::LoadResult::empty(source)
    };
    app.update(Msg::Loaded(Box::new(result)));
    assert!(app.model.data.loading.is_none());
    assert!(is_error(&app), "{}", message(&app));
    assert!(
        message(&app).starts_with("the load stopped on a bug in engage (index out of bounds"),
        "{}",
        message(&app)
    );
    assert!(
        !message(&app).contains('\u{1b}'),
        "control characters escaped"
    );
    assert!(Arc::ptr_eq(app.model.data.store.as_ref().unwrap(), &store));
    assert_eq!(app.model.data.files.len(), 1);
}

/// A lens or the findings stopped on a bug: the status line says so and the app goes on.
#[test]
fn a_worker_that_stopped_on_a_bug_is_said_and_the_app_goes_on() {
    let (_home, mut app) = demo();
    app.update(Msg::WorkerFailed("attempt to divide by zero".to_owned()));
    assert!(is_error(&app));
    assert_eq!(
        message(&app),
        "a computation stopped on a bug in engage (attempt to divide by zero); the rest goes on"
    );
    ch(&mut app, '4');
    assert_eq!(app.ui.step, Step::Charts);
}
