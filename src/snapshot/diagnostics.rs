//! Errors and warnings about a snapshot file, each naming the file, the line and column, the
//! JSON path, what was found and what was expected.
//!
//! A file with a million bad rows must not produce a million messages, nor spend its time
//! formatting them: the [`Sink`] keeps the first [`DEFAULT_CAP`] of each severity, counts the
//! rest, and builds a message's text only when it will be kept.

use serde::Serialize;

use super::json::Pos;

/// How many errors (and, separately, warnings) a file keeps in full.
pub const DEFAULT_CAP: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line, where the parser knows it.
    pub line: Option<u32>,
    /// 1-based column in bytes, where the parser knows it.
    pub column: Option<u32>,
    /// JSON path of the value, such as `posts[523].published_at`; empty for the whole file.
    pub path: String,
    /// The whole message, readable on its own.
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        file: &str,
        pos: Option<Pos>,
        path: String,
        message: String,
    ) -> Self {
        Diagnostic {
            severity,
            file: file.to_owned(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            path,
            message,
        }
    }

    fn sort_key(&self) -> (u32, u32) {
        (self.line.unwrap_or(u32::MAX), self.column.unwrap_or(0))
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", super::load::shown_name(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let kind = crate::i18n::tr(match self.severity {
            Severity::Error => "load.error",
            Severity::Warning => "load.warning",
        });
        write!(f, ": {kind}: ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Collects the diagnostics of one file.
#[derive(Debug)]
pub struct Sink {
    file: String,
    cap: usize,
    errors: Vec<Diagnostic>,
    errors_total: usize,
    /// The position of the latest kept error, as (line, column).
    latest_kept: (u32, u32),
    warnings: Vec<Diagnostic>,
    warnings_total: usize,
}

impl Sink {
    pub fn new(file: &str) -> Self {
        Self::with_cap(file, DEFAULT_CAP)
    }

    pub fn with_cap(file: &str, cap: usize) -> Self {
        Sink {
            file: file.to_owned(),
            cap,
            errors: Vec::new(),
            errors_total: 0,
            latest_kept: (0, 0),
            warnings: Vec::new(),
            warnings_total: 0,
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    /// Records an error; `path` and `message` are only built if the error is kept. Once the
    /// cap is reached, an error earlier in the file than the latest one kept replaces it, so
    /// the kept errors are always the first in the file, whatever order the checks ran in.
    pub fn error(
        &mut self,
        pos: Option<Pos>,
        path: impl FnOnce() -> String,
        message: impl FnOnce() -> String,
    ) {
        self.errors_total += 1;
        if self.errors.len() < self.cap {
            let d = Diagnostic::new(Severity::Error, &self.file, pos, path(), message());
            self.latest_kept = self.latest_kept.max(d.sort_key());
            self.errors.push(d);
            return;
        }
        let key = (
            pos.map_or(u32::MAX, |p| p.line),
            pos.map_or(0, |p| p.column),
        );
        // Errors mostly come in file order: the common case is one comparison.
        if key >= self.latest_kept {
            return;
        }
        let latest = self
            .errors
            .iter()
            .enumerate()
            .max_by_key(|(_, d)| d.sort_key())
            .filter(|(_, d)| key < d.sort_key())
            .map(|(i, _)| i);
        if let Some(i) = latest {
            self.errors[i] = Diagnostic::new(Severity::Error, &self.file, pos, path(), message());
        }
        self.latest_kept = self
            .errors
            .iter()
            .map(Diagnostic::sort_key)
            .max()
            .unwrap_or((0, 0));
    }

    /// Records a warning; `path` and `message` are only built if the warning is kept.
    pub fn warning(
        &mut self,
        pos: Option<Pos>,
        path: impl FnOnce() -> String,
        message: impl FnOnce() -> String,
    ) {
        self.warnings_total += 1;
        if self.warnings.len() < self.cap {
            let d = Diagnostic::new(Severity::Warning, &self.file, pos, path(), message());
            self.warnings.push(d);
        }
    }

    /// Takes in what another sink of the same file found (the second half of a file parsed
    /// on another thread), after `fix` has put each diagnostic in this file's terms (lines,
    /// paths). The caps hold as if this sink had seen every one itself: the earliest errors
    /// by position are kept (the other sink kept its earliest, so no error it left out could
    /// be kept here), and the first warnings as they came.
    pub fn absorb(&mut self, other: Sink, fix: impl Fn(&mut Diagnostic)) {
        let left_out = (
            other.errors_total - other.errors.len(),
            other.warnings_total - other.warnings.len(),
        );
        let pos_of = |d: &Diagnostic| {
            d.line.map(|line| Pos {
                line,
                column: d.column.unwrap_or(0),
            })
        };
        for mut d in other.errors {
            fix(&mut d);
            self.error(pos_of(&d), || d.path, || d.message);
        }
        self.errors_total += left_out.0;
        for mut d in other.warnings {
            fix(&mut d);
            self.warning(pos_of(&d), || d.path, || d.message);
        }
        self.warnings_total += left_out.1;
    }

    pub fn error_count(&self) -> usize {
        self.errors_total
    }

    /// Drops every error collected so far, for when one error explains all the others (a
    /// file of another format or version).
    pub fn clear_errors(&mut self) {
        self.errors.clear();
        self.errors_total = 0;
        self.latest_kept = (0, 0);
    }

    pub fn finish(mut self) -> Findings {
        self.errors.sort_by_key(Diagnostic::sort_key);
        self.warnings.sort_by_key(Diagnostic::sort_key);
        Findings {
            errors_omitted: self.errors_total - self.errors.len(),
            warnings_omitted: self.warnings_total - self.warnings.len(),
            errors: self.errors,
            warnings: self.warnings,
        }
    }
}

/// Everything found in one file: the kept errors and warnings in file order, and how many more
/// of each were found but not kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Findings {
    pub errors: Vec<Diagnostic>,
    pub errors_omitted: usize,
    pub warnings: Vec<Diagnostic>,
    pub warnings_omitted: usize,
}

impl Findings {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.errors_omitted == 0
    }

    pub fn error_total(&self) -> usize {
        self.errors.len() + self.errors_omitted
    }

    pub fn warning_total(&self) -> usize {
        self.warnings.len() + self.warnings_omitted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_counts_and_sorts() {
        let mut sink = Sink::with_cap("a.json", 2);
        for line in [9, 3, 5] {
            sink.error(
                Some(Pos { line, column: 1 }),
                || format!("posts[{line}]"),
                || "bad".into(),
            );
        }
        let f = sink.finish();
        assert_eq!(f.errors.len(), 2);
        assert_eq!(f.errors_omitted, 1);
        assert_eq!(f.errors[0].line, Some(3));
        assert_eq!(f.errors[0].to_string(), "a.json:3:1: error: posts[3]: bad");
        assert!(!f.is_valid());
    }

    #[test]
    fn the_cap_keeps_the_earliest_errors_in_the_file() {
        let mut sink = Sink::with_cap("a.json", 2);
        for line in [5, 6, 7, 2] {
            sink.error(Some(Pos { line, column: 1 }), String::new, || {
                format!("line {line}")
            });
        }
        let f = sink.finish();
        let lines: Vec<Option<u32>> = f.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(5)]);
        assert_eq!(f.errors_omitted, 2);
    }

    #[test]
    fn skipped_messages_are_not_built() {
        let mut sink = Sink::with_cap("a.json", 0);
        sink.error(None, || unreachable!(), || unreachable!());
        assert_eq!(sink.error_count(), 1);
    }
}
