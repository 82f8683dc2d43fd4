//! Writing files so that a crash or a full disk never leaves a half-written file in place of
//! a good one: write a temporary file beside the target, flush it to disk, then rename it over
//! the target (atomic on the same file system).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The temporary name used while writing `path`: hidden, beside it, unique per process.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "engage".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// What a path is when it is not a regular file, in words (`None` for a regular file or
/// nothing at all).
pub fn not_regular(path: &Path) -> Option<&'static str> {
    let meta = fs::metadata(path).ok()?;
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Refuses to write `target` when it is one of `inputs` (the same file by another name
/// included): `engage import X.csv -o X.csv` would replace the export it reads.
pub fn refuse_input_as_output(target: &Path, inputs: &[PathBuf]) -> io::Result<()> {
    let Ok(out) = fs::canonicalize(target) else {
        return Ok(()); // Not there yet: it cannot be an input.
    };
    for input in inputs {
        if fs::canonicalize(input).is_ok_and(|i| i == out) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is also an input: refusing to write over it (choose another output file)",
                    target.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Temporary files a killed engage left beside `path` (`.NAME.tmp-PID` of a process that is
/// gone; where that cannot be known, older than an hour), removed before writing again.
fn clean_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let gone = if cfg!(target_os = "linux") {
            !Path::new(&format!("/proc/{pid}")).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        if gone && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `path` atomically with whatever `fill` writes; on any error the target is untouched
/// and the temporary file removed. Only a regular file is ever replaced (a FIFO, a device or
/// a folder at `path` is an error); a symbolic link is followed, so the file it points to is
/// replaced and the link kept.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    write_checked(path, fill, |_| Ok(()))
}

/// As [`write_atomic_with`], and `check` reads the written temporary file before it takes
/// the target's place: a file that fails the check never replaces a good one.
pub fn write_checked(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
    check: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(what) = not_regular(path) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is {what}: engage replaces only regular files",
                path.display()
            ),
        ));
    }
    let real = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let path = real.as_path();
    clean_stale_temps(path);
    let tmp = temp_path(path);
    let result = (|| {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        fill(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        check(&tmp)?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_replaced_and_stale_temps_go() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            assert!(
                std::process::Command::new("mkfifo")
                    .arg(&fifo)
                    .status()
                    .unwrap()
                    .success()
            );
            let err = write_atomic(&fifo, b"x").unwrap_err().to_string();
            assert!(err.contains("FIFO"), "{err}");
            assert!(not_regular(&fifo).is_some(), "still a FIFO");
            // A link: the file it points to is replaced, the link kept.
            let real = dir.path().join("real.json");
            write_atomic(&real, b"old").unwrap();
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            write_atomic(&link, b"new").unwrap();
            assert!(
                fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(fs::read(&real).unwrap(), b"new");
        }
        // A temporary file of a process that is gone is removed by the next write.
        let path = dir.path().join("plan.json");
        let stale = dir.path().join(".plan.json.tmp-4000000");
        fs::write(&stale, b"half").unwrap();
        write_atomic(&path, b"whole").unwrap();
        if cfg!(target_os = "linux") {
            assert!(!stale.exists());
        }
        // A check that fails keeps the old file.
        let failed = write_checked(
            &path,
            |out| out.write_all(b"bad"),
            |_| Err(io::Error::other("does not validate")),
        );
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"whole");
        // The output named as an input is refused.
        let err = refuse_input_as_output(&path, &[dir.path().join("./plan.json")]).unwrap_err();
        assert!(err.to_string().contains("is also an input"));
        assert!(refuse_input_as_output(&path, &[dir.path().join("other.json")]).is_ok());
    }

    #[test]
    fn replaces_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        write_atomic(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        let failed = write_atomic_with(&path, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"first", "target untouched");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "temporary file removed");
    }
}
