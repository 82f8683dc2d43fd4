//! The keymap is data: a table of (context, keys, action, description). The key hints in the
//! bottom bar and the help overlay are generated from it, so they can never drift from the
//! real bindings, and the config file can rebind any action.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Context};

/// A key with its modifiers, normalised: Shift is folded into the character (`S`, not
/// shift-s), since terminals disagree on reporting it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub fn from_event(e: &KeyEvent) -> Key {
        let code = match e.code {
            // Some terminals send Tab with Shift for back-tab.
            KeyCode::Tab if e.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses `q`, `S`, `ctrl-c`, `alt-x`, `enter`, `pgdn`, `f1`, `space`, `<`.
    pub fn parse(spec: &str) -> Option<Key> {
        let mut rest = spec;
        let mut key = Key::plain(KeyCode::Null);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// One row of the keymap.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Key>,
    pub desc: &'static str,
    /// A short label for the bottom bar's hints, if the binding is shown there (the help
    /// overlay shows every binding with its full description).
    pub hint: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

use KeyCode as K;

/// The default bindings: vim-style movement beside the arrows.
/// A default binding: context, action, keys, description (help), hint label (bottom bar).
type DefaultBinding = (
    Context,
    Action,
    &'static [&'static str],
    &'static str,
    Option<&'static str>,
);

const DEFAULTS: &[DefaultBinding] = &[
    (
        Context::Global,
        Action::Quit,
        &["q", "ctrl-c"],
        "quit",
        Some("quit"),
    ),
    (
        Context::Global,
        Action::Help,
        &["?", "f1"],
        "help",
        Some("help"),
    ),
    (
        Context::Global,
        Action::StepData,
        &["1"],
        "step 1: data",
        None,
    ),
    (
        Context::Global,
        Action::StepObjective,
        &["2"],
        "step 2: objective",
        None,
    ),
    (
        Context::Global,
        Action::StepMetrics,
        &["3"],
        "step 3: metrics",
        None,
    ),
    (
        Context::Global,
        Action::StepCharts,
        &["4"],
        "step 4: charts",
        None,
    ),
    (
        Context::Global,
        Action::StepReview,
        &["5"],
        "step 5: review",
        None,
    ),
    (
        Context::Global,
        Action::NextPane,
        &["tab"],
        "next pane",
        Some("pane"),
    ),
    (
        Context::Global,
        Action::PrevPane,
        &["shift-tab"],
        "previous pane",
        None,
    ),
    (Context::Global, Action::Up, &["up", "k"], "move up", None),
    (
        Context::Global,
        Action::Down,
        &["down", "j"],
        "move down",
        None,
    ),
    (
        Context::Global,
        Action::Left,
        &["left", "h"],
        "move left",
        None,
    ),
    (
        Context::Global,
        Action::Right,
        &["right", "l"],
        "move right",
        None,
    ),
    (
        Context::Global,
        Action::PageUp,
        &["pgup", "ctrl-b"],
        "page up",
        None,
    ),
    (
        Context::Global,
        Action::PageDown,
        &["pgdn", "ctrl-f"],
        "page down",
        None,
    ),
    (Context::Global, Action::Home, &["home", "g"], "first", None),
    (Context::Global, Action::End, &["end", "G"], "last", None),
    (
        Context::Global,
        Action::Select,
        &["enter"],
        "open / choose",
        None,
    ),
    (
        Context::Global,
        Action::Back,
        &["esc"],
        "back / close",
        None,
    ),
    (
        Context::Global,
        Action::WindowPreset,
        &["w"],
        "window: 7d 28d 90d 6m 1y all",
        Some("window"),
    ),
    (
        Context::Global,
        Action::WindowCustom,
        &["W"],
        "window: custom from/to",
        None,
    ),
    (
        Context::Global,
        Action::WindowBack,
        &["["],
        "window: step back",
        None,
    ),
    (
        Context::Global,
        Action::WindowForward,
        &["]"],
        "window: step forward",
        None,
    ),
    (
        Context::Data,
        Action::OpenFile,
        &["o"],
        "open a file",
        Some("open"),
    ),
    (
        Context::Data,
        Action::Reload,
        &["r"],
        "reload",
        Some("reload"),
    ),
    (
        Context::Objective,
        Action::Select,
        &["enter"],
        "use template / plan, edit field",
        Some("choose/edit"),
    ),
    (
        Context::Objective,
        Action::NewPlan,
        &["n"],
        "new plan",
        Some("new"),
    ),
    (
        Context::Objective,
        Action::DuplicatePlan,
        &["c"],
        "duplicate plan",
        None,
    ),
    (
        Context::Objective,
        Action::RenamePlan,
        &["R"],
        "rename plan",
        None,
    ),
    (
        Context::Objective,
        Action::DeletePlan,
        &["D"],
        "delete plan",
        None,
    ),
    (
        Context::Objective,
        Action::Toggle,
        &["space"],
        "include / remove in segment",
        Some("segment in/out"),
    ),
    (
        Context::Objective,
        Action::Exclude,
        &["x"],
        "exclude in segment",
        None,
    ),
    (
        Context::Metrics,
        Action::Toggle,
        &["space"],
        "add / remove KPI",
        Some("KPI on/off"),
    ),
    (
        Context::Metrics,
        Action::SetTarget,
        &["t"],
        "set target",
        Some("target"),
    ),
    (
        Context::Charts,
        Action::Granularity,
        &["d"],
        "day / week / month",
        Some("day/week/month"),
    ),
    (
        Context::Charts,
        Action::PerAccount,
        &["a"],
        "combined / per account",
        Some("per account"),
    ),
    (
        Context::Charts,
        Action::ZoomIn,
        &["+", "="],
        "zoom in",
        None,
    ),
    (Context::Charts, Action::ZoomOut, &["-"], "zoom out", None),
    (
        Context::Charts,
        Action::ZoomReset,
        &["0"],
        "zoom reset",
        None,
    ),
    (
        Context::Charts,
        Action::Legend,
        &["L"],
        "legend on / off",
        None,
    ),
    (
        Context::Charts,
        Action::Filter,
        &["/"],
        "filter posts",
        Some("filter"),
    ),
    (
        Context::Charts,
        Action::SortNext,
        &["s"],
        "sort by next column",
        Some("sort"),
    ),
    (
        Context::Charts,
        Action::SortReverse,
        &["S"],
        "reverse sort",
        None,
    ),
    (
        Context::Charts,
        Action::Left,
        &["left", "h"],
        "previous KPI card · chart cursor one bucket back (pans a zoomed chart) · posts table columns left",
        None,
    ),
    (
        Context::Charts,
        Action::Right,
        &["right", "l"],
        "next KPI card · chart cursor one bucket on (pans a zoomed chart) · posts table columns right",
        None,
    ),
    (
        Context::Charts,
        Action::Select,
        &["enter"],
        "open the selected post's details (every count, link, source file)",
        None,
    ),
    (
        Context::Charts,
        Action::FitY,
        &["f"],
        "y scale: from zero, or fitted to the data",
        Some("y scale"),
    ),
    (
        Context::Charts,
        Action::NextLens,
        &["v"],
        "next view: over time, breakdown, best time, breakouts, follower jumps, promo vs audience-first",
        Some("lens"),
    ),
    (
        Context::Charts,
        Action::LensBy,
        &["b"],
        "breakdown by the next dimension (account, platform, format, tag, weekday, hour, content)",
        None,
    ),
    (
        Context::Charts,
        Action::ChooseColumns,
        &["c"],
        "choose columns of the posts table",
        Some("columns"),
    ),
    (
        Context::Charts,
        Action::Copy,
        &["y"],
        "copy the selected value: the post's cell in the sorted column, or the KPI's value",
        Some("copy"),
    ),
    (
        Context::Charts,
        Action::CopyRow,
        &["Y"],
        "copy the selected post's row (tab-separated)",
        None,
    ),
    (
        Context::Charts,
        Action::ExportCsv,
        &["x"],
        "export CSV to the current folder: the posts as listed (filter and sort applied, every column), else the series drawn (per account when on) or the lens shown",
        Some("export csv"),
    ),
    (
        Context::Metrics,
        Action::Copy,
        &["y"],
        "copy the metric's value",
        Some("copy"),
    ),
    (
        Context::Review,
        Action::Copy,
        &["y"],
        "copy the KPI's line (name, value, status, change)",
        Some("copy"),
    ),
    (
        Context::Review,
        Action::Export,
        &["e"],
        "export the review: Markdown, JSON or an HTML page with charts",
        Some("export"),
    ),
    (
        Context::Review,
        Action::ExportJson,
        &["E"],
        "export JSON",
        Some("export json"),
    ),
    // What is open over the steps. Moving (up, down, pages, first, last) comes from the
    // global bindings; typed text goes to the search or the field.
    (
        Context::Help,
        Action::Back,
        &["esc"],
        "close the help",
        Some("close"),
    ),
    (
        Context::Help,
        Action::Help,
        &["?", "f1"],
        "close the help (? when the search is empty)",
        None,
    ),
    (
        Context::Prompt,
        Action::Select,
        &["enter"],
        "confirm",
        Some("confirm"),
    ),
    (
        Context::Prompt,
        Action::Back,
        &["esc"],
        "cancel",
        Some("cancel"),
    ),
    (
        Context::Prompt,
        Action::Complete,
        &["tab"],
        "complete a path",
        None,
    ),
    (
        Context::Help,
        Action::ClearText,
        &["ctrl-u"],
        "clear the search before the cursor",
        None,
    ),
    (
        Context::Prompt,
        Action::ClearText,
        &["ctrl-u"],
        "clear the text before the cursor",
        None,
    ),
    (
        Context::Prompt,
        Action::TextStart,
        &["ctrl-a", "home"],
        "cursor to the start",
        None,
    ),
    (
        Context::Prompt,
        Action::TextEnd,
        &["ctrl-e", "end"],
        "cursor to the end",
        None,
    ),
    (
        Context::Field,
        Action::ClearText,
        &["ctrl-u"],
        "clear the text before the cursor",
        None,
    ),
    (
        Context::Field,
        Action::TextStart,
        &["ctrl-a", "home"],
        "cursor to the start",
        None,
    ),
    (
        Context::Field,
        Action::TextEnd,
        &["ctrl-e", "end"],
        "cursor to the end",
        None,
    ),
    (
        Context::Field,
        Action::Select,
        &["enter"],
        "save the field",
        Some("save"),
    ),
    (
        Context::Field,
        Action::Back,
        &["esc"],
        "cancel the edit",
        Some("cancel"),
    ),
    (Context::Confirm, Action::Yes, &["y"], "yes", Some("yes")),
    (
        Context::Confirm,
        Action::No,
        &["n", "esc"],
        "no",
        Some("no"),
    ),
    (
        Context::PostDetail,
        Action::Back,
        &["esc", "enter", "q"],
        "close the post",
        Some("close"),
    ),
    (
        Context::Columns,
        Action::Toggle,
        &["space"],
        "show or hide the column",
        Some("show/hide"),
    ),
    (
        Context::Columns,
        Action::Reload,
        &["r"],
        "back to the default columns",
        Some("defaults"),
    ),
    (
        Context::Columns,
        Action::Back,
        &["esc", "enter", "c"],
        "close the column chooser",
        Some("close"),
    ),
    (
        Context::ExportAs,
        Action::ExportMarkdown,
        &["m"],
        "Markdown (.md): for a wiki, a chat or a pull request",
        Some("markdown"),
    ),
    (
        Context::ExportAs,
        Action::ExportJson,
        &["j"],
        "JSON (.json): for scripts, as `engage report --format json`",
        Some("json"),
    ),
    (
        Context::ExportAs,
        Action::ExportHtml,
        &["h"],
        "HTML (.html): one page with charts to mail or print, opens offline",
        Some("html"),
    ),
    (
        Context::ExportAs,
        Action::Back,
        &["esc", "q"],
        "cancel",
        Some("cancel"),
    ),
];

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(context, action, keys, desc, hint)| Binding {
                context: *context,
                action: *action,
                // The default table is checked by a test: every spec parses.
                keys: keys.iter().filter_map(|k| Key::parse(k)).collect(),
                desc,
                hint: *hint,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action of `key` in `context`: the context's own binding first, then the global
    /// one. What is open over a step inherits only the global moves, and where it takes
    /// text, only for keys that do not type (so `k` types a k in the help's search, and the
    /// arrow keys scroll it).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |c: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == c && b.keys.contains(&key))
                .map(|b| b.action)
        };
        if let Some(a) = find(context) {
            return Some(a);
        }
        let global = find(Context::Global)?;
        if !context.is_overlay() {
            return Some(global);
        }
        let types = context.takes_text() && !key.ctrl && !key.alt && is_text_key(key.code);
        (global.is_move() && !types).then_some(global)
    }

    /// Descriptions and hints in the language shown (from the catalogues' `keys.CONTEXT.
    /// ACTION` texts; the English catalogue holds the defaults above, a test keeps them equal).
    pub fn localize(&mut self) {
        for b in &mut self.bindings {
            let key = format!("keys.{}.{}", b.context.name(), b.action.name());
            if let Some(desc) = crate::i18n::lookup(&format!("{key}.desc")) {
                b.desc = desc;
            }
            if b.hint.is_some()
                && let Some(hint) = crate::i18n::lookup(&format!("{key}.hint"))
            {
                b.hint = Some(hint);
            }
        }
    }

    /// The binding of `action` in `context` itself: its description, for lists of choices.
    pub fn binding(&self, context: Context, action: Action) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.action == action)
    }

    /// The first key bound to `action` in `context` (or, as [`Keymap::lookup`] would find
    /// it, globally), for texts that name a key.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        let first = |c: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == c && b.action == action)
                .and_then(|b| b.keys.first().copied())
        };
        first(context).or_else(|| {
            (!context.is_overlay() || action.is_move())
                .then(|| first(Context::Global))
                .flatten()
        })
    }

    /// The name of the key for `action` in `context`, or `(unbound)`: what texts show.
    pub fn name_for(&self, context: Context, action: Action) -> String {
        self.key_for(context, action)
            .map_or_else(|| "(unbound)".to_owned(), |k| k.to_string())
    }

    /// Key hints for the bottom bar: help first (so it shows on any width), the step's own
    /// hinted bindings, then the steps and the other global ones. Over a step, the open
    /// context's own hints, then its moves.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        if context.is_overlay() {
            let mut out: Vec<(String, &'static str)> = self
                .bindings
                .iter()
                .filter(|b| b.context == context && !b.keys.is_empty())
                .filter_map(|b| b.hint.map(|h| (b.keys[0].to_string(), h)))
                .collect();
            if matches!(context, Context::Help | Context::PostDetail) {
                let up = self.name_for(context, Action::Up);
                let down = self.name_for(context, Action::Down);
                out.push((format!("{up}/{down}"), crate::i18n::tr("ui.hint_scroll")));
            }
            if context == Context::Help {
                out.insert(
                    0,
                    (
                        crate::i18n::tr("ui.hint_type").into(),
                        crate::i18n::tr("ui.hint_search"),
                    ),
                );
            }
            return out;
        }
        let hinted = |c: Context| {
            self.bindings
                .iter()
                .filter(move |b| b.context == c && !b.keys.is_empty())
                .filter_map(|b| b.hint.map(|h| (b.action, b.keys[0].to_string(), h)))
        };
        let mut out: Vec<(String, &'static str)> = hinted(Context::Global)
            .filter(|(a, ..)| *a == Action::Help)
            .map(|(_, k, h)| (k, h))
            .collect();
        out.extend(hinted(context).map(|(_, k, h)| (k, h)));
        // The step keys, as bound: `1-5` by default.
        let steps: Vec<String> = [
            Action::StepData,
            Action::StepObjective,
            Action::StepMetrics,
            Action::StepCharts,
            Action::StepReview,
        ]
        .iter()
        .map(|a| self.name_for(Context::Global, *a))
        .collect();
        let label = if steps.concat() == "12345" {
            "1-5".to_owned()
        } else {
            steps.join(" ")
        };
        out.push((label, crate::i18n::tr("ui.hint_steps")));
        out.extend(
            hinted(Context::Global)
                .filter(|(a, ..)| *a != Action::Help)
                .map(|(_, k, h)| (k, h)),
        );
        out
    }

    /// Every binding as (context, keys, description), for the help overlay.
    pub fn help_rows(&self) -> Vec<(Context, String, &'static str)> {
        let mut rows: Vec<(Context, String, &'static str)> = self
            .bindings
            .iter()
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                let keys = if keys.is_empty() {
                    "(unbound)".to_owned()
                } else {
                    keys.join(" ")
                };
                (b.context, keys, b.desc)
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        rows
    }

    /// Replaces the keys of `action` in `context`.
    pub fn rebind(&mut self, context: Context, action: Action, keys: Vec<Key>) -> bool {
        match self
            .bindings
            .iter_mut()
            .find(|b| b.context == context && b.action == action)
        {
            Some(b) => {
                b.keys = keys;
                true
            }
            None => false,
        }
    }

    /// Pairs of actions sharing a key within one context.
    pub fn conflicts(&self) -> Vec<(Context, Key, Action, Action)> {
        let mut out = Vec::new();
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if a.context != b.context {
                    continue;
                }
                if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    out.push((a.context, *k, a.action, b.action));
                }
            }
        }
        out
    }
}

/// Keys typed into a text field: the codes that edit text rather than run actions.
pub fn is_text_key(code: K) -> bool {
    matches!(
        code,
        K::Char(_) | K::Backspace | K::Delete | K::Left | K::Right | K::Home | K::End
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses_and_prints_back() {
        for (_, _, keys, _, _) in DEFAULTS {
            for k in *keys {
                let key = Key::parse(k).unwrap_or_else(|| panic!("{k}"));
                let again = Key::parse(&key.to_string()).unwrap();
                assert_eq!(key, again, "{k}");
            }
        }
        assert!(
            Keymap::default().conflicts().is_empty(),
            "{:?}",
            Keymap::default().conflicts()
        );
    }

    #[test]
    fn step_bindings_shadow_global_ones() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup(Context::Metrics, Key::char(' ')),
            Some(Action::Toggle)
        );
        assert_eq!(
            map.lookup(Context::Metrics, Key::char('q')),
            Some(Action::Quit)
        );
        assert_eq!(map.lookup(Context::Data, Key::char('t')), None);
        let ctrl_c = Key {
            code: KeyCode::Char('c'),
            ctrl: true,
            alt: false,
        };
        assert_eq!(map.lookup(Context::Charts, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn overlays_inherit_moves_only() {
        let map = Keymap::default();
        let up = Key::plain(KeyCode::Up);
        // The help scrolls with the arrows, and `k` types into its search.
        assert_eq!(map.lookup(Context::Help, up), Some(Action::Up));
        assert_eq!(map.lookup(Context::Help, Key::char('k')), None);
        assert_eq!(map.lookup(Context::Help, Key::char('q')), None);
        // A post's details scroll with j/k too, and q closes instead of quitting.
        assert_eq!(
            map.lookup(Context::PostDetail, Key::char('j')),
            Some(Action::Down)
        );
        assert_eq!(
            map.lookup(Context::PostDetail, Key::char('q')),
            Some(Action::Back)
        );
        assert_eq!(map.lookup(Context::Confirm, Key::char('w')), None);
        // A rebound `down` reaches the overlays.
        let mut rebound = Keymap::default();
        rebound.rebind(Context::Global, Action::Down, vec![Key::char('n')]);
        assert_eq!(
            rebound.lookup(Context::PostDetail, Key::char('n')),
            Some(Action::Down)
        );
        assert_eq!(rebound.name_for(Context::Help, Action::Down), "n");
        assert_eq!(map.name_for(Context::Metrics, Action::SetTarget), "t");
        assert_eq!(map.name_for(Context::Confirm, Action::Quit), "(unbound)");
    }

    #[test]
    fn key_specs() {
        assert_eq!(
            Key::parse("ctrl-alt-x"),
            Some(Key {
                code: KeyCode::Char('x'),
                ctrl: true,
                alt: true
            })
        );
        assert_eq!(Key::parse("f12"), Some(Key::plain(KeyCode::F(12))));
        assert_eq!(Key::parse("f99"), None);
        assert_eq!(Key::parse("nope"), None);
        assert_eq!(Key::parse(""), None);
        assert_eq!(Key::parse("<").unwrap().to_string(), "<");
    }

    /// The English catalogue holds the same descriptions and hints as the defaults, so the
    /// two cannot drift; every binding has its catalogue texts.
    #[test]
    fn the_english_catalogue_is_the_defaults() {
        let defaults = Keymap::default();
        for b in &defaults.bindings {
            let key = format!("keys.{}.{}", b.context.name(), b.action.name());
            assert_eq!(
                crate::i18n::tr_in(crate::i18n::Lang::En, &format!("{key}.desc")),
                b.desc,
                "{key}"
            );
            if let Some(hint) = b.hint {
                assert_eq!(
                    crate::i18n::tr_in(crate::i18n::Lang::En, &format!("{key}.hint")),
                    hint,
                    "{key}"
                );
            }
            assert!(
                !crate::i18n::tr_in(crate::i18n::Lang::Id, &format!("{key}.desc")).is_empty(),
                "{key}: no Indonesian description"
            );
        }
    }
}
