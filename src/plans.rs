//! Plans on disk: one JSON file per plan in `<data>/plans/`, named from the plan's name.
//!
//! A file that does not parse, or that a newer engage wrote, is reported by name and never
//! overwritten; two plans cannot share a name (names compare without case or punctuation, as
//! their file names do); every write is atomic.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::measure::plan::{PLAN_FORMAT, PLAN_VERSION, Plan};
use crate::storage::write_atomic;
/// Plan file names are slugs; callers that name plans (the TUI's Review) reach it here too.
pub use crate::text::slug;

/// A plan and the file it lives in.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFile {
    pub path: PathBuf,
    pub plan: Plan,
}

/// A file in the plans folder that is not a usable plan.
#[derive(Clone, Debug, PartialEq)]
pub struct BadFile {
    pub path: PathBuf,
    pub problem: String,
}

/// Everything in the plans folder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub plans: Vec<PlanFile>,
    pub bad: Vec<BadFile>,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// Reads a plan file, checking its format and version before its contents, so that a file
/// from a newer engage gets a clear message rather than a parse error.
pub fn read_plan(path: &Path) -> Result<Plan, String> {
    let name = path.display();
    let text = fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let at = |e: &serde_json::Error| format!("{name}:{}:{}", e.line(), e.column());
    let header: Header = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a valid plan file: {e}", at(&e)))?;
    if header.format.as_deref() != Some(PLAN_FORMAT) {
        return Err(format!(
            "{name}: not an engage plan (expected \"format\": \"{PLAN_FORMAT}\")"
        ));
    }
    match header.version {
        Some(v) if v == u64::from(PLAN_VERSION) => {}
        Some(v) if v > u64::from(PLAN_VERSION) => {
            return Err(format!(
                "{name}: plan format version {v} is newer than this engage reads ({PLAN_VERSION}); the file is left untouched"
            ));
        }
        other => {
            return Err(format!(
                "{name}: unsupported plan version {}",
                other.map_or_else(|| "(missing)".to_owned(), |v| v.to_string())
            ));
        }
    }
    serde_json::from_str(&text).map_err(|e| format!("{}: not a valid plan: {e}", at(&e)))
}

/// Writes a plan to `path` atomically, as pretty JSON.
pub fn write_plan(path: &Path, plan: &Plan) -> Result<(), String> {
    let mut json =
        serde_json::to_vec_pretty(plan).map_err(|e| format!("cannot encode the plan: {e}"))?;
    json.push(b'\n');
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write_atomic(path, &json).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The plans folder.
#[derive(Clone, Debug)]
pub struct PlanStore {
    pub dir: PathBuf,
}

impl PlanStore {
    pub fn new(dir: PathBuf) -> PlanStore {
        PlanStore { dir }
    }

    /// Every `*.json` file of the folder, read (a missing folder is an empty list).
    pub fn list(&self) -> Listing {
        let mut listing = Listing::default();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return listing;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        for path in paths {
            match read_plan(&path) {
                Ok(plan) => listing.plans.push(PlanFile { path, plan }),
                Err(problem) => listing.bad.push(BadFile { path, problem }),
            }
        }
        listing
    }

    /// The plan named `name` (compared as file names are). Several plans with that name, or a
    /// bad file where it would live, are errors that say which files to look at.
    pub fn find(&self, name: &str) -> Result<PlanFile, String> {
        let listing = self.list();
        let key = slug(name);
        let matches: Vec<&PlanFile> = listing
            .plans
            .iter()
            .filter(|p| slug(&p.plan.name) == key)
            .collect();
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => {
                if let Some(bad) = listing.bad.iter().find(|b| b.path == self.path_for(name)) {
                    return Err(format!("plan `{name}` cannot be read: {}", bad.problem));
                }
                let known: Vec<&str> = listing.plans.iter().map(|p| p.plan.name.as_str()).collect();
                let hint = if known.is_empty() {
                    "there are no plans yet: create one with `engage plan new --template ID --name NAME`".to_owned()
                } else {
                    format!("plans: {}", known.join(", "))
                };
                Err(format!(
                    "no plan named `{name}` in {} ({hint})",
                    self.dir.display()
                ))
            }
            many => {
                let files: Vec<String> =
                    many.iter().map(|p| p.path.display().to_string()).collect();
                Err(format!(
                    "{} plans are named `{name}`: {}; rename or remove all but one",
                    many.len(),
                    files.join(", ")
                ))
            }
        }
    }

    /// Where a plan of this name is stored.
    pub fn path_for(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{}.json", slug(name)))
    }

    /// Saves a new plan; refuses a name in use (by any plan or file, readable or not).
    pub fn create(&self, plan: &Plan) -> Result<PathBuf, String> {
        let problems = plan.problems();
        if !problems.is_empty() {
            return Err(problems.join("; "));
        }
        let path = self.path_for(&plan.name);
        let listing = self.list();
        if let Some(other) = listing
            .plans
            .iter()
            .find(|p| slug(&p.plan.name) == slug(&plan.name))
        {
            return Err(format!(
                "a plan named `{}` already exists ({})",
                other.plan.name,
                other.path.display()
            ));
        }
        if path.exists() {
            return Err(format!(
                "{} already exists and is not a readable plan; it is left untouched (move it away to reuse the name)",
                path.display()
            ));
        }
        write_plan(&path, plan)?;
        Ok(path)
    }

    /// Saves changes to a plan read from `file.path`. Refuses to overwrite a file that no
    /// longer reads as a plan (someone else changed it), and a rename onto another plan's name.
    pub fn save(&self, file: &PlanFile) -> Result<(), String> {
        let problems = file.plan.problems();
        if !problems.is_empty() {
            return Err(problems.join("; "));
        }
        if file.path.exists() {
            read_plan(&file.path).map_err(|e| format!("not saved: {e}"))?;
        }
        let clash = self
            .list()
            .plans
            .into_iter()
            .find(|p| p.path != file.path && slug(&p.plan.name) == slug(&file.plan.name));
        if let Some(other) = clash {
            return Err(format!(
                "not saved: another plan is named `{}` ({})",
                other.plan.name,
                other.path.display()
            ));
        }
        write_plan(&file.path, &file.plan)
    }
}

impl PlanStore {
    /// `base`, or `base 2`, `base 3`, … : the first name no plan or file uses.
    pub fn unique_name(&self, base: &str) -> String {
        let listing = self.list();
        let taken = |name: &str| {
            listing
                .plans
                .iter()
                .any(|p| slug(&p.plan.name) == slug(name))
                || self.path_for(name).exists()
        };
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base} {n}"))
            .find(|n| !taken(n))
            .unwrap_or_else(|| base.to_owned())
    }

    /// Renames a plan, moving its file to the new name's file. Refuses a name in use.
    pub fn rename(&self, file: &PlanFile, new_name: &str) -> Result<PlanFile, String> {
        let new_name = new_name.trim();
        if new_name.is_empty() {
            return Err("a plan needs a name".into());
        }
        let new_path = self.path_for(new_name);
        let clash = self
            .list()
            .plans
            .into_iter()
            .find(|p| p.path != file.path && slug(&p.plan.name) == slug(new_name));
        if let Some(other) = clash {
            return Err(format!(
                "a plan named `{}` already exists ({})",
                other.plan.name,
                other.path.display()
            ));
        }
        if new_path != file.path && new_path.exists() {
            return Err(format!(
                "{} already exists; it is left untouched",
                new_path.display()
            ));
        }
        let mut renamed = file.clone();
        renamed.plan.name = new_name.to_owned();
        renamed.path = new_path;
        write_plan(&renamed.path, &renamed.plan)?;
        if renamed.path != file.path {
            fs::remove_file(&file.path)
                .map_err(|e| format!("renamed, but cannot remove {}: {e}", file.path.display()))?;
        }
        Ok(renamed)
    }

    /// Deletes a plan's file.
    pub fn delete(&self, path: &Path) -> Result<(), String> {
        fs::remove_file(path).map_err(|e| format!("cannot delete {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::templates::template;

    #[test]
    fn rename_moves_the_file_and_unique_names_count_up() {
        let (_d, store) = store();
        let path = store.create(&Plan::blank("web")).unwrap();
        assert_eq!(store.unique_name("web"), "web 2");
        let file = store.find("web").unwrap();
        let renamed = store.rename(&file, "Loyalty Q4").unwrap();
        assert!(!path.exists());
        assert!(renamed.path.ends_with("loyalty-q4.json"));
        assert_eq!(store.find("loyalty q4").unwrap().plan.name, "Loyalty Q4");
        store.create(&Plan::blank("other")).unwrap();
        assert!(
            store
                .rename(&renamed, "Other")
                .unwrap_err()
                .contains("already exists")
        );
        store.delete(&renamed.path).unwrap();
        assert!(store.find("Loyalty Q4").is_err());
    }

    fn store() -> (tempfile::TempDir, PlanStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = PlanStore::new(dir.path().join("plans"));
        (dir, store)
    }

    #[test]
    fn create_find_save_round_trip() {
        let (_d, store) = store();
        let plan = Plan::from_template("Web", template("website-loyalty").unwrap());
        let path = store.create(&plan).unwrap();
        assert!(path.ends_with("plans/web.json"));
        let found = store.find("web").unwrap();
        assert_eq!(found.plan, plan);
        let mut changed = found.clone();
        changed.plan.objective = "Keep readers coming back".into();
        store.save(&changed).unwrap();
        assert_eq!(
            store.find("WEB").unwrap().plan.objective,
            "Keep readers coming back"
        );
        // Same name, other spelling: refused.
        let err = store.create(&Plan::blank("web")).unwrap_err();
        assert!(err.contains("already exists"), "{err}");
    }

    #[test]
    fn corrupt_and_newer_files_are_reported_and_left_untouched() {
        let (_d, store) = store();
        fs::create_dir_all(&store.dir).unwrap();
        let corrupt = store.dir.join("web.json");
        fs::write(
            &corrupt,
            "{\"format\": \"engage-plan\", \"version\": 1, \"name\": ",
        )
        .unwrap();
        let newer = store.dir.join("next.json");
        fs::write(
            &newer,
            r#"{"format": "engage-plan", "version": 2, "name": "next", "shape": "new"}"#,
        )
        .unwrap();
        let listing = store.list();
        assert!(listing.plans.is_empty());
        assert_eq!(listing.bad.len(), 2);
        assert!(
            listing
                .bad
                .iter()
                .any(|b| b.problem.contains("web.json:1:")),
            "{:?}",
            listing.bad
        );
        assert!(
            listing
                .bad
                .iter()
                .any(|b| b.problem.contains("version 2 is newer")),
            "{:?}",
            listing.bad
        );
        let err = store.create(&Plan::blank("web")).unwrap_err();
        assert!(err.contains("left untouched"), "{err}");
        assert!(store.find("web").unwrap_err().contains("cannot be read"));
        let before = fs::read(&corrupt).unwrap();
        let err = store
            .save(&PlanFile {
                path: corrupt.clone(),
                plan: Plan::blank("web"),
            })
            .unwrap_err();
        assert!(err.starts_with("not saved"), "{err}");
        assert_eq!(fs::read(&corrupt).unwrap(), before);
    }

    #[test]
    fn two_files_with_one_name_are_an_error() {
        let (_d, store) = store();
        store.create(&Plan::blank("web")).unwrap();
        write_plan(&store.dir.join("copy.json"), &Plan::blank("Web")).unwrap();
        let err = store.find("web").unwrap_err();
        assert!(err.contains("2 plans are named"), "{err}");
    }
}
