//! One plan file: read with its format and version checked before its contents, so that a
//! file from a newer engage gets a clear message rather than a parse error; written
//! atomically, as pretty JSON.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::measure::plan::{PLAN_FORMAT, PLAN_VERSION, Plan, WindowError, WindowSpec};
use crate::storage::{SMALL_FILE_LIMIT, read_capped, write_atomic};

/// Why a plan file cannot be read or written; each message names the file (and for JSON
/// that does not read, the line and column).
#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    #[error("{}", crate::i18n::trf("err.plan_read", &[("path", &.path.display()), ("error", &.source)]))]
    Read { path: PathBuf, source: io::Error },
    #[error("{}", crate::i18n::trf("err.plan_not_json", &[("path", &.path.display()), ("line", &.source.line()), ("column", &.source.column()), ("error", &.source)]))]
    NotJson {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{}", crate::i18n::trf("err.plan_not_plan", &[("path", &.path.display()), ("format", &PLAN_FORMAT)]))]
    NotAPlan { path: PathBuf },
    #[error("{}", crate::i18n::trf("err.plan_newer", &[("path", &.path.display()), ("version", &.version), ("reads", &PLAN_VERSION)]))]
    Newer { path: PathBuf, version: u64 },
    #[error("{}", crate::i18n::trf("err.plan_unsupported", &[("path", &.path.display()), ("version", &.version.map_or_else(|| crate::i18n::tr("err.missing").to_owned(), |v| v.to_string()))]))]
    Unsupported { path: PathBuf, version: Option<u64> },
    #[error("{}", crate::i18n::trf("err.plan_not_valid", &[("path", &.path.display()), ("line", &.source.line()), ("column", &.source.column()), ("error", &.source)]))]
    NotValid {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// A window the plan cannot be judged on (longer than a century, of no days): refused
    /// when the file is read, so nothing ever works through centuries of days.
    #[error("{}: {field}: {source}", .path.display())]
    Window {
        path: PathBuf,
        /// The JSON path of the window (`window.last_days`, `window`).
        field: &'static str,
        source: crate::measure::plan::WindowError,
    },
    #[error("{}", crate::i18n::trf("err.plan_encode", &[("error", &.0)]))]
    Encode(#[source] serde_json::Error),
    #[error("{}", crate::i18n::trf("err.cannot_create", &[("path", &.dir.display()), ("error", &.source)]))]
    CreateDir { dir: PathBuf, source: io::Error },
    #[error("{}", crate::i18n::trf("msg.cannot_write", &[("path", &.path.display()), ("error", &.source)]))]
    Write { path: PathBuf, source: io::Error },
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// What a plan file held when engage read or wrote it: saving, renaming or deleting checks
/// the file still holds it, so another engage's (or an editor's) change is never overwritten.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    hash: u64,
}

impl Stamp {
    /// FNV-1a over the bytes: cheap, and any edit changes it (with the length, a collision
    /// would need a same-length edit that also collides).
    pub fn of(bytes: &[u8]) -> Stamp {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Stamp {
            len: bytes.len() as u64,
            hash,
        }
    }

    /// The stamp of the file at `path` now; `None` when it does not exist or cannot be read.
    pub fn now(path: &Path) -> Option<Stamp> {
        fs::read(path).ok().map(|b| Stamp::of(&b))
    }
}

/// Reads a plan file, checking its format and version before its contents, so that a file
/// from a newer engage gets a clear message rather than a parse error.
pub fn read_plan(path: &Path) -> Result<Plan, PlanFileError> {
    read_plan_stamped(path).map(|(plan, _)| plan)
}

/// Reads a plan file and the stamp of the bytes it was read from.
pub fn read_plan_stamped(path: &Path) -> Result<(Plan, Stamp), PlanFileError> {
    let owned = || path.to_path_buf();
    // Only a regular file of at most 1 MiB (a FIFO would block, a device never end).
    let bytes = read_capped(path, SMALL_FILE_LIMIT).map_err(|source| PlanFileError::Read {
        path: owned(),
        source,
    })?;
    let stamp = Stamp::of(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| PlanFileError::Read {
        path: owned(),
        source: io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()),
    })?;
    // A byte-order mark, as some editors write, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let header: Header = serde_json::from_str(text).map_err(|source| PlanFileError::NotJson {
        path: owned(),
        source,
    })?;
    if header.format.as_deref() != Some(PLAN_FORMAT) {
        return Err(PlanFileError::NotAPlan { path: owned() });
    }
    match header.version {
        Some(v) if v == u64::from(PLAN_VERSION) => {}
        Some(v) if v > u64::from(PLAN_VERSION) => {
            return Err(PlanFileError::Newer {
                path: owned(),
                version: v,
            });
        }
        version => {
            return Err(PlanFileError::Unsupported {
                path: owned(),
                version,
            });
        }
    }
    let plan: Plan = serde_json::from_str(text).map_err(|source| PlanFileError::NotValid {
        path: owned(),
        source,
    })?;
    check_window(&plan).map_err(|(field, source)| PlanFileError::Window {
        path: owned(),
        field,
        source,
    })?;
    Ok((plan, stamp))
}

/// A plan's window, checked for its length: longer than a century, or of no days, is
/// refused (a date that does not read stays for [`Plan::problems`] to report).
fn check_window(plan: &Plan) -> Result<(), (&'static str, WindowError)> {
    match (&plan.window, plan.window.resolve(0)) {
        (WindowSpec::Last { .. }, Err(e)) => Err(("window.last_days", e)),
        (WindowSpec::Range { .. }, Err(e @ WindowError::TooLong(_))) => Err(("window", e)),
        _ => Ok(()),
    }
}

/// Writes a plan to `path` atomically, as pretty JSON; the stamp of what was written.
pub fn write_plan(path: &Path, plan: &Plan) -> Result<Stamp, PlanFileError> {
    let mut json = serde_json::to_vec_pretty(plan).map_err(PlanFileError::Encode)?;
    json.push(b'\n');
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|source| PlanFileError::CreateDir {
            dir: dir.to_path_buf(),
            source,
        })?;
    }
    write_atomic(path, &json).map_err(|source| PlanFileError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Stamp::of(&json))
}
