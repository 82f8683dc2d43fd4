//! Running the effects steps ask for: the one place that writes plan files, starts loads,
//! exports, recomputes figures and reconciles every step's view with them. Effects run in
//! the order asked; what they make necessary (a recomputation, a new listing of plans, a
//! session save) is done once, at the end.

use super::app::{App, Message, Overlay, Step};
use super::effect::Effect;
use super::steps;
use crate::plans::PlanFile;

/// What the effects of one update made necessary.
#[derive(Default)]
struct Then {
    /// The message of a plan change that could not be saved.
    not_saved: Option<Message>,
    refresh: bool,
    detail: bool,
    listing: bool,
    session: bool,
}

impl App {
    /// Runs `effects`, then what they made necessary, once.
    pub(crate) fn run(&mut self, effects: Vec<Effect>) {
        let mut then = Then::default();
        for effect in effects {
            self.apply(effect, &mut then);
        }
        // A change that was not saved outranks whatever the same action says after it
        // ("removed KPI …" must not hide "not saved: …").
        if let Some(unsaved) = then.not_saved.take() {
            self.ui.message = Some(unsaved);
        }
        if then.listing {
            self.model.listing = self.model.plans.list();
        }
        if then.refresh {
            super::results::refresh(self);
        } else if then.detail {
            super::results::refresh_detail(self);
        }
        self.reconcile();
        if then.session {
            super::session::save(self);
        }
    }

    fn message(&mut self, text: String, error: bool) {
        self.ui.message = Some(Message { text, error });
    }

    fn apply(&mut self, effect: Effect, then: &mut Then) {
        match effect {
            Effect::Info(text) => self.message(text, false),
            Effect::Error(text) => self.message(text, true),
            Effect::Open(overlay) => self.ui.overlay = Some(overlay),
            Effect::SetPlan(plan) => {
                let Some(mut file) = self.model.plan.clone() else {
                    return;
                };
                let window_changed = file.plan.window != plan.window;
                file.plan = plan;
                match self.model.plans.save(&mut file) {
                    Ok(()) => {
                        self.model.plan_unsaved = None;
                        self.message(
                            crate::i18n::trf("msg.saved_plan", &[("name", &file.plan.name)]),
                            false,
                        );
                        if window_changed {
                            let span = self.model.data.store.as_ref().and_then(|s| s.day_span());
                            self.model.window.reset(span, Some(&file.plan.window));
                        }
                        self.model.plan = Some(file);
                        then.refresh = true;
                        then.listing = true;
                    }
                    // The change stays on screen, marked as not saved: the next change (or
                    // Enter on the plan in a fixed folder) tries again, and quitting asks.
                    Err(e) => {
                        let why = e.to_string();
                        self.message(
                            crate::i18n::trf("msg.kept_not_saved", &[("why", &why)]),
                            true,
                        );
                        then.not_saved = self.ui.message.clone();
                        // The confirmations say "not saved" themselves: keep the reason only.
                        let prefix = crate::i18n::trf("err.not_saved", &[("error", &"")]);
                        let reason = why.strip_prefix(prefix.as_str()).unwrap_or(&why);
                        self.model.plan_unsaved = Some(reason.to_owned());
                        if window_changed {
                            let span = self.model.data.store.as_ref().and_then(|s| s.day_span());
                            self.model.window.reset(span, Some(&file.plan.window));
                        }
                        self.model.plan = Some(file);
                        then.refresh = true;
                        then.listing = true;
                    }
                }
            }
            Effect::Quit => self.ui.quit = true,
            Effect::UsePlan(file) if self.model.plan_unsaved.is_some() => {
                self.ui.overlay = Some(crate::tui::app::Overlay::Confirm {
                    text: crate::i18n::trf(
                        "msg.open_unsaved",
                        &[
                            ("why", &self.model.plan_unsaved.clone().unwrap_or_default()),
                            ("name", &file.plan.name),
                        ],
                    ),
                    then: crate::tui::app::Confirm::UseDiscarding(Box::new(file)),
                });
            }
            Effect::UseDiscarding(file) => self.use_plan(*file, then),
            Effect::UsePlan(file) => self.use_plan(file, then),
            Effect::CreatePlan(plan) => match self.model.plans.create_file(&plan) {
                Ok(file) => {
                    self.message(
                        crate::i18n::trf(
                            "msg.created_plan",
                            &[("name", &plan.name), ("file", &file.path.display())],
                        ),
                        false,
                    );
                    self.use_plan(file, then);
                }
                Err(e) => self.message(e.to_string(), true),
            },
            Effect::RenamePlan(name) => {
                let Some(file) = self.model.plan.clone() else {
                    return;
                };
                match self.model.plans.rename(&file, &name) {
                    Ok(renamed) => {
                        self.message(
                            crate::i18n::trf(
                                "msg.renamed",
                                &[
                                    ("name", &renamed.plan.name),
                                    ("file", &renamed.path.display()),
                                ],
                            ),
                            false,
                        );
                        self.model.plan = Some(renamed);
                        then.listing = true;
                        then.session = true;
                    }
                    Err(e) => self.message(e.to_string(), true),
                }
            }
            Effect::DeletePlan(file) => match self.model.plans.delete(&file) {
                Ok(()) => {
                    if self
                        .model
                        .plan
                        .as_ref()
                        .is_some_and(|p| p.path == file.path)
                    {
                        self.model.plan = None;
                        then.refresh = true;
                        then.session = true;
                    }
                    then.listing = true;
                    self.message(
                        crate::i18n::trf("msg.deleted", &[("file", &file.path.display())]),
                        false,
                    );
                }
                Err(e) => self.message(e.to_string(), true),
            },
            Effect::Load(source) => self.load_request = Some(source),
            Effect::Export(format) if self.model.findings.pending() => {
                if !self.ui.review.export_waiting.contains(&format) {
                    self.ui.review.export_waiting.push(format);
                }
                self.message(
                    crate::i18n::tr("msg.export_after_findings").to_owned(),
                    false,
                );
            }
            Effect::Export(format) => {
                let found = self.model.findings.answer().cloned().unwrap_or_default();
                match steps::review::export(&self.model, self.ui.charts.granularity, format, found)
                {
                    Ok(path) => {
                        self.message(
                            crate::i18n::trf("msg.exported", &[("file", &path.display())]),
                            false,
                        );
                        self.ui.review.exported = Some(path);
                    }
                    Err(e) => self.message(e.to_string(), true),
                }
            }
            Effect::ExportCsv(steps::charts::CsvExport::Lens) if self.model.lens.pending() => {
                self.ui.charts.export_waiting = true;
                self.message(crate::i18n::tr("msg.export_after_lens").to_owned(), false);
            }
            Effect::ExportCsv(what) => {
                match steps::charts::export_csv(&self.model, &self.ui.charts, what) {
                    Ok(path) => self.message(
                        crate::i18n::trf("msg.exported", &[("file", &path.display())]),
                        false,
                    ),
                    Err(e) => self.message(e.to_string(), true),
                }
            }
            Effect::SetWindow(w) => {
                self.model.window.set_custom(w);
                then.refresh = true;
            }
            Effect::Refresh => then.refresh = true,
            Effect::RefreshDetail => then.detail = true,
            Effect::Go(step) => {
                self.ui.step = step;
                if step == Step::Objective {
                    then.listing = true;
                }
            }
            Effect::OpenLens { lens, metric } => {
                let charts = &mut self.ui.charts;
                charts.lens = lens;
                charts.lens_metric = Some(metric);
                charts.lens_scroll = 0;
                self.ui.step = Step::Charts;
                self.ui.pane[Step::Charts.number() - 1] = 1;
            }
            Effect::FocusPane(pane) => {
                let i = self.ui.step.number() - 1;
                self.ui.pane[i] = pane.min(self.ui.step.panes() - 1);
            }
            Effect::ShowMetric(id) => {
                steps::metrics::show_metric(&mut self.ui.metrics, &self.model, id);
                then.detail = true;
            }
            Effect::FilterPosts(text) => {
                let segment = super::results::segment(self);
                steps::charts::set_filter(&mut self.ui.charts, &self.model, &segment, &text);
            }
            Effect::Copy { what, text } => {
                let shown = crate::tui::view::fit(&text, 40);
                self.message(
                    crate::i18n::trf("msg.copied", &[("what", &what), ("shown", &shown)]),
                    false,
                );
                self.clipboard = Some(text);
            }
            Effect::SaveSession => then.session = true,
        }
    }

    /// Makes `file` the plan in use: its window, its segment, its KPIs.
    fn use_plan(&mut self, file: PlanFile, then: &mut Then) {
        self.model.plan_unsaved = None;
        let span = self.model.data.store.as_ref().and_then(|s| s.day_span());
        self.model.window.reset(span, Some(&file.plan.window));
        self.model.plan = Some(file);
        self.ui.charts.reset_view();
        then.refresh = true;
        then.listing = true;
        then.session = true;
    }

    /// Brings every step's view in line with the model (cursors on rows that exist, the
    /// posts of the window, the metric shown in 3 Metrics).
    pub(crate) fn reconcile(&mut self) {
        let segment = super::results::segment(self);
        let model = &self.model;
        let ui = &mut self.ui;
        steps::data::reconcile(&mut ui.data, model);
        steps::objective::reconcile(&mut ui.objective, model);
        steps::metrics::reconcile(&mut ui.metrics, model);
        steps::charts::reconcile(&mut ui.charts, model, &segment);
        steps::review::reconcile(&mut ui.review, model);
        let want = crate::tui::lens::wanted(model, &ui.charts, &segment);
        if let (Some(key), Some(prepared)) = (self.model.lens.ask(want), &self.model.data.prepared)
        {
            self.lens_request = Some(crate::tui::lens::LensJob {
                key,
                prepared: std::sync::Arc::clone(prepared),
                content: self.model.content.clone(),
            });
        }
        let want =
            crate::tui::lens::wanted_findings(&self.model, self.ui.step == Step::Review, &segment);
        if let (Some(key), Some(prepared)) =
            (self.model.findings.ask(want), &self.model.data.prepared)
        {
            self.findings_request = Some(crate::tui::lens::FindingsJob {
                key,
                prepared: std::sync::Arc::clone(prepared),
                content: self.model.content.clone(),
                card: self.model.results.window.map(|window| {
                    crate::measure::scorecard::Scorecard {
                        window,
                        kpis: self.model.results.cards.clone(),
                        unknown: Vec::new(),
                    }
                }),
            });
        }
        let ui = &mut self.ui;
        let model = &self.model;
        if let Some(Overlay::PostDetail { row, .. }) = &ui.overlay
            && model
                .data
                .store
                .as_ref()
                .is_none_or(|s| *row >= s.posts.len())
        {
            ui.overlay = None;
        }
    }
}
