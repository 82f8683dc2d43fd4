//! The analysis lenses in the app: which one Charts shows, the job that computes it off the
//! UI thread (a breakdown of a million posts takes longer than a frame), and its result. The
//! numbers are `analysis`'s, as `engage explore` prints them.

use std::sync::Arc;

use crate::analysis::best_time::{Cell, best_time};
use crate::analysis::breakdown::{Breakdown, breakdown};
use crate::analysis::breakouts::{Breakout, breakouts};
use crate::analysis::content::{ContentLens, content_lens};
use crate::analysis::dims::Dim;
use crate::analysis::followers::{Jump, jumps};
use crate::analysis::settings::ContentSettings;
use crate::measure::{Prepared, Segment, Window, metric};

/// What Charts shows beside the KPI cards: the KPI over time, or a lens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LensKind {
    #[default]
    Time,
    Breakdown,
    BestTime,
    Breakouts,
    Followers,
    Content,
}

impl LensKind {
    pub const ALL: [LensKind; 6] = [
        LensKind::Time,
        LensKind::Breakdown,
        LensKind::BestTime,
        LensKind::Breakouts,
        LensKind::Followers,
        LensKind::Content,
    ];

    /// The lens's name in the language shown.
    pub fn title(self) -> &'static str {
        crate::i18n::tr(self.title_key())
    }

    /// The catalogue key of its name (file names take the English one).
    pub fn title_key(self) -> &'static str {
        match self {
            LensKind::Time => "lensv.name_time",
            LensKind::Breakdown => "lensv.name_breakdown",
            LensKind::BestTime => "lensv.name_best_time",
            LensKind::Breakouts => "lensv.name_breakouts",
            LensKind::Followers => "lensv.name_followers",
            LensKind::Content => "lensv.name_content",
        }
    }

    /// The next lens, wrapping (one key cycles them).
    pub fn next(self) -> LensKind {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The lens that shows a finding.
    pub fn of_finding(lens: crate::analysis::findings::LensKind) -> LensKind {
        use crate::analysis::findings::LensKind as F;
        match lens {
            F::Breakdown => LensKind::Breakdown,
            F::BestTime => LensKind::BestTime,
            F::Breakouts => LensKind::Breakouts,
            F::Followers => LensKind::Followers,
            F::Content => LensKind::Content,
        }
    }
}

/// Everything a lens's numbers depend on: a result is shown only for its own key.
#[derive(Clone, Debug, PartialEq)]
pub struct LensKey {
    pub generation: u64,
    pub kind: LensKind,
    pub metric: &'static str,
    pub window: Window,
    pub segment: Segment,
    pub dim: Dim,
}

/// A lens to compute on a worker.
#[derive(Clone, Debug)]
pub struct LensJob {
    pub key: LensKey,
    pub prepared: Arc<Prepared>,
    pub content: ContentSettings,
}

/// A lens's answer.
#[derive(Clone, Debug)]
pub enum LensOutput {
    Breakdown(Box<Breakdown>),
    BestTime(Vec<Cell>),
    Breakouts(Vec<Breakout>),
    Followers(Vec<Jump>),
    Content(Box<ContentLens>),
    /// The breakdown by source: each source's visits, and each platform's link posts.
    Sources(Box<crate::analysis::sources::SourceBreakdown>),
    /// Why the lens cannot answer (a metric without per-post values, …).
    Refused(String),
}

/// A finished lens, with the key it answers.
#[derive(Clone, Debug)]
pub struct LensDone {
    pub key: LensKey,
    pub output: LensOutput,
}

impl LensJob {
    /// Computes the lens (on the worker; tests call it directly).
    pub fn run(self) -> LensDone {
        let k = &self.key;
        let p = &self.prepared;
        let output = match metric(k.metric) {
            None => LensOutput::Refused(format!("unknown metric {}", k.metric)),
            Some(m) => {
                let refused = |e: crate::analysis::LensError| LensOutput::Refused(e.to_string());
                match k.kind {
                    LensKind::Time => LensOutput::Refused("the time chart is not a lens".into()),
                    LensKind::Breakdown if k.dim == crate::analysis::dims::Dim::Source => {
                        LensOutput::Sources(Box::new(crate::analysis::sources::by_source(
                            p, m, k.window, &k.segment,
                        )))
                    }
                    LensKind::Breakdown => {
                        let content = self.content.classify(p);
                        breakdown(p, m, k.window, &k.segment, &[k.dim], &content)
                            .map_or_else(refused, |b| LensOutput::Breakdown(Box::new(b)))
                    }
                    LensKind::BestTime => best_time(p, m, k.window, &k.segment)
                        .map_or_else(refused, LensOutput::BestTime),
                    LensKind::Breakouts => breakouts(p, m, k.window, &k.segment)
                        .map_or_else(refused, LensOutput::Breakouts),
                    LensKind::Followers => LensOutput::Followers(jumps(p, k.window, &k.segment)),
                    LensKind::Content => {
                        let content = self.content.classify(p);
                        content_lens(p, m, k.window, &k.segment, &content)
                            .map_or_else(refused, |c| LensOutput::Content(Box::new(c)))
                    }
                }
            }
        };
        LensDone {
            key: self.key,
            output,
        }
    }
}

/// Work asked of a worker, in the model: the key asked for now and the last answer back
/// with its key. An answer is shown only for the key asked, so a late answer to an older
/// question (another window, another lens) never shows.
#[derive(Clone, Debug)]
pub struct Asked<K, V> {
    pub key: Option<K>,
    pub done: Option<(K, V)>,
}

impl<K, V> Default for Asked<K, V> {
    fn default() -> Self {
        Asked {
            key: None,
            done: None,
        }
    }
}

impl<K: PartialEq + Clone, V> Asked<K, V> {
    /// Asked and not back yet.
    pub fn pending(&self) -> bool {
        self.key.is_some() && self.answer().is_none()
    }

    /// The answer for the key asked, if it is back.
    pub fn answer(&self) -> Option<&V> {
        self.done
            .as_ref()
            .filter(|(k, _)| Some(k) == self.key.as_ref())
            .map(|(_, v)| v)
    }

    /// Asks for `want`; the key a worker must compute, if any: a new key whose answer is not
    /// already in hand (coming back to the same lens or step asks nothing).
    pub fn ask(&mut self, want: Option<K>) -> Option<K> {
        if want == self.key {
            return None;
        }
        let known = self.done.as_ref().map(|(k, _)| k) == want.as_ref();
        self.key = want;
        self.key.clone().filter(|_| !known)
    }

    /// Takes a worker's answer; whether it answers the key asked (else it is dropped).
    pub fn deliver(&mut self, key: K, value: V) -> bool {
        if self.key.as_ref() != Some(&key) {
            return false;
        }
        self.done = Some((key, value));
        true
    }
}

/// Charts' lens, asked and answered.
pub type LensState = Asked<LensKey, LensOutput>;

/// The lens key Charts wants now: none for the time chart or without data. The metric is
/// the selected KPI's when the lens can use it (lenses of posts need a per-post value), else
/// the first engagement rate the data supports.
pub fn wanted(
    model: &crate::tui::app::Model,
    view: &crate::tui::steps::charts::View,
    segment: &Segment,
) -> Option<LensKey> {
    if view.lens == LensKind::Time {
        return None;
    }
    let prepared = model.data.prepared.as_ref()?;
    let window = model.results.window?;
    let selected = model.results.cards.get(view.selected).map(|c| c.metric());
    let per_post = |m: &crate::measure::Metric| {
        crate::measure::posts::per_post(m) && crate::analysis::is_post_metric(m)
    };
    let metric = match (view.lens, view.lens_metric, selected) {
        (LensKind::Followers, _, _) => "followers",
        (_, Some(id), _) => id,
        (LensKind::Breakdown, None, Some(m))
            if m.scope != crate::measure::catalogue::Scope::Web =>
        {
            m.id
        }
        (_, None, Some(m)) if per_post(m) => m.id,
        _ => crate::analysis::default_metric(prepared, window, segment).id,
    };
    Some(LensKey {
        generation: model.data.generation,
        kind: view.lens,
        metric,
        window,
        segment: segment.clone(),
        dim: view.dim,
    })
}

/// Everything Review's findings depend on.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingsKey {
    pub generation: u64,
    pub window: Window,
    pub segment: Segment,
    /// The KPIs' ids and current values (a changed KPI changes what moved most).
    pub kpis: Vec<(&'static str, Option<f64>)>,
}

/// Review's findings to compute on a worker.
#[derive(Clone, Debug)]
pub struct FindingsJob {
    pub key: FindingsKey,
    pub prepared: Arc<Prepared>,
    pub content: ContentSettings,
    pub card: Option<crate::measure::scorecard::Scorecard>,
}

/// Findings computed, with the key they answer.
#[derive(Clone, Debug)]
pub struct FindingsDone {
    pub key: FindingsKey,
    pub findings: Vec<crate::analysis::findings::Finding>,
}

impl FindingsJob {
    pub fn run(self) -> FindingsDone {
        let content = self.content.classify(&self.prepared);
        let findings = crate::analysis::findings::findings(
            &self.prepared,
            self.key.window,
            &self.key.segment,
            &content,
            self.card.as_ref().filter(|c| !c.kpis.is_empty()),
        );
        FindingsDone {
            key: self.key,
            findings,
        }
    }
}

/// Review's findings, asked and answered.
pub type FindingsState = Asked<FindingsKey, Vec<crate::analysis::findings::Finding>>;

/// The findings key Review wants: on the Review step, with a plan, data and a window.
pub fn wanted_findings(
    model: &crate::tui::app::Model,
    on_review: bool,
    segment: &Segment,
) -> Option<FindingsKey> {
    if !on_review || model.plan.is_none() {
        return None;
    }
    model.data.prepared.as_ref()?;
    Some(FindingsKey {
        generation: model.data.generation,
        window: model.results.window?,
        segment: segment.clone(),
        kpis: model
            .results
            .cards
            .iter()
            .map(|c| (c.metric().id, c.result.current.value))
            .collect(),
    })
}
