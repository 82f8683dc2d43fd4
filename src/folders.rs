//! Where engage keeps its files: plans in the data folder, settings in the config folder,
//! the stores of opened snapshots in the cache folder.
//!
//! Order of precedence: the `--home DIR` flag, then `ENGAGE_HOME` (both put everything under
//! one folder: `DIR/plans`, `DIR/config`, `DIR/cache`), then `XDG_DATA_HOME` /
//! `XDG_CONFIG_HOME` / `XDG_CACHE_HOME` (honoured on every platform, macOS included, as
//! terminal users expect), then the platform's conventions from `directories`
//! (`~/.local/share/engage`, `~/Library/Application Support/engage`, `%APPDATA%\engage`; the
//! cache in `~/.cache/engage`, `~/Library/Caches/engage`, `%LOCALAPPDATA%\engage\cache`).

use std::path::{Path, PathBuf};

/// No folder to keep engage's files in: no flag, no `ENGAGE_HOME`, and no home folder the
/// platform knows of (a service account, a stripped container).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::i18n::tr("err.no_home"))]
pub struct NoHomeFolder;

/// The folders in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folders {
    pub data: PathBuf,
    pub config: PathBuf,
    /// What can be rebuilt from the user's files (the snapshot cache).
    pub cache: PathBuf,
    /// How they were chosen, for `engage plan list` and error messages.
    pub origin: &'static str,
}

impl Folders {
    /// Resolves the folders from the flag and the environment.
    pub fn resolve(home_flag: Option<&Path>) -> Result<Folders, NoHomeFolder> {
        Self::resolve_with(home_flag, |k| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// As [`Folders::resolve`], reading the environment through `env` (for tests).
    pub fn resolve_with(
        home_flag: Option<&Path>,
        env: impl Fn(&str) -> Option<PathBuf>,
    ) -> Result<Folders, NoHomeFolder> {
        if let Some(home) = home_flag {
            return Ok(Self::under(home, "--home"));
        }
        if let Some(home) = env("ENGAGE_HOME") {
            return Ok(Self::under(&home, "ENGAGE_HOME"));
        }
        let dirs = directories::ProjectDirs::from("", "", "engage");
        let data = env("XDG_DATA_HOME")
            .map(|d| d.join("engage"))
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()));
        let config = env("XDG_CONFIG_HOME")
            .map(|d| d.join("engage"))
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()));
        let cache = env("XDG_CACHE_HOME")
            .map(|d| d.join("engage"))
            .or_else(|| dirs.as_ref().map(|d| d.cache_dir().to_path_buf()));
        match (data, config, cache) {
            (Some(data), Some(config), Some(cache)) => Ok(Folders {
                data,
                config,
                cache,
                origin: "XDG / platform default",
            }),
            _ => Err(NoHomeFolder),
        }
    }

    fn under(home: &Path, origin: &'static str) -> Folders {
        Folders {
            data: home.to_path_buf(),
            config: home.join("config"),
            cache: home.join("cache"),
            origin,
        }
    }

    pub fn plans(&self) -> PathBuf {
        self.data.join("plans")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<PathBuf> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| PathBuf::from(v))
        }
    }

    #[test]
    fn precedence() {
        let all = [
            ("ENGAGE_HOME", "/e"),
            ("XDG_DATA_HOME", "/x/data"),
            ("XDG_CONFIG_HOME", "/x/config"),
        ];
        let f = Folders::resolve_with(Some(Path::new("/flag")), env(&all)).unwrap();
        assert_eq!(f.plans(), Path::new("/flag/plans"));
        let f = Folders::resolve_with(None, env(&all)).unwrap();
        assert_eq!(f.plans(), Path::new("/e/plans"));
        assert_eq!(f.config, Path::new("/e/config"));
        assert_eq!(f.cache, Path::new("/e/cache"));
        let f = Folders::resolve_with(None, env(&all[1..])).unwrap();
        assert_eq!(f.plans(), Path::new("/x/data/engage/plans"));
        assert_eq!(f.config, Path::new("/x/config/engage"));
    }
}
