//! The window in force: a preset (7d, 28d, 90d, 6m, 1y, all) ending on an anchor day, or a
//! custom from..to. Presets end on the data's last day until the user steps back or forth.

use super::action::Action;
use crate::calendar::Day;
use crate::measure::Window;
use crate::measure::plan::WindowSpec;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    D7,
    D28,
    D90,
    M6,
    Y1,
    All,
}

impl Preset {
    pub const ALL: [Preset; 6] = [
        Preset::D7,
        Preset::D28,
        Preset::D90,
        Preset::M6,
        Preset::Y1,
        Preset::All,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Preset::D7 => "7d",
            Preset::D28 => "28d",
            Preset::D90 => "90d",
            Preset::M6 => "6m",
            Preset::Y1 => "1y",
            Preset::All => "all",
        }
    }

    fn days(self) -> Option<i32> {
        match self {
            Preset::D7 => Some(7),
            Preset::D28 => Some(28),
            Preset::D90 => Some(90),
            Preset::M6 => Some(182),
            Preset::Y1 => Some(365),
            Preset::All => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowState {
    /// `None` when the window is custom.
    pub preset: Option<Preset>,
    /// The last day of a preset window.
    pub end: Option<Day>,
    pub custom: Option<Window>,
    /// The data's first and last day.
    pub span: Option<(Day, Day)>,
}

impl WindowState {
    /// The window in force, if there is data.
    pub fn current(&self) -> Option<Window> {
        let (first, last) = self.span?;
        if let Some(w) = self.custom {
            return Some(w);
        }
        let preset = self.preset.unwrap_or(Preset::D28);
        let end = self.end.unwrap_or(last);
        match preset.days() {
            Some(n) => Some(Window::last(n, end)),
            // All the data, but never more than a century of days (dates centuries apart).
            None => Window::at_most_a_century(first, last),
        }
    }

    /// "28d" or "custom".
    /// The label in the language shown (`28h` for 28 hari), for the top bar.
    pub fn shown_label(&self) -> &'static str {
        let l = self.label();
        crate::i18n::domain_word("window", l, l)
    }

    pub fn label(&self) -> &'static str {
        if self.custom.is_some() {
            "custom"
        } else {
            self.preset.unwrap_or(Preset::D28).label()
        }
    }

    /// After a load or a change of plan: the plan's default window, else the last 28 days.
    pub fn reset(&mut self, span: Option<(Day, Day)>, plan: Option<&WindowSpec>) {
        self.span = span;
        self.end = None;
        self.custom = None;
        self.preset = Some(Preset::D28);
        match plan {
            Some(WindowSpec::Last { last_days }) => {
                self.preset = Preset::ALL
                    .into_iter()
                    .find(|p| p.days() == Some(*last_days as i32));
                if self.preset.is_none()
                    && let Some((_, last)) = span
                {
                    self.custom = Some(Window::last(*last_days as i32, last));
                }
            }
            Some(spec @ WindowSpec::Range { .. }) => {
                if let Ok(w) = spec.resolve(0) {
                    self.custom = Some(w);
                }
            }
            None => {}
        }
    }

    pub fn set_custom(&mut self, w: Window) {
        self.custom = Some(w);
        self.preset = None;
    }

    /// Applies a window action; true when the window changed.
    pub fn act(&mut self, action: Action, span: Option<(Day, Day)>) -> bool {
        self.span = span;
        let Some((first, last)) = span else {
            return false;
        };
        let before = self.current();
        match action {
            Action::WindowPreset => {
                let next = match (self.custom, self.preset) {
                    (Some(_), _) | (None, None) => Preset::D7,
                    (None, Some(p)) => {
                        let i = Preset::ALL.iter().position(|x| *x == p).unwrap_or(0);
                        Preset::ALL[(i + 1) % Preset::ALL.len()]
                    }
                };
                self.custom = None;
                self.preset = Some(next);
            }
            Action::WindowBack | Action::WindowForward => {
                let Some(w) = self.current() else {
                    return false;
                };
                let len = (w.to - w.from) + 1;
                let shift = if action == Action::WindowBack {
                    -len
                } else {
                    len
                };
                if let Some(c) = self.custom {
                    // Custom windows move as a whole, staying within reach of the data.
                    let to = (c.to + shift).clamp(first, last + len);
                    self.custom = Window::new(to - len + 1, to);
                } else if self.preset != Some(Preset::All) {
                    let end = self.end.unwrap_or(last);
                    self.end = Some((end + shift).clamp(first, last));
                }
            }
            _ => return false,
        }
        self.current() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_cycle_and_step() {
        let span = Some((100, 1000));
        let mut w = WindowState::default();
        w.reset(span, None);
        assert_eq!(w.current(), Window::new(973, 1000));
        assert!(w.act(Action::WindowBack, span));
        assert_eq!(w.current(), Window::new(945, 972));
        assert!(w.act(Action::WindowForward, span));
        assert!(
            !w.act(Action::WindowForward, span),
            "cannot step past the data's end"
        );
        assert!(w.act(Action::WindowPreset, span));
        assert_eq!(w.label(), "90d");
        for _ in 0..3 {
            w.act(Action::WindowPreset, span);
        }
        assert_eq!(w.label(), "all");
        assert_eq!(w.current(), Window::new(100, 1000));
        w.act(Action::WindowPreset, span);
        assert_eq!(w.label(), "7d");
    }

    #[test]
    fn plan_windows() {
        let span = Some((100, 1000));
        let mut w = WindowState::default();
        w.reset(span, Some(&WindowSpec::Last { last_days: 90 }));
        assert_eq!(w.label(), "90d");
        w.reset(span, Some(&WindowSpec::Last { last_days: 14 }));
        assert_eq!(w.current(), Window::new(987, 1000));
        assert_eq!(w.label(), "custom");
        assert_eq!(WindowState::default().current(), None, "no data, no window");
    }
}
