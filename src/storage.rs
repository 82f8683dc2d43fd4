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

/// Writes `path` atomically with whatever `fill` writes; on any error the target is untouched
/// and the temporary file removed.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        fill(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
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
