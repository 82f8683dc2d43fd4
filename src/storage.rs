//! Files on disk. Writing: a crash or a full disk never leaves a half-written file in place
//! of a good one (write a temporary file beside the target, flush it to disk, then rename it
//! over the target, atomic on the same file system). Reading: only regular files are read (a
//! FIFO blocks forever, a device never ends), and small files (plans, config, mappings) only
//! up to a size, so that no name the user gives can hang engage or exhaust its memory.

use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The most a plan, config, mapping or session file may hold: 1 MiB (a plan is a few KB).
pub const SMALL_FILE_LIMIT: u64 = 1 << 20;

/// What a path that is not a regular file is, as messages say it.
fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// The error for a path that is not a regular file: it names what the path is.
fn not_regular(meta: &Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {}, not a regular file", kind_of(meta)),
    )
}

/// The metadata of `path` (symbolic links followed) when it is a regular file; otherwise an
/// error naming what it is (`it is a FIFO (named pipe), not a regular file`). Looked at
/// before opening: opening a FIFO blocks until someone writes to it.
pub fn regular_file(path: &Path) -> io::Result<Metadata> {
    let meta = fs::metadata(path)?;
    if meta.is_file() {
        Ok(meta)
    } else {
        Err(not_regular(&meta))
    }
}

/// Opens `path` for reading when it is a regular file, with its length. The opened file is
/// checked again, so a path swapped for a FIFO or a device between the look and the open
/// is still refused.
pub fn open_regular(path: &Path) -> io::Result<(File, u64)> {
    regular_file(path)?;
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    Ok((file, meta.len()))
}

/// A limit as people say it: `1 MiB`.
fn mib(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} B")
    }
}

/// The whole of a regular file of at most `limit` bytes; a bigger one is refused with its
/// size, before anything is read (and a file growing while read stops at the limit too).
pub fn read_capped(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, len) = open_regular(path)?;
    let too_big = |size: u64| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is {} bytes, more than the {} bytes ({}) a file of this kind may hold",
                crate::text::thousands(size),
                crate::text::thousands(limit),
                mib(limit)
            ),
        )
    };
    if len > limit {
        return Err(too_big(len));
    }
    let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(too_big(out.len() as u64));
    }
    Ok(out)
}

/// [`read_capped`] as UTF-8 text, without a byte-order mark if it has one.
pub fn read_capped_text(path: &Path, limit: u64) -> io::Result<String> {
    let bytes = read_capped(path, limit)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (byte 0x{:02x} at offset {})",
                body[e.valid_up_to()],
                e.valid_up_to() + usize::from(body.len() < bytes.len()) * 3
            ),
        )),
    }
}

/// The temporary name used while writing `path`: hidden, beside it, unique per process.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "engage".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// What a path is when it exists and is not a regular file, in words (`None` for a regular
/// file or nothing at all).
pub fn not_a_regular_file(path: &Path) -> Option<&'static str> {
    let meta = fs::metadata(path).ok()?;
    (!meta.is_file()).then(|| kind_of(&meta))
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
    replace_with(path, fill, check, true)
}

/// As [`write_atomic_with`], without waiting for the disk: for a cache entry, whose
/// checksums catch a file a crash left half-written (it is then parsed again, never used),
/// so that writing 300 MB costs the copy, not the flush.
pub fn write_atomic_unsynced(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    replace_with(path, fill, |_| Ok(()), false)
}

fn replace_with(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
    check: impl FnOnce(&Path) -> io::Result<()>,
    sync: bool,
) -> io::Result<()> {
    if let Some(what) = not_a_regular_file(path) {
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
        if sync {
            file.sync_all()?;
        }
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
            assert!(not_a_regular_file(&fifo).is_some(), "still a FIFO");
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
    fn reads_only_small_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        fs::write(&path, b"\xEF\xBB\xBF{}").unwrap();
        assert_eq!(read_capped_text(&path, 10).unwrap(), "{}");
        let e = read_capped(&path, 4).unwrap_err().to_string();
        assert!(e.contains("it is 5 bytes, more than the 4 bytes"), "{e}");
        let e = read_capped(dir.path(), 4).unwrap_err().to_string();
        assert_eq!(e, "it is a folder, not a regular file");
        #[cfg(unix)]
        {
            let e = regular_file(Path::new("/dev/null"))
                .unwrap_err()
                .to_string();
            assert_eq!(e, "it is a character device, not a regular file");
        }
        fs::write(&path, b"{\xff}").unwrap();
        let e = read_capped_text(&path, 10).unwrap_err().to_string();
        assert!(e.contains("byte 0xff at offset 1"), "{e}");
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
