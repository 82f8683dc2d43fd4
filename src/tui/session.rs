//! The last session, reopened on the next start: the files and the plan in use. Kept in
//! `session.json` in the data folder, written atomically; `--fresh` ignores it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::app::App;
use crate::snapshot::load::Source;
use crate::storage::write_atomic;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Snapshot files; empty for the bundled demo.
    #[serde(default)]
    pub files: Vec<PathBuf>,
    /// The plan's name.
    #[serde(default)]
    pub plan: Option<String>,
}

fn path(app: &App) -> PathBuf {
    app.model.folders.data.join("session.json")
}

/// Reads the last session; a missing or unreadable file is no session.
pub fn load(data_dir: &std::path::Path) -> Option<Session> {
    let path = data_dir.join("session.json");
    let text = crate::storage::read_capped_text(&path, crate::storage::SMALL_FILE_LIMIT).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the current files and plan (errors are shown, never fatal).
pub fn save(app: &mut App) {
    let files = match &app.model.data.source {
        Some(Source::Files(f)) => f
            .iter()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let session = Session {
        files,
        plan: app.model.plan.as_ref().map(|p| p.plan.name.clone()),
    };
    let Ok(json) = serde_json::to_vec_pretty(&session) else {
        return;
    };
    let p = path(app);
    if let Some(dir) = p.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = write_atomic(&p, &json) {
        app.error(crate::i18n::trf(
            "msg.cannot_save_session",
            &[("file", &p.display()), ("error", &e)],
        ));
    }
}
