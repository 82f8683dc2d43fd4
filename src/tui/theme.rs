//! Colours and emphasis. Dark and light palettes, and a no-colour one (for `NO_COLOR`) where
//! selection and focus stay visible through reverse video and bold alone.

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

/// The palette chosen in the config file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub selected: Style,
    /// A selected row in a pane that does not have the focus.
    pub selected_unfocused: Style,
    pub border: Style,
    pub border_focus: Style,
    pub good: Style,
    pub near: Style,
    pub bad: Style,
    pub warn: Style,
    pub bar: Style,
    pub key: Style,
    /// Series colours, in order (accounts in per-account charts).
    pub series: Vec<Color>,
    pub target: Style,
    pub previous: Style,
    pub colour: bool,
}

impl Theme {
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::plain();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        }
    }

    pub fn dark() -> Theme {
        Theme {
            text: Style::new().fg(Color::Gray),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            good: Style::new().fg(Color::Green),
            near: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::Red),
            warn: Style::new().fg(Color::Yellow),
            bar: Style::new().fg(Color::Gray).bg(Color::Rgb(30, 30, 40)),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            series: vec![
                Color::Cyan,
                Color::Magenta,
                Color::Yellow,
                Color::Green,
                Color::LightRed,
                Color::LightBlue,
            ],
            target: Style::new().fg(Color::Red),
            previous: Style::new().fg(Color::DarkGray),
            colour: true,
        }
    }

    pub fn light() -> Theme {
        Theme {
            text: Style::new().fg(Color::Black),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Blue),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().fg(Color::Gray),
            border_focus: Style::new().fg(Color::Blue),
            good: Style::new().fg(Color::Green),
            near: Style::new().fg(Color::Rgb(150, 100, 0)),
            bad: Style::new().fg(Color::Red),
            warn: Style::new().fg(Color::Rgb(150, 100, 0)),
            bar: Style::new().fg(Color::Black).bg(Color::Rgb(225, 225, 235)),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            series: vec![
                Color::Blue,
                Color::Magenta,
                Color::Rgb(160, 100, 0),
                Color::Green,
                Color::Red,
                Color::Cyan,
            ],
            target: Style::new().fg(Color::Red),
            previous: Style::new().fg(Color::Gray),
            colour: true,
        }
    }

    /// No colours at all: emphasis by bold, reverse and underline only.
    pub fn plain() -> Theme {
        let none = Style::new();
        Theme {
            text: none,
            dim: none,
            title: none.add_modifier(Modifier::BOLD),
            accent: none.add_modifier(Modifier::BOLD),
            selected: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: none.add_modifier(Modifier::UNDERLINED),
            border: none,
            border_focus: none.add_modifier(Modifier::BOLD),
            good: none,
            near: none,
            bad: none.add_modifier(Modifier::BOLD),
            warn: none.add_modifier(Modifier::BOLD),
            bar: none.add_modifier(Modifier::REVERSED),
            key: none.add_modifier(Modifier::BOLD),
            series: vec![Color::Reset],
            target: none,
            previous: none,
            colour: false,
        }
    }

    pub fn series_color(&self, i: usize) -> Color {
        self.series[i % self.series.len()]
    }
}
