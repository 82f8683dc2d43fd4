//! What confirming a prompt does: open a file, set the window, set a target, filter posts.
//! Invalid input keeps the prompt open with the reason.

use std::path::{Path, PathBuf};

use crate::calendar::{format_date, parse_date};
use crate::measure::plan::{Plan, parse_target};
use crate::measure::{Window, metric};
use crate::snapshot::load::Source;
use crate::tui::app::{Prompt, PromptKind};
use crate::tui::effect::{Cx, Effect};

/// What confirming `prompt` asks for; the prompt back, with the reason, when its text is not
/// something it can do (it stays open).
pub fn submit(cx: &mut Cx, mut prompt: Prompt) -> Option<Prompt> {
    let text = prompt.input.text.trim().to_owned();
    let refuse = |mut p: Prompt, why: String| {
        p.error = Some(why);
        Some(p)
    };
    match prompt.kind {
        PromptKind::OpenFile => {
            let path = PathBuf::from(&text);
            // Folders open as exports (every known export in them), as on the command line.
            if !path.exists() {
                return refuse(prompt, format!("{text} does not exist"));
            }
            let (files, said) = match &cx.model.data.source {
                Some(Source::Files(existing)) if existing.contains(&path) => (
                    existing.clone(),
                    format!("reloading {text} (already open)…"),
                ),
                Some(Source::Files(existing)) => {
                    let mut all = existing.clone();
                    all.push(path);
                    let n = all.len();
                    (
                        all,
                        format!("adding {text} to the files loaded ({n} in all)…"),
                    )
                }
                _ => (
                    vec![path],
                    format!("opening {text} (it replaces the demo)…"),
                ),
            };
            cx.ask(Effect::Load(Source::Files(files)));
            cx.info(said);
            None
        }
        PromptKind::Window => match parse_window(&text, cx.model.window.span) {
            Ok(w) => match cx.model.window.span {
                // Like `engage report`: a window with no day of the data is refused.
                Some((first, last)) if w.to < first || w.from > last => refuse(
                    prompt,
                    format!(
                        "{w} is outside the data, which runs from {} to {}",
                        format_date(first),
                        format_date(last)
                    ),
                ),
                _ => {
                    cx.ask(Effect::SetWindow(w));
                    cx.info(crate::i18n::trf("msg.window_set", &[("window", &w)]));
                    None
                }
            },
            Err(e) => refuse(prompt, e.to_string()),
        },
        PromptKind::Target(id) => {
            let m = metric(id)?;
            match parse_target(&text, m) {
                Ok(target) => {
                    let shown = target.map_or_else(
                        || crate::i18n::tr("status.no_target").to_owned(),
                        |t| crate::measure::format::target(m, &t),
                    );
                    match &cx.model.plan {
                        Some(_) => cx.edit_plan(|p| p.set_target(m, target)),
                        None => {
                            let name = cx.model.plans.unique_name(crate::i18n::tr("msg.my_plan"));
                            let mut plan = Plan::blank(&name);
                            plan.set_target(m, target);
                            cx.ask(Effect::CreatePlan(plan));
                        }
                    }
                    cx.info(crate::i18n::trf(
                        "msg.target_for",
                        &[("metric", &m.text().name), ("target", &shown)],
                    ));
                    None
                }
                Err(e) => refuse(prompt, e.to_string()),
            }
        }
        PromptKind::Filter => {
            cx.ask(Effect::FilterPosts(text));
            prompt.error = None;
            None
        }
    }
}

/// Why a typed window is not one.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum WindowInputError {
    #[error("{}", crate::i18n::tr("err.prompt_window_usage"))]
    Unreadable,
    #[error("{}", crate::i18n::trf("err.prompt_not_a_date", &[("text", &.0)]))]
    NotADate(String),
    #[error("{}", crate::i18n::trf("err.prompt_reversed", &[("from", &.from), ("to", &.to)]))]
    Reversed { from: String, to: String },
}

/// `2026-10-01..2026-10-28`, `2026-10-01 2026-10-28`, or `28d` / `12w` (ending on the data's
/// last day).
pub fn parse_window(text: &str, span: Option<(i32, i32)>) -> Result<Window, WindowInputError> {
    if let Some(days) = crate::measure::query::parse_span(text) {
        let last = span.map_or(0, |s| s.1);
        return Ok(Window::last(days, last));
    }
    let parts: Vec<&str> = text
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let [from, to] = parts.as_slice() else {
        return Err(WindowInputError::Unreadable);
    };
    let date = |d: &str| parse_date(d).ok_or_else(|| WindowInputError::NotADate(d.to_owned()));
    let (f, t) = (date(from)?, date(to)?);
    Window::new(f, t).ok_or_else(|| WindowInputError::Reversed {
        from: (*from).to_owned(),
        to: (*to).to_owned(),
    })
}

/// Completes a path prompt: one match completes, several complete their common prefix
/// and are listed.
pub fn complete(prompt: &mut Prompt) {
    if prompt.kind != PromptKind::OpenFile {
        return;
    }
    let text = prompt.input.text.clone();
    let (dir, stem) = match text.rfind('/') {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("", text.as_str()),
    };
    let read_from = if dir.is_empty() {
        Path::new(".")
    } else {
        Path::new(dir)
    };
    let Ok(entries) = std::fs::read_dir(read_from) else {
        prompt.error = Some(crate::i18n::trf(
            "msg.cannot_read_folder",
            &[("folder", &read_from.display())],
        ));
        return;
    };
    let mut matches: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let dir_mark = if e.path().is_dir() { "/" } else { "" };
            (name.starts_with(stem) && (!name.starts_with('.') || stem.starts_with('.')))
                .then(|| format!("{name}{dir_mark}"))
        })
        .collect();
    matches.sort();
    match matches.as_slice() {
        [] => prompt.error = Some(crate::i18n::tr("msg.no_match").into()),
        [one] => prompt.input.set(&format!("{dir}{one}")),
        many => {
            let common = many.iter().skip(1).fold(many[0].clone(), |acc, m| {
                acc.chars()
                    .zip(m.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect()
            });
            prompt.input.set(&format!("{dir}{common}"));
            prompt.completions = many.to_vec();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_as_typed() {
        let w = parse_window("2026-10-01..2026-10-28", None).unwrap();
        assert_eq!(w.days(), 28);
        assert_eq!(
            parse_window("2026-10-01 2026-10-07", None).unwrap().days(),
            7
        );
        assert_eq!(
            parse_window("4w", Some((0, 100))).unwrap(),
            Window::new(73, 100).unwrap()
        );
        assert!(
            parse_window("2026-10-28..2026-10-01", None)
                .unwrap_err()
                .to_string()
                .contains("before")
        );
        assert!(parse_window("last month", None).is_err());
    }
}
