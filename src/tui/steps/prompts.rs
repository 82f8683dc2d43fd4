//! What confirming a prompt does: open a file, set the window, set a target, filter posts.
//! Invalid input keeps the prompt open with the reason.

use std::path::{Path, PathBuf};

use crate::calendar::parse_date;
use crate::measure::plan::parse_target;
use crate::measure::{Window, metric};
use crate::snapshot::load::Source;
use crate::tui::app::{App, Overlay, Prompt, PromptKind};

fn reopen(app: &mut App, mut prompt: Prompt, error: String) {
    prompt.error = Some(error);
    app.overlay = Some(Overlay::Prompt(prompt));
}

pub fn submit(app: &mut App, prompt: Prompt) {
    let text = prompt.input.text.trim().to_owned();
    match prompt.kind.clone() {
        PromptKind::OpenFile => {
            let path = PathBuf::from(&text);
            if !path.is_file() {
                let why = if path.is_dir() {
                    "is a folder, not a file"
                } else {
                    "does not exist"
                };
                return reopen(app, prompt, format!("{text} {why}"));
            }
            let files = match &app.data.source {
                Some(Source::Files(existing)) if !existing.contains(&path) => {
                    let mut all = existing.clone();
                    all.push(path);
                    all
                }
                Some(Source::Files(existing)) => existing.clone(),
                _ => vec![path],
            };
            app.request_load(Source::Files(files));
            app.info(format!("opening {text}…"));
        }
        PromptKind::Window => match parse_window(&text, app.window.span) {
            Ok(w) => {
                app.window.set_custom(w);
                app.refresh();
                app.info(format!("window {w}"));
            }
            Err(e) => reopen(app, prompt, e),
        },
        PromptKind::Target(id) => {
            let Some(m) = metric(id) else { return };
            match parse_target(&text, m) {
                Ok(target) => {
                    if app.plan.is_none() {
                        super::metrics::toggle_kpi(app, m);
                    }
                    if let Some(file) = &mut app.plan {
                        file.plan.set_target(m, target);
                    }
                    super::objective::save(app);
                    let shown = target.map_or_else(
                        || "no target".to_owned(),
                        |t| crate::measure::format::target(m, &t),
                    );
                    app.info(format!("target for {}: {shown}", m.name));
                }
                Err(e) => reopen(app, prompt, e.to_string()),
            }
        }
        PromptKind::Filter => super::charts::set_filter(app, &text),
    }
}

/// `2026-10-01..2026-10-28`, `2026-10-01 2026-10-28`, or `28d` / `12w` (ending on the data's
/// last day).
pub fn parse_window(text: &str, span: Option<(i32, i32)>) -> Result<Window, String> {
    let usage = "write YYYY-MM-DD..YYYY-MM-DD, or 28d / 12w";
    if let Some(days) = crate::measure::query::parse_span(text) {
        let last = span.map_or(0, |s| s.1);
        return Ok(Window::last(days, last));
    }
    let parts: Vec<&str> = text
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let [from, to] = parts.as_slice() else {
        return Err(usage.into());
    };
    let f = parse_date(from).ok_or_else(|| format!("`{from}` is not a date: {usage}"))?;
    let t = parse_date(to).ok_or_else(|| format!("`{to}` is not a date: {usage}"))?;
    Window::new(f, t).ok_or_else(|| format!("{to} is before {from}"))
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
        prompt.error = Some(format!("cannot read the folder {}", read_from.display()));
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
        [] => prompt.error = Some("no match".into()),
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
                .contains("before")
        );
        assert!(parse_window("last month", None).is_err());
    }
}
