//! Plans on disk: one JSON file per plan in `<data>/plans/`, named from the plan's name.
//!
//! A file that does not parse, or that a newer engage wrote, is reported by name and never
//! overwritten; two plans cannot share a name (names compare without case or punctuation, as
//! their file names do); every write is atomic. `file` reads and writes one plan file; this
//! module keeps the folder.

mod file;

use std::fs;
use std::io;
use std::path::PathBuf;

/// Plan file names are slugs; callers that name plans (the TUI's Review) reach it here too.
pub use crate::text::slug;
pub use file::{PlanFileError, Stamp, read_plan, read_plan_stamped, write_plan};

use crate::measure::plan::Plan;

/// A plan and the file it lives in.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFile {
    pub path: PathBuf,
    pub plan: Plan,
    /// What the file held when read or last written by this engage (`None`: not yet on disk).
    pub stamp: Option<Stamp>,
}

/// Why the plans folder refuses what was asked; each message names the plan or the files
/// to look at.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    File(#[from] PlanFileError),
    #[error("{}", crate::i18n::trf("err.plan_unreadable", &[("name", &.name), ("problem", &.problem)]))]
    Unreadable { name: String, problem: String },
    #[error("{}", crate::i18n::trf("err.plan_not_found", &[("name", &.name), ("dir", &.dir.display()), ("known", &known_plans(.known))]))]
    NotFound {
        name: String,
        dir: PathBuf,
        known: Vec<String>,
    },
    #[error("{}", crate::i18n::trf("err.plan_same_name", &[("n", &.files.len()), ("name", &.name), ("files", &paths(.files))]))]
    SameName { name: String, files: Vec<PathBuf> },
    /// What [`Plan::problems`] found.
    #[error("{}", .0.join("; "))]
    Problems(Vec<String>),
    #[error("{}", crate::i18n::trf("err.plan_name_taken", &[("name", &.name), ("path", &.path.display())]))]
    NameTaken { name: String, path: PathBuf },
    #[error("{}", crate::i18n::trf("err.plan_unreadable_in_the_way", &[("path", &.0.display())]))]
    UnreadableInTheWay(PathBuf),
    /// The file changed under the app and no longer reads as a plan.
    #[error("{}", crate::i18n::trf("err.not_saved", &[("error", &.0)]))]
    NotSaved(#[source] PlanFileError),
    #[error("{}", crate::i18n::trf("err.not_saved_name_taken", &[("name", &.name), ("path", &.path.display())]))]
    NotSavedNameTaken { name: String, path: PathBuf },
    #[error("{}", crate::i18n::tr("err.no_name"))]
    NoName,
    #[error("{}", crate::i18n::trf("err.file_in_the_way", &[("path", &.0.display())]))]
    FileInTheWay(PathBuf),
    #[error("{}", crate::i18n::trf("err.old_file_kept", &[("path", &.path.display()), ("error", &.source)]))]
    OldFileKept { path: PathBuf, source: io::Error },
    #[error("{}", crate::i18n::trf("err.cannot_delete", &[("path", &.path.display()), ("error", &.source)]))]
    Delete { path: PathBuf, source: io::Error },
    /// The file is not what this engage read: another engage or an editor changed it.
    #[error("{}", crate::i18n::trf("err.changed_on_disk", &[("doing", &crate::i18n::tr(.doing)), ("path", &.path.display())]))]
    ChangedOnDisk { path: PathBuf, doing: &'static str },
    #[error("{}", crate::i18n::trf("err.removed", &[("doing", &crate::i18n::tr(.doing)), ("path", &.path.display())]))]
    Removed { path: PathBuf, doing: &'static str },
}

fn known_plans(known: &[String]) -> String {
    if known.is_empty() {
        crate::i18n::tr("err.no_plans_yet").to_owned()
    } else {
        crate::i18n::trf("err.plans_known", &[("plans", &known.join(", "))])
    }
}

fn paths(files: &[PathBuf]) -> String {
    let shown: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    shown.join(", ")
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
            match read_plan_stamped(&path) {
                Ok((plan, stamp)) => listing.plans.push(PlanFile {
                    path,
                    plan,
                    stamp: Some(stamp),
                }),
                Err(problem) => listing.bad.push(BadFile {
                    path,
                    problem: problem.to_string(),
                }),
            }
        }
        listing
    }

    /// The plan named `name` (compared as file names are). Several plans with that name, or a
    /// bad file where it would live, are errors that say which files to look at.
    pub fn find(&self, name: &str) -> Result<PlanFile, PlanError> {
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
                    return Err(PlanError::Unreadable {
                        name: name.to_owned(),
                        problem: bad.problem.clone(),
                    });
                }
                Err(PlanError::NotFound {
                    name: name.to_owned(),
                    dir: self.dir.clone(),
                    known: listing.plans.into_iter().map(|p| p.plan.name).collect(),
                })
            }
            many => Err(PlanError::SameName {
                name: name.to_owned(),
                files: many.iter().map(|p| p.path.clone()).collect(),
            }),
        }
    }

    /// Where a plan of this name is stored.
    pub fn path_for(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{}.json", slug(name)))
    }

    /// Checks `file` on disk still holds what this engage read or wrote (see [`Stamp`]);
    /// `doing` is the catalogue key of what would be refused (`err.doing_saved`).
    fn unchanged(file: &PlanFile, doing: &'static str) -> Result<(), PlanError> {
        let Some(stamp) = file.stamp else {
            return Ok(());
        };
        match Stamp::now(&file.path) {
            Some(now) if now == stamp => Ok(()),
            Some(_) => Err(PlanError::ChangedOnDisk {
                path: file.path.clone(),
                doing,
            }),
            None if !file.path.exists() => Err(PlanError::Removed {
                path: file.path.clone(),
                doing,
            }),
            None => Err(PlanError::ChangedOnDisk {
                path: file.path.clone(),
                doing,
            }),
        }
    }

    /// Saves a new plan; refuses a name in use (by any plan or file, readable or not).
    pub fn create(&self, plan: &Plan) -> Result<PathBuf, PlanError> {
        self.create_file(plan).map(|f| f.path)
    }

    /// Saves a new plan and returns it with its file and stamp.
    pub fn create_file(&self, plan: &Plan) -> Result<PlanFile, PlanError> {
        let problems = plan.problems();
        if !problems.is_empty() {
            return Err(PlanError::Problems(problems));
        }
        let path = self.path_for(&plan.name);
        let listing = self.list();
        if let Some(other) = listing
            .plans
            .iter()
            .find(|p| slug(&p.plan.name) == slug(&plan.name))
        {
            return Err(PlanError::NameTaken {
                name: other.plan.name.clone(),
                path: other.path.clone(),
            });
        }
        if path.exists() {
            return Err(PlanError::UnreadableInTheWay(path));
        }
        let stamp = write_plan(&path, plan)?;
        Ok(PlanFile {
            path,
            plan: plan.clone(),
            stamp: Some(stamp),
        })
    }

    /// Saves changes to a plan read from `file.path`, and records the new stamp. Refuses to
    /// overwrite a file that changed since it was read (another engage saved it, or it was
    /// edited by hand), one that no longer reads as a plan, and a rename onto another plan's
    /// name.
    pub fn save(&self, file: &mut PlanFile) -> Result<(), PlanError> {
        let problems = file.plan.problems();
        if !problems.is_empty() {
            return Err(PlanError::Problems(problems));
        }
        if file.path.exists() {
            read_plan(&file.path).map_err(PlanError::NotSaved)?;
            Self::unchanged(file, "err.doing_saved")?;
        }
        let clash = self
            .list()
            .plans
            .into_iter()
            .find(|p| p.path != file.path && slug(&p.plan.name) == slug(&file.plan.name));
        if let Some(other) = clash {
            return Err(PlanError::NotSavedNameTaken {
                name: other.plan.name,
                path: other.path,
            });
        }
        file.stamp = Some(write_plan(&file.path, &file.plan)?);
        Ok(())
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
    pub fn rename(&self, file: &PlanFile, new_name: &str) -> Result<PlanFile, PlanError> {
        let new_name = new_name.trim();
        if new_name.is_empty() {
            return Err(PlanError::NoName);
        }
        let new_path = self.path_for(new_name);
        let clash = self
            .list()
            .plans
            .into_iter()
            .find(|p| p.path != file.path && slug(&p.plan.name) == slug(new_name));
        if let Some(other) = clash {
            return Err(PlanError::NameTaken {
                name: other.plan.name,
                path: other.path,
            });
        }
        if new_path != file.path && new_path.exists() {
            return Err(PlanError::FileInTheWay(new_path));
        }
        // The old file is removed below: only if it still holds what was read.
        if file.path.exists() {
            read_plan(&file.path).map_err(|e| PlanError::Unreadable {
                name: file.plan.name.clone(),
                problem: format!("not renamed: {e}"),
            })?;
        }
        Self::unchanged(file, "err.doing_renamed")?;
        let mut renamed = file.clone();
        renamed.plan.name = new_name.to_owned();
        renamed.path = new_path;
        renamed.stamp = Some(write_plan(&renamed.path, &renamed.plan)?);
        if renamed.path != file.path {
            fs::remove_file(&file.path).map_err(|source| PlanError::OldFileKept {
                path: file.path.clone(),
                source,
            })?;
        }
        Ok(renamed)
    }

    /// Deletes a plan's file, only if it still holds what was read (`file.stamp`).
    pub fn delete(&self, file: &PlanFile) -> Result<(), PlanError> {
        Self::unchanged(file, "err.doing_deleted")?;
        let path = &file.path;
        fs::remove_file(path).map_err(|source| PlanError::Delete {
            path: path.to_path_buf(),
            source,
        })
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
                .to_string()
                .contains("already exists")
        );
        store.delete(&renamed).unwrap();
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
        store.save(&mut changed).unwrap();
        assert_eq!(
            store.find("WEB").unwrap().plan.objective,
            "Keep readers coming back"
        );
        // Same name, other spelling: refused.
        let err = store.create(&Plan::blank("web")).unwrap_err().to_string();
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
        let err = store.create(&Plan::blank("web")).unwrap_err().to_string();
        assert!(err.contains("left untouched"), "{err}");
        assert!(
            store
                .find("web")
                .unwrap_err()
                .to_string()
                .contains("cannot be read")
        );
        let before = fs::read(&corrupt).unwrap();
        let err = store
            .save(&mut PlanFile {
                path: corrupt.clone(),
                plan: Plan::blank("web"),
                stamp: None,
            })
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("not saved"), "{err}");
        assert_eq!(fs::read(&corrupt).unwrap(), before);
    }

    #[test]
    fn two_files_with_one_name_are_an_error() {
        let (_d, store) = store();
        store.create(&Plan::blank("web")).unwrap();
        write_plan(&store.dir.join("copy.json"), &Plan::blank("Web")).unwrap();
        let err = store.find("web").unwrap_err().to_string();
        assert!(err.contains("2 plans are named"), "{err}");
    }

    /// Two engages open one plan: the second save finds the first's change on disk and
    /// refuses, so neither change is lost silently.
    #[test]
    fn the_second_writer_is_refused_not_the_first_overwritten() {
        let (_d, store) = store();
        store.create(&Plan::blank("web")).unwrap();
        let mut a = store.find("web").unwrap();
        let mut b = store.find("web").unwrap();
        a.plan.objective = "A's objective".into();
        store.save(&mut a).unwrap();
        // A saves again: its own write is no conflict.
        a.plan.goals = vec!["A's goal".into()];
        store.save(&mut a).unwrap();
        b.plan.objective = "B's objective".into();
        let err = store.save(&mut b).unwrap_err().to_string();
        assert!(err.contains("changed on disk since it was read"), "{err}");
        assert_eq!(store.find("web").unwrap().plan.objective, "A's objective");
        // B reads again and saves on top of A's change.
        let mut b = store.find("web").unwrap();
        b.plan.objective = "B's objective".into();
        store.save(&mut b).unwrap();
        let now = store.find("web").unwrap().plan;
        assert_eq!(now.goals, ["A's goal"]);
    }

    /// A plan file edited by hand into something engage cannot read is never deleted,
    /// renamed over or replaced: save, rename and delete all refuse and leave it as it is.
    #[test]
    fn a_file_changed_by_hand_is_never_removed_or_replaced() {
        let (_d, store) = store();
        store.create(&Plan::blank("p1")).unwrap();
        let open = store.find("p1").unwrap();
        let path = open.path.clone();
        fs::write(&path, b"{ corrupt by hand").unwrap();
        let before = fs::read(&path).unwrap();
        let mut edited = open.clone();
        edited.plan.objective = "stale".into();
        assert!(
            store
                .save(&mut edited)
                .unwrap_err()
                .to_string()
                .starts_with("not saved")
        );
        let err = store.rename(&open, "p2").unwrap_err().to_string();
        assert!(err.contains("not renamed"), "{err}");
        assert!(!store.path_for("p2").exists());
        let err = store.delete(&open).unwrap_err().to_string();
        assert!(err.contains("not deleted"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before);
        // A readable edit by hand is not renamed away either.
        write_plan(&path, &Plan::blank("p1 by hand")).unwrap();
        let err = store.rename(&open, "p2").unwrap_err().to_string();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(read_plan(&path).unwrap().name, "p1 by hand");
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let (_d, store) = store();
        let path = store.create(&Plan::blank("bom")).unwrap();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(fs::read(&path).unwrap());
        fs::write(&path, bytes).unwrap();
        assert_eq!(store.find("bom").unwrap().plan.name, "bom");
    }
}
